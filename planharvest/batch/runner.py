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
from planharvest.job import DUPLICATE_OF, DocumentJob, DocumentResult, process_document, sha256_of
from planharvest.model import DocumentRecord

#: The SHA-256 of no bytes: empty files fail each on its own, they are not copies.
_EMPTY = hashlib.sha256(b"").hexdigest()


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
    document per task, largest file first, and ``on_complete`` hears of every
    result as soon as it is known (completion order), so progress is live while
    the results are handed back in job order. A worker that dies fails only the
    document that killed it (see ``pool.run_tasks``).
    """
    in_order: InOrder[DocumentResult] = InOrder()
    keys: dict[int, tuple[DocumentJob, str | None]] = {}
    originals: dict[str, str] = {}  # sha256 -> the first input holding those bytes

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
            # process_document never raises, so this is the worker's end, not the document's
            # fault; under --debug its traceback says which.
            message = f"the worker converting this file stopped: {type(error).__name__}: {error}"
            if job.debug:
                message += "\n" + "".join(traceback.format_exception(error))
            result = DocumentResult(DocumentRecord(
                path=job.relative, sha256=job.sha256, status="failed", error=message))
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

    for index, future in run_tasks(process_document, needing_work(), workers, executor):
        collect(index, future)
        yield from in_order.release()
    yield from in_order.release()
