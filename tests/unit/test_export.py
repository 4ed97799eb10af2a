"""The writers: same rows in CSV, Parquet and JSON; datapackage valid; CSV safe in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from frictionless import validate

from planharvest.export import staging
from planharvest.export.datapackage import write_datapackage
from planharvest.export.writers import write_csv, write_json, write_parquet
from planharvest.files import atomic_path
from planharvest.model import Action, DocumentRecord, Flag, ReviewItem, column_names


def _rows() -> list[Action]:
    first = Action(
        record_id="a1", source_file="plans/one.docx", source_sha256="0" * 64,
        source_format="docx", theme="Treatment", action_ref="PB C1", action_id="PBC1",
        action="=HYPERLINK(\"http://evil\") Develop a plan", owner_raw="Police + WCC",
        owners=["Warwickshire Police"], partners=["Warwickshire County Council"],
        deadline_raw="Mar 09", deadline_kind="date", deadline_start=dt.date(2009, 3, 1),
        deadline_end=dt.date(2009, 3, 31), deadline_precision="month",
        indicators=["NI 15", "NI 16"], kpi="-5% crime", notes="@mention",
    )
    first.add_flags([Flag(code="owner_ambiguous", field="owners", reason="close match",
                          candidates=("Warwickshire Police", "Police"))])
    second = Action(record_id="a2", source_file="plans/two.pdf", source_sha256="1" * 64,
                    source_format="pdf", page=3, action="Review provision")
    return [first, second]


def _write_all(out: Path) -> list[Action]:
    rows = _rows()
    write_csv(out / "actions.csv", Action, rows)
    write_parquet(out / "actions.parquet", Action, rows)
    write_json(out / "actions.json", Action, rows)
    write_csv(out / "documents.csv", DocumentRecord,
              [DocumentRecord(path="plans/one.docx", sha256="0" * 64, format="docx",
                              actions_found=1)])
    write_csv(out / "review.csv", ReviewItem, [])
    write_datapackage(out)
    return rows


def test_csv_follows_the_contract_and_neutralises_formulas(tmp_path: Path) -> None:
    _write_all(tmp_path)
    with (tmp_path / "actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == column_names(Action)
    first, second = rows
    assert first["owners"] == "Warwickshire Police"
    assert first["indicators"] == "NI 15; NI 16"
    assert first["deadline_end"] == "2009-03-31"
    assert first["needs_review"] == "true" and second["needs_review"] == "false"
    assert first["flags"] == "owner_ambiguous"
    assert first["action"].startswith("'=HYPERLINK")
    assert first["kpi"] == "'-5% crime" and first["notes"] == "'@mention"
    assert second["page"] == "3" and first["page"] == ""
    assert second["deadline_start"] == "" and second["rag"] == ""


def test_parquet_and_json_keep_true_values(tmp_path: Path) -> None:
    _write_all(tmp_path)
    frame = pd.read_parquet(tmp_path / "actions.parquet")
    assert list(frame["indicators"][0]) == ["NI 15", "NI 16"]
    assert frame["action"][0].startswith("=HYPERLINK")  # true value, not neutralised
    assert frame["deadline_end"][0] == dt.date(2009, 3, 31)
    assert frame["page"].isna()[0]
    con = duckdb.connect()
    lists = con.execute(
        f"select owners, len(indicators) from '{tmp_path / 'actions.parquet'}' order by record_id"
    ).fetchall()
    assert lists[0] == (["Warwickshire Police"], 2)
    records = json.loads((tmp_path / "actions.json").read_text())
    assert records[0]["indicators"] == ["NI 15", "NI 16"]
    assert records[1]["deadline_end"] is None and records[1]["page"] == 3
    assert list(records[0]) == column_names(Action)


def test_csv_loads_in_pandas_and_duckdb_with_the_same_rows(tmp_path: Path) -> None:
    _write_all(tmp_path)
    frame = pd.read_csv(tmp_path / "actions.csv", encoding="utf-8-sig")
    assert list(frame.columns) == column_names(Action)
    count = duckdb.connect().execute(
        f"select count(*) from read_csv_auto('{tmp_path / 'actions.csv'}')").fetchone()[0]
    assert count == len(frame) == 2


def test_datapackage_validates_with_frictionless(tmp_path: Path) -> None:
    _write_all(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "datapackage.json").read_text())
    actions = package["resources"][0]
    assert actions["schema"]["primaryKey"] == ["record_id"]
    kinds = {f["name"]: f for f in actions["schema"]["fields"]}
    assert kinds["deadline_end"]["type"] == "date"
    assert kinds["deadline_kind"]["constraints"]["enum"][0] == "date"


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "actions.csv"
    target.write_text("previous complete output")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half a fi")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "previous complete output"
    assert [p.name for p in tmp_path.iterdir()] == ["actions.csv"]


def _previous_run(out: Path) -> None:
    out.mkdir()
    for name in ("actions.csv", "actions.parquet", "documents.csv"):
        (out / name).write_text(f"old {name}")


def test_a_staged_run_replaces_the_outputs_together_and_drops_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _previous_run(out)
    with staging.staged(out, remove=["actions.parquet"]) as folder:
        _write_all(folder)
        (folder / "actions.parquet").unlink()  # this run writes CSV only
        (folder / "actions.json").unlink()
        assert (out / "actions.csv").read_text() == "old actions.csv"  # nothing moved yet
    assert sorted(path.name for path in out.iterdir()) == [
        "actions.csv", "datapackage.json", "documents.csv", "review.csv"]
    assert pd.read_csv(out / "actions.csv", encoding="utf-8-sig")["record_id"].tolist() == [
        "a1", "a2"]


def test_a_run_that_fails_while_staging_leaves_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _previous_run(out)
    with pytest.raises(RuntimeError), staging.staged(out) as folder:
        _write_all(folder)
        raise RuntimeError("a writer failed")
    assert sorted(path.name for path in out.iterdir()) == [
        "actions.csv", "actions.parquet", "documents.csv"]
    assert (out / "documents.csv").read_text() == "old documents.csv"


def test_a_commit_cut_short_is_finished_by_the_next_run_and_half_staging_dropped(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    _previous_run(out)
    # What a run killed between two renames leaves: its manifest, some files moved already.
    folder = out / staging.STAGING
    folder.mkdir()
    _write_all(folder)
    (folder / staging.MANIFEST).write_text(json.dumps({
        "files": ["actions.csv", "actions.json", "actions.parquet", "datapackage.json",
                  "documents.csv", "review.csv"], "remove": []}))
    (folder / "actions.csv").replace(out / "actions.csv")
    staging.recover(out)
    assert not folder.exists()
    assert json.loads((out / "actions.json").read_text())[0]["record_id"] == "a1"
    assert (out / "documents.csv").read_text(encoding="utf-8-sig").startswith("path,")
    # A run killed while writing (no manifest): its files are dropped, the old ones stay.
    folder.mkdir()
    (folder / "documents.csv").write_text("half a fi")
    staging.recover(out)
    assert not folder.exists()
    assert (out / "documents.csv").read_text(encoding="utf-8-sig").startswith("path,")
