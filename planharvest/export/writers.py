"""Rows to files: CSV, Parquet, JSON (and the Excel workbook), each written atomically.

CSV as a spreadsheet reads it safely: lists joined with ``"; "``, ISO dates,
``true``/``false``, empty for missing, and every text cell that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return, per OWASP's CSV-injection advice) prefixed with ``'``.
Parquet and JSON keep true values: real lists, nulls, typed dates. Every file
is written atomically (``files.atomic_path``). ``WRITERS`` lists the formats
``actions`` can be written in, ``actions.xlsx`` (``export.workbook``) among them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from planharvest.files import atomic_path, neutralise, write_text
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.schema import Column, columns

if TYPE_CHECKING:
    import pyarrow as pa

#: How CSV (and the workbook) join a list's items.
LIST_DELIMITER = "; "


def csv_cell(column: Column, value: object) -> str:
    if value is None:
        return ""
    if column.kind == "list":
        return neutralise(LIST_DELIMITER.join(str(item) for item in value))
    if column.kind == "boolean":
        return "true" if value else "false"
    if column.kind == "date":
        return value.isoformat()
    if column.kind == "integer":
        return str(value)
    return neutralise(str(value))


def write_csv(path: Path, model: type[BaseModel], rows: Sequence[BaseModel]) -> None:
    """One CSV row per model instance; UTF-8 with a BOM so Excel reads accents right."""
    specs = columns(model)
    with atomic_path(path) as temporary, temporary.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow([spec.name for spec in specs])
        for row in rows:
            writer.writerow([csv_cell(spec, getattr(row, spec.name)) for spec in specs])


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    # pyarrow is imported where it is used, not with this module: it is ~80 MB of every
    # process that imports it, and the per-document workers (which import this module for
    # atomic_path) never write Parquet.
    import pyarrow as pa

    arrow_types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32(),
                   "boolean": pa.bool_(), "list": pa.list_(pa.string())}
    return pa.schema(
        [
            pa.field(spec.name, arrow_types[spec.kind], nullable=True,
                     metadata={"description": spec.description})
            for spec in columns(model)
        ]
    )


def arrow_table(model: type[BaseModel], rows: Sequence[BaseModel]) -> pa.Table:
    """The rows as an Arrow table of ``model``'s columns and types.

    Arrow's JSON reader reads them from JSON lines (dates as text, then cast): building the
    arrays from Python values (``pa.array``) asks whether they are pandas objects, which
    imports pandas -- about half a CPU second of every run that writes Parquet."""
    import pyarrow as pa  # see arrow_schema
    import pyarrow.json as arrow_json

    schema = arrow_schema(model)
    if not rows:
        return schema.empty_table()
    as_text = pa.schema([field.with_type(pa.string()) if field.type == pa.date32() else field
                         for field in schema])
    lines = "\n".join(json.dumps(record, ensure_ascii=False)
                      for record in json_records(model, rows))
    table = arrow_json.read_json(io.BytesIO(lines.encode()),
                                 parse_options=arrow_json.ParseOptions(explicit_schema=as_text))
    return table.cast(schema).combine_chunks()


def write_parquet(path: Path, model: type[BaseModel], rows: Sequence[BaseModel]) -> None:
    import pyarrow.parquet as pq  # see arrow_schema

    table = arrow_table(model, rows)
    with atomic_path(path) as temporary:
        pq.write_table(table, temporary)


def json_records(model: type[BaseModel], rows: Sequence[BaseModel]) -> list[dict[str, object]]:
    names = [spec.name for spec in columns(model)]
    return [row.model_dump(mode="json", include=set(names)) for row in rows]


def write_json(path: Path, model: type[BaseModel], rows: Sequence[BaseModel]) -> None:
    records = json_records(model, rows)
    names = [spec.name for spec in columns(model)]  # once: reading the model is not free
    ordered = [{name: record[name] for name in names} for record in records]
    write_text(path, json.dumps(ordered, ensure_ascii=False, indent=1, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


@dataclass(frozen=True)
class Tables:
    """A run's rows: those of ``actions.*``, ``review.csv`` and ``documents.csv``."""

    actions: Sequence[Action]
    review: Sequence[ReviewItem]
    documents: Sequence[DocumentRecord]


Writer = Callable[[Path, Tables], None]


def _actions_in(write: Callable[[Path, type[BaseModel], Sequence[BaseModel]], None]) -> Writer:
    """A writer of the ``actions`` rows alone."""
    return lambda path, tables: write(path, Action, tables.actions)


def write_xlsx(path: Path, tables: Tables) -> None:
    # Imported here: the workbook module is only needed when xlsx is asked for.
    from planharvest.export.workbook import write_workbook

    write_workbook(path, tables.actions, tables.review, tables.documents)


#: The output formats of ``actions``, the one list of them: ``--format`` offers these, and
#: ``DIR/actions.<format>`` is written by its writer.
WRITERS: dict[str, Writer] = {"csv": _actions_in(write_csv), "parquet": _actions_in(write_parquet),
                              "json": _actions_in(write_json), "xlsx": write_xlsx}
ALL_FORMATS = tuple(WRITERS)
#: Written when no ``--format`` is given.
DEFAULT_FORMATS = ("csv", "parquet", "json")


def checked_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """``formats`` as given (``--format csv,xlsx``'s parts); ValueError naming the choices
    when one is unknown or none is given."""
    given = list(formats)
    chosen = tuple(name.strip().lower() for name in given if name.strip())
    if not chosen or any(name not in WRITERS for name in chosen):
        raise ValueError(f"choose from {', '.join(ALL_FORMATS)} (got {','.join(given)!r})")
    return chosen
