"""``actions.xlsx``: the dataset as a workbook a reviewer works in (``--format ...,xlsx``).

Council reviewers live in Excel; a CSV shows them neither which rows need a
look nor why. The workbook has three sheets:

- ``Actions``: one row per action, the columns of ``actions.csv`` plus
  ``review_reasons`` (one doubt per line: the reasons of severity ``review``)
  beside the action text; rows that need review are filled yellow.
- ``Review``: ``review.csv``'s lines, the ``decision`` column offering the
  decisions in a dropdown (data validation); ``planharvest review DIR --import
  actions.xlsx`` reads it back exactly as it reads ``review.csv``.
- ``Documents``: ``documents.csv``.

Every sheet has a frozen header row, filters, column widths from its content
and wrapped text. Values keep their types (numbers, ``TRUE``/``FALSE``, real
dates shown as ISO ``yyyy-mm-dd``); lists are joined with ``"; "``. No cell
is ever a formula: text that looks like one is stored as text (openpyxl
would otherwise store text starting with ``=`` as a formula), so nothing
needs the CSV's ``'`` guard. Characters XML cannot hold (control characters)
become U+FFFD, and text beyond Excel's 32,767 characters a cell is cut.

openpyxl, the library pandas itself writes Excel with, is imported on the
first call: the command line starts without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planharvest.export.writers import LIST_DELIMITER
from planharvest.files import atomic_path, looks_like_formula
from planharvest.model import REVIEW_DECISIONS, Action, DocumentRecord, ReviewItem
from planharvest.schema import Column, columns

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

ACTIONS_SHEET = "Actions"
REVIEW_SHEET = "Review"
DOCUMENTS_SHEET = "Documents"
#: The Actions sheet's column of reasons, placed after this column.
REASONS_COLUMN, REASONS_AFTER = "review_reasons", "action"

#: Layout, as data: column widths (in characters) lie between these, from the longest line
#: of the header and of the cells; the fills of the header, of a row needing review and of
#: the columns a reviewer fills in; the number format of dates.
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_FILL, REVIEW_FILL, INPUT_FILL = "D9D9D9", "FFF2CC", "E2EFDA"
DATE_FORMAT = "yyyy-mm-dd"
#: Excel holds at most this many characters in a cell.
CELL_LIMIT = 32_767
#: The Review sheet's columns a reviewer fills in.
INPUT_COLUMNS = ("decision", "value")


def write_workbook(path: Path, actions: Sequence[Action], review: Sequence[ReviewItem],
                   documents: Sequence[DocumentRecord]) -> None:
    """Write the workbook atomically (``files.atomic_path``)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ACTIONS_SHEET
    action_columns = columns(Action)
    at = [c.name for c in action_columns].index(REASONS_AFTER) + 1
    reasons = Column(REASONS_COLUMN, "string", "why the row needs review, one reason a line")
    _fill_sheet(sheet, [*action_columns[:at], reasons, *action_columns[at:]],
                [_with_reasons(action) for action in actions])
    for row, action in enumerate(actions, start=2):
        if action.needs_review:
            _paint(sheet[row], REVIEW_FILL)
    review_sheet = workbook.create_sheet(REVIEW_SHEET)
    review_columns = columns(ReviewItem)
    _fill_sheet(review_sheet, review_columns, [item.model_dump() for item in review])
    _decision_inputs(review_sheet, [c.name for c in review_columns], len(review))
    _fill_sheet(workbook.create_sheet(DOCUMENTS_SHEET), columns(DocumentRecord),
                [document.model_dump() for document in documents])
    with atomic_path(path) as temporary:
        workbook.save(temporary)


def _with_reasons(action: Action) -> dict[str, object]:
    values = action.model_dump()
    # The doubts only: a row's notes stay in its flags column, as in review.csv.
    values[REASONS_COLUMN] = "\n".join(flag.reason for flag in action.review_flags())
    return values


def _fill_sheet(sheet: Worksheet, specs: Sequence[Column],
                rows: Sequence[dict[str, object]]) -> None:
    """Header, rows and the sheet's layout: frozen header, filters, widths, wrapped text."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([spec.name for spec in specs])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    _paint(sheet[1], HEADER_FILL)
    wrapped = Alignment(wrap_text=True, vertical="top")
    widths = [len(spec.name) + 3 for spec in specs]  # + the filter button
    for row_number, row in enumerate(rows, start=2):
        for index, spec in enumerate(specs):
            value = _cell_value(spec, row[spec.name])
            cell = sheet.cell(row=row_number, column=index + 1, value=value)
            cell.alignment = wrapped
            if isinstance(value, str):
                if looks_like_formula(value):
                    cell.data_type = "s"  # text, never a formula
                widths[index] = max(widths[index], *map(len, value.split("\n")))
            elif spec.kind == "date" and value is not None:
                cell.number_format = DATE_FORMAT
                widths[index] = max(widths[index], len(DATE_FORMAT))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            min(max(width, MIN_WIDTH), MAX_WIDTH))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell_value(spec: Column, value: object) -> object:
    """A model value as the workbook holds it: lists joined, text made storable."""
    if value is None or spec.kind in ("integer", "boolean", "date"):
        return value
    if spec.kind == "list":
        value = LIST_DELIMITER.join(str(item) for item in value)  # type: ignore[attr-defined]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _paint(cells: Sequence[object], colour: str) -> None:
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", fgColor=colour)
    for cell in cells:
        cell.fill = fill  # type: ignore[attr-defined]


def _decision_inputs(sheet: Worksheet, names: list[str], lines: int) -> None:
    """The columns a reviewer fills in, tinted; a dropdown of the decisions on ``decision``."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(lines, 1) + 1
    for name in INPUT_COLUMNS:
        letter = get_column_letter(names.index(name) + 1)
        _paint([row[0] for row in sheet[f"{letter}2:{letter}{last}"]], INPUT_FILL)
    letter = get_column_letter(names.index("decision") + 1)
    choices = ", ".join(REVIEW_DECISIONS)
    dropdown = DataValidation(
        type="list", formula1=f'"{",".join(REVIEW_DECISIONS)}"', allow_blank=True,
        showErrorMessage=True, errorTitle="decision", error=f"Choose one of {choices}.",
        showInputMessage=True, promptTitle="decision",
        prompt="; ".join(f"{name}: {meaning}" for name, meaning in REVIEW_DECISIONS.items()),
    )
    dropdown.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(dropdown)

