"""A filled-in ``review.csv`` (decision / value columns) read back as decisions.

The reviewer may have saved the file from Excel (Windows-1252, ``;``
separators); export's formula guards are undone. Or the reviewer filled in
the ``Review`` sheet of ``actions.xlsx``: its cells are read as the same text
(numbers without a trailing ``.0``, dates ISO) and go through the same checks.
Every value is checked as the session checks a typed one, and any bad line
refuses the whole file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from planharvest.export.workbook import REVIEW_SHEET
from planharvest.files import allow_long_csv_cells, unneutralise
from planharvest.model import REVIEW_DECISIONS
from planharvest.review.decisions import (
    DECIDABLE_FIELDS,
    DeadlineParser,
    Decision,
    DecisionsFileError,
    default_reviewer,
    new_decision,
    validation_summary,
    value_problem,
)

_REVIEW_NEEDED = ("record_id", "field", "raw_value", "current_value", "decision", "value")


def read_review_csv(review_csv: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, cells) for each line of a ``review.csv``, formula guards undone, or
    of the ``Review`` sheet of an ``actions.xlsx`` (a file ending in ``.xlsx``).

    Reads the file as planharvest wrote it (UTF-8) and as Excel saves it
    (Windows-1252, ``;`` separators in some locales).
    """
    review_csv = Path(review_csv)
    if review_csv.suffix.lower() == ".xlsx":
        return _review_sheet(review_csv)
    raw_bytes = review_csv.read_bytes()
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw_bytes.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    allow_long_csv_cells()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fieldnames = _header(review_csv, reader.fieldnames or [])
    reader.fieldnames = fieldnames
    lines = []
    line_end = reader.line_num
    for record in reader:
        line_start, line_end = line_end + 1, reader.line_num
        lines.append((line_start, {name: unneutralise(cell or "") for name, cell in record.items()
                                   if isinstance(name, str)}))
    return lines


def _header(path: Path, names: Sequence[object]) -> list[str]:
    """The column names of a review file's first line; refused without the needed ones."""
    fieldnames = [str(name or "").strip() for name in names]
    missing = [name for name in _REVIEW_NEEDED if name not in fieldnames]
    if missing:
        what = f"{REVIEW_SHEET} sheet" if path.suffix.lower() == ".xlsx" else "review.csv"
        raise DecisionsFileError(f"{path}, line 1: not a {what}; missing columns "
                                 f"{', '.join(missing)}")
    return fieldnames


def _review_sheet(workbook_path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells as text) for each row of the workbook's Review sheet."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(workbook_path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise DecisionsFileError(f"{workbook_path}: not an Excel workbook planharvest can "
                                 f"read ({error})") from error
    try:
        if REVIEW_SHEET not in workbook.sheetnames:
            raise DecisionsFileError(f"{workbook_path}: no {REVIEW_SHEET} sheet (it has "
                                     f"{', '.join(workbook.sheetnames)})")
        rows = workbook[REVIEW_SHEET].iter_rows(values_only=True)
        fieldnames = _header(workbook_path, next(rows, ()))
        lines = []
        for number, row in enumerate(rows, start=2):
            cells = {name: _sheet_text(value) for name, value in
                     zip(fieldnames, row, strict=False)}  # a row may end early
            if any(cells.values()):
                lines.append((number, {name: cells.get(name, "") for name in fieldnames}))
        return lines
    finally:
        workbook.close()


def _sheet_text(value: object) -> str:
    """A cell's value as review.csv would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return (value.date() if value.time() == dt.time() else value).isoformat()
    return str(value)


def import_review_csv(review_csv: Path, reviewer: str | None = None, *,
                      reparse: DeadlineParser) -> list[Decision]:
    """Decisions from the ``decision`` / ``value`` columns a reviewer filled in.

    ``accept`` keeps the current value (recorded, so a later change is
    noticed), ``set`` puts ``value`` into this row, ``not_action`` drops the
    row, ``set_all`` puts ``value`` into every row whose field reads this raw
    text. Lines with an empty ``decision`` are skipped. A value is checked as
    the session checks a typed one (``reparse`` reads deadlines, as the run
    that applies the decisions does), so a value the next run could not apply is
    refused now, not found stale later. Any bad line refuses the whole file
    (nothing half-imported); the message lists every bad line, so one pass
    fixes them all.
    """
    reviewer = reviewer or default_reviewer()
    decisions, problems = [], []
    for line, cells in read_review_csv(review_csv):
        verdict = cells["decision"].strip().lower()
        if not verdict:
            continue
        problem = _review_line_problem(verdict, cells, reparse)
        if not problem:
            try:
                decisions.append(_review_decision(verdict, cells, reviewer))
            except ValidationError as error:
                problem = validation_summary(error)
        if problem:
            problems.append(f"line {line}: {problem}")
    if problems:
        shown = problems[:_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more")
        raise DecisionsFileError(f"{review_csv}: nothing imported, {len(problems)} line(s) "
                                 "to fix:\n  " + "\n  ".join(shown))
    return decisions


#: Bad lines of a review.csv listed in one message.
_PROBLEMS_SHOWN = 20


def _review_line_problem(verdict: str, cells: dict[str, str], reparse: DeadlineParser) -> str:
    """Why a filled-in line cannot become a decision, or '' when it can."""
    if verdict not in REVIEW_DECISIONS:
        return f"decision {cells['decision']!r} is not one of {', '.join(REVIEW_DECISIONS)}"
    if verdict not in ("set", "set_all"):
        return ""
    if not cells["value"].strip():
        return f"decision {verdict} needs the value to set"
    field_name = cells["field"].strip()
    if field_name not in DECIDABLE_FIELDS:
        return ""  # the Decision model names the field's problem
    return value_problem(field_name, cells["value"], reparse)


def _review_decision(verdict: str, cells: dict[str, str], reviewer: str) -> Decision:
    field_name, raw_value = cells["field"].strip(), cells["raw_value"]
    if verdict == "set_all":
        return new_decision("value", field_name, "set", raw_value=raw_value,
                            value=cells["value"], reviewer=reviewer)
    record_id = cells["record_id"].strip()
    if verdict == "accept":
        return new_decision("row", field_name, "accept", record_id=record_id,
                            raw_value=raw_value, value=cells["current_value"], reviewer=reviewer)
    if verdict == "set":
        return new_decision("row", field_name, "set", record_id=record_id,
                            raw_value=raw_value, value=cells["value"], reviewer=reviewer)
    return new_decision("row", field_name, "not_action", record_id=record_id,
                        raw_value=raw_value, reviewer=reviewer)
