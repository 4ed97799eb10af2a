"""Word 97 ``.doc``, OpenDocument ``.odt`` and RTF files to ``.docx`` with LibreOffice
(and any Word-family file to PDF, for the report's pictures of Word rows).

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

Cost: LibreOffice starts afresh for every file (a new profile is set up on the
way), about two to five seconds a document.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def convert_to_docx(path: Path, file_format: str, timeout: float,
                    target: str = "docx") -> Iterator[Path]:
    """The ``.docx`` (or, with ``target="pdf"``, the PDF) LibreOffice makes of ``path``
    (a ``file_format`` file), for the duration of the ``with`` block; the temporary
    folder is removed afterwards.

    Raises ``LegacyConversionError`` when LibreOffice is not installed, fails, or takes
    longer than ``timeout`` seconds.
    """
    soffice = find_soffice()
    if soffice is None:
        raise LegacyConversionError(f"install LibreOffice to read .{file_format} files "
                                    "(neither soffice nor libreoffice is on PATH)")
    with tempfile.TemporaryDirectory(prefix="planharvest-soffice-") as work:
        work_dir = Path(work)
        stem = re.sub(r"[^\w.-]+", "_", path.stem)[:80].strip("._") or "document"
        source = work_dir / f"{stem}.{file_format}"
        shutil.copyfile(path, source)
        out_dir = work_dir / "out"
        _write_offline_profile(work_dir / "profile")
        command = [
            *no_network_prefix(),
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
            "--convert-to", _FILTERS[target], "--outdir", str(out_dir), str(source),
        ]
        output = _run(command, timeout, file_format)
        converted = out_dir / f"{stem}.{target}"
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
