"""What the unit tests (``tests/unit``) and the end-to-end tests (``tests/e2e``) share.

The repository's folders, as constants (tests parametrise over them at import time, before
any fixture exists), and one conversion per sample document: several end-to-end modules
read the rows of the same samples, so each sample is converted once per test session.
The makers of test inputs live beside the samples (``samples/docxkit.py``,
``samples/hostile.py``) so that ``bench/`` can use them without importing ``tests/``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

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
