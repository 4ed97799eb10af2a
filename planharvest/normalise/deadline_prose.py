"""Deadline prose that names no date: copied as text with no date set, so a note, not a doubt.

A deadline cell that gives no date, period or status ("As necessary", "THC will need to
approve", "18+", "As soon as possible") is read as ``unknown`` (or a rhythm) with no
``deadline_start`` / ``deadline_end``: the value a user gets is the text as printed, not a
guess, so nothing in the row can be wrong for it. Its ``deadline_unparsed`` or
``deadline_vague`` flag stays in ``flags`` with the evidence ``no_date`` (a note, in
``data/flags.csv``). It stays a doubt whenever a date was set from the text (a vague phrase's
best reading), or the text holds something a date is made of that the reading may have
missed: a month or season name, a quarter ("Q3"), a year ("2012", "FY23"), a date in figures
("31/03/07", "08/09"), a rhythm ("Daily"), or a school or financial term word
(``_DATE_WORDS``) other than in a period of the plan's own count ("Year II: 1, 3", "Month 6":
``_RELATIVE_PERIOD``); and a ``deadline_unparsed`` beside phrases that were read ("As each new
pupil arrives. / Ongoing / At least monthly": the rhythm may be the deadline) stays one.

The other way round, a year read out of a sentence ("Approved per Grant 2010", "Ongoing but
particular focus for 2019-20") is a doubt, flagged ``deadline_in_prose``: the words around the
year may say it is no due date. A sentence is two words or more that no reading covered,
beyond the little words of a date phrase (``_DATE_LINKS``). Where the words right before
the sentence's one date say the work is done by then ("on track to be completed in 2015",
``DUE_VERBS``) and none says it goes on ("continue", "beyond"), the flag is a note
(evidence ``due_phrase``): the sentence states the due date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from planharvest.model import Flag
from planharvest.normalise.deadlines import Deadline
from planharvest.normalise.deadlines.vocabulary import MONTH_WORDS, SEASON_START_MONTH

#: Words besides months and seasons from which a date could be made.
_DATE_WORDS = ("term", "quarter", "year", "years", "fy", "financial", "academic", "fiscal",
               "half", "daily", "weekly", "fortnightly", "monthly", "quarterly", "termly",
               "yearly", "annually", "annual", "every", "each")
#: Little words a deadline cell holds around its dates without saying anything else.
_DATE_LINKS = frozenset({"by", "end", "of", "the", "and", "or", "to", "from", "in", "for", "at",
                         "on", "before", "no", "later", "than", "due", "until", "date", "st",
                         "nd", "rd", "th", "then", "thereafter", "a"})
#: Words no reading covered that make a sentence around a date.
_SENTENCE_WORDS = 2
_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_MATTER = re.compile(
    r"\b(?:" + "|".join(sorted((*MONTH_WORDS, *SEASON_START_MONTH, *_DATE_WORDS),
                               key=len, reverse=True)) + r")\b"
    r"|\bQ[1-4]\b|(?<!\d)(?:19|20)\d{2}(?!\d)|\bFY\s*\d{2}"
    r"|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|(?<![\d.])\d{2}\s*[/\-]\s*\d{2}(?![\d.])",
    re.IGNORECASE)
#: Periods counted from the plan's own start ("Year I", "Year 2", "Month three"), as a
#: timeline of relative years prints them ("Year I: 1, 3"): no calendar date is made of them.
_RELATIVE_UNITS = ("year", "month", "week", "quarter")
_RELATIVE_PERIOD = re.compile(
    r"\b(?:" + "|".join(_RELATIVE_UNITS) + r")\s+(?:[ivx]{1,4}|\d{1,2}|one|two|three|four|five"
    r"|six|seven|eight|nine|ten)\b(?!\s*[/.\-]?\s*\d)", re.IGNORECASE)
#: Verbs that, after "be" and before "in" / "by" and the date, say the work is done by then.
DUE_VERBS = ("complete", "completed", "met", "published", "finished", "delivered", "launched",
             "issued", "finalised", "finalized", "implemented", "in place")
_DUE_BEFORE = re.compile(
    r"\bbe\s+(?:fully\s+)?(?:" + "|".join(DUE_VERBS) + r")\s+(?:(?:in|by)\s+)?$", re.IGNORECASE)
#: Words saying the work goes on, whatever is done by the date ("Agencies will continue
#: working ... The Playbook is expected to be published by 2017"): the sentence stays a doubt.
_GOES_ON = re.compile(r"\b(?:continu\w*|on-?going|beyond|remain\w*)\b", re.IGNORECASE)
#: The flags of a reading that found no date in the text.
_PROSE_CODES = frozenset({"deadline_unparsed", "deadline_vague"})


def settle_prose(deadline: Deadline, raw: str) -> Deadline:
    """The deadline with its prose flags as notes when no date was set and the text holds
    nothing a date is made of, or with ``deadline_in_prose`` when a date set was read out of
    a sentence (see the module doc); otherwise unchanged."""
    if deadline.start is not None or deadline.end is not None:
        return _in_prose(deadline, raw)
    if _DATE_MATTER.search(_RELATIVE_PERIOD.sub(" ", raw)) or (deadline.readings and any(
            flag.code == "deadline_unparsed" for flag in deadline.flags)):
        return deadline
    if not any(flag.code in _PROSE_CODES and not flag.evidence for flag in deadline.flags):
        return deadline
    flags = tuple(
        flag.model_copy(update={"evidence": "no_date"})
        if flag.code in _PROSE_CODES and not flag.evidence else flag
        for flag in deadline.flags)
    return replace(deadline, flags=flags)


def _in_prose(deadline: Deadline, raw: str) -> Deadline:
    """The deadline flagged ``deadline_in_prose`` when the words no reading covered make a
    sentence around its date and that date is a bare year or financial year: a month or a
    day in a sentence ("First returns due end of June 06", "Sept 2006 and for all below")
    is a date someone set, a year in one as often the year of something else."""
    if deadline.precision not in ("year", "financial_year"):
        return deadline
    rest, words = _uncovered(deadline, raw)
    if len(words) < _SENTENCE_WORDS or any(f.code == "deadline_in_prose" for f in deadline.flags):
        return deadline
    sentence = " ".join(raw.split())
    due = len(deadline.readings) == 1 and _due_phrase(sentence, deadline.readings[0])
    flag = Flag(code="deadline_in_prose", field="deadline", evidence="due_phrase" if due else "",
                reason=f"the date was read out of the sentence '{rest and sentence}'"
                       + (", which says the work is done by then" if due else
                          f"; its other words ({' '.join(words)}) may say it is no due date"))
    return replace(deadline, flags=(*deadline.flags, flag))


def _uncovered(deadline: Deadline, raw: str) -> tuple[str, list[str]]:
    """The text no reading of the deadline covered, and its words beyond a date's little
    words (``_DATE_LINKS``)."""
    rest = " ".join(raw.split())
    for printed in deadline.readings:
        rest = rest.replace(" ".join(printed.split()), " ", 1)
    return rest, [word for word in _WORD.findall(rest) if word.lower() not in _DATE_LINKS]


def in_a_sentence(deadline: Deadline, raw: str) -> bool:
    """Whether the deadline was read out of a sentence ("Next meeting being arranged for June
    2014"), not a cell holding only its date, status or rhythm."""
    return len(_uncovered(deadline, raw)[1]) >= _SENTENCE_WORDS


def _due_phrase(sentence: str, printed: str) -> bool:
    """The sentence's one date follows words saying the work is done by then ("on track to be
    completed in 2015", "will be published by 2017": ``DUE_VERBS`` right before it), and
    nothing in it says the work goes on after (``_GOES_ON``)."""
    at = sentence.find(" ".join(printed.split()))
    return (at > 0 and _DUE_BEFORE.search(sentence[:at]) is not None
            and _GOES_ON.search(sentence) is None)
