"""Deadline cells in, a period, a kind and review flags out.

A deadline cell holds what people type into a "Timescale" column: "Mar 09",
"Sept/Oct 06", "Fiscal year 2006-07", "Ongoing from April 06", "Quarterly", "TBC",
or several of them for several bullet points ("Mar 09 Sept 08 Sept 08").
``parse_deadline`` turns one cell into a ``Deadline``: its kind, the period it
covers (``end`` is the due date), a precision, a recurrence, and a ``Flag`` for
every guess. ``plan_period`` reads a plan's own years (title, all its deadline
cells) so that "December" or "Year 1" can be placed in time.

It reads in three steps, all with regular expressions and small word tables (no
date library, so every rule is visible): ``vocabulary`` (the words), ``phrases``
(finding and reading each date phrase), ``combine`` (phrases -> one Deadline).
A typical cell reads in well under a millisecond. Nothing here raises on any string.
"""

from planharvest.normalise.deadlines.combine import (
    Deadline,
    parse_deadline,
    plan_period,
    read_plan_deadlines,
    read_reviewed_deadline,
)
from planharvest.normalise.deadlines.mend import mend_broken_words
from planharvest.normalise.deadlines.phrases import PlanPeriod

__all__ = ["Deadline", "PlanPeriod", "mend_broken_words", "parse_deadline", "plan_period",
           "read_plan_deadlines", "read_reviewed_deadline"]
