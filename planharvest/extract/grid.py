"""Format-neutral document content: what every reader (Word, PDF, OCR) returns.

A document is a list of blocks in reading order: ``Paragraph`` (a line of
running text, perhaps a heading) and ``Table`` (a grid of ``Cell``). Nothing
here knows about action plans; ``stitch`` and ``actions`` add that meaning.

Grid conventions, the same for every format:

* every ``Row`` has exactly ``Table.n_cols`` cells;
* a cell merged across columns or rows holds its text in its first (top-left)
  position; the positions it covers are ``Cell(covered=True)`` with empty text,
  and ``origin`` names the position that holds the text;
* a cell's ``lines`` are its paragraphs (Word) or visual lines (PDF); bullet
  items start with ``lexicon.BULLET`` so later stages can keep them as list items.

All types are plain dataclasses of plain values, so a worker process or a
Dask worker can send them back pickled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class Cell:
    """One grid position of a table."""

    lines: list[str] = field(default_factory=list)
    col_span: int = 1
    row_span: int = 1
    covered: bool = False
    origin: tuple[int, int] | None = None  # (row, col) holding the text when covered
    bbox: BBox | None = None
    #: the last line fills the cell's width, so its paragraph may go on past the cell's
    #: bottom (PDF: a row cut by a page break); set by the PDF reader only.
    full: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Row:
    """One row of a grid, with where it sits in the source."""

    cells: list[Cell]
    page: int | None = None
    bbox: BBox | None = None
    is_header: bool = False  # marked as a repeating header row by the source (w:tblHeader)
    #: the row is the second part of a row cut by a page break, left for the caller to join
    #: onto the row before (``stitch_tables(join_cut_rows=False)``).
    continued: bool = False
    #: the row was cut by a page break and its two parts are already joined into this row.
    rejoined: bool = False
    #: for a cut row (``continued`` or ``rejoined``): the parts show text running on across
    #: the break (lower case below, or a sentence left open above), so the cut is certain
    cut_certain: bool = False

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class Table:
    """A grid of cells as one reader found it (a page's table, a Word table)."""

    rows: list[Row]
    n_cols: int
    page: int | None = None
    bbox: BBox | None = None
    index: int = 0  # position among the document's tables, in reading order
    nested_in: int | None = None  # index of the table this one sits inside (Word)
    ruled: bool = True  # False when found from word alignment (borderless)


@dataclass
class Paragraph:
    """Running text between tables; ``heading_level`` is set for headings."""

    text: str
    heading_level: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    is_list_item: bool = False


Block = Paragraph | Table


@dataclass
class DocumentContent:
    """Everything a reader found in one document."""

    blocks: list[Block]
    title: str = ""  # core-properties title (Word) or metadata title (PDF) when set
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR
    warnings: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
