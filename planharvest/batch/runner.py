"""A batch of documents run end to end: hashed, answered from the cache or sent to the
workers, and handed back in input order.

The pieces (``cache``, ``pool``, ``cluster``) are each in their own module, so
they can be read and tested on their own; :func:`run_jobs` wires them
together around ``job.process_document``.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from planharvest.batch.cache import ResultCache
from planharvest.batch.pool import InOrder, largest_first, run_tasks
from planharvest.extract.formats import worth_reading
from planharvest.job import (
    DUPLICATE_OF,
    DocumentJob,
    DocumentResult,
    process_document,
    process_documents,
    sha256_of,
)
from planharvest.model import DocumentRecord

#: The SHA-256 of no bytes: empty files fail each on its own, they are not copies.
_EMPTY = hashlib.sha256(b"").hexdigest()
#: Names of the files LibreOffice reads, sent to a worker together (one ``soffice`` call).
_LEGACY_SUFFIXES = frozenset({".doc", ".odt", ".rtf"})
#: The most legacy files in one task: a worker's share of them, up to this many.
_LEGACY_BATCH = 25


def run_jobs(jobs: list[DocumentJob], workers: int, executor: Executor | None = None,
             cache: ResultCache | None = None,
             on_complete: Callable[[DocumentResult], None] | None = None,
             ) -> Iterator[DocumentResult]:
    """Results in job order whatever the number of workers or the executor.

    Each document is hashed once, here, just before a worker would need it; one
    the cache knows is answered from it, and one whose bytes an earlier input
    (in job order: identical files have one size, and the largest-first order
    is stable) already holds is listed as its copy, so its rows, and their
    ``record_id``s, are not written twice. The rest go to the workers one
    document per task, largest file first -- but legacy files (``.doc``, ``.odt``,
    ``.rtf``) a worker's share at a time, so it starts LibreOffice once for them
    (``job.process_documents``) -- and ``on_complete`` hears of every
    result as soon as it is known (completion order), so progress is live while
    the results are handed back in job order. A worker that dies fails only the
    task that killed it (see ``pool.run_tasks``): one document, or one worker's legacy files.
    """
    in_order: InOrder[DocumentResult] = InOrder()
    keys: dict[int, tuple[DocumentJob, str | None]] = {}
    originals: dict[str, str] = {}  # sha256 -> the first input holding those bytes

    def finished(index: int, result: DocumentResult) -> None:
        in_order.add(index, result)
        if on_complete is not None:
            on_complete(result)

    def collect(indexes: tuple[int, ...], future: Future[list[DocumentResult]]) -> None:
        try:
            results = future.result()
        except BrokenProcessPool:
            results = [_failed(keys[index][0], "the process converting this file was killed or "
                               "crashed (out of memory, or a crash inside a reader library)")
                       for index in indexes]
        except Exception as error:  # noqa: BLE001 - e.g. a Dask worker lost (KilledWorker)
            # process_document never raises, so this is the worker's end, not the document's
            # fault; under --debug its traceback says which.
            message = f"the worker converting this file stopped: {type(error).__name__}: {error}"
            if any(keys[index][0].debug for index in indexes):
                message += "\n" + "".join(traceback.format_exception(error))
            results = [_failed(keys[index][0], message) for index in indexes]
        for index, result in zip(indexes, results, strict=True):
            job, key = keys.pop(index)
            if cache is not None and key is not None:
                cache.put(key, result.record, result.actions)
            finished(index, result)

    def answer_here(job: DocumentJob) -> tuple[DocumentJob, str | None, DocumentResult | None]:
        """The job with its document's hash, its cache key, and its result when no worker
        is needed."""
        if not worth_reading(Path(job.path)):
            return job, None, process_document(job)  # listed as skipped without being read
        try:
            job = replace(job, sha256=job.sha256 or sha256_of(Path(job.path)))
        except OSError as error:
            return job, None, DocumentResult(DocumentRecord(
                path=job.relative, status="failed",
                error=f"cannot read the file: {error.strerror or error}"))
        original = originals.setdefault(job.sha256, job.relative)
        if original != job.relative and job.sha256 != _EMPTY:  # one conversion, one set of rows
            return job, None, DocumentResult(DocumentRecord(
                path=job.relative, sha256=job.sha256, status="skipped",
                error=f"{DUPLICATE_OF}{original}: its rows are listed once, under that path"))
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

    tasks = _batched(needing_work(), _legacy_share(jobs, workers))
    for indexes, future in run_tasks(process_documents, tasks, workers, executor):
        collect(indexes, future)
        yield from in_order.release()
    yield from in_order.release()
    yield from in_order.release()


def _failed(job: DocumentJob, error: str) -> DocumentResult:
    return DocumentResult(DocumentRecord(path=job.relative, sha256=job.sha256, status="failed",
                                         error=error))


def _is_legacy(job: DocumentJob) -> bool:
    return Path(job.path).suffix.lower() in _LEGACY_SUFFIXES


def _legacy_share(jobs: list[DocumentJob], workers: int) -> int:
    """How many legacy files go to a worker in one task: an even share, so each worker
    starts LibreOffice once, and no more than ``_LEGACY_BATCH``."""
    legacy = sum(1 for job in jobs if _is_legacy(job))
    return max(1, min(_LEGACY_BATCH, -(-legacy // max(workers, 1))))


def _batched(work: Iterator[tuple[int, DocumentJob]], share: int
             ) -> Iterator[tuple[tuple[int, ...], tuple[DocumentJob, ...]]]:
    """Tasks of ``(indexes, jobs)``: every document alone, except legacy files, which are
    held back and sent ``share`` at a time (the last batch as soon as the work runs out)."""
    held: list[tuple[int, DocumentJob]] = []
    for index, job in work:
        if not _is_legacy(job):
            yield (index,), (job,)
            continue
        held.append((index, job))
        if len(held) == share:
            yield tuple(i for i, _ in held), tuple(j for _, j in held)
            held = []
    if held:
        yield tuple(i for i, _ in held), tuple(j for _, j in held)
