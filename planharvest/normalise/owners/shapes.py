"""Name shapes: whether text no registry knows is printed as one organisation, unit or job
title, by its words.

No registry can know every council, agency, company department or post a plan names
("Federal Geographic Data Committee", "Department of Health and Human Services (HHS)",
"Web Development Team", "Planning Manager"). What they share is their shape: capitalised
words ending in a head noun ("… *Agency*", "… *Team*", "… *Manager*") or led by one before
"of" or "for" ("*Department* of …", "*Office* of the …", "*Head* of …"). The head nouns are
data, ``data/owner_shapes.csv`` (``word``, ``kind`` -- organisation, unit or title --,
``place`` -- last, first, shared (a group's head noun that a "/" list may print once for
all its names), or alone: a unit's whole name by itself, "HR", "Health and
Safety", as a company's plan names its departments; opening or opening-linked: a head noun
that opens a name in a language that puts the adjective after the noun, "*Conseil*
municipal", "*Service* des travaux publics", the latter only before a linking word such as
"des", as the noun is an English word too), so a plan's own vocabulary is a line there,
never code.

An owner cell is first cut into its listed items (at ``, ; / |``, new lines, bullets, a
dash before or after a space, and at "and" / "&" where what follows is a name of its own:
"Central Intelligence Agency and NARA", but not "Office of Management and Budget"). An item
the registry does not know, whole or in part, is kept as printed when it has the shape of an
organisation or unit (an owner, noted: nothing was guessed), taken as people when it is a
job title, and kept as printed when it is an abbreviation ("GSA", "DfID": an owner too, but
a doubt, as an abbreviation may stand for a post or a person's initials as well) -- unless
the same document spells it out ("General Services Administration (GSA)" anywhere in its
text, or "GSA | General Services Administration" in its list of abbreviations: its
``Glossary``): then it names that organisation, kept as printed, and is a note naming the
definition and its page; a doubt where the document spells it out two ways; and a post
where what it spells out is a job title ("School Business Manager (SBM)").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from planharvest.extract.glossary import Definition
from planharvest.normalise.owners.registry import WORD

Kind = Literal["organisation", "unit", "title"]

#: Lower-case words a name may hold between its capitalised ones.
CONNECTIVES = frozenset({"of", "for", "the", "and", "on", "in", "at", "to"})
#: Words that make a lead noun lead a name ("Department *of* Justice").
_LEAD_LINKS = frozenset({"of", "for", "on"})
#: An abbreviation: one word of three to seven letters, capitals but for a few inner small
#: letters ("GSA", "DfID", "DoD", "H&S"), three capitals at least. Two capitals ("TS", "PH")
#: are as often a person's initials, and a plural ("DAATs") is no name of one body.
_ABBREVIATION = re.compile(r"(?=(?:[^A-Z]*[A-Z]){3})[A-Z][A-Za-z&]{1,5}[A-Z]")
#: A word of capitals, abbreviation or initials ("HR", "GSA"): a name of its own beside "and".
_CAPITALS = re.compile(r"[A-Z][A-Za-z&]{0,5}[A-Z]")
#: A bracketed abbreviation closing a name: "Food and Drug Administration (FDA)".
_TRAILING_ABBREVIATION = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,7})\s*\)\s*$")
#: Words that join a second owner to the first without a separator: "State, along with
#: USAID", "Nigel with input from DCLG", "DHS … (CBP) along with other Federal agencies".
JOINING_PHRASES = ("along with", "together with", "with input from", "with support from",
                   "supported by")
#: Where an owner cell lists its items.
_ITEM_BREAK = re.compile(r"[,;/|\n•\u2022\uf0b7]+|\s[-–—]\s*|[-–—]\s|"
                         + "|".join(r"\s+" + r"\s+".join(phrase.split()) + r"\s+"
                                    for phrase in JOINING_PHRASES), re.IGNORECASE)
#: Words that go on with a name wrapped over two lines: "Information Services\nof the
#: National Archives", "Office of the\nNational Archives".
_WRAP_WORDS = ("of", "for", "the", "on", "in", "at", "to")
#: A line break inside one name, wrapped in a narrow cell: before or after one of
#: ``_WRAP_WORDS``; any other break separates names ("Broads Authority\nlandowners").
_WRAPPED = re.compile("|".join([rf"\n(?=[ \t]*{word}\s)" for word in _WRAP_WORDS]
                               + [rf"(?<=\s{word})\n" for word in _WRAP_WORDS]))
#: "and" or "&" between two items; "and" or "along with" opening one ("…, and OMB").
_AND = re.compile(r"\s+(?:and|&)\s+|\s*&\s*", re.IGNORECASE)
_OPENING_AND = re.compile(r"^(?:and|&|along with)\s+", re.IGNORECASE)
#: No name is longer (the registry's longest is under 60): text beside an "and" that is longer is
#: no name of its own, so each "and" looks at a bounded stretch of text either side of it
#: and a long piece is cut in linear time ("Police and Police and …", 20,000 characters, took
#: minutes when each "and" read all the text before and after it).
_LONGEST_NAME = 160
#: Where a name says which body it sits in: "Census Bureau *in the* Department of Commerce",
#: "National Institute of Standards and Technology (NIST) *at* Commerce".
_PLACED_IN = re.compile(r"\s+(?:in|at|within)\s+(?:the\s+)?")
#: Up to this many capitalised words before a lead noun say whose or which it is ("U.S.",
#: "National", "Kentucky"), and the name is still led by the noun.
_PREFIX = 3


@dataclass(frozen=True)
class Vocabulary:
    """Head nouns by where they stand in a name."""

    last: dict[str, Kind]
    first: dict[str, Kind]
    alone: dict[str, Kind]  # whole names by themselves ("HR", "Health and Safety"), lower case
    opening: dict[str, Kind]  # nouns opening a name, the rest in lower case ("Conseil municipal")
    opening_linked: dict[str, Kind]  # the same, before a linking word ("Service des …")
    #: head nouns of groups a "/" list may print once for all ("Oversight and Quality /
    #: Effectiveness *Subgroup*"); not "Office", as "Sophia / Met Office" names a person
    shared: dict[str, Kind]

    @property
    def titles(self) -> frozenset[str]:
        """Every word that makes a name a job title."""
        return frozenset(word for table in (self.last, self.first, self.opening)
                         for word, kind in table.items() if kind == "title")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The head nouns of ``data/owner_shapes.csv``."""
    text = resources.files("planharvest.normalise").joinpath("data", "owner_shapes.csv")
    tables: dict[str, dict[str, Kind]] = {place: {} for place in (
        "last", "first", "alone", "opening", "opening-linked", "shared")}
    for line in csv.DictReader(text.read_text("utf-8").splitlines()):
        tables[line["place"]][" ".join(line["word"].split()).lower()] = line["kind"]  # type: ignore[assignment]
    return Vocabulary(tables["last"], tables["first"], tables["alone"], tables["opening"],
                      tables["opening-linked"], tables["shared"])


def core(text: str) -> str:
    """The text without a bracketed abbreviation closing it."""
    return _TRAILING_ABBREVIATION.sub("", text).strip()


def shape(text: str) -> Kind | None:
    """What the text names by its shape: a name that is one by itself, capitalised (a
    company's department: "HR", "Health and Safety", place ``alone`` in the data), or two
    words or more, each capitalised but for
    connectives and a lower-case head noun ("SEN team"), with a head noun last or a lead noun
    before "of" / "for" first; None otherwise, and for text longer than any name
    (``_LONGEST_NAME``: "Partnership Partnership …" of 60,000 characters is no one's name,
    and a reviewer must see it). A name of one body placed in another ("Census Bureau in the
    Department of Commerce") is one name, of the first's kind."""
    if len(text) > _LONGEST_NAME:
        return None
    placed = _PLACED_IN.split(text, maxsplit=1)
    if len(placed) == 2 and shape(placed[0]) and shape(placed[1]):
        return shape(placed[0])  # "Census Bureau in the Department of Commerce"
    bare = " ".join(core(text).split())
    if bare[:1].isupper() and bare.lower() in vocabulary().alone:
        return vocabulary().alone[bare.lower()]
    words = WORD.findall(core(text))
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return None
    table = vocabulary()
    opened = _opening_noun(words, table)
    if opened is not None:
        return opened
    head = words[-1].lower()
    if not all(word[:1].isupper() or word[:1].isdigit() or word.lower() in CONNECTIVES
               for word in words[:-1]) or words[0].lower() in CONNECTIVES:
        return None
    led = _lead_noun(words)
    if led is not None:
        return table.first[led]
    if not (words[-1][:1].isupper() or head in table.last):
        return None
    if words[-2].lower() in CONNECTIVES:
        return None  # "Kim and team": the head noun names nobody of its own
    return table.last.get(head)


#: Words that link an opening noun to what follows it ("Service *des* travaux publics",
#: "Service *de l’*urbanisme").
_OPENING_LINKS = frozenset({"de", "du", "des", "d", "l", "la", "le", "aux", "au"})


def _opening_noun(words: list[str], table: Vocabulary) -> Kind | None:
    """The kind a capitalised noun gives the name it opens when every word after it is in
    lower case ("Conseil municipal", "Service des travaux publics"); None otherwise."""
    lead, rest = words[0].lower(), words[1:]
    if not words[0][:1].isupper() or any(word[:1].isupper() for word in rest):
        return None
    if lead in table.opening:
        return table.opening[lead]
    linked = re.split(r"['’]", rest[0].lower())[0] in _OPENING_LINKS
    return table.opening_linked.get(lead) if linked else None


def _lead_noun(words: list[str]) -> str | None:
    """The lead noun leading the words before "of" / "for", perhaps after a few capitalised
    words ("U.S. Agency for …", "National Institute of …"), lower case; None if none does."""
    for lead in range(min(len(words) - 1, _PREFIX + 1)):
        if _led(words[lead:]):
            return words[lead].lower()
        if not words[lead][:1].isupper():
            return None
    return None


def is_abbreviation(text: str) -> bool:
    """One word of capitals ("GSA", "DfID"), not a job title's ("SENDCo")."""
    return bool(_ABBREVIATION.fullmatch(text)) and text.lower() not in vocabulary().titles


@dataclass(frozen=True)
class Glossary:
    """The abbreviations a document spells out, with the names it gives them and where
    (``extract.glossary`` reads them; here they are data)."""

    definitions: tuple[Definition, ...] = ()
    #: the document's owner column names posts more often than bodies, so an abbreviation it
    #: never spells out ("SBM", "LMS") is more likely a post's than an organisation's
    owners_are_posts: bool = False

    def __contains__(self, abbreviation: object) -> bool:
        return any(definition.abbreviation == abbreviation for definition in self.definitions)

    def of(self, abbreviation: str) -> tuple[Definition, ...]:
        """The abbreviation's definitions, one per name."""
        return tuple(definition for definition in self.definitions
                     if definition.abbreviation == abbreviation)


#: A document that spells out no abbreviation.
NO_GLOSSARY = Glossary()


@dataclass(frozen=True)
class Item:
    """One listed item of an owner cell: where it is printed, and its text."""

    start: int
    end: int
    text: str
    #: the head noun was printed once, after the last item of a "/" list, and given to this
    #: item too ("Oversight and Quality / Effectiveness *Subgroup*")
    shared_head: bool = False


def items(text: str, may_share: Callable[[Item], bool] = lambda item: False) -> list[Item]:
    """The listed items of an owner cell, in order (see the module doc); items ``may_share``
    allows read with a head noun a "/" list prints once, after the last (``_share_heads``)."""
    found: list[Item] = []
    position = 0
    text = _WRAPPED.sub(" ", text)  # the same length: items keep their places
    for piece in [*_ITEM_BREAK.split(text)]:
        start = text.index(piece, position) if piece else position
        position = start + len(piece)
        found += _split_and(piece, start)
    return _share_heads(text, [item for item in found if item.text], may_share)


#: What stands between the items of a list that prints their shared head noun once, last.
_SHARING_GAP = re.compile(r"\s*/\s*")


def _share_heads(text: str, found: list[Item], may_share: Callable[[Item], bool]) -> list[Item]:
    """Items of a "/" list that print one head noun for all, after the last ("Oversight and
    Quality / Effectiveness Subgroup", "Effectiveness / Learning and Development /
    Communication Subgroups"): each capitalised item with no head noun of its own before it
    takes the head noun, in the singular where the last prints it plural."""
    shared = list(found)
    for last in range(len(found) - 1, 0, -1):
        head = _shared_head(found[last].text)
        if head is None or not may_share(found[last]):
            continue
        first = last
        while (first > 0 and _SHARING_GAP.fullmatch(text[found[first - 1].end:found[first].start])
               and _headless(found[first - 1].text) and may_share(found[first - 1])):
            first -= 1
        if first == last:
            continue
        for at in range(first, last + 1):
            words = found[at].text if at < last else found[at].text.rsplit(None, 1)[0]
            shared[at] = Item(found[at].start, found[at].end, f"{words} {head}", True)
    return shared


def _shared_head(text: str) -> str | None:
    """The last word of a name whose kind that word gives (organisation or unit), singular
    where the vocabulary holds the singular; None otherwise."""
    words = WORD.findall(text)
    if len(words) < 2 or shape(text) not in ("organisation", "unit"):
        return None
    head = words[-1]
    if head.lower() not in vocabulary().shared:
        return None
    single = head[:-1]
    return single if head.endswith("s") and single.lower() in vocabulary().shared else head


def _headless(text: str) -> bool:
    """Capitalised words (connectives aside) with no shape of their own: "Oversight and
    Quality", "Effectiveness"."""
    words = WORD.findall(text)
    return (bool(words) and shape(text) is None and not is_abbreviation(text.strip())
            and words[0][:1].isupper()
            and all(word[:1].isupper() or word.lower() in CONNECTIVES for word in words))


def _split_and(piece: str, offset: int) -> list[Item]:
    """One piece cut at each "and" / "&" that a name of its own follows."""
    opening = _OPENING_AND.match(piece.strip())
    lead = len(piece) - len(piece.lstrip()) + (opening.end() if opening else 0)
    end = len(piece.rstrip())
    parts: list[Item] = []
    start = lead
    for match in _AND.finditer(piece, lead):
        right = piece[match.end():match.end() + _LONGEST_NAME + 1]
        whole_right = end - match.end() <= _LONGEST_NAME
        alone = (match.start() - start <= _LONGEST_NAME
                 and _stands_alone(piece[start:match.start()]))
        if (alone or _led(WORD.findall(right))) and _starts_a_name(right, whole_right):
            parts.append(_item(piece, start, match.start(), offset))
            start = match.end()
    parts.append(_item(piece, start, len(piece), offset))
    return parts


def _item(piece: str, start: int, end: int, offset: int) -> Item:
    text = piece[start:end]
    stripped = text.strip()
    begin = start + len(text) - len(text.lstrip())
    return Item(offset + begin, offset + begin + len(stripped), stripped)


def _stands_alone(left: str) -> bool:
    """Text before "and" that is a name of its own: an abbreviation, a name closed by its
    bracketed abbreviation, or a name whose head noun ends it ("Central Intelligence
    Agency"), not a lead noun's object ("Office of Management")."""
    words = WORD.findall(left)
    if len(words) == 1:
        return bool(_CAPITALS.fullmatch(left.strip()))
    if _TRAILING_ABBREVIATION.search(left):
        return True
    return not _led(words) and shape(left) is not None


def _starts_a_name(right: str, whole: bool = True) -> bool:
    """Text after "and" that begins a name of its own: an abbreviation, a lead noun before
    "of" ("Department of State"), or a capitalised name with a head noun (``whole``: the
    text runs to the piece's end, not cut at the longest a name may be)."""
    words = WORD.findall(right)
    if not words:
        return False
    return (bool(_CAPITALS.fullmatch(right.split()[0].strip("(),"))) or _led(words)
            or (whole and shape(right) is not None and right.strip()[:1].isupper()))


def _led(words: list[str]) -> bool:
    """Whether the words open with a lead noun before "of" / "for" ("Office of …")."""
    return (len(words) > 1 and words[0].lower() in vocabulary().first
            and words[1].lower() in _LEAD_LINKS)
