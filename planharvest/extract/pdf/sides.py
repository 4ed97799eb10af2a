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
  row's bottom) is closed there, across the row rules' width.

A grid needs two column rules crossing its row rules: a pair of rules with one line
between them is a frame, not a table.

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
    if not objects and not vertical and not horizontal:
        return settings.table_settings
    strategy = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit"}
    return {
        **settings.table_settings,
        **(strategy if objects else {}),
        "explicit_vertical_lines": [*objects, *vertical],
        "explicit_horizontal_lines": [*objects, *horizontal],
    }


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
    for group in _aligned([e for e in edges if e["orientation"] == "h"], snap):
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
    return sides, ends


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
