"""report.html: a page with its pictures beside it that a real browser (headless Chromium)
renders and filters.

Rows are cut from a real PDF with pdfplumber's own table finder (so most tests
do not wait on the extractors), the report is written, then Chromium opens a
copy whose only change is a probe script (``samples/browser.py``) that works
the page's menus, opens every card and writes what it saw into the page;
``--dump-dom`` reads it back. One run converts a real Word plan and a real PDF
plan, to check every flagged row of a whole conversion in the browser.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytesseract
import pytest
from PIL import Image

from planharvest.export.pictures import (
    PICTURE_MAX_HEIGHT_PT,
    PICTURE_MAX_WIDTH_PX,
    PICTURES_FOLDER,
    crop_png,
)
from planharvest.export.report import write_report
from planharvest.model import Action, DocumentRecord, Flag
from planharvest.normalise.deadlines import parse_deadline
from planharvest.pipeline import RunOptions, convert
from planharvest.review.apply import apply_decisions
from planharvest.review.decisions import new_decision
from samples import hostile
from samples.browser import CHROMIUM, FLAGS, probe
from tests.conftest import SAMPLES, converted_sample

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                    "(apt-get install --no-install-recommends chromium)")
HOSTILE = "<img src=x onerror=alert(1)> & \"quoted\""


def _built_pdf(folder: Path) -> Path:
    """A two-table plan made with samples/docxkit.py and printed to PDF by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("no sample PDF in samples/ and LibreOffice (soffice) is not installed")
    from samples.docxkit import add_table, heading, new_document, save

    doc = new_document("Community safety plan", landscape=True)
    heading(doc, "Community safety action plan 2009")
    rows = [["Ref", "Action", "Lead", "Deadline"]]
    rows += [[f"CS {n}", f"Outreach work number {n} with partners", "Police", "Mar 09"]
             for n in range(1, 13)]
    add_table(doc, rows, [2, 14, 5, 4], header_rows=1)
    save(doc, folder / "plan.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "plan.docx")], check=True, capture_output=True, timeout=120)
    return folder / "plan.pdf"


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    present = sorted(SAMPLES.glob("*.pdf"))
    return present[0] if present else _built_pdf(tmp_path_factory.mktemp("pdf"))


def _pdf_rows(pdf_path: Path, limit: int = 6) -> list[Action]:
    """Table rows of the PDF as Action rows with their page and box, every other one flagged."""
    rows: list[Action] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages[:4]:
            for table in page.find_tables():
                for table_row, cells in zip(table.rows, table.extract(), strict=True):
                    text = " ".join(" ".join(cell.split()) for cell in cells if cell)
                    if len(text) < 20 or None in table_row.bbox:
                        continue
                    row = Action(record_id=f"p{len(rows)}", source_file=pdf_path.name,
                                 source_sha256="0" * 64, source_format="pdf",
                                 page=page.page_number, theme="Prevention", action=text[:300],
                                 owner_raw="Police + WCC", bbox=table_row.bbox)
                    if len(rows) % 2 == 0:
                        row.add_flags([Flag(code="owner_unmatched", field="owners",
                                            reason=f"no organisation is called {HOSTILE}",
                                            candidates=("Warwickshire Police",))])
                    rows.append(row)
                    if len(rows) == limit:
                        return rows
    return rows


def _report(out_dir: Path, pdf_path: Path, max_pictures: int = 300) -> tuple[Path, list[Action]]:
    pdf_rows = _pdf_rows(pdf_path)
    assert sum(row.needs_review for row in pdf_rows) >= 2, "the sample PDF gave too few rows"
    word_rows = [
        Action(record_id=f"w{n}", source_file="plans/plan.docx", source_sha256="1" * 64,
               source_format="docx", theme="Treatment", objective="Fewer relapses",
               action_ref=f"T{n}", action=text)
        for n, text in enumerate(["Open a clinic", f"Hire staff {HOSTILE}", "Review"], start=1)
    ]
    word_rows[1].add_flags([Flag(code="deadline_unparsed", field="deadline",
                                 reason="'soon' is not a date")])
    off_page = pdf_rows[0].model_copy(update={"record_id": "off", "bbox": (0, 5000, 10, 5010)})
    rows = [*pdf_rows, off_page, *word_rows]
    stale_decision = new_decision("row", "owners", "set", record_id="gone", raw_value=HOSTILE,
                                  value="Warwickshire Police", reviewer="ana")
    rows, stale = apply_decisions(rows, [stale_decision], parse_deadline)
    documents = [
        DocumentRecord(path=pdf_path.name, format="pdf", pages=4, tables_found=2,
                       actions_found=len(pdf_rows) + 1),
        DocumentRecord(path="plans/plan.docx", format="docx", tables_found=1, actions_found=3),
        DocumentRecord(path="broken.pdf", status="failed", error=f"not a PDF: {HOSTILE}"),
    ]
    sources = {pdf_path.name: pdf_path.resolve()}
    return write_report(out_dir, documents, rows, stale, sources, max_pictures), rows


def test_the_report_is_one_safe_page_with_a_picture_file_per_flagged_pdf_row(
        tmp_path: Path, sample_pdf: Path) -> None:
    path, rows = _report(tmp_path, sample_pdf)
    page = path.read_text(encoding="utf-8")
    pictured = [row for row in rows if row.needs_review and row.source_format == "pdf"
                and row.record_id != "off"]
    assert page.count('<img loading="lazy" ') == len(pictured)
    sources = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert all(src.startswith(f"{PICTURES_FOLDER}/") and (tmp_path / src).is_file()
               for src in sources)
    assert "data:image" not in page  # pictures are files: the page grows by a line per row
    assert page.count("<script") == 1 and "script-src 'sha256-" in page  # the filters only
    assert not re.search(r"(src|href)=\"(?!report-pictures/|#)", page)  # nothing fetched
    assert HOSTILE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "No picture: the page could not be drawn" in page  # the row whose box is off the page
    assert "No picture: the document plans/plan.docx was not found." in page
    assert "previous row: T1: Open a clinic" in page and "next row: T3: Review" in page
    assert "no row has record_id gone" in page  # the stale decision
    assert "status-failed" in page and "not a PDF" in page
    assert page.count('<details class="row"') == sum(row.needs_review for row in rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == [PICTURES_FOLDER, "report.html"]


def test_pictures_stop_at_the_cap_and_the_cards_say_so(tmp_path: Path, sample_pdf: Path) -> None:
    path, rows = _report(tmp_path, sample_pdf, max_pictures=1)
    page = path.read_text(encoding="utf-8")
    assert page.count("<img ") == 1
    assert page.count("No picture: only the first 1 flagged rows get one.") == sum(
        row.needs_review for row in rows) - 1


def test_a_pdf_rows_picture_shows_its_tables_header_row(tmp_path: Path,
                                                        sample_pdf: Path) -> None:
    """The header row (carried by the row from the extractor) is drawn above the row: OCR of
    the picture reads the header's words as well as the row's."""
    rows = _pdf_rows(sample_pdf)
    header_row, row = rows[0], rows[-1]  # the first table row stands in for the header
    row = row.model_copy(update={"header_page": header_row.page,
                                 "header_bbox": header_row.bbox})
    row.add_flags([Flag(code="owner_unmatched", field="owners", reason="no such organisation")])
    documents = [DocumentRecord(path=sample_pdf.name, format="pdf", actions_found=1)]
    page = write_report(tmp_path, documents, [row], [], {sample_pdf.name: sample_pdf}
                        ).read_text(encoding="utf-8")
    [src] = re.findall(r'<img [^>]*src="([^"]+)"', page)
    with Image.open(tmp_path / src) as picture:
        grey = picture.convert("L")
        seen = _ocr(grey.resize((grey.width * 3, grey.height * 3))).lower()
    for wanted in (header_row.action, row.action):
        found = re.findall(r"[a-z]{4,}", wanted.lower())
        assert sum(word in seen for word in found) >= len(found) * 0.7, (wanted, seen)


def test_a_joined_row_says_which_part_its_picture_shows(tmp_path: Path,
                                                        sample_pdf: Path) -> None:
    row = _pdf_rows(sample_pdf, limit=1)[0]
    row.add_flags([Flag(code="row_split_across_pages", field="row",
                        reason="this row was cut in two by a page break")])
    documents = [DocumentRecord(path=sample_pdf.name, format="pdf", actions_found=1)]
    page = write_report(tmp_path, documents, [row], [], {sample_pdf.name: sample_pdf}
                        ).read_text(encoding="utf-8")
    assert page.count("<img ") == 1
    assert (f"The row was joined from parts: the picture shows the part where it starts, "
            f"on page {row.page}.") in page


def test_a_word_file_with_a_huge_cell_is_not_printed_and_its_card_says_why(
        tmp_path: Path) -> None:
    """LibreOffice takes minutes to lay out a table cell running over many pages: such a
    document is not printed, and its rows say so instead of holding the report up."""
    source = SAMPLES / "000_sensible_measures.docx"
    row = Action(record_id="huge", source_file=source.name, source_sha256="2" * 64,
                 source_format="docx", action="Outreach " * 2_500)
    row.add_flags([Flag(code="owner_unmatched", field="owners", reason="no owner")])
    documents = [DocumentRecord(path=source.name, format="docx", actions_found=1)]
    page = write_report(tmp_path, documents, [row], [], {source.name: source},
                        word_pictures=True).read_text(encoding="utf-8")
    assert ("No picture: the document has a cell of 22,500 characters; LibreOffice would take "
            "minutes to print it.") in page


def test_word_rows_are_shown_as_their_cells_without_printing_the_document(
        tmp_path: Path) -> None:
    """By default a flagged Word row gets no picture (LibreOffice would print the whole
    document for it, seconds each): its card says so and shows the row's text among the rows
    around it, and the row's values."""
    rows, documents, sources = [], [], {}
    for name in ("000_sensible_measures.docx", "001_tower_hamlets_2012.docx"):
        result = converted_sample(name)
        rows += result.actions
        documents.append(result.record)
        sources[name] = SAMPLES / name
    flagged = [row for row in rows if row.needs_review]
    assert len(flagged) >= 3, "the Word samples gave too few flagged rows"
    page = write_report(tmp_path, documents, rows, [], sources).read_text(encoding="utf-8")
    assert page.count("No picture: a docx table holds its cells as text") == len(flagged)
    assert "printed to PDF by LibreOffice" not in page
    assert list((tmp_path / PICTURES_FOLDER).iterdir()) == []
    for row in flagged:
        this_row = " ".join(filter(None, [row.action_ref, row.action]))
        assert f"this row: {this_row}"[:60] in html.unescape(page)


def _ocr(picture: Image.Image, config: str = "") -> str:
    """The text tesseract reads in ``picture`` (the test skips where tesseract is missing)."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        pytest.skip("tesseract is not installed")
    return pytesseract.image_to_string(picture, config=config)


def _words_missing_from_picture(pdf_path: Path) -> list[tuple[int, list[str]]]:
    """For each row of the PDF: (its words, those OCR cannot find in the row's picture)."""
    # A row taller than a picture is pictured from its top: its other words are not shown.
    rows = [row for row in _pdf_rows(pdf_path)
            if row.bbox is not None and row.bbox[3] - row.bbox[1] < PICTURE_MAX_HEIGHT_PT - 20]
    assert len(rows) >= 3, "the PDF gave too few rows"
    missing = []
    with pdfplumber.open(pdf_path) as pdf:
        for row in rows:
            assert row.page is not None and row.bbox is not None
            png = crop_png(pdf.pages[row.page - 1], row.bbox)
            with Image.open(io.BytesIO(png)) as picture:
                assert picture.width <= PICTURE_MAX_WIDTH_PX
                # tesseract reads best at ~300 dpi; the pictures are drawn at 100
                grey = picture.convert("L")
                large = grey.resize((grey.width * 3, grey.height * 3))
            seen = _ocr(large).lower()
            words = set(re.findall(r"[a-z]{4,}", row.action.lower()))
            missing.append((len(words), sorted(word for word in words if word not in seen)))
    return missing


def test_a_picture_shows_its_rows_own_text(sample_pdf: Path) -> None:
    """The region drawn is the row's: OCR of each picture finds the row's words."""
    for count, missing in _words_missing_from_picture(sample_pdf):
        assert len(missing) <= count * 0.3, missing


def test_a_row_on_a_huge_page_is_pictured_from_its_left_legibly(tmp_path: Path) -> None:
    """A page may declare any size: the row of a 50,000 pt wide page is drawn from its left
    edge at a legible resolution (not squeezed to a one-pixel strip, not refused)."""
    pdf_path = hostile.wide_page_pdf(tmp_path / "wide.pdf", width=50_000)
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        [table] = page.find_tables()
        row_box = table.rows[1].bbox
        png = crop_png(page, row_box)
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.width == PICTURE_MAX_WIDTH_PX and picture.height >= 25
        grey = picture.convert("L")
        # a thin strip of a row: tesseract's sparse-text mode finds its words
        text = _ocr(grey.resize((grey.width * 3, grey.height * 3)), config="--psm 11")
    assert "Hold a meeting" in text, text
    row = Action(record_id="wide", source_file="wide.pdf", source_sha256="0" * 64,
                 source_format="pdf", page=1, action="Hold a meeting", bbox=row_box)
    row.add_flags([Flag(code="owner_unmatched", field="owners", reason="'Zorblax Trust'")])
    page_html = write_report(tmp_path / "out", [DocumentRecord(path="wide.pdf", format="pdf")],
                             [row], [], {"wide.pdf": pdf_path}).read_text(encoding="utf-8")
    assert page_html.count("<img ") == 1
    assert "The row is wider than the picture: its left part is shown." in page_html


#: Opens every card and loads its picture at once (the load event then waits for them all),
#: then works the menus and writes what it saw.
_FILTER_PROBE = """
var cards = Array.prototype.slice.call(document.querySelectorAll("details.row"));
cards.forEach(function (card) {
  card.open = true;
  var img = card.querySelector("img");
  if (img) { img.loading = "eager"; }
});
window.addEventListener("load", function () {
  function visible() { return cards.filter(function (c) { return !c.closest("[hidden]"); }); }
  function pick(id, index) {
    var menu = document.getElementById(id);
    menu.selectedIndex = index;
    menu.dispatchEvent(new Event("change"));
    return menu.value;
  }
  var seen = {all: visible().length, shown_text: document.getElementById("shown").textContent};
  seen.doc = pick("filter-doc", 2);
  seen.doc_rows = visible().map(function (c) { return c.closest("section").dataset.doc; });
  seen.reason = pick("filter-reason", 1);
  seen.both_rows = visible().map(function (c) { return c.dataset.reasons; });
  pick("filter-doc", 0);
  seen.reason_rows = visible().map(function (c) { return c.dataset.reasons; });
  pick("filter-reason", 0);
  seen.reset = visible().length;
  seen.cards = cards.map(function (card) {
    var img = card.querySelector("img");
    var why = card.querySelector(".no-picture");
    if (!img) { return {id: card.id, why: why ? why.textContent : ""}; }
    return {id: card.id, complete: img.complete, width: img.naturalWidth,
            height: img.naturalHeight};
  });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(seen);
  document.body.appendChild(out);
});
"""


@pytest.fixture(scope="module")
def converted_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a real conversion of two Word plans and two PDF plans whose rows need
    review for several reasons (19 rows: 10 from Word, 9 from PDF), Word rows pictured
    (``--word-pictures``)."""
    folder = tmp_path_factory.mktemp("run")
    inputs = [SAMPLES / name for name in (
        "000_sensible_measures.docx", "002_leicestershire_laa_2006.docx",
        "000_sensible_measures.pdf", "001_tower_hamlets_2012.pdf")]
    for source in inputs:
        if not source.is_file():
            pytest.skip(f"{source.name} is not in samples/ (python samples/build.py --pdf)")
        shutil.copy(source, folder / source.name)
    out = folder / "out"
    convert([folder], RunOptions(out_dir=out, use_cache=False, word_pictures=True))
    return out / "report.html"


@needs_chromium
def test_chromium_filters_the_cards_and_every_flagged_row_has_a_picture_or_a_reason(
        converted_run: Path, tmp_path: Path) -> None:
    page = converted_run.read_text(encoding="utf-8")
    flagged = page.count('<details class="row"')
    assert flagged > 10
    seen, stderr, _ = probe(converted_run, _FILTER_PROBE, tmp_path / "profile")
    assert seen is not None, "the page did not finish loading: " + stderr[-2000:]
    assert seen["all"] == seen["reset"] == flagged
    assert seen["shown_text"] == f"{flagged} of {flagged} flagged rows shown"
    # the document menu shows that document's rows only, and fewer than all
    assert 0 < len(seen["doc_rows"]) < flagged and set(seen["doc_rows"]) == {seen["doc"]}
    # the reason menu, on top of it and alone, shows rows flagged for that reason only
    assert all(seen["reason"] in reasons.split() for reasons in seen["both_rows"])
    assert 0 < len(seen["reason_rows"]) < flagged
    assert all(seen["reason"] in reasons.split() for reasons in seen["reason_rows"])
    assert len(seen["both_rows"]) <= min(len(seen["doc_rows"]), len(seen["reason_rows"]))
    # every card: a picture the browser decoded, or a sentence saying why there is none
    assert len(seen["cards"]) == flagged
    for card in seen["cards"]:
        assert card.get("width", 0) > 50 and card["height"] > 5 or card.get("why", "").startswith(
            "No picture: "), card
    pictured = sum(card.get("complete", False) for card in seen["cards"])
    word_pictured = page.count("printed to PDF by LibreOffice")
    if shutil.which("soffice"):
        assert pictured == flagged and word_pictured > 5  # the Word rows are pictured too
    # The console stayed silent: no policy violation, no failed load, no script error.
    assert [line for line in stderr.splitlines() if ":CONSOLE" in line] == []


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM or "chromium", *FLAGS,
                           f"--user-data-dir={tmp_path / 'profile'}", *arguments],
                          capture_output=True, text=True, timeout=300)  # a hang detector


@needs_chromium
def test_chromium_draws_the_report_as_text_on_a_light_page(tmp_path: Path,
                                                            sample_pdf: Path) -> None:
    path, _ = _report(tmp_path / "run", sample_pdf)
    screenshot = tmp_path / "report.png"
    shot = _chromium(tmp_path, "--window-size=1200,2000", f"--screenshot={screenshot}",
                     path.as_uri())
    assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    with Image.open(screenshot) as image:
        colours = image.convert("L").getextrema()
    assert image.size == (1200, 2000) and colours[0] < 100 < colours[1]  # text on a light page
