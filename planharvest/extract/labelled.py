"""Labelled-line plans: actions written as running text, each a heading followed by
labelled lines ("Responsible: Office of Management and Budget", "Timeline: Completed
within 3 months") instead of a table row.

It is the key-value layout of a one-table-per-action plan without the table, so a line's
label is read as a header label is: by its words, against the same vocabulary
(``roles.header_field``, ``data/roles*.csv``), whatever the language. A record is the
heading's text (the action) and the labelled lines under it, up to the next heading or
table. Precision: prose that merely mentions a responsibility is no record, because

* a label is the start of its own paragraph, a few capitalised words before a colon
  (``_LABEL``), that the vocabulary names as a field;
* a record needs two labelled fields or more, one of them the owner or the deadline;
* its labelled lines start at one left edge, as a list of labels does (where the reader
  gives positions: PDF); a cover page's centred "Headteacher: ..." / "Date for review: ..."
  lines under the plan's title are no record;
* the heading is the action only where it is a heading of the reader's (a size or
  weight of its own), never a paragraph of prose; or there is no heading and the record's
  first line is labelled as the action ("Action: ...", ``action_line``).

A paragraph under a labelled line, set further in than it, carries that line's value on
(a measurement on two lines, the second indented); any other paragraph between the
labelled lines is prose and is left out. The rows are flagged ``labelled_lines`` with the
labels read: a doubt, as which text is the action and where the record ends are a reading
of the layout; a list's shared line (``ListRecord``) is a note (``data/flags.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planharvest.extract.grid import BBox, Paragraph
from planharvest.extract.roles import header_field
from planharvest.lexicon import split_leading_ref
from planharvest.settings import RoleSettings

#: A label opening a paragraph: at most four words, the first capitalised, then a colon
#: and the value ("Responsible: ...", "Supported practice(s): ...", "Échéancier : ...").
_LABEL = re.compile(r"^(?P<label>[A-ZÀ-Ý][\w’'()/-]*(?:\s[\w’'()/-]+){0,3})\s?:\s+(?P<value>\S.*)$",
                    re.DOTALL)
#: A heading numbered by a label word: "Action 1: Create an OMB Data Council".
_LABELLED_REF = re.compile(r"^\s*(?P<ref>[A-Za-zÀ-ÿ]+\s+\d{1,3}(?:\.\d{1,3})*)\s*[:.–—-]\s*"
                           r"(?P<title>\S.*)$")
#: Fields a record must name one of by a label.
_WHO_OR_WHEN = frozenset({"owner", "deadline"})
#: Labelled fields a record needs.
_MIN_FIELDS = 2
#: How much further in (pt) than a labelled line a paragraph starts that carries it on.
_INDENT = 6.0
#: How far apart (pt) the left edges of one record's labelled lines may be.
_ALIGNED = 3.0


@dataclass
class LabelledRecord:
    """One heading and the labelled lines read under it so far."""

    heading: str
    page: int | None
    bbox: BBox | None
    theme: str
    objective: str
    values: dict[str, str] = field(default_factory=dict)  # field -> value, as printed
    labels: list[str] = field(default_factory=list)  # the labels read, in order
    edges: list[float] = field(default_factory=list)  # their lines' left edges (PDF)
    last: str | None = None  # the field the last labelled line gave
    last_x0: float | None = None  # where that line starts
    last_page: int | None = None  # the page of the last labelled line
    theme_level: int | None = None  # the level of the heading that gave the theme
    read: int = 0  # the paragraphs read under the heading

    def take(self, paragraph: Paragraph, settings: RoleSettings) -> None:
        """Read one paragraph of running text under the heading."""
        self.read += 1
        match = _LABEL.match(paragraph.text.strip())
        named = header_field(match["label"], settings) if match else None
        if match and named is not None and named[0] not in self.values:
            name = named[0]
            self.values[name] = " ".join(match["value"].split())
            self.labels.append(match["label"].strip())
            self.last, self.last_page = name, paragraph.page
            self.last_x0 = paragraph.bbox[0] if paragraph.bbox else None
            if self.last_x0 is not None:
                self.edges.append(self.last_x0)
            return
        if (self.last is not None and paragraph.bbox is not None and self.last_x0 is not None
                and paragraph.bbox[0] > self.last_x0 + _INDENT):
            self.values[self.last] += "\n" + " ".join(paragraph.text.split())
            return
        self.last = None  # prose: it carries no labelled line on

    def complete(self) -> bool:
        """Whether the record is an action: two labelled fields or more, one of them who or
        when, on lines that start at one left edge, and a heading to be its action."""
        aligned = not self.edges or max(self.edges) - min(self.edges) <= _ALIGNED
        return (bool(self.heading) and len(self.values) >= _MIN_FIELDS
                and bool(_WHO_OR_WHEN & self.values.keys()) and aligned)

    def fields(self) -> dict[str, str]:
        """field -> text: the heading's title as the action, its label and number as the
        reference ("Action 1: Create ..." -> "Action 1"), then the labelled values."""
        match = _LABELLED_REF.match(self.heading)
        ref, title = (match["ref"], match["title"]) if match else split_leading_ref(self.heading)
        out = {name: value for name, value in self.values.items() if name != "action"}
        out["action"] = title.strip() or self.heading
        if ref:
            out["action_ref"] = ref
        return out

    @property
    def note(self) -> str:
        return ", ".join(f"'{label}:'" for label in self.labels)

    def may_head_list(self) -> bool:
        """Whether a list may start under the heading: every paragraph read under it was a
        labelled who or when line (a list's shared line printed before the list), if any."""
        return not self.values.keys() - _WHO_OR_WHEN and self.read == len(self.labels)

    def opens_list(self, paragraph: Paragraph) -> bool:
        """Heuristic: whether a paragraph under the heading starts a list of actions with no
        label over it -- an item numbered 1, or a bullet straight under the heading (bullets
        after labelled lines or prose are the record's own: its milestones, its measures)."""
        if paragraph.heading_level is not None or not self.may_head_list():
            return False
        text = paragraph.text.strip()
        return bool(numbered_items(text, 1)) or (not self.values and bool(_BULLET.match(text)))

    @property
    def cut_by_page(self) -> bool:
        """The labelled lines sit on a later page than the heading."""
        return self.page is not None and self.last_page is not None and self.last_page > self.page


def action_line(paragraph: Paragraph, settings: RoleSettings) -> str | None:
    """The action a labelled line gives ("Action: Develop ...", "Mesure : ..."), where the
    label names the action field: such a line opens a record of its own, every line of the
    record labelled and no heading over it; None for any other paragraph."""
    match = _LABEL.match(paragraph.text.strip())
    named = header_field(match["label"], settings) if match else None
    return " ".join(match["value"].split()) if match and named and named[0] == "action" else None


def opens_record(paragraph: Paragraph) -> bool:
    """Whether a paragraph is a heading that may head a labelled-line record."""
    return paragraph.heading_level is not None and paragraph.heading_level > 0 and bool(
        paragraph.text.strip())


#: A paragraph that is only a label introducing a list under it ("Actions:", "Deliverables:").
_BARE_LABEL = re.compile(r"^(?P<label>[A-ZÀ-Ý][\w’'()/-]*(?:\s[\w’'()/-]+){0,3})\s?:$")
#: A list item's number where an item starts ("1. ", "2) "): before a capitalised word.
_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))(?P<n>\d{1,2})[.)]\s+(?=[A-ZÀ-Ý])")
#: A list item's number alone in its cell ("1.", "2)").
_CELL_NUMBER = re.compile(r"\d{1,2}[.)]")
#: A bulleted list item.
_BULLET = re.compile(r"^[•·▪◦‣●■\-–]\s*(?P<text>\S.*)$", re.DOTALL)


def bare_list_label(text: str, settings: RoleSettings) -> bool:
    """Whether a line is only a label naming the action field ("Actions:"), so the list
    under it holds actions."""
    match = _BARE_LABEL.match(" ".join(text.split()))
    named = header_field(match["label"], settings) if match else None
    return named is not None and named[0] == "action"


def numbered_items(text: str, first: int) -> list[tuple[str, str]]:
    """(number, text) of the items of a numbered list written in one paragraph ("1. Do a.
    2. Do b."), numbered on from ``first``; only consecutive numbers start an item, so a
    number inside an item's text stays in it. [] when the text does not start at ``first``."""
    starts: list[tuple[int, int, int]] = []  # (number, where the number starts, text start)
    for match in _ITEM_NUMBER.finditer(text):
        if int(match["n"]) == first + len(starts):
            starts.append((int(match["n"]), match.start(), match.end()))
    if not starts or starts[0][1] != 0:
        return []
    ends = [start for _, start, _ in starts[1:]] + [len(text)]
    return [(str(number), " ".join(text[begin:end].split()))
            for (number, _, begin), end in zip(starts, ends, strict=True)]


@dataclass
class ListRecord:
    """A list of actions under an objective that carries one labelled who/when line for the
    whole list: an "Actions:" label, numbered or bulleted items, then "Timeframe: July 1,
    2021 to June 30, 2022" once for the objective. Every item is an action and gets the
    shared labelled values (flagged: the value is the objective's, shared)."""

    theme: str
    objective: str
    #: (reference, action, page, box) of each item read
    items: list[tuple[str, str, int | None, BBox | None]] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # the shared labelled values
    labels: list[str] = field(default_factory=list)
    listing: bool = True  # still reading the list's items (a second label ends them)
    unlabelled: bool = False  # opened by its first item, no label over it

    def take(self, paragraph: Paragraph, settings: RoleSettings) -> bool:
        """Read one paragraph under the list's label; False when it is none of the list's
        (a heading, a numbered paragraph after the list, prose): the list ends there."""
        text = paragraph.text.strip()
        if bare_list_label(text, settings):
            self.listing = False  # "Deliverables:" after "Actions:": outputs, not actions
            return True
        match = _LABEL.match(text)
        named = header_field(match["label"], settings) if match else None
        if match and named is not None and named[0] in _WHO_OR_WHEN:
            self.values.setdefault(named[0], " ".join(match["value"].split()))
            self.labels.append(match["label"].strip())
            return True
        bullet = _BULLET.match(text)
        if bullet:
            if self.listing:
                self.add("", bullet["text"], paragraph.page, paragraph.bbox)
            return True
        numbered = numbered_items(text, self.next_number)
        if numbered and self.listing and paragraph.heading_level is None:
            for ref, item in numbered:
                self.add(ref, item, paragraph.page, paragraph.bbox)
            return True
        return False

    def heads_list(self, paragraph: Paragraph, settings: RoleSettings) -> bool:
        """Whether a label opening a list ("Actions:") comes under this list's one item,
        opened with no label and sharing nothing yet: that item heads the new list."""
        return (self.unlabelled and len(self.items) == 1 and not self.values
                and bare_list_label(paragraph.text, settings))

    def take_rows(self, rows: list[tuple[str, str]], page: int | None, bbox: BBox | None,
                  settings: RoleSettings) -> bool:
        """Read a list laid out as a two-column table (number | item, the labels alone on
        their rows); False when the rows are no such list."""
        if not all(bare_list_label(first, settings) and not rest
                   or (_CELL_NUMBER.fullmatch(first) or not first) and rest
                   for first, rest in rows):
            return False
        for first, rest in rows:
            if not rest:
                self.listing = self.listing and not self.items
            elif self.listing:
                self.add(first.rstrip(".)"), rest, page, bbox)
        return True

    @property
    def next_number(self) -> int:
        numbers = [int(ref) for ref, *_ in self.items if ref.isdigit()]
        return numbers[-1] + 1 if numbers else 1

    def add(self, ref: str, text: str, page: int | None, bbox: BBox | None) -> None:
        self.items.append((ref, " ".join(text.split()), page, bbox))

    def share(self, record: LabelledRecord) -> None:
        """Take the who and when lines read under the list's heading before the list."""
        self.values = {name: value for name, value in record.values.items()
                       if name in _WHO_OR_WHEN}
        self.labels = list(record.labels)

    def complete(self) -> bool:
        """Whether the list is one of actions: items, and a labelled who or when for them."""
        return bool(self.items) and bool(_WHO_OR_WHEN & self.values.keys())

    @property
    def note(self) -> str:
        labels = ", ".join(f"'{label}:'" for label in self.labels)
        return (f"{labels} printed once for the {len(self.items)} actions listed under "
                f"'{self.objective}' (the objective's, shared)")
