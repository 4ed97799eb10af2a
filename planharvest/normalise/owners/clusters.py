"""Across a whole batch, owner strings that matched nothing but are probably one organisation.

One plan writes "Charnwood Arts", another "Charnwood arts", a third "Charnwod Arts": none is in
the registry, so each row is flagged ``owner_unmatched`` on its own. Seen together they are one
name, and a reviewer who settles it once (``set_all``, or an ``--owners`` entry) settles every
row. ``propose_owner_names`` runs ``cluster_unmatched`` over the batch's unmatched
strings and offers each cluster's proposed name on every flag of that cluster: as the first
candidate of ``review.csv`` and in the reason the report shows.

It is the one normalising step that needs the whole batch, so it runs after every document's
rows are gathered and before reviewer decisions are applied. Rows keep their values; only the
flags' candidates and reasons grow.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from planharvest.model import Action, Flag
from planharvest.unionfind import UnionFind

#: fuzz.ratio between fingerprints at which two unmatched strings are taken as one name.
NEIGHBOUR_SCORE = 88.0
_UNMATCHED = "owner_unmatched"


def _fingerprint(value: str) -> str:
    """OpenRefine's fingerprint: ASCII, lower case, punctuation gone, unique words sorted."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    words = re.sub(r"[^\w\s]", "", ascii_text.lower().replace("_", " ")).split()
    return " ".join(sorted(set(words)))


def cluster_unmatched(values: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Group a batch's unmatched owner strings that are probably one organisation.

    Strings join a group when their fingerprints are equal (key collision) or
    their fingerprints score at least ``NEIGHBOUR_SCORE`` with ``fuzz.ratio``
    (nearest neighbours; fingerprints under five characters only collide, so
    initials never merge). Returns (proposed canonical name, distinct members
    in first-seen order) for every group of two or more spellings, largest
    first; the proposed name is the most frequent spelling (first seen on a
    tie). Cost: one ``cdist`` over the distinct fingerprints (quadratic in
    their number, fine for the thousands a batch produces)."""
    counts: Counter[str] = Counter()
    for value in values:
        cleaned = " ".join(str(value).split())
        if cleaned:
            counts[cleaned] += 1
    spellings = list(counts)
    first_seen = {spelling: position for position, spelling in enumerate(spellings)}
    by_key: dict[str, list[str]] = {}
    for spelling in spellings:
        by_key.setdefault(_fingerprint(spelling), []).append(spelling)
    keys = [key for key in by_key if key]
    sets = UnionFind(len(keys))
    long_keys = [position for position, key in enumerate(keys) if len(key) >= 5]
    if len(long_keys) > 1:
        texts = [keys[position] for position in long_keys]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEIGHBOUR_SCORE)
        for row in range(len(texts)):
            for column in range(row + 1, len(texts)):
                if scores[row][column]:
                    sets.union(long_keys[row], long_keys[column])
    clusters = []
    for group in sets.groups():
        members = [spelling for position in group for spelling in by_key[keys[position]]]
        if len(members) < 2:
            continue
        ordered = sorted(members, key=first_seen.__getitem__)
        proposed = max(ordered, key=lambda spelling: counts[spelling])
        clusters.append((proposed, ordered))
    clusters.sort(key=lambda cluster: (-len(cluster[1]), cluster[0]))
    return clusters




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
