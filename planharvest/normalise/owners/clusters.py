"""Across a whole batch, owner strings that matched nothing but are probably one organisation.

One plan writes "Charnwood Arts", another "Charnwood arts", a third "Charnwod Arts": none is in
the registry, so each row is flagged ``owner_unmatched`` on its own. Seen together they are one
name, and a reviewer who settles it once (``set_all``, or an ``--owners`` entry) settles every
row. ``propose_owner_names`` runs ``cluster_unmatched`` over the batch's unmatched
strings and offers each cluster's proposed name on every flag of that cluster: as the first
candidate of ``review.csv`` and in the reason the report shows.

It is the one normalising step that needs the whole batch, so it runs after every document's
rows are gathered and before reviewer decisions are applied. Rows keep their values; only the
flags' candidates and reasons grow, and a name kept as printed by its shape ("Charnwood Arts
Forum", evidence ``named_whole``: a note alone) that the batch also spells other ways becomes
a doubt, so that every spelling reaches review and is settled together.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process

from planharvest.model import Action, Flag
from planharvest.unionfind import UnionFind

#: fuzz.ratio between fingerprints at which two unmatched strings are taken as one name.
NEIGHBOUR_SCORE = 88.0
#: texts (sorted by length) each unmatched fingerprint is compared with (see _neighbour_pairs).
NEIGHBOUR_WINDOW = 1000
#: neighbours each fingerprint is joined with (the nearest by length first): a batch of
#: thousands of near-identical names still forms its groups through chains of neighbours,
#: without a Python step per pair.
_MATCHES_PER_TEXT = 8
#: rows of one ``cdist`` call: its matrix is ``_BLOCK * (_BLOCK + NEIGHBOUR_WINDOW)`` scores.
_BLOCK = 256
#: other spellings named in one flag's reason; the rest are counted.
_OTHERS_LISTED = 8
_UNMATCHED = "owner_unmatched"
#: A name kept as printed by its shape (``shapes``): a note, unless the batch spells it
#: other ways too.
_NAMED_WHOLE = "named_whole"


def _fingerprint(value: str) -> str:
    """OpenRefine's fingerprint: ASCII, lower case, punctuation gone, unique words sorted."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    words = re.sub(r"[^\w\s]", "", ascii_text.lower().replace("_", " ")).split()
    return " ".join(sorted(set(words)))


def cluster_unmatched(values: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Group a batch's unmatched owner strings that are probably one organisation.

    Strings join a group when their fingerprints are equal (key collision) or
    their fingerprints score at least ``NEIGHBOUR_SCORE`` with ``fuzz.ratio``
    (nearest neighbours, see :func:`_neighbour_pairs`; fingerprints under five
    characters only collide, so initials never merge). Returns (proposed
    canonical name, distinct members in first-seen order) for every group of two
    or more spellings, largest first; the proposed name is the most frequent
    spelling (first seen on a tie)."""
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
    for first, second in _neighbour_pairs([keys[position] for position in long_keys]):
        sets.union(long_keys[first], long_keys[second])
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


def _neighbour_pairs(texts: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs of ``texts`` that score at least ``NEIGHBOUR_SCORE`` with ``fuzz.ratio``.

    Sorted neighbourhood: the texts are sorted by length, and each is compared
    only with the ``NEIGHBOUR_WINDOW`` texts after it whose length can still
    reach the score (``fuzz.ratio`` is at most ``2 * short / (short + long)``), in
    blocks of ``_BLOCK`` rows through ``process.cdist``. Up to ``NEIGHBOUR_WINDOW``
    texts of similar length this finds every pair all-pairs would; beyond it, a
    batch of 20,000 near-identical names costs ``20,000 * (_BLOCK + window)``
    comparisons, a block's matrix of scores and at most ``_MATCHES_PER_TEXT`` pairs per
    text, not a quadratic matrix and loop."""
    order = sorted(range(len(texts)), key=lambda index: (len(texts[index]), texts[index]))
    ordered = [texts[index] for index in order]
    lengths = [len(text) for text in ordered]
    longest_reach = (200 - NEIGHBOUR_SCORE) / NEIGHBOUR_SCORE  # long / short at the score
    for start in range(0, len(ordered), _BLOCK):
        stop = min(start + _BLOCK, len(ordered))
        reach = bisect.bisect_right(lengths, lengths[stop - 1] * longest_reach + 1)
        end = min(reach, stop + NEIGHBOUR_WINDOW)
        if end - start < 2:
            continue
        scores = process.cdist(ordered[start:stop], ordered[start:end], scorer=fuzz.ratio,
                               score_cutoff=NEIGHBOUR_SCORE)
        for row in range(stop - start):
            after = scores[row, row + 1:row + 1 + NEIGHBOUR_WINDOW]
            for column in after.nonzero()[0][:_MATCHES_PER_TEXT]:
                yield order[start + row], order[start + row + 1 + int(column)]


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


def _listed(members: list[str]) -> str:
    """The first ``_OTHERS_LISTED`` spellings, quoted, and how many more there are: a reason
    stays a line a reviewer reads, whatever the size of the cluster."""
    listed = ", ".join(f"'{member}'" for member in members[:_OTHERS_LISTED])
    more = len(members) - _OTHERS_LISTED
    return f"{listed} and {more} more" if more > 0 else listed


def _with_proposals(action: Action, proposals: dict[str, tuple[str, list[str]]]) -> Action:
    details = []
    changed = False
    for flag in action.flag_details:
        found = proposals.get(_unmatched_text(flag)) if flag.code == _UNMATCHED else None
        if found is None:
            details.append(flag)
            continue
        proposed, members = found
        others = _listed([member for member in members if member != _unmatched_text(flag)])
        # A name kept as printed by its shape is only a note when its spelling is the
        # batch's one: spelt several ways, which is right is a reviewer's to settle.
        details.append(flag.model_copy(update={
            "reason": f"{flag.reason}; this batch also writes it {others}: proposed name "
                      f"'{proposed}'",
            "candidates": tuple(dict.fromkeys((proposed, *flag.candidates))),
            "evidence": "" if flag.evidence == _NAMED_WHOLE else flag.evidence,
        }))
        changed = True
    return action.model_copy(update={"flag_details": details}) if changed else action
