"""Born-digital PDFs to ``grid.DocumentContent``: open, read page by page, assemble.

Each page is read once and released before the next (``Page.close()`` drops
pdfplumber's cached layout and objects), so memory stays flat however long the
document. Per page: its content is measured before it is laid out (``guard``);
only upright characters are kept -- rotated margin labels and watermarks are
dropped; words are clustered once for the whole page; ruled tables come from
pdfplumber's table finder (``ruled``); the other words become borderless
tables and paragraphs (``layout``), which also drops running headers and
footers once the whole document has been seen.

Pages with no text layer are listed in ``DocumentContent.warnings``; an
``ocr`` callable, when given, supplies words for them instead, and those words
take the same borderless/paragraph path. Tables are not stitched across pages
here: that is ``stitch.stitch_tables``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF
from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import WordExtractor

from planharvest.errors import PlanharvestError, plain_cause
from planharvest.extract.grid import BBox, DocumentContent, Table
from planharvest.extract.lines import word_size
from planharvest.extract.pdf.damage import damage_warnings
from planharvest.extract.pdf.guard import check_page
from planharvest.extract.pdf.layout import (
    PageContent,
    assemble_blocks,
    columns_carried,
    lay_out_page,
)
from planharvest.extract.pdf.objects import QuickPage, quick_pages
from planharvest.extract.pdf.ruled import ruled_table
from planharvest.extract.pdf.sides import table_settings
from planharvest.extract.pdf.sideways import (
    Turn,
    orientation,
    sideways_turn,
    turned_chars,
    turned_lines,
)
from planharvest.limits import check_time
from planharvest.settings import LimitSettings, PdfSettings

#: Supplies words (dicts with x0, x1, top, bottom, text) for a page with no text layer.
OcrWords = Callable[[Page], list[dict]]


class PdfError(PlanharvestError):
    """A PDF that cannot be read, with the reason in words."""


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
        read: list[PageContent] = []
        warnings: list[str] = []
        ocr_pages: list[int] = []
        for page in all_pages:
            if pages is not None and page.page_number not in pages:
                continue
            check_time()  # the time limit where no alarm can reach (a thread worker)
            carried = columns_carried(read[-1]) if read else None
            try:
                check = check_page(page, limits)
                if check.problem is not None:
                    raise PdfError(check.problem)
                content = _read_page(page, settings, ocr, carried,
                                     _last_ruled(read[-1], settings) if read else None)
                if check.damaged:
                    content.warnings.append(_DAMAGED.format(page.page_number))
            finally:
                page.close()
            if content.used_ocr:
                ocr_pages.append(page.page_number)
            elif content.scanned:
                warnings.append(f"page {page.page_number} has no text layer (scanned?)")
            warnings.extend(content.warnings)
            read.append(content)
        if pages is None:
            warnings[:0] = damage_warnings(path, pdf.doc.catalog, len(all_pages))
        blocks = assemble_blocks(read, settings)
        return DocumentContent(
            blocks=blocks,
            title=_metadata_title(pdf.metadata),
            pages=len(all_pages),
            ocr_pages=ocr_pages,
            warnings=warnings,
        )
    finally:
        _close(pdf)


#: What is said of a page whose compressed content is damaged (corrupt, or cut short by a
#: wrong ``/Length``): pdfminer reads what inflates and drops the rest without a word.
_DAMAGED = ("page {} is damaged: part of its content does not decompress (corrupt, or cut "
            "short by a wrong /Length), and what is in that part was not read")


#: What pdfplumber's ``Page()`` raises for a /MediaBox it cannot read: a name among the
#: numbers, none at all, too few numbers (found by bench/fuzz_readers.py).
_BAD_PAGE_BOX = (MalformedPDFException, TypeError, IndexError, ValueError)


def _list_pages(pdf: pdfplumber.PDF) -> list[Page]:
    """The document's pages; a page tree or page size pdfplumber cannot read is a PdfError
    (it raises PdfminerException for the tree, ``_BAD_PAGE_BOX`` for a page's size)."""
    try:
        return quick_pages(pdf)
    except PdfminerException as exc:
        raise PdfError(f"{_reason(exc)} (in its list of pages)") from exc
    except _BAD_PAGE_BOX as exc:
        raise PdfError("not a readable PDF: a page's size (/MediaBox) is missing or "
                       f"malformed ({plain_cause(exc)})") from exc


def _close(pdf: pdfplumber.PDF) -> None:
    """Close the file. pdfplumber's ``close()`` lists the pages again to close them, which
    raises anew when the page tree is what was broken -- and would replace the reason
    already given; then only the file itself is closed."""
    try:
        pdf.close()
    except (PdfminerException, *_BAD_PAGE_BOX):
        pdf.stream.close()



def read_page_words(page: Page, settings: PdfSettings | None = None,
                    turn: Turn | None = None) -> list[dict]:
    """The page's upright words (x0, x1, top, bottom, text, size, fontname), reading order;
    with ``turn``, those of its sideways text, in the frame of the page turned upright.

    The same dicts an OCR engine supplies for a scanned page, so both go through
    the same table and paragraph layout.
    """
    settings = settings or PdfSettings()
    hidden = page.overpainted() if isinstance(page, QuickPage) else set()
    chars = ([char for char in page.chars
              if orientation(char) == "upright" and id(char) not in hidden] if turn is None
             else turned_chars(page, turn))
    extractor = WordExtractor(
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        extra_attrs=["size", "fontname"],
    )
    words = extractor.extract_words(chars)
    words.sort(key=lambda word: (round(word["top"]), word["x0"]))
    return _small_caps_joined(words)


#: How close (pt) two pieces of one small-caps word touch, and how far apart their bottoms
#: may sit (as a share of the larger size: a capital's descent is deeper, a superscript's
#: raised bottom is not).
_TOUCHING = 0.5
_BASELINE_SHARE = 0.12


def _small_caps_joined(words: list[dict]) -> list[dict]:
    """Words set in small capitals put back together: the word extractor cuts a word where
    the size changes, so "ACTIONS" in small caps arrives as "A" (14 pt) + "CTIONS" (11 pt)
    and "D'EVALUATION" as "D" + "’" + "EVALUATION". Pieces join when they touch, sit on
    one baseline, share a font, differ in size and hold no lower-case letter and no digit
    (a footnote number or a superscript "st" stays apart)."""
    ends: dict[int, list[int]] = {}  # rounded right edge -> indices in ``joined``
    joined: list[dict] = []
    for word in sorted(words, key=lambda w: w["x0"]):
        left = next((index for key in (round(word["x0"]) - 1, round(word["x0"]))
                     for index in ends.get(key, []) if _small_caps_pieces(joined[index], word)),
                    None)
        if left is None:
            joined.append(word)
            left = len(joined) - 1
        else:
            last = joined[left]
            ends[round(last["x1"])].remove(left)
            joined[left] = {**last, "text": last["text"] + word["text"], "x1": word["x1"],
                            "top": min(last["top"], word["top"]),
                            "bottom": max(last["bottom"], word["bottom"]),
                            "size": max(word_size(last), word_size(word))}
        ends.setdefault(round(joined[left]["x1"]), []).append(left)
    if len(joined) == len(words):
        return words
    joined.sort(key=lambda word: (round(word["top"]), word["x0"]))
    return joined


def _small_caps_pieces(left: dict, right: dict) -> bool:
    if left.get("fontname") != right.get("fontname") or word_size(left) == word_size(right):
        return False
    if abs(right["x0"] - left["x1"]) > _TOUCHING:
        return False
    size = max(word_size(left), word_size(right))
    if abs(left["bottom"] - right["bottom"]) > _BASELINE_SHARE * size:
        return False
    text = left["text"] + right["text"]
    return not any(ch.islower() or ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)



def _last_ruled(previous: PageContent, settings: PdfSettings) -> Table | None:
    """The ruled table the previous page ends with (below it only lines in the footer
    band: a page number, a date), if it ends with one."""
    footer = (1 - settings.furniture_band) * previous.height
    for item in reversed(previous.items):
        if isinstance(item, Table):
            return item if item.ruled and item.rows else None
        if item.lines[0].top < footer:
            return None
    return None


@dataclass
class _Cells:
    """Cells and box in the shape of pdfplumber's ``Table``, for ``ruled_table``."""

    cells: list[BBox]
    bbox: BBox


#: How far (pt) a box's sides may lie from the sides of the table it carries on.
_SIDE_TOLERANCE = 3.0


def _box_carrying_on(found: PlumberTable, above: Table | None, first: bool) -> _Cells | None:
    """A ruled box at the top of a page (``first``: no table above it on the page) with the
    sides of the ruled table ending the previous page (``above``), which draws no column
    rules in its body: the part of a row a page break cut off (a Word table ruled only
    between rows), cut into that table's columns; None for any other box."""
    if above is None or not first or above.bbox is None:
        return None
    x0, top, x1, bottom = found.bbox
    if abs(x0 - above.bbox[0]) > _SIDE_TOLERANCE or abs(x1 - above.bbox[2]) > _SIDE_TOLERANCE:
        return None
    starts = [cell.bbox[0] for cell in above.rows[0].cells
              if not cell.covered and cell.bbox is not None]
    edges = [*starts, x1]
    if len(starts) < 2:
        return None
    rows = sorted({(cell[1], cell[3]) for cell in found.cells})
    return _Cells([(a, row_top, b, row_bottom) for row_top, row_bottom in rows
                   for a, b in zip(edges, edges[1:], strict=False)], (x0, top, x1, bottom))


def _read_page(
    page: Page, settings: PdfSettings, ocr: OcrWords | None, carried: list[float] | None,
    above: Table | None = None,
) -> PageContent:
    """One page's tables and paragraph drafts; pdfplumber's failures become ``PdfError``.
    ``above``: the ruled table ending the previous page, which a box may carry on."""
    number = page.page_number
    try:
        turn = sideways_turn(page)
        words = read_page_words(page, settings, turn)
        # pdfplumber finds ruled tables in the page's own frame: a turned page's words are
        # laid out (borderless tables, paragraphs) in the upright one.
        found = (page.find_tables(table_settings(page, settings))
                 if words and not turn and _table_candidates(page, settings) else [])
        scanned = not words and bool(page.images)
    except Exception as exc:  # pdfminer raises many types on damaged content streams
        raise PdfError(f"not a readable PDF: page {number} cannot be parsed "
                       f"({plain_cause(exc)})") from exc
    content = PageContent(number, turn.height if turn else float(page.height),
                          scanned=scanned)
    if turn is not None:
        content.warnings.append(f"page {number}: its text is set sideways; it was read "
                                "turned upright (ruled lines are not used on such a page)")
    if scanned and ocr is not None:
        words = ocr(page)
        content.used_ocr = bool(words)
    for word in words:
        content.sizes[round(word_size(word) * 2) / 2] += len(word["text"])
    tables: list[Table] = []
    free = words
    for plumber_table in sorted(found, key=lambda table: table.bbox[1]):
        grid: PlumberTable | _Cells = plumber_table
        if len({cell[0] for cell in plumber_table.cells}) < 2:
            # A box round some text, or a frame with rules between rows, is no grid of
            # columns: its words are laid out like the page's other words -- unless it
            # carries on the table ending the page before.
            carrying = _box_carrying_on(plumber_table, above, not tables)
            if carrying is None:
                continue
            grid = carrying
        inside, free = _split_words(free, grid.bbox)
        if turn is None:
            inside = [*inside, *turned_lines(page, grid.bbox)]  # a cell's sideways words
        tables.append(ruled_table(grid, inside, number, settings, content.warnings))
    lay_out_page(free, tables, content, settings, carried)
    return content


#: Table-finding strategies that find tables only from what a page draws.
_FROM_DRAWING = frozenset({"lines", "lines_strict"})


def _table_candidates(page: Page, settings: PdfSettings) -> bool:
    """Whether the table finder can find anything: a page of text alone (no line, rectangle
    or curve) has no ruled table when both strategies read only drawn lines, and skips it."""
    strategies = {settings.table_settings.get(f"{side}_strategy", "lines")
                  for side in ("vertical", "horizontal")}
    return not strategies <= _FROM_DRAWING or bool(page.rects or page.lines or page.curves)


def _split_words(words: list[dict], bbox: BBox) -> tuple[list[dict], list[dict]]:
    x0, top, x1, bottom = bbox
    inside, outside = [], []
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(word)
    return inside, outside



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
    return f"not a readable PDF: {plain_cause(cause)}"
