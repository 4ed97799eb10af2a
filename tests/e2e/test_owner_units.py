"""Owners are organisations and their units are kept apart, on real files.

A Word plan written with python-docx (samples/docxkit.py) holds one action per
kind of owner cell a plan not made here prints, converted by the command with a
user's ``--owners`` file whose names overlap; the Tower Hamlets sample PDF gives
the same cases as printed by a council. Each row is checked for the owners a
user filters on and the units kept as printed. Names no registry knows (US agencies, a
company's teams, job titles) are read by their shape, and only a guess sends the row to
review.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planharvest.cli import main
from samples.docxkit import add_table, new_document, save
from tests.conftest import converted_sample

LCC = "Leicestershire County Council"
LBTH = "London Borough of Tower Hamlets"
WCC = "Warwickshire County Council"
BLABY = "Blaby District Council"
DEVON = "Devon County Council"
DSFRS = "Devon and Somerset Fire & Rescue Service"

#: (action, owner cell as printed, owners, owner_units, flags): each kind of owner cell.
CASES: list[tuple[str, str, list[str], list[str], list[str]]] = [
    # a team named after its council's abbreviation
    ("Run the county's night-time economy patrols.", "LCC Community Safety Team", [LCC],
     ["Community Safety Team"], []),
    # a unit, then its council after a comma (the unit has no parent in the registry)
    ("Publish the borough's alcohol harm map.", "Safer Communities, LBTH", [LBTH],
     ["Safer Communities"], []),
    # a council from the user's file, then a one-word function of it
    ("Review licensed premises near schools.", "BDC Licensing", [BLABY], ["Licensing"], []),
    # a directorate registered under its council, joined by a dash
    ("Train youth workers in brief interventions.", "WCC-CYPF", [WCC], ["CYPF"], []),
    # a user's name holding a place name, printed with "and" where the file has "&": one
    # organisation, never the county council plus a fire service
    ("Fit smoke alarms in every sheltered flat.", "Devon and Somerset Fire and Rescue Service",
     [DSFRS], [], []),
    # a unit named alone stays an owner; one the registry does not know is flagged
    ("Map every hostel's fire exits.", "Community Safety Team", ["Community Safety Team"], [],
     []),
    ("Keep a list of empty shops.", "Town Centre Team", ["Town Centre Team"], [],
     ["owner_unmatched"]),
]

#: (action, owner cell as printed, owners, flags, needs_review): names no registry knows,
#: read by their shape. Printed whole as one organisation or unit: kept as printed, a note;
#: a job title: a post, no owner, a note; an abbreviation: kept as printed, a doubt unless
#: the plan spells it out.
SHAPE_CASES: list[tuple[str, str, list[str], list[str], bool]] = [
    ("Publish the open data inventory.",
     "Department of Health and Human Services (HHS), Office of Management and Budget",
     ["Department of Health and Human Services (HHS)", "Office of Management and Budget"],
     ["owner_unmatched"], False),
    ("Survey the river crossings.", "Central Intelligence Agency and Web Development Team",
     ["Central Intelligence Agency", "Web Development Team"], ["owner_unmatched"], False),
    ("Agree the lift maintenance contract.", "Planning Manager", [], ["owner_person_only"],
     False),
    ("Draft the records schedule.", "NARA and Federal Geographic Data Committee",
     ["NARA", "Federal Geographic Data Committee"], ["owner_unmatched"], True),
    # an abbreviation the plan spells out in another row names that organisation: a note
    ("Agree the survey timetable with the Census Bureau Data Office (CBDO).", "CBDO", ["CBDO"],
     ["owner_unmatched"], False),
]

OWNERS_FILE = (
    "name,aliases\n"
    "Blaby District Council,BDC\n"
    "Devon County Council,Devon;DCC\n"
    "Devon and Somerset Fire & Rescue Service,DSFRS\n"
    "Derby City Council,DCC\n"
)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], str]:
    """The plan converted once: its rows by action text, and what the command printed."""
    folder = tmp_path_factory.mktemp("plans")
    doc = new_document("Community Safety Action Plan 2026/27")
    rows: list[list[object]] = [["Action", "Lead", "Deadline"]]
    rows += [[action, owner, "March 2027"] for action, owner, *_ in (*CASES, *SHAPE_CASES)]
    add_table(doc, rows, [10.0, 5.0, 3.0], header_rows=1)
    save(doc, folder / "plan.docx")
    owners = folder.parent / "owners.csv"
    owners.write_text(OWNERS_FILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["convert", str(folder), "--out", str(out), "--owners",
                                       str(owners), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "actions.json").read_text()), result.output


@pytest.mark.parametrize(("action", "cell", "owners", "units", "flags"), CASES,
                         ids=[case[1] for case in CASES])
def test_owner_cell_kinds(run: tuple[list[dict], str], action: str, cell: str,
                          owners: list[str], units: list[str], flags: list[str]) -> None:
    rows, _ = run
    row = next(row for row in rows if row["action"] == action)
    assert row["owner_raw"] == cell
    assert row["owners"] == owners
    assert row["owner_units"] == units
    assert [flag for flag in row["flags"] if flag.startswith("owner")] == flags


@pytest.mark.parametrize(("action", "cell", "owners", "flags", "needs_review"), SHAPE_CASES,
                         ids=[case[1][:40] for case in SHAPE_CASES])
def test_names_no_registry_knows_by_their_shape(
        run: tuple[list[dict], str], action: str, cell: str, owners: list[str],
        flags: list[str], needs_review: bool) -> None:
    rows, _ = run
    row = next(row for row in rows if row["action"] == action)
    assert row["owner_raw"] == cell
    assert row["owners"] == owners
    assert row["flags"] == flags
    assert row["needs_review"] is needs_review


def test_overlapping_owners_file_is_reported_once_naming_the_lines(
        run: tuple[list[dict], str]) -> None:
    _, output = run
    assert output.count("names overlap") == 1
    assert "lines 3 and 5 both give 'DCC'" in output
    assert f"line 3 'Devon' is inside line 4 '{DSFRS}'" in output


@pytest.mark.parametrize(("action_id", "owners", "units"), [
    ("ER3", [LBTH], ["Safer Communities"]),  # "Safer Communities, LBTH"
    ("ER1", [LBTH], ["Trading Standards"]),  # "Trading Standards, LBTH"
    ("PBC4", ["Public Health", LBTH], ["Safer Communities"]),  # ".../ Safer Communities (LBTH)"
    # the PDF ran "Directorate" and "LBTH" together: the unit is written as registered
    ("PBC2", [LBTH], ["Children, Schools & Families Directorate"]),
])
def test_council_units_in_a_pdf(action_id: str, owners: list[str], units: list[str]) -> None:
    """The Tower Hamlets plan as LibreOffice printed it: the council owns, the unit is kept."""
    actions = converted_sample("001_tower_hamlets_2012.pdf").actions
    row = next(action for action in actions if action.action_id == action_id)
    assert (row.owners, row.owner_units) == (owners, units)
