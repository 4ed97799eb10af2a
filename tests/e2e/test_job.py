"""One document's failures: only a ``PlanharvestError`` is the document's fault; any other
exception is a bug, labelled "internal error", with its traceback under ``--debug``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planharvest import job
from planharvest.cli import main
from planharvest.job import DocumentJob, InputError, process_document
from planharvest.settings import Settings
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "000_sensible_measures.docx"


def buggy_stitch(_blocks: object) -> object:
    """Stitching with a bug in it: a ValueError no reader raised on purpose."""
    return max([])


def test_a_value_error_inside_stitching_is_an_internal_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job, "stitch_tables", buggy_stitch)
    plain = process_document(DocumentJob(str(SAMPLE), SAMPLE.name, Settings()))
    assert plain.record.status == "failed"
    assert plain.record.error.startswith("internal error while reading this file: ValueError: ")
    assert "Traceback" not in plain.record.error
    debug = process_document(DocumentJob(str(SAMPLE), SAMPLE.name, Settings(), debug=True))
    assert "Traceback (most recent call last)" in debug.record.error
    assert "buggy_stitch" in debug.record.error


def test_a_planharvest_error_is_the_documents_fault_in_its_own_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refusing_stitch(_blocks: object) -> object:
        raise InputError("the tables cannot be joined")

    monkeypatch.setattr(job, "stitch_tables", refusing_stitch)
    result = process_document(DocumentJob(str(SAMPLE), SAMPLE.name, Settings(), debug=True))
    assert (result.record.status, result.record.error) == ("failed",
                                                           "the tables cannot be joined")


def test_the_command_shows_a_stitching_bug_as_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job, "stitch_tables", buggy_stitch)  # one worker: read in this process
    args = ["convert", str(SAMPLE), "--out", str(tmp_path), "--workers", "1", "--no-cache"]
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 1
    assert f"failed: {SAMPLE.name}: internal error while reading this file: ValueError" in (
        plain.stderr)
    assert "Traceback" not in plain.stderr
    debug = CliRunner().invoke(main, [*args, "--debug"])
    assert "Traceback (most recent call last)" in debug.stderr
