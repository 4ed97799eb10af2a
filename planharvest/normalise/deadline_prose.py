"""Deadline prose that names no date: copied as text with no date set, so a note, not a doubt.

A deadline cell that gives no date, period or status ("As necessary", "THC will need to
approve", "18+", "As soon as possible") is read as ``unknown`` (or a rhythm) with no
``deadline_start`` / ``deadline_end``: the value a user gets is the text as printed, not a
guess, so nothing in the row can be wrong for it. Its ``deadline_unparsed`` or
``deadline_vague`` flag stays in ``flags`` with the evidence ``no_date`` (a note, in
``data/flags.csv``). It stays a doubt whenever a date was set from the text (a vague phrase's
best reading), or the text holds something a date is made of that the reading may have
missed: a month or season name, a quarter ("Q3"), a year ("2012", "FY23"), a date in figures
("31/03/07", "08/09"), or a school or financial term word (``_DATE_WORDS``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from planharvest.normalise.deadlines import Deadline
from planharvest.normalise.deadlines.vocabulary import MONTH_WORDS, SEASON_START_MONTH

#: Words besides months and seasons from which a date could be made.
_DATE_WORDS = ("term", "quarter", "year", "years", "fy", "financial", "academic", "fiscal",
               "half")
_DATE_MATTER = re.compile(
    r"\b(?:" + "|".join(sorted((*MONTH_WORDS, *SEASON_START_MONTH, *_DATE_WORDS),
                               key=len, reverse=True)) + r")\b"
    r"|\bQ[1-4]\b|(?<!\d)(?:19|20)\d{2}(?!\d)|\bFY\s*\d{2}"
    r"|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|(?<![\d.])\d{2}\s*[/\-]\s*\d{2}(?![\d.])",
    re.IGNORECASE)
#: The flags of a reading that found no date in the text.
_PROSE_CODES = frozenset({"deadline_unparsed", "deadline_vague"})


def settle_prose(deadline: Deadline, raw: str) -> Deadline:
    """The deadline with its prose flags as notes when no date was set and the text holds
    nothing a date is made of (see the module doc); otherwise unchanged."""
    if deadline.start is not None or deadline.end is not None or _DATE_MATTER.search(raw):
        return deadline
    if not any(flag.code in _PROSE_CODES and not flag.evidence for flag in deadline.flags):
        return deadline
    flags = tuple(
        flag.model_copy(update={"evidence": "no_date"})
        if flag.code in _PROSE_CODES and not flag.evidence else flag
        for flag in deadline.flags)
    return replace(deadline, flags=flags)
