"""Stitching page tables into logical tables, on grids built the way the PDF reader builds them.

Each page table here is a small grid with cell boxes on an A4 landscape page;
the cases are the ones a reader meets at a page break: the header repeated, a
row cut in two, a row that only looks cut, a lone last row, a page holding just
a merged heading row, and what must never be joined.
"""

from __future__ import annotations

from planharvest.extract.grid import Cell, Paragraph, Row, Table
from planharvest.extract.stitch import stitch_tables

#: Left edges of four columns (pt), and the table's right edge.
EDGES = (40.0, 100.0, 400.0, 560.0, 800.0)
HEADER = ["Ref", "Action", "Lead", "Deadline"]


def row(texts: list[str], page: int, top: float = 100.0) -> Row:
    cells = [
        Cell(lines=text.split("\n") if text else [], bbox=(EDGES[c], top, EDGES[c + 1], top + 20))
        for c, text in enumerate(texts)
    ]
    return Row(cells=cells, page=page, bbox=(EDGES[0], top, EDGES[-1], top + 20))


def spanning(text: str, page: int, top: float = 100.0) -> Row:
    """A heading row merged across the whole table."""
    first = Cell(lines=[text], col_span=4, bbox=(EDGES[0], top, EDGES[-1], top + 20))
    covered = [Cell(covered=True, origin=(0, 0)) for _ in range(3)]
    return Row(cells=[first, *covered], page=page, bbox=(EDGES[0], top, EDGES[-1], top + 20))


def page_table(page: int, *rows: list[str] | Row, header: bool = True) -> Table:
    made = [row(HEADER, page, 40)] if header else []
    for k, spec in enumerate(rows):
        made.append(spec if isinstance(spec, Row) else row(spec, page, 60 + 20 * k))
    for index, r in enumerate(made):  # covered cells point at their own row
        for cell in r.cells:
            if cell.covered:
                cell.origin = (index, 0)
    return Table(rows=made, n_cols=4, page=page, bbox=(EDGES[0], 40, EDGES[-1], 540))


def texts(table: Table) -> list[list[str]]:
    return [r.texts for r in table.rows]


def test_table_over_three_pages_becomes_one_with_the_header_once():
    blocks = [
        Paragraph("Action plan", heading_level=0, page=1),
        page_table(1, ["1.1", "Train staff.", "Police", "May 2009"]),
        page_table(2, ["1.2", "Fund posts.", "PCT", "June 2009"]),
        page_table(3, ["1.3", "Audit premises.", "Council", "2010"]),
        Paragraph("Appendix", page=3),
        page_table(3, ["X", "Y", "Z", "W"]),
    ]
    stitched = stitch_tables(blocks)
    assert [type(b).__name__ for b in stitched] == ["Paragraph", "Table", "Paragraph", "Table"]
    plan = stitched[1]
    assert texts(plan) == [
        HEADER,
        ["1.1", "Train staff.", "Police", "May 2009"],
        ["1.2", "Fund posts.", "PCT", "June 2009"],
        ["1.3", "Audit premises.", "Council", "2010"],
    ]
    assert plan.rows[0].is_header
    assert [r.page for r in plan.rows] == [1, 1, 2, 3]
    assert [t.index for t in stitched if isinstance(t, Table)] == [0, 1]


def test_row_cut_by_the_page_break_is_joined_and_marked():
    first = page_table(
        1,
        ["1.1", "Train staff.", "PCT", "Jan 2009"],
        ["1.2", "Write to traders inviting them to", "Police", "Feb 2009"],
    )
    rest = page_table(2, ["", "a workshop on retailing.", "", ""], ["1.3", "Audit.", "PCT", "2010"])
    (plan,) = stitch_tables([first, rest])
    joined = plan.rows[2]
    assert joined.rejoined and joined.cut_certain  # "inviting them to" / "a workshop ..."
    # The sentence cut by the break is one line again.
    assert joined.cells[1].lines == ["Write to traders inviting them to a workshop on retailing."]
    assert joined.texts[2:] == ["Police", "Feb 2009"]
    assert (joined.page, joined.bbox) == (1, first.rows[2].bbox)  # where the row starts
    assert texts(plan)[3] == ["1.3", "Audit.", "PCT", "2010"]
    assert not any(r.rejoined for r in plan.rows if r is not joined)


def test_cut_row_can_be_left_in_two_parts_for_the_caller_to_join():
    first = page_table(1, ["1.2", "Write to traders inviting them to", "Police", "Feb 2009"])
    rest = page_table(2, ["", "a workshop on retailing.", "", ""], ["1.3", "Audit.", "PCT", "2010"])
    (plan,) = stitch_tables([first, rest], join_cut_rows=False)
    assert [r.texts[1] for r in plan.rows[1:]] == [
        "Write to traders inviting them to",
        "a workshop on retailing.",
        "Audit.",
    ]
    assert [r.continued for r in plan.rows] == [False, False, True, False]
    assert plan.rows[2].cut_certain  # the sentence visibly runs on across the break


def test_paragraph_starting_on_the_next_page_stays_a_line_of_its_own():
    first = page_table(1, ["1.1", "Train staff.", "Police", "May 2009"])
    first.rows[1].cells[1].lines = ["Train staff in schools.", "\u2022 Book the venues"]
    rest = page_table(2, ["", "\u2022 Agree the dates.", "", "June 2009"])
    (plan,) = stitch_tables([first, rest])
    cut = plan.rows[1]
    assert cut.rejoined
    assert cut.cells[1].lines == [
        "Train staff in schools.",
        "\u2022 Book the venues",
        "\u2022 Agree the dates.",
    ]
    assert cut.cells[3].lines == ["May 2009", "June 2009"]


def test_a_paragraph_cut_by_the_break_is_one_again_unless_the_text_above_is_complete():
    """A name or sentence stopped mid-phrase above the break goes on below, even in
    capitals and whether or not its line filled the cell (the next word may just not have
    fitted); a sentence ended with a stop, or a date standing alone, is a paragraph of its
    own unless its line filled the cell."""
    cases = [
        ("LLR Joint Strategic Alcohol", "Harm Reduction Group", False,
         ["LLR Joint Strategic Alcohol Harm Reduction Group"]),
        ("LLR Joint Strategic Alcohol", "Harm Reduction Group", True,
         ["LLR Joint Strategic Alcohol Harm Reduction Group"]),
        ("Leicestershire County", "Council Safer Communities", False,
         ["Leicestershire County Council Safer Communities"]),
        ("Map the process.", "Report to the board", False,
         ["Map the process.", "Report to the board"]),
        ("July 2006", "Ongoing", False, ["July 2006", "Ongoing"]),
        ("July 2006", "Ongoing", True, ["July 2006 Ongoing"]),
    ]
    for above, below, full, lines in cases:
        first = page_table(1, ["1.1", "Map the process.", above, "2009"])
        first.rows[1].cells[2].full = full
        rest = page_table(2, ["", "", below, ""])
        (plan,) = stitch_tables([first, rest])
        assert plan.rows[1].rejoined
        assert plan.rows[1].cells[2].lines == lines, (above, below, full)


def test_numbering_starting_over_on_the_next_page_joins_only_under_unfinished_text():
    """ "1." under "5 Fund posts for" is that row's own list going on; "1" under a bare "5"
    may be a new section numbered afresh, so the rows stay apart."""
    for above, joined in (("5 Fund two posts for", True), ("5", False)):
        first = page_table(1, ["4 Train staff.", "", "Police", "2009"],
                           ["4a Hire.", "", "PCT", "2009"], [above, "", "PCT", "2009"])
        rest = page_table(2, ["1. Hire the staff", "", "PCT", "2010"])
        (plan,) = stitch_tables([first, rest])
        assert plan.rows[-1].rejoined is joined
        assert len(plan.rows) == (4 if joined else 5)


def test_sentence_running_on_without_an_empty_key_is_joined():
    # The reference sits at the start of the action text (no key column of its own).
    first = page_table(
        3,
        ["", "4.3 Invite the forum.", "Police", "Jan 2009"],
        ["", "4.4 Write to off licences to invite them to a workshop about", "Police", "Feb 2009"],
        ["", "4.5 Train sergeants.", "Police", "Mar 2009"],
    )
    first.rows[2], first.rows[3] = first.rows[3], first.rows[2]  # 4.4 ends the page
    rest = page_table(4, ["", "responsible retailing and a county forum.", "", ""])
    (plan,) = stitch_tables([first, rest])
    last = plan.rows[-1]
    assert last.rejoined
    assert last.cells[1].text.endswith("a workshop about responsible retailing and a county forum.")


def test_new_row_at_the_top_of_a_page_is_not_joined():
    first = page_table(1, ["1.1", "Train staff in schools and", "Police", "May 2009"])
    rest = page_table(2, ["1.2", "fund two outreach posts", "PCT", "June 2009"])
    (plan,) = stitch_tables([first, rest])
    assert len(plan.rows) == 3 and not any(r.rejoined for r in plan.rows)


def test_unnumbered_row_after_a_finished_sentence_is_not_joined():
    first = page_table(
        1,
        ["", "1.1 Train staff.", "Police", "2009"],
        ["", "1.2 Fund posts.", "PCT", "2009"],
        ["", "1.3 Audit premises.", "Council", "2010"],
    )
    rest = page_table(2, ["", "Develop actions in the refresh process", "", "March 2009"])
    (plan,) = stitch_tables([first, rest])
    assert plan.rows[-1].texts[1] == "Develop actions in the refresh process"
    assert not plan.rows[-1].rejoined


def test_lone_last_row_on_a_new_page_is_kept():
    first = page_table(1, ["1.1", "Train staff.", "Police", "May 2009"])
    rest = page_table(2, ["1.2", "Fund posts.", "PCT", "June 2009"], header=False)
    (plan,) = stitch_tables([first, rest])
    assert texts(plan)[-1] == ["1.2", "Fund posts.", "PCT", "June 2009"]


def test_page_holding_only_a_merged_heading_row_is_mapped_onto_the_grid():
    first = page_table(1, ["1.1", "Train staff.", "Police", "May 2009"])
    heading_cell = Cell(lines=["TREATMENT THEME"], bbox=(EDGES[0], 40, EDGES[-1], 60))
    lone = Row(cells=[heading_cell], page=2, bbox=(EDGES[0], 40, EDGES[-1], 60))
    rest = Table(rows=[lone], n_cols=1, page=2, bbox=(EDGES[0], 40, EDGES[-1], 60))
    (plan,) = stitch_tables([first, rest])
    heading = plan.rows[-1]
    assert plan.n_cols == 4 and len(heading.cells) == 4
    assert heading.cells[0].text == "TREATMENT THEME" and heading.cells[0].col_span == 4
    assert [c.origin for c in heading.cells[1:]] == [(2, 0)] * 3


def test_heading_row_cut_in_two_is_joined():
    first = page_table(1, ["1.1", "Train staff.", "Police", "May 2009"])
    first.rows.append(spanning("6- Work with care providers to cut falls among the most", 1, 80))
    first.rows[-1].cells[1].origin = (2, 0)
    rest = page_table(2, spanning("vulnerable people in the community", 2, 60))
    (plan,) = stitch_tables([first, rest])
    assert plan.rows[-1].cells[0].lines == [
        "6- Work with care providers to cut falls among the most vulnerable people in the community"
    ]


def test_vertical_merge_on_the_continuation_points_at_its_new_row():
    first = page_table(1, ["1.1", "Train staff.", "Police", "May 2009"])
    rest = page_table(2, ["1.2", "Fund posts.", "PCT", "June 2009"], ["", "Hire.", "PCT", "2010"])
    rest.rows[2].cells[0] = Cell(covered=True, origin=(1, 0), bbox=rest.rows[2].cells[0].bbox)
    rest.rows[1].cells[0].row_span = 2
    (plan,) = stitch_tables([first, rest])
    assert plan.rows[3].cells[0].origin == (2, 0)
    assert plan.rows[2].cells[0].text == "1.2"


def test_what_is_never_joined():
    word_a = page_table(1, ["1.1", "Train staff.", "Police", "2009"])
    word_b = page_table(1, ["1.2", "Fund posts.", "PCT", "2009"])
    word_a.page = word_b.page = None
    for r in word_a.rows + word_b.rows:
        r.page = None
    apart = [page_table(1, ["1.1", "A.", "B", "C"]), page_table(3, ["1.2", "D.", "E", "F"])]
    between = [
        page_table(1, ["1.1", "A.", "B", "C"]),
        Paragraph("Notes", page=2),
        page_table(2, ["1.2", "D.", "E", "F"]),
    ]
    other = page_table(2, ["a", "b", "c", "d"])
    for r in other.rows:
        for c, cell in enumerate(r.cells):
            cell.bbox = (EDGES[0] + 30 * c, *cell.bbox[1:])
    other.rows[0].cells[0].lines = ["Name"]
    different = [page_table(1, ["1.1", "A.", "B", "C"]), other]
    for blocks in ([word_a, word_b], apart, between, different):
        assert len(stitch_tables(blocks)) == len(blocks)
