"""Table rows to actions (``extract.actions``), on grids built the way the readers build them.

A ruled grid may cut one cell's lines into rows of their own while the other cells of the
row are merged down over them (their text lent to each): such a row repeats its action and
is none of its own when it prints text only in an unlabelled column: those are its lines.
"""

from __future__ import annotations

from planharvest.extract.actions import assemble_actions
from planharvest.extract.grid import Cell, DocumentContent, Row, Table
from planharvest.settings import Settings

HEADER = ["Ref", "Action", "Lead", "Deadline", ""]


def _row(index: int, texts: list[str | None]) -> Row:
    """``None``: a cell merged down from the row above."""
    cells = [Cell(covered=True, origin=(index - 1, col)) if text is None
             else Cell(lines=text.split("\n") if text else []) for col, text in enumerate(texts)]
    return Row(cells=cells, page=1)


def _table(rows: list[list[str | None]]) -> Table:
    made = [_row(0, HEADER)]
    for index, texts in enumerate(rows, start=1):
        made.append(_row(index, texts))
    for index, row in enumerate(made):  # a merged cell's origin is where its text is
        for col, cell in enumerate(row.cells):
            if cell.covered:
                origin = index - 1
                while made[origin].cells[col].covered:
                    origin -= 1
                cell.origin = (origin, col)
                made[origin].cells[col].row_span += 1
    return Table(rows=made, n_cols=len(HEADER), page=1)


def test_lines_ruled_as_rows_in_an_unlabelled_column_are_their_actions_lines() -> None:
    table = _table([
        ["1", "Publish the inventory.", "Data team", "May 2021", ""],
        ["2", "Share the use cases.", "CIO Council", "", "Within 60"],
        [None, None, None, None, "days of the"],
        [None, None, None, None, "completion of"],
        ["3", "Make them public.", "CDO Council", "June 2021", ""],
    ])
    _, actions = assemble_actions(DocumentContent(blocks=[table]), Settings())
    assert [action.fields["action"] for action in actions] == [
        "Publish the inventory.", "Share the use cases.", "Make them public."]
    assert actions[1].fields["owner"] == "CIO Council"
    assert actions[1].fields["notes"] == "Within 60\ndays of the\ncompletion of"
