"""The per-document time limit: abandon a document that takes longer than its share.

A hostile or pathological file (a table finder gone quadratic, a PDF that is
all vector dust) must not hold a worker for ever while the batch waits. In a
process's main thread -- inline, and in every ``ProcessPoolExecutor`` worker,
which runs its tasks there -- the limit is a ``SIGALRM`` timer
(``setitimer``) whose handler raises :class:`TimeLimitExceeded`. A thread
(a Dask thread worker, a caller's own thread) cannot take signals, so there a
timer thread raises the same exception in it asynchronously
(``PyThreadState_SetAsyncExc``). Either way the exception arrives between two
Python bytecodes: one long C call (inflating one stream) finishes first.

``TimeLimitExceeded`` is a ``BaseException`` so that a reader's own
``except Exception`` (a library retrying a damaged object) cannot swallow it
and carry on.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
from collections.abc import Iterator


class TimeLimitExceeded(BaseException):  # noqa: N818 - an interruption, like KeyboardInterrupt
    """The document took longer than ``Settings.max_seconds_per_document``."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the calling thread once ``seconds`` have passed in the
    block (0 or less: no limit)."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(_signum: int, _frame: object) -> None:
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    done = threading.Lock()  # held by whichever side finishes first: the block or the timer

    def expired() -> None:
        if done.acquire(blocking=False):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target),
                                                       ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, expired)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if not done.acquire(blocking=False):
            # The timer fired as the block ended: take back the exception it may not have
            # delivered yet, so it cannot land in the caller's code after the limit.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
