"""Borderless tables in government-report layouts, read from PDFs through pdfplumber.

``tests/data/layouts`` holds PDFs that ``bench/layouts.py`` printed with
Chromium, each beside its true cells (``NAME.json``). Every layout is scored
by cell adjacency, the measure the held-out set of real government PDFs is
scored by (``bench/table_adjacency.py``); the tests below it pin down, cell
by cell, the layouts that once went wrong: a table of figures set solid (one
line a row) read as a single row, a heading over two columns taking a column
away, "–" for nil glued to the figure after it as if it were a bullet, a
label wrapped onto a second line read as a row of its own, a frame with rules
between rows read as a one-column ruled table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import table_adjacency
from planharvest.extract.listing import list_tables
from tests.conftest import LAYOUTS


def rows_of(name: str) -> list[list[list[str]]]:
    """The tables ``planharvest tables`` lists for a layout, as rows of cell texts."""
    return [entry["rows"] for entry in list_tables(LAYOUTS / f"{name}.pdf")]


@pytest.mark.parametrize("path", sorted(LAYOUTS.glob("*.pdf")), ids=lambda path: path.stem)
def test_each_layout_is_read_with_its_cells_next_to_the_right_neighbours(path: Path) -> None:
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    found = rows_of(path.stem)
    precision, recall, f1 = table_adjacency.f1(*table_adjacency.document_counts(truth, found))
    assert len(found) == len(truth)
    assert precision >= 0.98 and f1 >= 0.95, (precision, recall)


def test_a_table_of_figures_set_solid_gives_one_row_a_line() -> None:
    (table,) = rows_of("figures_booktabs")
    truth = json.loads((LAYOUTS / "figures_booktabs.json").read_text(encoding="utf-8"))[0]
    assert table == truth
    assert table[0] == ["Country", "2006", "2007", "2008", "2009"]
    assert len(table) == 14  # the header, twelve countries, EU-27


def test_a_heading_over_two_columns_keeps_both_columns_and_sits_in_the_first() -> None:
    (table,) = rows_of("two_level_header")
    assert table[0] == ["Member State", "Population (thousands)", "",
                        "Employment rate (%)", "", "Change"]
    assert table[1] == ["", "2000", "2010", "2000", "2010", ""]
    assert all(len(row) == 6 and all(row[1:5]) for row in table[2:])


def test_a_dash_for_nil_is_a_cell_not_a_bullet() -> None:
    (table,) = rows_of("indented_nil")
    nil_rows = [row for row in table if "–" in row]
    assert nil_rows
    assert all(row[2] == "–" and row[3] for row in nil_rows)
    assert [row[0] for row in table[1:4]] == ["Agriculture", "Crops", "Livestock"]


def test_wrapped_labels_and_header_cells_stay_in_their_row() -> None:
    for name in ("wrapped_header_bold", "wrapped_header_bottom"):
        (table,) = rows_of(name)
        assert table[0] == ["Member State", "Total population (thousands)",
                            "Employment rate of older workers (%)",
                            "Long-term unemployment rate (%)", "Notes on breaks"], name
        labels = [row[0] for row in table[1:]]
        assert "United Kingdom" in labels and "Czech Republic" in labels, name
        assert all(row[1] for row in table[1:]), name  # no row holds only a label's rest


def test_a_text_table_set_solid_joins_cells_wrapped_in_lower_case() -> None:
    (table,) = rows_of("text_solid")
    assert len(table) == 5
    assert table[1] == [
        "Objective A: Improve access to services",
        "Extend the opening hours of local offices and provide information in the main "
        "community languages",
        "Local authorities",
        "2012",
    ]


def test_a_frame_with_rules_between_rows_is_read_by_its_columns_of_words() -> None:
    (table,) = rows_of("framed_rows")
    assert table[0] == ["Country", "2006", "2007", "2008", "2009"]
    assert all(len(row) == 5 and all(row) for row in table)


def test_two_column_text_and_lists_are_no_tables() -> None:
    assert rows_of("no_table_two_columns") == []
    assert rows_of("no_table_lists") == []
