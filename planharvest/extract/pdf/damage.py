"""Damage pdfminer reads past without a word, found in the file itself and named.

pdfminer is tolerant: a stream whose ``/Length`` is wrong is cut where the length says,
and the objects after it may be lost -- whole pages with them -- while the file still
opens, and a reader such as ``pdftotext`` that looks for ``endstream`` instead reads it
all. So the document is checked twice, cheaply, and what is wrong is said in
``documents.csv`` (the file stays ``ok``: what could be read was):

* every stream whose ``/Length`` is a number is looked up in the raw bytes: its data must
  end where ``endstream`` stands (one regular-expression pass over the file, mapped, not
  read into memory);
* the page tree's declared ``/Count`` against the pages pdfminer could list.
"""

from __future__ import annotations

import mmap
import re
from pathlib import Path

from pdfminer.pdftypes import resolve1

#: A stream dictionary ending in a direct ``/Length N`` (not ``N 0 R``), then ``stream`` and
#: its end of line: the data starts right after.
_STREAM = re.compile(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)[^<>]{0,200}>>\s*stream(?:\r\n|\n|\r)")
#: What must follow a stream's data: an optional end of line, then ``endstream``.
_END = re.compile(rb"\s*endstream")


def wrong_lengths(path: Path) -> int:
    """How many streams of the file at ``path`` do not end where their ``/Length`` says."""
    with path.open("rb") as handle:
        try:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return 0
        with data:
            return sum(_END.match(data, found.end() + int(found[1])) is None
                       for found in _STREAM.finditer(data))


def damage_warnings(path: Path, catalog: dict, listed: int) -> list[str]:
    """What ``documents.csv`` should say of the PDF at ``path`` whose page tree is rooted in
    ``catalog`` and of which pdfminer listed ``listed`` pages: nothing for a sound file."""
    warnings = []
    wrong = wrong_lengths(path)
    if wrong:
        warnings.append(f"{wrong} stream(s) of the PDF declare a wrong /Length: what they "
                        "hold may be cut short or missing here (a more lenient reader such "
                        "as pdftotext may read it)")
    declared = _declared_pages(catalog)
    if declared is not None and declared > listed:
        warnings.append(f"its page tree declares {declared} pages but only {listed} could be "
                        "found: the others are damaged and were not read")
    return warnings


def _declared_pages(catalog: dict) -> int | None:
    """The root page tree's ``/Count``, when it is a number."""
    try:
        count = resolve1(resolve1(catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001 - a damaged tree: pdfminer has said what it could
        return None
    return count if isinstance(count, int) else None
