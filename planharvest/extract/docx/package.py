"""Opening a .docx safely: the ZIP checked against the limits before python-docx parses it.

python-docx parses every part with ``resolve_entities=False`` (see
``docx.oxml.parser``), so a document that declares an external entity never
has it fetched or expanded. The ZIP's entry count and inflated size are checked
against ``LimitSettings`` before anything is parsed; the XML parts are then
inflated once, as a stream, to count their markup (a few kilobytes of ZIP can
hold millions of ``<w:p/>``, each a node of the parsed tree). Parts that are
not XML (pictures, embedded files, fonts) are handed to python-docx empty when
they hold more than a megabyte together: it would load each whole, and nothing
here reads them. Elements nested more than
256 deep (tables inside tables ...) stop lxml's parser, and the message says so.
Macro-enabled documents and templates (.docm, .dotx) are opened as documents.

Also here: what the package says about the document (title, page count).
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

from planharvest.errors import PlanharvestError
from planharvest.extract.docx.ooxml import APP_NS, int_or_none, w
from planharvest.extract.grid import Block
from planharvest.settings import Settings

#: An encrypted OOXML package is an OLE2 compound file holding a stream of this name.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM_NAME = "EncryptedPackage".encode("utf-16-le")
_WORD97_STREAM_NAME = "WordDocument".encode("utf-16-le")

#: Main-part content types of macro-enabled documents and templates; their XML is the
#: same as a .docx's, but python-docx only opens the plain document type.
_WORD_MAIN_CONTENT_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCX_MAIN_CONTENT_TYPE = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_MISSING_ITEM = re.compile(r"There is no item named '([^']+)' in the archive")

#: Markup tags (``<``) the XML parts of one package may hold together. python-docx's tree
#: costs about 110 bytes and its walk about 3 microseconds per tag, so two million tags
#: are ~220 MB and ~6 s: a Word file of some 3,500 pages (real plans hold about one tag per
#: 14 bytes of XML). A 16 kB ZIP can inflate to millions of empty paragraphs.
_MAX_XML_TAGS = 2_000_000
#: Bytes an XML part may start with before its first ``<``: byte-order marks, white space.
_XML_LEADING_BYTES = b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"
_INFLATE_CHUNK = 1 << 20
#: Bytes of parts that are not XML (a thumbnail, a logo) handed to python-docx as they are:
#: re-zipping the package to empty them costs more than holding them (0.4 of 4 CPU s on 80
#: sample plans, each with a thumbnail). Each part no larger than ``_INFLATE_CHUNK`` was read
#: whole, its CRC checked, by ``_survey_parts``.
_KEPT_BINARY_BYTES = _INFLATE_CHUNK


class DocxError(PlanharvestError):
    """The file is not a readable .docx; the message names the file and the reason."""



def open_document(name: str, data: bytes, settings: Settings) -> WordDocument:
    """python-docx's Document for ``data``, or DocxError saying why there is none."""
    if not data:
        raise DocxError(f"{name}: the file is empty (0 bytes)")
    if data.startswith(_OLE2_MAGIC):
        raise DocxError(f"{name}: {_ole2_reason(data)}")
    document = _parsed(name, _checked_package(name, data, settings))
    root = document.element
    if root.tag != w("document") or root.find(w("body")) is None:
        # e.g. a "Strict Open XML" file, whose parts use other namespaces
        raise DocxError(f"{name}: the main part holds no WordprocessingML document body (its "
                        f"root is {root.tag!r}); save it from Word as a Word Document (.docx)")
    return document


def _checked_package(name: str, data: bytes, settings: Settings) -> bytes:
    """The package's bytes once its ZIP passes the limits and holds a Word document;
    re-zipped for python-docx when it is macro-enabled or holds parts that are not XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem, binary_parts = _package_problem(archive, settings)
            if problem is not None:
                raise DocxError(f"{name}: {problem}")
            content_types = archive.read("[Content_Types].xml")
            macro_enabled = any(kind in content_types for kind in _WORD_MAIN_CONTENT_TYPES)
            binary_bytes = sum(archive.getinfo(part).file_size for part in binary_parts)
            if macro_enabled or binary_bytes > _KEPT_BINARY_BYTES:
                data = _repackaged(archive, content_types, binary_parts)
    except DocxError:
        raise
    except Exception as error:  # BadZipFile, zlib.error, an encrypted ZIP entry ...
        raise DocxError(f"{name}: not a Word .docx file (not a ZIP package, or a damaged one: "
                        f"{error})") from error
    return data


def _package_problem(archive: zipfile.ZipFile,
                     settings: Settings) -> tuple[str | None, set[str]]:
    """(why the package is refused, or None; names of its parts that are not XML)."""
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    problem = _limit_exceeded(entries, settings)
    if problem is None and "[Content_Types].xml" not in names:
        missing = "[Content_Types].xml" if "word/document.xml" in names else (
            "word/document.xml")
        problem = f"not a Word .docx file (no {missing})"
    if problem is not None:
        return problem, set()
    return _survey_parts(archive, entries)


def _parsed(name: str, data: bytes) -> WordDocument:
    """python-docx's parse of the checked package; its failures as DocxError."""
    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as error:
        missing_item = _MISSING_ITEM.search(str(error))
        if missing_item and missing_item[1] != "word/document.xml":
            raise DocxError(f"{name}: damaged package: part {missing_item[1]} is referenced "
                            "but missing") from error
        raise DocxError(f"{name}: not a Word .docx file (no word/document.xml)") from error
    except etree.XMLSyntaxError as error:
        raise _malformed(name, data, error) from error
    except Exception as error:  # any other python-docx / zlib failure is a file it cannot read
        raise DocxError(f"{name}: python-docx cannot read it "
                        f"({type(error).__name__}: {error})") from error


def _malformed(name: str, data: bytes, error: etree.XMLSyntaxError) -> DocxError:
    """The error for a package whose XML lxml refused, naming the part and why."""
    part = _malformed_part(data)
    if "Excessive depth" in str(error):
        return DocxError(f"{name}: {part} nests its elements more than 256 deep (tables "
                         "inside tables inside tables ...), deeper than planharvest reads")
    if "amplification" in str(error):
        return DocxError(f"{name}: {part} declares entities that would expand beyond any "
                         "real document (a 'billion laughs' file); they were not expanded")
    return DocxError(f"{name}: malformed XML in {part} ({error})")


def _ole2_reason(data: bytes) -> str:
    if _ENCRYPTED_STREAM_NAME in data:
        return "the file is encrypted (password-protected Office document)"
    if _WORD97_STREAM_NAME in data:
        return "a Word 97-2003 .doc file, not a .docx"
    return "an OLE2 compound file (a password-protected or pre-2007 Office file), not a .docx"


def _limit_exceeded(entries: list[zipfile.ZipInfo], settings: Settings) -> str | None:
    """Why the ZIP is refused as a bomb, or None; declared sizes bound what zipfile inflates."""
    if len(entries) > settings.limits.max_zip_entries:
        return (f"the package holds {len(entries)} entries, more than the limit of "
                f"{settings.limits.max_zip_entries} (max_zip_entries)")
    inflated = sum(entry.file_size for entry in entries)
    if inflated > settings.limits.max_uncompressed_bytes:
        return (f"the package inflates to {inflated:,} bytes, more than the limit of "
                f"{settings.limits.max_uncompressed_bytes:,} (max_uncompressed_bytes)")
    return None


def _survey_parts(archive: zipfile.ZipFile,
                  entries: list[zipfile.ZipInfo]) -> tuple[str | None, set[str]]:
    """(why the XML parts hold too much markup to parse, or None; names of the other parts).

    Every part that starts like XML is inflated as a stream and its ``<`` counted, whatever
    its name (a package may declare any part its main document). Reading also checks each
    part's CRC, so a part that inflates beyond its declared size fails here, as a damaged
    package. Other parts (pictures, embedded files, fonts) are left after their first chunk.
    """
    tags = 0
    binary_parts = set()
    for entry in entries:
        with archive.open(entry) as part:
            chunk = part.read(_INFLATE_CHUNK)
            if not chunk.lstrip(_XML_LEADING_BYTES).startswith(b"<"):
                binary_parts.add(entry.filename)
                continue
            while chunk:
                tags += chunk.count(b"<")
                if tags > _MAX_XML_TAGS:
                    problem = (f"its XML holds more than {_MAX_XML_TAGS:,} elements (counted up "
                               f"to {entry.filename}), beyond any real plan; parsing that much "
                               "markup could take gigabytes of memory")
                    return problem, binary_parts
                chunk = part.read(_INFLATE_CHUNK)
    return None, binary_parts


def _repackaged(archive: zipfile.ZipFile, content_types: bytes, emptied: set[str]) -> bytes:
    """The package re-zipped for python-docx: the main part typed as a plain document (.docm,
    .dotx), and the ``emptied`` parts (pictures, embedded files) with no bytes.

    python-docx loads every related part whole, and nothing here reads a picture: emptied,
    they cost no memory, so a document's footprint follows its XML and at most a megabyte
    of other parts.
    """
    for kind in _WORD_MAIN_CONTENT_TYPES:
        content_types = content_types.replace(kind, _DOCX_MAIN_CONTENT_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for entry in archive.infolist():
            if entry.filename == "[Content_Types].xml":
                blob = content_types
            else:
                blob = b"" if entry.filename in emptied else archive.read(entry)
            target.writestr(entry.filename, blob)
    return out.getvalue()


def _malformed_part(data: bytes) -> str:
    """Name of the first XML part that does not parse (only run once opening has failed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    parse_xml(archive.read(entry))
                except etree.XMLSyntaxError:
                    return entry.filename
    return "a part"



# -- document properties --------------------------------------------------------------


def core_title(document: WordDocument) -> str:
    # python-docx invents core properties titled "Word Document" when the package has
    # none, so only read them when the package really relates a core-properties part.
    try:
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        return ""
    return (document.core_properties.title or "").strip()



def page_count(document: WordDocument, blocks: list[Block]) -> int | None:
    """``<Pages>`` from docProps/app.xml, unless the statistics were never computed.

    Files written by python-docx carry its template's app.xml unchanged
    (``<Pages>1``, ``<Words>0``) whatever the body holds; a zero word count
    over a body with text marks such stale statistics.
    """
    try:
        app_part = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
        app = parse_xml(app_part.blob)
    except (KeyError, etree.XMLSyntaxError):
        return None
    pages = int_or_none(app.findtext(f"{{{APP_NS}}}Pages"))
    words = int_or_none(app.findtext(f"{{{APP_NS}}}Words"))
    if words == 0 and blocks:
        return None
    return pages if pages and pages > 0 else None
