"""What the first untouched score of the fresh5 set taught (issue 18), on its real files.

A society's strategic plan (ESOG 2017) prints its implementation schedule twice under the
same header "Activities | Year I ... Year V": first as a budget (amounts in every cell),
then as a time chart (a star in each quarter of the plan's own years an activity runs in),
its themes as numbered rows of their own ("1. Strengthening the Society") over "1.1", "1.2":

* a column named for a period whose cells are amounts is no deadline: the budget gives no
  rows, and its lines leave no theme behind;
* a bare numbered row heading rows numbered under it is their theme, no action; a row
  numbered at that level with its own stars after the last band sits under no band;
* quarters of relative years ("Year I" over "1 2 3 4") are read as printed, grouped by year,
  and give no calendar date: the deadline is unknown, a note, no doubt.

A party's strategic plan (Chama Cha Uzalendo 2019): the owner column is labelled "ORGAN
ASSIGNED - BY WHOM/", a first phrase no vocabulary holds with its meaning after the dash:
the column is read as the owner, so its bodies are named and its job titles flagged.
"""

from __future__ import annotations

from planharvest.extract.roles import header_evidence
from tests.conftest import converted_sample

ESOG = "real/docs/intl_esog_strategic_plan_2017.pdf"
CHAMA = "real/docs/intl_chama_cha_uzalendo_strategic_plan_2019.pdf"


def _schedule() -> list:
    return [action for action in converted_sample(ESOG).actions if (action.page or 0) >= 22]


def test_a_budget_under_a_time_charts_header_gives_no_rows() -> None:
    actions = _schedule()
    assert {action.page for action in actions} == {25, 26, 27}  # the budget is pp. 22-24
    assert not any(any(ch.isdigit() for ch in action.action.split()[0]) for action in actions)
    assert "Total" not in {action.action for action in actions}


def test_numbered_band_rows_are_the_themes_of_the_rows_they_number() -> None:
    actions = _schedule()
    by_id = {action.action_id: action for action in actions}
    assert "Strengthening the Society" not in {action.action for action in actions}
    assert by_id["1.1"].theme == "Strengthening the Society"
    assert by_id["2.1"].theme == "Advancing Members Interest"
    assert by_id["3.1.8"].theme.startswith("Partnering with Government and other national")
    assert by_id["4.4"].theme == "Working for and with the public"
    assert all(action.objective == "" for action in actions)
    assert by_id["5"].theme == ""  # numbered at the bands' level, after the last band
    assert by_id["5"].action == "Monitoring and Evaluation"


def test_quarters_of_relative_years_give_no_calendar_date() -> None:
    by_id = {action.action_id: action for action in _schedule()}
    first = by_id["1.1"]
    assert first.deadline_raw == ("Year I: 1, 3; Year II: 1, 3; Year III: 1, 3; "
                                  "Year IV: 1, 3; Year V: 1, 3")
    assert first.deadline_kind == "unknown"
    assert first.deadline_end is None and first.deadline_start is None
    assert by_id["1.7"].deadline_raw.startswith("Year III: 1, 2, 3, 4")  # none in Year I
    assert first.flags and not first.needs_review  # kept as printed: nothing guessed


def test_a_labels_meaning_after_a_dash_names_the_owner_column() -> None:
    assert "owner" in header_evidence("ORGAN\nASSIGNED -\nBY WHOM/")
    assert "owner" not in header_evidence("ORGAN ASSIGNED")
    actions = [action for action in converted_sample(CHAMA).actions
               if 44 <= (action.page or 0) <= 45]
    assert any(action.owners == ["NEC", "Secretariat"] for action in actions)
    titled = [action for action in converted_sample(CHAMA).actions
              if "Executive Director" in action.owner_raw]
    assert titled and all(action.flags for action in titled)
