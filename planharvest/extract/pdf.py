"""Born-digital PDFs to ``grid.DocumentContent``: ruled and borderless tables, paragraphs.

Each page is read once and released before the next (``Page.close()`` drops
pdfplumber's cached layout and objects), so memory stays flat however long the
document. Per page:

* upright characters only -- rotated margin labels and watermarks are dropped;
* words are clustered once for the whole page;
* ruled tables come from pdfplumber's table finder (lines strategy, settings
  below); cells covered by a merged cell become ``Cell(covered=True)``; a row
  whose text runs straight across a column rule (a heading row drawn without
  its merge) is read as one cell, and a warning says so;
* the words outside ruled tables are grouped into lines; lines that line up
  in columns become borderless tables (``borderless``) -- also the few lines
  at the top of a page that keep to the columns of a borderless table ending
  the page before, and lines just under a ruled table laid out in its columns;
  the rest become paragraphs, headings recognised by a larger or bold font;
* running headers, footers and page numbers in the page's top and bottom
  bands are dropped once the whole document has been seen: a line counts as
  furniture when it repeats (digits aside) on most pages.

Pages with no text layer are listed in ``DocumentContent.warnings``; an
``ocr`` callable, when given, supplies words for them instead, and those words
take the same borderless/paragraph path. Tables are not stitched across pages
here: that is ``stitch.stitch_tables``.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psexceptions import PSEOF, PSException
from pdfminer.psparser import LIT
from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import WordExtractor

from planharvest.errors import PlanharvestError
from planharvest.extract.borderless import (
    Carried,
    TextLine,
    bulleted,
    bulleted_lines,
    cell_paragraphs,
    find_borderless_tables,
    group_lines,
    is_bold,
    is_bullet_word,
    word_size,
)
from planharvest.extract.grid import BBox, Block, Cell, DocumentContent, Paragraph, Row, Table
from planharvest.lexicon import PUNCTUATED_END, fold_numbers
from planharvest.limits import check_time
from planharvest.settings import LimitSettings, PdfSettings

#: Supplies words (dicts with x0, x1, top, bottom, text) for a page with no text layer.
OcrWords = Callable[[Page], list[dict]]


class PdfError(PlanharvestError):
    """A PDF that cannot be read, with the reason in words."""


#: A page number printed alone: "3", "- 3 -", "Page 3", "Page 3 of 17", "3 of 17", "p. 3"
#: (a lone number of four digits is more likely a year).
_PAGE_NUMBER = re.compile(
    r"^[-–\s]*((page|p\.?)\s*\d{1,4}|\d{1,3})(\s*(of|/)\s*\d{1,4})?[-–\s]*$", re.IGNORECASE
)
_TITLE_IS_FILENAME = re.compile(r"(^microsoft (word|powerpoint) - )|(\.(docx?|rtf|odt|pdf)$)", re.I)


def read_pdf(
    path: Path,
    settings: PdfSettings | None = None,
    pages: set[int] | None = None,
    *,
    ocr: OcrWords | None = None,
    limits: LimitSettings | None = None,
) -> DocumentContent:
    """Read the tables and paragraphs of a PDF, page by page (``pages``: 1-based, all if None).

    ``limits`` (``LimitSettings.max_pages``, ``max_page_characters``,
    ``max_page_content_bytes``; the defaults when None) are checked before the
    work they guard: the page count once the page tree is listed, a page's
    content before pdfplumber lays it out. Raises ``PdfError`` -- and nothing
    else -- when the file cannot be read or passes a limit.
    """
    settings = settings or PdfSettings()
    limits = limits or LimitSettings()
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise PdfError(_reason(exc)) from exc
    except OSError as exc:
        raise PdfError(f"cannot open the file: {exc.strerror or exc}") from exc
    try:
        all_pages = _list_pages(pdf)
        if len(all_pages) > limits.max_pages:
            raise PdfError(f"the PDF has {len(all_pages)} pages, over the limit of "
                           f"{limits.max_pages} (max_pages; --max-pages)")
        read: list[_PageContent] = []
        warnings: list[str] = []
        ocr_pages: list[int] = []
        for page in all_pages:
            if pages is not None and page.page_number not in pages:
                continue
            check_time()  # the time limit where no alarm can reach (a thread worker)
            carried = _columns_carried(read[-1]) if read else None
            try:
                _check_page_content(page, limits)
                content = _read_page(page, settings, ocr, carried)
            finally:
                page.close()
            if content.used_ocr:
                ocr_pages.append(page.page_number)
            elif content.scanned:
                warnings.append(f"page {page.page_number} has no text layer (scanned?)")
            warnings.extend(content.warnings)
            read.append(content)
        blocks = _assemble(read, settings)
        return DocumentContent(
            blocks=blocks,
            title=_metadata_title(pdf.metadata),
            pages=len(all_pages),
            ocr_pages=ocr_pages,
            warnings=warnings,
        )
    finally:
        _close(pdf)


#: What pdfplumber's ``Page()`` raises for a /MediaBox it cannot read: a name among the
#: numbers, none at all, too few numbers (found by bench/fuzz_readers.py).
_BAD_PAGE_BOX = (MalformedPDFException, TypeError, IndexError, ValueError)


def _list_pages(pdf: pdfplumber.PDF) -> list[Page]:
    """The document's pages; a page tree or page size pdfplumber cannot read is a PdfError
    (it raises PdfminerException for the tree, ``_BAD_PAGE_BOX`` for a page's size)."""
    try:
        return pdf.pages
    except PdfminerException as exc:
        raise PdfError(f"{_reason(exc)} (in its list of pages)") from exc
    except _BAD_PAGE_BOX as exc:
        raise PdfError("not a readable PDF: a page's size (/MediaBox) is missing or "
                       f"malformed ({exc})") from exc


def _close(pdf: pdfplumber.PDF) -> None:
    """Close the file. pdfplumber's ``close()`` lists the pages again to close them, which
    raises anew when the page tree is what was broken -- and would replace the reason
    already given; then only the file itself is closed."""
    try:
        pdf.close()
    except (PdfminerException, *_BAD_PAGE_BOX):
        pdf.stream.close()


#: A string operand in a content stream: a literal ``(...)`` (escapes and one level of
#: balanced parentheses) or a hex string ``<...>``. Nearly all are text being shown.
_CONTENT_STRING = re.compile(
    rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.DOTALL)
#: ``/Name Do``: draw the XObject ``Name`` (a form draws its own content again).
_DRAW_XOBJECT = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
_FORM = LIT("Form")


def _check_page_content(page: Page, limits: LimitSettings) -> None:
    """Refuse a page whose content would take pdfplumber gigabytes to lay out: a PDF bomb.

    pdfplumber keeps some 2.5 KB per character, so what matters is how many characters a
    page draws, not how small the file is: a few kB of deflated text operators can draw
    400,000 characters. They are counted here from the page's decoded content streams --
    the bytes of its string operands, and a form XObject's characters once per ``Do``
    drawing it (nested forms multiply) -- and the streams are inflated at most to
    ``max_page_content_bytes``, so the count itself cannot be the bomb. The count is an
    estimate (a two-byte font counts each character twice), good for a limit.
    """
    meter = _ContentMeter(limits.max_page_content_bytes)
    try:
        characters = meter.characters(page.page_obj.contents, page.page_obj.resources)
    except _ContentTooLarge as exc:
        raise PdfError(f"page {page.page_number}: {exc}") from exc
    if characters > limits.max_page_characters:
        raise PdfError(f"page {page.page_number} draws about {characters:,} characters, over "
                       f"the limit of {limits.max_page_characters:,} (max_page_characters): "
                       "a PDF bomb, or a page no plan has")


class _ContentTooLarge(Exception):
    """The page's content cannot be measured safely: it inflates past the byte limit, or a
    form draws itself."""


class _ContentMeter:
    """Decoded content bytes and drawn characters of one page, counted without pdfminer."""

    def __init__(self, max_bytes: int) -> None:
        self.left = max_bytes  # decoded bytes still allowed
        self.max_bytes = max_bytes
        self.forms: dict[int, int] = {}  # form stream id -> characters it draws
        self.drawing: set[int] = set()  # forms being counted (a form that draws itself)

    def characters(self, streams: list[object], resources: object) -> int:
        data = b"".join(self._decoded(stream) for stream in map(resolve1, streams))
        count = sum(_string_length(match) for match in _CONTENT_STRING.findall(data))
        resources = resolve1(resources)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return count
        for name, uses in Counter(_DRAW_XOBJECT.findall(data)).items():
            form = resolve1(xobjects.get(name.decode("latin-1")))
            if isinstance(form, PDFStream) and form.get("Subtype") is _FORM:
                count += uses * self._form_characters(form)
        return count

    def _form_characters(self, form: PDFStream) -> int:
        key = id(form)
        if key in self.drawing:
            raise _ContentTooLarge("a form XObject draws itself (endless content)")
        if key not in self.forms:
            self.drawing.add(key)
            self.forms[key] = self.characters([form], form.get("Resources"))
            self.drawing.discard(key)
        return self.forms[key]

    def _decoded(self, stream: object) -> bytes:
        if not isinstance(stream, PDFStream):
            return b""
        data = _bounded_data(stream, self.left)
        self.left -= len(data)
        if self.left < 0:
            raise _ContentTooLarge(f"its content inflates past {self.max_bytes:,} bytes "
                                   "(max_page_content_bytes): a PDF bomb")
        return data


def _bounded_data(stream: PDFStream, limit: int) -> bytes:
    """The stream's decoded bytes, or ``limit + 1`` of them when there are more. A deflated
    stream (nearly all) is inflated here at most that far; any other filter chain is left
    to pdfminer, which decodes it whole. Undecodable data counts as empty: pdfminer will
    say what it makes of it."""
    if stream.data is not None or stream.rawdata is None:
        return stream.get_data() if stream.data is None else stream.data
    try:
        filters = stream.get_filters()
        if not filters or any(name not in LITERALS_FLATE_DECODE for name, _ in filters) \
                or len(filters) > 1:
            return stream.get_data()[:limit + 1]
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        return zlib.decompressobj().decompress(data, limit + 1)
    except (zlib.error, PDFException, PSException):
        return b""


def _string_length(operand: bytes) -> int:
    if operand.startswith(b"<"):
        return len(bytes(operand[1:-1]).translate(None, b" \t\r\n\f\0")) // 2
    return len(operand) - 2


def read_page_words(page: Page, settings: PdfSettings | None = None) -> list[dict]:
    """The page's upright words (x0, x1, top, bottom, text, size, fontname), reading order.

    The same dicts an OCR engine supplies for a scanned page, so both go through
    the same table and paragraph layout.
    """
    settings = settings or PdfSettings()
    chars = [char for char in page.chars if _upright(char)]
    extractor = WordExtractor(
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        extra_attrs=["size", "fontname"],
    )
    words = extractor.extract_words(chars)
    words.sort(key=lambda word: (round(word["top"]), word["x0"]))
    return words


# -- one page ---------------------------------------------------------------------------


@dataclass
class _Draft:
    """A paragraph's lines, kept until the whole document is seen: running headers are
    then taken out and heading levels decided."""

    lines: list[TextLine]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    def paragraph(self, page: int, heading_level: int | None) -> Paragraph:
        is_item, text = bulleted(self.text)
        bbox = (
            min(line.x0 for line in self.lines),
            self.lines[0].top,
            max(line.x1 for line in self.lines),
            self.lines[-1].bottom,
        )
        return Paragraph(text, heading_level, page, bbox, is_list_item=is_item)


@dataclass
class _PageContent:
    number: int
    height: float
    items: list[Table | _Draft] = field(default_factory=list)
    sizes: Counter[float] = field(default_factory=Counter)
    edge_texts: set[str] = field(default_factory=set)  # folded texts of the edge lines
    scanned: bool = False
    used_ocr: bool = False
    warnings: list[str] = field(default_factory=list)


def _read_page(
    page: Page, settings: PdfSettings, ocr: OcrWords | None, carried: list[float] | None
) -> _PageContent:
    """One page's tables and paragraph drafts; pdfplumber's failures become ``PdfError``."""
    number = page.page_number
    try:
        words = read_page_words(page, settings)
        found = page.find_tables(settings.table_settings) if words else []
        scanned = not words and bool(page.images)
    except Exception as exc:  # pdfminer raises many types on damaged content streams
        raise PdfError(f"not a readable PDF: page {number} cannot be parsed ({exc})") from exc
    content = _PageContent(number, float(page.height), scanned=scanned)
    if scanned and ocr is not None:
        words = ocr(page)
        content.used_ocr = bool(words)
    for word in words:
        content.sizes[round(word_size(word) * 2) / 2] += len(word["text"])
    tables: list[Table] = []
    free = words
    for plumber_table in sorted(found, key=lambda table: table.bbox[1]):
        if len({cell[0] for cell in plumber_table.cells}) < 2:
            # A box round some text, or a frame with rules between rows, is no grid of
            # columns: its words are laid out like the page's other words.
            continue
        inside, free = _split_words(free, plumber_table.bbox)
        tables.append(_ruled_table(plumber_table, inside, number, settings, content.warnings))
    _layout(free, tables, content, settings, carried)
    return content


def _upright(char: dict) -> bool:
    a, b, c, d, _, _ = char["matrix"]
    return a > 0 and d > 0 and abs(b) < 0.01 * a and abs(c) < 0.01 * d


def _split_words(words: list[dict], bbox: BBox) -> tuple[list[dict], list[dict]]:
    x0, top, x1, bottom = bbox
    inside, outside = [], []
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(word)
    return inside, outside


# -- ruled tables -------------------------------------------------------------------------


@dataclass
class _Span:
    row: int
    col: int
    row_span: int
    col_span: int
    words: list[dict] = field(default_factory=list)
    flowed: bool = False  # joined with a neighbour because its text ran across the rule


def _ruled_table(
    found: PlumberTable, words: list[dict], page: int, settings: PdfSettings, warnings: list[str]
) -> Table:
    """A grid from pdfplumber's cells: spans from where each cell starts and ends."""
    found_cells = _cut_under_headers(found.cells, words)
    xs = sorted({cell[0] for cell in found_cells})
    tops = sorted({cell[1] for cell in found_cells})
    x_edges = xs + [found.bbox[2]]
    y_edges = tops + [found.bbox[3]]
    owner: list[list[_Span | None]] = [[None] * len(xs) for _ in tops]
    for x0, top, x1, bottom in found_cells:
        row, col = bisect.bisect_left(tops, top), bisect.bisect_left(xs, x0)
        col_end = bisect.bisect_left(x_edges, x1 - 0.5)
        row_end = bisect.bisect_left(y_edges, bottom - 0.5)
        span = _Span(row, col, max(1, row_end - row), max(1, col_end - col))
        for r in range(row, row + span.row_span):
            for c in range(col, col + span.col_span):
                owner[r][c] = span
    for r, c in ((r, c) for r in range(len(tops)) for c in range(len(xs))):
        if owner[r][c] is None:  # a hole pdfplumber found no cell for
            owner[r][c] = _Span(r, c, 1, 1)
    for word in words:
        r = max(0, bisect.bisect_right(tops, (word["top"] + word["bottom"]) / 2) - 1)
        c = max(0, bisect.bisect_right(xs, (word["x0"] + word["x1"]) / 2) - 1)
        owner[r][c].words.append(word)
    for r in range(len(tops)):
        _join_flowing_cells(owner, r, x_edges, settings, page, warnings)
    rows = []
    for r in range(len(tops)):
        cells = []
        for c in range(len(xs)):
            span = owner[r][c]
            box = (x_edges[c], y_edges[r], x_edges[c + 1], y_edges[r + 1])
            if (span.row, span.col) == (r, c):
                box = (box[0], box[1], x_edges[c + span.col_span], y_edges[r + span.row_span])
                lines, full = _cell_lines(span.words, box, settings)
                cells.append(Cell(lines, span.col_span, span.row_span, bbox=box, full=full))
            else:
                cells.append(Cell(covered=True, origin=(span.row, span.col), bbox=box))
        row_box = (x_edges[0], y_edges[r], x_edges[-1], y_edges[r + 1])
        rows.append(Row(cells=cells, page=page, bbox=row_box))
    return Table(rows=rows, n_cols=len(xs), page=page, bbox=tuple(found.bbox), ruled=True)


def _cut_under_headers(cells: list[BBox], words: list[dict]) -> list[BBox]:
    """pdfplumber's cells, a ruled row cut in two where a header sits on the first data
    row with no rule between them: bold words in two columns or more, all of them above
    the regular words of two columns or more."""
    xs = sorted({cell[0] for cell in cells})
    edges = sorted({cell[1] for cell in cells} | {cell[3] for cell in cells})

    def columns(band: list[dict]) -> int:
        return len({bisect.bisect_right(xs, (w["x0"] + w["x1"]) / 2) for w in band})

    cuts = []
    for top, bottom in zip(edges, edges[1:], strict=False):
        band = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 < bottom]
        bold = [w for w in band if is_bold(w)]
        plain = [w for w in band if not is_bold(w) and not is_bullet_word(w)]
        if not bold or not plain:
            continue
        low, high = max(w["bottom"] for w in bold), min(w["top"] for w in plain)
        if low < high and columns(bold) >= 2 and columns(plain) >= 2:
            cuts.append((low + high) / 2)
    split = []
    for x0, top, x1, bottom in cells:
        ys = [top, *(y for y in cuts if top < y < bottom), bottom]
        split.extend((x0, a, x1, b) for a, b in zip(ys, ys[1:], strict=False))
    return split


def _cell_lines(words: list[dict], box: BBox, settings: PdfSettings) -> tuple[list[str], bool]:
    """The cell's paragraphs, and whether its last line fills the cell (``Cell.full``).

    The text area ends as far inside the right rule as the text starts inside the left
    one (Word and LibreOffice pad both sides alike).
    """
    if not words:
        return [], False
    lines = group_lines(words, settings.y_tolerance)
    margin = max(0.0, min(word["x0"] for word in words) - box[0])
    right = box[2] - margin + 0.5
    last = lines[-1]
    full = last.x1 > right - settings.full_line_room * last.size
    if not settings.cell_paragraphs:
        return bulleted_lines([line.text for line in lines]), full
    return cell_paragraphs(lines, right), full


def _join_flowing_cells(
    owner: list[list[_Span]],
    r: int,
    x_edges: list[float],
    settings: PdfSettings,
    page: int,
    warnings: list[str],
) -> None:
    """Read cells as one where a row's text runs straight across the rule between them
    (a heading drawn over unmerged cells: "PREVE | NTION THEME")."""
    row = owner[r]
    c = 0
    while c < len(row):
        left = row[c]
        nxt = left.col + left.col_span
        if nxt >= len(row):
            break
        right = row[nxt]
        if (
            left.row == right.row == r
            and left.row_span == right.row_span == 1
            and _text_flows(left.words, right.words, x_edges[nxt], settings)
        ):
            left.col_span += right.col_span
            left.words.extend(right.words)
            left.flowed = True
            for k in range(right.col, right.col + right.col_span):
                row[k] = left
            continue
        c = nxt
    flowed = {id(span): span for span in row if span.flowed}
    for span in flowed.values():
        others = {id(s): s for s in row if s is not span}
        if all(s.row == r and s.row_span == 1 and not s.words for s in others.values()):
            # The row's only text ran over the rules: it is a heading across the whole row.
            span.col, span.col_span = 0, len(row)
            for k in range(len(row)):
                row[k] = span
        text = " ".join(word["text"] for word in sorted(span.words, key=lambda w: w["x0"]))
        warnings.append(
            f"page {page}: text runs across a column rule in a table row; "
            f"the cells were read as one: {text[:60]!r}"
        )


def _text_flows(left: list[dict], right: list[dict], rule: float, settings: PdfSettings) -> bool:
    if any(word["x0"] < rule - 1 and word["x1"] > rule + 1 for word in left + right):
        return True  # a word drawn over the rule
    for word in right:
        size = word_size(word)
        before = [w["x1"] for w in left if abs(w["top"] - word["top"]) <= settings.y_tolerance]
        if before and word["x0"] - max(before) < settings.text_flow_gap * size:
            return True
    return False


# -- text outside ruled tables ----------------------------------------------------------------


def _layout(
    words: list[dict],
    tables: list[Table],
    content: _PageContent,
    settings: PdfSettings,
    carried: list[float] | None,
) -> None:
    """Ruled tables, borderless tables and paragraphs of one page, top to bottom.
    ``carried``: column left edges of a borderless table ending the previous page."""
    lines = group_lines(words, settings.y_tolerance)
    edge = _edge_lines(lines, content.height, settings)
    numbers = {id(line) for line in edge if _PAGE_NUMBER.match(line.text)}
    lines = [line for line in lines if id(line) not in numbers]
    edge_ids = {id(line) for line in edge} - numbers
    content.edge_texts = {fold_numbers(line.text) for line in edge if id(line) in edge_ids}
    items: list[Table | _Draft] = list(tables)
    # Lines between two ruled tables form one region: a borderless table never spans a rule.
    cuts = sorted(table.bbox[1] for table in tables)
    regions: dict[int, list[TextLine]] = {}
    for line in lines:
        regions.setdefault(bisect.bisect_right(cuts, line.top), []).append(line)
    ordered = sorted(tables, key=lambda table: table.bbox[1])
    for index, region in regions.items():
        carry = None
        if index > 0:  # the region under a ruled table may run on in its columns
            above = ordered[index - 1]
            carry = Carried([cell.bbox[0] for cell in above.rows[0].cells], above.bbox[3])
        elif carried is not None:
            # The top of the page may carry on a borderless table from the page before,
            # perhaps below a running header.
            skip = next((k for k, line in enumerate(region) if id(line) not in edge_ids), 0)
            carry = Carried(carried, skip=skip)
        items.extend(_region_items(region, content.number, settings, carry))
    items.sort(key=_top)
    content.items = items


def _columns_carried(previous: _PageContent) -> list[float] | None:
    """Column left edges of the borderless table that ends the previous page, if one does."""
    body = [
        item
        for item in previous.items
        if not (isinstance(item, _Draft) and fold_numbers(item.text) in previous.edge_texts)
    ]
    last = body[-1] if body else None
    if not isinstance(last, Table) or last.ruled or not last.rows:
        return None
    return [cell.bbox[0] for cell in last.rows[-1].cells if cell.bbox is not None]


def _top(item: Table | _Draft) -> float:
    return item.bbox[1] if isinstance(item, Table) else item.lines[0].top


def _edge_lines(lines: list[TextLine], height: float, settings: PdfSettings) -> list[TextLine]:
    """The outermost lines at the top and bottom of the page, within the furniture band:
    where running headers, footers and page numbers sit."""
    band = settings.furniture_band * height
    count = settings.furniture_lines
    top = [line for line in lines[:count] if line.bottom <= band]
    bottom = [line for line in lines[-count:] if line.top >= height - band]
    return top + [line for line in bottom if line not in top]


def _region_items(
    lines: list[TextLine],
    page: int,
    settings: PdfSettings,
    carried: Carried | None,
) -> list[Table | _Draft]:
    items: list[Table | _Draft] = []
    taken = 0
    found = (
        find_borderless_tables(lines, page, settings, carried) if settings.borderless else []
    )
    for table, start, end in found:
        items.extend(_paragraphs(lines[taken:start], settings))
        items.append(table)
        taken = end
    items.extend(_paragraphs(lines[taken:], settings))
    return items


def _paragraphs(lines: list[TextLine], settings: PdfSettings) -> list[_Draft]:
    """Consecutive lines of one font, without extra space between them, are one paragraph;
    a bulleted line starts a list item of its own."""
    drafts: list[_Draft] = []
    for line in lines:
        if drafts and _continues(drafts[-1].lines[-1], line, settings):
            drafts[-1].lines.append(line)
        else:
            drafts.append(_Draft([line]))
    return drafts


def _continues(previous: TextLine, line: TextLine, settings: PdfSettings) -> bool:
    if bulleted(line.text)[0]:
        return False
    size = previous.size
    spacing = line.top - previous.bottom
    return (
        spacing <= settings.paragraph_gap * size
        and abs(line.size - size) < 0.5
        and line.bold == previous.bold
    )


# -- the whole document ------------------------------------------------------------------------


def _assemble(pages: list[_PageContent], settings: PdfSettings) -> list[Block]:
    """Drop furniture, decide heading levels, number the tables: the document's blocks."""
    repeats = Counter(text for page in pages for text in page.edge_texts)
    needed = max(2, settings.furniture_share * len(pages))
    furniture = {text for text, count in repeats.items() if count >= needed}
    kept: list[tuple[int, Table | _Draft]] = []
    for page in pages:
        for item in page.items:
            if _drop_furniture(item, furniture, page.height, settings):
                kept.append((page.number, item))
    sizes: Counter[float] = sum((page.sizes for page in pages), Counter())
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    drafts = [item for _, item in kept if isinstance(item, _Draft)]
    levels = _heading_levels(drafts, body, settings)
    blocks: list[Block] = []
    tables = 0
    for number, item in kept:
        if isinstance(item, Table):
            item.index, tables = tables, tables + 1
            blocks.append(item)
        else:
            blocks.append(item.paragraph(number, levels.get(id(item))))
    return blocks


def _drop_furniture(
    item: Table | _Draft, furniture: set[str], height: float, settings: PdfSettings
) -> bool:
    """Remove running header and footer lines from the item; False when nothing is left."""
    band = settings.furniture_band * height

    def is_furniture(text: str, top: float, bottom: float) -> bool:
        return (bottom <= band or top >= height - band) and fold_numbers(text) in furniture

    if isinstance(item, _Draft):
        item.lines = [
            line for line in item.lines if not is_furniture(line.text, line.top, line.bottom)
        ]
        return bool(item.lines)
    if item.ruled:
        return True
    # A borderless table may have taken a header or footer line in as its first or last
    # row; a row with text in several columns (a repeated table header) is never furniture.
    for end in (0, -1):
        if item.rows:
            row = item.rows[end]
            texts = [cell.text for cell in row.cells if cell.text]
            if len(texts) == 1 and row.bbox and is_furniture(texts[0], row.bbox[1], row.bbox[3]):
                item.rows.pop(end)
    return bool(item.rows)


def _heading_levels(drafts: list[_Draft], body: float, settings: PdfSettings) -> dict[int, int]:
    """Heading level per draft id: larger sizes rank higher; bold body-size lines come last.
    The document's first paragraph, when it is its largest heading, is the title (level 0)."""

    def rank_size(draft: _Draft) -> float | None:
        if draft.size >= settings.heading_size_ratio * body:
            return round(draft.size)
        is_item, text = bulleted(draft.text)
        if (
            draft.bold
            and not is_item
            and len(text.split()) <= settings.bold_heading_max_words
            and not PUNCTUATED_END.search(text)
        ):
            return round(body) - 0.5  # below every larger size
        return None

    ranked = {id(draft): size for draft in drafts if (size := rank_size(draft)) is not None}
    if not ranked:
        return {}
    levels = {}
    first = drafts[0]
    largest = max(ranked.values())
    title = id(first) in ranked and ranked[id(first)] == largest and largest > body
    if title and sum(size == largest for size in ranked.values()) == 1:
        levels[id(first)] = 0
        del ranked[id(first)]
    order = sorted(set(ranked.values()), reverse=True)
    levels.update({key: order.index(size) + 1 for key, size in ranked.items()})
    return levels


def _metadata_title(metadata: dict) -> str:
    title = metadata.get("Title")
    if not isinstance(title, str):
        return ""
    title = " ".join(title.split())
    return "" if _TITLE_IS_FILENAME.search(title) else title


def _reason(exc: PdfminerException) -> str:
    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "the PDF is encrypted; planharvest cannot read password-protected files"
    if isinstance(cause, PSEOF):
        return "not a readable PDF: the file ends early (truncated or damaged)"
    if "No /Root" in str(cause):
        return "not a readable PDF: it has no document catalogue (not a PDF, or badly damaged)"
    return f"not a readable PDF: {type(cause).__name__}: {cause}"
