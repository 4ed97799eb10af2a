"""What the first untouched score of the fresh4 set taught (issue 18), on its real files:

* a scope of work lists numbered actions under each objective and prints ONE labelled
  "Timeframe:" line per objective, after the lists: every action of the list is due then
  (flagged: the deadline is the objective's, shared); the list may be one paragraph ("1. ...
  2. ...") or a number | item table, and a "Deliverables:" list after it holds outputs;
* a "Timeline" cell that says when the work BEGINS ("Begin implementation beginning of
  year 2013-2014") is no due date: ongoing, no period, for review;
* a status table of current practice ("Purpose(s) | 1st Initiated | % Utilized | Person(s)
  Responsible | Evidence") has its purposes as the actions and its start dates not as
  deadlines.
"""

from __future__ import annotations

import datetime as dt

from planharvest.extract.labelled import numbered_items
from planharvest.normalise.deadlines import parse_deadline
from tests.conftest import converted_sample

MID_SHORE = "real/docs/intl_mid_shore_regional_council_fy22_scope_of_work.pdf"
TECH_PLAN = "real/docs/intl_mckinney_boyd_hs_technology_integration_plan_2012.pdf"


def test_one_timeframe_line_gives_every_listed_action_of_its_objective_its_deadline() -> None:
    actions = converted_sample(MID_SHORE).actions
    assert len(actions) == 25
    by_objective: dict[str, list[str]] = {}
    for action in actions:
        by_objective.setdefault(action.objective, []).append(action.action_ref)
    assert by_objective == {
        "Develop strategies to ensure proper physical infrastructure and economic development "
        "plans are in place.": [str(n) for n in range(1, 9)],
        "Diversify the local economy.": [str(n) for n in range(1, 7)],
        # No "Actions:" list: its one list (deliverables phrased as actions) is its actions.
        "Maintain operations and funding for MSRC.": ["", "", ""],
        "Regional Planning": ["1", "2", "3", "4"],
        "A strong, unified, and effective voice in the state legislative process.":
            ["1", "2", "3", "4"],
    }
    assert {action.theme for action in actions} == {"Objectives and Activities"}
    assert all((action.deadline_kind, action.deadline_start, action.deadline_end)
               == ("range", dt.date(2021, 7, 1), dt.date(2022, 6, 30)) for action in actions)
    # Flagged as a note: the list and its one line are how the plan prints them.
    assert all("labelled_lines" in action.flags and not action.needs_review
               for action in actions)
    # The deliverables after an "Actions:" list are outputs, not actions.
    assert not any(action.action == "Regional GIS center operational." for action in actions)
    assert actions[0].action == ("Facilitate annual CEDS process and coordinate project "
                                 "implementation.")


def test_a_numbered_list_in_one_paragraph_splits_only_at_consecutive_numbers() -> None:
    assert numbered_items("1. Fund 2 posts. 2. Review the plan.", 1) == [
        ("1", "Fund 2 posts."), ("2", "Review the plan.")]
    assert numbered_items("Fund 2. Posts", 1) == []


def test_a_timeline_saying_when_work_begins_is_no_deadline() -> None:
    deadline = parse_deadline("Begin implementation beginning of year 2013-2014")
    assert (deadline.kind, deadline.start, deadline.end) == ("ongoing", None, None)
    assert [flag.code for flag in deadline.flags] == ["deadline_vague"]
    # A start that states a due date after all is read as that date.
    assert parse_deadline("Start work by June 2012").end == dt.date(2012, 6, 30)


def test_a_status_tables_purposes_are_its_actions_and_its_start_dates_no_deadline() -> None:
    actions = converted_sample(TECH_PLAN).actions
    assert len(actions) == 40
    current = [action for action in actions if action.page in (4, 5)]
    assert len(current) == 12
    assert current[0].action.startswith("Allow students to bring personal devices on campus")
    assert all(action.deadline_kind == "missing" for action in current)
    future = [action for action in actions if action.page > 5]
    assert all(action.deadline_kind == "ongoing" and action.deadline_end is None
               and action.needs_review for action in future)
