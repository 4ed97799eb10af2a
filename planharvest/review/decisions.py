"""A reviewer's decision: the model, and whether its value can go into its field.

A decision settles one flagged field once, so no later run asks again. It has
one of two scopes:

* ``row`` -- this row's field, found by ``record_id`` + ``field``;
* ``value`` -- every row whose field reads a given raw text (``field`` +
  ``raw_value``), like OpenRefine's mass edit. An owner decision of this kind
  also becomes an alias for the owner registry (``apply.owner_aliases``).

and one of three verdicts: ``accept`` (keep the value planharvest chose, clear
the flag), ``set`` (put ``value``), ``not_action`` (drop the row). A value to
set is text as a reviewer types it: ``;``-separated names or codes for
``owners`` / ``partners`` / ``indicators``; for ``deadline`` whatever the
injected deadline parser reads without a guess (the pipeline's reads a day or
period in ISO form too, as deadline candidates are printed).

The decisions file is ``store``; a filled-in ``review.csv`` becomes decisions in
``importing``; ``apply`` puts them into a run's rows and finds the stale ones.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from planharvest import __version__
from planharvest.errors import OptionFileError, PlanharvestError
from planharvest.lexicon import fold_spacing
from planharvest.model import Action
from planharvest.schema import columns

Scope = Literal["row", "value"]
Verdict = Literal["accept", "set", "not_action"]

#: Columns a decision may not name: provenance, the printed text itself, and columns that
#: follow from others (the deadline_* columns are decided together as ``deadline``).
_NOT_DECIDABLE = frozenset({
    "record_id", "source_file", "source_sha256", "source_format", "owner_raw", "deadline_raw",
    "deadline_kind", "deadline_start", "deadline_end", "deadline_precision", "recurrence",
    "flags", "needs_review", "decided",
})
_ACTION_COLUMNS = {spec.name: spec for spec in columns(Action)}

#: Fields a decision may name: Action columns a reviewer can judge, ``deadline``, ``row``.
DECIDABLE_FIELDS = frozenset({"row", "deadline", *(set(_ACTION_COLUMNS) - _NOT_DECIDABLE)})


class ParsedDeadline(Protocol):
    """What a deadline parser returns (planharvest.normalise.deadlines.Deadline)."""

    kind: str
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    recurrence: str | None


#: Reads a reviewer's deadline text; raises ValueError with a sentence saying why it cannot.
#: The CLI and the pipeline inject ``normalise.deadlines.read_reviewed_deadline``.
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


class DecisionsFileError(OptionFileError):
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


def validation_summary(error: ValidationError) -> str:
    """A pydantic error as one line: ``where: what`` for each problem."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "; ".join(parts)


# -- a decision's value ------------------------------------------------------------------


def value_problem(field_name: str, value: str, reparse: DeadlineParser) -> str:
    """Why ``value`` cannot be set into ``field_name`` ('' when it can): checked as it is typed."""
    try:
        updates = typed_values(field_name, value, reparse)
        Action.model_validate({"record_id": "check", "source_file": "", "source_sha256": "",
                               "source_format": "pdf"} | updates)
    except DecisionError as error:
        return str(error)
    except ValidationError as error:
        return f"{value!r} is not a valid {field_name}: {validation_summary(error)}"
    return ""


def typed_values(field_name: str, value: str, reparse: DeadlineParser) -> dict[str, object]:
    """The columns a reviewer's text sets, as typed values; DecisionError when it cannot."""
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
    """The reviewer's deadline text read by the injected parser, which must read it without
    a guess: a guessed reading would be recorded as the reviewer's word."""
    try:
        parsed = reparse(text)
    except ValueError as error:  # the parser's sentence: "'2009-02-30' is not a calendar date"
        raise DecisionError(str(error)) from None
    if parsed.kind == "missing" and text:
        raise DecisionError(f"the deadline {text!r} could not be read")
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
