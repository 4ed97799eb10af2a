"""Pages per second of ``read_pdf`` + ``stitch_tables`` against bare pdfplumber, same run.

    python bench/speed_pdf.py                  # every PDF in samples/
    python bench/speed_pdf.py --repeat 5 FILE...

The baseline is what most users start from: ``pdfplumber.open`` and
``page.extract_tables()`` on every page. planharvest does more per page
(paragraphs, furniture, borderless tables, stitching), so the figure that
matters is the ratio of the two throughputs; the target is >= 0.7. The two are
run alternately on each file and the fastest of ``--repeat`` runs is kept for
each, so other work on the machine affects both alike. The last line is the
ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planharvest.extract.pdf import PdfError, read_pdf  # noqa: E402
from planharvest.extract.stitch import stitch_tables  # noqa: E402


def bare_pdfplumber(path: Path) -> int:
    """Every page's ruled tables the plain way; returns the number of tables."""
    found = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            found += len(page.extract_tables())
            page.close()
    return found


def planharvest(path: Path) -> int:
    """Tables, paragraphs and borderless tables, stitched; returns the number of tables."""
    content = read_pdf(path)
    return sum(1 for block in stitch_tables(content.blocks) if hasattr(block, "rows"))


def fastest(run: Callable[[Path], int], path: Path) -> float:
    start = time.perf_counter()
    run(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples").glob("*.pdf"))
    total_pages = 0
    total_bare = total_ours = 0.0
    print(f"{'file':48} {'pages':>5} {'bare p/s':>9} {'ours p/s':>9} {'ratio':>6}")
    for path in files:
        try:
            read_pdf(path)  # warm up (imports, font caches) and skip unreadable files
        except PdfError as exc:
            print(f"{path.name:48} skipped: {exc}")
            continue
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        bare = ours = float("inf")
        for _ in range(args.repeat):
            bare = min(bare, fastest(bare_pdfplumber, path))
            ours = min(ours, fastest(planharvest, path))
        total_pages += pages
        total_bare += bare
        total_ours += ours
        print(
            f"{path.name:48} {pages:5d} {pages / bare:9.1f} {pages / ours:9.1f} {bare / ours:6.2f}"
        )
    if not total_pages:
        sys.exit("no readable PDF given")
    print(
        f"{'all':48} {total_pages:5d} {total_pages / total_bare:9.1f} "
        f"{total_pages / total_ours:9.1f} {total_bare / total_ours:6.2f}"
    )
    print(f"throughput ratio (planharvest / bare pdfplumber): {total_bare / total_ours:.2f}")


if __name__ == "__main__":
    main()
