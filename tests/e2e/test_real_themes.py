"""Themes of real plans (issue 18, wild2): where each row's theme and objective come from,
tried on plans of `samples/real/`, converted end to end:

* a heading a layout program hid under a newer one (a text frame left under a filled band
  that the new heading is printed on) is not read: what a reader sees is the new heading;
* section headings numbered as parts of the document ("3.1 Welfare Sector Transparency
  Board") inside a table are its themes, and the paragraph describing each, under it in the
  table or in its cell, is no heading;
* a heading over a table of contents heads no part of the plan: the numbered section
  headings after it are themes of their own.
"""

from __future__ import annotations

import pdfplumber

from planharvest.extract.pdf.objects import QuickPage, quick_pages
from tests.conftest import SAMPLES, converted_sample

FEDERAL_2020 = "real/docs/intl_us_federal_data_strategy_action_plan_2020.pdf"
DWP = "real/docs/uk_dwp_open_data_strategy_refresh_2013.pdf"
PARK_2019 = "real/docs/uk_park_community_accessibility_plan_2019.pdf"


def test_a_heading_hidden_under_a_newer_frame_is_not_read() -> None:
    """Page 40 prints "ACTION 14 / Develop a Data Ethics Framework" on a dark band painted
    over an older frame ("ACTION 17 / Pilot an Automated Tool ..."), which read as the
    theme of every action after it (0.31 of the holdout's themes right)."""
    with pdfplumber.open(SAMPLES / FEDERAL_2020) as pdf:
        page = quick_pages(pdf)[39]
        assert isinstance(page, QuickPage)
        hidden = page.overpainted()
        text = "".join(char["text"] for char in page.chars if id(char) in hidden)
        assert text.startswith("ACTION 17Pilot an Automated Tool")
        assert "ACTION 14" not in text
    actions = converted_sample(FEDERAL_2020).actions
    on_40 = [action for action in actions if action.page == 40]
    assert len(on_40) == 3
    assert {(a.theme, a.objective) for a in on_40} == {
        ("Shared Solution Actions", "ACTION 14 Develop a Data Ethics Framework")}
    assert {a.theme for a in actions if a.page is not None and 37 <= a.page <= 46} == {
        "Shared Solution Actions"}


def test_numbered_sections_inside_a_table_are_its_themes() -> None:
    """One ruled table over five pages, each section a row "3.1 ..." and then a row (or
    the rest of its cell) of description."""
    actions = converted_sample(DWP).actions
    themes = [a.theme for a in actions if a.page is not None and 9 <= a.page <= 13]
    assert themes[:4] == [
        "3.1 Welfare Sector Transparency Board (WSTB)", "3.2 DWP Open Data Group",
        "3.3 Engagement with external data users and the Open Data Institute (ODI)",
        "3.3 Engagement with external data users and the Open Data Institute (ODI)"]
    assert set(themes[4:]) == {"3.4 Feedback from key stakeholders and data users"}


def test_a_contents_heading_is_no_theme() -> None:
    """"Contents" (a larger heading) over dotted entries, then "1. Aims", "3. Action plan"
    at a smaller size: those were read as objectives under "Contents"."""
    actions = converted_sample(PARK_2019).actions
    assert {a.theme for a in actions if a.page in (4, 5)} == {"3. Action plan"}
    assert {a.theme for a in actions if a.page in (7, 8)} == {"Appendix 1: Accessibility audit"}
