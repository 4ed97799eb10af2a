"""Generators of hostile and broken inputs, written at test time (no binaries are committed).

Used by the tests (``tests/e2e/test_hostile.py``: small, fast variants) and by
``bench/robustness.py`` and ``bench/fuzz_readers.py`` (the big ones: a 2,000-page PDF, a ZIP
bomb inflating to gigabytes), so it lives beside the samples' other makers. Everything
is built from the standard library plus pypdfium2 (a pdfplumber dependency), so
CI needs nothing new:

* PDFs are written by a small PDF writer here: ruled action tables in Helvetica,
  optionally encrypted with the PDF Standard security handler (revision 3, 128-bit
  RC4, as Acrobat 5 writes it) -- an empty user password (opens without asking,
  printing restricted by an owner password) or a real one;
* a password-protected ``.docx`` is what Word saves: an OLE2 compound file holding
  ``EncryptionInfo`` and ``EncryptedPackage`` streams; the compound file is
  written here byte by byte (the streams' contents are random, which is all a
  reader without the password can see anyway);
* ZIP packages are written by a raw ZIP writer here, so a part can lie about its
  size and a multi-gigabyte part costs one compressed chunk repeated.

``CASES`` lists every bad input with what the batch must report for it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.schema import columns

SAMPLES = Path(__file__).resolve().parent

# -- a small PDF writer ---------------------------------------------------------------------

#: Padding of the PDF Standard security handler (ISO 32000-1, 7.6.3.3, Algorithm 2).
_PDF_PASSWORD_PAD = bytes.fromhex(
    "28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
#: Permissions with printing and copying switched off (bits 3 and 5 clear), as a signed int.
_PDF_PERMISSIONS = -3904

#: A landscape A4 page, in points.
PAGE_WIDTH, PAGE_HEIGHT = 842, 595
#: Column widths (pt) of the generated action table: reference, action, lead, deadline.
_COLUMN_WIDTHS = (60, 420, 160, 120)
HEADER = ("Ref", "Action", "Lead", "Deadline")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _rc4_rounds(key: bytes, data: bytes) -> bytes:
    """Revision 3's twenty RC4 passes, each with the key XORed with the pass number."""
    for round_number in range(20):
        data = _rc4(bytes(byte ^ round_number for byte in key), data)
    return data


@dataclass(frozen=True)
class PdfPasswords:
    """Passwords of an encrypted PDF: ``user`` opens it ('' = opens without asking)."""

    user: str
    owner: str = "owner-secret"


class _Rc4Encryption:
    """Standard security handler, revision 3 (128-bit RC4)."""

    def __init__(self, passwords: PdfPasswords, file_id: bytes) -> None:
        user = (passwords.user.encode("latin-1") + _PDF_PASSWORD_PAD)[:32]
        owner = (passwords.owner.encode("latin-1") + _PDF_PASSWORD_PAD)[:32]
        owner_key = hashlib.md5(owner).digest()
        for _ in range(50):
            owner_key = hashlib.md5(owner_key).digest()
        self.o_entry = _rc4_rounds(owner_key, user)
        key = hashlib.md5(user + self.o_entry + struct.pack("<i", _PDF_PERMISSIONS)
                          + file_id).digest()
        for _ in range(50):
            key = hashlib.md5(key).digest()
        self.key = key
        self.u_entry = _rc4_rounds(key, hashlib.md5(_PDF_PASSWORD_PAD + file_id).digest())
        self.u_entry += bytes(16)

    def dictionary(self) -> bytes:
        return (b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>"
                % (_PDF_PERMISSIONS, self.o_entry.hex().encode(), self.u_entry.hex().encode()))

    def stream(self, number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(self.key + number.to_bytes(3, "little") + bytes(2)).digest()
        return _rc4(object_key, data)


def pdf_bytes(contents: list[bytes], passwords: PdfPasswords | None = None,
              page_size: tuple[int, int] = (PAGE_WIDTH, PAGE_HEIGHT),
              compress: bool = False) -> bytes:
    """A PDF with one page per content stream, text in Helvetica (a standard font);
    ``compress``: content streams deflated (FlateDecode), as most PDFs store them."""
    file_id = hashlib.md5(b"".join(contents)).digest()
    encryption = _Rc4Encryption(passwords, file_id) if passwords else None
    pages_number, font_number = 2, 3
    first_page = 4  # page n is object first_page + 2n, its content stream the next one
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * n) for n in range(len(contents)))
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        pages_number: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        font_number: (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                      b"/Encoding /WinAnsiEncoding >>"),
    }
    for n, content in enumerate(contents):
        page, stream = first_page + 2 * n, first_page + 2 * n + 1
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                         b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                         % (*page_size, stream))
        data = zlib.compress(content, 9) if compress else content
        data = encryption.stream(stream, data) if encryption else data
        objects[stream] = b"<< /Length %d%s >>\nstream\n%s\nendstream" % (
            len(data), b" /Filter /FlateDecode" if compress else b"", data)
    trailer_extra = b""
    if encryption:
        encrypt_number = max(objects) + 1
        objects[encrypt_number] = encryption.dictionary()
        trailer_extra = b" /Encrypt %d 0 R" % encrypt_number
    return _pdf_file(objects, file_id, trailer_extra)


def _pdf_file(objects: dict[int, bytes], file_id: bytes, trailer_extra: bytes = b"") -> bytes:
    """Objects (number -> body; 1 is the catalogue) as a PDF file with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in sorted(objects))
    out += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, file_id.hex().encode(), file_id.hex().encode(), trailer_extra,
               xref_at))
    return bytes(out)


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def table_page(rows: list[tuple[str, ...]], top: float = 540.0, row_height: float = 24.0,
               heading: str = "", widths: tuple[float, ...] = _COLUMN_WIDTHS) -> bytes:
    """A content stream drawing ``rows`` as a ruled table (one line of 9 pt text per cell)."""
    left = 40.0
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    ops: list[bytes] = [b"0.5 w"]
    if heading:
        ops.append(b"BT /F1 14 Tf %.1f %.1f Td (%s) Tj ET" % (left, top + 16, _pdf_text(heading)))
    bottom = top - row_height * len(rows)
    for r in range(len(rows) + 1):
        y = top - r * row_height
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y))
    for x in xs:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, bottom))
    for r, row in enumerate(rows):
        y = top - r * row_height - 15
        for x, text in zip(xs, row, strict=False):
            ops.append(b"BT /F1 9 Tf %.1f %.1f Td (%s) Tj ET" % (x + 4, y, _pdf_text(text)))
    return b"\n".join(ops)


def action_rows(first: int, count: int) -> list[tuple[str, str, str, str]]:
    """Plausible action rows numbered from ``first``: a reference, text, lead and month."""
    months = ("March 2009", "June 2009", "Sept 2009", "December 2009")
    return [(f"A{n}", f"Run community safety event number {n} in the town centre",
             "Police", months[n % len(months)]) for n in range(first, first + count)]


def action_plan_pdf(path: Path, pages: int = 1, rows_per_page: int = 3,
                    passwords: PdfPasswords | None = None, first: int = 1) -> Path:
    """A born-digital action plan: each page a ruled table with the header row and actions
    (references numbered from ``first``)."""
    contents = [table_page([HEADER, *action_rows(first + page * rows_per_page, rows_per_page)],
                           heading="Community Safety Action Plan" if page == 0 else "")
                for page in range(pages)]
    return write_file(path, pdf_bytes(contents, passwords))


def broken_page_tree_pdf(path: Path) -> Path:
    """A plan whose page list (``/Kids``) is cut by NUL bytes: pdfminer cannot list the pages.
    Found by bench/fuzz_readers.py."""
    action_plan_pdf(path)
    return write_file(path, path.read_bytes().replace(b"/Kids [4 0 R]",
                                                      b"/Kids [4 0 R" + bytes(40) + b"]"))


def bad_media_box_pdfs(folder: Path) -> list[Path]:
    """Plans whose page size holds a name among its numbers, or is missing: pdfplumber
    refuses to list such pages. Found by bench/fuzz_readers.py."""
    boxes = {"media_box_name.pdf": b"/MediaBox [0 0 842 /x 595]", "media_box_none.pdf": b"",
             "media_box_string.pdf": b"/MediaBox [<14> 62 842 595]",
             "media_box_short.pdf": b"/MediaBox [0 0 842]"}
    paths = []
    for name, box in boxes.items():
        path = action_plan_pdf(folder / name)
        paths.append(write_file(path, path.read_bytes().replace(b"/MediaBox [0 0 842 595]",
                                                                box)))
    return paths


def dense_text_pdf(path: Path, characters: int = 100_000, words: bool = True,
                   compress: bool = False) -> Path:
    """One tall page holding ``characters`` characters of 4 pt text (words, or one long run).
    Compressed, a million characters of words fit in a file of some 10 kB: a PDF bomb."""
    per_line = 250
    lines = -(-characters // per_line)
    height = int(lines * 4.5) + 40
    unit = "word " if words else "x"
    text = (unit * (characters // len(unit) + 1))[:characters]
    ops = [b"BT /F1 4 Tf 4.5 TL 10 %d Td" % (height - 20)]
    ops += [b"(%s) '" % _pdf_text(text[start:start + per_line])
            for start in range(0, characters, per_line)]
    ops.append(b"ET")
    return write_file(path, pdf_bytes([b"\n".join(ops)], page_size=(int(per_line * 2.6), height),
                                      compress=compress))


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    """A deflated stream object's body."""
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream" % (
        len(packed), extra, packed)


#: The last form of :func:`form_bomb_pdf` by default: one line of text.
FORM_TEXT = b"BT /F1 4 Tf 10 10 Td (lol lol lol lol lol) Tj ET"
#: A last form that paints instead: a grid of 20 stroked lines, no text.
FORM_LINES = b" ".join(b"0 %d m 800 %d l S" % (y, y) for y in range(0, 400, 20))


def form_bomb_pdf(path: Path, levels: int = 8, fan_out: int = 10,
                  leaf: bytes = FORM_TEXT) -> Path:
    """The "billion laughs" of PDF: one page drawing a form XObject ``fan_out`` times, which
    draws the next form ``fan_out`` times ... ``levels`` deep, the last drawing ``leaf``
    (``FORM_TEXT``, ``FORM_LINES``): under 2 kB that draw ``fan_out ** levels`` lines.
    With ``fan_out`` 1 and thousands of ``levels``, a chain nested past any stack."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 4: font}
    first_form = 5
    for level in range(levels):
        number = first_form + level
        if level == levels - 1:
            content, resources = leaf, b"<< /Font << /F1 4 0 R >> >>"
        else:
            content = b" ".join([b"/X Do"] * fan_out)
            resources = b"<< /XObject << /X %d 0 R >> >>" % (number + 1)
        objects[number] = _stream(content, b" /Type /XObject /Subtype /Form /BBox [0 0 842 595]"
                                           b" /Resources " + resources)
    page_content = first_form + levels
    objects[page_content] = _stream(b" ".join([b"/X Do"] * fan_out))
    objects[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources "
                  b"<< /XObject << /X %d 0 R >> >> /Contents %d 0 R >>"
                  % (first_form, page_content))
    return write_file(path, _pdf_file(objects, hashlib.md5(b"form bomb").digest()))


def deflate_bomb_pdf(path: Path, inflated_bytes: int) -> Path:
    """A page whose deflated content stream inflates to ``inflated_bytes`` of blanks (about
    a thousandth of that in the file): it draws nothing, it only takes memory."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    packed = b"".join(compressor.compress(block) for _ in range(inflated_bytes >> 20))
    packed += compressor.flush()
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
               4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
                  % (len(packed), packed)}
    return write_file(path, _pdf_file(objects, hashlib.md5(b"deflate bomb").digest()))


def wide_page_pdf(path: Path, width: int = 100_000) -> Path:
    """One page ``width`` points wide (a PDF may declare any size) holding an action table as
    wide as the page, with a row a reviewer must look at (an owner no registry knows)."""
    rows = [HEADER, ("A1", "Hold a meeting", "Zorblax", "sometime")]
    widths = (60, width - 400, 160, 120)
    return write_file(path, pdf_bytes([table_page(rows, widths=widths)],
                                      page_size=(width, PAGE_HEIGHT)))


def many_pages_pdf(path: Path, pages: int, first: int = 1) -> Path:
    """A long plan: ``pages`` pages of a small ruled action table (a few hundred bytes each)."""
    return action_plan_pdf(path, pages=pages, rows_per_page=2, first=first)


def sample_pages_pdf(path: Path, pages: int, sample: Path | None = None) -> Path:
    """A long plan of real pages: a sample PDF's pages repeated up to ``pages`` (pypdfium2)."""
    import pypdfium2

    source = pypdfium2.PdfDocument(sample or SAMPLES / "003_tower_hamlets_draft.pdf")
    target = pypdfium2.PdfDocument.new()
    try:
        while len(target) < pages:
            target.import_pages(source, list(range(min(len(source), pages - len(target)))))
        target.save(path)
    finally:
        target.close()
        source.close()
    return path


def truncation_offsets(size: int, count: int) -> list[int]:
    """``count`` cut points over a file of ``size`` bytes: the first bytes, then spread evenly."""
    fixed = [0, 1, 5, 8, 16, 100, 1000]
    spread = [size * k // (count - len(fixed) + 1) for k in range(1, count - len(fixed) + 1)]
    return sorted({offset for offset in fixed + spread + [size - 1] if offset < size})[:count]


def truncated_copies(source: Path, folder: Path, count: int) -> list[Path]:
    """``source`` cut short at ``count`` offsets, one file per offset."""
    data = source.read_bytes()
    paths = []
    for offset in truncation_offsets(len(data), count):
        path = folder / f"{source.stem}_cut_at_{offset}{source.suffix}"
        write_file(path, data[:offset])
        paths.append(path)
    return paths


# -- a raw ZIP writer ---------------------------------------------------------------------


@dataclass
class ZipPart:
    """A ZIP entry: its inflated bytes as chunks, and what the headers claim about it."""

    name: str
    chunks: Callable[[], Iterable[bytes]]  # called twice: for the CRC and to compress
    declared_size: int | None = None  # a lie about the inflated size, when set


def _repeated(head: bytes, unit: bytes, count: int, tail: bytes) -> Callable[[], Iterator[bytes]]:
    """Chunks of ``head``, ``unit`` * ``count`` (in 1 MiB-ish blocks), ``tail``."""
    per_block = max(1, (1 << 20) // len(unit))
    block = unit * per_block

    def chunks() -> Iterator[bytes]:
        yield head
        left = count
        while left >= per_block:
            yield block
            left -= per_block
        yield unit * left
        yield tail

    return chunks


def _deflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Raw deflate of the chunks; a chunk equal to the previous one reuses its output.

    Each chunk ends with a full flush (byte-aligned, history reset), so an identical
    chunk always compresses to identical bytes: a gigabyte of repeated markup costs
    one compression of a megabyte.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    previous: tuple[bytes, bytes] | None = None
    for chunk in chunks:
        if previous is not None and chunk == previous[0]:
            yield previous[1]
            continue
        out = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        previous = (chunk, out)
        yield out
    yield compressor.flush(zlib.Z_FINISH)


def write_zip(path: Path, parts: list[ZipPart]) -> Path:
    """A deflated ZIP (no ZIP64: every part under 4 GiB) written part by part."""
    central = bytearray()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for part in parts:
            crc, size = 0, 0
            for chunk in part.chunks():
                crc, size = zlib.crc32(chunk, crc), size + len(chunk)
            declared = size if part.declared_size is None else part.declared_size
            name = part.name.encode()
            offset = handle.tell()
            # sizes in the local header are filled in after the data (seek back)
            handle.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, 0,
                                     declared, len(name), 0) + name)
            compressed = 0
            for data in _deflate(part.chunks()):
                handle.write(data)
                compressed += len(data)
            end = handle.tell()
            handle.seek(offset + 18)
            handle.write(struct.pack("<I", compressed))
            handle.seek(end)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                   compressed, declared, len(name), 0, 0, 0, 0, 0, offset) + name
        directory_at = handle.tell()
        handle.write(central)
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts),
                                 len(central), directory_at, 0))
    return path


# -- Word packages ------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT_HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<w:document xmlns:w="{W_NS}"><w:body>')
_DOCUMENT_TAIL = "</w:body></w:document>"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _fixed(data: bytes) -> Callable[[], list[bytes]]:
    return lambda: [data]


def _package(document_chunks: Callable[[], Iterable[bytes]],
             declared_size: int | None = None,
             extra: Iterable[ZipPart] = ()) -> list[ZipPart]:
    return [ZipPart("[Content_Types].xml", _fixed(_CONTENT_TYPES.encode())),
            ZipPart("_rels/.rels", _fixed(_PACKAGE_RELS.encode())),
            ZipPart("word/document.xml", document_chunks, declared_size), *extra]


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def word_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>'


def word_table(rows: list[tuple[str, ...]]) -> str:
    """A ``w:tbl`` of ``rows`` whose cells are WordprocessingML already (paragraphs, tables)."""
    body = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>"
                   for row in rows)
    return f"<w:tbl>{body}</w:tbl>"


def action_table_xml(rows: list[tuple[str, ...]]) -> str:
    """An action table (header row + ``rows``) as WordprocessingML, texts escaped."""
    return word_table([tuple(word_paragraph(text) for text in row) for row in [HEADER, *rows]])


def docx_from_body(path: Path, body_xml: str, doctype: str = "") -> Path:
    """A minimal .docx (content types, package rels, document) around ``body_xml``."""
    head = _DOCUMENT_HEAD
    if doctype:
        declaration, rest = head.split("\n", 1)
        head = f"{declaration}\n{doctype}{rest}"
    document = (head + body_xml + _DOCUMENT_TAIL).encode()
    return write_zip(path, _package(_fixed(document)))


def action_plan_docx(path: Path, rows: list[tuple[str, ...]] | None = None,
                     title: str = "Community Safety Action Plan") -> Path:
    """A small Word action plan: a title paragraph and one action table."""
    body = word_paragraph(title) + action_table_xml(rows or action_rows(1, 3))
    return docx_from_body(path, body)


def strict_namespace_docx(path: Path) -> Path:
    """A plan saved as "Strict Open XML": the same markup in the ISO namespace."""
    action_plan_docx(path)
    parts = _zip_parts(path)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    return write_zip(path, [ZipPart(name, _fixed(data)) for name, data in parts.items()])


def _zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def nested_tables_docx(path: Path, depth: int) -> Path:
    """An action table whose first cell holds a table holding a table ... ``depth`` deep."""
    inner = word_paragraph("innermost")
    for level in range(depth):
        inner = word_table([(word_paragraph(f"level {depth - level}") + inner,
                             word_paragraph("beside"))])
    rows = [tuple(word_paragraph(text) for text in HEADER),
            (inner, *(word_paragraph(text) for text in action_rows(1, 1)[0][1:]))]
    return docx_from_body(path, word_table(rows))


def huge_cells_docx(path: Path, characters: int = 100_000) -> Path:
    """An action row whose every cell holds ``characters`` characters of plausible text."""
    def filler(unit: str) -> str:
        return (unit * (characters // len(unit) + 1))[:characters]

    rows = [("A1", filler("Deliver the scheme; "), filler("Police and WCC / "),
             filler("March 2009 and June 09, "))]
    return action_plan_docx(path, rows)


def _entity_docx(path: Path, doctype: str, action_xml: str) -> Path:
    rows = [tuple(word_paragraph(text) for text in HEADER),
            (word_paragraph("A1"), f'<w:p><w:r><w:t xml:space="preserve">{action_xml}</w:t>'
             "</w:r></w:p>", word_paragraph("Police"), word_paragraph("March 2009"))]
    return docx_from_body(path, word_table(rows), doctype)


def external_entities_docx(path: Path, secret: Path, url: str) -> Path:
    """A .docx whose document.xml declares a file entity, a network entity and a parameter
    entity fetching a DTD from ``url``, and uses the first two in an action cell."""
    doctype = (f'<!DOCTYPE w:document [<!ENTITY file SYSTEM "{secret.as_uri()}">'
               f'<!ENTITY net SYSTEM "{url}/entity">'
               f'<!ENTITY % remote SYSTEM "{url}/remote.dtd"> %remote;]>')
    return _entity_docx(path, doctype, "Publish the plan file[&file;] net[&net;]")


def linked_image_odt(path: Path, url: str) -> Path:
    """An OpenDocument text whose picture is not embedded but linked at ``url`` (LibreOffice
    fetches such a picture when it loads the file, unless told not to)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
        ' office:version="1.2"><office:body><office:text><text:p>Action plan'
        '<draw:frame draw:name="picture" text:anchor-type="as-char" svg:width="2cm"'
        f' svg:height="2cm"><draw:image xlink:href="{url}/picture.png" xlink:type="simple"'
        ' xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>'
        "</office:text></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path='
        '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def linked_picture_rtf(path: Path, url: str) -> Path:
    """An RTF file with an ``INCLUDEPICTURE`` field naming a picture at ``url``."""
    return write_file(path, (
        r"{\rtf1\ansi{\fonttbl{\f0 Helvetica;}}\f0 Action plan\par "
        rf'{{\field{{\*\fldinst INCLUDEPICTURE "{url}/picture.png" \\d}}{{\fldrslt }}}}'
        r"\par}").encode("ascii"))


def entity_expansion_docx(path: Path, levels: int = 9) -> Path:
    """The "billion laughs": entities of ten references each, ``levels`` deep (10^9 lols)."""
    laughs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return _entity_docx(path, f"<!DOCTYPE w:document [{''.join(laughs)}]>",
                        f"Publish the plan laugh[&lol{levels};]")


_BOMB_UNIT = b"<w:p/>"


def zip_bomb_docx(path: Path, inflated_bytes: int, lie: bool = False) -> Path:
    """A .docx whose word/document.xml inflates to about ``inflated_bytes`` of empty
    paragraphs (each one a node for an XML parser). ``lie``: the headers claim 4 KiB."""
    head, tail = _DOCUMENT_HEAD.encode(), _DOCUMENT_TAIL.encode()
    count = max(0, (inflated_bytes - len(head) - len(tail)) // len(_BOMB_UNIT))
    chunks = _repeated(head, _BOMB_UNIT, count, tail)
    return write_zip(path, _package(chunks, declared_size=4096 if lie else None))


def media_bomb_docx(path: Path, inflated_bytes: int) -> Path:
    """A small plan whose document relates a picture of ``inflated_bytes`` zero bytes: a
    part python-docx loads whole (honest sizes, so only the package size limit stops it)."""
    types = _CONTENT_TYPES.replace(
        '<Default Extension="xml"',
        '<Default Extension="png" ContentType="image/png"/><Default Extension="xml"')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http'
            '://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            'Target="media/image1.png"/></Relationships>')
    body = word_paragraph("Plan") + action_table_xml(action_rows(1, 2))
    document = (_DOCUMENT_HEAD + body + _DOCUMENT_TAIL).encode()
    parts = _package(_fixed(document), extra=[
        ZipPart("word/_rels/document.xml.rels", _fixed(rels.encode())),
        ZipPart("word/media/image1.png", _repeated(b"", bytes(4096), inflated_bytes // 4096, b""))])
    parts[0] = ZipPart("[Content_Types].xml", _fixed(types.encode()))
    return write_zip(path, parts)


def many_entries_docx(path: Path, entries: int) -> Path:
    """A valid small .docx plus ``entries`` tiny extra parts (customXml items)."""
    extra = (ZipPart(f"customXml/item{n}.xml", _fixed(b"<a/>")) for n in range(entries))
    body = word_paragraph("Plan") + action_table_xml(action_rows(1, 2))
    document = (_DOCUMENT_HEAD + body + _DOCUMENT_TAIL).encode()
    return write_zip(path, _package(_fixed(document), extra=extra))


# -- an OLE2 compound file: what Word saves for a password-protected .docx ------------------

_SECTOR = 512
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
#: Agile encryption (Office 2010+): version 4.4, then the XML descriptor.
_ENCRYPTION_INFO = (b"\x04\x00\x04\x00\x40\x00\x00\x00"
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                    b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
                    b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
                    b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
                    b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
                    b"</encryption>")


def _directory_entry(name: str, kind: int, left: int = _NO_STREAM, right: int = _NO_STREAM,
                     child: int = _NO_STREAM, start: int = _END_OF_CHAIN, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", left, right, child) + bytes(16) + struct.pack("<I", 0)
            + bytes(16) + struct.pack("<IQ", start, size))


def encrypted_docx(path: Path, package_bytes: int = 8192) -> Path:
    """A password-protected Word file: an OLE2 container (version 3, 512-byte sectors) with
    an ``EncryptionInfo`` stream and an ``EncryptedPackage`` stream of random bytes."""
    rng = random.Random(7)
    package = struct.pack("<Q", package_bytes) + rng.randbytes(package_bytes)
    # Streams of 4 KiB or more live in ordinary sectors (no mini stream needed).
    streams = [_ENCRYPTION_INFO.ljust(4096, b"\0"), package]
    fat = [_FAT_SECTOR, _END_OF_CHAIN]  # sector 0: the FAT; sector 1: the directory
    starts = []
    for stream in streams:
        sectors = -(-len(stream) // _SECTOR)
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(sectors - 1)] + [_END_OF_CHAIN]
    assert len(fat) <= _SECTOR // 4, "one FAT sector holds 128 entries"
    # A red-black tree of all-black nodes: EncryptionInfo (shorter name sorts first) with
    # EncryptedPackage as its right sibling.
    directory = (_directory_entry("Root Entry", 5, child=1)
                 + _directory_entry("EncryptionInfo", 2, right=2, start=starts[0],
                                    size=len(streams[0]))
                 + _directory_entry("EncryptedPackage", 2, start=starts[1], size=len(streams[1]))
                 + _directory_entry("", 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(_SECTOR, b"\xff")
    body = b"".join(stream.ljust(-(-len(stream) // _SECTOR) * _SECTOR, b"\0")
                    for stream in streams)
    return write_file(path, header + fat_sector + directory + body)


# -- the file system ------------------------------------------------------------------------

#: File names a shared folder may hold: spaces, accents, a newline, a leading dash, names a
#: spreadsheet would run, markup, a terminal escape sequence, backslashes and dots.
ODD_NAMES = (
    "plan with spaces.docx",
    "plån – ünïcode 行動計画.docx",
    "new\nline.docx",
    "-rf --out=evil.docx",
    "=cmd|' /C calc'!A0.docx",
    '=HYPERLINK("mailto:x@example.invalid","click").docx',
    "+1+1.docx",
    "@SUM(1+1).docx",
    "<script>alert(1)</script>.docx",
    "\x1b[2J\x1b[31mred.docx",
    "..\\..\\outside.docx",
    "...docx",
)

#: A name that is not valid UTF-8 (a Latin-1 file copied from an old Windows share).
NON_UTF8_NAME = b"caf\xe9 plan.docx"


def symlink_loop(folder: Path) -> list[Path]:
    """Links that never end: two files pointing at each other, and a folder pointing up."""
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "loop_a.pdf", folder / "loop_b.pdf"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    (folder / "self.docx").symlink_to("self.docx")
    (folder / "up").symlink_to("..", target_is_directory=True)
    return [first, second, folder / "self.docx"]


def special_files(folder: Path) -> list[Path]:
    """Names that look like documents but are a named pipe (blocks a reader for ever) and
    links to endless devices."""
    folder.mkdir(parents=True, exist_ok=True)
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    zero, urandom = folder / "zero.pdf", folder / "random.docx"
    zero.symlink_to("/dev/zero")
    urandom.symlink_to("/dev/urandom")
    return [fifo, zero, urandom]


def wrong_length_pdf(path: Path, length: int = 40, compress: bool = False) -> Path:
    """A two-page action plan whose first content stream declares ``/Length`` ``length``
    (too short): pdfminer cuts the stream there and loses what follows, the second page
    with it; ``pdftotext`` finds ``endstream`` and reads both pages."""
    rows = [HEADER, *action_rows(1, 3)]
    data = pdf_bytes([table_page(rows), table_page(rows)], compress=compress)
    declared = re.search(rb"/Length (\d+)", data)
    assert declared is not None
    return write_file(path, data[:declared.start(1)] + b"%d" % length + data[declared.end(1):])


def corrupt_stream_pdf(path: Path) -> Path:
    """A two-page action plan whose first page's deflated content is corrupt from its 20th
    byte: pdfminer inflates what it can and drops the rest of the page without a word."""
    rows = [HEADER, *action_rows(1, 3)]
    data = pdf_bytes([table_page(rows), table_page(rows)], compress=True)
    start = data.index(b"stream\n") + len(b"stream\n") + 20
    return write_file(path, data[:start] + bytes(30) + data[start + 30:])


def layout_table_docx(path: Path) -> Path:
    """A Word plan laid out in a table: each theme a row, its name in the first cell and its
    action table nested in the second (python-docx: ``cell.tables``)."""
    rows = [(word_paragraph(f"Theme {n}: {name}"), action_table_xml(action_rows(3 * n - 2, 3)))
            for n, name in ((1, "Safer streets"), (2, "Young people"))]
    return docx_from_body(path, word_paragraph("Community Safety Action Plan") + word_table(rows))


def sideways_pdf(path: Path, down: bool = False) -> Path:
    """An action plan drawn landscape on a portrait page, turned a quarter (``cm``): its
    text reads bottom to top (top to bottom with ``down``), as a landscape table printed
    on portrait paper does."""
    table = table_page([HEADER, *action_rows(1, 3)], top=500.0,
                       heading="Community Safety Action Plan")
    turn = b"0 -1 1 0 0 842 cm" if down else b"0 1 -1 0 595 0 cm"
    return write_file(path, pdf_bytes([b"q " + turn + b"\n" + table + b"\nQ"],
                                      page_size=(595, 842)))


def too_deep_folder(folder: Path, levels: int = 24) -> Path:
    """Folders nested ``levels`` deep under ``folder``, each name 200 characters: past
    PATH_MAX (4,096 bytes) from the 21st, so no path to the deepest can be opened
    (made through descriptors, one level at a time). A plan sits at the bottom. Returns
    the top of the nest."""
    top = folder / ("d" * 200)
    top.mkdir(parents=True)
    descriptor = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels - 1):
            os.mkdir("d" * 200, dir_fd=descriptor)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        plan = os.open("plan.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(plan, pdf_bytes([table_page([HEADER, *action_rows(1, 2)])]))
        os.close(plan)
    finally:
        os.close(descriptor)
    return top


# -- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HostileCase:
    """One bad input: how to make it, and what ``documents.csv`` must say about it."""

    name: str
    make: Callable[[Path], list[Path]]  # writes the input(s) into a folder, returns them
    status: str  # "failed" or "ok" (a readable file that is merely unusual)
    reason: str = ""  # text the error message must contain (case-insensitive)


def _one(maker: Callable[[Path], Path]) -> Callable[[Path], list[Path]]:
    return lambda folder: [maker(folder)]


def _zero_bytes(folder: Path) -> list[Path]:
    paths = [folder / "empty.pdf", folder / "empty.docx"]
    for path in paths:
        write_file(path, b"")
    return paths


def _random_bytes(folder: Path) -> list[Path]:
    rng = random.Random(1)
    heads = {"random.pdf": b"", "random.docx": b"", "random_with_pdf_header.pdf": b"%PDF-1.7\n",
             "random_with_zip_header.docx": b"PK\x03\x04"}
    return [write_file(folder / name, head + rng.randbytes(20_000))
            for name, head in heads.items()]


#: Cases the default test run builds in full (each takes well under a second to make).
CASES: tuple[HostileCase, ...] = (
    HostileCase("zero-byte files", _zero_bytes, "failed", "empty"),
    HostileCase("random bytes", _random_bytes, "failed", ""),
    HostileCase("encrypted PDF, user password",
                _one(lambda f: action_plan_pdf(f / "locked.pdf", passwords=PdfPasswords("open"))),
                "failed", "encrypted"),
    HostileCase("PDF with a damaged page tree",
                _one(lambda f: broken_page_tree_pdf(f / "page_tree.pdf")), "failed", "PDF"),
    HostileCase("PDFs with a malformed or missing page size", bad_media_box_pdfs, "failed",
                "PDF"),
    HostileCase("password-protected .docx", _one(lambda f: encrypted_docx(f / "locked.docx")),
                "failed", "encrypted"),
    HostileCase("ZIP bomb .docx (declared 600 MB)",
                _one(lambda f: zip_bomb_docx(f / "bomb.docx", 600_000_000)),
                "failed", "max_uncompressed_bytes"),
    HostileCase("ZIP bomb .docx (lies: declares 4 KiB)",
                _one(lambda f: zip_bomb_docx(f / "liar.docx", 50_000_000, lie=True)),
                "failed", "damaged"),
    HostileCase("ZIP with 12,000 entries",
                _one(lambda f: many_entries_docx(f / "entries.docx", 12_000)),
                "failed", "max_zip_entries"),
    HostileCase("dense markup .docx (16 MB of empty paragraphs)",
                _one(lambda f: zip_bomb_docx(f / "dense.docx", 16_000_000)),
                "failed", "elements"),
    HostileCase("billion laughs .docx", _one(lambda f: entity_expansion_docx(f / "laughs.docx")),
                "failed", "entities"),
    HostileCase("picture inflating to 300 MB (under the size limit)",
                _one(lambda f: media_bomb_docx(f / "big_picture.docx", 300 * 2**20)), "ok"),
    HostileCase("Strict Open XML .docx", _one(lambda f: strict_namespace_docx(f / "strict.docx")),
                "failed", "no WordprocessingML document body"),
    HostileCase("tables nested 60 deep", _one(lambda f: nested_tables_docx(f / "nest60.docx", 60)),
                "ok"),
    HostileCase("tables nested 300 deep",
                _one(lambda f: nested_tables_docx(f / "nest300.docx", 300)), "failed", "deep"),
)


# -- checking what a run left behind ---------------------------------------------------------

#: Every file ``convert`` writes into --out.
OUTPUT_FILES = ("actions.csv", "actions.parquet", "actions.json", "review.csv", "documents.csv",
                "report.html", "datapackage.json")
#: The CSV outputs and the model whose columns head each.
CSV_MODELS = {"actions.csv": Action, "review.csv": ReviewItem, "documents.csv": DocumentRecord}


def output_problems(out: Path) -> list[str]:
    """Output files present in ``out`` but not complete (each must parse to its end); used by
    the kill tests here and by bench/robustness.py's random SIGKILLs."""
    problems = []
    for name in OUTPUT_FILES:
        path = out / name
        if not path.exists():
            continue
        try:
            if name in CSV_MODELS:
                with path.open(newline="", encoding="utf-8-sig") as handle:
                    header = next(csv.reader(handle))
                assert header == [spec.name for spec in columns(CSV_MODELS[name])]
                assert path.read_bytes().endswith(b"\n")
            elif name.endswith(".json"):
                json.loads(path.read_text(encoding="utf-8"))
            elif name.endswith(".parquet"):
                pq.read_table(path)
            else:
                assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
        except Exception as error:  # noqa: BLE001 - any failure to parse is the finding
            problems.append(f"{name}: {type(error).__name__}: {error}")
    return problems
