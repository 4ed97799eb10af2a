"""A reviewer's decisions: kept in a CSV file, re-applied to the rows of every run.

A decision settles one flagged field once, so no later run asks again. It has
one of two scopes:

* ``row`` -- this row's field, found by ``record_id`` + ``field``;
* ``value`` -- every row whose field reads a given raw text (``field`` +
  ``raw_value``), like OpenRefine's mass edit. An owner decision of this kind
  also becomes an alias for the owner registry (:func:`owner_aliases`).

and one of three verdicts: ``accept`` (keep the value planharvest chose, clear
the flag), ``set`` (put ``value``), ``not_action`` (drop the row). A value to
set is text as a reviewer types it: ``;``-separated names or codes for
``owners`` / ``partners`` / ``indicators``; for ``deadline`` a day or period in
ISO form (``2009-03-31``, or ``2009-03-01/2009-03-31`` as deadline candidates
are printed) or text the deadline parser reads without a guess.

A decision that no longer matches -- its row is gone, the text it was made on
reads differently now, the value accepted is no longer the value chosen --
is *stale*: it is not applied, and it is returned so the run can report it
(``review.csv`` via :func:`stale_review_items`, the report, the console).
Stale decisions stay in the file; nothing a reviewer decided is dropped.

The file is CSV because a person reads and diffs it; cells are data only,
never evaluated and never used as paths. Every save writes a temporary file,
fsyncs it and renames it into place, so a killed process leaves the previous
complete file.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from planharvest import __version__
from planharvest.errors import PlanharvestError
from planharvest.export.columns import columns
from planharvest.files import atomic_path, neutralise
from planharvest.lexicon import fold_spacing
from planharvest.model import Action, DocumentRecord, Flag, ReviewItem

Scope = Literal["row", "value"]
Verdict = Literal["accept", "set", "not_action"]

#: Columns of the decisions file, in order.
DECISION_COLUMNS = ("scope", "record_id", "field", "raw_value", "decision", "value", "reviewer",
                    "decided_at", "tool_version")

#: Columns a decision may not name: provenance, the printed text itself, and columns that
#: follow from others (the deadline_* columns are decided together as ``deadline``).
_NOT_DECIDABLE = frozenset({
    "record_id", "source_file", "source_sha256", "source_format", "owner_raw", "deadline_raw",
    "deadline_kind", "deadline_start", "deadline_end", "deadline_precision", "recurrence",
    "flags", "needs_review",
})
_ACTION_COLUMNS = {spec.name: spec for spec in columns(Action)}

#: Fields a decision may name: Action columns a reviewer can judge, ``deadline``, ``row``.
DECIDABLE_FIELDS = frozenset({"row", "deadline", *(set(_ACTION_COLUMNS) - _NOT_DECIDABLE)})

#: A day, or a period as deadline candidates print it: ``2008-11-01/2008-11-30``.
_ISO_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*/\s*(\d{4}-\d{2}-\d{2}))?")
#: First months of the meteorological seasons (spring, summer, autumn, winter).
_SEASON_STARTS = (3, 6, 9, 12)
#: First months of calendar and financial quarters.
_QUARTER_STARTS = (1, 4, 7, 10)


class ParsedDeadline(Protocol):
    """What a deadline parser returns (planharvest.normalise.deadlines.Deadline)."""

    kind: str
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    recurrence: str | None


#: Reads a reviewer's deadline text, e.g. ``lambda text: parse_deadline(text)``.
DeadlineParser = Callable[[str], ParsedDeadline]


class Decision(BaseModel):
    """One line of the decisions file."""

    model_config = ConfigDict(frozen=True)

    scope: Scope = Field(description="row: this row's field; value: every row with this raw text")
    record_id: str = Field(default="", description="the row (scope row)")
    field: str = Field(description="the field decided: an Action column, 'deadline' or 'row'")
    raw_value: str = Field(default="", description="the field's text as printed when decided")
    decision: Verdict = Field(description="accept, set or not_action")
    value: str = Field(default="", description="set: the value; accept: the value accepted")
    reviewer: str = Field(default="unknown", description="who decided")
    decided_at: str = Field(description="when, ISO 8601")
    tool_version: str = Field(default=__version__, description="planharvest version that decided")

    # Filled in by apply_decisions on the stale copies it returns; never saved.
    stale_reason: str = Field(default="", exclude=True,
                              description="why the decision no longer matches")
    stale_row_flagged: bool = Field(default=False, exclude=True,
                                    description="the row exists and carries a decision_stale flag")

    @field_validator("decided_at")
    @classmethod
    def _iso_timestamp(cls, value: str) -> str:
        dt.datetime.fromisoformat(value)  # raises ValueError with the offending text
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        if self.field not in DECIDABLE_FIELDS:
            raise ValueError(f"field {self.field!r} cannot be decided; use one of "
                             f"{', '.join(sorted(DECIDABLE_FIELDS))}")
        if self.scope == "row" and not self.record_id:
            raise ValueError("a row decision needs a record_id")
        if self.scope == "value":
            if not self.raw_value.strip():
                raise ValueError("a value decision needs the raw_value it applies to")
            if self.decision == "not_action":
                raise ValueError("not_action applies to one row (scope row), not to a raw value")
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        """Decisions with the same key replace each other: the later one wins."""
        if self.scope == "row":
            return ("row", self.record_id, self.field)
        return ("value", self.field, fold_spacing(self.raw_value))


class DecisionsFileError(PlanharvestError):
    """The decisions file cannot be read; the message names the file and the line."""


class DecisionError(PlanharvestError):
    """A decision's value cannot be put into its field; the message says why."""


# -- making decisions ------------------------------------------------------------------


def default_reviewer() -> str:
    """The login name, or ``unknown`` where the system has none (containers, services)."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):
        return "unknown"


def new_decision(scope: Scope, field: str, decision: Verdict, *, record_id: str = "",
                 raw_value: str = "", value: str = "", reviewer: str | None = None) -> Decision:
    """A decision stamped with the reviewer, the time now (UTC) and this tool's version."""
    return Decision(
        scope=scope, record_id=record_id, field=field, raw_value=raw_value, decision=decision,
        value=value, reviewer=reviewer or default_reviewer(),
        decided_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        tool_version=__version__,
    )


def field_values(action: Action, field_name: str) -> tuple[str, str]:
    """(as printed, as chosen) for a flagged field, as the text a reviewer sees.

    ``review.csv`` shows these two values, and decisions are matched against
    them, so this is the one definition of both.
    """
    if field_name == "deadline":
        chosen = f"{action.deadline_kind}"
        if action.deadline_start or action.deadline_end:
            chosen += f" {action.deadline_start} .. {action.deadline_end}"
        return action.deadline_raw, chosen
    if field_name in ("owners", "partners"):
        return action.owner_raw, "; ".join(getattr(action, field_name))
    if field_name == "row":
        return action.action, action.action
    value = getattr(action, field_name, "")
    current = "; ".join(value) if isinstance(value, list) else str(value or "")
    return current, current


def review_items(actions: Iterable[Action]) -> list[ReviewItem]:
    """One ``review.csv`` line per flagged field of each flagged row."""
    items = []
    for action in actions:
        by_field: dict[str, list[Flag]] = {}
        for flag in action.flag_details:
            by_field.setdefault(flag.field, []).append(flag)
        for field_name, flags in by_field.items():
            raw, current = field_values(action, field_name)
            candidates: list[str] = []
            for flag in flags:
                candidates.extend(c for c in flag.candidates if c not in candidates)
            items.append(ReviewItem(
                record_id=action.record_id, source_file=action.source_file, page=action.page,
                action_id=action.action_id, action=action.action[:200], field=field_name,
                raw_value=raw, current_value=current,
                flags=sorted({flag.code for flag in flags}),
                reasons=" | ".join(flag.reason for flag in flags), candidates=candidates,
            ))
    return items


# -- the file ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Inert in a spreadsheet and reversible: a leading ``'`` is doubled, formulas get one."""
    return f"'{text}" if text.startswith("'") else neutralise(text)


def _unescape(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def load_decisions(path: Path) -> list[Decision]:
    """The decisions in ``path``, one per key (a later line replaces an earlier one).

    A missing file holds no decisions. A line that is not a valid decision
    raises ``DecisionsFileError`` naming the file and the line.
    """
    path = Path(path)
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return []
        header = [name.strip() for name in header]
        missing = [name for name in DECISION_COLUMNS if name not in header]
        if missing:
            raise DecisionsFileError(f"{path}, line 1: not a decisions file; missing columns "
                             f"{', '.join(missing)}")
        decisions: dict[tuple[str, str, str], Decision] = {}
        line_end = reader.line_num
        for cells in reader:
            line_start, line_end = line_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise DecisionsFileError(f"{path}, line {line_start}: {len(cells)} cells, "
                                 f"the header has {len(header)}")
            record = {name: _unescape(cell) for name, cell in zip(header, cells, strict=True)}
            try:
                decision = Decision(**{name: record[name] for name in DECISION_COLUMNS} | {
                    "scope": record["scope"].strip().lower(),
                    "decision": record["decision"].strip().lower(),
                    "field": record["field"].strip(),
                    "record_id": record["record_id"].strip(),
                })
            except ValidationError as error:
                raise DecisionsFileError(f"{path}, line {line_start}: {_summary(error)}") from None
            decisions.pop(decision.key, None)
            decisions[decision.key] = decision
    return list(decisions.values())


def _summary(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "; ".join(parts)


def decisions_csv(decisions: Iterable[Decision]) -> str:
    """The file's text: a header, then one line per decision."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    for decision in decisions:
        writer.writerow([_escape(str(getattr(decision, name))) for name in DECISION_COLUMNS])
    return buffer.getvalue()


def save_decisions(path: Path, decisions: Sequence[Decision]) -> None:
    """Write the whole file atomically: temporary file, fsync, rename, fsync the folder."""
    path = Path(path)
    text = decisions_csv(decisions)
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8",
                                                        newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); other systems have no folder handles."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def add_decisions(path: Path, new: Iterable[Decision]) -> list[Decision]:
    """Load, let each new decision replace any with its key, save; returns the file's decisions."""
    by_key = {decision.key: decision for decision in load_decisions(path)}
    for decision in new:
        by_key.pop(decision.key, None)
        by_key[decision.key] = decision
    merged = list(by_key.values())
    save_decisions(path, merged)
    return merged


def add_decision(path: Path, decision: Decision) -> list[Decision]:
    """Record one decision at once (the session saves after every decision)."""
    return add_decisions(path, [decision])


# -- a filled-in review.csv ------------------------------------------------------------

_REVIEW_VERDICTS = ("accept", "set", "not_action", "set_all")
_REVIEW_NEEDED = ("record_id", "field", "raw_value", "current_value", "decision", "value")


def unneutralise(text: str) -> str:
    """Undo export's formula guard: ``'=x`` back to ``=x``; any other ``'`` is the reviewer's."""
    return text[1:] if text.startswith("'") and neutralise(text[1:]) == text else text


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


def import_review_csv(review_csv: Path, reviewer: str | None = None,
                      reparse: DeadlineParser | None = None) -> list[Decision]:
    """Decisions from the ``decision`` / ``value`` columns a reviewer filled in.

    ``accept`` keeps the current value (recorded, so a later change is
    noticed), ``set`` puts ``value`` into this row, ``not_action`` drops the
    row, ``set_all`` puts ``value`` into every row whose field reads this raw
    text. Lines with an empty ``decision`` are skipped. A value is checked as
    the session checks a typed one (``reparse`` reads deadlines; the
    pipeline's parser by default), so a value the next run could not apply is
    refused now, not found stale later. Any bad line refuses the whole file
    (nothing half-imported); the message lists every bad line, so one pass
    fixes them all.
    """
    if reparse is None:
        from planharvest.normalise.deadlines import parse_deadline

        reparse = parse_deadline
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
                problem = _summary(error)
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
    if verdict not in _REVIEW_VERDICTS:
        return f"decision {cells['decision']!r} is not one of {', '.join(_REVIEW_VERDICTS)}"
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


# -- applying decisions ------------------------------------------------------------------


def apply_decisions(actions: list[Action], decisions: Sequence[Decision],
                    reparse: DeadlineParser) -> tuple[list[Action], list[Decision]]:
    """The rows after the decisions, and the decisions that no longer match (stale).

    Value decisions apply first and row decisions after them, so a decision
    about one row overrides a mass edit. Decisions are matched against the
    rows as planharvest made them (what the reviewer saw), never against the
    result of another decision. A decided field's flags leave the row and
    ``needs_review`` is recomputed. A row decision whose row still exists but
    no longer matches leaves the row as it is and adds a ``decision_stale``
    flag to it, so the reviewer sees it in ``review.csv``. The input rows are
    not modified.
    """
    originals = list(actions)
    rows = list(actions)
    stale: list[Decision] = []
    value_decisions = [d for d in decisions if d.scope == "value"]
    row_decisions = [d for d in decisions if d.scope == "row"]

    rows_by_raw: dict[tuple[str, str], list[int]] = {}
    for field_name in {decision.field for decision in value_decisions}:
        for index, row in enumerate(originals):
            raw, _current = field_values(row, field_name)
            rows_by_raw.setdefault((field_name, fold_spacing(raw)), []).append(index)
    for decision in value_decisions:
        indices = rows_by_raw.get((decision.field, fold_spacing(decision.raw_value)), [])
        reason = _apply_value_decision(rows, originals, indices, decision, reparse)
        if reason:
            stale.append(decision.model_copy(update={"stale_reason": reason}))

    index_by_id = {row.record_id: index for index, row in enumerate(originals)}
    dropped: set[str] = set()
    for decision in row_decisions:
        index = index_by_id.get(decision.record_id)
        if index is None:
            stale.append(decision.model_copy(update={
                "stale_reason": f"no row has record_id {decision.record_id} any more: the "
                                "document or the action's text changed"}))
            continue
        if decision.decision == "not_action":
            dropped.add(decision.record_id)
            continue
        reason = _row_mismatch(originals[index], decision)
        if not reason:
            try:
                rows[index] = _decided(rows[index], originals[index], decision, reparse)
            except DecisionError as error:
                reason = str(error)
        if reason:
            flagged = rows[index].model_copy(deep=True)
            flagged.add_flags([Flag(code="decision_stale", field=decision.field,
                                    reason=f"a reviewer's decision was not applied: {reason}")])
            rows[index] = flagged
            stale.append(decision.model_copy(update={"stale_reason": reason,
                                                     "stale_row_flagged": True}))
    return [row for row in rows if row.record_id not in dropped], stale


def _apply_value_decision(rows: list[Action], originals: list[Action], indices: list[int],
                          decision: Decision, reparse: DeadlineParser) -> str:
    """Apply to the rows with the raw text; the reason it is stale, or '' when applied."""
    if not indices:
        return f"no row's {decision.field} reads {decision.raw_value!r} any more"
    applied = 0
    for index in indices:
        if _accepted_value_changed(originals[index], decision):
            continue
        try:
            rows[index] = _decided(rows[index], originals[index], decision, reparse)
        except DecisionError as error:
            return str(error)
        applied += 1
    if not applied:
        return (f"every row whose {decision.field} reads {decision.raw_value!r} now has a "
                f"value other than the accepted {decision.value!r}")
    return ""


def _accepted_value_changed(original: Action, decision: Decision) -> bool:
    """An accept names the value it accepted; a different value now was never reviewed."""
    if decision.decision != "accept":
        return False
    return fold_spacing(field_values(original, decision.field)[1]) != fold_spacing(decision.value)


def _row_mismatch(original: Action, decision: Decision) -> str:
    """Why a row decision does not fit its row any more, or '' when it does."""
    raw, current = field_values(original, decision.field)
    if decision.raw_value and fold_spacing(raw) != fold_spacing(decision.raw_value):
        return (f"the {decision.field} was decided on the text {decision.raw_value!r}, "
                f"which now reads {raw!r}")
    if _accepted_value_changed(original, decision):
        return (f"the accepted {decision.field} was {decision.value!r}; planharvest now "
                f"chooses {current!r}")
    return ""


def _columns_of(field_name: str) -> tuple[str, ...]:
    """The Action columns a decided field stands for."""
    if field_name == "deadline":
        return ("deadline_kind", "deadline_start", "deadline_end", "deadline_precision",
                "recurrence")
    if field_name == "row":
        return ("action",)
    return (field_name,)


def _decided(row: Action, original: Action, decision: Decision,
             reparse: DeadlineParser) -> Action:
    """A copy of ``row`` with the decision's value in place and the field's flags cleared.

    ``accept`` puts back the value planharvest chose (``original``), so it
    holds even where a mass edit touched the same row.
    """
    if decision.decision == "set":
        updates = _typed_values(decision.field, decision.value, reparse)
    else:
        updates = {name: getattr(original, name) for name in _columns_of(decision.field)}
    kept = [flag for flag in row.flag_details if flag.field != decision.field]
    try:
        decided = Action.model_validate(row.model_dump() | updates | {"flag_details": kept})
    except ValidationError as error:
        raise DecisionError(f"{decision.value!r} is not a valid {decision.field}: "
                            f"{_summary(error)}") from None
    decided.add_flags([])  # recomputes flags and needs_review from flag_details
    return decided


def value_problem(field_name: str, value: str, reparse: DeadlineParser) -> str:
    """Why ``value`` cannot be set into ``field_name`` ('' when it can): checked as it is typed."""
    try:
        updates = _typed_values(field_name, value, reparse)
        Action.model_validate({"record_id": "check", "source_file": "", "source_sha256": "",
                               "source_format": "pdf"} | updates)
    except DecisionError as error:
        return str(error)
    except ValidationError as error:
        return f"{value!r} is not a valid {field_name}: {_summary(error)}"
    return ""


def _typed_values(field_name: str, value: str, reparse: DeadlineParser) -> dict[str, object]:
    """The columns a reviewer's text sets, as typed values."""
    text = value.strip()
    if field_name == "deadline":
        return _deadline_values(text, reparse)
    if field_name == "row":
        return {"action": text}
    column = _ACTION_COLUMNS[field_name]
    if column.kind == "list":
        return {field_name: [item.strip() for item in text.split(";") if item.strip()]}
    if column.kind == "integer":
        if text and not text.isdigit():
            raise DecisionError(f"{value!r} is not a number for {field_name}")
        return {field_name: int(text) if text else None}
    if column.nullable and not text:
        return {field_name: None}
    # Literal columns (rag) hold lower-case codes; model validation rejects anything else.
    return {field_name: text.lower() if column.enum else text}


def _deadline_values(text: str, reparse: DeadlineParser) -> dict[str, object]:
    """An ISO day or period (a candidate), or the reviewer's text read by the deadline parser."""
    period = _ISO_PERIOD.fullmatch(text)
    if period:
        try:
            start = dt.date.fromisoformat(period.group(1))
            end = dt.date.fromisoformat(period.group(2) or period.group(1))
        except ValueError:
            raise DecisionError(f"{text!r} is not a calendar date") from None
        if end < start:
            raise DecisionError(f"{text!r} ends before it starts")
        kind, precision = _period_shape(start, end)
        return {"deadline_kind": kind, "deadline_start": start, "deadline_end": end,
                "deadline_precision": precision, "recurrence": None}
    try:
        parsed = reparse(text)
    except ValueError as error:
        raise DecisionError(f"the deadline {text!r} could not be read: {error}") from None
    if parsed.kind == "missing" and text:
        raise DecisionError(f"the deadline {text!r} could not be read")
    # A reviewer's deadline must read without a guess; a guessed reading would be
    # recorded as the reviewer's word.
    flags = list(getattr(parsed, "flags", ()))
    unread = [flag.reason for flag in flags if flag.code == "deadline_unparsed"]
    if unread:
        raise DecisionError(f"the deadline {text!r} could not be read ({'; '.join(unread)}); "
                            "type a deadline such as March 2009, or a day as YYYY-MM-DD")
    guesses = [flag.reason for flag in flags]
    if guesses:
        raise DecisionError(f"the deadline {text!r} reads only by a guess ({'; '.join(guesses)}); "
                            "type a fuller deadline or a day as YYYY-MM-DD")
    return {"deadline_kind": parsed.kind, "deadline_start": parsed.start,
            "deadline_end": parsed.end, "deadline_precision": parsed.precision,
            "recurrence": parsed.recurrence}


def _period_shape(start: dt.date, end: dt.date) -> tuple[str, str]:
    """(deadline_kind, deadline_precision) of an explicit period, by the contract's rules."""
    if start == end:
        return "date", "day"
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if not whole_months:
        return "range", "day"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return "date", "month"
    if months == 3 and start.month in _SEASON_STARTS:
        return "date", "season"
    if months == 3 and start.month in _QUARTER_STARTS:
        return "date", "quarter"
    if months == 12 and start.month == 1:
        return "date", "year"
    if months == 12 and start.month == 4:
        return "date", "financial_year"
    return "range", "month"


# -- what the run does with decisions -----------------------------------------------------


def owner_aliases(decisions: Iterable[Decision]) -> tuple[tuple[str, str], ...]:
    """(canonical name, alias) pairs from value decisions that set one owner for a raw text.

    A decision naming several owners for one cell is a mass edit only: one
    alias cannot stand for several organisations.
    """
    pairs: dict[tuple[str, str], None] = {}
    for decision in decisions:
        if decision.scope != "value" or decision.field != "owners" or decision.decision != "set":
            continue
        names = [name.strip() for name in decision.value.split(";") if name.strip()]
        alias = " ".join(decision.raw_value.split())
        if len(names) == 1 and fold_spacing(alias) != fold_spacing(names[0]):
            pairs[(names[0], alias)] = None
    return tuple(pairs)


def describe_stale(decision: Decision) -> str:
    """One line per stale decision, for the console."""
    target = (f"row {decision.record_id}" if decision.scope == "row"
              else f"every {decision.field} reading {decision.raw_value!r}")
    what = decision.decision if decision.decision != "set" else f"set to {decision.value!r}"
    return (f"stale decision ({decision.field} of {target}: {what}, by {decision.reviewer} "
            f"{decision.decided_at}): {decision.stale_reason}")


#: ``documents.csv``'s format for the decisions file's line (no document has it).
DECISIONS_FORMAT = "decisions"
#: Stale decisions spelled out in that line; the report and review.csv list them all.
_STALE_LISTED = 20


def decisions_listing(path: Path | None, decisions: Sequence[Decision],
                      stale: Sequence[Decision]) -> list[DocumentRecord]:
    """``documents.csv``'s line for the run's ``--decisions`` file (none without one).

    The decisions file is an input of the run like the documents, so it gets
    their line: its hash, and in the note how many decisions it holds and which
    are stale. A file that does not exist is said so, so a mistyped path is
    not taken for "nothing decided".
    """
    if path is None:
        return []
    path = Path(path)
    record = DocumentRecord(path=str(path), format=DECISIONS_FORMAT)
    if not path.exists():
        record.error = "the decisions file does not exist (yet): no decisions were applied"
        return [record]
    record.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    record.error = (f"{len(decisions)} decision(s): {len(decisions) - len(stale)} applied, "
                    f"{len(stale)} stale")
    if stale:
        listed = [describe_stale(decision) for decision in stale[:_STALE_LISTED]]
        if len(stale) > len(listed):
            listed.append(f"... and {len(stale) - len(listed)} more (see report.html)")
        record.error += (" (not applied, kept in the file; review.csv and report.html list "
                         "them): " + " | ".join(listed))
    return [record]


def stale_review_items(stale: Iterable[Decision]) -> list[ReviewItem]:
    """Lines for ``review.csv`` for stale decisions whose row is gone.

    A stale decision whose row still exists is already in ``review.csv``: the
    row carries a ``decision_stale`` flag on that field.
    """
    return [
        ReviewItem(
            record_id=decision.record_id, source_file="", field=decision.field,
            raw_value=decision.raw_value, flags=["decision_stale"],
            candidates=[decision.value] if decision.value else [],
            reasons=f"a reviewer's decision ({decision.decision}, by {decision.reviewer} "
                    f"{decision.decided_at}) no longer matches: {decision.stale_reason}",
        )
        for decision in stale
        if not decision.stale_row_flagged
    ]
