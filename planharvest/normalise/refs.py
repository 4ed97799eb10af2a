"""Action references: the printed form normalised, so "PB C1", "PBC1." and "PB C1)" agree.

How a reference is read out of text is in ``planharvest.lexicon``, which the
readers share; this is the normaliser's last step on whatever was read.
"""

from __future__ import annotations

import re

_EDGE_PUNCT = re.compile(r"^[\s(\[]+|[\s.):;,\]]+$")
#: A day's date ("11/01/2011", "19/11/10"). Printed where the reference stands, it says when
#: the action was raised (a meeting log's date column), and names no action.
_DAY_DATE = re.compile(r"\d{1,2}/\d{1,2}/(\d{2}|\d{4})")


#: Words a reference cell may print before the number ("Activity 3.3.1", "Action 4"): the
#: number is the reference.
REF_LABELS = ("action", "activity", "item", "task", "commitment", "recommendation")
_REF_LABEL = re.compile(rf"^({'|'.join(REF_LABELS)})\.?\s*(?=\d)", re.IGNORECASE)


def is_date(ref: str) -> bool:
    """The reference cell holds only a day's date, so it is no reference."""
    return bool(_DAY_DATE.fullmatch(ref.strip()))


#: One of several codes of one series printed in a reference cell ("CS5 & CS6").
_SERIES_CODE = re.compile(r"(?P<letters>[A-Za-z]{1,4})\d{1,3}")
#: What may stand between such codes: space, '&' or 'and' (a comma is printed as is: "P1,P2").
_CODE_JOIN = re.compile(r"\s*(?:&|\band\b)\s*|\s+", re.IGNORECASE)


def _several_codes(ref: str) -> list[str]:
    """The codes of a cell that names several of one series ("CS1 CS2", "CS5 & CS6",
    "CS9 CS10 CS11 CS12"): a group of policies, no single id; [] for any other cell."""
    parts = [part for part in _CODE_JOIN.split(ref.strip()) if part]
    matches = [_SERIES_CODE.fullmatch(part) for part in parts]
    if len(parts) < 2 or not all(matches):
        return []
    letters = {match["letters"].upper() for match in matches if match}
    return parts if len(letters) == 1 else []


def normalise_ref(ref: str) -> str:
    """The printed reference without spaces or trailing punctuation ('PB C1' -> 'PBC1',
    '1.1.' -> '1.1', '(a)' -> 'a', 'Activity 3.1' -> '3.1'); several codes of one series
    each so, one space between ('CS5 & CS6' -> 'CS5 CS6'). Idempotent."""
    codes = _several_codes(ref)
    if codes:
        return " ".join(codes)
    compact = "".join(_REF_LABEL.sub("", ref.strip()).split())
    while True:
        stripped = _EDGE_PUNCT.sub("", compact)
        if stripped.count("(") > stripped.count(")") and ")" in compact[len(stripped):]:
            stripped += ")"  # "03.19.04(1)": a sub-number's bracket, not a label's ("a)")
        if stripped == compact:
            return stripped
        compact = stripped
