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
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pdfplumber.page import Page

from planharvest.extract.formats import DocumentError
from planharvest.extract.grid import Block, DocumentContent, Table
from planharvest.extract.ocr import (
    OcrError,
    ScannedPage,
    read_scanned_page,
    tesseract_missing,
)
from planharvest.extract.pdf.reader import read_pdf
from planharvest.settings import OcrSettings, Settings

#: The warning ``read_pdf`` gives a page with no text layer; replaced here by what OCR made
#: of the page.
_NO_TEXT_LAYER = "page {} has no text layer (scanned?)"


def read_pdf_document(path: Path, settings: Settings, pages: set[int] | None) -> DocumentContent:
    """The PDF at ``path`` read with the run's settings, its scanned pages OCR'd when
    ``settings.ocr.enabled``; ``pages`` (1-based) limits it to those pages."""
    if not settings.ocr.enabled:
        return read_pdf(path, settings.pdf, pages, limits=settings.limits)
    scans = _ScanReader(settings.ocr)
    content = scans.merged(read_pdf(path, settings.pdf, pages, ocr=scans.read,
                                    limits=settings.limits))
    if scans.unread and not content.blocks:
        raise DocumentError(scans.why_unread())
    return content


class _ScanReader:
    """OCR for ``read_pdf``'s scanned pages: hands it each page's loose words and keeps the
    page's ruled tables and any reason a page went unread, to merge in afterwards."""

    def __init__(self, settings: OcrSettings) -> None:
        self.settings = settings
        self.scanned: dict[int, ScannedPage] = {}
        self.unread: dict[int, str] = {}  # page -> why its text was not read

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
            scanned = read_scanned_page(page, self.settings)
        except OcrError as error:
            self.unread[number] = f"OCR failed ({error}); its text was not read"
            return []
        if not scanned.words and not scanned.tables:
            self.unread[number] = "OCR found no text on it"
        self.scanned[number] = scanned
        return scanned.words

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
