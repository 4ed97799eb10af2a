"""The review queue's classes of wrong values on real plans (issue 14): each class a value
made right by a general rule, or a doubt raised where the value may still be wrong, read
from the real documents in ``samples/real/docs``.

A wrong value nobody flagged is the worst bug, so each test names what a user sees in the
row: the deadline a meeting log's bare month gets, the rhythm of "Monthly ongoing", the
doubt on a span of two years printed in full in a plan of financial years.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planharvest.extract.legacy import find_soffice
from planharvest.model import Action
from tests.conftest import converted_sample

REAL = "real/docs/"
LOG_JUNE = REAL + "uk_cabinet_office_transparency_board_action_log_2011_june.pdf"
LOG_STATUS = REAL + "uk_cabinet_office_transparency_board_actions_status_2011.pdf"
LOG_2012 = REAL + "uk_cabinet_office_transparency_board_action_log_2012_jan.doc"
PRIMACARE = REAL + "intl_primacare_multi_year_accessibility_plan_2023.pdf"
DECOY_2019 = REAL + "uk_decoy_primary_accessibility_plan_2019.pdf"
PANEL = REAL + "uk_local_public_data_panel_actions_report_2012_may.odt"

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _rows(name: str, deadline_raw: str) -> list[Action]:
    rows = [a for a in converted_sample(name).actions if a.deadline_raw == deadline_raw]
    assert rows, f"no row of {name} has the deadline {deadline_raw!r}"
    return rows


def _deadline(action: Action) -> tuple[object, ...]:
    return action.deadline_kind, action.deadline_start, action.deadline_end


def test_a_spreadsheets_month_year_and_day_month_are_dates() -> None:
    """The June 2011 log prints deadlines as a spreadsheet shows them: "Mar-2011" is March
    2011 (it was all of 2011), "23-Mar" the 23rd of March of the log's year."""
    assert {_deadline(a) for a in _rows(LOG_JUNE, "Mar-2011")} == {
        ("date", dt.date(2011, 3, 1), dt.date(2011, 3, 31))}
    assert {_deadline(a) for a in _rows(LOG_JUNE, "Apr-2011")} == {
        ("date", dt.date(2011, 4, 1), dt.date(2011, 4, 30))}
    (day,) = _rows(LOG_JUNE, "23-Mar")
    assert _deadline(day) == ("date", dt.date(2011, 3, 23), dt.date(2011, 3, 23))
    assert day.needs_review  # its year was inferred


def test_a_rhythm_beside_a_status_word_is_a_recurring_deadline() -> None:
    """"Monthly ongoing" is work done every month (it was read as merely ongoing, with no
    flag); "Completed annually and as necessary" is done each year, not finished."""
    for action in _rows(LOG_STATUS, "Monthly ongoing"):
        assert (action.deadline_kind, action.recurrence) == ("recurring", "monthly")
    for action in _rows(PRIMACARE, "Completed annually and as necessary"):
        assert (action.deadline_kind, action.recurrence) == ("recurring", "annually")


@needs_libreoffice
def test_a_logs_bare_month_falls_after_the_day_the_action_was_raised() -> None:
    """The January 2012 log names no year anywhere: "November" for an action raised on
    19/05/2011 is November 2011, "January" for one raised on 15/11/2011 is January 2012
    (before, both were kind unknown, with no date). The year is still inferred: a doubt."""
    raised = {(a.notes.split("\n")[0], a.deadline_raw): a
              for a in converted_sample(LOG_2012).actions}
    november = raised[("19/05/2011", "November")]
    assert _deadline(november) == ("date", dt.date(2011, 11, 1), dt.date(2011, 11, 30))
    january = raised[("15/11/2011", "January")]
    assert _deadline(january) == ("date", dt.date(2012, 1, 1), dt.date(2012, 1, 31))
    assert november.needs_review and "deadline_year_inferred" in november.flags


def test_a_raised_date_after_the_logs_own_period_is_not_trusted() -> None:
    """The June 2011 log has an action "raised" on 19/11/2011, after the log itself: its "late
    January" stays January 2011, the log's period, not 2012."""
    (late,) = _rows(LOG_JUNE, "late January")
    assert late.deadline_end == dt.date(2011, 1, 31)


def test_two_years_in_full_in_a_plan_of_financial_years_are_a_doubt() -> None:
    """Decoy Primary's 2019 plan writes its financial years short elsewhere; its "2020 -
    2021" was read as the financial year 2020/21 with no flag, though the plan means the two
    calendar years. The reading stays, but the row goes to review, offering both."""
    (action,) = _rows(DECOY_2019, "2020 - 2021")
    assert action.needs_review and "deadline_vague" in action.flags
    (flag,) = [f for f in action.flag_details if f.code == "deadline_vague"]
    assert "2020-01-01/2021-12-31" in flag.candidates


@needs_libreoffice
def test_a_unit_led_by_an_unknown_abbreviation_is_its_organisations_unit() -> None:
    """"DCLG Secretariat." was kept whole as one organisation; DCLG is the department whose
    secretariat it is: the department owns, the secretariat is its unit, and as DCLG is an
    abbreviation no registry knows, the row still goes to review offering it."""
    (action,) = [a for a in converted_sample(PANEL).actions
                 if a.owner_raw == "DCLG Secretariat."]
    assert (action.owners, action.owner_units) == (["DCLG"], ["Secretariat"])
    assert action.needs_review
    (flag,) = [f for f in action.flag_details if f.code == "owner_unmatched"]
    assert "DCLG" in flag.candidates


def test_a_status_column_read_as_the_deadline_is_a_doubt_only_where_its_cell_is() -> None:
    """Primacare's tables are headed "Compliance Area | Action Item | Status": the deadline
    is read from the status column. A row whose status reads plainly ("Completed",
    "January 2024") needs no look (all 41 rows went to review before); one whose status
    does not read ("Complete as necessary") or is empty still goes."""
    actions = converted_sample(PRIMACARE).actions
    plain = [a for a in actions if a.deadline_raw in ("Completed", "January 2024")]
    assert plain and all(not a.needs_review and "table_roles_inferred" in a.flags
                         for a in plain)
    assert {f.evidence for a in plain for f in a.flag_details
            if f.code == "table_roles_inferred"} == {"status_column"}
    doubtful = _rows(PRIMACARE, "Complete as necessary")
    assert all(a.needs_review for a in doubtful)
    assert all(a.needs_review for a in actions if a.deadline_kind == "missing")


REMTECH = REAL + "intl_remtech_multi_year_accessibility_plan_2023.pdf"
PANEL_2012 = REAL + "uk_local_public_data_panel_actions_report_2012.doc"


def test_a_companys_departments_named_alone_are_its_owners() -> None:
    """Rem-Tech's plan names its own departments: "• HR & Management Team" gave the team
    alone ("HR" read as a person's initials) and "• HR, Health and Safety & Production"
    nothing. Departments are data (``owner_shapes.csv``, place ``alone``), kept as printed
    and noted: nothing was guessed."""
    by_cell = {a.owner_raw: a for a in converted_sample(REMTECH).actions}
    assert by_cell["• HR & Management Team"].owners == ["HR", "Management Team"]
    both = by_cell["• HR, Health and Safety & Production"]
    assert both.owners == ["HR", "Health and Safety", "Production"]
    assert not any(f.severity == "review" for f in both.flag_details if f.field == "owners")


@needs_libreoffice
def test_a_secretariat_named_alone_and_an_abbreviation_after_a_person_are_owners() -> None:
    """The Local Public Data Panel's reports: "Secretariat" alone is the owner (it gave none),
    and "Gesche Schmid, LGA." gives the LGA (it gave a person only); an abbreviation never
    spelt out stays a doubt."""
    assert {tuple(a.owners) for a in converted_sample(PANEL_2012).actions
            if a.owner_raw == "Secretariat"} == {("Secretariat",)}
    (lga,) = [a for a in converted_sample(PANEL).actions if a.owner_raw == "Gesche Schmid, LGA."]
    assert lga.owners == ["LGA"] and lga.needs_review


NAP2 = REAL + "intl_us_open_gov_nap2_midterm_self_assessment_2015.pdf"


def test_a_sentence_saying_the_work_is_done_by_a_year_gives_a_due_date_with_no_doubt() -> None:
    """The 2015 US Open Government self-assessment states its deadlines as sentences: "This
    commitment is on track to be completed in 2015." is due in 2015, noted (it sent the row
    to review); "Both efforts will continue into 2015 and beyond." stays a doubt."""
    done = _rows(NAP2, "This commitment is on track to be completed in 2015.")
    for action in done:
        assert _deadline(action) == ("date", dt.date(2015, 1, 1), dt.date(2015, 12, 31))
        (flag,) = [f for f in action.flag_details if f.code == "deadline_in_prose"]
        assert flag.severity == "note"
    (going_on,) = _rows(NAP2, "Both efforts will continue into 2015 and beyond.")
    assert [f.severity for f in going_on.flag_details
            if f.code == "deadline_in_prose"] == ["review"]


ZOO = REAL + "intl_louisville_zoo_strategic_plan_2018.pdf"
YOUTH = REAL + "intl_louisville_youth_detention_strategic_plan_2018.pdf"
NAP3 = REAL + "intl_us_open_gov_nap3_midterm_self_assessment_2016.pdf"
PM_COMMITMENTS = REAL + "uk_cabinet_office_pm_transparency_commitments_update_2010.pdf"


def _by_cell(name: str) -> dict[str, Action]:
    return {a.owner_raw: a for a in converted_sample(name).actions}


def test_us_departments_by_their_short_names_and_owners_joined_by_along_with() -> None:
    """The US Open Government plan names departments the way Washington does, "State",
    "Treasury" (vocabulary in ``owner_shapes.csv``, place ``alone``), and joins a second
    owner with "along with": all were dropped ("State, along with USAID" gave USAID only).
    One body placed in another ("Census Bureau in the Department of Commerce") is one name."""
    cells = _by_cell(NAP2)
    assert cells["State, along with USAID"].owners == ["State", "USAID"]
    assert cells["Treasury"].owners == ["Treasury"]
    assert cells["Department of Interior, State"].owners == ["Department of Interior", "State"]
    treasury = cells["Treasury"].flag_details
    assert [f.severity for f in treasury if f.field == "owners"] == ["note"]
    assert _by_cell(PM_COMMITMENTS)["HM Treasury"].owners == ["HM Treasury"]
    census = [a for a in converted_sample(NAP3).actions if "Census Bureau in" in a.owner_raw]
    assert census and all("Census Bureau in the Department of Commerce" in a.owners
                          for a in census)


def test_a_person_with_their_department_in_brackets_gives_the_department() -> None:
    """The Zoo's plan writes a person with the department or agency they speak for in
    brackets: "Michele (HR)" gave no owner (HR read as initials); the department owns, the
    person is kept for the reviewer. An abbreviation never spelt out stays a doubt."""
    cells = _by_cell(ZOO)
    michele = cells["Michele (HR)"]
    assert michele.owners == ["HR"] and not michele.needs_review
    omb = cells["Stephanie or Aaron Jackson (OMB)"]
    assert omb.owners == ["OMB"] and omb.needs_review


def test_a_team_described_in_lower_case_is_a_doubt_and_a_persons_team_no_owner() -> None:
    """"Kim and team" was kept as a team's name, unflagged; it is a person and the people
    with her: no owner, for review. "Leadership team" (its head noun in lower case) is a
    description that may mean people, not an owning body: kept, but reviewed. A plain
    department list still owns ("Marketing & PR team, Ad agency, Education": Education was
    dropped)."""
    cells = _by_cell(ZOO)
    assert cells["Kim and team"].owners == [] and cells["Kim and team"].needs_review
    assert cells["Leadership team"].needs_review
    assert cells["Marketing & PR team, Ad agency, Education"].owners == [
        "Marketing & PR team", "Ad agency", "Education"]
    assert _by_cell(YOUTH)["YDS Executive Management Team"].owner_units == [
        "Executive Management Team"]


def test_a_status_read_out_of_a_sentence_keeps_the_doubt_on_the_roles() -> None:
    """Primacare's deadline is read from its status column, a note where the row's status
    reads plainly. "Completed as necessary." and "Completed annually and as necessary" read
    (completed, a rhythm) with words left over that may say otherwise: their rows went
    unreviewed, and the hand-checked rows call for a look."""
    for printed in ("Completed as necessary.", "Completed annually and as necessary"):
        rows = _rows(PRIMACARE, printed)
        assert all(a.needs_review and "table_roles_inferred" in a.flags for a in rows)
