"""Hostile inputs, second round (issue 16): what an independent suite found left over.

Every input here is a real file written by the suite (``samples/hostile.py``) and read
through the real libraries: nested PDF forms, unreadable pages and content streams,
sideways text, tables nested in Word cells, folders that cannot be listed, links out of
the input folder, misnamed files, and a run killed between its manifest and its renames.
Time is asserted only as a generous hang detector (``HANG_SECONDS``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import planharvest
from planharvest.api import DatasetError
from planharvest.cli import main
from samples import hostile
from tests.e2e.test_hostile import (
    HANG_SECONDS,
    _cli_command,
    _flagged_plan,
    _runs_seen,
    convert,
    documents,
    run_cli,
)

# -- nested forms -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forms")
    hostile.form_bomb_pdf(folder / "deep.pdf", levels=2000, fan_out=1)
    hostile.form_bomb_pdf(folder / "lines.pdf", levels=6, fan_out=10, leaf=hostile.FORM_LINES)
    hostile.action_plan_pdf(folder / "good.pdf")
    return folder


def test_forms_nested_past_any_stack_fail_with_one_clear_reason(forms: Path,
                                                                tmp_path: Path) -> None:
    started = time.monotonic()
    result = convert([forms], tmp_path / "out")
    assert time.monotonic() - started < HANG_SECONDS
    assert result.exit_code == 1
    listed = documents(tmp_path / "out")
    assert listed["deep.pdf"]["status"] == "failed"
    assert "more than 40 deep (max_form_depth)" in listed["deep.pdf"]["error"]
    assert listed["good.pdf"]["status"] == "ok"
    assert "internal error" not in result.output


def test_forms_painting_millions_of_lines_are_refused_before_they_are_drawn(
        forms: Path, tmp_path: Path) -> None:
    listed = documents(_converted(forms, tmp_path))
    assert listed["lines.pdf"]["status"] == "failed"
    assert "20,000,000 lines and shapes" in listed["lines.pdf"]["error"]
    assert "max_page_drawings" in listed["lines.pdf"]["error"]


def test_the_tables_command_names_the_nested_forms_without_a_traceback(forms: Path) -> None:
    result = CliRunner().invoke(main, ["tables", str(forms / "deep.pdf")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ")
    assert "deep.pdf" in result.output and "max_form_depth" in result.output


def _converted(folder: Path, tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "out"
    if not (out / "documents.csv").exists():
        convert([folder], out, *options)
    return out


# -- --max-seconds that is no number ---------------------------------------------------------


@pytest.mark.parametrize(("option", "value"), [
    ("--max-seconds", "nan"), ("--max-seconds", "inf"), ("--max-seconds", "1e12"),
    ("--max-megabytes", "nan"), ("--max-megabytes", "inf"),
])
def test_limits_that_are_no_number_are_usage_errors_before_any_work(
        tmp_path: Path, option: str, value: str) -> None:
    good = hostile.action_plan_pdf(tmp_path / "in" / "good.pdf")
    result = convert([good.parent], tmp_path / "out", option, value)
    assert result.exit_code == 2
    assert option in result.output
    assert not (tmp_path / "out").exists()


# -- a run killed between its manifest and its renames -------------------------------------


def _half_committed(tmp_path: Path) -> Path:
    """A folder holding alpha's complete run and beta's run killed mid-commit: actions.*
    already beta's, documents.csv and the rest still alpha's, beta's manifest staged."""
    out = tmp_path / "out"
    assert convert([_flagged_plan(tmp_path / "a", "alpha.docx").parent], out).exit_code == 0
    killed = run_cli(["convert", str(_flagged_plan(tmp_path / "b", "beta.docx").parent),
                      "--out", str(out), "--workers", "1"], KILL_COMMITTING="documents.csv")
    assert killed.returncode == -signal.SIGKILL
    assert len(set(_runs_seen(out).values())) == 2  # a mixture, as the kill left it
    return out


def test_read_dataset_finishes_a_commit_cut_short_and_reads_one_run(tmp_path: Path) -> None:
    out = _half_committed(tmp_path)
    dataset = planharvest.read_dataset(out)
    assert set(dataset.documents["path"]) == {"beta.docx"}
    assert set(dataset.actions["source_file"]) == {"beta.docx"}
    assert set(_runs_seen(out).values()) == {frozenset({"beta.docx"})}
    assert not list(out.glob(".planharvest-staging*"))


def test_review_finishes_a_commit_cut_short_before_it_asks(tmp_path: Path) -> None:
    out = _half_committed(tmp_path)
    result = CliRunner().invoke(main, ["review", str(out)], input="q\n")
    assert result.exit_code == 0, result.output
    assert "beta.docx" in result.output and "alpha.docx" not in result.output
    assert set(_runs_seen(out).values()) == {frozenset({"beta.docx"})}


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """``folder`` made unwritable, for root too (the immutable attribute), else by mode."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here, and root writes any folder")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_half_committed_folder_that_cannot_be_finished_is_refused_not_read(
        tmp_path: Path) -> None:
    out = _half_committed(tmp_path)
    with unwritable(out):
        with pytest.raises(DatasetError, match="killed while putting its files"):
            planharvest.read_dataset(out)
        result = CliRunner().invoke(main, ["review", str(out)], input="q\n")
    assert result.exit_code == 1
    assert "killed while putting its files in place" in result.output
    assert "Traceback" not in result.output
    assert "alpha.docx" not in result.output and "beta.docx" not in result.output
    staged = next(out.glob(".planharvest-staging*"))
    assert json.loads((staged / "manifest.json").read_text())["files"]


# -- folders that cannot be listed, links out of the input folder -------------------------


def test_a_folder_nested_past_the_path_limit_is_named_and_the_run_exits_1(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    hostile.too_deep_folder(folder / "deep")
    hostile.action_plan_pdf(folder / "good.pdf")
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 1
    unlisted = [row for path, row in documents(tmp_path / "out").items()
                if path.startswith("deep/")]
    assert len(unlisted) == 1
    assert unlisted[0]["status"] == "failed"
    assert unlisted[0]["error"] == ("the folder cannot be listed (file name too long): none "
                                    "of its files were read")
    assert "failed: deep/" in result.output and "file name too long" in result.output
    assert documents(tmp_path / "out")["good.pdf"]["actions_found"] == "3"


def test_a_folder_without_permission_to_list_it_is_named_and_the_run_exits_1(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    hostile.action_plan_pdf(folder / "good.pdf")
    hostile.action_plan_pdf(folder / "private" / "secret.pdf")
    (folder / "private").chmod(0)
    # root lists any folder: the command runs without the capabilities that allow it
    drop = (["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
            if os.geteuid() == 0 else [])
    args = ["convert", str(folder), "--out", str(tmp_path / "out"), "--workers", "1"]
    try:
        command = _cli_command(args, {})
        command["args"] = drop + command["args"]
        finished = subprocess.run(**command, capture_output=True, text=True,
                                  timeout=HANG_SECONDS)
    finally:
        (folder / "private").chmod(0o755)
    assert finished.returncode == 1, finished.stderr
    assert "Traceback" not in finished.stderr
    assert "failed: private: the folder cannot be listed (permission denied)" in finished.stderr
    listed = documents(tmp_path / "out")
    assert listed["private"]["status"] == "failed"
    assert listed["good.pdf"]["status"] == "ok"


def test_links_out_of_the_input_folder_are_skipped_unless_follow_links(tmp_path: Path) -> None:
    outside = hostile.action_plan_pdf(tmp_path / "elsewhere" / "plan.pdf")
    hostile.action_plan_pdf(tmp_path / "elsewhere" / "other.pdf", first=20)
    folder = tmp_path / "in"
    hostile.action_plan_pdf(folder / "good.pdf", first=10)
    (folder / "linked.pdf").symlink_to(outside)
    (folder / "null").symlink_to(os.devnull)
    (folder / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 0
    listed = documents(tmp_path / "out")
    assert listed["linked.pdf"]["status"] == "skipped"
    assert listed["linked.pdf"]["error"].startswith(
        f"a link outside the input folder, to a file {outside}: not read")
    assert "--follow-links" in listed["linked.pdf"]["error"]
    assert "to a device /dev/null" in listed["null"]["error"]
    assert "to a folder" in listed["elsewhere"]["error"]
    assert "3 files skipped: links leading outside the input folders" in result.output
    assert listed["good.pdf"]["actions_found"] == "3"

    followed = convert([folder], tmp_path / "followed", "--follow-links")
    assert followed.exit_code == 0
    listed = documents(tmp_path / "followed")
    assert listed["linked.pdf"]["status"] == "ok"
    assert listed["null"]["error"] == "not a supported file type (a device)"
    assert listed["elsewhere/other.pdf"]["status"] == "ok"
    assert "elsewhere/plan.pdf" not in listed  # the file linked.pdf leads to, read once


# -- content lost without a word --------------------------------------------------------------


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("damaged")
    hostile.wrong_length_pdf(folder / "length.pdf")
    hostile.wrong_length_pdf(folder / "length_deflated.pdf", compress=True)
    hostile.corrupt_stream_pdf(folder / "corrupt.pdf")
    hostile.action_plan_pdf(folder / "sound.pdf")
    out = folder / "out"
    assert convert([folder], out).exit_code == 0
    return folder, documents(out)


def test_a_stream_with_a_wrong_length_is_named_not_read_as_nothing(damaged) -> None:
    folder, listed = damaged
    if shutil.which("pdftotext"):  # a lenient reader reads what pdfminer loses
        printed = subprocess.run(["pdftotext", str(folder / "length.pdf"), "-"],
                                 capture_output=True, text=True, check=True).stdout
        assert printed.count("Run community safety event number 3") == 2
    for name in ("length.pdf", "length_deflated.pdf"):
        assert listed[name]["status"] == "ok"
        assert "1 stream(s) of the PDF declare a wrong /Length" in listed[name]["error"]
        assert "its page tree declares 2 pages but only 1 could be found" in \
            listed[name]["error"]


def test_a_page_whose_content_does_not_decompress_is_named(damaged) -> None:
    _folder, listed = damaged
    assert listed["corrupt.pdf"]["status"] == "ok"
    assert listed["corrupt.pdf"]["actions_found"] == "3"  # page 2, whole
    assert listed["corrupt.pdf"]["error"].startswith(
        "page 1 is damaged: part of its content does not decompress")
    assert listed["sound.pdf"]["error"] == ""


def test_action_tables_nested_in_a_layout_table_are_read(tmp_path: Path) -> None:
    plan = hostile.layout_table_docx(tmp_path / "in" / "layout.docx")
    assert convert([plan.parent], tmp_path / "out").exit_code == 0
    rows = json.loads((tmp_path / "out" / "actions.json").read_text(encoding="utf-8"))
    assert [row["action_id"] for row in rows] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert rows[0]["action"] == "Run community safety event number 1 in the town centre"
    assert {row["deadline_raw"] for row in rows} >= {"June 2009"}


# -- messages in words -------------------------------------------------------------------


def test_a_malformed_page_size_is_said_in_words_not_as_a_parser_dump(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for path in hostile.bad_media_box_pdfs(folder):
        assert path.exists()
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 1
    for row in documents(tmp_path / "out").values():
        assert row["status"] == "failed"
        assert "b'" not in row["error"] and "[" not in row["error"], row["error"]
        assert "()" not in row["error"]


@pytest.mark.parametrize("down", [False, True], ids=["reading-up", "reading-down"])
def test_a_page_set_sideways_is_read_turned_upright_and_named(tmp_path: Path,
                                                              down: bool) -> None:
    plan = hostile.sideways_pdf(tmp_path / "in" / "sideways.pdf", down=down)
    assert convert([plan.parent], tmp_path / "out").exit_code == 0
    rows = json.loads((tmp_path / "out" / "actions.json").read_text(encoding="utf-8"))
    assert [(row["action_id"], row["owner_raw"], row["deadline_raw"]) for row in rows] == [
        ("A1", "Police", "June 2009"), ("A2", "Police", "Sept 2009"),
        ("A3", "Police", "December 2009")]
    assert rows[0]["action"] == "Run community safety event number 1 in the town centre"
    assert "page 1: its text is set sideways; it was read turned upright" in \
        documents(tmp_path / "out")["sideways.pdf"]["error"]


def test_a_web_page_named_doc_that_quotes_a_pdf_header_is_called_a_web_page(
        tmp_path: Path) -> None:
    page = hostile.write_file(tmp_path / "in" / "plan.doc", (
        b"<!DOCTYPE html>\n<html><head><title>Action plan</title></head><body>"
        b"<p>Exported with %PDF-1.4 settings</p></body></html>\n"))
    assert convert([page.parent], tmp_path / "out").exit_code == 1
    error = documents(tmp_path / "out")["plan.doc"]["error"]
    assert error == ("the file's bytes are not PDF, Word, OpenDocument or RTF: it is an HTML "
                     "page, whatever its name says")


def test_library_messages_lose_their_raw_values_and_are_never_empty() -> None:
    from planharvest.errors import plain_cause

    class DecompressionBombError(Exception):
        pass

    assert plain_cause(ValueError("Integer required: [b'\\x14', 62, 842]")) == \
        "Integer required"
    assert plain_cause(DecompressionBombError()) == "decompression bomb error, no detail given"
    assert plain_cause(OSError("x" * 500)).endswith("\u2026")
