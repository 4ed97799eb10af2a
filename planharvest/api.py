"""planharvest in Python: ``convert`` documents into a :class:`Dataset`, or ``read_dataset``.

The model is pandas' ``read_*`` and pdfplumber's ``open``: two functions, one
result. ``planharvest.convert(inputs, out=None, ...)`` runs the same pipeline
as the command (files are written only when ``out`` is given; no progress bar
unless asked); ``planharvest.read_dataset(folder)`` loads a finished dataset
folder. Both give the same :class:`Dataset`: ``.actions``, ``.documents`` and
``.review`` as pandas DataFrames with the model's types -- lists as Python
lists, integers as nullable ``Int64``, booleans as nullable ``boolean``, dates
as ``datetime64`` (missing: ``NaT``), text as strings, a missing enum value
(``rag``, ``recurrence``...) as missing -- and ``.summary``, the counts the
command prints.

``read_dataset`` reads ``actions.parquet`` where it exists, else
``actions.csv``; CSV files are read with the types ``datapackage.json`` gives
each column (list fields split on their delimiter, the spreadsheet formula
guard undone), so a dataset written as CSV alone loads as it was written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planharvest.errors import PlanharvestError
from planharvest.export import staging, writers
from planharvest.export.review_rows import DECISIONS_FORMAT
from planharvest.files import allow_long_csv_cells, unneutralise
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.pipeline import RunOptions
from planharvest.pipeline import convert as run
from planharvest.settings import Settings

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from planharvest.job import DocumentResult


class DatasetError(PlanharvestError):
    """A folder that cannot be read as a dataset; the message names the file and why."""


@dataclass(frozen=True)
class Summary:
    """What a run found: the documents (not counting the decisions file's line of
    ``documents.csv``) by status, their pages, the actions and those flagged."""

    documents: int
    ok: int
    failed: int
    skipped: int
    pages: int
    actions: int
    flagged: int


@dataclass(frozen=True)
class Dataset:
    """A finished dataset: the rows of ``actions.*``, ``documents.csv`` and ``review.csv``."""

    actions: pd.DataFrame
    documents: pd.DataFrame
    review: pd.DataFrame

    @property
    def summary(self) -> Summary:
        documents = self.documents[self.documents["format"] != DECISIONS_FORMAT]
        statuses = documents["status"].value_counts()
        return Summary(
            documents=len(documents), ok=int(statuses.get("ok", 0)),
            failed=int(statuses.get("failed", 0)), skipped=int(statuses.get("skipped", 0)),
            pages=int(documents["pages"].sum()), actions=len(self.actions),
            flagged=int(self.actions["needs_review"].sum()),
        )


def convert(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
            out: str | os.PathLike[str] | None = None, *,
            formats: Iterable[str] = writers.DEFAULT_FORMATS, workers: int = 1,
            owners: str | os.PathLike[str] | None = None,
            indicators: str | os.PathLike[str] | None = None,
            decisions: str | os.PathLike[str] | None = None,
            settings: Settings | None = None, use_cache: bool = True,
            scheduler: str | None = None, progress: bool = False,
            follow_links: bool = False, word_pictures: bool = False) -> Dataset:
    """Convert files and folders (walked recursively) into a :class:`Dataset`.

    ``out``: the folder to write the dataset into, as ``planharvest convert
    --out`` does (with its cache); without it nothing is written. The other
    options are the command's: ``formats`` (any of ``csv``, ``parquet``,
    ``json``, ``xlsx``), ``workers`` (processes), ``owners`` / ``indicators``
    (CSV files extending the built-in lists), ``decisions`` (a reviewer's
    decisions to apply), ``settings`` (every tunable, ``planharvest.settings``),
    ``use_cache`` (False: re-read every document), ``scheduler`` (a Dask
    scheduler's address). ``progress`` draws a progress bar on stderr. ``follow_links``
    reads links to files outside the input folders (skipped by default); ``word_pictures``
    pictures the flagged rows of Word files in ``report.html`` through LibreOffice.

    A document that fails is a row of ``.documents`` with its reason, as in the
    command; a bad option or option file raises a ``PlanharvestError`` (or
    ``ValueError``, ``FileNotFoundError``) naming it.
    """
    paths = [Path(inputs)] if isinstance(inputs, str | os.PathLike) else [Path(p) for p in inputs]
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFoundError(f"{path}: no such file or folder")
    options = RunOptions(
        out_dir=Path(out) if out is not None else None, formats=writers.checked_formats(formats),
        workers=workers,
        settings=settings or Settings(), owners_file=_path(owners),
        indicators_file=_path(indicators), decisions_file=_path(decisions),
        use_cache=use_cache, scheduler=scheduler, follow_links=follow_links,
        word_pictures=word_pictures,
    )
    if not progress:
        summary = run(paths, options)
    else:
        from tqdm import tqdm

        with tqdm(unit="doc", desc="planharvest") as bar:
            summary = run(paths, options, progress=_advance(bar), on_start=_total(bar))
    return Dataset(
        actions=_frame(writers.arrow_table(Action, summary.actions)),
        documents=_frame(writers.arrow_table(DocumentRecord, summary.listed)),
        review=_frame(writers.arrow_table(ReviewItem, summary.review)),
    )


def _path(value: str | os.PathLike[str] | None) -> Path | None:
    return Path(value) if value is not None else None


def _advance(bar: object) -> Callable[[DocumentResult], None]:
    return lambda _result: bar.update()  # type: ignore[attr-defined]


def _total(bar: object) -> Callable[[int], None]:
    def start(documents: int) -> None:
        bar.total = documents  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]

    return start


def read_dataset(folder: str | os.PathLike[str]) -> Dataset:
    """Load a dataset folder written by ``planharvest convert``.

    ``actions`` comes from ``actions.parquet``, or from ``actions.csv`` when
    the run wrote no Parquet; ``documents.csv`` and ``review.csv`` are read with
    the types ``datapackage.json`` gives their columns. A folder that is not a
    dataset raises :class:`DatasetError` naming the missing or unreadable file. A folder
    whose last run was killed while putting its files in place is first finished, as the
    next ``convert`` would finish it, or refused (``DatasetError``) when it cannot be:
    its files are never read mixed from two runs (``export.staging.reading``).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(f"{folder}: not a planharvest dataset (no such folder)")
    try:
        with staging.reading(folder):
            return _read_files(folder)
    except staging.HalfCommitted as error:
        raise DatasetError(str(error)) from error


def _read_files(folder: Path) -> Dataset:
    """The dataset's files, read while no commit renames them."""
    package = folder / "datapackage.json"
    try:
        resources = {resource["name"]: resource
                     for resource in json.loads(package.read_text(encoding="utf-8"))["resources"]}
        fields = {name: resources[name]["schema"]["fields"]
                  for name in ("actions", "documents", "review")}
    except FileNotFoundError as error:
        raise DatasetError(f"{folder}: not a planharvest dataset (no datapackage.json)") from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatasetError(f"{package}: not a planharvest datapackage.json ({error!r})") from error
    if (folder / "actions.parquet").exists():
        import pyarrow.parquet as pq

        try:
            actions = _frame(pq.read_table(folder / "actions.parquet"))
        except (OSError, ValueError) as error:
            raise DatasetError(f"{folder / 'actions.parquet'}: cannot be read ({error})") from error
    else:
        actions = _frame(_csv_table(folder / "actions.csv", fields["actions"]))
    return Dataset(actions=actions,
                   documents=_frame(_csv_table(folder / "documents.csv", fields["documents"])),
                   review=_frame(_csv_table(folder / "review.csv", fields["review"])))


# -- types: one Arrow table per file, one conversion to pandas -----------------------------


def _frame(table: pa.Table) -> pd.DataFrame:
    """``table`` in pandas with the dataset's types (see the module's docstring)."""
    import pandas as pd
    import pyarrow as pa

    nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    frame = table.to_pandas(types_mapper=nullable.get, date_as_object=False)
    for field in table.schema:
        if pa.types.is_list(field.type):  # Arrow hands lists over as numpy arrays
            frame[field.name] = [[] if items is None else list(items)
                                 for items in frame[field.name]]
    return frame


def _cell_reader(field: dict[str, object]) -> Callable[[str], object]:
    """Reads one CSV cell of the datapackage ``field``; an empty cell is missing (None), but
    an empty list and empty text, which the model holds, stay empty."""
    kind = field.get("type")
    if kind == "list":
        delimiter = str(field.get("delimiter", ","))
        return lambda cell: unneutralise(cell).split(delimiter) if cell else []
    if kind == "integer":
        return lambda cell: int(cell) if cell else None
    if kind == "date":
        return lambda cell: dt.date.fromisoformat(cell) if cell else None
    if kind == "boolean":
        true_values = field.get("trueValues", ["true"])
        return lambda cell: (cell in true_values) if cell else None  # type: ignore[operator]
    if field.get("constraints", {}).get("enum"):  # type: ignore[union-attr]
        return lambda cell: unneutralise(cell) or None  # "" is no enum value: missing
    return unneutralise


def _arrow_type(field: dict[str, object]) -> pa.DataType:
    import pyarrow as pa

    types = {"integer": pa.int64(), "date": pa.date32(), "boolean": pa.bool_(),
             "list": pa.list_(pa.string())}
    return types.get(str(field.get("type")), pa.string())


def _csv_table(path: Path, fields: list[dict[str, object]]) -> pa.Table:
    """A CSV file of the dataset as an Arrow table typed by its datapackage ``fields``."""
    import pyarrow as pa

    names = [str(field["name"]) for field in fields]
    readers = [_cell_reader(field) for field in fields]
    values: list[list[object]] = [[] for _ in fields]
    allow_long_csv_cells()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, [])
            if header != names:
                raise DatasetError(f"{path}: its columns are not those datapackage.json lists")
            for line, row in enumerate(rows, start=2):
                if len(row) != len(names):
                    raise DatasetError(f"{path}, line {line}: {len(row)} cells, "
                                       f"not {len(names)}")
                for column, (reader, cell) in enumerate(zip(readers, row, strict=True)):
                    values[column].append(reader(cell))
    except FileNotFoundError as error:
        raise DatasetError(f"{path}: missing from the dataset folder") from error
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DatasetError(f"{path}: cannot be read ({error})") from error
    schema = pa.schema([pa.field(name, _arrow_type(field)) for name, field in zip(
        names, fields, strict=True)])
    return pa.Table.from_arrays([pa.array(column, type=field.type)
                                 for column, field in zip(values, schema, strict=True)],
                                schema=schema)
