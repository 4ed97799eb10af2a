"""Issue 6 end to end: convert, decide (in the session and in a filled review.csv), re-run.

A decision made once is never asked again and never lost: the decided values
land in actions.*, those rows leave review, a decision whose row is gone is
reported as stale, and the session resumes without asking again.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from planharvest.cli import main
from planharvest.review.store import load_decisions
from tests.conftest import ROOT, SAMPLES


def _convert(plans: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["convert", str(plans), "--out", str(out),
                                       "--workers", "1", *extra])
    assert result.exit_code == 0, result.output


def _review_lines(out: Path) -> list[dict[str, str]]:
    with (out / "review.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _documents(out: Path) -> dict[str, dict[str, str]]:
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {line["path"]: line for line in csv.DictReader(handle)}


def _rows(out: Path) -> dict[str, dict]:
    return {row["record_id"]: row for row in json.loads((out / "actions.json").read_text())}


@pytest.fixture()
def first_run(tmp_path: Path) -> tuple[Path, Path]:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(SAMPLES / "001_tower_hamlets_2012.docx", plans)
    out = tmp_path / "out"
    _convert(plans, out)
    return plans, out


def test_decisions_survive_a_rerun(first_run: tuple[Path, Path], tmp_path: Path) -> None:
    plans, out = first_run
    decisions = out / "decisions.csv"
    lines = _review_lines(out)
    year_guess = next(line for line in lines if line["raw_value"] == "December")
    several = next(line for line in lines if line["flags"] == "deadline_several")

    # 1. A row decision made in the interactive session: keep the reading of the first item.
    first = lines[0]
    session = CliRunner().invoke(main, ["review", str(out), "--reviewer", "ana"], input="a\nq\n")
    assert session.exit_code == 0, session.output
    assert first["record_id"] in decisions.read_text()

    # 2. A filled review.csv: every cell printed "December" means December 2013 (value scope),
    #    and one row's several dates are settled by hand (row scope).
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerow(year_guess | {"decision": "set_all", "value": "December 2013"})
        writer.writerow(several | {"decision": "set", "value": "2012-09-30"})
    imported = CliRunner().invoke(main, ["review", str(out), "--import", str(filled),
                                         "--decisions", str(decisions), "--reviewer", "bo"])
    assert imported.exit_code == 0, imported.output

    # 3. A decision about a row that no longer exists.
    with decisions.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(
            ["row", "0000000000000000", "owners", "", "set", "Police", "cy", "2026-01-01", "0"])

    # 4. Re-run with the decisions.
    rerun = CliRunner().invoke(main, ["convert", str(plans), "--out", str(out),
                                      "--workers", "1", "--decisions", str(decisions)])
    assert rerun.exit_code == 0, rerun.output
    assert "0000000000000000" in rerun.output  # the stale decision is said out loud
    rows = _rows(out)
    decided = rows[year_guess["record_id"]]
    assert (decided["deadline_start"], decided["deadline_end"]) == ("2013-12-01", "2013-12-31")
    assert "deadline_year_inferred" not in decided["flags"]
    settled = rows[several["record_id"]]
    assert settled["deadline_end"] == "2012-09-30" and "deadline_several" not in settled["flags"]
    assert not any(code in rows[first["record_id"]]["flags"] for code in first["flags"].split("; "))
    # The same decided values in the CSV and the Parquet file.
    with (out / "actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        in_csv = {row["record_id"]: row for row in csv.DictReader(handle)}
    in_parquet = {row["record_id"]: row for row in pq.read_table(out / "actions.parquet")
                  .to_pylist()}
    for record_id, end in ((year_guess["record_id"], "2013-12-31"),
                           (several["record_id"], "2012-09-30")):
        assert in_csv[record_id]["deadline_end"] == end
        assert in_csv[record_id]["needs_review"] == "false"
        assert str(in_parquet[record_id]["deadline_end"]) == end
        assert in_parquet[record_id]["needs_review"] is False
        # A person set the value: the row says so, and names the field.
        assert in_csv[record_id]["decided"] == "deadline"
        assert in_parquet[record_id]["decided"] == ["deadline"]
    assert sum(bool(row["decided"]) for row in in_csv.values()) == 3  # the session's row too
    report = (out / "report.html").read_text(encoding="utf-8")
    decided_table = report[report.index("<h2>Decided rows</h2>"):]
    assert decided_table.count("<td>deadline</td>") >= 2

    after = _review_lines(out)
    assert not any(line["record_id"] in (year_guess["record_id"], several["record_id"])
                   for line in after)
    stale = [line for line in after if "decision_stale" in line["flags"]]
    assert [line["record_id"] for line in stale] == ["0000000000000000"]
    assert "0000000000000000" in (out / "report.html").read_text()
    listing = _documents(out)[str(decisions)]  # documents.csv's run summary names it too
    assert listing["format"] == "decisions" and listing["status"] == "ok"
    assert listing["error"].startswith("4 decision(s): 3 applied, 1 stale")
    assert "no row has record_id 0000000000000000" in listing["error"]

    # 5. The session does not ask again about what was decided.
    again = CliRunner().invoke(main, ["review", str(out), "--reviewer", "ana"], input="q\n")
    assert year_guess["action_id"] not in again.output.split("\n")[0]


def _plan_with_owner(path: Path, owner: str) -> None:
    """A one-table plan (built with the samples' python-docx kit) whose owner is ``owner``."""
    from samples.docxkit import add_table, new_document, save

    doc = new_document("Test plan 2012")
    add_table(doc, [["Ref", "Action", "Owner", "Deadline"],
                    ["A1", f"Run the {path.stem} scheme", owner, "March 2012"]],
              [2, 8, 4, 3], header_rows=1)
    save(doc, path)


def test_review_of_a_folder_without_rows_names_it(first_run: tuple[Path, Path]) -> None:
    """A run whose actions.json and actions.csv are gone: `review` says so and names the
    folder, exit status 1, instead of calling every line of review.csv stale."""
    _, out = first_run
    (out / "actions.json").unlink()
    (out / "actions.csv").unlink()
    result = CliRunner().invoke(main, ["review", str(out)], input="q\n")
    assert result.exit_code == 1
    assert f"neither actions.json nor actions.csv is in {out}" in result.output


def test_value_decisions_on_owners_become_aliases(tmp_path: Path) -> None:
    """A 'set_all' on an owner teaches the registry: on the next run that printed name is
    matched everywhere, with no flag, including in documents added since. (A bare name no
    registry knows: one with a head noun, "Blue Lamp Trust", is read by its shape and only
    noted, so no review line offers it alone.)"""
    plans = tmp_path / "plans"
    plans.mkdir()
    _plan_with_owner(plans / "first.docx", "Bluelamp")
    out = tmp_path / "out"
    _convert(plans, out)
    line = next(line for line in _review_lines(out) if line["field"] == "owners")
    assert line["flags"] == "owner_unmatched" and line["raw_value"] == "Bluelamp"

    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(line))
        writer.writeheader()
        writer.writerow(line | {"decision": "set_all", "value": "Victim Support"})
    decisions = out / "decisions.csv"
    result = CliRunner().invoke(main, ["review", str(out), "--import", str(filled)])
    assert result.exit_code == 0, result.output

    _plan_with_owner(plans / "second.docx", "Bluelamp")
    _convert(plans, out, "--decisions", str(decisions))
    rows = list(_rows(out).values())
    assert len(rows) == 2
    assert all(row["owners"] == ["Victim Support"] and not row["flags"] for row in rows)



def test_one_unmatched_organisation_spelled_three_ways_is_proposed_and_settled_once(
        tmp_path: Path) -> None:
    """The batch's unmatched owner strings are clustered: every spelling's review line offers
    the proposed name first; picking it with 'set for every row with this text' in the
    session, once per spelling, settles every row, and later runs match them as aliases."""
    plans = tmp_path / "plans"
    plans.mkdir()
    spellings = ["Charnwood Arts Forum", "Charnwood arts forum", "Charnwod Arts Forum"]
    for number, owner in enumerate(spellings):
        _plan_with_owner(plans / f"plan{number}.docx", owner)
    out = tmp_path / "out"
    _convert(plans, out)
    lines = [line for line in _review_lines(out) if line["field"] == "owners"]
    assert sorted(line["raw_value"] for line in lines) == sorted(spellings)
    for line in lines:
        assert line["candidates"].split("; ")[0] == "Charnwood Arts Forum", line
        assert "this batch also writes it" in line["reasons"]
    assert "proposed name" in (out / "report.html").read_text(encoding="utf-8")

    # 'A' (every row printed so, case aside) and candidate 1, the proposal: two answers for
    # the two spellings that differ by more than case.
    session = CliRunner().invoke(main, ["review", str(out), "--reviewer", "ana"],
                                 input="A\n1\n" * 2 + "q\n")
    assert session.output.count("saved: owners of every row") == 2, session.output
    assert session.exit_code == 0, session.output

    # A plan added since names the misspelling in a longer cell: matched as an alias.
    _plan_with_owner(plans / "plan3.docx", "Charnwod Arts Forum / Police")
    _convert(plans, out, "--decisions", str(out / "decisions.csv"))
    rows = sorted(_rows(out).values(), key=lambda row: row["source_file"])
    assert [row["owners"] for row in rows] == [["Charnwood Arts Forum"]] * 3 + [
        ["Charnwood Arts Forum", "Police"]]
    assert not any(row["flags"] for row in rows)


#: ``planharvest review`` as a user runs it, SIGKILLed by itself the moment its N-th save is
#: about to rename the new decisions file into place (written and fsynced, not yet committed).
_REVIEW_KILLED_AT_SAVE = """
import os, signal, sys
from pathlib import Path
saves, real_replace = [0], os.replace
def replace(source, target, *args, **kwargs):
    if Path(target).name == "decisions.csv":
        saves[0] += 1
        if saves[0] == int(os.environ["KILL_AT_SAVE"]):
            os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(source, target, *args, **kwargs)
os.replace = replace
from planharvest.cli import main
sys.exit(main())
"""


def _review_process(out: Path, code: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *code, "review", str(out), "--reviewer", "ana"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_killing_the_review_mid_save_never_corrupts_the_decisions_file(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    # 14 fields in doubt between them (their notes are not walked)
    for name in ("000_sensible_measures", "001_tower_hamlets_2012", "002_leicestershire_laa_2006"):
        shutil.copy(SAMPLES / f"{name}.docx", plans)
    out = tmp_path / "out"
    _convert(plans, out)
    decisions = out / "decisions.csv"
    lines = _review_lines(out)
    order = [(line["record_id"], line["field"]) for line in lines]
    assert len(lines) >= 12

    # Killed inside its third save: the file holds the first two answers, whole.
    killed = _review_process(out, ["-c", _REVIEW_KILLED_AT_SAVE], KILL_AT_SAVE="3")
    killed.communicate("a\n" * len(lines), timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert [(d.record_id, d.field) for d in load_decisions(decisions)] == order[:2]

    # Killed at a random moment while answering as fast as it reads (a save every few
    # milliseconds): the file reads back whole, the answers in the order given, and none
    # is lost that the session reported saved.
    randomness = random.Random(6)
    for _round in range(3):
        before = len(load_decisions(decisions))
        session = _review_process(out, ["-m", "planharvest"])
        assert session.stdin is not None and session.stdout is not None
        session.stdin.write("a\n" * len(lines))
        session.stdin.flush()
        reported, wanted = 0, randomness.randint(1, 3)
        while reported < wanted and (line := session.stdout.readline()):
            reported += line.count("saved: ")
        session.kill()
        session.wait(timeout=60)
        kept = [(d.record_id, d.field) for d in load_decisions(decisions)]
        assert session.returncode == -signal.SIGKILL or len(kept) == len(order)
        assert len(kept) >= before + reported
        assert kept == order[:len(kept)]
        if len(kept) == len(order):
            break

    # The next session resumes after the last answer the file kept.
    resumed = CliRunner().invoke(main, ["review", str(out)], input="q\n")
    kept_count = len(load_decisions(decisions))
    assert f"({kept_count} already decided)" in resumed.output
    if kept_count < len(order):
        assert f"[{kept_count + 1}/{len(lines)}]" in resumed.output
