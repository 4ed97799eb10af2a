"""Across a whole batch, owner strings that matched nothing but are probably one organisation.

One plan writes "Charnwood Arts", another "Charnwood arts", a third "Charnwod Arts": none is in
the registry, so each row is flagged ``owner_unmatched`` on its own. Seen together they are one
name, and a reviewer who settles it once (``set_all``, or an ``--owners`` entry) settles every
row. ``propose_owner_names`` runs ``owners.cluster_unmatched`` over the batch's unmatched
strings and offers each cluster's proposed name on every flag of that cluster: as the first
candidate of ``review.csv`` and in the reason the report shows.

It is the one normalising step that needs the whole batch, so it runs after every document's
rows are gathered and before reviewer decisions are applied. Rows keep their values; only the
flags' candidates and reasons grow.
"""

from __future__ import annotations

from planharvest.model import Action, Flag
from planharvest.normalise.owners import cluster_unmatched

_UNMATCHED = "owner_unmatched"


def _unmatched_text(flag: Flag) -> str:
    """The cleaned text an ``owner_unmatched`` flag keeps as its (last) candidate."""
    return " ".join(flag.candidates[-1].split()) if flag.candidates else ""


def propose_owner_names(actions: list[Action]) -> list[Action]:
    """The rows, with every ``owner_unmatched`` flag whose text clusters with other spellings
    in the batch offering the cluster's proposed name (rows without such flags unchanged)."""
    texts = [_unmatched_text(flag) for action in actions for flag in action.flag_details
             if flag.code == _UNMATCHED]
    proposals: dict[str, tuple[str, list[str]]] = {}
    for proposed, members in cluster_unmatched(texts):
        for member in members:
            proposals[member] = (proposed, members)
    if not proposals:
        return actions
    return [_with_proposals(action, proposals) for action in actions]


def _with_proposals(action: Action, proposals: dict[str, tuple[str, list[str]]]) -> Action:
    details = []
    changed = False
    for flag in action.flag_details:
        found = proposals.get(_unmatched_text(flag)) if flag.code == _UNMATCHED else None
        if found is None:
            details.append(flag)
            continue
        proposed, members = found
        others = ", ".join(f"'{member}'" for member in members if member != _unmatched_text(flag))
        details.append(flag.model_copy(update={
            "reason": f"{flag.reason}; this batch also writes it {others}: proposed name "
                      f"'{proposed}'",
            "candidates": tuple(dict.fromkeys((proposed, *flag.candidates))),
        }))
        changed = True
    return action.model_copy(update={"flag_details": details}) if changed else action
