"""Batch-level clustering of unmatched owner strings reaches the reviewer's candidates.

Owner cells are read by the real ``parse_owners`` against the built-in registry; the rows are
``Action`` models carrying the flags a conversion would give them.
"""

from __future__ import annotations

from planharvest.export.review_rows import review_items
from planharvest.files import CELL_LIMIT
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


def test_hundreds_of_near_identical_unknown_owners_stay_readable_cells() -> None:
    """600 unknown organisations one digit apart are one cluster: every flag offers its
    name, and no reason or review.csv cell grows with the cluster (a reason listing
    every spelling made cells of 90,000 characters, past what Excel holds)."""
    rows = [_row(number, f"Organisation number {number:04d} of the county")
            for number in range(600)]
    proposed = propose_owner_names(rows)
    proposals = {_unmatched(row)[0].candidates[0] for row in proposed}
    assert len(proposals) == 1
    for row in proposed:
        reason = _unmatched(row)[0].reason
        assert "more: proposed name" in reason
        assert len(reason) < 1_000
    cells = [cell for item in review_items(proposed)
             for cell in (item.reasons, "; ".join(item.candidates))]
    assert max(map(len, cells)) < 1_000


def test_reasons_and_candidates_of_a_review_line_never_pass_what_excel_holds() -> None:
    long_name = "Partnership " * 5_000
    action = _row(1, long_name)
    flag = _unmatched(action)[0]
    action = action.model_copy(update={"flag_details": [
        flag.model_copy(update={"reason": flag.reason * 3,
                                "candidates": tuple(f"{long_name}{n}" for n in range(5))})]})
    (item,) = review_items([action])
    assert len(item.reasons) <= CELL_LIMIT
    assert item.reasons.endswith("characters in all)")
    assert len("; ".join(item.candidates)) <= CELL_LIMIT
    assert item.candidates[0].startswith("Partnership Partnership")
