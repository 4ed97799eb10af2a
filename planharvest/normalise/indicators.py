"""Find performance-indicator codes in text and write them in one canonical form.

Plans cite National Indicators (NI 1 to NI 198, the 2008 National Indicator
Set) in every spelling: "NI 15", "NI15", "Ni115", "N.I. 21", "NI-32",
"NI20-Assault with injury", and as lists: "NI 20 & 47", "NI 125 / NI 142",
"NIs 15, 16 and 21". All become ``NI <number>``. A list continues only over an
explicit separator (``,`` ``&`` ``/`` ``+`` ``;`` "and" "or") and a number of at
most three digits that is not a percentage or part of a larger number, so
"NI 15 by 5%" and "NI 16, 2008/09" add nothing. A code outside the registry
("NI 999") is not returned but flagged ``indicator_unknown``.

Local codes a user lists with ``--indicators`` ("SO1" … "SO6") are found too,
written as in the user's file. Extraction often breaks their spacing ("S O6",
"SO\\n3"), so up to two whitespace characters are allowed between any two
characters of a code; letters are matched case-sensitively and the code must
stand alone (no letter or digit either side), so "SO1" is not found in
"SO10" or "ALSO1".

The built-in registry (``data/indicators.csv``) lists every NI code; titles
are filled in only where a source plan prints them (the ``source`` column
says which), since a wrong title is worse than none.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from planharvest.lexicon import fold_alnum
from planharvest.model import Flag
from planharvest.optionfiles import OptionText, csv_rows, read_option_file

_NI_PREFIX = r"(?:N\.?\s?I\.?(?:s\b\.?)?|National\s+Indicators?)"
_NUMBER = r"\d{1,3}(?![\d%]|[.,]\d|\s*%)"
_SEPARATOR = r"\s*(?:[,&/+;]|\band\b|\bor\b)\s*(?:(?:and|or)\s+)?"
_NI_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9]){_NI_PREFIX}\s*[-–:#]?\s*(?P<first>\d{{1,4}})(?!\d)"
    rf"(?P<more>(?:{_SEPARATOR}(?:{_NI_PREFIX}\s*[-–]?\s*)?{_NUMBER})*)",
    re.IGNORECASE,
)
_CANONICAL_NI = re.compile(r"^\s*N\.?\s?I\.?\s*[-–]?\s*0*(\d{1,4})\s*$", re.IGNORECASE)


def canonical_code(code: str) -> str:
    """'NI15' / 'ni 015' -> 'NI 15'; any other code with its whitespace collapsed."""
    match = _CANONICAL_NI.match(code)
    if match:
        return f"NI {int(match.group(1))}"
    return " ".join(code.split())


@dataclass(frozen=True)
class IndicatorRegistry:
    """Known indicator codes (canonical) and their titles ('' when not known).

    The search pattern for user codes is compiled on first use and kept with
    the registry (one regex alternation of every code; cost grows with the
    number of user codes, not with the NI set)."""

    titles: Mapping[str, str]

    @classmethod
    def builtin(cls) -> IndicatorRegistry:
        """NI 1 … NI 198 from ``data/indicators.csv``."""
        return _builtin()

    def extended(self, source: OptionText | Path) -> IndicatorRegistry:
        """This registry plus a user CSV with columns ``code`` and ``title``, read already
        or at ``source``; on a clash the user's title wins (a blank user title keeps the
        known one)."""
        if not isinstance(source, OptionText):
            source = read_option_file(source, "--indicators")
        titles = dict(self.titles)
        for _line, row in csv_rows(source, ("code",), "an indicators file", "--indicators"):
            code = canonical_code(row.get("code") or "")
            if code:
                title = " ".join((row.get("title") or "").split())
                titles[code] = title or titles.get(code, "")
        return IndicatorRegistry(titles)

    @cached_property
    def _user_codes(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """(pattern finding any non-NI code with broken spacing, folded code -> code)."""
        codes = [code for code in self.titles if not _CANONICAL_NI.match(code) and fold_alnum(code)]
        if not codes:
            return None, {}
        by_fold = {fold_alnum(code): code for code in codes}
        alternatives = [
            r"\s{0,2}".join(re.escape(ch) for ch in code if not ch.isspace())
            for code in sorted(codes, key=len, reverse=True)
        ]
        pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(alternatives)})(?![A-Za-z0-9])")
        return pattern, by_fold


@lru_cache(maxsize=1)
def _builtin() -> IndicatorRegistry:
    text = resources.files("planharvest.normalise").joinpath("data", "indicators.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    return IndicatorRegistry({row["code"]: row["title"] for row in rows})


def find_indicators(text: str, registry: IndicatorRegistry) -> tuple[list[str], tuple[Flag, ...]]:
    """Every indicator code in ``text``, canonical, in order of appearance, once each;
    codes not in the registry are left out and flagged ``indicator_unknown``."""
    found: list[tuple[int, str]] = []
    flags: list[Flag] = []
    for match in _NI_PATTERN.finditer(text):
        numbers = [match["first"], *re.findall(r"\d+", match["more"])]
        for number in numbers:
            code = f"NI {int(number)}"
            if code in registry.titles:
                found.append((match.start(), code))
                continue
            flag = Flag(
                code="indicator_unknown", field="indicators",
                reason=f"'{' '.join(match.group(0).split())}' names {code}, which is not in the "
                       "National Indicator Set (NI 1 to NI 198) nor in the --indicators file",
                candidates=(code,),
            )
            if flag not in flags:
                flags.append(flag)
    pattern, by_fold = registry._user_codes
    if pattern is not None:
        found += [(match.start(), by_fold[fold_alnum(match.group(0))])
                  for match in pattern.finditer(text)]
    ordered = [code for _, code in sorted(found, key=lambda item: item[0])]
    return list(dict.fromkeys(ordered)), tuple(flags)
