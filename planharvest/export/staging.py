"""A run's output files committed together, so a killed run never leaves a mixture.

Each writer already replaces its own file atomically; but a run writes seven
files, and a kill between two of them would leave some from this run and some
from the last. So every file is first written into a staging folder inside
the output folder (``.planharvest-staging``, same file system: renames are
atomic); once all are complete a manifest is written there -- the commit
point -- and the files are renamed into place.

A kill before the manifest leaves the previous outputs untouched and a staging
folder without a manifest, which the next run drops. A kill during the renames
(microseconds) leaves a manifest, and the next run (:func:`recover`, called
before it does anything else) finishes those renames first, so the folder
holds the new run complete. Renaming is idempotent: a file already moved is
simply no longer in the staging folder.

A folder (the report's pictures) is committed the same way, but a rename
cannot replace a folder that has files, so the old one is first moved into the
staging folder and goes with it; a kill between the two renames leaves the
new folder still staged, and the recovery moves it in.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from planharvest.files import write_text

STAGING = ".planharvest-staging"
MANIFEST = "manifest.json"  # written last: its presence means "every file is complete"


@contextlib.contextmanager
def staged(out_dir: Path, remove: Sequence[str] = ()) -> Iterator[Path]:
    """A fresh staging folder to write this run's files into; when the block ends without
    an error they replace the files of the same names in ``out_dir``, and the files named
    in ``remove`` (outputs of an older run this one does not write) go. An error in the
    block leaves ``out_dir`` as it was."""
    recover(out_dir)
    folder = out_dir / STAGING
    folder.mkdir(parents=True)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    names = sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))
    write_text(folder / MANIFEST, json.dumps({"files": names, "remove": list(remove)}))
    _commit(out_dir)


def recover(out_dir: Path) -> None:
    """Finish the commit of a run killed while renaming, or drop the staging folder of a
    run killed while writing."""
    folder = out_dir / STAGING
    if not folder.is_dir():
        return
    if (folder / MANIFEST).is_file():
        _commit(out_dir)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _commit(out_dir: Path) -> None:
    folder = out_dir / STAGING
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["remove"]:
        _remove(out_dir / name)
    for name in manifest["files"]:
        staged_file, target = folder / name, out_dir / name
        if staged_file.is_dir() and target.is_dir():
            os.replace(target, folder / f".old-{name}")  # removed with the staging folder
        with contextlib.suppress(FileNotFoundError):  # moved by the commit a kill cut short
            os.replace(staged_file, target)
    shutil.rmtree(folder)


def _remove(path: Path) -> None:
    """Delete an older run's output file or folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
