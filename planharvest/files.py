"""Writing files so that nothing is ever half-written, and CSV cells that stay inert.

Every stage that writes (the cache, the exports, the reviewer's decisions)
goes through ``atomic_path``: a file is written to a temporary name in the
same folder and renamed into place (``os.replace`` is atomic on one
filesystem), so a killed run leaves the previous complete file or none.

``neutralise`` follows OWASP's CSV-injection advice: a cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return, :func:`looks_like_formula`) is prefixed with ``'``;
``unneutralise`` undoes it for whatever reads a CSV back.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
