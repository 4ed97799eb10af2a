"""The decisions file: a reviewer's decisions kept in CSV, loaded and saved atomically.

A decision that no longer matches the rows stays in the file (``apply`` reports
it as stale); nothing a reviewer decided is dropped. The file is CSV because a
person reads and diffs it; cells are data only, never evaluated and never used
as paths. Every save writes a temporary file, fsyncs it and renames it into
place, so a killed process leaves the previous complete file.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from planharvest.errors import OptionFileError
from planharvest.files import atomic_path, neutralise
from planharvest.optionfiles import csv_rows, read_option_file
from planharvest.review.decisions import Decision, DecisionsFileError, validation_summary

#: Columns of the decisions file, in order.
DECISION_COLUMNS = ("scope", "record_id", "field", "raw_value", "decision", "value", "reviewer",
                    "decided_at", "tool_version")


def _escape(text: str) -> str:
    """Inert in a spreadsheet and reversible: a leading ``'`` is doubled, formulas get one."""
    return f"'{text}" if text.startswith("'") else neutralise(text)


def _unescape(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def load_decisions(path: Path) -> list[Decision]:
    """The decisions in ``path``, one per key (a later line replaces an earlier one).

    A missing file holds no decisions. The file may have been saved by Excel
    (``optionfiles``: Windows-1252, UTF-16); a line that is not a valid decision,
    or a file that is not a decisions file, raises ``DecisionsFileError`` naming
    the file and the line.
    """
    path = Path(path)
    if not path.exists():
        return []
    try:
        source = read_option_file(path, "--decisions")
        if not source.text.strip():
            return []
        decisions: dict[tuple[str, str, str], Decision] = {}
        for line, cells in csv_rows(source, DECISION_COLUMNS, "a decisions file",
                                    "--decisions", whole_lines=True):
            decision = _decision(path, line, {name: _unescape(cell)
                                              for name, cell in cells.items()})
            decisions.pop(decision.key, None)
            decisions[decision.key] = decision
    except DecisionsFileError:
        raise
    except OptionFileError as error:
        raise DecisionsFileError(str(error), error.option) from None
    return list(decisions.values())


def _decision(path: Path, line: int, record: dict[str, str]) -> Decision:
    try:
        return Decision(**{name: record[name] for name in DECISION_COLUMNS} | {
            "scope": record["scope"].strip().lower(),
            "decision": record["decision"].strip().lower(),
            "field": record["field"].strip(),
            "record_id": record["record_id"].strip(),
        })
    except ValidationError as error:
        raise DecisionsFileError(f"{path}, line {line}: {validation_summary(error)}",
                                 "--decisions") from None


def decisions_csv(decisions: Iterable[Decision]) -> str:
    """The file's text: a header, then one line per decision."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    for decision in decisions:
        writer.writerow([_escape(str(getattr(decision, name))) for name in DECISION_COLUMNS])
    return buffer.getvalue()


def save_decisions(path: Path, decisions: Sequence[Decision]) -> None:
    """Write the whole file atomically: temporary file, fsync, rename, fsync the folder."""
    path = Path(path)
    text = decisions_csv(decisions)
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8",
                                                        newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); other systems have no folder handles."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def add_decisions(path: Path, new: Iterable[Decision]) -> list[Decision]:
    """Load, let each new decision replace any with its key, save; returns the file's decisions."""
    by_key = {decision.key: decision for decision in load_decisions(path)}
    for decision in new:
        by_key.pop(decision.key, None)
        by_key[decision.key] = decision
    merged = list(by_key.values())
    save_decisions(path, merged)
    return merged


def add_decision(path: Path, decision: Decision) -> list[Decision]:
    """Record one decision at once (the session saves after every decision)."""
    return add_decisions(path, [decision])
