"""``convert``: inputs in, a finished dataset folder out.

The per-document work (:func:`process_document`) takes a job of plain values
and returns a result of plain values, so it runs the same inline, in a
process pool or on a Dask cluster. Everything after it (reviewer decisions,
exports) sees only rows, never documents. A document that fails is recorded
with a clear message and the batch goes on.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from planharvest.batch import InOrder, ResultCache, dask_executor, largest_first, run_tasks
from planharvest.errors import PlanharvestError
from planharvest.export import datapackage, staging, writers
from planharvest.extract.actions import assemble_actions
from planharvest.extract.detect import CANDIDATE_SUFFIXES, detect_format
from planharvest.extract.grid import DocumentContent
from planharvest.extract.stitch import stitch_tables
from planharvest.limits import TimeLimitExceeded, check_time, time_limit
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.normalise.actions import Registries, Source, normalise_actions
from planharvest.normalise.deadlines import parse_deadline
from planharvest.normalise.owners import propose_owner_names
from planharvest.review import decisions as review_decisions
from planharvest.review.report import write_report
from planharvest.settings import Settings

ALL_FORMATS = ("csv", "parquet", "json")


class InputError(PlanharvestError):
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
    sha256: str = ""  # the document's hash when the caller has computed it already


@dataclass
class DocumentResult:
    record: DocumentRecord
    actions: list[Action] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False  # answered from the result cache: the document was not read


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
    #: answer unchanged documents from ``out_dir/.planharvest-cache`` (False: re-read all).
    use_cache: bool = True
    #: ``tcp://HOST:PORT`` of a Dask scheduler to run the per-document work on.
    scheduler: str | None = None


@dataclass
class RunSummary:
    documents: list[DocumentRecord]
    actions: list[Action]
    seconds: float
    stale: list[review_decisions.Decision] = field(default_factory=list)
    from_cache: int = 0  # documents answered from the cache, not read

    @property
    def pages(self) -> int:
        return sum(doc.pages or 0 for doc in self.documents)

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
    link loop cannot trap the walk; a link that loops (or dangles) is kept
    unresolved, for the reader to report. A file given directly is relative to
    its own folder. Relative paths are text every output can hold
    (:func:`printable_name`).
    """
    found: list[tuple[Path, str]] = []
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            for folder, dirs, files in os.walk(given, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    path = Path(folder) / name
                    found.append((_resolved(path), printable_name(path.relative_to(given)
                                                                  .as_posix())))
        else:
            found.append((_resolved(given), printable_name(given.name)))
    seen: set[Path] = set()
    unique = []
    for path, relative in found:
        if path not in seen:
            seen.add(path)
            unique.append((path, relative))
    return unique


def _resolved(path: Path) -> Path:
    """``path`` with its links followed; a link loop (RuntimeError before Python 3.13,
    OSError after) leaves it as it is, absolute."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def printable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 name from an old share,
    which Python keeps as lone surrogates no writer can encode) become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


# -- one document -------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    """The file's SHA-256; an OSError saying why when it is not a regular file."""
    digest = hashlib.sha256()
    with open_regular_file(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def open_regular_file(path: Path) -> os.FileIO:
    """``path`` opened for reading when it is a regular file (after links); otherwise an
    OSError whose ``strerror`` says what it is. A named pipe would block ``open`` until a
    writer came and a device such as /dev/zero never ends, so the kind is checked on the
    opened descriptor (no race), opened without blocking."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "it is a symbolic link loop: the link never reaches "
                                       "a file") from error
        raise
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file; only regular files "
                                    "are read")
    return os.fdopen(descriptor, "rb", buffering=0)


def read_content(path: Path, file_format: str, settings: Settings) -> DocumentContent:
    """Dispatch to the reader for ``file_format``; readers raise ``PlanharvestError``s."""
    from planharvest.extract.document import read_document

    return read_document(path, file_format, settings)


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
    """Convert one document. Never raises: a failure is a ``failed`` record with the reason.

    The reading and normalising run under ``LimitSettings.max_seconds_per_document``; the
    worker's one-time set-up (reference registries) does not count against it.
    """
    started = time.perf_counter()
    path = Path(job.path)
    record = DocumentRecord(path=job.relative)
    try:
        if path.suffix.lower() not in CANDIDATE_SUFFIXES:
            suffix = path.suffix or "no extension"
            record.status, record.error = "skipped", f"not a supported file type ({suffix})"
            return DocumentResult(record)
        registries = _registries(job)
        import planharvest.extract.document  # noqa: F401 - the readers' imports: set-up too
        with time_limit(job.settings.limits.max_seconds_per_document):
            record.sha256 = job.sha256 or sha256_of(path)
            actions = _convert(path, job, record, registries)
        return DocumentResult(record, actions, time.perf_counter() - started)
    except TimeLimitExceeded:
        record.status = "failed"
        seconds = job.settings.limits.max_seconds_per_document
        record.error = (f"took longer than the limit of {seconds:g} "
                        "s and was abandoned (max_seconds_per_document; --max-seconds)")
    except OSError as error:
        record.status, record.error = "failed", f"cannot read the file: {error.strerror or error}"
    except PlanharvestError as error:  # expected failures carry a clear message
        record.status, record.error = "failed", str(error)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
        record.status = "failed"
        record.error = f"internal error while reading this file: {type(error).__name__}: {error}"
        if job.debug:
            record.error += "\n" + traceback.format_exc()
    return DocumentResult(record, [], time.perf_counter() - started)


def _convert(path: Path, job: DocumentJob, record: DocumentRecord,
             registries: Registries) -> list[Action]:
    """Read, stitch, assemble and normalise one document, filling in ``record``."""
    if path.stat().st_size == 0:
        raise InputError("the file is empty (0 bytes): nothing to read")
    file_format = detect_format(path)
    if file_format is None:
        raise InputError("the file's bytes are not PDF, Word, OpenDocument or RTF")
    record.format = file_format
    content = read_content(path, file_format, job.settings)
    record.pages = content.pages
    record.tables_found = len(content.tables)
    check_time()  # between stages: the time limit where no alarm can reach (a thread)
    blocks = stitch_tables(content.blocks)
    title, raws = assemble_actions(
        DocumentContent(blocks=blocks, title=content.title, pages=content.pages,
                        ocr_pages=content.ocr_pages), job.settings
    )
    check_time()
    source = Source(job.relative, record.sha256, file_format, frozenset(content.ocr_pages))
    actions = normalise_actions(title, raws, source, registries, job.settings)
    record.actions_found = len(actions)
    # What a reader could not read (a scanned page without OCR, say) is said here, where the
    # user looks, even when the rest of the file converted.
    messages = list(content.warnings)
    if not actions:
        messages.append(f"no action tables found ({record.tables_found} tables); "
                        "see `planharvest tables` for what was read")
    record.error = "; ".join(messages)
    return actions


# -- the batch ------------------------------------------------------------------------


def run_jobs(jobs: list[DocumentJob], workers: int, executor: Executor | None = None,
             cache: ResultCache | None = None,
             on_complete: Callable[[DocumentResult], None] | None = None,
             ) -> Iterator[DocumentResult]:
    """Results in job order whatever the number of workers or the executor.

    Each document is hashed once, here, just before a worker would need it; one
    the cache knows is answered from it. The rest go to the workers one
    document per task, largest file first, and ``on_complete`` hears of every
    result as soon as it is known (completion order), so progress is live while
    the results are handed back in job order. A worker that dies fails only the
    document that killed it (see ``batch.run_tasks``).
    """
    in_order: InOrder[DocumentResult] = InOrder()
    keys: dict[int, tuple[DocumentJob, str | None]] = {}

    def finished(index: int, result: DocumentResult) -> None:
        in_order.add(index, result)
        if on_complete is not None:
            on_complete(result)

    def collect(index: int, future: Future[DocumentResult]) -> None:
        job, key = keys.pop(index)
        try:
            result = future.result()
        except BrokenProcessPool:
            result = DocumentResult(DocumentRecord(
                path=job.relative, sha256=job.sha256, status="failed",
                error="the process converting this file was killed or crashed (out of memory, "
                      "or a crash inside a reader library)"))
        except Exception as error:  # noqa: BLE001 - e.g. a Dask worker lost (KilledWorker)
            result = DocumentResult(DocumentRecord(
                path=job.relative, sha256=job.sha256, status="failed",
                error=f"the worker converting this file stopped: {type(error).__name__}: {error}",
            ))
        if cache is not None and key is not None:
            cache.put(key, result.record, result.actions)
        finished(index, result)

    def answer_here(job: DocumentJob) -> tuple[DocumentJob, str | None, DocumentResult | None]:
        """The job with its document's hash, its cache key, and its result when no worker
        is needed."""
        if Path(job.path).suffix.lower() not in CANDIDATE_SUFFIXES:
            return job, None, process_document(job)  # listed as skipped without being opened
        try:
            job = replace(job, sha256=sha256_of(Path(job.path)))
        except OSError as error:
            return job, None, DocumentResult(DocumentRecord(
                path=job.relative, status="failed",
                error=f"cannot read the file: {error.strerror or error}"))
        if cache is None:
            return job, None, None
        key = cache.key(job)
        hit = cache.get(key, job.relative) if key else None
        if hit is None:
            return job, key, None
        return job, key, DocumentResult(hit.record, hit.actions, cached=True)

    def needing_work() -> Iterator[tuple[int, DocumentJob]]:
        for index in largest_first([job.path for job in jobs]):
            job, key, result = answer_here(jobs[index])
            if result is not None:
                finished(index, result)
            else:
                keys[index] = job, key
                yield index, job

    for index, future in run_tasks(process_document, needing_work(), workers, executor):
        collect(index, future)
        yield from in_order.release()
    yield from in_order.release()


def convert(inputs: list[Path], options: RunOptions,
            progress: Callable[[DocumentResult], None] | None = None,
            executor: Executor | None = None,
            on_start: Callable[[int], None] | None = None) -> RunSummary:
    """Convert every input and write the dataset into ``options.out_dir``.

    ``on_start`` is told how many documents were found; ``progress`` then hears
    of each one as it finishes (in completion order). The work runs on
    ``executor`` when given, else on the Dask scheduler of
    ``options.scheduler``, else in ``options.workers`` processes. Unchanged
    documents are answered from the output folder's cache unless
    ``options.use_cache`` is False.
    """
    started = time.perf_counter()
    staging.recover(options.out_dir)  # finish (or drop) the commit of a run killed earlier
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
    if on_start is not None:
        on_start(len(jobs))
    cache = ResultCache(options.out_dir, read=options.use_cache)
    documents: list[DocumentRecord] = []
    actions: list[Action] = []
    with contextlib.ExitStack() as stack:
        if executor is None and options.scheduler:
            executor = stack.enter_context(dask_executor(options.scheduler))
        for result in run_jobs(jobs, options.workers, executor, cache, progress):
            documents.append(result.record)
            actions.extend(result.actions)
    actions = propose_owner_names(actions)  # the one normalising step that needs the batch
    actions, stale = review_decisions.apply_decisions(actions, decisions, parse_deadline)
    sources = {relative: path for path, relative in discovered}
    # documents.csv lists the decisions file too: an input of the run, with its stale count.
    listed = documents + review_decisions.decisions_listing(options.decisions_file, decisions,
                                                            stale)
    write_outputs(options, listed, actions, stale, sources)
    cache.prune()
    return RunSummary(documents, actions, time.perf_counter() - started, stale,
                      from_cache=cache.hits)


def write_outputs(options: RunOptions, documents: list[DocumentRecord], actions: list[Action],
                  stale: list[review_decisions.Decision] | None = None,
                  sources: dict[str, Path] | None = None) -> None:
    """Write every output of the run as one commit (``export.staging``): a run killed at
    any moment leaves the previous run's files or this run's, never a mixture. An
    ``actions`` file of a format not asked for this time is removed with the commit, so
    no file of an older run stays beside this one's."""
    stale = stale or []
    unwritten = [f"actions.{file_format}" for file_format in ALL_FORMATS
                 if file_format not in options.formats]
    with staging.staged(options.out_dir, remove=unwritten) as folder:
        for file_format in options.formats:
            writers.WRITERS[file_format](folder / f"actions.{file_format}", Action, actions)
        writers.write_csv(folder / "review.csv", ReviewItem,
                          review_decisions.review_items(actions)
                          + review_decisions.stale_review_items(stale))
        writers.write_csv(folder / "documents.csv", DocumentRecord, documents)
        write_report(folder, documents, actions, stale, sources or {})
        datapackage.write_datapackage(folder)
