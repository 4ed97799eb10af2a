"""A filled-in ``review.csv`` (decision / value columns) read back as decisions.

The reviewer may have saved the file from Excel (Windows-1252, ``;``
separators); export's formula guards are undone. Every value is checked as the
session checks a typed one, and any bad line refuses the whole file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from planharvest.files import unneutralise
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
    """(line number, cells) for each line of a ``review.csv``, formula guards undone.

    Reads the file as planharvest wrote it (UTF-8) and as Excel saves it
    (Windows-1252, ``;`` separators in some locales).
    """
    review_csv = Path(review_csv)
    raw_bytes = review_csv.read_bytes()
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw_bytes.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fieldnames = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in _REVIEW_NEEDED if name not in fieldnames]
    if missing:
        raise DecisionsFileError(f"{review_csv}, line 1: not a review.csv; missing columns "
                                 f"{', '.join(missing)}")
    reader.fieldnames = fieldnames
    lines = []
    line_end = reader.line_num
    for record in reader:
        line_start, line_end = line_end + 1, reader.line_num
        lines.append((line_start, {name: unneutralise(cell or "") for name, cell in record.items()
                                   if isinstance(name, str)}))
    return lines


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
