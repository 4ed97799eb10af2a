"""A PDF page's text outside ruled tables, and the document's blocks once all pages are read.

Per page, the words outside ruled tables are grouped into lines; lines that
line up in columns become borderless tables (``borderless``) -- also the few
lines at the top of a page that keep to the columns of a borderless table
ending the page before, and lines just under a ruled table laid out in its
columns; the rest become paragraph drafts. Once the whole document is seen,
running headers, footers and page numbers in the page's top and bottom bands
are dropped (a line counts as furniture when it repeats, digits aside, on most
pages) and heading levels are decided from font size and weight.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from planharvest.extract.grid import Block, Paragraph, Table
from planharvest.extract.lines import TextLine, bulleted, group_lines, is_bold
from planharvest.extract.pdf.borderless import Carried, find_borderless_tables
from planharvest.lexicon import (
    HEADING_LABEL_OPENING,
    LABELLED_HEADING,
    PUNCTUATED_END,
    fold_numbers,
)
from planharvest.settings import PdfSettings

#: A page number printed alone: "3", "- 3 -", "Page 3", "Page 3 of 17", "3 of 17", "p. 3"
#: (a lone number of four digits is more likely a year).
_PAGE_NUMBER = re.compile(
    r"^[-–\s]*((page|p\.?)\s*\d{1,4}|\d{1,3})(\s*(of|/)\s*\d{1,4})?[-–\s]*$", re.IGNORECASE
)
@dataclass
class _Draft:
    """A paragraph's lines, kept until the whole document is seen: running headers are
    then taken out and heading levels decided."""

    lines: list[TextLine]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    def paragraph(self, page: int, heading_level: int | None) -> Paragraph:
        is_item, text = bulleted(self.text)
        bbox = (
            min(line.x0 for line in self.lines),
            self.lines[0].top,
            max(line.x1 for line in self.lines),
            self.lines[-1].bottom,
        )
        return Paragraph(text, heading_level, page, bbox, is_list_item=is_item)


@dataclass
class PageContent:
    """One page read: its ruled tables, borderless tables and paragraph drafts top to
    bottom, the characters set in each font size, and what the reader noticed."""

    number: int
    height: float
    items: list[Table | _Draft] = field(default_factory=list)
    sizes: Counter[float] = field(default_factory=Counter)
    edge_texts: set[str] = field(default_factory=set)  # folded texts of the edge lines
    scanned: bool = False
    used_ocr: bool = False
    warnings: list[str] = field(default_factory=list)


# -- text outside ruled tables ----------------------------------------------------------------


def lay_out_page(
    words: list[dict],
    tables: list[Table],
    content: PageContent,
    settings: PdfSettings,
    carried: list[float] | None,
) -> None:
    """Ruled tables, borderless tables and paragraphs of one page, top to bottom.
    ``carried``: column left edges of a borderless table ending the previous page."""
    lines = group_lines(words, settings.y_tolerance)
    edge = _edge_lines(lines, content.height, settings)
    numbers = {id(line) for line in edge if _PAGE_NUMBER.match(line.text)}
    lines = [line for line in lines if id(line) not in numbers]
    edge_ids = {id(line) for line in edge} - numbers
    content.edge_texts = {fold_numbers(line.text) for line in edge if id(line) in edge_ids}
    items: list[Table | _Draft] = list(tables)
    # Lines between two ruled tables form one region: a borderless table never spans a rule.
    cuts = sorted(table.bbox[1] for table in tables)
    regions: dict[int, list[TextLine]] = {}
    for line in lines:
        regions.setdefault(bisect.bisect_right(cuts, line.top), []).append(line)
    ordered = sorted(tables, key=lambda table: table.bbox[1])
    for index, region in regions.items():
        carry = None
        if index > 0:  # the region under a ruled table may run on in its columns
            above = ordered[index - 1]
            carry = Carried([cell.bbox[0] for cell in above.rows[0].cells], above.bbox[3])
        elif carried is not None:
            # The top of the page may carry on a borderless table from the page before,
            # perhaps below a running header.
            skip = next((k for k, line in enumerate(region) if id(line) not in edge_ids), 0)
            carry = Carried(carried, skip=skip)
        items.extend(_region_items(region, content.number, settings, carry))
    items.sort(key=_top)
    content.items = items


def columns_carried(previous: PageContent) -> list[float] | None:
    """Column left edges of the borderless table that ends the previous page, if one does."""
    body = [
        item
        for item in previous.items
        if not (isinstance(item, _Draft) and fold_numbers(item.text) in previous.edge_texts)
    ]
    last = body[-1] if body else None
    if not isinstance(last, Table) or last.ruled or not last.rows:
        return None
    return [cell.bbox[0] for cell in last.rows[-1].cells if cell.bbox is not None]


def _top(item: Table | _Draft) -> float:
    return item.bbox[1] if isinstance(item, Table) else item.lines[0].top


def _edge_lines(lines: list[TextLine], height: float, settings: PdfSettings) -> list[TextLine]:
    """The outermost lines at the top and bottom of the page, within the furniture band:
    where running headers, footers and page numbers sit."""
    band = settings.furniture_band * height
    count = settings.furniture_lines
    top = [line for line in lines[:count] if line.bottom <= band]
    bottom = [line for line in lines[-count:] if line.top >= height - band]
    return top + [line for line in bottom if line not in top]


def _region_items(
    lines: list[TextLine],
    page: int,
    settings: PdfSettings,
    carried: Carried | None,
) -> list[Table | _Draft]:
    items: list[Table | _Draft] = []
    taken = 0
    found = (
        find_borderless_tables(lines, page, settings, carried) if settings.borderless else []
    )
    for table, start, end in found:
        items.extend(_paragraphs(lines[taken:start], settings))
        items.append(table)
        taken = end
    items.extend(_paragraphs(lines[taken:], settings))
    return items


def _paragraphs(lines: list[TextLine], settings: PdfSettings) -> list[_Draft]:
    """Consecutive lines of one font, without extra space between them, are one paragraph;
    a bulleted line starts a list item of its own."""
    drafts: list[_Draft] = []
    for line in lines:
        if drafts and _continues(drafts[-1].lines[-1], line, settings):
            drafts[-1].lines.append(line)
        else:
            drafts.append(_Draft([line]))
    return drafts


def _bold_label(line: TextLine) -> bool:
    """The line opens with a label and number set in bold ("Goal 1.3 –", the goal's own
    words perhaps plain): a heading's start."""
    return bool(LABELLED_HEADING.match(line.text)) and all(
        is_bold(word) for word in line.words[:2])


def _labelled(draft: _Draft, body: float) -> bool:
    """The paragraph opens a heading with a label and number: set in bold (``_bold_label``),
    or set larger than the body text, if by less than a heading's size ratio (Word's
    "Heading 2" at 13 pt over 12 pt body, told apart by its colour alone)."""
    first = draft.lines[0]
    return _bold_label(first) or (
        bool(LABELLED_HEADING.match(first.text)) and draft.size >= body + _LARGER)


#: A line this much larger (pt) than the body text is set apart from it.
_LARGER = 0.75


def _continues(previous: TextLine, line: TextLine, settings: PdfSettings) -> bool:
    """``line`` carries on the paragraph ``previous`` ends: same font, no extra space, no
    bullet, and not a bold label and number opening a heading of its own ("Goal 1: ..."
    set straight under a bold caption)."""
    if bulleted(line.text)[0] or _bold_label(line):
        return False
    size = previous.size
    spacing = line.top - previous.bottom
    return (
        spacing <= settings.paragraph_gap * size
        and abs(line.size - size) < 0.5
        and line.bold == previous.bold
    )


# -- the whole document ------------------------------------------------------------------------


def assemble_blocks(pages: list[PageContent], settings: PdfSettings) -> list[Block]:
    """Drop furniture, decide heading levels, number the tables: the document's blocks."""
    repeats = Counter(text for page in pages for text in page.edge_texts)
    needed = max(2, settings.furniture_share * len(pages))
    furniture = {text for text, count in repeats.items() if count >= needed}
    kept: list[tuple[int, Table | _Draft]] = []
    for page in pages:
        for item in page.items:
            if _drop_furniture(item, furniture, page.height, settings):
                kept.append((page.number, item))
    sizes: Counter[float] = sum((page.sizes for page in pages), Counter())
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    drafts = [item for _, item in kept if isinstance(item, _Draft)]
    levels = _heading_levels(drafts, body, settings)
    blocks: list[Block] = []
    tables = 0
    for number, item in kept:
        if isinstance(item, Table):
            item.index, tables = tables, tables + 1
            blocks.append(item)
        else:
            blocks.append(item.paragraph(number, levels.get(id(item))))
    return blocks


def _drop_furniture(
    item: Table | _Draft, furniture: set[str], height: float, settings: PdfSettings
) -> bool:
    """Remove running header and footer lines from the item; False when nothing is left."""
    band = settings.furniture_band * height

    def is_furniture(text: str, top: float, bottom: float) -> bool:
        return (bottom <= band or top >= height - band) and fold_numbers(text) in furniture

    if isinstance(item, _Draft):
        item.lines = [
            line for line in item.lines if not is_furniture(line.text, line.top, line.bottom)
        ]
        return bool(item.lines)
    if item.ruled:
        return True
    # A borderless table may have taken a header or footer line in as its first or last
    # row; a row with text in several columns (a repeated table header) is never furniture.
    for end in (0, -1):
        if item.rows:
            row = item.rows[end]
            texts = [cell.text for cell in row.cells if cell.text]
            if len(texts) == 1 and row.bbox and is_furniture(texts[0], row.bbox[1], row.bbox[3]):
                item.rows.pop(end)
    return bool(item.rows)


#: A labelled heading's opening label ("Performance Objective ").
_LABEL_OPENING = re.compile(HEADING_LABEL_OPENING, re.IGNORECASE)


def _labels_of_headings(drafts: list[_Draft], ranked: dict[int, float], body: float
                        ) -> dict[int, float]:
    """Labelled paragraphs left out of the headings for their length alone, ranked as the
    headings the document opens with the same label ("Performance Objective 1: ..." of 54
    words, where "Performance Objective 2: ..." of 20 is a heading): the layout, a label the
    plan uses for its headings, says what they are; a word count is only a guess. Each takes
    the size most of those headings rank at."""
    sizes: dict[str, Counter[float]] = {}
    left: list[tuple[_Draft, str]] = []
    for draft in drafts:
        label = _label_key(draft, body)
        if label is None:
            continue
        if id(draft) in ranked:
            sizes.setdefault(label, Counter())[ranked[id(draft)]] += 1
        elif not bulleted(draft.text)[0]:
            left.append((draft, label))
    return {id(draft): sizes[label].most_common(1)[0][0]
            for draft, label in left if label in sizes}


def _label_key(draft: _Draft, body: float) -> str | None:
    """The label a labelled heading's paragraph opens with, lower case ("performance
    objective" for "Performance Objective 2: ..."), or None for any other paragraph."""
    if not _labelled(draft, body):
        return None
    opening = _LABEL_OPENING.match(draft.lines[0].text)
    return " ".join(opening.group(0).lower().split()) if opening else None


def _heading_levels(drafts: list[_Draft], body: float, settings: PdfSettings) -> dict[int, int]:
    """Heading level per draft id: larger sizes rank higher; bold body-size lines come last.
    The document's first paragraph, when it is its largest heading, is the title (level 0)."""

    def rank_size(draft: _Draft) -> float | None:
        if draft.size >= settings.heading_size_ratio * body:
            return round(draft.size)
        is_item, text = bulleted(draft.text)
        if _labelled(draft, body) and not is_item:
            # a goal stated whole after its bold label: long, perhaps a sentence
            if len(text.split()) <= settings.labelled_heading_max_words and not (
                    PUNCTUATED_END.search(text) and not text.endswith(".")):
                return round(body) - 0.5
            return None
        if (draft.bold and not is_item and len(text.split()) <= settings.bold_heading_max_words
                and not PUNCTUATED_END.search(text)):
            return round(body) - 0.5  # below every larger size
        return None

    ranked = {id(draft): size for draft in drafts if (size := rank_size(draft)) is not None}
    ranked.update(_labels_of_headings(drafts, ranked, body))
    if not ranked:
        return {}
    levels = {}
    first = drafts[0]
    largest = max(ranked.values())
    title = id(first) in ranked and ranked[id(first)] == largest and largest > body
    if title and sum(size == largest for size in ranked.values()) == 1:
        levels[id(first)] = 0
        del ranked[id(first)]
    order = sorted(set(ranked.values()), reverse=True)
    levels.update({key: order.index(size) + 1 for key, size in ranked.items()})
    return levels
