"""Score table finders by cell adjacency on the layout corpus (``bench/layouts.py``).

    python bench/table_adjacency.py [DIR] [--only NAME]

The measure is the ICDAR 2013 table competition's: every non-empty cell is
related to its nearest non-empty neighbour to the right and below, each
relation a (text, text, direction) triple of the cells' folded texts; a
document's found relations are matched against its true ones (as multisets)
for precision and recall, summed over the corpus. A table found where there
is none costs precision; a cell split or merged costs relations both ways.

Beside planharvest (the tables ``planharvest tables`` prints) it scores
pdfplumber's "text" strategy and, when installed, camelot's stream mode, on
the same files in the same run.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from planharvest.extract.listing import list_tables

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "data" / "layouts"

Grid = list[list[str]]


def fold(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def relations(grid: Grid) -> Counter[tuple[str, str, str]]:
    """Adjacency relations of one table: each cell to the next non-empty cell right and down."""
    rows = [[fold(text or "") for text in row] for row in grid]
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    found: Counter[tuple[str, str, str]] = Counter()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text:
                continue
            right = next((other for other in row[c + 1:] if other), None)
            below = next((rows[k][c] for k in range(r + 1, len(rows)) if rows[k][c]), None)
            if right:
                found[(text, right, "right")] += 1
            if below:
                found[(text, below, "below")] += 1
    return found


def planharvest_tables(path: Path) -> list[Grid]:
    return [entry["rows"] for entry in list_tables(path)]


def plumber_text_tables(path: Path) -> list[Grid]:
    strategy = {"vertical_strategy": "text", "horizontal_strategy": "text"}
    with pdfplumber.open(path) as pdf:
        return [table for page in pdf.pages for table in page.extract_tables(strategy)]


def camelot_tables(path: Path) -> list[Grid]:
    import camelot

    return [table.df.values.tolist() for table in camelot.read_pdf(str(path), flavor="stream",
                                                                    pages="all")]


def readers() -> dict[str, Callable[[Path], list[Grid]]]:
    found: dict[str, Callable[[Path], list[Grid]]] = {
        "planharvest": planharvest_tables,
        "pdfplumber-text": plumber_text_tables,
    }
    try:
        import camelot  # noqa: F401  (optional: scored only where installed)
    except ImportError:
        return found
    found["camelot-stream"] = camelot_tables
    return found


def document_counts(truth: list[Grid], tables: list[Grid]) -> tuple[int, int, int]:
    """(matched relations, found relations, true relations) of one document."""
    expected: Counter[tuple[str, str, str]] = sum(map(relations, truth), Counter())
    found: Counter[tuple[str, str, str]] = sum(map(relations, tables), Counter())
    return sum((expected & found).values()), sum(found.values()), sum(expected.values())


def f1(matched: int, found: int, expected: int) -> tuple[float, float, float]:
    precision = matched / found if found else float(expected == 0)
    recall = matched / expected if expected else 1.0
    total = precision + recall
    return precision, recall, 2 * precision * recall / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--only", default="", help="only layouts whose name contains this")
    args = parser.parse_args()
    paths = sorted(path for path in args.folder.glob("*.pdf") if args.only in path.stem)
    for name, read in readers().items():
        totals = [0, 0, 0]
        print(f"== {name}")
        for path in paths:
            truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            counts = document_counts(truth, read(path))
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            precision, recall, score = f1(*counts)
            print(f"  {path.stem:28} P {precision:.2f} R {recall:.2f} F1 {score:.2f}")
        precision, recall, score = f1(*totals)
        print(f"{name}: adjacency F1 {score:.3f} (P {precision:.3f} R {recall:.3f})")


if __name__ == "__main__":
    main()
