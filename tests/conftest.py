"""What the unit tests (``tests/unit``) and the end-to-end tests (``tests/e2e``) share.

The repository's folders, as constants (tests parametrise over them at import time, before
any fixture exists), and one conversion per sample document: several end-to-end modules
read the rows of the same samples, so each sample is converted once per test session.
The makers of test inputs live beside the samples (``samples/docxkit.py``,
``samples/hostile.py``) so that ``bench/`` can use them without importing ``tests/``.
"""

from __future__ import annotations

import csv
import functools
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from planharvest.cli import main
from planharvest.job import DocumentJob, DocumentResult, process_document
from planharvest.settings import Settings

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


@functools.cache
def _converted_sample(name: str) -> DocumentResult:
    return convert(SAMPLES / name)


def converted_sample(name: str) -> DocumentResult:
    """The result of converting the sample ``name``, computed once per session.

    Shared between tests and modules: read it, never change it."""
    sample(name)
    return _converted_sample(name)


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
