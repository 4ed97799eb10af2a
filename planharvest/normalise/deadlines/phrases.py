"""Reading the date phrases of one deadline cell: patterns, and a reader per phrase shape.

Every pattern in ``_PHRASES`` is tried at every position of the cell; each match
is handed to its reader (``_read_*``: day, month, season, range, financial year,
quarter, plan year, ongoing/recurring with a start, status words, vague phrases),
which returns a ``Reading`` or nothing. The surviving matches are chosen
leftmost-longest without overlaps, so "October 2012- March 2013" is one range and
not two months, and "31st March 2007" is a day, not a month. A phrase with no
printed year is placed in the plan period by ``_resolve_year`` and flagged.

Cost: linear in the length of the cell (each pattern is a single lookahead scan,
with bounded repetition, then one sort of the matches). A pattern is skipped on a
cell without its hint (a digit, "onwards", a range connector).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from planharvest.model import DeadlinePrecision, Flag, Recurrence
from planharvest.normalise.deadlines.mend import join_wrapped_lines, mend_broken_words
from planharvest.normalise.deadlines.vocabulary import (
    COMMON_WORD_DATES,
    COMPLETED_PHRASES,
    DATE_PREFIXES,
    DONE_WORDS,
    MAX_VAGUE_BEST_READING_DAYS,
    MONTH_WORDS,
    NO_DATE_PHRASES,
    ONGOING_PHRASES,
    PLAN_YEAR_WORDS,
    RECURRENCE_PHRASES,
    SEASON_START_MONTH,
    START_MARKERS,
    VAGUE_PHRASES,
    VAGUE_QUALIFIERS,
    Convention,
    Span,
)


@dataclass(frozen=True)
class PlanPeriod:
    """The years a plan covers, used to resolve a missing year."""

    start: dt.date | None = None
    end: dt.date | None = None
    quarter_convention: Convention = "financial"



# --------------------------------------------------------------------------------------------
# Regular-expression building blocks
# --------------------------------------------------------------------------------------------


def _words(fragments: Iterable[str]) -> str:
    """An alternation of fragments that only matches whole words, longest first."""
    body = "|".join(sorted(fragments, key=len, reverse=True))
    return rf"(?<![a-z])(?:{body})(?![a-z])"


_MONTH = _words(re.escape(word) for word in MONTH_WORDS) + r"\.?"
_SEASON = _words(SEASON_START_MONTH)
_DAY = r"(?<![\d/.])(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_ORDINAL = r"[ \t]*(?:st|nd|rd|th|er)(?![a-z])"  # "er": French "1er janvier"
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9])(?!\d)"
_YEAR4 = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
#: A year after a month: four digits or two (two-digit years are 20YY), not a day ("March 31st").
_YEAR = rf"(?:{_YEAR4}|'?\d{{2}}(?!\d|{_ORDINAL}))"
_FY_LABEL = r"(?<![a-z])(?:(?:fiscal|financial)[ \t]+year|fy)[ \t]*"
#: A financial year: "2006/07", "2006-07", "2008/9", "06/07"; labelled ones also "FY 08-09".
_FY = (
    rf"(?:{_FY_LABEL}(?:(?:19|20)?\d{{2}}[ \t]*[-/–][ \t]*\d{{1,4}})(?![\d/])"
    r"|(?<![\d/])(?:(?:19|20)\d{2}[ \t]*[-/–][ \t]*\d{1,2}|\d{2}/\d{2})(?![\d/]|-\d))"
)
_PREFIX = rf"(?:{_words(DATE_PREFIXES)}[ \t]+){{0,2}}"  # "by end of May 06"
_DASH = r"(?:-|–|—)"


#: What links a day to its month ("23rd *of* March", "14 *de* agosto") and, in Spanish, a
#: month to its year ("agosto *de* 2019").
_OF = r"(?:of|de)"
_YEAR_OF = r"(?:de[ \t]+)?"


def _group(name: str, body: str, named: bool) -> str:
    return f"(?P<{name}>{body})" if named else f"(?:{body})"


def _point_pattern(named: bool) -> str:
    """A day, month or season with an optional year; most specific shape first.

    Built twice: without group names to be embedded in larger phrases (ranges, "Ongoing from
    ..."), and with group names to take one such point apart (``_parse_point``).
    """
    def g(name: str, body: str) -> str:
        return _group(name, body, named)

    # "23rd of March 2011", "23-Mar" (a spreadsheet's day-month), "14 de agosto de 2019"
    day_month_year = (rf"{g('dmy_day', _DAY)}(?:{_ORDINAL})?(?:[ \t]*|-)(?:{_OF}[ \t]+)?"
                      rf"{g('dmy_month', _MONTH)}(?:[ \t,]*{_YEAR_OF}{g('dmy_year', _YEAR)})?")
    month_day_year = (rf"{g('mdy_month', _MONTH)}[ \t]*{g('mdy_day', _DAY)}"
                      rf"(?:{_ORDINAL}(?:[ \t]*,?[ \t]*{g('mdy_year', _YEAR4)})?"
                      rf"|[ \t]*,?[ \t]*{g('mdy_year2', _YEAR4)})")
    two_digits = r"\d{2}"
    iso = rf"{g('iso_year', _YEAR4)}-{g('iso_month', two_digits)}-{g('iso_day', two_digits)}(?!\d)"
    numeric = (rf"{g('num_day', _DAY)}(?P<sep>[/.-])" if named else rf"{_DAY}(?:[/.-])")
    numeric += rf"{g('num_month', _MONTH_NUMBER)}"
    numeric_year = (numeric + (r"(?P=sep)" if named else r"[/.-]")
                    + g("num_year", r"(?:19|20)?\d{2}(?!\d)"))
    # Month first, as US plans print it, where the day shows it (over 12: "11/13/2017").
    month_first = (g("us_month", r"(?<![\d/.])(?:1[0-2]|0?[1-9])") + "/"
                   + g("us_day", r"(?:1[3-9]|2\d|3[01])") + "/"
                   + g("us_year", r"(?:19|20)?\d{2}(?!\d)"))
    # Without a year only "28/3" reads as a day: "1.5" and "3-4" are too often not dates.
    numeric_no_year = (rf"{g('nd_day', _DAY)}/{g('nd_month', _MONTH_NUMBER)}(?![/\d])")
    # "March 2011", "Mar-2011", "Mar-11" (a spreadsheet's month-year), "May ‐ 2011" (a
    # hyphen, ASCII or Unicode's, set between spaces: an en dash there would be a range)
    month_year = (rf"{g('my_month', _MONTH)}(?:(?:[ \t,]*{_YEAR_OF}|[ \t]*[-\u2010\u2011][ \t]*)"
                  rf"{g('my_year', _YEAR)})?")
    season = (rf"{g('season', _SEASON)}(?:[ \t]+{g('season_year', _YEAR)}"
              r"(?:[ \t]*/[ \t]*\d{2,4})?)?")
    shapes = (day_month_year, month_day_year, iso, numeric_year, month_first, numeric_no_year,
              month_year, season)
    return "(?:" + "|".join(f"(?:{shape})" for shape in shapes) + ")"


_POINT = _point_pattern(named=False)
_POINT_PARTS = re.compile(_point_pattern(named=True), re.IGNORECASE)
#: What may follow "from", "starting" or a vague qualifier: a point, a financial year or a year.
_ANCHOR = rf"(?:{_POINT}|{_FY}|{_YEAR4})"
_ONGOING = _words(ONGOING_PHRASES)
# Not after a hyphen: "six-monthly", "bi-monthly" and "half-yearly" are other rhythms.
_RECURRING = "(?<!-)" + _words(fragment for fragment, _ in RECURRENCE_PHRASES)
_ANNUALLY = "(?<!-)" + _words([RECURRENCE_PHRASES[-1][0]])
_START_MARKER = _words(START_MARKERS)
_FEW_WORDS = r"(?:[ \t,]+[a-z]+){0,3}?"  # "Annual programme starting ..." (letters only)
_ONWARDS = r"(?:[ \t]+onwards?)?"


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------


def month_span(year: int, month: int, months: int = 1) -> Span:
    """From the first day of ``month`` to the last day of the ``months``-th month."""
    last_index = year * 12 + month - 1 + months - 1
    last_year, last_month = divmod(last_index, 12)
    last_day = calendar.monthrange(last_year, last_month + 1)[1]
    return dt.date(year, month, 1), dt.date(last_year, last_month + 1, last_day)


def financial_year(first_year: int) -> Span:
    return dt.date(first_year, 4, 1), dt.date(first_year + 1, 3, 31)


def quarter_span(year: int, quarter: int, convention: Convention) -> Span:
    """Quarter 1-4: of the financial year starting in April ``year``, or of calendar ``year``."""
    first_month = (4 if convention == "financial" else 1) + 3 * (quarter - 1)
    return month_span(year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 3)


def iso(span: Span) -> str:
    """A period as an ISO 8601 date or interval ("2009-03-01/2009-03-31")."""
    first, last = span
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _describe_period(period: PlanPeriod) -> str:
    first = period.start.isoformat() if period.start else "?"
    last = period.end.isoformat() if period.end else "?"
    return f"{first} to {last}"


def _two_digit_year(digits: str) -> int:
    """A two-digit year is 20YY."""
    return 2000 + int(digits)


def _year_value(text: str) -> int:
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else _two_digit_year(digits)


@dataclass(frozen=True)
class _Point:
    """A day, month or season as printed; ``year`` is None when none was printed."""

    precision: Literal["day", "month", "season"]
    month: int  # a season's first month
    day: int | None = None
    year: int | None = None

    def span(self, year: int) -> Span | None:
        """The period this point covers in ``year``; None when no such day exists."""
        try:
            if self.precision == "day":
                day = dt.date(year, self.month, self.day or 1)
                return day, day
            return month_span(year, self.month, 3 if self.precision == "season" else 1)
        except (ValueError, OverflowError):  # 30 February, 29 February of a common year
            return None

    def order(self) -> tuple[int, int]:
        """Position within a year, to tell whether a range crosses a new year."""
        return self.month, self.day or 0


@lru_cache(maxsize=4096)
def _parse_point(text: str) -> _Point | None:
    """Take one point phrase apart; None when its numbers make no date. Remembered: the same
    phrase is taken apart for the plan period and again for its cell, and cells repeat."""
    match = _POINT_PARTS.fullmatch(text.strip())
    if match is None:
        return None
    parts = {name: value for name, value in match.groupdict().items() if value}

    def year_of(*names: str) -> int | None:
        found = [parts[name] for name in names if name in parts]
        return _year_value(found[0]) if found else None

    def month_of(name: str) -> int:
        return MONTH_WORDS[parts[name].rstrip(".").lower()]

    if "dmy_month" in parts:
        return _Point("day", month_of("dmy_month"), int(parts["dmy_day"]), year_of("dmy_year"))
    if "mdy_month" in parts:
        return _Point("day", month_of("mdy_month"), int(parts["mdy_day"]),
                      year_of("mdy_year", "mdy_year2"))
    if "iso_year" in parts:
        month, day = int(parts["iso_month"]), int(parts["iso_day"])
        valid = 1 <= month <= 12 and 1 <= day <= 31
        return _Point("day", month, day, int(parts["iso_year"])) if valid else None
    if "num_day" in parts:
        return _Point("day", int(parts["num_month"]), int(parts["num_day"]),
                      year_of("num_year"))
    if "us_day" in parts:
        return _Point("day", int(parts["us_month"]), int(parts["us_day"]), year_of("us_year"))
    if "nd_day" in parts:
        return _Point("day", int(parts["nd_month"]), int(parts["nd_day"]))
    if "my_month" in parts:
        return _Point("month", month_of("my_month"), year=year_of("my_year"))
    return _Point("season", SEASON_START_MONTH[parts["season"].lower()],
                  year=year_of("season_year"))


def _yearless_word_is_date(text: str) -> bool:
    """"May" or "march" without a year is a date only when capitalised ("Adverts out end of
    March"); other month and season words are dates in any case."""
    words = re.findall(r"[a-z]+", text, re.IGNORECASE)
    return not any(word.lower() in COMMON_WORD_DATES and not word[0].isupper() for word in words)


def _resolve_year(
    printed: str, span_in: Callable[[int], Span | None], period: PlanPeriod | None
) -> tuple[Span | None, Flag]:
    """Place a phrase with no printed year in the plan period.

    The choice is the first occurrence starting on or after the first day of the period's first
    month and no later than its end; when none lies inside, the first one after the start (or,
    with only an end known, the last one before it). The flag names the text and offers the
    neighbouring years as candidates. Without a period nothing is chosen.
    """
    anchor = period and (period.start or period.end)
    if period is None or anchor is None:
        return None, Flag(code="deadline_year_inferred", field="deadline",
                          reason=f"'{printed}' has no year and the plan's period is unknown, "
                                 f"so no date was given")
    years = range(max(anchor.year - 1, dt.MINYEAR), min(anchor.year + 3, dt.MAXYEAR))
    options = [span for year in years if (span := span_in(year)) is not None]
    chosen, note = _choose_occurrence(options, period, anchor)
    if chosen is None:
        return None, Flag(code="deadline_year_inferred", field="deadline",
                          reason=f"'{printed}' has no year and names no day that exists near "
                                 f"the plan period {_describe_period(period)}")
    neighbours = tuple(iso(span) for span in options
                       if abs(span[0].year - chosen[0].year) == 1)
    return chosen, Flag(code="deadline_year_inferred", field="deadline",
                        reason=f"read '{printed}' as {iso(chosen)} from the plan period "
                               f"{_describe_period(period)}{note}",
                        candidates=neighbours)


def _choose_occurrence(options: list[Span], period: PlanPeriod, anchor: dt.date
                       ) -> tuple[Span | None, str]:
    """(the occurrence ``_resolve_year`` takes, a note when it lies outside the period)."""
    if period.start is None:
        before = [span for span in options if span[0] <= anchor]
        return (before[-1:] or options[:1] or [None])[0], ""
    floor = period.start.replace(day=1)
    after = [span for span in options if span[0] >= floor]
    inside = [span for span in after if period.end is None or span[0] <= period.end]
    note = ("" if inside
            else "; none lies within the period, so the first one after its start was taken")
    return (inside or after or options or [None])[0], note


def _year_pair(text: str) -> tuple[int, int] | None:
    """The two years of "2006/07", "2008-2011", "FY 08/09", "2008/9" (second year in full)."""
    match = re.search(r"(\d{2,4})[ \t]*(?:[-/–—]|to|until)[ \t]*(\d{1,4})", text, re.IGNORECASE)
    if match is None or len(match[1]) == 3:
        return None
    first = int(match[1]) if len(match[1]) == 4 else _two_digit_year(match[1])
    digits = match[2]
    if len(digits) == 4:
        return first, int(digits)
    scale = 10 ** len(digits)
    second = first - first % scale + int(digits)  # 2006 + "7" -> 2007, 2009 + "10" -> 2010
    return first, second + scale if second < first else second


# --------------------------------------------------------------------------------------------
# Readings and readers
# --------------------------------------------------------------------------------------------

Role = Literal["due", "ongoing", "recurring", "completed", "no_date", "unresolved"]


@dataclass(frozen=True)
class Reading:
    """One phrase of a cell, read.

    ``due`` has a period; ``ongoing`` and ``recurring`` may have a start period; ``unresolved``
    is a date phrase that gives no date (vague, or no year and no plan period). ``vague_within``
    is the period a vague phrase lies somewhere in ("Mid 2007": all of 2007); ``line`` is the
    line of the cell the phrase was printed on.
    """

    printed: str
    role: Role
    span: Span | None = None
    precision: DeadlinePrecision | None = None
    recurrence: Recurrence | None = None
    is_range: bool = False
    flags: tuple[Flag, ...] = ()
    vague_within: Span | None = None
    line: int = 0


Reader = Callable[[re.Match[str], str, PlanPeriod | None], "Reading | None"]


def _read_point_phrase(match: re.Match[str], printed: str,
                       period: PlanPeriod | None) -> Reading | None:
    """A day, month or season: "31st March 2007", "Mar 09", "Summer 2007", "December"."""
    point = _parse_point(match["point"])
    if point is None:
        return None
    if point.year is None and not _yearless_word_is_date(match["point"]):
        return None
    precision: DeadlinePrecision = point.precision
    if point.year is not None:
        span = point.span(point.year)
        return None if span is None else Reading(printed, "due", span, precision)
    span, flag = _resolve_year(printed, point.span, period)
    return Reading(printed, "due" if span else "unresolved", span,
                    precision if span else None, flags=(flag,))


def _range_years(first: _Point, last: _Point) -> tuple[int, int] | None:
    """Years for both ends when at least one is printed; a missing one follows the other
    ("May-June 2006"), crossing the new year when the months go backwards ("Nov-Feb 2013")."""
    crosses = first.order() > last.order()
    if first.year is not None and last.year is not None:
        return first.year, last.year
    if last.year is not None:
        return last.year - crosses, last.year
    if first.year is not None:
        return first.year, first.year + crosses
    return None


def _read_range(match: re.Match[str], printed: str,
                period: PlanPeriod | None) -> Reading | None:
    """"May-June 2006", "October 2012- March 2013", "between September and December"."""
    first, last = _parse_point(match["first"]), _parse_point(match["last"])
    connector = match["connector"].lower()
    if first is None or last is None:
        return None
    if connector == "and" and not match["between"]:
        return None  # "June 2006 and July 2006" lists two items
    if connector == "/" and first.year is not None:
        return None  # "Mar 09/Sept 08" lists two items; "June/July 06" is a range
    precision: DeadlinePrecision = last.precision
    years = _range_years(first, last)
    if years is not None:
        first_span, last_span = first.span(years[0]), last.span(years[1])
        if first_span is None or last_span is None or first_span[0] > last_span[1]:
            return None
        return Reading(printed, "due", (first_span[0], last_span[1]), precision, is_range=True)

    def span_in(year: int) -> Span | None:
        first_span = first.span(year)
        last_span = last.span(year + (first.order() > last.order()))
        return None if first_span is None or last_span is None else (first_span[0],
                                                                     last_span[1])

    span, flag = _resolve_year(printed, span_in, period)
    return Reading(printed, "due" if span else "unresolved", span, precision if span else None,
                    is_range=span is not None, flags=(flag,))


def _read_year_pair(match: re.Match[str], printed: str,
                    period: PlanPeriod | None) -> Reading | None:
    """A financial year ("2006/07", "Fiscal year 2006-07", "FY 08/09") or a span of years
    ("2008–2011"); two consecutive four-digit years ("2006-2007") are a financial year too."""
    pair = match["pair"]
    years = _year_pair(pair)
    if years is None:
        return None
    first, second = years
    years_span = (dt.date(first, 1, 1), dt.date(second, 12, 31))
    if second == first + 1 and not _calendar_pair(pair, period):
        if not _full_dashed(pair) or period is None:
            return Reading(printed, "due", financial_year(first), "financial_year")
        # "2020 - 2021" in a plan that prints its financial years otherwise ("2019/20"):
        # read as one, but a span of calendar years is as likely (the calendar case below)
        flag = Flag(code="deadline_vague", field="deadline",
                    reason=f"'{printed}' was read as the financial year {first}/{second % 100:02d}"
                           f", as the plan names financial years; it may be the calendar "
                           f"years {first} to {second} or an academic year",
                    candidates=(iso(financial_year(first)), iso(years_span)))
        return Reading(printed, "due", financial_year(first), "financial_year", flags=(flag,))
    if second == first + 1:
        flag = Flag(code="deadline_vague", field="deadline",
                    reason=f"'{printed}' was read as the calendar years {first} to {second}, "
                           f"as the plan names no financial years; it may be a financial or "
                           f"academic year",
                    candidates=(iso(years_span), iso(financial_year(first))))
        return Reading(printed, "due", years_span, "year", is_range=True, flags=(flag,))
    labelled = re.match(_FY_LABEL, pair, re.IGNORECASE)
    # "2006-08" could be August 2006 or 2006 to 2008: only four-digit spans are read.
    if labelled or not re.search(r"\d{4}$", pair) or not first < second <= first + 20:
        return None
    return Reading(printed, "due", (dt.date(first, 1, 1), dt.date(second, 12, 31)), "year",
                    is_range=True)


def _calendar_pair(pair: str, period: PlanPeriod | None) -> bool:
    """Two consecutive four-digit years joined by a dash ("2022-2023") in a plan whose texts
    name no financial year otherwise (no "FY", no "2006/07"): a span of calendar years, as
    US plans print them. Read alone (no plan), they stay a UK financial year."""
    return (period is not None and period.quarter_convention == "calendar"
            and _full_dashed(pair))


def _full_dashed(pair: str) -> bool:
    """Two four-digit years joined by a dash: "2022-2023", "2020 - 2021"."""
    return re.fullmatch(rf"{_YEAR4}[ \t]*[-–][ \t]*{_YEAR4}", pair.strip()) is not None


def _read_single_fy(match: re.Match[str], printed: str,
                    period: PlanPeriod | None) -> Reading | None:
    """"FY 2009": the financial year starting or ending in 2009; not decided, flagged."""
    year = _year_value(match["fy_year"])
    options = (financial_year(year - 1), financial_year(year))
    flag = Flag(code="deadline_vague", field="deadline",
                reason=f"'{printed}' may be the financial year ending or starting in {year}; "
                       f"no due date was given",
                candidates=tuple(iso(span) for span in options))
    return Reading(printed, "unresolved", flags=(flag,))


def _read_year(match: re.Match[str], printed: str,
               period: PlanPeriod | None) -> Reading | None:
    """A calendar year: "2009", "by end of 2007"."""
    year = int(match["year"])
    return Reading(printed, "due", (dt.date(year, 1, 1), dt.date(year, 12, 31)), "year")


def _read_quarter(match: re.Match[str], printed: str,
                  period: PlanPeriod | None) -> Reading | None:
    """"Q3 2012/13" (financial, exact), "Q3 2012" (by the plan's convention, flagged), "Q3"."""
    quarter = int(match["q"] or match["q_ordinal"])
    label = match["q_year"] or ""
    convention: Convention = period.quarter_convention if period else "financial"
    fy_years = _year_pair(label) if label else None
    if fy_years is not None:
        if fy_years[1] != fy_years[0] + 1:
            return None
        return Reading(printed, "due", quarter_span(fy_years[0], quarter, "financial"), "quarter")
    if label:
        year = int(label)
        chosen = quarter_span(year, quarter, convention)
        other: Convention = "calendar" if convention == "financial" else "financial"
        alternative = quarter_span(year, quarter, other)
        flag = Flag(code="deadline_quarter_ambiguous", field="deadline",
                    reason=f"read '{printed}' as the {convention} quarter {iso(chosen)} by the "
                           f"plan's convention; as a {other} quarter it would be "
                           f"{iso(alternative)}",
                    candidates=(iso(alternative),))
        return Reading(printed, "due", chosen, "quarter", flags=(flag,))
    span, flag = _resolve_year(printed, lambda year: quarter_span(year, quarter, convention),
                               period)
    return Reading(printed, "due" if span else "unresolved", span,
                    "quarter" if span else None, flags=(flag,))


def _read_plan_year(match: re.Match[str], printed: str,
                    period: PlanPeriod | None) -> Reading | None:
    """"Year 1": the plan's first year (financial under the financial convention), flagged."""
    word = match["plan_year"].lower()
    number = PLAN_YEAR_WORDS.get(word) or int(word)
    if not 1 <= number <= 10:
        return None
    if period is None or period.start is None:
        flag = Flag(code="deadline_year_inferred", field="deadline",
                    reason=f"'{printed}' counts from the plan's start, which is unknown, "
                           f"so no date was given")
        return Reading(printed, "unresolved", flags=(flag,))
    start = period.start
    if period.quarter_convention == "financial":
        first_year = start.year if start.month >= 4 else start.year - 1
        span = financial_year(first_year + number - 1)
        precision: DeadlinePrecision = "financial_year"
    else:
        year = start.year + number - 1
        span, precision = (dt.date(year, 1, 1), dt.date(year, 12, 31)), "year"
    flag = Flag(code="deadline_year_inferred", field="deadline",
                reason=f"read '{printed}' as {iso(span)}, year {number} of the plan period "
                       f"{_describe_period(period)}")
    return Reading(printed, "due", span, precision, flags=(flag,))


def _inner(text: str, period: PlanPeriod | None) -> Reading | None:
    """The one reading of a phrase embedded in a larger one ("Ongoing from <April 06>")."""
    readings = find_readings(text, period)
    return readings[0] if len(readings) == 1 else None


def _read_qualified(match: re.Match[str], printed: str,
                    period: PlanPeriod | None) -> Reading | None:
    """"Mid 2007", "early March 2008": always flagged vague. A qualified month or season keeps
    its period as a best reading; a qualified year or longer gives no date."""
    inner = _inner(match["qualified"], period)
    if inner is None or inner.role not in ("due", "unresolved"):
        return None
    if inner.span is None:
        flag = Flag(code="deadline_vague", field="deadline",
                    reason=f"'{printed}' is vague and its year is not known; no due date was "
                           f"given")
        return Reading(printed, "unresolved", flags=(*inner.flags, flag))
    days = (inner.span[1] - inner.span[0]).days + 1
    if days <= MAX_VAGUE_BEST_READING_DAYS:
        flag = Flag(code="deadline_vague", field="deadline",
                    reason=f"'{printed}' is vague; read as the whole of {iso(inner.span)}",
                    candidates=(iso(inner.span),))
        return Reading(printed, "due", inner.span, inner.precision, inner.recurrence,
                        inner.is_range, (*inner.flags, flag))
    flag = Flag(code="deadline_vague", field="deadline",
                reason=f"'{printed}' is vague: somewhere in {iso(inner.span)}; no due date was "
                       f"given",
                candidates=(iso(inner.span),))
    return Reading(printed, "unresolved", flags=(*inner.flags, flag), vague_within=inner.span)


def _recurrence_of(text: str) -> Recurrence | None:
    for fragment, recurrence in RECURRENCE_PHRASES:
        if re.search("(?<!-)" + _words([fragment]), text, re.IGNORECASE):
            return recurrence
    return None


def _read_with_start(match: re.Match[str], printed: str,
                     period: PlanPeriod | None) -> Reading | None:
    """"Ongoing from April 06", "from June 2006 onwards", "Annual programme starting January
    2012", "Quarterly thereafter May 2006": an ongoing or recurring item with a start."""
    start = _inner(match["anchor"], period)
    if start is None or start.role not in ("due", "unresolved"):
        return None
    lead = match["lead"] or ""
    recurrence = _recurrence_of(lead)
    role: Role = "recurring" if recurrence and not re.match(_ONGOING, lead, re.I) else "ongoing"
    if role == "recurring" and start.precision == "year":
        # "Annually, beginning in the year 2022": a year is no date the first round starts
        return Reading(printed, role, recurrence=recurrence, flags=(*start.flags, Flag(
            code="deadline_vague", field="deadline", evidence="start_year",
            reason=f"'{printed}' is a rhythm starting in a year; no start date was set")))
    return Reading(printed, role, start.span, start.precision, recurrence, flags=start.flags)


def _read_start_and_ongoing(match: re.Match[str], printed: str,
                            period: PlanPeriod | None) -> Reading | None:
    """"June 2017 and ongoing": ongoing from the date, a doubt, as the date may be meant as
    the first round's due date."""
    reading = _read_with_start(match, printed, period)
    if reading is None:
        return None
    flag = Flag(code="deadline_several", field="deadline",
                reason=f"'{printed}' was read as ongoing from {match['anchor'].strip()}; the "
                       f"date may instead be when a first round is due")
    return replace(reading, flags=(*reading.flags, flag))


def _read_anchored_rhythm(match: re.Match[str], printed: str,
                          period: PlanPeriod | None) -> Reading | None:
    """"September annually", "every December", "May 2006 quarterly thereafter".

    The date names when each round falls due. With a printed year it is the first round and
    becomes the start; without one the rhythm alone is the reading: no year is inferred,
    because nothing is missing from "September annually".
    """
    point = _parse_point(match["anchor"])
    if point is None:
        return None
    recurrence = _recurrence_of(match["rhythm"]) or "annually"  # "every December"
    span = point.span(point.year) if point.year is not None else None
    return Reading(printed, "recurring", span, point.precision if span else None, recurrence)


def _status_reader(role: Role) -> Reader:
    def read(match: re.Match[str], printed: str, period: PlanPeriod | None) -> Reading:
        return Reading(printed, role, recurrence=_recurrence_of(printed))
    read.__doc__ = f"A word or phrase meaning {role}."
    return read


def _read_vague_phrase(match: re.Match[str], printed: str,
                       period: PlanPeriod | None) -> Reading:
    """"1-2 years", "ASAP": a time that is not a date."""
    flag = Flag(code="deadline_vague", field="deadline",
                reason=f"'{printed}' is a length of time or a vague time, not a date; "
                       f"no due date was given")
    return Reading(printed, "unresolved", flags=(flag,))


def _compile(pattern: str) -> re.Pattern[str]:
    # A lookahead finds a match at every position, overlapping ones included; the selection
    # in find_readings then keeps the leftmost-longest.
    return re.compile(f"(?=(?P<phrase>{pattern}))", re.IGNORECASE)


#: A phrase the pattern cannot match without: a cell with none is not scanned for it.
_HAS_DIGIT = r"\d"
_RANGE_CONNECTOR = rf"{_DASH}|/|{_words(['to', 'until', 'till', 'and'])}"

#: Every phrase shape, in priority order for matches of equal start and length, with its
#: hint: a pattern every match contains (None: always scanned). A lookahead pattern is tried at
#: every position of the cell; the hint is one cheap search that spares most cells the costly
#: point alternation of shapes they cannot hold ("onwards", a range connector, a digit).
_PHRASES: tuple[tuple[re.Pattern[str], Reader, re.Pattern[str] | None], ...] = tuple(
    (_compile(pattern), reader, None if hint is None else re.compile(hint, re.IGNORECASE))
    for pattern, reader, hint in (
        (rf"{_words(VAGUE_QUALIFIERS)}[ \t-]*(?:of[ \t]+)?(?:the[ \t]+)?(?P<qualified>{_ANCHOR})",
         _read_qualified, None),
        (rf"(?P<lead>(?:{_ONGOING}|{_RECURRING}){_FEW_WORDS}[ \t,]+{_START_MARKER})[ \t]+"
         rf"(?:in[ \t]+)?(?:the[ \t]+year[ \t]+)?(?P<anchor>{_ANCHOR}){_ONWARDS}",
         _read_with_start, None),
        (rf"(?P<lead>{_words(['from', 'since'])})[ \t]+(?:in[ \t]+)?(?P<anchor>{_ANCHOR})"
         rf"{_ONWARDS}", _read_with_start, None),
        (rf"(?P<lead>)(?P<anchor>{_ANCHOR})[ \t]+onwards?", _read_with_start, "onward"),
        # "June 2017 and ongoing": the date the work starts, then it goes on (a doubt: a
        # reader may take the date as the due date).
        (rf"(?P<lead>)(?P<anchor>{_ANCHOR})[ \t]*(?:and|&)[ \t]+(?:then[ \t]+)?(?:{_ONGOING})",
         _read_start_and_ongoing, "going"),
        # "11/13/2017 start – ongoing": a start date, then the work goes on.
        (rf"(?P<lead>)(?P<anchor>{_ANCHOR})[ \t]+start(?:s|ed|ing)?[ \t]*[-–—,]?[ \t]*"
         rf"(?:{_ONGOING})", _read_with_start, "start"),
        (rf"(?P<anchor>{_POINT})[ \t,]+(?:and[ \t]+)?(?P<rhythm>{_RECURRING})[ \t]+thereafter",
         _read_anchored_rhythm, "thereafter"),
        (rf"(?P<anchor>{_POINT})[ \t]+(?P<rhythm>{_ANNUALLY})", _read_anchored_rhythm, _ANNUALLY),
        (rf"(?P<rhythm>{_words(['every', 'each'])})[ \t]+(?P<anchor>{_MONTH})",
         _read_anchored_rhythm, None),
        (rf"{_PREFIX}(?:(?P<between>(?<![a-z])(?:between|from))[ \t]+)?(?P<first>{_POINT})"
         rf"[ \t]*(?P<connector>{_RANGE_CONNECTOR})[ \t]*(?P<last>{_POINT})", _read_range,
         _RANGE_CONNECTOR),
        (rf"{_PREFIX}(?P<pair>{_FY}|(?<![\d/]){_YEAR4}[ \t]*(?:{_DASH}|/|to|until)[ \t]*"
         rf"{_YEAR4})", _read_year_pair, _HAS_DIGIT),
        (rf"{_FY_LABEL}(?P<fy_year>{_YEAR4}|\d{{2}})(?![\d/]|-\d)", _read_single_fy, None),
        (rf"{_PREFIX}(?:(?<![a-z])(?:q|quarter[ \t]*)(?P<q>[1-4])|(?<!\d)(?P<q_ordinal>[1-4])"
         rf"{_ORDINAL}[ \t]+quarter)(?!\d)(?:[ \t]*(?:of[ \t]+)?(?:the[ \t]+)?"
         rf"(?P<q_year>{_FY}|{_YEAR4}))?", _read_quarter, _HAS_DIGIT),
        (rf"{_PREFIX}(?P<point>{_POINT})", _read_point_phrase,
         rf"{_HAS_DIGIT}|{_MONTH}|{_SEASON}"),
        # Not "£2009", "2009%", nor the first half of "2006-08" or of a pair cut by the cell edge.
        (rf"{_PREFIX}(?<![\d£$€.,/])(?P<year>{_YEAR4})(?![%]|[ \t]*[-/–][ \t]*(?:\d|\n|$))",
         _read_year, _HAS_DIGIT),
        (rf"(?<![a-z])(?:year|yr)[ \t]*(?P<plan_year>\d{{1,2}}|{'|'.join(PLAN_YEAR_WORDS)})"
         r"(?![\da-z])", _read_plan_year, None),
        (_words(VAGUE_PHRASES), _read_vague_phrase, None),
        # "30-60 days from 12/22/2017": a length of time counted from a date is no date.
        (rf"(?:{VAGUE_PHRASES[0]})[ \t]+(?:from|after)[ \t]+(?:{_ANCHOR})", _read_vague_phrase,
         _HAS_DIGIT),
        # "Monthly ongoing", "Completed annually": a rhythm that qualifies the status word
        # beside it says the work recurs (not "Ongoing / quarterly", two items).
        (rf"{_RECURRING}[ \t]+{_ONGOING}|{_words(DONE_WORDS)}[ \t]+{_RECURRING}",
         _status_reader("recurring"), None),
        (_ONGOING, _status_reader("ongoing"), None),
        (_RECURRING, _status_reader("recurring"), None),
        (_words(COMPLETED_PHRASES), _status_reader("completed"), None),
        (_words(NO_DATE_PHRASES), _status_reader("no_date"), None),
    )
)


def prepare(raw: str) -> str:
    """Undo what layout does to a cell: words and phrases a narrow column broke or wrapped
    (``mend``: "Octob" / "er", "June -" / "October" / "2021."), a year broken after its
    hyphen by a line wrap ("2006-\\n07") or cut from its month ("February20 09",
    "October\\n2008"), odd spaces, and " / ", which is how ``deadline_raw`` joins a cell's lines
    (so reading ``deadline_raw`` again gives the same result as reading the cell)."""
    text = re.sub(r"[^\S\n]", " ", raw)
    text = re.sub(r"(?<!\S)/(?!\S)", "\n", text)  # a slash standing alone between spaces
    text = re.sub(r"([-–]) *\n\s*", r"\1", mend_broken_words(text))
    text = join_wrapped_lines(text)  # the lines of one phrase a narrow column wrapped
    # A month's four-digit year cut by extraction ("February20 09") or wrapped onto a line of
    # its own ("October\n2008").
    # (The cheap searches first spare long cells the month alternation at every position.)
    if _CUT_YEAR_HINT.search(text):
        text = _CUT_YEAR.sub(r"\1 \2\3", text)
    return _WRAPPED_YEAR.sub(r"\1 \2", text) if _WRAPPED_YEAR_HINT.search(text) else text


_CUT_YEAR_HINT = re.compile(r"[a-z.](?:19|20) \d\d", re.IGNORECASE)
_CUT_YEAR = re.compile(rf"({_MONTH})((?:19|20)) (\d{{2}})(?!\d)", re.IGNORECASE)
_WRAPPED_YEAR_HINT = re.compile(r"\n *(?:19|20)\d\d *(?:\n|$)")
# Blank lines between them too: ``deadline_raw`` drops blank lines, and reading it again
# must give the same deadline ("December\n\n2009").
_WRAPPED_YEAR = re.compile(rf"({_MONTH}) *\n[ \n]*({_YEAR4}) *(?=\n|$)", re.IGNORECASE)


#: A cell's phrase matches, each with the priority and reader of its pattern, in pattern
#: order. They do not depend on the plan period, so one scan serves both ``plan_period`` and
#: ``parse_deadline`` (see ``read_plan_deadlines``).
Scan = list[tuple[int, re.Match[str], Reader]]


def scan_phrases(text: str) -> Scan:
    """Every match of every phrase pattern in ``text`` (prepared), overlapping ones included."""
    return [(priority, match, reader)
            for priority, (pattern, reader, hint) in enumerate(_PHRASES)
            if hint is None or hint.search(text)
            for match in pattern.finditer(text)]


def find_readings(
    text: str, period: PlanPeriod | None, scan: Scan | None = None
) -> list[Reading]:
    """Every phrase of ``text`` that a reader accepts, leftmost-longest, without overlaps.
    ``scan`` is ``scan_phrases(text)`` when the caller has it already."""
    found: list[tuple[int, int, int, Reading]] = []
    for priority, match, reader in scan_phrases(text) if scan is None else scan:
        begin, end = match.span("phrase")
        reading = reader(match, " ".join(match["phrase"].split()), period)
        if reading is not None:
            found.append((begin, -(end - begin), priority, reading))
    found.sort(key=lambda item: item[:3])
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    chosen: list[Reading] = []
    free_from = 0
    for begin, negative_length, _, reading in found:
        if begin >= free_from:
            line = bisect_right(line_starts, begin) - 1
            chosen.append(replace(reading, line=line) if line else reading)
            free_from = begin - negative_length
    return chosen



def uses_financial_years(text: str) -> bool:
    """True when the text names a financial year: "FY", "fiscal", "2006/07", "Q3 2012/13"."""
    if re.search(_FY_LABEL, text, re.IGNORECASE):
        return True
    # "2006/2007" names a financial year; "2022-2023" alone does not (a span of calendar years
    # in a plan that names none: ``_calendar_pair``).
    pairs = re.finditer(rf"{_FY}|{_YEAR4}[ \t]*/[ \t]*{_YEAR4}", text, re.IGNORECASE)
    return any((years := _year_pair(pair[0])) and years[1] == years[0] + 1 for pair in pairs)
