"""Where the per-document work runs, and results handed back in input order.

* :class:`InOrder` -- results finish in any order; the dataset is written in
  input order, so ``--workers 1`` and ``--workers 8`` give the same bytes.
* :class:`LazyPool` -- inline for one worker, a process pool started only when a
  document actually needs reading (a fully cached re-run starts none), or an
  executor the caller owns (a Dask cluster, see ``batch.cluster``); its workers
  die with the process that started them, even one killed with SIGKILL.
* :func:`run_tasks` -- feeds the pool a few tasks at a time and survives a
  worker that dies: only the document that killed it fails.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Generic, TypeVar

from planharvest.limits import available_cores, set_document_threads

T = TypeVar("T")
A = TypeVar("A")

#: ``prctl`` option (linux/prctl.h): the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
#: seconds between a worker's looks at its parent where ``prctl`` is not available.
_WATCH_SECONDS = 1.0


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
            self._own_pool = self._executor = ProcessPoolExecutor(
                max_workers=self._workers, initializer=_set_up_worker,
                initargs=(os.getpid(), max(1, available_cores() // self._workers)))
        if self._own_pool is not None:
            with _interrupt_held():  # our pool forks its workers inside submit
                return self._own_pool.submit(fn, arg)
        if self._executor is not None:
            return self._executor.submit(fn, arg)
        future: Future[T] = Future()
        set_document_threads(available_cores())  # inline: the one worker has every core
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
        if self._own_pool is None:
            return
        if error_type is not None and issubclass(error_type, KeyboardInterrupt):
            # Ctrl-C: the documents in hand are abandoned, not waited for; the pool's
            # threads are not joined either (a worker stopped mid-transfer can leave them
            # waiting for ever): the command exits at once (``cli``, ``os._exit``).
            for process in list(getattr(self._own_pool, "_processes", {}).values()):
                process.terminate()
            self._own_pool.shutdown(wait=False, cancel_futures=True)
            return
        # On an error, documents not yet started are dropped at once.
        self._own_pool.shutdown(wait=True, cancel_futures=error_type is not None)


@contextmanager
def _interrupt_held() -> Iterator[None]:
    """Hold a Ctrl-C back while the pool forks a worker, and answer it after the fork.

    A KeyboardInterrupt raised inside an at-fork hook (logging re-initialises its locks
    there) is printed as "Exception ignored" and dropped by Python: the run would go on
    to exit 0 as if no one had pressed Ctrl-C. Signal handlers can only be set in the
    main thread; elsewhere nothing is held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and callable(previous):
            previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt


def _set_up_worker(parent: int, threads: int) -> None:
    """A worker's set-up. Ctrl-C reaches every process of the terminal's group, but only
    the parent answers it (it stops the workers), so no worker prints a traceback. And a
    worker dies with its parent: a ``convert`` killed with SIGKILL cannot stop its pool,
    whose workers would otherwise go on reading (and holding memory) for good. A document
    may keep ``threads`` threads busy: the worker's share of the cores."""
    set_document_threads(threads)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask Linux to send this process SIGKILL when ``parent`` dies (``prctl``
    ``PR_SET_PDEATHSIG``); elsewhere a thread watches for the parent to go. A parent
    already gone before the request took effect ends the worker at once."""
    libc = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    if libc is not None and ctypes.CDLL(libc, use_errno=True).prctl(
            _PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Exit this process once ``parent`` is no longer its parent (it died: the orphan was
    handed to another process)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


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
