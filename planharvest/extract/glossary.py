"""The abbreviations a document defines for itself, read from its own text: its glossary.

A plan names bodies by abbreviations it spells out somewhere else: in its prose ("the General
Services Administration (GSA) will ..."), or in a list or table of abbreviations ("DCLG |
Department for Communities and Local Government", "PINS – Planning Inspectorate"). An owner
cell that prints only "GSA" is then no guess: the document says what it stands for. This module
only reads the definitions, with the page each is printed on; what they mean for an owner is
``normalise``'s (it receives them as data, ``Definition``s, so extraction never depends on
normalisation).

A definition is taken only where the name's own words agree with the abbreviation: the
abbreviation's capitals appear in order among the initials of the name's words ("Office of
Management and Budget" for OMB, "Department of Justice" for DOJ, by the "of"), and the name
starts with the abbreviation's first letter. So "Plan (draft)", "SEND (2019)" or a glossary line
explaining a term in words of its own give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from planharvest.extract.grid import Block, Paragraph, Table

#: An abbreviation: a capital, then letters or "&", with three capitals at least ("GSA",
#: "DfID", "CRoW", "H&SE") -- two capitals are as often a person's initials.
_ABBREVIATION = r"[A-Z](?=(?:[A-Za-z&]*[A-Z]){2})[A-Za-z&]{1,7}"
#: Words a name may hold between its capitalised ones.
_LINKS = r"(?:of|for|and|the|on|in|at|to|&)"
#: A bracketed abbreviation: "(GSA)".
_BRACKETED = re.compile(rf"\(\s*({_ABBREVIATION})\s*\)")
#: The capitalised words of a name closing the text before it: "General Services
#: Administration " before "(GSA)".
_NAME_BEFORE = re.compile(rf"(?:[A-Z][\w’'.&-]*\s+(?:{_LINKS}\s+)*){{1,12}}$")
#: A glossary line: the abbreviation, a dash, colon, equals sign or a gap, the name (its
#: capitalised words), then the line's end, punctuation or a wide gap before the explanation
#: ("LDS  Local Development Scheme  Sets out ..."; never "LDS Local Development Sets out").
_GLOSSARY_LINE = re.compile(rf"^\s*({_ABBREVIATION})(?:\s*[-–—:=]\s*|\s+)"
                            rf"([A-Z][\w’'.&-]*(?:\s+(?:{_LINKS}\s+)*[A-Z][\w’'.&-]*)*)"
                            r"(?=\s*$|\s*[,;:(]|\s{2,}|\s+[-–—]\s)")
#: Longest text read for one definition: no name is longer.
_LONGEST = 200
#: The names before an abbreviation's first few brackets in one text are read, no more.
_TRIES = 5


@dataclass(frozen=True)
class Definition:
    """One abbreviation the document spells out, where it does."""

    abbreviation: str
    name: str
    page: int | None = None


def read_glossary(blocks: Iterable[Block]) -> tuple[Definition, ...]:
    """Every definition the document gives, once per abbreviation and name, in reading
    order: from its running text, its tables' cells, and its glossary tables (an
    abbreviation in one cell, its name in the next)."""
    return _once(definition for text, page in _texts(blocks)
                 for definition in _definitions(text, page))


def definitions_in(texts: Iterable[str]) -> tuple[Definition, ...]:
    """The definitions some texts give (a document's rows, when its blocks are gone), with no
    page."""
    return _once(definition for text in texts for definition in _definitions(text, None))


def _once(definitions: Iterable[Definition]) -> tuple[Definition, ...]:
    """Each abbreviation and name once (the name compared in lower case), the first seen."""
    found: dict[tuple[str, str], Definition] = {}
    for definition in definitions:
        found.setdefault((definition.abbreviation, definition.name.lower()), definition)
    return tuple(found.values())


def _texts(blocks: Iterable[Block]) -> Iterator[tuple[str, int | None]]:
    """The document's texts with their pages: each paragraph, each cell, and each table row's
    cells joined with a wide gap (a glossary table's "ABBR | Name")."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text, block.page
        elif isinstance(block, Table):
            for row in block.rows:
                texts = [cell.text for cell in row.cells if cell.text.strip()]
                yield from ((text, row.page or block.page) for text in texts)
                if len(texts) > 1:  # each cell's lines joined: one line of the list
                    yield "   ".join(" ".join(text.split()) for text in texts[:2]), \
                        row.page or block.page


def _definitions(text: str, page: int | None) -> Iterator[Definition]:
    for line in text.splitlines():
        match = _GLOSSARY_LINE.match(line[:_LONGEST])
        if match and _agrees(match[1], match[2], whole=True):
            yield Definition(match[1], _tidy(match[2]), page)
    flat = " ".join(text.split())
    seen: dict[str, int] = {}
    for match in _BRACKETED.finditer(flat):
        seen[match[1]] = seen.get(match[1], 0) + 1
        if seen[match[1]] > _TRIES:
            continue  # a text repeating "(ABC)" thousands of times is read in linear time
        window = flat[max(0, match.start() - _LONGEST):match.start()]
        before = _NAME_BEFORE.search(window)
        name = (_named(before[0], match[1]) if before else "") or _interleaved(window, match[1])
        if name:
            yield Definition(match[1], name, page)


def _named(words_before: str, abbreviation: str) -> str:
    """The shortest run of the words before a bracketed abbreviation that spells it out,
    from its first letter ("the General Services Administration" -> "General Services
    Administration"); "" when none does."""
    words = words_before.split()
    for start in range(len(words) - 1, -1, -1):
        if words[start][:1] == abbreviation[0] and _agrees(abbreviation,
                                                           " ".join(words[start:])):
            return _tidy(" ".join(words[start:]))
    return ""


#: A run of capitalised words, links between them: a name, wherever it stands.
_NAME_RUN = re.compile(rf"[A-Z][\w’'&-]*(?:\s+(?:{_LINKS}\s+)*[A-Z][\w’'&-]*)*")


def _interleaved(window: str, abbreviation: str) -> str:
    """Heuristic, for text laid out in columns that the page's lines interleave ("the General
    Services Administration • Federal Data Strategy: Guiding (GSA)"): the nearest run of
    capitalised words before the bracket whose initials are the abbreviation's capitals
    exactly, one word each; "" when none is."""
    for match in reversed(list(_NAME_RUN.finditer(window))):
        words = [word for word in match[0].split() if word[:1].isupper()]
        if "".join(word[0] for word in words) == "".join(
                char for char in abbreviation if char.isupper()) and len(words) > 1:
            return _tidy(match[0])
    return ""


def _agrees(abbreviation: str, name: str, whole: bool = False) -> bool:
    """The abbreviation's capitals appear in order among the initials of the name's words,
    the first one first (``whole``: and every capitalised word of the name gives one of them,
    as in a glossary line, where nothing else marks where the name ends)."""
    words = re.findall(r"[^\W_]+", name)
    if not words or words[0][:1] != abbreviation[0]:
        return False
    capitals = [char for char in abbreviation if char.isupper()]
    initials = [word[0].upper() for word in words]
    position = 0
    for char in capitals:
        while position < len(initials) and initials[position] != char:
            if whole and words[position][:1].isupper():
                return False
            position += 1
        if position == len(initials):
            return False
        position += 1
    return not whole or all(not word[:1].isupper() for word in words[position:])


def _tidy(name: str) -> str:
    return " ".join(name.split()).rstrip(" ,.;:")
