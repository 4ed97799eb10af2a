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
  just before it: its rows carry on that table;
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
from dataclasses import dataclass, field

from planharvest.extract.grid import BBox, Block, Cell, DocumentContent, Paragraph, Row, Table
from planharvest.extract.headers import context_field, is_action_header, map_header_row
from planharvest.extract.roles import (
    UNIQUE_ROLES,
    TableRoles,
    column_starts,
    decide_roles,
    header_field,
    inherit_mapping,
)
from planharvest.lexicon import REF_CELL, split_leading_ref, split_multi_refs
from planharvest.settings import Settings

#: A heading row that numbers an objective: "2- Increase targeted ...", "3. Work in ...".
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\s*[-–.)]\s*\S")
#: A heading that numbers one group of actions by name: "Action 1. ...", "Objective 2: ...".
_LABELLED_NUMBER = re.compile(
    r"^\s*(action|objective|goal|aim|priority|outcome|commitment)\s+\d{1,2}\b", re.IGNORECASE)
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
    merge_note: str = ""  # set when several actions were split out of one row by a guess
    ref_from_text: bool = False  # the reference was read from the start of the action text
    #: set when the table's roles were read from its content, not its header: the roles chosen
    roles_note: str = ""

    def text(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass
class _Context:
    title: str = ""
    theme: str = ""
    objective: str = ""
    #: the level of the paragraph heading that gave the theme (None: none, or a table's)
    theme_level: int | None = None
    mapping: dict[int, str] = field(default_factory=dict)  # current action table's columns
    n_cols: int = 0
    table_ended: bool = True  # a heading came after the last action table
    roles_note: str = ""  # the current table's roles were inferred: which (extract/roles.py)
    header_texts: list[str] | None = None  # the current table's header row, as printed
    header_place: tuple[int, BBox] | None = None  # its page and box (PDF), for pictures
    starts: list[float | None] = field(default_factory=list)  # its header cells' left x
    decisions: list[TableRoles] = field(default_factory=list)  # one per table read
    explain: bool = False  # read every table's column evidence (tables --roles)
    #: header rows whose roles were read by their words in this document -> (mapping, note)
    known_headers: dict[tuple[str, ...], tuple[dict[int, str], str]] = field(default_factory=dict)


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
    context = _Context(title=content.title.strip(), explain=explain)
    actions: list[RawAction] = []
    for block in content.blocks:
        if isinstance(block, Paragraph):
            _read_paragraph(block, context)
        elif block.nested_in is None:
            actions.extend(_read_table(block, context, actions, settings))
    if not context.title:
        context.title = _first_heading(content.blocks)
    return Assembly(context.title, actions, context.decisions)


# -- paragraphs -------------------------------------------------------------------


def _heading(text: str) -> str:
    """A heading as its words: whitespace joined, and a trailing colon (it introduces what
    follows, "Animal Shelter:" above the shelter's table) dropped."""
    return " ".join(text.split()).rstrip(":").rstrip()


def _read_paragraph(paragraph: Paragraph, context: _Context) -> None:
    text = _heading(paragraph.text)
    if paragraph.heading_level is None or not text:
        return
    if paragraph.heading_level == 0 and not context.title:
        context.title = text
        return
    if (context.theme_level is not None and paragraph.heading_level > context.theme_level
            and (_NUMBERED_HEADING.match(text) or _LABELLED_NUMBER.match(text))):
        context.objective = text  # a numbered sub-heading under the theme ("Action 1. ...")
    else:
        context.theme, context.objective = text, ""
        context.theme_level = paragraph.heading_level
    context.table_ended = True


def _first_heading(blocks: list[Block]) -> str:
    for block in blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            return " ".join(block.text.split())
    return ""


# -- tables -------------------------------------------------------------------------


def _read_table(
    table: Table, context: _Context, done: list[RawAction], settings: Settings
) -> list[RawAction]:
    header_at = _find_header(table, settings)
    if header_at is not None:
        row_index, synonyms = header_at
        decision = decide_roles(table, settings.roles, header_row=row_index,
                                search_header=False, synonyms=synonyms)
        if decision.accepted:
            decision.reason = f"header on the synonym list, {decision.reason}"
            return _take_headed(table, decision, context, done, settings)
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
    if decision.accepted:
        context.decisions.append(decision)
        context.mapping = _complete_mapping(decision.mapping, table, -1)
        context.n_cols, context.table_ended = table.n_cols, False
        context.header_texts, context.starts = None, _median_starts(table)
        context.header_place = None
        context.roles_note = decision.note()
        return _read_rows(table, table.rows, context, done, settings)
    form = _read_key_value_table(table, context, settings)
    if not form:
        context.decisions.append(decision)
    context.mapping, context.table_ended, context.roles_note = {}, True, ""
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
        if kind == "heading":
            _apply_heading(_spanning_text(row), context)
        elif kind == "data":
            _read_key_value_row(row, context, settings)
    mapping = _aims_before_action(_by_words(mapping, _visible_texts(table.rows[row_index]),
                                            settings))
    context.mapping = _complete_mapping(mapping, table, row_index)
    context.n_cols, context.table_ended = table.n_cols, False
    context.roles_note = ""
    header = table.rows[row_index]
    context.header_texts = _visible_texts(header)
    page = header.page or table.page
    context.header_place = (page, header.bbox) if page and header.bbox else None
    context.starts = column_starts(header)
    return _read_rows(table, table.rows[row_index + 1 :], context, done, settings)


def _by_words(mapping: dict[int, str], labels: list[str], settings: Settings) -> dict[int, str]:
    """Labels the synonym list did not know, read by their words ("Lead Officer/Agency"
    next to "Ref", "Action", "By when"); one column per unique role."""
    completed = dict(mapping)
    for col, label in enumerate(labels):
        if col in completed or not label.strip():
            continue
        named = header_field(label, settings.roles)
        if named is not None and not (named[0] in UNIQUE_ROLES
                                      and named[0] in completed.values()):
            completed[col] = named[0]
    return completed


#: Columns that name what is sought: the objective when they stand before the action.
_AIM_FIELDS = ("outcomes", "kpi")


def _aims_before_action(mapping: dict[int, str]) -> dict[int, str]:
    """A plan reads left to right from why to what to who and when: an outcome or target
    column printed *before* the action column ("Desired outcome | Actions ...", "Targets |
    Action") states the aim the action serves, so it is the objective; after the action it
    is what will be measured. Only where no column is labelled as the objective."""
    action = next((col for col, name in sorted(mapping.items()) if name == "action"), None)
    if action is None or "objective" in mapping.values():
        return mapping
    aim = next((col for col, name in sorted(mapping.items())
                if col < action and name in _AIM_FIELDS), None)
    return mapping if aim is None else {**mapping, aim: "objective"}


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
    """Give unlabelled columns a field: a column of short codes is the reference column,
    any other unlabelled column with text is ``notes`` (nothing in a row is dropped)."""
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
        if "action_ref" not in completed.values() and refs >= max(1, len(values) * 0.6):
            completed[col] = "action_ref"
        elif _groups_rows(col, values, completed):
            completed[col] = "theme"
        else:
            completed[col] = "notes"
    return completed


def _groups_rows(col: int, values: list[str], mapping: dict[int, str]) -> bool:
    """An unlabelled column before every labelled one whose short labels repeat down the
    rows ('Short Term', 'Short Term', 'Medium Term'): it groups the rows, as a theme does."""
    return (all(col < other for other in mapping) and len(values) >= 2
            and all(len(value.split()) <= 4 for value in values)
            and len(set(values)) <= len(values) / 2)


def _visible_texts(row: Row) -> list[str]:
    return ["" if cell.covered else cell.text for cell in row.cells]


def _spanning_text(row: Row) -> str:
    """The text of the one filled cell of a heading row; a title over a list in one cell
    ("Wider strategies" over "− Supporting pupils' ...") is the title alone."""
    text = next(cell.text for cell in row.cells if not cell.covered and cell.text.strip())
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines[1:]):
        return " ".join(lines[0].split())
    return " ".join(text.split())


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
    kinds = []
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else None
        if text is None:
            kinds.append("data")
        elif (_LIST_ITEM.match(text) or _LOWER_START.match(text) or _QUOTATION.match(text)
              or (following is not None and _LOWER_START.match(following))):
            kinds.append("prose")
        else:
            kinds.append("heading")
    return kinds


def _apply_heading(text: str, context: _Context) -> None:
    text = _heading(text)
    if _NUMBERED_HEADING.match(text):
        context.objective = text
    else:
        context.theme, context.objective, context.theme_level = text, "", None


def _read_rows(
    table: Table, rows: list[Row], context: _Context, done: list[RawAction], settings: Settings,
    continuing: bool = False,
) -> list[RawAction]:
    """Data rows to actions. ``continuing``: the table carries on the previous one, so its
    first row may finish the previous table's last action."""
    found: list[RawAction] = []
    may_continue = continuing
    for row, kind in zip(rows, _row_kinds(rows, table), strict=True):
        if kind != "data":
            if kind == "heading":
                _apply_heading(_spanning_text(row), context)
            may_continue = False
            continue
        if context.header_texts is not None and _visible_texts(row) == context.header_texts:
            continue  # a header repeated inside the table
        if is_action_header(map_header_row(_visible_texts(row), settings), settings):
            continue  # a header repeated inside the table
        fields = _row_fields(table, row, context.mapping)
        if not any(value.strip() for value in fields.values()):
            continue
        previous = found[-1] if found else (done[-1] if done else None)
        if previous is not None and (may_continue or row.continued) and _continues_previous(
            row, fields, previous
        ):
            _join(previous, fields)
            continue
        made = _make_actions(table, row, fields, context)
        found.extend(made)
        may_continue = may_continue or bool(made)
    return found


def _row_fields(table: Table, row: Row, mapping: dict[int, str]) -> dict[str, str]:
    """field -> text for one row; a vertically merged cell lends its text to every row it spans."""
    parts: dict[str, list[str]] = {}
    for col, name in mapping.items():
        cell = row.cells[col]
        text = _cell_text(table, cell)
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


def _continues_previous(row: Row, fields: dict[str, str], previous: RawAction) -> bool:
    """A row cut off the previous action (called only when no heading came in between):
    marked so by the reader (page break), or a row with no reference and no owner whose
    action text is missing, starts mid-sentence, or follows a numbered action in a table
    with no owner column (where an unnumbered row has nothing else to make it an action)."""
    if row.continued:
        return True
    if fields.get("action_ref", "").strip() or fields.get("owner", "").strip():
        return False
    action = fields.get("action", "").strip()
    if not action:
        return True
    if split_leading_ref(action)[0]:
        return False
    return bool(_LOWER_START.match(action)) or (
        bool(previous.text("action_ref").strip()) and not previous.has_owner_column
    )


def _join(previous: RawAction, fields: dict[str, str]) -> None:
    for name, text in fields.items():
        before = previous.fields.get(name, "")
        previous.fields[name] = f"{before}\n{text}" if before else text
    previous.split_across_pages = True


def _make_actions(
    table: Table, row: Row, fields: dict[str, str], context: _Context
) -> list[RawAction]:
    if _AMOUNT.fullmatch(" ".join(fields.get("action", "").split())):
        return []  # a spending line ("Projected spending | £50500"), not an action
    theme = fields.pop("theme", "").strip()
    if theme:
        context.theme = " ".join(theme.split())
    objective = fields.pop("objective", "").strip()
    if objective:
        context.objective = " ".join(objective.split())
    if not any(text.strip() for text in fields.values()):
        return []  # a row that only carries its key area on

    def new(action_fields: dict[str, str], **extra: object) -> RawAction:
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
            roles_note=context.roles_note,
            **extra,
        )

    if fields.get("action_ref", "").strip():
        return [new(fields)]
    parts = split_multi_refs(fields.get("action", ""))
    if len(parts) <= 1:
        ref, rest = parts[0] if parts else ("", fields.get("action", ""))
        if ref:
            return [new({**fields, "action_ref": ref, "action": rest}, ref_from_text=True)]
        return [new(fields)]
    return _split_row(parts, fields, new)


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
                mapped = map_header_row([label], settings).get(0)
                if mapped is None:
                    by_words = header_field(label, settings.roles)
                    mapped = by_words[0] if by_words else None
                if mapped is not None:
                    action_fields[mapped] = value
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
