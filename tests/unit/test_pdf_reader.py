"""The PDF reader on the committed sample PDFs and on small PDFs written here byte by byte.

The samples (skipped when absent) carry the layouts users report: one table over
many landscape pages with its header repeated and rows cut by page breaks, a
borderless table, merged cells, a scanned file. The hand-written PDFs pin down
what the samples do not show: running headers and footers, a rotated margin
label, text running across a column rule, lists that are not tables, an
encrypted and a broken file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from planharvest.extract.grid import DocumentContent, Paragraph, Table
from planharvest.extract.pdf import PdfError, read_pdf
from planharvest.extract.pdf.objects import QuickPage, quick_pages
from planharvest.extract.stitch import stitch_tables
from planharvest.lexicon import BULLET
from planharvest.settings import PdfSettings
from tests.conftest import sample


@pytest.fixture(scope="module")
def sensible_measures() -> list:
    return stitch_tables(read_pdf(sample("000_sensible_measures.pdf")).blocks)


def tables(blocks: list) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def folded(text: str) -> str:
    return " ".join(text.split())


# -- a hand-written PDF ----------------------------------------------------------------


def build_pdf(pages: list[str], width: int = 595, height: int = 842, encrypt: bool = False):
    """A PDF whose pages draw the given content streams (Helvetica as F1, bold as F2)."""
    objects: list[bytes] = [b"", b""]  # catalogue and page tree, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>")
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (width, height)
            + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:  # standard security handler whose user password is not empty
        trailer += (
            b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> /P -4 >> /ID [<"
            + b"01" * 16
            + b"> <"
            + b"01" * 16
            + b">]"
        )
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text(x: float, top: float, words: str, size: float = 10, bold: bool = False) -> str:
    """Draw ``words`` with their top at ``top`` (points from the top of an A4 page)."""
    words = words.replace("(", r"\(").replace(")", r"\)")
    font = "F2" if bold else "F1"
    return f"BT /{font} {size} Tf 1 0 0 1 {x} {842 - top - size * 0.8} Tm ({words}) Tj ET\n"


def rotated(x: float, top: float, words: str) -> str:
    return f"BT /F1 10 Tf 0 1 -1 0 {x} {842 - top} Tm ({words}) Tj ET\n"


def rule(x0: float, top0: float, x1: float, top1: float) -> str:
    return f"{x0} {842 - top0} m {x1} {842 - top1} l S\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- one table over many pages -----------------------------------------------------------


def test_long_table_is_one_logical_table_with_its_header_once(sensible_measures):
    actions = tables(sensible_measures)[0]
    assert actions.n_cols == 8
    assert actions.page == 3
    header = [folded(text) for text in actions.rows[0].texts]
    assert header[:3] == ["", "Action", "Anticipated benefits"]
    assert actions.rows[0].is_header
    # The header is printed on every one of the twelve pages but kept once.
    assert sum(folded(row.cells[1].text) == "Action" for row in actions.rows) == 1
    # The Word original's table has 94 rows: the twelve page tables make exactly those.
    assert len(actions.rows) == 94
    refs = [m.group() for row in actions.rows if (m := re.match(r"\d\.\d", row.cells[1].text))]
    assert refs[:3] == ["1.1", "1.2", "1.3"]


def test_theme_rows_are_one_cell_across_the_table(sensible_measures):
    theme = tables(sensible_measures)[0].rows[1]
    assert theme.cells[0].text == "PREVENTION THEME"
    assert theme.cells[0].col_span == 8
    assert all(cell.covered and cell.origin == (1, 0) for cell in theme.cells[1:])


def test_cell_text_keeps_its_lines_and_rows_know_page_and_place(sensible_measures):
    row = next(r for r in tables(sensible_measures)[0].rows if r.cells[1].text.startswith("1.1 "))
    # Visual lines wrapped by the layout are one paragraph again, as in the Word original.
    assert row.cells[5].lines == ["November 2008"]
    assert row.cells[4].lines == ["Leicestershire Police"]
    assert row.cells[1].lines == [
        "1.1 Produce an LLR wide communication strategy that spreads the same messages to "
        "priority groups under one recognisable brand across the sub region. (An alcohol harm "
        "reduction publicity group may be set up) (See Appendix 1 Outcome 6 & 7 CDRP "
        "toolkit/CSP Action Plans)"
    ]
    assert row.page == 3
    x0, top, x1, bottom = row.bbox
    assert (round(x0), round(x1)) == (37, 794)  # the table's width on a landscape A4 page
    assert 100 < top < bottom < 595


def test_row_cut_by_a_page_break_is_joined_and_marked(sensible_measures):
    rows = tables(sensible_measures)[0].rows
    cut = next(r for r in rows if r.cells[1].text.startswith("4.4 Write to off licences"))
    assert cut.rejoined
    assert cut.page == 8  # where the row starts
    action = folded(cut.cells[1].text)
    assert action.startswith("4.4 Write to off licences traders inviting them to a workshop")
    assert "keep in touch between meetings" in action  # the part printed on page 9
    assert folded(cut.cells[5].text) == "February 2009"
    assert not any(folded(r.cells[1].text).startswith("and how its members") for r in rows)


def test_an_owner_name_cut_by_a_page_break_is_read_whole(sensible_measures):
    """Treatment 5.1/5.2's lead cell ends page 13 with "LLR Joint Strategic Alcohol", a line
    as wide as the cell, and page 14 goes on "Harm Reduction Group"."""
    rows = tables(sensible_measures)[0].rows
    cut = next(r for r in rows if r.cells[1].text.startswith("5.1 See 4.1 and 4.2"))
    assert cut.rejoined and cut.page == 13
    assert cut.cells[4].lines == ["LLR Joint Strategic Alcohol Harm Reduction Group"]
    assert cut.cells[1].lines[-1] == "5.2 See 1.1 (PREVENTION) re communications strategy"


def test_rows_starting_a_new_page_cleanly_are_not_joined(sensible_measures):
    rows = tables(sensible_measures)[0].rows
    clean = next(r for r in rows if r.cells[1].text.startswith("1.7 Update the DAAT website"))
    assert not clean.rejoined
    assert clean.page == 4


def test_second_table_of_the_document_stays_separate(sensible_measures):
    districts = tables(sensible_measures)[1]
    assert districts.n_cols == 9
    assert folded(districts.rows[0].cells[1].text) == "Blaby"
    assert len(districts.rows) == 9  # header + eight outcomes over three pages


def test_title_headings_and_bullets_in_running_text(sensible_measures):
    paragraphs = [b for b in sensible_measures if isinstance(b, Paragraph)]
    assert paragraphs[0].text == "Sensible Measures – Action Plan"
    assert paragraphs[0].heading_level == 0
    intro = next(p for p in paragraphs if p.text == "INTRODUCTION")
    assert intro.heading_level == 1
    items = [p for p in paragraphs if p.is_list_item and p.page == 1]
    assert len(items) >= 7 and all(p.text.startswith(BULLET) for p in items)


# -- merged cells ---------------------------------------------------------------------------


def test_vertically_merged_cell_covers_the_rows_below():
    content = read_pdf(sample("004_warwickshire_laa_2008.pdf"), pages={3})
    table = next(t for t in content.tables if t.rows[0].cells[0].text.startswith("Key Areas"))
    origin = table.rows[1].cells[0]
    assert folded(origin.text).startswith("NI 15 To reduce incidents of serious violent crime")
    assert origin.row_span == 3
    assert [row.cells[0].origin for row in table.rows[2:4]] == [(1, 0), (1, 0)]
    assert folded(table.rows[2].cells[1].text).startswith("2. Hotspot areas identified")
    assert content.pages == 15 and {t.page for t in content.tables} == {3}


# -- borderless -------------------------------------------------------------------------------


def test_borderless_tables_read_like_the_ruled_original():
    ruled = stitch_tables(read_pdf(sample("003_tower_hamlets_draft.pdf")).blocks)
    borderless = stitch_tables(read_pdf(sample("003_tower_hamlets_draft_borderless.pdf")).blocks)
    found = tables(borderless)
    assert [t.ruled for t in found] == [False, False, False]
    assert [t.n_cols for t in found] == [4, 4, 4]
    assert [folded(t) for t in found[0].rows[0].texts] == [
        "",
        "Action",
        "Timeframe",
        "Measure / Key Performance Indicator",
    ]

    def action_rows(blocks: list) -> dict[str, list[str]]:
        return {
            row.cells[0].text: [folded(cell.text) for cell in row.cells]
            for t in tables(blocks)
            for row in t.rows
            if re.match(r"[A-Z]{1,3}\d", row.cells[0].text)
        }

    expected, got = action_rows(ruled), action_rows(borderless)
    assert list(got) == list(expected)  # PBC1..PBC4, T1..T13, ER1..ER10, in order
    # ER9's last bullet sits in a row of its own in the Word file: borderless, nothing
    # separates it from ER9, so it joins it. Every other row reads the same.
    assert {ref for ref in expected if got[ref] != expected[ref]} == {"ER9"}


def test_paragraphs_and_bullet_lists_are_not_tables(tmp_path):
    lines = [text(50, 60, "Our plan for the year", size=16, bold=True)]
    prose = (
        "Partners will meet every quarter to review progress against each action",
        "and report to the board; where an action slips, the lead officer explains",
        "why and proposes a new date that the board then agrees or changes.",
    )
    lines += [text(50, 100 + 12 * k, line) for k, line in enumerate(prose)]
    for k, item in enumerate(("Train staff in schools", "Fund two outreach posts", "Audit")):
        lines.append(text(50, 160 + 14 * k, "\xb7") + text(68, 160 + 14 * k, item))
    for k, item in enumerate(("Agree the budget", "Hire the team", "Launch in May")):
        lines.append(text(50, 220 + 14 * k, f"{k + 1}.") + text(70, 220 + 14 * k, item))
    content = read_pdf(write(tmp_path, "prose.pdf", build_pdf(["".join(lines)])))
    assert content.tables == []
    items = [b.text for b in content.blocks if b.is_list_item]
    assert items[:3] == [
        BULLET + "Train staff in schools",
        BULLET + "Fund two outreach posts",
        BULLET + "Audit",
    ]
    assert content.blocks[1].text.startswith("Partners will meet every quarter")
    assert content.blocks[1].text.endswith("agrees or changes.")


def test_borderless_grid_from_aligned_words(tmp_path):
    rows = [
        ("Ref", "Action", "Owner", "Due"),
        ("A1", "Train staff", "Police", "May 2009"),
        ("A2", "Fund posts", "PCT", "June 2009"),
        ("A3", "Audit licensed", "Council", "2010"),
    ]
    content_rows = []
    for r, cells in enumerate(rows):
        for x, cell in zip((50, 110, 300, 420), cells, strict=True):
            content_rows.append(text(x, 100 + 20 * r, cell, bold=r == 0))
    content_rows.append(text(110, 172, "premises"))  # second line of A3's action
    content = read_pdf(write(tmp_path, "grid.pdf", build_pdf(["".join(content_rows)])))
    (table,) = content.tables
    assert not table.ruled and table.n_cols == 4
    assert [r.texts for r in table.rows] == [
        ["Ref", "Action", "Owner", "Due"],
        ["A1", "Train staff", "Police", "May 2009"],
        ["A2", "Fund posts", "PCT", "June 2009"],
        ["A3", "Audit licensed\npremises", "Council", "2010"],
    ]


# -- page furniture --------------------------------------------------------------------------


def test_running_header_footer_page_numbers_and_rotated_labels_are_dropped(tmp_path):
    pages = [
        text(50, 30, "Safer Streets Plan 2009")
        + text(50, 100, "Actions for the year", size=16, bold=True)
        + text(50, 130, f"Body text written on page {n} of the plan.")
        + text(280, 800, f"Page {n} of 3")
        + rotated(20, 400, "DRAFT ONLY")
        for n in (1, 2, 3)
    ]
    content = read_pdf(write(tmp_path, "furniture.pdf", build_pdf(pages)))
    assert [(b.page, b.text) for b in content.blocks] == [
        (n, line)
        for n in (1, 2, 3)
        for line in ("Actions for the year", f"Body text written on page {n} of the plan.")
    ]
    assert content.blocks[0].heading_level == 1


# -- text running across a rule ----------------------------------------------------------------


def test_heading_drawn_across_unmerged_cells_is_one_cell(tmp_path):
    xs, tops = (40, 140, 300, 500), (100, 120, 140, 160)
    grid = "".join(rule(x, tops[0], x, tops[-1]) for x in xs)
    grid += "".join(rule(xs[0], top, xs[-1], top) for top in tops)
    words = text(45, 103, "Ref") + text(145, 103, "Action") + text(305, 103, "Owner")
    words += text(120, 123, "PREVENTION THEME")  # runs over the rule at x = 140
    words += text(45, 143, "1.1") + text(145, 143, "Train staff") + text(305, 143, "Police")
    content = read_pdf(write(tmp_path, "flow.pdf", build_pdf([grid + words])))
    (table,) = content.tables
    theme = table.rows[1]
    assert theme.cells[0].text == "PREVENTION THEME"
    assert theme.cells[0].col_span == 3
    assert [row.texts for row in (table.rows[0], table.rows[2])] == [
        ["Ref", "Action", "Owner"],
        ["1.1", "Train staff", "Police"],
    ]
    assert any("PREVENTION THEME" in warning for warning in content.warnings)


def test_text_a_word_space_across_a_rule_runs_on_but_tightly_padded_cells_stay_apart(tmp_path):
    """A heading whose space falls on the rule ("POLICE | COUNCIL", 0.28 em apart) is one
    cell; two cells of a tightly padded table, their texts 0.5 em apart, stay two."""
    xs, tops = (40, 140, 300), (100, 120, 140)
    grid = "".join(rule(x, tops[0], x, tops[-1]) for x in xs)
    grid += "".join(rule(xs[0], top, xs[-1], top) for top in tops)
    police = 27.23  # "Police" in 10 pt Helvetica
    words = text(140 - 1.39 - police, 103, "Police") + text(140 + 1.39, 103, "Council")
    words += text(140 - 2.5 - police, 123, "Police") + text(140 + 2.5, 123, "Council")
    (table,) = read_pdf(write(tmp_path, "tight.pdf", build_pdf([grid + words]))).tables
    assert [row.texts for row in table.rows] == [["Police Council", ""], ["Police", "Council"]]


def test_a_bold_header_drawn_without_a_rule_under_it_is_a_row_of_its_own(tmp_path):
    """Column rules, a frame, no rule between the header and the first data row: the bold
    header line is cut off as a row; a row whose bold text is only a label stays whole."""
    xs, tops = (40, 140, 240, 340), (100, 140, 180)
    grid = "".join(rule(x, tops[0], x, tops[-1]) for x in xs)
    grid += "".join(rule(xs[0], top, xs[-1], top) for top in tops)
    words = text(45, 104, "Country", bold=True) + text(145, 104, "2008", bold=True)
    words += text(245, 104, "2009", bold=True)
    words += text(45, 122, "Slovenia") + text(145, 122, "7,844") + text(245, 122, "2,402")
    words += text(45, 144, "Total", bold=True) + text(145, 144, "9,206")
    words += text(145, 158, "6,490") + text(245, 144, "1,210")
    (table,) = read_pdf(write(tmp_path, "header.pdf", build_pdf([grid + words]))).tables
    assert [row.texts for row in table.rows] == [
        ["Country", "2008", "2009"],
        ["Slovenia", "7,844", "2,402"],
        ["Total", "9,206\n6,490", "1,210"],
    ]


def test_body_rows_ruled_only_round_the_frame_take_the_header_columns(tmp_path):
    """Column rules only in the header row; each body row a ruled box across the table:
    its figures are read in the header's columns. A heading across the box stays whole."""
    xs, tops = (40, 160, 260, 360), (100, 120, 140, 160, 180)
    grid = "".join(rule(x, tops[0], x, tops[1]) for x in xs)  # column rules: header only
    grid += rule(xs[0], tops[0], xs[0], tops[-1]) + rule(xs[-1], tops[0], xs[-1], tops[-1])
    grid += "".join(rule(xs[0], top, xs[-1], top) for top in tops)
    words = text(45, 104, "Country") + text(165, 104, "Domestic") + text(265, 104, "Total")
    words += text(45, 124, "Austria") + text(165, 124, "86.2") + text(265, 124, "3,375")
    words += text(45, 144, "Czech Republic") + text(165, 144, "98.6") + text(265, 144, "17,655")
    words += text(45, 164, "Countries outside the union follow, in order of accession")
    (table,) = read_pdf(write(tmp_path, "frame.pdf", build_pdf([grid + words]))).tables
    assert [row.texts for row in table.rows] == [
        ["Country", "Domestic", "Total"],
        ["Austria", "86.2", "3,375"],
        ["Czech Republic", "98.6", "17,655"],
        ["Countries outside the union follow, in order of accession", "", ""],
    ]
    assert table.rows[3].cells[0].col_span == 3


def test_rows_of_figures_with_no_rules_between_them_are_rows(tmp_path):
    """A ruled table whose body has no rules between its rows: each labelled line of
    figures is a row. An action whose text wraps beside two dates stays one row."""
    xs, tops = (40, 200, 300, 400), (100, 120, 175, 215)
    grid = "".join(rule(x, tops[0], x, tops[-1]) for x in xs)
    grid += "".join(rule(xs[0], top, xs[-1], top) for top in tops)
    words = text(45, 104, "Country") + text(205, 104, "2008") + text(305, 104, "2009")
    for k, (label, a, b) in enumerate(
        [("Bulgaria", "2.3", "3.2"), ("Cyprus", "0.21", "0"), ("Czech Republic", "8.8", "13.4")]
    ):
        words += text(45, 124 + 15 * k, label) + text(205, 124 + 15 * k, a)
        words += text(305, 124 + 15 * k, b)
    words += text(45, 179, "Review the licensing of late") + text(205, 179, "July 06")
    words += text(45, 193, "premises") + text(205, 193, "May 2007")
    (table,) = read_pdf(write(tmp_path, "stacked.pdf", build_pdf([grid + words]))).tables
    assert [row.texts for row in table.rows] == [
        ["Country", "2008", "2009"],
        ["Bulgaria", "2.3", "3.2"],
        ["Cyprus", "0.21", "0"],
        ["Czech Republic", "8.8", "13.4"],
        ["Review the licensing of late premises", "July 06\nMay 2007", ""],
    ]


def test_figures_set_closer_than_a_column_gap_are_columns_of_their_own(tmp_path):
    """A borderless table of right-aligned figures a little more than a word space apart
    (as a typewriter font sets them): one column per figure."""
    figures = [("0.99", "800", "960", "1,040", "1,120"), ("0.95", "160", "192", "208", "224"),
               ("0.90", "80", "96", "104", "112"), ("0.85", "53", "64", "69", "75")]
    words = ""
    for r, row in enumerate(figures):
        words += text(50, 100 + 14 * r, row[0])
        for right, figure in zip((160, 195, 230, 265), row[1:], strict=True):
            width = 5.56 * len(figure) - 2.78 * figure.count(",")  # Helvetica's digits, comma
            words += text(right - width, 100 + 14 * r, figure)
    (table,) = read_pdf(write(tmp_path, "figures.pdf", build_pdf([words]))).tables
    assert [row.texts for row in table.rows] == [list(row) for row in figures]


def test_right_aligned_figures_nearly_meeting_their_neighbours_keep_their_columns(tmp_path):
    """A borderless table of right-aligned figures whose widest entries come within half a
    word space of the next column (4 pt), and a long label within 3 pt of the widest
    figure beside it -- on other lines, so each line still keeps its columns apart: one
    table, one column per figure, every row whole (the largest loss on the ICDAR 2013
    reports, where such a table was cut in two and lost half its columns)."""
    rows = [("Region", "2008", "2009", "2010"),
            ("United States", "2,753,438", "2,799,250", "3,001,337"),
            ("Northeast", "485,670", "503,528", "552,289"),
            ("District of Columbia", "3,031", "2,781", "3,352"),
            ("Maine", "13,278", "13,077", "14,350")]

    def width(figure: str) -> float:  # Helvetica's digits and comma at 10 pt
        return 5.56 * len(figure) - 2.78 * figure.count(",")

    label_end = 50 + 86.68  # "District of Columbia" in Helvetica at 10 pt
    widest = width("2,753,438")
    rights = [label_end + 3 + widest]
    rights += [rights[0] + 4 + widest, rights[0] + 2 * (4 + widest)]
    words = ""
    for r, row in enumerate(rows):
        words += text(50, 100 + 14 * r, row[0])
        for right, figure in zip(rights, row[1:], strict=True):
            words += text(right - width(figure), 100 + 14 * r, figure)
    (table,) = read_pdf(write(tmp_path, "close.pdf", build_pdf([words]))).tables
    assert [row.texts for row in table.rows] == [list(row) for row in rows]


# -- a cell's paragraphs ---------------------------------------------------------------------


def test_cell_lines_are_its_paragraphs_with_wrapped_lines_put_back(tmp_path):
    grid = "".join(rule(x, 90, x, 160) for x in (40, 210, 270))
    grid += rule(40, 90, 270, 90) + rule(40, 160, 270, 160)
    words = text(45, 100, "\xb7") + text(60, 100, "Train staff in every school and")
    words += text(60, 112, "youth club")  # did not fit after "and": wrapped
    words += text(45, 124, "Due") + text(60, 136, "March 2009")  # would have fitted: new
    words += text(215, 100, "November") + text(215, 112, "2008")  # a narrow cell wraps
    path = write(tmp_path, "cell.pdf", build_pdf([grid + words]))
    (table,) = read_pdf(path).tables
    assert [cell.lines for cell in table.rows[0].cells] == [
        [BULLET + "Train staff in every school and youth club", "Due", "March 2009"],
        ["November 2008"],
    ]
    (table,) = read_pdf(path, PdfSettings(cell_paragraphs=False)).tables
    assert table.rows[0].cells[0].lines == [
        BULLET + "Train staff in every school and",
        "youth club",
        "Due",
        "March 2009",
    ]


def test_a_date_alone_on_its_line_or_a_numbered_line_ends_the_paragraph_before(tmp_path):
    """Where the next word would not have fitted, the layout cannot tell a wrap from a new
    paragraph; a line that is only a date ("July 2006" / "Ongoing") or a line opening with
    a list number before a capital ("1.i Scope") starts one, as in the Word original."""
    grid = "".join(rule(x, 90, x, 160) for x in (40, 212, 275))
    grid += rule(40, 90, 275, 90) + rule(40, 160, 275, 160)
    words = text(45, 100, "Cut the harm that drinking does to") + text(45, 112, "1.i Scope it")
    words += text(45, 124, "Cut the harm that drinking does to") + text(45, 136, "all areas")
    words += text(217, 100, "July 2006") + text(217, 112, "Ongoing")
    (table,) = read_pdf(write(tmp_path, "cell.pdf", build_pdf([grid + words]))).tables
    assert [cell.lines for cell in table.rows[0].cells] == [
        ["Cut the harm that drinking does to", "1.i Scope it",
         "Cut the harm that drinking does to all areas"],
        ["July 2006", "Ongoing"],
    ]


# -- bad input and seams --------------------------------------------------------------------------


def test_encrypted_pdf_says_so(tmp_path):
    path = write(tmp_path, "locked.pdf", build_pdf([text(50, 50, "secret")], encrypt=True))
    with pytest.raises(PdfError, match="the PDF is encrypted"):
        read_pdf(path)


@pytest.mark.parametrize("cut", [0.02, 0.5, 0.9])
def test_truncated_pdf_is_not_readable(tmp_path, cut):
    data = build_pdf([text(50, 50, "A plan")] * 3)
    path = write(tmp_path, "cut.pdf", data[: int(len(data) * cut)])
    with pytest.raises(PdfError, match="not a readable PDF"):
        read_pdf(path)


def test_not_a_pdf_at_all(tmp_path):
    with pytest.raises(PdfError, match="not a readable PDF"):
        read_pdf(write(tmp_path, "plan.pdf", b"PK\x03\x04 this is a zip"))


def test_scanned_pages_are_reported_and_ocr_words_take_the_table_path():
    path = sample("003_tower_hamlets_draft_scan.pdf")
    content = read_pdf(path)
    assert content.blocks == []
    assert content.warnings == [f"page {n} has no text layer (scanned?)" for n in (1, 2)]

    def words(page) -> list[dict]:  # what an OCR engine would return for the page
        found = []
        for r, cells in enumerate(
            (
                ("Ref", "Action", "Due"),
                ("T1", "Review", "2012"),
                ("T2", "Improve", "2013"),
                ("T3", "Raise", "2014"),
            )
        ):
            for x, word in zip((60, 160, 400), cells, strict=True):
                top = 100 + 24 * r
                found.append({"x0": x, "x1": x + 40, "top": top, "bottom": top + 11, "text": word})
        return found

    content = read_pdf(path, ocr=words)
    assert content.ocr_pages == [1, 2] and content.warnings == []
    assert [t.rows[2].texts for t in content.tables] == [["T2", "Improve", "2013"]] * 2


def test_settings_turn_borderless_detection_off():
    content = read_pdf(
        sample("003_tower_hamlets_draft_borderless.pdf"), PdfSettings(borderless=False)
    )
    assert isinstance(content, DocumentContent) and content.tables == []


def test_a_caption_set_with_a_hanging_indent_does_not_cut_the_table_under_it(tmp_path):
    """"Table 1." and its title a little more than a column gap apart split like two cells;
    the table under it is one table from its header down, through a sub-heading
    ("Projected") that covers the caption's gap, and the caption is not one of its rows."""
    words = text(50, 60, "Table 1.", bold=True)
    words += text(100, 60, "Actual and projected enrolment in schools, by control of school")
    words += text(100, 74, "of school: fall 1996 through fall 2012")
    rows = [("Year", "Public", "Private"), ("1996", "45,611", "5,933"),
            ("1997", "46,127", "5,944"), ("1998", "46,539", "5,988"), ("Projected",),
            ("2011", "49,636", "5,320"), ("2012", "49,828", "5,263")]
    for r, row in enumerate(rows):
        top = 100 + 14 * r + (6 if row[0] == "Projected" else 0)
        for x, cell in zip((50, 200, 300), row, strict=False):
            words += text(x, top, cell, bold=len(row) == 1)
    (table,) = read_pdf(write(tmp_path, "caption.pdf", build_pdf([words]))).tables
    assert [row.texts for row in table.rows] == [
        list(row) + [""] * (3 - len(row)) for row in rows
    ]


def test_open_sided_table_keeps_its_first_and_last_columns_and_header():
    # A Google Docs export (Bright Futures' accessibility plan): rules between rows and
    # columns, none round the table; the row rules run out to where the sides would be.
    document = read_pdf(sample("real/docs/uk_bright_futures_accessibility_plan_2024.pdf"),
                        pages={3})
    (table,) = tables(document.blocks)
    assert [cell.text for cell in table.rows[0].cells] == [
        "Objective", "Strategy", "Outcome", "Timescale", "Goal Achieved"]
    first = [cell.text for cell in table.rows[1].cells]
    assert first[0].startswith("Improve staff skills and experience")
    assert first[3] == "Ongoing."
    assert first[4].startswith("Pupils are more able to access the school curriculum")


def test_shading_inside_shading_draws_no_columns():
    # Word shades each header cell of Park Community School's audit and, inside it, each
    # shaded paragraph again in the same grey: the inner rectangles cut no columns.
    document = read_pdf(sample("real/docs/uk_park_community_accessibility_plan_2019.pdf"),
                        pages={7})
    (table,) = tables(document.blocks)
    header = next(row for row in table.rows if any(cell.text for cell in row.cells))
    assert [" ".join(cell.text.split()) for cell in header.cells] == [
        "Feature", "Description", "Actions to be taken", "Person responsible",
        "Date to complete actions by"]
    storeys = next(row for row in table.rows if row.cells[0].text == "Number of storeys")
    assert storeys.cells[4].text.split("\n") == ["3 monthly", "As and when required"]


@pytest.mark.parametrize("name", [
    "000_sensible_measures.pdf",
    "real/docs/uk_park_community_accessibility_plan_2019.pdf",
    "real/docs/intl_us_open_gov_nap2_midterm_self_assessment_2015.pdf",
])
def test_quick_pages_give_pdfplumbers_own_objects(name):
    # The reader builds characters' dicts without pdfplumber's per-attribute pass: every
    # object of every page (text, colours, fonts, positions, rules) must be the same.
    path = sample(name)
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as quick:
        for expected, page in zip(plain.pages, quick_pages(quick), strict=True):
            assert isinstance(page, QuickPage)
            objects = page.objects
            assert objects.keys() == expected.objects.keys()
            for kind in objects.keys() - {"image"}:
                assert [list(obj.items()) for obj in objects[kind]] == \
                    [list(obj.items()) for obj in expected.objects[kind]], (page.page_number, kind)
            page.close()
            expected.close()
