"""The body walker: a .docx body's paragraphs and tables as grid blocks, in reading order.

What the user sees in Word is what is read: content controls and custom-XML
wrappers are looked through, merged cells are seen once with their spans
(covered positions point to their origin), rows are shifted by
``w:gridBefore`` / ``w:gridAfter``, deleted rows are left out, and a table
nested in a cell follows its outer table as a block of its own while its text
also stays in the outer cell. Headings and list items come from the
paragraph's properties and its style chain (``w:basedOn``), cached per style.
Text boxes and drawings are not read (their DrawingML and VML copies would
double the text). A table whose spans would lay out an absurd grid is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.styles import BabelFish
from lxml import etree

from planharvest.extract.docx.ooxml import (
    FALSE_VALUES,
    P_PR,
    TBL,
    TC,
    TC_PR,
    TR,
    TR_PR,
    P,
    count,
    int_or_none,
    is_on,
    merge_state,
    paragraph_text,
    unwrapped,
    val,
    w,
)
from planharvest.extract.docx.package import DocxError
from planharvest.extract.grid import Block, Cell, Paragraph, Row, Table
from planharvest.lexicon import BULLET

_HEADING_NAME = re.compile(r"heading ([1-9])", re.IGNORECASE)

#: Grid positions one table may lay out. gridSpan="1000000" on one cell would otherwise
#: make a million Cells per row; real plans stay far below (a 63-column Word maximum).
_MAX_GRID_POSITIONS = 2_000_000


# -- styles -------------------------------------------------------------------------


class StyleBook:
    """Heading level and numbering of each paragraph style, following ``w:basedOn``."""

    def __init__(self, document: WordDocument) -> None:
        # The styles part's XML rather than python-docx's style objects: those refuse a
        # style whose w:type they do not know, and one odd style must not sink a document.
        paragraph_styles = [style for style in document.styles.element.findall(w("style"))
                            if style.get(w("type"), "paragraph") == "paragraph"]
        self._by_id = {style.get(w("styleId")): style for style in paragraph_styles}
        defaults = [style.get(w("styleId")) for style in paragraph_styles
                    if (style.get(w("default")) or "0").lower() not in FALSE_VALUES]
        self._default_id = defaults[0] if defaults else None
        self._facts: dict[str | None, tuple[int | None, str | None]] = {}

    def paragraph_facts(self, p_pr: etree._Element | None) -> tuple[int | None, bool]:
        """(heading level, is list item) of a paragraph with properties ``p_pr``."""
        style_level, style_num_id = self._style_facts(val(p_pr, "pStyle") or self._default_id)
        level = style_level
        if level is None and p_pr is not None:
            level = _outline_heading_level(p_pr)
        # the paragraph's own numbering wins over its style's; numId 0 switches numbering off
        num_id = val(p_pr.find(w("numPr")), "numId") if p_pr is not None else None
        num_id = num_id if num_id is not None else style_num_id
        return level, num_id is not None and num_id != "0"

    def _style_facts(self, style_id: str | None) -> tuple[int | None, str | None]:
        """(heading level, numbering id) a style gives, cached per style id."""
        if style_id not in self._facts:
            chain = self._chain(style_id)
            # styles.xml names built-in styles "heading 1"; BabelFish gives Word's "Heading 1"
            name = BabelFish.internal2ui(val(chain[0], "name") or "") if chain else ""
            level: int | None = None
            if name.lower() == "title":
                level = 0
            elif match := _HEADING_NAME.fullmatch(name):
                level = int(match[1])
            num_id = None
            for style in chain:
                p_pr = style.find(w("pPr"))
                if p_pr is None:
                    continue
                if level is None:
                    level = _outline_heading_level(p_pr)
                if num_id is None:
                    num_id = val(p_pr.find(w("numPr")), "numId")
            self._facts[style_id] = (level, num_id)
        return self._facts[style_id]

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            chain.append(style)
            style_id = val(style, "basedOn")
        return chain


def _outline_heading_level(p_pr: etree._Element) -> int | None:
    """Heading level from ``w:outlineLvl`` (0-8 are Heading 1-9; 9 is body text)."""
    value = int_or_none(val(p_pr, "outlineLvl"))
    return value + 1 if value is not None and 0 <= value <= 8 else None



# -- paragraphs and tables ------------------------------------------------------------


class BodyReader:
    """One pass over the body; collects tables in reading order as it meets them."""

    def __init__(self, styles: StyleBook, file_name: str) -> None:
        self.styles = styles
        self.file_name = file_name
        self.tables: list[Table] = []
        self.warnings: list[str] = []

    def read_blocks(self, body: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in unwrapped(body):
            if child.tag == P:
                paragraph = self._paragraph(child)
                if paragraph.text:
                    blocks.append(paragraph)
            elif child.tag == TBL:
                first_new = len(self.tables)
                self._table(child, nested_in=None)
                blocks.extend(self.tables[first_new:])  # the table, then the tables inside it
            elif child.tag == w("altChunk"):
                self.warnings.append("the body imports content from another file (w:altChunk); "
                                     "that content was not read")
        return blocks

    def _paragraph(self, p: etree._Element) -> Paragraph:
        level, is_list_item = self.styles.paragraph_facts(p.find(P_PR))
        return Paragraph(text=paragraph_text(p), heading_level=level,
                         is_list_item=is_list_item)

    def _table(self, tbl: etree._Element, nested_in: int | None) -> Table:
        """Read ``tbl`` into a grid; nested tables are registered after it as they are met."""
        table = Table(rows=[], n_cols=0, index=len(self.tables), nested_in=nested_in)
        self.tables.append(table)
        grid_cols = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
        placed_rows = [self._placed_row(tr, table.index) for tr in unwrapped(tbl)
                       if tr.tag == TR and not is_on(tr.find(TR_PR), "del")]
        widest = max((row.width for row in placed_rows), default=0)
        table.n_cols = max(grid_cols, widest)
        if table.n_cols * len(placed_rows) > _MAX_GRID_POSITIONS:
            raise DocxError(f"{self.file_name}: table {table.index} lays out {len(placed_rows)} "
                            f"rows of {table.n_cols} columns, beyond any real plan "
                            f"({_MAX_GRID_POSITIONS:,} grid positions at most)")
        if grid_cols and widest > grid_cols:
            self.warnings.append(f"table {table.index}: a row spans {widest} columns but the "
                                 f"table grid has {grid_cols}; the grid was widened")
        table.rows = self._grid_rows(placed_rows, table)
        return table

    def _placed_row(self, tr: etree._Element, table_index: int) -> _PlacedRow:
        tr_pr = tr.find(TR_PR)
        row = _PlacedRow(is_header=is_on(tr_pr, "tblHeader"),
                         grid_before=count(val(tr_pr, "gridBefore")),
                         grid_after=count(val(tr_pr, "gridAfter")))
        column = row.grid_before
        for tc in unwrapped(tr):
            if tc.tag != TC:
                continue
            tc_pr = tc.find(TC_PR)
            span = max(1, count(val(tc_pr, "gridSpan")))
            v_merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
            h_merge = tc_pr.find(w("hMerge")) if tc_pr is not None else None
            row.cells.append(_PlacedCell(
                column=column, span=span, lines=self._cell_lines(tc, table_index),
                v_merge=merge_state(v_merge), h_merge=merge_state(h_merge)))
            column += span
        row.width = column + row.grid_after
        return row

    def _cell_lines(self, tc: etree._Element, table_index: int) -> list[str]:
        lines: list[str] = []
        for child in unwrapped(tc):
            if child.tag == P:
                paragraph = self._paragraph(child)
                if paragraph.text:
                    lines.append(BULLET + paragraph.text if paragraph.is_list_item
                                 else paragraph.text)
            elif child.tag == TBL:
                lines.extend(_table_as_lines(self._table(child, nested_in=table_index)))
        return lines

    def _grid_rows(self, placed_rows: list[_PlacedRow], table: Table) -> list[Row]:
        """Lay the placed cells on the grid: merges become covered positions with an origin."""
        rows: list[Row] = []
        open_v_merges: dict[int, tuple[int, int]] = {}  # start column -> origin of the merge
        for r, placed in enumerate(placed_rows):
            cells = [Cell() for _ in range(table.n_cols)]
            rows.append(Row(cells=cells, is_header=placed.is_header))
            previous: tuple[int, int] | None = None
            for cell in placed.cells:
                columns = range(cell.column, cell.column + cell.span)
                if cell.v_merge == "continue" and cell.column in open_v_merges:
                    origin = open_v_merges[cell.column]
                    rows[origin[0]].cells[origin[1]].row_span += 1
                elif cell.h_merge == "continue" and previous is not None:
                    origin = previous
                    rows[r].cells[origin[1]].col_span += cell.span
                else:
                    origin = (r, cell.column)
                    cells[cell.column] = Cell(lines=cell.lines, col_span=cell.span)
                    columns = columns[1:]
                    if cell.v_merge == "restart":
                        open_v_merges[cell.column] = origin
                    else:
                        open_v_merges.pop(cell.column, None)
                for column in columns:
                    cells[column] = Cell(covered=True, origin=origin)
                if origin != (r, cell.column) and cell.lines:
                    self._keep_hidden_merge_text(rows, origin, cell.lines, table.index, r)
                previous = origin if origin[0] == r else None
            # a merge with no cell below it (a gridBefore/After gap, another layout) ends here
            started = {cell.column for cell in placed.cells}
            for column in [column for column in open_v_merges if column not in started]:
                del open_v_merges[column]
        return rows

    def _keep_hidden_merge_text(self, rows: list[Row], origin: tuple[int, int],
                                lines: list[str], table_index: int, r: int) -> None:
        # Word hides the text of a cell that continues a merge; keep it with the merged
        # cell rather than lose it, and say so.
        rows[origin[0]].cells[origin[1]].lines.extend(lines)
        self.warnings.append(f"table {table_index}, row {r}: text in a cell that continues a "
                             f"merge was added to the merged cell ({lines[0][:40]!r})")


@dataclass(slots=True)
class _PlacedCell:
    """A ``w:tc`` with the grid column it starts at."""

    column: int
    span: int
    lines: list[str]
    v_merge: str | None  # 'restart', 'continue' or None
    h_merge: str | None


@dataclass(slots=True)
class _PlacedRow:
    """A ``w:tr``: its cells placed on grid columns, and how wide it is."""

    is_header: bool
    grid_before: int
    grid_after: int
    cells: list[_PlacedCell] = field(default_factory=list)
    width: int = 0



def _table_as_lines(table: Table) -> list[str]:
    """A nested table's text for its outer cell: a line per row, cells joined by " | "."""
    lines = []
    for row in table.rows:
        texts = [" ".join(cell.lines) for cell in row.cells if not cell.covered and cell.lines]
        if texts:
            lines.append(" | ".join(texts))
    return lines
