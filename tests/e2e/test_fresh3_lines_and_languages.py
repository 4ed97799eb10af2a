"""Two classes of plan the fresh3 set brought (issue 18), each on its real file, where both
gave no rows at all:

* a LABELLED-LINE plan: no table, each action a heading followed by labelled lines
  ("Responsible: ...", "Timeline: ..."), the labels read by the header vocabulary;
* a plan in ANOTHER LANGUAGE (French, Quebec): header and value words as data
  (``extract/data/*_fr.csv``, the deadline vocabulary), a header set in small capitals,
  band rows naming the axis, an owner column headed as the lead and its partners.
"""

from __future__ import annotations

import datetime as dt

from planharvest.extract.roles import header_evidence
from planharvest.normalise.deadlines import parse_deadline
from planharvest.normalise.owners.shapes import shape
from tests.conftest import converted_sample

LABELLED = "real/docs/intl_us_federal_data_strategy_draft_action_plan_2019.pdf"
FRENCH = "real/docs/intl_chelsea_qc_active_transportation_plan_2021.pdf"


def _codes(action) -> set[str]:
    return set(action.flags)


def test_a_plan_of_headings_and_labelled_lines_gives_one_row_per_heading() -> None:
    actions = converted_sample(LABELLED).actions
    assert [action.action_id for action in actions] == [str(n) for n in range(1, 17)]
    first = actions[0]
    assert first.action == "Create an OMB Data Council"
    assert first.action_ref == "Action 1"
    assert first.owners == ["Office of Management and Budget"]
    assert first.theme == "Shared Actions: Government-wide Data Services"
    assert first.objective in ("", None)
    assert first.page == 6
    # The measurement's second, indented line carries it on; the prose is no part of it.
    assert first.kpi.startswith("Internal Data Council established (Y/N)")
    assert "Consistent governance approach developed" in first.kpi
    # "Completed within 3 months" is a time limit counted from a date the plan does not
    # print: no date is guessed, and the row says so.
    assert first.deadline_raw == "Completed within 3 months"
    assert first.deadline_kind == "unknown"
    assert "labelled_lines" in _codes(first)
    assert {action.theme for action in actions[11:]} == {
        "Agency-Specific Actions: Agency Activities"}
    # An action cut by a page break between its heading and its labelled lines is on the
    # heading's page, flagged.
    second = actions[1]
    assert second.page == 6 and "row_split_across_pages" in _codes(second)


def test_prose_mentioning_a_responsibility_gives_no_row() -> None:
    # The sample plans and their paragraphs: no labelled-line rows anywhere; nor a cover
    # page's centred "Headteacher: ..." / "Date for review: ..." lines under the title.
    for name in ("000_sensible_measures.pdf", "004_warwickshire_laa_2008.pdf",
                 "real/docs/uk_saxon_wood_accessibility_plan_2020.pdf"):
        result = converted_sample(name)
        assert not any("labelled_lines" in _codes(action) for action in result.actions)


def test_french_header_labels_are_read_by_their_words() -> None:
    assert set(header_evidence("ÉCHEANCIER")) == {"deadline"}
    assert "owner" in header_evidence("RESPONSABLES ET PARTENAIRES")
    assert "partners" in header_evidence("RESPONSABLES ET PARTENAIRES")
    assert header_evidence("ACTIONS")["action"][0] == 100


def test_french_deadline_words() -> None:
    assert parse_deadline("En continu").kind == "ongoing"
    assert parse_deadline("En continu*").kind == "ongoing"
    cases = {
        "2022-2026*": (dt.date(2022, 1, 1), dt.date(2026, 12, 31)),
        "d'ici 2025": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        "fin 2023": (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        "avant mars 2024": (dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
        "1er janvier 2025": (dt.date(2025, 1, 1), dt.date(2025, 1, 1)),
        "Printemps 2023": (dt.date(2023, 3, 1), dt.date(2023, 5, 31)),
    }
    for text, span in cases.items():
        deadline = parse_deadline(text)
        assert (deadline.start, deadline.end) == span, text
    assert parse_deadline("Annuellement").recurrence == "annually"
    assert parse_deadline("À déterminer").kind == "unknown"
    assert parse_deadline("mi-2024").flags


def test_a_french_plan_with_band_rows_and_a_lead_and_partners_column() -> None:
    actions = converted_sample(FRENCH).actions
    checked = [action for action in actions if 26 <= (action.page or 0) <= 30]
    assert len(checked) >= 39
    first = checked[0]
    assert first.action.endswith("Constituer un budget annuel municipal pour le transport actif.")
    assert first.theme == "AXE 1 – RESSOURCES"
    assert first.objective.startswith("Financier Démarche, processus ou mécanisme")
    assert (first.deadline_kind, first.deadline_start, first.deadline_end) == (
        "range", dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    # The lead is named first; the others are partners (flagged: a guess from the header).
    assert first.owner_raw == "Conseil municipal"
    assert "owner_lead_first" in _codes(first)
    # French names put the noun first ("Conseil municipal", "Service des travaux publics"):
    # read by their shape as owners; the post "Responsable du transport actif" is a job
    # title, as "Planning Manager" is in English: no owner, a note (nothing was guessed).
    owners = {owner for action in checked for owner in action.owners}
    assert owners >= {"Conseil municipal", "Service des travaux publics", "Service de l’urbanisme"}
    posts = [action for action in checked if action.owner_raw.startswith("Responsable")]
    assert len(posts) >= 20
    for action in posts:
        assert not action.owners and "owner_person_only" in _codes(action)
    assert sum(action.deadline_kind == "ongoing" for action in checked) >= 20
    assert {action.theme for action in checked} >= {
        "AXE 1 – RESSOURCES", "AXE 2 – MARKETING", "AXE 4 – SÉCURITÉ ET CONFORT"}


def test_french_names_open_with_their_noun() -> None:
    assert shape("Conseil municipal") == "organisation"
    assert shape("Service des travaux publics") == "unit"
    assert shape("Service de l’urbanisme") == "unit"
    # "Service" is an English word too: it opens a French name only before a linking word.
    assert shape("Service delivery") is None
    assert shape("Service Improvement Team") == "unit"
    assert shape("Administration of Justice") == "organisation"
    # a post opens with its noun too: "Responsable du transport actif" is a job title
    assert shape("Responsable du transport actif") == "title"
    assert shape("Directrice générale") == "title"
