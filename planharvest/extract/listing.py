"""What ``planharvest tables`` prints: every table a reader found, before any plan logic.

It is how a user sees why a document produced no rows. Tables are listed in
reading order as the readers found them (not stitched across pages), each as
``{"page", "index", "bbox", "rows"}`` with merged cells
holding their text in the first position and the covered positions empty.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from planharvest.errors import PlanharvestError
from planharvest.extract.detect import detect_format
from planharvest.extract.formats import FORMATS, READABLE_KINDS, read_document
from planharvest.extract.grid import Table
from planharvest.files import neutralise
from planharvest.limits import TimeLimitExceeded, time_limit
from planharvest.settings import Settings
from planharvest.terminal import printable


class TableListingError(PlanharvestError):
    """The file could not be listed; the message says why."""


class PagesError(TableListingError):
    """``--pages`` cannot be read, names pages the document lacks, or was given for a
    format without pages: a usage error."""


def parse_pages(spec: str | None) -> set[int] | None:
    """'1-3,7' -> {1, 2, 3, 7}; None or '' -> None (every page)."""
    if not spec:
        return None
    pages: set[int] = set()
    for part in spec.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", part)
        if not match:
            raise PagesError(f"cannot read {part!r}; use e.g. 1-3,7")
        first, last = int(match[1]), int(match[2] or match[1])
        if first < 1 or last < first:
            raise PagesError(f"{part.strip()!r} is not a page range")
        pages.update(range(first, last + 1))
    return pages


def _check_pages(path: Path, file_format: str, asked: set[int] | None,
                 pages: int | None) -> None:
    """Refuse ``--pages`` for a format without pages, or naming pages past the last."""
    if asked is None:
        return
    input_format = FORMATS[file_format]
    if not input_format.paged:
        raise PagesError(f"{path.name}: {input_format.kind} files have no pages; "
                         "leave out --pages to list every table")
    missing = sorted(page for page in asked if pages is not None and page > pages)
    if missing:
        raise PagesError(f"{path.name} has {pages} page{'s' if pages != 1 else ''}; "
                         f"there is no page {missing[0]}")


def table_entry(table: Table) -> dict[str, object]:
    return {
        "page": table.page,
        "index": table.index,
        "bbox": list(table.bbox) if table.bbox else None,
        "rows": [["" if cell.covered else cell.text for cell in row.cells] for row in table.rows],
    }


def list_tables(path: Path, pages: str | None = None, roles: bool = False
                ) -> list[dict[str, object]]:
    """Every table of ``path``. With ``roles``: the tables as ``convert`` sees them (joined
    across pages), each with a "roles" entry -- the role chosen for each column, its score
    and evidence, and whether the table was taken and why not (``extract/roles.py``)."""
    page_set = parse_pages(pages)
    if not path.is_file():  # a named pipe or a device would be read for ever
        raise TableListingError(f"{path.name}: not a regular file; only regular files are read")
    settings = Settings()
    file_format = detect_format(path)
    try:
        if file_format is None:
            raise TableListingError(f"{path}: not a {READABLE_KINDS} file")
        _check_pages(path, file_format, page_set, None)  # a format without pages: unread
        with time_limit(settings.limits.max_seconds_per_document):
            content = read_document(path, file_format, settings, pages=page_set)
        _check_pages(path, file_format, page_set, content.pages)
    except TableListingError:
        raise
    except TimeLimitExceeded:
        raise TableListingError(
            f"{path.name}: took longer than {settings.limits.max_seconds_per_document:g} s "
            "(max_seconds_per_document), the limit convert applies") from None
    except PlanharvestError as error:
        message = str(error)
        if path.name not in message:
            message = f"{path.name}: {message}"
        raise TableListingError(message) from error
    if roles:
        return _with_roles(content)
    return [table_entry(table) for table in content.tables]


def _with_roles(content) -> list[dict[str, object]]:
    from planharvest.extract.actions import assemble_document
    from planharvest.extract.grid import DocumentContent
    from planharvest.extract.stitch import stitch_tables
    from planharvest.settings import Settings

    blocks = stitch_tables(content.blocks)
    stitched = DocumentContent(blocks=blocks, title=content.title, pages=content.pages)
    decisions = {decision.table_index: decision
                 for decision in assemble_document(stitched, Settings(), explain=True).decisions}
    listing = []
    for table in stitched.tables:
        entry = table_entry(table)
        decision = decisions.get(table.index)
        entry["roles"] = decision.as_dict() if decision is not None else {
            "taken": False, "reason": "inside another table"}
        listing.append(entry)
    return listing


def roles_as_text(listing: list[dict[str, object]]) -> str:
    """One paragraph per table: taken or not and why, then each column's role and evidence."""
    lines = []
    for entry in listing:
        roles = entry["roles"]
        verdict = "taken" if roles.get("taken") else "not taken"
        inferred = " (roles inferred from content)" if roles.get("inferred") else ""
        lines.append(f"table {entry['index'] + 1} (p.{entry['page'] or '-'}, "
                     f"{len(entry['rows'])} rows): {verdict}{inferred}: {roles.get('reason', '')}")
        if roles.get("header_row") is not None:
            lines.append(f"  header row {roles['header_row'] + 1}")
        for column in roles.get("columns", []):
            label = " ".join(column["label"].split())[:40]
            lines.append(f"  column {column['column'] + 1} {label!r}: {column['role'] or '-'} "
                         f"{column['score']:.2f} {'; '.join(column['evidence'])}")
    return "\n".join(lines) + "\n"


def tables_as_csv(listing: list[dict[str, object]]) -> str:
    """One CSV with a header row -- ``table``, ``page``, then ``column_1`` ... as many as
    the widest table has -- and a line per table row, shorter rows padded with empty cells,
    so that pandas, DuckDB or a spreadsheet read it as one table. Cells a spreadsheet would
    run as a formula are neutralised, as in every CSV written, and control characters
    (terminal escape sequences) are shown as escapes: this CSV is printed."""
    width = max((len(row) for entry in listing for row in entry["rows"]), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["table", "page", *(f"column_{n}" for n in range(1, width + 1))])
    for entry in listing:
        for row in entry["rows"]:
            writer.writerow([entry["index"], entry["page"] or "",
                             *(neutralise(printable(cell, keep_newlines=True)) for cell in row),
                             *[""] * (width - len(row))])
    return buffer.getvalue()
