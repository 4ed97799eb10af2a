"""Shapes of plan text shared by the readers and the normaliser: bullets, sentence ends,
where a paragraph runs on or a new item opens, comparison keys (folds) and action
references.

Each idea lives here once, so extract and normalise cannot drift apart. Where two
stages deliberately read a shape differently, both readings are here under names
that say which is which, and what sets them apart.

Action references: plans number actions as ``1.1``, ``4.``, ``2.i``, ``PB C1``,
``ER 1`` or ``T1``. The reference is sometimes a column of its own and sometimes
the first words of the action cell (PDF rows, plans without a reference column);
a row may even hold two numbered actions ("4.1 Create … 4.2 Create …"). Reading a
reference out of text is a guess, so ``split_leading_ref``'s patterns are narrow:

* a number must be followed by ``.`` (touching a capitalised word is allowed:
  "6.Communication"), ``)``, ``-`` or a sub-part (``1.1``, ``2.i``), or, bare, by a
  capitalised word ("4 Outreach services"), so "12 sessions" and "35 victims" stay
  quantities; at most two digits before the first point, so "2008 will see" is a
  year, and "100%" never matches;
* a lettered code is 1–3 capitals, an optional one- or two-capital group and a
  number ("PB C1", "ER 1", "T1"); one capital alone must touch its number ("A 5
  year plan" is prose), and prefixes that are other codes (NI, PSA, LAA, KPI, Q for
  quarters, …) are refused.

Only consecutive sub-numbers (x.1, x.2, …) split a row into several actions, and
not when the number is cited ("see 4.2", "and 4.2").
"""

from __future__ import annotations

import re
import unicodedata

# -- bullets ----------------------------------------------------------------------------

#: Prefix a reader gives to a line that was a bulleted or numbered list item.
BULLET = "\u2022 "

#: Glyphs that every reading of cell text takes for a bullet (Word's symbol-font bullets
#: included: U+F0B7, U+F0A7, U+F076, U+F0D8).
_BULLET_GLYPHS = frozenset("•○◦▪■□➢►\uf0b7\uf0a7\uf076\uf0d8")
#: A line of cell text that starts with one of these and a space starts an item. Dashes,
#: "o" and "*" count here because the space after them is required.
ITEM_GLYPHS = _BULLET_GLYPHS | frozenset("-–o*·‣⁃")
#: A PDF word (or a word's first character) that is one of these is a bullet: the shared
#: glyphs and the ticks, arrows and symbol-font marks seen in laid-out plans.
LAYOUT_BULLET_GLYPHS = _BULLET_GLYPHS | frozenset(
    "●◆◇➤▶✓✔\uf0fc\uf0a8\uf06e\uf0e0"
)
#: Letters and dashes that are a bullet only as a PDF word of their own.
WORD_BULLETS = frozenset({"o", "-", "–", "—", "*"})

# -- sentence ends ----------------------------------------------------------------------

_STOPS = ".!?:"
#: An item that ended a sentence: a stop, perhaps inside a closing quote or bracket.
SENTENCE_END = re.compile(rf"[{_STOPS}]['\")\]]?$")
#: Text that ends a sentence or clause, so it is no header cell.
CLAUSE_END = re.compile(rf"[{_STOPS};]$")
#: Text that ends with any punctuation a sentence or list uses, so it is no bold heading.
PUNCTUATED_END = re.compile(rf"[{_STOPS};,]$")
#: Text that runs on past its last line: it ends in no stop, semicolon or closing bracket.
OPEN_END = re.compile(rf"[^{_STOPS};)\]]$")

#: Words a phrase cannot end on: a line ending in one runs on into the next, whatever
#: the next line starts with ("in place within the" / "Royal London Hospital").
RUN_ON_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "into", "on", "onto", "at",
    "by", "for", "from", "with", "within", "without", "via", "as", "than", "that", "which",
    "who", "whose", "where", "including", "between", "across", "through", "per", "its",
    "their", "our", "is", "are", "be", "will",
})
#: Marks a line ends on when the text runs on past it: a joining dash, a slash, an
#: ampersand or plus, a comma, an opening bracket.
RUN_ON_MARKS = frozenset("-–—/&+,(")


def runs_on(text: str) -> bool:
    """Whether ``text`` stops mid-phrase, so the line after it carries it on."""
    stripped = text.rstrip()
    if not stripped:
        return False
    # Compared as written: "Option A" ends on a name, "in a" mid-phrase.
    return stripped[-1] in RUN_ON_MARKS or stripped.rsplit(" ", 1)[-1] in RUN_ON_WORDS


#: A line that is a date and nothing else: "July 2006", "Sept 06", "June/July 06", "2006/07",
#: "31 March 2007" ("Fiscal year 2006-07" is not: words come before the date; nor is a bare
#: "07", nor "08 Sept 08", a run of dates that a line cut). Readers end a paragraph after
#: such a line where the layout alone cannot tell a wrap from an item.
_MONTH = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
          r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?")
_YEAR = r"(19|20)\d\d([/-]\d\d)?"
_MONTHS = rf"{_MONTH}([/-]{_MONTH})?,?"
DATE_LINE = re.compile(
    rf"^((\d{{1,2}}(st|nd|rd|th)? )?{_MONTHS} {_YEAR}|{_MONTHS} \d\d|{_YEAR})$", re.IGNORECASE)

# -- folds: comparison keys ---------------------------------------------------------------


def fold_alnum(text: str) -> str:
    """Identity key of a name, code or action text: letters and digits only, case folded,
    accents dropped ('Director atelBTH' -> 'directoratelbth'; 'naïve' and 'naive' agree)."""
    folded = text.casefold()
    if folded.isascii():  # the same key, without a test per character: most text is ASCII
        return _NOT_ASCII_ALNUM.sub("", folded)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]")


def fold_label(text: str) -> str:
    """Key of a header label: ASCII letters and digits only, lower case ('By whom?' ->
    'bywhom')."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def fold_spacing(text: str) -> str:
    """Text compared the way a reviewer reads it: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def fold_spacing_lower(text: str) -> str:
    """Whitespace collapsed and lower-cased (``str.lower``, which keeps 'ß' apart from
    'ss'): how a repeated header row is compared with the first."""
    return " ".join(text.lower().split())


def fold_numbers(text: str) -> str:
    """``fold_spacing_lower`` with every run of digits as '#', so running heads and feet
    such as "Page 3" and "Page 4" match."""
    return re.sub(r"\d+", "#", fold_spacing_lower(text))


#: A legend of symbols printed as pictures, the text layer holding only each entry's
#: "= label" ("= Accomplished = Considerable"): one or more entries, each opened by "=".
LEGEND_ENTRIES = re.compile(r"^(?:=\s*[^=\d]+?\s*)+$")


# -- headings -----------------------------------------------------------------------------

#: Words that number a heading of the plan: "Action 1", "Objective 2", "Goal 3.2".
HEADING_LABELS = "action|objective|goal|aim|priority|outcome|commitment"
#: A heading opened by a label and its number ("Goal 5: Increase Awareness of ...",
#: "Goal 3.2 – Achieve a 5% decrease ..."): it states a goal, so it may run long.
#: Words that may qualify such a label ("Performance Objective 2", "Strategic Goal 1").
HEADING_QUALIFIERS = "performance|strategic|key|specific|corporate"
#: A heading's label, perhaps qualified, before its number: the label word is group 1.
HEADING_LABEL_OPENING = rf"^\s*(?:(?:{HEADING_QUALIFIERS})\s+)?({HEADING_LABELS})\s+"
#: A caption that only names the labelled headings under it ("Goals", "Objectives"): the
#: kind of heading that follows, not a theme.
LABELS_CAPTION = re.compile(r"^\s*(actions|objectives|goals|aims|priorities|outcomes|commitments)"
                            r"\s*:?\s*$", re.IGNORECASE)
LABELLED_HEADING = re.compile(
    rf"{HEADING_LABEL_OPENING}\d{{1,2}}(\.\d{{1,2}})*\s*[:.–—-]\s*\S", re.IGNORECASE)

#: Sub-labels under a label spanning several columns that name the group a row belongs to
#: ("TRACK" under "STRATEGIC PRIORITY"): that column is the rows' theme.
GROUP_LABELS = frozenset({"track", "strand", "workstream", "pillar", "focus area",
                          "thematic area", "programme area"})

#: A heading's mark that it goes on from an earlier page ("AXE 3 – OUTILS (suite)",
#: "Priority 2 (continued)", "Theme 1 cont'd"), in the languages read: the same heading.
#: Other languages' words only in brackets ("Hotel suite" is no mark).
_CONTINUED_WORDS = r"continued|cont(?:['’]?d|\.)|suite|fortsetzung|vervolg"
CONTINUED_MARK = re.compile(
    rf"\s*(?:[(\[](?:{_CONTINUED_WORDS})[)\]]|(?:[-–—]\s*)?\b(?:continued|cont['’]d))\s*$",
    re.IGNORECASE)

# -- references ---------------------------------------------------------------------------

#: A short printed reference in a column of its own: "PB C1", "T12", "ER 1", "1.1", "A3".
REF_CELL = re.compile(r"^[A-Z]{0,4}\s?[A-Z]?\s?\d{1,3}(\.\d{1,3}){0,2}[a-z]?\.?$")
#: A list marker in a column of its own: "1.", "(a)", "iv)".
LIST_MARKER = re.compile(r"^\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)]$", re.IGNORECASE)
#: A word that numbers a list item: a list marker, or a number with sub-parts ("1.i",
#: "2.1", "1.ii)"). Letters in lower case only: "J." before a capital is an initial.
LIST_NUMBER = re.compile(
    r"^(\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\d{1,2}(\.(\d{1,2}|[ivx]{1,4}))+[.)]?)$")


def opens_numbered_item(text: str) -> bool:
    """Whether ``text`` opens with a list number before a capital ("1.i Scope the ...")."""
    words = text.split(maxsplit=2)
    return len(words) > 1 and bool(LIST_NUMBER.match(words[0])) and words[1][:1].isupper()

#: The start of a reference, read leniently to follow a table's numbering: a short prefix
#: and a number of any length (a long plan numbers past 999: "A1000"); a bare 19xx/20xx
#: is a year, not a reference.
_REF_START = (
    r"^\(?(?P<prefix>[A-Z]{0,4}\s?[A-Z]?)\s?(?P<number>(?<=[A-Z ])\d+|(?!(19|20)\d\d(?!\d))\d+)"
)
#: A cell that starts with a number or reference: "1.1 Create", "PB C1", "T12", "4.", "ER 1".
NUMBERED = re.compile(_REF_START + r"(\.\d+)*[a-z]?[.)]?(?=\s|$)")
#: The prefix and first number of such a reference ("PB C12" -> "PB C", 12).
REF_NUMBER = re.compile(_REF_START)

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
