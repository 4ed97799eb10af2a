"""Issue 18: action tables recognised by what their columns say and hold.

Small Word documents are written with python-docx and converted end to end with
``planharvest convert``: a header of ordinary words not on the synonym list, a table with
no header at all, a continuation without a header, a budget, and a key-value block.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from planharvest.cli import main
from planharvest.extract.roles import header_field
from planharvest.settings import RoleSettings

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
    source = tmp_path / "in"
    source.mkdir()
    doc.save(source / "plan.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "--out", str(out), "--workers",
                                       "1", "--format", "csv", "--no-cache"])
    assert result.exit_code == 0, result.output
    with open(out / "actions.csv", encoding="utf-8-sig") as handle:
        actions = list(csv.DictReader(handle))
    with open(out / "documents.csv", encoding="utf-8-sig") as handle:
        documents = list(csv.DictReader(handle))
    return actions, documents


@pytest.mark.parametrize(("label", "field"), [
    ("Lead Officer/Agency", "owner"), ("Responsible Department(s)", "owner"),
    ("By When?", "deadline"), ("Timescale for completion", "deadline"),
    ("Implementation Timeframe", "deadline"), ("What will we do?", "action"),
    ("Task Duration (in months)", "deadline"), ("Measure of success", "kpi"),
    ("Target", "kpi"), ("Target date", "deadline"),
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
