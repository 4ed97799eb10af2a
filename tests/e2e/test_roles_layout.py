"""Layout rules read from real plans (issue 18, second round): what a plan's rows, columns
and headings mean by where they stand, tried on small Word files written with python-docx
and converted end to end.

* a row spanning the table is a heading unless it reads as running text (a list item, a
  quotation printed one line per row);
* an outcome column printed before the action column is the objective it serves (a guess,
  flagged for review);
* an unlabelled first column of short repeated labels groups the rows: the theme;
* a milestone table with no action column: each milestone is an action;
* a numbered heading ("Action 1. ...") under the theme's heading is the objective;
* a heading's trailing colon is not part of the theme.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.conftest import convert_word_plan


def _table(doc: Document, rows: list[list[str]], spanning: tuple[int, ...] = ()) -> None:
    """A ruled table; the rows whose index is in ``spanning`` are one cell across the width."""
    table = doc.add_table(rows=0, cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        if index in spanning:
            cells[0].merge(cells[-1]).text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


def _convert(tmp_path: Path, doc: Document) -> list[dict[str, str]]:
    return convert_word_plan(tmp_path, doc)[0]


def _plan() -> Document:
    doc = Document()
    doc.add_heading("School Recovery Plan 2021", 0)
    return doc


HEADER = ["Desired outcome", "Actions to address the learning priorities", "Staff Lead",
          "Timescale"]


def test_spanning_list_items_and_quotations_are_not_headings(tmp_path: Path) -> None:
    doc = _plan()
    _table(doc, [
        ["Teaching"],
        ["− High-quality teaching for all"],
        ["− Effective diagnostic assessment"],
        HEADER,
        ["Pupils read fluently by the end of Year 2", "Daily phonics sessions for every class",
         "Literacy Lead", "July 2021"],
        ["EEF: 'Phonics approaches have been consistently found to be effective in supporting"],
        ["younger readers to master the basics of reading.'"],
        ["Gaps in number facts are closed", "Small-group maths tuition three times a week",
         "Maths Lead", "March 2021"],
    ], spanning=(0, 1, 2, 5, 6))
    actions = _convert(tmp_path, doc)
    assert [a["action"] for a in actions] == ["Daily phonics sessions for every class",
                                              "Small-group maths tuition three times a week"]
    assert {a["theme"] for a in actions} == {"Teaching"}


def test_a_title_over_its_list_and_a_cited_passage_in_one_cell_each(tmp_path: Path) -> None:
    """The same plan read whole (the Decoy catch-up plan once its paragraph shading no longer
    cut its cells): the title and its list share a cell, a passage cited by its source's
    initials fills another; the title alone is the theme, the passage is no heading."""
    doc = _plan()
    _table(doc, [
        ["Teaching\n− High-quality teaching for all\n− Effective diagnostic assessment"],
        HEADER,
        ["Pupils read fluently by the end of Year 2", "Daily phonics sessions for every class",
         "Literacy Lead", "July 2021"],
        ["EEF: Phonics approaches have been consistently found to be effective in supporting "
         "younger readers to master the basics of reading."],
        ["Gaps in number facts are closed", "Small-group maths tuition three times a week",
         "Maths Lead", "March 2021"],
    ], spanning=(0, 3))
    actions = _convert(tmp_path, doc)
    assert [a["action"] for a in actions] == ["Daily phonics sessions for every class",
                                              "Small-group maths tuition three times a week"]
    assert {a["theme"] for a in actions} == {"Teaching"}


def test_outcome_column_before_the_action_is_the_objective(tmp_path: Path) -> None:
    doc = _plan()
    _table(doc, [HEADER,
                 ["Pupils read fluently by the end of Year 2",
                  "Daily phonics sessions for every class", "Literacy Lead", "July 2021"],
                 ["Gaps in number facts are closed",
                  "Small-group maths tuition three times a week", "Maths Lead", "March 2021"]])
    actions = _convert(tmp_path, doc)
    assert [a["objective"] for a in actions] == ["Pupils read fluently by the end of Year 2",
                                                 "Gaps in number facts are closed"]
    assert actions[0]["outcomes"] == ""
    # the rule is recorded; the layout settles it (first labelled column, each aim heading
    # its own rows): a note, no look needed (tests/e2e/test_review_queue.py has the doubts)
    assert all("objective_from_outcome" in a["flags"] for a in actions)
    assert {a["needs_review"] for a in actions} == {"false"}


def test_outcome_column_after_the_action_stays_outcomes(tmp_path: Path) -> None:
    doc = _plan()
    _table(doc, [["Action", "Lead", "Timescale", "Expected outcome"],
                 ["Daily phonics sessions for every class", "Literacy Lead", "July 2021",
                  "Pupils read fluently"]])
    actions = _convert(tmp_path, doc)
    assert actions[0]["objective"] == ""
    assert "objective_from_outcome" not in actions[0]["flags"]
    assert actions[0]["outcomes"] == "Pupils read fluently"


def test_unlabelled_first_column_of_repeated_labels_is_the_theme(tmp_path: Path) -> None:
    doc = _plan()
    _table(doc, [["", "Targets", "Action", "Completion"],
                 ["Short Term", "To make the car park safer", "Repaint the markings", "On-going"],
                 ["Short Term", "To keep paths level", "Monitor flat surfaces", "On-going"],
                 ["Medium Term", "To widen access", "Fit a ramp at the main door", "2022"],
                 ["Medium Term", "To inform staff", "Brief staff on each plan", "2022"]])
    actions = _convert(tmp_path, doc)
    assert [a["theme"] for a in actions] == ["Short Term", "Short Term", "Medium Term",
                                             "Medium Term"]
    assert actions[0]["objective"] == "To make the car park safer"
    assert actions[2]["notes"] == ""


def test_milestones_are_the_actions_under_numbered_headings(tmp_path: Path) -> None:
    doc = _plan()
    doc.add_heading("Agency Actions", 1)
    for number, name, milestone in [(1, "Gather and Assess Data", "Assess data assets for fitness"),
                                    (2, "Mature Data Governance", "Document priority goals")]:
        doc.add_heading(f"Action {number}. {name}", 2)
        _table(doc, [["Milestone", "Measurement", "Target Date"],
                     [f"{number}.1 {milestone}", "Progress", "Dec. 31, 2021"],
                     [f"{number}.2 Report progress to the council", "Completion", "Annually"]])
    actions = _convert(tmp_path, doc)
    assert [a["action_id"] for a in actions] == ["1.1", "1.2", "2.1", "2.2"]
    assert actions[0]["action"] == "Assess data assets for fitness"
    assert {a["theme"] for a in actions} == {"Agency Actions"}
    assert actions[2]["objective"] == "Action 2. Mature Data Governance"
    assert actions[0]["deadline_end"] == "2021-12-31"


def test_heading_colon_is_not_part_of_the_theme(tmp_path: Path) -> None:
    doc = _plan()
    doc.add_heading("Animal Shelter:", 2)
    _table(doc, [["Priority #", "Deficiency", "Schedule"],
                 ["1.4", "Accessible parking signs on the north side", "2020"],
                 ["2.5", "Relocate switches and controls in the kennels", "2022-2023"],
                 ["2.8", "Remove protrusions in the circulation path", "2025"]])
    actions = _convert(tmp_path, doc)
    assert {a["theme"] for a in actions} == {"Animal Shelter"}
    # A plan that names no financial year reads '2022-2023' as calendar years, flagged.
    assert (actions[1]["deadline_start"], actions[1]["deadline_end"]) == ("2022-01-01",
                                                                          "2023-12-31")
    assert "deadline_vague" in actions[1]["flags"]
