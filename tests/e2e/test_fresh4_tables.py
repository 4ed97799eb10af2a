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
"""

from __future__ import annotations

from planharvest.lexicon import LEGEND_ENTRIES
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
