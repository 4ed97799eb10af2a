"""Column roles from what a table's header says and what its columns hold.

``headers.map_header_row`` knows a label only when it is on its list, whole. Real plans
label columns a thousand ways ("Lead Officer/Agency", "By When?", "Implementation
Timeframe") and continuation pages often have no header at all, so this module gives
each (column, role) a score from two kinds of evidence:

* **header**: the label's head words (its first clause, at most six words, plurals
  folded) against each field's terms in ``data/roles.csv`` (field, term, weight), by
  rapidfuzz ``token_set_ratio`` over all terms at once (``process.cdist``): a label that
  adds, drops, reorders or joins words still holds the term. The score is scaled by the
  term's weight and, a little, by how much of the label the term covers, so a longer
  phrase ("target date") beats a shorter one ("target").
* **content**: shares of the column's cells with a shape: date or period (deadline),
  short names of organisations, teams or officer titles (owner, words in
  ``data/role_words.csv``), reference codes (1.1, A3, PB C1), RAG words, indicator
  codes; the widest column of sentences is the action.

Both are combined per (column, role) and roles are given greedily, best score first. A
label on the synonym list (``headers.csv``) is header evidence at 100, weighed the same way,
so every table gets one decision. Content may veto what a header names (``content_veto``:
an "action" column of codes, or of a few words beside sentences no header names), and a
column of sentences named as an objective is the action where no column is.
A table is an action table when it has an action column and an owner or deadline column
with enough confidence; when either was chosen without header evidence the table's roles
are *inferred* (the rows get ``table_roles_inferred``). Tables whose content reads as a
budget, a contents page, a risk matrix or a term/definition list are refused when their
header does not name an action. Every decision keeps its evidence for ``tables --roles``.

Nothing here imports ``normalise``: the date shapes are a cheap test, not a parse.
"""

from __future__ import annotations

import csv
import re
import statistics
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from planharvest.extract.grid import Row, Table
from planharvest.settings import RoleSettings

#: Roles at most one column may hold.
UNIQUE_ROLES = ("action", "owner", "deadline", "action_ref", "rag")
#: Roles read from content (the rest come from header words only).
CONTENT_ROLES = ("action", "owner", "deadline", "action_ref", "rag", "indicators")

_MONTH = (r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
          r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?")
_DATE_SHAPE = re.compile(
    rf"\b(19|20)\d\d\b|\b({_MONTH})\b\.?|\bq[1-4]\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|"
    r"\b\d\d/\d\d\b|\b(fy|sfy)\s?\d", re.IGNORECASE)
_REF_ONE = r"[A-Z]{0,4}\s?[A-Z]?\s?-?\d{1,3}(\.\d{1,3}){0,2}[a-z]?\.?"
_REF_SHAPE = re.compile(rf"^\(?{_REF_ONE}\)?(\s*([,;/&]|-|–|and)\s*{_REF_ONE})*$")
_INDICATOR = re.compile(r"\b(N\.?I\.?|NIS|PI|KPI|LPI|BVPI|VSC)\s?-?\d{1,3}\b")
_MONEY = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(k|m|bn|million|thousand)\b|\b\d{1,3}(,\d{3})+\b",
                    re.IGNORECASE)
_NUMBER = re.compile(r"^\(?[-+]?\d[\d,.]*%?\)?$")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}s?\b")


@dataclass
class ColumnRole:
    """One column's chosen role, its score (0-1) and the evidence read."""

    col: int
    label: str
    role: str | None
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class TableRoles:
    """What was decided about one table, for the assembler and for ``tables --roles``."""

    table_index: int
    page: int | None
    header_row: int | None  # the row read as the header (None: no header)
    mapping: dict[int, str]
    columns: list[ColumnRole]
    accepted: bool
    inferred: bool  # action/owner/deadline chosen from content, not header words
    reason: str  # why refused, or how taken

    def note(self) -> str:
        """The roles chosen, in words: 'column 2 = action (...), column 3 = deadline (...)'."""
        return ", ".join(
            f"column {c.col + 1} = {c.role} ({'; '.join(c.evidence) or 'no evidence'})"
            for c in self.columns if c.role in UNIQUE_ROLES)

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table_index, "page": self.page, "header_row": self.header_row,
            "taken": self.accepted, "inferred": self.inferred, "reason": self.reason,
            "columns": [{"column": c.col, "label": c.label, "role": c.role,
                         "score": round(c.score, 2), "evidence": c.evidence}
                        for c in self.columns],
        }


# -- vocabulary -------------------------------------------------------------------------------


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def fold_accents(text: str) -> str:
    """Lower case with accents dropped, so a French label reads as its ASCII letters
    ('ÉCHÉANCIER' -> 'echeancier', not 'chancier')."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    return [_stem(word) for word in re.findall(r"[a-z0-9]+|#", fold_accents(text))]


def head_noun(head: str) -> str:
    """The last word of a label's head phrase: 'task duration in month' -> 'duration',
    'timescale for completion' -> 'timescale', 'by when' -> 'when'."""
    words = head.split()
    while words and words[0] in ("by", "the", "a", "an"):
        words = words[1:]
    phrase: list[str] = []
    for word in words:
        if word in role_words()["function"] and phrase:
            break
        phrase.append(word)
    return phrase[-1] if phrase else ""


def head_words(label: str, limit: int = 6, joined: bool = False) -> str:
    """A label's first clause, plurals folded, at most ``limit`` words:
    'Actions to address the priorities? Which pupils...' -> 'action to addres the priorities'.
    The first line only, unless ``joined`` (a label wrapped in a narrow cell, 'TARGET\nDATE')."""
    first = " ".join(label.split()) if joined else label.strip().split("\n")[0]
    first = re.split(r"[?(:;]|\s[-–]\s", first)[0]
    return " ".join(_rejoined(_tokens(first))[:limit])


def _rejoined(tokens: list[str]) -> list[str]:
    """Words a narrow column broke with a space put back ("responsi ble" -> "responsible",
    "completio n"): heuristic, two pieces are one word when neither is a word of the
    vocabulary (``data/roles.csv``) and together they are."""
    known = _term_words()
    out: list[str] = []
    for token in tokens:
        if out and out[-1] not in known and token not in known and _stem(out[-1] + token) in known:
            out[-1] = _stem(out[-1] + token)
        else:
            out.append(token)
    return out


@lru_cache(maxsize=1)
def _term_words() -> frozenset[str]:
    return frozenset(word for term in _vocabulary()[1] for word in term.split())


def _language_rows(stem: str) -> list[dict[str, str]]:
    """The rows of ``data/<stem>.csv`` and of each language's ``data/<stem>_<lang>.csv``:
    adding a language is adding files, not code."""
    folder = resources.files("planharvest.extract").joinpath("data")
    names = sorted(item.name for item in folder.iterdir()
                   if re.fullmatch(rf"{stem}(_[a-z]{{2}})?\.csv", item.name))
    return [row for name in names
            for row in csv.DictReader(folder.joinpath(name).read_text("utf-8").splitlines())]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...], tuple[str, ...]]:
    """(fields, folded terms, weights, printed terms) of ``data/roles*.csv`` (``roles.csv``
    in English, one more file per language: ``roles_fr.csv``)."""
    rows = [row for row in _language_rows("roles") if row["term"].strip()]
    return (tuple(row["field"] for row in rows),
            tuple(" ".join(_tokens(row["term"])) for row in rows),
            tuple(float(row["weight"]) for row in rows), tuple(row["term"] for row in rows))


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """kind -> words of ``data/role_words*.csv`` (org, period, rag, risk; function: the
    words after which a label's head phrase is over, "Timescale *for* completion"; status and
    tracked: a caption naming the actions under it by their status, "Completed actions"),
    accents dropped."""
    words: dict[str, set[str]] = {}
    for row in _language_rows("role_words"):
        words.setdefault(row["kind"], set()).add(fold_accents(row["word"].strip()))
    return {kind: frozenset(values) for kind, values in words.items()}


@lru_cache(maxsize=8192)
def header_evidence(label: str, cutoff: float = 80.0) -> dict[str, tuple[float, str]]:
    """field -> (score 0-100, the term that matched) for one header label: its first line
    read alone (a label over a note, 'Owner\n(lead agency)') and, when it has more lines,
    read whole (a label wrapped in a narrow cell: 'TARGET\nDATE' is a date, not a target).
    The whole label's fields come first (a tie goes to them), then any other field the
    first line alone names."""
    first = _head_evidence(head_words(label), cutoff)
    if "\n" not in label.strip():
        return first or _after_dash(label, cutoff)
    best = _head_evidence(head_words(label, joined=True), cutoff)
    for name, found in first.items():
        best.setdefault(name, found)
    return best or _after_dash(label, cutoff)


#: A dash between two phrases of one label: "ORGAN ASSIGNED - BY WHOM", "TIME FRAME -BY WHEN".
_LABEL_DASH = re.compile(r"\s[-–—]\s*")


def _after_dash(label: str, cutoff: float) -> dict[str, tuple[float, str]]:
    """Heuristic: where a label's first phrase names no field, the phrase after a dash says
    what it means ("ORGAN ASSIGNED - BY WHOM/": the owner); {} when none does."""
    for clause in _LABEL_DASH.split(" ".join(label.split()))[1:]:
        found = _head_evidence(head_words(clause), cutoff)
        if found:
            return found
    return {}


def _head_evidence(head: str, cutoff: float) -> dict[str, tuple[float, str]]:
    if not head or (head != "#" and re.fullmatch(r"[\d#\s]+", head)):
        return {}  # numbers; a lone "#" heads the reference column
    fields, terms, weights, printed = _vocabulary()
    scores = process.cdist([head], terms, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)[0]
    noun = head_noun(head)
    best: dict[str, tuple[float, str]] = {}
    matched: dict[str, str] = {}
    for index, raw in enumerate(scores):
        if raw < cutoff:
            continue
        if not _holds(head, terms[index]):
            # token_set_ratio is 100 when the *label* is part of the term ("Target" in
            # "target date"): the label must hold the term's words, else compare whole.
            raw = fuzz.ratio(head, terms[index])
            if raw < cutoff:
                continue
        coverage = min(1.0, len(terms[index]) / len(head))
        # The head noun names what the column holds ("Task Duration" is a duration).
        on_noun = 1.15 if terms[index].split()[-1] == noun else 1.0
        score = min(100.0, float(raw) * weights[index] * on_noun * (0.85 + 0.15 * coverage))
        name = fields[index]
        if score > best.get(name, (0.0, ""))[0]:
            best[name] = (score, printed[index])
            matched[name] = terms[index]
    return {name: found for name, found in best.items()
            if not _inside_longer(matched[name], matched, head)}


def _inside_longer(term: str, matched: dict[str, str], head: str) -> bool:
    """Heuristic, the longest match: a field's term is no evidence where the label holds a
    longer term of another field around it ("Meeting date" is the day a log's action was
    raised, not a due date, though it holds "date")."""
    return any(other != term and f" {term} " in f" {other} " and _holds(head, other)
               for other in matched.values())


def _holds(head: str, term: str) -> bool:
    """Every word of ``term`` is (nearly) a word of ``head``."""
    words = head.split()
    return all(any(fuzz.ratio(word, mine) >= 85 for mine in words) for word in term.split())


def header_field(label: str, settings: RoleSettings) -> tuple[str, float, str] | None:
    """The field a label names best by its words, with score and term, or None."""
    evidence = header_evidence(label, settings.term_cutoff)
    if not evidence:
        return None
    name, (score, term) = max(evidence.items(), key=lambda item: item[1][0])
    return (name, score, term) if score >= settings.header_cutoff else None


# -- content ------------------------------------------------------------------------------------

#: Cell texts whose shape tests are remembered: every test below reads the text and the
#: package's word lists alone, and a column is tested for each role, and again when its table
#: is judged with its siblings, so the same texts come back many times.
_SHAPE_MEMORY = 65536


@lru_cache(maxsize=_SHAPE_MEMORY)
def _is_date(text: str) -> bool:
    words = fold_accents(text).split()
    if not words or len(words) > 10:
        return False
    if _DATE_SHAPE.search(text):
        return True
    lowered = " ".join(words)
    periods = role_words()["period"]
    return any(word.strip(".,;()") in periods for word in words) or any(
        phrase in lowered for phrase in periods if " " in phrase)


@lru_cache(maxsize=_SHAPE_MEMORY)
def _is_org(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 8 or len(text) > 80 or _is_date(text):
        return False
    orgs = role_words()["org"]
    folded = [re.sub(r"[^a-z-]", "", fold_accents(word)) for word in words]
    return any(word in orgs or _stem(word) in orgs for word in folded)


#: A cell of people's initials, one or several ("KK", "JTe", "KK/HS"): an action log's owners.
_INITIALS = re.compile(r"^[A-Z]{2,3}[a-z]?(\s*[/,&+]\s*[A-Z]{2,3}[a-z]?)*$")


def _is_initials(text: str) -> bool:
    """Heuristic: a cell naming people by their initials -- two or three capitals (a
    lower-case letter may end them, "JTe"), several joined by "/", "," "&" or "+"; never a
    RAG or period word ("AG", "TBC")."""
    return bool(_INITIALS.match(text)) and not _is_date(text) and not any(
        piece.lower() in role_words()["rag"] for piece in re.split(r"[\s/,&+]+", text))


#: One person named in full: a first and last name (a middle one perhaps), each capitalised,
#: a courtesy title before them perhaps ("Richard Brewster", "Dr Jane Smith-Jones").
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_PERSON = re.compile(
    rf"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr|Sir|Dame)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}$")
#: What joins several people in one cell: "Craig Heath / Richard Brewster".
_PEOPLE_SEPARATORS = re.compile(r"\s*(?:[/,;&+]|\band\b)\s*")


def _is_people(text: str) -> bool:
    """Heuristic: a cell naming people in full, one or several ("Craig Heath / Richard
    Brewster"), and no organisation: evidence of an owner column only where its label
    says so too (``weak_header_cutoff``), as two capitalised words may name anything."""
    pieces = [piece for piece in _PEOPLE_SEPARATORS.split(text) if piece]
    return bool(pieces) and all(_PERSON.match(piece) for piece in pieces) and not _is_org(text)


def _is_acronym_name(text: str) -> bool:
    """A short cell naming a body by its initials ("DAAT", "PCT / LA"): weaker evidence."""
    words = text.split()
    return 0 < len(words) <= 4 and bool(_ACRONYM.search(text)) and not _is_date(text)


#: Non-empty cells a column needs for its content to count as evidence.
_MIN_CELLS = 3
#: Different sets of initials a column needs for them to name people (its owners).
_MIN_PEOPLE = 3


@dataclass
class ColumnContent:
    """Shares of one column's non-empty cells with each shape."""

    cells: int = 0
    mean_words: float = 0.0
    shares: dict[str, float] = field(default_factory=dict)


#: The shapes a cell is tested for, each from its text alone (what ``_cell_shapes`` gives,
#: in this order); "org" and "acronym_name" make the owner share with the column's people.
_SHAPE_TESTS: dict[str, Callable[[str], object]] = {
    "deadline": _is_date,
    "org": _is_org,
    "acronym_name": _is_acronym_name,
    "action_ref": lambda c: _REF_SHAPE.match(c) and not re.fullmatch(r"(19|20)\d\d", c),
    "rag": lambda c: c.lower().strip(".") in role_words()["rag"],
    "indicators": _INDICATOR.search,
    "sentences": lambda c: len(c.split()) >= 4,
    "dated": lambda c: _is_date(c) and _DATE_SHAPE.search(c),
    "money": _MONEY.search,
    "number": lambda c: _NUMBER.match(c) and not re.fullmatch(r"(19|20)\d\d", c),
    "page_number": lambda c: re.fullmatch(r"\d{1,3}", c),
    "text": lambda c: len(re.findall(r"[A-Za-z]{3,}", c)) >= 1 and not _is_date(c)
    and not _REF_SHAPE.match(c),
    "risk": lambda c: c.lower() in role_words()["risk"],
    "digits": lambda c: re.search(r"\d", c),
    "people": _is_people,
}


@lru_cache(maxsize=_SHAPE_MEMORY)
def _cell_shapes(cell: str) -> tuple[bool, ...]:
    """Whether ``cell`` has each shape of ``_SHAPE_TESTS``: tested once per text, as the
    same texts come back in many columns (see ``_SHAPE_MEMORY``)."""
    return tuple(bool(test(cell)) for test in _SHAPE_TESTS.values())


_ORG, _ACRONYM_NAME = list(_SHAPE_TESTS).index("org"), list(_SHAPE_TESTS).index("acronym_name")


def column_content(values: list[str]) -> ColumnContent:
    cells = [" ".join(value.split()) for value in values if value.strip()]
    if not cells:
        return ColumnContent()
    n = len(cells)
    # People's initials name several people down an owner column ("KK", "CR", "JTe"); one
    # code repeated ("OGL" under "Open Government Licence?") is a category, weaker evidence.
    initials = {cell for cell in cells if _is_initials(cell)}
    people = initials if len(initials) >= _MIN_PEOPLE else set()
    shapes = [_cell_shapes(cell) for cell in cells]
    counts = dict(zip(_SHAPE_TESTS, map(sum, zip(*shapes, strict=True)), strict=True))
    unorganised = [(cell, shape) for cell, shape in zip(cells, shapes, strict=True)
                   if not shape[_ORG]]
    named = sum(cell in people for cell, _ in unorganised)
    acronyms = sum(cell not in people and shape[_ACRONYM_NAME] for cell, shape in unorganised)
    shares: dict[str, float] = {}
    for name, count in counts.items():  # in the order of _SHAPE_TESTS, "owner" for "org"
        if name == "org":  # three shares summed, as always: the same float to the bit
            shares["owner"] = count / n + named / n + 0.5 * (acronyms / n)
        elif name != "acronym_name":
            shares[name] = count / n
    shares["ranks"] = rank_share(cells)
    return ColumnContent(n, sum(len(cell.split()) for cell in cells) / n, shares)


def rank_share(cells: list[str]) -> float:
    """1.0 when every cell is a whole number and they do not count up ("3", "2", "3", "1"
    down a "Priority" column: ranks or scores), 0.0 otherwise. References go up from one
    cell to the next (gaps allowed; a number repeated on a row carried on), or start again
    at 1 under a new section ("1", "2", "1", "2"); fewer than ``_COUNTING_STEPS`` of the
    steps doing so is no numbering."""
    if len(cells) < 2 or not all(cell.isdigit() for cell in cells):
        return 0.0
    numbers = [int(cell) for cell in cells]
    steps = list(zip(numbers, numbers[1:], strict=False))
    counting = sum(after >= before or after == 1 for before, after in steps)
    return 1.0 if counting < _COUNTING_STEPS * len(steps) else 0.0


#: Share of steps between whole numbers down a column that go up (or restart at 1) in a
#: column of references.
_COUNTING_STEPS = 0.8


# -- the decision -------------------------------------------------------------------------------


def _visible(row: Row) -> list[str]:
    return ["" if cell.covered else cell.text for cell in row.cells]


def _is_spanning(row: Row, n_cols: int) -> bool:
    filled = [cell for cell in row.cells if not cell.covered and cell.text.strip()]
    return n_cols >= 2 and len(filled) == 1 and filled[0].col_span >= max(2, n_cols - 1)


#: Filled cells from which a row with a sentence in it is a data row (not a title or a
#: label and its value above the header).
_DATA_ROW_CELLS = 3


def find_header_row(table: Table, settings: RoleSettings, first: int = 0) -> int | None:
    """The first row (of the first twelve) whose labels name two fields or more by their
    words, one of them the action, owner or deadline, and that reads as labels (no dates,
    reference or indicator codes over a column of the same: "SFY 2023" over indicator
    codes, "Therefore, in 2021 we will…" over sentences are labels naming a year)."""
    for index, row in enumerate(table.rows[first:12], start=first):
        texts = [text for text in _visible(row) if text.strip()]
        if len(texts) < 2 or any(len(text.split()) > 20 for text in texts):
            continue
        if len(texts) >= _DATA_ROW_CELLS and any(
                len(text.split()) >= _SENTENCE_WORDS for text in texts) and not names_fields(
                texts, settings):
            return None  # a data row: a header comes before the data, not under it
        if any(_value_cell(table, index, col, text, settings)
               for col, text in enumerate(_visible(row)) if text.strip()):
            continue
        if names_fields(texts, settings):
            return index
    return None


def names_fields(texts: list[str], settings: RoleSettings) -> bool:
    """The labels name two fields or more by their words, one of them the action, owner
    or deadline: what a header row says (its cells' shapes aside)."""
    named = [header_field(text, settings) for text in texts if text.strip()]
    fields = {item[0] for item in named if item is not None}
    return len(fields) >= 2 and bool(fields & {"action", "owner", "deadline"})


def _data_kind(text: str) -> str | None:
    """What value a cell no column label is holds: a date ("Mar 09"), a reference code
    ("1.5.") or an indicator code, alone or in words ("NI 47", "Contributes to NI 195");
    None for anything else."""
    text = " ".join(text.split())
    if _is_date(text) and _DATE_SHAPE.search(text):
        return "date"
    if _REF_SHAPE.match(text) and re.search(r"\d", text):
        return "ref"
    return "indicator" if _INDICATOR.search(text) else None


def _value_cell(table: Table, index: int, col: int, text: str, settings: RoleSettings) -> bool:
    """Heuristic: the cell of row ``index`` in column ``col`` holds a value (``_data_kind``)
    and is no label naming a year: it names a field itself ("End date | Both commitments
    will be complete in 2016" is a label and its value), or half or more of the cells
    under it (the first twelve filled) hold a value of its kind, as a data row's cell
    does; with none filled under it, nothing tells it from a value."""
    kind = _data_kind(text)
    if kind is None:
        return False
    if header_field(text, settings) is not None:
        return True
    below = [text for row in table.rows[index + 1:] for text in [_visible(row)[col]]
             if text.strip()][:12]
    return not below or 2 * sum(_data_kind(text) == kind for text in below) >= len(below)


def _data_rows(table: Table, header_row: int | None) -> list[Row]:
    rows = table.rows[header_row + 1:] if header_row is not None else table.rows
    header = _visible(table.rows[header_row]) if header_row is not None else None
    return [row for row in rows if not _is_spanning(row, table.n_cols) and _visible(row) != header]


def _content_scores(contents: list[ColumnContent]) -> dict[int, dict[str, tuple[float, str]]]:
    """col -> role -> (score 0-1, evidence) from content alone."""
    scores: dict[int, dict[str, tuple[float, str]]] = {}
    widest = max(range(len(contents)), key=lambda c: contents[c].mean_words, default=None)
    for col, content in enumerate(contents):
        if content.cells < _MIN_CELLS:
            continue
        s = content.shares
        role_scores = {
            "deadline": (s["deadline"], f"{s['deadline']:.0%} dates"),
            "owner": (s["owner"], f"{s['owner']:.0%} organisation names"),
            "action_ref": (s["action_ref"] * (1 - s["ranks"]), f"{s['action_ref']:.0%} references"),
            "rag": (s["rag"], f"{s['rag']:.0%} RAG words"),
            "indicators": (s["indicators"], f"{s['indicators']:.0%} indicator codes"),
        }
        if col == widest and content.mean_words >= 2 and s["text"] >= 0.6:
            role_scores["action"] = (
                (0.5 + 0.5 * min(1.0, content.mean_words / 8)) * s["text"],
                f"widest column of text, {content.mean_words:.0f} words a cell")
        scores[col] = {role: value for role, value in role_scores.items() if value[0] > 0}
    return scores


#: An action column's cells are this short, in words, when they are codes, not actions.
_CODE_WORDS = 2.0
#: Share of reference-shaped cells at which a column named "action" holds codes ("A1").
_CODE_SHARE = 0.8


#: A column no header names holds the sentences when its cells are this many times as long
#: as those of the column named "action", and at least ``_SENTENCE_WORDS`` words long.
_DWARFED = 2.0
_SENTENCE_WORDS = 6.0
#: An action column's cells are phrases, not sentences, below this many words on average.
_PHRASE_WORDS = 4.0


#: Roles whose cells name what the rows are about: words, never a bare number.
_HEADING_ROLES = frozenset({"theme", "objective"})


def content_veto(role: str, col: int, contents: list[ColumnContent], unnamed: set[int],
                 work_items: Mapping[int, bool] | None = None) -> str | None:
    """Why a column's content rules out the ``role`` its header names, or None: a column
    named as the reference whose cells are all words, none with a digit, is no reference; a
    column named "Actions*" whose cells are all "A1" is the reference, not the action; a column
    named "actions" whose cells are a few words while a column no header names (``unnamed``)
    holds the sentences ("Potential adaptive actions" notes beside "Change Idea #1") is not,
    nor is one of status phrases ("Next steps": "Scoping complete") beside a column of work
    items (``work_items``: "Milestone", or a column left of it that may stand in for the
    action, ``ACTION_STAND_INS``: "Target", marked True) holding the sentences. A column
    named as the owner that holds the table's sentences is vetoed too
    (``_sentences_not_owners``), and one named as a theme or objective whose cells are all
    numbers ("Priority": 1, 3, 2)."""
    content = contents[col]
    if content.cells < _MIN_CELLS:
        return None
    if role == "action_ref" and not content.shares["digits"] and content.shares["text"] == 1.0:
        # "ACTIONS" spanning a column of group names ("Événements") and the actions beside
        # it: no cell is a code or holds a number, so none is a reference.
        return "header vetoed: words, no reference codes or numbers"
    if role in _CELL_VETOES:
        return _CELL_VETOES[role](col, contents)
    if role in _HEADING_ROLES and content.shares["ranks"] == 1.0:
        # "Priority" over "1", "3", "2": a rank of each row, no heading the rows sit under
        return "header vetoed: numbers, no words (a rank or a score)"
    if role != "action":
        return None
    if content.shares["action_ref"] >= _CODE_SHARE and content.mean_words <= _CODE_WORDS:
        return f"header vetoed: {content.shares['action_ref']:.0%} reference codes"
    if content.mean_words < _PHRASE_WORDS:
        # a stand-in (True) right of the action column describes the titles it holds
        # ("Planned activity" | "General objectives"): only one left of it, or work items
        unnamed = unnamed | {item for item, stand_in in (work_items or {}).items()
                             if not stand_in or item < col}
    wider = [other for other in unnamed if contents[other].cells >= _MIN_CELLS
             and contents[other].mean_words >= max(_SENTENCE_WORDS,
                                                   _DWARFED * content.mean_words)]
    if wider:
        return (f"header vetoed: {content.mean_words:.0f} words a cell, column "
                f"{wider[0] + 1} holds sentences of {contents[wider[0]].mean_words:.0f}")
    return None


#: Share of amounts of money (a currency sign, thousands separated: "183,270") above which,
#: with dates below ``_FEW_DATES``, a column named for time ("Year I", "2019") holds a
#: budget's figures, not deadlines; small whole numbers ("Start Month": 1, 3) are months
#: counted from the start, and stay deadline evidence.
_AMOUNT_SHARE, _FEW_DATES = 0.5, 0.2


def _amounts_not_dates(col: int, contents: list[ColumnContent]) -> str | None:
    """Heuristic: a column named for a period whose cells are amounts of money ("183,270",
    "1,218,000.00") and almost never a date spends money in that period: a budget line, no
    deadline (the same "Activities | Year I ... Year V" header heads a budget and a time
    chart)."""
    shares = contents[col].shares
    if shares["deadline"] >= _FEW_DATES or shares["money"] < _AMOUNT_SHARE:
        return None
    return f"header vetoed: {shares['money']:.0%} amounts, {shares['deadline']:.0%} dates"


def vetoed_by_content(table: Table, header_row: int, col: int, role: str) -> str | None:
    """Why the cells under row ``header_row`` rule out ``role`` for column ``col`` (a label
    read by its words after the decision, which must agree with the content as the
    decision's labels do: ``content_veto``), or None."""
    visible = [_visible(row) for row in _data_rows(table, header_row)]
    contents = [column_content([texts[c] for texts in visible]) for c in range(table.n_cols)]
    return content_veto(role, col, contents, set())


#: Share of organisation names below which a column of sentences names no owners.
_OWNER_SHARE = 0.5


def _sentences_not_owners(col: int, contents: list[ColumnContent]) -> str | None:
    """Heuristic: a column named for who is responsible ("Responsibilities") that is the
    widest column, of sentences that mostly name no organisation, lists the work itself;
    an owner cell is a name or a title, however long ("Head of Community Safety with
    Police")."""
    content = contents[col]
    widest = max(range(len(contents)), key=lambda c: contents[c].mean_words)
    if (col != widest or content.mean_words < _SENTENCE_WORDS
            or content.shares["owner"] >= _OWNER_SHARE):
        return None
    return (f"header vetoed: sentences of {content.mean_words:.0f} words, "
            f"{content.shares['owner']:.0%} organisation names")


#: The roles a header names that the column's cells can rule out on their own evidence.
_CELL_VETOES: dict[str, Callable[[int, list[ColumnContent]], str | None]] = {
    "owner": _sentences_not_owners,
    "deadline": _amounts_not_dates,
}


def _header_scores(label: str, synonym: str | None, settings: RoleSettings
                   ) -> dict[str, tuple[float, str]]:
    """field -> (score 0-100, term) a label names: its synonym-list field at 100, else
    by its words."""
    if synonym is not None:
        return {synonym: (100.0, f"synonym {' '.join(label.split())!r}")}
    return dict(header_evidence(label, settings.term_cutoff)) if label.strip() else {}


def _candidates(labels: list[str], contents: list[ColumnContent], settings: RoleSettings,
                synonyms: dict[int, str]) -> list[tuple[float, int, str, list[str], bool]]:
    """(score, col, role, evidence, from header) for every (column, role) with evidence."""
    content = _content_scores(contents)
    headers = [_header_scores(label, synonyms.get(col), settings)
               for col, label in enumerate(labels)]
    unnamed = {col for col, header in enumerate(headers)
               if max((score for score, _ in header.values()), default=0.0)
               < settings.header_cutoff}
    work_items = {col: best not in WORK_ITEM_ROLES for col, header in enumerate(headers)
                  if header and (
                      (best := max(header.items(), key=lambda item: item[1][0])[0])
                      in WORK_ITEM_ROLES or _stands_in(best, labels[col], settings))}
    found = [candidate for col, header in enumerate(headers)
             for candidate in _column_candidates(col, header, content.get(col, {}), contents,
                                                 (unnamed, work_items), settings)]
    found.sort(key=lambda item: (-item[0], item[1]))
    return found


def _column_candidates(col: int, header: dict[str, tuple[float, str]],
                       by_content: dict[str, tuple[float, str]], contents: list[ColumnContent],
                       named: tuple[set[int], set[int]], settings: RoleSettings,
                       ) -> list[tuple[float, int, str, list[str], bool]]:
    """One column's candidates: its header and content evidence for each role, combined into
    one score; ``named`` holds the unnamed columns and those named as work items."""
    unnamed, work_items = named
    found = []
    for role in sorted(set(header) | set(by_content)):  # ties: one order on every run
        h_score, term = header.get(role, (0.0, ""))
        h = h_score / 100 if h_score >= settings.header_cutoff else 0.0
        c, why = by_content.get(role, (0.0, ""))
        if role not in CONTENT_ROLES:
            c = 0.0
        if not contents[col].cells and role in CONTENT_ROLES:
            h *= 0.5  # a named column with nothing in it
        if not h and role == "owner" and _weak_label_agrees(h_score, contents[col], settings):
            h = h_score / 100  # "For" over people's names: the label and content agree
            c, why = max(c, contents[col].shares["people"]), "people named"
        veto = content_veto(role, col, contents, unnamed, work_items) if h else None
        if veto is not None:
            h, c, why = 0.0, 0.0, veto
        score = max(h, settings.content_weight * c) + 0.1 * min(h, c)
        evidence = ([f"header '{term}' {h_score:.0f}"] if h else []) + (
            [why] if c or veto else [])
        if score > 0 or veto:
            found.append((score, col, role, evidence, bool(h)))
    return found


def _weak_label_agrees(h_score: float, content: ColumnContent, settings: RoleSettings) -> bool:
    """A label that names the owner too weakly to count alone (a common word, "For") counts
    where most of the column's cells name people, organisations or posts."""
    shares = content.shares
    return (settings.weak_header_cutoff <= h_score < settings.header_cutoff
            and content.cells >= _MIN_CELLS
            and shares.get("people", 0.0) + shares.get("owner", 0.0)
            >= settings.weak_header_content)


#: A table with a column of amounts is a budget unless its action column's cells are
#: sentences this long on average (a costed action plan) and most columns are no amounts.
_BUDGET_LINE_WORDS = 5.0


def _is_budget(contents: list[ColumnContent], mapping: dict[int, str]) -> bool:
    """Columns of amounts make a budget (capital, revenue, total ...), unless one column of
    amounts stands beside an action column of sentences and most columns are no figures (a
    plan that costs its actions in a column; a budget's lines are a few words)."""
    filled = [c for c in contents if c.cells]
    money = sum(c.shares.get("money", 0) >= 0.5 for c in filled)
    numbers = sum(c.shares.get("number", 0) >= 0.6 for col, c in enumerate(contents)
                  if c.cells and mapping.get(col) != "action_ref")
    action = next((contents[col] for col, role in mapping.items() if role == "action"), None)
    sentences = action is not None and action.mean_words >= _BUDGET_LINE_WORDS
    return money >= 2 or bool(money) and (money + numbers >= len(filled) / 2 or not sentences)


def _refusal(contents: list[ColumnContent], mapping: dict[int, str], n_cols: int) -> str | None:
    """Why a table read from content is not an action plan, or None."""
    filled = [c for c in contents if c.cells]
    risk = sum(c.shares.get("risk", 0) >= 0.5 for c in filled)
    if _is_budget(contents, mapping):
        return "budget (columns of amounts)"
    if risk >= 2:
        return "risk matrix (likelihood/impact scores)"
    last = next((c for c in reversed(contents) if c.cells), None)
    if last is not None and last.shares.get("page_number", 0) >= 0.8 and len(filled) <= 3:
        return "contents page (a column of page numbers)"
    if len(filled) == 2 and "deadline" not in mapping.values() and "owner" not in mapping.values():
        return "term/definition list"
    return None


def decide_roles(table: Table, settings: RoleSettings, header_row: int | None = None,
                 search_header: bool = True, synonyms: dict[int, str] | None = None
                 ) -> TableRoles:
    """Roles for every column of ``table`` and whether it is an action table. ``synonyms``:
    the fields the header row's labels have on the synonym list (``headers.map_header_row``),
    header evidence like the words are, weighed with the content all the same."""
    if header_row is None and search_header:
        header_row = find_header_row(table, settings)
        if header_row is None:
            found = decide_roles(table, settings, search_header=False)
            confirmed = _labels_over_content(table, found, settings)
            if confirmed is None:
                return found
            header_row = confirmed
    labels = (_visible(table.rows[header_row]) if header_row is not None
              else [""] * table.n_cols)
    rows = _data_rows(table, header_row)
    visible = [_visible(row) for row in rows]
    contents = [column_content([texts[col] for texts in visible]) for col in range(table.n_cols)]
    mapping: dict[int, str] = {}
    chosen: dict[int, ColumnRole] = {}
    from_header: dict[str, bool] = {}
    vetoed: dict[int, list[str]] = {}
    for score, col, role, evidence, by_header in _candidates(labels, contents, settings,
                                                             synonyms or {}):
        if score == 0:
            vetoed[col] = [f"{role} {why}" for why in evidence]
        if col in mapping or score < settings.role_cutoff:
            continue
        if role in UNIQUE_ROLES and role in from_header:
            continue
        mapping[col] = role
        from_header.setdefault(role, by_header)
        chosen[col] = ColumnRole(col, labels[col], role, score, evidence)
    _stand_in_for_action(mapping, chosen, contents, from_header, settings)
    _stand_in_for_deadline(mapping, chosen, contents, from_header)
    columns = [chosen.get(col, ColumnRole(col, labels[col], None, 0.0))
               for col in range(table.n_cols)]
    for col, why in vetoed.items():
        columns[col].evidence[:0] = why
    result = TableRoles(table.index, table.page, header_row, dict(sorted(mapping.items())),
                        columns, False, False, "")
    _judge(result, contents, from_header, settings)
    return result


#: Words at most in each cell of a row of labels.
_LABEL_WORDS = 6


def _labels_over_content(table: Table, found: TableRoles, settings: RoleSettings) -> int | None:
    """The first row (of the first three that are no heading) when it reads as labels and
    one of them names the action, owner or deadline role that the content gave its column
    ("Date of Release" over a column of dates): a header that names too few fields by
    itself for ``find_header_row``, confirmed by what its columns hold."""
    if not found.accepted:
        return None
    for index, row in enumerate(table.rows[:3]):
        texts = _visible(row)
        filled = [text for text in texts if text.strip()]
        if _is_spanning(row, table.n_cols) or len(filled) < 2:
            continue
        if any(len(text.split()) > _LABEL_WORDS for text in filled) or any(
                _data_kind(text) for text in filled):
            return None
        for col, role in found.mapping.items():
            named = header_field(texts[col], settings) if texts[col].strip() else None
            if role in ("action", "owner", "deadline") and named and named[0] == role:
                return index
        return None
    return None


#: Roles whose column lists units of work: in a table with no action column, they are the
#: actions ("Milestone | Measurement | Target Date": each milestone is what will be done).
WORK_ITEM_ROLES = ("milestones",)


def _work_items(mapping: dict[int, str], chosen: dict[int, ColumnRole],
                contents: list[ColumnContent], from_header: dict[str, bool]) -> _StandIn | None:
    """The widest column of work items (milestones), which holds the actions."""
    items = [col for col, role in mapping.items() if role in WORK_ITEM_ROLES]
    if not items:
        return None
    col = max(items, key=lambda c: contents[c].mean_words)
    return (col, chosen[col].score,
            [*chosen[col].evidence, "no action column: its work items are the actions"],
            from_header.get(mapping[col], False))


#: Roles a header gives the column of sentences in a table that names no action column
#: ("Objectives | Completion | Core team point person", "Aim | Target | Target date"): there
#: it is the action. Each role with the terms its label must be read by (None: any term) --
#: a "Target" column of sentences beside a target date says what is to be done by then, an
#: "Indicator" column names what is measured.
ACTION_STAND_INS: dict[str, frozenset[str] | None] = {
    "objective": None,
    "kpi": frozenset({"target"}),
    "outcomes": frozenset({"purpose"}),
}


def _stands_in(role: str, label: str, settings: RoleSettings) -> bool:
    """A column named as ``role`` by ``label`` may hold a table's actions (``ACTION_STAND_INS``)."""
    if role not in ACTION_STAND_INS:
        return False
    terms = ACTION_STAND_INS[role]
    named = header_evidence(label, settings.term_cutoff).get(role)
    return terms is None or (named is not None and named[1] in terms)


#: A column standing in for the missing action column: (column, score, evidence, whether
#: its header named it).
_StandIn = tuple[int, float, list[str], bool]


def _stand_in_for_action(mapping: dict[int, str], chosen: dict[int, ColumnRole],
                         contents: list[ColumnContent], from_header: dict[str, bool],
                         settings: RoleSettings) -> None:
    """No column is the action: a column standing in for it becomes the action -- the widest
    column of sentences named as one of ``ACTION_STAND_INS`` (or the later of two objective
    columns), else the widest column of work items (``WORK_ITEM_ROLES``)."""
    if "action" in mapping.values():
        return
    stand_in = (_named_stand_in(mapping, chosen, contents, settings)
                or _work_items(mapping, chosen, contents, from_header))
    if stand_in is None:
        return
    col, score, evidence, by_header = stand_in
    mapping[col] = "action"
    from_header["action"] = by_header
    column = chosen[col]
    column.role, column.score, column.evidence = "action", score, evidence


def _named_stand_in(mapping: dict[int, str], chosen: dict[int, ColumnRole],
                    contents: list[ColumnContent], settings: RoleSettings) -> _StandIn | None:
    """The widest column of sentences when it is named as one of ``ACTION_STAND_INS``, read
    from its content (inferred); else the later of two columns named as the objective."""
    content = _content_scores(contents)
    widest = next((col for col, roles in content.items() if "action" in roles), None)
    if widest is not None and widest in mapping and _stands_in(
            mapping[widest], chosen[widest].label, settings):
        score, why = content[widest]["action"]
        return (widest, score,
                [f"no action column; the {mapping[widest]} column holds the sentences", why],
                False)
    # "Purpose(s) | 1st Initiated | Person(s) Responsible | Evidence": the column a
    # specific term names as a stand-in ("purpose", "target") holds the actions even
    # where a column beside it is wider, when its cells are sentences.
    named_by_term = [col for col, role in sorted(mapping.items())
                     if ACTION_STAND_INS.get(role) is not None
                     and _stands_in(role, chosen[col].label, settings)
                     and contents[col].mean_words >= _SENTENCE_WORDS]
    if named_by_term:
        col = max(named_by_term, key=lambda c: contents[c].mean_words)
        return (col, chosen[col].score,
                [f"no action column; the {mapping[col]} column, so named, holds sentences"],
                False)
    # "Aim | Current good practice | Objectives | ...": of two columns named as the
    # objective, the later holds what will be done, the earlier the aim it serves.
    named = [col for col, role in mapping.items() if role == "objective"]
    if len(named) < 2 or contents[named[-1]].cells < _MIN_CELLS:
        return None
    return (named[-1], chosen[named[-1]].score,
            ["no action column; the later of two objective columns holds what will be done"],
            False)


#: Roles a header gives a column that may hold a table's due dates when no column is the
#: deadline ("Action Item | Status" where the status of open items is their due date).
DEADLINE_STAND_INS = ("progress", "rag")
#: Share of such a column's cells that must read as deadlines ("Completed", "Ongoing",
#: "January 2024"), and share that must be dated (not only status words).
_STATUS_AS_DEADLINE = 0.8
_STATUS_DATED = 0.1


def _stand_in_for_deadline(mapping: dict[int, str], chosen: dict[int, ColumnRole],
                           contents: list[ColumnContent], from_header: dict[str, bool]) -> None:
    """A table with an action column but no owner or deadline column: a status column whose
    cells read as deadlines (status words the contract reads as deadline kinds -- completed,
    ongoing, annually -- and some dates) is the deadline, read from its content (inferred)."""
    roles = set(mapping.values())
    if "action" not in roles or roles & {"owner", "deadline"}:
        return
    for col, role in sorted(mapping.items()):
        shares = contents[col].shares
        if (role in DEADLINE_STAND_INS and contents[col].cells >= _MIN_CELLS
                and shares["deadline"] >= _STATUS_AS_DEADLINE
                and shares["dated"] >= _STATUS_DATED):
            mapping[col] = "deadline"
            from_header["deadline"] = False
            column = chosen[col]
            column.role = "deadline"
            column.evidence = [f"no deadline column; the {role} column holds "
                               f"{shares['deadline']:.0%} deadlines, {shares['dated']:.0%} dated"]
            return


def _judge(result: TableRoles, contents: list[ColumnContent], from_header: dict[str, bool],
           settings: RoleSettings) -> None:
    roles = set(result.mapping.values())
    if not any(c.cells for c in contents):
        result.reason = "no data rows"
        return
    if "action" not in roles:
        result.reason = "no action column"
        return
    if not roles & {"owner", "deadline"}:
        result.reason = "no owner or deadline column"
        return
    action_col = next(col for col, role in result.mapping.items() if role == "action")
    if not contents[action_col].cells:
        result.reason = "the action column is empty"
        return
    result.inferred = not from_header["action"] or not any(
        from_header.get(role) for role in ("owner", "deadline"))
    if result.inferred:
        refusal = _refusal(contents, result.mapping, len(contents))
        if refusal is not None:
            result.reason = refusal
            return
        if len(roles & {"action", "owner", "deadline"}) < settings.min_inferred_roles:
            result.reason = "too little evidence (no header names the action, owner or deadline)"
            return
    result.accepted = True
    result.reason = ("roles inferred from content" if result.inferred
                     else "header read by its words")


def refusal_summary(refused: list[TableRoles], limit: int = 8) -> str:
    """'table 3 (p.5): no action column; table 4: budget ...' (at most ``limit`` tables)."""
    parts = [f"table {item.table_index + 1}{f' (p.{item.page})' if item.page else ''}: "
             f"{item.reason}" for item in refused[:limit]]
    if len(refused) > limit:
        parts.append(f"{len(refused) - limit} more")
    return "; ".join(parts)


def column_starts(row: Row) -> list[float | None]:
    return [None if cell.covered or cell.bbox is None else cell.bbox[0] for cell in row.cells]


def inherit_mapping(table: Table, starts: list[float | None], mapping: dict[int, str],
                    tolerance: float) -> dict[int, str] | None:
    """``mapping`` carried onto ``table``'s columns when every column of ``table`` starts
    where a column of the table it continues started (a continuation drawn on another grid)."""
    mine = [statistics.median(xs) if xs else None for xs in (
        [cell.bbox[0] for row in table.rows for cell in [row.cells[col]]
         if not cell.covered and cell.bbox is not None] for col in range(table.n_cols))]
    if any(x is None for x in mine):
        return None
    inherited: dict[int, str] = {}
    for col, x in enumerate(mine):
        hits = [c for c, start in enumerate(starts)
                if start is not None and abs(start - x) <= tolerance]
        if not hits:
            return None
        if hits[0] in mapping:
            inherited[col] = mapping[hits[0]]
    return inherited if "action" in inherited.values() else None
