"""Score a planharvest run against the hand-checked rows in ``samples/expected/``.

    python bench/accuracy.py                      # convert samples/ into a temp folder, then score
    python bench/accuracy.py --out DIR            # score an existing run
    python bench/accuracy.py --only .docx         # only sample files whose name contains '.docx'
    python bench/accuracy.py --out DIR --misses   # also list each document's unmatched rows
    python bench/accuracy.py --expected DIR/expected --inputs DIR/docs   # another corpus, e.g.
                                                  # the one bench/wild.py writes

Rows are matched per document by action text (rapidfuzz similarity of the
folded texts, best pairs first, at least 80). On matched rows each field is
compared: text fields folded (case, spacing and punctuation ignored; the
action text fuzzily, >= 90), lists as sets (``owner_units``, printed text, as
sets of folded items), dates exactly. A *silent error* is
a matched row with a wrong field and no flag: the worst outcome for a user.

The review queue is scored against the hand-decided ``expect_review`` column (would a
careful reviewer need to look at this row, because a value could be wrong?):

- review recall: matched rows with a wrong value that are ``needs_review`` (must be 100%;
  1 - recall is the silent errors' share of wrong rows);
- review precision: ``needs_review`` rows that truly need a look -- matched rows with
  ``expect_review`` 1 or a wrong value, and rows that match no expected row (a row that
  should not exist, or one cut wrongly, deserves the look);
- sent to review: the share of rows written that are ``needs_review``;
- expected reviews caught: ``expect_review`` rows that are ``needs_review``.

The last line is a one-line summary.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
#: field -> how to compare it.
FIELDS = {
    "page": "exact",
    "theme": "folded",
    "objective": "folded",
    "action_id": "exact",
    "action": "fuzzy",
    "owners": "set",
    "owner_units": "folded set",
    "deadline": "deadline",
    "indicators": "set",
}
MATCH_CUTOFF = 80.0


def fold(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


def words(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", (text or "").lower()))


def as_set(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in (text or "").split(";") if part.strip())


def field_right(name: str, expected: dict[str, str], actual: dict[str, str]) -> bool:
    how = FIELDS[name]
    if how == "deadline":
        keys = ("deadline_kind", "deadline_start", "deadline_end")
        return all((expected.get(k) or "") == (actual.get(k) or "") for k in keys)
    left, right = expected.get(name) or "", actual.get(name) or ""
    if how == "exact":
        return left.strip() == right.strip()
    if how == "folded":
        return fold(left) == fold(right)
    if how == "fuzzy":
        return fuzz.ratio(words(left), words(right)) >= 90
    if how == "folded set":
        return {fold(item) for item in as_set(left)} == {fold(item) for item in as_set(right)}
    return as_set(left) == as_set(right)


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fully_right: int = 0
    flagged: int = 0
    silent_errors: int = 0
    expect_flag: int = 0
    expect_flag_caught: int = 0
    wrong_rows: int = 0  # matched rows with a wrong field
    review_needed: int = 0  # flagged rows that truly need a look (see the module doc)
    expect_review: int = 0
    expect_review_caught: int = 0

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "matched", "fully_right", "flagged", "silent_errors",
                     "expect_flag", "expect_flag_caught", "wrong_rows", "review_needed",
                     "expect_review", "expect_review_caught"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in FIELDS:
            self.right[name] += other.right[name]

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.matched if self.matched else 0.0

    @property
    def review_precision(self) -> float:
        return self.review_needed / self.flagged if self.flagged else 1.0

    @property
    def review_recall(self) -> float:
        """Rows with a wrong value that are sent to review."""
        if not self.wrong_rows:
            return 1.0
        return (self.wrong_rows - self.silent_errors) / self.wrong_rows

    @property
    def review_share(self) -> float:
        return self.flagged / self.found if self.found else 0.0

    def review_summary(self) -> str:
        """The review queue's figures, one phrase."""
        return (f"review recall {self.review_recall:.1%} ({self.wrong_rows - self.silent_errors}"
                f"/{self.wrong_rows} rows with a wrong value), precision "
                f"{self.review_precision:.2f} ({self.review_needed}/{self.flagged}), sent to "
                f"review {self.review_share:.1%} ({self.flagged}/{self.found}), expect_review "
                f"caught {self.expect_review_caught}/{self.expect_review}")


def match_rows(expected: list[dict], actual: list[dict]) -> list[tuple[int, int]]:
    """Best pairs first by action-text similarity; each row used once. Among equally similar
    texts (a plan of forty "Re-configure walls" rows) the pair whose reference and page agree
    comes first, so identical actions are paired with their own rows."""
    if not expected or not actual:
        return []
    scores = process.cdist([words(r["action"]) for r in expected],
                           [words(r["action"]) for r in actual], scorer=fuzz.ratio)

    def agree(i: int, j: int) -> tuple[bool, bool]:
        left, right = expected[i], actual[j]
        return (fold(left.get("action_id", "")) == fold(right.get("action_id", "")),
                (left.get("page") or "") == (right.get("page") or ""))

    pairs = sorted(((scores[i][j], *agree(i, j), i, j) for i in range(len(expected))
                    for j in range(len(actual)) if scores[i][j] >= MATCH_CUTOFF), reverse=True)
    used_e, used_a, matched = set(), set(), []
    for _score, _same_id, _same_page, i, j in pairs:
        if i not in used_e and j not in used_a:
            used_e.add(i)
            used_a.add(j)
            matched.append((i, j))
    return matched


def score_document(expected: list[dict], actual: list[dict]) -> Score:
    score = Score(expected=len(expected), found=len(actual))
    score.flagged = sum(row.get("needs_review") == "true" for row in actual)
    score.expect_flag = sum(row.get("expect_flag") == "1" for row in expected)
    score.expect_review = sum(row.get("expect_review") == "1" for row in expected)
    pairs = match_rows(expected, actual)
    matched = {j for _, j in pairs}
    # A flagged row that matches no expected row deserves its look.
    score.review_needed = sum(row.get("needs_review") == "true"
                              for j, row in enumerate(actual) if j not in matched)
    for i, j in pairs:
        score.matched += 1
        wrong = [name for name in FIELDS if not field_right(name, expected[i], actual[j])]
        for name in FIELDS:
            score.right[name] += name not in wrong
        flagged = actual[j].get("needs_review") == "true"
        needed = bool(wrong) or expected[i].get("expect_review") == "1"
        score.fully_right += not wrong
        score.wrong_rows += bool(wrong)
        score.silent_errors += bool(wrong) and not flagged
        score.expect_flag_caught += expected[i].get("expect_flag") == "1" and flagged
        score.expect_review_caught += expected[i].get("expect_review") == "1" and flagged
        score.review_needed += flagged and needed
    return score


def nearest(row: dict, others: list[dict]) -> tuple[float, dict | None]:
    """The row of ``others`` whose action text is most like ``row``'s, with the score."""
    if not others:
        return 0.0, None
    best = process.extractOne(words(row["action"]), [words(o["action"]) for o in others],
                              scorer=fuzz.ratio)
    return best[1], others[best[2]]


def describe(row: dict | None) -> str:
    if row is None:
        return "-"
    ref = row.get("action_id") or "(no ref)"
    return f"p{row.get('page') or '?'} {ref}: {row['action'][:90]!r}"


def print_misses(out: Path, samples: Path, only: str = "",
                 expected_dir: Path | None = None) -> None:
    """Per document: expected rows not found, found rows not expected, each with its nearest
    row on the other side; and matched rows with a wrong field, naming the field."""
    for name, expected, actual in documents(out, samples, only, expected_dir):
        pairs = match_rows(expected, actual)
        lost = [row for i, row in enumerate(expected) if i not in {i for i, _ in pairs}]
        extra = [row for j, row in enumerate(actual) if j not in {j for _, j in pairs}]
        wrong = [(expected[i], actual[j], [f for f in FIELDS
                                           if not field_right(f, expected[i], actual[j])])
                 for i, j in pairs]
        wrong = [item for item in wrong if item[2]]
        if not (lost or extra or wrong):
            continue
        print(f"\n== {name}")
        for row in lost:
            score, near = nearest(row, actual)
            print(f"  not found  {describe(row)}\n     nearest ({score:.0f}) {describe(near)}")
        for row in extra:
            score, near = nearest(row, expected)
            print(f"  unexpected {describe(row)}\n     nearest ({score:.0f}) {describe(near)}")
        for exp, act, names in wrong:
            flagged = "flagged" if act.get("needs_review") == "true" else "SILENT"
            print(f"  wrong {', '.join(names)} ({flagged}) {describe(exp)}")
            for name in names:
                keys = (("deadline_kind", "deadline_start", "deadline_end")
                        if name == "deadline" else (name,))
                print(f"     {name}: expected {[exp.get(k) for k in keys]} "
                      f"got {[act.get(k) for k in keys]}")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def run_convert(inputs: list[Path], out: Path) -> None:
    subprocess.run([sys.executable, "-m", "planharvest", "convert", *map(str, inputs), "--out",
                    str(out), "--format", "csv", "--no-cache"], check=False)


def expected_inputs(folder: Path, expected_dir: Path) -> list[Path]:
    """The documents of ``folder`` that ``expected_dir`` has expected rows for (samples/ also
    holds the real corpus in samples/real/, scored by bench/real.py)."""
    return [folder / path.name[: -len(".csv")] for path in sorted(expected_dir.glob("*.csv"))
            if (folder / path.name[: -len(".csv")]).exists()]


def documents(out: Path, samples: Path, only: str = "", expected_dir: Path | None = None
              ) -> list[tuple[str, list[dict], list[dict]]]:
    """(sample file, expected rows, rows the run wrote) for every expected file whose name
    contains ``only``; the expected files are ``samples/expected`` unless ``expected_dir``."""
    by_file: dict[str, list[dict]] = {}
    for row in read_csv(out / "actions.csv"):
        by_file.setdefault(row["source_file"], []).append(row)
    found = []
    for expected_path in sorted((expected_dir or samples / "expected").glob("*.csv")):
        name = expected_path.name[: -len(".csv")]
        if not only or only in name:
            found.append((name, read_csv(expected_path), by_file.get(name, [])))
    return found


def score_run(out: Path, samples: Path, only: str = "", expected_dir: Path | None = None
              ) -> dict[str, Score]:
    """Score per sample file (key) for every expected file whose name contains ``only``."""
    return {name: score_document(expected, actual)
            for name, expected, actual in documents(out, samples, only, expected_dir)}


def print_table(scores: dict[str, Score]) -> Score:
    total = Score()
    header = (f"{'document':44} {'exp':>4} {'found':>5} {'P':>5} {'R':>5} {'F1':>5} "
              + " ".join(f"{name[:8]:>8}" for name in FIELDS)
              + f" {'allOK':>5} {'flag':>4} {'silent':>6} {'revP':>5}")
    print(header)
    for name, score in [*scores.items(), ("TOTAL", total)]:
        if name == "TOTAL":
            for other in scores.values():
                total.add(other)
        print(f"{name[:44]:44} {score.expected:>4} {score.found:>5} {score.precision:5.2f} "
              f"{score.recall:5.2f} {score.f1:5.2f} "
              + " ".join(f"{score.accuracy(f):8.2f}" for f in FIELDS)
              + f" {score.fully_right:>5} {score.flagged:>4} {score.silent_errors:>6}"
              f" {score.review_precision:5.2f}")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="an existing run's folder (else convert now)")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--expected", type=Path,
                        help="folder of expected CSVs (default: SAMPLES/expected)")
    parser.add_argument("--inputs", type=Path,
                        help="folder to convert when no --out is given (default: SAMPLES)")
    parser.add_argument("--only", default="", help="score only files whose name contains this")
    parser.add_argument("--misses", action="store_true",
                        help="list unmatched rows and wrong fields per document, with nearest rows")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        out = args.out
        if out is None:
            out = Path(temporary)
            inputs = ([args.inputs] if args.inputs else
                      expected_inputs(args.samples, args.expected or args.samples / "expected"))
            run_convert(inputs, out)
        total = print_table(score_run(out, args.samples, args.only, args.expected))
        if args.misses:
            print_misses(out, args.samples, args.only, args.expected)
    silent_share = total.silent_errors / total.found if total.found else 0.0
    flagged_share = total.flagged / total.found if total.found else 0.0
    print(f"summary: rows F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f}); "
          + ", ".join(f"{f} {total.accuracy(f):.3f}" for f in FIELDS)
          + f"; fully right {total.fully_right}/{total.expected}; flagged {flagged_share:.1%}; "
          f"silent errors {total.silent_errors} ({silent_share:.1%}); expected flags caught "
          f"{total.expect_flag_caught}/{total.expect_flag}; {total.review_summary()}")


if __name__ == "__main__":
    main()
