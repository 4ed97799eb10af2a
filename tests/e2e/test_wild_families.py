"""Issue 18: the non-grid layout families of ``bench/wild_families.py``, each class that gave
no rows or wrong ones on the dev seed (42), on a plan it wrote (``tests/data/wild/f42_*``):

* a TIMELINE's ticks ("X" under "Q1 .. Q4" with the financial year in a row spanning them,
  or under "Apr 24 .. Mar 25") give the deadline, from the first ticked period's start to
  the last one's end, flagged ``deadline_from_ticks``; the line of period labels is no row;
* a LIST of numbered actions under an objective heading with no "Actions:" label over it,
  its shared who/when lines printed before the list: every item takes them, and the
  objective heading is no action; a list heading at the level of the one before is its
  sibling, under the same theme;
* labelled-line records with no heading, every line labelled, the action's own first
  ("Action: ...", French labels "Responsable", "Échéancier");
* a record whose heading is the action leaves the theme to the records after it;
* one table per objective: the caption row over the header is the theme of its rows, on
  the tables read as continuations of the first too (no new rule: the generator's expected
  rows follow the real set's hand-checked ones);
* one key-value table per action ("Item/project | ...", "COMPLETION | ...") is read as one
  even where a value's sentence holds a header word ("night-time": no deadline label), and
  the rest of such a table cut off by a page break ("Facilitators | ...") completes it.
"""

from __future__ import annotations

import datetime as dt

from tests.conftest import ROOT, convert

WILD = ROOT / "tests" / "data" / "wild"


def _actions(name: str) -> list:
    result = convert(WILD / name)
    assert result.record.status == "ok", result.record.message
    return result.actions


def _codes(action) -> set[str]:  # noqa: ANN001 -- a model.Action
    return set(action.flags)


def test_ticked_quarters_under_a_spanning_financial_year_give_the_deadline() -> None:
    actions = _actions("f42_timeline_003.docx")
    assert len(actions) == 8  # the "Q1 | Q2 | Q3 | Q4" line under the header is no row
    first, last = actions[0], actions[-1]
    assert first.action_id == "1"
    assert (first.deadline_kind, first.deadline_start, first.deadline_end) == (
        "range", dt.date(2026, 10, 1), dt.date(2027, 3, 31))  # Q3 and Q4 of 2026/27
    assert (last.deadline_start, last.deadline_end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert all("deadline_from_ticks" in _codes(action) for action in actions)


def test_ticked_months_labelled_with_their_year_give_the_deadline() -> None:
    actions = _actions("f42_timeline_004_lo.pdf")
    assert len(actions) == 15
    first = actions[0]
    assert first.action == "Coordinate the hate crime reporting centres"
    assert (first.deadline_kind, first.deadline_start, first.deadline_end) == (
        "range", dt.date(2024, 7, 1), dt.date(2024, 12, 31))  # Jul 24 .. Dec 24 ticked


def test_a_list_with_no_label_over_it_takes_the_shared_lines_printed_before_it() -> None:
    actions = _actions("f42_lists_005_chromium.pdf")
    assert len(actions) == 12  # the objective headings over the lines are no actions
    first = actions[0]
    assert (first.theme, first.objective) == ("Theme A – Prevention",
                                              "Give every child the best start in life")
    assert first.action_id == "1"
    assert first.owners == ["Warwickshire Police"]
    assert first.deadline_end == dt.date(2029, 9, 30)
    assert {action.theme for action in actions} == {"Theme A – Prevention"}


def test_a_shared_line_before_a_labelled_list_is_the_lists() -> None:
    actions = _actions("f42_lists_001_lo.pdf")
    assert len(actions) == 9
    assert actions[0].objective == "Help older people live independently"
    assert actions[0].deadline_end == dt.date(2029, 7, 15)


def test_sibling_list_headings_share_the_theme_above_them() -> None:
    actions = _actions("f42_lists_002_chromium.pdf")
    assert len(actions) == 15
    assert {action.theme for action in actions} == {"Theme A – Prevention"}
    assert len({action.objective for action in actions}) > 1


def test_records_of_labelled_lines_only_with_french_labels() -> None:
    actions = _actions("f42_labelled_001_lo.pdf")
    assert len(actions) == 14
    first = actions[0]
    assert first.action == ("Promote the community food growing network and report "
                            "progress to the board")
    assert first.theme == "Healthy lives"
    assert first.owners == ["Primary Care Trust"]
    assert first.deadline_end == dt.date(2024, 12, 31)


def test_an_action_heading_is_no_theme_for_the_records_after_it() -> None:
    actions = _actions("f42_labelled_005_chromium.pdf")
    assert len(actions) == 19
    themes = [action.theme for action in actions]
    assert themes[0] == "Early help"
    assert set(themes) <= {"Early help", "Section 3. Supporting victims", "Climate and nature",
                           "Theme A – Prevention", "Reducing harm", "Healthy lives",
                           "Housing and homelessness", "Transport and air quality",
                           "Priority 1: Safer neighbourhoods", "Outcome 2: Thriving communities"}
    assert not {action.action for action in actions} & set(themes)


def test_captions_labelled_below_a_labelled_heading_are_objectives_on_every_table() -> None:
    # One table per objective, caption and header repeated, under the heading "Priority 1:
    # ...": the caption labelled by another level word ("Objective 1: ...") is its rows'
    # objective and the heading their theme, on the second and third tables too, though
    # read as continuations of the first. (An unlabelled heading over them would leave the
    # caption the theme: the real set's convention, Decoy's "AIM 1: ...".)
    actions = _actions("f42_objective_000.docx")
    assert len(actions) == 26
    assert {action.theme for action in actions} == {"Priority 1: Safer neighbourhoods"}
    assert [action.objective for action in actions][::10] == [
        "Objective 1: Support victims to recover and stay safe",
        "Objective 2: Reduce the harm caused by alcohol and drugs",
        "Objective 3: Cut carbon emissions from our estate"]


def test_key_value_tables_one_per_action_and_the_rest_of_one_after_a_page_break() -> None:
    actions = _actions("f42_keyvalue_002_chromium.pdf")
    assert len(actions) == 11
    cut = next(action for action in actions if action.action_id == "2.2")
    assert cut.action == ("Improve the night-time economy safety scheme for children and "
                          "young people at risk")
    assert cut.deadline_end == dt.date(2025, 3, 31)
    assert cut.owners == ["Melton Borough Council", "Local Strategic Partnership"]
    assert not {"COMPLETION", "Status", "Facilitators"} & {action.action for action in actions}
