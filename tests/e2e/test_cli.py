"""``planharvest convert``'s options: a value the settings refuse exits 2 naming its
option; an accepted one reaches the run's settings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import planharvest.cli as cli
from planharvest.pipeline import RunOptions, RunSummary
from planharvest.settings import Settings
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "000_sensible_measures.docx"


def convert(out: Path, *options: str) -> Result:
    return CliRunner().invoke(cli.main, ["convert", str(SAMPLE), "--out", str(out), *options])


@pytest.mark.parametrize("language", ["eng;rm -rf ~", "eng+", "", "eng cym"])
def test_a_bad_ocr_language_exits_2_with_a_clear_message(tmp_path: Path, language: str) -> None:
    result = convert(tmp_path, "--ocr-language", language)
    assert result.exit_code == 2
    assert "--ocr-language" in result.stderr
    assert f"{language!r} is not a list of Tesseract language packs" in result.stderr
    assert not any(tmp_path.iterdir())  # refused before any work


def test_an_ocr_language_reaches_the_ocr_settings(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[RunOptions] = []

    def convert_nothing(_inputs: list[Path], options: RunOptions, **_: object) -> RunSummary:
        heard.append(options)
        return RunSummary(documents=[], actions=[], seconds=0.0)

    monkeypatch.setattr(cli, "convert", convert_nothing)
    result = convert(tmp_path, "--ocr-language", "eng+cym")
    assert result.exit_code == 0, result.output
    assert heard[0].settings.ocr == dataclasses.replace(Settings().ocr, language="eng+cym")


def test_a_limit_the_settings_refuse_names_its_own_option(tmp_path: Path) -> None:
    result = convert(tmp_path, "--max-megabytes", "0.0000001")  # inflates to 0 bytes
    assert result.exit_code == 2
    assert "--max-megabytes" in result.stderr and "--ocr-language" not in result.stderr


def _help(*command: str) -> str:
    result = CliRunner().invoke(cli.main, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("command", [(), ("convert",), ("tables",), ("review",)])
def test_every_help_lists_the_exit_codes(command: tuple[str, ...]) -> None:
    text = _help(*command)
    assert "Exit status: 0 done" in text and "2 usage error" in text and "130 interrupted" in text


def test_help_lists_the_allowed_values() -> None:
    assert "--format csv,parquet,json,xlsx" in _help("convert")
    assert "[default: csv,parquet,json]" in _help("convert")
    review = _help("review")
    for key in ("1-9", "a", "s", "A", "n", "k", "b", "q"):
        assert f" {key} " in review
    for decision, meaning in (("accept", "keep the current value"),
                              ("not_action", "drop this row"),
                              ("set_all", "put the value column into every row")):
        assert f"{decision} {meaning}" in review
    assert "--import review.csv|actions.xlsx" in review
