"""``convert`` against the tools it is built on, whole processes, in CPU seconds (issue 19).

Run by ``bench/speed.py`` after its in-process figures (``--anchors-only``: this part
alone). Every
figure is one fresh process run from the shell, as a user runs it: start-up,
imports, reading and, for ``convert``, writing every output (report pictures
included), and the CPU seconds of the process and everything it waited for
(LibreOffice, Tesseract), which other work on a shared machine disturbs far
less than wall-clock time. The corpora:

- PDF: the samples' text PDFs and two long real plans (the US Open Government
  self-assessments, 28 and 47 pages); anchors: pdfplumber ``extract_tables`` on
  every page, camelot lattice and stream on every page (when camelot-py is
  installed: ``pip install -e ".[bench]"``), and pdfplumber only reading every
  page's objects: no ``convert`` that keeps pdfplumber as its reader can cost
  less, so camelot's time over it is the most "÷ camelot" can reach;
- Word: ``--word-copies`` copies of the sample ``.docx`` files, each with bytes of
  its own; anchor: python-docx reading the text of every cell of every table;
- legacy Word: ``--doc-files`` ``.doc`` files LibreOffice saved from those copies,
  each with a paragraph of its own; anchor: one ``soffice --convert-to docx`` call
  on all of them (wall-clock time: LibreOffice's own, as ``convert`` waits for it).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import docx
from make_corpus import sample_files, unique_copy

ROOT = Path(__file__).resolve().parent.parent
LONG_REAL = [ROOT / "samples/real/docs" / name for name in (
    "intl_us_open_gov_nap2_midterm_self_assessment_2015.pdf",
    "intl_us_open_gov_nap3_midterm_self_assessment_2016.pdf")]

_BARE_PDFPLUMBER = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
"""
#: The least any reader built on pdfplumber pays: pdfminer interpreting every page into
#: pdfplumber's objects (chars, rects, lines, curves), with nothing found in them.
_PDFPLUMBER_READING = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.objects
            page.close()
"""
_CAMELOT = """
import sys, camelot
for path in sys.argv[2:]:
    camelot.read_pdf(path, pages="all", flavor=sys.argv[1])
"""
_BARE_PYTHON_DOCX = """
import sys, docx
for path in sys.argv[1:]:
    for table in docx.Document(path).tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text
"""


@dataclass
class Run:
    """Wall-clock seconds and CPU seconds (user + system, waited-for children included)."""

    wall: float
    cpu: float


def run(command: list[str]) -> Run:
    """Run ``command`` to the end (it must succeed); its wall-clock and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Run(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def convert(folder: Path, out: Path) -> Run:
    return run([sys.executable, "-m", "planharvest", "convert", str(folder), "--out", str(out),
                "--workers", "1", "--no-cache", "--max-seconds", "86400"])


def python(script: str, *arguments: object) -> Run:
    return run([sys.executable, "-c", script, *map(str, arguments)])


def soffice_batch(files: list[Path], out: Path) -> Run:
    """One LibreOffice call converting every file to .docx, with a fresh profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    return run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                "--norestore", "--convert-to", "docx", "--outdir", str(out / "docx"),
                *map(str, files)])


def word_corpus(folder: Path, copies: int) -> list[Path]:
    _, docx_samples = sample_files()
    folder.mkdir(parents=True)
    made = []
    for number in range(copies):
        made.append(folder / f"{number:04d}_{docx_samples[number % len(docx_samples)].name}")
        unique_copy(docx_samples[number % len(docx_samples)], made[-1], number)
    return made


def doc_corpus(folder: Path, files: int, work: Path) -> list[Path]:
    """``files`` .doc files, each a sample .docx with a paragraph naming its number, saved
    by LibreOffice in one call."""
    _, docx_samples = sample_files()
    sources = work / "doc-sources"
    sources.mkdir(parents=True)
    for number in range(files):
        document = docx.Document(str(docx_samples[number % len(docx_samples)]))
        document.add_paragraph(f"planharvest bench copy {number}")
        document.save(str(sources / f"{number:04d}_plan.docx"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None, "the .doc corpus needs LibreOffice"
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'doc-profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "doc", "--outdir",
                    str(folder), *map(str, sorted(sources.iterdir()))],
                   check=True, capture_output=True)
    return sorted(folder.glob("*.doc"))


def camelot_installed() -> bool:
    return subprocess.run([sys.executable, "-c", "import camelot"], capture_output=True,
                          check=False).returncode == 0


def measure(work: Path, word_copies: int, doc_files: int) -> None:
    pdf_dir = work / "anchor-pdf"
    pdf_dir.mkdir(parents=True)
    pdfs = [path for path in sample_files()[0] + LONG_REAL if path.is_file()]
    for path in pdfs:
        shutil.copyfile(path, pdf_dir / path.name)
    words = word_corpus(work / "anchor-docx", word_copies)
    docs = doc_corpus(work / "anchor-doc", doc_files, work) if doc_files else []
    figures: dict[str, Run] = {
        "convert, PDF": convert(pdf_dir, work / "anchor-out-pdf"),
        "pdfplumber extract_tables": python(_BARE_PDFPLUMBER, *sorted(pdf_dir.iterdir())),
        "pdfplumber reading the pages": python(_PDFPLUMBER_READING, *sorted(pdf_dir.iterdir())),
    }
    if camelot_installed():
        for flavor in ("lattice", "stream"):
            figures[f"camelot {flavor}"] = python(_CAMELOT, flavor, *sorted(pdf_dir.iterdir()))
    figures["convert, Word"] = convert(work / "anchor-docx", work / "anchor-out-docx")
    figures["python-docx, every cell"] = python(_BARE_PYTHON_DOCX, *words)
    if docs:
        figures["convert, .doc"] = convert(work / "anchor-doc", work / "anchor-out-doc")
        figures["one soffice call, .doc"] = soffice_batch(docs, work / "anchor-soffice")
    print(f"\nanchors (whole processes; PDF: {len(pdfs)} files; Word: {len(words)} .docx; "
          f"legacy: {len(docs)} .doc)")
    print(f"{'run':34} {'seconds':>8} {'cpu s':>8}")
    for label, figure in figures.items():
        print(f"{label:34} {figure.wall:8.1f} {figure.cpu:8.1f}")
    ours = figures["convert, PDF"].cpu
    print(f"convert / pdfplumber throughput (cpu): "
          f"{figures['pdfplumber extract_tables'].cpu / ours:.2f}  (target >= 1.0)")
    for flavor in ("lattice", "stream"):
        if f"camelot {flavor}" in figures:
            print(f"convert / camelot {flavor} throughput (cpu): "
                  f"{figures[f'camelot {flavor}'].cpu / ours:.2f}"
                  + ("  (target >= 5)" if flavor == "lattice" else ""))
    if "camelot lattice" in figures:
        # convert cannot cost less than pdfplumber's reading of the pages, so this is the
        # highest "÷ camelot lattice" any pipeline keeping pdfplumber as its reader can reach.
        print(f"ceiling of convert / camelot lattice (cpu), pdfplumber's reading alone: "
              f"{figures['camelot lattice'].cpu / figures['pdfplumber reading the pages'].cpu:.2f}")
    print(f"convert / python-docx throughput (cpu, Word): "
          f"{figures['python-docx, every cell'].cpu / figures['convert, Word'].cpu:.2f}"
          "  (target >= 0.85)")
    if docs:
        print(f"convert .doc time / one soffice call: "
              f"{figures['convert, .doc'].wall / figures['one soffice call, .doc'].wall:.2f} wall, "
              f"{figures['convert, .doc'].cpu / figures['one soffice call, .doc'].cpu:.2f} cpu"
              "  (target <= 2)")
