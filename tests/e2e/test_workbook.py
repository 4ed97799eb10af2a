"""``actions.xlsx`` (issue 17): a workbook a reviewer works in, read by LibreOffice as it
was written, and its filled-in Review sheet imported exactly as a filled-in review.csv."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from planharvest.cli import main
from planharvest.extract.legacy import find_soffice
from planharvest.files import unneutralise
from planharvest.review.store import load_decisions
from tests.conftest import SAMPLES

PLANS = ("001_tower_hamlets_2012.docx", "003_tower_hamlets_draft.pdf")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plans = tmp_path_factory.mktemp("plans")
    for name in PLANS:
        shutil.copy(SAMPLES / name, plans)
    out = tmp_path_factory.mktemp("dataset")
    result = CliRunner().invoke(main, ["convert", str(plans), "--out", str(out), "--workers",
                                       "1", "--format", "csv,xlsx"])
    assert result.exit_code == 0, result.output
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_workbook_has_the_three_sheets_laid_out_for_a_reviewer(dataset: Path) -> None:
    workbook = openpyxl.load_workbook(dataset / "actions.xlsx")
    assert workbook.sheetnames == ["Actions", "Review", "Documents"]
    actions, review = workbook["Actions"], workbook["Review"]
    header = [cell.value for cell in actions[1]]
    rows = _csv(dataset / "actions.csv")
    assert actions.max_row == len(rows) + 1 and len(rows) > 50
    for sheet in workbook:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    # Rows needing review are filled, with their doubts beside the action text.
    at = {name: index for index, name in enumerate(header)}
    assert header[at["action"] + 1] == "review_reasons"
    for line in actions.iter_rows(min_row=2):
        flagged = line[at["needs_review"]].value
        # a row with notes only has flags but no reasons to review
        assert line[at["flags"]].value is not None or not flagged
        assert (line[0].fill.fgColor.rgb == "00FFF2CC") is flagged
        assert bool(line[at["review_reasons"]].value) is flagged
    # Real dates and numbers, lists joined, widths within bounds, long text wrapped.
    ends = [line[at["deadline_end"]] for line in actions.iter_rows(min_row=2)
            if line[at["deadline_end"]].value is not None]
    assert ends and all(isinstance(cell.value, dt.datetime) and cell.number_format == "yyyy-mm-dd"
                        for cell in ends)
    pages = {line[at["page"]].value for line in actions.iter_rows(min_row=2)}
    assert {1, 2} <= pages
    assert any("; " in str(line[at["owners"]].value) for line in actions.iter_rows(min_row=2))
    widths = [actions.column_dimensions[letter].width for letter in "ABCDEFGHIJK"]
    assert all(8 <= width <= 60 for width in widths)
    assert actions.cell(row=2, column=at["action"] + 1).alignment.wrap_text
    # The decision column offers the four decisions in a dropdown.
    decision = [cell.value for cell in review[1]].index("decision") + 1
    (validation,) = review.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"accept,set,not_action,set_all"'
    letter = openpyxl.utils.get_column_letter(decision)
    assert str(validation.sqref) == f"{letter}2:{letter}{review.max_row}"
    assert review.max_row == len(_csv(dataset / "review.csv")) + 1
    assert workbook["Documents"].max_row == len(PLANS) + 1


def _calc_csv(workbook: Path, folder: Path) -> dict[str, list[dict[str, str]]]:
    """Every sheet of ``workbook`` as LibreOffice Calc saves it in CSV (values as shown)."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # 44 ',' 34 '"' 76 UTF-8, line 1, ..., last token -1: every sheet, one file each.
    options = "44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
                    "--outdir", str(folder), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    sheets = {}
    for name in ("Actions", "Review", "Documents"):
        path = folder / f"{workbook.stem}-{name}.csv"
        assert path.exists(), ("LibreOffice could not load the workbook (is LibreOffice Calc "
                               "installed? Debian: libreoffice-calc-nogui)")
        sheets[name] = _csv(path)
    return sheets


@pytest.mark.needs_libreoffice
def test_libreoffice_reads_every_sheet_as_the_csv_files_hold_it(dataset: Path,
                                                                tmp_path: Path) -> None:
    sheets = _calc_csv(dataset / "actions.xlsx", tmp_path)

    def as_csv(row: dict[str, str]) -> dict[str, str]:
        """Calc's TRUE/FALSE as the CSV's true/false; the CSV's formula guard undone."""
        return {name: {"TRUE": "true", "FALSE": "false"}.get(value, value)
                for name, value in row.items() if name != "review_reasons"}

    for sheet, file in (("Actions", "actions.csv"), ("Review", "review.csv"),
                        ("Documents", "documents.csv")):
        expected = [{name: unneutralise(value) for name, value in row.items()}
                    for row in _csv(dataset / file)]
        assert [as_csv(row) for row in sheets[sheet]] == expected, sheet


def test_formula_looking_text_is_text_in_every_cell(tmp_path: Path) -> None:
    """A plan's text starting with =, +, - or @ is stored as text, never as a formula."""
    from planharvest.export.workbook import write_workbook
    from planharvest.model import Action

    texts = ['=HYPERLINK("http://evil","x")', "+44 20", "-5% crime", "@mention", "\x07bell"]
    rows = [Action(record_id=f"r{n}", source_file="a.pdf", source_sha256="0" * 64,
                   source_format="pdf", action=text, owners=[text]) for n, text in enumerate(texts)]
    write_workbook(tmp_path / "actions.xlsx", rows, [], [])
    sheet = openpyxl.load_workbook(tmp_path / "actions.xlsx")["Actions"]
    header = [cell.value for cell in sheet[1]]
    cells = [line[header.index(name)] for line in sheet.iter_rows(min_row=2)
             for name in ("action", "owners")]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [cell.value for cell in cells][::2] == [*texts[:4], "\ufffdbell"]


def _fill(review: list[dict[str, str]]) -> dict[int, tuple[str, str]]:
    """Decisions for a few lines of review.csv (index -> (decision, value))."""
    by_field = {}
    for index, line in enumerate(review):
        by_field.setdefault(line["field"], index)
    assert {"owners", "deadline"} <= set(by_field), by_field
    return {by_field["owners"]: ("set", "Tower Hamlets Council"),
            by_field["deadline"]: ("accept", ""),
            len(review) - 1: ("not_action", "")}


def _decisions(path: Path) -> list[tuple[str, ...]]:
    return sorted((d.scope, d.record_id, d.field, d.decision, d.raw_value, d.value)
                  for d in load_decisions(path))


def test_a_filled_review_sheet_imports_as_the_same_filled_review_csv(dataset: Path,
                                                                     tmp_path: Path) -> None:
    review = _csv(dataset / "review.csv")
    filled = _fill(review)
    # The reviewer's review.csv ...
    for index, (decision, value) in filled.items():
        review[index].update(decision=decision, value=value)
    review_csv = tmp_path / "review.csv"
    with review_csv.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(review[0]))
        writer.writeheader()
        writer.writerows(review)
    # ... and the same decisions typed into the workbook's Review sheet.
    workbook_path = tmp_path / "actions.xlsx"
    workbook = openpyxl.load_workbook(dataset / "actions.xlsx")
    sheet = workbook["Review"]
    header = [cell.value for cell in sheet[1]]
    for index, (decision, value) in filled.items():
        sheet.cell(row=index + 2, column=header.index("decision") + 1, value=decision)
        sheet.cell(row=index + 2, column=header.index("value") + 1, value=value or None)
    workbook.save(workbook_path)

    runner = CliRunner()
    for source, target in ((review_csv, tmp_path / "from_csv.csv"),
                           (workbook_path, tmp_path / "from_xlsx.csv")):
        result = runner.invoke(main, ["review", str(dataset), "--import", str(source),
                                      "--decisions", str(target), "--reviewer", "ana"])
        assert result.exit_code == 0, result.output
        assert f"3 decisions from {source}" in result.stderr
    assert _decisions(tmp_path / "from_xlsx.csv") == _decisions(tmp_path / "from_csv.csv")
    assert len(_decisions(tmp_path / "from_xlsx.csv")) == 3


def test_a_bad_decision_in_the_review_sheet_names_the_file_and_row(dataset: Path,
                                                                   tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(dataset / "actions.xlsx")
    sheet = workbook["Review"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("decision") + 1, value="maybe")
    path = tmp_path / "actions.xlsx"
    workbook.save(path)
    decisions = tmp_path / "decisions.csv"
    result = CliRunner().invoke(main, ["review", str(dataset), "--import", str(path),
                                       "--decisions", str(decisions)])
    assert result.exit_code == 1
    assert f"{path}: nothing imported" in result.stderr
    assert "line 3: decision 'maybe' is not one of accept, set, not_action, set_all" in (
        result.stderr)
    assert not decisions.exists() and "Traceback" not in result.output


def test_a_workbook_without_a_review_sheet_or_not_a_workbook_is_refused(dataset: Path,
                                                                        tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.save(tmp_path / "other.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    for name, message in (("other.xlsx", "no Review sheet (it has Sheet1)"),
                          ("broken.xlsx", "not an Excel workbook planharvest can read")):
        result = CliRunner().invoke(main, ["review", str(dataset), "--import",
                                           str(tmp_path / name)])
        assert result.exit_code == 1 and message in result.stderr, result.output
        assert "Traceback" not in result.output
