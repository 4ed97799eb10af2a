"""Reviewer decisions: the file, both scopes, stale decisions, review.csv import, the session."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from planharvest import __version__
from planharvest.errors import PlanharvestError
from planharvest.export.review_rows import decisions_listing, review_items, stale_review_items
from planharvest.export.writers import write_csv, write_json
from planharvest.model import Action, Flag, ReviewItem
from planharvest.normalise.deadlines import Deadline, read_reviewed_deadline
from planharvest.review import store as store_module
from planharvest.review.apply import apply_decisions, owner_aliases
from planharvest.review.decisions import Decision, new_decision
from planharvest.review.importing import import_review_csv
from planharvest.review.session import StreamIO, run_session
from planharvest.review.store import (
    DECISION_COLUMNS,
    add_decision,
    add_decisions,
    load_decisions,
    save_decisions,
)

SHA = "a" * 64


@dataclass
class _Deadline:
    """What a deadline parser returns; enough for the reviewer's text used below."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    recurrence: str | None = None
    flags: tuple[Flag, ...] = ()


def _reparse(text: str) -> _Deadline | Deadline:
    """A stand-in for the pipeline's deadline reader: 'March 2009', a guessed 'Sept'; ISO days
    and periods (as candidates print them) are read by the real one."""
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return read_reviewed_deadline(text)
    if text == "March 2009":
        return _Deadline("date", dt.date(2009, 3, 1), dt.date(2009, 3, 31), "month")
    if text == "Sept":
        return _Deadline("date", dt.date(2009, 9, 1), dt.date(2009, 9, 30), "month",
                         flags=(Flag(code="deadline_year_inferred", field="deadline",
                                     reason="the year 2009 was taken from the plan"),))
    return _Deadline("unknown")


def _owner_flag(raw: str) -> Flag:
    return Flag(code="owner_unmatched", field="owners",
                reason=f"no organisation is called {raw!r}",
                candidates=("Warwickshire Police", "Warwickshire County Council"))


def _row(record_id: str, action: str, owner_raw: str, *, flagged: bool = True,
         deadline_raw: str = "Sept", ref: str = "") -> Action:
    row = Action(record_id=record_id, source_file="plans/safety.pdf", source_sha256=SHA,
                 source_format="pdf", page=2, theme="Community safety", action_ref=ref,
                 action_id=ref.replace(" ", ""), action=action, owner_raw=owner_raw,
                 owners=[] if flagged else [owner_raw], deadline_raw=deadline_raw,
                 deadline_kind="unknown")
    if flagged:
        row.add_flags([_owner_flag(owner_raw),
                       Flag(code="deadline_unparsed", field="deadline",
                            reason=f"{deadline_raw!r} has no year")])
    return row


def _rows() -> list[Action]:
    return [
        _row("r1", "Run a night-time safety campaign", "Police + WCC", ref="CS 1"),
        _row("r2", "Train licensed premises staff", "police  +  wcc", ref="CS 2"),
        _row("r3", "Map hot spots of disorder", "Police + WCC", flagged=False, ref="CS 3"),
        _row("r4", "Total", "Housing team", ref="CS 4"),
    ]


def _by_id(rows: list[Action]) -> dict[str, Action]:
    return {row.record_id: row for row in rows}


# -- the file -------------------------------------------------------------------------------


def test_decisions_round_trip_exactly_and_read_as_plain_csv(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    written = [
        new_decision("row", "owners", "set", record_id="r1", raw_value="=HYPERLINK(\"x\")",
                     value="Warwickshire Police; Warwickshire County Council", reviewer="ana"),
        new_decision("value", "owners", "set", raw_value="'quoted, with comma\nand a line",
                     value="-minus first", reviewer="Zoë"),
        new_decision("row", "row", "not_action", record_id="r4", raw_value="Total"),
    ]
    save_decisions(path, written)
    assert load_decisions(path) == written
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert tuple(lines[0]) == DECISION_COLUMNS
    # Cells a spreadsheet would run are inert in the file, yet load back unchanged.
    assert lines[1][3] == "'=HYPERLINK(\"x\")"
    assert lines[2][5] == "'-minus first"
    assert lines[1][8] == __version__
    assert dt.datetime.fromisoformat(lines[1][7]).tzinfo is not None


def test_missing_file_holds_no_decisions(tmp_path: Path) -> None:
    assert load_decisions(tmp_path / "none.csv") == []


@pytest.mark.parametrize(("bad_line", "complaint"), [
    ("row,r1,owners,Police,maybe,,ana,2024-01-01T00:00:00+00:00,0.1.0", "decision"),
    ("row,r1,owners,Police,set,x,ana,yesterday,0.1.0", "decided_at"),
    ("row,,owners,Police,set,x,ana,2024-01-01T00:00:00+00:00,0.1.0", "record_id"),
    ("row,r1,source_file,Police,set,x,ana,2024-01-01T00:00:00+00:00,0.1.0", "cannot be decided"),
    ("value,,owners,,set,x,ana,2024-01-01T00:00:00+00:00,0.1.0", "raw_value"),
    ("row,r1,owners,Police,set", "5 cells"),
])
def test_a_malformed_line_names_the_file_and_the_line(tmp_path: Path, bad_line: str,
                                                      complaint: str) -> None:
    path = tmp_path / "decisions.csv"
    good = "row,r2,owners,Police,accept,Police,ana,2024-01-01T00:00:00+00:00,0.1.0"
    path.write_text(",".join(DECISION_COLUMNS) + f"\n{good}\n{bad_line}\n", encoding="utf-8")
    with pytest.raises(PlanharvestError, match=complaint) as caught:
        load_decisions(path)
    assert f"{path}, line 3" in str(caught.value)


def test_a_later_decision_with_the_same_key_replaces_the_earlier(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    add_decision(path, new_decision("row", "owners", "set", record_id="r1", value="A"))
    add_decision(path, new_decision("row", "deadline", "set", record_id="r1",
                                    value="2009-03-31"))
    add_decision(path, new_decision("row", "owners", "set", record_id="r1", value="B"))
    add_decision(path, new_decision("value", "owners", "set", raw_value="Police + WCC", value="C"))
    add_decision(path, new_decision("value", "owners", "set", raw_value="POLICE +  wcc",
                                    value="D"))
    loaded = load_decisions(path)
    # In the order decided: a replaced decision moves to the end, where its new time puts it.
    assert [(d.field, d.value) for d in loaded] == [("deadline", "2009-03-31"), ("owners", "B"),
                                                    ("owners", "D")]


def test_a_failed_save_leaves_the_previous_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "decisions.csv"
    first = [new_decision("row", "owners", "accept", record_id="r1", value="Police")]
    save_decisions(path, first)
    before = path.read_bytes()

    def disk_fails(_descriptor: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store_module.os, "fsync", disk_fails)
    with pytest.raises(OSError, match="disk full"):
        save_decisions(path, first * 2 + [new_decision("row", "rag", "set", record_id="r2",
                                                       value="red")])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["decisions.csv"]


_KILLED_AT_FSYNC = """
import os, signal, sys
from pathlib import Path
from planharvest.review.decisions import new_decision
from planharvest.review.store import save_decisions
# Die the hardest way at the worst moment: the new text is written, not yet in place.
os.fsync = lambda descriptor: os.kill(os.getpid(), signal.SIGKILL)
save_decisions(Path(sys.argv[1]), [new_decision("row", "rag", "set", record_id=f"n{i}",
                                                value="red") for i in range(500)])
"""

_SAVING_IN_A_LOOP = """
import sys
from pathlib import Path
from planharvest.review.decisions import new_decision
from planharvest.review.store import save_decisions
path = Path(sys.argv[1])
sets = [[new_decision("row", "owners", "set", record_id=f"r{i}", value="x" * 200)
         for i in range(size)] for size in (1500, 2500)]
save_decisions(path, sets[0])
print("ready", flush=True)
n = 0
while True:
    save_decisions(path, sets[n % 2])
    n += 1
"""


def test_a_process_killed_mid_save_leaves_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    save_decisions(path, [new_decision("row", "owners", "accept", record_id="r1",
                                       value="Police")])
    before = path.read_bytes()
    # a hang detector: a busy machine takes seconds to start Python alone
    saver = subprocess.run([sys.executable, "-c", _KILLED_AT_FSYNC, str(path)], timeout=300)
    assert saver.returncode == -signal.SIGKILL  # it really died inside the save
    assert path.read_bytes() == before
    assert [d.record_id for d in load_decisions(path)] == ["r1"]


def test_killing_a_process_saving_in_a_loop_never_corrupts_the_file(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    randomness = random.Random(6)
    for _round in range(3):
        saver = subprocess.Popen([sys.executable, "-c", _SAVING_IN_A_LOOP, str(path)],
                                 stdout=subprocess.PIPE, text=True)
        assert saver.stdout is not None and saver.stdout.readline().strip() == "ready"
        time.sleep(randomness.uniform(0.05, 0.4))
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait()
        assert saver.returncode == -signal.SIGKILL
        loaded = load_decisions(path)
        assert len(loaded) in (1500, 2500)
        assert all(decision.value == "x" * 200 for decision in loaded)


# -- applying -------------------------------------------------------------------------------


def test_a_row_decision_sets_the_field_and_clears_only_its_flags() -> None:
    decision = new_decision("row", "owners", "set", record_id="r1", raw_value="Police + WCC",
                            value="Warwickshire Police; Warwickshire County Council")
    rows, stale = apply_decisions(_rows(), [decision], _reparse)
    first = _by_id(rows)["r1"]
    assert first.owners == ["Warwickshire Police", "Warwickshire County Council"]
    assert first.flags == ["deadline_unparsed"] and first.needs_review
    assert first.decided == ["owners"]  # a person set it: told apart from planharvest's values
    assert _by_id(rows)["r2"].owners == []  # same text, but a row decision is for one row
    assert _by_id(rows)["r2"].decided == []
    assert stale == []


def test_a_value_decision_sets_every_row_with_that_text_and_a_row_decision_wins() -> None:
    decisions = [
        new_decision("value", "owners", "set", raw_value="Police + WCC",
                     value="Warwickshire Police"),
        new_decision("row", "owners", "set", record_id="r2", raw_value="police + wcc",
                     value="Warwickshire County Council"),
        new_decision("row", "deadline", "set", record_id="r1", raw_value="Sept",
                     value="2009-09-30"),
    ]
    rows, stale = apply_decisions(_rows(), decisions, _reparse)
    by_id = _by_id(rows)
    assert by_id["r1"].owners == ["Warwickshire Police"]
    assert by_id["r3"].owners == ["Warwickshire Police"]  # not flagged, same printed text
    assert by_id["r2"].owners == ["Warwickshire County Council"]
    assert by_id["r4"].owners == []  # other text
    assert (by_id["r1"].deadline_kind, by_id["r1"].deadline_start, by_id["r1"].deadline_end,
            by_id["r1"].deadline_precision) == ("date", dt.date(2009, 9, 30),
                                                dt.date(2009, 9, 30), "day")
    assert not by_id["r1"].needs_review and by_id["r1"].flags == []
    assert by_id["r1"].decided == ["deadline", "owners"]
    assert by_id["r3"].decided == ["owners"]  # by the mass edit
    assert by_id["r2"].flags == ["deadline_unparsed"]
    assert stale == []


@pytest.mark.parametrize(("value", "kind", "precision"), [
    ("2009-09-30", "date", "day"),
    ("2008-11-01/2008-11-30", "date", "month"),  # how the parser prints its candidates
    ("2009-12-01 / 2010-02-28", "date", "season"),
    ("2012-10-01/2012-12-31", "date", "quarter"),
    ("2009-01-01/2009-12-31", "date", "year"),
    ("2008-04-01/2009-03-31", "date", "financial_year"),
    ("2012-10-01/2013-03-31", "range", "month"),
    ("2012-10-03/2012-10-09", "range", "day"),
])
def test_a_day_or_a_candidate_period_sets_the_deadline(value: str, kind: str,
                                                       precision: str) -> None:
    decision = new_decision("row", "deadline", "set", record_id="r1", value=value)
    rows, stale = apply_decisions(_rows(), [decision], _reparse)
    first = _by_id(rows)["r1"]
    start, _, end = value.replace(" ", "").partition("/")
    assert (first.deadline_kind, first.deadline_precision) == (kind, precision)
    assert (first.deadline_start, first.deadline_end) == (dt.date.fromisoformat(start),
                                                          dt.date.fromisoformat(end or start))
    assert stale == []


def test_a_deadline_text_is_read_by_the_parser_the_pipeline_passes() -> None:
    decision = new_decision("value", "deadline", "set", raw_value="sept", value="March 2009")
    rows, stale = apply_decisions(_rows(), [decision], _reparse)
    for row in rows:
        assert (row.deadline_kind, row.deadline_start, row.deadline_end,
                row.deadline_precision) == ("date", dt.date(2009, 3, 1), dt.date(2009, 3, 31),
                                            "month")
        assert "deadline_unparsed" not in row.flags
        assert row.deadline_raw == "Sept"  # the printed text stays as printed
    assert stale == []


def test_the_real_deadline_parser_reads_a_reviewers_month() -> None:
    deadlines = pytest.importorskip("planharvest.normalise.deadlines")
    decision = new_decision("row", "deadline", "set", record_id="r1", value="March 2009")
    rows, stale = apply_decisions(_rows(), [decision],
                                  lambda text: deadlines.parse_deadline(text))
    first = _by_id(rows)["r1"]
    assert (first.deadline_start, first.deadline_end) == (dt.date(2009, 3, 1),
                                                          dt.date(2009, 3, 31))
    assert stale == []


def test_not_action_drops_the_row_and_accept_keeps_the_value() -> None:
    decisions = [
        new_decision("row", "row", "not_action", record_id="r4", raw_value="Total"),
        new_decision("row", "owners", "accept", record_id="r1", raw_value="Police + WCC",
                     value=""),
        new_decision("row", "deadline", "accept", record_id="r1", raw_value="Sept",
                     value="unknown"),
    ]
    original = _rows()
    rows, stale = apply_decisions(original, decisions, _reparse)
    assert [row.record_id for row in rows] == ["r1", "r2", "r3"]
    first = _by_id(rows)["r1"]
    assert first.owners == [] and first.deadline_kind == "unknown"
    assert first.flags == [] and not first.needs_review
    assert original[0].needs_review  # the input rows are not modified
    assert stale == []


def test_stale_decisions_are_returned_with_reasons_never_dropped() -> None:
    decisions = [
        new_decision("row", "owners", "set", record_id="gone", raw_value="Police", value="X"),
        new_decision("value", "owners", "set", raw_value="Fire service", value="Y"),
        new_decision("row", "owners", "set", record_id="r2", raw_value="Police only",
                     value="Z"),
        new_decision("row", "deadline", "accept", record_id="r1", raw_value="Sept",
                     value="date 2009-09-01 .. 2009-09-30"),
        new_decision("row", "rag", "set", record_id="r4", value="purple"),
    ]
    rows, stale = apply_decisions(_rows(), decisions, _reparse)
    reasons = {decision.record_id or decision.raw_value: decision.reason
               for decision in stale}
    assert len(stale) == 5
    assert "no row has record_id gone" in reasons["gone"]
    assert "Fire service" in reasons["Fire service"]
    assert "'Police only'" in reasons["r2"] and "'police  +  wcc'" in reasons["r2"]
    assert "now chooses 'unknown'" in reasons["r1"]
    assert "'purple' is not a valid rag" in reasons["r4"]
    by_id = _by_id(rows)
    # A stale decision changes nothing, and its row asks for a new look.
    assert by_id["r2"].owners == [] and "decision_stale" in by_id["r2"].flags
    assert by_id["r1"].deadline_kind == "unknown" and "deadline_unparsed" in by_id["r1"].flags
    assert by_id["r4"].rag is None
    items = review_items(rows) + stale_review_items(stale)
    stale_lines = [(item.record_id, item.field) for item in items
                   if "decision_stale" in item.flags]
    assert sorted(stale_lines) == [("", "owners"), ("gone", "owners"), ("r1", "deadline"),
                                   ("r2", "owners"), ("r4", "rag")]
    by_line = {(item.record_id, item.field): item for item in items}
    assert by_line[("r2", "owners")].raw_value == "police  +  wcc"  # today's text, to re-decide
    assert "Fire service" in by_line[("", "owners")].reasons


def test_documents_csv_lists_the_decisions_file_and_a_mistyped_one(tmp_path: Path) -> None:
    assert decisions_listing(None, 0, []) == []
    [missing] = decisions_listing(tmp_path / "decisoins.csv", 0, [])
    assert missing.status == "ok" and missing.format == "decisions"
    assert missing.error == "the decisions file does not exist (yet): no decisions were applied"
    path = tmp_path / "decisions.csv"
    decisions = [new_decision("row", "owners", "set", record_id="gone", value="Police"),
                 new_decision("row", "rag", "set", record_id="r1", value="red")]
    save_decisions(path, decisions)
    _rows_after, stale = apply_decisions(_rows(), decisions, _reparse)
    [listing] = decisions_listing(path, len(decisions), stale)
    assert listing.path == str(path) and len(listing.sha256) == 64
    assert listing.error.startswith("2 decision(s): 1 applied, 1 stale (not applied, kept")
    assert "no row has record_id gone" in listing.error


def test_owner_aliases_come_from_value_decisions_naming_one_owner() -> None:
    decisions = [
        new_decision("value", "owners", "set", raw_value="  Police\n+ WCC ",
                     value="Warwickshire Police"),
        new_decision("value", "owners", "set", raw_value="Police and Council",
                     value="Warwickshire Police; Warwickshire County Council"),
        new_decision("row", "owners", "set", record_id="r1", raw_value="WP",
                     value="Warwickshire Police"),
        new_decision("value", "partners", "set", raw_value="CSP", value="Community Safety"),
    ]
    assert owner_aliases(decisions) == (("Warwickshire Police", "Police + WCC"),)


# -- review.csv -------------------------------------------------------------------------------


def _fill_review_csv(path: Path, answers: dict[tuple[str, str], tuple[str, str]],
                     encoding: str = "utf-8-sig", delimiter: str = ",") -> None:
    """Fill decision/value the way a reviewer does in a spreadsheet, then save."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.DictReader(handle))
    for line in lines:
        line["decision"], line["value"] = answers.get((line["record_id"], line["field"]),
                                                      ("", ""))
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(lines)


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("cp1252", ";")])
def test_a_filled_review_csv_becomes_decisions(tmp_path: Path, encoding: str,
                                               delimiter: str) -> None:
    rows = _rows()
    rows[3] = _row("r4", "Total", "-Housing team", ref="CS 4")  # exported as "'-Housing team"
    review_csv = tmp_path / "review.csv"
    write_csv(review_csv, ReviewItem, review_items(rows))
    assert "'-Housing team" in review_csv.read_text(encoding="utf-8-sig")
    _fill_review_csv(review_csv, {
        ("r1", "owners"): ("accept", ""),
        ("r1", "deadline"): ("set", "2009-09-30"),
        ("r2", "owners"): ("SET_ALL", "Warwickshire Police"),
        ("r4", "owners"): ("set_all", "'+Housing Services é"),
        ("r4", "deadline"): ("not_action", ""),
    }, encoding, delimiter)
    imported = import_review_csv(review_csv, reviewer="ana", reparse=read_reviewed_deadline)
    assert [(d.scope, d.record_id, d.field, d.raw_value, d.decision, d.value)
            for d in imported] == [
        ("row", "r1", "owners", "Police + WCC", "accept", ""),
        ("row", "r1", "deadline", "Sept", "set", "2009-09-30"),
        ("value", "", "owners", "police  +  wcc", "set", "Warwickshire Police"),
        ("value", "", "owners", "-Housing team", "set", "+Housing Services é"),
        ("row", "r4", "deadline", "Sept", "not_action", ""),
    ]
    assert {d.reviewer for d in imported} == {"ana"}
    result, stale = apply_decisions(rows, imported, _reparse)
    by_id = _by_id(result)
    assert sorted(by_id) == ["r1", "r2", "r3"]
    assert by_id["r1"].deadline_end == dt.date(2009, 9, 30) and not by_id["r1"].needs_review
    assert [by_id[i].owners for i in ("r1", "r2", "r3")] == [[], ["Warwickshire Police"],
                                                            ["Warwickshire Police"]]
    assert stale == []


def test_a_review_csv_with_an_unknown_decision_names_the_line(tmp_path: Path) -> None:
    review_csv = tmp_path / "review.csv"
    write_csv(review_csv, ReviewItem, review_items(_rows()))
    _fill_review_csv(review_csv, {("r2", "owners"): ("maybe", "")})
    with pytest.raises(PlanharvestError, match=r"line 4: decision 'maybe' is not one of"):
        import_review_csv(review_csv, reviewer="ana", reparse=read_reviewed_deadline)
    _fill_review_csv(review_csv, {("r2", "owners"): ("set", "")})
    with pytest.raises(PlanharvestError, match=r"line 4: decision set needs the value"):
        import_review_csv(review_csv, reviewer="ana", reparse=read_reviewed_deadline)


def test_a_review_csv_value_the_next_run_could_not_apply_is_refused_at_import(
        tmp_path: Path) -> None:
    """Caught where the reviewer can fix it, every bad line at once, nothing half-imported:
    not found stale by the next convert."""
    review_csv = tmp_path / "review.csv"
    write_csv(review_csv, ReviewItem, review_items(_rows()))
    _fill_review_csv(review_csv, {
        ("r1", "owners"): ("accept", ""),
        ("r1", "deadline"): ("set", "Warwickshire Police"),  # typed in the wrong line
        ("r2", "deadline"): ("set_all", "2009-02-30"),
        ("r4", "deadline"): ("set", "Sept"),  # reads only by guessing the year
    })
    with pytest.raises(PlanharvestError) as refused:
        import_review_csv(review_csv, reviewer="ana",  # the pipeline's own deadline parser
                          reparse=read_reviewed_deadline)
    message = str(refused.value)
    assert message.startswith(f"{review_csv}: nothing imported, 3 line(s) to fix")
    assert "line 3: the deadline 'Warwickshire Police' could not be read" in message
    assert "line 5: '2009-02-30' is not a calendar date" in message
    assert "line 7: the deadline 'Sept' reads only by a guess" in message
    assert "line 2" not in message


# -- the session --------------------------------------------------------------------------------


def _finished_run(out_dir: Path) -> list[Action]:
    rows = _rows()
    write_json(out_dir / "actions.json", Action, rows)
    write_csv(out_dir / "review.csv", ReviewItem, review_items(rows))
    return rows


def _session(out_dir: Path, decisions_path: Path, keys: str) -> tuple[int, str]:
    output = io.StringIO()
    made = run_session(out_dir, decisions_path, "ana", StreamIO(io.StringIO(keys), output),
                       reparse=_reparse)
    return made, output.getvalue()


def test_the_session_records_answers_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    rows = _finished_run(tmp_path)
    decisions_path = tmp_path / "decisions.csv"
    # Fields in order: r1 owners, r1 deadline, r2 owners, r2 deadline, r4 owners, r4 deadline.
    made, shown = _session(tmp_path, decisions_path, "2\nk\nA\nWarwickshire Police\nq\n")
    assert made == 2
    assert "Community safety" in shown and "next:       CS 2: Train licensed" in shown
    assert "2. Warwickshire County Council" in shown
    # Each field is shown beside the row's other cells as printed (the source text).
    assert "as printed: Police + WCC" in shown and "deadline cell: Sept" in shown
    assert "as printed: Sept" in shown and "owner cell: Police + WCC" in shown
    saved = load_decisions(decisions_path)
    assert [(d.scope, d.record_id, d.field, d.decision, d.value, d.reviewer) for d in saved] == [
        ("row", "r1", "owners", "set", "Warwickshire County Council", "ana"),
        ("value", "", "owners", "set", "Warwickshire Police", "ana"),
    ]
    # Resume: the skipped field comes back first; r2's owners were settled by the value decision.
    made, shown = _session(tmp_path, decisions_path, "s\n2009-09-30\nb\na\nn\n")
    assert made == 3
    assert "4 of 6 flagged fields to review" in shown
    assert f"3 answer(s) saved to {decisions_path} (4 decision(s) in it)" in shown
    saved = load_decisions(decisions_path)
    assert [(d.record_id, d.field, d.decision, d.value) for d in saved[2:]] == [
        ("r1", "deadline", "accept", "unknown"),  # set, then back, then accept replaced it
        ("r2", "deadline", "not_action", ""),
    ]
    result, stale = apply_decisions(rows, saved, _reparse)
    by_id = _by_id(result)
    assert "r2" not in by_id and stale == []
    assert by_id["r1"].owners == ["Warwickshire County Council"] and not by_id["r1"].needs_review
    made, shown = _session(tmp_path, decisions_path, "")
    assert made == 0 and "2 of 6 flagged fields to review" in shown


def test_the_session_refuses_a_value_the_next_run_could_not_apply(tmp_path: Path) -> None:
    _finished_run(tmp_path)
    decisions_path = tmp_path / "decisions.csv"
    made, shown = _session(tmp_path, decisions_path,
                           "k\ns\nSept\ns\n2009-02-30\ns\n2009-09-30\nq\n")
    assert made == 1
    assert "not saved: the deadline 'Sept' reads only by a guess" in shown
    assert "not saved: '2009-02-30' is not a calendar date" in shown
    assert [(d.field, d.value) for d in load_decisions(decisions_path)] == [
        ("deadline", "2009-09-30")]


def test_a_guessed_reading_of_a_reviewers_deadline_is_not_applied() -> None:
    decision = new_decision("row", "deadline", "set", record_id="r1", value="Sept")
    rows, stale = apply_decisions(_rows(), [decision], _reparse)
    assert _by_id(rows)["r1"].deadline_kind == "unknown"
    assert "reads only by a guess (the year 2009 was taken from the plan)" in stale[0].reason


def test_the_session_runs_in_clicks_terminal(tmp_path: Path) -> None:
    _finished_run(tmp_path)
    decisions_path = tmp_path / "decisions.csv"
    runner = CliRunner()
    with runner.isolation(input="x\nn\nq\n") as streams:
        made = run_session(tmp_path, decisions_path, "ana", reparse=_reparse)
        shown = streams[0].getvalue().decode()
    assert made == 1
    assert "unknown key 'x'" in shown
    assert [(d.record_id, d.decision) for d in load_decisions(decisions_path)] == [
        ("r1", "not_action")]


def test_the_session_reads_a_csv_only_run_and_says_when_there_are_no_rows(
        tmp_path: Path) -> None:
    """`convert --format csv` writes no actions.json: the session reads actions.csv; with
    neither it says so, naming the folder, instead of calling every line stale (what the
    `review` command shows of it: tests/e2e/test_review_e2e.py)."""
    rows = _finished_run(tmp_path)
    (tmp_path / "actions.json").unlink()
    write_csv(tmp_path / "actions.csv", Action, rows)
    made, shown = _session(tmp_path, tmp_path / "decisions.csv", "q\n")
    assert "6 of 6 flagged fields to review" in shown and "theme:      Community safety" in shown
    assert "deadline cell: Sept" in shown
    (tmp_path / "actions.csv").unlink()
    with pytest.raises(FileNotFoundError,
                       match=re.escape(f"neither actions.json nor actions.csv is in {tmp_path}")):
        _session(tmp_path, tmp_path / "decisions.csv", "q\n")


def test_add_decisions_merges_an_import_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    add_decision(path, new_decision("row", "owners", "set", record_id="r1", value="A"))
    merged = add_decisions(path, [new_decision("row", "owners", "set", record_id="r1",
                                               value="B"),
                                  new_decision("row", "rag", "set", record_id="r1",
                                               value="red")])
    assert [d.value for d in merged] == ["B", "red"] == [d.value for d in load_decisions(path)]
    assert all(isinstance(d, Decision) for d in merged)


# -- two levels: review and note --------------------------------------------------------------


def test_a_row_with_only_notes_keeps_its_flags_but_is_not_sent_to_review() -> None:
    row = _row("r9", "Publish the strategy", "Police", flagged=False)
    several = Flag(code="deadline_several", field="deadline", evidence="latest_clear",
                   reason="'Mar 09 Sept 08' holds 2 different deadlines; the latest is due")
    row.add_flags([several])
    assert row.flags == ["deadline_several"] and not row.needs_review
    assert review_items([row]) == []  # nothing for a person to settle
    row.add_flags([_owner_flag("Polise")])
    assert row.needs_review
    lines = review_items([row])
    assert [(line.field, line.flags) for line in lines] == [("owners", ["owner_unmatched"])]


def test_a_note_beside_a_doubt_about_the_same_field_is_on_its_line_after_it() -> None:
    row = _row("r9", "Publish the strategy", "Police", flagged=False)
    row.add_flags([
        Flag(code="deadline_several", field="deadline", evidence="latest_clear",
             reason="two dates, the latest is due"),
        Flag(code="deadline_year_inferred", field="deadline", reason="'December' has no year"),
    ])
    (line,) = review_items([row])
    assert line.flags == ["deadline_several", "deadline_year_inferred"]
    assert line.reasons == "'December' has no year | two dates, the latest is due"


def test_a_flag_with_evidence_the_table_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="flags.csv"):
        Flag(code="ocr_text", field="row", reason="scan", evidence="looks fine")
