"""Pictures of flagged rows for ``report.html``: the row as printed, under its table's header.

Each picture is a PNG file in ``report-pictures/`` beside ``report.html`` (written
through the run's staging folder, so it is committed with the report), named
by the hash of its bytes: the page links to it with ``loading="lazy"``, so the
page itself grows by one short line per flagged row whatever the pictures
weigh, and a browser draws only the pictures of the cards a reader opens.
Identical crops (copies of one document) are one file.

Where a row is found:

* a PDF row carries its page and box, and the header row of its table (the
  extractor records both, ``Action.header_page`` / ``header_bbox``);
* a Word row (``.docx``, ``.doc``, ``.odt``, ``.rtf``) has no page and, by default,
  no picture: a Word table holds its cells as text, which the report shows (the
  row's values, and the rows before and after it). A picture means printing the
  document through LibreOffice, which took longer than reading it -- 20 CPU seconds
  of a 23-second convert of the five sample ``.docx`` files -- and shows
  LibreOffice's layout, not Word's. With ``word_pictures`` (``convert
  --word-pictures``) the documents are printed to PDF by LibreOffice, all in one
  call (``extract.legacy``, with the same time limit, clean-up and no-network guard
  as a legacy conversion), the ruled tables of that PDF are found with pdfplumber
  and the row is the table row holding most of its words; the header is the first
  row of that table (or of the table it continues from the page before).

A header directly above its row is pictured in one piece with it; a header
further up (or on an earlier page) is drawn above the row with a gap. Every
row without a picture gets a sentence saying why.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planharvest.errors import plain_cause
from planharvest.extract.legacy import (
    LegacyConversionError,
    convert_batch,
    convert_to_docx,
    find_soffice,
)
from planharvest.files import atomic_path
from planharvest.model import Action

if TYPE_CHECKING:  # imported where a picture is drawn: a run of Word files draws none
    import pdfplumber
    from PIL import Image

#: The folder of pictures, beside report.html.
PICTURES_FOLDER = "report-pictures"
#: Points of page added around a row's box, so its ruling lines and neighbours show.
PICTURE_PADDING_PT = 8.0
#: Rendering resolution of pictures (dots per inch): small files, still legible.
PICTURE_RESOLUTION = 100
#: Pictures wider than this are drawn at a lower resolution (pixels).
PICTURE_MAX_WIDTH_PX = 1000
#: ... but never below this resolution (dots per inch), where text stops being legible.
PICTURE_MIN_RESOLUTION = 72
#: Rows wider than this (points: the widest drawn at the lowest resolution) are pictured
#: from their left edge to this width.
PICTURE_MAX_WIDTH_PT = PICTURE_MAX_WIDTH_PX * 72 / PICTURE_MIN_RESOLUTION
#: Rows taller than this (points) are pictured from their top to this height.
PICTURE_MAX_HEIGHT_PT = 450.0
#: Grey levels kept: text stays crisp and the PNG is about a third smaller.
PICTURE_GREY_LEVELS = 16
#: A header at most this far (points) above its row is pictured in one piece with it.
HEADER_JOIN_PT = 60.0
#: Pixels of white between a header drawn from further up and its row.
HEADER_GAP_PX = 6
#: Flagged rows that get a picture (each costs ~10-40 ms to draw); later rows say why not.
MAX_PICTURES = 3000
#: Word documents printed to PDF for pictures (LibreOffice takes seconds for each).
MAX_RENDERED_DOCUMENTS = 200
#: A Word document with a cell longer than this (characters) is not printed: LibreOffice lays
#: out a table row running over many pages for minutes (a 100,000-character cell: ~4 min).
MAX_PRINTED_CELL_CHARACTERS = 10_000
#: Share of a Word row's words that a table row of the printed PDF must hold to be it.
WORD_MATCH_SHARE = 0.6
#: Words of a row compared (the start of a long action is enough to tell rows apart).
WORD_MATCH_WORDS = 40
#: Formats LibreOffice prints to PDF for a picture.
WORD_FORMATS = frozenset({"docx", "doc", "odt", "rtf"})

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Place:
    """Where a row is printed: its page and box, and its table's header row (or None)."""

    page: int
    bbox: BBox
    header: tuple[int, BBox] | None


@dataclass(frozen=True)
class Picture:
    """A written picture: its path relative to report.html, its size, what it leaves out."""

    src: str
    width: int
    height: int
    note: str


@dataclass
class _TableRow:
    page: int
    bbox: BBox
    words: frozenset[str]
    header: tuple[int, BBox] | None


@dataclass
class _Rendered:
    """A Word document printed to PDF, with its table rows; or why it could not be."""

    pdf: Path | None
    rows: list[_TableRow]
    error: str = ""


class Pictures:
    """Writes the pictures of flagged rows into ``out_dir/report-pictures``."""

    def __init__(self, out_dir: Path, sources: dict[str, Path], actions: Iterable[Action] = (),
                 limit: int = MAX_PICTURES, timeout: float = 300.0,
                 word_pictures: bool = False) -> None:
        self.folder = Path(out_dir) / PICTURES_FOLDER
        # always made: the commit then replaces an older run's folder, even with none
        self.folder.mkdir(parents=True, exist_ok=True)
        self.sources = sources
        self.limit = limit
        self.timeout = timeout
        self.word_pictures = word_pictures
        self.made = 0
        self._written: dict[tuple[str, Place], Picture] = {}
        self._rendered: dict[str, _Rendered] = {}
        self._longest_cell: dict[str, int] = {}  # source_file -> its longest text value
        for action in actions:
            longest = max(len(value) for value in (action.action, action.owner_raw,
                                                   action.deadline_raw, action.kpi,
                                                   action.milestones, action.progress,
                                                   action.outcomes, action.notes))
            self._longest_cell[action.source_file] = max(
                longest, self._longest_cell.get(action.source_file, 0))
        self._work = tempfile.TemporaryDirectory(prefix="planharvest-report-")
        self._open: tuple[Path, pdfplumber.PDF] | None = None
        self._printing = ExitStack()

    def prepare(self, actions: Sequence[Action]) -> None:
        """Print, in one LibreOffice call, the Word documents that ``picture`` will print for
        ``actions`` (the flagged rows, in the order they will be pictured): the same
        documents, chosen by the same caps, as ``_render`` would print one by one."""
        if not self.word_pictures or find_soffice() is None:
            return
        seen: set[str] = set()
        wanted: list[tuple[Path, str]] = []
        for action in actions[:self.limit]:
            path = self.sources.get(action.source_file)
            key = action.source_sha256 or str(path)
            if action.source_format not in WORD_FORMATS or path is None or key in seen \
                    or not Path(path).is_file():
                continue
            if len(seen) >= MAX_RENDERED_DOCUMENTS:
                break
            seen.add(key)
            if self._longest_cell.get(action.source_file, 0) <= MAX_PRINTED_CELL_CHARACTERS:
                wanted.append((Path(path), action.source_format))
        self._printing.enter_context(convert_batch(wanted, self.timeout, target="pdf"))

    def picture(self, action: Action) -> tuple[Picture | None, str]:
        """(the row's picture or None, why there is none or '')."""
        if self.made >= self.limit:
            return None, f"No picture: only the first {self.limit} flagged rows get one."
        path = self.sources.get(action.source_file)
        if path is None or not Path(path).is_file():
            return None, f"No picture: the document {action.source_file} was not found."
        if action.source_format == "pdf":
            pdf, place, why = Path(path), _pdf_place(action), "the reader gave no position " \
                "on the page for this row."
        elif action.source_format in WORD_FORMATS and not self.word_pictures:
            return None, (f"No picture: a {action.source_format} table holds its cells as "
                          "text, shown below with the rows around it (--word-pictures prints "
                          "Word documents through LibreOffice for pictures, at seconds a "
                          "document).")
        elif action.source_format in WORD_FORMATS:
            pdf, place, why = self._word_place(action, Path(path))
        else:
            return None, f"No picture: {action.source_format} files are not pictured."
        if pdf is None or place is None:
            return None, f"No picture: {why}"
        key = (action.source_sha256 or str(path), place)
        if key not in self._written:
            try:
                self._written[key] = self._write(pdf, place, action)
            except Exception as error:  # noqa: BLE001 - a picture is a nicety; the report goes on
                return None, (f"No picture: the page could not be drawn "
                              f"({plain_cause(error)}).")
        self.made += 1
        return self._written[key], ""

    def close(self) -> None:
        self._close_pdf()
        self._printing.close()
        self._work.cleanup()

    # -- drawing ------------------------------------------------------------------------

    def _write(self, pdf_path: Path, place: Place, action: Action) -> Picture:
        pdf = self._pdf(pdf_path)
        header, notes = None, []
        box = place.bbox
        if place.header is not None and place.header[1] != place.bbox:
            header_page, header_box = place.header
            if header_page == place.page and 0 <= box[1] - header_box[3] <= HEADER_JOIN_PT:
                box = (min(box[0], header_box[0]), header_box[1],
                       max(box[2], header_box[2]), box[3])
            else:
                header = crop_image(pdf.pages[header_page - 1], header_box)
        row = crop_image(pdf.pages[place.page - 1], box)
        image = _stack(header, row) if header is not None else row
        if box[3] - box[1] + 2 * PICTURE_PADDING_PT > PICTURE_MAX_HEIGHT_PT:
            notes.append("The row is taller than the picture: its top part is shown.")
        if box[2] - box[0] + 2 * PICTURE_PADDING_PT > PICTURE_MAX_WIDTH_PT:
            notes.append("The row is wider than the picture: its left part is shown.")
        if place.header is None:
            notes.append("Its table's header row was not found, so the picture shows the row "
                         "alone.")
        if "row_split_across_pages" in action.flags:
            # A joined row keeps its first part's page and box (extract/stitch).
            notes.append(f"The row was joined from parts: the picture shows the part where it "
                         f"starts, on page {place.page}.")
        if action.source_format != "pdf":
            notes.append(f"Drawn from the {action.source_format} file printed to PDF by "
                         f"LibreOffice (page {place.page} of that print).")
        png = png_bytes(image)
        name = hashlib.sha256(png).hexdigest()[:24] + ".png"
        if not (self.folder / name).exists():
            with atomic_path(self.folder / name) as temporary:
                temporary.write_bytes(png)
        return Picture(f"{PICTURES_FOLDER}/{name}", image.width, image.height, " ".join(notes))

    def _pdf(self, path: Path) -> pdfplumber.PDF:
        if self._open is None or self._open[0] != path:
            self._close_pdf()
            import pdfplumber

            self._open = (path, pdfplumber.open(path))
        return self._open[1]

    def _close_pdf(self) -> None:
        if self._open is not None:
            self._open[1].close()
            self._open = None

    # -- Word rows --------------------------------------------------------------------------

    def _word_place(self, action: Action, path: Path) -> tuple[Path | None, Place | None, str]:
        rendered = self._render(action, path)
        if rendered.pdf is None:
            return None, None, rendered.error
        place = _match_row(action, rendered.rows)
        if place is None:
            return None, None, ("the row was not found among the ruled table rows of the "
                                "pages LibreOffice printed (a table without ruling lines, or "
                                "text that differs from the row's).")
        return rendered.pdf, place, ""

    def _render(self, action: Action, path: Path) -> _Rendered:
        key = action.source_sha256 or str(path)
        if key in self._rendered:
            return self._rendered[key]
        if find_soffice() is None:
            rendered = _Rendered(None, [], "Word pages are drawn by LibreOffice, which is not "
                                 "installed (soffice is not on PATH).")
        elif (longest := self._longest_cell.get(action.source_file, 0)) > \
                MAX_PRINTED_CELL_CHARACTERS:
            rendered = _Rendered(None, [], f"the document has a cell of {longest:,} characters; "
                                 "LibreOffice would take minutes to print it.")
        elif len(self._rendered) >= MAX_RENDERED_DOCUMENTS:
            rendered = _Rendered(None, [], f"only the first {MAX_RENDERED_DOCUMENTS} Word "
                                 "documents with flagged rows are printed for pictures "
                                 "(LibreOffice takes seconds for each).")
        else:
            rendered = self._print(path, action.source_format, len(self._rendered))
        self._rendered[key] = rendered
        return rendered

    def _print(self, path: Path, file_format: str, number: int) -> _Rendered:
        kept = Path(self._work.name) / f"{number}.pdf"
        try:
            with convert_to_docx(path, file_format, self.timeout, target="pdf") as printed:
                shutil.copyfile(printed, kept)
            return _Rendered(kept, table_rows(kept))
        except LegacyConversionError as error:
            return _Rendered(None, [], f"LibreOffice could not print the document to PDF "
                             f"({error}).")
        except Exception as error:  # noqa: BLE001 - a damaged print costs pictures, not the run
            return _Rendered(None, [], f"the PDF LibreOffice printed could not be read "
                             f"({plain_cause(error)}).")


def _pdf_place(action: Action) -> Place | None:
    if action.page is None or action.bbox is None:
        return None
    header = ((action.header_page, action.header_bbox)
              if action.header_page is not None and action.header_bbox is not None else None)
    return Place(action.page, action.bbox, header)


def words(text: str) -> frozenset[str]:
    """The words of ``text`` for matching: lower case, letters and digits."""
    return frozenset(re.findall(r"[a-z0-9]{2,}", text.lower()))


def table_rows(pdf_path: Path) -> list[_TableRow]:
    """Every row of every ruled table of a PDF, with its words and its table's header row."""
    rows: list[_TableRow] = []
    import pdfplumber

    from planharvest.extract.pdf.objects import quick_pages

    previous_header: tuple[int, BBox] | None = None
    with pdfplumber.open(pdf_path) as pdf:
        for page in quick_pages(pdf):  # the same objects as pdfplumber's, built faster
            for table in page.find_tables():
                boxes = [row.bbox for row in table.rows]
                if not boxes or None in boxes[0]:
                    continue
                first = (page.page_number, boxes[0])
                # A table at the very top of a page continues the one before it.
                continues = previous_header is not None and boxes[0][1] < page.height * 0.15
                header = previous_header if continues else first
                for box, cells in zip(boxes, table.extract(), strict=True):
                    if None in box:
                        continue
                    text = " ".join(cell for cell in cells if cell)
                    rows.append(_TableRow(page.page_number, box, words(text), header))
                previous_header = header
            page.close()
    return rows


def _match_row(action: Action, rows: list[_TableRow]) -> Place | None:
    """The printed table row that holds most of the action's words (first of equals)."""
    ordered = re.findall(r"[a-z0-9]{2,}", f"{action.action_ref} {action.action}".lower())
    wanted = frozenset(ordered[:WORD_MATCH_WORDS])
    if not wanted:
        return None
    best, best_share = None, WORD_MATCH_SHARE
    for row in rows:
        share = len(wanted & row.words) / len(wanted)
        if share > best_share or (best is None and share >= best_share):
            best, best_share = row, share
    if best is None:
        return None
    header = best.header if best.header != (best.page, best.bbox) else None
    return Place(best.page, best.bbox, header)


def _stack(header: Image.Image, row: Image.Image) -> Image.Image:
    """The header picture above the row's, left-aligned, with a white gap."""
    from PIL import Image

    width = max(header.width, row.width)
    image = Image.new("L", (width, header.height + HEADER_GAP_PX + row.height), 255)
    image.paste(header, (0, 0))
    image.paste(row, (0, header.height + HEADER_GAP_PX))
    return image


def crop_image(page: pdfplumber.page.Page, bbox: BBox) -> Image.Image:
    """The region ``bbox`` of ``page`` (padded, kept on the page) as a grey image.

    A row taller than ``PICTURE_MAX_HEIGHT_PT`` is pictured from its top, one
    wider than ``PICTURE_MAX_WIDTH_PT`` from its left. Only the region is
    drawn, at a resolution that keeps it within ``PICTURE_MAX_WIDTH_PX``, so
    memory follows the picture, never the page: a page may declare any size
    (pdfplumber's ``to_image`` draws the whole page and crops afterwards, ~600 MB
    for a 50,000 pt wide one).
    """
    left, top, right, bottom = page.cropbox  # pdfium draws the crop box, nothing outside it
    box_left = max(left, bbox[0] - PICTURE_PADDING_PT)
    box_top = max(top, bbox[1] - PICTURE_PADDING_PT)
    box = (box_left, box_top,
           min(right, bbox[2] + PICTURE_PADDING_PT, box_left + PICTURE_MAX_WIDTH_PT),
           min(bottom, bbox[3] + PICTURE_PADDING_PT, box_top + PICTURE_MAX_HEIGHT_PT))
    if box[0] >= box[2] or box[1] >= box[3]:
        raise ValueError(f"the row's box {bbox} lies outside the page")
    scale = min(PICTURE_RESOLUTION / 72, PICTURE_MAX_WIDTH_PX / (box[2] - box[0]))
    # pdfium's crop is what to cut off each edge: left, bottom, right, top.
    cut = (box[0] - left, bottom - box[3], right - box[2], box[1] - top)
    import pypdfium2

    document = pypdfium2.PdfDocument(page.pdf.path or page.pdf.stream,
                                     password=page.pdf.password)
    try:
        bitmap = document[page.page_number - 1].render(
            scale=scale, crop=cut, grayscale=True,
            # Smoothed text stays legible below 100 dpi; unsmoothed ruling lines stay crisp.
            no_smoothpath=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def png_bytes(image: Image.Image) -> bytes:
    """A grey image as a small PNG: even grey steps by table look-up and zlib's default
    effort (a third of the time of median-cut quantising and optimize=True, a few % more
    bytes)."""
    buffer = io.BytesIO()
    step = 255 / (PICTURE_GREY_LEVELS - 1)
    image.point([round(round(value / step) * step) for value in range(256)]).save(buffer, "PNG")
    return buffer.getvalue()


def crop_png(page: pdfplumber.page.Page, bbox: BBox) -> bytes:
    """``crop_image`` as PNG bytes."""
    return png_bytes(crop_image(page, bbox))
