"""Logical tables to raw actions: one path for every format.

A document's blocks (paragraphs and tables, already stitched across pages)
are walked in reading order while a small context is kept: the plan title,
the current theme and objective. Each table is classified:

* an **action table** has a header row naming the action column and at least
  one other field (``headers.map_header_row``) — its roles are then still decided with
  the columns' content (``roles.decide_roles``), which may overrule a label — or columns
  whose words and content ``decide_roles`` reads as an action plan; its data rows become
  actions; rows spanning the whole width are theme / objective headings;
* a **continuation** has no header but the column count of the action table
  just before it: its rows carry on that table; a headerless table laid out like an
  earlier action table of the document (a later section printed without a header)
  takes that table's roles;
* a **header apart**: a one-row table whose cells read as column labels is the header
  of the headerless table of the same width under it (a header set apart from its body);
* a **key-value block** ("Block | Safer Communities", "LAA Outcome(s) | ...")
  updates the plan context, or is one action when its labels are action
  fields ("Action reference | PB1", "Action | ...", "Lead officer | ...");
* anything else (partner lists, budgets, district summaries) gives no rows.

Nothing is normalised here: a ``RawAction`` holds the printed text of each
field plus provenance and the structural guesses made (rows re-joined after a
page break, several actions split out of one row). Finding a reference at the
start of the text is structure, read with ``lexicon``'s reference patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planharvest.extract.grid import BBox, Block, Cell, DocumentContent, Paragraph, Row, Table
from planharvest.extract.headers import (
    ACTION_FIELDS,
    context_field,
    is_action_header,
    map_header_row,
)
from planharvest.extract.labelled import (
    LabelledRecord,
    ListRecord,
    action_line,
    bare_list_label,
    opens_record,
)
from planharvest.extract.outline import outline_bands
from planharvest.extract.roles import (
    UNIQUE_ROLES,
    TableRoles,
    column_starts,
    decide_roles,
    find_header_row,
    head_noun,
    head_words,
    header_evidence,
    header_field,
    inherit_mapping,
    names_fields,
    rank_share,
    role_words,
    vetoed_by_content,
)
from planharvest.extract.stitch import join_cut_paragraphs
from planharvest.extract.timeline import TICK, Period, period_columns, ticked_deadline
from planharvest.lexicon import (
    CONTINUED_MARK,
    GROUP_LABELS,
    HEADING_LABEL_OPENING,
    LABELS_CAPTION,
    LEGEND_ENTRIES,
    REF_CELL,
    SENTENCE_END,
    split_leading_ref,
    split_multi_refs,
)
from planharvest.settings import Settings

#: A heading row that numbers an objective: "2- Increase targeted ...", "3. Work in ...".
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\s*[-–.)]\s*\S")
#: A heading row numbered as a section of the document ("3.1 Welfare Sector Transparency
#: Board"): it names the section the rows under it belong to, a theme, not an objective.
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(\.\d{1,2})+\.?\s+[^\d\s]")
#: A heading that numbers one group of actions by name: "Action 1. ...", "Objective 2: ...".
_LABELLED_NUMBER = re.compile(rf"{HEADING_LABEL_OPENING}\d{{1,2}}\b", re.IGNORECASE)
#: A heading that is only such a label and number ("ACTION 11"): the group's title follows
#: as the next heading, and the two are one objective ("ACTION 11 Develop a Repository ...").
_BARE_LABEL = re.compile(
    r"^\s*(action|objective|goal|aim|priority|outcome|commitment)\s+\d{1,2}\s*[.:]?\s*$",
    re.IGNORECASE)
#: A date or a code in a cell: data, never a header's second line.
_REF_OR_DATE = re.compile(r"\d")
#: Rows that a reader may mark as continuing the previous one start like this.
_LOWER_START = re.compile(r"^[a-z(]")


@dataclass
class RawAction:
    """The printed text of one action, field by field, with where it came from."""

    fields: dict[str, str]  # field (headers.ACTION_FIELDS) -> cell text, lines joined by "\n"
    theme: str = ""
    objective: str = ""
    page: int | None = None
    bbox: BBox | None = None
    #: where the header row of the row's table is printed: (page, box); None without one
    header_place: tuple[int, BBox] | None = None
    table_index: int = 0
    has_owner_column: bool = True
    split_across_pages: bool = False  # joined back from a row cut by a page break
    #: why the join is certain ("page_break", "continuation": data/flags.csv); "" when the
    #: joined part could have been an action of its own
    split_evidence: str = ""
    merge_note: str = ""  # set when several actions were split out of one row by a guess
    ref_from_text: bool = False  # the reference was read from the start of the action text
    #: set when the table's roles were read from its content, not its header: the roles chosen
    roles_note: str = ""
    #: the objective was read from an outcome or target column before the action (a guess)
    objective_from_aim: bool = False
    #: provenance of that guess: the aim column is the first labelled column of its table,
    #: only unlabelled columns printed left of it (the layout of why -> what -> who)
    aim_column_first: bool = False
    #: read from labelled lines under a heading (``labelled``): the labels read
    labelled_note: str = ""
    #: the labelled value was printed once for a list of actions and is shared by each
    labelled_shared: bool = False
    #: the owner is the first name of a cell whose header names the lead and its partners
    #: ("Responsables et partenaires"); the other names went to the partners
    lead_first: bool = False
    #: the deadline was read from ticks under period columns (``timeline``): the labels ticked
    ticks_note: str = ""

    def text(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass
class _Form:
    """A titled form being read: its action, how well each field's label named it, and the
    field the last value went to (a row holding only a value carries that one on)."""

    action: RawAction
    values: dict[str, str] = field(default_factory=dict)  # field -> value, as printed
    scores: dict[str, float] = field(default_factory=dict)
    last: str | None = None


@dataclass
class _Context:
    title: str = ""
    theme: str = ""
    objective: str = ""
    #: the level of the paragraph heading that gave the theme (None: none, or a table's)
    theme_level: int | None = None
    #: the objective is a bare label and number ("ACTION 11") whose title is the next heading
    objective_open: bool = False
    mapping: dict[int, str] = field(default_factory=dict)  # current action table's columns
    n_cols: int = 0
    table_ended: bool = True  # a heading came after the last action table
    roles_note: str = ""  # the current table's roles were inferred: which (extract/roles.py)
    aim_objective: bool = False  # the current table's objective column is an aim column
    aim_first: bool = False  # ... and it is the table's first labelled column
    #: the heading read last and the labelled lines under it (``labelled``)
    record: LabelledRecord | None = None
    #: the open list of actions sharing one labelled who/when line (``labelled``)
    listing: ListRecord | None = None
    #: the paragraph read last and the theme before it: the objective a list heads
    previous: tuple[str, str] = ("", "")
    #: headings that headed a list as its objective -> (the theme above them, their level):
    #: a heading numbered like the objectives, or set at their level, is one of them, no
    #: theme for the lists after it
    list_heads: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    #: the current table's owner column is headed as the lead and its partners: the first
    #: name in a cell is the lead (``_lead_first``)
    lead_first: bool = False
    header_texts: list[str] | None = None  # the current table's header row, as printed
    #: the current table's period columns, whose ticks give the deadline (``timeline``)
    periods: dict[int, Period] = field(default_factory=dict)
    #: the current table's sub-labels of a time frame ("Q1"), for cells holding a tick
    marks: dict[int, str] = field(default_factory=dict)
    header_place: tuple[int, BBox] | None = None  # its page and box (PDF), for pictures
    starts: list[float | None] = field(default_factory=list)  # its header cells' left x
    decisions: list[TableRoles] = field(default_factory=list)  # one per table read
    explain: bool = False  # read every table's column evidence (tables --roles)
    #: the open one-table-per-action form (a numbered title over label | value rows), which
    #: the label | value tables after it continue (a form cut by page breaks)
    form: _Form | None = None
    #: header rows whose roles were read by their words in this document -> (mapping, note)
    known_headers: dict[tuple[str, ...], tuple[dict[int, str], str]] = field(default_factory=dict)
    #: the key-value table's action read last, which a key-value table naming no action on
    #: the next page continues (``_read_keyed_table``)
    keyed: RawAction | None = None
    #: a one-row table of column labels held back for the table under it (``_read_table``)
    header_apart: Table | None = None
    #: the headerless action tables read so far in this document, newest last
    #: (``_known_layout``)
    layouts: list[_Layout] = field(default_factory=list)
    #: the document's top-level tables, for reading small headerless tables laid out
    #: alike together (``_siblings_decision``)
    tables: list[Table] = field(default_factory=list)
    #: the actions the current objective column cell was given to, which its text run on at
    #: the top of the next page joins (``_objective_runs_on``)
    objective_rows: list[RawAction] = field(default_factory=list)
    objective_cell: str = ""  # the objective cell read last, as printed


@dataclass
class _Layout:
    """How an action table of the document was laid out: its width, where its columns
    start (None for Word, which stores no positions), its roles and their note."""

    n_cols: int
    starts: list[float | None]
    mapping: dict[int, str]
    note: str


@dataclass
class Assembly:
    """What the assembler made of one document."""

    title: str
    actions: list[RawAction]
    #: what was decided about each top-level table, in order (``tables --roles``).
    decisions: list[TableRoles]

    @property
    def refused(self) -> list[TableRoles]:
        return [decision for decision in self.decisions if not decision.accepted]


def assemble_actions(content: DocumentContent, settings: Settings) -> tuple[str, list[RawAction]]:
    """Walk a document's blocks and return (plan title, raw actions in document order)."""
    assembly = assemble_document(content, settings)
    return assembly.title, assembly.actions


def assemble_document(content: DocumentContent, settings: Settings,
                      explain: bool = False) -> Assembly:
    """``assemble_actions`` with what was decided about each table and why; ``explain``:
    also the column evidence of tables taken by their header's synonyms."""
    context = _Context(title=content.title.strip(), explain=explain,
                       tables=[block for block in content.blocks
                               if isinstance(block, Table) and block.nested_in is None])
    actions: list[RawAction] = []
    gave: set[int] = set()  # tables that gave actions: the tables nested in them are text
    for block in content.blocks:
        if isinstance(block, Paragraph):
            actions.extend(_read_running_text(block, context, settings))
        elif _read_list_table(block, context, settings):
            continue
        elif block.nested_in is None or block.nested_in not in gave:
            # A table nested in a cell of a table that gave no actions (a layout table, a
            # frame round the plan) is read as a table of its own; it ends an open list or
            # labelled-line record.
            actions.extend(_close_list(context))
            actions.extend(_close_record(context))
            context.objective_open = False
            found = _read_table(block, context, actions, settings)
            if found:
                gave.add(block.index)
            actions.extend(found)
    actions.extend(_flush_held(context, actions, settings))
    actions.extend(_close_record(context))
    actions.extend(_close_list(context))
    if not context.title:
        context.title = _first_heading(content.blocks)
    return Assembly(context.title, outline_bands(actions), context.decisions)


# -- paragraphs -------------------------------------------------------------------


def _read_running_text(paragraph: Paragraph, context: _Context, settings: Settings
                       ) -> list[RawAction]:
    """A paragraph: a heading sets the theme or objective and may open a labelled-line
    record (``labelled``); other text may give the open record a labelled line. Returns the
    action of the record a heading closed, if it was one, and those of a list it ended."""
    listing = context.listing
    if listing is not None and listing.heads_list(paragraph, settings.roles):
        # the numbered paragraph read as a list's first item is the objective of the list
        # the label opens ("1. Develop strategies ..." over "Actions:")
        context.previous, context.listing = (listing.items[0][1], context.theme), None
        context.list_heads.pop(context.theme, None)  # the heading is the theme after all
    elif listing is not None and listing.take(paragraph, settings.roles):
        return []
    found = _close_list(context)
    if bare_list_label(paragraph.text, settings.roles):
        context.listing = _open_list(context)
        return found
    if context.record is not None and context.record.opens_list(paragraph):
        context.listing = _open_list(context)
        context.listing.unlabelled = True
        context.listing.take(paragraph, settings.roles)
        return found
    context.previous = (paragraph.text, context.theme)
    return found + _read_heading_or_text(paragraph, context, settings)


def _read_heading_or_text(paragraph: Paragraph, context: _Context, settings: Settings
                          ) -> list[RawAction]:
    """A paragraph that is none of a list's: a heading opens a labelled-line record."""
    if not opens_record(paragraph):
        _read_paragraph(paragraph, context)
        action = action_line(paragraph, settings.roles)
        found = [] if action is None else _close_record(context)
        if action is not None:
            context.record = LabelledRecord(heading=action, page=paragraph.page,
                                            bbox=paragraph.bbox, theme=context.theme,
                                            objective=context.objective)
        if context.record is not None:
            context.record.take(paragraph, settings.roles)
        return found
    found = _close_record(context)
    theme_before, level_before = context.theme, context.theme_level
    _read_paragraph(paragraph, context)
    heading = _heading(paragraph.text)
    context.record = LabelledRecord(
        heading=heading, page=paragraph.page, bbox=paragraph.bbox,
        theme=theme_before if context.theme == heading else context.theme,
        objective="" if context.objective == heading else context.objective,
        theme_level=level_before if context.theme == heading else context.theme_level)
    return found


def _close_record(context: _Context) -> list[RawAction]:
    """The open labelled-line record as an action when it is one; the record is closed."""
    record, context.record = context.record, None
    if record is None or not record.complete():
        return []
    if context.theme == record.heading:
        # the heading was an action, no theme: the next record is under the same theme
        context.theme, context.theme_level = record.theme, record.theme_level
    if context.objective == record.heading:
        context.objective = record.objective
    fields = record.fields()
    return [RawAction(fields=fields, theme=record.theme, objective=record.objective,
                      page=record.page, bbox=record.bbox, has_owner_column="owner" in fields,
                      split_across_pages=record.cut_by_page, labelled_note=record.note)]


def _open_list(context: _Context) -> ListRecord:
    """A list of actions opening under the paragraph read last, its objective; under a
    heading whose record has read who or when lines, those are the list's shared lines."""
    record, context.record = context.record, None
    text, theme = context.previous if record is None else (record.heading, record.theme)
    heading = _heading(text)
    objective = split_leading_ref(heading)[1] or heading
    if context.theme == heading:
        above, level = context.list_heads.get(theme, (theme, None))
        # heuristic: the heading above heads a list too, at this heading's level: a sibling
        # objective, under the same theme
        sibling = level is not None and level == context.theme_level
        context.list_heads[heading] = (above if sibling else theme, context.theme_level)
    listing = ListRecord(theme=context.list_heads.get(context.theme, (context.theme, None))[0],
                         objective=objective)
    if record is not None:
        listing.share(record)
    return listing


def _read_list_table(table: Table, context: _Context, settings: Settings) -> bool:
    """A two-column table that is a list of actions (number | item under an "Actions:"
    row) read into the open list, or opening one; False when the table is no such list."""
    if table.n_cols != 2 or not table.rows:
        return False
    pairs = [(" ".join(" ".join(row.cells[0].lines).split()),
              " ".join(" ".join(row.cells[1].lines).split())) for row in table.rows]
    listing = context.listing
    if listing is None:
        if not bare_list_label(pairs[0][0], settings.roles):
            return False
        listing = _open_list(context)
    if not listing.take_rows(pairs, table.page, table.bbox, settings.roles):
        return False
    context.listing = listing
    return True


def _close_list(context: _Context) -> list[RawAction]:
    """The open list's items as actions when a labelled who/when line came for them."""
    listing, context.listing = context.listing, None
    if listing is None or not listing.complete():
        return []
    return [RawAction(fields={"action": text, **({"action_ref": ref} if ref else {}),
                              **listing.values},
                      theme=listing.theme, objective=listing.objective, page=page, bbox=bbox,
                      has_owner_column="owner" in listing.values, labelled_note=listing.note,
                      labelled_shared=True)
            for ref, text, page, bbox in listing.items]


def _heading(text: str) -> str:
    """A heading as its words: whitespace joined, a trailing colon (it introduces what
    follows, "Animal Shelter:" above the shelter's table) and a mark that it goes on from
    an earlier page ("(continued)", "(suite)": ``lexicon.CONTINUED_MARK``) dropped."""
    words = " ".join(text.split()).rstrip(":").rstrip()
    return CONTINUED_MARK.sub("", words) or words


#: An entry of a table of contents: a title, a leader of dots, perhaps a page number.
_CONTENTS_ENTRY = re.compile(r"\S.*(\.\s?){5,}\s*\d*\s*$")


def _read_paragraph(paragraph: Paragraph, context: _Context) -> None:
    text = _heading(paragraph.text)
    opened, context.objective_open = context.objective_open, False
    if paragraph.heading_level is None and _CONTENTS_ENTRY.match(text):
        # the heading above heads a table of contents, no part of the plan
        context.theme, context.objective, context.theme_level = "", "", None
        return
    if paragraph.heading_level is None or not text:
        return
    if paragraph.heading_level == 0:
        # the printed title (besides a title in the file's metadata): heads no section
        context.title = context.title or text
        return
    if _status_caption(text):
        # "Completed actions" over a log's closed items: their status, not their theme
        context.theme, context.objective, context.theme_level = "", "", None
    elif opened:
        context.objective = f"{context.objective} {text}"  # the title under "ACTION 11"
    elif context.theme and _BARE_LABEL.match(text):
        context.objective, context.objective_open = text, True
    elif LABELS_CAPTION.match(text):
        # "Goals" over "Goal 1: ...", "Goal 2: ...": names the headings to come, no theme
        context.theme, context.objective, context.theme_level = "", "", None
    elif _under_label(text, paragraph.heading_level, context):
        context.objective = text  # "Performance Objective 2: ..." under "Goal 1: ..."
    elif (context.theme_level is not None and paragraph.heading_level > context.theme_level
            and (_NUMBERED_HEADING.match(text) or _LABELLED_NUMBER.match(text))):
        context.objective = text  # a numbered sub-heading under the theme ("Action 1. ...")
    else:
        context.theme, context.objective = text, ""
        context.theme_level = paragraph.heading_level
    context.table_ended = True
    context.form = context.keyed = None


def _under_label(text: str, level: int, context: _Context) -> bool:
    """Heuristic: a labelled heading set like the labelled theme above it, under another
    label ("Performance Objective 2: ..." under "Goal 1: ...", both bold body text) is a
    level below it; one with the theme's own label ("Goal 2: ...") is the next theme."""
    label = _LABELLED_NUMBER.match(text)
    theme_label = _LABELLED_NUMBER.match(context.theme)
    return (label is not None and theme_label is not None and level == context.theme_level
            and label.group(1).lower() != theme_label.group(1).lower())


def _under_level_label(text: str, theme: str) -> bool:
    """Heuristic: a heading row labelled by its level ("OBJECTIVE A: ...") under a theme
    labelled by another word ("ABILITY 1: ...", "GOAL 2: ...") is a level below it, an
    objective; the theme's own word ("ABILITY 2: ...") opens the next theme. The words are
    the plan's own, so none need be on a list: the order they come in tells the levels."""
    label, theme_label = _LEVEL_LABEL.match(text), _LEVEL_LABEL.match(theme)
    return (label is not None and theme_label is not None
            and label.group(1).lower() != theme_label.group(1).lower())


def _status_caption(text: str) -> bool:
    """Heuristic: a heading that only names the actions under it by their status
    ("Completed actions", "Open items", "Actions completed"; words in ``role_words.csv``):
    a log's split into open and closed, which says nothing of what the actions are about."""
    words = re.findall(r"[a-z-]+", text.lower())
    status, tracked = role_words()["status"], role_words()["tracked"]
    return (len(words) <= 3 and any(word in status for word in words)
            and any(word in tracked for word in words)
            and all(word in status or word in tracked for word in words))


#: Lines a document may print above its title: a paper's reference ("TB(4)1.i"), a marking.
_PRE_TITLE_WORDS = 3


def _first_heading(blocks: list[Block]) -> str:
    """The title of a document whose reader named none: its first heading when only short
    lines (``_PRE_TITLE_WORDS``) that are no heading come before it, else its first line."""
    lines = [block for block in blocks if isinstance(block, Paragraph) and block.text.strip()]
    if not lines:
        return ""
    first = next((block for block in lines if block.heading_level is not None
                  or len(block.text.split()) > _PRE_TITLE_WORDS), lines[0])
    return " ".join((first if first.heading_level is not None else lines[0]).text.split())


# -- tables -------------------------------------------------------------------------


def _read_table(
    table: Table, context: _Context, done: list[RawAction], settings: Settings
) -> list[RawAction]:
    """A table's actions. A one-row table of column labels is held back (``header_apart``):
    the header, set apart, of the table under it when that has none; read as itself
    otherwise."""
    held, context.header_apart = context.header_apart, None
    found: list[RawAction] = []
    if held is not None:
        joined = replace(table, rows=[held.rows[0], *table.rows])
        if (held.n_cols == table.n_cols and _find_header(table, settings) is None
                and find_header_row(table, settings.roles) is None
                and find_header_row(joined, settings.roles) == 0):
            table = joined  # heuristic: the labels' columns hold what they name
            context.decisions.append(TableRoles(
                held.index, held.page, 0, {}, [], False, False,
                f"a header set apart: read as the header of table {table.index + 1}"))
        else:
            found = _read_one_table(held, context, done, settings)
    elif len(table.rows) == 1 and names_fields(_visible_texts(table.rows[0]), settings.roles):
        context.header_apart = table
        return []
    return found + _read_one_table(table, context, [*done, *found], settings)


def _flush_held(context: _Context, done: list[RawAction], settings: Settings) -> list[RawAction]:
    """The one-row table held back as a header apart, read as itself (no table followed)."""
    held, context.header_apart = context.header_apart, None
    return [] if held is None else _read_one_table(held, context, done, settings)


def _read_one_table(
    table: Table, context: _Context, done: list[RawAction], settings: Settings
) -> list[RawAction]:
    header_at = _find_header(table, settings)
    if header_at is not None:
        row_index, synonyms = header_at
        decision = decide_roles(table, settings.roles, header_row=row_index,
                                search_header=False, synonyms=synonyms)
        if decision.accepted:
            context.form = None
            decision.reason = f"header on the synonym list, {decision.reason}"
            return _take_headed(table, decision, context, done, settings)
    form = _read_form(table, context, settings)
    if form is not None:
        return form
    context.form = None
    keyed = _read_keyed_table(table, context, settings)
    if keyed is not None:
        return keyed
    if _continues_action_table(table, context, settings):
        _decided(context, table, None, context.mapping, "continues the table before", settings)
        return _read_rows(table, table.rows, context, done, settings, continuing=True)
    inherited = _inherited_mapping(table, context, settings)
    if inherited is not None:
        _decided(context, table, None, inherited, "continues the table before (columns line up)",
                 settings)
        own = context.mapping
        context.mapping = inherited  # for this table only: the next may line up with the first
        try:
            return _read_rows(table, table.rows, context, done, settings, continuing=True)
        finally:
            context.mapping = own
    known = _known_header(table, context)
    if known is not None:
        row_index, (mapping, note) = known
        _decided(context, table, row_index, mapping, "the same header as an earlier table",
                 settings)
        context.decisions[-1].inferred = bool(note)
        found = _start_table(table, row_index, mapping, context, done, settings)
        context.roles_note = note
        return _with_note(found, note)
    decision = decide_roles(table, settings.roles)
    if decision.accepted and decision.header_row is not None:
        return _take_headed(table, decision, context, done, settings)
    if not decision.accepted and decision.header_row is None:
        layout = _known_layout(table, decision, context, settings)
        if layout is not None:
            decision.mapping, decision.accepted = dict(layout.mapping), True
            decision.reason = "laid out like an earlier action table of the document"
            for column in decision.columns:
                column.role = layout.mapping.get(column.col)
            decision.inferred = True  # a guess from the layout: the rows are flagged
        else:
            decision = _siblings_decision(table, context, settings) or decision
    if decision.accepted:
        context.decisions.append(decision)
        context.periods = _periods(table, _PERIOD_ROWS)
        context.mapping = {col: name for col, name in _complete_mapping(
            decision.mapping, table, -1).items() if col not in context.periods}
        context.n_cols, context.table_ended = table.n_cols, False
        context.header_texts, context.starts = None, _median_starts(table)
        context.header_place = None
        context.roles_note, context.aim_objective = decision.note(), False
        context.aim_first = False
        context.lead_first = False
        _remember_layout(context, table.n_cols)
        return _read_rows(table, table.rows, context, done, settings)
    form = _read_key_value_table(table, context, settings)
    if not form:
        context.decisions.append(decision)
    context.mapping, context.table_ended, context.roles_note = {}, True, ""
    context.periods = {}
    return form


def _take_headed(table: Table, decision: TableRoles, context: _Context, done: list[RawAction],
                 settings: Settings) -> list[RawAction]:
    """Read a table whose roles ``decide_roles`` took under a header row; the header is
    remembered for later tables that repeat it."""
    assert decision.header_row is not None
    context.decisions.append(decision)
    found = _start_table(table, decision.header_row, decision.mapping, context, done, settings)
    context.roles_note = decision.note() if decision.inferred else ""
    context.known_headers[tuple(context.header_texts or ())] = (
        decision.mapping, context.roles_note)
    return _with_note(found, context.roles_note)


def _start_table(table: Table, row_index: int, mapping: dict[int, str], context: _Context,
                 done: list[RawAction], settings: Settings) -> list[RawAction]:
    """Read an action table whose header is row ``row_index``."""
    above = table.rows[:row_index]
    for row, kind in zip(above, _row_kinds(above, table), strict=True):
        if kind == "heading" and not _labelled_aside(row, settings):
            _apply_heading(_spanning_text(row), context)
        elif kind == "data":
            _read_key_value_row(row, context, settings)
    labels = _visible_texts(table.rows[row_index])
    named = _by_words(_blanks_named_before(mapping, labels, context), table, row_index,
                      settings)
    mapping = _aims_before_action(named, labels)
    context.aim_objective = mapping != named
    context.aim_first = _aim_first(mapping, named, labels)
    mapping = _aims_after_action(mapping)
    context.lead_first = _names_lead_and_partners(mapping, labels, settings)
    body = row_index + 1 + _header_lines_below(table, row_index)
    context.periods = _periods(table, body + 1)  # a line of period labels under the header
    mapping = {col: name for col, name in mapping.items() if col not in context.periods}
    mapping = _sub_label_roles(mapping, table, row_index, body, context)
    mapping = _onto_spanning_cells(mapping, table.rows[body:])
    context.mapping = _complete_mapping(mapping, table, row_index)
    context.n_cols, context.table_ended = table.n_cols, False
    context.roles_note = ""
    header = table.rows[row_index]
    context.header_texts = _visible_texts(header)
    page = header.page or table.page
    context.header_place = (page, header.bbox) if page and header.bbox else None
    context.starts = column_starts(header)
    return _read_rows(table, table.rows[body:], context, done, settings)


#: Labelled columns whose roles an earlier header of another width must give at the same
#: places for a blank label here to take that header's role.
_ALIGNED_ROLES = 4


def _blanks_named_before(mapping: dict[int, str], labels: list[str], context: _Context
                         ) -> dict[int, str]:
    """The header's roles, with a column whose label is left blank given the role an
    earlier header of the document gave it, when that header has as many columns and
    gives every labelled column here the same role. A plan printed as one table per
    section whose later headers leave a label out keeps that column's field, as a copy of
    it laid out as one long table under the first header does (the PDF and the Word file
    of one plan then agree). A header of another width qualifies when it gives at least
    ``_ALIGNED_ROLES`` labelled columns here the same roles at the same places (a log's
    table of completed actions, one blank column wider, its owner column unlabelled)."""
    blanks = {col for col, label in enumerate(labels) if not label.strip() and col not in mapping}
    named = dict(mapping)
    for texts, (known, _) in reversed(context.known_headers.items()):
        alike = len(texts) == len(labels) or len(mapping) >= _ALIGNED_ROLES
        if alike and all(known.get(col) == role for col, role in mapping.items()):
            for col in sorted(blanks & known.keys()):
                named.setdefault(col, known[col])
    return named


def _header_lines_below(table: Table, row_index: int) -> int:
    """Rows under the header that are still the header: its labels' second lines set in a
    ruled row of their own ("Responsible" over "Department"), told by the header's cells
    reaching down into them (vertically merged) and their own cells reading as labels."""
    count = 0
    for row in table.rows[row_index + 1:row_index + 1 + _HEADER_LINES]:
        merged = any(cell.covered and cell.origin is not None
                     and cell.origin[0] == row_index for cell in row.cells)
        texts = [text for text in _visible_texts(row) if text.strip()]
        if not merged or any(len(text.split()) > 8 for text in texts) or (
                any(_REF_OR_DATE.search(text) for text in texts)
                and not _sub_labels(table, row_index, row)):
            break
        count += 1
    return count


#: A cell that only ticks its column: "√", "✓", "✔", "X", "●".


def _sub_label_roles(mapping: dict[int, str], table: Table, row_index: int, body: int,
                     context: _Context) -> dict[int, str]:
    """Sub-labels under a label spanning several columns. One naming a group
    (``lexicon.GROUP_LABELS``: "TRACK" beside "UN SDG" under "STRATEGIC PRIORITY") makes its
    column the rows' theme, whatever role the spanning label gave the group's first column;
    the parts of a time frame ("Q1" ... "Q4" under "TIME FRAME") are all the deadline, their
    labels kept (``context.marks``) to read a tick in their cells."""
    roles = dict(mapping)
    context.marks = {}
    header = table.rows[row_index].cells
    for row in table.rows[row_index + 1:body]:
        if not _sub_labels(table, row_index, row):
            continue
        for col, text in enumerate(_visible_texts(row)):
            above = header[col]
            origin = above.origin[1] if above.covered and above.origin is not None else col
            if " ".join(text.lower().split()) in GROUP_LABELS:
                roles[col] = "theme"
            elif text.strip() and mapping.get(origin) == "deadline":
                roles[col] = "deadline"
                context.marks[col] = " ".join(text.split())
    return roles


#: Rows under a header that may still be its lines (sub-labels, perhaps a blank row).
_HEADER_LINES = 3


def _sub_labels(table: Table, row_index: int, row: Row) -> bool:
    """Heuristic: every filled cell of ``row`` sits under a header label spanning several
    columns: the labels of its parts ("Q1", "Q2" under "TIME FRAME"; "UN SDG", "AU AGENDA
    2063" under "STRATEGIC PRIORITY"), digits and all, not data."""
    header = table.rows[row_index].cells
    for col, cell in enumerate(row.cells):
        if cell.covered or not cell.text.strip():
            continue
        above = header[col]
        origin = above.origin if above.covered and above.origin is not None else (row_index, col)
        if table.rows[origin[0]].cells[origin[1]].col_span < 2:
            return False
    return True


def _onto_spanning_cells(mapping: dict[int, str], rows: list[Row]) -> dict[int, str]:
    """A label printed over the middle of a wider body cell: the body's cells start in a
    column left of the label's (a grid cut by the header's own rules) and span it, so the
    label's field goes to the column where the body's text is. Only where that column
    has no field and every body row spans the label's column from it."""
    moved = dict(mapping)
    for col, name in mapping.items():
        origins = {cell.origin[1] if cell.covered and cell.origin is not None else None
                   for row in rows for cell in [row.cells[col]] if any(_visible_texts(row))}
        if len(origins) != 1:
            continue
        origin = next(iter(origins))
        if origin is not None and origin < col and origin not in moved:
            del moved[col]
            moved[origin] = name
    return moved


def _by_words(mapping: dict[int, str], table: Table, header_row: int, settings: Settings
              ) -> dict[int, str]:
    """Labels of the header row that the synonym list did not know, read by their words
    ("Lead Officer/Agency" next to "Ref", "Action", "By when"); one column per unique role,
    none where the column's cells rule the role out ("Priority" over ranks:
    ``vetoed_by_content``)."""
    completed = dict(mapping)
    for col, label in enumerate(_visible_texts(table.rows[header_row])):
        if col in completed or not label.strip():
            continue
        named = header_field(label, settings.roles)
        if named is not None and vetoed_by_content(table, header_row, col, named[0]):
            continue
        if named is not None and not (named[0] in UNIQUE_ROLES
                                      and named[0] in completed.values()):
            completed[col] = named[0]
        elif named is not None and named[0] == "action" and min(
                c for c, name in completed.items() if name == "action") < col:
            completed[col] = SUB_ACTION  # "ISSUE / ACTION | SUB TASKS"
    return completed


#: Columns that name what is sought: the objective when they stand before the action.
_AIM_FIELDS = ("outcomes", "kpi")
#: Head nouns of a notes label naming what an action answers: the objective before the
#: action ("Issue | Action | To be actioned by"), notes after it ("Due by | Commitment |
#: Status | Issues | Owner").
_AIM_NOTES = frozenset({"issue", "topic"})


def _aims_before_action(mapping: dict[int, str], labels: list[str]) -> dict[int, str]:
    """A plan reads left to right from why to what to who and when: an outcome or target
    column printed *before* the action column ("Desired outcome | Actions ...", "Targets |
    Action") states the aim the action serves, so it is the objective, and so does an
    issue column (``_AIM_NOTES``); after the action it is what will be measured, or a note.
    Only where no column is labelled as the objective."""
    action = next((col for col, name in sorted(mapping.items()) if name == "action"), None)
    if action is None or "objective" in mapping.values():
        return mapping
    aim = next((col for col, name in sorted(mapping.items())
                if col < action and (name in _AIM_FIELDS or name == "notes" and col < len(labels)
                                     and head_noun(head_words(labels[col])) in _AIM_NOTES)),
               None)
    return mapping if aim is None else {**mapping, aim: "objective"}


def _aim_first(mapping: dict[int, str], named: dict[int, str], labels: list[str]) -> bool:
    """Whether the aim column ``_aims_before_action`` made the objective is the first
    labelled column of the header: nothing but unlabelled columns printed left of it."""
    aim = next((col for col, name in mapping.items()
                if name == "objective" and named.get(col) != "objective"), None)
    return aim is not None and not any(label.strip() for label in labels[:aim])


def _aims_after_action(mapping: dict[int, str]) -> dict[int, str]:
    """The other half of ``_aims_before_action``: a column labelled as the objective printed
    *after* the action column ("Planned activity | General objectives") states each action's
    own aim, not a heading its rows sit under: it is the row's outcome."""
    action = next((col for col, name in sorted(mapping.items()) if name == "action"), None)
    if action is None:
        return mapping
    return {col: "outcomes" if name == "objective" and col > action else name
            for col, name in mapping.items()}


def _known_header(table: Table, context: _Context
                  ) -> tuple[int, tuple[dict[int, str], str]] | None:
    """A leading row that repeats a header already read in this document (a plan of many
    small tables under one header: too few rows each to judge alone)."""
    for index, row in enumerate(table.rows[:3]):
        known = context.known_headers.get(tuple(_visible_texts(row)))
        if known is not None:
            return index, known
    return None


def _with_note(found: list[RawAction], note: str) -> list[RawAction]:
    for raw in found:
        raw.roles_note = note
    return found


def _decided(context: _Context, table: Table, header_row: int | None, mapping: dict[int, str],
             reason: str, settings: Settings) -> None:
    """Record a table taken by the header list or as a continuation; its columns' evidence
    is read only when asked for (``tables --roles``)."""
    if context.explain:
        decision = decide_roles(table, settings.roles, header_row=header_row,
                                search_header=False)
        for column in decision.columns:
            column.role = mapping.get(column.col)
    else:
        decision = TableRoles(table.index, table.page, header_row, {}, [], True, False, "")
    decision.mapping, decision.accepted, decision.reason = dict(mapping), True, reason
    decision.inferred = bool(context.roles_note) and header_row is None
    context.decisions.append(decision)


def _remember_layout(context: _Context, n_cols: int) -> None:
    context.layouts.append(_Layout(n_cols, list(context.starts), dict(context.mapping),
                                   context.roles_note))


def _known_layout(table: Table, decision: TableRoles, context: _Context, settings: Settings
                  ) -> _Layout | None:
    """The latest headerless action table of the document that ``table`` (no header either,
    refused alone: too little evidence in its few rows) is laid out like -- a plan whose
    sections print no header; a table under a header is not compared (a form of label |
    value rows is laid out like a header and its values). Heuristic: the same width, the
    columns starting where that table's did (PDF), and what the content alone says
    agrees: the action in the same column, and no column given a role the earlier table
    gave another."""
    mine = decision.mapping
    action = next((col for col, role in mine.items() if role == "action"), None)
    if action is None:
        return None
    starts = _median_starts(table)
    tolerance = settings.roles.column_tolerance
    for layout in reversed(context.layouts):
        if layout.n_cols != table.n_cols or layout.mapping.get(action) != "action":
            continue
        if any(layout.mapping.get(col) not in (None, role) for col, role in mine.items()):
            continue
        if all(a is None or b is None or abs(a - b) <= tolerance
               for a, b in zip(starts, layout.starts, strict=True)):
            return layout
    return None


#: Tables a document must print laid out alike, headerless, for their rows to be read
#: together (``_siblings_decision``).
_MIN_SIBLINGS = 2


def _siblings_decision(table: Table, context: _Context, settings: Settings
                       ) -> TableRoles | None:
    """Roles read from the rows of every headerless table of the document laid out like
    ``table`` (refused alone: too few rows to judge) -- an action log printed as one small
    table per section under its own heading, with no header anywhere ("Circulate minutes |
    KK | New"). Heuristic: the same width, the columns starting where its columns start
    (PDF), no header row in any; taken only when the rows together read as an action
    table, and always as inferred (the rows are flagged with the roles chosen)."""
    starts = _median_starts(table)
    tolerance = settings.roles.column_tolerance
    alike = [other for other in context.tables
             if other.n_cols == table.n_cols and other.rows
             and all(a is None or b is None or abs(a - b) <= tolerance
                     for a, b in zip(starts, _median_starts(other), strict=True))
             and find_header_row(other, settings.roles) is None]
    if len(alike) < _MIN_SIBLINGS:
        return None
    pooled = replace(table, rows=[row for other in alike for row in other.rows])
    decision = decide_roles(pooled, settings.roles, search_header=False)
    action = next((col for col, role in decision.mapping.items() if role == "action"), None)
    if not decision.accepted or action is None or not any(
            _visible_texts(row)[action].strip() for row in table.rows):
        return None  # a fragment ("costings" alone) holds no action of its own
    decision.inferred = True
    decision.reason = (f"roles read from the rows of the {len(alike)} headerless tables "
                       "of the document laid out alike")
    return decision


def _median_starts(table: Table) -> list[float | None]:
    starts: list[float | None] = []
    for col in range(table.n_cols):
        xs = sorted(row.cells[col].bbox[0] for row in table.rows
                    if not row.cells[col].covered and row.cells[col].bbox is not None)
        starts.append(xs[len(xs) // 2] if xs else None)
    return starts


def _inherited_mapping(table: Table, context: _Context, settings: Settings
                       ) -> dict[int, str] | None:
    """The roles of the action table just before, carried onto a continuation drawn on
    another grid (a page with fewer columns) when its columns start where those did."""
    if not context.mapping or context.table_ended or not context.starts or table.page is None:
        return None
    if table.rows and (table.rows[0].is_header or map_header_row(_visible_texts(table.rows[0]),
                                                                 settings)):
        return None
    return inherit_mapping(table, context.starts, context.mapping, settings.roles.column_tolerance)


def _continues_action_table(table: Table, context: _Context, settings: Settings) -> bool:
    """No header of its own, the previous action table's width, no heading in between, and
    not opening with a header row of another kind (a risk table under an action table):
    one Word marks as a header, or whose cells read as column labels ("Timescales"), as a
    PDF, which marks no headers, shows it."""
    if not context.mapping or context.table_ended or table.n_cols != context.n_cols:
        return False
    if not table.rows:
        return True
    first = table.rows[0]
    return not (first.is_header or map_header_row(_visible_texts(first), settings))


def _find_header(table: Table, settings: Settings) -> tuple[int, dict[int, str]] | None:
    """The first row (of the first twelve) that reads as an action header."""
    for index, row in enumerate(table.rows[:12]):
        mapping = map_header_row(_visible_texts(row), settings)
        if is_action_header(mapping, settings):
            return index, mapping
    return None


def _complete_mapping(mapping: dict[int, str], table: Table, header_index: int) -> dict[int, str]:
    """Give unlabelled columns a field: a column of short codes is the reference column
    (whole numbers that do not count up are ranks: ``rank_share``), any other unlabelled
    column with text is ``notes`` (nothing in a row is dropped)."""
    completed = dict(mapping)
    data_rows = table.rows[header_index + 1 :]
    for col in range(table.n_cols):
        if col in completed or (header_index >= 0 and table.rows[header_index].cells[col].covered):
            continue
        values = [row.cells[col].text.strip() for row in data_rows if not row.cells[col].covered]
        values = [value for value in values if value]
        if not values:
            continue
        refs = sum(bool(REF_CELL.match(value)) for value in values)
        if ("action_ref" not in completed.values() and refs >= max(1, len(values) * 0.6)
                and not rank_share(values)):
            completed[col] = "action_ref"
        elif _groups_rows(col, values, completed):
            completed[col] = "theme"
        else:
            completed[col] = "notes"
    return completed


def _groups_rows(col: int, values: list[str], mapping: dict[int, str]) -> bool:
    """An unlabelled column before every labelled one whose short labels repeat down the
    rows, each in one run ('Short Term', 'Short Term', 'Medium Term'): it groups the rows,
    as a theme does. Labels that come back after others (statuses, 'Complete', 'On track',
    'Complete') group nothing."""
    runs = 1 + sum(value != before for before, value in zip(values, values[1:], strict=False))
    return (all(col < other for other in mapping) and len(values) >= 2
            and all(len(value.split()) <= 4 for value in values)
            and len(set(values)) <= len(values) / 2 and runs == len(set(values)))


def _visible_texts(row: Row) -> list[str]:
    return ["" if cell.covered else cell.text for cell in row.cells]


def _filled_texts(row: Row) -> list[str]:
    """The texts of the row's filled cells, as printed (lines kept; none lent by a merged
    cell)."""
    return [cell.text for cell in row.cells if not cell.covered and cell.text.strip()]


def _filled_text(row: Row) -> str:
    """The text of the first filled cell of a row, as printed (lines kept)."""
    return _filled_texts(row)[0]


def _spanning_text(row: Row) -> str:
    """The text of the one filled cell of a heading row; a title over a list in one cell
    ("Wider strategies" over "− Supporting pupils' ...") is the title alone."""
    text = _filled_text(row)
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines[1:]):
        return " ".join(lines[0].split())
    return _title_over_prose(text) or " ".join(text.split())


#: A heading is at most this many words; running text across a table is longer.
_HEADING_WORDS = 15
#: A row of running text: two sentences or more, of this many words in all.
_PROSE_WORDS = 20
_SENTENCE_BREAK = re.compile(r"[a-z)][.!?][’”\"')]?\s+[A-Z‘“][a-z]")


def _is_prose(text: str) -> bool:
    """Heuristic: a paragraph of running text (a section's introduction set across the
    table), not a heading: several sentences, of some length, not opened by a number (a
    numbered objective may run long: "4-Develop closer working links ... e.g. Voluntary
    Codes ...")."""
    return (len(text.split()) > _PROSE_WORDS and not _NUMBERED_HEADING.match(text)
            and bool(_SENTENCE_BREAK.search(text)))


def _title_over_prose(text: str) -> str | None:
    """The first line of a cell that sets a short title over a paragraph of running text
    ("3.3 Engagement with external data users ..." over "The ODI is an independent ..."):
    the title is the heading; None for any other cell."""
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or len(lines[0].split()) > _HEADING_WORDS or SENTENCE_END.search(lines[0]):
        return None
    return lines[0] if _is_prose(" ".join(lines[1:])) else None


def _heading_text(row: Row, n_cols: int) -> str | None:
    """The text of a row that spans the table's width (a theme or objective heading)."""
    filled = [cell for cell in row.cells if not cell.covered and cell.text.strip()]
    if len(filled) != 1 or n_cols < 2:
        return None
    cell = filled[0]
    if cell.col_span >= max(2, n_cols - 1):
        return " ".join(cell.text.split())
    return None


#: An action cell that is only a sum of money: the row is a budget line, not an action.
_AMOUNT = re.compile(r"\(?[£$€]\s?\d[\d,.]*\s?(k|m|bn|million)?\)?", re.IGNORECASE)

#: A quotation across the table ("EEF: ‘Improving the quality of teaching ...’", "EEF:
#: Phonics approaches have been ..."): an opening quote within a few words, or a source
#: cited by its initials and a colon, then a passage of twelve words or more.
_QUOTATION = re.compile(r"^([^‘“\"]{0,40}[‘“\"]|[A-Z]{2,8}:)\s*(\S+\s+){11,}")

#: A list item's marker: "− High-quality teaching", "• Clear markings".
_LIST_ITEM = re.compile(r"^\s*[-−–•·▪■*]\s")


def _text_width(rows: list[Row], n_cols: int) -> int:
    """Columns that hold text in some row: a ruled PDF table may carry an empty column
    at an edge (a margin cell), which a heading's span need not cover."""
    empty = sum(all(row.cells[col].covered or not row.cells[col].text.strip() for row in rows)
                for col in range(n_cols))
    return n_cols - empty if empty < n_cols else n_cols


def _row_kinds(rows: list[Row], table: Table) -> list[str]:
    """'heading', 'prose' or 'data' for each row. A row spanning the table is a heading
    unless it reads as running text: a list item, a quotation ("EEF: ‘...’"), a line
    starting in lower case (the rest of a sentence), or the first line of a paragraph whose
    next spanning line carries its sentence on (a quotation printed one line per row)."""
    width = _text_width(table.rows, table.n_cols)
    texts = [_heading_text(row, width) for row in rows]
    kinds: list[str] = []
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else None
        if text is None:
            kinds.append("data")
        elif (_LIST_ITEM.match(text) or _LOWER_START.match(text) or _QUOTATION.match(text)
              or _LEAD_IN.match(text) or _cites_paragraphs(text)
              or (following is not None and _LOWER_START.match(following))
              or (_is_prose(text) and _title_over_prose(_filled_text(rows[index])) is None)):
            kinds.append("prose")
        else:
            kinds.append("heading")
    return kinds


#: A spanning row opened by a phrase that leads into what follows its colon ("Illustrated
#: on Key Diagram by: BA boundary, ..."): a note on the table, no heading.
_LEAD_IN = re.compile(r"^\s*\w+(?:\s+\w+){2,}\s+[a-z]\w*\s*:\s*\S")


#: A reference to the document's own numbered paragraphs ("as set out in paragraphs 4.10").
_CROSS_REFERENCE = re.compile(r"\b(?:paragraphs?|paras?\.?)\s+\d+(?:\.\d+)*", re.IGNORECASE)


def _cites_paragraphs(text: str) -> bool:
    """Heuristic: a spanning row longer than a heading that points to the document's own
    paragraphs ("The Core Strategy policies below meet the Spatial Vision (as set out in
    paragraphs 4.10, ...)"): a note on the table, no heading."""
    return len(text.split()) > _HEADING_WORDS and bool(_CROSS_REFERENCE.search(text))


#: A caption that only numbers a table or figure ("Table 7.1"): no section of the plan.
_CAPTION = re.compile(r"^(table|figure|fig\.?|chart)\s*[\dA-Z]{1,3}([.-]\d{1,3})*[.:]?$",
                      re.IGNORECASE)


#: A heading row that names its level by a word and a number or letter ("ABILITY 1:
#: ...", "OBJECTIVE A: ...", "Goal 2 – ..."): the word is group 1.
_LEVEL_LABEL = re.compile(r"^\s*([A-Za-z]{3,})\s+(?:\d{1,2}|[A-Z])\s*[:.–—-]\s*\S")


def _apply_heading(text: str, context: _Context) -> None:
    text = _heading(text)
    if _CAPTION.match(text):
        return
    if ((_NUMBERED_HEADING.match(text) and not _SECTION_NUMBER.match(text))
            or _under_level_label(text, context.theme)):
        context.objective = text
    else:
        theme = "" if _status_caption(text) else text
        context.theme, context.objective, context.theme_level = theme, "", None


def _read_rows(
    table: Table, rows: list[Row], context: _Context, done: list[RawAction], settings: Settings,
    continuing: bool = False,
) -> list[RawAction]:
    """Data rows to actions. ``continuing``: the table carries on the previous one, so its
    first row may finish the previous table's last action."""
    found: list[RawAction] = []
    may_continue = continuing
    header_lines: set[int] = set()  # the lines of a repeated header under its first
    for row, kind in zip(rows, _row_kinds(rows, table), strict=True):
        if id(row) in header_lines:
            continue
        if _labelled_aside(row, settings):
            may_continue = False
            continue  # "Monitoring:", "Indicators: ..." under a group's actions
        if kind != "data":
            if kind == "heading":
                _apply_heading(_spanning_text(row), context)
            may_continue = False
            continue
        if _repeated_header(table, row, context, header_lines):
            continue  # a header repeated inside the table, with its lines of sub-labels
        if is_action_header(map_header_row(_visible_texts(row), settings), settings):
            continue  # a header repeated inside the table
        if (tuple(_visible_texts(row)) in context.known_headers or _legend_row(row)
                or _labels_periods(row, context)):
            continue  # a header read over an earlier table; a key to the plan's symbols
        fields = _row_fields(table, row, context.mapping, context.marks)
        if not any(value.strip() for value in fields.values()) or not _own_text(row):
            continue
        label = _section_label(row, context.mapping)
        if label is not None:
            _apply_heading(label, context)
            may_continue = False
            continue
        previous = found[-1] if found else (done[-1] if done else None)
        if previous is not None and _joined_to_previous(table, row, fields, previous,
                                                        context.mapping, may_continue):
            _objective_joined(previous, row, context)
            continue
        made = _make_actions(table, row, _with_ticks(row, fields, context), context)
        found.extend(made)
        may_continue = may_continue or bool(made)
    return found


def _repeated_header(table: Table, row: Row, context: _Context, header_lines: set[int]
                     ) -> bool:
    """Whether ``row`` repeats the current table's header; the ids of the header's lines of
    sub-labels under it (``_header_lines_below``) are added to ``header_lines``."""
    if context.header_texts is None or _visible_texts(row) != context.header_texts:
        return False
    at = next(index for index, other in enumerate(table.rows) if other is row)
    below = table.rows[at + 1:at + 1 + _header_lines_below(table, at)]
    header_lines.update(id(line) for line in below)
    return True


#: Words at most of the label opening a row that says something of the rows above it.
_ASIDE_LABEL_WORDS = 3
#: The plan-context fields (``data/context_labels.csv``) such a label may name.
_ASIDE_FIELDS = frozenset({"plan_indicators", "plan_other"})


#: Rows at the top of a table with no header row found that may label its period columns.
_PERIOD_ROWS = 3


def _periods(table: Table, rows: int) -> dict[int, Period]:
    """The period columns (``timeline``) the table's first ``rows`` rows label."""
    return period_columns([
        [line for row in table.rows[:rows] for line in row.cells[col].text.splitlines()]
        for col in range(table.n_cols)])


def _labels_periods(row: Row, context: _Context) -> bool:
    """The row prints the period columns' labels (a header line of a timeline)."""
    return bool(context.periods) and all(
        row.cells[col].text.strip() == period.label for col, period in context.periods.items())


def _with_ticks(row: Row, fields: dict[str, str], context: _Context) -> dict[str, str]:
    """The row's fields with the deadline its ticks under the period columns give, where it
    has no deadline cell of its own (``timeline``)."""
    ticked = None if fields.get("deadline", "").strip() or not context.periods else (
        ticked_deadline({col: row.cells[col].text for col in context.periods}, context.periods))
    if ticked is None:
        return fields
    return {**fields, "deadline": ticked[0], _TICKS_KEY: ticked[1]}


#: The field a row's ticked labels travel in from ``_with_ticks`` to ``_make_actions``.
_TICKS_KEY = "_ticked"


def _labelled_aside(row: Row, settings: Settings) -> bool:
    """Heuristic: the row's first filled cell opens with a label and a colon that names
    how the plan is monitored or measured ("Monitoring:", "Indicators: Number of ..."):
    a note on the group's actions, no action of its own."""
    texts = _filled_texts(row)
    if not texts or ":" not in texts[0]:
        return False
    label = " ".join(texts[0].split(":", 1)[0].split())
    return (0 < len(label.split()) <= _ASIDE_LABEL_WORDS
            and context_field(label, settings) in _ASIDE_FIELDS)


def _legend_row(row: Row) -> bool:
    """Heuristic: every filled cell of the row is a key to symbols printed as pictures
    ("= Accomplished = Considerable", the icons images): a legend, no action."""
    texts = _filled_texts(row)
    return bool(texts) and all(LEGEND_ENTRIES.match(" ".join(text.split())) for text in texts)


#: Words at most of a section's name set in the action column of an otherwise empty row.
_SECTION_LABEL_WORDS = 3


def _section_label(row: Row, mapping: dict[int, str]) -> str | None:
    """The name of a section printed in the action column of a row with nothing else in it
    ("Outputs", "General Items" over the rows they group): a few words, no digits, no
    full stop; a heading, not an action."""
    filled = [col for col, cell in enumerate(row.cells) if not cell.covered and cell.text.strip()]
    if len(filled) != 1 or mapping.get(filled[0]) != "action":
        return None
    text = " ".join(row.cells[filled[0]].text.split())
    words = text.split()
    if len(words) > _SECTION_LABEL_WORDS or re.search(r"\d|[.;]$", text):
        return None
    return text if words[0][:1].isupper() else None


def _joined_to_previous(table: Table, row: Row, fields: dict[str, str], previous: RawAction,
                        mapping: dict[int, str], may_continue: bool) -> bool:
    """Join the row to the previous action when it is part of it -- lines of that action's
    row cut into a row of their own, or a row cut off it (``_continues_previous``) -- and
    say whether it was joined."""
    own = _own_fields(row, mapping)
    if _lines_of_merged_action(table, row, mapping, own):
        _join(previous, own, "continuation")
        return True
    evidence = (_continues_previous(row, fields, previous)
                if may_continue or row.continued else None)
    if evidence is None:
        return False
    _join(previous, fields, evidence, after_page_break=_on_later_page(row, previous))
    return True


def _own_fields(row: Row, mapping: dict[int, str]) -> dict[str, str]:
    """field -> the text the row prints itself (no text lent by a merged cell)."""
    parts: dict[str, list[str]] = {}
    for col, name in mapping.items():
        cell = row.cells[col]
        if not cell.covered and cell.text.strip():
            parts.setdefault(name, []).append(cell.text)
    return {name: "\n".join(texts) for name, texts in parts.items()}


def _lines_of_merged_action(table: Table, row: Row, mapping: dict[int, str],
                            own: dict[str, str]) -> bool:
    """The row's action cell is merged down from the row above and it prints text only in
    unlabelled columns (``notes``): lines of that action's row that a grid cut into rows
    of their own (a column drawn by shading's edges, one row per line), not an action.
    ``own``: the fields the row prints itself (``_own_fields``)."""
    action_col = next((col for col, name in mapping.items() if name == "action"), None)
    if action_col is None or not row.cells[action_col].covered:
        return False
    origin = row.cells[action_col].origin
    return (origin is not None and _cell_text(table, row.cells[action_col]).strip() != ""
            and bool(own) and set(own) <= {"notes"})


def _own_text(row: Row) -> bool:
    """The row prints some text of its own. A row whose only text is lent by cells merged
    down from the row above (a ruled layout that splits one column's cell in two, leaving
    the lower half empty) repeats that row and is no action of its own."""
    return bool(_filled_texts(row))


def _row_fields(table: Table, row: Row, mapping: dict[int, str],
                marks: dict[int, str] | None = None) -> dict[str, str]:
    """field -> text for one row; a vertically merged cell lends its text to every row it
    spans; a cell holding only a tick (``timeline.TICK``) under a sub-label (``marks``: "Q1" under
    "TIME FRAME") reads as that label and its tick ("Q1 √")."""
    parts: dict[str, list[str]] = {}
    for col, name in mapping.items():
        cell = row.cells[col]
        text = _cell_text(table, cell)
        if marks and col in marks and TICK.fullmatch(text.strip()):
            text = f"{marks[col]} {text.strip()}"
        if text.strip():
            parts.setdefault(name, []).append(text)
    return {name: "\n".join(texts) for name, texts in parts.items()}


def _cell_text(table: Table, cell: Cell) -> str:
    if not cell.covered:
        return cell.text
    if cell.origin is None:
        return ""
    origin_row, origin_col = cell.origin
    origin = _find_origin(table, origin_row, origin_col)
    # Only a vertical merge repeats its text; a horizontal one already gave it to its first column.
    return origin.text if origin is not None and origin.row_span > 1 else ""


def _find_origin(table: Table, row: int, col: int) -> Cell | None:
    if 0 <= row < len(table.rows) and 0 <= col < table.n_cols:
        return table.rows[row].cells[col]
    return None


#: A reference left open at the end of its cell: broken at a hyphen or slash ("CS-").
_OPEN_REF = re.compile(r"\w[-/–]$")


def _continues_previous(row: Row, fields: dict[str, str], previous: RawAction) -> str | None:
    """Whether a row is cut off the previous action (called only when no heading came in
    between), as the evidence the join rests on; None when it is not. Marked so by the
    reader (``page_break`` when text visibly runs on across the break, else ``""``), or a
    row with no reference whose action text is missing (an owner's wrapped lines), or with
    no owner either whose action starts mid-sentence (``continuation``: it can belong
    nowhere else), or follows a numbered action in a table
    with no owner column, where an unnumbered row has nothing else to make it an action
    (``""``: it could still be one)."""
    if row.continued:
        return "page_break" if row.cut_certain else ""
    if fields.get("action_ref", "").strip():
        # the rest of a reference a narrow column broke at its hyphen ("CS-" over "01")
        return "continuation" if _OPEN_REF.search(previous.text("action_ref")) else None
    action = fields.get("action", "").strip()
    if not action:
        return "continuation"  # an owner's or a date's wrapped lines, with no action of its own
    if fields.get("owner", "").strip():
        return None
    if split_leading_ref(action)[0]:
        return None
    if _LOWER_START.match(action):
        return "continuation"
    return "" if previous.text("action_ref").strip() and not previous.has_owner_column else None


#: How an objective cell's text ends when it goes on: mid-word at a hyphen ("self-") or
#: with no closing punctuation.
_CLOSED_TEXT = re.compile(r"[.!?:;)\]]$")


def _objective_runs_on(context: _Context, objective: str, row: Row) -> bool:
    """Whether an objective cell at the top of a later page goes on with the current one
    (a merged Outcome cell cut by the page break: "... for people who self-" over "neglect
    are effective"): the earlier text is open, this one starts in lower case."""
    last = context.objective_rows[-1] if context.objective_rows else None
    return (last is not None and last.objective == context.objective
            and _on_later_page(row, last) and not _CLOSED_TEXT.search(context.objective)
            and bool(re.match(r"[a-z]", objective)))


def _run_objective_on(context: _Context, objective: str) -> None:
    """The current objective goes on with ``objective``, for every action it was given to."""
    before = context.objective
    context.objective = before + objective if before.endswith("-") else f"{before} {objective}"
    for earlier in context.objective_rows:
        earlier.objective = context.objective


def _objective_joined(previous: RawAction, row: Row, context: _Context) -> None:
    """A row joined to the previous action (its text cut by the page break) whose objective
    cell goes on with the current objective: that text joins the objective, not the action's
    fields."""
    objective = " ".join(previous.fields.get("objective", "").split())
    if objective and _objective_runs_on(context, objective, row):
        del previous.fields["objective"]
        _run_objective_on(context, objective)
        context.objective_cell = objective


def _on_later_page(row: Row, previous: RawAction) -> bool:
    return row.page is not None and previous.page is not None and row.page > previous.page


def _join(previous: RawAction, fields: dict[str, str], evidence: str,
          after_page_break: bool = False) -> None:
    """The row's fields added to the previous action's, each cell's text as paragraphs
    after that action's own: a row of its own is a paragraph of its own, but a paragraph
    cut by a page break is one again (``stitch.join_cut_paragraphs``). A sub-task cell's
    run-on joins the action: a sub-task row's action is its sub-task (``_as_sub_action``)."""
    for name, text in fields.items():
        name = "action" if name == SUB_ACTION else name
        before = previous.fields.get(name, "")
        if before and after_page_break:
            previous.fields[name] = "\n".join(
                join_cut_paragraphs(before.split("\n"), text.split("\n"), head_full=False))
        else:
            previous.fields[name] = f"{before}\n{text}" if before else text
    # One doubtful join makes the row's joins doubtful.
    certain = evidence and (previous.split_evidence or not previous.split_across_pages)
    previous.split_evidence = evidence if certain else ""
    previous.split_across_pages = True


def _make_actions(
    table: Table, row: Row, fields: dict[str, str], context: _Context
) -> list[RawAction]:
    if _AMOUNT.fullmatch(" ".join(fields.get("action", "").split())):
        return []  # a spending line ("Projected spending | £50500"), not an action
    fields, parent = _as_sub_action(row, fields, context.mapping)
    if parent:
        return [replace(action, objective=" ".join(parent.split()))
                for action in _make_actions(table, row, fields, context)]
    theme = fields.pop("theme", "").strip()
    if theme:
        context.theme = " ".join(theme.split())
    objective = " ".join(fields.pop("objective", "").split())
    absorbed = (objective == context.objective_cell != context.objective
                and context.objective.endswith(objective))  # the run-on, read again
    if objective and not absorbed:
        if _objective_runs_on(context, objective, row):
            _run_objective_on(context, objective)
        elif objective != context.objective:
            context.objective, context.objective_rows = objective, []
    context.objective_cell = objective or context.objective_cell
    ticks = fields.pop(_TICKS_KEY, "")
    if not any(text.strip() for text in fields.values()):
        return []  # a row that only carries its key area on

    def new(action_fields: dict[str, str], **extra: object) -> RawAction:
        action = _new_action(action_fields, **extra)
        context.objective_rows.append(action)
        return action

    def _new_action(action_fields: dict[str, str], **extra: object) -> RawAction:
        return RawAction(
            fields=action_fields,
            theme=context.theme,
            objective=context.objective,
            page=row.page,
            bbox=row.bbox,
            header_place=context.header_place,
            table_index=table.index,
            has_owner_column="owner" in context.mapping.values(),
            split_across_pages=row.rejoined,
            split_evidence="page_break" if row.rejoined and row.cut_certain else "",
            roles_note=context.roles_note,
            objective_from_aim=context.aim_objective and bool(context.objective),
            aim_column_first=context.aim_objective and context.aim_first,
            lead_first=context.lead_first and "partners" in action_fields,
            ticks_note=ticks,
            **extra,
        )

    if context.lead_first:
        fields = _lead_first(fields)

    if fields.get("action_ref", "").strip():
        return [new(fields)]
    parts = split_multi_refs(fields.get("action", ""))
    if len(parts) <= 1:
        ref, rest = parts[0] if parts else ("", fields.get("action", ""))
        if ref:
            return [new({**fields, "action_ref": ref, "action": rest}, ref_from_text=True)]
        return [new(fields)]
    return _split_row(parts, fields, new)


#: Where the lead's name ends in an owner cell that lists the lead first: the first comma
#: or semicolon ("Conseil municipal, responsable du transport actif, service des loisirs").
_LEAD_END = re.compile(r"\s*[,;]\s*")


def _names_lead_and_partners(mapping: dict[int, str], labels: list[str], settings: Settings
                             ) -> bool:
    """The owner column's label names the partners too ("Responsables et partenaires",
    "Lead and partners"), and no other column holds the partners: its cells list the lead
    and then the partners."""
    if "partners" in mapping.values():
        return False
    owner = next((col for col, name in mapping.items() if name == "owner"), None)
    if owner is None or owner >= len(labels):
        return False
    return "partners" in header_evidence(labels[owner], settings.roles.term_cutoff)


def _lead_first(fields: dict[str, str]) -> dict[str, str]:
    """Heuristic, flagged (``owner_lead_first``): in a cell headed as the lead and its
    partners, the first name is the lead -- plans that say so set it first, often in bold --
    and the rest are the partners. A cell of one name is the lead alone."""
    owner = fields.get("owner", "")
    parts = _LEAD_END.split(owner.strip(), maxsplit=1)
    if len(parts) < 2 or not parts[0] or not parts[1].strip():
        return fields
    return {**fields, "owner": parts[0], "partners": parts[1].strip()}


#: The role of a second column named as the action, after the action column ("ISSUE /
#: ACTION | SUB TASKS"): the tasks an action is broken into, each on a row of its own.
SUB_ACTION = "sub_action"
#: A sub-task's own number at the start of its text: "Ai)", "Bii)", "1a)", "(c)".
_SUB_MARKER = re.compile(r"^\(?([A-Z0-9]{0,3}(?:[ivx]{1,4}|[a-h]))\)\s+")


def _as_sub_action(row: Row, fields: dict[str, str], mapping: dict[int, str]
                   ) -> tuple[dict[str, str], str]:
    """A row of a sub-task column: where the action cell is merged down from the parent's
    row (or empty), the sub-task is the action, the parent's action its objective and the
    sub-task's own number its reference; beside an action of the row's own, it is a note.
    Returns the row's fields and the parent action ("" for a row that is no sub-task)."""
    sub = fields.pop(SUB_ACTION, "").strip()
    if not sub:
        return fields, ""
    action_col = next(col for col, name in mapping.items() if name == "action")
    if not row.cells[action_col].covered and row.cells[action_col].text.strip():
        notes = fields.get("notes", "")
        return {**fields, "notes": f"{notes}\n{sub}" if notes else sub}, ""
    marker = _SUB_MARKER.match(sub)
    out = {name: text for name, text in fields.items() if name != "action_ref"}
    out["action"] = sub[marker.end():] if marker else sub
    if marker:
        out["action_ref"] = marker.group(1)
    return out, fields.get("action", "")


def _split_row(parts: list[tuple[str, str]], fields: dict[str, str], new) -> list[RawAction]:
    """Several numbered actions in one row: give each its own line of the other cells where
    the cells have one line per action, else the whole cell, and say so."""
    count = len(parts)
    shared: list[str] = []
    per_action: dict[str, list[str]] = {}
    for name, text in fields.items():
        if name in ("action", "action_ref"):
            continue
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) == count:
            per_action[name] = lines
        else:
            shared.append(name)
    note = ""
    if shared:
        note = (
            f"{count} numbered actions share one row; the {', '.join(shared)} cell(s) do not have "
            f"one line per action, so each action was given the whole cell"
        )
    actions = []
    for index, (ref, text) in enumerate(parts):
        action_fields = {name: fields[name] for name in shared}
        action_fields.update({name: lines[index] for name, lines in per_action.items()})
        action_fields.update({"action_ref": ref, "action": text})
        actions.append(new(action_fields, ref_from_text=True, merge_note=note))
    return actions


# -- key-value blocks -----------------------------------------------------------------


def _read_key_value_table(table: Table, context: _Context, settings: Settings) -> list[RawAction]:
    """Plan context from a label | value block, or one action when the labels are action fields."""
    if table.n_cols > 6:
        return []
    action_fields: dict[str, str] = {}
    for index, row in enumerate(table.rows):
        heading = _heading_text(row, table.n_cols)
        if heading is not None:
            if index == 0:
                context.theme, context.objective = heading, ""
            continue
        for label, value in _label_value_pairs(row):
            name = context_field(label, settings)
            if name == "objective":
                context.objective = " ".join(value.split())
            elif name == "theme":
                context.theme = " ".join(value.split())
            elif name == "plan_title" and not context.title:
                context.title = " ".join(value.split())
            elif name is None:
                mapped = _key_field(label, settings)
                if mapped is not None:
                    action_fields[mapped[0]] = value
    if "action" not in action_fields or len(action_fields) < settings.headers.min_action_columns:
        return []
    first = table.rows[0]
    return [
        RawAction(
            fields=action_fields,
            theme=context.theme,
            objective=context.objective,
            page=first.page,
            bbox=table.bbox,
            table_index=table.index,
            has_owner_column="owner" in action_fields,
        )
    ]


def _key_field(label: str, settings: Settings) -> tuple[str, float] | None:
    """(field, score) a key-value label names: on the synonym list (100), else by its words."""
    mapped = map_header_row([label], settings).get(0)
    if mapped is not None:
        return mapped, 100.0
    named = header_field(label, settings.roles)
    return (named[0], named[1]) if named else None


def _key_column(table: Table, settings: Settings) -> list[str] | None:
    """The fields a two-column table's first column names row by row, when every row is a
    label | value pair whose label names a field or the plan's context: a key-value table
    (one action, or the rest of one after a page break); None for any other table."""
    if table.n_cols != 2 or not table.rows:
        return None
    names = []
    for row in table.rows:
        label, value = (cell.text.strip() for cell in row.cells)
        named = _key_field(label, settings) if label else None
        name = (context_field(label, settings) or named and named[0]) if label else None
        if name is None or not value:
            return None
        names.append(name)
    return names


def _read_keyed_table(table: Table, context: _Context, settings: Settings
                      ) -> list[RawAction] | None:
    """Heuristic: a key-value table (``_key_column``) naming an action is read as one (a
    sentence in its value column may hold a header word: "night-time" is no deadline
    label); one naming none, on a later page than the key-value action read last with no
    heading between, is that action's rest, cut off by a page break. None otherwise."""
    keys = _key_column(table, settings)
    last, context.keyed = context.keyed, None
    if keys is None:
        return None
    if "action" in keys:
        found = _read_key_value_table(table, context, settings)
        context.keyed = found[-1] if found else None
        return found or None
    if last is None or not (table.page and last.page and table.page > last.page):
        return None
    for name, row in zip(keys, table.rows, strict=True):
        if name not in last.fields and name in ACTION_FIELDS:
            last.fields[name] = row.cells[1].text.strip()
    last.split_across_pages, last.has_owner_column = True, "owner" in last.fields
    return []


def _read_key_value_row(row: Row, context: _Context, settings: Settings) -> None:
    """A row above an action header that is no heading: plan-context labels."""
    for label, value in _label_value_pairs(row):
        if context_field(label, settings) == "objective":
            context.objective = " ".join(value.split())


def _label_value_pairs(row: Row) -> list[tuple[str, str]]:
    """(label, value) pairs along a row: each non-empty cell followed by the next one.
    A short code before the label ("A1 | Block | Safer Communities") is skipped."""
    texts = [cell.text.strip() for cell in row.cells if not cell.covered and cell.text.strip()]
    if len(texts) >= 3 and REF_CELL.match(texts[0]) and len(texts) % 2 == 1:
        texts = texts[1:]
    return [(texts[i], texts[i + 1]) for i in range(0, len(texts) - 1, 2)]


# -- titled forms: one table per action, cut by page breaks ----------------------------------

#: Fields a titled form's labels must name for its title to be an action ("Lead government
#: actors", "End date"): who or when, as for a table.
_FORM_FIELDS = frozenset({"owner", "deadline"})
#: A value line that starts a new item of a list ("a. ...", "b) ...", "• ..."), joined '; '.
_ITEM_START = re.compile(r"^\s*([a-z][.)]|[-−–•·▪■*])\s")


def _read_form(table: Table, context: _Context, settings: Settings) -> list[RawAction] | None:
    """Tables of titled forms: a numbered title ("1. Improve Public Participation") over
    label | value rows naming its owner or deadline is one action, the title its action and
    reference, the labels its other fields. A label | value table after it, with no heading
    between, continues it (a form cut by page breaks, each piece its own grid), and may
    open the next form. None when the table is not made of forms."""
    carried, titled = _form_pieces(table)
    if carried and (context.form is None or not _form_shaped(carried)):
        return None
    if not (carried or titled) or not all(_names_who_or_when(body, settings)
                                          for _, body in titled):
        return None
    if carried and context.form is not None:
        _fill_form(context.form, carried, settings)
    found = []
    for title, body in titled:
        ref, text = split_leading_ref(_form_title(title) or "")
        action = RawAction(fields={"action": text, "action_ref": ref}, theme=context.theme,
                           page=title.page or table.page, bbox=title.bbox or table.bbox,
                           table_index=table.index)
        context.form = _Form(action)
        _fill_form(context.form, body, settings)
        found.append(action)
    context.decisions.append(TableRoles(
        table.index, table.page, None, {}, [], True, False,
        f"forms: {len(found)} numbered title(s) over labels naming an owner or deadline"
        + (", continuing the form before" if carried else "")))
    return found


def _form_pieces(table: Table) -> tuple[list[Row], list[tuple[Row, list[Row]]]]:
    """(rows before the first numbered title, [(title row, the rows under it)])."""
    carried: list[Row] = []
    titled: list[tuple[Row, list[Row]]] = []
    for row in table.rows:
        if not any(_visible_texts(row)):
            continue
        if _form_title(row) is not None:
            titled.append((row, []))
        else:
            (titled[-1][1] if titled else carried).append(row)
    return carried, titled


def _names_who_or_when(rows: list[Row], settings: Settings) -> bool:
    """The rows read as a form: most hold a label and a value at most (an action table's
    rows fill more cells), and one such label names the owner or the deadline."""
    return _form_shaped(rows) and any(
        _filled(row) == 2 and (found := _label_field(row, settings)) is not None
        and found[0] in _FORM_FIELDS for row in rows)


def _form_shaped(rows: list[Row]) -> bool:
    """Most rows hold a label and its value, or a value alone (one carried on)."""
    return 2 * sum(_filled(row) <= 2 for row in rows) >= len(rows)


def _filled(row: Row) -> int:
    return sum(bool(text.strip()) for text in _visible_texts(row))


def _form_title(row: Row) -> str | None:
    """The text of a row holding one numbered title ("3. Modernize the FOIA"), or None."""
    texts = [text for text in _visible_texts(row) if text.strip()]
    if len(texts) != 1 or not _NUMBERED_HEADING.match(texts[0]):
        return None
    return " ".join(texts[0].split())


def _form_label(row: Row) -> tuple[str, str] | None:
    """(label, value) of a form's row: its first filled cell and the rest."""
    texts = [text.strip() for text in _visible_texts(row) if text.strip()]
    return (texts[0], "\n".join(texts[1:])) if len(texts) >= 2 else None


def _label_field(row: Row, settings: Settings) -> tuple[str, float] | None:
    """(field, score) a form row's label names: on the synonym list (100), else by its words."""
    pair = _form_label(row)
    return None if pair is None else _key_field(pair[0], settings)


def _fill_form(form: _Form, rows: list[Row], settings: Settings) -> None:
    """Each label's value into the field it names, the best-named label winning a field
    ("End date" over "Completion level"); a row of one value carries the last field on.
    A label naming the action ("Next steps") gives notes: the title is the action."""
    for row in rows:
        pair = _form_label(row)
        if pair is None:
            value = next(text for text in _visible_texts(row) if text.strip())
            if form.last is not None:
                form.values[form.last] += "\n" + value
            continue
        found = _label_field(row, settings)
        form.last = None
        if found is None:
            continue
        name, score = found
        name = "notes" if name == "action" else name
        if score > form.scores.get(name, 0.0):
            form.scores[name], form.last = score, name
            form.values[name] = pair[1]
    form.action.fields.update(
        {name: value for name, value in form.values.items() if name != "objective"})
    form.action.objective = _joined_items(form.values.get("objective", ""))
    form.action.has_owner_column = "owner" in form.values


def _joined_items(text: str) -> str:
    """Lines of a value as one line: list items ("a. ...", "• ...") joined with '; ', a
    wrapped line with a space, a word broken at a hyphen ("grant-" / "funded") re-joined."""
    joined = ""
    for line in (" ".join(line.split()) for line in text.split("\n")):
        if not line:
            continue
        if not joined:
            joined = line
        elif _ITEM_START.match(line):
            joined = f"{joined.rstrip(';')}; {line}"
        elif joined.endswith("-"):
            joined += line
        else:
            joined = f"{joined} {line}"
    return joined
