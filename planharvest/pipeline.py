"""``convert``: inputs in, a finished dataset folder out.

The wiring of a run: discover the inputs, run the per-document work
(``job.process_document``) through ``batch`` (cache, process pool or Dask),
gather the rows, apply the reviewer's decisions and write every output as one
commit. Everything after the batch sees only rows, never documents. A
document that fails is recorded with a clear message and the run goes on.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from planharvest.batch.cache import ResultCache
from planharvest.batch.cluster import dask_executor
from planharvest.batch.runner import run_jobs
from planharvest.export import datapackage, review_rows, staging, writers
from planharvest.export.report import write_report
from planharvest.job import DocumentJob, DocumentResult
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.normalise.deadlines import read_reviewed_deadline
from planharvest.normalise.owners import propose_owner_names
from planharvest.review import apply as review_apply
from planharvest.review import store as review_store
from planharvest.settings import Settings


@dataclass
class RunOptions:
    out_dir: Path
    formats: tuple[str, ...] = writers.ALL_FORMATS
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
    stale: list[review_rows.StaleDecision] = field(default_factory=list)
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


# -- the run ------------------------------------------------------------------------------


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
    # Read first: a malformed decisions file stops the run before any work
    # (DecisionsFileError).
    decisions = (review_store.load_decisions(options.decisions_file)
                 if options.decisions_file else [])
    discovered = discover(inputs)
    jobs = [
        DocumentJob(
            path=str(path), relative=relative, settings=options.settings,
            owners_file=str(options.owners_file) if options.owners_file else None,
            indicators_file=str(options.indicators_file) if options.indicators_file else None,
            owner_aliases=review_apply.owner_aliases(decisions),
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
    actions, stale = review_apply.apply_decisions(actions, decisions, read_reviewed_deadline)
    sources = {relative: path for path, relative in discovered}
    # documents.csv lists the decisions file too: an input of the run, with its stale count.
    listed = documents + review_rows.decisions_listing(options.decisions_file, len(decisions),
                                                       stale)
    write_outputs(options, listed, actions, stale, sources)
    cache.prune()
    return RunSummary(documents, actions, time.perf_counter() - started, stale,
                      from_cache=cache.hits)


def write_outputs(options: RunOptions, documents: list[DocumentRecord], actions: list[Action],
                  stale: list[review_rows.StaleDecision] | None = None,
                  sources: dict[str, Path] | None = None) -> None:
    """Write every output of the run as one commit (``export.staging``): a run killed at
    any moment leaves the previous run's files or this run's, never a mixture. An
    ``actions`` file of a format not asked for this time is removed with the commit, so
    no file of an older run stays beside this one's."""
    stale = stale or []
    unwritten = [f"actions.{file_format}" for file_format in writers.ALL_FORMATS
                 if file_format not in options.formats]
    with staging.staged(options.out_dir, remove=unwritten) as folder:
        for file_format in options.formats:
            writers.WRITERS[file_format](folder / f"actions.{file_format}", Action, actions)
        writers.write_csv(folder / "review.csv", ReviewItem,
                          review_rows.review_items(actions) + review_rows.stale_review_items(stale))
        writers.write_csv(folder / "documents.csv", DocumentRecord, documents)
        write_report(folder, documents, actions, stale, sources or {},
                     timeout=options.settings.limits.max_seconds_per_document)
        datapackage.write_datapackage(folder)
