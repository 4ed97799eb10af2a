"""`planharvest tables FILE` on real samples: every table a reader found, as the contract says."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from planharvest.cli import main
from tests.conftest import SAMPLES


def _tables(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["tables", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_pdf_tables_carry_page_index_bbox_and_merged_heading_rows():
    listing = _tables(str(SAMPLES / "000_sensible_measures.pdf"), "--pages", "3")
    assert [entry["page"] for entry in listing] == [3]
    entry = listing[0]
    assert set(entry) == {"page", "index", "bbox", "rows"}
    x0, top, x1, bottom = entry["bbox"]
    assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 595  # landscape A4, points
    header, theme = entry["rows"][0], entry["rows"][1]
    assert "Action" in header and "Time Scale" in header
    # The theme row spans all eight columns: its text in the first cell, the others empty.
    assert theme == ["PREVENTION THEME"] + [""] * 7
    assert {len(row) for row in entry["rows"]} == {8}


def test_word_tables_are_listed_in_document_order_without_pages():
    listing = _tables(str(SAMPLES / "003_tower_hamlets_draft.docx"))
    assert [entry["index"] for entry in listing] == list(range(len(listing)))
    assert {entry["page"] for entry in listing} == {None}
    # Each table opens with its theme row, merged across the table: text first, the rest empty.
    assert all(set(entry["rows"][0][1:]) == {""} for entry in listing)
    themes = [entry["rows"][0][0] for entry in listing]
    assert themes == ["Prevention and Behaviour Change", "TREATMENT", "ENFORCEMENT AND REGULATION"]
    assert listing[0]["rows"][1][1:] == ["Action", "Timeframe",
                                         "Measure / Key Performance Indicator"]


def test_csv_listing_has_a_header_and_names_each_rows_table_and_page():
    result = CliRunner().invoke(main, ["tables", str(SAMPLES / "000_sensible_measures.pdf"),
                                       "--pages", "3-4", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *rows = csv.reader(io.StringIO(result.stdout))
    assert header == ["table", "page", *(f"column_{n}" for n in range(1, 9))]
    assert {(row[0], row[1]) for row in rows} == {("0", "3"), ("1", "4")}
    assert {len(row) for row in rows} == {len(header)}
    assert rows[1][2] == "PREVENTION THEME"


@pytest.mark.parametrize(("name", "pages", "message"), [
    ("000_sensible_measures.pdf", "99", "000_sensible_measures.pdf has 18 pages; there is no "
                                        "page 99"),
    ("000_sensible_measures.pdf", "17-20", "has 18 pages; there is no page 19"),
    ("000_sensible_measures.pdf", "x", "cannot read 'x'; use e.g. 1-3,7"),
    ("000_sensible_measures.docx", "1", "000_sensible_measures.docx: Word files have no pages"),
])
def test_pages_a_document_lacks_are_a_usage_error(name: str, pages: str, message: str):
    result = CliRunner().invoke(main, ["tables", str(SAMPLES / name), "--pages", pages])
    assert result.exit_code == 2, result.output
    assert "--pages" in result.stderr and message in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


def test_a_file_that_is_no_document_is_a_clear_error_not_a_traceback():
    result = CliRunner().invoke(main, ["tables", str(SAMPLES / "build.py")])
    assert result.exit_code != 0
    assert "build.py: not a PDF, Word, OpenDocument or RTF file" in result.output
    assert "Traceback" not in result.output
