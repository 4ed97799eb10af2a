"""Build a large corpus from the samples, for ``bench/speed.py``: never commit its output.

    python bench/make_corpus.py [DIR] [--documents 500] [--pdf-share 0.8] [--long-pages 1000]

Each document is a copy of a sample PDF or Word file with its own bytes, so
every SHA-256 differs and no cache or de-duplication can shortcut the work:
a PDF gets a comment line after its end marker (readers ignore it), a
``.docx`` gets a ZIP archive comment (Word ignores it). Contents, and so the
rows extracted, stay those of the sample. Layout of DIR (a new temporary
folder when not given)::

    pdf/0000_000_sensible_measures.pdf ...   the PDF share of --documents
    docx/0001_000_sensible_measures.docx ... the rest
    long/long.pdf                             --long-pages pages (0: none), built by
                                              concatenating the samples' pages with pypdfium2

The scanned sample (no text layer, needs OCR) and legacy ``.doc`` files are
left out: the corpus measures table reading, not Tesseract or LibreOffice.
The default 500 documents at a 0.8 PDF share hold about 5,000 PDF pages.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass
class Corpus:
    folder: Path
    pdfs: list[Path]
    docxs: list[Path]
    pdf_pages: int
    long_pdf: Path | None
    long_pages: int


def sample_files() -> tuple[list[Path], list[Path]]:
    """The samples that have a text layer: (PDFs, Word files)."""
    pdfs = sorted(path for path in SAMPLES.glob("*.pdf") if not path.stem.endswith("_scan"))
    return pdfs, sorted(SAMPLES.glob("*.docx"))


def page_count(path: Path) -> int:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def unique_copy(source: Path, target: Path, number: int) -> None:
    """Copy ``source`` to ``target`` with bytes no other copy has, content unchanged."""
    shutil.copyfile(source, target)
    marker = f"planharvest bench copy {number}"
    if source.suffix == ".pdf":
        with target.open("ab") as handle:
            handle.write(f"\n%{marker}\n".encode())
    else:
        with zipfile.ZipFile(target, "a") as package:
            package.comment = marker.encode()


def long_pdf(sources: list[Path], target: Path, pages: int) -> None:
    """A ``pages``-page PDF: the sources' pages, over and over."""
    combined = pypdfium2.PdfDocument.new()
    try:
        while len(combined) < pages:
            for source in sources:
                document = pypdfium2.PdfDocument(str(source))
                try:
                    wanted = min(len(document), pages - len(combined))
                    combined.import_pages(document, list(range(wanted)))
                finally:
                    document.close()
                if len(combined) >= pages:
                    break
        combined.save(str(target))
    finally:
        combined.close()


def make_corpus(folder: Path, documents: int, pdf_share: float, long_pages: int) -> Corpus:
    pdf_samples, docx_samples = sample_files()
    sample_pages = {path: page_count(path) for path in pdf_samples}
    pdf_count = round(documents * pdf_share)
    corpus = Corpus(folder, [], [], 0, None, 0)
    for kind, samples, count, copies in (("pdf", pdf_samples, pdf_count, corpus.pdfs),
                                         ("docx", docx_samples, documents - pdf_count,
                                          corpus.docxs)):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for number in range(count):
            source = samples[number % len(samples)]
            target = folder / kind / f"{number:04d}_{source.name}"
            unique_copy(source, target, number)
            copies.append(target)
            corpus.pdf_pages += sample_pages.get(source, 0)
    if long_pages > 0:
        (folder / "long").mkdir(exist_ok=True)
        corpus.long_pdf, corpus.long_pages = folder / "long" / "long.pdf", long_pages
        long_pdf(pdf_samples, corpus.long_pdf, long_pages)
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="created if missing; must be empty")
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--pdf-share", type=float, default=0.8)
    parser.add_argument("--long-pages", type=int, default=1000)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="planharvest-corpus-"))
    if folder.exists() and any(folder.iterdir()):
        parser.error(f"{folder} is not empty")
    corpus = make_corpus(folder, args.documents, args.pdf_share, args.long_pages)
    print(f"{folder}: {len(corpus.pdfs)} PDFs ({corpus.pdf_pages} pages), "
          f"{len(corpus.docxs)} Word files, long PDF of {corpus.long_pages} pages")


if __name__ == "__main__":
    main()
