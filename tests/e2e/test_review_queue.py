"""The review queue sends a row to a person only where a value may be wrong (issue 14).

Each class of flag is a doubt or a note by the evidence its row gives; these tests read
that evidence on the real plans of ``samples/real/docs`` (and, for the doubts the corpus
lacks, on small Word plans written with python-docx), and check what a user sees: the
objective, the flag kept in ``flags``, and whether ``needs_review`` sends the row on.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from planharvest.model import Action
from tests.conftest import convert_word_plan, converted_sample

REAL = "real/docs/"
CATCH_UP = REAL + "uk_decoy_primary_catch_up_premium_plan_2021.pdf"
PARK_2016 = REAL + "uk_park_community_accessibility_plan_2016.pdf"
PRIMACARE = REAL + "intl_primacare_multi_year_accessibility_plan_2023.pdf"


def _flag(action: Action, code: str) -> tuple[str, str] | None:
    """(evidence, severity) of the row's flag ``code``; None when it has none."""
    found = [flag for flag in action.flag_details if flag.code == code]
    return (found[0].evidence, found[0].severity) if found else None


def _by_start(name: str) -> dict[str, Action]:
    return {action.action[:40]: action for action in converted_sample(name).actions}


def test_an_outcome_column_heading_its_rows_is_the_objective_with_no_doubt() -> None:
    """"Desired outcome | Actions to address ... | ... | Staff Lead | Review and impact":
    the outcome column is the table's first, each outcome heads its own rows and none comes
    back: it is the objective, a note. A post's title ("Literacy Lead") gives no owner."""
    rows = _by_start(CATCH_UP)
    phonics = rows["Professional development for staff (Ruth"]
    assert phonics.objective == (
        "All staff to be skilled at delivering high quality phonics programme (RWI)")
    assert _flag(phonics, "objective_from_outcome") == ("heads_rows", "note")
    assert (phonics.owners, phonics.needs_review) == ([], False)
    with_aim = [a for a in rows.values() if "objective_from_outcome" in a.flags]
    assert len(with_aim) >= 20
    assert all(_flag(a, "objective_from_outcome") == ("heads_rows", "note") for a in with_aim)


def test_a_post_named_by_registered_words_is_a_post_not_its_words_organisations() -> None:
    """"School Business Manager" is a post: no organisation is read from its words (it gave
    Schools and Businesses, unflagged, before the owner shapes read it whole as a title)."""
    audit = _by_start(CATCH_UP)["Audit access to technology, access DfE s"]
    assert audit.owner_raw == "School Business Manager"
    assert audit.owners == []
    assert "owner_person_only" in audit.flags


def test_targets_after_an_unlabelled_column_of_terms_are_the_objective() -> None:
    """"| TARGETS | ACTION | COMPLETION | SUCCESS CRITERIA": the unlabelled first column (Short
    Term, Medium Term) is the theme; TARGETS is the first labelled column: a note."""
    actions = converted_sample(PARK_2016).actions
    with_aim = [a for a in actions if "objective_from_outcome" in a.flags]
    assert len(with_aim) == 7
    assert all(_flag(a, "objective_from_outcome") == ("heads_rows", "note") for a in with_aim)
    assert not any(a.needs_review for a in with_aim)
    markings = next(a for a in actions if a.action.startswith("To continually update"))
    assert markings.objective.startswith("To make external environment safer")


def test_a_compliance_area_repeated_year_by_year_stays_the_objective() -> None:
    """Primacare's Compliance Area comes back in every year's section ("Training"): it is
    an objective column by its header, not an aim column, and no aim rule touches it."""
    actions = converted_sample(PRIMACARE).actions
    training = [a for a in actions if a.objective == "Training"]
    assert len(training) >= 4
    assert not any("objective_from_outcome" in a.flags for a in actions)


HEADER = ["Desired outcome", "Actions to address the learning priorities", "Staff Lead",
          "Timescale"]


def _plan(rows: list[list[str]]) -> Document:
    doc = Document()
    doc.add_heading("School Recovery Plan 2021", 0)
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    return doc


def test_an_outcome_that_comes_back_on_unrelated_rows_stays_a_doubt(tmp_path: Path) -> None:
    """The same outcome printed again after another one is each action's own result, not a
    heading over its rows: the objective read from it may be wrong."""
    doc = _plan([HEADER,
                 ["Fewer repeat victims", "Daily phonics sessions for every class",
                  "Literacy Lead", "July 2021"],
                 ["Safer streets", "Small-group maths tuition", "Maths Lead", "March 2021"],
                 ["Fewer repeat victims", "Train lunchtime staff", "Deputy Headteacher",
                  "May 2021"]])
    actions, _ = convert_word_plan(tmp_path, doc)
    assert [a["objective"] for a in actions] == [
        "Fewer repeat victims", "Safer streets", "Fewer repeat victims"]
    assert {a["needs_review"] for a in actions} == {"true"}


def test_an_outcome_column_after_another_labelled_column_stays_a_doubt(tmp_path: Path) -> None:
    """"Lead | Desired outcome | Action": the outcome column is not where a plan states why;
    a measure naming an indicator code ("NI 19") is no objective heading either."""
    doc = _plan([["Staff Lead", *HEADER[:2], "Timescale"],
                 ["Literacy Lead", "Pupils read fluently by the end of Year 2",
                  "Daily phonics sessions for every class", "July 2021"],
                 ["Maths Lead", "Gaps in number facts are closed",
                  "Small-group maths tuition", "March 2021"]])
    actions, _ = convert_word_plan(tmp_path, doc)
    assert actions[0]["objective"] == "Pupils read fluently by the end of Year 2"
    assert {a["needs_review"] for a in actions} == {"true"}
    coded = _plan([HEADER,
                   ["Contributes to NI 19", "Daily phonics sessions for every class",
                    "Literacy Lead", "July 2021"],
                   ["Gaps in number facts are closed", "Small-group maths tuition",
                    "Maths Lead", "March 2021"]])
    (tmp_path / "coded").mkdir()
    actions, _ = convert_word_plan(tmp_path / "coded", coded)
    assert {a["needs_review"] for a in actions} == {"true"}


NACNC = REAL + "uk_scottish_government_nacnc_minutes_2023.docx"
YOUTH = REAL + "intl_louisville_youth_detention_strategic_plan_2018.pdf"


def test_people_the_action_calls_by_initials_are_people_with_no_doubt() -> None:
    """Minutes: "RB to amend the Post-Framework process ..." with the owner cell "Richard
    Brewster": the action calls him by his initials, as people are called, so the cell names
    a person and no owner is given (a note)."""
    amend = next(a for a in converted_sample(NACNC).actions if a.action.startswith("RB to amend"))
    assert (amend.owner_raw, amend.owners) == ("Richard Brewster", [])
    assert _flag(amend, "owner_person_only") == ("called_by_name", "note")
    assert not amend.needs_review


def test_people_the_action_never_calls_by_name_stay_a_doubt() -> None:
    """"Sytisha Claycomb" beside "Create a Safety Program": nothing in the row shows the
    name is a person's rather than an organisation's, so it stays a doubt."""
    safety = next(a for a in converted_sample(YOUTH).actions
                  if a.action.startswith("Create a Safety Program"))
    assert (safety.owner_raw, safety.owners) == ("Sytisha Claycomb", [])
    assert _flag(safety, "owner_person_only") == ("", "review")
    assert safety.needs_review
