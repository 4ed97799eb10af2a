"""normalise/actions.py on real meeting-log papers (the fresh set's Transparency Board
papers): what a row's reference and theme are when the document prints no reference and no
section headings."""

from __future__ import annotations

from planharvest.normalise.refs import is_date
from tests.conftest import converted_sample

ACTION_LOG = "real/docs/uk_cabinet_office_transparency_board_action_log_2011_june.pdf"
COMMITMENTS = "real/docs/uk_cabinet_office_pm_transparency_commitments_update_2010.pdf"


def test_a_meeting_logs_dates_are_kept_as_notes_not_references() -> None:
    """The action log prints the date each action was raised where a reference would stand:
    no action gets a date as its id, and the date stays in the notes."""
    actions = converted_sample(ACTION_LOG).actions
    assert actions and all(a.action_id == "" and a.action_ref == "" for a in actions)
    assert all(is_date(a.notes.split("\n")[0]) for a in actions)


def test_the_documents_title_is_no_theme() -> None:
    """A paper whose only heading is its title over one table: the title is the plan's, and
    no action sits under a section of that name."""
    result = converted_sample(COMMITMENTS)
    assert result.actions
    assert {a.plan_title for a in result.actions} == {
        "SUMMARY UPDATE ON PROGRESS AGAINST TRANSPARENCY COMMITMENTS IN PRIME MINISTER'S "
        "LETTER OF 29 MAY"}
    assert {a.theme for a in result.actions} == {""}
