"""Due dates stated in an action's text, for rows with no deadline cell.

Where a table has no deadline column, or the row's cell is empty, a plan often states the
due date in the action, target or measure text: "reduce by 10% by 2025", "complete by Q2
2011/12", "by the end of March 2010". Such a phrase -- a due-date word (by, before, no
later than, due, deadline, until) followed closely by a date with a year -- is read with the
ordinary deadline parser and flagged ``deadline_from_text``. A year that is a baseline or a
reference point ("from a 2008 baseline", "since 2010", "compared with 2009") is never
taken: only the due-date words open a phrase, and a phrase naming a baseline is skipped.
"""

from __future__ import annotations

import re

from planharvest.model import Flag
from planharvest.normalise.deadlines import Deadline, PlanPeriod, parse_deadline

#: Fields whose text may state the due date (the action, its target or measure), in order;
#: a milestone or outcome column states dates of its own, not the due date.
TEXT_FIELDS = ("action", "kpi")
_DUE = re.compile(
    r"\b(?:no\s+later\s+than|(?:complete[sd]?|achieved?|delivered?|in\s+place)\s+by|"
    r"by|before|due(?:\s+(?:by|in))?|deadline(?:\s+of)?|until)\s+"
    r"(?P<date>(?:the\s+)?(?:end\s+of\s+|close\s+of\s+|beginning\s+of\s+)?"
    r"[^,.;:()\n%]{0,30}?(?:(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?))(?![\d/])",
    re.IGNORECASE)
_BASELINE = re.compile(r"\bbaseline|\bsince\b|\bcompared\s+(?:with|to)\b|\blevels?\b",
                       re.IGNORECASE)


def deadline_in_text(fields: dict[str, str], period: PlanPeriod | None
                     ) -> tuple[str, Deadline] | None:
    """(the phrase as printed, its reading) for the first due date stated in the texts,
    or None. The reading carries the ``deadline_from_text`` flag."""
    for name in TEXT_FIELDS:
        text = " ".join(fields.get(name, "").split())
        for match in _DUE.finditer(text):
            phrase = match.group(0)
            if _BASELINE.search(match.group("date")):
                continue
            reading = parse_deadline(match.group("date"), period)
            if reading.kind not in ("date", "range") or reading.end is None:
                continue
            flag = Flag(code="deadline_from_text", field="deadline",
                        reason=f"no deadline cell: '{phrase}' in the {name} text was read as "
                               "the due date", candidates=(phrase,))
            return phrase, Deadline(reading.kind, reading.start, reading.end,
                                    reading.precision, reading.recurrence,
                                    (*reading.flags, flag), reading.readings)
    return None
