"""Layout classes of the fresh2 plans (issue 18, round 5: plans scored untouched, then
opened), each tried on the real plan of `samples/real/` it was found in, converted end to end:

* a Word table printed to PDF whose body rows draw no column rules, under a header cell
  shaded twice (a second, narrower shading as tall as the cell): the shading draws no column
  rule, so each body row is cut into the header's columns; a row cut by a page break goes
  on at the next page's top in a box with no column rules, read in the same columns;
* a "What | Why | Who | When" table whose Why column (a purpose) is wider than its What
  column: the What column is still the action;
* long numbered goal headings ("Goal 5: ...", over 14 words) set straight under a bold caption;
* an action log of small headerless tables, one per section, with owners as initials: read
  together, the tables are an action table (inferred, flagged);
* labelled timing cells ("Start: ... End: ..."): a range to the end; a start alone is no due
  date; a US date whose day shows it is month-first;
* a log's yearless months placed after the meeting date that raised the row;
* section rows inside a table that set a numbered title over a paragraph of running text:
  the title is the theme; references printed with a label ("Activity 3.1") give the number.
"""

from __future__ import annotations

import datetime as dt

from tests.conftest import converted_sample

ZOO = "real/docs/intl_louisville_zoo_strategic_plan_2018.pdf"
YOUTH = "real/docs/intl_louisville_youth_detention_strategic_plan_2018.pdf"
SAFE = "real/docs/intl_louisville_safe_neighborhoods_strategic_plan_2018.pdf"
ODUG = "real/docs/uk_odug_action_log_2013_july.pdf"
LOG = "real/docs/uk_cabinet_office_transparency_board_action_log_2012_jan.doc"
DWP = "real/docs/uk_dwp_open_data_strategy_refresh_2013.pdf"


def test_a_table_ruled_only_between_rows_is_read_in_its_headers_columns() -> None:
    """The Zoo plan's ten work tables: all 46 rows, each row's cells in their own columns."""
    actions = converted_sample(ZOO).actions
    assert len(actions) == 46
    by_action = {action.action: action for action in actions}
    master = by_action["Implement the Master Plan"]
    assert master.owner_raw == "John"
    assert master.deadline_raw == "In progress / need $80 Million by 2022"
    confirm = by_action["Confirm Current Renewal Rate"]
    assert confirm.deadline_end == dt.date(2018, 2, 1)
    assert confirm.theme == ("Goal 2: Increase the Membership Renewal Rate from the Baseline "
                             "to Target (TBD)")


def test_long_numbered_goal_headings_are_themes() -> None:
    actions = converted_sample(ZOO).actions
    themes = list(dict.fromkeys(action.theme for action in actions))
    assert themes[0] == "Goal 1: Increase Attendance to 1 Million Visitors Per Year by FY2020"
    assert len(themes) == 10
    assert themes[4].startswith("Goal 5: Increase Awareness of the Zoo’s Brand Pillars")


def test_a_wider_why_column_does_not_take_the_action_from_what() -> None:
    actions = converted_sample(YOUTH).actions
    texts = {action.action for action in actions}
    assert "Create a Realistic Job Preview (RJP) Video" in texts
    assert not any(text.startswith("To attract") for text in texts)


def test_labelled_start_and_end_cells() -> None:
    by_raw = {action.deadline_raw: action for action in converted_sample(YOUTH).actions}
    both = by_raw["Start: September 2017 / End: February 2018"]
    assert (both.deadline_kind, both.deadline_start, both.deadline_end) == (
        "range", dt.date(2017, 9, 1), dt.date(2018, 2, 28))
    start_only = by_raw["Start: July 1, 2018"]
    assert start_only.deadline_kind == "unknown" and start_only.deadline_end is None
    assert "deadline_vague" in start_only.flags and start_only.needs_review
    going_on = by_raw["Start: March 2018 and continuing"]
    assert (going_on.deadline_kind, going_on.deadline_start) == ("ongoing", dt.date(2018, 3, 1))
    assert by_raw["Start: TBD/End: January 2019"].deadline_end == dt.date(2019, 1, 31)


def test_a_month_first_date_whose_day_shows_it() -> None:
    by_raw = {action.deadline_raw: action for action in converted_sample(SAFE).actions}
    assert by_raw["June 2021"].deadline_end == dt.date(2021, 6, 30)
    started = by_raw["11/13/2017 start – ongoing"]
    assert (started.deadline_kind, started.deadline_start) == ("ongoing", dt.date(2017, 11, 13))


def test_a_row_cut_by_a_page_break_onto_a_box_with_no_column_rules() -> None:
    """Zoo p.4/5 and Youth Detention p.5/6: the rest of the row, at the next page's top, is
    cut into the columns of the table above and joined to its row."""
    zoo = {action.action: action for action in converted_sample(ZOO).actions}
    assert zoo["Implement Stewardship Plan"].owner_raw == "Stewardship Manager (new)"
    assert zoo["Cultivate New Donors"].deadline_end == dt.date(2019, 6, 30)
    youth = {action.action: action for action in converted_sample(YOUTH).actions}
    plan = youth["To develop and Implement the communication plan"]
    assert (plan.deadline_kind, plan.deadline_start, plan.deadline_end) == (
        "range", dt.date(2018, 2, 1), dt.date(2018, 12, 31))
    assert "To develop and" not in youth


def test_small_headerless_tables_with_initials_are_one_action_log() -> None:
    """ODUG's log: eleven three-column tables with no header anywhere, owners as initials."""
    actions = converted_sample(ODUG).actions
    assert len(actions) == 19
    first = actions[0]
    assert first.action == "Circulate minutes and actions from fifteenth meeting"
    assert (first.theme, first.owner_raw) == ("Secretariat", "KK")
    assert all("table_roles_inferred" in action.flags for action in actions)
    assert actions[-1].theme == "Other"


def test_a_logs_yearless_months_follow_the_meeting_that_raised_them() -> None:
    actions = converted_sample(LOG).actions
    months = {(action.notes.split("\n")[0], action.deadline_raw): action.deadline_end
              for action in actions if action.deadline_raw in ("December", "January")}
    assert months[("13/12/2011", "December")] == dt.date(2011, 12, 31)
    assert months[("13/12/2011", "January")] == dt.date(2012, 1, 31)
    assert all(end is not None for end in months.values())


def test_section_rows_over_running_text_and_labelled_references() -> None:
    actions = [action for action in converted_sample(DWP).actions if action.page in range(9, 14)]
    assert len(actions) == 12
    by_id = {action.action_id: action for action in actions}
    assert by_id["3.1"].action_ref == "Activity 3.1"
    assert by_id["3.1"].theme == "3.1 Welfare Sector Transparency Board (WSTB)"
    assert by_id["3.3.2"].theme == ("3.3 Engagement with external data users and the Open "
                                    "Data Institute (ODI)")
    assert by_id["3.4.8"].theme == "3.4 Feedback from key stakeholders and data users"
    assert by_id["3.3.2"].deadline_end == dt.date(2014, 12, 31)
