"""The PDF reader: born-digital pages (and OCR'd words for scanned ones) to format-neutral blocks.

``reader`` opens the file and reads it page by page; ``guard`` refuses a page
whose content is a bomb; ``ruled`` turns pdfplumber's ruled tables into grids;
``layout`` lays out the other words (``borderless`` finds tables drawn without
rules) and assembles the document; ``scans`` merges in what OCR read from
pages with no text layer.
"""

from planharvest.extract.pdf.reader import PdfError, read_page_words, read_pdf

__all__ = ["PdfError", "read_page_words", "read_pdf"]
