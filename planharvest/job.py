"""One document: read -> stitch -> assemble -> normalise, as plain values in and out.

:func:`process_document` takes a :class:`DocumentJob` of plain values and
returns a :class:`DocumentResult` of plain values (both picklable), so it
runs the same inline, in a process pool or on a Dask cluster (``batch``).
It never raises: a document that fails is a ``failed`` record whose message
is the document's fault only for a ``PlanharvestError`` (or an ``OSError``
reading it); anything else is labelled an internal error, with its traceback
under ``--debug``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from planharvest.errors import PlanharvestError
from planharvest.extract.actions import assemble_document
from planharvest.extract.detect import detect_format, what_bytes
from planharvest.extract.formats import (
    READABLE_KINDS,
    import_readers,
    read_document,
    worth_reading,
)
from planharvest.extract.glossary import read_glossary
from planharvest.extract.grid import DocumentContent
from planharvest.extract.roles import refusal_summary
from planharvest.extract.stitch import stitch_tables
from planharvest.limits import TimeLimitExceeded, check_time, time_limit
from planharvest.model import Action, DocumentRecord
from planharvest.normalise.actions import Registries, Source, normalise_actions
from planharvest.optionfiles import OptionText
from planharvest.settings import Settings

#: The start of a skipped file's message when it is not a document at all.
NOT_A_DOCUMENT = "not a supported file type"
#: The start of a skipped file's message when it holds the same bytes as an earlier input.
DUPLICATE_OF = "same bytes as "


class InputError(PlanharvestError):
    """A document could not be read; the message says which file and why."""


@dataclass(frozen=True)
class DocumentJob:
    """One document to convert: everything a worker needs, as plain values."""

    path: str  # absolute path
    relative: str  # path relative to the input folder it was found in
    settings: Settings
    #: the ``--owners`` / ``--indicators`` files' text, read once by the run (a pipe too)
    owners_file: OptionText | None = None
    indicators_file: OptionText | None = None
    owner_aliases: tuple[tuple[str, str], ...] = ()
    debug: bool = False
    sha256: str = ""  # the document's hash when the caller has computed it already


@dataclass
class DocumentResult:
    """What one document gave: its record (status, message, counts) and its rows."""

    record: DocumentRecord
    actions: list[Action] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False  # answered from the result cache: the document was not read


# -- the document's bytes ------------------------------------------------------------


def sha256_of(path: Path) -> str:
    """The file's SHA-256; an OSError saying why when it is not a regular file."""
    digest = hashlib.sha256()
    with open_regular_file(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def what_it_is(path: Path) -> str:
    """What the file at ``path`` (links followed) is, in words: "a folder", "a device",
    "a named pipe", "a socket"; for a regular file its name's ending ("no extension")."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return f"cannot be examined: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return path.suffix or "no extension"
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def open_regular_file(path: Path) -> os.FileIO:
    """``path`` opened for reading when it is a regular file (after links); otherwise an
    OSError whose ``strerror`` says what it is. A named pipe would block ``open`` until a
    writer came and a device such as /dev/zero never ends, so the kind is checked on the
    opened descriptor (no race), opened without blocking."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "it is a symbolic link loop: the link never reaches "
                                       "a file") from error
        raise
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file; only regular files "
                                    "are read")
    return os.fdopen(descriptor, "rb", buffering=0)


# -- read, stitch, assemble, normalise ---------------------------------------------------


def read_content(path: Path, file_format: str, settings: Settings) -> DocumentContent:
    """Dispatch to the reader for ``file_format``; readers raise ``PlanharvestError``s."""
    return read_document(path, file_format, settings)


_REGISTRIES: dict[tuple, Registries] = {}


def _registries(job: DocumentJob) -> Registries:
    """Registries are loaded once per worker process and reused for every document."""
    key = (job.owners_file, job.indicators_file, job.owner_aliases)
    if key not in _REGISTRIES:
        _REGISTRIES[key] = Registries.load(job.owners_file, job.indicators_file,
                                           job.owner_aliases)
    return _REGISTRIES[key]


#: Formats read through LibreOffice, which a worker converts together (``process_documents``).
_LEGACY_FORMATS = frozenset({"doc", "odt", "rtf"})


def process_documents(jobs: tuple[DocumentJob, ...]) -> list[DocumentResult]:
    """Convert several documents in one worker, one result each, in order; never raises.

    The legacy files among them (``.doc``, ``.odt``, ``.rtf``) are converted to ``.docx``
    first, together, in one LibreOffice call (``legacy.convert_batch``: the per-file time
    limit still holds, and a file the call could not convert is converted alone by its own
    ``process_document``); then each document is processed as on its own.
    """
    legacy = [(Path(job.path), kind) for job in jobs if (kind := _legacy_format(job))]
    if len(legacy) < 2:
        return [process_document(job) for job in jobs]
    from planharvest.extract.legacy import convert_batch, find_soffice  # LibreOffice's side

    if find_soffice() is None:
        return [process_document(job) for job in jobs]
    with convert_batch(legacy, jobs[0].settings.limits.max_seconds_per_document):
        return [process_document(job) for job in jobs]


def _legacy_format(job: DocumentJob) -> str | None:
    """The job's format when LibreOffice reads it and the file was hashed (so it is a
    regular file, safe to open), else None."""
    path = Path(job.path)
    if not job.sha256 or path.suffix.lower().lstrip(".") not in _LEGACY_FORMATS:
        return None
    try:
        kind = detect_format(path)
    except OSError:
        return None
    return kind if kind in _LEGACY_FORMATS else None


def process_document(job: DocumentJob) -> DocumentResult:
    """Convert one document. Never raises: a failure is a ``failed`` record with the reason.

    The reading and normalising run under ``LimitSettings.max_seconds_per_document``; the
    worker's one-time set-up (reference registries) does not count against it.
    """
    started = time.perf_counter()
    path = Path(job.path)
    record = DocumentRecord(path=job.relative)
    try:
        if not worth_reading(path):
            record.status, record.error = "skipped", f"{NOT_A_DOCUMENT} ({what_it_is(path)})"
            return DocumentResult(record)
        registries = _registries(job)
        import_readers(path.suffix.lower())  # the readers' imports: set-up too
        with time_limit(job.settings.limits.max_seconds_per_document):
            record.sha256 = job.sha256 or sha256_of(path)
            actions = _convert(path, job, record, registries)
        return DocumentResult(record, actions, time.perf_counter() - started)
    except TimeLimitExceeded:
        record.status = "failed"
        seconds = job.settings.limits.max_seconds_per_document
        record.error = (f"took longer than the limit of {seconds:g} "
                        "s and was abandoned (max_seconds_per_document; --max-seconds)")
    except OSError as error:
        record.status, record.error = "failed", f"cannot read the file: {error.strerror or error}"
    except PlanharvestError as error:  # expected failures carry a clear message
        record.status, record.error = "failed", str(error)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
        record.status = "failed"
        record.error = f"internal error while reading this file: {type(error).__name__}: {error}"
        if job.debug:
            record.error += "\n" + traceback.format_exc()
    return DocumentResult(record, [], time.perf_counter() - started)


def _convert(path: Path, job: DocumentJob, record: DocumentRecord,
             registries: Registries) -> list[Action]:
    """Read, stitch, assemble and normalise one document, filling in ``record``."""
    if path.stat().st_size == 0:
        raise InputError("the file is empty (0 bytes): nothing to read")
    file_format = detect_format(path)
    if file_format is None:
        kind = what_bytes(path)
        raise InputError(f"the file's bytes are not {READABLE_KINDS}"
                         + (f": it is {kind}, whatever its name says" if kind else ""))
    record.format = file_format
    content = read_content(path, file_format, job.settings)
    record.pages = content.pages
    record.tables_found = len(content.tables)
    check_time()  # between stages: the time limit where no alarm can reach (a thread)
    blocks = stitch_tables(content.blocks)
    assembly = assemble_document(
        DocumentContent(blocks=blocks, title=content.title, pages=content.pages,
                        ocr_pages=content.ocr_pages), job.settings
    )
    title, raws = assembly.title, assembly.actions
    check_time()
    source = Source(job.relative, record.sha256, file_format, frozenset(content.ocr_pages))
    actions = normalise_actions(title, raws, source, registries, job.settings,
                                read_glossary(content.blocks))
    record.actions_found = len(actions)
    # What a reader could not read (a scanned page without OCR, say) is said here, where the
    # user looks, even when the rest of the file converted.
    messages = list(content.warnings)
    if not actions:
        refused = refusal_summary(assembly.refused)
        messages.append(f"no action tables found ({record.tables_found} tables"
                        f"{': ' + refused if refused else ''}); "
                        "see `planharvest tables --roles` for what was read")
    record.error = "; ".join(messages)
    return actions
