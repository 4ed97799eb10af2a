"""What the first untouched score of the fresh3 set taught (issue 18), on its real file:
an action log's "Meeting date" column, all dates, beat the column headed "Deadline" for the
deadline, so every row was given its meeting's day as the due date with no flag.

* a label is read by its longest term: "Meeting date" is the day an action was raised (the
  reference's place in a log), not a due date, though it holds "date";
* a month and year with a hyphen between them, set between spaces ("May ‐ 2011", Unicode's
  hyphen), is that month.
"""

from __future__ import annotations

import datetime as dt

from planharvest.extract.roles import header_evidence
from planharvest.normalise.deadlines import parse_deadline
from tests.conftest import converted_sample

LOG_MARCH_2011 = "real/docs/uk_cabinet_office_transparency_board_action_log_2011_march.pdf"


def test_a_meeting_date_column_does_not_take_the_deadline_from_the_deadline_column() -> None:
    assert set(header_evidence("Meeting date")) == {"action_ref"}
    assert set(header_evidence("Date raised")) == {"action_ref"}
    assert set(header_evidence("Deadline")) == {"deadline"}
    actions = converted_sample(LOG_MARCH_2011).actions
    assert len(actions) == 16
    first = actions[0]
    assert first.action.startswith("Cabinet Office Transparency Team to work with the Home")
    assert (first.deadline_start, first.deadline_end) == (dt.date(2011, 5, 1),
                                                         dt.date(2011, 5, 31))
    # No row's deadline is its meeting's day any more: the column gives months.
    dated = [action for action in actions if action.deadline_start is not None]
    assert len(dated) >= 12
    assert all(action.deadline_start.day == 1 and action.deadline_end != action.deadline_start
               for action in dated)


def test_a_month_and_year_across_a_spaced_hyphen_is_that_month() -> None:
    for text in ("May \u2010 2011", "May - 2011", "May-2011"):
        deadline = parse_deadline(text)
        assert (deadline.start, deadline.end) == (dt.date(2011, 5, 1), dt.date(2011, 5, 31))
        assert not deadline.flags
    # An en dash between them stays a span, read with its doubt.
    assert parse_deadline("May \u2013 2011").flags


DRAFT_2021 = "real/docs/intl_us_federal_data_strategy_draft_action_plan_2021.pdf"


def test_white_shading_behind_a_cells_lines_cuts_no_phantom_column_or_rows() -> None:
    """A draft's target dates set on white paragraph shading, one rectangle per line: the
    rectangles draw nothing on the white page, so each milestone is one row with its date
    whole in the Target Date column (not a sixth column and a row per line)."""
    actions = converted_sample(DRAFT_2021).actions
    on_page_15 = [action for action in actions if action.page == 15]
    assert [action.action_id for action in on_page_15] == ["7.1", "7.2", "7.3", "7.4"]
    assert on_page_15[2].deadline_raw == ("Within 60 days of the completion of agency "
                                          "respective inventories")
    assert on_page_15[3].deadline_raw.startswith("Within 120 days of the completion")


def test_a_labelled_heading_a_point_larger_than_the_body_names_the_objective() -> None:
    """"Action 1: ..." set at 13 pt over 12 pt body (Word's coloured Heading 2, not bold)
    heads the milestones under it: their objective."""
    actions = converted_sample(DRAFT_2021).actions
    by_id = {action.action_id: action for action in actions}
    assert by_id["1.1"].objective == ("Action 1: Gather and Assess Data Identified for "
                                      "Priority Agency Questions")
    assert by_id["11.2"].objective == "Action 11: Geospatial Data Practices"
    assert by_id["11.2"].theme == "2021 Community of Practice and Shared Solution Actions"


MINUTES = "real/docs/uk_scottish_government_nacnc_minutes_2023.docx"


def test_a_minutes_action_table_whose_owner_column_is_headed_for() -> None:
    """Minutes' "No. | Action | For | Progress": "For" is too common a word to name the
    owner alone, but over a column of people's names the label and the content agree; the
    people are no organisation, so the owners stay empty with the reason flagged."""
    assert header_evidence("For")["owner"][0] < 80  # alone, no owner column
    assert header_evidence("By")["owner"][0] < 80  # "By" over dates is the deadline
    for label in ("Assigned to", "Actionee", "Resp."):  # minutes' owner labels
        assert header_evidence(label)["owner"][0] >= 80
    actions = converted_sample(MINUTES).actions
    assert [action.action_id for action in actions] == ["1", "2", "3", "4"]
    assert actions[0].action.startswith("RB to look to identify the exact requirements")
    assert all(action.theme == "Review of Action Points" for action in actions)
    assert all(not action.owners and "owner_person_only" in action.flags
               for action in actions)


SAXON_WOOD = "real/docs/uk_saxon_wood_accessibility_plan_2020.pdf"


def test_a_to_be_completed_by_label_makes_its_row_the_header() -> None:
    """"Objective | Progress | To be completed by": the due date's label says it in words
    the vocabulary lacked, so the header row was read as an action of its own."""
    assert header_evidence("To be completed by")["deadline"][0] >= 80
    assert "deadline" not in header_evidence("Completed")  # a status, not a due date
    actions = converted_sample(SAXON_WOOD).actions
    assert [action.action for action in actions] == [
        "Ensure fencing around sensory garden is rebuilt",
        "Monitor algae on footpaths to playground and ensure regular cleaning",
        "Monitor paving at end of path entering playground to eliminate trip hazards"]
    assert [action.deadline_raw for action in actions] == ["March 2020", "On-going", "On-going"]


def test_a_caption_naming_the_actions_status_is_no_theme() -> None:
    """"Completed actions" over the second table of an action log says which actions are
    closed, not what they are about: their theme stays empty, as the open ones' is."""
    actions = converted_sample(LOG_MARCH_2011).actions
    assert [action.page for action in actions].count(2) == 9
    assert all(action.theme == "" for action in actions)


def test_a_page_whose_only_rectangle_is_its_white_background_still_reads() -> None:
    """Hiding white shading must leave the finder lines to work with: a page whose only
    shapes are its white background and one rule is read as drawn, not refused."""
    actions = converted_sample("real/docs/uk_bright_futures_accessibility_plan_2024.pdf").actions
    assert len(actions) == 9


PANEL_MAY_2012 = "real/docs/uk_local_public_data_panel_actions_report_2012_may.odt"
LOG_JAN_2012 = "real/docs/uk_cabinet_office_transparency_board_action_log_2012_jan.doc"


def test_an_issue_column_before_the_action_names_its_objective() -> None:
    """"Issue | Action | To be actioned by | Latest Position": the issue each action answers
    is its objective (before, no row had one and one of them went unflagged); printed after
    the action ("Due by | Commitment | Status | Issues | Owner") the issues are notes."""
    # The label names notes; its place before the action makes it the objective, a guess
    # the row shows (objective_from_outcome).
    assert header_evidence("Issue")["notes"][0] >= 80
    actions = converted_sample(PANEL_MAY_2012).actions
    by_start = {action.action[:30]: action for action in actions}
    assert by_start["Secretariat/Shehla to provide "].objective == (
        "Revision of draft Benefits of Transparency paper")
    assert all(action.objective for action in actions)
    assert all("objective_from_outcome" in action.flags for action in actions)
    # After the action, "Issues" are the issues met on the way: notes, no objective.
    tracker = converted_sample(
        "real/docs/uk_cabinet_office_pm_transparency_commitments_update_2010.pdf").actions
    assert len(tracker) == 14
    assert all(action.objective == "" for action in tracker)


def test_a_blank_owner_label_takes_the_role_an_earlier_wider_header_gave_it() -> None:
    """A log's completed-actions table is one blank column wider than its open-actions
    table and leaves the owner's label blank: its other labelled columns line up with the
    first table's roles, so the blank one is the owner column, as it is there."""
    actions = converted_sample(LOG_JAN_2012).actions
    completed = [action for action in actions if action.owner_raw == "Sophia/ Met Office"]
    assert len(completed) == 2
    assert all(action.needs_review for action in completed)
