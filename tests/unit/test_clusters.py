"""Batch-level clustering of unmatched owner strings reaches the reviewer's candidates.

Owner cells are read by the real ``parse_owners`` against the built-in registry; the rows are
``Action`` models carrying the flags a conversion would give them.
"""

from __future__ import annotations

from planharvest.model import Action
from planharvest.normalise.owners import OwnerRegistry, parse_owners, propose_owner_names


def _row(number: int, cell: str) -> Action:
    result = parse_owners(cell, OwnerRegistry.builtin())
    action = Action(record_id=f"r{number}", source_file=f"plan{number}.docx",
                    source_sha256="0" * 64, source_format="docx", action=f"Action {number}",
                    owner_raw=cell, owners=list(result.owners))
    action.add_flags(list(result.flags))
    return action


def _unmatched(action: Action) -> list:
    return [flag for flag in action.flag_details if flag.code == "owner_unmatched"]


def test_spellings_of_one_unknown_organisation_offer_one_name() -> None:
    rows = [_row(1, "Charnwood Arts"), _row(2, "Police/Charnwood arts"), _row(3, "Charnwod Arts"),
            _row(4, "Charnwood Arts"), _row(5, "Loughborough University"), _row(6, "Police")]
    proposed = propose_owner_names(rows)
    for row in proposed[:4]:
        flag, = _unmatched(row)
        assert flag.candidates[0] == "Charnwood Arts"  # the most frequent spelling
        assert "proposed name 'Charnwood Arts'" in flag.reason
    assert "'Charnwod Arts'" in _unmatched(proposed[0])[0].reason
    assert proposed[4] == rows[4]  # a name alone in the batch gets nothing new
    assert proposed[5] == rows[5]
    assert [row.owners for row in proposed] == [row.owners for row in rows]
    assert [row.flags for row in proposed] == [row.flags for row in rows]


def test_a_batch_without_clusters_is_unchanged() -> None:
    rows = [_row(1, "Leicester City Council"), _row(2, "TS/RS"), _row(3, "Police")]
    assert propose_owner_names(rows) == rows
    assert propose_owner_names([]) == []
