"""The normalisers on the real Word samples give the hand-checked values, flag exactly the
rows a heuristic applies to (``samples/expected``, ``expect_flag``) and send to review exactly
the rows a careful reviewer would need to look at (``expect_review``).

Each sample is read by the real reader (python-docx) and the whole per-document path
(``job.process_document``); rows are paired with the expected ones by the accuracy
bench's own matching. A flag on a row nobody needs to check costs a reviewer's time; a wrong
value without a flag is the worst outcome; both fail here, naming the rows.
"""

from __future__ import annotations

import pytest

from bench.accuracy import as_set, field_right, match_rows, read_csv
from planharvest.export.writers import csv_cell
from planharvest.model import Action
from planharvest.schema import columns
from tests.conftest import EXPECTED, SAMPLES, converted_sample

WORD_SAMPLES = sorted(path.name for path in SAMPLES.glob("*.docx"))


def _rows(name: str) -> list[dict[str, str]]:
    result = converted_sample(name)
    assert result.record.status == "ok", result.record.error
    # the cells of actions.csv, as the bench reads them
    return [{column.name: csv_cell(column, getattr(action, column.name))
             for column in columns(Action)} for action in result.actions]


@pytest.fixture(scope="module", params=WORD_SAMPLES)
def paired(request: pytest.FixtureRequest) -> list[tuple[dict[str, str], dict[str, str]]]:
    expected = read_csv(EXPECTED / f"{request.param}.csv")
    actual = _rows(request.param)
    assert len(actual) == len(expected)
    pairs = [(expected[i], actual[j]) for i, j in match_rows(expected, actual)]
    assert len(pairs) == len(expected)
    return pairs


def _label(expected: dict[str, str]) -> str:
    return f"{expected['theme'][:20]} {expected['action_id']} {expected['action'][:40]}"


def test_owners_deadlines_and_indicators_are_the_hand_checked_ones(paired: list) -> None:
    wrong = [(_label(exp), name, exp.get(name), act.get(name)) for exp, act in paired
             for name in ("owners", "deadline", "indicators") if not field_right(name, exp, act)]
    # partners, which the accuracy bench does not score, as sets like the other lists
    wrong += [(_label(exp), "partners", exp["partners"], act["partners"]) for exp, act in paired
              if as_set(exp["partners"]) != as_set(act["partners"])]
    assert wrong == []


def test_exactly_the_rows_a_heuristic_applies_to_are_flagged(paired: list) -> None:
    unwanted = [(_label(exp), act["flags"]) for exp, act in paired
                if act["flags"] and exp["expect_flag"] != "1"]
    missed = [_label(exp) for exp, act in paired if not act["flags"] and exp["expect_flag"] == "1"]
    assert (unwanted, missed) == ([], [])


def test_exactly_the_rows_a_reviewer_wants_are_sent_to_review(paired: list) -> None:
    """Several dates with a clear latest, a row joined after a page break, people with no
    organisation: notes, kept in ``flags`` but out of review; a guess that could be wrong is
    sent."""
    unwanted = [(_label(exp), act["flags"]) for exp, act in paired
                if act["needs_review"] == "true" and exp["expect_review"] != "1"]
    missed = [(_label(exp), act["flags"]) for exp, act in paired
              if act["needs_review"] != "true" and exp["expect_review"] == "1"]
    assert (unwanted, missed) == ([], [])
