"""Header cells to contract fields, by synonym lists kept as data.

Plans label the same column a dozen ways ("Time Scale", "Timeframe",
"Completion Date", "Target Date for milestone" all mean *deadline*). The
synonyms live in ``data/headers.csv`` (table columns) and
``data/context_labels.csv`` (labels of key-value blocks that describe the
plan rather than one action). A header matches its synonym exactly after
folding (letters and digits only, lower case); failing that, rapidfuzz
``process.extractOne`` with the plain ``ratio`` scorer proposes the nearest
synonym above ``HeaderSettings.match_cutoff``. ``ratio`` compares whole
labels, so "What is being funded (eg. staff, services)" does not match
"services"-like synonyms the way a partial scorer (``WRatio``) would.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from planharvest.lexicon import fold_label
from planharvest.settings import Settings

#: Fields a table column can carry for each action.
ACTION_FIELDS = (
    "action_ref", "action", "owner", "partners", "deadline", "kpi", "milestones",
    "progress", "rag", "outcomes", "notes", "indicators", "objective", "theme",
)


#: How many labels a table remembers before it starts afresh (bounds a long batch's memory).
_MEMO_SIZE = 8192


@dataclass(frozen=True)
class SynonymTable:
    """Folded synonym -> field, plus the list rapidfuzz searches.

    Every row of a table is tried as a (repeated) header, and a plan repeats its cell texts
    ("", "DAAT", "March 2009", "Green") row after row, so each table remembers its answers.
    """

    by_folded: dict[str, str]
    choices: tuple[str, ...]
    memo: dict[tuple[str, float], str | None] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)

    @cached_property
    def longest_choice(self) -> int:
        return max(map(len, self.choices), default=0)

    def match(self, label: str, cutoff: float) -> str | None:
        """The field ``label`` names, or None. Cost: a dict lookup, then one
        ``extractOne`` over the synonyms (a few hundred) when that misses; a label seen
        before costs one lookup."""
        key = (label, cutoff)
        if key not in self.memo:
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = self._match(label, cutoff)
        return self.memo[key]

    def _match(self, label: str, cutoff: float) -> str | None:
        folded = fold_label(label)
        if not folded:
            return None
        if folded in self.by_folded:
            return self.by_folded[folded]
        if len(folded) < 4:
            return None
        # ratio is at most 200 * shorter / (sum of both lengths): a cell this much longer
        # than every synonym (an action's text) cannot reach the cutoff, so is not searched.
        longest = self.longest_choice
        if 200 * longest / (len(folded) + longest) < cutoff - 1e-6:
            return None
        best = process.extractOne(folded, self.choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.by_folded[best[0]] if best else None


def _load(name: str) -> SynonymTable:
    text = resources.files("planharvest.extract").joinpath("data", name).read_text("utf-8")
    rows = list(csv.reader(text.splitlines()))[1:]
    by_folded = {fold_label(synonym): field for field, synonym in rows if synonym.strip()}
    return SynonymTable(by_folded, tuple(by_folded))


@lru_cache(maxsize=1)
def column_synonyms() -> SynonymTable:
    return _load("headers.csv")


@lru_cache(maxsize=1)
def context_labels() -> SynonymTable:
    return _load("context_labels.csv")


def map_header_row(texts: list[str], settings: Settings) -> dict[int, str]:
    """Column index -> field for a candidate header row.

    Two columns may name the same field (two "benefits" columns); the action
    assembler joins their texts, so nothing is lost.
    """
    synonyms = column_synonyms()
    mapping: dict[int, str] = {}
    for col, text in enumerate(texts):
        first_line = text.strip()
        field = synonyms.match(first_line, settings.headers.match_cutoff)
        if field is None and "\n" in first_line:
            # A header cell may hold a label and a note under it ("Owner\n(lead agency)").
            field = synonyms.match(first_line.split("\n")[0], settings.headers.match_cutoff)
        if field is not None:
            mapping[col] = field
    return mapping


def is_action_header(mapping: dict[int, str], settings: Settings) -> bool:
    """A header row names the action column and at least one other field."""
    fields = set(mapping.values())
    return "action" in fields and len(fields) >= settings.headers.min_action_columns


def context_field(label: str, settings: Settings) -> str | None:
    """The plan-context field a key-value label names ('LAA Outcome(s)' -> 'objective')."""
    return context_labels().match(label, settings.headers.match_cutoff)
