"""Words and the lines they make: the basics every page layout starts from.

Born-digital PDF pages (pdfplumber's words) and scanned pages (Tesseract's words)
both arrive as plain word dicts (``x0``, ``x1``, ``top``, ``bottom``, ``text``;
``size`` and ``fontname`` when known). This module groups them into
``TextLine``s, tells a word's size, boldness and bullet, and puts a cell's
wrapped lines back into its paragraphs, so the PDF reader, the borderless
finder and OCR share one definition of each.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from planharvest.lexicon import (
    BULLET,
    DATE_LINE,
    LAYOUT_BULLET_GLYPHS,
    WORD_BULLETS,
    opens_numbered_item,
)

#: Dashes a line break can put at the start of a line in running text.
_WRAPPING_DASHES = frozenset({"–", "—"})


@dataclass
class TextLine:
    """Words sharing a baseline, left to right."""

    words: list[dict]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return max(word["x1"] for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word["text"] for word in self.words)

    @property
    def size(self) -> float:
        return statistics.median(word_size(word) for word in self.words)

    @property
    def bold(self) -> bool:
        return all(is_bold(word) for word in self.words if not is_bullet_word(word))


def word_size(word: dict) -> float:
    """The font size of a word (its height when the source, e.g. OCR, gives no size)."""
    return float(word.get("size") or (word["bottom"] - word["top"]))


def is_bold(word: dict) -> bool:
    fontname = str(word.get("fontname", "")).lower()
    return "bold" in fontname or "black" in fontname or "heavy" in fontname


def is_bullet_word(word: dict) -> bool:
    text = word["text"]
    return text in WORD_BULLETS or (len(text) == 1 and text in LAYOUT_BULLET_GLYPHS)


def bulleted(text: str) -> tuple[bool, str]:
    """(is a list item, text with its bullet written as ``lexicon.BULLET``)."""
    stripped = text.strip()
    if not stripped:
        return False, ""
    head, _, rest = stripped.partition(" ")
    if head in WORD_BULLETS or (len(head) == 1 and head in LAYOUT_BULLET_GLYPHS):
        return True, BULLET + rest.strip()
    if stripped[0] in LAYOUT_BULLET_GLYPHS:
        return True, BULLET + stripped[1:].strip()
    return False, stripped


def bulleted_lines(lines: list[str]) -> list[str]:
    """A cell's visual lines with their bullets written as ``lexicon.BULLET``.

    An en or em dash opening a line is a list mark only in a list: when two or more of
    the cell's lines open with it, or the line before ends in ":". A lone one is a dash
    that wrapped to the start of a line ("... providers" / "– Sep 12").
    """
    heads = [line.strip().partition(" ")[0] for line in lines]
    result = []
    for index, line in enumerate(lines):
        is_item, text = bulleted(line)
        head = heads[index]
        if is_item and head in _WRAPPING_DASHES:
            after_colon = index > 0 and lines[index - 1].rstrip().endswith(":")
            if not after_colon and heads.count(head) < 2:
                text = line.strip()
        result.append(text)
    return result


def text_right(words: list[dict], left_rule: float, right_rule: float) -> float:
    """Where the text area of a ruled cell ends: as far inside the right rule as its text
    starts inside the left one (Word and LibreOffice pad both sides alike)."""
    margin = max(0.0, min(word["x0"] for word in words) - left_rule)
    return right_rule - margin + 0.5


def cell_paragraphs(lines: list[TextLine], right: float) -> list[str]:
    """A cell's visual lines put back into its paragraphs, bullets as ``lexicon.BULLET``.

    A line carries on the one before when the first word on it would not have fitted
    at the end of that line (the layout wrapped it) and no extra space or bullet
    separates them; otherwise the line before ended its paragraph. ``right`` is where
    the cell's text area ends. In a narrow cell a short paragraph looks wrapped too, and
    the layout cannot tell: the guess errs towards joining, except after a line that is
    a date and nothing else (``lexicon.DATE_LINE``) when the next starts a new phrase
    (a capital or a digit): "July 2006" / "Ongoing" are two items; and a line opening
    with a list number before a capital ("1.i Scope", ``lexicon.LIST_NUMBER``) opens an
    item. A sentence's end alone is no such sign: measured on the samples' PDFs against
    their Word copies, a line ending a sentence before a capital was a wrap inside the
    paragraph twice as often as a paragraph's end.
    """
    gaps = [
        b["x0"] - a["x1"]
        for line in lines
        for a, b in zip(line.words, line.words[1:], strict=False)
        if not is_bullet_word(a)
    ]
    space = statistics.median(gaps) if gaps else None
    paragraphs: list[list[TextLine]] = []
    for line in lines:
        if paragraphs and _wrapped(paragraphs[-1][-1], line, right, space):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return bulleted_lines([_joined(paragraph) for paragraph in paragraphs])


def _wrapped(previous: TextLine, line: TextLine, right: float, space: float | None) -> bool:
    first = line.words[0]
    if is_bullet_word(first) and first["text"] not in _WRAPPING_DASHES:
        return False  # a list mark always opens an item
    if first["text"][0] in LAYOUT_BULLET_GLYPHS:
        return False
    size = word_size(first)
    if line.top - previous.bottom > 0.5 * size:
        return False  # paragraph spacing
    if DATE_LINE.match(previous.text) and (first["text"][:1].isupper()
                                           or first["text"][:1].isdigit()):
        return False  # a date alone on its line is an item of its own
    if opens_numbered_item(line.text):
        return False  # "1.i Scope the ...": a numbered item opens
    space = 0.3 * size if space is None else space
    # Within a point of the edge counts as not fitting: layout engines measure glyphs a
    # little wider than the PDF draws them.
    return previous.x1 + space + (first["x1"] - first["x0"]) > right - 1.0


def _joined(lines: list[TextLine]) -> str:
    """Wrapped lines as one text; a word broken at its own hyphen ("re-" / "offending")
    is put back together."""
    text = lines[0].text
    for line in lines[1:]:
        following = line.text
        if re.search(r"[A-Za-z]-$", text) and following[:1].islower():
            text += following
        else:
            text += " " + following
    return text


def group_lines(words: list[dict], y_tolerance: float) -> list[TextLine]:
    """Cluster words into lines by vertical overlap; lines top to bottom."""
    lines: list[TextLine] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        # Only the last few lines can still take a word: words arrive sorted by top.
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            if overlap >= 0.5 * min(height, line.bottom - line.top) or (
                abs(line.top - word["top"]) <= y_tolerance
            ):
                line.words.append(word)
                line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
                break
        else:
            lines.append(TextLine([word], word["top"], word["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    lines.sort(key=lambda line: line.top)
    return lines

