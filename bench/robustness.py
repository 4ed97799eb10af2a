"""Hostile inputs at full size: how many were tried, crashes, hangs, peak memory.

    python bench/robustness.py                 # every group (a few minutes)
    python bench/robustness.py --only bomb     # groups whose name contains 'bomb'
    python bench/robustness.py --real-pages    # the 2,000-page PDF from real sample pages too

Each group of bad inputs (``samples/hostile.py``) is written into a fresh
folder and converted by the real CLI in a child process (``--workers 1``, so the
child's peak RSS is the whole conversion's), with a time limit. Counted per
group:

* ``inputs``: bad files tried;
* ``crash``: the run printed a traceback, exited with neither 0 nor 1, lost its
  outputs, or listed a file as an internal error;
* ``hang``: the run passed its time limit (killed);
* ``wrong``: a file listed with another status, or without the reason expected;
* ``peak MB``: the child's peak resident memory (a run over one good plan is
  the baseline: the libraries alone).

Then a convert is SIGKILLed at random moments over a folder holding a previous
complete run: every output left must parse to its end (``half-written``), and
all must come from the same run (``mixed``). The last line sums it up.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samples import hostile  # noqa: E402

#: The CLI in a child process, printing its own peak memory (KiB) last on stderr.
_CHILD = """
import resource, sys
from planharvest.cli import main
try:
    main(sys.argv[1:])
finally:
    print(f"PEAK_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


@dataclass(frozen=True)
class Expect:
    """What documents.csv must say about one file: a status (any of), a reason (substring),
    and for a good file the number of actions when known."""

    statuses: tuple[str, ...] = ("failed",)
    reason: str = ""
    actions: int | None = None


@dataclass
class Group:
    name: str
    make: Callable[[Path], dict[str, Expect]]  # writes inputs; file name -> expectation
    timeout: float = 300.0


@dataclass
class Outcome:
    group: str
    inputs: int = 0
    seconds: float = 0.0
    peak_mb: float = 0.0
    crash: list[str] = field(default_factory=list)
    hang: bool = False
    wrong: list[str] = field(default_factory=list)


def _expect_cases(cases: tuple[hostile.HostileCase, ...]) -> Callable[[Path], dict[str, Expect]]:
    def make(folder: Path) -> dict[str, Expect]:
        expected = {}
        for case in cases:
            for path in case.make(folder):
                expected[path.name] = Expect((case.status,), case.reason)
        return expected

    return make


def _truncated(folder: Path) -> dict[str, Expect]:
    expected = {}
    for sample in sorted(hostile.SAMPLES.glob("*.pdf")):
        for path in hostile.truncated_copies(sample, folder, count=40):
            # a cut file may still read; cuts before the first difference are the same bytes
            expected[path.name] = Expect(("failed", "ok", "skipped"))
    return expected


def _single(name: str, maker: Callable[[Path], Path], expect: Expect) -> Group:
    return Group(name, lambda folder: {maker(folder).name: expect})


def _odd_names(folder: Path) -> dict[str, Expect]:
    for number, name in enumerate(hostile.ODD_NAMES):  # each its own bytes: none a copy
        hostile.action_plan_docx(folder / name, title=f"Community Safety Action Plan {number}")
    return {name: Expect(("ok",)) for name in hostile.ODD_NAMES}


def _links(make: Callable[[Path], list[Path]]) -> Callable[[Path], dict[str, Expect]]:
    return lambda folder: {path.name: Expect(("failed", "skipped")) for path in make(folder)}


def _xxe(folder: Path) -> dict[str, Expect]:
    secret = folder.parent / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT")
    # Nothing listens on port 9 (discard) on a build machine: a fetch would fail or hang.
    hostile.external_entities_docx(folder / "xxe.docx", secret, "http://127.0.0.1:9")
    hostile.entity_expansion_docx(folder / "laughs.docx")
    return {"xxe.docx": Expect(("ok",)), "laughs.docx": Expect(("failed",), "entities")}


def _damaged(folder: Path) -> dict[str, Expect]:
    hostile.wrong_length_pdf(folder / "length.pdf")
    hostile.wrong_length_pdf(folder / "length_deflated.pdf", compress=True)
    hostile.corrupt_stream_pdf(folder / "corrupt.pdf")
    return {"length.pdf": Expect(("ok",), "wrong /Length"),
            "length_deflated.pdf": Expect(("ok",), "wrong /Length"),
            "corrupt.pdf": Expect(("ok",), "does not decompress", actions=3)}


def _outside_links(folder: Path) -> dict[str, Expect]:
    outside = hostile.action_plan_pdf(folder.parent / "elsewhere" / "plan.pdf")
    (folder / "linked.pdf").symlink_to(outside)
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    (folder / "null").symlink_to(os.devnull)
    return {name: Expect(("skipped",), "outside the input folder")
            for name in ("linked.pdf", "etc", "null")}


def second_round() -> list[Group]:
    """Issue 16's cases: forms, damage, sideways text, nested tables, links, misnamed files."""
    return [
        _single("PDF bomb: forms nested 2,000 deep (RecursionError before)",
                lambda f: hostile.form_bomb_pdf(f / "deep.pdf", levels=2000, fan_out=1),
                Expect(("failed",), "max_form_depth")),
        _single("PDF bomb: forms painting 20,000,000 lines",
                lambda f: hostile.form_bomb_pdf(f / "lines.pdf", levels=6,
                                                leaf=hostile.FORM_LINES),
                Expect(("failed",), "max_page_drawings")),
        _single("PDF: forms painting 20,000 lines (under max_page_drawings)",
                lambda f: hostile.form_bomb_pdf(f / "lines20k.pdf", levels=3,
                                                leaf=hostile.FORM_LINES), Expect(("ok",))),
        Group("damaged PDFs: wrong /Length, corrupt stream", _damaged),
        _single("page set sideways", lambda f: hostile.sideways_pdf(f / "sideways.pdf"),
                Expect(("ok",), "sideways", actions=3)),
        _single("Word layout table holding action tables",
                lambda f: hostile.layout_table_docx(f / "layout.docx"), Expect(("ok",),
                                                                             actions=6)),
        _single("HTML page named .doc quoting %PDF-",
                lambda f: hostile.write_file(f / "page.doc", b"<html><body>%PDF-1.4</body>"
                                                             b"</html>"),
                Expect(("failed",), "HTML page")),
        Group("links leading outside the input folder", _outside_links, timeout=60),
    ]


def groups(real_pages: bool) -> list[Group]:
    gib = 2**30
    found = [
        Group("catalogue (samples/hostile.CASES)", _expect_cases(hostile.CASES)),
        Group("truncated PDFs (every sample, 40 cuts each)", _truncated),
        Group("encrypted PDFs", lambda folder: {
            hostile.action_plan_pdf(folder / "user.pdf", passwords=hostile.PdfPasswords(
                "open")).name: Expect(("failed",), "encrypted"),
            hostile.action_plan_pdf(folder / "owner_only.pdf", passwords=hostile.PdfPasswords(
                "")).name: Expect(("ok",))}),
        _single("ZIP bomb: 2 GiB part, honest sizes",
                lambda f: hostile.zip_bomb_docx(f / "bomb2g.docx", 2 * gib),
                Expect(("failed",), "max_uncompressed_bytes")),
        _single("ZIP bomb: 2 GiB part declaring 4 KiB",
                lambda f: hostile.zip_bomb_docx(f / "liar2g.docx", 2 * gib, lie=True),
                Expect(("failed",), "damaged")),
        _single("ZIP bomb: 500 MiB picture (under the limit)",
                lambda f: hostile.media_bomb_docx(f / "picture500m.docx", 500 * 2**20),
                Expect(("ok",))),
        _single("dense markup: 12 MB of <w:p/> (just under 2M tags)",
                lambda f: hostile.zip_bomb_docx(f / "dense_under.docx", 11_900_000),
                Expect(("ok",))),
        _single("dense markup: 400 MB of <w:p/>",
                lambda f: hostile.zip_bomb_docx(f / "dense400m.docx", 400_000_000),
                Expect(("failed",), "elements")),
        _single("ZIP with 50,000 entries",
                lambda f: hostile.many_entries_docx(f / "entries50k.docx", 50_000),
                Expect(("failed",), "max_zip_entries")),
        Group("external entities", _xxe),
        _single("tables nested 80 deep",
                lambda f: hostile.nested_tables_docx(f / "nest80.docx", 80), Expect(("ok",))),
        _single("2,000-page PDF (generated pages)",
                lambda f: hostile.many_pages_pdf(f / "pages2000.pdf", 2000),
                Expect(("ok",), actions=4000)),
        _single("page of 100,000 characters (words)",
                lambda f: hostile.dense_text_pdf(f / "dense_words.pdf"), Expect(("ok",))),
        _single("page of 100,000 characters (one run)",
                lambda f: hostile.dense_text_pdf(f / "dense_run.pdf", words=False),
                Expect(("ok",))),
        _single("page of 400,000 characters (over max_page_characters)",
                lambda f: hostile.dense_text_pdf(f / "dense400k.pdf", 400_000),
                Expect(("failed",), "max_page_characters")),
        _single("PDF bomb: 400,000 characters deflated into one page",
                lambda f: hostile.dense_text_pdf(f / "bomb400k.pdf", 400_000, compress=True),
                Expect(("failed",), "max_page_characters")),
        _single("PDF bomb: forms nested 9 deep, each drawn 10 times (10^9 lines)",
                lambda f: hostile.form_bomb_pdf(f / "forms.pdf", levels=9),
                Expect(("failed",), "max_page_characters")),
        _single("PDF bomb: a content stream inflating to 1 GiB of blanks",
                lambda f: hostile.deflate_bomb_pdf(f / "blanks1g.pdf", 2**30),
                Expect(("failed",), "max_page_content_bytes")),
        _single("PDF of 3,001 pages (over max_pages)",
                lambda f: hostile.many_pages_pdf(f / "pages3001.pdf", 3001),
                Expect(("failed",), "max_pages")),
        _single("Word cells of 100,000 characters",
                lambda f: hostile.huge_cells_docx(f / "cells100k.docx"), Expect(("ok",))),
        _single("page 100,000 pt wide, row pictured in the report",
                lambda f: hostile.wide_page_pdf(f / "wide.pdf", 100_000), Expect(("ok",))),
        Group("odd file names", _odd_names),
        Group("symlink loops", _links(hostile.symlink_loop), timeout=60),
        Group("a named pipe, links to /dev/zero and /dev/urandom",
              _links(hostile.special_files), timeout=60),
    ]
    found += second_round()
    if real_pages:
        found.append(_single("2,000-page PDF (real sample pages)",
                             lambda f: hostile.sample_pages_pdf(f / "real2000.pdf", 2000),
                             Expect(("ok",))))
    return found


def run_cli(args: list[str], timeout: float) -> tuple[subprocess.CompletedProcess | None, float]:
    began = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True,
                              text=True, timeout=timeout, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - began
    return done, time.perf_counter() - began


def _peak_mb(stderr: str) -> float:
    lines = [line for line in stderr.splitlines() if line.startswith("PEAK_KB ")]
    return int(lines[-1].split()[1]) / 1024 if lines else 0.0


def _documents(out: Path) -> dict[str, dict[str, str]]:
    with (out / "documents.csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return {row["path"].removeprefix("'"): row for row in rows}


def run_group(group: Group, work: Path) -> Outcome:
    folder, out = work / "in", work / "out"
    folder.mkdir(parents=True)
    expected = group.make(folder)
    outcome = Outcome(group.name, inputs=len(expected))
    done, outcome.seconds = run_cli(["convert", str(folder), "--out", str(out),
                                     "--workers", "1", "--no-cache"], group.timeout)
    if done is None:
        outcome.hang = True
        return outcome
    outcome.peak_mb = _peak_mb(done.stderr)
    ending = f"exit {done.returncode}: {done.stderr[-300:]!r}"
    if not (out / "documents.csv").exists():
        outcome.crash.append(f"the run wrote no outputs ({ending})")
        return outcome
    if "Traceback" in done.stderr or done.returncode not in (0, 1):
        outcome.crash.append(ending)
    listed = _documents(out)
    for name, expect in expected.items():
        row = listed.get(name)
        if row is None:
            outcome.wrong.append(f"{name!r}: not listed")
        elif row["error"].startswith("internal error"):
            outcome.crash.append(f"{name!r}: {row['error'][:120]}")
        elif row["status"] not in expect.statuses or expect.reason.lower() not in (
                row["error"].lower()):
            outcome.wrong.append(f"{name!r}: {row['status']}: {row['error'][:120]}")
        elif expect.actions is not None and int(row["actions_found"]) != expect.actions:
            outcome.wrong.append(f"{name!r}: {row['actions_found']} actions, not "
                                 f"{expect.actions}")
    return outcome


# -- SIGKILL at random moments -------------------------------------------------------------


def _sources(out: Path) -> set[frozenset[str]]:
    """The set of documents each output speaks of (one set when all come from one run)."""
    with (out / "actions.csv").open(newline="", encoding="utf-8-sig") as handle:
        actions = frozenset(row["source_file"] for row in csv.DictReader(handle))
    documents = frozenset(_documents(out))
    report = (out / "report.html").read_text(encoding="utf-8")
    in_report = frozenset(name for name in ("alpha.pdf", "beta.pdf") if name in report)
    return {actions, documents, in_report}


def kill_at_random(work: Path, kills: int, seed: int) -> tuple[int, int, int]:
    """(runs killed, outputs found half-written, runs leaving a mixture of two runs)."""
    rng = random.Random(seed)
    first, second = work / "a", work / "b"
    hostile.action_plan_pdf(first / "alpha.pdf", pages=40)
    hostile.action_plan_pdf(second / "beta.pdf", pages=40)
    out = work / "out"
    args = ["--out", str(out), "--workers", "1", "--no-cache"]
    done, seconds = run_cli(["convert", str(first), *args], 300)
    assert done is not None and done.returncode == 0, done
    _, full = run_cli(["convert", str(second), *args], 300)
    killed = half = mixed = 0
    for _ in range(kills):
        run_cli(["convert", str(first), *args], 300)  # a complete previous run again
        child = subprocess.Popen([sys.executable, "-c", _CHILD, "convert", str(second), *args],
                                 cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, full))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait()
        broken = hostile.output_problems(out)
        half += len(broken)
        if not broken and len(_sources(out)) > 1:
            mixed += 1
    return killed, half, mixed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="run groups whose name contains this")
    parser.add_argument("--real-pages", action="store_true",
                        help="also convert 2,000 real sample pages (about 5 minutes)")
    parser.add_argument("--kills", type=int, default=12, help="random SIGKILLs (0: none)")
    parser.add_argument("--seed", type=int, default=9)
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="planharvest-robustness-"))
    try:
        baseline = run_group(_single("baseline: one good plan", lambda f: hostile.action_plan_docx(
            f / "good.docx"), Expect(("ok",))), work / "baseline")
        print(f"{'group':58} {'inputs':>6} {'s':>6} {'peak MB':>8} crash hang wrong")
        print(f"{baseline.group:58} {'':>6} {baseline.seconds:6.1f} {baseline.peak_mb:8.0f}")
        outcomes = []
        for index, group in enumerate(groups(options.real_pages)):
            if options.only.lower() not in group.name.lower():
                continue
            outcome = run_group(group, work / f"group{index}")
            outcomes.append(outcome)
            print(f"{outcome.group:58} {outcome.inputs:6} {outcome.seconds:6.1f} "
                  f"{outcome.peak_mb:8.0f} {len(outcome.crash):5} {int(outcome.hang):4} "
                  f"{len(outcome.wrong):5}", flush=True)
            for line in outcome.crash + outcome.wrong:
                print(f"    {line}")
        killed = half = mixed = 0
        if options.kills and not options.only:
            killed, half, mixed = kill_at_random(work / "kills", options.kills, options.seed)
            print(f"SIGKILL at random moments: {killed} runs killed, {half} outputs half-written, "
                  f"{mixed} left files of two runs")
        tried = sum(outcome.inputs for outcome in outcomes)
        crashes = sum(len(outcome.crash) for outcome in outcomes)
        hangs = sum(outcome.hang for outcome in outcomes)
        wrong = sum(len(outcome.wrong) for outcome in outcomes)
        def peak(prefix: str) -> float:
            return max((outcome.peak_mb for outcome in outcomes
                        if outcome.group.startswith(prefix)), default=0.0)

        print(f"SUMMARY: {tried} bad inputs tried, {crashes} crashes, {hangs} hangs, "
              f"{wrong} unexpected outcomes; peak memory: ZIP bombs {peak('ZIP bomb'):.0f} MB, "
              f"dense markup {peak('dense markup'):.0f} MB, PDF bomb {peak('PDF bomb'):.0f} MB "
              f"(baseline {baseline.peak_mb:.0f} MB); kills: {half} half-written, {mixed} mixed")
        return 1 if crashes or hangs or half else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
