"""Action references: normalise the printed form, and find one at the start of action text.

Plans number actions as ``1.1``, ``4.``, ``2.i``, ``PB C1``, ``ER 1`` or
``T1``. The reference is sometimes a column of its own and sometimes the first
words of the action cell (PDF rows, plans without a reference column); a row
may even hold two numbered actions ("4.1 Create … 4.2 Create …").

Reading a reference out of text is a guess, so the patterns are narrow:

* a number must be followed by ``.`` (touching a capitalised word is allowed:
  "6.Communication"), ``)``, ``-`` or a sub-part (``1.1``,
  ``2.i``), or, bare, by a capitalised word ("4 Outreach services"), so "12
  sessions" and "35 victims" stay quantities; at most two digits before the
  first point, so "2008 will see" is a year, and "100%" never matches;
* a lettered code is 1–3 capitals, an optional one- or two-capital group and
  a number ("PB C1", "ER 1", "T1"); one capital alone must touch its number
  ("A 5 year plan" is prose), and prefixes that are other codes (NI, PSA,
  LAA, KPI, Q for quarters, …) are refused.

Only consecutive sub-numbers (x.1, x.2, …) split a row into several actions,
and not when the number is cited ("see 4.2", "and 4.2").
"""

from __future__ import annotations

import re

#: Capital prefixes that start other codes, never an action reference.
_NOT_REF_PREFIXES = frozenset({
    "A", "I", "NI", "NIS", "PSA", "LAA", "LAAS", "KPI", "PI", "BV", "BVPI", "Q", "FY", "HO",
    "DSO", "NHS", "PCT", "CDRP", "SO", "VS", "NO", "UK", "TV", "AM", "PM", "TO", "MR", "MS",
})
#: Words that, written just before a number, cite another action rather than start one.
_CITING_WORDS = frozenset({
    "see", "and", "or", "point", "points", "action", "actions", "to", "with", "from", "in",
    "of", "also", "under", "per", "&", "para", "paragraph", "section", "outcome", "appendix",
})

_ROMAN = r"(?:[ivx]{1,4}|[a-h])"
_NUMERIC = re.compile(
    rf"""(?P<ref>\d{{1,2}}(?:\.\d{{1,3}})*(?:\.{_ROMAN})?)   # 1, 1.1, 1.1.2, 2.i
        (?P<end>\.\)|\.(?!\w)|\.(?=[A-Z][a-z])|\)|\s*[-–—:](?=\s*[^\W\d_])|(?=\s+[A-Z"'‘“(\[])|(?=\s*$))""",
    re.VERBOSE,
)
_DOTTED = re.compile(rf"\d{{1,2}}\.\d{{1,3}}(?:\.{_ROMAN})?")
_LETTERED = re.compile(
    r"(?P<prefix>[A-Z]{1,3})(?P<gap>\s?)(?P<sub>[A-Z]{1,2}\s?)?(?P<num>\d{1,3})(?P<tail>[a-z]?)"
    r"(?P<end>[.):](?!\w)|(?=\s+[A-Z\"'‘“(\[])|(?=\s*$))"
)
_LETTERED_PAREN = re.compile(r"\(?(?P<ref>[a-h]|[ivx]{1,4})\)(?=\s)")
_FOOTNOTE_MARK = re.compile(r"^[*†‡]+(?=\s?\d)")
_TRAIL = re.compile(r"^[\s.):\-–—]+")
_EDGE_PUNCT = re.compile(r"^[\s(\[]+|[\s.):;,\]]+$")


def normalise_ref(ref: str) -> str:
    """The printed reference without spaces or trailing punctuation ('PB C1' -> 'PBC1',
    '1.1.' -> '1.1', '(a)' -> 'a'). Idempotent."""
    compact = "".join(ref.split())
    while True:
        stripped = _EDGE_PUNCT.sub("", compact)
        if stripped == compact:
            return stripped
        compact = stripped


def split_leading_ref(text: str) -> tuple[str, str]:
    """('1.1', 'Create an LLR wide …') from '1.1 Create an LLR wide …'; ('', text) when the
    text does not start with a reference (see the module doc for what counts). A footnote
    mark before the reference ("*3. Young people …") is not part of it."""
    stripped = _FOOTNOTE_MARK.sub("", text.lstrip())
    match = _NUMERIC.match(stripped)
    if match:
        return match["ref"], _TRAIL.sub("", stripped[match.end():])
    match = _LETTERED.match(stripped)
    if match and _lettered_ok(match):
        printed = " ".join(match.group(0).split()).rstrip(".):")
        return printed, _TRAIL.sub("", stripped[match.end():])
    match = _LETTERED_PAREN.match(stripped)
    if match:
        return match["ref"], _TRAIL.sub("", stripped[match.end():])
    return "", text


def _lettered_ok(match: re.Match[str]) -> bool:
    prefix = match["prefix"]
    if prefix in _NOT_REF_PREFIXES:
        return False
    if len(prefix) == 1 and match["gap"] and not match["sub"]:
        return False
    rest_of_text = match.string[match.end():]
    # "T1" then a new word: fine; "T1000" is impossible (3 digits max), "A1-level" is prose.
    return not rest_of_text.startswith("-")


def split_multi_refs(text: str) -> list[tuple[str, str]]:
    """Several numbered actions in one text: '4.1 Create map A 4.2 Create map B' ->
    [('4.1', 'Create map A'), ('4.2', 'Create map B')]. Only a run of consecutive
    sub-numbers after a leading dotted reference splits; otherwise [split_leading_ref(text)]."""
    first_ref, _ = split_leading_ref(text)
    if not first_ref or not _DOTTED.fullmatch(first_ref) or first_ref.count(".") != 1:
        return [split_leading_ref(text)]
    stem, number = first_ref.split(".")
    starts = [text.index(first_ref)]
    refs = [first_ref]
    expected = int(number) + 1
    search_from = starts[0] + len(first_ref)
    while True:
        position = _find_ref(text, f"{stem}.{expected}", search_from)
        if position < 0:
            break
        starts.append(position)
        refs.append(f"{stem}.{expected}")
        search_from = position + len(refs[-1])
        expected += 1
    if len(refs) == 1:
        return [split_leading_ref(text)]
    ends = [*starts[1:], len(text)]
    parts = []
    for ref, start, end in zip(refs, starts, ends, strict=True):
        body = text[start + len(ref):end]
        parts.append((ref, _TRAIL.sub("", body).strip()))
    return parts


def _find_ref(text: str, ref: str, start: int) -> int:
    """Position of ``ref`` used as an action number (word-bounded, followed by a capital,
    not cited), or -1."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(ref)}(?!\w|\.\d)\.?\s+(?=[A-Z\"'‘“(])")
    for match in pattern.finditer(text, start):
        before = text[:match.start()].split()
        if before and before[-1].strip(",;:(").lower() in _CITING_WORDS:
            continue
        return match.start()
    return -1
