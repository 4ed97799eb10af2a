"""What a file really is, read from its first bytes rather than its name.

Councils' archives are full of misnamed files (a PDF saved as ``.doc``, a
``.docx`` renamed ``.pdf``); the reader is chosen by content. Cost: one read
of the first 8 KiB, plus the ZIP directory for ZIP files, plus a scan of an
OLE2 file for its stream names.

An OLE2 compound file is a Word 97-2003 ``.doc`` when its directory names a
``WordDocument`` stream, and a password-protected Office 2007+ file when it
names an ``EncryptedPackage`` stream (the encrypted ZIP lives inside an OLE2
container). Directory entries are 128 bytes at 128-byte boundaries after
the 512-byte header, the name first, in UTF-16LE, its byte length (with the
terminating NUL) at offset 64; a name is believed only there, so a document
that merely mentions "EncryptedPackage" in its text is not taken for one.
"""

from __future__ import annotations

import mmap
import os
import re
import stat
import struct
import zipfile
from pathlib import Path

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_ENTRY_SIZE = 128
_OLE2_HEADER_SIZE = 512


def detect_format(path: Path) -> str | None:
    """'pdf', 'docx', 'doc', 'odt', 'rtf', 'encrypted' (a password-protected Office file),
    or None when the bytes are none of these; ``formats.FORMATS`` says how each is read.

    A PDF may have a little junk before its ``%PDF-`` header (viewers look in the first
    1,024 bytes), but a file that starts as a web page or XML is that, whatever it quotes:
    an HTML page saved as ``plan.doc`` that mentions "%PDF-" is no broken PDF."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if markup_kind(head) is not None:
        return None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_OLE2_MAGIC):
        return _ole2_format(path)
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    return None


#: How markup starts (after a byte-order mark and blanks), and what it is, in words.
_MARKUP = ((re.compile(rb"<!doctype html|<html|<head|<body|<meta|<title", re.I), "an HTML page"),
           (re.compile(rb"<\?xml|<!doctype|<!--|<[a-z][\w:.-]*[\s>]", re.I), "an XML or HTML file"))
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def markup_kind(head: bytes) -> str | None:
    """"an HTML page" or "an XML or HTML file" when ``head`` (a file's first bytes) starts
    as markup -- Word's "Web Page" saved as ``.doc``, a download that was an error page --
    else None."""
    for bom in _BOMS:
        head = head.removeprefix(bom)
    head = head.replace(b"\x00", b"").lstrip()  # UTF-16 text reads as ASCII without its NULs
    return next((kind for pattern, kind in _MARKUP if pattern.match(head)), None)


def what_bytes(path: Path) -> str | None:
    """What a file that is no document is, when its first bytes say (:func:`markup_kind`)."""
    try:
        with path.open("rb") as handle:
            return markup_kind(handle.read(1024))
    except OSError:
        return None


#: How each format's bytes begin, for :func:`sniff_format`.
_MAGIC = (b"%PDF-", b"{\\rtf", _OLE2_MAGIC, b"PK\x03\x04")


def sniff_format(path: Path) -> str | None:
    """What a file without a document's name ending is, when its first bytes say it is a
    document outright: :func:`detect_format`'s answer for a regular file that *starts* with
    a PDF, RTF, OLE2 or ZIP signature; None for anything else (a named pipe, a CSV, a script
    that merely quotes ``%PDF-`` somewhere), without blocking on a pipe or device."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        head = os.read(descriptor, 8)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if not head.startswith(_MAGIC):
        return None
    try:
        return detect_format(path)
    except (OSError, ValueError):
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


def _ole2_format(path: Path) -> str | None:
    """'encrypted', 'doc', or None for another OLE2 file (an Excel sheet, an Outlook message)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if _has_stream(data, "EncryptedPackage"):
            return "encrypted"
        if _has_stream(data, "WordDocument"):
            return "doc"
    return None


def _has_stream(data: mmap.mmap, name: str) -> bool:
    """The compound file's directory has an entry called ``name``."""
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    position = data.find(encoded, _OLE2_HEADER_SIZE)
    while position != -1:
        aligned = (position - _OLE2_HEADER_SIZE) % _OLE2_ENTRY_SIZE == 0
        length_at = position + 64
        if aligned and data[length_at:length_at + 2] == struct.pack("<H", len(encoded)):
            return True
        position = data.find(encoded, position + 1)
    return False
