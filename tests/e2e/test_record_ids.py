"""record_id stability, the ground decisions stand on: re-running, reordering the inputs,
adding documents and changing an unrelated extractor rule keep the ids of unchanged rows,
and so the reviewer's decisions on them (both scopes) still apply, none turns stale.

Runs the real command on a Word and a PDF sample (``--no-cache``: every run re-reads
the documents, so the ids are computed again, not replayed from the result cache).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from planharvest.cli import main
from planharvest.extract import headers
from tests.conftest import SAMPLES

PLANS = ("001_tower_hamlets_2012.docx", "003_tower_hamlets_draft.pdf")
ADDED = "003_tower_hamlets_draft.docx"


def _convert(inputs: list[Path], out: Path, decisions: Path | None = None) -> None:
    extra = ["--decisions", str(decisions)] if decisions else []
    result = CliRunner().invoke(main, ["convert", *map(str, inputs), "--out", str(out),
                                       "--workers", "1", "--no-cache", *extra])
    assert result.exit_code == 0, result.output


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _ids(out: Path) -> dict[tuple[str, str, str], str]:
    """(document, reference, action text) -> record_id."""
    return {(row["source_file"], row["action_id"], row["action"]): row["record_id"]
            for row in json.loads((out / "actions.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(plans folder, first run's output, decisions file): one decision of each scope and
    kind made on the first run through ``review --import``."""
    root = tmp_path_factory.mktemp("ids")
    plans = root / "plans"
    plans.mkdir()
    for name in (*PLANS, ADDED):
        shutil.copy(SAMPLES / name, plans / name)
    first = root / "first"
    _convert([plans / name for name in PLANS], first)
    lines = _csv(first / "review.csv")
    answers = {}
    deadlines = [line for line in lines if line["field"] == "deadline" and line["candidates"]]
    split = [line for line in lines if line["source_file"].endswith(".pdf")
             and line["field"] == "row"]
    assert len(deadlines) >= 2 and split, "the samples no longer flag what this test decides"
    answers[deadlines[0]["record_id"], "deadline"] = (
        "set", deadlines[0]["candidates"].split("; ")[0])
    answers[deadlines[1]["record_id"], "deadline"] = ("set_all", "2012-03-31")
    answers[split[0]["record_id"], "row"] = ("accept", "")
    for line in lines:
        line["decision"], line["value"] = answers.get((line["record_id"], line["field"]),
                                                      ("", ""))
    filled = root / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerows(lines)
    decisions = root / "decisions.csv"
    result = CliRunner().invoke(main, ["review", str(first), "--import", str(filled),
                                       "--decisions", str(decisions)])
    assert result.exit_code == 0, result.output
    assert len(_csv(decisions)) == 3
    return plans, first, decisions


def _assert_kept(first: Path, out: Path, decisions: Path) -> None:
    """Every row of the first run keeps its id, and every decision still applies."""
    before, after = _ids(first), _ids(out)
    assert {key: after.get(key) for key in before} == before
    listing = {line["path"]: line for line in _csv(out / "documents.csv")}[str(decisions)]
    assert listing["error"] == "3 decision(s): 3 applied, 0 stale", listing["error"]
    flagged_before = {line["record_id"] for line in _csv(first / "review.csv")}
    decided = {line["record_id"] for line in _csv(decisions) if line["record_id"]}
    still_flagged = {line["record_id"] for line in _csv(out / "review.csv")}
    assert decided <= flagged_before and not decided & still_flagged


def test_a_rerun_keeps_ids_and_decisions(decided: tuple[Path, Path, Path],
                                        tmp_path: Path) -> None:
    plans, first, decisions = decided
    _convert([plans / name for name in PLANS], tmp_path / "out", decisions)
    _assert_kept(first, tmp_path / "out", decisions)


def test_reordered_inputs_and_an_added_document_keep_ids_and_decisions(
        decided: tuple[Path, Path, Path], tmp_path: Path) -> None:
    plans, first, decisions = decided
    _convert([plans / ADDED, *[plans / name for name in reversed(PLANS)]], tmp_path / "out",
             decisions)
    _assert_kept(first, tmp_path / "out", decisions)
    assert any(key[0] == ADDED for key in _ids(tmp_path / "out"))


def test_an_unrelated_extractor_rule_change_keeps_ids_and_decisions(
        decided: tuple[Path, Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A header rule changes (KPI columns now read as outcomes): those columns move, the
    actions' ids and the decisions about them stay."""
    plans, first, decisions = decided
    synonyms = headers.column_synonyms()
    changed = headers.SynonymTable(
        {label: "outcomes" if field == "kpi" else field
         for label, field in synonyms.by_folded.items()}, synonyms.choices)
    monkeypatch.setattr(headers, "column_synonyms", lambda: changed)
    out = tmp_path / "out"
    _convert([plans / name for name in PLANS], out, decisions)
    rows_before = json.loads((first / "actions.json").read_text(encoding="utf-8"))
    rows_after = json.loads((out / "actions.json").read_text(encoding="utf-8"))
    kpis = {row["record_id"]: row["kpi"] for row in rows_before if row["kpi"]}
    assert len(kpis) >= 10  # the rule really changed the output
    assert {row["record_id"]: row["outcomes"] for row in rows_after
            if row["record_id"] in kpis} == kpis
    _assert_kept(first, out, decisions)
