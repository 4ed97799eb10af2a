"""A PDF read with its scanned pages OCR'd: the PDF reader and OCR merged into one document.

Pages with no text layer are OCR'd (``ocr.read_scanned_page``) when
``OcrSettings.enabled`` is on. Ruled tables found in a page image are placed
among the page's blocks by their position; the page's other words go back to
the PDF reader, which lays them out like any page's words. The OCR'd pages are
listed in ``DocumentContent.ocr_pages`` (the pipeline flags their rows
``ocr_text``). A scanned page that could not be read -- Tesseract missing or
failing -- is named in the warnings, never left silently empty; when nothing at
all could be read, the document fails with that reason (the file's status then
says so, where a warning would go unseen).

Pages OCR'd in parallel: Tesseract takes seconds a page on one core, so a worker given
several cores (``limits.document_threads``: a run's cores shared among its workers) reads the
scanned pages ahead of the one the reader is at in as many threads. The pages drawn
ahead are those whose resources look like a scan's (an image, no font) and that pass
the content guard (``guard.check_page``); they are drawn in the reader's thread (pdfium
draws in one thread at a time), and only Tesseract and the numpy passes run in the others,
so each page's words are those ``read_scanned_page`` gives it alone. At most one page per
thread is drawn ahead (an A4 page at 300 dpi is 9 MB of pixels), and a page the guess got
wrong is OCR'd when the reader reaches it, as it would be alone.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import LIT
from pdfplumber.page import Page

from planharvest.extract.formats import DocumentError
from planharvest.extract.grid import Block, DocumentContent, Table
from planharvest.extract.ocr import (
    OcrError,
    ScannedPage,
    read_rendered_page,
    read_scanned_page,
    render_scanned_page,
    tesseract_missing,
)
from planharvest.extract.pdf.guard import check_page
from planharvest.extract.pdf.reader import read_pdf
from planharvest.limits import document_threads
from planharvest.settings import LimitSettings, OcrSettings, Settings

#: The warning ``read_pdf`` gives a page with no text layer; replaced here by what OCR made
#: of the page.
_NO_TEXT_LAYER = "page {} has no text layer (scanned?)"
_IMAGE = LIT("Image")


def read_pdf_document(path: Path, settings: Settings, pages: set[int] | None) -> DocumentContent:
    """The PDF at ``path`` read with the run's settings, its scanned pages OCR'd when
    ``settings.ocr.enabled``; ``pages`` (1-based) limits it to those pages."""
    if not settings.ocr.enabled:
        return read_pdf(path, settings.pdf, pages, limits=settings.limits)
    scans = _ScanReader(settings.ocr, settings.limits, pages)
    try:
        content = scans.merged(read_pdf(path, settings.pdf, pages, ocr=scans.read,
                                        limits=settings.limits))
    finally:
        scans.close()
    if scans.unread and not content.blocks:
        raise DocumentError(scans.why_unread())
    return content


class _ScanReader:
    """OCR for ``read_pdf``'s scanned pages: hands it each page's loose words and keeps the
    page's ruled tables and any reason a page went unread, to merge in afterwards."""

    def __init__(self, settings: OcrSettings, limits: LimitSettings,
                 pages: set[int] | None) -> None:
        self.settings = settings
        self.limits = limits
        self.pages = pages  # the pages read (1-based; None: all)
        self.scanned: dict[int, ScannedPage] = {}
        self.unread: dict[int, str] = {}  # page -> why its text was not read
        self.threads = document_threads()
        self._pool: ThreadPoolExecutor | None = None
        self._ahead: dict[int, Future[ScannedPage]] = {}  # page -> its OCR, under way
        self._looked = 0  # pages looked at for reading ahead (0-based index of the next)

    @cached_property
    def missing(self) -> str | None:
        """Why Tesseract cannot run here, asked at the first scanned page only: importing
        pytesseract imports pandas and pyarrow where installed (~125 MB of memory, in every
        worker), which a PDF with a text layer never needs."""
        return tesseract_missing()

    def read(self, page: Page) -> list[dict]:
        number = page.page_number
        if self.missing is not None:
            self.unread[number] = f"{self.missing}; its text was not read"
            return []
        try:
            scanned = self._read(page)
        except OcrError as error:
            self.unread[number] = f"OCR failed ({error}); its text was not read"
            return []
        if not scanned.words and not scanned.tables:
            self.unread[number] = "OCR found no text on it"
        self.scanned[number] = scanned
        return scanned.words

    def _read(self, page: Page) -> ScannedPage:
        """The page's OCR: started ahead, or done now; the next scanned pages started."""
        if self.threads > 1:
            self._read_ahead(page)
        future = self._ahead.pop(page.page_number, None)
        return future.result() if future is not None else read_scanned_page(page, self.settings)

    def _read_ahead(self, page: Page) -> None:
        """Start OCR of this page and of the scanned-looking pages after it, up to one per
        thread under way."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="planharvest-ocr")
        pages = page.pdf.pages
        self._looked = max(self._looked, page.page_number - 1)
        while len(self._ahead) < self.threads and self._looked < len(pages):
            ahead = pages[self._looked]
            self._looked += 1
            if ahead is page or self._looks_scanned(ahead):
                try:
                    rendered = render_scanned_page(ahead, self.settings)
                except OcrError:
                    continue  # said when the reader reaches it, as alone
                self._ahead[ahead.page_number] = self._pool.submit(
                    read_rendered_page, rendered, self.settings)

    def _looks_scanned(self, page: Page) -> bool:
        """The page draws an image and has no font, and its content passes the guard (its
        dictionaries only are read, never its content laid out)."""
        if self.pages is not None and page.page_number not in self.pages:
            return False
        try:
            resources = resolve1(page.page_obj.resources)
            if not isinstance(resources, dict) or resolve1(resources.get("Font")):
                return False
            xobjects = resolve1(resources.get("XObject"))
            if not isinstance(xobjects, dict) or not any(
                    isinstance(form := resolve1(xobject), PDFStream)
                    and form.get("Subtype") is _IMAGE for xobject in xobjects.values()):
                return False
            return check_page(page, self.limits).problem is None
        except Exception:  # noqa: BLE001 - a damaged page is the reader's to report
            return False

    def close(self) -> None:
        """Drop pages read ahead that the reader did not reach (a guess that was wrong, or
        the reading stopped): none is waited for."""
        for future in self._ahead.values():
            future.cancel()
        self._ahead.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def why_unread(self) -> str:
        """Why the scanned pages gave no text, for a document that gave nothing else."""
        numbers = ", ".join(str(number) for number in sorted(self.unread))
        if self.missing is not None:
            return (f"the PDF is scanned (no text layer on page {numbers}) and {self.missing}: "
                    "install Tesseract (Debian: tesseract-ocr) to read it")
        reasons = "; ".join(f"page {number}: {why}" for number, why in sorted(self.unread.items()))
        return f"the PDF is scanned and no page could be read: {reasons}"

    def merged(self, content: DocumentContent) -> DocumentContent:
        """``content`` with the scanned pages' ruled tables in place, those pages listed as
        OCR'd, and each unread scanned page named in the warnings."""
        blocks = list(content.blocks)
        for table in sorted((t for page in self.scanned.values() for t in page.tables),
                            key=_position):
            after = (i for i, block in enumerate(blocks) if _position(block) > _position(table))
            blocks.insert(next(after, len(blocks)), table)
        for index, table in enumerate(block for block in blocks if isinstance(block, Table)):
            table.index = index
        read_pages = {number for number, page in self.scanned.items() if number not in self.unread}
        replaced = {_NO_TEXT_LAYER.format(number) for number in self.scanned.keys() | self.unread}
        warnings = [warning for warning in content.warnings if warning not in replaced]
        warnings += [f"page {number} is a scan and {why}" for number, why in
                     sorted(self.unread.items())]
        return DocumentContent(
            blocks=blocks,
            title=content.title,
            pages=content.pages,
            ocr_pages=sorted(set(content.ocr_pages) | read_pages),
            warnings=warnings,
        )


def _position(block: Block) -> tuple[int, float]:
    """Where a PDF block sits: its page, then its top."""
    return (block.page or 0, block.bbox[1] if block.bbox else 0.0)
