"""Nothing a user did is ever lost: one run at a time per output folder, option files
checked before anything is touched, a reviewer's work kept, no silent wipe, a quiet and
honest terminal. Real ``planharvest convert`` processes on the bundled samples."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from frictionless import validate

from planharvest.batch.cache import CACHE_FOLDER
from planharvest.export import lock, staging
from tests.conftest import SAMPLES

WORD = SAMPLES / "004_warwickshire_laa_2008.docx"  # 45 rows; 'Analysts' is an owner there
OTHER = SAMPLES / "003_tower_hamlets_draft.docx"  # 27 rows
OUTPUTS = ("actions.csv", "actions.json", "actions.parquet", "review.csv", "documents.csv",
           "datapackage.json", "report.html")
#: An owners file as Excel saves it on Windows: a curly apostrophe is byte 0x92.
OWNERS = "name,aliases\nO\u2019Neill Analysts Unit,Analysts\n"


def planharvest(*args: str | Path, check: int | None = None,
                **popen: object) -> subprocess.CompletedProcess[str]:
    """``planharvest ARGS`` as a user runs it: another process, its exit status and output."""
    result = subprocess.run([sys.executable, "-m", "planharvest", *map(str, args)],
                            capture_output=True, text=True, timeout=600, **popen)
    assert "Traceback" not in result.stderr, result.stderr
    if check is not None:
        assert result.returncode == check, result.stderr
    return result


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def one_run(out: Path) -> None:
    """The folder holds the files of one run, complete: every file names the same
    documents and rows."""
    documents = {row["path"] for row in rows(out / "documents.csv")}
    actions = rows(out / "actions.csv")
    assert {row["source_file"] for row in actions} <= documents
    as_json = json.loads((out / "actions.json").read_text(encoding="utf-8"))
    assert [row["record_id"] for row in as_json] == [row["record_id"] for row in actions]
    assert {row["record_id"] for row in rows(out / "review.csv")} <= {
        row["record_id"] for row in actions}


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished run of WORD, to copy: every test starts from a dataset worth keeping."""
    out = tmp_path_factory.mktemp("done") / "out"
    planharvest("convert", WORD, "--out", out, check=0)
    return out


@pytest.fixture
def dataset(done: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(done, out)
    return out


# -- one run at a time ----------------------------------------------------------------------


def test_two_runs_started_at_once_never_mix_and_never_crash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(4):  # bench/concurrent_runs.py runs it many more times
        runs = [subprocess.Popen([sys.executable, "-m", "planharvest", "convert", str(document),
                                  "--out", str(out), "--workers", "1"],
                                 stderr=subprocess.PIPE, text=True)
                for document in (WORD, OTHER)]
        ended = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
        for code, stderr in ended:
            assert "Traceback" not in stderr, stderr
            assert code in (0, 2), stderr
            if code == 2:
                assert "is in use by another planharvest run (pid " in stderr, stderr
        assert 0 in [code for code, _ in ended]
        one_run(out)
        assert not list(out.glob(f"{staging.STAGING}*"))


def test_a_folder_in_use_is_refused_at_once_naming_the_other_run(dataset: Path) -> None:
    before = files(dataset)
    with lock.locked(dataset):  # this test process is the other run
        refused = planharvest("convert", WORD, "--out", dataset, check=2)
    assert f"is in use by another planharvest run (pid {os.getpid()} on " in refused.stderr
    assert ", started 20" in refused.stderr
    assert files(dataset) == before


def test_the_lock_and_staging_of_a_killed_run_are_taken_over(dataset: Path) -> None:
    before = files(dataset)
    killed = subprocess.run([sys.executable, "-c", (
        "import os, sys, pathlib\n"
        "from planharvest.export import lock, staging\n"
        "out = pathlib.Path(sys.argv[1])\n"
        "with lock.locked(out), staging.staged(out) as folder:\n"
        "    (folder / 'actions.csv').write_text('half a run')\n"
        "    os.kill(os.getpid(), 9)\n"), str(dataset)], check=False)
    assert killed.returncode == -signal.SIGKILL
    assert list(dataset.glob(f"{staging.STAGING}-*"))  # what the killed run left
    assert files(dataset) == before
    again = planharvest("convert", WORD, "--out", dataset, check=0)
    assert "was killed before it finished; its lock was taken over" in again.stderr
    assert not list(dataset.glob(f"{staging.STAGING}*"))
    assert files(dataset)["actions.csv"] == before["actions.csv"]


# -- option files -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_an_owners_file_saved_by_windows_tools_is_read(tmp_path: Path, encoding: str) -> None:
    owners = tmp_path / "owners.csv"
    owners.write_bytes(OWNERS.replace("\n", "\r\n").encode(encoding))
    planharvest("convert", WORD, "--out", tmp_path / "out", "--owners", owners, check=0)
    found = {row["owner_raw"]: row["owners"] for row in rows(tmp_path / "out" / "actions.csv")}
    assert "O\u2019Neill Analysts Unit" in found["Analysts/Police/Probation /MAPPA"]


def test_an_owners_file_given_as_a_pipe_is_read(tmp_path: Path) -> None:
    owners = tmp_path / "owners.csv"
    owners.write_text(OWNERS, encoding="utf-8")
    out = tmp_path / "out"
    command = (f"{sys.executable} -m planharvest convert {WORD} --out {out} "
               f"--owners <(cat {owners})")
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    found = {row["owner_raw"]: row["owners"] for row in rows(out / "actions.csv")}
    assert "O\u2019Neill Analysts Unit" in found["Analysts/Police/Probation /MAPPA"]


BAD_FILES = {
    "a wrong header": (b"organisation,aliases\nX,Y\n", "line 1: an owners file needs the "
                       "column(s) name (the header has 'organisation', 'aliases')"),
    "bytes no Windows text holds": (b"name,aliases\nA\x81B,C\n", "line 2: neither UTF-8 nor "
                                    "Windows-1252 text (byte 0x81)"),
    "a spreadsheet": (b"PK\x03\x04\x14\x00\x00\x00name\x00\x00", "line 1: not a text file"),
    "a huge cell": (b"x" * 140_000 + b",y\n",
                    "line 1: not readable as CSV: a cell is longer than 131,072 characters"),
}


@pytest.mark.parametrize("option", ["--owners", "--indicators", "--decisions"])
@pytest.mark.parametrize("problem", list(BAD_FILES))
def test_a_bad_option_file_is_refused_before_anything_changes(
        dataset: Path, tmp_path: Path, option: str, problem: str) -> None:
    data, message = BAD_FILES[problem]
    if problem == "a wrong header":
        message = {"--owners": message, "--indicators": "line 1: an indicators file needs the "
                   "column(s) code", "--decisions": "line 1: a decisions file needs the "
                   "column(s) scope"}[option]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data)
    before = {path.relative_to(dataset): path.read_bytes()
              for path in dataset.rglob("*") if path.is_file()}
    result = planharvest("convert", WORD, "--out", dataset, option, bad, check=2)
    assert option in result.stderr and f"{bad}, {message}" in " ".join(result.stderr.split())
    assert {path.relative_to(dataset): path.read_bytes()
            for path in dataset.rglob("*") if path.is_file()} == before


# -- the reviewer's work ------------------------------------------------------------------


def fill_review(out: Path, verdict: str) -> str:
    """Fill the first line of ``out/review.csv`` as a reviewer in a spreadsheet would; the
    record_id decided."""
    lines = rows(out / "review.csv")
    lines[0]["decision"] = verdict
    with (out / "review.csv").open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerows(lines)
    return lines[0]["record_id"]


def record_ids(out: Path) -> set[str]:
    return {row["record_id"] for row in rows(out / "actions.csv")}


def test_decisions_typed_into_review_csv_are_imported_then_applied_by_default(
        dataset: Path) -> None:
    decided = fill_review(dataset, "not_action")
    imported = planharvest("convert", WORD, "--out", dataset, check=0)
    assert f"1 decision(s) typed into {dataset / 'review.csv'} imported into " \
           f"{dataset / 'decisions.csv'}" in imported.stderr
    assert decided not in record_ids(dataset)
    assert decided not in {row["record_id"] for row in rows(dataset / "review.csv")}
    planharvest("convert", WORD, "--out", dataset, check=0)  # decisions.csv, by default
    assert decided not in record_ids(dataset)
    planharvest("convert", WORD, "--out", dataset, "--no-decisions", check=0)
    assert decided in record_ids(dataset)
    assert (dataset / "decisions.csv").exists()  # kept, only not applied


def test_typed_decisions_are_never_overwritten_unimported(dataset: Path) -> None:
    fill_review(dataset, "not_action")
    before = files(dataset)
    refused = planharvest("convert", WORD, "--out", dataset, "--no-decisions", check=2)
    assert "holds 1 decision(s) typed in since the last run" in refused.stderr
    assert f"planharvest review {dataset} --import" in " ".join(refused.stderr.split())
    assert files(dataset) == before


def test_a_decisions_file_that_does_not_exist_is_a_usage_error(dataset: Path) -> None:
    before = files(dataset)
    missing = dataset / "decsions.csv"
    refused = planharvest("convert", WORD, "--out", dataset, "--decisions", missing, check=2)
    assert "--decisions" in refused.stderr and f"{missing}: no such file" in refused.stderr
    assert files(dataset) == before


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_decisions_file_saved_by_excel_is_applied(dataset: Path, tmp_path: Path,
                                                    encoding: str) -> None:
    decided = fill_review(dataset, "not_action")
    planharvest("review", dataset, "--import", dataset / "review.csv", "--reviewer",
                "Zo\u00eb", check=0)
    saved = tmp_path / "decisions.csv"
    saved.write_bytes((dataset / "decisions.csv").read_text(encoding="utf-8")
                      .encode(encoding))
    (dataset / "decisions.csv").unlink()
    planharvest("convert", WORD, "--out", dataset, "--decisions", saved, check=0)
    assert decided not in record_ids(dataset)


# -- no silent wipe, a cache that keeps the rest ------------------------------------------


def test_a_run_finding_no_documents_does_not_wipe_the_dataset(dataset: Path,
                                                              tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a plan")
    before = files(dataset)
    cached = sorted(dataset.joinpath(CACHE_FOLDER).rglob("*.json"))
    refused = planharvest("convert", empty, "--out", dataset, check=2)
    assert "no documents found in the input" in refused.stderr
    assert "holds a dataset of 1 document(s)" in refused.stderr and "--replace" in refused.stderr
    assert files(dataset) == before
    planharvest("convert", empty, "--out", dataset, "--replace", check=0)
    assert rows(dataset / "actions.csv") == []
    assert sorted(dataset.joinpath(CACHE_FOLDER).rglob("*.json")) == cached  # kept


def test_a_subset_run_keeps_the_others_in_the_cache(tmp_path: Path) -> None:
    both = tmp_path / "in"
    both.mkdir()
    for document in (WORD, OTHER):
        shutil.copyfile(document, both / document.name)
    out = tmp_path / "out"
    planharvest("convert", both, "--out", out, check=0)
    planharvest("convert", both / OTHER.name, "--out", out, check=0)
    again = planharvest("convert", both, "--out", out, check=0)
    assert "2 documents (2 ok, 0 failed, 0 skipped, 2 from cache)" in again.stderr


# -- duplicates, and what is an input -----------------------------------------------------


def test_byte_identical_files_are_converted_once_and_ids_stay_unique(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "copies").mkdir(parents=True)
    shutil.copyfile(WORD, inputs / "a.docx")
    shutil.copyfile(WORD, inputs / "copies" / "a again.docx")
    out = tmp_path / "out"
    result = planharvest("convert", inputs, "--out", out, check=0)
    assert "1 files skipped: the same bytes as another input" in result.stderr
    listed = {row["path"]: row for row in rows(out / "documents.csv")}
    assert listed["a.docx"]["status"] == "ok" and listed["a.docx"]["actions_found"] == "45"
    assert listed["copies/a again.docx"]["status"] == "skipped"
    assert listed["copies/a again.docx"]["error"].startswith("same bytes as a.docx")
    ids = [row["record_id"] for row in rows(out / "actions.csv")]
    assert len(ids) == len(set(ids)) == 45
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_terminal_sums_up_skipped_files_and_never_reads_its_own_out(
        tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(SAMPLES / "000_sensible_measures.pdf", inputs / "plan_without_extension")
    for name in ("a.py", "b.py", "c.csv", "README.md"):
        (inputs / name).write_text("# writes b'%PDF-1.4' files: quoting it is not being one\n")
    out = inputs / "dataset"
    first = planharvest("convert", inputs, "--out", out, check=0)
    second = planharvest("convert", inputs, "--out", out, check=0)
    line = "4 files skipped: not documents \u2014 .py 2, .csv 1, .md 1; see documents.csv"
    assert first.stderr.count("skipped: not documents") == 1 and line in first.stderr
    assert line in second.stderr  # its own outputs (in dataset/) are not inputs
    assert "5 documents (1 ok, 0 failed, 4 skipped" in second.stderr
    listed = {row["path"]: row for row in rows(out / "documents.csv")}
    assert listed["plan_without_extension"]["format"] == "pdf"
    assert listed["plan_without_extension"]["actions_found"] == "70"
    assert not any(path.startswith("dataset/") for path in listed)


# -- Ctrl-C -------------------------------------------------------------------------------


def test_ctrl_c_exits_130_and_leaves_the_previous_outputs_whole(dataset: Path) -> None:
    before = files(dataset)
    samples = [path for path in SAMPLES.iterdir() if path.suffix in (".pdf", ".docx")]
    for _attempt in range(3):
        run = subprocess.Popen([sys.executable, "-m", "planharvest", "convert", *map(str, samples),
                                "--out", str(dataset), "--no-cache", "--workers", "2"],
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_as_from_a_terminal)
        holder = f'"pid": {run.pid}'
        while holder not in _lock_text(dataset) and run.poll() is None:
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGSTOP)  # hold it still: is it mid-run?
        mid_run = holder in _lock_text(dataset)
        os.killpg(run.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
        os.kill(run.pid, signal.SIGCONT)
        code, stderr = run.wait(timeout=600), run.stderr.read()
        if mid_run:
            break
    assert "Traceback" not in stderr, stderr
    assert code == 130, stderr
    assert "interrupted:" in stderr
    now = files(dataset)
    assert now == before or now["documents.csv"] != before["documents.csv"]  # one run whole
    one_run(dataset)
    assert not list(dataset.glob(f"{staging.STAGING}*"))


def _as_from_a_terminal() -> None:
    """In the child, before the command starts: Ctrl-C's signal handled as a terminal's
    foreground command has it. A process started by one that ignores SIGINT (pytest-xdist's
    workers do, as does a background job of a script) inherits the ignoring, and Python then
    never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _lock_text(out: Path) -> str:
    try:
        return (out / lock.LOCK).read_text(encoding="utf-8")
    except OSError:
        return ""
