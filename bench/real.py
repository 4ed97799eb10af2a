"""Score planharvest on the real public plans in ``samples/real/``, dev and holdout apart.

    python bench/real.py                  # convert samples/real/docs into a temp folder, score
    python bench/real.py --out DIR        # score an existing run of samples/real/docs
    python bench/real.py --set dev        # only the dev documents (the ones rules were written on)
    python bench/real.py --set fresh      # rows written after the rules: score once, untouched
    python bench/real.py --set fresh2     # round 5, written after the rules: score once, untouched
    python bench/real.py --set fresh3     # round 6, written after the rules: score once, untouched
    python bench/real.py --set fresh4     # round 8, written after the rules: score once, untouched
    python bench/real.py --set fresh5     # round 9, written after the rules: score once, untouched
    python bench/real.py --set all        # every set above

``samples/real/manifest-*.csv`` says, per document, where it came from, which pages were
hand-checked (``pages_checked``: "3-7", "15-24", "all") and its ``set``: *dev* documents were
open to the people writing the recognition rules; *holdout* documents were set aside before
their rows were written and are scored untouched -- their figure is the honest one for plans
nobody here has seen. Only rows a run writes on checked pages are scored (a row on another
page is neither right nor wrong). Scoring is ``bench/accuracy.py``'s: rows matched by action
text, fields compared, silent errors counted, the review queue scored (recall, precision, share
sent to review; see its docstring).

Precision is also measured on the tables that are not action plans. A manifest's
``non_action_tables`` counts them on the checked pages, and ``non-action-tables.csv`` says
which they are, one line each: the file, the page (empty for a Word file) and a text printed
in the table's first row ("Area | Challenge"). The document's tables are listed as
``planharvest tables`` lists them (page by page, not joined), each line's table is found
among them, and it *gave rows* when the action text of a row the run wrote, one matching no
expected row, is printed in it (on its page: a task named both in a schedule and over its
own detail table gives its row to the schedule). The summary says how many gave rows and
the share that gave none.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import (  # noqa: E402
    FIELDS,
    Score,
    fold,
    match_rows,
    print_table,
    read_csv,
    run_convert,
    score_document,
)

from planharvest.extract.listing import list_tables  # noqa: E402

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


def non_action_tables(real: Path) -> dict[str, list[tuple[int | None, str]]]:
    """File name -> (page or None, text of the first row) of each of its non-action tables."""
    tables: dict[str, list[tuple[int | None, str]]] = {}
    with (real / "non-action-tables.csv").open(encoding="utf-8-sig", newline="") as handle:
        for line in csv.DictReader(handle):
            page = int(line["page"]) if line["page"].strip() else None
            tables.setdefault(line["file"], []).append((page, line["first_row"]))
    return tables


def _table_text(table: dict) -> str:
    return fold(" ".join(cell for row in table["rows"] for cell in row))


def non_action_gave_rows(path: Path, line: dict[str, str], entries: list[tuple[int | None, str]],
                         rows: list[dict[str, str]]) -> list[str]:
    """The non-action tables of the document (``entries``) that gave rows (``rows``: those
    matching no expected row), each as its first row; an entry that names no table, or
    more than one, stops the run, and so does a count that differs from the manifest's."""
    counted = int(line.get("non_action_tables") or 0)
    if len(entries) != counted:
        sys.exit(f"{path.name}: the manifest counts {counted} non-action tables but "
                 f"non-action-tables.csv lists {len(entries)}")
    if not entries:
        return []
    pages = sorted({page for page, _ in entries if page is not None})
    tables = list_tables(path, ",".join(map(str, pages)) or None)
    gave = []
    for page, text in entries:
        hits = [table for table in tables if (page is None or table["page"] == page)
                and fold(text) in fold(" | ".join(table["rows"][0]))]
        if len(hits) != 1:
            sys.exit(f"{path.name}: non-action table {text!r} names {len(hits)} tables")
        inside = _table_text(hits[0])
        if any(fold(row["action"]) and fold(row["action"]) in inside
               and (page is None or row.get("page") == str(page)) for row in rows):
            gave.append(f"p{page}: {text}" if page else text)
    return gave


@dataclass
class SetResult:
    """One set's scores, and its non-action tables on checked pages and those that gave rows."""

    scores: dict[str, Score]
    non_action: int = 0
    gave_rows: dict[str, list[str]] = field(default_factory=dict)


def score_set(out: Path, real: Path, lines: dict[str, dict[str, str]], which: str) -> SetResult:
    """Scores of the documents of one set, and how their non-action tables fared."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(out / "actions.csv"):
        by_file.setdefault(row["source_file"], []).append(row)
    result = SetResult({})
    where = non_action_tables(real)
    for name, line in sorted(lines.items()):
        if line["set"] != which or not (real / "expected" / f"{name}.csv").exists():
            continue
        expected = read_csv(real / "expected" / f"{name}.csv")
        found = on_checked_pages(by_file.get(name, []), checked_pages(line["pages_checked"]))
        result.scores[name] = score_document(expected, found)
        result.non_action += int(line.get("non_action_tables") or 0)
        matched = {j for _, j in match_rows(expected, found)}
        unmatched = [row for j, row in enumerate(found) if j not in matched]
        gave = non_action_gave_rows(real / "docs" / name, line, where.get(name, []), unmatched)
        if gave:
            result.gave_rows[name] = gave
    return result


def summary(label: str, total: Score, non_action: int, gave_rows: int) -> str:
    silent = total.silent_errors / total.found if total.found else 0.0
    unmatched = total.found - total.matched
    none = (non_action - gave_rows) / non_action if non_action else 1.0
    return (f"{label}: rows F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f}; "
            f"{total.matched}/{total.expected} expected rows found); "
            + ", ".join(f"{f} {total.accuracy(f):.3f}" for f in FIELDS if f != "page")
            + f"; silent errors {total.silent_errors} ({silent:.1%}); rows matching no expected "
            f"row {unmatched}; non-action tables on checked pages {non_action}, "
            f"{gave_rows} gave rows ({none:.0%} gave none); {total.review_summary()}")


#: Every set, in the order they were written (each after the rules the one before it tested).
SETS = ("dev", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="an existing run of samples/real/docs")
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--set", default="both",
                        choices=(*SETS, "both", "all"))
    args = parser.parse_args()
    lines = manifest(args.real)
    sets = {"both": ("dev", "holdout"), "all": SETS}.get(args.set, (args.set,))
    with tempfile.TemporaryDirectory() as temporary:
        out = args.out
        if out is None:
            out = Path(temporary)
            names = [name for name, line in lines.items() if line["set"] in sets]
            run_convert([args.real / "docs" / name for name in sorted(names)], out)
        results = []
        for which in sets:
            print(f"== {which}")
            result = score_set(out, args.real, lines, which)
            results.append((which, print_table(result.scores), result))
            for name, gave in result.gave_rows.items():
                print(f"non-action tables that gave rows in {name}: {'; '.join(gave)}")
    everything = Score()
    for _, total, _ in results:
        everything.add(total)
    for which, total, result in results:
        print(summary(f"real {which}", total, result.non_action,
                      sum(map(len, result.gave_rows.values()))))
    if len(results) > 1:
        print(summary("real all", everything, sum(r.non_action for _, _, r in results),
                      sum(len(g) for _, _, r in results for g in r.gave_rows.values())))


if __name__ == "__main__":
    main()
