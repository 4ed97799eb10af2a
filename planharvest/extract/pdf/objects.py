"""pdfplumber's page objects, the characters built without its generic per-attribute pass.

A page's characters are most of what it costs to read: pdfminer interprets the
content stream, then pdfplumber's ``Page.process_object`` turns every ``LTChar``
into a dict, sending each of its attributes through ``resolve_all`` (written for
indirect references inside annotations and images) and decoding the colour space's
name through PDFDocEncoding character by character -- about a third of the time of
reading a page of text, spent on values that are plain numbers and strings.

``QuickPage`` is pdfplumber's ``Page`` with one change: a character's dict is built
directly -- the same keys, in the same order, with the same values (plain values
kept as they are, anything else still resolved; colour space names decoded once per
name). Every other object, and every cached property (``chars``, ``rects``,
``edges`` ...), is pdfplumber's own, computed once per page and dropped by
``Page.close()``. ``tests/unit/test_pdf_reader.py`` checks the dicts against
pdfplumber's on the sample PDFs.

While the objects are read, in the order the page paints them, ``QuickPage`` also notes
which characters a later frame paints over (``overpainted``): a filled shape painted on
top of them, with text of its own painted on the shape -- a layout program's text frame
laid over an older one it hides (a heading left under the new one). What a reader sees
is the newer frame, so the hidden characters are not read.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import normalize as normalize_unicode

import numpy as np
import pdfplumber
from pdfminer.layout import LTChar, LTItem
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

#: Attribute values ``resolve_all`` returns unchanged.
_PLAIN = frozenset({float, int, str, bool, type(None)})


def _resolved(value: object) -> object:
    """``resolve_all(value)``, without rebuilding a tuple of plain values (a character's
    ``matrix``: six numbers), which it would only copy."""
    if value.__class__ is tuple and all(item.__class__ in _PLAIN
                                        for item in value):  # type: ignore[attr-defined]
        return value
    return resolve_all(value)


@lru_cache(maxsize=256)
def _colour_space(name: object) -> object:
    return resolve_and_decode(name)


class QuickPage(Page):
    """pdfplumber's page, with characters' dicts built directly (see the module)."""

    def parse_objects(self) -> dict[str, list[dict]]:
        """pdfplumber's, noting the characters and filled shapes in painting order."""
        objects: dict[str, list[dict]] = {}
        painted: list[dict] = []
        # only a filled shape painted after a character, with a character after it, can
        # hide one: on a page without, the characters are not tested (see ``overpainted``)
        chars_before = shape_after_chars = may_hide = False
        for obj in self.iter_layout_objects(self.layout._objs):
            kind = obj["object_type"]
            if kind == "anno":
                continue
            objects.setdefault(kind, []).append(obj)
            if kind == "char":
                painted.append(obj)
                chars_before = True
                may_hide = may_hide or shape_after_chars
            elif kind in _SHAPES and obj.get("fill"):
                painted.append(obj)
                shape_after_chars = chars_before
        self._painted = painted if may_hide else []
        return objects

    def overpainted(self) -> set[int]:
        """The ids of the characters a later frame hides (see the module): each lies under
        a filled shape painted after it, on which text is painted again."""
        self.objects  # noqa: B018 -- parsed once, which notes the painting order
        return hidden_under_frames(getattr(self, "_painted", []))

    def process_object(self, obj: LTItem) -> dict:
        if obj.__class__ is not LTChar or isinstance(getattr(obj, "fontname", ""), bytes):
            return super().process_object(obj)
        attr = {key: value if value.__class__ in _PLAIN else _resolved(value)
                for key, value in obj.__dict__.items() if key in ALL_ATTRS}
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for space in ("ncs", "scs"):
            if hasattr(obj, space):
                attr[space] = _colour_space(getattr(obj, space).name)
        text = obj.get_text()
        norm = self.pdf.unicode_norm
        attr["text"] = text if norm is None else normalize_unicode(norm, text)
        state = obj.graphicstate
        attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) \
            else (state.scolor,)
        attr["non_stroking_color"] = state.ncolor if isinstance(state.ncolor, tuple) \
            else (state.ncolor,)
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr


#: pdfplumber's kinds of shape that may be filled.
_SHAPES = ("rect", "curve")


def hidden_under_frames(painted: list[dict]) -> set[int]:
    """The ids of the characters among ``painted`` (characters and filled shapes, in
    painting order) that a filled shape painted later covers -- its centre inside the
    shape -- when text is painted inside that shape after it."""
    chars = [(order, obj) for order, obj in enumerate(painted) if obj["object_type"] == "char"]
    if not chars:
        return set()
    order = np.array([order for order, _ in chars])
    x = np.array([(obj["x0"] + obj["x1"]) / 2 for _, obj in chars])
    y = np.array([(obj["top"] + obj["bottom"]) / 2 for _, obj in chars])
    hidden = np.zeros(len(chars), dtype=bool)
    for at, shape in enumerate(painted):
        if shape["object_type"] == "char" or not order[0] < at < order[-1]:
            continue  # only a shape painted between two characters can hide one
        inside = ((x > shape["x0"]) & (x < shape["x1"])
                  & (y > shape["top"]) & (y < shape["bottom"]))
        if inside[order > at].any():
            hidden |= inside & (order < at)
    return {id(chars[k][1]) for k in np.flatnonzero(hidden)}


def quick_pages(pdf: pdfplumber.PDF) -> list[Page]:
    """The document's pages (``pdf.pages``, so pdfplumber still closes them) as ``QuickPage``s.
    The class adds no state of its own, so each page object is kept and only its class set."""
    pages = pdf.pages
    for page in pages:
        page.__class__ = QuickPage
    return pages
