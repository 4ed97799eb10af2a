"""Owners named inside action text, for plans with no owner column.

Only explicit statements count ("Responsible person …", "Project Lead: …", a
bracket closing an item that names nothing but organisations and people, initials
closing several items), never every organisation the prose mentions; the names
in them are read like an owner cell's, but matched exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from planharvest.lexicon import fold_alnum
from planharvest.model import Flag
from planharvest.normalise.owners.cell import Collected, OwnerResult, read_part
from planharvest.normalise.owners.registry import OwnerRegistry, RegistryIndex

#: A score cutoff no fuzzy match reaches: owners in prose are matched exactly.
_EXACT_ONLY = 101.0
_RESPONSIBLE = re.compile(
    r"\bResponsible\s+(?:person|persons|people|officer|officers|agency|agencies|lead|"
    r"organisation|organization|body)(?:\s*(?:/|and/or|or)\s*(?:person|agency|organisation))?"
    r"\s*[:\-–]?\s*(?P<who>[^\n;()]+?)\s*(?=\n|;|\(|\.\s|\.?$)",
    re.IGNORECASE,
)
#: "Project Lead : Gurjit Samra-Rai and Anita Tailor": a named lead, read like "Responsible …".
_NAMED_LEAD = re.compile(
    r"\b(?:Project|Outcome|Action|Delivery)\s+Lead(?:\s+Officer)?\s*:\s*"
    r"(?P<who>[^\n;()]+?)\s*(?=\n|;|\(|\.\s|\.?$)",
    re.IGNORECASE,
)
#: Initials closing an item ("… dealing with PPOs TS", "… Cares post PH/TW", "… TS/SMoore"):
#: the plan's way of naming the person who does it.
_ITEM_INITIALS = re.compile(
    r"(?<![\w&/])(?P<who>(?:[A-Z]{2,3}|[A-Z]{2}[a-z]{2,})(?:/(?:[A-Z]{2,3}|[A-Z]{2}[a-z]{2,}))*)"
    r"[ \t.]*$", re.MULTILINE)
#: Items ending in initials needed before initials are taken as the plan's way of naming leads.
_INITIALLED_ITEMS = 2
_BRACKETED = re.compile(
    r"\((?P<who>[^()\n]{1,80})\)"
    r"(?=\s*(?:$|\n|[;.]|\d{1,2}(?:\.\d{1,2})*(?:\.[ivx]{1,4}|[a-h])?\)?\s|[•\u2022\uf0b7○◦▪-]\s))"
)


def owners_in_text(text: str, registry: OwnerRegistry) -> OwnerResult:
    """Owners stated inside action text, for plans with no owner column.

    Only two explicit patterns count, never every organisation the prose
    mentions: "Responsible person/agency …" followed by names ("Responsible
    person Clare Sowerby, Leicestershire County Council": the council, the
    person in ``people``; its leftovers are flagged like an owner cell's), and
    a bracket closing a line, item or numbered step that holds nothing but
    organisations, people and roles ("(Probation – HM)", "(Police)", "(LCJB –
    T. Tunstall)", "(Police rep/DAAT rep)"). A bracket with any other word in
    it ("(See Appendix 1 …)", "(Healthy Schools) in line with") is prose.

    People named that way with no organisation ("Project Lead : Gurjit Samra-Rai and Anita
    Tailor", items ending in initials such as "TS" or "PH/TW") give no owner and the flag
    ``owner_person_only``: the plan says who leads, but not which organisation."""
    collected = Collected()
    statements = sorted(
        [(m.start(), m["who"], False) for m in _RESPONSIBLE.finditer(text)]
        + [(m.start(), m["who"], False) for m in _NAMED_LEAD.finditer(text)]
        + [(m.start(), m["who"], True) for m in _BRACKETED.finditer(text)]
    )
    index = registry.index
    for _, who, bracketed in statements:
        found = _read_statement(who, bracketed, index)
        if found is not None:
            _merge_into(collected, found)
    initials = _initials_of_items(text, index)
    if initials:
        collected.people.extend(person for person in initials if person not in collected.people)
        if not collected.owners:
            collected.flags.append(_person_only("the action's items end in initials, which "
                                                "name people", initials))
    return OwnerResult(tuple(collected.owners), (), tuple(collected.units),
                       tuple(collected.people),
                       tuple(collected.unmatched), tuple(collected.flags))


def _read_statement(who: str, bracketed: bool, index: RegistryIndex) -> Collected | None:
    """What one statement names, or None for a bracket that is prose (it names no
    organisation, or something that is neither an organisation nor a person)."""
    found = Collected()
    read_part(who, "owners", index, _EXACT_ONLY, _EXACT_ONLY, found, strict=bracketed)
    if bracketed and (not found.owners or found.unmatched or found.flags):
        return None
    if not found.owners and found.people and not found.flags:
        found.flags.append(_person_only(f"'{' '.join(who.split())}' names people",
                                        found.people))
    return found


def _merge_into(collected: Collected, found: Collected) -> None:
    """Add one statement's names, people, leftovers and flags, each once."""
    for name in found.owners:
        collected.add(collected.owners, name)
    for unit in found.units:
        collected.add(collected.units, unit)
    for person in found.people:
        collected.add(collected.people, person)
    for piece in found.unmatched:
        collected.add(collected.unmatched, piece)
    collected.flags.extend(flag for flag in found.flags if flag not in collected.flags)


def _initials_of_items(text: str, index: RegistryIndex) -> list[str]:
    """The initials that close the action's items, when enough items end that way; initials
    that are a registered abbreviation ("… with the DAAT") name an organisation, not a
    person."""
    found = [match["who"] for match in _ITEM_INITIALS.finditer(text)]
    found = [who for who in found
             if not all(fold_alnum(part) in index.keys for part in who.split("/"))]
    parts = Counter(part for who in found for part in who.split("/"))
    # A person leads several items, so their initials recur; acronyms ending a few items
    # ("Reduce ASB", "Tackle DV") do not.
    if len(found) < _INITIALLED_ITEMS or max(parts.values()) < 2:
        return []
    return list(parts)


def _person_only(what: str, people: Iterable[str]) -> Flag:
    listed = tuple(people)
    return Flag(code="owner_person_only", field="owners",
                reason=f"{what} ({', '.join(listed)}) but no organisation, so no owner was "
                       f"given",
                candidates=listed, evidence="in_text")
