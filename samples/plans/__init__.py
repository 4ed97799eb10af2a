"""The five sample plans, one module per seed plan, rebuilt as Word files.

Each module ``planNNN`` exposes ``FILENAME`` (the .docx name written into
``samples/``) and ``build(path, borders=True)``; ``samples/build.py`` imports
them in the order of ``PLAN_MODULES``. ``samples/`` is on ``sys.path`` when
they run, so they import the kit as ``from docxkit import ...``.

``bold_rows`` and ``set_font_size`` live here rather than in each plan because
several plans need them and ``docxkit`` lacks them: ``add_table`` bolds only
repeated header rows, and dense tables (district summaries) use a smaller font
than the document's Normal style.
"""

from __future__ import annotations

from docx.shared import Pt
from docx.table import Table

#: Module names under ``plans``, in the order the samples are numbered.
PLAN_MODULES: tuple[str, ...] = ("plan000", "plan001", "plan002", "plan003", "plan004")


def bold_rows(table: Table, row_indices: list[int]) -> None:
    """Make every run in the given rows of ``table`` bold."""
    for index in row_indices:
        for cell in table.rows[index].cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True


def set_font_size(table: Table, points: float) -> None:
    """Set the font size of every run in ``table``."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(points)
