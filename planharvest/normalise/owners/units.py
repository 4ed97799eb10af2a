"""Owners are organisations; a team, unit, service or directorate named with its organisation
belongs to it.

Plans name who leads as a unit of a body as often as the body itself: "LCC Community Safety
Team", "Safer Communities, LBTH", "BDC Licensing", "DAAT- WCC", "WCC-CYPF". The organisation
is the owner (``owners``); the unit is kept as printed, spacing normalised, in
``owner_units``. A unit named alone ("Safer Communities") stays an owner.

A *body* is an organisation that has units: one registered as another entry's ``parent``, or
one whose name says it is a council ("Leicestershire County Council", "District and Borough
Councils"). Two parts of a cell that touch across a qualifying gap (spaces, a comma, a dash,
a bracket; never "/", "+", "&", ";" or "and", which list names) are a unit and its body when:

- the unit is registered with that body as its ``parent`` ("Children, Schools & Families
  Directorate, LBTH"), however they touch; or
- the unit is printed after the body ("LCC Community Safety Team", "BDC Licensing") and is
  a unit by its words (below); or
- the unit is printed before the body with punctuation between ("Safer Communities, LBTH",
  "DAAT- WCC", "Safer Communities (LBTH)") and is a unit by its words. With only a space
  between, a name before a council is a list run together by extraction ("Leicestershire
  DAAT Leicestershire County Council"), not a unit.

A unit by its words is unmatched text of one word ("Licensing") or ending in a unit word
("Road Safety Team"), or a registered entry that is not a body whose printed text ends in a
unit word, or, with punctuation between, whose name or an alias does ("Safer Communities"
has the alias "Safer Communities Team"). A registered entry whose first printed word is a
word of the body's name ("Leicestershire County Council Leicestershire Fire and Rescue
Service") is another organisation of the same place, never a unit. The words are data:
``UNIT_WORDS`` and ``BODY_WORDS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planharvest.lexicon import fold_alnum
from planharvest.normalise.owners.registry import WORD, RegistryIndex

#: The last word of a unit's name: "Community Safety *Team*", "Trading Standards *Service*".
UNIT_WORDS = frozenset({
    "team", "teams", "unit", "units", "service", "services", "section", "sections",
    "directorate", "directorates", "department", "departments", "division", "office",
})
#: A word that makes an organisation a body with units of its own.
BODY_WORDS = frozenset({"council", "councils"})
#: The last word of a name no registry knows that still names who owns: a unit or body named
#: alone ("SEN team", "CDO Council", "Federal Geographic Data Committee"), kept as printed.
OWNING_WORDS = UNIT_WORDS | BODY_WORDS | frozenset({"committee", "committees", "board"})

#: What may stand between a unit and its body; "/", "+", "&", ";", "and" and new lines list
#: names instead.
_QUALIFYING_GAP = re.compile(r"[ \t,()\-–—]*")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:)])")
_EDGE = " \t\n,;:-–—(/"


@dataclass(frozen=True)
class Part:
    """A name the registry matched, or unmatched text that could be a unit, in reading order."""

    position: int  # the cell reader's segment position
    start: int  # character offsets in the text
    end: int
    name: str  # canonical name; "" for unmatched text
    printed: str


def unit_text(part: Part, index: RegistryIndex) -> str:
    """A unit as printed, spacing normalised: a registered name or alias with the same
    letters is written as registered ('Safer Commun ities' -> 'Safer Communities',
    'Children, Schools & Families Director ate' -> 'Children, Schools & Families
    Directorate'), other text with its spaces tidied ('Road  Safety Team , ' -> 'Road
    Safety Team')."""
    entry = index.by_name.get(fold_alnum(part.name)) if part.name else None
    key = fold_alnum(part.printed)
    for spelling in (entry.name, *entry.aliases) if entry else ():
        if fold_alnum(spelling) == key:
            return spelling
    spaced = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(part.printed.split()))
    return spaced.strip(_EDGE)


def unit_links(text: str, parts: list[Part], index: RegistryIndex) -> dict[int, str]:
    """Segment position of each unit -> the canonical name of the body it belongs to."""
    links: dict[int, str] = {}
    for left, right in zip(parts, parts[1:], strict=False):
        gap = text[left.end:right.start]
        if not _QUALIFYING_GAP.fullmatch(gap):
            continue
        punctuated = bool(gap.strip())
        if left.position not in links and _is_unit_of(right, left, index, True, punctuated):
            links[right.position] = left.name
        elif _is_unit_of(left, right, index, False, punctuated):
            links[left.position] = right.name
    return links


def is_body(name: str, index: RegistryIndex) -> bool:
    """Whether the organisation has units: registered as a parent, or a council by name."""
    return name in index.umbrellas or any(
        word.lower() in BODY_WORDS for word in WORD.findall(name))


def _is_unit_of(unit: Part, body: Part, index: RegistryIndex, after: bool,
                punctuated: bool) -> bool:
    """Whether ``unit`` (printed after ``body`` when ``after``) is a unit of ``body``."""
    if not body.name or not is_body(body.name, index) or unit.name == body.name:
        return False
    if unit.name:
        if is_body(unit.name, index):
            return False
        entry = index.by_name.get(fold_alnum(unit.name))
        if entry is not None and fold_alnum(entry.parent) == fold_alnum(body.name):
            return True
    if not (after or punctuated):
        return False
    words = [word.lower() for word in WORD.findall(unit.printed)]
    if not unit.name:
        return bool(words) and (len(words) == 1 or words[-1] in UNIT_WORDS)
    body_words = {word.lower() for word in WORD.findall(body.name)}
    if not words or words[0] in body_words:
        return False
    entry = index.by_name.get(fold_alnum(unit.name))
    names = (unit.printed, *((entry.name, *entry.aliases) if entry and punctuated else ()))
    return any(_ends_in_unit_word(name) for name in names)


def _ends_in_unit_word(text: str) -> bool:
    words = WORD.findall(text)
    return bool(words) and words[-1].lower() in UNIT_WORDS
