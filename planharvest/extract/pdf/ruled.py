"""Ruled tables: pdfplumber's cells laid on a grid of rows and columns, with their spans.

A cell covered by a merged cell becomes ``Cell(covered=True)``; a ruled row
holding a bold header over its first data row, with no rule between them, is
cut in two; a row whose text runs straight across a column rule (a heading
row drawn without its merge) is read as one cell, and a warning says so.

Tables of figures are often ruled sparingly, and pdfplumber's cells then hold
more than one cell each: a body row ruled only round the table is one cell
across the columns its header's rules define -- its words are given to those
columns when each run of them keeps to one; a body with no rules between its
rows is one ruled row -- cut into rows, as the borderless reader cuts a block
(``line_rows``), when its lines are labelled rows of figures whose cells do not
wrap a paragraph.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from pdfplumber.table import Table as PlumberTable

from planharvest.extract.grid import BBox, Cell, Row, Table
from planharvest.extract.lines import (
    bulleted_lines,
    cell_paragraphs,
    group_lines,
    is_bold,
    is_bullet_word,
    text_right,
    word_size,
)
from planharvest.extract.pdf.borderless import FIGURE, column_gap, line_rows, word_runs
from planharvest.settings import PdfSettings

#: A cell's line ending within this many word spaces of its right rule fills the cell.
_FULL_LINE = 6


@dataclass
class _Span:
    row: int
    col: int
    row_span: int
    col_span: int
    words: list[dict] = field(default_factory=list)
    flowed: bool = False  # joined with a neighbour because its text ran across the rule


def ruled_table(
    found: PlumberTable, words: list[dict], page: int, settings: PdfSettings, warnings: list[str]
) -> Table:
    """A grid from pdfplumber's cells: spans from where each cell starts and ends."""
    found_cells = _cut_rows(found.cells, words, found.bbox[2], settings)
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
        _split_spanning_cells(owner, r, x_edges, settings)
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


def _cut_rows(cells: list[BBox], words: list[dict], right: float, settings: PdfSettings
              ) -> list[BBox]:
    """pdfplumber's cells, a ruled row cut where it holds more than one row: a header on
    the first data row with no rule between them (``_under_header``), or rows of figures
    set one under another with no rules between them (``_stacked_rows``)."""
    xs = sorted({cell[0] for cell in cells})
    edges = sorted({cell[1] for cell in cells} | {cell[3] for cell in cells})
    cuts = []
    for top, bottom in zip(edges, edges[1:], strict=False):
        band = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 < bottom]
        cut = _under_header(band, xs)
        cuts.extend([cut] if cut is not None else _stacked_rows(band, [*xs, right], settings))
    split = []
    for x0, top, x1, bottom in cells:
        ys = [top, *(y for y in cuts if top < y < bottom), bottom]
        split.extend((x0, a, x1, b) for a, b in zip(ys, ys[1:], strict=False))
    return split


def _stacked_rows(band: list[dict], x_edges: list[float], settings: PdfSettings) -> list[float]:
    """Where to cut one ruled row (``band``: its words) that holds several rows of a table
    of figures drawn with no rules between body rows: most of its lines hold a figure
    outside the first column and no cell's text wraps from line to line (an action's
    paragraph beside its dates does). The rows are
    told apart as a borderless table's are (``line_rows``); a cut goes midway between two."""
    lines = group_lines(band, settings.y_tolerance)
    if len(lines) < 2:
        return []
    placed: list[list[list[dict]]] = []
    for line in lines:
        columns: list[list[dict]] = [[] for _ in x_edges[:-1]]
        for word in line.words:
            col = bisect.bisect_right(x_edges, (word["x0"] + word["x1"]) / 2) - 1
            columns[min(max(col, 0), len(columns) - 1)].append(word)
        placed.append(columns)
    figures = sum(
        any(FIGURE.match(word["text"]) for words in columns[1:] for word in words)
        for columns in placed
    )
    if figures < max(2, settings.stacked_figures_share * len(lines)) or _wraps(placed, x_edges):
        return []
    rows = line_rows(lines, placed, [False] * len(lines), settings)
    if not all(placed[members[0]][0] for members in rows):
        return []  # a row with no label: the lines are one row's cells set in several lines
    return [(lines[above[-1]].bottom + lines[below[0]].top) / 2
            for above, below in zip(rows, rows[1:], strict=False)]


def _wraps(placed: list[list[list[dict]]], x_edges: list[float]) -> bool:
    """Some cell wraps its text (a paragraph, not rows): a line's first word would not
    have fitted at the end of the cell's line above, and either it starts in lower case
    or the line above reaches the cell's right rule, as a wrapped paragraph's lines do
    ("Czech Republic" over "Estonia" in a narrow column is two rows)."""
    for col in range(len(x_edges) - 1):
        right = x_edges[col + 1]
        cell = [columns[col] for columns in placed if columns[col]]
        for above, words in zip(cell, cell[1:], strict=False):
            first = words[0]
            space = 0.3 * word_size(first)
            fits = above[-1]["x1"] + space + first["x1"] - first["x0"] <= right - 1.0
            full = above[-1]["x1"] > right - _FULL_LINE * space
            if not fits and (first["text"][:1].islower() or full):
                return True
    return False


def _under_header(band: list[dict], xs: list[float]) -> float | None:
    """Where to cut the words of one ruled row (``band``) under a bold header over two
    columns or more, midway between the two; None when the row holds no such header."""
    bold = [w for w in band if is_bold(w)]
    plain = [w for w in band if not is_bold(w) and not is_bullet_word(w)]
    if not bold or not plain:
        return None
    low, high = max(w["bottom"] for w in bold), min(w["top"] for w in plain)
    if low < high and _columns(bold, xs) >= 2 and _columns(plain, xs) >= 2:
        return (low + high) / 2
    return None


def _columns(words: list[dict], xs: list[float]) -> int:
    """How many of the columns starting at ``xs`` hold the words' centres."""
    return len({bisect.bisect_right(xs, (w["x0"] + w["x1"]) / 2) for w in words})




def _cell_lines(words: list[dict], box: BBox, settings: PdfSettings) -> tuple[list[str], bool]:
    """The cell's paragraphs, and whether its last line fills the cell (``Cell.full``)."""
    if not words:
        return [], False
    lines = group_lines(words, settings.y_tolerance)
    right = text_right(words, box[0], box[2])
    last = lines[-1]
    full = last.x1 > right - settings.full_line_room * last.size
    if not settings.cell_paragraphs:
        return bulleted_lines([line.text for line in lines]), full
    return cell_paragraphs(lines, right), full


def _split_spanning_cells(
    owner: list[list[_Span]], r: int, x_edges: list[float], settings: PdfSettings
) -> None:
    """Give each column its own cell where a cell spanning columns holds text laid out
    in them: a body row ruled only round the table (or with no column rules), under a
    header whose rules define the columns ("Austria  86.2  13.8" in one ruled cell)."""
    for span in {id(s): s for s in owner[r] if s.row == r and s.col_span > 1}.values():
        columns = _columns_kept(span, x_edges, settings)
        if columns is None or len(set(columns.values())) < 2:
            continue
        parts = {
            col: _Span(span.row, col, span.row_span, 1)
            for col in range(span.col, span.col + span.col_span)
        }
        for word in span.words:
            parts[columns[id(word)]].words.append(word)
        for row in owner[span.row : span.row + span.row_span]:
            for col, part in parts.items():
                row[col] = part


def _columns_kept(
    span: _Span, x_edges: list[float], settings: PdfSettings
) -> dict[int, int] | None:
    """Each word's column, when every run of the span's words (words closer than a
    column gap) lies within one column; None when a run crosses a column edge -- a
    heading or sentence across the merged cell."""
    columns = {}
    for line in group_lines(span.words, settings.y_tolerance):
        for run in word_runs(line, column_gap(line, settings)):
            x0, x1 = run[0]["x0"], max(word["x1"] for word in run)
            col = max(span.col, bisect.bisect_right(x_edges, x0) - 1)
            if col >= span.col + span.col_span or x1 > x_edges[col + 1] + 1.0:
                return None
            columns.update((id(word), col) for word in run)
    return columns


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
