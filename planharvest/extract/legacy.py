"""Word 97 ``.doc``, OpenDocument ``.odt`` and RTF files to ``.docx`` with LibreOffice
(and any Word-family file to PDF, for the report's pictures of Word rows, ``--word-pictures``).

Plans from 2005-2012 are as often ``.doc`` as ``.docx``; rather than a second
Word reader, LibreOffice converts them and the ``.docx`` reader reads the
result, so every Word-family file takes one table path.

Each conversion runs ``soffice --headless --convert-to docx`` in a private
temporary folder with its own LibreOffice profile (``-env:UserInstallation``):
two conversions sharing a profile would collide on its lock and the second
would exit at once without converting, so parallel workers each get their own.
The file is copied in under a plain name first (LibreOffice names its output
after its input and mis-reads some characters in names). A conversion that
runs past its time is killed with its whole process group (``soffice`` starts
``soffice.bin``), and the folder is removed however the conversion ends.

LibreOffice never reaches the network from a document (a linked image at an
``http://`` address, a linked section, a WebDAV path): the private profile is
seeded with settings that block links to untrusted places and never update
links on load, and where the platform allows, the conversion runs in a
network namespace of its own with no interface but loopback (``unshare -n``,
or ``unshare -rn`` as an ordinary user), so a setting LibreOffice ignores still
cannot open a connection. Where neither works (no ``unshare``, namespaces
forbidden in a container) the profile's settings are the only guard.

Cost: starting LibreOffice (a new profile is set up on the way) takes one to five
seconds, converting a plan a fraction of that. A worker given several legacy files
(``convert_batch``) converts them in one ``soffice`` call, under one private profile and
the same no-network guard; the call is watched file by file -- LibreOffice converts its
inputs in order and writes each output when that file is done -- and killed when no new
output has appeared for the per-file time limit. Files the batch did not convert (the one
it was stuck on or crashed on, one LibreOffice refused, the output being written when it
was killed) are not taken from the batch: ``read_converted`` converts them alone, with
their own time limit and LibreOffice's own reason, so a file that breaks a batch fails
alone. The files after the stuck one go on in a new call. With ``--word-pictures`` the
report prints the Word documents it pictures the same way (``export.pictures``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planharvest.errors import PlanharvestError
from planharvest.extract.docx import read_docx
from planharvest.extract.grid import DocumentContent
from planharvest.settings import Settings

#: LibreOffice's export filter for each target: .docx (Word 2007-365), PDF (Writer's).
_FILTERS = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export"}
#: Characters of LibreOffice's output kept in an error message.
_MESSAGE_TAIL = 400
#: The private profile's settings (``registrymodifications.xcu``): links to untrusted
#: places blocked, links in Writer and Calc documents never updated on load (0 =
#: ``LinkUpdateModes.NEVER``).
_OFFLINE_SETTINGS = {
    "/org.openoffice.Office.Common/Security/Scripting": {"BlockUntrustedRefererLinks": "true"},
    "/org.openoffice.Office.Writer/Content/Update": {"Link": "0"},
    "/org.openoffice.Office.Calc/Content/Update": {"Link": "0"},
}
#: Ways to run a command with no network, tried in order: as root, then as an ordinary
#: user in a user namespace of its own.
_NO_NETWORK_PREFIXES = (("unshare", "--net"), ("unshare", "--map-root-user", "--net"))


class LegacyConversionError(PlanharvestError):
    """A legacy file could not be converted; the message says why."""


def find_soffice() -> str | None:
    """The LibreOffice command on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(
    path: Path, settings: Settings, pages: set[int] | None, *, file_format: str
) -> DocumentContent:
    """The ``file_format`` file at ``path`` (``doc``, ``odt``, ``rtf``) read as the ``.docx``
    LibreOffice makes of it; ``pages`` is ignored (Word files have none)."""
    with convert_to_docx(path, file_format, settings.limits.max_seconds_per_document) as docx:
        return read_docx(docx, settings)


#: This process's batch conversions: (the source's path, target) -> the file made of it.
_BATCHED: dict[tuple[str, str], Path] = {}
#: How often (seconds) a batch call's output folder is looked at.
_POLL = 0.05


@dataclass(frozen=True)
class _Call:
    """One ``soffice --convert-to`` call: its private folder, sources and command."""

    work_dir: Path
    sources: list[Path]  # the copies under plain names, in the order given
    outputs: list[Path]  # where LibreOffice writes each one's conversion
    command: list[str]


def _call(work_dir: Path, sources: Sequence[tuple[Path, str]], target: str) -> _Call:
    """Copy ``sources`` (path, format) into ``work_dir`` under plain, distinct names and
    set up the private profile; the call that converts them all to ``target``."""
    soffice = find_soffice()
    if soffice is None:
        kinds = ", ".join(sorted({f".{kind}" for _, kind in sources}))
        raise LegacyConversionError(f"install LibreOffice to read {kinds} files "
                                    "(neither soffice nor libreoffice is on PATH)")
    copies: list[Path] = []
    for number, (path, file_format) in enumerate(sources):
        stem = re.sub(r"[^\w.-]+", "_", path.stem)[:80].strip("._") or "document"
        if len(sources) > 1:
            stem = f"{number:04d}_{stem}"
        copies.append(work_dir / f"{stem}.{file_format}")
        shutil.copyfile(path, copies[-1])
    out_dir = work_dir / "out"
    if not (work_dir / "profile").exists():
        _write_offline_profile(work_dir / "profile")
    command = [
        *no_network_prefix(),
        soffice,
        f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
        "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
        "--convert-to", _FILTERS[target], "--outdir", str(out_dir), *map(str, copies),
    ]
    return _Call(work_dir, copies, [out_dir / f"{copy.stem}.{target}" for copy in copies],
                 command)


@contextmanager
def convert_batch(sources: Sequence[tuple[Path, str]], timeout: float,
                  target: str = "docx") -> Iterator[None]:
    """Convert ``sources`` (path, format: ``doc``, ``odt``, ``rtf``, or ``docx`` to print) to
    ``target`` in as few LibreOffice calls as they allow: inside the ``with`` block,
    ``convert_to_docx`` gives their conversions without running LibreOffice again; the
    folder is removed afterwards. Each file has ``timeout`` seconds (0: no limit); a file
    not converted here is converted alone by ``convert_to_docx`` (module docstring).
    Raises ``LegacyConversionError`` only when LibreOffice is not installed."""
    with tempfile.TemporaryDirectory(prefix="planharvest-soffice-") as work:
        made: dict[str, Path] = {}
        left = list(sources)
        batch = 0
        while len(left) > 1:
            batch_dir = Path(work) / f"batch{batch}"
            batch_dir.mkdir()
            call = _call(batch_dir, left, target)
            converted, resume = _run_watched(call, timeout)
            made.update(((str(left[i][0]), target), call.outputs[i]) for i in converted)
            left = left[resume:]
            batch += 1
        _BATCHED.update(made)
        try:
            yield
        finally:
            for path in made:
                _BATCHED.pop(path, None)


def _run_watched(call: _Call, timeout: float) -> tuple[list[int], int]:
    """Run a batch call, killing it once no new output has appeared for ``timeout``
    seconds. Returns the indexes of the files it converted for certain, and the index of
    the first file a new call must take on (past the end when the call finished).

    Finished: every output is complete, and a file without one was refused. Killed: the
    file it was stuck on is the first without an output, and the outputs before it were
    written at least ``timeout`` seconds earlier. Crashed: the last output may be cut
    short, so it is not taken either.
    """
    process = subprocess.Popen(call.command, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    written, since = 0, time.monotonic()
    try:
        while process.poll() is None:
            now_written = _written(call.outputs)
            if now_written > written:
                written, since = now_written, time.monotonic()
            elif timeout > 0 and time.monotonic() - since > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                written = _written(call.outputs)
                return list(range(written)), written + 1
            time.sleep(_POLL)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    if process.returncode == 0:
        return [i for i, output in enumerate(call.outputs) if _complete(output)], len(call.outputs)
    written = _written(call.outputs)
    return list(range(max(written - 1, 0))), written + 1


def _complete(output: Path) -> bool:
    return output.is_file() and output.stat().st_size > 0


def _written(outputs: list[Path]) -> int:
    """How many outputs, from the first, exist and are not empty."""
    return next((i for i, output in enumerate(outputs) if not _complete(output)), len(outputs))


@contextmanager
def convert_to_docx(path: Path, file_format: str, timeout: float,
                    target: str = "docx") -> Iterator[Path]:
    """The ``.docx`` (or, with ``target="pdf"``, the PDF) LibreOffice makes of ``path``
    (a ``file_format`` file), for the duration of the ``with`` block: the one a
    ``convert_batch`` block around it made, or one made now in a temporary folder,
    removed afterwards.

    Raises ``LegacyConversionError`` when LibreOffice is not installed, fails, or takes
    longer than ``timeout`` seconds.
    """
    batched = _BATCHED.get((str(path), target))
    if batched is not None and batched.is_file():
        yield batched
        return
    with tempfile.TemporaryDirectory(prefix="planharvest-soffice-") as work:
        call = _call(Path(work), [(path, file_format)], target)
        output = _run(call.command, timeout, file_format)
        converted = call.outputs[0]
        if not converted.is_file() or converted.stat().st_size == 0:
            raise LegacyConversionError(
                f"LibreOffice could not convert the .{file_format} file to .{target}"
                + (f": {output}" if output else " (it gave no reason)")
            )
        yield converted


def _write_offline_profile(profile: Path) -> None:
    """Seed a fresh LibreOffice profile with :data:`_OFFLINE_SETTINGS`."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, props in _OFFLINE_SETTINGS.items() for name, value in props.items()
    )
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n", encoding="utf-8")


@cache
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program with no network on this machine, or ``()``
    where none works (checked once per process by running ``true`` under it)."""
    for program, *options in _NO_NETWORK_PREFIXES:
        found = shutil.which(program)
        if found is None:
            return ()
        prefix = (found, *options)
        try:
            probe = subprocess.run([*prefix, "true"], stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    return ()


def _run(command: list[str], timeout: float, file_format: str) -> str:
    """Run LibreOffice in a process group of its own; the tail of what it printed."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a group of its own, so a timeout kills soffice.bin too
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LegacyConversionError(
            f"LibreOffice took longer than {timeout:.0f} s to convert the .{file_format} file"
        ) from None
    text = " ".join((stderr + stdout).decode("utf-8", "replace").split())
    return text[-_MESSAGE_TAIL:]
