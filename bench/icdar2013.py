"""Cell-adjacency F1 of table extraction on the public ICDAR 2013 table-competition set.

    python bench/icdar2013.py --data DIR [--only eu-0] [--readers planharvest,camelot-stream]
                              [--details]

DIR holds the competition's PDFs and their ``*-str.xml`` structure ground truth
(``eu-001.pdf`` + ``eu-001-str.xml`` …). Nothing of it is in this repository. A copy
sits in the camelot project's repository (github.com/camelot-dev/camelot) under
``tests/files/tabula/icdar2013-dataset/`` (folders ``competition-dataset-eu`` and
``competition-dataset-us``); put every ``*.pdf`` and ``*-str.xml`` of both folders
into one folder, e.g. from a clone::

    mkdir icdar2013 && cp camelot/tests/files/tabula/icdar2013-dataset/*/*{.pdf,-str.xml} icdar2013

The set has 67 PDFs; four of them (eu-009a, us-011a, us-031a, us-035a) have a
second, alternative ground truth (``…b-str.xml``, no PDF of its own): as in the
competition, a reader is scored against whichever alternative suits it best.

The measure is the competition's: each ground-truth table region and each table a
reader found is a grid; every non-empty cell is related to the next non-empty cell
to its right and below it (``bench/table_adjacency.py``'s ``relations``: texts folded
to lower-case letters and digits, so spacing, case and punctuation do not count).
Found tables are matched one-to-one to the ground truth's regions on the same page
by bounding-box overlap (intersection over union, best pairs first; by shared cell
texts where a reader gives no box). A matched pair contributes its common relations;
an unmatched true region costs recall (missed table) and an unmatched found table
costs precision (spurious table). Precision and recall are summed over all tables.
A ground-truth table that spans pages is one region per page, scored per page.

Scored readers: planharvest (what ``planharvest tables FILE --format json`` prints,
via ``planharvest.extract.listing.list_tables``), pdfplumber's default
``extract_tables``, and camelot's stream mode when camelot-py is installed (it is
no dependency of planharvest). ``--details`` lists, per document, each table's error
class: missed, spurious, columns merged/split, rows merged/split, cells differing.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent))
from table_adjacency import Grid, f1, fold, relations  # noqa: E402

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-based, PDF points)


@dataclass
class Region:
    """One table on one page: a ground-truth region or a table a reader found."""

    page: int
    box: Box | None
    grid: Grid


def box_of(element: ElementTree.Element | None) -> Box | None:
    """x1, y1, x2, y2 of a ground-truth bounding box; None where missing or misprinted
    (one file has '26ß')."""
    if element is None:
        return None
    try:
        return tuple(float(element.get(k, "")) for k in ("x1", "y1", "x2", "y2"))
    except ValueError:
        return None


def read_truth(path: Path, heights: dict[int, float]) -> list[Region]:
    """The regions of one ``-str.xml`` file; boxes turned top-based with the page heights."""
    regions = []
    for table in ElementTree.parse(path).getroot().iter("table"):
        for region in table.iter("region"):
            page = int(region.get("page", "1"))
            cells = []
            for cell in region.iter("cell"):
                row, col = int(cell.get("start-row")), int(cell.get("start-col"))
                text = " ".join((cell.findtext("content") or "").split())
                coords = box_of(cell.find("bounding-box"))
                cells.append((row, col, text, coords))
            if not cells:
                continue
            rows = max(c[0] for c in cells) + 1
            cols = max(c[1] for c in cells) + 1
            grid = [[""] * cols for _ in range(rows)]
            for row, col, text, _ in cells:
                grid[row][col] = f"{grid[row][col]} {text}".strip()
            boxes = [c[3] for c in cells if c[3]]
            height = heights.get(page)
            region_box = None
            if boxes and height:
                region_box = (min(b[0] for b in boxes), height - max(b[3] for b in boxes),
                              max(b[2] for b in boxes), height - min(b[1] for b in boxes))
            regions.append(Region(page, region_box, grid))
    return regions


def page_heights(path: Path) -> dict[int, float]:
    with pdfplumber.open(path) as pdf:
        return {number: float(page.height) for number, page in enumerate(pdf.pages, 1)}


def planharvest_tables(path: Path) -> list[Region]:
    from planharvest.extract.listing import list_tables

    return [Region(int(entry["page"] or 1), tuple(entry["bbox"]) if entry["bbox"] else None,
                   entry["rows"]) for entry in list_tables(path)]


def plumber_tables(path: Path) -> list[Region]:
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for table in page.find_tables():
                grid = [[cell or "" for cell in row] for row in table.extract()]
                found.append(Region(number, tuple(table.bbox), grid))
    return found


def camelot_tables(path: Path) -> list[Region]:
    import camelot

    found = []
    for table in camelot.read_pdf(str(path), flavor="stream", pages="all"):
        number = int(table.page)
        height = page_heights(path)[number]
        x0, y0, x1, y1 = table._bbox
        found.append(Region(number, (x0, height - y1, x1, height - y0),
                            table.df.values.tolist()))
    return found


def readers(names: str) -> dict[str, Callable[[Path], list[Region]]]:
    available: dict[str, Callable[[Path], list[Region]]] = {
        "planharvest": planharvest_tables,
        "pdfplumber-default": plumber_tables,
    }
    try:
        import camelot  # noqa: F401  (optional: scored only where installed)

        available["camelot-stream"] = camelot_tables
    except ImportError:
        pass
    if names:
        wanted = names.split(",")
        return {name: available[name] for name in wanted if name in available}
    return available


def iou(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def text_overlap(a: Grid, b: Grid) -> float:
    left = Counter(fold(text or "") for row in a for text in row if fold(text or ""))
    right = Counter(fold(text or "") for row in b for text in row if fold(text or ""))
    total = sum((left | right).values())
    return sum((left & right).values()) / total if total else 0.0


def match(truth: list[Region], found: list[Region]) -> list[tuple[int, int]]:
    """One-to-one pairs (truth index, found index) on the same page, best overlap first."""
    pairs = []
    for i, true in enumerate(truth):
        for j, other in enumerate(found):
            if true.page != other.page:
                continue
            if true.box and other.box:
                score = iou(true.box, other.box)
            else:
                score = text_overlap(true.grid, other.grid)
            if score > 0:
                pairs.append((score, i, j))
    used_t, used_f, matched = set(), set(), []
    for _score, i, j in sorted(pairs, reverse=True):
        if i not in used_t and j not in used_f:
            used_t.add(i)
            used_f.add(j)
            matched.append((i, j))
    return matched


def shape(grid: Grid) -> tuple[int, int]:
    """(rows, columns) that hold any text."""
    rows = [row for row in grid if any(fold(text or "") for text in row)]
    width = max((len(row) for row in grid), default=0)
    cols = [c for c in range(width)
            if any(c < len(row) and fold(row[c] or "") for row in grid)]
    return len(rows), len(cols)


def body_width(grid: Grid) -> int:
    """Median count of non-empty cells in a row below the first."""
    counts = sorted(sum(bool(fold(text or "")) for text in row) for row in grid[1:])
    return counts[len(counts) // 2] if counts else 0


def diagnose(true: Grid, found: Grid) -> list[str]:
    """Error classes of one matched pair (empty when every relation is right)."""
    classes = []
    (true_rows, true_cols), (rows, cols) = shape(true), shape(found)
    if cols < true_cols:
        classes.append(f"columns merged {true_cols}->{cols}")
    elif cols > true_cols:
        classes.append(f"columns split {true_cols}->{cols}")
    if rows < true_rows:
        classes.append(f"rows merged {true_rows}->{rows}")
    elif rows > true_rows:
        classes.append(f"rows split {true_rows}->{rows}")
    if any("\n" in (text or "") for row in found for text in row) and rows < true_rows:
        classes.append("several rows in one cell (line breaks)")
    if body_width(found) < body_width(true):
        classes.append(f"body rows' cells run together {body_width(true)}->{body_width(found)}")
    true_cells = Counter(fold(t or "") for row in true for t in row if fold(t or ""))
    cells = Counter(fold(t or "") for row in found for t in row if fold(t or ""))
    differing = sum((true_cells - cells).values())
    if differing:
        classes.append(f"cells differing {differing}/{sum(true_cells.values())}")
    return classes


@dataclass
class Outcome:
    counts: tuple[int, int, int]  # matched, found, expected relations
    notes: list[str]


def score_document(truth: list[Region], found: list[Region]) -> Outcome:
    matched = found_total = expected_total = 0
    notes = []
    pairs = match(truth, found)
    for i, j in pairs:
        expected, got = relations(truth[i].grid), relations(found[j].grid)
        matched += sum((expected & got).values())
        found_total += sum(got.values())
        expected_total += sum(expected.values())
        lost = sum((expected - got).values())
        classes = diagnose(truth[i].grid, found[j].grid)
        if lost:
            notes.append(f"p{truth[i].page} table: lost {lost}/{sum(expected.values())} "
                         f"relations; {'; '.join(classes)}")
    for i in set(range(len(truth))) - {i for i, _ in pairs}:
        count = sum(relations(truth[i].grid).values())
        expected_total += count
        notes.append(f"p{truth[i].page} table MISSED ({count} relations)")
    for j in set(range(len(found))) - {j for _, j in pairs}:
        count = sum(relations(found[j].grid).values())
        found_total += count
        if count:
            notes.append(f"p{found[j].page} SPURIOUS table ({count} relations)")
    return Outcome((matched, found_total, expected_total), notes)


def documents(folder: Path, only: str) -> list[tuple[Path, list[Path]]]:
    """(PDF, its ground-truth files: the main one and any alternatives)."""
    found = []
    for pdf in sorted(folder.glob("*.pdf")):
        if only and only not in pdf.stem:
            continue
        truths = [folder / f"{pdf.stem}-str.xml"]
        if pdf.stem.endswith("a"):
            truths.append(folder / f"{pdf.stem[:-1]}b-str.xml")
        truths = [path for path in truths if path.exists()]
        if truths:
            found.append((pdf, truths))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="folder of the ICDAR 2013 PDFs and -str.xml files")
    parser.add_argument("--only", default="", help="only documents whose name contains this")
    parser.add_argument("--readers", default="", help="comma-separated; default all available")
    parser.add_argument("--details", action="store_true", help="list each document's errors")
    args = parser.parse_args()
    docs = documents(args.data, args.only)
    truths = {}
    for pdf, paths in docs:
        heights = page_heights(pdf)
        truths[pdf] = [read_truth(path, heights) for path in paths]
    summary = []
    for name, read in readers(args.readers).items():
        totals = [0, 0, 0]
        print(f"== {name}")
        for pdf, _paths in docs:
            try:
                found = read(pdf)
            except Exception as error:  # noqa: BLE001  a reader's failure scores as nothing found
                print(f"  {pdf.stem}: {name} failed: {type(error).__name__}: {error}")
                found = []
            outcomes = [score_document(truth, found) for truth in truths[pdf]]
            best = max(outcomes, key=lambda outcome: f1(*outcome.counts)[2])
            totals = [a + b for a, b in zip(totals, best.counts, strict=True)]
            precision, recall, score = f1(*best.counts)
            print(f"  {pdf.stem:10} regions true/found {len(truths[pdf][0]):>2}/{len(found):<2} "
                  f"P {precision:.2f} R {recall:.2f} F1 {score:.2f}")
            if args.details:
                for note in best.notes:
                    print(f"      {note}")
        precision, recall, score = f1(*totals)
        line = f"{name}: adjacency F1 {score:.3f} (P {precision:.3f} R {recall:.3f})"
        summary.append(line)
        print(line)
    print(f"== summary over {len(docs)} documents")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
