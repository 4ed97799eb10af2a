"""Owner cells to canonical organisation names, with the people and leftovers kept for review.

An owner cell names organisations in every way a person can type them:
separated ("Police / Public Health", "Trading Standards, LBTH"), run together
with no separator at all ("Leicestershire DAAT Leicestershire County
Council", a PDF column that lost its line breaks), broken by extraction
("Children, Schools & Families Director atelBTH"), mixed with people and
roles ("Adrian Pearson/Police + WCC/District and Boroughs"), or misspelt.

How a cell is read (``parse_owners``):

1. Text after the first ``+`` names partners, text before it owners
   ("Adrian Pearson/Police + WCC/…": owners Police, partners WCC, …). Without
   a ``+`` every organisation named is an owner. A separate partners cell is
   all partners. An organisation already an owner is not repeated as partner.
2. Each part is segmented against the registry on *folded* text (letters and
   digits only, lower case), so separators, spacing and case do not matter and
   words cut by extraction still match ("Director atelBTH" -> Directorate +
   LBTH). Segmentation is a shortest-path search over the folded characters:
   unmatched letters cost most, then each match, so the longest names win and
   "Leicestershire and Rutland PCT" is never cut at its "and". A name must
   start at a word start (or where the previous name ended inside a word);
   names of four letters or fewer ("TH", "CPS", "DAAT") must also end at a word
   end, so "DAAT" is not found in "DAATs" and "TH" not in "THE". A name that
   starts or ends inside a printed word split words extraction ran together:
   a guess, flagged ``owner_ambiguous``; a word merely cut in two ("Probatio
   n") is rejoined without a flag. Filler words cost as much as a match, so a
   name containing one ("All partners") still beats the word alone.
3. The words no name covered form pieces, split at separators (``/ , ; + ( )
   - – : @ &``, newlines, "and", "or"). Each piece is, in this order:
   filler ("all", "the", …: dropped); a person's role ("DA manager", "Head of
   Service", "Police rep"), initials ("TS", "HM") or a name ("Kit Leck",
   "T. Tunstall"; more than three name words are several names run together,
   kept as people and flagged ``owner_unmatched``) -> ``people``; a misspelt
   organisation (rapidfuzz, below);
   a qualifier of the organisation it touches ("Police *Communications*",
   "*all agencies* dealing with DA", "(*Prevention team*)": one word, or
   starting in lower case, or in brackets after a name -> dropped, the raw
   cell keeps it); anything else -> ``unmatched``, flagged ``owner_unmatched``.

Fuzzy matching uses ``rapidfuzz.process.extract`` with the
``fuzz.token_sort_ratio`` scorer (word order and case do not matter, but
every letter counts, which suits short names better than partial scorers
that would find "Police" inside any longer string), over names and aliases
of five or more letters. A best score of at least ``OwnerSettings.confident_score``
(default 92) that no other organisation comes within 3 points of is taken
as the organisation; a score from ``OwnerSettings.candidate_cutoff`` (default 80) up
is taken as the best guess and flagged ``owner_ambiguous`` with the
candidates; below that the piece is unmatched. Initials and names are tried
before the weak (ambiguous) fuzzy band and after the confident one, so
"Leicestershire Polce" is the police and "Adrian Pearson" a person.

A cell with people but no organisation ("TS/RS", "PH") is flagged
``owner_person_only``; a cell in which nothing at all was recognised
is flagged ``owner_unmatched`` with its text. A council whose units are
registered qualifies the unit it touches ("DAAT- WCC", "Safer Communities,
LBTH": the unit owns) but is an owner where it is also listed on its own
("DAAT- WCC/ WCC").

Costs: building a registry's index (a character trie of folded keys, the
fuzzy choice list, the vocabulary for telling names from organisations) is
done once per registry, a few milliseconds. Parsing a cell walks the trie
from each folded position (a few steps each), so it is linear in the cell's
length; results are memoised per registry, so repeated cells are free.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from planharvest.errors import OptionFileError
from planharvest.lexicon import fold_alnum
from planharvest.model import Flag
from planharvest.unionfind import UnionFind

#: Folded keys up to this length are abbreviations: they must end at a word end.
SHORT_KEY = 4
#: A second organisation this close to the best fuzzy score makes the match ambiguous.
_FUZZY_MARGIN = 3.0
#: Unmatched letters cost this much each; a match costs 1, so coverage always comes first.
_UNMATCHED_LETTER_COST = 10
#: More capitalised words than this are several people's names run together (or an unknown
#: organisation): "Rich Hiom Dave Frank Chris Woodward Nick Jones". Kept as people, flagged.
_LONGEST_NAME = 3
#: Parsed cells remembered per registry.
_CACHE_SIZE = 8192

#: Words that carry no organisation by themselves.
FILLER_WORDS = frozenset({
    "all", "the", "other", "others", "with", "of", "for", "by", "in", "to", "via", "etc",
    "lead", "leads", "and", "or", "plus", "also", "any", "relevant", "key", "local", "each",
    "partner", "partners",  # "(DAAT and Partners)": the partners are nobody in particular
})
#: Words that make a piece a person's job rather than an organisation.
ROLE_WORDS = frozenset({
    "manager", "managers", "officer", "officers", "head", "lead", "leader", "leads",
    "director", "coordinator", "ordinator", "chair", "chairman", "chairperson", "chief",
    "superintendent", "inspector", "sergeant", "constable", "rep", "reps", "representative",
    "representatives", "commissioner", "worker", "workers", "adviser", "advisor", "champion",
    "administrator", "secretary", "deputy", "executive", "responsibility", "responsible",
    "member", "members", "councillor", "councillors", "cllr", "portfolio", "holder",
})
#: Words that make a capitalised phrase an organisation rather than a person's name.
ORG_WORDS = frozenset({
    "council", "councils", "police", "team", "teams", "service", "services", "trust", "trusts",
    "partnership", "partnerships", "board", "group", "groups", "directorate", "department",
    "unit", "office", "authority", "authorities", "agency", "agencies", "forum", "forums",
    "association", "college", "school", "schools", "university", "hospital", "court", "courts",
    "centre", "center", "network", "panel", "committee", "programme", "project", "sector",
    "organisation", "organisations", "providers", "housing", "health", "safety", "community",
    "communities", "county", "city", "borough", "district", "nhs", "ltd", "limited", "plc",
    "society", "foundation", "charity", "arts", "care", "support", "action",
})
_NO_OWNER = frozenset({"na", "tbc", "tbd", "none", "nil", "nk", "notknown"})

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SEPARATOR_CHARS = frozenset("/,;+()[]\n–—-:@&|\\")
_SEPARATOR_WORDS = frozenset({"and", "or"})
_INITIALS = re.compile(r"[A-Z]{2,3}")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*")
_INITIAL = re.compile(r"[A-Z]")
_END = ""  # trie key marking the end of a folded key


@dataclass(frozen=True)
class Organisation:
    """One canonical organisation and the other ways plans write it."""

    name: str
    aliases: tuple[str, ...] = ()
    parent: str = ""


@dataclass(frozen=True)
class OwnerResult:
    """What one owner cell (and partners cell) named."""

    owners: tuple[str, ...] = ()  # canonical names, in order, no duplicates
    partners: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # persons / roles / initials seen, kept for the reviewer
    unmatched: tuple[str, ...] = ()  # cleaned text pieces that matched nothing
    flags: tuple[Flag, ...] = ()  # field 'owners' or 'partners'


class OwnerRegistry:
    """Known organisations with an index for segmentation and fuzzy matching.

    Immutable: ``extended`` and ``with_alias`` return new registries. Entries
    are kept in layers (built-in, then each user file, then each reviewer
    alias); when two organisations claim the same folded key, the later layer
    wins, and within a layer a name beats another entry's alias."""

    def __init__(self, layers: tuple[tuple[Organisation, ...], ...]):
        self._layers = layers
        self._organisations = _merge(layers)
        self._index = _Index.build(self._organisations, layers)
        self._cache: dict[tuple[str, str, float, float], OwnerResult] = {}

    @classmethod
    def builtin(cls) -> OwnerRegistry:
        """The organisations of ``data/owners.csv``."""
        return _builtin()

    def extended(self, csv_path: Path) -> OwnerRegistry:
        """This registry plus a user CSV (columns ``name``, ``aliases`` separated by ``;``,
        optional ``parent``); on a clash the user's file wins."""
        with open(csv_path, newline="", encoding="utf-8-sig") as handle:
            organisations = _read_organisations(handle.read(), str(csv_path))
        return OwnerRegistry((*self._layers, organisations))

    def with_alias(self, name: str, alias: str) -> OwnerRegistry:
        """A reviewer decided that ``alias`` means ``name``: a new registry where it does."""
        known = self._index.by_name.get(fold_alnum(name))
        organisation = known if known is not None else Organisation(name.strip())
        updated = Organisation(organisation.name, (alias.strip(),), organisation.parent)
        return OwnerRegistry((*self._layers, (updated,)))

    @property
    def names(self) -> list[str]:
        """Canonical names, in registry order."""
        return [organisation.name for organisation in self._organisations]

    def organisation(self, name: str) -> Organisation | None:
        """The entry with this canonical name (compared folded), or None."""
        return self._index.by_name.get(fold_alnum(name))

    def parse(self, raw: str, partners_raw: str, confident: float, cutoff: float
              ) -> OwnerResult:
        """``parse_owners`` with memoisation (the module-level function is the API)."""
        key = (raw, partners_raw, confident, cutoff)
        cached = self._cache.get(key)
        if cached is None:
            cached = _parse_cell(raw, partners_raw, self._index, confident, cutoff)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return cached


def _read_organisations(text: str, source: str) -> tuple[Organisation, ...]:
    rows = list(csv.DictReader(text.splitlines()))
    if rows and "name" not in rows[0]:
        raise OptionFileError(f"{source}: an owners file needs a 'name' column")
    organisations = []
    for row in rows:
        name = " ".join((row.get("name") or "").split())
        if not name:
            continue
        aliases = tuple(
            " ".join(alias.split()) for alias in (row.get("aliases") or "").split(";")
            if alias.strip()
        )
        parent = " ".join((row.get("parent") or "").split())
        organisations.append(Organisation(name, aliases, parent))
    return tuple(organisations)


@lru_cache(maxsize=1)
def _builtin() -> OwnerRegistry:
    text = resources.files("planharvest.normalise").joinpath("data", "owners.csv")
    return OwnerRegistry((_read_organisations(text.read_text("utf-8"), "owners.csv"),))


def _merge(layers: tuple[tuple[Organisation, ...], ...]) -> tuple[Organisation, ...]:
    """One entry per folded name: a later entry's spelling and parent win, aliases add up."""
    merged: dict[str, Organisation] = {}
    for layer in layers:
        for organisation in layer:
            key = fold_alnum(organisation.name)
            if not key:
                continue
            before = merged.get(key)
            if before is None:
                merged[key] = organisation
                continue
            aliases = tuple(dict.fromkeys((*organisation.aliases, *before.aliases)))
            merged[key] = Organisation(organisation.name, aliases,
                                       organisation.parent or before.parent)
    return tuple(merged.values())


@dataclass
class _Index:
    """Lookup structures built once per registry."""

    by_name: dict[str, Organisation]
    keys: dict[str, str]  # folded name or alias -> canonical name
    trie: dict
    choices: list[str]  # processed names / aliases for fuzzy matching
    choice_names: list[str]
    vocabulary: frozenset[str]  # lower-case words of every name and alias
    umbrellas: frozenset[str]  # names that are the registered parent of another entry

    @classmethod
    def build(cls, organisations: tuple[Organisation, ...],
              layers: tuple[tuple[Organisation, ...], ...]) -> _Index:
        by_name = {fold_alnum(org.name): org for org in organisations}
        canonical = {fold_alnum(org.name): org.name for org in organisations}
        ranked: dict[str, tuple[tuple[int, int, int], str]] = {}
        order = 0
        for rank, layer in enumerate(layers):
            for organisation in layer:
                name = canonical.get(fold_alnum(organisation.name))
                if name is None:
                    continue
                for is_name, text in ((1, organisation.name),
                                      *((0, alias) for alias in organisation.aliases)):
                    key = fold_alnum(text)
                    order += 1
                    priority = (rank, is_name, order)
                    if key and (key not in ranked or ranked[key][0] < priority):
                        ranked[key] = (priority, name)
        keys = {key: name for key, (_, name) in ranked.items()}
        trie: dict = {}
        for key in keys:
            node = trie
            for char in key:
                node = node.setdefault(char, {})
            node[_END] = key
        choices, choice_names, words = [], [], set()
        for organisation in organisations:
            for text in (organisation.name, *organisation.aliases):
                words.update(word.lower() for word in _WORD.findall(text))
                key = fold_alnum(text)
                if len(key) > SHORT_KEY and keys.get(key) == organisation.name:
                    choices.append(utils.default_process(text))
                    choice_names.append(organisation.name)
        umbrellas = frozenset(org.parent for org in organisations if org.parent)
        return cls(by_name, keys, trie, choices, choice_names, frozenset(words), umbrellas)


@dataclass
class _Word:
    start: int  # offsets in the original text
    end: int
    text: str
    folded: str


@dataclass
class _Segment:
    """A run of words: a registry match (``name`` set) or one unmatched word."""

    first: int  # word indexes, inclusive
    last: int
    name: str = ""
    repaired: bool = False  # the name starts or ends inside a printed word ("atelBTH")


@dataclass
class _Collected:
    """Running result of one cell."""

    owners: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    #: (field, name) of names listed on their own somewhere, not only qualifying another
    standalone: set[tuple[str, str]] = field(default_factory=set)

    def add(self, target: list[str], value: str) -> None:
        if value and value not in target:
            target.append(value)


def parse_owners(
    raw: str, registry: OwnerRegistry, partners_raw: str = "", *,
    confident_score: float = 92.0, candidate_cutoff: float = 80.0,
) -> OwnerResult:
    """Canonical owners and partners of an owner cell (and a partners cell), with the people,
    the unmatched pieces and a flag for every guess (rules in the module doc). The score
    defaults are ``OwnerSettings.confident_score`` and ``OwnerSettings.candidate_cutoff``."""
    return registry.parse(raw, partners_raw, confident_score, candidate_cutoff)


def _parse_cell(raw: str, partners_raw: str, index: _Index, confident: float,
                cutoff: float) -> OwnerResult:
    collected = _Collected()
    owner_part, plus, partner_part = raw.partition("+")
    if fold_alnum(owner_part) in _NO_OWNER:
        owner_part = ""
    _read_part(owner_part, "owners", index, confident, cutoff, collected, strict=False)
    for text in (partner_part if plus else "", partners_raw):
        _read_part(text, "partners", index, confident, cutoff, collected, strict=False)
    owners = _without_umbrellas(collected.owners, index, collected.standalone, "owners")
    partners = _without_umbrellas(_without_parents(collected.partners, index), index,
                                  collected.standalone, "partners")
    partners = [name for name in partners if name not in owners]
    owner_flags = [flag for flag in collected.flags if flag.field == "owners"]
    cell = " ".join(raw.split())
    if not collected.owners and not owner_flags and fold_alnum(owner_part):
        if collected.people:
            collected.flags.append(Flag(
                code="owner_person_only", field="owners",
                reason=f"the owner cell '{cell}' names people or roles "
                       f"({', '.join(collected.people)}) but no organisation",
                candidates=tuple(collected.people)))
        elif fold_alnum(owner_part) not in _NO_OWNER:
            text = " ".join(owner_part.split())
            collected.unmatched.append(text)
            collected.flags.append(Flag(
                code="owner_unmatched", field="owners",
                reason=f"nothing in the owner cell '{cell}' names a known organisation",
                candidates=(text,)))
    return OwnerResult(tuple(owners), tuple(partners), tuple(collected.people),
                       tuple(collected.unmatched), tuple(collected.flags))


def _without_parents(names: list[str], index: _Index) -> list[str]:
    """Drop an organisation whose registered unit is also named ('WCC CYPF' -> CYPF)."""
    keys = [fold_alnum(name) for name in names]
    parents = {index.by_name[key].parent for key in keys if key in index.by_name}
    return [name for name in names if name not in parents]


def _without_umbrellas(names: list[str], index: _Index, standalone: set[tuple[str, str]],
                       field_name: str) -> list[str]:
    """A council with units in the registry qualifies, not owns, when the cell names other
    owners: 'Safer Communities, LBTH' and 'DAAT-WCC' are owned by the unit; the council
    stays in ``owner_raw``. Alone ('LBTH'), or listed on its own as well ('DAAT- WCC/ WCC'),
    it is an owner. Partners the same way ('+WCC-Trading Standards': Trading Standards)."""
    if len(names) < 2:
        return names
    kept = [name for name in names
            if name not in index.umbrellas or (field_name, name) in standalone]
    return kept or names


def _read_part(text: str, field_name: str, index: _Index, confident: float, cutoff: float,
               collected: _Collected, strict: bool) -> None:
    """Segment one part of a cell and sort its names, people and leftovers into
    ``collected``. ``strict``: a qualifier counts as unmatched (for text outside an owner
    cell, where an unexplained word means the text is not an owner statement)."""
    words = [_Word(m.start(), m.end(), m.group(0), fold_alnum(m.group(0)))
             for m in _WORD.finditer(text)]
    words = [word for word in words if word.folded]
    if not words:
        return
    target = collected.owners if field_name == "owners" else collected.partners
    segments = _segment(words, index)
    pieces = {piece.position: piece for piece in _pieces(text, words, segments)}
    for position, segment in enumerate(segments):  # in reading order
        if segment.name:
            collected.add(target, segment.name)
            if not _qualifies(text, words, segments, position):
                collected.standalone.add((field_name, segment.name))
            if segment.repaired:
                printed = " ".join(
                    text[words[segment.first].start:words[segment.last].end].split())
                collected.flags.append(Flag(
                    code="owner_ambiguous", field=field_name,
                    reason=f"'{printed}' was read as '{segment.name}' by splitting words that "
                           f"extraction ran together",
                    candidates=(segment.name, printed)))
        elif position in pieces:
            _classify(pieces[position], text, words, segments, field_name, index, confident,
                      cutoff, collected, target, strict)


#: What may stand between a name and the name it qualifies ("DAAT- WCC", "Safer Communities,
#: LBTH", "Safer Communities (LBTH)"); "/", "+", "&", ";", "and" and new lines list names.
_QUALIFYING_GAP = re.compile(r"[ \t,()\-–—]*")


def _qualifies(text: str, words: list[_Word], segments: list[_Segment], position: int) -> bool:
    """Whether the name at ``position`` touches a neighbouring name across a qualifying gap."""
    segment = segments[position]
    for other in (position - 1, position + 1):
        if 0 <= other < len(segments) and segments[other].name:
            left, right = sorted((segment, segments[other]), key=lambda item: item.first)
            if _QUALIFYING_GAP.fullmatch(_gap(text, words, left.last, right.first)):
                return True
    return False


def _segment(words: list[_Word], index: _Index) -> list[_Segment]:
    """Cheapest cover of the folded text by registry keys and unmatched words."""
    folded = "".join(word.folded for word in words)
    size = len(folded)
    word_at: list[int] = []
    starts: set[int] = set()
    for number, word in enumerate(words):
        starts.add(len(word_at))
        word_at.extend([number] * len(word.folded))
    ends = {position + 1 for position in range(size)
            if position + 1 == size or word_at[position + 1] != word_at[position]}
    infinity = float("inf")
    # cost[via][i]: cheapest cover of folded[i:]; via = 1 when a match ended at i.
    cost = [[infinity] * (size + 1), [infinity] * (size + 1)]
    choice: list[list[tuple[int, str] | None]] = [[None] * (size + 1), [None] * (size + 1)]
    cost[0][size] = cost[1][size] = 0
    for i in range(size - 1, -1, -1):
        matches = _matches_at(folded, i, index.trie)
        for via in (0, 1):
            if not via and i not in starts:
                continue
            best, best_choice = infinity, None
            for end, key in matches:
                if len(key) <= SHORT_KEY and end not in ends:
                    continue
                total = 1 + cost[1][end]
                if total < best:
                    best, best_choice = total, (end, key)
            if i in starts:
                word = words[word_at[i]]
                end = i + len(word.folded)
                # A filler word costs as much as a match, so a name that includes it
                # ("All partners", "The Police") still beats the word on its own.
                total = (1 if word.text.lower() in FILLER_WORDS
                         else len(word.folded) * _UNMATCHED_LETTER_COST) + cost[0][end]
                if total < best:
                    best, best_choice = total, (end, "")
            cost[via][i], choice[via][i] = best, best_choice
    segments: list[_Segment] = []
    i, via = 0, 0
    while i < size:
        step = choice[via][i]
        if step is None:  # unreachable for valid input; stop rather than loop
            break
        end, key = step
        # A name starting or ending inside a printed word is where the search split words
        # that extraction ran together ("Director atelBTH" -> Directorate + LBTH): a guess.
        # A word merely cut in two ("Probatio n") is rejoined with no doubt, so not flagged.
        repaired = bool(key) and (i not in starts or end not in ends)
        segments.append(_Segment(word_at[i], word_at[end - 1], index.keys[key] if key else "",
                                 repaired))
        i, via = end, 1 if key else 0
    return segments


def _matches_at(folded: str, start: int, trie: dict) -> list[tuple[int, str]]:
    """(end, key) of every registry key that starts at ``start``."""
    found = []
    node = trie
    for position in range(start, len(folded)):
        node = node.get(folded[position])
        if node is None:
            break
        if _END in node:
            found.append((position + 1, node[_END]))
    return found


@dataclass
class _Piece:
    """Consecutive unmatched words between separators."""

    position: int  # index of its first segment
    first: int
    last: int
    after_match: bool  # a name touches its start (no separator, or an opening bracket)
    touches_match: bool  # a name touches it on either side with no separator
    bracketed: bool


def _gap(text: str, words: list[_Word], left: int, right: int) -> str:
    return text[words[left].end:words[right].start]


def _is_separated(gap: str) -> bool:
    return any(char in _SEPARATOR_CHARS for char in gap)


def _pieces(text: str, words: list[_Word], segments: list[_Segment]) -> list[_Piece]:
    pieces: list[_Piece] = []
    run: list[int] = []  # segment positions of the current run of unmatched words

    def close() -> None:
        if not run:
            return
        first, last = segments[run[0]].first, segments[run[-1]].last
        before = segments[run[0] - 1] if run[0] > 0 else None
        after = segments[run[-1] + 1] if run[-1] + 1 < len(segments) else None
        gap_before = (_gap(text, words, before.last, first) if before
                      else text[:words[first].start])
        gap_after = _gap(text, words, last, after.first) if after else text[words[last].end:]
        after_match = bool(before and before.name and (not _is_separated(gap_before)
                                                       or "(" in gap_before))
        touches = bool((before and before.name and not _is_separated(gap_before))
                       or (after and after.name and not _is_separated(gap_after)))
        bracketed = "(" in gap_before and ")" in gap_after
        pieces.append(_Piece(run[0], first, last, after_match, touches, bracketed))
        run.clear()

    for position, segment in enumerate(segments):
        if segment.name:
            close()
            continue
        word = words[segment.first]
        if word.text.lower() in _SEPARATOR_WORDS:
            close()
            continue
        previous = segments[run[-1]].last if run else -1
        gap = _gap(text, words, previous, segment.first) if run else ""
        double_name = (gap == "-" and _NAME_WORD.fullmatch(words[previous].text)
                       and _NAME_WORD.fullmatch(word.text))  # "Samra-Rai"
        if run and _is_separated(gap) and not double_name:
            close()
        run.append(position)
    close()
    return pieces


def _classify(piece: _Piece, text: str, words: list[_Word], segments: list[_Segment],
              field_name: str, index: _Index, confident: float, cutoff: float,
              collected: _Collected, target: list[str], strict: bool) -> None:
    piece_words = words[piece.first:piece.last + 1]
    lowered = [word.text.lower() for word in piece_words]
    phrase = text[piece_words[0].start:piece_words[-1].end]
    phrase = " ".join(phrase.split())
    if all(word in FILLER_WORDS for word in lowered):
        return
    if any(word in ROLE_WORDS for word in lowered):
        collected.add(collected.people, _role_text(phrase, piece, text, words, segments))
        return
    if all(_INITIALS.fullmatch(word.text) for word in piece_words):
        collected.add(collected.people, phrase)
        return
    candidates = _fuzzy(phrase, index, cutoff)
    if candidates and candidates[0][1] >= confident and (
            len(candidates) == 1 or candidates[1][1] < candidates[0][1] - _FUZZY_MARGIN):
        collected.add(target, candidates[0][0])
        return
    if _looks_like_name(piece_words, index.vocabulary):
        collected.add(collected.people, phrase)
        if len(piece_words) > _LONGEST_NAME:
            collected.flags.append(Flag(
                code="owner_unmatched", field=field_name,
                reason=f"'{phrase}' matched no known organisation; it was read as people's "
                       f"names run together and left out of {field_name}",
                candidates=(phrase,)))
        return
    if candidates:
        collected.add(target, candidates[0][0])
        names = tuple(name for name, _ in candidates)
        collected.flags.append(Flag(
            code="owner_ambiguous", field=field_name,
            reason=f"'{phrase}' is close to {_quoted(names)} but not an exact name; "
                   f"'{names[0]}' was taken",
            candidates=(*names, phrase)))
        return
    qualifier = piece.touches_match and (len(piece_words) == 1 or phrase[:1].islower())
    if not strict and (qualifier or (piece.after_match and piece.bracketed)):
        return
    collected.add(collected.unmatched, phrase)
    collected.flags.append(Flag(
        code="owner_unmatched", field=field_name,
        reason=f"'{phrase}' matched no known organisation",
        candidates=(phrase,)))


def _role_text(phrase: str, piece: _Piece, text: str, words: list[_Word],
               segments: list[_Segment]) -> str:
    """A lone role word ('rep') attached to the name before it keeps that name ('Police rep')."""
    if piece.first != piece.last or not piece.after_match:
        return phrase
    for segment in segments:
        if segment.name and segment.last == piece.first - 1:
            return " ".join(text[words[segment.first].start:words[piece.last].end].split())
    return phrase


def _looks_like_name(piece_words: list[_Word], vocabulary: frozenset[str]) -> bool:
    """2 to 8 capitalised words or initials, at least one a full word, none an
    organisation word or a word of a known organisation ('Kit Leck', 'T. Tunstall')."""
    if not 2 <= len(piece_words) <= 8:
        return False
    full_words = 0
    for word in piece_words:
        lowered = word.text.lower()
        if lowered in ORG_WORDS or lowered in vocabulary:
            return False
        if _NAME_WORD.fullmatch(word.text):
            full_words += 1
        elif not _INITIAL.fullmatch(word.text):
            return False
    return full_words >= 1


def _fuzzy(phrase: str, index: _Index, cutoff: float) -> list[tuple[str, float]]:
    """Organisations whose name or alias scores at least ``cutoff``, best first, once each;
    none when ``cutoff`` is above 100 (exact matching only)."""
    query = utils.default_process(phrase)
    if (cutoff > 100 or len(fold_alnum(query)) <= SHORT_KEY or not index.choices
            or not any(char.isalpha() for char in query)):
        return []  # a cutoff above 100 switches fuzzy matching off; no name is only digits
    results = process.extract(query, index.choices, scorer=fuzz.token_sort_ratio,
                              processor=None, score_cutoff=max(cutoff, 0.0), limit=10)
    best: dict[str, float] = {}
    for _, score, position in results:
        name = index.choice_names[position]
        best[name] = max(score, best.get(name, 0.0))
    return sorted(best.items(), key=lambda item: -item[1])[:5]


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# -- owners named inside action text -------------------------------------------------------

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
    collected = _Collected()
    statements = sorted(
        [(m.start(), m["who"], False) for m in _RESPONSIBLE.finditer(text)]
        + [(m.start(), m["who"], False) for m in _NAMED_LEAD.finditer(text)]
        + [(m.start(), m["who"], True) for m in _BRACKETED.finditer(text)]
    )
    index = registry._index
    for _, who, bracketed in statements:
        found = _Collected()
        _read_part(who, "owners", index, _EXACT_ONLY, _EXACT_ONLY, found, strict=bracketed)
        if bracketed and (not found.owners or found.unmatched or found.flags):
            continue
        if not found.owners and found.people and not found.flags:
            found.flags.append(_person_only(f"'{' '.join(who.split())}' names people",
                                            found.people))
        for name in found.owners:
            collected.add(collected.owners, name)
        for person in found.people:
            collected.add(collected.people, person)
        for piece in found.unmatched:
            collected.add(collected.unmatched, piece)
        collected.flags.extend(flag for flag in found.flags if flag not in collected.flags)
    initials = _initials_of_items(text, index)
    if initials:
        collected.people.extend(person for person in initials if person not in collected.people)
        if not collected.owners:
            collected.flags.append(_person_only("the action's items end in initials, which "
                                                "name people", initials))
    return OwnerResult(tuple(collected.owners), (), tuple(collected.people),
                       tuple(collected.unmatched), tuple(collected.flags))


def _initials_of_items(text: str, index: _Index) -> list[str]:
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
                candidates=listed)


# -- batch-level clustering of unmatched owner strings --------------------------------------

#: fuzz.ratio between fingerprints at which two unmatched strings are taken as one name.
NEIGHBOUR_SCORE = 88.0


def _fingerprint(value: str) -> str:
    """OpenRefine's fingerprint: ASCII, lower case, punctuation gone, unique words sorted."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    words = re.sub(r"[^\w\s]", "", ascii_text.lower().replace("_", " ")).split()
    return " ".join(sorted(set(words)))


def cluster_unmatched(values: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Group a batch's unmatched owner strings that are probably one organisation.

    Strings join a group when their fingerprints are equal (key collision) or
    their fingerprints score at least ``NEIGHBOUR_SCORE`` with ``fuzz.ratio``
    (nearest neighbours; fingerprints under five characters only collide, so
    initials never merge). Returns (proposed canonical name, distinct members
    in first-seen order) for every group of two or more spellings, largest
    first; the proposed name is the most frequent spelling (first seen on a
    tie). Cost: one ``cdist`` over the distinct fingerprints (quadratic in
    their number, fine for the thousands a batch produces)."""
    counts: Counter[str] = Counter()
    for value in values:
        cleaned = " ".join(str(value).split())
        if cleaned:
            counts[cleaned] += 1
    spellings = list(counts)
    first_seen = {spelling: position for position, spelling in enumerate(spellings)}
    by_key: dict[str, list[str]] = {}
    for spelling in spellings:
        by_key.setdefault(_fingerprint(spelling), []).append(spelling)
    keys = [key for key in by_key if key]
    sets = UnionFind(len(keys))
    long_keys = [position for position, key in enumerate(keys) if len(key) >= 5]
    if len(long_keys) > 1:
        texts = [keys[position] for position in long_keys]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEIGHBOUR_SCORE)
        for row in range(len(texts)):
            for column in range(row + 1, len(texts)):
                if scores[row][column]:
                    sets.union(long_keys[row], long_keys[column])
    clusters = []
    for group in sets.groups():
        members = [spelling for position in group for spelling in by_key[keys[position]]]
        if len(members) < 2:
            continue
        ordered = sorted(members, key=first_seen.__getitem__)
        proposed = max(ordered, key=lambda spelling: counts[spelling])
        clusters.append((proposed, ordered))
    clusters.sort(key=lambda cluster: (-len(cluster[1]), cluster[0]))
    return clusters
