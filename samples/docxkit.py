"""A small kit for writing sample plans with python-docx, the way Word lays them out.

Each plan module in ``samples/plans/`` describes its document with these calls;
``samples/build.py`` runs them. The kit covers what real plans use and
python-docx does not offer directly: page orientation, table grid widths that
LibreOffice honours (``w:tblGrid``), repeated header rows (``w:tblHeader``),
horizontal and vertical merges, bulleted cells, borderless tables, nested
tables, and byte-for-byte reproducible output.

Cell content passed to :func:`add_table` is one of:

* ``str`` -- paragraphs separated by ``"\\n"``;
* ``list[str]`` -- one bulleted paragraph per item;
* ``Bullets(intro, items, outro)`` -- plain paragraphs around a bulleted list;
* ``Span(content, cols)`` -- a cell merged across ``cols`` grid columns;
* ``VMerge(content)`` -- starts a vertical merge; ``VMERGE_CONTINUE`` continues it;
* ``Nested(rows, widths_cm)`` -- a table inside the cell;
* ``None`` -- an empty cell.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

#: Every sample carries this timestamp so rebuilding gives the same bytes.
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)


@dataclass
class Span:
    content: object
    cols: int


@dataclass
class VMerge:
    content: object


VMERGE_CONTINUE = object()


@dataclass
class Bullets:
    intro: str = ""
    items: list[str] = field(default_factory=list)
    outro: str = ""


@dataclass
class Nested:
    rows: list[list[object]]
    widths_cm: list[float]


def new_document(title: str, landscape: bool = False, font_size: float = 9) -> Document:
    """A document with fixed metadata, A4 pages and narrow margins."""
    doc = Document()
    props = doc.core_properties
    props.title = title
    props.author = "planharvest samples"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(font_size)
    doc.styles["Normal"].font.name = "Liberation Sans"
    return doc


def heading(doc: Document, text: str, level: int = 1) -> None:
    doc.add_heading(text, level=level)


def para(doc: Document, text: str, bold: bool = False, bullet: bool = False) -> None:
    paragraph = doc.add_paragraph(style="List Bullet" if bullet else None)
    paragraph.add_run(text).bold = bold


def page_break(doc: Document) -> None:
    doc.add_page_break()


def add_table(
    container: object,
    rows: list[list[object]],
    widths_cm: list[float],
    header_rows: int = 0,
    borders: bool = True,
    bold_header: bool = True,
) -> object:
    """Add a table to ``container`` (a Document or a cell) and return it.

    ``header_rows`` leading rows are marked ``w:tblHeader`` so Word and
    LibreOffice repeat them at the top of every page the table runs onto.
    """
    table = container.add_table(rows=len(rows), cols=len(widths_cm))
    table.autofit = False
    _set_grid(table, widths_cm)
    if borders:
        table.style = "Table Grid"
    else:
        _remove_borders(table)
    for r, row_spec in enumerate(rows):
        row = table.rows[r]
        if r < header_rows:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
        _fill_row(table, r, row_spec, widths_cm, bold=bold_header and r < header_rows)
    return table


def save(doc: Document, path: Path) -> None:
    """Save with fixed ZIP timestamps so the same document gives the same bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    path.write_bytes(out.getvalue())


# -- internals ------------------------------------------------------------------


def _set_grid(table: object, widths_cm: list[float]) -> None:
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    tbl_pr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table.columns, widths_cm, strict=True):
        for cell in col.cells:
            cell.width = Cm(width)


def _remove_borders(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _fill_row(table: object, r: int, specs: list[object], widths: list[float], bold: bool) -> None:
    col = 0
    for spec in specs:
        if col >= len(widths):
            raise ValueError(f"row {r} has more cells than the table's {len(widths)} columns")
        cell = table.cell(r, col)
        span = 1
        if isinstance(spec, Span):
            span = spec.cols
            cell = cell.merge(table.cell(r, col + span - 1))
            spec = spec.content
        if spec is VMERGE_CONTINUE:
            cell = table.cell(r - 1, col).merge(cell)
            col += span
            continue
        if isinstance(spec, VMerge):
            spec = spec.content
        _write(cell, spec, bold)
        col += span


def _write(cell: object, spec: object, bold: bool) -> None:
    first = cell.paragraphs[0]

    def paragraph(text: str, bullet: bool = False) -> None:
        nonlocal first
        target = first if first is not None else cell.add_paragraph()
        first = None
        if bullet:
            target.style = "List Bullet"
        target.add_run(text).bold = bold

    if spec is None:
        return
    if isinstance(spec, str):
        for line in spec.split("\n"):
            paragraph(line)
    elif isinstance(spec, list):
        for item in spec:
            paragraph(item, bullet=True)
    elif isinstance(spec, Bullets):
        for line in spec.intro.split("\n") if spec.intro else []:
            paragraph(line)
        for item in spec.items:
            paragraph(item, bullet=True)
        for line in spec.outro.split("\n") if spec.outro else []:
            paragraph(line)
    elif isinstance(spec, Nested):
        add_table(cell, spec.rows, spec.widths_cm)
    else:
        raise TypeError(f"unsupported cell content: {spec!r}")
