"""Repair the text of one cell: paragraphs kept apart as items, broken words mended.

Readers hand over a cell as its paragraphs separated by ``\\n``: Word's paragraphs
(and its manual line breaks, which a PDF of the same file shows as a paragraph's
end too), and a PDF or scanned cell's visual lines put back into paragraphs by
``extract.lines.cell_paragraphs``. So every format of one plan hands over the same
paragraphs, and ``clean_text`` turns them into the same one-line value:

* whitespace of every kind (tabs, no-break and thin spaces, Word's vertical
  tab) collapses to one space; zero-width characters and soft hyphens vanish;
* each paragraph is an item, bulleted or not, and items are joined with ``"; "``
  (four milestones typed as four paragraphs stay four items). A bullet glyph and
  its space (or ``lexicon.BULLET``), or a dash typed against a capital ("-Young
  People"), are dropped; a paragraph that is only a glyph
  introduces the next one as an item (PDF extraction often puts the glyph on a
  line of its own);
* a paragraph ending in ``:`` introduces what follows and is joined to it by a space
  ("Focus on: harm reduction; drug related harm");
* a paragraph carries on the one before, joined by a space, where that one stops
  mid-phrase (``lexicon.runs_on``: a comma, joining dash or slash, "the", "and" ...)
  or where it starts in lower case, unless it is an item of an unbulleted list (after
  a paragraph ending in ``:``, or one ending in ``;``): Enter pressed inside a
  sentence, a bulleted item going on, or a reader's line that is no paragraph of its
  own. A line ending in ``letter-`` followed by a lower-case one is one word cut by
  the line end; the hyphen is *kept* ("community-" + "based" -> "community-based"):
  a printed hyphen at a line end is nearly always a real one. A soft hyphen (U+00AD)
  is the one sure sign of a discretionary break and is dropped, joining the halves.

The result holds no newline and no leading glyph, so cleaning it again
changes nothing (``clean_text`` is idempotent).
"""

from __future__ import annotations

import re

from planharvest.lexicon import BULLET, ITEM_GLYPHS, runs_on

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
#: Dashes that open an item even with no space after them, before a capital ("-Young
#: People ..."); before a digit a dash is a sign ("-5% change").
_GLUED_DASHES = frozenset("-–")


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
        elif len(line) >= 2 and line[0] in _GLUED_DASHES and line[1].isupper():
            line = line[1:]  # "-Young People judged ...": a dash typed as a bullet
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
    """Paragraphs of a cell -> one string with items joined by '; ' (rules in the module doc)."""
    return _joined(_segments(_INVISIBLE.sub("", _LINE_BREAKS.sub("\n", raw))))


def _segments(text: str) -> list[str]:
    """The cell's items, each with the paragraphs that carry it on."""
    segments: list[str] = []  # finished pieces; the last one may still grow
    listing = False  # in an unbulleted list: after a paragraph ending in ":", until a bullet
    pending_item = False  # a glyph stood alone on the previous line
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            continue
        is_item, line = _strip_glyphs(line)
        if not line:
            pending_item = pending_item or is_item
            continue
        starts_item = is_item or pending_item
        pending_item = False
        if segments and not starts_item and _carries_on(segments[-1], line, listing):
            segments[-1] = _join_line(segments[-1], line)
        else:
            segments.append(line)
        listing = not starts_item and (listing or segments[-1].endswith(":"))
    return segments


def _carries_on(segment: str, line: str, listing: bool) -> bool:
    """Whether ``line`` goes on with ``segment`` rather than being an item of its own."""
    if runs_on(segment) or segment.endswith("\u00ad"):
        return True
    return line[:1].islower() and not listing and not segment.endswith(";")


def _joined(segments: list[str]) -> str:
    """Segments tidied and joined by '; ' (after one ending in ':', by a space)."""
    pieces = [_tidy(segment.replace("\u00ad", "")) for segment in segments]
    # "Item one.; Item two" reads badly: an item's closing full stop gives way to the "; ".
    pieces = [piece.rstrip(" ;,.") for piece in pieces[:-1]] + pieces[-1:]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return ""
    joined = pieces[0]
    for before, piece in zip(pieces, pieces[1:], strict=False):
        joined += f" {piece}" if before.endswith(":") else f"; {piece}"
    return joined
