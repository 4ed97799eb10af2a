"""The Word (.docx) reader: ``reader.read_docx`` opens the package safely (``package``) and
walks its body (``body``, over the raw XML helpers of ``ooxml``) into format-neutral blocks."""

from planharvest.extract.docx.package import DocxError
from planharvest.extract.docx.reader import read_docx

__all__ = ["DocxError", "read_docx"]
