"""Score planharvest on the real public plans in ``samples/real/``, dev and holdout apart.

    python bench/real.py                  # convert samples/real/docs into a temp folder, score
    python bench/real.py --out DIR        # score an existing run of samples/real/docs
    python bench/real.py --set dev        # only the dev documents (the ones rules were written on)
    python bench/real.py --set fresh      # rows written after the rules: score once, untouched
    python bench/real.py --set all        # dev + holdout + fresh

``samples/real/manifest-*.csv`` says, per document, where it came from, which pages were
hand-checked (``pages_checked``: "3-7", "15-24", "all") and its ``set``: *dev* documents were
open to the people writing the recognition rules; *holdout* documents were set aside before
their rows were written and are scored untouched -- their figure is the honest one for plans
nobody here has seen. Only rows a run writes on checked pages are scored (a row on another
page is neither right nor wrong). Scoring is ``bench/accuracy.py``'s: rows matched by action
text, fields compared, silent errors counted, the review queue scored (recall, precision, share
sent to review; see its docstring). The table also counts the non-action tables on
the checked pages (from the manifests) beside the rows found that match no expected row.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import FIELDS, Score, print_table, read_csv, run_convert, score_document  # noqa: E402

REAL = Path(__file__).resolve().parent.parent / "samples" / "real"


def manifest(real: Path) -> dict[str, dict[str, str]]:
    """File name -> its manifest line, from every ``manifest-*.csv``."""
    lines: dict[str, dict[str, str]] = {}
    for path in sorted(real.glob("manifest*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line in csv.DictReader(handle):
                lines[line["file"]] = line
    return lines


def checked_pages(spec: str) -> set[int] | None:
    """The pages a manifest's ``pages_checked`` names; None for "all" or empty."""
    spec = (spec or "").strip().lower()
    if spec in ("", "all"):
        return None
    pages: set[int] = set()
    for part in spec.replace(";", ",").split(","):
        first, _, last = part.strip().partition("-")
        pages.update(range(int(first), int(last or first) + 1))
    return pages


def on_checked_pages(rows: list[dict[str, str]], pages: set[int] | None) -> list[dict[str, str]]:
    if pages is None:
        return rows
    return [row for row in rows if row.get("page") and int(row["page"]) in pages]


def score_set(out: Path, real: Path, lines: dict[str, dict[str, str]], which: str
              ) -> tuple[dict[str, Score], int]:
    """Scores of the documents of one set, and the non-action tables on their checked pages."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(out / "actions.csv"):
        by_file.setdefault(row["source_file"], []).append(row)
    scores, non_action = {}, 0
    for name, line in sorted(lines.items()):
        if line["set"] != which or not (real / "expected" / f"{name}.csv").exists():
            continue
        expected = read_csv(real / "expected" / f"{name}.csv")
        found = on_checked_pages(by_file.get(name, []), checked_pages(line["pages_checked"]))
        scores[name] = score_document(expected, found)
        non_action += int(line.get("non_action_tables") or 0)
    return scores, non_action


def summary(label: str, total: Score, non_action: int) -> str:
    silent = total.silent_errors / total.found if total.found else 0.0
    unmatched = total.found - total.matched
    return (f"{label}: rows F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f}; "
            f"{total.matched}/{total.expected} expected rows found); "
            + ", ".join(f"{f} {total.accuracy(f):.3f}" for f in FIELDS if f != "page")
            + f"; silent errors {total.silent_errors} ({silent:.1%}); rows matching no expected "
            f"row {unmatched}; non-action tables on checked pages {non_action}; "
            f"{total.review_summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="an existing run of samples/real/docs")
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--set", choices=("dev", "holdout", "fresh", "both", "all"), default="both")
    args = parser.parse_args()
    lines = manifest(args.real)
    sets = {"both": ("dev", "holdout"),
            "all": ("dev", "holdout", "fresh")}.get(args.set, (args.set,))
    with tempfile.TemporaryDirectory() as temporary:
        out = args.out
        if out is None:
            out = Path(temporary)
            names = [name for name, line in lines.items() if line["set"] in sets]
            run_convert([args.real / "docs" / name for name in sorted(names)], out)
        results = []
        for which in sets:
            print(f"== {which}")
            scores, non_action = score_set(out, args.real, lines, which)
            results.append((which, print_table(scores), non_action))
    everything = Score()
    for _, total, _ in results:
        everything.add(total)
    for which, total, non_action in results:
        print(summary(f"real {which}", total, non_action))
    if len(results) > 1:
        print(summary("real all", everything, sum(n for _, _, n in results)))


if __name__ == "__main__":
    main()
