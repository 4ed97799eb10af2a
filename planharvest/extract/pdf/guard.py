"""The PDF bomb guard: how much a page would draw, measured before pdfplumber lays it out.

pdfplumber keeps some 2.5 KB per character it lays out, and about as much per line or
curve, so a few kB of deflated operators -- or of form XObjects drawing each other --
can take gigabytes and minutes. ``page_content_problem`` counts a page's characters and
painted paths straight from its content streams, inflating them no further than
``LimitSettings.max_page_content_bytes`` and following forms no deeper than
``max_form_depth`` (pdfminer draws a nested form by recursion, so 2,000 levels end in a
``RecursionError``), so the measuring itself cannot be the bomb; the reader refuses a page
it finds a problem with.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass

from pdfminer.pdfexceptions import PDFException
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import LIT
from pdfplumber.page import Page

from planharvest.settings import LimitSettings

#: A string operand in a content stream: a literal ``(...)`` (escapes and one level of
#: balanced parentheses) or a hex string ``<...>``. Nearly all are text being shown.
_CONTENT_STRING = re.compile(
    rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.DOTALL)
#: ``/Name Do``: draw the XObject ``Name`` (a form draws its own content again).
_DRAW_XOBJECT = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
#: An operator that paints a path (stroke, fill or both): pdfminer makes one object of each.
_PAINT = re.compile(rb"(?<![^\s\])>])(?:[SsFfBb]\*?)(?![^\s\[(/<%])")
_FORM = LIT("Form")


@dataclass(frozen=True)
class PageCheck:
    """What measuring a page found: why it must be refused (``problem``; None when it may
    be read), and how many of its compressed content streams do not inflate to their end
    (``damaged``: pdfminer reads what inflates and drops the rest without a word)."""

    problem: str | None = None
    damaged: int = 0


def check_page(page: Page, limits: LimitSettings) -> PageCheck:
    """Why the page must be refused -- its content would take pdfplumber gigabytes to lay
    out: a PDF bomb -- if it must; and how many of its content streams are damaged.

    pdfplumber keeps some 2.5 KB per character, so what matters is how many characters a
    page draws, not how small the file is: a few kB of deflated text operators can draw
    400,000 characters. They are counted here from the page's decoded content streams --
    the bytes of its string operands, and a form XObject's characters once per ``Do``
    drawing it (nested forms multiply) -- and the streams are inflated at most to
    ``max_page_content_bytes``, so the count itself cannot be the bomb. The count is an
    estimate (a two-byte font counts each character twice), good for a limit. Painted
    paths (lines, curves, rectangles) are counted the same way against
    ``max_page_drawings``, and forms drawing forms more than ``max_form_depth`` deep are
    refused before pdfminer's recursion through them runs out of stack.
    """
    meter = _ContentMeter(limits)
    try:
        drawn = meter.drawn(page.page_obj.contents, page.page_obj.resources)
    except _ContentTooLarge as exc:
        return PageCheck(f"page {page.page_number}: {exc}")
    problem = None
    if drawn.characters > limits.max_page_characters:
        problem = (f"page {page.page_number} draws about {drawn.characters:,} characters, "
                   f"over the limit of {limits.max_page_characters:,} (max_page_characters): "
                   "a PDF bomb, or a page no plan has")
    elif drawn.paintings > limits.max_page_drawings:
        problem = (f"page {page.page_number} draws about {drawn.paintings:,} lines and "
                   f"shapes, over the limit of {limits.max_page_drawings:,} "
                   "(max_page_drawings): a PDF bomb, or a page no plan has")
    return PageCheck(problem, meter.damaged)


class _ContentTooLarge(Exception):
    """The page's content cannot be measured safely: it inflates past the byte limit, a
    form draws itself, or forms nest too deep."""


@dataclass(frozen=True)
class _Drawn:
    """What a content stream draws, its forms included: characters and painted paths."""

    characters: int = 0
    paintings: int = 0

    def __add__(self, other: _Drawn) -> _Drawn:
        return _Drawn(self.characters + other.characters, self.paintings + other.paintings)

    def __mul__(self, uses: int) -> _Drawn:
        return _Drawn(self.characters * uses, self.paintings * uses)


class _ContentMeter:
    """Decoded content bytes, drawn characters and paths of one page, counted without
    pdfminer."""

    def __init__(self, limits: LimitSettings) -> None:
        self.left = limits.max_page_content_bytes  # decoded bytes still allowed
        self.max_bytes = limits.max_page_content_bytes
        self.max_depth = limits.max_form_depth
        self.forms: dict[int, _Drawn] = {}  # form stream id -> what it draws
        self.drawing: list[int] = []  # forms being counted, outermost first
        self.damaged = 0  # compressed streams that do not inflate to their end

    def drawn(self, streams: list[object], resources: object) -> _Drawn:
        data = b"".join(self._decoded(stream) for stream in map(resolve1, streams))
        drawn = _Drawn(sum(_string_length(match) for match in _CONTENT_STRING.findall(data)),
                       len(_PAINT.findall(data)))
        resources = resolve1(resources)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return drawn
        for name, uses in Counter(_DRAW_XOBJECT.findall(data)).items():
            form = resolve1(xobjects.get(name.decode("latin-1")))
            if isinstance(form, PDFStream) and form.get("Subtype") is _FORM:
                drawn += self._form_drawn(form) * uses
        return drawn

    def _form_drawn(self, form: PDFStream) -> _Drawn:
        key = id(form)
        if key in self.drawing:
            raise _ContentTooLarge("a form XObject draws itself (endless content)")
        if len(self.drawing) >= self.max_depth:
            raise _ContentTooLarge(f"its forms (XObjects) draw one another more than "
                                   f"{self.max_depth} deep (max_form_depth): a PDF bomb, or "
                                   "a damaged file")
        if key not in self.forms:
            self.drawing.append(key)
            self.forms[key] = self.drawn([form], form.get("Resources"))
            self.drawing.pop()
        return self.forms[key]

    def _decoded(self, stream: object) -> bytes:
        if not isinstance(stream, PDFStream):
            return b""
        data, whole = _bounded_data(stream, self.left)
        self.damaged += not whole
        self.left -= len(data)
        if self.left < 0:
            raise _ContentTooLarge(f"its content inflates past {self.max_bytes:,} bytes "
                                   "(max_page_content_bytes): a PDF bomb")
        return data


def _bounded_data(stream: PDFStream, limit: int) -> tuple[bytes, bool]:
    """The stream's decoded bytes, or ``limit + 1`` of them when there are more, and whether
    its data is whole. A deflated stream (nearly all) is inflated here at most that far,
    and is not whole when it is corrupt or ends before its compressed data does (a wrong
    ``/Length`` cuts it short); any other filter chain is left to pdfminer, which decodes it
    whole. Undecodable data counts as empty: pdfminer will say what it makes of it."""
    if stream.data is not None or stream.rawdata is None:
        return (stream.get_data() if stream.data is None else stream.data), True
    try:
        filters = stream.get_filters()
        if not filters or any(name not in LITERALS_FLATE_DECODE for name, _ in filters) \
                or len(filters) > 1:
            return stream.get_data()[:limit + 1], True
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        inflater = zlib.decompressobj()
        inflated = inflater.decompress(data, limit + 1)
        return inflated, inflater.eof or len(inflated) > limit
    except zlib.error:
        return b"", False
    except (PDFException, PSException):
        return b"", True


def _string_length(operand: bytes) -> int:
    if operand.startswith(b"<"):
        return len(bytes(operand[1:-1]).translate(None, b" \t\r\n\f\0")) // 2
    return len(operand) - 2
