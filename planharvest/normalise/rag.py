"""Red / amber / green status cells to one of ``red``, ``amber``, ``green``, ``complete``.

Plans rate progress with colour words ("Red", "A", "Green"), with "Complete"
or "Blue" (the usual colour for a finished action), with smiley faces whose
key describes them in words, or with the faces themselves. The key of the
Leicestershire plan is read as:

* "on or ahead of target" -> green
* "within 1 month behind (target)" -> amber
* "1 month or more behind (target)" -> red

The key phrases are tried first (they contain "completed", which alone
would mean complete). Then the words of the cell: a single letter only when
the cell is only letters ("R", "C"; "A/G" is two ratings); colour words anywhere,
except after "not" ("not yet completed"). A
cell naming two different ratings ("Amber/Green") or text with no rating in
it returns ``None`` with a ``rag_unparsed`` flag naming the text. Markers of
"not rated" (N/A, TBC, a dash) return ``None`` with no flag.
"""

from __future__ import annotations

import re

from planharvest.model import Flag, Rag

#: Phrases from smiley-face keys, most specific first.
_KEY_PHRASES: tuple[tuple[re.Pattern[str], Rag], ...] = (
    (re.compile(r"\b(?:1|one)\s+months?\s+or\s+more\s+behind"), "red"),
    (re.compile(r"\bwithin\s+(?:1|one)\s+months?\s+(?:of\s+)?behind"), "amber"),
    (re.compile(r"\bon\s+or\s+ahead\s+of\s+(?:target|schedule)"), "green"),
    (re.compile(r"\b(?:on|ahead\s+of)\s+(?:target|track|schedule)\b"), "green"),
)
_WORDS: dict[str, Rag] = {
    "red": "red", "amber": "amber", "green": "green", "blue": "complete",
    "complete": "complete", "completed": "complete", "done": "complete",
    "achieved": "complete", "finished": "complete",
}
_LETTERS: dict[str, Rag] = {"r": "red", "a": "amber", "g": "green", "c": "complete"}
#: "not (yet) completed" must not read as complete.
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:yet\s+|been\s+|fully\s+)*\w+")
_FACES: dict[str, Rag] = {
    "☺": "green", "☻": "green", "🙂": "green", "😊": "green", "😀": "green",
    "😐": "amber", "😑": "amber",
    "☹": "red", "🙁": "red", "😞": "red", "😟": "red",
}
_NOT_RATED = frozenset({"na", "n/a", "tbc", "tbd", "-", "–", "none", "nil", "n.a."})


def parse_rag(raw: str) -> tuple[Rag | None, tuple[Flag, ...]]:
    """The rating in a status cell, or None; unreadable non-empty text is flagged."""
    text = " ".join(raw.split()).lower()
    if not text or text in _NOT_RATED:
        return None, ()
    for pattern, value in _KEY_PHRASES:
        if pattern.search(text):
            return value, ()
    found: list[Rag] = [face for glyph, face in _FACES.items() if glyph in text]
    words = re.findall(r"[a-z]+", _NEGATED.sub(" ", text))
    if words and all(word in _LETTERS for word in words):
        found += [_LETTERS[word] for word in words]
    else:
        found += [_WORDS[word] for word in words if word in _WORDS]
    distinct = list(dict.fromkeys(found))
    if len(distinct) == 1:
        return distinct[0], ()
    reason = (f"the status cell '{' '.join(raw.split())[:120]}' names "
              + ("several ratings" if distinct else "no red / amber / green rating"))
    return None, (Flag(code="rag_unparsed", field="rag", reason=reason,
                       candidates=tuple(distinct)),)
