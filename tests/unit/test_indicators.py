"""Indicator codes found in plan text, as the seed plans print them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planharvest.errors import PlanharvestError
from planharvest.normalise.indicators import IndicatorRegistry, canonical_code, find_indicators
from tests.conftest import ROOT

# (text, codes found, unknown codes flagged)
CASES: list[tuple[str, list[str], list[str]]] = [
    ("NI 15", ["NI 15"], []),
    ("NI15", ["NI 15"], []),
    ("Ni115-Substance Misuse by Young People", ["NI 115"], []),
    ("N.I. 21", ["NI 21"], []),
    ("NI-32", ["NI 32"], []),
    ("NI 20 & 47", ["NI 20", "NI 47"], []),
    ("NI 125 / NI 142", ["NI 125", "NI 142"], []),
    ("NIs 15, 16 and 21", ["NI 15", "NI 16", "NI 21"], []),
    ("NI 15, 16 and 21", ["NI 15", "NI 16", "NI 21"], []),
    ("NI 21, 30", ["NI 21", "NI 30"], []),
    ("NI20-Assault with injury crime rate (PSA 25)", ["NI 20"], []),
    ("NI 32-Repeat incidents of domestic violence\" (PSA 23)", ["NI 32"], []),
    ("NI2-People who feel that they belong to their neighbourhood", ["NI 2"], []),
    ("NI195-Improved street and environmental cleanliness", ["NI 195"], []),
    ("Has direct links with NI20, NI24, NI195", ["NI 20", "NI 24", "NI 195"], []),
    ("Links in with NI20, Ni32", ["NI 20", "NI 32"], []),
    ("Links in with NI19, NI20, and NI24", ["NI 19", "NI 20", "NI 24"], []),
    ("Links in with NI20, NI24, NI110 and NI115", ["NI 20", "NI 24", "NI 110", "NI 115"], []),
    ("Links with NI47", ["NI 47"], []),
    ("This will influence NI39 and other vital signs indicators", ["NI 39"], []),
    ("LAA Indicator NI 15 Serious Violent Crime", ["NI 15"], []),
    ("NI 15 To reduce incidents of serious violent crime by 5% each year", ["NI 15"], []),
    ("NI 40 To increase the number of drug users in effective treatment by 2%", ["NI 40"], []),
    ("NI 16 To reduce serious acquisitive crime, 2008/09 baseline", ["NI 16"], []),
    ("NI 110 Young people's participation; NI 117 16-18 year olds who are not in education",
     ["NI 110", "NI 117"], []),
    ("NI69 children who have experienced bullying; NI71 Children who have run away",
     ["NI 69", "NI 71"], []),
    ("NI 15 and NI 15 again", ["NI 15"], []),
    ("NI 16 then NI 15", ["NI 16", "NI 15"], []),
    ("National Indicator 40", ["NI 40"], []),
    ("NI 999", [], ["NI 999"]),
    ("NI 0 and NI 15", ["NI 15"], ["NI 0"]),
    ("NI 15, 16 and 250", ["NI 15", "NI 16"], ["NI 250"]),
    ("UNIT 5 of the course", [], []),
    ("Annual analysis of GP drugs / alcohol NIS data", [], []),
    ("MINI 5 project", [], []),
    ("100% of individuals screened by 2012", [], []),
    ("", [], []),
]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return IndicatorRegistry.builtin()


@pytest.mark.parametrize(("text", "codes", "unknown"), CASES,
                         ids=[case[0][:40] or "empty" for case in CASES])
def test_find_indicators(registry: IndicatorRegistry, text: str, codes: list[str],
                         unknown: list[str]) -> None:
    found, flags = find_indicators(text, registry)
    assert found == codes
    assert [flag.candidates[0] for flag in flags] == unknown
    assert all(flag.code == "indicator_unknown" and flag.field == "indicators"
               for flag in flags)


def test_unknown_flag_names_the_text(registry: IndicatorRegistry) -> None:
    _, flags = find_indicators("see NI-999 for details", registry)
    assert "NI-999" in flags[0].reason


def test_builtin_set_is_ni_1_to_198(registry: IndicatorRegistry) -> None:
    assert set(registry.titles) == {f"NI {number}" for number in range(1, 199)}


def test_titles_only_where_cited() -> None:
    path = ROOT / "planharvest" / "normalise" / "data" / "indicators.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(bool(row["title"]) == bool(row["source"]) for row in rows)
    titles = {row["code"]: row["title"] for row in rows}
    assert titles["NI 20"] == "Assault with injury crime rate"
    assert titles["NI 15"] == "Serious violent crime"
    assert titles["NI 1"] == ""


def _user_registry(registry: IndicatorRegistry, tmp_path: Path) -> IndicatorRegistry:
    path = tmp_path / "indicators.csv"
    rows = [("code", "title"), *((f"SO{number}", f"Strategic objective {number}")
                                 for number in range(1, 7)),
            ("NI 15", "Serious violent crime (local wording)"), ("NI 201", "Local extra")]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return registry.extended(path)


USER_CASES: list[tuple[str, list[str]]] = [
    ("Contributes to SO1 and SO3", ["SO1", "SO3"]),
    ("Links to S O6", ["SO6"]),
    ("Strategic objective SO\n3 (with NI 15)", ["SO3", "NI 15"]),
    ("SO10 is not a code here, nor ALSO1", []),
    ("so1 in lower case is prose", []),
    ("NI 201 is a local extra", ["NI 201"]),
    ("SO2/SO4", ["SO2", "SO4"]),
]


@pytest.mark.parametrize(("text", "codes"), USER_CASES, ids=[c[0][:30] for c in USER_CASES])
def test_user_codes(registry: IndicatorRegistry, tmp_path: Path, text: str,
                    codes: list[str]) -> None:
    found, flags = find_indicators(text, _user_registry(registry, tmp_path))
    assert (found, flags) == (codes, ())


def test_user_file_wins_titles(registry: IndicatorRegistry, tmp_path: Path) -> None:
    extended = _user_registry(registry, tmp_path)
    assert extended.titles["NI 15"] == "Serious violent crime (local wording)"
    assert extended.titles["NI 20"] == registry.titles["NI 20"]
    assert "SO1" not in registry.titles


def test_user_file_needs_code_column(registry: IndicatorRegistry, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("indicator,title\nSO1,x\n", encoding="utf-8")
    with pytest.raises(PlanharvestError, match="code"):
        registry.extended(path)


@pytest.mark.parametrize(("code", "canonical"), [
    ("NI15", "NI 15"), ("ni 015", "NI 15"), ("N.I. 7", "NI 7"), (" SO 1 ", "SO 1"), ("", ""),
])
def test_canonical_code(code: str, canonical: str) -> None:
    assert canonical_code(code) == canonical


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    registry = IndicatorRegistry.builtin()
    found, _ = find_indicators(text, registry)
    assert len(found) == len(set(found))
    assert set(found) <= set(registry.titles)


_CODEISH = st.lists(st.sampled_from(
    ["NI", "Ni", "N.I.", "NIs", " ", "-", "&", "/", ",", " and ", "15", "1", "115", "999", "198",
     "%", "5", "\n", "SO", "S O", "3", "2008/09", "Links in with "]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CODEISH)
def test_canonical_codes_read_back_as_themselves(text: str) -> None:
    """Idempotent: the indicators column, read again, gives the same codes and no flag."""
    registry = IndicatorRegistry({**IndicatorRegistry.builtin().titles, "SO3": ""})
    found, _ = find_indicators(text, registry)
    assert find_indicators("; ".join(found), registry) == (found, ())
