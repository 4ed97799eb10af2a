"""What the unit tests (``tests/unit``) and the end-to-end tests (``tests/e2e``) share.

The repository's folders, as constants (tests parametrise over them at import time, before
any fixture exists), and one conversion per sample document: several end-to-end modules
read the rows of the same samples, so each sample is converted once per test session, by
whichever pytest-xdist worker asks first (the others read its result from a folder the
session's workers share).

LibreOffice prints a Word document to PDF for the report's pictures of its flagged rows
(``export/pictures.py``, with ``word_pictures``), seconds of CPU each time; the suite
converts the same samples many times, so within a session each distinct file (by its
bytes) is printed by the real LibreOffice once and its PDF reused. The prints are the
real ones; only the repeats go.

The makers of test inputs live beside the samples (``samples/docxkit.py``,
``samples/hostile.py``) so that ``bench/`` can use them without importing ``tests/``.
"""

from __future__ import annotations

import csv
import fcntl
import functools
import hashlib
import os
import pickle
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings as hypothesis_settings

from planharvest.cli import main
from planharvest.export import pictures
from planharvest.files import atomic_path
from planharvest.job import DocumentJob, DocumentResult, process_document
from planharvest.settings import Settings

# Property tests draw the same examples on every run (derandomize), so the README's test
# command gives one answer on every machine and every run, and none waits on a wall clock
# (deadline): a loaded machine must not fail them. HYPOTHESIS_PROFILE=explore draws new
# examples each run, to look for new failures (keep what it finds as @example cases).
hypothesis_settings.register_profile("planharvest", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "planharvest"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"
LAYOUTS = ROOT / "tests" / "data" / "layouts"


def sample(name: str) -> Path:
    """The sample document ``name``; the test is skipped when it is not built."""
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} is not built")
    return path


def convert(path: Path) -> DocumentResult:
    """One document through the whole per-document work, with the default settings."""
    return process_document(DocumentJob(path=str(path), relative=path.name, settings=Settings()))


#: A folder all of this session's workers share (set by ``_session_folder``), or None.
_shared: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test session, shared by its pytest-xdist workers: under xdist each
    worker's base folder is ``popen-gwN`` inside the session's own one."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    folder.mkdir(exist_ok=True)
    _shared[:] = [folder]
    return folder


@contextmanager
def _only_one_worker(folder: Path, key: str) -> Iterator[Path]:
    """``folder/key``, with an exclusive lock on it held: one worker makes the file, the
    others wait and then find it made."""
    with open(folder / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder / key


@functools.cache
def _converted_sample(name: str) -> DocumentResult:
    if not _shared:  # imported outside a test session
        return convert(SAMPLES / name)
    digest = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
    with _only_one_worker(_shared[0], f"{digest}.result") as kept:
        if kept.exists():
            result: DocumentResult = pickle.loads(kept.read_bytes())
            return result
        result = convert(SAMPLES / name)
        with atomic_path(kept) as temporary:
            temporary.write_bytes(pickle.dumps(result))
        return result


def converted_sample(name: str) -> DocumentResult:
    """The result of converting the sample ``name``, computed once per session.

    Shared between tests and modules: read it, never change it."""
    sample(name)
    return _converted_sample(name)


@pytest.fixture(scope="session", autouse=True)
def _word_files_printed_once(_session_folder: Path) -> Iterator[None]:
    """The report's pictures of Word rows: each distinct file printed to PDF by the real
    LibreOffice once per session (any failure is LibreOffice's own, and not kept)."""
    real = pictures.convert_to_docx

    @contextmanager
    def print_once(path: Path, file_format: str, timeout: float,
                   target: str = "docx") -> Iterator[Path]:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        with _only_one_worker(_session_folder, f"{digest}.{file_format}.{target}") as kept:
            if not kept.exists():
                with real(path, file_format, timeout, target=target) as printed, \
                        atomic_path(kept) as temporary:
                    shutil.copyfile(printed, temporary)
        yield kept

    patch = pytest.MonkeyPatch()
    patch.setattr(pictures, "convert_to_docx", print_once)
    yield
    patch.undo()


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """An HTTP server on localhost that records every request it is sent."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    requests: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                requests.append(connection.recv(4096))
                connection.sendall(b"HTTP/1.0 200 OK\r\n\r\nLEAKED-OVER-THE-NETWORK")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", requests
    stop.set()
    thread.join()
    server.close()


def convert_word_plan(tmp_path: Path, doc: object) -> tuple[list[dict[str, str]],
                                                           list[dict[str, str]]]:
    """``doc`` (a python-docx Document) saved as a plan and converted by the command line, in
    one worker, CSV only: the rows of ``actions.csv`` and of ``documents.csv``."""
    source = tmp_path / "in"
    source.mkdir()
    doc.save(source / "plan.docx")  # type: ignore[attr-defined]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "--out", str(out), "--workers",
                                       "1", "--format", "csv", "--no-cache"])
    assert result.exit_code == 0, result.output
    tables = []
    for name in ("actions.csv", "documents.csv"):
        with open(out / name, encoding="utf-8-sig") as handle:
            tables.append(list(csv.DictReader(handle)))
    return tables[0], tables[1]
