"""One run at a time per output folder.

Two ``convert`` runs into one ``--out`` (a double-click, a cron job
overlapping a manual run) would each rewrite the other's dataset, cache and
decisions. A run therefore holds ``DIR/.planharvest-lock`` for its whole
length: an exclusive ``flock`` on the file, which says who holds it (pid, host,
start time) for the message a second run prints before it gives up at once.

The kernel drops a ``flock`` when its process ends however it ends, so a lock
left by a killed run is never in force: the next run takes it over, and, since
a run that ends properly empties the file, knows from the text still in it that
the last run was killed (it says so). The file itself stays: deleting it would
let a run that had opened it just before lock a file no other run can see.
``flock`` is POSIX (Linux, macOS); on a network file system that does not carry
it, ``export.staging`` still keeps two runs from mixing their files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from planharvest.errors import PlanharvestError

LOCK = ".planharvest-lock"
#: How often, and how far apart in seconds, a refused run reads who holds the lock.
_READS, _READ_PAUSE = 50, 0.02


class FolderInUse(PlanharvestError):
    """Another run holds the output folder; the message names it."""


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[str | None]:
    """Hold ``out_dir``'s lock for the block (creating the folder); yields a description of
    the killed run whose lock was taken over, or None. ``FolderInUse`` at once when a live
    run holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(descriptor)
        for _ in range(_READS):  # the holder has locked but not yet written who it is
            if holder:
                break
            time.sleep(_READ_PAUSE)
            holder = _holder(descriptor)
        os.close(descriptor)
        raise FolderInUse(
            f"{out_dir} is in use by another planharvest run ({holder or 'just starting'}); "
            "wait for it to finish, or give another --out") from None
    try:
        stale = _holder(descriptor)
        _write(descriptor, json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}))
        yield stale or None
    finally:
        with contextlib.suppress(OSError):
            _write(descriptor, "")  # a run that ended, not a killed one
        os.close(descriptor)  # releases the lock


def _holder(descriptor: int) -> str:
    """"pid 123 on host, started 2024-05-01T10:00:00+01:00" from the lock file's text."""
    text = os.pread(descriptor, 4096, 0).decode("utf-8", "replace")
    try:
        holder = json.loads(text)
        return f"pid {holder['pid']} on {holder['host']}, started {holder['started']}"
    except (ValueError, KeyError, TypeError):
        return ""


def _write(descriptor: int, text: str) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, text.encode(), 0)
    os.fsync(descriptor)
