"""Repair the text of one cell: lines joined, bullets kept as items, broken words mended.

Readers hand over a cell as lines separated by ``\\n`` (Word paragraphs, or
the visual lines of a PDF cell). ``clean_text`` turns them into the one-line
value a CSV column holds:

* whitespace of every kind (tabs, no-break and thin spaces, Word's vertical
  tab) collapses to one space; zero-width characters and soft hyphens vanish;
* a line ending in ``letter-`` followed by a line starting with a lower-case
  letter is one word cut by the line end. The hyphen is *kept* ("community-" +
  "based" -> "community-based"): plans are written in Word, which rarely
  hyphenates automatically, so a printed hyphen at a line end is nearly always
  a real one, and keeping it loses nothing while dropping it would fuse real
  compounds ("drug-related"). A soft hyphen (U+00AD) is the one sure sign of a
  discretionary break and is dropped, joining the halves;
* a line starting with a bullet glyph and a space (or ``lexicon.BULLET``) begins
  an item; items are joined with ``"; "`` and lose their glyphs. A line that
  is only a glyph introduces the next line as an item (PDF extraction often
  puts the glyph on a line of its own). Text before the first item is an
  introduction, joined to the items by a space when it ends in ``:``;
* other lines of a paragraph are joined with a space. After an item, a line
  continues the item unless a blank line came between or the item ended a
  sentence and the line starts a new one, which then becomes its own segment.

The result holds no newline and no leading glyph, so cleaning it again
changes nothing (``clean_text`` is idempotent).
"""

from __future__ import annotations

import re

from planharvest.lexicon import BULLET, ITEM_GLYPHS, SENTENCE_END

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def _strip_glyphs(line: str) -> tuple[bool, str]:
    """(was a bullet, text without its glyphs). Strips repeated glyphs ('• - item')."""
    is_item = False
    while True:
        if line.startswith(BULLET):
            line = line[len(BULLET):].lstrip()
            is_item = True
        elif len(line) >= 2 and line[0] in ITEM_GLYPHS and line[1] == " ":
            line = line[2:].lstrip()
            is_item = True
        elif len(line) == 1 and line in ITEM_GLYPHS and line not in "o-":
            return True, ""
        else:
            return is_item, line


def _join_line(segment: str, line: str) -> str:
    """Append a line to a segment: a word cut after a hyphen joins without a space."""
    if not segment:
        return line
    if segment.endswith("\u00ad"):
        return segment[:-1] + line
    if (len(segment) >= 2 and segment[-1] == "-" and segment[-2].isalpha()
            and line[:1].islower()):
        return segment + line
    return f"{segment} {line}"


def _tidy(piece: str) -> str:
    """Spaces collapsed, separators and glyphs trimmed until nothing changes, so a piece
    read again as a line of its own comes out the same."""
    while True:
        tidied = _strip_glyphs(_SPACES.sub(" ", piece).strip(" ;,"))[1].strip(" ;,")
        if tidied == piece:
            return tidied
        piece = tidied


def clean_text(raw: str) -> str:
    """Lines of a cell -> one string with items joined by '; ' (rules in the module doc)."""
    segments, intro_done = _segments(_INVISIBLE.sub("", _LINE_BREAKS.sub("\n", raw)))
    return _joined(segments, intro_done)


def _segments(text: str) -> tuple[list[str], bool]:
    """(the cell's items and paragraphs, whether the first is an introduction to items)."""
    segments: list[str] = []  # finished pieces; the last one may still grow
    intro_done = False  # whether the first segment is an introduction before items
    in_item = False
    pending_item = False  # a glyph stood alone on the previous line
    blank_before = False
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            blank_before = True
            continue
        is_item, line = _strip_glyphs(line)
        if not line:
            pending_item = pending_item or is_item
            continue
        starts_item = is_item or pending_item
        pending_item = False
        if starts_item:
            if segments and not in_item and not intro_done:
                intro_done = True
            segments.append(line)
            in_item = True
        elif not segments:
            segments.append(line)
        elif in_item and (blank_before or (SENTENCE_END.search(segments[-1])
                                           and line[:1].isupper())):
            segments.append(line)
            in_item = False
        else:
            segments[-1] = _join_line(segments[-1], line)
        blank_before = False
    return segments, intro_done


def _joined(segments: list[str], intro_done: bool) -> str:
    """Segments tidied and joined by '; ' (an introduction ending in ':' by a space)."""
    pieces = [_tidy(segment.replace("\u00ad", "")) for segment in segments]
    # "Item one.; Item two" reads badly: an item's closing full stop gives way to the "; ".
    pieces = [piece.rstrip(" ;,.") for piece in pieces[:-1]] + pieces[-1:]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return ""
    if intro_done and len(pieces) > 1 and pieces[0].endswith(":"):
        return f"{pieces[0]} " + "; ".join(pieces[1:])
    return "; ".join(pieces)
