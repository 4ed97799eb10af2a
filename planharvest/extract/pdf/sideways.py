"""Text set sideways: a page whose text runs up or down the paper, read by turning it.

A landscape table printed on a portrait page, or a page rotated in the making, sets its
characters at 90 degrees: pdfplumber reports each with its text matrix (``a b c d``: for
upright text ``b`` and ``c`` are 0; turned a quarter, ``a`` and ``d`` are). The reader
keeps only upright characters, which drops a rotated margin label or watermark, but
would drop such a page whole. So when most of a page's characters are turned the same
quarter way, those characters are moved into the frame of the page turned upright, and
the page is read there like any other (its words laid out into tables and paragraphs).

Turned by ``b > 0`` (text reading bottom to top) the page is turned clockwise: a point
``(x, top)`` goes to ``(height - top, x)``; by ``b < 0`` (top to bottom) anticlockwise:
``(top, width - x)``.

On an upright page, a table cell may still set a few words sideways (a track's name turned
up the side of a row group, a rotated column label): ``turned_lines`` reads each such
line inside a table's box as one word, placed where it is printed, so the cell holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.page import Page

#: Fewest turned characters for a page to be read turned: a margin label has fewer.
MIN_TURNED = 20


@dataclass(frozen=True)
class Turn:
    """How to set a sideways page upright: ``clockwise`` or not, and the page's size in
    the upright frame."""

    clockwise: bool
    width: float
    height: float

    def char(self, char: dict, page_width: float, page_height: float) -> dict:
        """``char`` moved into the upright frame (box and matrix), other keys kept."""
        x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
        if self.clockwise:
            box = {"x0": page_height - bottom, "x1": page_height - top, "top": x0, "bottom": x1}
        else:
            box = {"x0": top, "x1": bottom, "top": page_width - x1, "bottom": page_width - x0}
        size = x1 - x0  # across the line: the font's size (pdfminer gives the advance)
        return {**char, **box, "upright": True, "size": size,
                "matrix": (size, 0, 0, size, box["x0"], self.height - box["bottom"]),
                "y0": self.height - box["bottom"], "y1": self.height - box["top"]}


def orientation(char: dict) -> str:
    """"upright", "up" (turned, reading bottom to top), "down", or "other"."""
    a, b, c, d, _, _ = char["matrix"]
    if a > 0 and d > 0 and abs(b) < 0.01 * a and abs(c) < 0.01 * d:
        return "upright"
    if abs(a) < 0.01 * abs(b) and abs(d) < 0.01 * abs(c) and b * c < 0:
        return "up" if b > 0 else "down"
    return "other"


def sideways_turn(page: Page) -> Turn | None:
    """The turn that sets the page's text upright when most of its characters (and at least
    ``MIN_TURNED``) are turned the same quarter way; None for an upright page."""
    counts = {"upright": 0, "up": 0, "down": 0, "other": 0}
    for char in page.chars:
        counts[orientation(char)] += 1
    way = max(("up", "down"), key=counts.__getitem__)
    if counts[way] < MIN_TURNED or counts[way] <= counts["upright"]:
        return None
    return Turn(clockwise=way == "up", width=float(page.height), height=float(page.width))


def turned_chars(page: Page, turn: Turn) -> list[dict]:
    """The page's characters turned ``turn``'s way, moved into the upright frame."""
    way = "up" if turn.clockwise else "down"
    width, height = float(page.width), float(page.height)
    return [turn.char(char, width, height) for char in page.chars if orientation(char) == way]


#: Share of a character's size a gap between turned characters must pass to be a space.
_SPACE_SHARE = 0.25
#: How close (in its own lengths along the line) a character's copy lies when it is
#: printed twice, for a heavier stroke or a shadow.
_OVERPRINT = 0.5
#: How far (pt) the characters of one turned line may stray across it.
_LINE_BAND = 2.0


def turned_lines(page: Page, box: tuple[float, float, float, float]) -> list[dict]:
    """The lines of text turned a quarter way (up or down) inside ``box`` (x0, top, x1,
    bottom), each as one word (x0, x1, top, bottom, text, size, fontname) in its reading
    order, words joined by spaces where the characters leave a gap."""
    x0, top, x1, bottom = box
    chars = [char for char in page.chars if orientation(char) in ("up", "down")
             and x0 <= char["x0"] and char["x1"] <= x1 and top <= char["top"]
             and char["bottom"] <= bottom]
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["x0"], c["top"])):
        line = next((line for line in lines if orientation(line[0]) == orientation(char)
                     and abs(line[0]["x0"] - char["x0"]) <= _LINE_BAND), None)
        if line is None:
            lines.append([char])
        elif not any(other["text"] == char["text"] and abs(other["top"] - char["top"])
                     < _OVERPRINT * (char["bottom"] - char["top"])
                     for other in line):
            line.append(char)  # else printed twice over itself (a heavier stroke)
    return [_turned_word(run) for line in lines for run in _runs(line)]


#: Sizes of empty space along a turned line that end it (two cells' words in one column).
_LINE_BREAK = 1.5


def _runs(line: list[dict]) -> list[list[dict]]:
    """A column of turned characters cut where a gap wider than ``_LINE_BREAK`` sizes
    parts them, in reading order (bottom to top when turned up)."""
    up = orientation(line[0]) == "up"
    ordered = sorted(line, key=lambda c: -c["bottom"] if up else c["top"])
    runs = [[ordered[0]]]
    for before, char in zip(ordered, ordered[1:], strict=False):
        gap = before["top"] - char["bottom"] if up else char["top"] - before["bottom"]
        if gap > _LINE_BREAK * (before["x1"] - before["x0"]):
            runs.append([])
        runs[-1].append(char)
    return runs


def _turned_word(ordered: list[dict]) -> dict:
    """One turned line's characters, in reading order, as a word."""
    up = orientation(ordered[0]) == "up"
    text = ordered[0]["text"]
    for before, char in zip(ordered, ordered[1:], strict=False):
        gap = before["top"] - char["bottom"] if up else char["top"] - before["bottom"]
        size = before["x1"] - before["x0"]
        text += (" " if gap > _SPACE_SHARE * size else "") + char["text"]
    line = ordered
    return {"x0": min(c["x0"] for c in line), "x1": max(c["x1"] for c in line),
            "top": min(c["top"] for c in line), "bottom": max(c["bottom"] for c in line),
            "text": text, "size": line[0]["x1"] - line[0]["x0"],
            "fontname": line[0].get("fontname", ""), "upright": False}
