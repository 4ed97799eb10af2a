"""A run's output files committed together, so a killed run never leaves a mixture.

Each writer already replaces its own file atomically; but a run writes seven
files, and a kill between two of them would leave some from this run and some
from the last. So every file is first written into a staging folder of this
run's own inside the output folder (``.planharvest-staging-<pid>-<random>``,
same file system: renames are atomic); once all are complete a manifest is
written there -- the commit point -- and the files are renamed into place
while the run holds an exclusive ``flock`` on the output folder itself.

A staging folder per run means two runs can never write into, or delete, each
other's (even if the folder's lock, ``export.lock``, was broken), and the
commit lock means their renames never interleave: the folder holds one run's
files, complete. A kill before the manifest leaves the previous outputs
untouched and a staging folder without a manifest, which the next run drops. A
kill during the renames (microseconds) leaves a manifest, and the next run
(:func:`recover`, called before it does anything else) finishes those renames
first, so the folder holds the killed run's files complete. Renaming is
idempotent: a file already moved is simply no longer in the staging folder.
:func:`recover` touches only staging folders whose process is gone.

Readers of a finished folder (``planharvest review``, ``read_dataset``) go through
:func:`reading`: it finishes (rolls forward) a commit a killed run left half done, or
refuses the folder with a ``HalfCommitted`` error when it cannot be finished (a folder it
may not write to), and holds a shared ``flock`` on the folder while they read, so a
commit's renames never land between two of their reads: they never read a mixture.

A folder (the report's pictures) is committed the same way, but a rename
cannot replace a folder that has files, so the old one is first moved into the
staging folder and goes with it; a kill between the two renames leaves the
new folder still staged, and the recovery moves it in.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from planharvest.errors import PlanharvestError, system_error_message
from planharvest.files import write_text

STAGING = ".planharvest-staging"
MANIFEST = "manifest.json"  # written last: its presence means "every file is complete"


class HalfCommitted(PlanharvestError):
    """A dataset folder whose last run was killed while putting its files in place, and
    whose commit cannot be finished: reading it would mix two runs' files."""


@contextlib.contextmanager
def reading(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir`` still for reading: a commit a killed run left half done is first
    finished (``HalfCommitted`` when it cannot be), and no commit renames files while the
    block reads them."""
    try:
        recover(out_dir)
    except OSError as error:
        raise HalfCommitted(
            f"{out_dir}: its last run was killed while putting its files in place, and the "
            f"commit cannot be finished ({system_error_message(error)}): its files are from "
            "two runs and are not read; run `planharvest convert` into it again") from error
    with _folder_locked(out_dir, fcntl.LOCK_SH):
        yield


@contextlib.contextmanager
def staged(out_dir: Path, remove: Sequence[str] = ()) -> Iterator[Path]:
    """A fresh staging folder to write this run's files into; when the block ends without
    an error they replace the files of the same names in ``out_dir``, and the files named
    in ``remove`` (outputs of an older run this one does not write) go. An error in the
    block, Ctrl-C included, leaves ``out_dir`` as it was."""
    recover(out_dir)
    folder = out_dir / f"{STAGING}-{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True)
    try:
        yield folder
        names = sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))
        write_text(folder / MANIFEST, json.dumps({"files": names, "remove": list(remove)}))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _commit(out_dir, folder)


def recover(out_dir: Path) -> None:
    """Finish the commit of a run killed while renaming, or drop the staging folder of a
    run killed while writing (only of runs whose process has ended)."""
    if not out_dir.is_dir():
        return
    abandoned = [folder for folder in out_dir.glob(f"{STAGING}*")
                 if folder.is_dir() and not _alive(folder.name)]
    # Oldest commit first, so the newest complete run is the one left in place.
    for folder in sorted(abandoned, key=_manifest_time):
        if (folder / MANIFEST).is_file():
            _commit(out_dir, folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _alive(name: str) -> bool:
    """The process that made staging folder ``name`` is still running."""
    pid = name[len(STAGING):].lstrip("-").split("-")[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _manifest_time(folder: Path) -> float:
    try:
        return (folder / MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


def _commit(out_dir: Path, folder: Path) -> None:
    with _folder_locked(out_dir):
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:  # finished meanwhile by another reader or run
            return
        for name in manifest["remove"]:
            _remove(out_dir / name)
        for name in manifest["files"]:
            staged_file, target = folder / name, out_dir / name
            if staged_file.is_dir() and target.is_dir():
                os.replace(target, folder / f".old-{name}")  # removed with the staging folder
            with contextlib.suppress(FileNotFoundError):  # moved by a commit a kill cut short
                os.replace(staged_file, target)
    shutil.rmtree(folder, ignore_errors=True)


def _remove(path: Path) -> None:
    """Delete an older run's output file or folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@contextlib.contextmanager
def _folder_locked(out_dir: Path, kind: int = fcntl.LOCK_EX) -> Iterator[None]:
    """A ``flock`` on the output folder itself: exclusive for the renames, shared for
    readers (released when the descriptor closes, or the process ends)."""
    descriptor = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, kind)
        yield
    finally:
        os.close(descriptor)
