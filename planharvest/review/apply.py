"""A reviewer's decisions applied to a run's rows; the ones that no longer match are stale.

A decision that no longer matches -- its row is gone, the text it was made on
reads differently now, the value accepted is no longer the value chosen --
is *stale*: it is not applied, and it is returned as plain data
(``export.review_rows.StaleDecision``) so the run can report it (``review.csv``,
the report, ``documents.csv``, the console). Stale decisions stay in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import ValidationError

from planharvest.export.review_rows import StaleDecision, field_values
from planharvest.lexicon import fold_spacing
from planharvest.model import Action, Flag
from planharvest.review.decisions import (
    DeadlineParser,
    Decision,
    DecisionError,
    typed_values,
    validation_summary,
)


def apply_decisions(actions: list[Action], decisions: Sequence[Decision],
                    reparse: DeadlineParser) -> tuple[list[Action], list[StaleDecision]]:
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
    stale = _apply_value_decisions(rows, originals, [d for d in decisions if d.scope == "value"],
                                   reparse)
    dropped, row_stale = _apply_row_decisions(rows, originals,
                                              [d for d in decisions if d.scope == "row"], reparse)
    return [row for row in rows if row.record_id not in dropped], stale + row_stale


def _apply_value_decisions(rows: list[Action], originals: list[Action],
                           decisions: Sequence[Decision],
                           reparse: DeadlineParser) -> list[StaleDecision]:
    """Mass edits, into ``rows`` in place: each to every row whose field reads its raw text."""
    stale = []
    rows_by_raw: dict[tuple[str, str], list[int]] = {}
    for field_name in {decision.field for decision in decisions}:
        for index, row in enumerate(originals):
            raw, _current = field_values(row, field_name)
            rows_by_raw.setdefault((field_name, fold_spacing(raw)), []).append(index)
    for decision in decisions:
        indices = rows_by_raw.get((decision.field, fold_spacing(decision.raw_value)), [])
        reason = _apply_value_decision(rows, originals, indices, decision, reparse)
        if reason:
            stale.append(_stale(decision, reason))
    return stale


def _apply_row_decisions(rows: list[Action], originals: list[Action],
                         decisions: Sequence[Decision],
                         reparse: DeadlineParser) -> tuple[set[str], list[StaleDecision]]:
    """Decisions about one row, into ``rows`` in place; (record_ids to drop, stale ones).

    A row whose decision no longer fits keeps its values and gets a ``decision_stale`` flag.
    """
    stale = []
    index_by_id = {row.record_id: index for index, row in enumerate(originals)}
    dropped: set[str] = set()
    for decision in decisions:
        index = index_by_id.get(decision.record_id)
        if index is None:
            stale.append(_stale(decision, f"no row has record_id {decision.record_id} any "
                                          "more: the document or the action's text changed"))
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
            stale.append(_stale(decision, reason, row_flagged=True))
    return dropped, stale


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
    """A copy of ``row`` with the decision's value in place, the field's flags cleared and
    the field named in ``decided`` (a person settled it: accept, set or set_all).

    ``accept`` puts back the value planharvest chose (``original``), so it
    holds even where a mass edit touched the same row.
    """
    if decision.decision == "set":
        updates = typed_values(decision.field, decision.value, reparse)
    else:
        updates = {name: getattr(original, name) for name in _columns_of(decision.field)}
    kept = [flag for flag in row.flag_details if flag.field != decision.field]
    marked = sorted({*row.decided, decision.field})
    try:
        decided = Action.model_validate(row.model_dump() | updates
                                        | {"flag_details": kept, "decided": marked})
    except ValidationError as error:
        raise DecisionError(f"{decision.value!r} is not a valid {decision.field}: "
                            f"{validation_summary(error)}") from None
    decided.add_flags([])  # recomputes flags and needs_review from flag_details
    return decided


def _stale(decision: Decision, reason: str, row_flagged: bool = False) -> StaleDecision:
    """The decision as the run's outputs report it, with why it no longer matches."""
    return StaleDecision(
        scope=decision.scope, record_id=decision.record_id, field=decision.field,
        raw_value=decision.raw_value, decision=decision.decision, value=decision.value,
        reviewer=decision.reviewer, decided_at=decision.decided_at, reason=reason,
        row_flagged=row_flagged,
    )


# -- what the run does with decisions before it reads documents ---------------------------


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
