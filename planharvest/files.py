"""Writing files so that nothing is ever half-written, and CSV cells that stay inert.

Every stage that writes (the cache, the exports, the reviewer's decisions)
goes through ``atomic_path``: a file is written to a temporary name in the
same folder and renamed into place (``os.replace`` is atomic on one
filesystem), so a killed run leaves the previous complete file or none.

``neutralise`` follows OWASP's CSV-injection advice: a cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return, :func:`looks_like_formula`) is prefixed with ``'``;
``unneutralise`` undoes it for whatever reads a CSV back.

``capped`` keeps a cell that planharvest composes (reasons, candidate lists)
under ``CELL_LIMIT`` characters: Excel holds at most 32,767 in a cell and cuts
the rest without a word. Cells copied from a document (an action of 100,000
characters) are kept whole, so whatever reads planharvest's own CSV files back
first calls ``allow_long_csv_cells`` (Python's csv module refuses a cell over
131,072 characters by default).
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: characters of a cell planharvest reads back from its own CSV files (a page's worth of
#: characters at ``LimitSettings.max_page_characters``, many times over).
CSV_CELL_LIMIT = 256 * 1024 * 1024
#: characters of a composed cell (Excel's limit is 32,767; room is left for neutralising).
CELL_LIMIT = 32_000


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_current_umask())  # mkstemp's 0600 is too private
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula if typed into a cell."""
    return text.startswith(_FORMULA_START)


def neutralise(text: str) -> str:
    """Make a cell inert in spreadsheets: formula-like text gets a leading apostrophe."""
    return f"'{text}" if looks_like_formula(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: ``'=x`` back to ``=x``; any other ``'`` belongs to the text."""
    return text[1:] if text.startswith("'") and neutralise(text[1:]) == text else text


def capped(text: str, limit: int = CELL_LIMIT) -> str:
    """``text`` if it has at most ``limit`` characters, else its start and its full length,
    ``limit`` characters in all."""
    if len(text) <= limit:
        return text
    note = f" ... ({len(text):,} characters in all)"
    return text[:limit - len(note)] + note


def capped_list(values: list[str], limit: int = CELL_LIMIT) -> list[str]:
    """The leading ``values`` whose ``; ``-joined text fits in ``limit`` characters (at
    least the first, itself :func:`capped`)."""
    kept: list[str] = []
    length = 0
    for value in values:
        length += len(value) + (2 if kept else 0)
        if kept and length > limit:
            break
        kept.append(capped(value, limit))
    return kept


def allow_long_csv_cells() -> None:
    """Let the csv module read cells up to ``CSV_CELL_LIMIT`` characters (never lowering a
    limit already raised)."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
