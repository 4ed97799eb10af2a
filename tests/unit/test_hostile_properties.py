"""Random and pathological text through the header mapper, the action assembler and the
normalisers: none raises, each names only known fields, and none turns slow on long cells.

The unit half of the hostile-input tests (``tests/e2e/test_hostile.py`` runs bad files through
the real command); the runs are bounded by hypothesis' example counts, with no wall-clock
deadline (a loaded machine must not fail them); slowness on long cells is checked in CPU time
below.
"""

from __future__ import annotations

import functools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planharvest.extract.actions import assemble_actions
from planharvest.extract.grid import Cell, DocumentContent, Paragraph, Row, Table
from planharvest.extract.headers import ACTION_FIELDS, context_field, map_header_row
from planharvest.lexicon import fold_label, split_multi_refs
from planharvest.normalise.actions import Registries, Source, normalise_actions
from planharvest.normalise.deadlines import plan_period
from planharvest.normalise.indicators import IndicatorRegistry, canonical_code, find_indicators
from planharvest.normalise.owners import OwnerRegistry, cluster_unmatched, parse_owners
from planharvest.normalise.rag import parse_rag
from planharvest.normalise.refs import normalise_ref
from planharvest.normalise.text import clean_text
from planharvest.settings import Settings

_LABELS = st.sampled_from(["Action", "Actions", "Lead", "Lead Officer", "By whom?", "Deadline",
                           "Time Scale", "Target date", "RAG", "Ref", "Progress", "Milestones",
                           "Partners", "KPI", "Outcome", "", " ", "\n", "Owner\n(lead agency)",
                           "LAA Outcome(s)", "Block", "Theme"])
_TEXTS = st.one_of(st.text(max_size=80), _LABELS)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, max_size=15))
def test_the_header_mapper_never_raises_and_names_only_known_fields(texts: list[str]) -> None:
    mapping = map_header_row(texts, Settings())
    assert set(mapping) <= set(range(len(texts)))
    assert set(mapping.values()) <= set(ACTION_FIELDS)
    for text in texts:
        context_field(text, Settings())
        assert fold_label(text) == fold_label(fold_label(text))


@st.composite
def _grids(draw: st.DrawFn) -> Table:
    """A table of random texts with random merges laid out the way readers lay them out."""
    n_cols = draw(st.integers(1, 6))
    rows = []
    for r in range(draw(st.integers(0, 8))):
        cells = []
        c = 0
        while c < n_cols:
            span = draw(st.integers(1, n_cols - c))
            cells.append(Cell(lines=draw(st.lists(_TEXTS, max_size=3)), col_span=span))
            cells.extend(Cell(covered=True, origin=(r, c)) for _ in range(span - 1))
            c += span
        rows.append(Row(cells=cells, page=draw(st.none() | st.integers(1, 3)),
                        is_header=draw(st.booleans()), continued=draw(st.booleans())))
    return Table(rows=rows, n_cols=n_cols, ruled=draw(st.booleans()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_grids(), st.builds(Paragraph, _TEXTS, st.none() | st.integers(0, 3))),
                max_size=6), st.text(max_size=40))
def test_the_action_assembler_and_normalisers_never_raise_on_random_grids(
        blocks: list, title: str) -> None:
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            block.index = index
    plan_title, raws = assemble_actions(DocumentContent(blocks=blocks, title=title), Settings())
    assert isinstance(plan_title, str)
    for raw in raws:
        assert set(raw.fields) <= set(ACTION_FIELDS)
    actions = normalise_actions(plan_title, raws, Source("plan.docx", "0" * 64, "docx"),
                                _registries(), Settings())
    assert len(actions) == len(raws)
    assert len({action.record_id for action in actions}) == len(actions)


@functools.cache
def _registries() -> Registries:
    return Registries.load()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6), st.text(max_size=30))
def test_plan_period_and_indicator_codes_never_raise(texts: list[str], code: str) -> None:
    period = plan_period(texts)
    if period.start and period.end:
        assert period.start <= period.end
    assert canonical_code(canonical_code(code)) == canonical_code(code)


_PATHOLOGICAL_UNITS = ["2006/07 ", "NI 1, ", "Police and ", "• ", "1.1 ", "(", "Red/",
                       "word-\n", "\u00ad", "x" * 50 + " "]


@pytest.mark.parametrize("unit", _PATHOLOGICAL_UNITS)
def test_long_pathological_cells_stay_fast_in_every_normaliser(unit: str) -> None:
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    owners, indicators = OwnerRegistry.builtin(), IndicatorRegistry.builtin()
    for normaliser in (clean_text, normalise_ref, split_multi_refs, parse_rag,
                       lambda t: find_indicators(t, indicators),
                       lambda t: parse_owners(t, owners, t), lambda t: cluster_unmatched([t]),
                       lambda t: plan_period([t]), lambda t: map_header_row([t], Settings())):
        began = time.process_time()
        normaliser(text)
        # A hang detector, not a speed target (bench/ measures speed): a quadratic pass over
        # 20,000 characters takes minutes, linear work well under a second on an idle core.
        # This process's CPU time: other processes on a busy machine do not count.
        assert time.process_time() - began < 10.0, (normaliser, unit)
