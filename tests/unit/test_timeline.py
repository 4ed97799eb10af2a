"""``extract/timeline``: period columns of a timeline's header and the deadline its ticks give."""

from __future__ import annotations

from planharvest.extract.timeline import period_columns, ticked_deadline
from planharvest.normalise.deadlines import parse_deadline


def _deadline(header: list[list[str]], ticks: dict[int, str]) -> tuple[str, str, str]:
    found = ticked_deadline(ticks, period_columns(header))
    assert found is not None
    parsed = parse_deadline(found[0])
    return parsed.kind, str(parsed.start), str(parsed.end)


def test_quarters_of_a_financial_year_printed_once_over_them() -> None:
    header = [["Action"], ["Lead"], ["2025/26", "Q1"], ["Q2"], ["Q3"], ["Q4"]]
    assert _deadline(header, {2: "X", 3: "X"}) == ("range", "2025-04-01", "2025-09-30")
    assert _deadline(header, {5: "✓"}) == ("date", "2026-01-01", "2026-03-31")


def test_quarters_of_a_calendar_year_start_in_january() -> None:
    header = [["Action"], ["Q1 2025"], ["Q2 2025"], ["Q3 2025"], ["Q4 2025"]]
    assert _deadline(header, {1: "√", 2: "√"}) == ("range", "2025-01-01", "2025-06-30")


def test_months_with_their_year_and_a_financial_year_rolling_over_january() -> None:
    months = [["Apr 24"], ["May 24"], ["Jun 24"], ["Jan 25"]]
    assert _deadline(months, {0: "x", 3: "x"}) == ("range", "2024-04-01", "2025-01-31")
    rolling = [["2024/25", "Nov"], ["Dec"], ["Jan"], ["Feb"]]
    assert _deadline(rolling, {1: "●", 2: "●"}) == ("range", "2024-12-01", "2025-01-31")


def test_no_timeline_without_a_run_of_periods_with_a_year() -> None:
    assert period_columns([["Action"], ["Q1"], ["Q2"], ["Q3"]]) == {}  # no year anywhere
    assert period_columns([["Action"], ["March 2025"], ["Lead"]]) == {}  # one period
    header = period_columns([["2025/26", "Q1"], ["Q2"], ["Q3"]])
    assert ticked_deadline({0: "", 1: "Done", 2: "see note"}, header) is None  # no tick
