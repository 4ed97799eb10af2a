"""The Word reader on small real .docx files built with the samples kit and python-docx.

Each test writes a document the way Word or LibreOffice lays one out (merged
cells, shifted rows, bullets, nested tables, tracked changes, content
controls), reads it back with ``read_docx`` and checks the grid a later stage
relies on. The last tests read the real samples in ``samples/`` when they exist.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planharvest.errors import PlanharvestError
from planharvest.extract.docx import DocxError, read_docx
from planharvest.extract.grid import Paragraph, Table
from planharvest.lexicon import BULLET
from planharvest.settings import LimitSettings, Settings
from samples.docxkit import (
    VMERGE_CONTINUE,
    Bullets,
    Nested,
    Span,
    VMerge,
    add_table,
    heading,
    new_document,
    para,
    save,
)
from tests.conftest import SAMPLES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def mark(tag: str, val: str | None = None):
    """A property element such as ``<w:vMerge w:val="restart"/>`` (no value: ``val`` unset)."""
    element = OxmlElement(tag)
    if val is not None:
        element.set(qn("w:val"), val)
    return element


def write(doc, path: Path) -> Path:
    save(doc, path)
    return path


def rewrite_parts(path: Path, parts: dict[str, bytes | None]) -> Path:
    """Replace (bytes) or drop (None) parts of a saved package, keeping the others."""
    with zipfile.ZipFile(path) as source:
        kept = {name: source.read(name) for name in source.namelist()}
    for name, blob in parts.items():
        if blob is None:
            kept.pop(name, None)
        else:
            kept[name] = blob
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in kept.items():
            target.writestr(name, blob)
    return path


def part_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def only_table(content) -> Table:
    (table,) = content.tables
    return table


# -- reading order, headings, title ----------------------------------------------------


def test_headings_and_tables_come_back_in_document_order(tmp_path: Path) -> None:
    doc = new_document("Community Safety Action Plan 2008")
    heading(doc, "Community Safety Action Plan", level=0)
    heading(doc, "Theme 1: Reducing crime", level=1)
    add_table(doc, [["Ref", "Action"], ["1.1", "Run patrols"]], [2, 8], header_rows=1)
    para(doc, "Notes between the tables")
    heading(doc, "Objective 1b", level=2)
    add_table(doc, [["Ref", "Action"], ["1.2", "Fund wardens"]], [2, 8], header_rows=1)
    para(doc, "A closing bullet", bullet=True)
    para(doc, "")  # empty paragraphs are not blocks

    content = read_docx(write(doc, tmp_path / "plan.docx"))

    kinds = [
        (type(block).__name__, block.text if isinstance(block, Paragraph) else block.index)
        for block in content.blocks
    ]
    assert kinds == [
        ("Paragraph", "Community Safety Action Plan"),
        ("Paragraph", "Theme 1: Reducing crime"),
        ("Table", 0),
        ("Paragraph", "Notes between the tables"),
        ("Paragraph", "Objective 1b"),
        ("Table", 1),
        ("Paragraph", "A closing bullet"),
    ]
    paragraphs = [block for block in content.blocks if isinstance(block, Paragraph)]
    assert [p.heading_level for p in paragraphs] == [0, 1, None, 2, None]
    assert [p.is_list_item for p in paragraphs] == [False, False, False, False, True]
    assert content.title == "Community Safety Action Plan 2008"
    assert content.tables[1].rows[1].texts == ["1.2", "Fund wardens"]
    assert all(block.page is None and block.bbox is None for block in content.blocks)


def test_title_falls_back_to_the_title_paragraph_when_core_title_is_blank(
    tmp_path: Path,
) -> None:
    doc = new_document("")
    heading(doc, "Youth Offending Plan", level=1)
    heading(doc, "Safer Leicestershire Plan", level=0)
    assert read_docx(write(doc, tmp_path / "plan.docx")).title == "Safer Leicestershire Plan"


def test_a_package_without_core_properties_gets_no_invented_title(tmp_path: Path) -> None:
    # python-docx makes up the title "Word Document" when docProps/core.xml is absent.
    doc = new_document("ignored")
    heading(doc, "Drug Strategy Delivery Plan", level=1)
    path = write(doc, tmp_path / "plan.docx")
    rels = re.sub(r"<Relationship [^>]*docProps/core\.xml[^>]*/>", "",
                  part_text(path, "_rels/.rels"))
    assert "core.xml" not in rels
    rewrite_parts(path, {"docProps/core.xml": None, "_rels/.rels": rels.encode()})
    assert read_docx(path).title == "Drug Strategy Delivery Plan"


def test_page_count_is_read_from_app_xml_only_when_a_word_processor_filled_it(
    tmp_path: Path,
) -> None:
    doc = new_document("Plan")
    para(doc, "Some text on the page")
    path = write(doc, tmp_path / "plan.docx")
    # python-docx keeps its template's statistics: <Pages>1</Pages> with <Words>0</Words>.
    assert read_docx(path).pages is None
    app = part_text(path, "docProps/app.xml")
    app = app.replace("<Pages>1</Pages>", "<Pages>7</Pages>").replace(
        "<Words>0</Words>", "<Words>1520</Words>")
    rewrite_parts(path, {"docProps/app.xml": app.encode()})
    assert read_docx(path).pages == 7


# -- merged cells and shifted rows ---------------------------------------------------


def test_horizontal_merge_holds_text_once_and_covers_the_rest(tmp_path: Path) -> None:
    doc = new_document("Plan")
    add_table(doc, [
        [Span("PREVENTION THEME", 4)],
        ["1.1", Span("Action across two columns", 2), "Police"],
    ], [1.5, 4, 4, 3])

    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))

    assert table.n_cols == 4
    theme, action_row = table.rows
    assert theme.cells[0].text == "PREVENTION THEME" and theme.cells[0].col_span == 4
    assert [(c.covered, c.origin, c.text) for c in theme.cells[1:]] == [(True, (0, 0), "")] * 3
    assert action_row.texts == ["1.1", "Action across two columns", "", "Police"]
    assert action_row.cells[1].col_span == 2
    assert action_row.cells[2].covered and action_row.cells[2].origin == (1, 1)


def test_vertical_merge_puts_the_owner_in_the_top_cell_with_its_row_span(
    tmp_path: Path,
) -> None:
    doc = new_document("Plan")
    add_table(doc, [
        ["Key area", "Activity", "By whom?"],
        [VMerge("Reduce violent crime"), "Night-time patrols", "Police"],
        [VMERGE_CONTINUE, "Door staff training", "Licensing"],
        [VMERGE_CONTINUE, "CCTV review", "WCC"],
        ["Reduce re-offending", "Mentoring", "Probation"],
    ], [4, 6, 3], header_rows=1)

    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))

    top = table.rows[1].cells[0]
    assert top.text == "Reduce violent crime" and top.row_span == 3 and not top.covered
    for r in (2, 3):
        cell = table.rows[r].cells[0]
        assert cell.covered and cell.origin == (1, 0) and cell.text == ""
    assert table.rows[3].texts == ["", "CCTV review", "WCC"]
    assert table.rows[4].cells[0].text == "Reduce re-offending"
    assert table.rows[4].cells[0].row_span == 1 and not table.rows[4].cells[0].covered


def test_a_merge_spanning_rows_and_columns_covers_its_whole_rectangle(tmp_path: Path) -> None:
    doc = new_document("Plan")
    add_table(doc, [
        ["A", Span(VMerge("Shared milestone"), 2)],
        ["B", Span(VMERGE_CONTINUE, 2)],
    ], [2, 3, 3])

    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))

    origin = table.rows[0].cells[1]
    assert (origin.text, origin.col_span, origin.row_span) == ("Shared milestone", 2, 2)
    covered = [(r, c) for r in (0, 1) for c in (1, 2) if (r, c) != (0, 1)]
    assert all(table.rows[r].cells[c].origin == (0, 1) for r, c in covered)
    assert table.rows[1].texts == ["B", "", ""]


def test_rows_with_grid_before_and_after_keep_cells_in_their_columns(tmp_path: Path) -> None:
    doc = new_document("Plan")
    table = add_table(doc, [["Ref", "Action", "Owner"], ["x", "Late action", "Police"],
                            ["2.1", "Early action", "x"]], [2, 6, 3])
    shifted_right, shifted_left = table.rows[1]._tr, table.rows[2]._tr
    shifted_right.remove(shifted_right.tc_lst[0])
    shifted_left.remove(shifted_left.tc_lst[-1])
    for tr, tag in ((shifted_right, "w:gridBefore"), (shifted_left, "w:gridAfter")):
        tr.get_or_add_trPr().insert(0, mark(tag, "1"))

    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))

    assert [row.texts for row in table.rows] == [
        ["Ref", "Action", "Owner"],
        ["", "Late action", "Police"],
        ["2.1", "Early action", ""],
    ]
    assert not any(cell.covered for row in table.rows for cell in row.cells)


def test_legacy_hmerge_and_text_hidden_in_a_continued_cell_are_kept(tmp_path: Path) -> None:
    doc = new_document("Plan")
    table = add_table(doc, [["Theme", "x"], ["Owner A", "one"], ["Stray owner", "two"]], [4, 6])
    theme_row = table.rows[0]._tr
    for tc, state in zip(theme_row.tc_lst, ("restart", None), strict=True):
        tc.get_or_add_tcPr().append(mark("w:hMerge", state))
    theme_row.tc_lst[1].remove(theme_row.tc_lst[1].p_lst[0])
    theme_row.tc_lst[1].append(parse_xml(f"<w:p {nsdecls('w')}/>"))
    # Word hides the text of a cell that continues a vertical merge: keep it, with a warning.
    for r, state in ((1, "restart"), (2, None)):
        table.rows[r]._tr.tc_lst[0].get_or_add_tcPr().append(mark("w:vMerge", state))

    content = read_docx(write(doc, tmp_path / "plan.docx"))

    rows = only_table(content).rows
    assert rows[0].cells[0].col_span == 2 and rows[0].cells[1].origin == (0, 0)
    assert rows[1].cells[0].lines == ["Owner A", "Stray owner"]
    assert rows[1].cells[0].row_span == 2 and rows[2].cells[0].origin == (1, 0)
    assert any("row 2" in warning and "Stray owner" in warning for warning in content.warnings)


def test_a_row_wider_than_the_table_grid_widens_the_grid_with_a_warning(
    tmp_path: Path,
) -> None:
    doc = new_document("Plan")
    table = add_table(doc, [["Ref", "Action", "Owner"]], [2, 6, 3])
    grid = table._tbl.tblGrid
    grid.remove(grid.gridCol_lst[-1])

    content = read_docx(write(doc, tmp_path / "plan.docx"))

    assert only_table(content).n_cols == 3
    assert only_table(content).rows[0].texts == ["Ref", "Action", "Owner"]
    assert any("grid has 2" in warning for warning in content.warnings)


def test_an_absurd_grid_span_is_refused_rather_than_laid_out(tmp_path: Path) -> None:
    doc = new_document("Plan")
    table = add_table(doc, [["Ref", "Action"]], [2, 6])
    table.rows[0]._tr.tc_lst[1].get_or_add_tcPr().append(mark("w:gridSpan", "50000000"))
    with pytest.raises(DocxError, match="table 0 lays out 1 rows of 50000001 columns"):
        read_docx(write(doc, tmp_path / "plan.docx"))


def test_repeated_header_rows_are_marked(tmp_path: Path) -> None:
    doc = new_document("Plan")
    add_table(doc, [[Span("Treatment", 2)], ["Ref", "Action"], ["T1", "Review services"]],
              [2, 8], header_rows=2)
    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))
    assert [row.is_header for row in table.rows] == [True, True, False]


def test_a_borderless_table_is_read_like_a_ruled_one(tmp_path: Path) -> None:
    doc = new_document("Plan")
    add_table(doc, [["Block", "Safer Communities"], ["Lead Officer", "A. Smith"]], [4, 8],
              borders=False)
    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))
    assert [row.texts for row in table.rows] == [["Block", "Safer Communities"],
                                                 ["Lead Officer", "A. Smith"]]


# -- cell text --------------------------------------------------------------------------


def test_bulleted_cell_keeps_its_items_and_plain_lines(tmp_path: Path) -> None:
    doc = new_document("Plan")
    add_table(doc, [[
        Bullets("Deliver training via:", ["schools", "youth centres"], "Reviewed yearly"),
        ["Only item"],
        "First paragraph\n\nSecond paragraph",
    ]], [6, 4, 4])

    cells = only_table(read_docx(write(doc, tmp_path / "plan.docx"))).rows[0].cells

    assert cells[0].lines == ["Deliver training via:", BULLET + "schools",
                              BULLET + "youth centres", "Reviewed yearly"]
    assert cells[1].lines == [BULLET + "Only item"]
    assert cells[2].lines == ["First paragraph", "Second paragraph"]  # the empty one skipped


def test_tracked_changes_links_tabs_breaks_and_hidden_text(tmp_path: Path) -> None:
    doc = new_document("Plan")
    table = add_table(doc, [["Owner"], ["gone"]], [8])
    cell_xml = (
        f'<w:tc {nsdecls("w", "r")}><w:p>'
        '<w:r><w:t xml:space="preserve">Lead: </w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>Old Council</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t>New Council</w:t></w:r></w:ins>'
        "<w:r><w:tab/><w:t>(LBTH)</w:t><w:br/><w:t>Partner:</w:t></w:r>"
        '<w:hyperlink r:id="rId77"><w:r><w:t xml:space="preserve"> DAAT</w:t></w:r></w:hyperlink>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note</w:t></w:r>"
        '<w:moveFrom w:id="3" w:author="x"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>'
        "</w:p></w:tc>"
    )
    first_row = table.rows[0]._tr
    first_row.replace(first_row.tc_lst[0], parse_xml(cell_xml))
    deleted_row = table.rows[1]._tr
    deleted_row.get_or_add_trPr().append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="4" w:author="x"/>'))

    table = only_table(read_docx(write(doc, tmp_path / "plan.docx")))

    assert [row.texts for row in table.rows] == [["Lead: New Council (LBTH)\nPartner: DAAT"]]


def test_content_controls_do_not_hide_paragraphs_tables_or_cells(tmp_path: Path) -> None:
    doc = new_document("Plan")
    heading(doc, "Theme in a content control", level=1)
    table = add_table(doc, [["Ref", "Action"], ["1.1", "Action in a cell control"]], [2, 8])
    body = doc.element.body
    for element in (body[0], table._tbl):  # wrap the heading, then the table
        sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
        element.addprevious(sdt)
        sdt[1].append(element)
    tr = table.rows[1]._tr
    tc = tr.tc_lst[1]
    cell_sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tc.addprevious(cell_sdt)
    cell_sdt[1].append(tc)
    placeholder = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        "<w:r><w:t>Click here to enter text.</w:t></w:r></w:sdtContent></w:sdt>")
    table.rows[0].cells[0].paragraphs[0]._p.append(placeholder)

    content = read_docx(write(doc, tmp_path / "plan.docx"))

    assert content.blocks[0] == Paragraph("Theme in a content control", heading_level=1)
    assert [row.texts for row in only_table(content).rows] == [
        ["Ref", "Action"], ["1.1", "Action in a cell control"]]


def test_nested_table_is_inlined_in_its_cell_and_emitted_after_its_table(
    tmp_path: Path,
) -> None:
    doc = new_document("Plan")
    add_table(doc, [
        ["Ref", "Milestones"],
        ["A1", Nested([["Milestone", "Date"], ["Launch", "Mar 09"]], [3, 2])],
    ], [2, 6])
    para(doc, "After the first table")
    add_table(doc, [["Ref", "Action"]], [2, 6])

    content = read_docx(write(doc, tmp_path / "plan.docx"))

    outer, nested, last = content.tables
    assert [type(block).__name__ for block in content.blocks] == [
        "Table", "Table", "Paragraph", "Table"]
    assert (outer.index, nested.index, last.index) == (0, 1, 2)
    assert (outer.nested_in, nested.nested_in, last.nested_in) == (None, 0, None)
    assert outer.rows[1].cells[1].lines == ["Milestone | Date", "Launch | Mar 09"]
    assert [row.texts for row in nested.rows] == [["Milestone", "Date"], ["Launch", "Mar 09"]]


@st.composite
def merge_layouts(draw) -> tuple[int, list[list[tuple[int, int, bool]]]]:
    """A grid of merged regions: per row, (start column, span, continues the one above)."""
    n_cols = draw(st.integers(2, 4))
    layout: list[list[tuple[int, int, bool]]] = []
    for _ in range(draw(st.integers(1, 4))):
        above = {(start, span) for start, span, _ in layout[-1]} if layout else set()
        row, column = [], 0
        while column < n_cols:
            span = draw(st.integers(1, n_cols - column))
            row.append((column, span, (column, span) in above and draw(st.booleans())))
            column += span
        layout.append(row)
    return n_cols, layout


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(merge_layouts())
def test_any_merge_layout_gives_full_rows_with_text_once_at_each_origin(
    tmp_path: Path, generated: tuple[int, list[list[tuple[int, int, bool]]]],
) -> None:
    n_cols, layout = generated
    specs, expected_origin = [], {}
    for r, row in enumerate(layout):
        spec_row = []
        for start, span, continues in row:
            origin = expected_origin[(r - 1, start)] if continues else (r, start)
            content = VMERGE_CONTINUE if continues else VMerge(f"r{r}c{start}")
            spec_row.append(Span(content, span) if span > 1 else content)
            for column in range(start, start + span):
                expected_origin[(r, column)] = origin
        specs.append(spec_row)
    doc = new_document("Plan")
    add_table(doc, specs, [2.0] * n_cols)

    table = only_table(read_docx(write(doc, tmp_path / "grid.docx")))

    assert table.n_cols == n_cols and len(table.rows) == len(layout)
    for r, row in enumerate(table.rows):
        assert len(row.cells) == n_cols
        for c, cell in enumerate(row.cells):
            origin = expected_origin[(r, c)]
            if origin == (r, c):
                assert not cell.covered and cell.text == f"r{r}c{c}"
            else:
                assert cell.covered and cell.origin == origin and cell.text == ""
    for (r, c), origin in expected_origin.items():
        top = table.rows[origin[0]].cells[origin[1]]
        assert origin[0] <= r < origin[0] + top.row_span
        assert origin[1] <= c < origin[1] + top.col_span


# -- files that are not readable .docx -----------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {name: tmp_path / f"{name}.docx" for name in (
        "empty", "random", "zip_of_text", "zip_without_document", "ole2", "encrypted",
        "malformed", "truncated")}
    files["empty"].write_bytes(b"")
    files["random"].write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    _zip(files["zip_of_text"], {"notes.txt": b"hello"})
    ole2_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    files["ole2"].write_bytes(ole2_header + bytes(1024))
    files["encrypted"].write_bytes(
        ole2_header + "EncryptionInfo".encode("utf-16-le") + bytes(50)
        + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    good = write(new_document("Plan"), tmp_path / "good.docx")
    files["truncated"].write_bytes(good.read_bytes()[:2000])
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    _zip(files["zip_without_document"],
         {name: blob for name, blob in parts.items() if name != "word/document.xml"})
    _zip(files["malformed"], {**parts, "word/document.xml": b"<w:document><w:body><w:p>"})
    return files


@pytest.mark.parametrize(("name", "reason"), [
    ("empty", "the file is empty (0 bytes)"),
    ("random", "not a Word .docx file (not a ZIP package"),
    ("zip_of_text", "not a Word .docx file (no word/document.xml)"),
    ("zip_without_document", "not a Word .docx file (no word/document.xml)"),
    ("ole2", "OLE2 compound file"),
    ("encrypted", "the file is encrypted (password-protected Office document)"),
    ("malformed", "malformed XML in word/document.xml"),
    ("truncated", "not a Word .docx file (not a ZIP package, or a damaged one"),
])
def test_unreadable_files_raise_docx_error_naming_file_and_reason(
    tmp_path: Path, name: str, reason: str,
) -> None:
    path = _bad_files(tmp_path)[name]
    with pytest.raises(DocxError) as raised:
        read_docx(path)
    assert str(raised.value).startswith(f"{path.name}: ")
    assert reason in str(raised.value)
    assert isinstance(raised.value, PlanharvestError)


def test_a_package_over_the_size_limits_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(new_document("Plan"), tmp_path / "plan.docx")
    with pytest.raises(DocxError, match="max_uncompressed_bytes"):
        read_docx(path, Settings(limits=LimitSettings(max_uncompressed_bytes=10_000)))
    with pytest.raises(DocxError, match="max_zip_entries"):
        read_docx(path, Settings(limits=LimitSettings(max_zip_entries=3)))


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-42")
    doc = new_document("Plan title")
    para(doc, "before ENTITY after")
    path = write(doc, tmp_path / "xxe.docx")
    doctype = (f'<!DOCTYPE root [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')

    def with_entity(name: str, marker: str) -> bytes:
        declaration, body = part_text(path, name).split("?>", 1)
        return (declaration + "?>" + doctype + body.replace(marker, "&xxe;&lol2;")).encode()

    rewrite_parts(path, {"word/document.xml": with_entity("word/document.xml", "ENTITY"),
                         "docProps/core.xml": with_entity("docProps/core.xml", "Plan title")})

    content = read_docx(path)

    everything = repr(content)
    assert "TOP-SECRET" not in everything and "lollol" not in everything
    assert content.blocks == [Paragraph("before  after")]
    assert any("DTD" in warning for warning in content.warnings)


def test_macro_enabled_documents_are_read_like_docx(tmp_path: Path) -> None:
    doc = new_document("Plan")
    para(doc, "Read me")
    path = write(doc, tmp_path / "plan.docm")
    types = part_text(path, "[Content_Types].xml").replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml")
    rewrite_parts(path, {"[Content_Types].xml": types.encode()})
    assert read_docx(path).blocks == [Paragraph("Read me")]


# -- the real samples (written by other helpers; skipped until they exist) ----------------


def _sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"samples/{name} has not been written yet")
    return path


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.docx")), ids=lambda path: path.name)
def test_every_sample_reads_into_full_rows_with_valid_origins(path: Path) -> None:
    content = read_docx(path)
    assert content.tables and content.title
    for table in content.tables:
        for r, row in enumerate(table.rows):
            assert len(row.cells) == table.n_cols
            for cell in row.cells:
                if cell.covered:
                    origin_r, origin_c = cell.origin
                    origin = table.rows[origin_r].cells[origin_c]
                    assert not origin.covered and origin_r <= r
                    assert r < origin_r + origin.row_span


def test_tower_hamlets_sample_has_a_theme_row_and_header_row_per_action_table() -> None:
    content = read_docx(_sample("001_tower_hamlets_2012.docx"))
    assert content.title == "Substance Misuse Strategy Action Plan 2012"
    assert len(content.tables) >= 15
    themes = set()
    for table in content.tables:
        theme_row, header_row = table.rows[:2]
        assert table.n_cols == 7 and theme_row.is_header and header_row.is_header
        assert theme_row.cells[0].col_span == 7
        assert all(cell.origin == (0, 0) for cell in theme_row.cells[1:])
        assert header_row.texts[1:4] == ["Owner", "Action", "Deadline"]
        themes.add(theme_row.cells[0].text)
    assert themes == {"Prevention and Behaviour Change", "Treatment",
                      "Enforcement and Regulation"}
    first_action = content.tables[0].rows[2]
    assert first_action.texts[0] == "PB C1"
    assert first_action.cells[4].lines[0].startswith(BULLET)


def test_warwickshire_sample_has_a_vertically_merged_key_area_column() -> None:
    content = read_docx(_sample("004_warwickshire_laa_2008.docx"))
    merged = [
        (table, r, cell) for table in content.tables for r, row in enumerate(table.rows)
        for cell in row.cells[:1] if cell.row_span > 1
    ]
    assert merged, "no vertically merged cell in the first column of any table"
    table, r, top = merged[0]
    below = [table.rows[r + k].cells[0] for k in range(1, top.row_span)]
    assert top.text and all(cell.covered and cell.origin == (r, 0) for cell in below)
