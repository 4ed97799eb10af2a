"""Timelines: a deadline given by ticks under period columns instead of a date cell.

Wide plans draw their timetable as a run of narrow columns, one per quarter or month of the
plan's year ("Q1 .. Q4" under a spanning "2025/26", "Apr 24 .. Mar 25"), and mark with a
tick ("X", "✓", "√", "●") each period an action runs in. No cell holds a date, so without
this the rows have no deadline at all. A column is a period when its header lines name a
quarter or a month (``_PERIOD``) and a year can be found for it: in its own label, or in a
header line above it or above a column left of it (a cell spanning the run). A
timeline needs ``_MIN_PERIODS`` such columns in a row of the header, so a lone "Q1" or "March"
label is no timeline.

The deadline is the span from the start of the first ticked period to the end of the last,
written as a text the deadline reader parses ("July 2025 - March 2026", "Q2 2025/26"), and
the row is flagged (``deadline_from_ticks``): the year's meaning (a financial year when it
is written "2025/26", so Q1 starts in April; a calendar year otherwise) is a reading of the
layout, and the ticks may mark work in progress rather than a due date.

Some plans count their own years instead ("Year I" ... "Year V", "Year 1", each over its
quarters "1 2 3 4"): periods RELATIVE to a start the table never dates. Their ticks are
kept as printed, grouped by year ("Year I: 1, 3; Year II: 1"), a text no date can be read
from: the deadline is unknown and flagged, never a calendar date guessed from the plan's
title (a five-year plan "2017-2022" may count Ethiopian or financial years).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

#: A header line naming one period: a quarter or a month, perhaps with its year.
_PERIOD = re.compile(
    r"^(?:(?P<quarter>Q[1-4])|(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?)\s*(?P<year>(?:19|20)?\d{2}(?:\s?[/-]\s?(?:19|20)?\d{2})?)?$",
    re.IGNORECASE)
#: A header line that is only a year or a financial year ("2025", "2025/26", "2025-2026").
_YEAR = re.compile(r"^(?:FY\s?)?(?P<year>(?:19|20)\d{2}(?:\s?[/-]\s?(?:19|20)?\d{2})?)$",
                   re.IGNORECASE)
#: A cell that is only a tick: a mark, or the letter x, alone.
TICK = re.compile(r"^[xX✓✔√●•■✗✘☑☒]$")
#: A header line naming one year of the plan's own count: "Year I", "Year 2", "Year three".
_RELATIVE_YEAR = re.compile(
    r"^year\s+(?:[ivx]{1,4}|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)$",
    re.IGNORECASE)
#: A quarter of a relative year, as printed under it: "1" ... "4", "Q1" ... "Q4".
_RELATIVE_QUARTER = re.compile(r"^Q?[1-4]$", re.IGNORECASE)
#: Period columns a header needs to be a timeline.
_MIN_PERIODS = 3
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
#: The first month of each quarter of a financial year (UK: it starts in April).
_FY_QUARTERS = {1: 4, 2: 7, 3: 10, 4: 1}


@dataclass(frozen=True)
class Period:
    """One period column: its label as printed and the months it covers."""

    label: str
    first: tuple[int, int]  # (year, month)
    last: tuple[int, int]
    financial: bool  # the year is a financial year (Q1 starts in April)
    #: the plan's own year the period falls in ("Year I"): a relative period, no calendar
    #: date (``first`` and ``last`` are then unused)
    relative: str = ""


def _year(text: str) -> tuple[int, bool] | None:
    """(first calendar year, whether it is a financial year) of "2025", "25", "2025/26"."""
    parts = re.split(r"\s?[/-]\s?", text.strip())
    first = int(parts[0])
    first += 2000 if first < 100 else 0
    return first, len(parts) == 2


def _period(line: str, year: tuple[int, bool] | None) -> Period | None:
    match = _PERIOD.match(line.strip())
    if match is None:
        return None
    if match["year"]:
        year = _year(match["year"])
    if year is None:
        return None
    start, financial = year
    if match["quarter"]:
        quarter = int(match["quarter"][1])
        month = _FY_QUARTERS[quarter] if financial else 3 * quarter - 2
        first = (start + (financial and quarter == 4), month)
        return Period(line.strip(), first, (first[0], month + 2), financial)
    month = _MONTHS[match["month"][:3].lower()]
    first = (start + (financial and month < 4), month)
    return Period(line.strip(), first, first, financial)


def period_columns(header_lines: list[list[str]]) -> dict[int, Period]:
    """col -> Period of a header whose columns are a run of periods; {} when it is none.
    ``header_lines``: per column, the lines of its header cells top to bottom. A year printed
    alone ("2025/26") holds for its column and those right of it up to the next one: a cell
    spanning the run prints it once, over its first column."""
    found: dict[int, Period] = {}
    year, relative = None, ""
    for col, lines in enumerate(header_lines):
        years = [_YEAR.match(line.strip()) for line in lines]
        year = next((_year(match["year"]) for match in years if match), year)
        relative = next((" ".join(line.split()) for line in lines
                         if _RELATIVE_YEAR.match(line.strip())), relative)
        for line in lines:
            period = _period(line, year) or _relative_period(line, relative)
            if period is not None:
                found[col] = period
                break
    return found if len(found) >= _MIN_PERIODS else {}


def _relative_period(line: str, relative: str) -> Period | None:
    """A quarter ("1", "Q3") under a year of the plan's own count ("Year II"), or None."""
    if not relative or not _RELATIVE_QUARTER.match(line.strip()):
        return None
    return Period(line.strip(), (0, 0), (0, 0), False, relative)


def _as_text(first: tuple[int, int], last: tuple[int, int]) -> str:
    start = f"{calendar.month_name[first[1]]} {first[0]}"
    end = f"{calendar.month_name[last[1]]} {last[0]}"
    return start if first == last else f"{start} - {end}"


def ticked_deadline(cells: dict[int, str], periods: dict[int, Period]) -> tuple[str, str] | None:
    """(deadline text, the ticked labels) of a row's ticks under the period columns; None
    when no period is ticked."""
    ticked = [periods[col] for col in sorted(periods) if TICK.match(cells.get(col, "").strip())]
    if not ticked:
        return None
    first, last = ticked[0], ticked[-1]
    if first.relative:
        return _relative_text(ticked), ""
    labels = ", ".join(period.label for period in ticked)
    if first == last and first.financial and first.first != first.last:
        # one quarter of a financial year: "Q2 2025/26" (a month range would read as a range)
        quarter = next(q for q, month in _FY_QUARTERS.items() if month == first.first[1])
        year = first.first[0] - (first.first[1] < _FY_QUARTERS[1])
        return f"Q{quarter} {year}/{(year + 1) % 100:02d}", labels
    return _as_text(first.first, last.last), labels


def _relative_text(ticked: list[Period]) -> str:
    """The ticked quarters of relative years as printed, grouped by year: "Year I: 1, 3;
    Year II: 1" (no date can be read from it; see the module docstring)."""
    years: dict[str, list[str]] = {}
    for period in ticked:
        years.setdefault(period.relative, []).append(period.label.lstrip("Qq"))
    return "; ".join(f"{year}: {', '.join(quarters)}" for year, quarters in years.items())
