"""Input formats: one table from a detected format to the reader that reads it.

``detect.detect_format`` names what a file is from its bytes; ``FORMATS`` says,
for each name, which ``Reader`` reads it, which file suffixes are worth opening,
what must be installed for it and what a user calls it. ``read_document`` is
what ``convert`` and ``tables`` call. Adding an input format takes its reader
module and one line in ``FORMATS`` (and ``detect_format`` learning its bytes).

A reader is named here by module and function and imported on its first call:
this table is imported whenever the command line starts, while the readers
import pdfplumber, python-docx, numpy and PIL, most of a second that only the
processes reading documents need. ``import_readers`` imports them ahead, as a
worker's set-up.

Every failure a reader raises is a ``PlanharvestError`` whose message says what
is wrong.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from planharvest.errors import PlanharvestError
from planharvest.extract.detect import sniff_format
from planharvest.extract.grid import DocumentContent
from planharvest.settings import Settings


class Reader(Protocol):
    """Reads one document: ``pages`` (1-based) limits a paged format to those pages and is
    ignored by formats that have none (Word)."""

    def __call__(
        self, path: Path, settings: Settings, pages: set[int] | None
    ) -> DocumentContent: ...


class DocumentError(PlanharvestError):
    """The document cannot be read in its format; the message says why."""


@dataclass(frozen=True)
class _Deferred:
    """A ``Reader`` imported on its first call: ``module``'s ``function``, called with
    ``options`` as keywords besides the reader's own arguments."""

    module: str
    function: str
    options: tuple[tuple[str, str], ...] = ()

    def __call__(self, path: Path, settings: Settings, pages: set[int] | None) -> DocumentContent:
        reader = getattr(importlib.import_module(self.module), self.function)
        return reader(path, settings, pages, **dict(self.options))


def _deferred(target: str, **options: str) -> Reader:
    """The reader ``"package.module:function"``, imported on its first call."""
    module, _, function = target.partition(":")
    return _Deferred(module, function, tuple(sorted(options.items())))


def _refuse_encrypted(path: Path, settings: Settings, pages: set[int] | None) -> DocumentContent:
    raise DocumentError("the file is password-protected (encrypted Office document)")


@dataclass(frozen=True)
class InputFormat:
    """One format ``detect.detect_format`` can name, and how it is read."""

    name: str  # as detect_format names it, and the documents.csv ``format`` column
    kind: str  # what a user calls it, in messages: "Word"
    suffixes: frozenset[str]  # file endings worth opening for it (none: never given as such)
    reader: Reader
    needs: str | None = None  # what must be installed to read it
    paged: bool = False  # has pages a reader can be limited to (``pages``)


FORMATS: dict[str, InputFormat] = {fmt.name: fmt for fmt in (
    InputFormat("pdf", "PDF", frozenset({".pdf"}),
                _deferred("planharvest.extract.pdf.scans:read_pdf_document"),
                needs="Tesseract, for scanned pages", paged=True),
    InputFormat("docx", "Word", frozenset({".docx", ".docm", ".dotx"}),
                _deferred("planharvest.extract.docx:read_docx")),
    InputFormat("doc", "Word", frozenset({".doc", ".dot"}),
                _deferred("planharvest.extract.legacy:read_converted", file_format="doc"),
                needs="LibreOffice"),
    InputFormat("odt", "OpenDocument", frozenset({".odt"}),
                _deferred("planharvest.extract.legacy:read_converted", file_format="odt"),
                needs="LibreOffice"),
    InputFormat("rtf", "RTF", frozenset({".rtf"}),
                _deferred("planharvest.extract.legacy:read_converted", file_format="rtf"),
                needs="LibreOffice"),
    InputFormat("encrypted", "password-protected Office", frozenset(), _refuse_encrypted),
)}

#: File endings worth a look; any other file is read only when its first bytes are a
#: document's (:func:`worth_reading`), else listed as skipped.
CANDIDATE_SUFFIXES = frozenset().union(*(fmt.suffixes for fmt in FORMATS.values()))


def worth_reading(path: Path) -> bool:
    """True for a file named as a document, or one whose bytes begin as one (a PDF saved
    without an extension, a Word file called ``plan.bin``)."""
    return path.suffix.lower() in CANDIDATE_SUFFIXES or sniff_format(path) is not None


def _one_of(kinds: list[str]) -> str:
    """"PDF, Word or RTF": the kinds in order, each once."""
    unique = list(dict.fromkeys(kinds))
    return unique[0] if len(unique) == 1 else f"{', '.join(unique[:-1])} or {unique[-1]}"


#: The kinds of file planharvest reads, for messages: "PDF, Word, OpenDocument or RTF".
READABLE_KINDS = _one_of([fmt.kind for fmt in FORMATS.values() if fmt.suffixes])


def read_document(
    path: Path, file_format: str, settings: Settings, pages: set[int] | None = None
) -> DocumentContent:
    """Blocks of the document at ``path`` read as ``file_format`` (a ``FORMATS`` name);
    ``pages`` (1-based) limits a PDF to those pages and is ignored for Word files."""
    input_format = FORMATS.get(file_format)
    if input_format is None:
        raise DocumentError(f"{file_format} files are not supported")
    return input_format.reader(path, settings, pages)


def import_readers(suffix: str | None = None) -> None:
    """Import deferred readers now (a worker's set-up, before its first document): those of
    the formats named by the file ending ``suffix`` (".docx"), or every one when ``suffix`` is
    None or names none of them. A run of Word files then never imports the PDF reader's
    pdfplumber, numpy and PIL (half a second of CPU); a file whose ending lies has its
    reader imported on its first call."""
    chosen = [fmt for fmt in FORMATS.values() if suffix is not None and suffix in fmt.suffixes]
    for input_format in chosen or FORMATS.values():
        if isinstance(input_format.reader, _Deferred):
            importlib.import_module(input_format.reader.module)
