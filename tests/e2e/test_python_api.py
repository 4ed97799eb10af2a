"""The Python API (issue 17): ``planharvest.convert`` and ``planharvest.read_dataset`` give
DataFrames with the model's types that hold what the files hold, and the README's pandas
and DuckDB examples run as printed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import planharvest
from planharvest.api import DatasetError
from tests.conftest import ROOT, SAMPLES

PLANS = ("001_tower_hamlets_2012.docx", "003_tower_hamlets_draft.pdf")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for name in PLANS:
        shutil.copy(SAMPLES / name, folder)
    return folder


@pytest.fixture(scope="module")
def written(plans: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[planharvest.Dataset, Path]:
    out = tmp_path_factory.mktemp("dataset")
    return planharvest.convert(plans, out, formats=["csv", "parquet", "json"]), out


def test_the_dataframes_hold_what_the_files_hold_with_real_types(written) -> None:
    data, out = written
    actions = data.actions
    records = json.loads((out / "actions.json").read_text())
    assert list(actions.columns) == list(records[0]) and len(actions) == len(records)
    assert str(actions["page"].dtype) == "Int64"
    assert actions["needs_review"].dtype == "boolean"
    assert str(actions["deadline_end"].dtype).startswith("datetime64")
    for row, record in zip(actions.to_dict("records"), records, strict=True):
        assert row["owners"] == record["owners"] and isinstance(row["owners"], list)
        assert row["indicators"] == record["indicators"]
        assert (None if pd.isna(row["page"]) else row["page"]) == record["page"]
        end = row["deadline_end"]
        assert (None if pd.isna(end) else end.date().isoformat()) == record["deadline_end"]
        assert (None if pd.isna(row["rag"]) else row["rag"]) == record["rag"]
    assert len(data.review) == sum(1 for _ in (out / "review.csv").open()) - 1
    assert list(data.documents["path"]) == list(PLANS)
    summary = data.summary
    assert (summary.documents, summary.ok, summary.failed) == (2, 2, 0)
    assert summary.actions == len(records)
    assert summary.flagged == sum(record["needs_review"] for record in records) > 0
    assert summary.pages == int(data.documents["pages"].sum()) > 0


def test_read_dataset_gives_the_same_frames_from_parquet_and_from_csv_alone(written,
                                                                           tmp_path: Path) -> None:
    data, out = written
    from_parquet = planharvest.read_dataset(out)
    csv_only = tmp_path / "csv_only"
    shutil.copytree(out, csv_only)
    (csv_only / "actions.parquet").unlink()
    from_csv = planharvest.read_dataset(csv_only)
    for loaded in (from_parquet, from_csv):
        pd.testing.assert_frame_equal(loaded.actions, data.actions)
        pd.testing.assert_frame_equal(loaded.documents, data.documents)
        pd.testing.assert_frame_equal(loaded.review, data.review)


def test_without_out_nothing_is_written_and_the_rows_are_the_same(written, plans: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch) -> None:
    data, _ = written
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in plans.iterdir())
    again = planharvest.convert([str(plans / name) for name in PLANS])
    assert list(tmp_path.iterdir()) == [] and sorted(p.name for p in plans.iterdir()) == before
    pd.testing.assert_frame_equal(again.actions, data.actions)


def test_bad_arguments_and_folders_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere: no such file or folder"):
        planharvest.convert(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="choose from csv, parquet, json, xlsx"):
        planharvest.convert(SAMPLES / PLANS[0], formats=["csv", "xml"])
    with pytest.raises(DatasetError, match="not a planharvest dataset"):
        planharvest.read_dataset(tmp_path)


def test_a_damaged_csv_is_named_with_its_line(written, tmp_path: Path) -> None:
    _, out = written
    damaged = tmp_path / "damaged"
    shutil.copytree(out, damaged)
    (damaged / "actions.parquet").unlink()
    lines = (damaged / "actions.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[2] = "only,three,cells"
    (damaged / "actions.csv").write_text("\n".join(lines), encoding="utf-8-sig")
    with pytest.raises(DatasetError, match=r"actions.csv, line 3: 3 cells, not \d+"):
        planharvest.read_dataset(damaged)


def _readme_examples() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## In Python", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_examples_run_on_a_dataset(written, tmp_path: Path, monkeypatch) -> None:
    _, out = written
    shutil.copytree(out, tmp_path / "dataset")
    monkeypatch.chdir(tmp_path)
    examples = _readme_examples()
    assert len(examples) == 2 and all(len(code.strip().splitlines()) <= 5 for code in examples)
    printed = []
    for code in examples:
        with contextlib.redirect_stdout(io.StringIO()) as stdout:
            exec(compile(code, "README.md", "exec"), {})
        printed.append(stdout.getvalue())
    # Both count the owners: the same organisation comes first.
    data = planharvest.read_dataset("dataset")
    top = data.actions.explode("owners")["owners"].value_counts().index[0]
    assert top in printed[0] and top in printed[1]
    assert f"actions={len(data.actions)}" in printed[0]


def test_importing_planharvest_loads_neither_pandas_nor_the_api() -> None:
    code = ("import sys, planharvest; "
            "print('pandas' in sys.modules, 'planharvest.api' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.split() == ["False", "False"]
