"""The review rows: ``review.csv``'s lines, and ``documents.csv``'s line for the decisions file.

``review.csv`` holds one line per field of a ``needs_review`` row that a flag of
severity ``review`` concerns, and one per stale decision whose row is gone. A
row's notes (flags of severity ``note``) stay in its ``flags`` column and in the
report; they add a line here only beside a doubt about the same field. Stale
decisions reach export as plain data (:class:`StaleDecision`), so export needs
nothing from ``review``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planharvest.files import capped, capped_list
from planharvest.model import Action, DocumentRecord, Flag, ReviewItem

#: ``documents.csv``'s format for the decisions file's line (no document has it).
DECISIONS_FORMAT = "decisions"
#: Stale decisions spelled out in that line; the report and review.csv list them all.
_STALE_LISTED = 20


@dataclass(frozen=True)
class StaleDecision:
    """A reviewer's decision the run did not apply because it no longer matches its rows."""

    scope: str
    record_id: str
    field: str
    raw_value: str
    decision: str
    value: str
    reviewer: str
    decided_at: str
    reason: str  # why it no longer matches
    row_flagged: bool = False  # its row exists and carries a decision_stale flag


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
    """One ``review.csv`` line per field of a ``needs_review`` row that a ``review`` flag
    concerns; the line lists that field's notes too, after its doubts."""
    items = []
    for action in actions:
        by_field: dict[str, list[Flag]] = {}
        for flag in sorted(action.flag_details, key=lambda flag: flag.severity != "review"):
            by_field.setdefault(flag.field, []).append(flag)
        for field_name, flags in by_field.items():
            if flags[0].severity != "review":
                continue
            raw, current = field_values(action, field_name)
            candidates: list[str] = []
            for flag in flags:
                candidates.extend(c for c in flag.candidates if c not in candidates)
            items.append(ReviewItem(
                record_id=action.record_id, source_file=action.source_file, page=action.page,
                action_id=action.action_id, action=action.action[:200], field=field_name,
                raw_value=raw, current_value=current,
                flags=sorted({flag.code for flag in flags}),
                reasons=capped(" | ".join(flag.reason for flag in flags)),
                candidates=capped_list(candidates),
            ))
    return items


def stale_review_items(stale: Iterable[StaleDecision]) -> list[ReviewItem]:
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
                    f"{decision.decided_at}) no longer matches: {decision.reason}",
        )
        for decision in stale
        if not decision.row_flagged
    ]


def describe_stale(decision: StaleDecision) -> str:
    """One line per stale decision, for the console and ``documents.csv``."""
    target = (f"row {decision.record_id}" if decision.scope == "row"
              else f"every {decision.field} reading {decision.raw_value!r}")
    what = decision.decision if decision.decision != "set" else f"set to {decision.value!r}"
    return (f"stale decision ({decision.field} of {target}: {what}, by {decision.reviewer} "
            f"{decision.decided_at}): {decision.reason}")


def decisions_listing(path: Path | None, decided: int,
                      stale: Sequence[StaleDecision]) -> list[DocumentRecord]:
    """``documents.csv``'s line for the run's ``--decisions`` file (none without one).

    The decisions file is an input of the run like the documents, so it gets
    their line: its hash, and in the note how many decisions (``decided``) it
    holds and which are stale. A file that does not exist is said so, so a
    mistyped path is not taken for "nothing decided".
    """
    if path is None:
        return []
    path = Path(path)
    record = DocumentRecord(path=str(path), format=DECISIONS_FORMAT)
    if not path.exists():
        record.error = "the decisions file does not exist (yet): no decisions were applied"
        return [record]
    record.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    record.error = (f"{decided} decision(s): {decided - len(stale)} applied, "
                    f"{len(stale)} stale")
    if stale:
        listed = [describe_stale(decision) for decision in stale[:_STALE_LISTED]]
        if len(stale) > len(listed):
            listed.append(f"... and {len(stale) - len(listed)} more (see report.html)")
        record.error += (" (not applied, kept in the file; review.csv and report.html list "
                         "them): " + " | ".join(listed))
    return [record]
