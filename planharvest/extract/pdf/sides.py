"""Open-sided ruled tables: the borders a table is drawn without, put back for the finder.

Google Docs (and some Word styles) draw a table with rules between its rows and
columns but none round it: the row rules run out to where the outer borders would
be, and the column rules rise to the top of the header row, yet no line closes the
box. pdfplumber's finder makes cells only between lines that meet, so it keeps the
middle columns and drops the first and last columns and the header row whole.

Where a grid says plainly where its missing sides are, this module draws them as
explicit lines for ``page.find_tables``:

- *left and right*: two row rules or more that start and end at the same x and run
  on past the outermost column rule crossing them (by ``PdfSettings.open_side_min``
  at least) -- a side is closed at the rules' common end, from the grid's top to its
  bottom;
- *top and bottom*: the column rules crossing those row rules rise above the top rule
  (or fall below the bottom one) to a common end -- the header row's top (the last
  row's bottom) is closed there, across the row rules' width. A row a page break cut
  at the foot of a page (its top rule and column rules drawn, no bottom rule: the
  Broads Authority's implementation table) is closed the same way; row rules drawn as
  one segment per cell are joined first (``_joined``).

A grid needs two column rules crossing its row rules: a pair of rules with one line
between them is a frame, not a table.

A designed table may draw no rule at all: each cell a block of colour, the blocks set
apart by narrow white gutters (``_colour_blocks``). The blocks, widened across their
gutters, are given to the finder as its lines.

The finder also takes every filled rectangle's sides for rules. Word shades a header
cell and, inside it, each shaded paragraph again in the same colour: those inner
rectangles draw nothing on the page, yet their sides cut the header into a grid of
their own (Park Community School's plan: eight columns for six). A filled rectangle
lying inside another of the same fill is left out of the finder's lines (``_hidden``).
So is a white one lying on no other shading: white on the white page, it draws nothing
either (a draft's target dates set on white paragraph shading, one rectangle per line:
their sides cut a phantom column and a row per line into the cell -- the US Federal Data
Strategy's 2021 draft).
"""

from __future__ import annotations

from collections.abc import Iterable

from pdfplumber.page import Page
from pdfplumber.utils import obj_to_edges

from planharvest.settings import PdfSettings

Edge = dict[str, float]


def table_settings(page: Page, settings: PdfSettings) -> dict[str, object]:
    """``settings.table_settings`` for ``page``: the missing sides of open-sided grids added
    as explicit lines, and, where shading hides inside shading, the page's lines given
    explicitly without the hidden rectangles."""
    hidden = _hidden(page.rects)
    if hidden and _too_few(page, hidden):
        hidden = set()  # nothing left to draw a grid with: the finder reads the page as drawn
    if hidden:
        objects = [*page.lines, *(r for r in page.rects if id(r) not in hidden), *page.curves]
        edges = [edge for obj in objects for edge in obj_to_edges(obj)]
    else:
        objects, edges = [], page.edges
    vertical, horizontal = closing_lines(edges, settings)
    blocks = _colour_blocks(page, hidden)
    if blocks:
        # a table of colour blocks: the blocks, widened to meet across their gutters
        shades = {id(block) for block, _ in blocks}
        objects = [*page.curves, *(r for r in page.rects if id(r) not in shades),
                   *(widened for _, widened in blocks)]
    if not objects and not vertical and not horizontal:
        return settings.table_settings
    strategy = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit"}
    return {
        **settings.table_settings,
        **(strategy if objects else {}),
        "explicit_vertical_lines": [*objects, *vertical],
        "explicit_horizontal_lines": [*objects, *horizontal],
    }


#: Widest white gutter (pt) between the colour blocks of a designed table.
_GUTTER = 6.0
#: Blocks facing each other across a gutter that make a designed table's grid.
_GUTTER_PAIRS = 6


def _colour_blocks(page: Page, hidden: set[int]) -> list[tuple[dict, dict]]:
    """A designed table drawn as colour blocks, one filled rectangle per cell, set apart by
    narrow white gutters and no rule at all (the All-Africa Students Union's programme):
    the finder makes cells only where edges meet, so each block is widened by half its
    gutters (each block and its widened copy, a rectangle for ``explicit_*_lines``); none
    on a page that draws rules or whose shading does not tile (fewer than ``_GUTTER_PAIRS``
    blocks face each other across a gutter of at most ``_GUTTER``)."""
    if page.lines or any(min(r["width"], r["height"]) <= _RULE_WIDTH for r in page.rects):
        return []
    shades = [r for r in page.rects if r.get("fill") and not r.get("stroke")
              and id(r) not in hidden and not _white(r)]
    pairs = sum(1 for a in shades for b in shades
                if 0 < b["x0"] - a["x1"] <= _GUTTER and a["top"] < b["bottom"]
                and b["top"] < a["bottom"])
    if pairs < _GUTTER_PAIRS:
        return []
    half = _GUTTER / 2
    return [(r, {**r, "x0": r["x0"] - half, "x1": r["x1"] + half, "top": r["top"] - half,
                 "bottom": r["bottom"] + half, "width": r["width"] + _GUTTER,
                 "height": r["height"] + _GUTTER}) for r in shades]


def _too_few(page: Page, hidden: set[int]) -> bool:
    """Fewer than two shapes are left once the ``hidden`` rectangles are, too few for the
    finder's explicit lines (a page whose only rectangle is its white background)."""
    kept = [*page.lines, *(r for r in page.rects if id(r) not in hidden), *page.curves]
    return len(kept) < 2


def _hidden(rects: list[dict]) -> set[int]:
    """ids of the filled, unstroked rectangles (thicker than a rule) that are white and lie on
    no other shading (invisible on the page), or that lie inside another
    such rectangle of the same fill colour, set in from its left and right by a cell's
    padding and clear of its top and bottom (``_within``): a paragraph's shading inside its
    cell's, invisible. (A cell inside a shaded table, or a table on a page-sized background,
    is set in further; a first paragraph's shading flush with its cell's top only is kept:
    in the key-value plans read so far its rules are what keeps the label cells apart.)"""
    shades = [r for r in rects if r.get("fill") and not r.get("stroke")
              and min(r["width"], r["height"]) > _RULE_WIDTH]
    return {
        id(inner) for inner in shades
        if any(outer is not inner
               and inner.get("non_stroking_color") == outer.get("non_stroking_color")
               and _within(inner, outer) for outer in shades)  # the cheap test first
        or (_white(inner) and not any(outer is not inner and not _white(outer)
                                      and _overlaps(inner, outer) for outer in shades))
    }


#: The fill colours of white paper: grey, RGB and CMYK.
_WHITE = ((1,), (1, 1, 1), (0, 0, 0, 0))


def _white(rect: dict) -> bool:
    colour = rect.get("non_stroking_color")
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    return any(len(values) == len(white) and all(
        isinstance(v, (int, float)) and abs(v - w) < 1e-3
        for v, w in zip(values, white, strict=True)) for white in _WHITE)


def _overlaps(a: dict, b: dict) -> bool:
    return (a["x0"] < b["x1"] and b["x0"] < a["x1"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"])


#: A filled rectangle this thin (pt) or thinner is a drawn rule, not shading.
_RULE_WIDTH = 3.0
#: How far (pt) a paragraph's shading is set in from its cell's sides: the cell padding.
_PADDING = (0.5, 10.0)


def _within(inner: dict, outer: dict) -> bool:
    """``inner`` is a paragraph's shading inside its cell's (``outer``): set in from both
    sides by a cell's padding and clear of its top and bottom, or as tall as the cell
    (flush with its top and bottom) and narrower, within it -- the second paragraph of a
    header cell shaded again from its first line's indent to the cell's right side
    (Louisville Metro's plans: a column rule through the "What" header cell alone)."""
    low, high = _PADDING
    sides = (inner["x0"] - outer["x0"], outer["x1"] - inner["x1"])
    ends = (inner["top"] - outer["top"], outer["bottom"] - inner["bottom"])
    padded = all(low < side <= high for side in sides) and all(end > low for end in ends)
    banded = (all(abs(end) <= low for end in ends) and min(sides) >= -low
              and max(sides) > low)
    return padded or banded


def closing_lines(edges: list[dict], settings: PdfSettings) -> tuple[list[Edge], list[Edge]]:
    """The vertical and horizontal lines that close the open sides of the page's grids."""
    snap = float(settings.table_settings.get("snap_tolerance", 3))  # type: ignore[arg-type]
    columns = [e for e in edges if e["orientation"] == "v"]
    vertical: list[Edge] = []
    horizontal: list[Edge] = []
    for group in _aligned(_joined([e for e in edges if e["orientation"] == "h"], snap), snap):
        sides, ends = _closing(group, columns, snap, settings.open_side_min)
        vertical.extend(sides)
        horizontal.extend(ends)
    return vertical, horizontal


def _closing(group: list[dict], columns: list[dict], snap: float, least: float
             ) -> tuple[list[Edge], list[Edge]]:
    """The sides (vertical) and ends (horizontal) that close one grid of aligned row rules
    (``group``), given the page's column rules; none when fewer than two columns cross it."""
    left, right = group[0]["x0"], group[0]["x1"]
    top, bottom = min(e["top"] for e in group), max(e["top"] for e in group)
    crossing = [e for e in columns if left + snap < e["x0"] < right - snap
                and e["top"] <= bottom + snap and e["bottom"] >= top - snap]
    if len({round(e["x0"]) for e in crossing}) < 2:
        return [], []
    high = min(top, *(e["top"] for e in crossing))
    low = max(bottom, *(e["bottom"] for e in crossing))
    xs = [e["x0"] for e in crossing]
    sides = [_line(x, high, x, low) for x, inner in ((left, min(xs)), (right, max(xs)))
             if abs(inner - x) >= least and not _rule_at(columns, x, snap, high, low)]
    ends = [_line(left, y, right, y)
            for y, rule, key in ((high, top, "top"), (low, bottom, "bottom"))
            if abs(rule - y) >= least and _common(e[key] for e in crossing)]
    if not ends:
        ends = _cut_row_end(crossing, left, right, bottom, snap, least)
    return sides, ends


def _cut_row_end(crossing: list[dict], left: float, right: float, bottom: float, snap: float,
                 least: float) -> list[Edge]:
    """The bottom of a row a page break cut at the foot of a page, under a closed table: the
    column rules running down from the last row rule (the ends of rules drawn as thin
    boxes left out) all stop at one height, which closes the row; the closed table's own
    column rules, which stop at its bottom rule, say nothing of it."""
    below = [e for e in crossing if e["bottom"] - e["top"] > _RULE_WIDTH
             and e["top"] >= bottom - snap and e["bottom"] >= bottom + least]
    if len({round(e["x0"]) for e in below}) < 2 or not _common(e["bottom"] for e in below):
        return []
    low = max(e["bottom"] for e in below)
    return [_line(left, low, right, low)]


def _joined(rows: list[dict], snap: float) -> list[dict]:
    """Row rules drawn as one segment per cell (each cell's own top border, Word's way with
    a row a page break cut) joined into the rules they draw: segments at one height that
    meet or touch (within ``snap``), one rule. A rule drawn whole is kept as it is."""
    joined: list[dict] = []
    for rule in sorted(rows, key=lambda e: (round(e["top"], 1), e["x0"])):
        last = joined[-1] if joined else None
        if (last is not None and abs(last["top"] - rule["top"]) < _SAME_HEIGHT
                and rule["x0"] <= last["x1"] + snap):
            joined[-1] = {**last, "x1": max(last["x1"], rule["x1"])}
        else:
            joined.append(rule)
    return joined


#: Row rules' heights (pt) closer than this are one height: segments of one rule.
_SAME_HEIGHT = 0.5


def _aligned(rows: list[dict], snap: float) -> list[list[dict]]:
    """Groups of two row rules or more that start and end at the same x (within ``snap``)."""
    groups: list[list[dict]] = []
    for rule in sorted(rows, key=lambda e: (e["x0"], e["x1"], e["top"])):
        for group in groups:
            first = group[0]
            if abs(first["x0"] - rule["x0"]) <= snap and abs(first["x1"] - rule["x1"]) <= snap:
                group.append(rule)
                break
        else:
            groups.append([rule])
    return [group for group in groups if len(group) >= 2]


def _rule_at(columns: list[dict], x: float, snap: float, top: float, bottom: float) -> bool:
    """A column rule already stands at ``x`` somewhere between ``top`` and ``bottom``."""
    return any(
        abs(e["x0"] - x) <= snap and e["top"] < bottom and e["bottom"] > top for e in columns
    )


def _common(ends: Iterable[float]) -> bool:
    """The column rules all end at one height (a drawn box's side, not ragged strokes)."""
    values = list(ends)
    return max(values) - min(values) <= 3.0


def _line(x0: float, top: float, x1: float, bottom: float) -> Edge:
    """A line object as pdfplumber's ``explicit_*_lines`` take it."""
    return {
        "object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
        "width": x1 - x0, "height": bottom - top,
    }
