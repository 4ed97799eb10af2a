"""Scanned PDF pages: ruled tables found in the page image, words read by Tesseract.

A page with no text layer is only a picture, so the two things pdfplumber
reads from a born-digital page, the table rules and the words, are rebuilt
from its pixels. For one page:

1. render it greyscale at ``OcrSettings.dpi`` (pdfplumber, through pypdfium2),
   less for a page too large for ``max_pixels``;
2. ink is any pixel clearly darker than the page's paper. A page scanned
   askew is straightened first (a rule 0.8 degrees off level is a staircase
   of short runs, no line): the angle, within ``max_skew``, is the one at
   which the rows of ink are sharpest, as text lines and rules are when level.
   Positions on a straightened page are those of the straightened image,
   within a few points of the page's own;
3. ruling lines are runs of ink at least ``min_rule_length`` long and at most
   ``max_rule_thickness`` thick. A line is kept only where it meets two lines
   of the other direction, as every rule of a grid does; an underline, a
   dash leader or a tall letter meets none. Lines that meet make one table;
   its column and row edges are where its lines run, and where a rule is
   missing along a grid edge the cells either side are one merged cell,
   as Word draws them;
4. the page is OCR'd as it is with ``pytesseract.image_to_data``: words with
   pixel boxes, turned into PDF points. (Painting the rules out first changes
   how Tesseract splits the page into blocks and was measured to make it
   misread short cells: "T5" as "TS".) A thin word lying on a rule is the rule
   read as "|" and is dropped, as are words Tesseract is not sure of
   (``min_confidence``): specks and shading. Tesseract gives no font size, so
   each word's ``size`` is the height of its OCR line, which for a line with
   ascenders and descenders is about the font size; a bullet read as "e" or
   "¢" is written back as a bullet. Nor does it say which words are bold, which
   headings and header rows are known by: a word whose strokes are much thicker
   for its size than the page's typical word is given a bold ``fontname``;
5. words inside a ruled table fill its cells; the other words go back to the
   PDF reader, which lays them out like a born-digital page's words
   (borderless tables, paragraphs).

Costs: Tesseract takes one to three seconds a page at 300 dpi on one core;
finding the rules is a few numpy passes over the image. Tesseract's own
threads are limited to one (``OMP_THREAD_LIMIT``), which is faster overall
when pages and documents are read in parallel and no slower alone.
"""

from __future__ import annotations

import bisect
import os
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from planharvest.errors import PlanharvestError, plain_cause
from planharvest.extract.grid import BBox, Cell, Row, Table
from planharvest.extract.lines import cell_paragraphs, group_lines, text_right
from planharvest.lexicon import BULLET
from planharvest.settings import OcrSettings
from planharvest.unionfind import UnionFind

if TYPE_CHECKING:
    from pdfplumber.page import Page


class OcrError(PlanharvestError):
    """Tesseract could not read a page; the message says why."""


@dataclass
class ScannedPage:
    """What OCR found on one page, in PDF points."""

    tables: list[Table] = field(default_factory=list)  # ruled tables, their cells filled
    words: list[dict] = field(default_factory=list)  # words outside those tables


def tesseract_missing() -> str | None:
    """Why pages cannot be OCR'd on this machine, or None when they can."""
    import pytesseract  # here, not at the top: it imports pandas and pyarrow (see pdf/scans.py)

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return "Tesseract is not installed"
    return None


def read_scanned_page(page: Page, settings: OcrSettings | None = None) -> ScannedPage:
    """Ruled tables and words of an image-only page (``page`` from pdfplumber).

    Raises ``OcrError`` when Tesseract fails or runs out of time on the page.
    """
    settings = settings or OcrSettings()
    return read_rendered_page(render_scanned_page(page, settings), settings)


@dataclass
class RenderedPage:
    """A scanned page's image, ready for OCR: what ``read_rendered_page`` needs, and
    nothing of the PDF (it may run in another thread: pdfium draws in one at a time)."""

    image: Image.Image  # greyscale
    to_points: PixelScale
    page_number: int


def render_scanned_page(page: Page, settings: OcrSettings) -> RenderedPage:
    """Step 1 of the module docstring: the page drawn greyscale, at ``settings.dpi`` or less
    for a page too large for ``max_pixels``."""
    area = float(page.width) * float(page.height) / 72**2  # square inches
    dpi = min(settings.dpi, int((settings.max_pixels / area) ** 0.5))
    try:
        rendered = page.to_image(resolution=dpi, antialias=True)
    except Exception as error:  # pypdfium2 and PIL raise many types on a damaged image
        raise OcrError(f"the page image cannot be rendered ({plain_cause(error)})") from error
    to_points = PixelScale(float(rendered.scale), float(rendered.bbox[0]), float(rendered.bbox[1]))
    return RenderedPage(rendered.original.convert("L"), to_points, page.page_number)


def read_rendered_page(page: RenderedPage, settings: OcrSettings) -> ScannedPage:
    """Steps 2-5 of the module docstring on a drawn page; safe to run in a thread of its own.

    Raises ``OcrError`` when Tesseract fails or runs out of time on the page.
    """
    image, to_points = page.image, page.to_points
    paper = float(np.percentile(np.asarray(image), 90))
    ink = np.asarray(image) < settings.ink_share * paper
    angle = skew_angle(ink, settings.max_skew, settings.skew_step)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=int(paper))
        ink = np.asarray(image) < settings.ink_share * paper
    rules = [to_points.rule(rule) for rule in find_rules(ink, to_points.per_point, settings)]
    words = [
        word
        for word in ocr_words(image, to_points, settings)
        if not any(rule.carries(word, settings.rule_snap) for rule in rules)
    ]
    mark_bold(words, ink, to_points, settings.bold_stroke_ratio)
    tables = []
    for grid in ruled_grids(rules, settings.rule_snap, settings.border_coverage):
        inside = [word for word in words if grid.holds(word)]
        words = [word for word in words if not grid.holds(word)]
        tables.append(grid.table(inside, page.page_number, settings.line_tolerance))
    return ScannedPage(tables=tables, words=words)


# -- skew -----------------------------------------------------------------------------------

#: The skew search looks at every n-th pixel: text lines stay distinct, and it is 16x cheaper.
_SKEW_SAMPLE = 4


def skew_angle(ink: np.ndarray, max_skew: float, step: float) -> float:
    """Degrees to turn the image (counter-clockwise, as ``Image.rotate``) to level its
    lines; 0.0 when it is level. The angle maximises the sum of squared row totals of
    ink, which peaks when each text line and rule falls in as few rows as possible."""
    sample = Image.fromarray(ink[::_SKEW_SAMPLE, ::_SKEW_SAMPLE].astype(np.uint8) * 255)

    def sharpness(angle: float) -> float:
        turned = np.asarray(sample.rotate(angle, resample=Image.Resampling.NEAREST), dtype=float)
        return float(np.square(turned.sum(axis=1)).sum())

    # Nearest to level first, so a tie (a level page turned by less than a sampled pixel)
    # goes to the smaller turn.
    angles = sorted(np.arange(-max_skew, max_skew + step / 2, step), key=abs)
    best = max(angles, key=sharpness)
    return 0.0 if abs(best) < step / 2 else round(float(best), 2)


# -- ruling lines --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A ruling line: ``across`` is its centre across the line (the y of a horizontal
    line), ``start``/``end`` its extent along it; in pixels or in points."""

    horizontal: bool
    across: float
    start: float
    end: float

    def meets(self, other: Rule, snap: float) -> bool:
        """A horizontal and a vertical line cross or touch (within ``snap``)."""
        return (
            self.start - snap <= other.across <= self.end + snap
            and other.start - snap <= self.across <= other.end + snap
        )

    def carries(self, word: dict, thickness: float) -> bool:
        """The word (in points, like the rule) is no thicker than ``thickness`` across the
        line and lies on it: the rule itself read as a character ("|", "_")."""
        if self.horizontal:
            along, low, high = (word["x0"] + word["x1"]) / 2, word["top"], word["bottom"]
        else:
            along, low, high = (word["top"] + word["bottom"]) / 2, word["x0"], word["x1"]
        return self.start <= along <= self.end and low <= self.across <= high <= low + thickness


@dataclass(frozen=True)
class PixelScale:
    """Pixels of the rendered page to PDF points."""

    per_point: float  # pixels per point
    left: float  # the rendered area's origin, in points
    top: float

    def box(self, x0: float, top: float, x1: float, bottom: float) -> BBox:
        s = self.per_point
        return (self.left + x0 / s, self.top + top / s, self.left + x1 / s, self.top + bottom / s)

    def pixels(self, word: dict) -> tuple[slice, slice]:
        """The (rows, columns) of the image under a word."""
        s = self.per_point
        return (slice(int((word["top"] - self.top) * s), int((word["bottom"] - self.top) * s)),
                slice(int((word["x0"] - self.left) * s), int((word["x1"] - self.left) * s)))

    def rule(self, rule: Rule) -> Rule:
        offset_along, offset_across = (
            (self.left, self.top) if rule.horizontal else (self.top, self.left)
        )
        s = self.per_point
        return Rule(rule.horizontal, offset_across + rule.across / s,
                    offset_along + rule.start / s, offset_along + rule.end / s)


def find_rules(ink: np.ndarray, scale: float, settings: OcrSettings) -> list[Rule]:
    """Horizontal and vertical ruling lines of a page image that meet lines across them."""
    min_length = max(2, round(settings.min_rule_length * scale))
    max_thickness = max(1, round(settings.max_rule_thickness * scale))
    gap = round(settings.rule_gap * scale)
    horizontal = _rules_along_rows(_closed(ink, gap), min_length, max_thickness, True)
    vertical = _rules_along_rows(_closed(ink.T, gap), min_length, max_thickness, False)
    snap = settings.rule_snap * scale
    kept_h = [h for h in horizontal if sum(h.meets(v, snap) for v in vertical) >= 2]
    kept_v = [v for v in vertical if sum(v.meets(h, snap) for h in kept_h) >= 2]
    kept_h = [h for h in kept_h if sum(h.meets(v, snap) for v in kept_v) >= 2]
    return kept_h + kept_v


def _closed(ink: np.ndarray, gap: int) -> np.ndarray:
    """Ink with breaks of up to ``gap`` pixels along each row filled (a 1-D closing)."""
    if gap <= 0:
        return ink
    half = (gap + 1) // 2  # dilating then eroding by half the gap on each side fills it
    return _eroded(_dilated(ink, half), half)


def _window_sum(mask: np.ndarray, half: int) -> np.ndarray:
    """Per pixel, how many pixels within ``half`` along the row are set."""
    padded = np.pad(mask.astype(np.int32), ((0, 0), (half + 1, half)))
    sums = np.cumsum(padded, axis=1)
    return sums[:, 2 * half + 1 :] - sums[:, : -(2 * half + 1)]


def _dilated(mask: np.ndarray, half: int) -> np.ndarray:
    return _window_sum(mask, half) > 0


def _eroded(mask: np.ndarray, half: int) -> np.ndarray:
    return _window_sum(mask, half) == 2 * half + 1


def _rules_along_rows(
    ink: np.ndarray, min_length: int, max_thickness: int, horizontal: bool
) -> list[Rule]:
    """Runs of at least ``min_length`` along the rows, stacked into lines at most
    ``max_thickness`` rows thick (a transposed image gives the vertical lines)."""
    padded = np.pad(ink, ((0, 0), (1, 1))).astype(np.int8)
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order: the n-th end closes the n-th start
    long_runs = ends - starts >= min_length
    stacks: list[list[tuple[int, int, int]]] = []  # runs on consecutive rows that overlap
    open_stacks: list[list[tuple[int, int, int]]] = []
    for row, start, end in zip(rows[long_runs], starts[long_runs], ends[long_runs], strict=True):
        open_stacks = [stack for stack in open_stacks if stack[-1][0] >= row - 1]
        for stack in open_stacks:
            last_row, last_start, last_end = stack[-1]
            if last_row == row - 1 and start < last_end and end > last_start:
                stack.append((int(row), int(start), int(end)))
                break
        else:
            stack = [(int(row), int(start), int(end))]
            stacks.append(stack)
            open_stacks.append(stack)
    rules = []
    for stack in stacks:
        if len(stack) > max_thickness:
            continue  # a filled box or a band of heavy text, not a rule
        rules.append(Rule(
            horizontal=horizontal,
            across=(stack[0][0] + stack[-1][0]) / 2,
            start=min(start for _, start, _ in stack),
            end=max(end for _, _, end in stack),
        ))
    return rules


# -- grids -----------------------------------------------------------------------------------


@dataclass
class Grid:
    """A ruled table: its edges and, per position, the cell covering it."""

    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom
    #: spans[r][c]: (origin row, origin col, row span, col span) of the cell covering (r, c)
    spans: list[list[tuple[int, int, int, int]]]

    def holds(self, word: dict) -> bool:
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def table(self, words: list[dict], page: int, line_tolerance: float) -> Table:
        """The grid as a ``Table`` with ``words`` placed in the cells under them; a cell's
        words within ``line_tolerance`` of one top are one line, and its lines are put back
        into paragraphs as a PDF cell's are (``lines.cell_paragraphs``)."""
        xs, ys = self.xs, self.ys
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        placed: dict[tuple[int, int], list[dict]] = {}
        for word in words:
            r = _slot(ys, (word["top"] + word["bottom"]) / 2)
            c = _slot(xs, (word["x0"] + word["x1"]) / 2)
            placed.setdefault(self.spans[r][c][:2], []).append(word)
        rows = []
        for r in range(n_rows):
            cells = []
            for c in range(n_cols):
                o_row, o_col, row_span, col_span = self.spans[r][c]
                if (o_row, o_col) == (r, c):
                    cell_words = placed.get((r, c), [])
                    lines = group_lines(cell_words, line_tolerance)
                    right = text_right(cell_words, xs[c], xs[c + col_span]) if lines else 0.0
                    cells.append(Cell(
                        lines=cell_paragraphs(lines, right),
                        col_span=col_span,
                        row_span=row_span,
                        bbox=(xs[c], ys[r], xs[c + col_span], ys[r + row_span]),
                    ))
                else:
                    cells.append(Cell(covered=True, origin=(o_row, o_col),
                                      bbox=(xs[c], ys[r], xs[c + 1], ys[r + 1])))
            rows.append(Row(cells=cells, page=page, bbox=(xs[0], ys[r], xs[-1], ys[r + 1])))
        return Table(rows=rows, n_cols=n_cols, page=page, bbox=(xs[0], ys[0], xs[-1], ys[-1]))


def ruled_grids(rules: list[Rule], snap: float, coverage: float) -> list[Grid]:
    """One grid per group of lines that meet, top to bottom."""
    groups = _meeting_groups(rules, snap)
    grids = []
    for group in groups:
        horizontal = [rule for rule in group if rule.horizontal]
        vertical = [rule for rule in group if not rule.horizontal]
        ys = _edges(horizontal, snap)
        xs = _edges(vertical, snap)
        if len(xs) < 2 or len(ys) < 2:
            continue
        grids.append(Grid(xs, ys, _spans(xs, ys, horizontal, vertical, snap, coverage)))
    grids.sort(key=lambda grid: grid.ys[0])
    return grids


def _meeting_groups(rules: list[Rule], snap: float) -> list[list[Rule]]:
    """Rules connected through crossings (union-find over meeting pairs)."""
    sets = UnionFind(len(rules))
    for i, rule in enumerate(rules):
        for j in range(i + 1, len(rules)):
            other = rules[j]
            if rule.horizontal != other.horizontal and rule.meets(other, snap):
                sets.union(i, j)
    return [[rules[i] for i in group] for group in sets.groups()]


def _edges(rules: list[Rule], snap: float) -> list[float]:
    """Positions of the lines across, those within ``snap`` of each other taken as one."""
    clusters: list[list[float]] = []
    for position in sorted(rule.across for rule in rules):
        if clusters and position - clusters[-1][-1] <= snap:
            clusters[-1].append(position)
        else:
            clusters.append([position])
    return [sum(cluster) / len(cluster) for cluster in clusters]


def _covered(rules: list[Rule], edge: float, low: float, high: float, snap: float) -> float:
    """Share of [low, high] along grid edge ``edge`` that lines on that edge cover."""
    pieces = sorted(
        (max(low, rule.start), min(high, rule.end))
        for rule in rules
        if abs(rule.across - edge) <= snap and rule.end > low and rule.start < high
    )
    covered, reach = 0.0, low
    for start, end in pieces:
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered / (high - low) if high > low else 1.0


def _spans(
    xs: list[float],
    ys: list[float],
    horizontal: list[Rule],
    vertical: list[Rule],
    snap: float,
    coverage: float,
) -> list[list[tuple[int, int, int, int]]]:
    """Merged cells from missing borders: a cell runs right while the rule on its right is
    missing, then down while the rule under all its columns is missing."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1

    def wall(r: int, c: int) -> bool:  # a rule between columns c - 1 and c in row r
        return _covered(vertical, xs[c], ys[r], ys[r + 1], snap) >= coverage

    def floor(r: int, c: int) -> bool:  # a rule between rows r - 1 and r in column c
        return _covered(horizontal, ys[r], xs[c], xs[c + 1], snap) >= coverage

    spans: list[list[tuple[int, int, int, int] | None]] = [[None] * n_cols for _ in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            if spans[r][c] is not None:
                continue
            col_span = 1
            while c + col_span < n_cols and spans[r][c + col_span] is None \
                    and not wall(r, c + col_span):
                col_span += 1
            row_span = 1
            while r + row_span < n_rows and not any(
                spans[r + row_span][k] is not None or floor(r + row_span, k)
                for k in range(c, c + col_span)
            ):
                row_span += 1
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    spans[rr][cc] = (r, c, row_span, col_span)
    return spans  # type: ignore[return-value] - every position is filled above


def _slot(edges: list[float], position: float) -> int:
    """Index of the interval between ``edges`` holding ``position`` (clamped to the grid)."""
    return min(max(bisect.bisect_right(edges, position) - 1, 0), len(edges) - 2)


# -- words -----------------------------------------------------------------------------------


def ocr_words(image: Image.Image, to_points: PixelScale, settings: OcrSettings) -> list[dict]:
    """Tesseract's words on ``image`` as word dicts in PDF points (``x0``, ``x1``, ``top``,
    ``bottom``, ``text``, ``size``), confident words only."""
    import pytesseract

    # One OpenMP thread per Tesseract: with pages and documents already read in
    # parallel, more threads only fight over the cores (measured 2.5x faster on two).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            image,
            lang=settings.language,
            config=settings.tesseract_config,
            output_type=pytesseract.Output.DICT,
            timeout=settings.page_timeout,
        )
    except pytesseract.TesseractError as error:
        raise OcrError(f"Tesseract failed: {error.message.strip()[-300:]}") from error
    except RuntimeError as error:  # pytesseract's timeout (TesseractError is one too)
        raise OcrError(f"Tesseract took longer than {settings.page_timeout:.0f} s") from error
    line_heights = {
        (data["block_num"][i], data["par_num"][i], data["line_num"][i]): data["height"][i]
        for i, level in enumerate(data["level"])
        if level == 4
    }
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip().strip("|_")  # a rule touching a word is read as "|" or "_"
        if data["level"][i] != 5 or not text or float(data["conf"][i]) < settings.min_confidence:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line_height = line_heights.get(key, data["height"][i])
        if text in settings.bullet_misreads and _opens_text(data, i, line_height):
            text = BULLET.strip()
        left, top = data["left"][i], data["top"][i]
        x0, top_pt, x1, bottom_pt = to_points.box(
            left, top, left + data["width"][i], top + data["height"][i]
        )
        words.append({"text": text, "x0": x0, "x1": x1, "top": top_pt, "bottom": bottom_pt,
                      "size": round(line_height / to_points.per_point, 1)})
    return words


def mark_bold(words: list[dict], ink: np.ndarray, to_points: PixelScale, ratio: float) -> None:
    """Set each word's ``fontname`` to "OCR-Bold" or "OCR" by its stroke width: the ink in
    its box over the number of strokes a row of pixels crosses, per point of its size, set
    against the median word's (bold type is about 1.5 times as thick)."""
    widths = []
    for word in words:
        box = ink[to_points.pixels(word)]
        strokes = np.count_nonzero(np.diff(box.astype(np.int8), axis=1) == 1) + np.count_nonzero(
            box[:, 0]
        )
        widths.append(box.sum() / max(strokes, 1) / max(word["size"], 1.0))
    # Short words (marks, "a", "-") say little about the page's typical stroke.
    typical = [width for word, width in zip(words, widths, strict=True) if len(word["text"]) >= 3]
    if not typical:
        return
    median = float(np.median(typical))
    for word, width in zip(words, widths, strict=True):
        word["fontname"] = "OCR-Bold" if width >= ratio * median else "OCR"


def _opens_text(data: dict[str, list], index: int, line_height: int) -> bool:
    """The OCR word at ``index`` starts a run of words: another follows it on its line,
    and none precedes it closer than a line height (Tesseract's lines may run across
    table columns)."""

    def same_line(other: int) -> bool:
        return 0 <= other < len(data["level"]) and data["level"][other] == 5 and all(
            data[key][other] == data[key][index] for key in ("block_num", "par_num", "line_num")
        )

    if not same_line(index + 1):
        return False
    if not same_line(index - 1):
        return True
    previous_end = data["left"][index - 1] + data["width"][index - 1]
    return data["left"][index] - previous_end > line_height
