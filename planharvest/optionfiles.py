"""The text files a user hands ``convert`` (``--owners``, ``--indicators``, ``--decisions``),
read once, whatever wrote them.

Such files are typed or saved in Excel and other Windows tools as often as in
an editor, so the bytes are decoded by what they are, not assumed UTF-8: a
byte-order mark says UTF-8 or UTF-16 (Excel's "Unicode text"); without one,
UTF-8, then Windows-1252 (Excel's "CSV" on a Western-European Windows, where
a curly apostrophe is byte 0x92). Bytes that are none of these, or a NUL
outside UTF-16 (a spreadsheet or a picture given by mistake), are refused
with the file and the line named.

A file is read whole, once, in the process that starts the run, so a pipe
(``--owners <(grep … all.csv)``) is read like a file, and the workers get its
text (:class:`OptionText`), never a path they would have to open again.
Reading CSV here too lets every problem -- a missing column, a cell longer
than the csv module's limit -- be one :class:`~planharvest.errors.OptionFileError`
naming the file and the line.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planharvest.errors import OptionFileError

#: Largest option file read (an owners list of 100,000 organisations is a few MB).
MAX_BYTES = 64 * 2**20
#: Byte-order marks and the codec each one means, longest first (UTF-32 is not offered:
#: nothing a user saves a CSV with writes it).
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class OptionText:
    """An option file's text, decoded, and the name it was given by (for messages)."""

    name: str
    text: str


def read_option_file(path: Path, option: str | None = None) -> OptionText:
    """The text of ``path`` decoded as described above; ``OptionFileError`` naming the
    file (and ``option``) when it cannot be read or is not text."""
    path = Path(path)
    try:
        with path.open("rb") as handle:  # a pipe too: read, not stat-ed
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise OptionFileError(f"{path}: cannot read it: {error.strerror or error}",
                              option) from None
    if len(data) > MAX_BYTES:
        raise OptionFileError(f"{path}: larger than {MAX_BYTES // 2**20} MB; not an option file",
                              option)
    return OptionText(str(path), decode(data, str(path), option))


def decode(data: bytes, name: str, option: str | None = None) -> str:
    """``data`` as text: by its byte-order mark, else UTF-8, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise OptionFileError(f"{name}, line {_line_at(data, error.start)}: not "
                                      f"{encoding.upper()} text although it starts as such "
                                      f"(byte {error.start})", option) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise OptionFileError(f"{name}, line {_line_at(data, nul)}: not a text "
                              "file (it holds NUL bytes: a spreadsheet, a picture?); save it "
                              "as CSV", option)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise OptionFileError(f"{name}, line {_line_at(data, error.start)}: neither UTF-8 nor "
                              f"Windows-1252 text (byte 0x{data[error.start]:02x}); save it as "
                              "CSV UTF-8", option) from None


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def csv_rows(source: OptionText, required: tuple[str, ...], what: str,
             option: str | None = None, *, whole_lines: bool = False,
             ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, cells by column) for each line of the CSV text after its header.

    The header must name every column of ``required`` (``what`` says what the file is
    for, in the message); a malformed line (a cell over the csv module's limit of
    131,072 characters, a stray NUL) is an ``OptionFileError`` naming the line, and so
    is, with ``whole_lines``, a line of more or fewer cells than the header.
    """
    reader = csv.reader(source.text.splitlines(keepends=True))
    line_end = 0
    try:
        header = [name.strip() for name in next(reader, [])]
        line_end = reader.line_num
        missing = [name for name in required if name not in header]
        if missing:
            found = ", ".join(repr(name) for name in header) or "nothing"
            raise OptionFileError(f"{source.name}, line 1: {what} needs the column(s) "
                                  f"{', '.join(missing)} (the header has {found})", option)
        for cells in reader:
            line_start, line_end = line_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if whole_lines and len(cells) != len(header):
                raise OptionFileError(f"{source.name}, line {line_start}: {len(cells)} cells, "
                                      f"the header has {len(header)}", option)
            yield line_start, dict(zip(header, cells, strict=False))
    except csv.Error as error:
        raise OptionFileError(f"{source.name}, line {line_end + 1}: not readable as CSV: "
                              f"{_csv_problem(error)}", option) from None


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    return text
