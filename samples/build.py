"""Build the sample corpus: the five seed plans as Word files, and their PDF, .doc and scan copies.

    python samples/build.py          # writes the five .docx into samples/ (same bytes every run)
    python samples/build.py --pdf    # also every plan as .pdf, the borderless, legacy .doc and
                                     # scanned variants, and the expected rows of those files
                                     # (needs LibreOffice's soffice and poppler's pdftoppm)

The plans are described in ``samples/plans/planNNN.py``; a plan module that is
not written yet is reported and skipped, the others are still built (exit
status 1 tells that something was skipped).

Expected rows of a derived file are not written by hand: they are the source
plan's hand-written ``samples/expected/<plan>.docx.csv`` rows with
``source_file`` changed and, for a PDF, ``page`` set to the page where the
row starts in that very PDF. The page is ground truth read from the rendered
file: each row's cell texts are walked through the PDF's words with
pdfplumber. The same walk shows which rows a page break cuts; those rows get
``expect_flag`` 1 (planharvest flags them ``row_split_across_pages``). The
scan keeps only rows that start on the scanned pages, all with
``expect_flag`` 1 (their text can only come from OCR).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pdfplumber
from docx import Document
from PIL import Image

SAMPLES = Path(__file__).resolve().parent
EXPECTED = SAMPLES / "expected"
sys.path.insert(0, str(SAMPLES))

from docxkit import FIXED_TIME  # noqa: E402  (needs samples/ on sys.path)
from plans import PLAN_MODULES  # noqa: E402

#: Plan whose tables are also rendered borderless, and the PDF's name.
BORDERLESS = ("plan003", "003_tower_hamlets_draft_borderless.pdf")
#: Plan also saved as a legacy Word 97 file, and the file's name.
LEGACY_DOC = ("plan001", "001_tower_hamlets_2012.doc")
#: Plan whose first pages are "scanned", the image-only PDF's name, and the pages scanned.
SCAN = ("plan003", "003_tower_hamlets_draft_scan.pdf", (1, 2))
SCAN_DPI = 200
SCAN_JPEG_QUALITY = 60

#: Words closer than this (points) on one line are in the same table cell; cell padding
#: puts at least ~10 pt between the texts of neighbouring cells.
SAME_CELL_GAP = 7.0
#: How far (points) a cell's next line may start left / right of its previous line
#: (a reference like "1.1" before the first word, bullet indents).
LINE_START_LEFT, LINE_START_RIGHT = 90.0, 40.0
#: Lines of other cells that may sit between two lines of one cell on a page, and the
#: lines at the top of a new page (repeated header rows) read before a cell continues.
SKIP_LINES_SAME_PAGE, SKIP_LINES_NEW_PAGE = 6, 40
#: Characters a walk must match before a text counts as found (shorter texts: all of them).
MIN_MATCH_CHARS = 30
#: Characters a first word must share with a text when something is glued before them.
MIN_GLUED_CHARS = 3


# -- building -------------------------------------------------------------------------


def load_plans() -> tuple[dict[str, ModuleType], list[str]]:
    """Import the plan modules that exist; return them by name and the names missing."""
    plans: dict[str, ModuleType] = {}
    missing: list[str] = []
    for name in PLAN_MODULES:
        try:
            plans[name] = importlib.import_module(f"plans.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"plans.{name}":
                raise  # the module exists but an import inside it is broken
            missing.append(name)
    return plans, missing


def build_docx(plans: dict[str, ModuleType]) -> dict[str, Path]:
    """Write every plan's .docx into samples/; return the paths by plan name."""
    paths = {}
    for name, module in plans.items():
        path = SAMPLES / module.FILENAME
        module.build(path)
        paths[name] = path
        print(f"wrote {path.relative_to(SAMPLES.parent)} ({path.stat().st_size:,} bytes)")
    return paths


def soffice_convert(sources: list[Path], target: str, out_dir: Path, profile: Path) -> None:
    """Convert files with LibreOffice (``target`` like "pdf" or "doc:MS Word 97").

    A private profile lets this run while other LibreOffice instances are open.
    """
    command = [
        "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", target, "--outdir", str(out_dir), *map(str, sources),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    extension = target.split(":")[0]
    for source in sources:
        if not (out_dir / f"{source.stem}.{extension}").exists():
            raise RuntimeError(f"LibreOffice did not convert {source.name} to {extension}")


def scan_pdf(source: Path, target: Path, pages: tuple[int, int], work: Path) -> None:
    """Render ``pages`` of ``source`` as greyscale images and wrap them as an image-only PDF."""
    prefix = work / "scan"
    subprocess.run(
        ["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-f", str(pages[0]), "-l",
         str(pages[1]), str(source), str(prefix)],
        check=True, timeout=300,
    )
    images = [Image.open(png).convert("L") for png in sorted(work.glob("scan-*.png"))]
    images[0].save(
        target, "PDF", resolution=float(SCAN_DPI), save_all=True, append_images=images[1:],
        quality=SCAN_JPEG_QUALITY, title=target.stem, creationDate=FIXED_TIME.timetuple(),
        modDate=FIXED_TIME.timetuple(),
    )


# -- finding rows in a rendered PDF ---------------------------------------------------


def fold(text: str) -> str:
    """Lower-case letters and digits only: what a text and its PDF rendering share."""
    return "".join(char for char in text.lower() if char.isalnum())


@dataclass(frozen=True)
class Word:
    text: str  # folded
    x0: float
    x1: float


Position = tuple[int, int, int]  # page (0-based), line on the page, word on the line


@dataclass(frozen=True)
class Found:
    start: Position
    end_page: int
    complete: bool


class PdfLines:
    """The words of a PDF grouped into visual lines, each line sorted left to right."""

    def __init__(self, path: Path) -> None:
        self.pages: list[list[list[Word]]] = []
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                self.pages.append(self._lines(page.extract_words()))

    @staticmethod
    def _lines(raw_words: list[dict]) -> list[list[Word]]:
        """Group words by their top into lines, left to right, and fold their text.

        A word of punctuation only ("/", "-", a bullet glyph) is dropped, but when it
        follows a word closely its width is added to that word, so "drug / alcohol"
        still reads as one run of words in one cell."""
        raw_lines: list[list[dict]] = []
        for word in sorted(raw_words, key=lambda w: (w["top"], w["x0"])):
            if not raw_lines or word["top"] - raw_lines[-1][0]["top"] > 3:
                raw_lines.append([])
            raw_lines[-1].append(word)
        lines = []
        for raw_line in raw_lines:
            line: list[Word] = []
            for word in sorted(raw_line, key=lambda w: w["x0"]):
                text = fold(word["text"])
                if text:
                    line.append(Word(text, word["x0"], word["x1"]))
                elif line and word["x0"] - line[-1].x1 < SAME_CELL_GAP:
                    line[-1] = Word(line[-1].text, line[-1].x0, word["x1"])
            if line:
                lines.append(line)
        return lines

    def find(self, text: str, after: Position, within_lines: int | None = None) -> Found | None:
        """Where ``text`` (folded) starts after ``after``, and the page where it ends."""
        page, line, word = after
        word += 1
        first_line = (page, line)
        while page < len(self.pages):
            lines = self.pages[page]
            while line < len(lines):
                if within_lines is not None and self._lines_between(first_line, (page, line)) \
                        > within_lines:
                    return None
                for index in range(word, len(lines[line])):
                    head = _head_match(lines[line][index].text, text)
                    if not head:
                        continue
                    matched, end_page = self._walk(text, (page, line, index), head)
                    if matched >= min(len(text), MIN_MATCH_CHARS):
                        return Found((page, line, index), end_page, matched == len(text))
                line, word = line + 1, 0
            page, line = page + 1, 0
        return None

    def _lines_between(self, first: tuple[int, int], later: tuple[int, int]) -> int:
        if first[0] == later[0]:
            return later[1] - first[1]
        return len(self.pages[first[0]]) - first[1] + later[1]

    def _walk(self, text: str, start: Position, head: int) -> tuple[int, int]:
        """Follow ``text`` through one cell from ``start``, whose word matched the first
        ``head`` characters: characters matched, last page."""
        page, line, index = start
        rest = text[head:]
        line_start = self.pages[page][line][index].x0
        while rest:
            words = self.pages[page][line]
            after = index + 1
            if (after < len(words) and words[after].x0 - words[index].x1 < SAME_CELL_GAP
                    and rest.startswith(words[after].text)):
                index = after
            else:
                found = self._next_line(rest, page, line, line_start)
                if found is None:
                    break
                page, line, index = found
                line_start = self.pages[page][line][index].x0
            rest = rest[len(self.pages[page][line][index].text):]
        return len(text) - len(rest), page

    def _next_line(self, rest: str, page: int, line: int, line_start: float) -> Position | None:
        """The word that continues a cell on a following line: it begins a cell's run of
        words, sits near the cell's previous line start, and matches the text's next part."""
        candidates = [(page, n) for n in range(line + 1, line + 1 + SKIP_LINES_SAME_PAGE)
                      if n < len(self.pages[page])]
        if page + 1 < len(self.pages):
            next_page = self.pages[page + 1]
            candidates += [(page + 1, n) for n in range(min(SKIP_LINES_NEW_PAGE, len(next_page)))]
        for cand_page, cand_line in candidates:
            words = self.pages[cand_page][cand_line]
            for index, word in enumerate(words):
                starts_cell = index == 0 or word.x0 - words[index - 1].x1 >= SAME_CELL_GAP
                near = line_start - LINE_START_LEFT <= word.x0 <= line_start + LINE_START_RIGHT
                if starts_cell and near and rest.startswith(word.text):
                    return cand_page, cand_line, index
        return None


def _head_match(word: str, text: str) -> int:
    """How many leading characters of ``text`` the word supplies: the whole word, or its
    end when a reference is glued to the first word ("4Cut" for "Cut ...")."""
    if text.startswith(word):
        return len(word)
    for cut in range(1, len(word) - MIN_GLUED_CHARS + 1):
        if text.startswith(word[cut:]):
            return len(word) - cut
    return 0


@dataclass(frozen=True)
class RowPlace:
    """Where one Word table row landed in the PDF."""

    start: Position
    first_page: int
    last_page: int


def docx_rows(path: Path) -> list[list[str]]:
    """The folded, non-empty texts of each top-level table row's distinct cells."""
    rows = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            seen, texts = set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # a merged cell is listed once per grid column it covers
                seen.add(id(cell._tc))
                if len(folded := fold(cell.text)) >= 3:
                    texts.append(folded)
            if texts:
                rows.append(texts)
    return rows


def place_rows(pdf: PdfLines, rows: list[list[str]]) -> list[RowPlace]:
    """Locate each row by its longest cell, then its other cells on the same line."""
    places = []
    pointer: Position = (0, 0, -1)
    for texts in rows:
        longest = max(texts, key=len)
        found = pdf.find(longest, pointer)
        if found is None:
            continue
        pages = [found.start[0], found.end_page]
        row_line: Position = (found.start[0], found.start[1], -1)
        for text in texts:
            if text is not longest and (cell := pdf.find(text, row_line, within_lines=1)):
                pages += [cell.start[0], cell.end_page]
        places.append(RowPlace(found.start, min(pages), max(pages)))
        pointer = found.start
    return places


def pages_of_actions(pdf_path: Path, docx_path: Path, actions: list[str]) -> list[tuple[int, bool]]:
    """For each action text (in document order): 1-based page where its row starts (0 when
    not found) and whether a page break cuts its row."""
    pdf = PdfLines(pdf_path)
    places = place_rows(pdf, docx_rows(docx_path))
    results = []
    pointer: Position = (0, 0, -1)
    for action in actions:
        # An expected action may join texts from several cells ("key area; action"): when
        # the whole is not found in one cell, its first part that is found places the row.
        parts = [action, *action.split("; ")[:3]]
        found = next((hit for part in parts if (hit := pdf.find(fold(part), pointer))), None)
        if found is None:
            results.append((0, False))
            continue
        pointer = found.start
        action_line = found.start[:2]
        rows_before = [place for place in places if place.start[:2] <= action_line]
        row = rows_before[-1] if rows_before else None
        if row is None or row.last_page < found.start[0]:
            results.append((found.start[0] + 1, found.end_page > found.start[0]))
        else:
            split = row.last_page > row.first_page or found.end_page > found.start[0]
            results.append((row.first_page + 1, split))
    return results


# -- expected rows of derived files ---------------------------------------------------


def read_expected(name: str) -> tuple[list[str], list[dict[str, str]]] | None:
    path = EXPECTED / f"{name}.csv"
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_expected(name: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    path = EXPECTED / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(SAMPLES.parent)} ({len(rows)} rows)")


def derive_expected(
    source_docx: Path, target_name: str, pdf: Path | None = None,
    keep_pages: tuple[int, int] | None = None,
) -> list[str]:
    """Write the expected rows of ``target_name`` from the source plan's rows; return warnings.

    ``pdf``: the rendered file to read pages from (None for a Word file: page stays
    empty). ``keep_pages``: keep only rows starting on these pages, all flagged (a scan).
    """
    source = read_expected(source_docx.name)
    if source is None:
        return [f"{target_name}: no samples/expected/{source_docx.name}.csv yet, not derived"]
    columns, rows = source
    warnings = []
    places = pages_of_actions(pdf, source_docx, [r["action"] for r in rows]) if pdf else None
    derived = []
    for index, row in enumerate(rows):
        row = {**row, "source_file": target_name}
        if places is not None:
            page, split = places[index]
            if page == 0:
                warnings.append(f"{target_name}: action not found in the PDF: {row['action'][:60]}")
            row["page"] = str(page) if page else ""
            if split:
                row["expect_flag"] = "1"
        if keep_pages is not None:
            if not row["page"] or not keep_pages[0] <= int(row["page"]) <= keep_pages[1]:
                continue
            row["expect_flag"] = "1"
            row["expect_review"] = "1"  # any value read by OCR could be wrong
        derived.append(row)
    write_expected(target_name, columns, derived)
    return warnings


# -- main -----------------------------------------------------------------------------


def build_derived(plans: dict[str, ModuleType], docx_paths: dict[str, Path]) -> list[str]:
    """Write the PDFs, the borderless PDF, the .doc and the scan, and their expected rows."""
    warnings = []
    with tempfile.TemporaryDirectory(prefix="planharvest-samples-") as work_dir:
        work = Path(work_dir)
        profile = work / "libreoffice-profile"
        # (file to render, plan .docx whose expected rows it shares)
        renders = [(path, path) for path in docx_paths.values()]
        borderless_plan, borderless_name = BORDERLESS
        if borderless_plan in plans:
            borderless_docx = work / f"{Path(borderless_name).stem}.docx"
            plans[borderless_plan].build(borderless_docx, borders=False)
            renders.append((borderless_docx, docx_paths[borderless_plan]))
        soffice_convert([render for render, _ in renders], "pdf", work, profile)
        for render, plan_docx in renders:
            pdf = SAMPLES / f"{render.stem}.pdf"
            shutil.copyfile(work / pdf.name, pdf)
            print(f"wrote {pdf.relative_to(SAMPLES.parent)} ({pdf.stat().st_size:,} bytes)")
            warnings += derive_expected(plan_docx, pdf.name, pdf)

        doc_plan, doc_name = LEGACY_DOC
        if doc_plan in docx_paths:
            soffice_convert([docx_paths[doc_plan]], "doc:MS Word 97", work, profile)
            shutil.copyfile(work / doc_name, SAMPLES / doc_name)
            print(f"wrote samples/{doc_name} ({(SAMPLES / doc_name).stat().st_size:,} bytes)")
            warnings += derive_expected(docx_paths[doc_plan], doc_name)
        else:
            warnings.append(f"{doc_name}: {doc_plan} missing, not written")

        scan_plan, scan_name, scan_pages = SCAN
        if scan_plan in docx_paths:
            source_pdf = SAMPLES / f"{docx_paths[scan_plan].stem}.pdf"
            scan_pdf(source_pdf, SAMPLES / scan_name, scan_pages, work)
            print(f"wrote samples/{scan_name} ({(SAMPLES / scan_name).stat().st_size:,} bytes)")
            warnings += derive_expected(docx_paths[scan_plan], scan_name, source_pdf, scan_pages)
        else:
            warnings.append(f"{scan_name}: {scan_plan} missing, not written")
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true",
                        help="also write PDF, .doc and scan copies (needs LibreOffice, pdftoppm)")
    args = parser.parse_args(argv)
    plans, missing = load_plans()
    docx_paths = build_docx(plans)
    warnings = [f"samples/plans/{name}.py is not written yet: its sample was skipped"
                for name in missing]
    if args.pdf:
        for tool in ("soffice", "pdftoppm"):
            if shutil.which(tool) is None:
                print(f"--pdf needs {tool} on PATH", file=sys.stderr)
                return 2
        warnings += build_derived(plans, docx_paths)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
