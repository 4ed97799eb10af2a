"""Legacy Word files through LibreOffice, and files read by what they are, not their name.

The Word 97 sample ``001_tower_hamlets_2012.doc`` was saved by LibreOffice
from ``001_tower_hamlets_2012.docx``; converted back it must give the same rows,
scored against the hand-checked rows with ``bench/accuracy.py``. An ``.odt``
and an ``.rtf`` made from another sample convert too. Tests that need
LibreOffice are skipped, with the reason, where ``soffice`` is not installed.
"""

from __future__ import annotations

import csv
import shutil
import struct
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench import accuracy
from planharvest.cli import main
from planharvest.export import writers
from planharvest.extract.detect import detect_format
from planharvest.extract.legacy import LegacyConversionError, convert_to_docx, find_soffice
from planharvest.job import DocumentResult
from planharvest.model import Action
from samples import hostile
from tests.conftest import EXPECTED, SAMPLES, convert, converted_sample

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)


def essentials(result: DocumentResult) -> list[tuple]:
    """What a user compares between two files of one plan: the rows' own values."""
    return [
        (a.theme, a.objective, a.action_id, a.action, tuple(a.owners), a.deadline_raw,
         a.deadline_kind, a.deadline_start, a.deadline_end)
        for a in result.actions
    ]


def as_csv_rows(actions: list[Action], folder: Path) -> list[dict[str, str]]:
    """The rows as ``actions.csv`` would hold them, the form the bench scores."""
    writers.write_csv(folder / "actions.csv", Action, actions)
    return accuracy.read_csv(folder / "actions.csv")


def ole2_file(path: Path, stream_name: str, aligned: bool = True) -> Path:
    """A minimal OLE2 compound file whose directory names one stream (or, not aligned,
    whose body merely contains the name)."""
    encoded = stream_name.encode("utf-16-le") + b"\x00\x00"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\x00")
    root = "Root Entry".encode("utf-16-le").ljust(64, b"\x00") + struct.pack("<H", 22)
    entry = encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded))
    directory = root.ljust(128, b"\x00") + entry.ljust(128, b"\x00")
    if not aligned:
        directory = b"\x00" * 6 + directory
    path.write_bytes(header + directory.ljust(1024, b"\x00"))
    return path


@pytest.fixture(scope="module")
def docx_result() -> DocumentResult:
    return converted_sample("001_tower_hamlets_2012.docx")


@pytest.fixture(scope="module")
def doc_result() -> DocumentResult:
    return converted_sample("001_tower_hamlets_2012.doc")


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_doc_gives_the_rows_of_its_docx_source(doc_result, docx_result):
    assert doc_result.record.status == "ok", doc_result.record.error
    assert doc_result.record.format == "doc"
    assert {action.source_format for action in doc_result.actions} == {"doc"}
    assert len(doc_result.actions) == 32
    assert essentials(doc_result) == essentials(docx_result)


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_doc_rows_score_against_the_hand_checked_rows(doc_result, tmp_path):
    expected = accuracy.read_csv(EXPECTED / "001_tower_hamlets_2012.doc.csv")
    score = accuracy.score_document(expected, as_csv_rows(doc_result.actions, tmp_path))
    assert score.f1 >= 0.98, f"row F1 {score.f1:.3f}"
    assert score.right["deadline"] == score.matched
    assert score.right["action_id"] == score.matched


def saved_by_libreoffice(source: Path, suffix: str, folder: Path) -> Path:
    """``source`` saved as a ``suffix`` file into ``folder`` by a plain LibreOffice."""
    soffice = find_soffice()
    assert soffice is not None  # the tests calling this are skipped without it
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", suffix, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    return folder / f"{source.stem}.{suffix}"


@pytest.fixture(scope="module")
def made_by_libreoffice(tmp_path_factory) -> dict[str, Path]:
    """``003_tower_hamlets_draft.docx`` saved as .odt and .rtf by LibreOffice."""
    folder = tmp_path_factory.mktemp("made")
    return {suffix: saved_by_libreoffice(SAMPLES / "003_tower_hamlets_draft.docx", suffix,
                                         folder)
            for suffix in ("odt", "rtf")}


@pytest.mark.needs_libreoffice
@needs_libreoffice
@pytest.mark.parametrize("suffix", ["odt", "rtf"])
def test_odt_and_rtf_give_the_rows_of_the_docx(suffix, made_by_libreoffice):
    path = made_by_libreoffice[suffix]
    assert detect_format(path) == suffix
    result = convert(path)
    assert result.record.status == "ok", result.record.error
    assert {action.source_format for action in result.actions} == {suffix}
    assert essentials(result) == essentials(converted_sample("003_tower_hamlets_draft.docx"))


def test_a_pdf_named_doc_is_read_as_a_pdf(tmp_path):
    misnamed = tmp_path / "plan.doc"
    shutil.copyfile(SAMPLES / "003_tower_hamlets_draft.pdf", misnamed)
    result, as_named = convert(misnamed), converted_sample("003_tower_hamlets_draft.pdf")
    assert result.record.format == "pdf"
    assert result.record.pages == as_named.record.pages
    assert len(result.actions) >= 20
    assert essentials(result) == essentials(as_named)


def test_a_docx_named_pdf_is_read_as_a_docx(tmp_path):
    misnamed = tmp_path / "plan.pdf"
    shutil.copyfile(SAMPLES / "003_tower_hamlets_draft.docx", misnamed)
    result = convert(misnamed)
    assert result.record.format == "docx"
    assert len(result.actions) == 27
    assert essentials(result) == essentials(converted_sample("003_tower_hamlets_draft.docx"))


def test_an_encrypted_office_file_fails_with_that_reason(tmp_path):
    encrypted = ole2_file(tmp_path / "locked.docx", "EncryptedPackage")
    assert detect_format(encrypted) == "encrypted"
    result = convert(encrypted)
    assert result.record.status == "failed"
    assert result.record.error == "the file is password-protected (encrypted Office document)"


def test_ole2_stream_names_count_only_in_the_directory(tmp_path):
    assert detect_format(ole2_file(tmp_path / "a.doc", "WordDocument")) == "doc"
    # The name in the body, off the 128-byte entry grid, is text, not a stream.
    assert detect_format(ole2_file(tmp_path / "b.doc", "EncryptedPackage", aligned=False)) is None
    # An OLE2 file with neither stream (an Excel sheet, say) is not a Word file.
    assert detect_format(ole2_file(tmp_path / "c.doc", "Workbook")) is None


def test_without_libreoffice_a_doc_fails_and_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = convert(SAMPLES / "001_tower_hamlets_2012.doc")
    assert result.record.status == "failed"
    assert result.record.format == "doc"
    assert result.record.error.startswith("install LibreOffice to read .doc files")


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_a_conversion_past_its_time_is_stopped():
    with pytest.raises(LegacyConversionError, match=r"LibreOffice took longer than 0 s"), \
            convert_to_docx(SAMPLES / "001_tower_hamlets_2012.doc", "doc", timeout=0.05):
        pass


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_conversions_at_once_each_have_their_own_profile():
    """Two LibreOffice conversions sharing a profile collide on its lock and the second
    converts nothing; parallel workers must each get the rows."""
    paths = [SAMPLES / "001_tower_hamlets_2012.doc"] * 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(convert, paths))
    assert [result.record.status for result in results] == ["ok", "ok"]
    assert [len(result.actions) for result in results] == [32, 32]


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_libreoffice_never_fetches_a_linked_picture(tmp_path, listener):
    """Pictures linked at an http:// address in .odt, .doc and .rtf files: a converter of
    untrusted documents must not reach the network, so not one request arrives."""
    url, requests = listener
    folder = tmp_path / "in"
    odt = hostile.linked_image_odt(folder / "linked.odt", url)
    hostile.linked_picture_rtf(folder / "linked.rtf", url)
    saved_by_libreoffice(odt, "doc", tmp_path)  # a plain LibreOffice fetches while saving
    shutil.move(tmp_path / "linked.doc", folder / "linked.doc")
    requests.clear()
    result = CliRunner().invoke(main, ["convert", str(folder), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--no-cache"])
    assert "Traceback" not in result.output
    assert requests == []
    with (tmp_path / "out" / "documents.csv").open(encoding="utf-8-sig") as handle:
        listed = {row["path"]: row["format"] for row in csv.DictReader(handle)}
    assert listed == {"linked.doc": "doc", "linked.odt": "odt", "linked.rtf": "rtf"}


@pytest.mark.needs_libreoffice
@needs_libreoffice
def test_legacy_files_converted_together_and_a_broken_one_fails_alone(tmp_path,
                                                                     made_by_libreoffice):
    """A worker converts its legacy files in one LibreOffice call; a file LibreOffice cannot
    read fails alone, with its reason, and the others give their rows as on their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "001_tower_hamlets_2012.doc", folder / "a_plan.doc")
    ole2_file(folder / "b_broken.doc", "WordDocument")
    shutil.copyfile(made_by_libreoffice["rtf"], folder / "c_draft.rtf")
    result = CliRunner().invoke(main, ["convert", str(folder), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--no-cache"])
    assert "Traceback" not in result.output
    with (tmp_path / "out" / "documents.csv").open(encoding="utf-8-sig") as handle:
        listed = {row["path"]: row for row in csv.DictReader(handle)}
    assert {path: row["status"] for path, row in listed.items()} == {
        "a_plan.doc": "ok", "b_broken.doc": "failed", "c_draft.rtf": "ok"}
    assert listed["a_plan.doc"]["actions_found"] == "32"
    assert listed["c_draft.rtf"]["actions_found"] == "27"
    assert "LibreOffice could not convert the .doc file" in listed["b_broken.doc"]["error"]
