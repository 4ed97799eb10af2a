"""Throughput, scaling, cache and memory of ``convert`` on a generated corpus, in one run.

    python bench/speed.py [--documents 500] [--pdf-share 0.8] [--long-pages 1000] [--keep]

Builds a corpus with ``make_corpus.py`` in a temporary folder, then measures,
all in this process unless said otherwise:

1. ``convert`` with 1 worker, then 2 workers, on the PDFs and on the Word
   files (separate output folders, so the second run cannot use the first's
   cache): pages/s, documents/s, and whether both wrote the same actions.json;
2. a re-run with 1 worker into the 1-worker folders: every document from the
   cache; its time as a share of the first run (target < 5%), and how much of
   it is writing the outputs (report.html pictures included);
3. the bare baselines on the same files: pdfplumber ``extract_tables`` on every
   PDF page, python-docx reading the text of every cell of every table, and
   camelot (lattice) when it is installed; ours/bare (target >= 0.7 each);
4. 2 workers / 1 worker (target >= 1.7);
5. peak memory: of the 1-worker runs (this process's peak: it was the worker,
   measured before any pool existed), of each pool worker (``getrusage`` of
   children: the largest; forked from this process, so it counts pages shared
   with it), and of a fresh 1-worker ``planharvest convert`` of a
   ``--long-pages`` PDF (target < 300 MB).

Throughput is measured in-process after a warm-up, like the baselines, so
neither pays for interpreter start-up or imports. Other work on the machine
skews every figure; the load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
from make_corpus import Corpus, make_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planharvest import pipeline  # noqa: E402
from planharvest.pipeline import RunOptions, RunSummary, convert  # noqa: E402

KINDS = ("pdf", "docx")
#: Runs a command and prints the peak resident memory (KiB) of it and its children.
_PEAK_OF_COMMAND = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def megabytes(kibibytes: int) -> float:
    return kibibytes / 1024


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


# -- the baselines ------------------------------------------------------------------


def bare_pdfplumber(paths: list[Path]) -> int:
    """Every page's ruled tables the plain way, pages released; returns the tables found."""
    found = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                found += len(page.extract_tables())
                page.close()
    return found


def bare_python_docx(paths: list[Path]) -> int:
    """The text of every cell of every top-level table; returns the characters read."""
    characters = 0
    for path in paths:
        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                for cell in row.cells:
                    characters += len(cell.text)
    return characters


def camelot_lattice(paths: list[Path]) -> float | None:
    """Seconds camelot takes on the PDFs (lattice, every page); None when not installed."""
    try:
        import camelot
    except ImportError:
        return None
    return timed(lambda: [camelot.read_pdf(str(path), pages="all") for path in paths])


# -- convert -------------------------------------------------------------------------


class OutputTimer:
    """Times ``pipeline.write_outputs`` inside ``convert`` (bench instrumentation)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._original = pipeline.write_outputs

    def __enter__(self) -> OutputTimer:
        def timed_write(*args: object, **kwargs: object) -> None:
            started = time.perf_counter()
            self._original(*args, **kwargs)
            self.seconds += time.perf_counter() - started

        pipeline.write_outputs = timed_write
        return self

    def __exit__(self, *_: object) -> None:
        pipeline.write_outputs = self._original


def convert_run(corpus: Corpus, kind: str, out_dir: Path, workers: int) -> RunSummary:
    return convert([corpus.folder / kind], RunOptions(out_dir=out_dir, workers=workers))


def warm_up(corpus: Corpus, scratch: Path) -> None:
    """Imports, font tables and registries loaded before anything is timed."""
    convert([corpus.pdfs[0], corpus.docxs[0]], RunOptions(out_dir=scratch, workers=1))
    bare_pdfplumber(corpus.pdfs[:1])
    bare_python_docx(corpus.docxs[:1])


def long_pdf_peak(corpus: Corpus, out_dir: Path) -> tuple[float, float]:
    """(peak MiB, seconds) of a fresh 1-worker ``planharvest convert`` of the long PDF."""
    command = [sys.executable, "-c", _PEAK_OF_COMMAND, sys.executable, "-m", "planharvest",
               "convert", str(corpus.long_pdf), "--out", str(out_dir), "--workers", "1"]
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return megabytes(int(finished.stdout.split()[-1])), time.perf_counter() - started


# -- the run ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--pdf-share", type=float, default=0.8)
    parser.add_argument("--long-pages", type=int, default=1000, help="0: skip")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="planharvest-speed-"))
    try:
        measure(work, args.documents, args.pdf_share, args.long_pages)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure(work: Path, documents: int, pdf_share: float, long_pages: int) -> None:
    print(f"cores {os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f}")
    corpus = make_corpus(work / "corpus", documents, pdf_share, long_pages)
    counts = {"pdf": len(corpus.pdfs), "docx": len(corpus.docxs)}
    print(f"corpus: {counts['pdf']} PDFs ({corpus.pdf_pages} pages), "
          f"{counts['docx']} Word files")
    warm_up(corpus, work / "warm-up")

    seconds: dict[tuple[int, str], float] = {}
    for workers in (1, 2):
        for kind in KINDS:
            summary = convert_run(corpus, kind, work / f"out-{workers}-{kind}", workers)
            assert summary.from_cache == 0, "a first run must read every document"
            seconds[workers, kind] = summary.seconds
        if workers == 1:  # this process was the only worker so far
            one_worker_peak = megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    pool_worker_peak = megabytes(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    same = all((work / f"out-1-{kind}" / "actions.json").read_bytes()
               == (work / f"out-2-{kind}" / "actions.json").read_bytes() for kind in KINDS)

    rerun = writing = 0.0
    for kind in KINDS:
        with OutputTimer() as outputs:
            summary = convert_run(corpus, kind, work / f"out-1-{kind}", 1)
        assert summary.from_cache == counts[kind], "the re-run read documents again"
        rerun += summary.seconds
        writing += outputs.seconds

    bare = {"pdf": timed(lambda: bare_pdfplumber(corpus.pdfs)),
            "docx": timed(lambda: bare_python_docx(corpus.docxs))}
    camelot_seconds = camelot_lattice(corpus.pdfs)

    def rate(amount: int, kind_seconds: float) -> str:
        return f"{amount / kind_seconds:8.1f}"

    print(f"\n{'run':34} {'seconds':>8} {'pages/s':>8} {'docs/s':>8}")
    for workers in (1, 2):
        for kind in KINDS:
            took = seconds[workers, kind]
            pages = rate(corpus.pdf_pages, took) if kind == "pdf" else f"{'':8}"
            print(f"{f'convert, {workers} worker(s), {kind}':34} {took:8.1f} {pages} "
                  f"{rate(counts[kind], took)}")
        total = seconds[workers, "pdf"] + seconds[workers, "docx"]
        print(f"{f'convert, {workers} worker(s), all':34} {total:8.1f} "
              f"{rate(corpus.pdf_pages, total)} {rate(sum(counts.values()), total)}")
    print(f"{'bare pdfplumber extract_tables':34} {bare['pdf']:8.1f} "
          f"{rate(corpus.pdf_pages, bare['pdf'])} {rate(counts['pdf'], bare['pdf'])}")
    print(f"{'bare python-docx cell text':34} {bare['docx']:8.1f} {'':8} "
          f"{rate(counts['docx'], bare['docx'])}")
    if camelot_seconds is None:
        print("camelot: not installed")
    else:
        print(f"{'camelot lattice':34} {camelot_seconds:8.1f} "
              f"{rate(corpus.pdf_pages, camelot_seconds)} {rate(counts['pdf'], camelot_seconds)}")

    first = seconds[1, "pdf"] + seconds[1, "docx"]
    second = seconds[2, "pdf"] + seconds[2, "docx"]
    print(f"\n1 and 2 workers wrote the same actions.json: {same}")
    print(f"ours / bare pdfplumber (PDF pages/s, 1 worker): {bare['pdf'] / seconds[1, 'pdf']:.2f}"
          "  (target >= 0.7)")
    print(f"ours / bare python-docx (Word docs/s, 1 worker): "
          f"{bare['docx'] / seconds[1, 'docx']:.2f}  (target >= 0.7)")
    print(f"2 workers / 1 worker: {first / second:.2f}  (target >= 1.7)")
    print(f"cached re-run: {rerun:.1f} s = {100 * rerun / first:.1f}% of the first run "
          f"(target < 5%); writing the outputs {writing:.1f} s of it")
    print(f"peak memory, 1-worker runs ({sum(counts.values())} documents, one process): "
          f"{one_worker_peak:.0f} MiB")
    print(f"peak memory, largest pool worker (2 workers): {pool_worker_peak:.0f} MiB")
    if corpus.long_pdf is not None:
        peak, took = long_pdf_peak(corpus, work / "out-long")
        print(f"peak memory, fresh 1-worker convert of a {corpus.long_pages}-page PDF: "
              f"{peak:.0f} MiB in {took:.0f} s  (target < 300 MB)")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
