"""Issue 18: action tables recognised by what their columns say and hold.

Small Word documents are written with python-docx and converted end to end with
``planharvest convert``: a header of ordinary words not on the synonym list, a table with
no header at all, a continuation without a header, a budget, and a key-value block.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from planharvest.cli import main
from planharvest.extract.roles import header_field
from planharvest.settings import RoleSettings
from tests.conftest import convert_word_plan

ACTIONS = [
    ("1.1", "Develop a shared referral pathway between housing and health services",
     "Housing Department", "March 2025"),
    ("1.2", "Train frontline staff in trauma-informed approaches to tenancy support",
     "Community Safety Partnership", "Q3 2025/26"),
    ("1.3", "Publish an annual report on homelessness prevention outcomes for the board",
     "Public Health Team", "December 2025"),
    ("1.4", "Review the allocation policy with registered providers and residents",
     "Strategic Housing Manager", "June 2026"),
]


def _table(doc: Document, header: list[str] | None, rows: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for values in ([header] if header else []) + [list(row) for row in rows]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


def _convert(tmp_path: Path, build) -> tuple[list[dict], list[dict]]:
    doc = Document()
    doc.add_heading("Homelessness Action Plan 2025", 0)
    build(doc)
    return convert_word_plan(tmp_path, doc)


@pytest.mark.parametrize(("label", "field"), [
    ("Lead Officer/Agency", "owner"), ("Responsible Department(s)", "owner"),
    ("By When?", "deadline"), ("Timescale for completion", "deadline"),
    ("Implementation Timeframe", "deadline"), ("What will we do?", "action"),
    ("Task Duration (in months)", "deadline"), ("Measure of success", "kpi"),
    ("Target", "kpi"), ("Target date", "deadline"),
    # A label asking whether something was done reports progress, whatever it names.
    ("Goal Achieved", "progress"), ("Equity goals met?", "progress"),
])
def test_labels_are_read_by_their_words(label: str, field: str) -> None:
    assert header_field(label, RoleSettings())[0] == field


def test_header_in_other_words_gives_owner_and_deadline(tmp_path: Path) -> None:
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Ref", "Key Activities", "Lead Officer/Agency", "By When?"], ACTIONS))
    assert [a["action_id"] for a in actions] == ["1.1", "1.2", "1.3", "1.4"]
    assert actions[0]["owner_raw"] == "Housing Department"
    assert actions[0]["deadline_end"] == "2025-03-31"
    assert actions[3]["deadline_end"] == "2026-06-30"
    assert not any("table_roles_inferred" in a["flags"] for a in actions)


def test_table_without_header_is_read_from_content_and_flagged(tmp_path: Path) -> None:
    actions, _ = _convert(tmp_path, lambda doc: _table(doc, None, ACTIONS))
    assert len(actions) == 4
    assert actions[1]["owner_raw"] == "Community Safety Partnership"
    assert actions[2]["deadline_end"] == "2025-12-31"
    assert all("table_roles_inferred" in a["flags"] for a in actions)


def test_continuation_without_header_inherits_roles(tmp_path: Path) -> None:
    def build(doc: Document) -> None:
        _table(doc, ["Ref", "Key Activities", "Lead Officer/Agency", "By When?"], ACTIONS[:2])
        _table(doc, None, ACTIONS[2:])

    actions, _ = _convert(tmp_path, build)
    assert [a["action_id"] for a in actions] == ["1.1", "1.2", "1.3", "1.4"]
    assert actions[3]["owner_raw"] == "Strategic Housing Manager"
    assert not any("table_roles_inferred" in a["flags"] for a in actions)


def test_budget_gives_no_rows_and_documents_says_why(tmp_path: Path) -> None:
    budget = [("Staffing for the outreach service and evening cover", "£120,000", "£95,000"),
              ("Temporary accommodation block booking for families", "£340,500", "£310,000"),
              ("Rent deposit scheme and landlord incentive payments", "£45,000", "£52,250"),
              ("Training and development for frontline staff", "£12,000", "£9,800")]
    actions, documents = _convert(tmp_path, lambda doc: _table(doc, None, budget))
    assert actions == []
    assert "table 1: " in documents[0]["error"]


def test_key_value_block_with_unseen_labels(tmp_path: Path) -> None:
    def build(doc: Document) -> None:
        _table(doc, None, [("Action", ACTIONS[0][1]), ("Lead Officer/Agency", "Housing Department"),
                           ("Measure of success", "NI 156 households in temporary accommodation"),
                           ("Completion", "March 2025")])

    actions, _ = _convert(tmp_path, build)
    assert len(actions) == 1
    assert actions[0]["owner_raw"] == "Housing Department"
    assert actions[0]["indicators"] == "NI 156"
    assert actions[0]["deadline_end"] == "2025-03-31"


def test_deadline_stated_in_the_text(tmp_path: Path) -> None:
    rows = [("2.1", "Halve rough sleeping by the end of March 2027 from a 2019 baseline",
             "Housing Department", ""),
            ("2.2", "Open a second night shelter since 2010 funding ended", "Council", "")]
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Ref", "Key Activities", "Lead Officer/Agency", "By When?"], rows))
    assert actions[0]["deadline_end"] == "2027-03-31"
    assert "deadline_from_text" in actions[0]["flags"]
    assert actions[1]["deadline_kind"] == "missing"


def test_tables_roles_shows_evidence(tmp_path: Path) -> None:
    doc = Document()
    _table(doc, None, ACTIONS)
    path = tmp_path / "plan.docx"
    doc.save(path)
    result = CliRunner().invoke(main, ["tables", str(path), "--roles"])
    assert result.exit_code == 0, result.output
    roles = json.loads(result.output)[0]["roles"]
    assert roles["taken"] and roles["inferred"]
    by_role = {column["role"]: column for column in roles["columns"]}
    assert by_role["owner"]["column"] == 2 and by_role["deadline"]["column"] == 3
    assert by_role["deadline"]["evidence"]


# -- one decision for header and content (issue 18, wild layouts) -------------------------------

METHODS = [
    ("A1", "Contract awarded", "March 2025", ACTIONS[0][1], "Housing Department"),
    ("A2", "Scoping complete", "Q3 2025/26", ACTIONS[1][1], "Community Safety Partnership"),
    ("A3", "Phase 1 live", "December 2025", ACTIONS[2][1], "Public Health Team"),
    ("A4", "Evaluation report", "June 2026", ACTIONS[3][1], "Strategic Housing Manager"),
]


def test_synonym_header_is_weighed_with_content(tmp_path: Path) -> None:
    """'Actions*' is on the synonym list but holds 'A1'-shaped codes: the content vetoes
    it, the sentences under 'Methods' (a word for actions) are the action, 'Team Member'
    the owner; every role is named by a header's words, so no row is flagged."""
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Actions*", "Milestones", "Timeframe for next steps", "Methods", "Team Member"],
        METHODS))
    assert [a["action_id"] for a in actions] == ["A1", "A2", "A3", "A4"]
    assert actions[0]["action"] == ACTIONS[0][1]
    assert actions[1]["owner_raw"] == "Community Safety Partnership"
    assert actions[3]["deadline_end"] == "2026-06-30"
    assert not any("table_roles_inferred" in a["flags"] for a in actions)


def test_objectives_column_of_sentences_is_the_action(tmp_path: Path) -> None:
    rows = [(action, owner, deadline) for _, action, owner, deadline in ACTIONS]
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Objectives", "Core team point person", "COMPLETION"], rows))
    assert [a["action"] for a in actions] == [row[0] for row in rows]
    assert actions[2]["deadline_end"] == "2025-12-31"
    assert all("table_roles_inferred" in a["flags"] for a in actions)


def test_short_cells_under_an_action_label_give_way_to_sentences(tmp_path: Path) -> None:
    """'Potential adaptive actions to stay on track' names actions by its words but holds
    notes of a few words; 'Change Idea #1' (a quality-improvement plan's word for an action)
    holds the sentences: named by its words, so the rows are not flagged."""
    notes = ["Subject to Cabinet approval", "See appendix B", "Funding bid submitted",
             "Linked to the housing strategy"]
    rows = [(deadline, owner, note, action)
            for (_, action, owner, deadline), note in zip(ACTIONS, notes, strict=True)]
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Date to complete actions by", "Staff Lead",
              "Potential adaptive actions to stay on track", "Change Idea #1"], rows))
    assert [a["action"] for a in actions] == [row[3] for row in rows]
    assert actions[0]["notes"] == "Subject to Cabinet approval"
    assert not any("table_roles_inferred" in a["flags"] for a in actions)


def test_row_with_codes_is_never_the_header(tmp_path: Path) -> None:
    """No header: the row '1.3 | Housing Service | ... | NI 47' names an owner ('service')
    and indicators ('NI') by its words, but its codes make it data, so no row is lost."""
    rows = [(ref, owner.replace("Public Health Team", "Housing Service"), action, f"NI {n}")
            for (ref, action, owner, _), n in zip(ACTIONS, (15, 20, 47, 112), strict=True)]
    actions, _ = _convert(tmp_path, lambda doc: _table(doc, None, rows))
    assert [a["action_id"] for a in actions] == ["1.1", "1.2", "1.3", "1.4"]
    assert actions[2]["owner_raw"] == "Housing Service"
    assert actions[2]["indicators"] == "NI 47"


def test_reference_column_is_not_a_column_of_amounts(tmp_path: Path) -> None:
    """A headerless table of six columns, one of costs, with references '1.1.' is a plan,
    not a budget: the references are not amounts (two columns of six would be)."""
    costs = ["£25,000", "Within existing resources", "£120k capital", "£25,000"]
    rows = [(f"{ref}.", owner, "Contributes to NI 15", cost, deadline, action)
            for (ref, action, owner, deadline), cost in zip(ACTIONS, costs, strict=True)]
    actions, _ = _convert(tmp_path, lambda doc: _table(doc, None, rows))
    assert [a["action_id"] for a in actions] == ["1.1", "1.2", "1.3", "1.4"]
    assert actions[1]["deadline_raw"] == "Q3 2025/26"


def test_label_wrapped_in_a_narrow_cell_is_read_whole() -> None:
    """'TARGET' over 'DATE' in a narrow header cell is one label, a date, not a target;
    a label over a note in brackets is still read by its first line."""
    assert header_field("TARGET\nDATE", RoleSettings())[0] == "deadline"
    assert header_field("Owner\n(lead agency)", RoleSettings())[0] == "owner"
    assert header_field("MEASUREMENT", RoleSettings())[0] == "kpi"


def test_bare_action_label_heading_joins_its_title(tmp_path: Path) -> None:
    """'ACTION 11' printed as a heading of its own with the action's title as the next
    heading: one objective, 'ACTION 11 <title>', under the part's theme; the milestones
    of a 'Milestone | Measurement | Target Date | Responsible Party' table are the rows."""
    def build(doc: Document) -> None:
        doc.add_heading("Shared Solution Actions", 1)
        for number, title in ((11, "Develop a Repository of Data Resources"),
                              (12, "Create a Data Policy Committee")):
            doc.add_heading(f"ACTION {number}", 2)
            doc.add_heading(title, 3)
            doc.add_paragraph("By December 2025 the agency will do this work.")
            _table(doc, ["MILESTONE", "MEASUREMENT", "TARGET\nDATE", "RESPONSIBLE\nPARTY"],
                   [(action, "Number of updates", deadline, owner)
                    for _, action, owner, deadline in ACTIONS[:2]])
    actions, _ = _convert(tmp_path, build)
    assert [a["objective"] for a in actions] == (
        ["ACTION 11 Develop a Repository of Data Resources"] * 2
        + ["ACTION 12 Create a Data Policy Committee"] * 2)
    assert {a["theme"] for a in actions} == {"Shared Solution Actions"}
    assert actions[0]["action"] == ACTIONS[0][1]
    assert actions[0]["deadline_end"] == "2025-03-31"
    assert actions[0]["kpi"] == "Number of updates"


def _form(doc: Document, rows: list[tuple[str, ...]]) -> None:
    """A two-column form; a row of one text is merged across both cells (a title)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:
            cells[0].merge(cells[1]).text = values[0]
        else:
            cells[0].text, cells[1].text = values


def test_titled_form_cut_in_pieces_is_one_action(tmp_path: Path) -> None:
    """One table per commitment: a numbered title over 'Lead government actors | ...',
    'Main objective | ...', 'End date | ...' rows, the form cut into two tables (a page
    break) whose second opens with the rest of the objective and holds the next form
    whole. The title is the action and
    its number the reference; 'Completion level' does not beat 'End date' for the deadline;
    'Next steps' is a note, not the action."""
    def build(doc: Document) -> None:
        doc.add_heading("Open Government to Improve Public Services", 1)
        _form(doc, [("1. Improve Public Participation in Government",),
                    ("Lead government actors", "Housing Department, Public Health Team"),
                    ("Main objective", "a. Expand the petition site.")])
        doc.add_paragraph("")
        _form(doc, [("b. Publish best practices.",),
                    ("Completion level", "Substantial"),
                    ("End date", "This commitment is on track to be completed by June 2025."),
                    ("Next steps", "Launch the new site."),
                    ("2. Modernize Management of Records",),
                    ("Lead government actors", "Community Safety Partnership"),
                    ("End date", "March 2026")])
    actions, _ = _convert(tmp_path, build)
    assert [(a["action_id"], a["action"]) for a in actions] == [
        ("1", "Improve Public Participation in Government"),
        ("2", "Modernize Management of Records")]
    first = actions[0]
    assert first["objective"] == "a. Expand the petition site.; b. Publish best practices."
    assert first["theme"] == "Open Government to Improve Public Services"
    assert first["owner_raw"] == "Housing Department, Public Health Team"
    assert first["deadline_end"] == "2025-06-30"
    assert first["notes"] == "Launch the new site."
    assert actions[1]["deadline_end"] == "2026-03-31"


def test_two_line_header_over_wider_body_cells(tmp_path: Path) -> None:
    """A header whose labels' second lines sit in a row of their own ('Responsible' over
    'Department'), the other labels merged down over both rows, and body cells that start
    a column left of their label and span it (a grid cut by the header's rules): the
    second header line is no action, and each label's field takes the body's text."""
    def build(doc: Document) -> None:
        doc.add_heading("Year 1: Accessibility Policy Development", 1)
        table = doc.add_table(rows=2 + len(ACTIONS), cols=5)
        table.style = "Table Grid"
        head, second = table.rows[0].cells, table.rows[1].cells
        for col, label in ((0, "Requirement"), (2, "Responsible"), (3, "Actions"),
                           (4, "Status")):
            head[col].text = label
        second[2].text, second[3].text = "Department", "(including past initiatives)"
        for col in (0, 1, 4):
            head[col].merge(second[col])
        for row, (_, action, owner, _) in zip(table.rows[2:], ACTIONS, strict=True):
            cells = row.cells
            cells[0].text = "Accessibility Policy"
            cells[1].merge(cells[2]).text = owner
            cells[3].text, cells[4].text = action, "Ongoing"
    actions, _ = _convert(tmp_path, build)
    assert [a["action"] for a in actions] == [action for _, action, _, _ in ACTIONS]
    assert [a["owner_raw"] for a in actions] == [owner for _, _, owner, _ in ACTIONS]
    assert {a["objective"] for a in actions} == {"Accessibility Policy"}  # the requirement


def test_target_column_of_sentences_is_the_action_and_spending_lines_are_not(
        tmp_path: Path) -> None:
    """'Aim | Target | Target date' (a pupil premium statement's teaching priorities): no
    column is named as the action; the Target column holds what is to be done by the
    target date. The 'Projected spending | £15266' line under it is money, not an action."""
    rows = [(f"Aim {n}: raise standards in {subject}", action, deadline)
            for n, (subject, (_, action, _, deadline)) in enumerate(
                zip(("reading", "writing", "maths", "science"), ACTIONS, strict=True), 1)]
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Aim", "Target", "Target date"], [*rows, ("Projected spending", "£15266", "")]))
    assert [a["action"] for a in actions] == [action for _, action, _, _ in ACTIONS]
    assert actions[0]["objective"] == "Aim 1: raise standards in reading"
    assert actions[3]["deadline_end"] == "2026-06-30"
    assert all("table_roles_inferred" in a["flags"] for a in actions)


def test_indicator_column_beside_a_date_is_not_taken_as_the_action(tmp_path: Path) -> None:
    """A measures table ('Aim | Indicator | Date'): only a Target column stands in for the
    action; an Indicator column names what is measured."""
    rows = [(f"Aim {n}", f"Share of pupils reaching the expected standard in {subject} at KS2",
             "July 2021") for n, subject in enumerate(("reading", "writing", "maths"), 1)]
    actions, _ = _convert(tmp_path, lambda doc: _table(doc, ["Aim", "Indicator", "Date"], rows))
    assert actions == []


def test_later_of_two_objective_columns_holds_the_actions(tmp_path: Path) -> None:
    """The accessibility plan template 'Aim | Current good practice | Objectives | Person
    responsible | Date to complete actions by': no column is named as the action; the
    Objectives column says what will be done for the Aim before it, and current good
    practice is progress."""
    rows = [(f"Improve access to {area}", f"The school already {done}.", action, owner, date)
            for area, done, (_, action, owner, date) in zip(
                ("the curriculum", "the site", "information", "staff training"),
                ("adapts lessons for every pupil", "has ramps at every entrance",
                 "prints letters in large type", "trains new staff each year"),
                ACTIONS, strict=True)]
    actions, _ = _convert(tmp_path, lambda doc: _table(
        doc, ["Aim", "Current good practice", "Objectives", "Person responsible",
              "Date to complete actions by"], rows))
    assert [a["action"] for a in actions] == [action for _, action, _, _ in ACTIONS]
    assert actions[1]["objective"] == "Improve access to the site"
    assert actions[1]["progress"] == "The school already has ramps at every entrance."
    assert actions[3]["deadline_end"] == "2026-06-30"
