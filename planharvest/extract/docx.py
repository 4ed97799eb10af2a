"""Word (.docx) reader: the body of a document as format-neutral blocks, in reading order.

python-docx opens the package and parses its parts; this module walks the parsed
XML itself, because python-docx has no API for what action plans depend on:
paragraphs and tables interleaved in document order, content controls
(``w:sdt``), merged cells seen once (``table.cell()`` repeats a merged cell at
every grid position it covers), rows shifted by ``w:gridBefore`` /
``w:gridAfter``, tracked changes, and tables nested in cells.

What the user sees in Word is what is read: deleted text (``w:del``,
``w:moveFrom``) and hidden runs (``w:vanish``) are left out, inserted text is
kept, a tab reads as a space and a line break as a new line. Text boxes and
drawings are not read (their DrawingML and VML copies would double the text).

Safety: python-docx parses every part with ``resolve_entities=False`` (see
``docx.oxml.parser``), so a document that declares an external entity never
has it fetched or expanded; this reader adds a warning when word/document.xml
declares a DTD, which Word itself never writes. The ZIP's entry count and
inflated size are checked against ``Settings`` before anything is parsed; the XML
parts are then inflated once, as a stream, to count their markup (a few
kilobytes of ZIP can hold millions of ``<w:p/>``, each a node of the parsed tree),
and a table whose spans would lay out an absurd grid is refused. Parts that are
not XML (pictures, embedded files, fonts) are handed to python-docx empty: it
would load each whole, and nothing here reads them. Elements nested
more than 256 deep (tables inside tables ...) stop lxml's parser, and the
message says so.

Cost: the XML parts are inflated once to count their markup (milliseconds per
megabyte); python-docx parses each XML part once (time and memory linear in the
XML size, the lxml tree is roughly ten times the XML); the body is then walked
once, in document order, with style facts cached per style id. The walk costs
more than the parse (python-docx's element classes make each node a Python
object): about 0.7 s for a 4 MB document.xml of 3,200 table rows.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.styles import BabelFish
from lxml import etree

from planharvest.errors import PlanharvestError
from planharvest.extract.grid import Block, Cell, DocumentContent, Paragraph, Row, Table
from planharvest.lexicon import BULLET
from planharvest.settings import Settings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


@functools.cache
def _w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute (cached: called per element)."""
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")

#: Subtrees of a paragraph whose text the user does not see in the flow of the paragraph:
#: deleted or moved-away text, properties, field codes' instructions, ruby annotations,
#: and drawings / text boxes (read neither, rather than twice: Choice and Fallback copies).
_UNREAD_IN_PARAGRAPH = {
    _w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("sdtPr"), _w("sdtEndPr"),
    _w("instrText"), _w("delText"), _w("rt"), _w("drawing"), _w("pict"), _w("object"),
    f"{{{MC_NS}}}AlternateContent",
}

#: Leaf elements of a run and the text each shows.
_RUN_LEAF_TEXT = {
    _w("tab"): " ", _w("ptab"): " ", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-",
}

_FALSE_VALUES = {"0", "false", "off"}

_HEADING_NAME = re.compile(r"heading ([1-9])", re.IGNORECASE)

#: An encrypted OOXML package is an OLE2 compound file holding a stream of this name.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM_NAME = "EncryptedPackage".encode("utf-16-le")
_WORD97_STREAM_NAME = "WordDocument".encode("utf-16-le")

#: Main-part content types of macro-enabled documents and templates; their XML is the
#: same as a .docx's, but python-docx only opens the plain document type.
_WORD_MAIN_CONTENT_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCX_MAIN_CONTENT_TYPE = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_MISSING_ITEM = re.compile(r"There is no item named '([^']+)' in the archive")

#: Markup tags (``<``) the XML parts of one package may hold together. python-docx's tree
#: costs about 110 bytes and its walk about 3 microseconds per tag, so two million tags
#: are ~220 MB and ~6 s: a Word file of some 3,500 pages (real plans hold about one tag per
#: 14 bytes of XML). A 16 kB ZIP can inflate to millions of empty paragraphs.
_MAX_XML_TAGS = 2_000_000
#: Bytes an XML part may start with before its first ``<``: byte-order marks, white space.
_XML_LEADING_BYTES = b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"
_INFLATE_CHUNK = 1 << 20

#: Grid positions one table may lay out. gridSpan="1000000" on one cell would otherwise
#: make a million Cells per row; real plans stay far below (a 63-column Word maximum).
_MAX_GRID_POSITIONS = 2_000_000


class DocxError(PlanharvestError):
    """The file is not a readable .docx; the message names the file and the reason."""


def read_docx(path: Path, settings: Settings | None = None) -> DocumentContent:
    """Read a .docx body in document order: paragraphs and tables interleaved.

    A heading between two tables is a ``Paragraph`` block before the second
    ``Table``; a table nested in a cell follows its outer table as its own block
    (``nested_in`` set) and its text also appears in the outer cell. ``pages``
    comes from ``docProps/app.xml`` when a word processor filled it in; ``page``
    and ``bbox`` stay None (Word does not store where a page breaks).

    Raises ``DocxError`` for a file that is not a readable .docx (empty, not a
    ZIP, no ``word/document.xml``, encrypted, malformed XML, over the size limits).

    Cost: one parse of each XML part (python-docx) and one walk of the body;
    time and memory grow linearly with the size of ``word/document.xml``.
    """
    settings = settings or Settings()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocxError(f"{path.name}: cannot read the file ({error.strerror or error})") from error
    document = _open_document(path.name, data, settings)
    styles = _StyleBook(document)
    reader = _BodyReader(styles, path.name)
    blocks = reader.read_blocks(document.element.body)
    warnings = reader.warnings
    if document.element.getroottree().docinfo.internalDTD is not None:
        warnings.append("word/document.xml declares a DTD; its entities were not expanded")
    return DocumentContent(
        blocks=blocks,
        title=_core_title(document) or _first_heading_text(blocks),
        pages=_page_count(document, blocks),
        warnings=warnings,
    )


# -- opening the package ------------------------------------------------------------


def _open_document(name: str, data: bytes, settings: Settings) -> WordDocument:
    """python-docx's Document for ``data``, or DocxError saying why there is none."""
    if not data:
        raise DocxError(f"{name}: the file is empty (0 bytes)")
    if data.startswith(_OLE2_MAGIC):
        raise DocxError(f"{name}: {_ole2_reason(data)}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            problem = _limit_exceeded(entries, settings)
            if problem is None and "[Content_Types].xml" not in names:
                missing = "[Content_Types].xml" if "word/document.xml" in names else (
                    "word/document.xml")
                problem = f"not a Word .docx file (no {missing})"
            binary_parts: set[str] = set()
            if problem is None:
                problem, binary_parts = _survey_parts(archive, entries)
            if problem is not None:
                raise DocxError(f"{name}: {problem}")
            content_types = archive.read("[Content_Types].xml")
            macro_enabled = any(kind in content_types for kind in _WORD_MAIN_CONTENT_TYPES)
            if macro_enabled or binary_parts:
                data = _repackaged(archive, content_types, binary_parts)
    except DocxError:
        raise
    except Exception as error:  # BadZipFile, zlib.error, an encrypted ZIP entry ...
        raise DocxError(f"{name}: not a Word .docx file (not a ZIP package, or a damaged one: "
                        f"{error})") from error
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError as error:
        missing_item = _MISSING_ITEM.search(str(error))
        if missing_item and missing_item[1] != "word/document.xml":
            raise DocxError(f"{name}: damaged package: part {missing_item[1]} is referenced "
                            "but missing") from error
        raise DocxError(f"{name}: not a Word .docx file (no word/document.xml)") from error
    except etree.XMLSyntaxError as error:
        part = _malformed_part(data)
        if "Excessive depth" in str(error):
            raise DocxError(f"{name}: {part} nests its elements more than 256 deep (tables "
                            "inside tables inside tables ...), deeper than planharvest reads"
                            ) from error
        if "amplification" in str(error):
            raise DocxError(f"{name}: {part} declares entities that would expand beyond any "
                            "real document (a 'billion laughs' file); they were not expanded"
                            ) from error
        raise DocxError(f"{name}: malformed XML in {part} ({error})") from error
    except Exception as error:  # any other python-docx / zlib failure is a file it cannot read
        raise DocxError(f"{name}: python-docx cannot read it "
                        f"({type(error).__name__}: {error})") from error
    root = document.element
    if root.tag != _w("document") or root.find(_w("body")) is None:
        # e.g. a "Strict Open XML" file, whose parts use other namespaces
        raise DocxError(f"{name}: the main part holds no WordprocessingML document body (its "
                        f"root is {root.tag!r}); save it from Word as a Word Document (.docx)")
    return document


def _ole2_reason(data: bytes) -> str:
    if _ENCRYPTED_STREAM_NAME in data:
        return "the file is encrypted (password-protected Office document)"
    if _WORD97_STREAM_NAME in data:
        return "a Word 97-2003 .doc file, not a .docx"
    return "an OLE2 compound file (a password-protected or pre-2007 Office file), not a .docx"


def _limit_exceeded(entries: list[zipfile.ZipInfo], settings: Settings) -> str | None:
    """Why the ZIP is refused as a bomb, or None; declared sizes bound what zipfile inflates."""
    if len(entries) > settings.limits.max_zip_entries:
        return (f"the package holds {len(entries)} entries, more than the limit of "
                f"{settings.limits.max_zip_entries} (max_zip_entries)")
    inflated = sum(entry.file_size for entry in entries)
    if inflated > settings.limits.max_uncompressed_bytes:
        return (f"the package inflates to {inflated:,} bytes, more than the limit of "
                f"{settings.limits.max_uncompressed_bytes:,} (max_uncompressed_bytes)")
    return None


def _survey_parts(archive: zipfile.ZipFile,
                  entries: list[zipfile.ZipInfo]) -> tuple[str | None, set[str]]:
    """(why the XML parts hold too much markup to parse, or None; names of the other parts).

    Every part that starts like XML is inflated as a stream and its ``<`` counted, whatever
    its name (a package may declare any part its main document). Reading also checks each
    part's CRC, so a part that inflates beyond its declared size fails here, as a damaged
    package. Other parts (pictures, embedded files, fonts) are left after their first chunk.
    """
    tags = 0
    binary_parts = set()
    for entry in entries:
        with archive.open(entry) as part:
            chunk = part.read(_INFLATE_CHUNK)
            if not chunk.lstrip(_XML_LEADING_BYTES).startswith(b"<"):
                binary_parts.add(entry.filename)
                continue
            while chunk:
                tags += chunk.count(b"<")
                if tags > _MAX_XML_TAGS:
                    problem = (f"its XML holds more than {_MAX_XML_TAGS:,} elements (counted up "
                               f"to {entry.filename}), beyond any real plan; parsing that much "
                               "markup could take gigabytes of memory")
                    return problem, binary_parts
                chunk = part.read(_INFLATE_CHUNK)
    return None, binary_parts


def _repackaged(archive: zipfile.ZipFile, content_types: bytes, emptied: set[str]) -> bytes:
    """The package re-zipped for python-docx: the main part typed as a plain document (.docm,
    .dotx), and the ``emptied`` parts (pictures, embedded files) with no bytes.

    python-docx loads every related part whole, and nothing here reads a picture: emptied,
    they cost no memory, so a document's footprint follows its XML alone.
    """
    for kind in _WORD_MAIN_CONTENT_TYPES:
        content_types = content_types.replace(kind, _DOCX_MAIN_CONTENT_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for entry in archive.infolist():
            if entry.filename == "[Content_Types].xml":
                blob = content_types
            else:
                blob = b"" if entry.filename in emptied else archive.read(entry)
            target.writestr(entry.filename, blob)
    return out.getvalue()


def _malformed_part(data: bytes) -> str:
    """Name of the first XML part that does not parse (only run once opening has failed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    parse_xml(archive.read(entry))
                except etree.XMLSyntaxError:
                    return entry.filename
    return "a part"


# -- document properties --------------------------------------------------------------


def _core_title(document: WordDocument) -> str:
    # python-docx invents core properties titled "Word Document" when the package has
    # none, so only read them when the package really relates a core-properties part.
    try:
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        return ""
    return (document.core_properties.title or "").strip()


def _first_heading_text(blocks: list[Block]) -> str:
    headings = [b for b in blocks if isinstance(b, Paragraph) and b.heading_level is not None]
    titles = [heading for heading in headings if heading.heading_level == 0]
    chosen = (titles or headings or [None])[0]
    return chosen.text.replace("\n", " ") if chosen else ""


def _page_count(document: WordDocument, blocks: list[Block]) -> int | None:
    """``<Pages>`` from docProps/app.xml, unless the statistics were never computed.

    Files written by python-docx carry its template's app.xml unchanged
    (``<Pages>1``, ``<Words>0``) whatever the body holds; a zero word count
    over a body with text marks such stale statistics.
    """
    try:
        app_part = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
        app = parse_xml(app_part.blob)
    except (KeyError, etree.XMLSyntaxError):
        return None
    pages = _int_or_none(app.findtext(f"{{{APP_NS}}}Pages"))
    words = _int_or_none(app.findtext(f"{{{APP_NS}}}Words"))
    if words == 0 and blocks:
        return None
    return pages if pages and pages > 0 else None


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text.strip()) if text else None
    except ValueError:
        return None


# -- styles -------------------------------------------------------------------------


class _StyleBook:
    """Heading level and numbering of each paragraph style, following ``w:basedOn``."""

    def __init__(self, document: WordDocument) -> None:
        # The styles part's XML rather than python-docx's style objects: those refuse a
        # style whose w:type they do not know, and one odd style must not sink a document.
        paragraph_styles = [style for style in document.styles.element.findall(_w("style"))
                            if style.get(_w("type"), "paragraph") == "paragraph"]
        self._by_id = {style.get(_w("styleId")): style for style in paragraph_styles}
        defaults = [style.get(_w("styleId")) for style in paragraph_styles
                    if (style.get(_w("default")) or "0").lower() not in _FALSE_VALUES]
        self._default_id = defaults[0] if defaults else None
        self._facts: dict[str | None, tuple[int | None, str | None]] = {}

    def paragraph_facts(self, p_pr: etree._Element | None) -> tuple[int | None, bool]:
        """(heading level, is list item) of a paragraph with properties ``p_pr``."""
        style_level, style_num_id = self._style_facts(_val(p_pr, "pStyle") or self._default_id)
        level = style_level
        if level is None and p_pr is not None:
            level = _outline_heading_level(p_pr)
        # the paragraph's own numbering wins over its style's; numId 0 switches numbering off
        num_id = _val(p_pr.find(_w("numPr")), "numId") if p_pr is not None else None
        num_id = num_id if num_id is not None else style_num_id
        return level, num_id is not None and num_id != "0"

    def _style_facts(self, style_id: str | None) -> tuple[int | None, str | None]:
        """(heading level, numbering id) a style gives, cached per style id."""
        if style_id not in self._facts:
            chain = self._chain(style_id)
            # styles.xml names built-in styles "heading 1"; BabelFish gives Word's "Heading 1"
            name = BabelFish.internal2ui(_val(chain[0], "name") or "") if chain else ""
            level: int | None = None
            if name.lower() == "title":
                level = 0
            elif match := _HEADING_NAME.fullmatch(name):
                level = int(match[1])
            num_id = None
            for style in chain:
                p_pr = style.find(_w("pPr"))
                if p_pr is None:
                    continue
                if level is None:
                    level = _outline_heading_level(p_pr)
                if num_id is None:
                    num_id = _val(p_pr.find(_w("numPr")), "numId")
            self._facts[style_id] = (level, num_id)
        return self._facts[style_id]

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            chain.append(style)
            style_id = _val(style, "basedOn")
        return chain


def _outline_heading_level(p_pr: etree._Element) -> int | None:
    """Heading level from ``w:outlineLvl`` (0-8 are Heading 1-9; 9 is body text)."""
    value = _int_or_none(_val(p_pr, "outlineLvl"))
    return value + 1 if value is not None and 0 <= value <= 8 else None


def _val(parent: etree._Element | None, tag: str) -> str | None:
    """The ``w:val`` of ``parent``'s child ``tag``, or None."""
    if parent is None:
        return None
    child = parent.find(_w(tag))
    return child.get(_w("val")) if child is not None else None


def _is_on(parent: etree._Element | None, tag: str) -> bool:
    """A toggle child (``w:tblHeader``, ``w:vanish``) that is present and not switched off."""
    child = parent.find(_w(tag)) if parent is not None else None
    return child is not None and (child.get(_w("val")) or "1").lower() not in _FALSE_VALUES


def _unwrapped(parent: etree._Element) -> Iterator[etree._Element]:
    """``parent``'s children, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == CUSTOM_XML:
            yield from _unwrapped(child)
        else:
            yield child


# -- paragraphs and tables ------------------------------------------------------------


class _BodyReader:
    """One pass over the body; collects tables in reading order as it meets them."""

    def __init__(self, styles: _StyleBook, file_name: str) -> None:
        self.styles = styles
        self.file_name = file_name
        self.tables: list[Table] = []
        self.warnings: list[str] = []

    def read_blocks(self, body: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in _unwrapped(body):
            if child.tag == P:
                paragraph = self._paragraph(child)
                if paragraph.text:
                    blocks.append(paragraph)
            elif child.tag == TBL:
                first_new = len(self.tables)
                self._table(child, nested_in=None)
                blocks.extend(self.tables[first_new:])  # the table, then the tables inside it
            elif child.tag == _w("altChunk"):
                self.warnings.append("the body imports content from another file (w:altChunk); "
                                     "that content was not read")
        return blocks

    def _paragraph(self, p: etree._Element) -> Paragraph:
        level, is_list_item = self.styles.paragraph_facts(p.find(_w("pPr")))
        return Paragraph(text=_paragraph_text(p), heading_level=level,
                         is_list_item=is_list_item)

    def _table(self, tbl: etree._Element, nested_in: int | None) -> Table:
        """Read ``tbl`` into a grid; nested tables are registered after it as they are met."""
        table = Table(rows=[], n_cols=0, index=len(self.tables), nested_in=nested_in)
        self.tables.append(table)
        grid_cols = len(tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))
        placed_rows = [self._placed_row(tr, table.index) for tr in _unwrapped(tbl)
                       if tr.tag == TR and not _is_on(tr.find(_w("trPr")), "del")]
        widest = max((row.width for row in placed_rows), default=0)
        table.n_cols = max(grid_cols, widest)
        if table.n_cols * len(placed_rows) > _MAX_GRID_POSITIONS:
            raise DocxError(f"{self.file_name}: table {table.index} lays out {len(placed_rows)} "
                            f"rows of {table.n_cols} columns, beyond any real plan "
                            f"({_MAX_GRID_POSITIONS:,} grid positions at most)")
        if grid_cols and widest > grid_cols:
            self.warnings.append(f"table {table.index}: a row spans {widest} columns but the "
                                 f"table grid has {grid_cols}; the grid was widened")
        table.rows = self._grid_rows(placed_rows, table)
        return table

    def _placed_row(self, tr: etree._Element, table_index: int) -> _PlacedRow:
        tr_pr = tr.find(_w("trPr"))
        row = _PlacedRow(is_header=_is_on(tr_pr, "tblHeader"),
                         grid_before=_count(_val(tr_pr, "gridBefore")),
                         grid_after=_count(_val(tr_pr, "gridAfter")))
        column = row.grid_before
        for tc in _unwrapped(tr):
            if tc.tag != TC:
                continue
            tc_pr = tc.find(_w("tcPr"))
            span = max(1, _count(_val(tc_pr, "gridSpan")))
            v_merge = tc_pr.find(_w("vMerge")) if tc_pr is not None else None
            h_merge = tc_pr.find(_w("hMerge")) if tc_pr is not None else None
            row.cells.append(_PlacedCell(
                column=column, span=span, lines=self._cell_lines(tc, table_index),
                v_merge=_merge_state(v_merge), h_merge=_merge_state(h_merge)))
            column += span
        row.width = column + row.grid_after
        return row

    def _cell_lines(self, tc: etree._Element, table_index: int) -> list[str]:
        lines: list[str] = []
        for child in _unwrapped(tc):
            if child.tag == P:
                paragraph = self._paragraph(child)
                if paragraph.text:
                    lines.append(BULLET + paragraph.text if paragraph.is_list_item
                                 else paragraph.text)
            elif child.tag == TBL:
                lines.extend(_table_as_lines(self._table(child, nested_in=table_index)))
        return lines

    def _grid_rows(self, placed_rows: list[_PlacedRow], table: Table) -> list[Row]:
        """Lay the placed cells on the grid: merges become covered positions with an origin."""
        rows: list[Row] = []
        open_v_merges: dict[int, tuple[int, int]] = {}  # start column -> origin of the merge
        for r, placed in enumerate(placed_rows):
            cells = [Cell() for _ in range(table.n_cols)]
            rows.append(Row(cells=cells, is_header=placed.is_header))
            previous: tuple[int, int] | None = None
            for cell in placed.cells:
                columns = range(cell.column, cell.column + cell.span)
                if cell.v_merge == "continue" and cell.column in open_v_merges:
                    origin = open_v_merges[cell.column]
                    rows[origin[0]].cells[origin[1]].row_span += 1
                elif cell.h_merge == "continue" and previous is not None:
                    origin = previous
                    rows[r].cells[origin[1]].col_span += cell.span
                else:
                    origin = (r, cell.column)
                    cells[cell.column] = Cell(lines=cell.lines, col_span=cell.span)
                    columns = columns[1:]
                    if cell.v_merge == "restart":
                        open_v_merges[cell.column] = origin
                    else:
                        open_v_merges.pop(cell.column, None)
                for column in columns:
                    cells[column] = Cell(covered=True, origin=origin)
                if origin != (r, cell.column) and cell.lines:
                    self._keep_hidden_merge_text(rows, origin, cell.lines, table.index, r)
                previous = origin if origin[0] == r else None
            # a merge with no cell below it (a gridBefore/After gap, another layout) ends here
            started = {cell.column for cell in placed.cells}
            for column in [column for column in open_v_merges if column not in started]:
                del open_v_merges[column]
        return rows

    def _keep_hidden_merge_text(self, rows: list[Row], origin: tuple[int, int],
                                lines: list[str], table_index: int, r: int) -> None:
        # Word hides the text of a cell that continues a merge; keep it with the merged
        # cell rather than lose it, and say so.
        rows[origin[0]].cells[origin[1]].lines.extend(lines)
        self.warnings.append(f"table {table_index}, row {r}: text in a cell that continues a "
                             f"merge was added to the merged cell ({lines[0][:40]!r})")


@dataclass(slots=True)
class _PlacedCell:
    """A ``w:tc`` with the grid column it starts at."""

    column: int
    span: int
    lines: list[str]
    v_merge: str | None  # 'restart', 'continue' or None
    h_merge: str | None


@dataclass(slots=True)
class _PlacedRow:
    """A ``w:tr``: its cells placed on grid columns, and how wide it is."""

    is_header: bool
    grid_before: int
    grid_after: int
    cells: list[_PlacedCell] = field(default_factory=list)
    width: int = 0


def _merge_state(merge: etree._Element | None) -> str | None:
    """'restart', 'continue' (the default when ``w:val`` is absent) or None."""
    if merge is None:
        return None
    return "restart" if merge.get(_w("val")) == "restart" else "continue"


def _count(value: str | None) -> int:
    number = _int_or_none(value)
    return number if number is not None and number > 0 else 0


def _table_as_lines(table: Table) -> list[str]:
    """A nested table's text for its outer cell: a line per row, cells joined by " | "."""
    lines = []
    for row in table.rows:
        texts = [" ".join(cell.lines) for cell in row.cells if not cell.covered and cell.lines]
        if texts:
            lines.append(" | ".join(texts))
    return lines


def _paragraph_text(p: etree._Element) -> str:
    """The text a reader sees in ``p``: line breaks kept, each line stripped, blank lines gone."""
    pieces: list[str] = []
    _collect_text(p, pieces)
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element: etree._Element, pieces: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _w("t"):
            # Only text and tails: an entity reference (never resolved) adds nothing.
            pieces.append(child.text or "")
            pieces.extend(grandchild.tail or "" for grandchild in child)
        elif tag in _RUN_LEAF_TEXT:
            pieces.append(_RUN_LEAF_TEXT[tag])
        elif not _is_unseen(child):
            _collect_text(child, pieces)


def _is_unseen(element: etree._Element) -> bool:
    """Whether Word shows nothing of ``element`` in the flow of the paragraph's text."""
    tag = element.tag
    if not isinstance(tag, str) or tag in _UNREAD_IN_PARAGRAPH:
        return True  # comments, processing instructions, entities; unread subtrees
    if tag == _w("r"):
        return _is_on(element.find(_w("rPr")), "vanish")
    # a content control still showing its "click here to enter text" placeholder
    return tag == SDT and element.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") is not None
