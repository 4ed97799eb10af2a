"""The canonical output model: one pydantic class per output table.

``Action`` is the single source of truth for the columns of ``actions.*``:
the CSV / Parquet / JSON writers and ``datapackage.json`` are generated from
its fields, their types and their descriptions, so a column is added or
renamed here and nowhere else. ``DocumentRecord`` does the same for
``documents.csv``. ``Flag`` is the reason a heuristic attaches to a value it
guessed; its severity (``review`` or ``note``) is read from one table,
``data/flags.csv``, by its code and the evidence its row gave, so which
guesses send a row to a person is data, not code.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SourceFormat = Literal["pdf", "docx", "doc", "odt", "rtf"]
DeadlineKind = Literal["date", "range", "ongoing", "recurring", "completed", "unknown", "missing"]
DeadlinePrecision = Literal["day", "month", "quarter", "season", "year", "financial_year"]
Recurrence = Literal["weekly", "fortnightly", "monthly", "quarterly", "annually"]
Rag = Literal["red", "amber", "green", "complete"]
DocumentStatus = Literal["ok", "failed", "skipped"]

#: Where a flag stands: ``review`` (a value of the row may be wrong: a person should look) or
#: ``note`` (a certain rule was applied: recorded, but the row needs no look).
Severity = Literal["review", "note"]
#: One table, as data: a flag's severity by its code and the evidence its row gave.
FLAG_TABLE = Path(__file__).with_name("data") / "flags.csv"


def _read_flag_table() -> dict[tuple[str, str], tuple[Severity, str]]:
    """(code, evidence) -> (severity, the sentence a reviewer reads), from ``FLAG_TABLE``.

    Evidence ``""`` is the code's default: the severity when the row gave no evidence that
    settles the guess. Every code has a default line."""
    with FLAG_TABLE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    table: dict[tuple[str, str], tuple[Severity, str]] = {}
    for line in lines:
        severity = line["severity"]
        if severity not in ("review", "note"):
            raise ValueError(f"{FLAG_TABLE}: {line['code']}: severity {severity!r} is neither "
                             "'review' nor 'note'")
        table[(line["code"], line["evidence"])] = (severity, line["meaning"])  # type: ignore[assignment]
    return table


FLAG_SEVERITY: dict[tuple[str, str], tuple[Severity, str]] = _read_flag_table()
#: Every reason code a row can carry, with the sentence a reviewer reads (its default line).
FLAG_CODES: dict[str, str] = {code: meaning for (code, evidence), (_, meaning)
                              in FLAG_SEVERITY.items() if not evidence}


#: What a reviewer may write in review.csv's (and actions.xlsx's Review sheet's) ``decision``
#: column, with what each does.
REVIEW_DECISIONS: dict[str, str] = {
    "accept": "keep the current value",
    "set": "put the value column into this row",
    "not_action": "drop this row: it is not an action",
    "set_all": "put the value column into every row whose field reads this printed text",
}


class Flag(BaseModel):
    """Why one value of a row was guessed: shown in ``review.csv`` and the report."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="reason code, one of FLAG_CODES")
    field: str = Field(
        description="the Action column the guess concerns; 'deadline' for the deadline_* "
        "columns together, 'row' for the row as a whole"
    )
    reason: str = Field(description="a sentence for the reviewer, naming the text that was read")
    candidates: tuple[str, ...] = Field(default=(), description="values a reviewer may pick")
    evidence: str = Field(
        default="", description="what the row showed that settles the guess, a key of the flag "
        "table (data/flags.csv) for this code; empty when nothing does")

    @model_validator(mode="after")
    def _known(self) -> Flag:
        if (self.code, self.evidence) not in FLAG_SEVERITY:
            raise ValueError(f"flag {self.code!r} with evidence {self.evidence!r} is not in "
                             f"{FLAG_TABLE.name}")
        return self

    @property
    def severity(self) -> Severity:
        """``review`` or ``note``, by the flag table for this code and evidence."""
        return FLAG_SEVERITY[(self.code, self.evidence)][0]


def _column(description: str, **kwargs: object) -> object:
    """A field that is an output column (``json_schema_extra`` marks it so)."""
    return Field(description=description, json_schema_extra={"column": True}, **kwargs)


class Action(BaseModel):
    """One action of one plan: a row of ``actions.csv`` / ``.parquet`` / ``.json``.

    Fields marked as columns are exported in declaration order. The fields
    after them (bounding box, flag details) travel with the row to the review
    report but are not columns.
    """

    record_id: str = _column("stable id from the document's hash and the action's own content")
    source_file: str = _column("path of the document relative to the input folder it was found in")
    source_sha256: str = _column("SHA-256 of the document's bytes")
    source_format: SourceFormat = _column("format of the document: pdf, docx, doc, odt, rtf")
    page: int | None = _column("1-based page where the row starts", default=None)
    plan_title: str = _column("the document's own title", default="")
    theme: str = _column("section / theme / priority heading the action sits under", default="")
    objective: str = _column("objective or outcome heading within the theme", default="")
    action_ref: str = _column("the action's reference as printed", default="")
    action_id: str = _column("the reference normalised (PBC1, 1.1, ER1)", default="")
    action: str = _column("the action text, repaired; bullet items separated by '; '", default="")
    owner_raw: str = _column("the lead / owner cell as printed", default="")
    owners: list[str] = _column("canonical organisation names; a team or unit named with its "
                                "organisation gives the organisation here",
                                default_factory=list)
    owner_units: list[str] = _column(
        "teams, units, services or directorates named with their organisation in the owner "
        "cell, as printed (spacing normalised)", default_factory=list)
    partners: list[str] = _column("other partners named", default_factory=list)
    deadline_raw: str = _column("the deadline / timescale cell as printed", default="")
    deadline_kind: DeadlineKind = _column(
        "date, range, ongoing, recurring, completed, unknown, missing", default="missing"
    )
    deadline_start: dt.date | None = _column("first day of the deadline period", default=None)
    deadline_end: dt.date | None = _column("last day of the deadline period: the due date",
                                           default=None)
    deadline_precision: DeadlinePrecision | None = _column(
        "day, month, quarter, season, year, financial_year", default=None
    )
    recurrence: Recurrence | None = _column(
        "weekly, fortnightly, monthly, quarterly, annually", default=None
    )
    indicators: list[str] = _column("canonical indicator codes (NI 15, ...)", default_factory=list)
    kpi: str = _column("measure / key performance indicator text", default="")
    milestones: str = _column("milestone text", default="")
    progress: str = _column("progress update / status commentary", default="")
    rag: Rag | None = _column("red, amber, green, complete where the document rates it",
                              default=None)
    outcomes: str = _column("anticipated benefits / outcomes text", default="")
    notes: str = _column("anything else in the row that has no column here", default="")
    flags: list[str] = _column(
        "every heuristic applied to the row, as reason codes (notes and review reasons alike)",
        default_factory=list)
    needs_review: bool = _column(
        "true only where a value may be wrong: some flag of the row has severity 'review' "
        "given that row's evidence; 'note' flags record a certain rule", default=False)
    decided: list[str] = _column(
        "fields whose value a reviewer's decision set (empty when none)", default_factory=list)

    # Not columns: carried to review.csv and report.html.
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="the row's box on its page (x0, top, x1, bottom), PDF points"
    )
    header_page: int | None = Field(
        default=None, description="page of the header row of the row's table (PDF)")
    header_bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="that header row's box on its page, PDF points")
    flag_details: list[Flag] = Field(default_factory=list, description="one entry per guess")

    def add_flags(self, new_flags: list[Flag]) -> None:
        """Record flags and keep ``flags`` / ``needs_review`` in step with them: every code
        is listed, and the row needs review only for a flag of severity ``review``."""
        for flag in new_flags:
            if flag not in self.flag_details:
                self.flag_details.append(flag)
        self.flags = sorted({f.code for f in self.flag_details})
        self.needs_review = any(f.severity == "review" for f in self.flag_details)

    def review_flags(self) -> list[Flag]:
        """The flags that send the row to a person (severity ``review``)."""
        return [flag for flag in self.flag_details if flag.severity == "review"]


class ReviewItem(BaseModel):
    """One flagged field of one flagged row: a line of ``review.csv``.

    ``decision`` and ``value`` are left empty for a reviewer to fill in (in
    Excel or with ``planharvest review``); ``--import`` reads them back.
    """

    record_id: str = _column("the row's stable id (record_id in actions.*)")
    source_file: str = _column("document the row came from")
    page: int | None = _column("1-based page where the row starts", default=None)
    action_id: str = _column("the row's normalised reference", default="")
    action: str = _column("the action text, for context", default="")
    field: str = _column("the column the guess concerns (deadline = the deadline_* columns)")
    raw_value: str = _column("the text as printed", default="")
    current_value: str = _column("the value planharvest chose", default="")
    flags: list[str] = _column("reason codes", default_factory=list)
    reasons: str = _column("why the row needs a look, in words", default="")
    candidates: list[str] = _column("values a reviewer may pick", default_factory=list)
    decision: str = _column(
        "reviewer: accept, set, not_action, or set_all (every row with this raw value)",
        default="",
    )
    value: str = _column("reviewer: the value to set (for set / set_all)", default="")


class DocumentRecord(BaseModel):
    """One input file: a row of ``documents.csv``."""

    path: str = _column("path of the document relative to the input folder it was found in")
    sha256: str = _column("SHA-256 of the document's bytes", default="")
    format: str = _column("format read from the file's bytes (pdf, docx, doc, odt, rtf)",
                          default="")
    pages: int | None = _column("number of pages (PDF; Word where known)", default=None)
    tables_found: int = _column("tables found before any action-plan logic", default=0)
    actions_found: int = _column("action rows produced", default=0)
    status: DocumentStatus = _column("ok, failed or skipped", default="ok")
    error: str = _column(
        "why a file failed or was skipped; for an ok file, what could not be read in it "
        "(a scanned page without OCR, a damaged page or stream, text set sideways and read "
        "turned, no action tables)", default="")


def column_names(model: type[BaseModel]) -> list[str]:
    """The exported columns of ``model``, in declaration order."""
    return [
        name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("column")
    ]
