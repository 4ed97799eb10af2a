"""The machinery of a large ``convert``: result cache, in-order results, executors, progress.

``pipeline.run_jobs`` wires these together; each piece is here so it can be
read and tested on its own.

* :class:`ResultCache` -- per-document results stored under the output folder
  (``DIR/.planharvest-cache/``, one JSON file per key, written atomically), so a
  re-run reads only the documents that changed. The key is the document's
  SHA-256 plus everything else its rows depend on: the tool's version and
  source code, the settings' fingerprint, the contents of the user's owners
  and indicators files and the reviewer-made owner aliases. JSON rather than
  pickle, because loading a pickle found in a folder can run code.
* :class:`InOrder` -- results finish in any order; the dataset is written in
  input order, so ``--workers 1`` and ``--workers 8`` give the same bytes.
* :class:`LazyPool` -- inline for one worker, a process pool started only when a
  document actually needs reading (a fully cached re-run starts none), or an
  executor the caller owns (a Dask cluster, see :func:`dask_executor`).
* :func:`run_tasks` -- feeds the pool a few tasks at a time and survives a
  worker that dies: only the document that killed it fails.
* :class:`Progress` -- the live line on stderr (tqdm), silent when stderr is not
  a terminal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from pydantic import BaseModel, ValidationError

import planharvest
from planharvest.errors import PlanharvestError
from planharvest.files import atomic_path
from planharvest.model import Action, DocumentRecord
from planharvest.settings import Settings

if TYPE_CHECKING:
    from tqdm import tqdm

    from planharvest.pipeline import DocumentJob, DocumentResult

CACHE_FOLDER = ".planharvest-cache"
#: Source and data files whose contents enter every cache key (see :func:`code_fingerprint`).
_CODE_SUFFIXES = {".py", ".csv"}
#: DocumentJob fields that do not change a document's rows: where the file is (the rows'
#: ``source_file`` is set from the job on every hit), its hash (the key's first part) and
#: whether tracebacks are shown (failures are never cached).
_KEY_EXEMPT_FIELDS = {"path", "relative", "sha256", "debug"}
#: DocumentJob fields naming a file whose *contents* the rows depend on.
_KEY_FILE_FIELDS = {"owners_file", "indicators_file"}

T = TypeVar("T")
A = TypeVar("A")


# -- the result cache ---------------------------------------------------------------


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's own source and data files.

    ``__version__`` alone would serve stale rows from a development checkout
    whose extractor changed without a version bump; hashing ~50 small files
    once per process costs a few milliseconds.
    """
    package = Path(planharvest.__file__).parent
    digest = hashlib.sha256(planharvest.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class CachedResult(BaseModel):
    """What the cache stores for one document: its record and rows, as JSON."""

    record: DocumentRecord
    actions: list[Action]


class ResultCache:
    """Per-document results in ``out_dir/.planharvest-cache/<key[:2]>/<key>.json``.

    ``read=False`` (``--no-cache``) re-reads every document but still stores the
    fresh results. Only ``ok`` and ``skipped`` results are stored: a failure is
    often the machine's, not the file's (LibreOffice missing, a time limit on a
    busy machine), and is tried again on the next run.
    """

    def __init__(self, out_dir: Path, read: bool = True) -> None:
        self.folder = Path(out_dir) / CACHE_FOLDER
        self.read = read
        self.hits = 0
        self.used: set[str] = set()  # keys looked up or stored by this run
        self._contexts: dict[tuple, str] = {}

    def key(self, job: DocumentJob) -> str | None:
        """The cache key of a job whose document has been hashed; None before that."""
        if not job.sha256:
            return None
        return hashlib.sha256(f"{job.sha256}:{self._context(job)}".encode()).hexdigest()

    def get(self, key: str, relative: str) -> CachedResult | None:
        """The stored result, its paths set to ``relative`` (the same bytes may sit at
        several paths); None when absent, unreadable, or when reading is off."""
        self.used.add(key)
        if not self.read:
            return None
        try:
            cached = CachedResult.model_validate_json(self._path(key).read_bytes())
        except (OSError, ValidationError):
            return None  # absent, or written by an incompatible version: read the document
        cached.record.path = relative
        for action in cached.actions:
            action.source_file = relative
        self.hits += 1
        return cached

    def put(self, key: str, record: DocumentRecord, actions: list[Action]) -> None:
        self.used.add(key)
        if record.status == "failed":
            return
        with atomic_path(self._path(key)) as temporary:
            temporary.write_text(CachedResult(record=record, actions=actions).model_dump_json())

    def prune(self) -> int:
        """Delete entries this run did not use (other versions, settings, removed files);
        returns how many. The cache then holds one entry per document of the last run."""
        removed = 0
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, key: str) -> Path:
        # Two-character shards keep each folder small on corpora of 100,000 documents.
        return self.folder / key[:2] / f"{key}.json"

    def _context(self, job: DocumentJob) -> str:
        """Everything but the document that the job's rows depend on, hashed once per run."""
        values = {
            item.name: getattr(job, item.name)
            for item in dataclasses.fields(job)
            if item.name not in _KEY_EXEMPT_FIELDS
        }
        identity = tuple(sorted((name, repr(value)) for name, value in values.items()))
        if identity not in self._contexts:
            described: dict[str, object] = {"code": code_fingerprint()}
            for name, value in values.items():
                if isinstance(value, Settings):
                    described[name] = value.fingerprint()
                elif name in _KEY_FILE_FIELDS:
                    # Owners and indicators lists are small CSV files: read whole.
                    described[name] = (
                        hashlib.sha256(Path(value).read_bytes()).hexdigest() if value else None
                    )
                else:
                    described[name] = repr(value)
            encoded = json.dumps(described, sort_keys=True).encode()
            self._contexts[identity] = hashlib.sha256(encoded).hexdigest()
        return self._contexts[identity]


# -- results in input order ---------------------------------------------------------


class InOrder(Generic[T]):
    """Holds results that finish out of order until every earlier one has finished."""

    def __init__(self) -> None:
        self._waiting: dict[int, T] = {}
        self._next = 0

    def add(self, index: int, value: T) -> None:
        self._waiting[index] = value

    def release(self) -> Iterator[T]:
        """The results that can now be handed on, in order."""
        while self._next in self._waiting:
            yield self._waiting.pop(self._next)
            self._next += 1


def largest_first(paths: list[str]) -> list[int]:
    """Indexes of ``paths``, largest file first: a long document started last would keep
    one worker busy while the others sit idle at the end of the batch."""

    def size(index: int) -> int:
        try:
            return Path(paths[index]).stat().st_size
        except OSError:
            return 0

    return sorted(range(len(paths)), key=lambda index: -size(index))


# -- where the work runs ------------------------------------------------------------


class LazyPool:
    """Runs ``fn(arg)`` inline (one worker), in a process pool started on first use, or on
    ``executor`` (owned by the caller, never shut down here). Use as a context manager."""

    def __init__(self, workers: int, executor: Executor | None = None) -> None:
        self._workers = workers
        self._executor = executor
        self._own_pool: ProcessPoolExecutor | None = None

    @property
    def capacity(self) -> int:
        """How many tasks to keep in flight: one per worker plus one queued behind each, so
        no worker waits for its next document, yet a killed worker (see :func:`run_tasks`)
        takes few innocent documents down with it. A caller's executor (a Dask cluster,
        of unknown size) gets every task at once and balances them itself."""
        if self._executor is not None and self._own_pool is None:
            return sys.maxsize
        return 2 * self._workers if self._workers > 1 else 1

    @property
    def recovers(self) -> bool:
        """True when a broken pool is ours to replace (see :meth:`restart`)."""
        return self._own_pool is not None

    def submit(self, fn: Callable[[A], T], arg: A) -> Future[T]:
        if self._executor is None and self._workers > 1:
            # One document per task (chunksize 1): documents vary from one page to
            # thousands, and progress is reported as each one finishes.
            self._own_pool = self._executor = ProcessPoolExecutor(max_workers=self._workers)
        if self._executor is not None:
            return self._executor.submit(fn, arg)
        future: Future[T] = Future()
        try:
            future.set_result(fn(arg))
        except Exception as error:  # noqa: BLE001 - handed back through the future
            future.set_exception(error)
        return future

    def restart(self) -> None:
        """Drop our pool after one of its workers died (a broken pool accepts no more
        work); the next :meth:`submit` starts a fresh one."""
        if self._own_pool is not None:
            self._own_pool.shutdown(wait=True)
            self._own_pool = self._executor = None

    def __enter__(self) -> LazyPool:
        return self

    def __exit__(self, error_type: type | None, *_: object) -> None:
        if self._own_pool is not None:
            # On Ctrl-C or an error, documents not yet started are dropped at once.
            self._own_pool.shutdown(wait=True, cancel_futures=error_type is not None)


def run_tasks(fn: Callable[[A], T], tasks: Iterable[tuple[int, A]], workers: int,
              executor: Executor | None = None) -> Iterator[tuple[int, Future[T]]]:
    """``(index, finished future)`` of every task, in completion order, run on a
    :class:`LazyPool` of ``workers`` (or on ``executor``).

    ``tasks`` is drawn lazily, ``pool.capacity`` at a time, so the caller can do its
    own cheap work (hashing, cache look-ups) just before a task is needed. When a
    worker of our own pool dies (killed for lack of memory, a crash in a C
    library), the pool is broken and fails every task it held, though only one
    killed it: those tasks are run again one at a time on a fresh pool, so only
    the one that kills its worker again comes back failed, with
    ``BrokenProcessPool``; then the rest go on in parallel.
    """
    pending = iter(tasks)
    running: dict[Future[T], tuple[int, A]] = {}
    suspects: list[tuple[int, A]] = []
    with LazyPool(workers, executor) as pool:

        def submit(task: tuple[int, A]) -> Future[T]:
            try:
                future = pool.submit(fn, task[1])
            except BrokenProcessPool as error:  # the pool broke before we heard of it
                future = Future()
                future.set_exception(error)
            running[future] = task
            return future

        while True:
            if not suspects:
                for task in itertools.islice(pending, max(pool.capacity - len(running), 0)):
                    submit(task)
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                task = running.pop(future)
                if pool.recovers and isinstance(future.exception(), BrokenProcessPool):
                    suspects.append(task)
                else:
                    yield task[0], future
            if suspects and not running:
                pool.restart()
                for task in suspects:
                    alone = submit(task)
                    wait([alone])
                    if isinstance(alone.exception(), BrokenProcessPool):
                        pool.restart()  # it killed its worker again, alone: it is the cause
                    yield running.pop(alone)[0], alone
                suspects.clear()


class SchedulerError(PlanharvestError):
    """The Dask scheduler given with ``--scheduler`` cannot be used; the message says why."""


@contextlib.contextmanager
def dask_executor(address: str, timeout: float = 20.0) -> Iterator[Executor]:
    """A ``concurrent.futures`` executor running on the Dask cluster at ``address``.

    The workers must be able to import planharvest and to read the input paths
    (a shared filesystem); results come back to this process, which writes the
    dataset and the cache.
    """
    try:
        from distributed import Client
    except ImportError as error:
        raise SchedulerError(
            "--scheduler needs Dask's distributed scheduler: pip install 'planharvest[dask]'"
        ) from error
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    try:
        # pure=False: a task reads a file, so Dask must not reuse a result by its arguments.
        yield client.get_executor(pure=False)
    finally:
        client.close()


# -- progress -------------------------------------------------------------------------


class Progress:
    """Documents and pages done, rate, failures, time left: one live line on ``stream``.

    Drawn only when ``stream`` is a terminal (or ``enabled=True``); ``note``
    prints a message above the line either way.
    """

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty() if enabled is None else enabled
        self._bar: tqdm | None = None
        self.pages = self.failed = self.cached = 0

    def start(self, documents: int) -> None:
        if self._enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=documents, unit="doc", file=self._stream,
                             dynamic_ncols=True, smoothing=0.05)

    def __call__(self, result: DocumentResult) -> None:
        self.pages += result.record.pages or 0
        self.failed += result.record.status == "failed"
        self.cached += result.cached
        if self._bar is not None:
            elapsed = self._bar.format_dict["elapsed"] or 1e-9
            self._bar.set_postfix_str(
                f"{self.pages} pages ({self.pages / elapsed:.1f}/s), {self.failed} failed, "
                f"{self.cached} from cache", refresh=False)
            self._bar.update()

    def note(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self._stream)
        else:
            print(message, file=self._stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
