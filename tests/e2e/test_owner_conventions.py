"""Owner conventions the real set taught (issues 14 and 18), each on the real file that shows it.

* A document's own glossary: an abbreviation printed as the owner ("GSA") that the plan spells
  out anywhere in its text ("the General Services Administration (GSA)", in two-column prose
  no action row holds) is kept as printed, a note naming the definition and its page.
* A generic name alone ("All agencies") is no owner: a doubt, never the registry's "Other
  Agencies" unflagged.
* A post is no owner in any language ("Responsable du transport actif": tested with the
  French plan in ``test_fresh3_lines_and_languages``), nor is a team named by no department
  ("Leadership team").
* A name printed whole that differs from a registered one by a whole word is another body
  ("Met Office", never the Home Office).
"""

from __future__ import annotations

from planharvest.extract.formats import read_document
from planharvest.extract.glossary import read_glossary
from planharvest.settings import Settings
from tests.conftest import SAMPLES, converted_sample

FEDERAL_2020 = "real/docs/intl_us_federal_data_strategy_action_plan_2020.pdf"
LABELLED_2019 = "real/docs/intl_us_federal_data_strategy_draft_action_plan_2019.pdf"
ZOO = "real/docs/intl_louisville_zoo_strategic_plan_2018.pdf"
LOG_2012 = "real/docs/uk_cabinet_office_transparency_board_action_log_2012_jan.doc"


def test_an_abbreviation_the_plan_spells_out_in_its_prose_is_a_note() -> None:
    content = read_document(SAMPLES / FEDERAL_2020, "pdf", Settings())
    glossary = {definition.abbreviation: definition for definition in read_glossary(
        content.blocks)}
    # printed in two columns that the page's lines interleave: "By December 2020, the General
    # Services Administration • Federal Data Strategy: Guiding (GSA), the Office of ..."
    assert (glossary["GSA"].name, glossary["GSA"].page) == ("General Services Administration",
                                                            37)
    gsa = [action for action in converted_sample(FEDERAL_2020).actions
           if action.owner_raw == "GSA"]
    assert len(gsa) >= 10
    for action in gsa:
        assert action.owners == ["GSA"]  # kept as printed
        (flag,) = [flag for flag in action.flag_details if flag.field == "owners"]
        assert flag.severity == "note"
        assert "'General Services Administration' (page" in flag.reason


def test_all_agencies_is_no_owner_and_a_doubt() -> None:
    rows = [action for action in converted_sample(LABELLED_2019).actions
            if action.owner_raw.lower() == "all agencies"]
    assert len(rows) >= 5
    for action in rows:
        assert action.owners == []
        assert "owner_unmatched" in action.flags and action.needs_review


def test_a_team_named_by_no_department_is_no_owner() -> None:
    rows = [action for action in converted_sample(ZOO).actions
            if action.owner_raw == "Leadership team"]
    assert rows
    for action in rows:
        assert action.owners == [] and "owner_person_only" in action.flags


def test_a_name_a_whole_word_away_from_a_registered_one_is_another_body() -> None:
    rows = [action for action in converted_sample(LOG_2012).actions
            if "Met Office" in action.owner_raw]
    assert rows
    for action in rows:
        assert "Home Office" not in action.owners
