"""WordprocessingML at the level of raw XML: names, attribute values, and a paragraph's text.

The helpers the package checks and the body walker share: the Clark name of a
``w:`` tag, a child's ``w:val``, toggles, numbers, and the text a reader sees
in a paragraph -- deleted or moved-away text (``w:del``, ``w:moveFrom``),
hidden runs (``w:vanish``), field instructions and drawings left out, inserted
text kept, a tab read as a space and a line break as a new line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


@functools.cache
def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute (cached: called per element)."""
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC = w("p"), w("tbl"), w("tr"), w("tc")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
#: Names looked up for every run, row or cell: spelt once here, not per element.
VAL, T, R, R_PR = w("val"), w("t"), w("r"), w("rPr")
P_PR, TR_PR, TC_PR = w("pPr"), w("trPr"), w("tcPr")
_PLACEHOLDER = f"{w('sdtPr')}/{w('showingPlcHdr')}"

#: Subtrees of a paragraph whose text the user does not see in the flow of the paragraph:
#: deleted or moved-away text, properties, field codes' instructions, ruby annotations,
#: and drawings / text boxes (read neither, rather than twice: Choice and Fallback copies).
_UNREAD_IN_PARAGRAPH = {
    w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("sdtPr"), w("sdtEndPr"),
    w("instrText"), w("delText"), w("rt"), w("drawing"), w("pict"), w("object"),
    f"{{{MC_NS}}}AlternateContent",
}

#: Leaf elements of a run and the text each shows.
_RUN_LEAF_TEXT = {
    w("tab"): " ", w("ptab"): " ", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-",
}

FALSE_VALUES = {"0", "false", "off"}


def int_or_none(text: str | None) -> int | None:
    try:
        return int(text.strip()) if text else None
    except ValueError:
        return None



def val(parent: etree._Element | None, tag: str) -> str | None:
    """The ``w:val`` of ``parent``'s child ``tag``, or None."""
    if parent is None:
        return None
    child = parent.find(w(tag))
    return child.get(VAL) if child is not None else None


def is_on(parent: etree._Element | None, tag: str) -> bool:
    """A toggle child (``w:tblHeader``, ``w:vanish``) that is present and not switched off."""
    child = parent.find(w(tag)) if parent is not None else None
    return child is not None and (child.get(VAL) or "1").lower() not in FALSE_VALUES


def unwrapped(parent: etree._Element) -> Iterator[etree._Element]:
    """``parent``'s children, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from unwrapped(content)
        elif child.tag == CUSTOM_XML:
            yield from unwrapped(child)
        else:
            yield child



def merge_state(merge: etree._Element | None) -> str | None:
    """'restart', 'continue' (the default when ``w:val`` is absent) or None."""
    if merge is None:
        return None
    return "restart" if merge.get(VAL) == "restart" else "continue"


def count(value: str | None) -> int:
    number = int_or_none(value)
    return number if number is not None and number > 0 else 0



def paragraph_text(p: etree._Element) -> str:
    """The text a reader sees in ``p``: line breaks kept, each line stripped, blank lines gone."""
    pieces: list[str] = []
    _collect_text(p, pieces)
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element: etree._Element, pieces: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == T:
            # Only text and tails: an entity reference (never resolved) adds nothing.
            pieces.append(child.text or "")
            pieces.extend(grandchild.tail or "" for grandchild in child)
        elif tag in _RUN_LEAF_TEXT:
            pieces.append(_RUN_LEAF_TEXT[tag])
        elif not _is_unseen(child):
            _collect_text(child, pieces)


def _is_unseen(element: etree._Element) -> bool:
    """Whether Word shows nothing of ``element`` in the flow of the paragraph's text."""
    tag = element.tag
    if not isinstance(tag, str) or tag in _UNREAD_IN_PARAGRAPH:
        return True  # comments, processing instructions, entities; unread subtrees
    if tag == R:
        return is_on(element.find(R_PR), "vanish")
    # a content control still showing its "click here to enter text" placeholder
    return tag == SDT and element.find(_PLACEHOLDER) is not None
