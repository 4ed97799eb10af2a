"""Throughput, scaling, cache and memory of ``convert`` on a generated corpus, in one run.

    python bench/speed.py [--documents 80] [--pdf-share 0.8] [--long-pages 1000] [--keep]
                          [--word-copies 80] [--doc-files 20] [--anchors-only]

Builds a corpus with ``make_corpus.py`` in a temporary folder, then measures,
all in this process unless said otherwise:

1. ``convert`` with 2 workers, then 1 worker, on the PDFs and on the Word
   files (separate output folders, so the second run cannot use the first's
   cache): pages/s, documents/s, and whether both wrote the same actions.json;
2. a re-run with 1 worker into the 1-worker folders: every document from the
   cache; its time as a share of the first run (target < 5%), and how much of
   it is writing the outputs (report.html pictures included);
3. the bare baselines on the same files: pdfplumber ``extract_tables`` on every
   PDF page, python-docx reading the text of every cell of every table, and
   camelot (lattice) when it is installed; ours/bare (target >= 0.7 each);
4. 2 workers / 1 worker (target >= 1.7);
5. peak memory: of each pool worker (``getrusage`` of children: the largest;
   the 2-worker runs come first so the workers are forked from a lean
   process), of the 1-worker runs (this process's peak: it did the work and
   held every result), and of a fresh 1-worker ``planharvest convert`` of a
   ``--long-pages`` PDF (target < 300 MB).

6. the anchors of issue 19 (``anchors.py``): whole processes, CPU seconds, ``convert``
   against bare pdfplumber ``extract_tables`` and camelot on PDFs (the samples and two
   long real plans), python-docx on Word files, and one batched LibreOffice call on
   ``.doc`` files: the ratios of the issue's "Done when".

Throughput is measured in-process after a warm-up, like the baselines, so
neither pays for interpreter start-up or imports. Other work on the machine
skews every wall-clock figure; the 1-worker runs and the baselines also give
their ratio in CPU seconds of this process, which a busy machine disturbs far
less, and the 2-worker runs their CPU seconds with the pool's (equal to the
1-worker runs' when 2 workers add no work of their own: then only cores that
other work takes keep the speed-up under 2). The load average is printed at
each step, the start and the end (our own workers count in it). The defaults
(about 800 PDF pages and a 1,000-page PDF) took 9 minutes on this shared 2-core
machine; ``--documents 500`` gives the issue's 5,000-page corpus (~30 minutes).
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
from dataclasses import dataclass
from pathlib import Path

import anchors
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


@dataclass
class Took:
    """Wall-clock and this process's CPU seconds of one measured step."""

    wall: float
    cpu: float

    def __add__(self, other: Took) -> Took:
        return Took(self.wall + other.wall, self.cpu + other.cpu)


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (pool workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> Took:
    started, cpu = time.perf_counter(), cpu_seconds()
    run()
    return Took(time.perf_counter() - started, cpu_seconds() - cpu)


def step(message: str) -> None:
    """What is being measured now, on stderr: the run takes minutes."""
    print(f"[{time.strftime('%H:%M:%S')}, load {os.getloadavg()[0]:.1f}] {message}",
          file=sys.stderr, flush=True)


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


def camelot_lattice(paths: list[Path]) -> Took | None:
    """The time camelot takes on the PDFs (lattice, every page); None when not installed."""
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


def convert_run(corpus: Corpus, kind: str, out_dir: Path, workers: int) -> tuple[RunSummary, Took]:
    """One in-process ``convert``; its time measured here, around the whole call."""
    summaries: list[RunSummary] = []
    took = timed(lambda: summaries.append(
        convert([corpus.folder / kind], RunOptions(out_dir=out_dir, workers=workers))))
    return summaries[0], took


def warm_up(corpus: Corpus, scratch: Path) -> None:
    """Imports, font tables and registries loaded before anything is timed."""
    convert([corpus.pdfs[0], corpus.docxs[0]], RunOptions(out_dir=scratch, workers=1))
    bare_pdfplumber(corpus.pdfs[:1])
    bare_python_docx(corpus.docxs[:1])


def long_pdf_peak(corpus: Corpus, out_dir: Path) -> tuple[float, float]:
    """(peak MiB, seconds) of a fresh 1-worker ``planharvest convert`` of the long PDF, with
    no per-document time limit (a busy machine must not turn it into a failure)."""
    command = [sys.executable, "-c", _PEAK_OF_COMMAND, sys.executable, "-m", "planharvest",
               "convert", str(corpus.long_pdf), "--out", str(out_dir), "--workers", "1",
               "--max-seconds", "86400"]
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return megabytes(int(finished.stdout.split()[-1])), time.perf_counter() - started


# -- the run ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--pdf-share", type=float, default=0.8)
    parser.add_argument("--long-pages", type=int, default=1000, help="0: skip")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--word-copies", type=int, default=80, help="anchors' Word corpus")
    parser.add_argument("--doc-files", type=int, default=20, help="anchors' .doc corpus (0: none)")
    parser.add_argument("--anchors-only", action="store_true", help="only the anchors (6.)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="planharvest-speed-"))
    try:
        if not args.anchors_only:
            measure(work, args.documents, args.pdf_share, args.long_pages)
        step("anchors: whole processes")
        anchors.measure(work, args.word_copies, args.doc_files)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure(work: Path, documents: int, pdf_share: float, long_pages: int) -> None:
    print(f"cores {os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f}")
    step("building the corpus")
    corpus = make_corpus(work / "corpus", documents, pdf_share, long_pages)
    counts = {"pdf": len(corpus.pdfs), "docx": len(corpus.docxs)}
    print(f"corpus: {counts['pdf']} PDFs ({corpus.pdf_pages} pages), "
          f"{counts['docx']} Word files")
    warm_up(corpus, work / "warm-up")

    took: dict[tuple[int, str], Took] = {}
    for workers in (2, 1):  # 2 first: its workers are forked before this process grows
        for kind in KINDS:
            step(f"convert, {workers} worker(s), {kind}")
            summary, took[workers, kind] = convert_run(corpus, kind, work / f"out-{workers}-{kind}",
                                                       workers)
            assert summary.from_cache == 0, "a first run must read every document"
            assert not summary.failed, f"{kind}: {[doc.path for doc in summary.failed]} failed"
        if workers == 2:
            pool_worker_peak = megabytes(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    one_worker_peak = megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    same = all((work / f"out-1-{kind}" / "actions.json").read_bytes()
               == (work / f"out-2-{kind}" / "actions.json").read_bytes() for kind in KINDS)

    rerun = Took(0.0, 0.0)
    writing = 0.0
    for kind in KINDS:
        step(f"re-run, 1 worker, {kind}")
        with OutputTimer() as outputs:
            summary, again = convert_run(corpus, kind, work / f"out-1-{kind}", 1)
        assert summary.from_cache == counts[kind], "the re-run read documents again"
        rerun += again
        writing += outputs.seconds

    step("bare pdfplumber, python-docx")
    bare = {"pdf": timed(lambda: bare_pdfplumber(corpus.pdfs)),
            "docx": timed(lambda: bare_python_docx(corpus.docxs))}
    step("camelot")
    camelot_took = camelot_lattice(corpus.pdfs)
    long_figures = None
    if corpus.long_pdf is not None:
        step(f"a fresh convert of the {corpus.long_pages}-page PDF")
        long_figures = long_pdf_peak(corpus, work / "out-long")

    def rate(amount: int, seconds: float) -> str:
        return f"{amount / seconds:8.1f}"

    def row(label: str, kind_took: Took, pages: int | None, docs: int) -> None:
        page_rate = rate(pages, kind_took.wall) if pages else f"{'':8}"
        print(f"{label:34} {kind_took.wall:8.1f} {kind_took.cpu:8.1f} {page_rate} "
              f"{rate(docs, kind_took.wall)}")

    print(f"\n{'run':34} {'seconds':>8} {'cpu s':>8} {'pages/s':>8} {'docs/s':>8}")
    for workers in (1, 2):
        for kind in KINDS:
            row(f"convert, {workers} worker(s), {kind}", took[workers, kind],
                corpus.pdf_pages if kind == "pdf" else None, counts[kind])
        row(f"convert, {workers} worker(s), all", took[workers, "pdf"] + took[workers, "docx"],
            corpus.pdf_pages, sum(counts.values()))
    row("bare pdfplumber extract_tables", bare["pdf"], corpus.pdf_pages, counts["pdf"])
    row("bare python-docx cell text", bare["docx"], None, counts["docx"])
    if camelot_took is None:
        print("camelot: not installed")
    else:
        row("camelot lattice", camelot_took, corpus.pdf_pages, counts["pdf"])

    first = took[1, "pdf"] + took[1, "docx"]
    second = took[2, "pdf"] + took[2, "docx"]
    print(f"\n1 and 2 workers wrote the same actions.json: {same}")
    for kind, name, unit in (("pdf", "pdfplumber", "PDF pages/s"),
                             ("docx", "python-docx", "Word docs/s")):
        print(f"ours / bare {name} ({unit}, 1 worker): "
              f"{bare[kind].wall / took[1, kind].wall:.2f} wall, "
              f"{bare[kind].cpu / took[1, kind].cpu:.2f} cpu  (target >= 0.7)")
    print(f"2 workers / 1 worker: {first.wall / second.wall:.2f}  (target >= 1.7); CPU seconds "
          f"of 2 workers / 1 worker: {second.cpu / first.cpu:.2f}")
    print(f"cached re-run: {rerun.wall:.1f} s = {100 * rerun.wall / first.wall:.1f}% of the "
          f"first run ({100 * rerun.cpu / first.cpu:.1f}% in cpu s; target < 5%); "
          f"writing the outputs {writing:.1f} s of it")
    print(f"peak memory, largest pool worker (2 workers): {pool_worker_peak:.0f} MiB")
    print(f"peak memory, 1-worker runs ({sum(counts.values())} documents, one process holding "
          f"every result): {one_worker_peak:.0f} MiB")
    if long_figures is not None:
        peak, seconds = long_figures
        print(f"peak memory, fresh 1-worker convert of a {corpus.long_pages}-page PDF: "
              f"{peak:.0f} MiB in {seconds:.0f} s  (target < 300 MB)")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
