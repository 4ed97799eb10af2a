"""Layout classes of plans no one here had seen (issue 18, the fresh set and generated wild
plans), each tried on a real plan of `samples/real/` or a small Word file written with
python-docx, converted end to end:

* a ruled log whose cells are split in two by a column's own rules: the lower halves repeat
  the row, and give no action of their own;
* a plan's title repeated at the top of every page under its logo: the table still runs on
  across the pages, with its year sections as themes; a status column of due dates stands in
  for the missing deadline column (inferred, flagged);
* a paper's reference over its title: the title is the title, and no theme;
* a tracker with sub-tasks under merged parent cells, and section names alone in the action
  column;
* an owner column headed "To be actioned by" (an OpenDocument file); its "Issue" column,
  before the action, is the objective (an "Issues" column after the action is notes);
* a plan costing its actions in one column is read; a budget of several columns of amounts
  is not.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.conftest import convert_word_plan, converted_sample

ACTION_LOG = "real/docs/uk_cabinet_office_transparency_board_action_log_2011_june.pdf"
PRIMACARE = "real/docs/intl_primacare_multi_year_accessibility_plan_2023.pdf"
STATUS = "real/docs/uk_cabinet_office_transparency_board_actions_status_2011.pdf"
PANEL_REPORT = "real/docs/uk_local_public_data_panel_actions_report_2012_may.odt"
COMMITMENTS = "real/docs/uk_cabinet_office_pm_transparency_commitments_update_2010.pdf"


def test_cells_split_by_a_columns_rules_give_no_second_row() -> None:
    """The June 2011 action log draws a Progress cell of two halves beside each action: 29
    actions, each once (58 before)."""
    actions = converted_sample(ACTION_LOG).actions
    texts = [action.action for action in actions]
    assert len(texts) == 29
    assert len(set(texts)) == 29


def test_a_running_title_does_not_cut_the_table_and_status_dates_are_deadlines() -> None:
    """Primacare's one table over eight pages, under the plan's title repeated on each: all
    41 rows, themed by their year rows, the Compliance Area as the objective, the Status
    column read as the deadline where no column is one (a guess: flagged; a doubt only where
    the row's status cell does not read plainly, issue 14)."""
    actions = converted_sample(PRIMACARE).actions
    assert len(actions) == 41
    assert actions[0].theme == "2012 Action Items"
    assert actions[-1].theme == "2024 Action Items"
    assert actions[0].objective == "Accessibility Policy"
    assert all("table_roles_inferred" in action.flags for action in actions)
    # a status that did not read, or read out of a sentence ("Completed as necessary."), is
    # a doubt; a plain one is not
    sentences = ("Completed as necessary.", "Completed annually and as necessary")
    assert [a.deadline_raw for a in actions if a.needs_review] == [
        a.deadline_raw for a in actions
        if a.deadline_kind in ("unknown", "missing") or a.deadline_raw in sentences]
    by_raw = {action.deadline_raw: action for action in actions}
    assert by_raw["Completed"].deadline_kind == "completed"
    assert str(by_raw["January 2025"].deadline_end) == "2025-01-31"
    assert by_raw["To be completed as necessary."].deadline_kind == "unknown"


def test_a_papers_reference_over_its_title_leaves_the_title_no_theme() -> None:
    result = converted_sample(STATUS)
    assert len(result.actions) == 9
    assert {a.plan_title for a in result.actions} == {
        "Status update on Transparency Board actions from last meeting 19.11.10"}
    assert {a.theme for a in result.actions} == {""}


def _row(table, values: list[str]) -> list:
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = value
    return cells


def test_a_tracker_gives_each_sub_task_its_parent_as_objective(tmp_path: Path) -> None:
    """# | ISSUE / ACTION | SUB TASKS | FINISH & STATUS | TASK OWNER, the parent's # and
    issue merged down over its sub-tasks, and "Outputs" alone over them as their section."""
    doc = Document()
    table = doc.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    _row(table, ["#", "ISSUE / ACTION", "SUB TASKS", "FINISH & STATUS", "TASK OWNER"])
    _row(table, ["", "Outputs", "", "", ""])
    parent = _row(table, ["(A)", "Benefits of Transparency Paper", "", "Summer 2012",
                          "Cabinet Office"])
    first = _row(table, ["", "", "Ai) Revise the draft paper with the panel", "21/05/12",
                         "Cabinet Office"])
    second = _row(table, ["", "", "Aii) Publish the paper on the website", "End 2012",
                          "Cabinet Office"])
    for col in (0, 1):
        parent[col].merge(first[col]).merge(second[col])
    rows = convert_word_plan(tmp_path, doc)[0]
    assert [row["action"] for row in rows] == [
        "Benefits of Transparency Paper", "Revise the draft paper with the panel",
        "Publish the paper on the website"]
    assert [row["action_id"] for row in rows] == ["A", "Ai", "Aii"]
    assert [row["objective"] for row in rows] == [
        "", "Benefits of Transparency Paper", "Benefits of Transparency Paper"]
    assert {row["theme"] for row in rows} == {"Outputs"}
    assert [row["deadline_end"] for row in rows] == ["2012-08-31", "2012-05-21", "2012-12-31"]


def test_one_cost_column_is_a_costed_plan_several_are_a_budget(tmp_path: Path) -> None:
    """Headerless tables read from their content: dates, sentences, owners and one column of
    costs are actions; a year, a few words and three columns of amounts are a budget."""
    doc = Document()
    doc.add_heading("Safer streets", level=1)
    plan = doc.add_table(rows=0, cols=4)
    for values in (
            ["March 2025", "Publish a borough-wide alcohol awareness campaign for residents",
             "Community Safety Partnership", "£25,000"],
            ["June 2025", "Extend the night-time economy safety scheme to the town centre",
             "Police", "£40,000"],
            ["Ongoing", "Review the domestic abuse referral pathway with partners",
             "District Council", "Within existing budgets"]):
        _row(plan, values)
    doc.add_heading("Funding", level=1)
    budget = doc.add_table(rows=0, cols=5)
    for values in (["2008/09", "Staff costs", "£18,122", "£2,000", "£20,122"],
                   ["2008/09", "Capital items", "£4,972", "£1,000", "£5,972"],
                   ["2009/10", "Staff costs", "£18,500", "£2,000", "£20,500"]):
        _row(budget, values)
    rows = convert_word_plan(tmp_path, doc)[0]
    assert [row["owner_raw"] for row in rows] == [
        "Community Safety Partnership", "Police", "District Council"]
    assert [row["deadline_end"] for row in rows] == ["2025-03-31", "2025-06-30", ""]


def test_to_be_actioned_by_heads_the_owner_column() -> None:
    """The panel's May 2012 report (OpenDocument, Issue | Action | To be actioned by) gave no
    rows while no owner column was recognised; now all 12 actions, with their owners."""
    actions = converted_sample(PANEL_REPORT).actions
    assert len(actions) == 12
    principles = next(a for a in actions if a.action.startswith("Panel to develop set of"))
    assert list(principles.owners) == ["LGA"]


def test_an_issue_column_before_the_action_is_the_objective() -> None:
    actions = converted_sample(PANEL_REPORT).actions
    principles = next(a for a in actions if a.action.startswith("Panel to develop set of"))
    assert principles.objective == "Panel position on open data in the procurement process"
    assert "objective_from_outcome" in {f.code for f in principles.flag_details}
    # "Due by | Commitment | Status | Issues | Owner": after the action, issues are notes.
    commitments = converted_sample(COMMITMENTS).actions
    assert not any(a.objective for a in commitments)
    assert any("issue" in a.notes.lower() for a in commitments)
