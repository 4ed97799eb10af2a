"""What fresh4 still taught once open (issue 18), each class on its real file:

* heading rows inside a table that name their level by a word and a number or letter
  ("ABILITY 1: ..." then "OBJECTIVE A: ...", "GOAL 2: ..." then "OBJECTIVE B: ...") give
  the theme and, under it, the objective: the plan's own words, in the order they come;
* a "Priority" column of ranks ("3", "2", "3") is no objective and no reference: whole
  numbers that do not count up are ranks;
* a labelled heading longer than the labelled-heading word limit ("Performance Objective
  1: ..." of 54 words) is a heading where the plan sets the same label as headings
  elsewhere: the layout says so, not a word count;
* a ruled row a page break cut at the foot of a page (top rule and column rules drawn, no
  bottom rule) is one row, not a row per line;
* a designed table of colour blocks (one filled rectangle per cell, white gutters, no
  rule) is a table: its rows are read, its header's sub-labels ("Q1" ... "Q4" under "TIME
  FRAME", "TRACK" under "STRATEGIC PRIORITY") are header lines, not actions, also where
  the header is repeated on the next page with a blank line in it; the track's name turned
  sideways in its cell is the theme; a tick under "Q1" reads as "Q1 √"; a "General
  objectives" column after the action is each action's aim (outcomes), not its objective,
  and does not veto the short titles of the "Planned activity" column.
"""

from __future__ import annotations

from planharvest.extract.roles import rank_share
from tests.conftest import converted_sample

TECHNOLOGY_PLAN = "real/docs/intl_mckinney_boyd_hs_technology_integration_plan_2012.pdf"


def test_level_labelled_heading_rows_give_theme_then_objective() -> None:
    actions = [action for action in converted_sample(TECHNOLOGY_PLAN).actions
               if 4 <= action.page <= 10]
    assert len(actions) == 40
    first = actions[0]
    assert first.theme.startswith("ABILITY 1 : Every student is entitled")
    assert first.objective == "OBJECTIVE A : Bring your own device(BYOD)"
    research = next(action for action in actions if "online research" in action.action)
    assert research.theme.startswith("ABILITY 5:")
    assert research.objective == "OBJECTIVE B : Research"
    global_issues = next(action for action in actions if "global issues" in action.action)
    assert global_issues.theme == "GOAL 1: Students will increase Global Awareness"
    assert global_issues.objective.startswith("OBJECTIVE A: Educators will merge Core Content")
    assert all(action.objective.startswith("OBJECTIVE") for action in actions)


def test_a_priority_column_of_ranks_is_no_objective_and_no_reference() -> None:
    actions = [action for action in converted_sample(TECHNOLOGY_PLAN).actions
               if 6 <= action.page <= 10]
    assert len(actions) == 28
    assert not any(action.action_id for action in actions)
    assert {action.notes for action in actions} <= {"1", "2", "3"}
    assert rank_share(["3", "2", "3"]) == 1.0
    assert rank_share(["1", "2", "3", "1", "2"]) == 0.0  # references restarting per section
    assert rank_share(["1", "2", "4", "7"]) == 0.0  # references with gaps


CAMPUS_PLAN = "real/docs/intl_mckinney_boyd_hs_campus_improvement_plan_2015.pdf"


def test_a_long_labelled_heading_is_a_heading_where_its_label_heads_others() -> None:
    actions = [action for action in converted_sample(CAMPUS_PLAN).actions if action.page >= 15]
    tip_411 = next(action for action in actions if "TIP 411" in action.action)
    assert tip_411.objective.startswith("Performance Objective 1: MBHS will implement the TIP")
    assert tip_411.objective.endswith("We will also post it in our social media for our parents.")
    assert len(tip_411.objective.split()) > 40
    assert tip_411.theme.startswith("Goal 2: MBHS will continue to emphasize")


CORE_STRATEGY = "real/docs/uk_broads_authority_core_strategy_2007.pdf"


def test_a_row_cut_at_the_foot_of_a_page_is_one_row() -> None:
    actions = [action for action in converted_sample(CORE_STRATEGY).actions
               if 73 <= action.page <= 82]
    assert len(actions) == 13
    water = next(action for action in actions if action.action_ref.startswith("CS13"))
    assert water.action_id == "CS13 CS14 CS15"
    assert water.objective == "Water space Management"
    assert water.page == 79
    assert water.action.startswith("Sediment Management Strategy 2006/07, implement action plan")
    assert "Valley and site management plans" in water.action


PROGRAMME = "real/docs/intl_aasu_annual_programme_2025.pdf"


def test_a_table_of_colour_blocks_gives_one_row_per_activity() -> None:
    actions = [action for action in converted_sample(PROGRAMME).actions
               if 4 <= action.page <= 11]
    assert len(actions) == 12
    assert not any(action.action.upper().startswith(("PLANNED ACTIVITY", "Q1"))
                   for action in actions)
    first = actions[0]
    assert first.theme == "EDUCATION AND STUDENTS RIGHTS"
    assert first.action_id == "1"
    assert first.action.startswith("SDG 4 Moni")
    assert first.objective == ""
    assert first.deadline_raw.startswith("Q1 √")
    pad = next(action for action in actions if action.action == "Pad a girl initiative")
    assert pad.theme == "GENDER ADVOCACY"
    assert "Menstrual Hygiene" in (pad.outcomes or "")
    assert {action.theme for action in actions} == {
        "EDUCATION AND STUDENTS RIGHTS", "GENDER ADVOCACY", "CAPACITY BUILDING",
        "MIGRATION AND MOBILITY"}
    assert all(action.flags for action in actions)
