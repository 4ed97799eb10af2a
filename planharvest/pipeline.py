"""``convert``: inputs in, a finished dataset folder out.

The per-document work (:func:`process_document`) takes a job of plain values
and returns a result of plain values, so it runs the same inline, in a
process pool or on a Dask cluster. Everything after it (reviewer decisions,
exports) sees only rows, never documents. A document that fails is recorded
with a clear message and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from planharvest.export import datapackage, writers
from planharvest.extract.actions import assemble_actions
from planharvest.extract.detect import CANDIDATE_SUFFIXES, detect_format
from planharvest.extract.grid import DocumentContent
from planharvest.extract.stitch import stitch_tables
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.normalise.actions import Registries, Source, normalise_actions
from planharvest.normalise.deadlines import parse_deadline
from planharvest.review import decisions as review_decisions
from planharvest.review.report import write_report
from planharvest.settings import Settings

ALL_FORMATS = ("csv", "parquet", "json")


class InputError(ValueError):
    """A document could not be read; the message says which file and why."""


@dataclass(frozen=True)
class DocumentJob:
    """One document to convert: everything a worker needs, as plain values."""

    path: str  # absolute path
    relative: str  # path relative to the input folder it was found in
    settings: Settings
    owners_file: str | None = None
    indicators_file: str | None = None
    owner_aliases: tuple[tuple[str, str], ...] = ()
    debug: bool = False


@dataclass
class DocumentResult:
    record: DocumentRecord
    actions: list[Action] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class RunOptions:
    out_dir: Path
    formats: tuple[str, ...] = ALL_FORMATS
    workers: int = 1
    settings: Settings = field(default_factory=Settings)
    owners_file: Path | None = None
    indicators_file: Path | None = None
    decisions_file: Path | None = None
    debug: bool = False


@dataclass
class RunSummary:
    documents: list[DocumentRecord]
    actions: list[Action]
    seconds: float
    stale: list[review_decisions.Decision] = field(default_factory=list)

    @property
    def failed(self) -> list[DocumentRecord]:
        return [doc for doc in self.documents if doc.status == "failed"]

    @property
    def flagged(self) -> int:
        return sum(action.needs_review for action in self.actions)


# -- discovering inputs -----------------------------------------------------------


def discover(inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """(absolute path, path relative to its input folder) for every file, sorted.

    Folders are walked recursively without following symbolic links, so a
    link loop cannot trap the walk. A file given directly is relative to its
    own folder.
    """
    found: list[tuple[Path, str]] = []
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            for folder, dirs, files in os.walk(given, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    path = Path(folder) / name
                    found.append((path.resolve(), path.relative_to(given).as_posix()))
        else:
            found.append((given.resolve(), given.name))
    seen: set[Path] = set()
    unique = []
    for path, relative in found:
        if path not in seen:
            seen.add(path)
            unique.append((path, relative))
    return unique


# -- one document -------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_content(path: Path, file_format: str, settings: Settings) -> DocumentContent:
    """Dispatch to the reader for ``file_format``; readers raise ValueError subclasses."""
    if file_format == "pdf":
        from planharvest.extract.pdf import read_pdf

        return read_pdf(path)
    if file_format == "docx":
        from planharvest.extract.docx import read_docx

        return read_docx(path, settings)
    raise InputError(f"{file_format} files are not supported yet")


_REGISTRIES: dict[tuple, Registries] = {}


def _registries(job: DocumentJob) -> Registries:
    """Registries are loaded once per worker process and reused for every document."""
    key = (job.owners_file, job.indicators_file, job.owner_aliases)
    if key not in _REGISTRIES:
        _REGISTRIES[key] = Registries.load(
            Path(job.owners_file) if job.owners_file else None,
            Path(job.indicators_file) if job.indicators_file else None,
            job.owner_aliases,
        )
    return _REGISTRIES[key]


def process_document(job: DocumentJob) -> DocumentResult:
    """Convert one document. Never raises: a failure is a ``failed`` record with the reason."""
    started = time.perf_counter()
    path = Path(job.path)
    record = DocumentRecord(path=job.relative)
    try:
        if path.suffix.lower() not in CANDIDATE_SUFFIXES:
            suffix = path.suffix or "no extension"
            record.status, record.error = "skipped", f"not a supported file type ({suffix})"
            return DocumentResult(record)
        record.sha256 = sha256_of(path)
        file_format = detect_format(path)
        if file_format is None:
            raise InputError("the file's bytes are not PDF, Word, OpenDocument or RTF")
        record.format = file_format
        content = read_content(path, file_format, job.settings)
        record.pages = content.pages
        record.tables_found = len(content.tables)
        blocks = stitch_tables(content.blocks)
        title, raws = assemble_actions(
            DocumentContent(blocks=blocks, title=content.title, pages=content.pages,
                            ocr_pages=content.ocr_pages), job.settings
        )
        source = Source(job.relative, record.sha256, file_format, frozenset(content.ocr_pages))
        actions = normalise_actions(title, raws, source, _registries(job), job.settings)
        record.actions_found = len(actions)
        if not actions:
            record.error = (f"no action tables found ({record.tables_found} tables); "
                            "see `planharvest tables` for what was read")
        return DocumentResult(record, actions, time.perf_counter() - started)
    except ValueError as error:  # readers' own errors carry a clear message
        record.status, record.error = "failed", str(error)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
        record.status = "failed"
        record.error = f"internal error while reading this file: {type(error).__name__}: {error}"
        if job.debug:
            record.error += "\n" + traceback.format_exc()
    return DocumentResult(record, [], time.perf_counter() - started)


# -- the batch ------------------------------------------------------------------------


def run_jobs(jobs: list[DocumentJob], workers: int,
             executor: Executor | None = None) -> Iterator[DocumentResult]:
    """Results in job order whatever the number of workers."""
    if executor is not None:
        yield from executor.map(process_document, jobs)
    elif workers <= 1 or len(jobs) <= 1:
        yield from map(process_document, jobs)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(process_document, jobs, chunksize=1)


def convert(inputs: list[Path], options: RunOptions,
            progress: Callable[[DocumentResult], None] | None = None,
            executor: Executor | None = None) -> RunSummary:
    """Convert every input and write the dataset into ``options.out_dir``."""
    started = time.perf_counter()
    # Read first: a malformed decisions file stops the run before any work (ValueError).
    decisions = (review_decisions.load_decisions(options.decisions_file)
                 if options.decisions_file else [])
    discovered = discover(inputs)
    jobs = [
        DocumentJob(
            path=str(path), relative=relative, settings=options.settings,
            owners_file=str(options.owners_file) if options.owners_file else None,
            indicators_file=str(options.indicators_file) if options.indicators_file else None,
            owner_aliases=review_decisions.owner_aliases(decisions),
            debug=options.debug,
        )
        for path, relative in discovered
    ]
    documents: list[DocumentRecord] = []
    actions: list[Action] = []
    for result in run_jobs(jobs, options.workers, executor):
        documents.append(result.record)
        actions.extend(result.actions)
        if progress is not None:
            progress(result)
    actions, stale = review_decisions.apply_decisions(actions, decisions, parse_deadline)
    sources = {relative: path for path, relative in discovered}
    write_outputs(options, documents, actions, stale, sources)
    return RunSummary(documents, actions, time.perf_counter() - started, stale)


def write_outputs(options: RunOptions, documents: list[DocumentRecord], actions: list[Action],
                  stale: list[review_decisions.Decision] | None = None,
                  sources: dict[str, Path] | None = None) -> None:
    out = options.out_dir
    out.mkdir(parents=True, exist_ok=True)
    for file_format in options.formats:
        writers.WRITERS[file_format](out / f"actions.{file_format}", Action, actions)
    stale = stale or []
    writers.write_csv(out / "review.csv", ReviewItem, review_decisions.review_items(actions)
                      + review_decisions.stale_review_items(stale))
    writers.write_csv(out / "documents.csv", DocumentRecord, documents)
    write_report(out, documents, actions, stale, sources or {})
    datapackage.write_datapackage(out)
