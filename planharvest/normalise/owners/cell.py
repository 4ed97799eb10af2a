"""Reading one owner cell: canonical organisation names, with the people and leftovers kept
for review.

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
   cell keeps it); anything else -> ``unmatched``, flagged ``owner_unmatched``,
   and, when it names a team, unit or body ("SEN team", "CDO Council": two
   words or more, each capitalised but the last, which is one of
   ``units.OWNING_WORDS``), also an owner as printed: a unit or body named
   alone owns.

Fuzzy matching uses ``rapidfuzz.process.extract`` with the
``fuzz.token_sort_ratio`` scorer (word order and case do not matter, but
every letter counts, which suits short names better than partial scorers
that would find "Police" inside any longer string), over names and aliases
of five or more letters. A best score of at least ``OwnerSettings.confident_score``
that no other organisation comes within 3 points of is taken
as the organisation; a score from ``OwnerSettings.candidate_cutoff`` up
is taken as the best guess and flagged ``owner_ambiguous`` with the
candidates; below that the piece is unmatched. Initials and names are tried
before the weak (ambiguous) fuzzy band and after the confident one, so
"Leicestershire Polce" is the police and "Adrian Pearson" a person.

A cell with people but no organisation ("TS/RS", "PH") is flagged
``owner_person_only``; a cell in which nothing at all was recognised
is flagged ``owner_unmatched`` with its text. A team, unit, service or
directorate named with its organisation ("Safer Communities, LBTH", "DAAT-
WCC", "LCC Community Safety Team") gives the organisation as owner (or partner)
and the unit as printed in ``units`` (rules in ``units``); a unit named alone
stays an owner.

Cost: parsing a cell walks the registry's trie from each folded position (a
few steps each), so it is linear in the cell's length; results are memoised
per registry, so repeated cells are free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process, utils

from planharvest.lexicon import fold_alnum
from planharvest.model import Flag
from planharvest.normalise.owners.registry import (
    SHORT_KEY,
    WORD,
    OwnerRegistry,
    RegistryIndex,
)
from planharvest.normalise.owners.shapes import (
    NO_GLOSSARY,
    Glossary,
    Item,
    core,
    is_abbreviation,
    items,
    shape,
    vocabulary,
)
from planharvest.normalise.owners.units import (
    OWNING_WORDS,
    UNIT_WORDS,
    Part,
    is_body,
    unit_links,
    unit_text,
)
from planharvest.settings import OwnerSettings

#: Where ``parse_owners`` takes its default scores from: the settings, not a copy of them.
_DEFAULT_SCORES = OwnerSettings()
#: A second organisation this close to the best fuzzy score makes the match ambiguous.
_FUZZY_MARGIN = 3.0
#: Unmatched letters cost this much each; a match costs 1, so coverage always comes first.
_UNMATCHED_LETTER_COST = 10
#: More capitalised words than this are several people's names run together (or an unknown
#: organisation): "Rich Hiom Dave Frank Chris Woodward Nick Jones". Kept as people, flagged.
_LONGEST_NAME = 3

#: Words that carry no organisation by themselves.
FILLER_WORDS = frozenset({
    "all", "the", "other", "others", "with", "of", "for", "by", "in", "to", "via", "etc",
    "lead", "leads", "and", "or", "plus", "also", "any", "relevant", "key", "local", "each",
    "partner", "partners",  # "(DAAT and Partners)": the partners are nobody in particular
    "along", "together", "input", "from", "supported",  # shapes.JOINING_PHRASES' words
})
#: Words that make a piece a person's job rather than an organisation.
ROLE_WORDS = frozenset({
    "manager", "managers", "officer", "officers", "head", "lead", "leader", "leads",
    "director", "coordinator", "ordinator", "chair", "chairman", "chairperson", "chief",
    "superintendent", "inspector", "sergeant", "constable", "rep", "reps", "representative",
    "representatives", "commissioner", "worker", "workers", "adviser", "advisor", "champion",
    "administrator", "secretary", "deputy", "executive", "responsibility", "responsible",
    "member", "members", "councillor", "councillors", "cllr", "portfolio", "holder",
}) | vocabulary().titles
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

_SEPARATOR_CHARS = frozenset("/,;+()[]\n–—-:@&|\\")
_SEPARATOR_WORDS = frozenset({"and", "or"})
_INITIALS = re.compile(r"[A-Z]{2,3}")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*")
_INITIAL = re.compile(r"[A-Z]")
#: A bracketed name closing an item: "Michele (HR)", "Stephanie or Aaron Jackson (OMB)".
_TRAILING_NAME = re.compile(r"\(\s*([A-Z][\w&]{1,7})\s*\)\s*$")
#: An article in lower case opening a listed name is the sentence's, not the name's ("The
#: White House" keeps its own).
_LEADING_THE = re.compile(r"^the\s+")
#: Between two people's names in one item: "Stephanie or Aaron Jackson".
_EITHER_PERSON = re.compile(r"\s+(?:or|and|&)\s+")


@dataclass(frozen=True)
class OwnerResult:
    """What one owner cell (and partners cell) named."""

    owners: tuple[str, ...] = ()  # canonical names, in order, no duplicates
    partners: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # owners' teams / units named with them, as printed
    people: tuple[str, ...] = ()  # persons / roles / initials seen, kept for the reviewer
    unmatched: tuple[str, ...] = ()  # cleaned text pieces that matched nothing
    flags: tuple[Flag, ...] = ()  # field 'owners' or 'partners'



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
    start: int = 0  # character offsets in the text: where a name starts and ends inside
    end: int = 0  # printed words ("Director atelBTH"), where its first and last word do


@dataclass
class Collected:
    """Running result of one cell."""

    owners: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def add(self, target: list[str], value: str) -> None:
        if value and value not in target:
            target.append(value)


def parse_owners(
    raw: str, registry: OwnerRegistry, partners_raw: str = "", *,
    confident_score: float = _DEFAULT_SCORES.confident_score,
    candidate_cutoff: float = _DEFAULT_SCORES.candidate_cutoff,
    spelt_out: Glossary = NO_GLOSSARY,
) -> OwnerResult:
    """Canonical owners and partners of an owner cell (and a partners cell), with the people,
    the unmatched pieces and a flag for every guess (rules in the module doc). ``spelt_out``:
    the abbreviations the document spells out (its ``Glossary``), which name its
    organisations surely."""
    return registry.memoised(
        (raw, partners_raw, confident_score, candidate_cutoff, spelt_out),
        lambda: _parse_cell(raw, partners_raw, registry.index, confident_score,
                            candidate_cutoff, spelt_out))


def _parse_cell(raw: str, partners_raw: str, index: RegistryIndex, confident: float,
                cutoff: float, spelt_out: Glossary) -> OwnerResult:
    collected = Collected()
    owner_part, plus, partner_part = raw.partition("+")
    if fold_alnum(owner_part) in _NO_OWNER:
        owner_part = ""
    read_part(owner_part, "owners", index, confident, cutoff, collected, strict=False,
              whole_names=spelt_out)
    _drop_generic_owners(raw, index, collected)
    owner_people = list(collected.people)
    for text in (partner_part if plus else "", partners_raw):
        read_part(text, "partners", index, confident, cutoff, collected, strict=False,
                  whole_names=spelt_out)
    owners = collected.owners
    partners = [name for name in collected.partners if name not in owners]
    owner_flags = [flag for flag in collected.flags if flag.field == "owners"]
    cell = " ".join(raw.split())
    initials = [person for person in owner_people
                if all(_INITIALS.fullmatch(word) for word in person.split())]
    if owners and initials:
        # "HR & Management Team": two capitals beside an organisation may be another one's
        collected.flags.append(Flag(
            code="owner_unmatched", field="owners", candidates=tuple(initials),
            reason=f"{_quoted(initials)} in the owner cell '{cell}' was read as a person's "
                   f"initials, but may be an organisation's abbreviation"))
    if not collected.owners and not owner_flags and fold_alnum(owner_part):
        if collected.people:
            titled = any(_is_role(person) for person in collected.people)
            collected.flags.append(Flag(
                code="owner_person_only", field="owners", evidence="titles" if titled else "",
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
    return OwnerResult(tuple(owners), tuple(partners), tuple(collected.units),
                       tuple(collected.people), tuple(collected.unmatched),
                       tuple(collected.flags))


def _drop_generic_owners(raw: str, index: RegistryIndex, collected: Collected) -> None:
    """An owner cell that names only no one in particular ("All agencies", "Required for all
    agencies": the registry's ``generic`` entries) gives no owner, a doubt: the action is
    everyone's, or its owner is left unsaid. Beside a named owner the generic name stays."""
    generic = [name for name in collected.owners
               if (entry := index.by_name.get(fold_alnum(name))) is not None and entry.generic]
    if not generic or len(generic) < len(collected.owners):
        return
    collected.owners.clear()
    collected.flags.append(Flag(
        code="owner_unmatched", field="owners", candidates=tuple(generic),
        reason=f"the owner cell '{' '.join(raw.split())}' names no organisation in particular "
               f"({_quoted(generic)}): owners left empty"))


def read_part(text: str, field_name: str, index: RegistryIndex, confident: float, cutoff: float,
               collected: Collected, strict: bool,
               whole_names: Glossary | None = None) -> None:
    """Segment one part of a cell and sort its names, people and leftovers into
    ``collected``. ``strict``: a qualifier counts as unmatched (for text outside an owner
    cell, where an unexplained word means the text is not an owner statement).
    ``whole_names``: listed items the registry does not know are first read by their shape
    (an owner cell's, not prose: ``shapes``), the abbreviations given spelt out in the
    document; None: not read so.

    A unit read whole is refused where the cell names a body (``_refused``). A body the
    registry reading finds only by a near spelling ("Leicestershire County") is known only
    after that reading: the part is then read again knowing it, so that the owners read back
    as an owner cell ("Leicestershire County Council; ...") give the same owners."""
    trial = replace(collected, **{name: list(getattr(collected, name)) for name in _LISTS})
    units_taken = _read_part(text, field_name, index, confident, cutoff, trial, strict,
                             whole_names, body_named=False)
    target = collected.owners if field_name == "owners" else collected.partners
    found = (trial.owners if field_name == "owners" else trial.partners)[len(target):]
    if units_taken and any(fold_alnum(name) in index.by_name and is_body(name, index)
                           for name in found):
        _read_part(text, field_name, index, confident, cutoff, collected, strict, whole_names,
                   body_named=True)
    else:
        for name in _LISTS:
            setattr(collected, name, getattr(trial, name))


_LISTS = ("owners", "partners", "units", "people", "unmatched", "flags")


def _read_part(text: str, field_name: str, index: RegistryIndex, confident: float,
               cutoff: float, collected: Collected, strict: bool,
               whole_names: Glossary | None, body_named: bool) -> bool:
    """``read_part`` once, a body named in the cell when ``body_named``; whether a unit was
    read whole where no body was named (taken only as none is)."""
    words = _words(text)
    if not words:
        return False
    target = collected.owners if field_name == "owners" else collected.partners
    first_new = len(target)
    printed_at: dict[str, int] = {}  # each name added here -> where the text prints it
    segments = _segment(words, index)
    units_taken = False
    in_title = -1  # the last segment of a post's title read so far
    if whole_names is not None:
        masked, units_taken = _read_named_whole(text, segments, field_name, index, cutoff,
                                                collected, target, whole_names, printed_at,
                                                body_named)
        if masked != text:
            text, words = masked, _words(masked)
            if not words:
                return units_taken
            segments = _segment(words, index)
    pieces = {piece.position: piece for piece in _pieces(text, words, segments)}
    parts = _parts(text, words, segments, pieces, index)
    units = unit_links(text, parts, index)
    for position, segment in enumerate(segments):  # in reading order
        added = len(target)
        if position in units:
            collected.add(target, units[position])
            if field_name == "owners":
                unit = next(part for part in parts if part.position == position)
                collected.add(collected.units, unit_text(unit, index))
        if position <= in_title:
            continue  # a name or word of a post's title read already
        title, in_title = _title_opened(position, segments, pieces, text, words)
        if title:
            collected.add(collected.people, title)  # "School Resource Officers": a post
        elif segment.name:
            _add_name(segment, position in units, text, words, field_name, collected, target)
        elif position in pieces and position not in units:
            _classify(pieces[position], text, words, segments, field_name, index, confident,
                      cutoff, collected, target, strict)
        for name in target[added:]:
            printed_at.setdefault(name, words[segment.first].start)
    # names read whole first and the registry's after: put back in the order printed
    target[first_new:] = sorted(target[first_new:], key=lambda name: printed_at.get(name, 0))
    return units_taken


def _title_opened(position: int, segments: list[_Segment], pieces: dict[int, _Piece],
                  text: str, words: list[_Word]) -> tuple[str, int]:
    """Heuristic: registry names that open a post's title with no separator ("School" in
    "School Resource Officers": words of the title's own, the last a role; "School" and
    "Business" in "School Business Manager": names run together before a role word) name
    the post, not the bodies: (the whole title, the position of its last segment), or ("",
    position) when the name stands alone or is the body a role word alone serves ("Police
    rep", "DAAT officer")."""
    segment = segments[position]
    if not segment.name:
        return "", position
    last = position
    while (last + 1 < len(segments) and segments[last + 1].name
           and not _is_separated(_gap(text, words, segments[last].last,
                                      segments[last + 1].first))):
        last += 1
    piece = pieces.get(last + 1)
    if (piece is None or not piece.after_match or piece.bracketed
            or (piece.last == piece.first and last == position)):
        return "", position
    if words[piece.last].text.lower() not in ROLE_WORDS:
        return "", position
    return " ".join(text[words[segment.first].start:words[piece.last].end].split()), last + 1


def _add_name(segment: _Segment, is_unit: bool, text: str, words: list[_Word],
              field_name: str, collected: Collected, target: list[str]) -> None:
    """A registry name found in the text: an owner (unless it is a unit of one), flagged
    where the search split words that extraction ran together."""
    if not is_unit:
        collected.add(target, segment.name)
    if segment.repaired:
        printed = " ".join(text[words[segment.first].start:words[segment.last].end].split())
        collected.flags.append(Flag(
            code="owner_ambiguous", field=field_name,
            reason=f"'{printed}' was read as '{segment.name}' by splitting words that "
                   f"extraction ran together",
            candidates=(segment.name, printed)))


def _words(text: str) -> list[_Word]:
    words = [_Word(m.start(), m.end(), m.group(0), fold_alnum(m.group(0)))
             for m in WORD.finditer(text)]
    return [word for word in words if word.folded]


def _read_named_whole(text: str, segments: list[_Segment], field_name: str,
                      index: RegistryIndex, cutoff: float, collected: Collected,
                      target: list[str], spelt_out: Glossary,
                      printed_at: dict[str, int], body_named: bool) -> tuple[str, bool]:
    """Take the listed items the registry does not know that are printed whole as one
    organisation, unit or job title, or as an abbreviation (``shapes``), noting where each is
    printed; the text with them blanked out, for the registry reading of the rest, and
    whether an item a body would refuse was taken (no body being named)."""
    names = [(segment.start, segment.end, segment.name) for segment in segments if segment.name]
    has_body = body_named or any(is_body(name, index) for _, _, name in names)
    units_taken = False
    def may_share(item: Item) -> bool:
        """No registry name and no person's name: a name a shared head noun may complete."""
        return (not any(start < item.end and end > item.start for start, end, _ in names)
                and (shape(item.text) is not None
                     or not _looks_like_name(_words(item.text), index.vocabulary)))

    for printed_item in items(text, may_share):
        item = _bracketed_organisation(printed_item, index, collected)
        read = _named_whole(item, text, names, has_body, index, cutoff, field_name)
        if read is None:
            continue
        kind, printed = read
        if kind == "abbreviation" and _spells_a_post(printed, spelt_out):
            kind = "title"  # "SBM" where the document says "School Business Manager (SBM)"
        elif (kind == "abbreviation" and spelt_out.owners_are_posts
              and printed not in spelt_out):
            kind = "post"  # "SBM" in a Lead column of job titles: a post's, a doubt
        units_taken = units_taken or (not has_body and _refused(kind, core(printed), None,
                                                                True, index))
        led_by = _unit_led_by_abbreviation(kind, printed)
        if kind in ("title", "post"):
            collected.add(collected.people, printed)
            if kind == "post":
                collected.flags.append(Flag(
                    code="owner_person_only", field=field_name, candidates=(printed,),
                    reason=f"'{printed}' is an abbreviation the document never spells out, "
                           f"in an owner column that names posts more often than bodies: "
                           f"read as a post's, no owner, but it may be an organisation's"))
        elif led_by is not None:
            organisation, unit = led_by
            collected.add(target, organisation)
            printed_at.setdefault(organisation, item.start)
            if field_name == "owners":
                collected.add(collected.units, unit)
            collected.flags.append(_whole_flag("abbreviation", organisation, field_name,
                                               spelt_out))
        else:
            collected.add(target, printed)
            printed_at.setdefault(printed, item.start)
            collected.flags.append(_shared_head_flag(printed, field_name)
                                   if printed_item.shared_head
                                   else _whole_flag(kind, printed, field_name, spelt_out))
        text = text[:printed_item.start] + " " * (printed_item.end - printed_item.start) \
            + text[printed_item.end:]
    return text, units_taken


def _spells_a_post(abbreviation: str, glossary: Glossary) -> bool:
    """Whether every name the document gives the abbreviation is a job title."""
    names = glossary.of(abbreviation)
    return bool(names) and all(shape(definition.name) == "title" for definition in names)


def _bracketed_organisation(item: Item, index: RegistryIndex, collected: Collected) -> Item:
    """A person's name closed by a bracketed abbreviation or department ("Michele (HR)",
    "Aaron Jackson (OMB)"): the person is kept among the people and the item is what the
    brackets name, the organisation the person speaks for; any other item as it is."""
    bracketed = _TRAILING_NAME.search(item.text)
    if bracketed is None or shape(item.text) is not None:
        return item
    person = item.text[:bracketed.start()]
    names = [name.strip() for name in _EITHER_PERSON.split(person)]
    if not all(_NAME_WORD.fullmatch(name) or _looks_like_name(_words(name), index.vocabulary)
               for name in names):
        return item
    collected.add(collected.people, " ".join(person.split()))
    start = item.start + bracketed.start(1)
    return Item(start, start + len(bracketed[1]), bracketed[1])


def _unit_led_by_abbreviation(kind: str, printed: str) -> tuple[str, str] | None:
    """(organisation, unit) of a unit's name led by an abbreviation and naming a unit by
    itself after it ("DCLG Secretariat", "YDS Executive Management Team": the department's
    secretariat, the agency's team; "SJSSAA EXCO", the association's executive committee,
    whose unit is kept whole); None for any other name ("SEN team": "team" alone names
    no unit)."""
    first, _, rest = printed.partition(" ")
    rest = rest.strip().rstrip(".")
    if kind != "unit" or not is_abbreviation(first) or shape(rest) != "unit":
        return None
    # "SJSSAA EXCO": a unit that is an abbreviation itself names no unit without its body's
    return first, printed if is_abbreviation(rest) else rest


def _named_whole(item: Item, text: str, names: list[tuple[int, int, str]], has_body: bool,
                 index: RegistryIndex, cutoff: float, field_name: str) -> tuple[str, str] | None:
    """(kind, text as printed) of an item read by its shape: "organisation", "unit",
    "title" or "abbreviation", or, in a partners cell, "described" (partners named by what
    they are, "civil society organizations", "academia": kept as printed, as the column
    holds names "canonical where known"); None for an item left to the registry reading.

    An item is read this way when no registry name starts it or spans past it (a registry
    name inside a longer name, "Government Accountability and *Transparency Board*", does
    not cut it, unless a person's name comes before it, "Nick Stephens Police"; a job title
    or an abbreviation must hold none). A unit is not taken where the cell names a body it
    may belong to ("Road Safety Team, LCC": the unit rules decide), nor an item near a
    registered name ("Leics County Council": a fuzzy match, offered for review)."""
    inside = [(start, end) for start, end, _ in names if start < item.end and end > item.start]
    if any(start <= item.start or end > item.end for start, end in inside):
        return None
    printed = _LEADING_THE.sub("", " ".join(item.text.split()))  # "…, and the Office of …"
    bare = core(printed)
    kind: str | None = shape(printed)
    if kind is None and is_abbreviation(bare.rstrip(".")) and bare.lower() not in FILLER_WORDS:
        kind, printed = "abbreviation", bare.rstrip(".")  # "Gesche Schmid, LGA."
    if kind is None and field_name == "partners" and not inside and _is_description(bare, index):
        kind = "described"
    if kind is None or _refused(kind, bare, text[item.start:inside[0][0]] if inside else None,
                                has_body, index):
        return None
    if _near_registered(printed, index, cutoff):
        return None
    return ("title" if kind == "unit" and _staff_group(printed) else kind), printed


#: A printed word this close to a registered name's word (rapidfuzz ratio) may be a misspelling
#: of it ("Polce", "Leicestershre").
_SPELLING_SCORE = 70


def _near_registered(printed: str, index: RegistryIndex, cutoff: float) -> bool:
    """Whether a registered name may be what the item misspells ("Leics County Council"):
    a fuzzy candidate each of whose words the item prints the same, misspelt, or shortened
    (its letters in order, from the first). A candidate the item differs from by a whole
    other word names another body of the same kind ("Met Office" beside "Home Office")."""
    mine = [word.lower() for word in WORD.findall(printed)]
    for name, _ in _fuzzy(printed, index, cutoff):
        for choice, owner in zip(index.choices, index.choice_names, strict=True):
            if owner == name and _spelling_of(mine, WORD.findall(choice)):
                return True
    return False


def _spelling_of(mine: list[str], theirs: list[str]) -> bool:
    """Every word of ``mine`` not in ``theirs`` is close to, or shortens, one that is."""
    extra = [word for word in theirs if word not in mine]
    return all(word in theirs or any(
        fuzz.ratio(word, other) >= _SPELLING_SCORE or _shortens(word, other) for other in extra)
        for word in mine)


def _shortens(short: str, word: str) -> bool:
    """"leics" shortens "leicestershire": the same first letter, the others in order."""
    if not short or short[0] != word[:1]:
        return False
    letters = iter(word[1:])
    return all(char in letters for char in short[1:])


def _staff_group(printed: str) -> bool:
    """Heuristic: a unit word in lower case after one capitalised word that names no
    department ("Leadership team", "Admin team") describes the staff who do the work, as a
    post does, not a unit that owns it; a department's or an abbreviation's team ("Marketing
    team", "SEN team") and a capitalised name ("Orientation Team") are units."""
    words = WORD.findall(printed)
    if len(words) != 2 or not words[1].islower() or not words[0][:1].isupper():
        return False
    head = vocabulary().last.get(words[1])
    return (head == "unit" and not is_abbreviation(words[0])
            and words[0].lower() not in vocabulary().alone)


def _refused(kind: str, bare: str, before_inside: str | None, has_body: bool,
             index: RegistryIndex) -> bool:
    """Whether an item of this kind is left to the registry reading: a title or an
    abbreviation holding a registry name, a unit beside a body, a person's name before a
    registry name inside (``before_inside``: the text before it, None when there is none)."""
    words = WORD.findall(bare)
    if before_inside is not None and (kind in ("title", "abbreviation") or _looks_like_name(
            _words(before_inside), index.vocabulary)):
        return True
    return has_body and kind != "title" and bool(words) and words[-1].lower() in UNIT_WORDS


def _is_description(text: str, index: RegistryIndex) -> bool:
    """Words naming who rather than a name: plain (no filler alone, no role, no initials, no
    person's name) and with a word of letters."""
    words = _words(text)
    return bool(words) and any(word.text.isalpha() and len(word.text) > 2 for word in words) \
        and _is_plain(words, index.vocabulary)


def _spelt_out_flag(printed: str, field_name: str, glossary: Glossary) -> Flag:
    """An abbreviation the document spells out: a note naming the definition and its page,
    or a doubt where the document spells it out two ways."""
    names = {fold_alnum(definition.name): definition for definition in glossary.of(printed)}
    given = "; ".join(f"'{definition.name}'" + (f" (page {definition.page})"
                                                 if definition.page else "")
                      for definition in names.values())
    candidates = (printed, *(definition.name for definition in names.values()))
    if len(names) > 1:
        return Flag(code="owner_unmatched", field=field_name, candidates=candidates,
                    reason=f"'{printed}' is an abbreviation no registry knows, which the "
                           f"document spells out in {len(names)} ways ({given}): kept as "
                           f"printed")
    return Flag(code="owner_unmatched", field=field_name, candidates=candidates,
                evidence="spelt_out",
                reason=f"'{printed}' is an abbreviation no registry knows, spelt out in the "
                       f"document as {given}: kept as printed")


def _shared_head_flag(printed: str, field_name: str) -> Flag:
    """A name completed with the head noun a "/" list printed once, after its last item."""
    return Flag(code="owner_unmatched", field=field_name, evidence="shared_head",
                candidates=(printed,),
                reason=f"'{printed}' is in no registry; the cell lists names that print their "
                       f"head noun once, after the last, and each was read with it")


def _whole_flag(kind: str, printed: str, field_name: str, spelt_out: Glossary) -> Flag:
    """An organisation or unit printed whole is a note; an abbreviation a doubt, unless the
    document spells it out."""
    if kind == "abbreviation" and printed in spelt_out:
        return _spelt_out_flag(printed, field_name, spelt_out)
    if kind == "abbreviation":
        return Flag(code="owner_unmatched", field=field_name, candidates=(printed,),
                    reason=f"'{printed}' is an abbreviation no registry knows: kept as "
                           f"printed, but it may stand for a post or a person's initials")
    what = {"organisation": "an organisation", "unit": "a team or unit"}.get(kind, "partners")
    first, last = printed.split()[0], WORD.findall(core(printed))[-1]
    if field_name == "owners" and kind in ("organisation", "unit") and not last[:1].isupper():
        # "Leadership team", "Ad agency": a head noun in lower case describes a group, which
        # may be people working together rather than a body that owns the action
        return Flag(code="owner_unmatched", field=field_name, candidates=(printed,),
                    reason=f"'{printed}' is in no registry; it is printed as a description of "
                           f"{what} (its head noun in lower case), kept as printed, but it may "
                           f"name people rather than an owner")
    if kind == "unit" and is_abbreviation(first) and first not in spelt_out:
        # "DCLG Secretariat": the abbreviation may be the organisation the unit belongs to
        return Flag(code="owner_unmatched", field=field_name, candidates=(printed, first),
                    reason=f"'{printed}' is in no registry; it is printed as the name of {what}"
                           f" led by '{first}', an abbreviation no registry knows, which may "
                           f"be its organisation: kept as printed")
    return Flag(code="owner_unmatched", field=field_name, evidence="named_whole",
                candidates=(printed,),
                reason=f"'{printed}' is in no registry; it is printed whole as the name of "
                       f"{what} and was kept as printed")


def _segment(words: list[_Word], index: RegistryIndex) -> list[_Segment]:
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
    choice = _cheapest_cover(words, index, folded, word_at, starts, ends)
    char_at = _folded_chars(words)
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
                                 repaired, char_at[i], char_at[end - 1] + 1))
        i, via = end, 1 if key else 0
    return segments


def _cheapest_cover(words: list[_Word], index: RegistryIndex, folded: str, word_at: list[int],
                    starts: set[int], ends: set[int]) -> list[list[tuple[int, str] | None]]:
    """choice[via][i]: the first step, (end, key or "" for an unmatched word), of the
    cheapest cover of folded[i:]; via = 1 when a match ended at i. A shortest path from
    the end of the text back to its start."""
    size = len(folded)
    infinity = float("inf")
    # cost[via][i]: cheapest cover of folded[i:].
    cost = [[infinity] * (size + 1), [infinity] * (size + 1)]
    choice: list[list[tuple[int, str] | None]] = [[None] * (size + 1), [None] * (size + 1)]
    cost[0][size] = cost[1][size] = 0
    for i in range(size - 1, -1, -1):
        matches = [(end, key) for end, key in index.matches_at(folded, i)
                   if len(key) > SHORT_KEY or end in ends]
        for via in (0, 1):
            if not via and i not in starts:
                continue
            best, best_choice = infinity, None
            for end, key in matches:
                total = 1 + cost[1][end]
                if total < best:
                    best, best_choice = total, (end, key)
            if i in starts:
                word = words[word_at[i]]
                end = i + len(word.folded)
                total = _word_cost(word) + cost[0][end]
                if total < best:
                    best, best_choice = total, (end, "")
            cost[via][i], choice[via][i] = best, best_choice
    return choice


def _word_cost(word: _Word) -> int:
    """An unmatched word's cost. A filler word costs as much as a match, so a name that
    includes it ("All partners", "The Police") still beats the word on its own."""
    return 1 if word.text.lower() in FILLER_WORDS else len(word.folded) * _UNMATCHED_LETTER_COST


def _folded_chars(words: list[_Word]) -> list[int]:
    """The text offset of the character each folded character comes from."""
    offsets: list[int] = []
    for word in words:
        if word.text.isascii():  # one folded letter per letter or digit
            mine = [word.start + number for number, char in enumerate(word.text)
                    if char.isalnum()]
        else:
            mine = [word.start + number for number, char in enumerate(word.text)
                    for _ in fold_alnum(char)]
        offsets += mine if len(mine) == len(word.folded) else [word.start] * len(word.folded)
    return offsets


def _parts(text: str, words: list[_Word], segments: list[_Segment],
           pieces: dict[int, _Piece], index: RegistryIndex) -> list[Part]:
    """The names and the plain unmatched pieces (not filler, people or roles) of a part of a
    cell, for telling units from their organisations."""
    parts = []
    for position, segment in enumerate(segments):
        if segment.name:
            parts.append(Part(position, segment.start, segment.end, segment.name,
                              text[segment.start:segment.end]))
        elif position in pieces:
            piece_words = words[pieces[position].first:pieces[position].last + 1]
            if _is_plain(piece_words, index.vocabulary):
                start, end = piece_words[0].start, piece_words[-1].end
                parts.append(Part(position, start, end, "", text[start:end]))
    return parts


def _is_plain(piece_words: list[_Word], vocabulary: frozenset[str]) -> bool:
    """Neither filler, a role, initials nor a person's name."""
    lowered = [word.text.lower() for word in piece_words]
    return not (all(word in FILLER_WORDS for word in lowered)
                or any(word in ROLE_WORDS for word in lowered)
                or all(_INITIALS.fullmatch(word.text) for word in piece_words)
                or _looks_like_name(piece_words, vocabulary))


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
              field_name: str, index: RegistryIndex, confident: float, cutoff: float,
              collected: Collected, target: list[str], strict: bool) -> None:
    piece_words = words[piece.first:piece.last + 1]
    phrase = text[piece_words[0].start:piece_words[-1].end]
    phrase = " ".join(phrase.split())
    if _read_as_filler_or_role(piece, phrase, text, words, segments, collected):
        return
    candidates = _fuzzy(phrase, index, cutoff)
    if _is_confident(candidates, confident):
        collected.add(target, candidates[0][0])
        return
    if _looks_like_name(piece_words, index.vocabulary):
        _add_names(phrase, len(piece_words), field_name, collected)
        return
    if candidates:
        _add_guess(phrase, candidates, field_name, collected, target)
        return
    qualifier = piece.touches_match and (len(piece_words) == 1 or phrase[:1].islower())
    if not strict and (qualifier or (piece.after_match and piece.bracketed)):
        return
    collected.add(collected.unmatched, phrase)
    # "SEN team", "CDO Council": a unit or body named alone owns; "Department" names nobody
    unit = (len(piece_words) > 1 and piece_words[-1].text.lower() in OWNING_WORDS
            and all(word.text[:1].isupper() for word in piece_words[:-1]))  # a name
    if unit:
        collected.add(target, phrase)
    collected.flags.append(Flag(
        code="owner_unmatched", field=field_name,
        reason=f"'{phrase}' matched no known organisation"
               + ("; it names a team, unit or body, kept as printed" if unit else ""),
        candidates=(phrase,)))


def _read_as_filler_or_role(piece: _Piece, phrase: str, text: str, words: list[_Word],
                            segments: list[_Segment], collected: Collected) -> bool:
    """Whether the piece is filler (dropped), a role or initials (kept as people)."""
    piece_words = words[piece.first:piece.last + 1]
    lowered = [word.text.lower() for word in piece_words]
    if all(word in FILLER_WORDS for word in lowered):
        return True
    if any(word in ROLE_WORDS for word in lowered):
        collected.add(collected.people, _role_text(phrase, piece, text, words, segments))
        return True
    if all(_INITIALS.fullmatch(word.text) for word in piece_words):
        collected.add(collected.people, phrase)
        return True
    return False


def _is_role(text: str) -> bool:
    """Whether the text names a post by one of its words ("Site Manager (MBi)")."""
    return any(word.lower() in ROLE_WORDS for word in WORD.findall(text))


def _is_confident(candidates: list[tuple[str, float]], confident: float) -> bool:
    """The best fuzzy score reaches ``confident`` and no other organisation comes close."""
    return bool(candidates) and candidates[0][1] >= confident and (
        len(candidates) == 1 or candidates[1][1] < candidates[0][1] - _FUZZY_MARGIN)


def _add_names(phrase: str, n_words: int, field_name: str, collected: Collected) -> None:
    """People's names; more words than one name has are several run together, flagged."""
    collected.add(collected.people, phrase)
    if n_words > _LONGEST_NAME:
        collected.flags.append(Flag(
            code="owner_unmatched", field=field_name,
            reason=f"'{phrase}' matched no known organisation; it was read as people's "
                   f"names run together and left out of {field_name}",
            candidates=(phrase,)))


def _add_guess(phrase: str, candidates: list[tuple[str, float]], field_name: str,
               collected: Collected, target: list[str]) -> None:
    """The best fuzzy candidate taken as a guess, flagged with the others."""
    collected.add(target, candidates[0][0])
    names = tuple(name for name, _ in candidates)
    collected.flags.append(Flag(
        code="owner_ambiguous", field=field_name,
        reason=f"'{phrase}' is close to {_quoted(names)} but not an exact name; "
               f"'{names[0]}' was taken",
        candidates=(*names, phrase)))


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


def _fuzzy(phrase: str, index: RegistryIndex, cutoff: float) -> list[tuple[str, float]]:
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

