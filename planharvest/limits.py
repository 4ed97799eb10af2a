"""The per-document time limit: abandon a document that takes longer than its share.

A hostile or pathological file (a table finder gone quadratic, a PDF that is
all vector dust) must not hold a worker for ever while the batch waits. In a
process's main thread -- inline, and in every ``ProcessPoolExecutor`` worker,
which runs its tasks there -- the limit is a ``SIGALRM`` timer
(``setitimer``) whose handler raises :class:`TimeLimitExceeded` wherever the
work is (between two Python bytecodes: one long C call, inflating one stream,
finishes first).

A thread (a Dask thread worker, a caller's own thread pool) cannot take
signals, and raising an exception in it from outside
(``PyThreadState_SetAsyncExc``) can land inside the import machinery or a
lock and hang the whole process, so there the limit is checked, not forced:
:func:`check_time` raises once the limit has passed, and ``job`` calls it
between stages and the PDF reader before each page. A single page or Word
file that hangs in a thread is therefore not stopped; in a process it is.

The alarm repeats every ``_REPEAT`` seconds until the block ends (an exception
raised inside a destructor is printed and dropped by Python), and the block's
end switches it off in a loop that absorbs a late one, so none can land in the
caller's code afterwards. ``TimeLimitExceeded`` is a ``BaseException`` so that
a reader's own ``except Exception`` cannot swallow it and carry on.

A document's share of the cores (``set_document_threads``): how many threads one document
may keep busy in this process (its scanned pages OCR'd at once, ``extract/pdf/scans.py``).
The batch's pool sets it: the run's cores shared among its workers. Elsewhere (a Dask
worker, a caller's own process) it is 1.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

#: Seconds between repeats of the alarm once the limit has passed.
_REPEAT = 0.2

_deadline = threading.local()  # .at: time.monotonic() when the calling thread's limit passes
_document_threads = 1


def set_document_threads(threads: int) -> None:
    """Let one document keep ``threads`` threads busy in this process (at least 1)."""
    global _document_threads
    _document_threads = max(1, threads)


def document_threads() -> int:
    """How many threads one document may keep busy in this process."""
    return _document_threads


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class TimeLimitExceeded(BaseException):  # noqa: N818 - an interruption, like KeyboardInterrupt
    """The document took longer than ``LimitSettings.max_seconds_per_document``."""


def check_time() -> None:
    """Raise ``TimeLimitExceeded`` if the calling thread is inside a ``time_limit`` block
    whose limit has passed."""
    at = getattr(_deadline, "at", None)
    if at is not None and time.monotonic() > at:
        raise TimeLimitExceeded


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Limit the block to ``seconds`` (0 or less: no limit): forced by SIGALRM in the main
    thread, by :func:`check_time` everywhere."""
    if seconds <= 0:
        yield
        return
    outer = getattr(_deadline, "at", None)
    _deadline.at = time.monotonic() + seconds
    try:
        if threading.current_thread() is threading.main_thread():
            with _alarm(seconds):
                yield
        else:
            yield
    finally:
        _deadline.at = outer


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    active = [True]

    def expired(_signum: int, _frame: object) -> None:
        if active[0]:
            raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        while True:  # a late alarm must not escape the switching off
            try:
                active[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TimeLimitExceeded:
                continue
