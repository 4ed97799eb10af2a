"""Every tunable of a run, gathered in one documented dataclass.

Defaults are chosen for council action plans exported from Word; change one
with ``Settings(...)`` or ``dataclasses.replace``. The settings take part in
the cache key, so changing one re-extracts affected documents.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Settings:
    # -- header mapping ------------------------------------------------------
    #: rapidfuzz ratio (0-100) between folded header and synonym for a fuzzy match.
    header_match_cutoff: float = 85.0
    #: share of a table's columns that must map to fields for it to be an action table.
    min_action_columns: int = 2

    # -- owners ----------------------------------------------------------------
    #: token_sort_ratio score for an owner to be taken as a confident match.
    owner_confident_score: float = 92.0
    #: score below which a fuzzy owner candidate is not offered at all.
    owner_candidate_cutoff: float = 80.0

    # The PDF reader's tunables (pdfplumber's table settings, word clustering, borderless
    # columns) are ``extract.pdf.PdfSettings``, next to the code that reads them.

    # -- limits (a document that exceeds one fails with that reason) ------------
    # Each failure message names the setting; the command line sets the first three
    # (--max-seconds, --max-pages, --max-megabytes).
    #: seconds one document may take before it is abandoned: forced by SIGALRM where the
    #: document is read in a process's main thread (inline, process-pool workers); in a
    #: thread worker (Dask threads) checked between stages and PDF pages (see limits.py).
    max_seconds_per_document: float = 300.0
    #: pages beyond which a PDF is refused, before any page is read.
    max_pages: int = 3000
    #: bytes a .docx may inflate to (sum of its parts' uncompressed sizes).
    max_uncompressed_bytes: int = 512 * 1024 * 1024
    #: characters one PDF page may draw (counted from its content before it is laid out). A
    #: page of small print holds about 10,000; pdfplumber keeps ~2.5 KB per character, so a
    #: page at the limit takes ~500 MB. A PDF bomb is a few kB that draw far more.
    max_page_characters: int = 200_000
    #: bytes one PDF page's content streams (with the forms they draw) may inflate to.
    max_page_content_bytes: int = 64 * 1024 * 1024
    #: entries a .docx ZIP may hold.
    max_zip_entries: int = 10_000

    # -- OCR -------------------------------------------------------------------
    #: run Tesseract on pages with no text layer.
    ocr: bool = True
    #: resolution scanned pages are rendered at for OCR.
    ocr_dpi: int = 300

    def fingerprint(self) -> str:
        """A short hash of every setting, used in the per-document cache key."""
        encoded = json.dumps(asdict(self), sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()[:16]
