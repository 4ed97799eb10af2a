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


def is_date(ref: str) -> bool:
    """The reference cell holds only a day's date, so it is no reference."""
    return bool(_DAY_DATE.fullmatch(ref.strip()))


def normalise_ref(ref: str) -> str:
    """The printed reference without spaces or trailing punctuation ('PB C1' -> 'PBC1',
    '1.1.' -> '1.1', '(a)' -> 'a'). Idempotent."""
    compact = "".join(ref.split())
    while True:
        stripped = _EDGE_PUNCT.sub("", compact)
        if stripped == compact:
            return stripped
        compact = stripped
