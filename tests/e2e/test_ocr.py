"""Scanned pages: ruling lines found in the image, words from Tesseract, rows flagged.

``samples/003_tower_hamlets_draft_scan.pdf`` is pages 1-2 of the 003 plan as
greyscale JPEG images with no text layer. Its rows are scored against the
hand-checked rows with ``bench/accuracy.py``. The grid finder is tested on
drawn images, which needs no Tesseract; the tests that OCR are skipped, with
the reason, where Tesseract is not installed.
"""

from __future__ import annotations

import statistics
import threading
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2
import pytest
from PIL import Image
from rapidfuzz import fuzz

from bench import accuracy
from planharvest import limits
from planharvest.export import writers
from planharvest.extract import ocr
from planharvest.extract.formats import DocumentError, read_document
from planharvest.extract.ocr import (
    Grid,
    Rule,
    find_rules,
    ruled_grids,
    skew_angle,
    tesseract_missing,
)
from planharvest.extract.pdf import scans
from planharvest.job import DocumentResult
from planharvest.model import Action
from planharvest.settings import OcrSettings, Settings
from tests.conftest import EXPECTED, SAMPLES, convert, converted_sample

SCAN = SAMPLES / "003_tower_hamlets_draft_scan.pdf"

needs_tesseract = pytest.mark.skipif(
    tesseract_missing() is not None, reason=f"cannot OCR here: {tesseract_missing()}"
)


# -- the grid finder, on drawn images ------------------------------------------------------

PX_PER_PT = 4.0  # as rendered at 288 dpi


def drawn_page() -> np.ndarray:
    """Ink of a 3 x 3 table (in points: columns at 50, 150, 300, 500; rows at 100, 130,
    200, 260) whose first row is one merged heading and whose first column's last two
    rows are one merged cell; an underlined word and a bold word outside it."""
    ink = np.zeros((int(400 * PX_PER_PT), int(600 * PX_PER_PT)), dtype=bool)

    def line(x0: float, y0: float, x1: float, y1: float, width: int = 2) -> None:
        rows = slice(int(y0 * PX_PER_PT), int(y1 * PX_PER_PT) + width)
        ink[rows, int(x0 * PX_PER_PT):int(x1 * PX_PER_PT) + width] = True

    for y in (100, 130, 260):
        line(50, y, 500, y)
    line(150, 200, 500, 200)  # the rule under row 2 stops short of the first column
    for x in (50, 500):
        line(x, 100, x, 260)
    for x in (150, 300):
        line(x, 130, x, 260)  # no inner rules across the heading row
    line(60, 320, 140, 320)  # an underline, meeting no rule
    line(60, 340, 140, 340, width=int(12 * PX_PER_PT))  # a bold word, its ink solid
    return ink


def grid_in_points() -> Grid:
    rules = find_rules(drawn_page(), PX_PER_PT, OcrSettings())
    in_points = [Rule(rule.horizontal, rule.across / PX_PER_PT, rule.start / PX_PER_PT,
                      rule.end / PX_PER_PT) for rule in rules]
    grids = ruled_grids(in_points, snap=4, coverage=0.5)
    assert len(grids) == 1
    return grids[0]


def test_drawn_grid_gives_its_cells_and_merges():
    rules = find_rules(drawn_page(), PX_PER_PT, OcrSettings())
    # Neither the underline nor the bold word is a rule.
    assert not any(rule.horizontal and rule.across > 300 * PX_PER_PT for rule in rules)
    grid = grid_in_points()
    assert [round(x) for x in grid.xs] == [50, 150, 300, 500]
    assert [round(y) for y in grid.ys] == [100, 130, 200, 260]
    heading, first, second = grid.spans
    assert heading == [(0, 0, 1, 3)] * 3  # one cell across the table
    assert first[0] == second[0] == (1, 0, 2, 1)  # first column merged down
    assert second[1:] == [(2, 1, 1, 1), (2, 2, 1, 1)]


def test_a_skewed_scan_is_straightened_before_its_rules_are_found():
    level = Image.fromarray(drawn_page().astype(np.uint8) * 255)
    skewed = np.asarray(level.rotate(0.8, resample=Image.Resampling.BILINEAR)) > 127
    assert ruled_grids(find_rules(skewed, PX_PER_PT, OcrSettings()), 16, 0.5) == []
    angle = skew_angle(skewed, max_skew=3.0, step=0.1)
    assert angle == pytest.approx(-0.8, abs=0.1)
    assert skew_angle(drawn_page(), max_skew=3.0, step=0.1) == 0.0
    straightened = np.asarray(
        Image.fromarray(skewed.astype(np.uint8) * 255).rotate(angle, Image.Resampling.BILINEAR)
    ) > 127
    grids = ruled_grids(find_rules(straightened, PX_PER_PT, OcrSettings()), 16, 0.5)
    assert len(grids) == 1 and len(grids[0].xs) == 4 and len(grids[0].ys) == 4


def test_words_fill_the_cells_under_them():
    grid = grid_in_points()

    def word(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}

    words = [word("Theme", 60, 110), word("T1", 60, 140), word("Do", 160, 140),
             word("it", 180, 140), word("now", 160, 152), word("- 2012", 310, 210)]
    table = grid.table(words, page=3, line_tolerance=3.0)
    assert table.page == 3 and table.n_cols == 3
    assert [cell.text for cell in table.rows[0].cells] == ["Theme", "", ""]
    assert table.rows[0].cells[1].covered and table.rows[0].cells[1].origin == (0, 0)
    assert [cell.text for cell in table.rows[1].cells] == ["T1", "Do it\nnow", ""]
    assert table.rows[2].cells[0].covered
    assert table.rows[2].cells[2].text == "\u2022 2012"  # a dash item is a bullet item


# -- the scanned sample --------------------------------------------------------------------


@pytest.fixture(scope="module")
def scan_result() -> DocumentResult:
    return converted_sample(SCAN.name)


@pytest.fixture(scope="module")
def scored(scan_result, tmp_path_factory) -> tuple[list[dict], list[dict], list[tuple[int, int]]]:
    folder = tmp_path_factory.mktemp("scan")
    writers.write_csv(folder / "actions.csv", Action, scan_result.actions)
    found = accuracy.read_csv(folder / "actions.csv")
    expected = accuracy.read_csv(EXPECTED / f"{SCAN.name}.csv")
    return expected, found, accuracy.match_rows(expected, found)


@pytest.mark.needs_tesseract
@needs_tesseract
def test_scan_rows_come_from_ruled_tables_and_are_flagged(scan_result):
    assert scan_result.record.status == "ok", scan_result.record.error
    assert scan_result.record.tables_found == 3  # two on page 1, one on page 2
    assert len(scan_result.actions) >= 10
    assert all("ocr_text" in action.flags and action.needs_review
               for action in scan_result.actions)
    assert {action.page for action in scan_result.actions} == {1, 2}


@pytest.mark.needs_tesseract
@needs_tesseract
def test_scan_action_texts_read_as_printed(scored):
    expected, found, pairs = scored
    similarity = [
        fuzz.ratio(accuracy.fold(expected[i]["action"]), accuracy.fold(found[j]["action"])) / 100
        for i, j in pairs
    ]
    assert len(pairs) >= 8
    assert min(similarity) >= 0.9, similarity
    assert statistics.mean(similarity) >= 0.97
    # The reference column, the cell OCR finds hardest (a lone "T5" reads as "TS").
    assert all(expected[i]["action_id"] == found[j]["action_id"] for i, j in pairs)


@pytest.mark.needs_tesseract
@needs_tesseract
def test_scan_yields_nine_in_ten_of_its_expected_actions(scored):
    expected, found, pairs = scored
    assert len(pairs) / len(expected) >= 0.9
    # T1 runs from page 1 onto page 2 and is its own action, not the rest of PBC4.
    assert [row["action_id"] for row in found][3:5] == ["PBC4", "T1"]


@pytest.mark.needs_tesseract
@needs_tesseract
def test_a_scanned_borderless_table_takes_the_borderless_path(tmp_path):
    """Page 1 of the borderless sample as a 200 dpi image: no rules to find, so the OCR
    words are laid out by word alignment, and the bold theme heading is seen as bold."""
    with pdfplumber.open(SAMPLES / "003_tower_hamlets_draft_borderless.pdf") as pdf:
        image = pdf.pages[0].to_image(resolution=200).original.convert("L")
    scan = tmp_path / "borderless_scan.pdf"
    image.save(scan, "PDF", resolution=200.0)
    result = convert(scan)
    assert [action.action_id for action in result.actions] == ["PBC1", "PBC2", "PBC3", "PBC4"]
    assert {action.theme for action in result.actions} == {"Prevention and Behaviour Change"}
    assert [action.deadline_raw for action in result.actions][:2] == ["March 2012", "Ongoing"]
    assert all("ocr_text" in action.flags for action in result.actions)
    assert result.record.tables_found == 1


def test_without_tesseract_a_scan_fails_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError, match=r"no text layer on page 1, 2\) and Tesseract is "
                       r"not installed: install Tesseract \(Debian: tesseract-ocr\)"):
        read_document(SCAN, "pdf", Settings())
    result = convert(SCAN)
    assert result.record.status == "failed" and "install Tesseract" in result.record.error
    assert result.actions == []


def test_without_tesseract_a_scanned_page_among_text_pages_is_named(tmp_path, monkeypatch):
    """Page 1 of the 003 PDF (text) then page 2 of the scan (an image): the text page is
    read, the scanned one is named in the warnings rather than left silently empty."""
    path = _pages_of(tmp_path / "mixed.pdf",
                     (SAMPLES / "003_tower_hamlets_draft.pdf", 0), (SCAN, 1))
    monkeypatch.setenv("PATH", str(tmp_path))
    content = read_document(path, "pdf", Settings())
    assert content.ocr_pages == []
    assert content.tables and {table.page for table in content.tables} == {1}
    assert content.warnings == [
        "page 2 is a scan and Tesseract is not installed; its text was not read",
    ]
    # ... and documents.csv says so, though the text page converted.
    result = convert(path)
    assert result.record.status == "ok" and result.actions
    assert "page 2 is a scan and Tesseract is not installed" in result.record.error


@pytest.mark.needs_tesseract
@needs_tesseract
def test_scanned_pages_are_read_in_parallel_with_the_same_words(tmp_path, monkeypatch):
    """Given two threads, a document's scanned pages are OCR'd ahead of the reader, past a
    text page between them, each in a thread of its own, and the document reads exactly as
    with one page at a time."""
    path = _pages_of(tmp_path / "mixed.pdf",
                     (SCAN, 0), (SAMPLES / "003_tower_hamlets_draft.pdf", 0), (SCAN, 1))
    monkeypatch.setattr(limits, "_document_threads", 1)
    alone = read_document(path, "pdf", Settings())
    ran: dict[int, str] = {}
    real = scans.read_rendered_page

    def recorded(page: ocr.RenderedPage, settings: OcrSettings) -> ocr.ScannedPage:
        ran[page.page_number] = threading.current_thread().name
        return real(page, settings)

    monkeypatch.setattr(scans, "read_rendered_page", recorded)
    limits.set_document_threads(2)
    together = read_document(path, "pdf", Settings())
    assert sorted(ran) == [1, 3]  # the scans only, both started from page 1's turn
    assert all(name.startswith("planharvest-ocr") for name in ran.values())
    assert together.ocr_pages == alone.ocr_pages == [1, 3]
    assert repr(together) == repr(alone)


def _pages_of(path: Path, *pages: tuple[Path, int]) -> Path:
    """A PDF at ``path`` made of the given (file, page index) pages, in order."""
    mixed = pypdfium2.PdfDocument.new()
    for source, index in pages:
        document = pypdfium2.PdfDocument(str(source))
        mixed.import_pages(document, [index])
        document.close()
    mixed.save(str(path))
    mixed.close()
    return path
