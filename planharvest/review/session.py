"""``planharvest review DIR``: walk the flagged rows of a finished run in the terminal.

The session reads the run's ``review.csv`` (one line per flagged field) and
``actions.json`` (for context: theme, neighbouring rows), shows one flagged
field at a time and records the reviewer's answer in the decisions file,
saving atomically after every answer. A field already settled by the
decisions file is not asked again, so quitting and starting again resumes
where the reviewer stopped. Input is line-based (a key, then Enter) so the
session works in any terminal and can be driven by a script.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

import click

from planharvest.export import staging
from planharvest.export.report import neighbour_labels
from planharvest.files import allow_long_csv_cells, unneutralise
from planharvest.lexicon import fold_spacing
from planharvest.model import Action, ReviewItem
from planharvest.review.decisions import DeadlineParser, Decision, new_decision, value_problem
from planharvest.review.importing import read_review_csv
from planharvest.review.keys import keys_help
from planharvest.review.store import add_decision, load_decisions
from planharvest.terminal import printable

HELP = f"keys: {keys_help()}"


class SessionIO(Protocol):
    """Where the session writes and reads; click's terminal by default."""

    def show(self, text: str) -> None: ...

    def ask(self, prompt: str) -> str:
        """One line of input; raises EOFError when there is none."""
        ...


class ClickIO:
    """The terminal, through click (so click's CliRunner can drive it too)."""

    def show(self, text: str) -> None:
        click.echo(printable(text, keep_newlines=True))

    def ask(self, prompt: str) -> str:
        try:
            return click.prompt(prompt, default="", show_default=False)
        except click.Abort:  # end of input or Ctrl-C
            raise EOFError from None


@dataclass
class StreamIO:
    """Plain streams: for pipes and tests."""

    input: TextIO
    output: TextIO

    def show(self, text: str) -> None:
        self.output.write(text + "\n")

    def ask(self, prompt: str) -> str:
        self.output.write(f"{prompt}: ")
        line = self.input.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")


def load_items(review_csv: Path) -> list[ReviewItem]:
    """The lines of a run's ``review.csv`` as ReviewItems (lists split on ``; ``)."""
    items = []
    for _line, cells in read_review_csv(review_csv):
        page = cells.get("page", "").strip()
        items.append(ReviewItem(
            record_id=cells["record_id"].strip(), source_file=cells.get("source_file", ""),
            page=int(page) if page.isdigit() else None, action_id=cells.get("action_id", ""),
            action=cells.get("action", ""), field=cells["field"].strip(),
            raw_value=cells["raw_value"], current_value=cells["current_value"],
            flags=_split(cells.get("flags", "")), reasons=cells.get("reasons", ""),
            candidates=_split(cells.get("candidates", "")),
        ))
    return items


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("; ") if part.strip()]


def load_rows(out_dir: Path) -> list[Action]:
    """The run's rows, from ``actions.json`` (or ``actions.csv`` when JSON was not written).

    Only the text columns the session shows are read from CSV.
    """
    json_path, csv_path = out_dir / "actions.json", out_dir / "actions.csv"
    if json_path.exists():
        records = json.loads(json_path.read_text(encoding="utf-8"))
        return [Action.model_validate(record) for record in records]
    if not csv_path.exists():
        raise FileNotFoundError(f"neither {json_path.name} nor {csv_path.name} is in {out_dir}: "
                                "run `planharvest convert` first")
    shown = ("record_id", "source_file", "source_sha256", "source_format", "theme", "objective",
             "action_ref", "action_id", "action", "owner_raw", "deadline_raw")
    allow_long_csv_cells()
    with csv_path.open(newline="", encoding="utf-8-sig") as handle:
        return [Action(**{name: unneutralise(record[name]) for name in shown})
                for record in csv.DictReader(handle)]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_decided(item: ReviewItem, decisions: Sequence[Decision], run_time: dt.datetime) -> bool:
    """True when a decision in the file settles this line.

    A line flagged ``decision_stale`` was produced by a decision that no
    longer fits, so only a decision made after the run settles it.
    """
    for decision in decisions:
        if "decision_stale" in item.flags and _timestamp(decision) < run_time:
            continue
        if _settles(decision, item):
            return True
    return False


def _settles(decision: Decision, item: ReviewItem) -> bool:
    same_raw = fold_spacing(decision.raw_value) == fold_spacing(item.raw_value)
    if decision.scope == "value":
        return decision.field == item.field and same_raw
    if decision.record_id != item.record_id:
        return False
    if decision.decision == "not_action":
        return True
    if decision.field != item.field or (decision.raw_value and not same_raw):
        return False
    return (decision.decision != "accept"
            or fold_spacing(decision.value) == fold_spacing(item.current_value))


def _timestamp(decision: Decision) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(decision.decided_at)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def run_session(out_dir: Path, decisions_path: Path, reviewer: str,
                prompt_io: SessionIO | None = None, *, reparse: DeadlineParser) -> int:
    """Ask about every undecided flagged field of the run in ``out_dir``; returns decisions made.

    Each answer is saved to ``decisions_path`` before the next question, so
    quitting, Ctrl-C or a killed terminal loses nothing already answered.
    A value is checked as it is typed (``reparse`` reads deadlines, as the
    run that applies the decisions does), so a value the next run could not
    apply is refused at once.
    """
    io = prompt_io or ClickIO()
    session = _open_session(Path(out_dir), decisions_path, io)
    index = _next_undecided(session.items, -1, session.decisions, session.run_time)
    while index is not None:
        index = _ask(session, index, reviewer, io, reparse)
    # A new answer about a field already decided replaces the old one, so the file can hold
    # fewer decisions than were answered.
    io.show(f"{session.made} answer(s) saved to {decisions_path} "
            f"({len(session.decisions)} decision(s) in it).")
    return session.made


@dataclass
class _Session:
    """A session's state: the run's flagged fields, and the decisions file as answers grow it."""

    out_dir: Path
    decisions_path: Path
    run_time: dt.datetime  # when review.csv was written: decisions before it may be stale
    rows: dict[str, Action]
    neighbours: dict[str, tuple[str, str]]
    items: list[ReviewItem]
    decisions: list[Decision]
    made: int = 0
    shown: list[int] = field(default_factory=list)  # indices shown so far, for "back"


def _open_session(out_dir: Path, decisions_path: Path, io: SessionIO) -> _Session:
    """Read the run and the decisions file, and say how many fields are left to review."""
    review_csv = out_dir / "review.csv"
    with staging.reading(out_dir):  # a half-committed run finished first, or refused
        if not review_csv.exists():
            raise FileNotFoundError(f"{review_csv} not found: run `planharvest convert` first")
        run_time = dt.datetime.fromtimestamp(review_csv.stat().st_mtime, tz=dt.timezone.utc)
        rows = {row.record_id: row for row in load_rows(out_dir)}
        all_items = load_items(review_csv)
    neighbours = neighbour_labels(rows.values())
    items = [item for item in all_items if item.record_id in rows]
    if len(items) < len(all_items):
        io.show(f"{len(all_items) - len(items)} line(s) of review.csv name rows that are not in "
                "this run (stale decisions): see report.html and edit the decisions file.")
    decisions = load_decisions(decisions_path)
    todo = [item for item in items if not is_decided(item, decisions, run_time)]
    io.show(f"{len(todo)} of {len(items)} flagged fields to review "
            f"({len(items) - len(todo)} already decided). {HELP}")
    return _Session(out_dir, decisions_path, run_time, rows, neighbours, items, decisions)


def _ask(session: _Session, index: int, reviewer: str, io: SessionIO,
         reparse: DeadlineParser) -> int | None:
    """Show field ``index``, act on the key typed; the index to show next, None to stop."""
    item = session.items[index]
    io.show(_describe(item, session.rows[item.record_id], session.neighbours[item.record_id],
                      index, len(session.items), session.decisions,
                      session.out_dir / "report.html"))
    try:
        key = io.ask("choice").strip()
    except EOFError:
        return None
    if key == "q":
        return None
    if key == "b":
        if session.shown:
            return session.shown.pop()
        io.show("this is the first field of the session.")
        return index
    if key == "k":
        session.shown.append(index)
        return _next_undecided(session.items, index, session.decisions, session.run_time)
    try:
        decision = _decision_for(key, item, reviewer, io)
    except EOFError:
        return None
    except ValueError as error:  # a line of review.csv no decision can name
        io.show(f"not saved: {error}")
        return index
    if decision is None:
        return index
    return _save(session, index, decision, io, reparse)


def _save(session: _Session, index: int, decision: Decision, io: SessionIO,
          reparse: DeadlineParser) -> int | None:
    """Check a set value, save the decision at once; the next undecided field's index."""
    problem = value_problem(decision.field, decision.value, reparse) if (
        decision.decision == "set") else ""
    if problem:
        io.show(f"not saved: {problem}")
        return index
    session.decisions = add_decision(session.decisions_path, decision)
    session.made += 1
    io.show(f"saved: {_label(decision)}")
    session.shown.append(index)
    return _next_undecided(session.items, index, session.decisions, session.run_time)


def _next_undecided(items: list[ReviewItem], after: int, decisions: Sequence[Decision],
                    run_time: dt.datetime) -> int | None:
    for index in range(after + 1, len(items)):
        if not is_decided(items[index], decisions, run_time):
            return index
    return None


def _decision_for(key: str, item: ReviewItem, reviewer: str, io: SessionIO) -> Decision | None:
    """The decision a key stands for, asking for a value where needed; None to ask again."""
    row = {"record_id": item.record_id, "raw_value": item.raw_value, "reviewer": reviewer}
    if key.isdigit() and 1 <= int(key) <= min(9, len(item.candidates)):
        return new_decision("row", item.field, "set", value=item.candidates[int(key) - 1], **row)
    if key == "a":
        return new_decision("row", item.field, "accept", value=item.current_value, **row)
    if key == "n":
        return new_decision("row", item.field, "not_action", **row)
    if key in ("s", "A"):
        if key == "A" and not item.raw_value.strip():
            io.show("this field has no printed text to match other rows by; use s instead.")
            return None
        value = io.ask(_value_prompt(item.field, item.candidates)).strip()
        if not value:
            io.show("no value typed; nothing saved.")
            return None
        if value.isdigit() and 1 <= int(value) <= min(9, len(item.candidates)):
            value = item.candidates[int(value) - 1]  # a candidate, picked by its number
        if key == "s":
            return new_decision("row", item.field, "set", value=value, **row)
        return new_decision("value", item.field, "set", raw_value=item.raw_value, value=value,
                            reviewer=reviewer)
    io.show(f"unknown key {key!r}. {HELP}")
    return None


def _value_prompt(field_name: str, candidates: Sequence[str]) -> str:
    pick = f", or a candidate's number 1-{min(9, len(candidates))}" if candidates else ""
    if field_name == "row":
        return f"the action text, as it should read{pick}"
    if field_name in ("owners", "partners", "indicators"):
        return f"{field_name} (separate several with ;{pick})"
    if field_name == "deadline":
        return f"deadline (as text, e.g. March 2009, or a day YYYY-MM-DD{pick})"
    return f"{field_name}{pick}"


def _label(decision: Decision) -> str:
    field_name = "action text" if decision.field == "row" else decision.field
    target = (f"row {decision.record_id}" if decision.scope == "row"
              else f"every row whose {field_name} reads {decision.raw_value!r}")
    if decision.decision == "set":
        return f"{field_name} of {target} set to {decision.value!r}"
    if decision.decision == "accept":
        return f"{field_name} of {target} accepted as {decision.value!r}"
    return f"{target} is not an action"


def _describe(item: ReviewItem, row: Action, neighbours: tuple[str, str], index: int,
              total: int, decisions: Sequence[Decision], report: Path) -> str:
    where = item.source_file + (f", page {item.page}" if item.page else "")
    lines = [
        "",
        f"[{index + 1}/{total}] {where}",
        f"  theme:      {row.theme or '(none)'}" + (f" / {row.objective}" if row.objective else ""),
        f"  action {row.action_ref or row.action_id or row.record_id}: {_short(row.action, 300)}",
        f"  previous:   {neighbours[0]}",
        f"  next:       {neighbours[1]}",
    ]
    # The row's own cells as printed, beside the one in question: the source text to judge by.
    for label, printed in (("owner cell", row.owner_raw), ("deadline cell", row.deadline_raw)):
        if printed and printed != item.raw_value:
            lines.append(f"  {label + ':':<11} {_short(printed, 200)}")
    if row.source_format == "pdf" and report.exists():
        lines.append(f"  picture:    {report.resolve().as_uri()}#row-{row.record_id}")
    lines += [
        f"  field:      {item.field}",
        f"  as printed: {item.raw_value or '(empty)'}",
    ]
    if item.current_value != item.raw_value:
        lines.append(f"  current:    {item.current_value or '(empty)'}")
    lines.append(f"  why:        {item.reasons}")
    for number, candidate in enumerate(item.candidates[:9], start=1):
        lines.append(f"  {number}. {candidate}")
    earlier = [d for d in decisions if _settles(d, item)]
    if earlier:
        lines.append(f"  decided before: {_label(earlier[-1])} (a new answer replaces it)")
    return "\n".join(lines)
