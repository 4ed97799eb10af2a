"""Borderless tables, found from how a page's lines line up.

A table drawn without rules still shows its columns as vertical channels of
white space: x-intervals that no word covers on any line of a block of
consecutive lines, while inside a paragraph the words of successive lines
cover every x. So a block is grown line by line from a line that already
splits into separate segments, and it stops at the first line whose words
would close one of the block's channels (a paragraph, a heading running
across the columns) or after a vertical gap too large for a table row. The
channels are the column boundaries, taken from the lines under the header
when a heading spanning two columns ("Population" over "2000 | 2010") would
hide one; such a heading's text goes to the first column it spans, as a
merged cell's text goes to its first position in the grid. A row of tiny type may narrow a channel
below the usual gap when it fills the columns cell by cell, and in a table of figures the
lines of figures may open channels a little wider than a word space (right-aligned figures
set close in a typewriter font), each figure a cell of its own. A row of figures may also
narrow a channel to a quarter of its font size without being split any closer: right-aligned
figures leave only a narrow strip between the widest figure and the widest label (or figure)
of the column before it, on other lines, while each line keeps a column's space there.

Rows: the header (bold top lines, or the lines above the first figures of a
table of figures) is one row, unless a heading spans columns over the line
under it. With a first column of short references ("PBC1", "T 4") a row
starts at each reference, since a cell's own paragraphs are spaced like rows.
Without one, a table whose rows are spaced further apart than a cell's lines
starts a row at extra space (or where the first column gains text after a gap
in it); a table set solid, one line a row as figures are, starts one at every
line opening the first column. Either way a label wrapped onto a second line
("United" / "Kingdom", "and defence") stays in its row. A cell's wrapped
lines are put back into paragraphs (``cell_paragraphs``), for ruled cells too.

A block that continues a table -- the top of a page after a borderless table
ended the previous one, or the lines just under a ruled table -- takes that
table's columns instead (``Carried``): alone, a row or two could never prove
they are a table.

A block becomes a ``Table(ruled=False)`` only when it looks like one: at
least two columns, at least ``PdfSettings.borderless_min_rows`` rows with text in two
or more columns, and either a header-like first row or a left column of
short keys. A bullet or numbered list, whose marker column would otherwise
pass, is refused.

Everything works on the plain word dicts and ``TextLine``s of ``extract.lines``,
so words from pdfplumber and words from OCR take the same path.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planharvest.extract.grid import Cell, Row, Table
from planharvest.extract.lines import (
    TextLine,
    cell_paragraphs,
    is_bullet_word,
    word_size,
)
from planharvest.lexicon import CLAUSE_END, LIST_MARKER, WORD_BULLETS

if TYPE_CHECKING:
    from planharvest.settings import PdfSettings

#: A bracketed aside in a label: "(EnergyCo)", "(examples listed)".
PARENTHETICAL = re.compile(r"\([^()]*\)")
#: A figure, as a table of figures prints it: "4,302", "12.5%", "(3.1)", "-7".
FIGURE = re.compile(r"^[-+–(]?[\d.,]*\d[\d.,]*%?\)?$")
#: A word a table of figures prints as a cell of its own: a figure, a range or interval
#: ("(1.1–1.2)", "12–15"), or a dash standing for nil ("—").
FIGURE_CELL = re.compile(
    r"^[-–—]$|^[-+–(]?[\d.,]*\d[\d.,]*%?([-–—][\d.,]*\d[\d.,]*%?)?\)?$"
)
#: Lines at the top of a borderless table that may be its header.
_HEADER_LINES = 4
#: Share of a block's lines holding a figure that makes it a table of figures.
_FIGURES_SHARE = 0.6
#: Share of a spanning run's width a column must hold to be the run's first column (a
#: heading a little wider than its one column pokes into the next by less).
_SPAN_SHARE = 0.25
#: Space (in font sizes) wider than a word space: words this far apart either side of a
#: column bound are in two cells, however tightly the cells are set.
_CELL_SPACE = 0.5
#: Least width (in font sizes) a column's channel may narrow to between rows of figures:
#: a little more than a word space.
_FIGURE_CHANNEL = 0.25


# -- finding blocks ------------------------------------------------------------------


@dataclass
class Carried:
    """Columns a borderless block may take over from a table just before it.

    ``below`` is None for a borderless table that ended the previous page: the lines at
    the top of this page that keep to its columns are its rest, however few (alone they
    could not prove they are a table); up to ``skip`` leading lines (a running header)
    may stand before them. Otherwise ``below`` is the bottom of a ruled table on this
    page: lines just under it, laid out in its columns, are a borderless run of it.
    """

    lefts: list[float]  # each column's left edge
    below: float | None = None
    skip: int = 0


def find_borderless_tables(
    lines: list[TextLine],
    page: int | None,
    settings: PdfSettings,
    carried: Carried | None = None,
) -> list[tuple[Table, int, int]]:
    """Borderless tables among ``lines``: (table, first line index, end line index)."""
    found: list[tuple[Table, int, int]] = []
    start = 0
    if carried is not None and lines:
        fragment = _carried_on(lines, carried, page, settings)
        if fragment is not None:
            found.append(fragment)
            start = fragment[2]
    while start < len(lines):
        gap = column_gap(lines[start], settings)
        if len(_segments(lines[start], gap)) < 2:
            start += 1
            continue
        first, end, channels, width = _furthest_block(lines, start, settings)
        first = max(first, found[-1][2] if found else 0)
        block = lines[first:end]
        channels = _figure_channels(block, _body_channels(block, width, channels) or channels)
        bounds = [(x0 + x1) / 2 for x0, x1 in channels]
        runs_on = end == len(lines)
        table = _build(block, bounds, page, settings, gap=gap) if len(block) >= 2 else None
        floor = found[-1][2] if found else 0
        header = _header_apart(lines, first, floor, bounds, gap, settings)
        if table is None and header < first:
            table = _build(lines[header:end], bounds, page, settings, gap=gap,
                           apart=first - header, runs_on=runs_on)
            first = header if table is not None else first
        if table is None:
            start += 1
            continue
        found.append((table, first, end))
        start = end
    return found


def _header_apart(lines: list[TextLine], first: int, floor: int, bounds: list[float],
                  gap: float, settings: PdfSettings) -> int:
    """Where a header set apart from the block at ``first`` starts (``first``: none).

    A header printed as a table of its own, or over an empty paragraph, stands further
    above the body than its rows stand apart -- as far as an empty paragraph
    (``under_table_gap``). Its lines keep to the body's columns (no run of words across a
    bound), are no larger than the body's type, and the top one splits into two or more
    labels; at most ``_HEADER_LINES`` lines, none below ``floor`` (the last table's end).
    Whether they read as a header is ``_looks_like_table``'s to judge."""
    size = lines[first].size
    top = first
    while top > floor and first - top < _HEADER_LINES:
        line, below = lines[top - 1], lines[top]
        reach = settings.under_table_gap if top == first else settings.borderless_max_line_gap
        if (below.top - line.bottom > reach * line.size or line.size > size + 0.5
                or _spans_columns(line, bounds, gap)):
            break
        top -= 1
    while top < first and len(_segments(lines[top], gap)) < 2:
        top += 1
    return top


def _carried_on(
    lines: list[TextLine], carried: Carried, page: int | None, settings: PdfSettings
) -> tuple[Table, int, int] | None:
    """The leading lines that keep to the carried columns, as a table in those columns."""
    lefts = carried.lefts
    for first in range(min(carried.skip, len(lines) - 1) + 1):
        end = first
        while end < len(lines) and _keeps_columns(lines[end], lefts):
            if end > first:
                above, reach = lines[end - 1].bottom, settings.borderless_max_line_gap
            else:  # an empty paragraph may stand between a table and its borderless run
                above, reach = carried.below, settings.under_table_gap
            if above is not None and lines[end].top - above > reach * lines[end].size:
                break
            end += 1
        if end == first:
            continue
        block = lines[first:end]
        if carried.below is not None and not any(_aligned(line, lefts, settings) for line in block):
            return None  # under a ruled table, the run must show the table's columns
        bounds = [left - 1.0 for left in lefts[1:]]
        table = _build(block, bounds, page, settings, lefts=lefts)
        return (table, first, end) if table is not None else None
    return None


def _aligned(line: TextLine, lefts: list[float], settings: PdfSettings) -> bool:
    """The line has two or more segments, each starting just right of a column edge."""
    segments = _segments(line, column_gap(line, settings))
    reach = settings.cell_padding
    return len(segments) >= 2 and all(
        any(0 <= x0 - left <= reach for left in lefts) for x0, _ in segments
    )


def _keeps_columns(line: TextLine, lefts: list[float]) -> bool:
    """No word of the line runs over a column's left edge."""
    return not any(
        word["x0"] < left - 1.0 and word["x1"] > left + 1.0
        for word in line.words
        for left in lefts[1:]
    )


def column_gap(line: TextLine, settings: PdfSettings) -> float:
    """The least white space between two columns, for this line's font size."""
    return max(settings.min_column_gap, settings.column_gap * line.size)


def word_runs(line: TextLine, gap: float) -> list[list[dict]]:
    """The line's runs of words, split where the space between two words is at least
    ``gap``; a bullet is glued to the word after it so a hanging indent is never taken
    for a column (a dash before a figure is a table's "nil", in a cell of its own)."""
    runs: list[list[dict]] = []
    glue = False
    for word, following in zip(line.words, [*line.words[1:], None], strict=True):
        if runs and (glue or word["x0"] - runs[-1][-1]["x1"] < gap):
            runs[-1].append(word)
            glue = False
        else:
            runs.append([word])
            # Only a bullet opening a run is a list mark.
            glue = is_bullet_word(word) and not (
                word["text"] in WORD_BULLETS
                and following is not None
                and FIGURE.match(following["text"])
            )
    return runs


def _segments(line: TextLine, gap: float) -> list[tuple[float, float]]:
    """x-intervals of the line's runs of words."""
    return [(run[0]["x0"], max(word["x1"] for word in run)) for run in word_runs(line, gap)]


def _channels(covered: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """White x-intervals at least ``gap`` wide between the covered intervals."""
    channels = []
    reach = None
    for x0, x1 in sorted(covered):
        if reach is not None and x0 - reach >= gap:
            channels.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
    return channels


def _open_channels(
    covered: list[tuple[float, float]], gap: float, old: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """``_channels`` at least ``gap`` wide, and narrower ones where a channel of ``old``
    is narrower than ``gap``: a channel rows of figures narrowed (``_narrows_channels``)
    stays a channel at its width."""
    narrow = [(x0, x1) for x0, x1 in old if x1 - x0 < gap]
    if not narrow:
        return _channels(covered, gap)
    least = min(x1 - x0 for x0, x1 in narrow)
    return [channel for channel in _channels(covered, least)
            if channel[1] - channel[0] >= gap or _keeps_channels([channel], narrow)]


def _keeps_channels(old: list[tuple[float, float]], new: list[tuple[float, float]]) -> bool:
    """Every channel of the block survives (perhaps narrower, perhaps split) in ``new``."""
    return all(any(min(a1, b1) > max(a0, b0) for b0, b1 in new) for a0, a1 in old)


def _body_channels(
    block: list[TextLine], gap: float, grown: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The block's channels, opened under a header line that spans columns.

    A heading over two columns ("Population (thousands)" over "2000 | 2010") covers the
    channel between them, so the channels of the whole block lose a column. Up to
    ``_HEADER_LINES`` top lines are left out when that opens more channels in the lines
    below; the fewest that give the most channels are left out. A channel of ``grown``
    (the channels the block was grown with) narrower than ``gap`` -- rows of figures set
    close to their labels -- stays a channel at that width.
    """
    best: list[tuple[float, float]] = []
    for skip in range(min(_HEADER_LINES, len(block) - 2) + 1):
        covered = [segment for line in block[skip:] for segment in _segments(line, gap)]
        channels = _open_channels(covered, gap, grown)
        if len(channels) > len(best):
            best = channels
    return best


def _narrows_channels(
    line: TextLine,
    width: float,
    covered: list[tuple[float, float]],
    channels: list[tuple[float, float]],
) -> list[tuple[float, float]] | None:
    """The block's channels with ``covered`` (its segments and those of ``line``), when
    ``line`` is a row of figures (``_is_figure_row``) and every channel stays at least
    ``_FIGURE_CHANNEL`` font sizes wide; None otherwise. No channel opens: only the
    block's own channels narrow, and any channel already narrower keeps its width."""
    if not _is_figure_row(line, width):
        return None
    least = min([_FIGURE_CHANNEL * line.size, *(x1 - x0 for x0, x1 in channels)])
    kept = [channel for channel in _channels(covered, least)
            if _keeps_channels([channel], channels)]
    if len(kept) != len(channels) or not _keeps_channels(channels, kept):
        return None
    return kept


def _is_figure_row(line: TextLine, width: float) -> bool:
    """A label, perhaps, then cells of figures: past the line's first run of words (split
    at ``width``) two figures or more, and more figures than other words. A sentence that
    cites years ("fall 1996 through fall 2012") is one run, so no row of figures."""
    rest = [word["text"] for run in word_runs(line, width)[1:] for word in run]
    figures = sum(bool(FIGURE_CELL.match(text)) for text in rest)
    return figures >= 2 and 2 * figures > len(rest)


def _figure_channels(
    block: list[TextLine], channels: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """In a table of figures -- most lines hold two figures or more -- the channels its
    lines of figures leave, each figure a cell of its own and the other words split at a
    little more than a word space, when they keep every channel found and open more:
    right-aligned figures set close ("960 1,040 1,120" in a typewriter font, "1,031,773
    1,068,270" where the widest figures of two columns nearly meet) are cells of their
    own, which a column gap runs together. A channel may be as narrow as
    ``_FIGURE_CHANNEL`` font sizes. A heading line among them goes to the columns its
    words' runs fall in."""
    rows = [line for line in block
            if sum(bool(FIGURE.match(word["text"])) for word in line.words) >= 2]
    if len(rows) < max(2, _FIGURES_SHARE * len(block)):
        return channels
    size = statistics.median(line.size for line in rows)
    covered = [
        (part[0]["x0"], max(word["x1"] for word in part))
        for line in rows
        for run in word_runs(line, _CELL_SPACE * size)
        for part in _figures_apart(run)
    ]
    tight = _channels(covered, _FIGURE_CHANNEL * size)
    if len(tight) > len(channels) and _keeps_channels(channels, tight):
        return tight
    return channels


def _figures_apart(run: list[dict]) -> list[list[dict]]:
    """A run of words cut before and after each figure, range or nil dash
    (``FIGURE_CELL``): in a row of figures each is a cell of its own."""
    parts: list[list[dict]] = []
    for word in run:
        figure = bool(FIGURE_CELL.match(word["text"]))
        if parts and not figure and not FIGURE_CELL.match(parts[-1][-1]["text"]):
            parts[-1].append(word)
        else:
            parts.append([word])
    return parts


def _furthest_block(
    lines: list[TextLine], start: int, settings: PdfSettings
) -> tuple[int, int, list[tuple[float, float]], float]:
    """The block grown from ``start`` or from one of the next ``_HEADER_LINES`` lines that
    split into columns, whichever reaches furthest down (``_grow_block``'s result).

    A caption set with a hanging indent ("Table 1.   Actual and projected ...") or a
    heading over column groups ("Actual   Projected") splits into segments too, but its
    channel is no channel of the table under it: grown from there, the block ends at the
    first row that covers that channel (a "Projected" sub-heading, a long label). Grown
    from a line below, it runs on; the lines above then join it only if they fit.
    """
    best = _grow_block(lines, start, settings)
    for later in range(start + 1, min(start + _HEADER_LINES, len(lines) - 1) + 1):
        if len(_segments(lines[later], column_gap(lines[later], settings))) < 2:
            continue
        grown = _grow_block(lines, later, settings)
        if grown[1] > best[1]:
            best = grown
    return best


def _grow_block(
    lines: list[TextLine], start: int, settings: PdfSettings
) -> tuple[int, int, list[tuple[float, float]], float]:
    """Extend a block from the line at ``start`` while its column channels stay open:
    downwards, then upwards (the top of a page may hold the rest of a row whose first
    line was on the page before). Returns (first, end, channels, least channel width).

    A line that would narrow a channel below the column gap still fits when, split at
    a little more than a word space, it is a row of three or more cells, at most one
    column left empty: a row of tiny type whose longest label comes close to the figures
    beside it, a header set tight over its columns. The block's channels are then those
    as narrow as that. So does a line that, split at either width, gives the same cells:
    its own spacing is plain, only a cell's text reaching the edge of its column (a table
    printed from a web page pads its cells by 4 px) narrows a channel. A row of figures
    (``_narrows_channels``) may narrow the block's channels further, to little more than
    a word space, without splitting its words any closer: right-aligned figures and
    left-aligned labels leave a narrow strip between the widest label and the widest
    figure, on different lines, where each line keeps a column's space.
    """
    gap = column_gap(lines[start], settings)
    covered = list(_segments(lines[start], gap))
    channels = _channels(covered, gap)
    size = lines[start].size
    width = gap

    def fits(line: TextLine, neighbour: TextLine) -> bool:
        nonlocal covered, channels, width
        spacing = max(line.top - neighbour.bottom, neighbour.top - line.bottom)
        if spacing > settings.borderless_max_line_gap * line.size or line.size > size + 0.5:
            return False  # too far away, or a heading
        trial = covered + _segments(line, width)
        trial_channels = _open_channels(trial, width, channels)
        if trial_channels and _keeps_channels(channels, trial_channels):
            covered, channels = trial, trial_channels
            return True
        narrowed = _narrows_channels(line, width, trial, channels)
        if narrowed is not None:
            covered, channels = trial, narrowed
            return True
        tight = min(width, _CELL_SPACE * line.size)
        segments = _segments(line, tight)
        if len(segments) < max(3, len(channels)) and segments != _segments(line, width):
            return False  # not a row of three or more cells, at most one of them empty
        trial = covered + segments
        # Only the block's own channels narrow; no new one opens at the smaller width.
        trial_channels = [
            channel for channel in _channels(trial, tight) if _keeps_channels([channel], channels)
        ]
        if len(trial_channels) != len(channels) or not _keeps_channels(channels, trial_channels):
            return False
        covered, channels, width = trial, trial_channels, tight
        return True

    end = start + 1
    while end < len(lines) and fits(lines[end], lines[end - 1]):
        end += 1
    first = start
    while first > 0 and fits(lines[first - 1], lines[first]):
        first -= 1
    return first, end, channels, width


# -- building the table -----------------------------------------------------------------


def _build(
    block: list[TextLine],
    bounds: list[float],
    page: int | None,
    settings: PdfSettings,
    lefts: list[float] | None = None,
    gap: float | None = None,
    apart: int = 0,
    runs_on: bool = False,
) -> Table | None:
    """The table of a block split at ``bounds``; None when it does not look like one.
    Given ``lefts`` (a table carried on from the page before), it is taken as it is.
    Given ``gap`` (the block's column gap), a run of words across a bound -- a header
    spanning columns -- is kept in one cell. ``apart``: the block's first lines are a
    header set apart (``_header_apart``), one row; ``runs_on``: the block ends the page's
    text."""
    n_cols = len(bounds) + 1
    placed = [_place_words(line, bounds, gap) for line in block]
    spanning = [gap is not None and _spans_columns(line, bounds, gap) for line in block]
    rows_of_lines = line_rows(block, placed, spanning, settings, apart)
    # A header set apart, then a block ending the page's text: the header and one row
    # are enough, the rest of the table follows on the next page (``Carried``).
    least = min(settings.borderless_min_rows, 2) if runs_on else settings.borderless_min_rows
    if lefts is None and not _looks_like_table(rows_of_lines, placed, n_cols, settings, least):
        return None
    left = min(line.x0 for line in block)
    right = max(line.x1 for line in block)
    col_left = lefts or _column_lefts(placed, n_cols, bounds, left)
    rights = _column_rights(placed, col_left, settings)
    rows = []
    for members in rows_of_lines:
        top, bottom = block[members[0]].top, block[members[-1]].bottom
        cells = []
        for col in range(n_cols):
            cell_lines = [
                TextLine(placed[index][col], block[index].top, block[index].bottom)
                for index in members
                if placed[index][col]
            ]
            lines_text = cell_paragraphs(cell_lines, rights[col])
            x1 = col_left[col + 1] if col + 1 < n_cols else right
            cells.append(Cell(lines=lines_text, bbox=(col_left[col], top, x1, bottom)))
        rows.append(Row(cells=cells, page=page, bbox=(left, top, right, bottom)))
    return Table(
        rows=rows,
        n_cols=n_cols,
        page=page,
        bbox=(left, block[0].top, right, block[-1].bottom),
        ruled=False,
    )


def _place_words(line: TextLine, bounds: list[float], gap: float | None) -> list[list[dict]]:
    """The line's words per column, by each word's centre; with ``gap``, a run of words
    whose centres fall in several columns (a heading over them) goes whole to the first
    column holding a good share of it, as the grid gives a merged cell's text to its
    first position."""
    columns: list[list[dict]] = [[] for _ in range(len(bounds) + 1)]

    def column(x: float) -> int:
        return sum(x > bound for bound in bounds)

    runs = [[word] for word in line.words] if gap is None else [
        part for run in word_runs(line, gap) for part in _split_at_bounds(run, bounds)
    ]
    for run in runs:
        spread = {column((word["x0"] + word["x1"]) / 2) for word in run}
        if len(spread) == 1:
            columns[spread.pop()].extend(run)
            continue
        x0, x1 = run[0]["x0"], max(word["x1"] for word in run)
        edges = [x0, *(bound for bound in bounds if x0 < bound < x1), x1]
        shares = [(b - a) / (x1 - x0) for a, b in zip(edges, edges[1:], strict=False)]
        good = [k for k, share in enumerate(shares) if share >= _SPAN_SHARE]
        first = good[0] if good else shares.index(max(shares))
        columns[column(x0) + first].extend(run)
    return columns


def _split_at_bounds(run: list[dict], bounds: list[float]) -> list[list[dict]]:
    """A run of words cut at a space wider than a word space where a column bound falls
    in it or in the word before it (a label wider than its column's values, "Actions*"
    over "A1", set close to the next label), or between two figures' centres: tightly
    set cells ("2001 2002 2003" over narrow columns, right-aligned figures nearly meeting,
    the wider one reaching over the bound) rather than one heading."""
    parts = [[run[0]]]
    for before, word in zip(run, run[1:], strict=False):
        if FIGURE_CELL.match(before["text"]) and FIGURE_CELL.match(word["text"]):
            left, right = (before["x0"] + before["x1"]) / 2, (word["x0"] + word["x1"]) / 2
            cut = any(left <= bound <= right for bound in bounds)
        else:
            space = word["x0"] - before["x1"]
            cut = space > _CELL_SPACE * word_size(word) and any(
                before["x0"] < bound <= word["x0"] for bound in bounds
            )
        if cut:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _column_lefts(
    placed: list[list[list[dict]]], n_cols: int, bounds: list[float], left: float
) -> list[float]:
    """Each column's left edge: where its text starts (stable from page to page for
    left-aligned columns, which stitching compares)."""
    lefts = []
    for col in range(n_cols):
        starts = [words[0]["x0"] for line in placed for words in [line[col]] if words]
        fallback = left if col == 0 else bounds[col - 1]
        lefts.append(min(starts) if starts else fallback)
    return lefts


def _column_rights(
    placed: list[list[list[dict]]], lefts: list[float], settings: PdfSettings
) -> list[float]:
    """Where each column's text area ends: short of the next column by two cell margins,
    and never before its own widest line."""
    rights = []
    for col in range(len(lefts)):
        ends = [words[-1]["x1"] for line in placed for words in [line[col]] if words]
        widest = max(ends, default=lefts[col])
        if col + 1 < len(lefts):
            rights.append(max(widest, lefts[col + 1] - 2 * settings.cell_margin))
        else:
            rights.append(widest)
    return rights


def line_rows(
    block: list[TextLine],
    placed: list[list[list[dict]]],
    spanning: list[bool],
    settings: PdfSettings,
    header: int = 0,
) -> list[list[int]]:
    """Group the block's lines into rows; a list of line indices per row.

    The header's lines (``_header_lines``, or the first ``header`` lines: a header known to
    be set apart) are one row, save that a line of two labels or more under a heading
    spanning columns (``spanning``) starts the next header row; a label's wrapped rest
    under a wide label reaching over a bound ("Actions*" over its narrow column) does not.

    With a column of references in any column (``_reference_column``, first) or a key
    column of short references ("PBC1", "T 4"), a row starts at each (and where a bold
    header ends): a cell's own paragraphs are spaced like rows, so spacing would cut it.
    Without one, a row starts at extra vertical space, at the end of a bold header, or
    where the first column gains text after a gap in it; in a table set solid, at each
    line opening the first column. A label's wrapped rest never starts one.
    """
    cues = _RowCues.of(block, placed, spanning, settings)
    cues.header = header or cues.header
    starts = [0]
    row_columns = set(cues.filled[0])
    for i in range(1, len(block)):
        if cues.starts_row(i, row_columns):
            starts.append(i)
            row_columns = set()
        row_columns |= cues.filled[i]
    if len(starts) == 1 and all(cues.keys):
        # Every line has a key of several words and nothing else separates rows: a
        # label | value list set solid, one line per row.
        starts = list(range(len(block)))
    bounds = starts + [len(block)]
    return [list(range(bounds[k], bounds[k + 1])) for k in range(len(starts))]


@dataclass
class _RowCues:
    """What tells, line by line, where the rows of a borderless block start."""

    block: list[TextLine]
    placed: list[list[list[dict]]]  # each line's words per column
    spanning: list[bool]  # each line runs across a column bound (a heading over columns)
    keys: list[str]  # each line's text in the first column
    filled: list[set[int]]  # each line's columns holding text
    spaced: list[bool]  # each line stands further off the one above than rows are set
    rights: list[float]  # where each column's text reaches at most
    pitch: float  # the usual distance from one line's top to the next
    header: int  # lines of the header (``_header_lines``)
    keyed: bool  # a key column of short references: a row starts at each key
    solid: bool  # set solid, each row one line, as a table of figures is
    references: list[str] | None  # each line's text in a column of references

    @classmethod
    def of(
        cls,
        block: list[TextLine],
        placed: list[list[list[dict]]],
        spanning: list[bool],
        settings: PdfSettings,
    ) -> _RowCues:
        keys = [" ".join(word["text"] for word in line[0]) for line in placed]
        filled = [{col for col, words in enumerate(line) if words} for line in placed]
        spaced = _spaced(block, settings)
        rights = [max((word["x1"] for line in placed for word in line[col]), default=0.0)
                  for col in range(len(placed[0]))]
        pitches = [block[i].top - block[i - 1].top for i in range(1, len(block))]
        return cls(
            block=block, placed=placed, spanning=spanning, keys=keys, filled=filled,
            spaced=spaced, rights=rights,
            pitch=statistics.median(pitches) if pitches else 0.0,
            header=(header := _header_lines(block, placed, spaced)),
            keyed=_is_keyed(keys, settings),
            solid=_is_solid(keys, filled, spaced),
            references=_reference_column(placed, header),
        )

    def starts_row(self, i: int, row_columns: set[int]) -> bool:
        """Line ``i`` starts a row; ``row_columns``: the columns its row has filled so far."""
        header_ends = self.block[i - 1].bold and not self.block[i].bold
        if i < self.header:  # sub-labels under a heading spanning their columns
            return self.spanning[i - 1] and len(self.filled[i]) >= 2
        if i == self.header:
            return True
        if self.references is not None:
            return bool(self.references[i]) or header_ends
        if self.keyed:
            return (bool(self.keys[i]) and not self.wrapped_label(i)
                    and not self.wrapped_key(i)) or header_ends
        if self.solid:
            return self.spaced[i] or header_ends or self._opens_solid_row(i, row_columns)
        return self.spaced[i] or header_ends or (bool(self.keys[i]) and not self.keys[i - 1])

    def _opens_solid_row(self, i: int, row_columns: set[int]) -> bool:
        """In a table set solid, a line opening the first column starts a row unless one of
        its cells goes on with text wrapped above it ("and defence"); a line with no label
        that fills columns its row left empty is a row of its own (the years under a
        heading that spans them), while one that keeps to the row's columns carries on
        its cells."""
        if self.keys[i]:
            return not (_carries_on(self.placed[i - 1], self.placed[i], self.rights)
                        or self.wrapped_label(i))
        return not self.filled[i] <= row_columns

    def wrapped_key(self, i: int) -> bool:
        """Line ``i``'s key is the rest of the key above, wrapped ("Evaluation" / "report"
        in a first column of short statuses): set no further off than the block's lines
        are, starting in lower case, and it would not have fitted on the line above."""
        above, key = self.placed[i - 1][0], self.placed[i][0]
        return (bool(above) and not self.spaced[i] and key[0]["text"][:1].islower()
                and _would_not_fit(above, key[0], self.rights[0]))

    def wrapped_label(self, i: int) -> bool:
        """Line ``i`` holds only the rest of the label above it ("United" / "Kingdom"):
        set closer than rows are, aligned with it, and it would not have fitted there."""
        above, label = self.placed[i - 1][0], self.placed[i][0]
        if self.filled[i] != {0} or not above:
            return False
        # Flush left, flush right or centred on the line above, as the column is set.
        edges = [(above[0]["x0"], label[0]["x0"]), (above[-1]["x1"], label[-1]["x1"]),
                 ((above[0]["x0"] + above[-1]["x1"]) / 2, (label[0]["x0"] + label[-1]["x1"]) / 2)]
        return (
            any(abs(a - b) <= 1.0 for a, b in edges)
            and self.block[i].top - self.block[i - 1].top < self.pitch - 1.0
            and _would_not_fit(above, label[0], self.rights[0])
        )


def _is_keyed(keys: list[str], settings: PdfSettings) -> bool:
    """The first column holds short references ("PBC1", "T 4"): two or more, or one with
    a digit, none longer than two words or ``key_max_chars``."""
    key_lines = [key for key in keys if key]
    return (
        len(key_lines) >= 2 or any(char.isdigit() for key in key_lines for char in key)
    ) and all(len(key.split()) <= 2 and len(key) <= settings.key_max_chars for key in key_lines)


#: A reference as a column of them prints it, with a stop or a letter in it ("1.2", "2.3.",
#: "A4", "CS-07"): plain numbers may be figures.
_REFERENCE = re.compile(r"^(?=.*[.A-Z])[A-Z]{0,3}[-\s]?\d{1,3}(\.\d{1,3}){0,2}\.?$")


def _reference_column(placed: list[list[list[dict]]], header: int) -> list[str] | None:
    """Each line's text in the first column whose lines under the header (its first
    ``header`` lines), two or more, all hold one reference (``_REFERENCE``): a plan may
    print its numbers in any column, and a row starts at each -- before the short words
    of a first column, which may be names wrapped in a narrow column ("Young" / "People
    and" / "Families"). None when no column does."""
    for col in range(len(placed[0]) if placed else 0):
        texts = [" ".join(word["text"] for word in line[col]) if index >= header else ""
                 for index, line in enumerate(placed)]
        filled = [text for text in texts if text]
        if len(filled) >= 2 and all(_REFERENCE.match(text) for text in filled):
            return texts
    return None


def _spaced(block: list[TextLine], settings: PdfSettings) -> list[bool]:
    """Each line stands further off the line above than the tightest spacing in the block,
    by more than ``row_gap`` times the block's usual font size (False for the first)."""
    gaps = [block[i].top - block[i - 1].bottom for i in range(1, len(block))]
    base = max(0.0, min(gaps)) if gaps else 0.0
    slack = settings.row_gap * statistics.median(line.size for line in block)
    return [False] + [gap > base + slack for gap in gaps]


def _is_solid(keys: list[str], filled: list[set[int]], spaced: list[bool]) -> bool:
    """Set solid -- each row one line, as a table of figures is -- rows are spaced like a
    cell's lines, so spacing tells nothing: then each line that opens the first column
    starts a row. Solid: most lines opening the first column fill other columns too, and
    most stand no further off than the tightest spacing."""
    openings = [i for i in range(1, len(keys)) if keys[i]]
    return (
        sum(len(filled[i]) >= 2 for i in openings) >= 0.5 * len(openings)
        and sum(spaced[i] for i in openings) < 0.5 * len(openings)
    )


def _header_lines(
    block: list[TextLine], placed: list[list[list[dict]]], spaced: list[bool]
) -> int:
    """How many lines at the top of the block are its header (0: none told apart).

    A bold top is the header down to the first line that is not bold. In a table of
    figures, where most lines hold a figure outside the first column, the header is the
    lines above the first such line. Either way a header has at most ``_HEADER_LINES``
    (more bold lines are bold rows, read as any rows are), unless the bold lines are set
    solid, none spaced off the one above as rows are: labels wrapped in narrow columns
    ("PRIORIT" / "Y #", "(includin" / "g" / "initiative"), one row however many lines.
    """
    bold = next((i for i, line in enumerate(block) if not line.bold), len(block))
    if 0 < bold <= len(block) - 1 and (bold <= _HEADER_LINES or not any(spaced[1:bold])):
        return bold
    figures = [
        any(FIGURE.match(word["text"]) for words in line[1:] for word in words)
        for line in placed
    ]
    first = figures.index(True) if True in figures else 0
    if sum(figures) >= _FIGURES_SHARE * len(block) and first <= _HEADER_LINES:
        return first
    return 0


def _spans_columns(line: TextLine, bounds: list[float], gap: float) -> bool:
    """A run of the line's words reaches across a column bound: a heading over columns."""
    return any(
        run[0]["x0"] < bound < max(word["x1"] for word in run)
        for whole in word_runs(line, gap)
        for run in _split_at_bounds(whole, bounds)
        for bound in bounds
    )


def _carries_on(above: list[list[dict]], line: list[list[dict]], rights: list[float]) -> bool:
    """Some cell of ``line`` goes on with the text above it: it starts in lower case, and
    its first word would not have fitted at the end of the line above (which the layout
    wrapped). ``rights``: where each column's text reaches at most."""
    return any(
        words and above[col] and words[0]["text"][:1].islower()
        and _would_not_fit(above[col], words[0], rights[col])
        for col, words in enumerate(line)
    )


def _would_not_fit(above: list[dict], word: dict, right: float) -> bool:
    """``word`` would run past ``right`` at the end of the words ``above`` (a word space
    after them): the layout had to wrap it onto the next line."""
    space = 0.3 * word_size(word)
    return above[-1]["x1"] + space + (word["x1"] - word["x0"]) > right - 1.0


def _looks_like_table(
    rows: list[list[int]], placed: list[list[list[dict]]], n_cols: int, settings: PdfSettings,
    least: int,
) -> bool:
    """At least two columns over ``least`` rows, and a header row or a key column; not a
    list."""

    def row_texts(members: list[int]) -> list[str]:
        return [
            " ".join(word["text"] for index in members for word in placed[index][col])
            for col in range(n_cols)
        ]

    texts = [row_texts(members) for members in rows]
    multi = sum(sum(bool(text) for text in row) >= 2 for row in texts)
    if n_cols < 2 or multi < least:
        return False
    keys = [row[0] for row in texts[1:] if row[0]]
    if keys and all(LIST_MARKER.match(key) or key in WORD_BULLETS for key in keys):
        return False  # a numbered or lettered list, its markers in a column of their own
    header = texts[0]
    header_like = sum(bool(text) for text in header) >= max(2, n_cols - 1) and all(
        len(_label_words(text)) <= settings.header_max_words and not _ends_clause(text)
        for text in header
    )
    data = texts[1:]
    key_column = (
        len(keys) >= settings.borderless_min_rows - 1
        and len(keys) >= 0.8 * len(data)
        and all(len(key.split()) <= settings.header_max_words for key in keys)
    )
    return header_like or key_column


def _label_words(text: str) -> list[str]:
    """A header label's words outside brackets: a label may qualify itself at length
    ("Explanation (numbers associated with Basin 5 unless otherwise noted)") and still be
    a label, where a cell of running text is long without them."""
    return PARENTHETICAL.sub(" ", text).split()


def _ends_clause(text: str) -> bool:
    """The cell ends like a clause of running text. A single word never does: its stop
    ends an abbreviation or a number ("No.", "Ref.", "1.1."), as header and reference
    cells print them. Nor does a question: labels ask what the column answers ("By
    when?", "Who's responsible for monitoring?")."""
    return (len(text.split()) >= 2 and bool(CLAUSE_END.search(text))
            and not text.rstrip().endswith("?"))
