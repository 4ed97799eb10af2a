"""A cell's paragraphs are its items, in the Word file and the PDF of one plan alike (issue 14).

The samples hold the same plans as Word files and as PDFs LibreOffice made of them, so
each assertion reads one cell of a real document in both formats: the Word file's
paragraphs, bulleted or not, come out as ``; ``-separated items, and the PDF, whose cell
is only lines of words, gives the same value. A column whose header cell is left blank
is the same field in both.
"""

from __future__ import annotations

import pytest

from planharvest.model import Action
from tests.conftest import converted_sample

FORMATS = ("docx", "pdf")


def _row(stem: str, fmt: str, action_start: str) -> Action:
    rows = [action for action in converted_sample(f"{stem}.{fmt}").actions
            if action.action.startswith(action_start)]
    assert len(rows) == 1, f"{stem}.{fmt}: {len(rows)} rows start {action_start!r}"
    return rows[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_four_unbulleted_paragraphs_give_four_items(fmt: str) -> None:
    """A title paragraph and three priorities, none bulleted (one set off by a line break)."""
    row = _row("002_leicestershire_laa_2006", fmt, "Specific priorities for DAAT")
    items = row.action.split("; ")
    assert len(items) == 4
    assert items[0] == "Specific priorities for DAAT"
    assert all(item.startswith("To make sure") for item in items[1:])


def test_numbered_paragraphs_cut_by_a_page_break_stay_items_in_the_pdf() -> None:
    """Eleven numbered paragraphs ("1.", "1.i" ...) with no bullets; in the PDF the cell is
    cut by a page break just before "1. Develop/define"."""
    values = {fmt: _row("002_leicestershire_laa_2006", fmt,
                        "To reduce the harm caused to the community").action
              for fmt in FORMATS}
    items = values["docx"].split("; ")
    assert len(items) == 11
    assert items[:3] == [
        "To reduce the harm caused to the community by alcohol misuse",
        '1. Develop/define how "harm caused to the community" is measured',
        "1.i Scope the alcohol related information that already exists and bears on "
        "measuring harm reduction",
    ]
    assert values["pdf"] == values["docx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_four_bulleted_paragraphs_give_four_items(fmt: str) -> None:
    row = _row("001_tower_hamlets_2012", fmt, "Review how drug / alcohol treatment for adults")
    assert row.kpi.split("; ") == [
        "New model of drug / alcohol service provision developed",
        "Better referral rates",
        "Better treatment outcomes",
        "Lower spend per successful exit",
    ]


def test_a_date_alone_on_its_line_is_an_item_in_the_pdf_as_in_word() -> None:
    """In the narrow PDF cell "Ongoing" would not have fitted after "July 2006": only the
    date standing alone on its line tells the two paragraphs apart."""
    for fmt in FORMATS:
        row = _row("002_leicestershire_laa_2006", fmt, "Draw up a problem profile")
        assert row.deadline_raw == "July 2006 / Ongoing", fmt
        row = _row("002_leicestershire_laa_2006", fmt,
                   "REDUCING REOFFENDING – CHILDREN & FAMILIES")
        assert row.deadline_raw == ("July 2006 / December 2006 / August 2006 / December 2006 / "
                                    "December 2006"), fmt


@pytest.mark.parametrize("action_start", [
    "Review how drug / alcohol treatment for adults",  # T1
    "Strengthen how primary care responds",  # T2
    "Get better at identifying",  # T6
])
def test_an_unlabelled_column_is_progress_in_every_format(action_start: str) -> None:
    """The Treatment tables leave the last header cell blank; the plan's other tables call
    that column "Progress Update". The PDF reads Treatment rows under that header, and the
    Word file, whose tables each repeat their own header, now reads them the same way."""
    rows = [_row("001_tower_hamlets_2012", fmt, action_start) for fmt in FORMATS]
    assert rows[0].progress and not rows[0].notes
    assert [(row.progress, row.notes) for row in rows[1:]] == [(rows[0].progress, "")]
