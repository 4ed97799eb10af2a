"""What a file really is, read from its first bytes rather than its name.

Councils' archives are full of misnamed files (a PDF saved as ``.doc``, a
``.docx`` renamed ``.pdf``); the reader is chosen by content. Cost: one read
of the first 8 KiB, plus the ZIP directory for ZIP files.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: File endings worth a look; everything else is listed as skipped without being opened.
CANDIDATE_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".rtf", ".docm", ".dot", ".dotx"}

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(path: Path) -> str | None:
    """'pdf', 'docx', 'doc', 'odt', 'rtf', or None when the bytes are none of these."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_OLE2_MAGIC):
        # Word 97-2003 files, and also password-protected .docx (an encrypted OOXML
        # package lives inside an OLE2 container); the Word reader says which.
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    return None


def _zip_format(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "docx"  # a damaged ZIP: let the Word reader name the damage
    return None
