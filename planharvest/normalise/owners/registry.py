"""The organisations an owner cell can name: entries, their aliases, loading, the index.

Reference data is data: ``normalise/data/owners.csv`` holds the built-in
organisations, and ``--owners`` files and reviewers' aliases add layers on top.
Names are matched whole: every name and alias is a key in the index under each of its
spellings with "&" or "and" ("Devon & Somerset Fire & Rescue Service" and "Devon and
Somerset Fire and Rescue Service" are one key each), so a registered name printed the
other way is still one name and never a place plus a generic service. The index built once
per registry (a character trie of folded keys, the fuzzy
choice list, the vocabulary for telling names from organisations) takes a few
milliseconds; every cell parsed afterwards only walks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import utils

from planharvest.lexicon import fold_alnum
from planharvest.optionfiles import OptionText, csv_rows, read_option_file

if TYPE_CHECKING:
    from planharvest.normalise.owners.cell import OwnerResult

#: Folded keys up to this length are abbreviations: they must end at a word end.
SHORT_KEY = 4
#: Parsed cells remembered per registry.
_CACHE_SIZE = 8192
#: A word of a name or of a cell: letters and digits, with inner apostrophes.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_END = ""  # trie key marking the end of a folded key
#: How an owners file says yes in its optional ``generic`` column.
_TRUE = frozenset({"true", "yes", "1", "y"})


#: "&" or the word "and" between two words: spelt either way in plans.
_AND = re.compile(r"\s*&\s*|\s+and\s+", re.IGNORECASE)


def name_keys(text: str) -> list[str]:
    """The folded keys of one name or alias: as written, with every "&" as "and", and with
    every "and" as "&" (which folds to nothing)."""
    keys = [fold_alnum(text), fold_alnum(_AND.sub(" and ", text)), fold_alnum(_AND.sub(" ", text))]
    return [key for key in dict.fromkeys(keys) if key]


@dataclass(frozen=True)
class Organisation:
    """One canonical organisation and the other ways plans write it."""

    name: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    #: a name for no one in particular ("Other Agencies", "All Partners"): a partner, but
    #: never an owner by itself (``generic`` column, true)
    generic: bool = False


#: Entries in layers: built-in, then each user file, then each reviewer alias.
Layers = tuple[tuple[Organisation, ...], ...]


class OwnerRegistry:
    """Known organisations with an index for segmentation and fuzzy matching.

    Immutable: ``extended`` and ``with_alias`` return new registries. Entries
    are kept in layers (built-in, then each user file, then each reviewer
    alias); when two organisations claim the same folded key, the later layer
    wins, and within a layer a name beats another entry's alias."""

    def __init__(self, layers: Layers):
        self._layers = layers
        self._organisations = _merge(layers)
        self._index = RegistryIndex.build(self._organisations, layers)
        self._cache: dict[tuple[str, str, float, float], OwnerResult] = {}

    @classmethod
    def builtin(cls) -> OwnerRegistry:
        """The organisations of ``data/owners.csv``."""
        return _builtin()

    def extended(self, source: OptionText | Path) -> OwnerRegistry:
        """This registry plus a user CSV (columns ``name``, ``aliases`` separated by ``;``,
        optional ``parent``), read already or at ``source``; on a clash the user's file
        wins."""
        if not isinstance(source, OptionText):
            source = read_option_file(source, "--owners")
        return OwnerRegistry((*self._layers, _read_organisations(source)))

    def with_alias(self, name: str, alias: str) -> OwnerRegistry:
        """A reviewer decided that ``alias`` means ``name``: a new registry where it does."""
        known = self._index.by_name.get(fold_alnum(name))
        organisation = known if known is not None else Organisation(name.strip())
        updated = Organisation(organisation.name, (alias.strip(),), organisation.parent,
                               organisation.generic)
        return OwnerRegistry((*self._layers, (updated,)))

    @property
    def names(self) -> list[str]:
        """Canonical names, in registry order."""
        return [organisation.name for organisation in self._organisations]

    @property
    def index(self) -> RegistryIndex:
        """The lookup structures the cell and prose readers search."""
        return self._index

    def organisation(self, name: str) -> Organisation | None:
        """The entry with this canonical name (compared folded), or None."""
        return self._index.by_name.get(fold_alnum(name))

    def memoised(self, key: tuple[str, str, float, float],
                 parse: Callable[[], OwnerResult]) -> OwnerResult:
        """The result remembered for ``key``, or ``parse()`` remembered (a bounded memo, so
        a batch's repeated cells are parsed once)."""
        cached = self._cache.get(key)
        if cached is None:
            cached = parse()
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return cached


def _read_organisations(source: OptionText) -> tuple[Organisation, ...]:
    organisations = []
    for _line, row in csv_rows(source, ("name",), "an owners file", "--owners"):
        name = " ".join((row.get("name") or "").split())
        if not name:
            continue
        aliases = tuple(
            " ".join(alias.split()) for alias in (row.get("aliases") or "").split(";")
            if alias.strip()
        )
        parent = " ".join((row.get("parent") or "").split())
        generic = (row.get("generic") or "").strip().lower() in _TRUE
        organisations.append(Organisation(name, aliases, parent, generic))
    return tuple(organisations)


@lru_cache(maxsize=1)
def _builtin() -> OwnerRegistry:
    text = resources.files("planharvest.normalise").joinpath("data", "owners.csv")
    return OwnerRegistry((_read_organisations(OptionText("owners.csv", text.read_text("utf-8"))),))


def _merge(layers: Layers) -> tuple[Organisation, ...]:
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
                                       organisation.parent or before.parent,
                                       organisation.generic or before.generic)
    return tuple(merged.values())


@dataclass
class RegistryIndex:
    """Lookup structures built once per registry."""

    by_name: dict[str, Organisation]
    keys: dict[str, str]  # folded name or alias -> canonical name
    trie: dict
    choices: list[str]  # processed names / aliases for fuzzy matching
    choice_names: list[str]
    vocabulary: frozenset[str]  # lower-case words of every name and alias
    umbrellas: frozenset[str]  # names that are the registered parent of another entry

    @classmethod
    def build(cls, organisations: tuple[Organisation, ...], layers: Layers) -> RegistryIndex:
        by_name = {fold_alnum(org.name): org for org in organisations}
        keys = _ranked_keys(organisations, layers)
        choices, choice_names = _fuzzy_choices(organisations, keys)
        words = frozenset(word.lower() for organisation in organisations
                          for text in (organisation.name, *organisation.aliases)
                          for word in WORD.findall(text))
        umbrellas = frozenset(org.parent for org in organisations if org.parent)
        return cls(by_name, keys, _trie(keys), choices, choice_names, words, umbrellas)

    def matches_at(self, folded: str, start: int) -> list[tuple[int, str]]:
        """(end, key) of every registry key that starts at ``start`` of ``folded``."""
        found = []
        node = self.trie
        for position in range(start, len(folded)):
            node = node.get(folded[position])
            if node is None:
                break
            if _END in node:
                found.append((position + 1, node[_END]))
        return found


def _ranked_keys(organisations: tuple[Organisation, ...], layers: Layers) -> dict[str, str]:
    """Folded name or alias -> canonical name. A key claimed twice goes to the later layer,
    within a layer to a name over an alias, then to the later entry."""
    canonical = {fold_alnum(org.name): org.name for org in organisations}
    ranked: dict[str, tuple[tuple[int, int, int, int], str]] = {}
    order = 0
    for rank, layer in enumerate(layers):
        for organisation in layer:
            name = canonical.get(fold_alnum(organisation.name))
            if name is None:
                continue
            for is_name, text in ((1, organisation.name),
                                  *((0, alias) for alias in organisation.aliases)):
                order += 1
                for key in name_keys(text):
                    exact = int(key == fold_alnum(text))  # as written beats a respelling
                    priority = (rank, exact, is_name, order)
                    if key not in ranked or ranked[key][0] < priority:
                        ranked[key] = (priority, name)
    return {key: name for key, (_, name) in ranked.items()}


def _trie(keys: dict[str, str]) -> dict:
    """A character trie of the folded keys, each ending in ``{_END: key}``."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = key
    return trie


def _fuzzy_choices(organisations: tuple[Organisation, ...], keys: dict[str, str]
                   ) -> tuple[list[str], list[str]]:
    """(processed texts, their canonical names) of the names and aliases long enough to
    match fuzzily and not claimed by another organisation."""
    choices, choice_names = [], []
    for organisation in organisations:
        for text in (organisation.name, *organisation.aliases):
            key = fold_alnum(text)
            if len(key) > SHORT_KEY and keys.get(key) == organisation.name:
                choices.append(utils.default_process(text))
                choice_names.append(organisation.name)
    return choices, choice_names


#: Words of the longest name looked for inside another (a bound on a hostile file's cost).
_LONGEST_INNER = 12
#: Overlaps named in full in the one message about a user's file; the rest are counted.
_OVERLAPS_SHOWN = 10


def overlaps(source: OptionText) -> str:
    """One sentence naming the lines of a user's owners file whose names overlap (one name
    or alias inside another as whole words, or one spelling given to two organisations), or
    "" when none do. Such a file is accepted: names are matched whole, longest first, and on
    a shared spelling the later line wins."""
    entries: list[tuple[int, str, str]] = []  # (line, organisation, name or alias)
    for line, row in csv_rows(source, ("name",), "an owners file", "--owners"):
        name = " ".join((row.get("name") or "").split())
        if name:
            texts = [name, *(a for a in (row.get("aliases") or "").split(";") if a.strip())]
            entries += [(line, name, " ".join(text.split())) for text in texts]
    found = _shared_spellings(entries) + _names_inside(entries)
    if not found:
        return ""
    shown = "; ".join(found[:_OVERLAPS_SHOWN])
    more = f"; and {len(found) - _OVERLAPS_SHOWN} more" if len(found) > _OVERLAPS_SHOWN else ""
    return (f"{source.name}: names overlap ({shown}{more}); accepted: each name is matched "
            "whole, longest first, and a spelling given twice goes to the later line")


def _shared_spellings(entries: list[tuple[int, str, str]]) -> list[str]:
    """'lines 3 and 7 both give 'DCC' (...)' for each spelling two organisations claim."""
    first: dict[str, tuple[int, str]] = {}
    found = []
    for line, name, text in entries:
        key = fold_alnum(text)
        before = first.setdefault(key, (line, name))
        if fold_alnum(before[1]) != fold_alnum(name):
            found.append(f"lines {before[0]} and {line} both give '{text}' "
                         f"('{before[1]}', '{name}')")
    return found


def _names_inside(entries: list[tuple[int, str, str]]) -> list[str]:
    """'line 3 'Devon' is inside line 5 'Devon and Somerset Fire and Rescue Service'' for
    each name or alias whose words run inside another organisation's name or alias."""
    by_words: dict[tuple[str, ...], tuple[int, str, str]] = {}
    for entry in entries:
        by_words.setdefault(tuple(w.lower() for w in WORD.findall(entry[2])), entry)
    found = []
    for line, name, text in entries:
        words = tuple(word.lower() for word in WORD.findall(text))
        for size in range(1, min(len(words), _LONGEST_INNER + 1)):
            for start in range(len(words) - size + 1):
                inner = by_words.get(words[start:start + size])
                if inner is not None and fold_alnum(inner[1]) != fold_alnum(name):
                    found.append(f"line {inner[0]} '{inner[2]}' is inside line {line} '{text}'")
    return list(dict.fromkeys(found))
