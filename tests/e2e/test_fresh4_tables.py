"""What the first untouched score of the fresh4 set taught (issue 18), on its real file: a
planning service's print of a school improvement plan, one small table per performance
objective under a repeated goal.

* a caption that only names the labelled headings under it ("Goals") is no theme: the goal
  is the theme and "Performance Objective n: ..." (a qualified label) its objective, even
  where both are set alike;
* a header row already read over an earlier table, repeated at the top of a table read as
  a continuation, is no action; nor is a legend of review icons ("= Accomplished = ...");
* a registry name opening a post's title ("School Resource Officers") names the post, not
  the body: no owner "Schools" kept without a flag.

And a local plan's implementation framework (Policy | Topic Heading | Implementation | Lead
Partner), one ruled table per policy group:

* the header is read by its words (vocabulary in ``roles.csv``); the "Monitoring:" and
  "Indicators: ..." rows under each group are notes, no actions;
* the spanning rows over each header ("The Core Strategy policies below meet the Spatial
  Vision (as set out in paragraphs 4.10, ...)", "Illustrated on Key Diagram by: ...") are
  notes, so the section heading above stays the theme;
* a reference cell naming several policies of one series ("CS5 & CS6") gives the ids one
  space apart ("CS5 CS6").
"""

from __future__ import annotations

from planharvest.lexicon import LEGEND_ENTRIES
from planharvest.normalise.refs import normalise_ref
from tests.conftest import converted_sample

CAMPUS_PLAN = "real/docs/intl_mckinney_boyd_hs_campus_improvement_plan_2015.pdf"


def test_one_table_per_performance_objective_gives_one_row_each_under_its_goal() -> None:
    actions = [action for action in converted_sample(CAMPUS_PLAN).actions if action.page >= 15]
    assert len(actions) == 12
    assert not any(action.action.startswith(("Strategy Description", "="))
                   for action in actions)
    first = actions[0]
    assert first.theme.startswith("Goal 1: MBHS will develop and implement a plan of action")
    assert first.objective.startswith("Performance Objective 1: MBHS will use their PLC")
    second = actions[1]
    assert second.theme == first.theme
    assert second.objective.startswith("Performance Objective 2: MBHS teachers")
    assert {action.theme[:7] for action in actions} >= {"Goal 1:", "Goal 8:"}


def test_job_titles_give_no_owner_and_are_flagged() -> None:
    actions = [action for action in converted_sample(CAMPUS_PLAN).actions if action.page >= 15]
    tip_411 = next(action for action in actions if "TIP 411" in action.action)
    assert tip_411.owners == []
    assert tip_411.flags
    assert all(action.flags for action in actions if not action.owners)


def test_a_legend_of_symbols_reads_as_entries() -> None:
    assert LEGEND_ENTRIES.match("= Accomplished = Considerable")
    assert LEGEND_ENTRIES.match("= No Progress = Discontinue")
    assert not LEGEND_ENTRIES.match("Accomplished")
    assert not LEGEND_ENTRIES.match("= 5 schools")


CORE_STRATEGY = "real/docs/uk_broads_authority_core_strategy_2007.pdf"


def test_an_implementation_framework_gives_one_row_per_policy_group() -> None:
    actions = [action for action in converted_sample(CORE_STRATEGY).actions
               if 73 <= action.page <= 82]
    assert not any(action.action.startswith(("State of the Park", "Indicators"))
                   for action in actions)
    first = actions[0]
    assert first.theme == "Respecting the Environment and Cultural Assets"
    assert first.objective == "Landscape protection and enhancement"
    assert first.action_id == "CS1 CS2"
    assert first.action.startswith("Provision of greater guidance on specific areas through:")
    by_id = {action.action_id: action for action in actions}
    assert by_id["CS5 CS6"].action_ref == "CS5 & CS6"
    assert by_id["CS9 CS10 CS11 CS12"].theme == "Use and Enjoyment of Water and Land"
    assert by_id["CS24 CS25"].theme == "Fostering Communities"
    assert all(action.flags for action in actions)


def test_several_codes_of_one_series_are_ids_one_space_apart() -> None:
    assert normalise_ref("CS5 & CS6") == "CS5 CS6"
    assert normalise_ref("CS9 CS10 CS11 CS12") == "CS9 CS10 CS11 CS12"
    assert normalise_ref("P1, P2") == "P1,P2"  # a comma printed stays
    assert normalise_ref("PB C1") == "PBC1"  # one code spaced out
