"""Deadline cells read by the contract's "Deadline rules", from real cells of the seed plans.

Each table row is one cell as a plan prints it and the values a user sees in ``actions.csv``:
kind, start, end (the due date), precision, recurrence and the flag codes that send the row to
review. Property tests check that any text is read without an error, quickly, and that reading
``deadline_raw`` (the cell's lines joined by " / ") again gives the same result.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planharvest.model import FLAG_CODES, DeadlineKind
from planharvest.normalise.deadlines import (
    Deadline,
    PlanPeriod,
    mend_broken_words,
    parse_deadline,
    plan_period,
    read_plan_deadlines,
)

D = dt.date.fromisoformat

#: The Tower Hamlets 2012 plan (seed 001): its deadlines run from spring 2012 into 2013.
PERIOD_2012 = PlanPeriod(D("2012-04-01"), D("2013-03-31"), "financial")
#: The Leicestershire LAA delivery plans 2006/7 (seed 002).
PERIOD_2006 = PlanPeriod(D("2006-04-01"), D("2007-03-31"), "financial")
#: The Leicestershire alcohol plan "OCTOBER 2008-APRIL 2009" (seed 000): calendar months.
PERIOD_2008 = PlanPeriod(D("2008-10-01"), D("2009-04-30"), "calendar")


def columns(deadline: Deadline) -> tuple[object, ...]:
    """The deadline columns of actions.csv plus the flag codes, as the table rows spell them."""
    return (
        deadline.kind,
        deadline.start and deadline.start.isoformat(),
        deadline.end and deadline.end.isoformat(),
        deadline.precision,
        deadline.recurrence,
        tuple(sorted({flag.code for flag in deadline.flags})),
    )


def deadline_raw(cell: str) -> str:
    """``deadline_raw`` as the normaliser writes it: the cell's lines, tidied, joined by " / "."""
    lines = [" ".join(line.split()) for line in cell.split("\n")]
    return " / ".join(line for line in lines if line)


SEVERAL = ("deadline_several",)
INFERRED = ("deadline_year_inferred",)
VAGUE = ("deadline_vague",)

# raw cell -> kind, start, end, precision, recurrence, flag codes (no plan period given)
CASES: list[tuple[str, tuple[object, ...]]] = [
    # -- a day ---------------------------------------------------------------------------------
    ("31st March 2007", ("date", "2007-03-31", "2007-03-31", "day", None, ())),
    ("31 st March 2007", ("date", "2007-03-31", "2007-03-31", "day", None, ())),
    ("31/03/2009", ("date", "2009-03-31", "2009-03-31", "day", None, ())),
    ("31/3/09", ("date", "2009-03-31", "2009-03-31", "day", None, ())),
    ("1st April 2006", ("date", "2006-04-01", "2006-04-01", "day", None, ())),
    ("Baseline to be established by 31 st March 2007",
     ("date", "2007-03-31", "2007-03-31", "day", None, ())),
    ("30th September 2006", ("date", "2006-09-30", "2006-09-30", "day", None, ())),
    ("March 31, 2007", ("date", "2007-03-31", "2007-03-31", "day", None, ())),
    ("2009-03-31", ("date", "2009-03-31", "2009-03-31", "day", None, ())),
    ("29/02/2008", ("date", "2008-02-29", "2008-02-29", "day", None, ())),
    # -- a month -------------------------------------------------------------------------------
    ("March 2009", ("date", "2009-03-01", "2009-03-31", "month", None, ())),
    ("Mar 09", ("date", "2009-03-01", "2009-03-31", "month", None, ())),
    ("Sept 06", ("date", "2006-09-01", "2006-09-30", "month", None, ())),
    ("February2009", ("date", "2009-02-01", "2009-02-28", "month", None, ())),
    ("Oct 08", ("date", "2008-10-01", "2008-10-31", "month", None, ())),
    ("October 08", ("date", "2008-10-01", "2008-10-31", "month", None, ())),
    ("January 09", ("date", "2009-01-01", "2009-01-31", "month", None, ())),
    ("Apr 2006", ("date", "2006-04-01", "2006-04-30", "month", None, ())),
    ("May2006", ("date", "2006-05-01", "2006-05-31", "month", None, ())),
    ("Dec 06", ("date", "2006-12-01", "2006-12-31", "month", None, ())),
    ("Nov 2006", ("date", "2006-11-01", "2006-11-30", "month", None, ())),
    ("June 06", ("date", "2006-06-01", "2006-06-30", "month", None, ())),
    ("Jul 08", ("date", "2008-07-01", "2008-07-31", "month", None, ())),
    ("Sep 2012", ("date", "2012-09-01", "2012-09-30", "month", None, ())),
    ("Jul12", ("date", "2012-07-01", "2012-07-31", "month", None, ())),
    ("February 2012", ("date", "2012-02-01", "2012-02-29", "month", None, ())),
    ("end of December 2006", ("date", "2006-12-01", "2006-12-31", "month", None, ())),
    ("End December 2006", ("date", "2006-12-01", "2006-12-31", "month", None, ())),
    ("By Oct 2006", ("date", "2006-10-01", "2006-10-31", "month", None, ())),
    ("Baseline established by OCT 2006", ("date", "2006-10-01", "2006-10-31", "month", None, ())),
    ("by end of May 06", ("date", "2006-05-01", "2006-05-31", "month", None, ())),
    ("Start June 2012", ("date", "2012-06-01", "2012-06-30", "month", None, ())),
    ("Sept 2006 and for all below", ("date", "2006-09-01", "2006-09-30", "month", None, ())),
    ("To be negotiated By Oct 2006", ("date", "2006-10-01", "2006-10-31", "month", None, ())),
    ("Premium Service in place by May 2006", ("date", "2006-05-01", "2006-05-31", "month", None,
                                              ())),
    ("Time Scale December 2008", ("date", "2008-12-01", "2008-12-31", "month", None, ())),
    # -- a season, a year, a financial year, a quarter -------------------------------------------
    ("Summer 2007", ("date", "2007-06-01", "2007-08-31", "season", None, ())),
    ("winter 2009", ("date", "2009-12-01", "2010-02-28", "season", None, ())),
    ("Winter 2011/12", ("date", "2011-12-01", "2012-02-29", "season", None, ())),
    ("autumn 06", ("date", "2006-09-01", "2006-11-30", "season", None, ())),
    ("2009", ("date", "2009-01-01", "2009-12-31", "year", None, ())),
    ("by end of 2007", ("date", "2007-01-01", "2007-12-31", "year", None, ())),
    ("2008/9", ("date", "2008-04-01", "2009-03-31", "financial_year", None, ())),
    ("2008/09", ("date", "2008-04-01", "2009-03-31", "financial_year", None, ())),
    ("2006-07", ("date", "2006-04-01", "2007-03-31", "financial_year", None, ())),
    ("2006/07", ("date", "2006-04-01", "2007-03-31", "financial_year", None, ())),
    ("2006-2007", ("date", "2006-04-01", "2007-03-31", "financial_year", None, ())),
    ("2009-10", ("date", "2009-04-01", "2010-03-31", "financial_year", None, ())),
    ("12/13", ("date", "2012-04-01", "2013-03-31", "financial_year", None, ())),
    ("Fiscal year 2006-07", ("date", "2006-04-01", "2007-03-31", "financial_year", None, ())),
    ("Fiscal year 2006-\n07", ("date", "2006-04-01", "2007-03-31", "financial_year", None, ())),
    ("FY 08/09", ("date", "2008-04-01", "2009-03-31", "financial_year", None, ())),
    ("Q3 2012/13", ("date", "2012-10-01", "2012-12-31", "quarter", None, ())),
    ("Q4 2012/13", ("date", "2013-01-01", "2013-03-31", "quarter", None, ())),
    ("3rd quarter of 2012/13", ("date", "2012-10-01", "2012-12-31", "quarter", None, ())),
    ("Q3 2012", ("date", "2012-10-01", "2012-12-31", "quarter", None,
                 ("deadline_quarter_ambiguous",))),
    # -- ranges --------------------------------------------------------------------------------
    ("May-June 2006", ("range", "2006-05-01", "2006-06-30", "month", None, ())),
    ("June/July 06", ("range", "2006-06-01", "2006-07-31", "month", None, ())),
    ("Sept/Oct 06", ("range", "2006-09-01", "2006-10-31", "month", None, ())),
    ("October 2012- March 2013", ("range", "2012-10-01", "2013-03-31", "month", None, ())),
    ("Aug - Dec2012 (in preparation for and post treatment system redesign)",
     ("range", "2012-08-01", "2012-12-31", "month", None, ())),
    ("OCTOBER 2008-APRIL 2009", ("range", "2008-10-01", "2009-04-30", "month", None, ())),
    ("Nov-Feb 2013", ("range", "2012-11-01", "2013-02-28", "month", None, ())),
    ("from Sept 08 to Mar 09", ("range", "2008-09-01", "2009-03-31", "month", None, ())),
    ("2008–2011", ("range", "2008-01-01", "2011-12-31", "year", None, ())),
    # -- ongoing, recurring, completed, no date ------------------------------------------------
    ("Ongoing", ("ongoing", None, None, None, None, ())),
    ("On-going", ("ongoing", None, None, None, None, ())),
    ("ongoing", ("ongoing", None, None, None, None, ())),
    ("Work ongoing for the lifetime of the LAA", ("ongoing", None, None, None, None, ())),
    ("Ongoing from April 06", ("ongoing", "2006-04-01", None, "month", None, ())),
    ("Ongoing from June 06.", ("ongoing", "2006-06-01", None, "month", None, ())),
    ("Ongoing from June 06. Ongoing from June 06.",
     ("ongoing", "2006-06-01", None, "month", None, ())),
    ("From February 2009 onwards", ("ongoing", "2009-02-01", None, "month", None, ())),
    ("On-going/quarterly analysis", ("ongoing", None, None, None, "quarterly", ())),
    ("Quarterly operations in place and ongoing",
     ("ongoing", None, None, None, "quarterly", ())),
    ("Quarterly", ("recurring", None, None, None, "quarterly", ())),
    ("Quarterly thereafter", ("recurring", None, None, None, "quarterly", ())),
    ("Quarterly analysis\nQuarterly analysis", ("recurring", None, None, None, "quarterly", ())),
    ("Annually", ("recurring", None, None, None, "annually", ())),
    ("Monthly", ("recurring", None, None, None, "monthly", ())),
    ("Fortnightly joint tasking", ("recurring", None, None, None, "fortnightly", ())),
    ("weekly", ("recurring", None, None, None, "weekly", ())),
    ("September annually", ("recurring", None, None, None, "annually", ())),
    ("September 2012 annually", ("recurring", "2012-09-01", None, "month", "annually", ())),
    ("every December", ("recurring", None, None, None, "annually", ())),
    ("Annual programme starting January 2012",
     ("recurring", "2012-01-01", None, "month", "annually", ())),
    ("Quarterly thereafter May 2006", ("recurring", "2006-05-01", None, "month", "quarterly", ())),
    ("Completed", ("completed", None, None, None, None, ())),
    ("Already completed", ("completed", None, None, None, None, ())),
    ("Complete", ("completed", None, None, None, None, ())),
    ("This commitment is complete.", ("completed", None, None, None, None, ())),
    ("All efforts are complete.", ("completed", None, None, None, None, ())),
    ("TBC", ("unknown", None, None, None, None, ())),
    ("tbc", ("unknown", None, None, None, None, ())),
    ("N/A", ("unknown", None, None, None, None, ())),
    ("Phase 2 date not yet known", ("unknown", None, None, None, None, ())),
    ("To be agreed with CDRP's", ("unknown", None, None, None, None, ())),
    ("-", ("unknown", None, None, None, None, ())),
    ("", ("missing", None, None, None, None, ())),
    ("  \n\t ", ("missing", None, None, None, None, ())),
    # -- vague and unreadable ------------------------------------------------------------------
    ("Mid 2007", ("unknown", None, None, None, None, VAGUE)),
    ("mid-2007", ("unknown", None, None, None, None, VAGUE)),
    ("early 2008", ("unknown", None, None, None, None, VAGUE)),
    ("late 2006/07", ("unknown", None, None, None, None, VAGUE)),
    ("early March 2008", ("date", "2008-03-01", "2008-03-31", "month", None, VAGUE)),
    ("1-2 years", ("unknown", None, None, None, None, VAGUE)),
    ("within 6 months", ("unknown", None, None, None, None, VAGUE)),
    ("ASAP", ("unknown", None, None, None, None, VAGUE)),
    ("FY 2009", ("unknown", None, None, None, None, VAGUE)),
    ("Fiscal year 2006-", ("unknown", None, None, None, None, VAGUE)),
    ("See above", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    ("Six-monthly", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    ("2006-08", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    ("30/02/2009", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    ("£2009 allocated", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    # -- no year and no plan period: nothing is invented ---------------------------------------
    ("December", ("unknown", None, None, None, None, INFERRED)),
    ("Adverts out end of March", ("unknown", None, None, None, None, INFERRED)),
    ("Year 1", ("unknown", None, None, None, None, INFERRED)),
    ("it may slip", ("unknown", None, None, None, None, ("deadline_unparsed",))),
    # -- several items in one cell: the latest is the due date ---------------------------------
    ("Mar 09 Sept 08 Sept 08", ("date", "2009-03-01", "2009-03-31", "month", None, SEVERAL)),
    ("Mar 09\nMar 09\nMar 09", ("date", "2009-03-01", "2009-03-31", "month", None, ())),
    ("Mar 09 Mar 09 Mar 09 Mar 09 Mar 09 Mar 09",
     ("date", "2009-03-01", "2009-03-31", "month", None, ())),
    ("February2009 February 2009", ("date", "2009-02-01", "2009-02-28", "month", None, ())),
    ("July 08 Sept 08 Sept 08 Sept 08 Sept 08 Sept 08",
     ("date", "2008-09-01", "2008-09-30", "month", None, SEVERAL)),
    ("Sept 08 Oct 08 Sept 08", ("date", "2008-10-01", "2008-10-31", "month", None, SEVERAL)),
    ("Sept 08 (Oct 08)", ("date", "2008-10-01", "2008-10-31", "month", None, SEVERAL)),
    ("Dec 08 survey to report by Mar 09 Mar 09",
     ("date", "2009-03-01", "2009-03-31", "month", None, SEVERAL)),
    ("Nov 08 Mar 09 Mar 09 Ongoing Mar 09",
     ("date", "2009-03-01", "2009-03-31", "month", None, SEVERAL)),
    ("Jun 09\nOct 09\nOngoing\nNov 08\nMar 09\nMar 09\nMar 09",
     ("date", "2009-10-01", "2009-10-31", "month", None, SEVERAL)),
    ("April 2006 Ongoing Ongoing", ("date", "2006-04-01", "2006-04-30", "month", None, SEVERAL)),
    ("Mar 09 Mar 09 Ongoin", ("date", "2009-03-01", "2009-03-31", "month", None, SEVERAL)),
    ("June 2006\nCompleted\nJune 2006", ("date", "2006-06-01", "2006-06-30", "month", None,
                                         SEVERAL)),
    ("Completed\nFiscal year 2006-\n07",
     ("date", "2006-04-01", "2007-03-31", "financial_year", None, SEVERAL)),
    ("December 2012\nSeptember annually",
     ("date", "2012-12-01", "2012-12-31", "month", None, SEVERAL)),
    ("July 2012\nQuarterly\nStart June 2012\nAnnual programme starting January 2012",
     ("date", "2012-07-01", "2012-07-31", "month", None, SEVERAL)),
    ("Ongoing from June 06. Ongoing from June 06. July 06",
     ("date", "2006-07-01", "2006-07-31", "month", None, SEVERAL)),
    ("May 06 June/July 06 August 06\nJune 2006\nSept/Oct 06",
     ("range", "2006-09-01", "2006-10-31", "month", None, SEVERAL)),
    ("June 2006 June 2006 June 2006 Apr 2006 March 2007 Dec 2006 Dec 2006",
     ("date", "2007-03-01", "2007-03-31", "month", None, SEVERAL)),
    ("Fiscal year 2006-07\nMarch 2007",
     ("date", "2007-03-01", "2007-03-31", "month", None, SEVERAL)),
    # The latest item is vague, so the due date is not known (samples/expected, plan 002).
    ("September 2006 Mid 2007",
     ("unknown", None, None, None, None, ("deadline_several", "deadline_vague"))),
    ("September 2006\nMid 2007",
     ("unknown", None, None, None, None, ("deadline_several", "deadline_vague"))),
    ("Mid 2007\nSeptember 2006",
     ("unknown", None, None, None, None, ("deadline_several", "deadline_vague"))),
    # A vague item earlier than a dated one leaves the date as the due date.
    ("Early March 2006\nSeptember 2006",
     ("date", "2006-09-01", "2006-09-30", "month", None, ("deadline_several", "deadline_vague"))),
    # A rhythm on the line of a finished item is the reviews that follow it, not a deadline.
    ("Already completed, quarterly reviews", ("completed", None, None, None, None, ())),
    ("All panels now established\nAlready completed, quarterly reviews\nAlready completed\n"
     "Already completed\nAlready completed", ("completed", None, None, None, None, ())),
    ("Completed\nQuarterly", ("recurring", None, None, None, "quarterly", SEVERAL)),
    # Years cut from their month by PDF extraction (seed 000's "February2009" rows).
    ("February20 09", ("date", "2009-02-01", "2009-02-28", "month", None, ())),
    ("March 2009\nOctober\n2008", ("date", "2009-03-01", "2009-03-31", "month", None, SEVERAL)),
    ("October\n2008", ("date", "2008-10-01", "2008-10-31", "month", None, ())),
    # Each line an item's own timing, one not read (Bright Futures' accessibility plan): the
    # rhythm of the others is not the action's deadline. A one-word fragment is no item.
    ("As each new pupil arrives.\nOngoing\nAt least monthly.",
     ("unknown", None, None, None, None, ("deadline_unparsed",))),
    ("As / when required and annually.",
     ("recurring", None, None, None, "annually", ("deadline_several", "deadline_vague"))),
    # Spanish months, "de" between day, month and year (ICATECH Chiapas' work plan).
    ("Diciembre 2019", ("date", "2019-12-01", "2019-12-31", "month", None, ())),
    ("17 de diciembre de 2019", ("date", "2019-12-17", "2019-12-17", "day", None, ())),
    ("mayo de 2021", ("date", "2021-05-01", "2021-05-31", "month", None, ())),
    # A date the work starts, then goes on (West Berkshire's Timescale): ongoing, a doubt.
    ("October 2016 and ongoing", ("ongoing", "2016-10-01", None, "month", None, SEVERAL)),
    # A rhythm with the year it starts (SJSSAA's target dates): recurring, no date, a note.
    ("Annually, beginning in the year 2022", ("recurring", None, None, None, "annually", VAGUE)),
    ("At least once a year, to be initiated by 2022",
     ("recurring", None, None, None, "annually", VAGUE)),
    ("At least monthly, beginning in the year 2022",
     ("recurring", None, None, None, "monthly", VAGUE)),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[repr(raw)[1:41] for raw, _ in CASES])
def test_cell_without_plan_period(raw: str, expected: tuple[object, ...]) -> None:
    assert columns(parse_deadline(raw)) == expected


# raw cell, plan period -> kind, start, end, precision, recurrence, flag codes
PERIOD_CASES: list[tuple[str, PlanPeriod, tuple[object, ...]]] = [
    ("December", PERIOD_2012, ("date", "2012-12-01", "2012-12-31", "month", None, INFERRED)),
    ("Adverts out end of March", PERIOD_2006,
     ("date", "2007-03-01", "2007-03-31", "month", None, INFERRED)),
    ("beginning April", PERIOD_2006, ("date", "2006-04-01", "2006-04-30", "month", None,
                                      INFERRED)),
    ("YISP Co-ordinator on training 28/3", PERIOD_2006,
     ("date", "2007-03-28", "2007-03-28", "day", None, INFERRED)),
    ("between September and December", PERIOD_2012,
     ("range", "2012-09-01", "2012-12-31", "month", None, INFERRED)),
    ("Nov-Feb", PERIOD_2008, ("range", "2008-11-01", "2009-02-28", "month", None, INFERRED)),
    ("Summer", PERIOD_2006, ("date", "2006-06-01", "2006-08-31", "season", None, INFERRED)),
    ("Ongoing from June", PERIOD_2012, ("ongoing", "2012-06-01", None, "month", None, INFERRED)),
    # a month the period does not reach: the first one after its start, still flagged
    ("July", PERIOD_2008, ("date", "2009-07-01", "2009-07-31", "month", None, INFERRED)),
    ("Year 1", PERIOD_2006, ("date", "2006-04-01", "2007-03-31", "financial_year", None,
                             INFERRED)),
    ("Year 2", PERIOD_2006, ("date", "2007-04-01", "2008-03-31", "financial_year", None,
                             INFERRED)),
    ("Year 1", PERIOD_2008, ("date", "2008-01-01", "2008-12-31", "year", None, INFERRED)),
    ("Q3", PERIOD_2012, ("date", "2012-10-01", "2012-12-31", "quarter", None, INFERRED)),
    ("Q3 2012", PERIOD_2008, ("date", "2012-07-01", "2012-09-30", "quarter", None,
                              ("deadline_quarter_ambiguous",))),
    ("Q3 2012/13", PERIOD_2008, ("date", "2012-10-01", "2012-12-31", "quarter", None, ())),
    # "September annually" gets no inferred year: nothing is missing from it
    ("September annually", PERIOD_2012, ("recurring", None, None, None, "annually", ())),
    ("March 2009", PERIOD_2012, ("date", "2009-03-01", "2009-03-31", "month", None, ())),
]


@pytest.mark.parametrize(("raw", "period", "expected"), PERIOD_CASES,
                         ids=[f"{raw}|{period.start}" for raw, period, _ in PERIOD_CASES])
def test_cell_with_plan_period(raw: str, period: PlanPeriod, expected: tuple[object, ...]) -> None:
    assert columns(parse_deadline(raw, period)) == expected


@pytest.mark.parametrize(("raw", "readings"), [
    ("July 2012\nQuarterly\nStart June 2012\nAnnual programme starting January 2012",
     ("July 2012", "Quarterly", "Start June 2012", "Annual programme starting January 2012")),
    ("Mar 09 Sept 08 Sept 08", ("Mar 09", "Sept 08", "Sept 08")),
    ("Mar 09\nMar 09\nMar 09", ("Mar 09", "Mar 09", "Mar 09")),
    ("Fiscal year 2006-\n07", ("Fiscal year 2006-07",)),
    ("by end of May 06", ("by end of May 06",)),
    ("Aug - Dec2012 (in preparation for and post treatment system redesign)", ("Aug - Dec2012",)),
    ("See above", ()),
])
def test_readings_keep_every_phrase_as_printed(raw: str, readings: tuple[str, ...]) -> None:
    assert parse_deadline(raw).readings == readings


def test_several_flag_names_the_items_and_the_due_date() -> None:
    deadline = parse_deadline("Mar 09 Sept 08 Sept 08")
    [flag] = deadline.flags
    assert flag.field == "deadline"
    assert "Mar 09" in flag.reason and "Sept 08" in flag.reason and "2009-03-31" in flag.reason
    assert flag.candidates == ("2009-03-01/2009-03-31", "2008-09-01/2008-09-30")


def test_inferred_year_flag_names_the_text_the_period_and_the_other_years() -> None:
    [flag] = parse_deadline("December", PERIOD_2012).flags
    assert flag.code == "deadline_year_inferred"
    assert "'December'" in flag.reason and "2012-12-01/2012-12-31" in flag.reason
    assert "2012-04-01 to 2013-03-31" in flag.reason
    assert flag.candidates == ("2011-12-01/2011-12-31", "2013-12-01/2013-12-31")


def test_ambiguous_quarter_offers_the_other_convention() -> None:
    [flag] = parse_deadline("Q3 2012", PERIOD_2012).flags
    assert "'Q3 2012'" in flag.reason and "financial" in flag.reason
    assert flag.candidates == ("2012-07-01/2012-09-30",)


def test_vague_year_offers_its_period_but_gives_no_date() -> None:
    deadline = parse_deadline("Mid 2007")
    [flag] = deadline.flags
    assert (deadline.start, deadline.end) == (None, None)
    assert "'Mid 2007'" in flag.reason
    assert flag.candidates == ("2007-01-01/2007-12-31",)


def test_unparsed_flag_quotes_the_cell_as_deadline_raw_prints_it() -> None:
    [flag] = parse_deadline("See\nabove").flags
    assert flag.code == "deadline_unparsed" and "'See / above'" in flag.reason


@pytest.mark.parametrize("raw", [raw for raw, _ in CASES] + [raw for raw, _, _ in PERIOD_CASES])
def test_every_flag_is_a_known_deadline_code_with_a_reason(raw: str) -> None:
    for flag in parse_deadline(raw, PERIOD_2012).flags:
        assert flag.code in FLAG_CODES and flag.code.startswith("deadline_")
        assert flag.field == "deadline" and flag.reason


# texts of a plan -> start, end, quarter convention
PLAN_PERIODS: list[tuple[list[str], tuple[str | None, str | None, str]]] = [
    (["SENSIBLE MEASURES-ACTION PLAN – OCTOBER 2008-APRIL 2009", "March 2009", "Ongoing"],
     ("2008-10-01", "2009-04-30", "calendar")),
    (["Leicestershire Local Area Agreement Safer Communities Delivery Plans 2006/7"],
     ("2006-04-01", "2007-03-31", "financial")),
    (["Delivery Plans 2006/7", "April 2006 Ongoing Ongoing", "Mid 2007", "Fiscal year 2006-07",
      "Adverts out end of March", "Mar 2007"],
     ("2006-04-01", "2007-03-31", "financial")),
    (["Warwickshire LAA improvement delivery plan 2008–2011"],
     ("2008-01-01", "2011-12-31", "calendar")),
    (["Warwickshire LAA improvement delivery plan 2008–2011", "2008/09", "Mar 09 Sept 08"],
     ("2008-04-01", "2011-03-31", "financial")),
    (["Substance Misuse Strategy Action Plan", "December 2012", "December", "Ongoing",
      "October 2012- March 2013", "June 2012", "Q3 2012/13"],
     ("2012-06-01", "2013-03-31", "financial")),
    (["Substance Misuse Strategy Action Plan", "December", "TBC"], (None, None, "financial")),
    ([], (None, None, "financial")),
]


@pytest.mark.parametrize(("texts", "expected"), PLAN_PERIODS,
                         ids=[texts[0][:30] if texts else "empty" for texts, _ in PLAN_PERIODS])
def test_plan_period(texts: list[str], expected: tuple[str | None, str | None, str]) -> None:
    period = plan_period(texts)
    start, end, convention = expected
    assert period.start == (start and D(start))
    assert period.end == (end and D(end))
    assert period.quarter_convention == convention


def test_plan_period_resolves_a_bare_month_of_the_2012_plan() -> None:
    period = plan_period(["Substance Misuse Strategy Action Plan", "December 2012", "December",
                          "June 2012", "March 2013"])
    assert columns(parse_deadline("December", period))[:3] == ("date", "2012-12-01",
                                                               "2012-12-31")


# -- properties ------------------------------------------------------------------------------

_PHRASES = st.sampled_from([
    "Mar 09", "Sept 08", "July 2012", "Dec2012", "31st March 2007", "31/03/2009", "2006/07",
    "Fiscal year 2006-07", "FY 08/09", "Q3 2012/13", "Q3 2012", "Summer 2007", "winter 2009",
    "May-June 2006", "June/July 06", "October 2012- March 2013", "Ongoing", "Ongoin",
    "Ongoing from April 06", "Quarterly", "Quarterly thereafter May 2006", "September annually",
    "Annual programme starting January 2012", "Completed", "TBC", "N/A", "Mid 2007", "1-2 years",
    "December", "Year 1", "See above", "2009", "by end of May 06", "(in preparation)", "-",
])
_SEPARATORS = st.sampled_from([" ", "\n", " / ", "\n\n", "  "])
_CELLS = st.lists(st.tuples(_PHRASES, _SEPARATORS), max_size=6).map(
    lambda parts: "".join(phrase + separator for phrase, separator in parts))
_PERIODS = st.sampled_from([None, PlanPeriod(), PERIOD_2006, PERIOD_2008, PERIOD_2012,
                            PlanPeriod(start=D("2009-02-10")), PlanPeriod(end=D("2010-01-31")),
                            PlanPeriod(D("1900-01-01"), D("2099-12-31"), "calendar")])


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=300) | _CELLS, period=_PERIODS)
def test_any_text_is_read_without_error(raw: str, period: PlanPeriod | None) -> None:
    deadline = parse_deadline(raw, period)
    assert deadline.kind == "missing" if not raw.strip() else deadline.kind != "missing"
    if deadline.start and deadline.end:
        assert deadline.start <= deadline.end
    if deadline.kind in ("date", "range"):
        assert deadline.end is not None and deadline.precision is not None


@settings(max_examples=300, deadline=None)
@given(raw=_CELLS | st.text(alphabet="Mar 09Sept/-\n0123456789onginQuartlyFY", max_size=60),
       period=_PERIODS)
def test_reading_deadline_raw_again_gives_the_same_deadline(
        raw: str, period: PlanPeriod | None) -> None:
    once = parse_deadline(raw, period)
    assert parse_deadline(raw, period) == once
    assert parse_deadline(deadline_raw(raw), period) == once


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(max_size=80) | _CELLS, max_size=8))
def test_plan_period_never_raises_and_is_ordered(texts: list[str]) -> None:
    period = plan_period(texts)
    assert period.quarter_convention in ("financial", "calendar")
    if period.start and period.end:
        assert period.start <= period.end


@settings(max_examples=200, deadline=None)
@given(months=st.lists(st.tuples(st.integers(1, 12), st.integers(6, 13)), min_size=1, max_size=8))
def test_a_list_of_months_is_due_at_the_latest(months: list[tuple[int, int]]) -> None:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov",
             "Dec"]
    raw = " ".join(f"{names[month - 1]} {year:02d}" for month, year in months)
    deadline = parse_deadline(raw)
    firsts = [dt.date(2000 + year, month, 1) for month, year in months]
    # The latest month is the deadline, several or not: its own first and last day.
    assert deadline.start == max(firsts)
    assert deadline.end is not None and deadline.end.replace(day=1) == max(firsts)
    assert ("deadline_several" in {f.code for f in deadline.flags}) == (len(set(months)) > 1)
    assert deadline.kind == "date"


#: Seconds after which a parse is taken to hang (a regular expression gone exponential
#: runs for hours; the slowest machine parses these cells in well under a second).
HANG_SECONDS = 120.0


@pytest.mark.parametrize("raw", [
    "Mar 09 " * 2000, "1" * 20000, " " * 20000, "Mar" + " " * 20000 + "09", "on-" * 5000,
    "from " * 4000, "2006-" * 4000, "Q1 " * 5000, "-\n" * 10000, " / " * 7000,
    "Ongoing from " * 2000, "early mid late " * 2000, "October\n" * 1500, "October\n2008 " * 1500,
    "February20 " * 3000, "Completed, quarterly " * 2000,
])
def test_long_pathological_cells_finish(raw: str) -> None:
    """Cells of thousands of repeated date words are read: no catastrophic backtracking,
    which would take hours (the bound is a hang detector far above any machine's time, not
    a speed figure; bench/speed.py measures speed)."""
    began = time.process_time()  # this process's CPU: a busy machine does not count
    assert parse_deadline(raw, PERIOD_2012).kind in get_args(DeadlineKind)
    assert time.process_time() - began < HANG_SECONDS


def test_four_digit_year_pair_follows_the_plans_convention() -> None:
    # A plan that names no financial year (a US county's schedule): calendar years, flagged.
    _, calendar = read_plan_deadlines("ADA Transition Plan", ["2020", "2022-2023", "2025"])
    assert (calendar["2022-2023"].kind, calendar["2022-2023"].start,
            calendar["2022-2023"].end) == ("range", dt.date(2022, 1, 1), dt.date(2023, 12, 31))
    assert [flag.code for flag in calendar["2022-2023"].flags] == ["deadline_vague"]
    # A plan that prints "2006/07" elsewhere: the UK financial year, but a doubt, as the same
    # four-digit form is a span of calendar years in the plan above (Decoy Primary's 2019
    # plan meant 2020 to 2021 by "2020 - 2021"); its own short form "2006/07" is no doubt.
    _, financial = read_plan_deadlines("Delivery Plan 2006/07",
                                       ["2006-2007", "2006/07", "March 2007"])
    assert (financial["2006-2007"].start, financial["2006-2007"].end) == (dt.date(2006, 4, 1),
                                                                         dt.date(2007, 3, 31))
    (flag,) = financial["2006-2007"].flags
    assert (flag.code, flag.severity) == ("deadline_vague", "review")
    assert flag.candidates == ("2006-04-01/2007-03-31", "2006-01-01/2007-12-31")
    assert financial["2006/07"].flags == ()


# -- how sure the choice among several dates is: the severity of deadline_several ------------


@pytest.mark.parametrize(("raw", "severity"), [
    ("Mar 09 Sept 08 Sept 08 Mar 09", "note"),  # the latest ends after every other
    ("July 2006 / Ongoing", "note"),  # the contract: a date beside "Ongoing" is due
    ("September 2006 / Mid 2007", "review"),  # the vague item may be the latest
    ("Sept/Oct 06 / Oct 06", "review"),  # two items end the same month: none is clearly last
])
def test_several_dates_are_a_note_only_when_the_latest_is_clear(raw: str, severity: str) -> None:
    (flag,) = [f for f in parse_deadline(raw, PERIOD_2012).flags if f.code == "deadline_several"]
    assert flag.severity == severity


def test_words_a_narrow_column_broke_are_mended_before_reading() -> None:
    # the Chama Cha Uzalendo plan's time-frame column (fresh5, issue 18)
    assert mend_broken_words("Octob\ner\n2019") == "October\n2019"
    assert mend_broken_words("October/N\november\n2019") == "October/November\n2019"
    assert mend_broken_words("December\n2019/Janu\nary 2020") == "December\n2019/January 2020"
    assert mend_broken_words("Continuou s\ncommenci\nng") == "Continuous\ncommencing"
    assert parse_deadline(mend_broken_words("Octob\ner\n2019")).end == dt.date(2019, 10, 31)
    for whole in ("by June 2021", "Sept ember", "Starting\nfrom\nSeptember\n2019", "May 2020"):
        assert mend_broken_words(whole) == whole


def test_a_phrase_a_narrow_column_wrapped_reads_as_one() -> None:
    # the Chama Cha Uzalendo plan's time frames (fresh5, issue 18)
    assert _span("June -\nOctober\n2021.") == ("range", "2021-06-01", "2021-10-31")
    assert _span("Octob\ner\n2019 –\nMarch 2020") == ("range", "2019-10-01", "2020-03-31")
    assert _span("January/Fe\nbruary\n2020.") == ("range", "2020-01-01", "2020-02-29")
    assert _span("Mar 09\nSept 08")[0] == "date"  # one date per line: still two items
    assert parse_deadline("Ongoing\n2019/20").end == dt.date(2020, 3, 31)


def test_onwards_read_as_a_due_date_is_a_doubt() -> None:
    assert "deadline_vague" in {flag.code for flag in
                                parse_deadline("November/December\n2019 onwards").flags}
    onward = parse_deadline("From February 2009 onwards")
    assert (onward.kind, onward.start, onward.flags) == ("ongoing", dt.date(2009, 2, 1), ())


def _span(cell: str) -> tuple[str, str, str]:
    deadline = parse_deadline(cell)
    return deadline.kind, str(deadline.start), str(deadline.end)
