"""Page tables to logical tables: a table carried over a page break is joined back.

A PDF reader returns one ``Table`` per page; a plan's action table often runs
over many pages with its header row repeated on each. Two tables are one when
they sit on consecutive pages with nothing but page furniture (already removed
by the reader) between them, and either their header rows read the same or
their columns start at the same x positions. The continuation's repeated
header rows are dropped; a continuation drawn with fewer grid columns (a page
holding only a merged heading row) is mapped onto the first table's columns.

A row cut in two by the page break is joined back when the evidence agrees:
the continuation's first row has no text in the key (reference) column where
the row before had some, or it starts in lower case while the row before ends
mid-sentence; and its text sits only in columns where the row before had
text. The joined row keeps the first part's page and bbox, each cell's lines
are the two parts' lines in order, and ``Row.rejoined`` is set on it so later
stages can flag ``row_split_across_pages``. Nothing is ever dropped except
repeated header rows.

A line printed at the top of most pages (a plan's title under its logo, set lower than the
reader's band for running heads) is page furniture too: its repeats after the first are
dropped, so they neither part a table from its continuation nor read as a heading.

Word tables (``page is None``) are left as they are. Nothing here knows about
action plans.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from planharvest.extract.grid import Block, Cell, Paragraph, Row, Table
from planharvest.lexicon import (
    BULLET,
    DATE_LINE,
    NUMBERED,
    OPEN_END,
    REF_NUMBER,
    fold_spacing_lower,
    opens_numbered_item,
)
from planharvest.lexicon import runs_on as stops_mid_phrase

#: Column starts (pt) within this distance are the same column on two pages.
COLUMN_TOLERANCE = 8.0
#: Leading rows of a continuation compared with the first table's header.
_MAX_HEADER_ROWS = 3
#: A page's first line is a running title when it opens at least this share of the pages
#: (and two pages or more).
_RUNNING_SHARE = 0.5
#: Rows on each side of a page break read for the table's habits (column starts, key and
#: numbered columns): enough to see them, and a 2,000-page table costs no more per page.
_WINDOW = 12
_LOWER_START = re.compile(r"^[a-z(]")


def stitch_tables(
    blocks: list[Block], column_tolerance: float = COLUMN_TOLERANCE, join_cut_rows: bool = True
) -> list[Block]:
    """The document's blocks with page-continued tables merged.

    A row cut by a page break is joined into one row marked ``rejoined``; with
    ``join_cut_rows=False`` its two parts stay two rows and the second is marked
    ``continued`` instead (for a caller that joins them itself). When tables were
    merged, tables are renumbered in reading order (``nested_in`` follows); otherwise
    the blocks come back as they were.
    """
    blocks = _without_running_titles(blocks)
    stitched: list[Block] = []
    open_at: int | None = None  # position of a table that the next table may carry on
    # The last page that table reaches (a row joined across the break keeps the page it
    # starts on, so its rows alone do not tell).
    reaches: int | None = None
    renumber: dict[int, int] = {}  # old table index -> index of the table it merged into
    for block in blocks:
        if isinstance(block, Paragraph) and not block.text.strip():
            stitched.append(block)  # an empty paragraph separates nothing
            continue
        previous = stitched[open_at] if open_at is not None else None
        if isinstance(block, Table) and isinstance(previous, Table):
            continuation = _as_continuation(previous, reaches, block, column_tolerance)
            if continuation is not None:
                merged = _merge(previous, continuation, join_cut_rows)
                stitched[open_at] = merged  # type: ignore[index]
                renumber[block.index] = previous.index
                reaches = block.page
                continue
        stitched.append(block)
        open_at = len(stitched) - 1 if isinstance(block, Table) else None
        reaches = block.page if isinstance(block, Table) else None
    if renumber:
        _renumber([block for block in stitched if isinstance(block, Table)], renumber)
    return stitched


def _without_running_titles(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the repeats of a running title: a paragraph that is the first
    block of its page on at least ``_RUNNING_SHARE`` of the pages (two or more), the
    same text each time; its first occurrence stays (it may be the document's title)."""
    firsts: dict[int, Block] = {}
    for block in blocks:
        if block.page is not None:
            firsts.setdefault(block.page, block)
    texts = {page: fold_spacing_lower(block.text) for page, block in firsts.items()
             if isinstance(block, Paragraph) and block.text.strip()}
    counts = Counter(texts.values())
    running = {text for text, count in counts.items()
               if count >= 2 and count >= _RUNNING_SHARE * len(firsts)}
    if not running:
        return blocks
    repeats = {id(firsts[page]) for page, text in texts.items() if text in running}
    for text in running:  # the first occurrence stays
        repeats.discard(id(firsts[min(page for page, mine in texts.items() if mine == text)]))
    return [block for block in blocks if id(block) not in repeats]


def _renumber(tables: list[Table], merged: dict[int, int]) -> None:
    """Number the tables 0, 1, ... in order; a merged table's old index maps to its host."""
    new = {table.index: position for position, table in enumerate(tables)}
    new.update({old: new[host] for old, host in merged.items() if host in new})
    for position, table in enumerate(tables):
        table.index = position
        if table.nested_in is not None:
            table.nested_in = new.get(table.nested_in, table.nested_in)


# -- is it a continuation? --------------------------------------------------------------


def _as_continuation(
    first: Table, reaches: int | None, following: Table, tolerance: float
) -> Table | None:
    """``following`` on ``first``'s grid when it carries ``first`` on, else None."""
    if first.page is None or following.page is None or reaches is None:
        return None
    if following.page != reaches + 1 or first.nested_in is not None or not following.rows:
        return None
    if following.n_cols == first.n_cols and (
        _header_at(first, following) is not None
        or _same_columns(_column_starts(_last_rows(first)), _column_starts(following), tolerance)
    ):
        return following
    return _onto_grid(following, _column_starts(_last_rows(first)), first, tolerance)


def _last_rows(table: Table) -> Table:
    """``table`` cut to the rows just above the page break."""
    return replace(table, rows=table.rows[-_WINDOW:])


def _row_keys(row: Row) -> list[str]:
    return ["" if cell.covered else fold_spacing_lower(cell.text) for cell in row.cells]


def _header_at(first: Table, following: Table) -> int | None:
    """Index of ``first``'s row that ``following``'s first row repeats (its header)."""
    opening = _row_keys(following.rows[0])
    if not any(opening):
        return None
    for index, row in enumerate(first.rows[:_MAX_HEADER_ROWS]):
        if _row_keys(row) == opening:
            return index
    return None


def _column_starts(table: Table) -> list[float | None]:
    """Each column's left x: the median left edge of the cells that start in it."""
    starts: list[list[float]] = [[] for _ in range(table.n_cols)]
    for row in table.rows:
        for col, cell in enumerate(row.cells):
            if not cell.covered and cell.bbox is not None:
                starts[col].append(cell.bbox[0])
    return [statistics.median(xs) if xs else None for xs in starts]


def _same_columns(a: list[float | None], b: list[float | None], tolerance: float) -> bool:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    return len(pairs) >= min(2, len(a)) and all(abs(x - y) <= tolerance for x, y in pairs)


def _onto_grid(
    following: Table, starts: list[float | None], first: Table, tolerance: float
) -> Table | None:
    """``following`` re-gridded onto ``first``'s columns, when every one of its cells starts
    and ends on one of them (a page holding only merged rows has fewer grid columns)."""
    if first.bbox is None or following.bbox is None or None in starts:
        return None
    if abs(first.bbox[0] - following.bbox[0]) > tolerance:
        return None
    if abs(first.bbox[2] - following.bbox[2]) > tolerance:
        return None
    edges = [x for x in starts if x is not None] + [first.bbox[2]]

    def column_at(x: float) -> int | None:
        hits = [i for i, edge in enumerate(edges) if abs(edge - x) <= tolerance]
        return hits[0] if hits else None

    rows = []
    for row in following.rows:
        cells: list[Cell | None] = [None] * first.n_cols
        for cell in row.cells:
            if cell.covered:
                continue
            if cell.bbox is None:
                return None
            begin, end = column_at(cell.bbox[0]), column_at(cell.bbox[2])
            if begin is None or end is None or end <= begin:
                return None
            cells[begin] = replace(cell, col_span=end - begin, row_span=1)
            for col in range(begin + 1, end):
                cells[col] = Cell(covered=True, origin=(len(rows), begin))
        if any(cell is None for cell in cells):
            return None
        rows.append(replace(row, cells=cells))
    return replace(following, rows=rows, n_cols=first.n_cols)


# -- merging ------------------------------------------------------------------------------


def _merge(first: Table, following: Table, join_cut_rows: bool) -> Table:
    """``first`` with ``following``'s rows after it: repeated header dropped, cut row joined
    (or marked ``continued``, with ``join_cut_rows`` False)."""
    rows = list(first.rows)
    rest = following.rows
    header = _header_at(first, following)
    if header is not None:
        repeated = skipped = 0  # header rows repeated; blank rows among them, dropped too
        while (
            repeated + skipped < len(rest)
            and header + repeated < len(first.rows) - 1
        ):
            keys = _row_keys(rest[repeated + skipped])
            if keys == _row_keys(first.rows[header + repeated]):
                rows[header + repeated] = replace(rows[header + repeated], is_header=True)
                repeated += 1
            elif repeated and not any(keys):
                skipped += 1  # a blank line inside the repeated header (a taller header)
            else:
                break
        rest = rest[repeated + skipped:]
    if not rest:
        return replace(first, rows=rows)
    # Where ``following``'s rows land in the merged table, for covered cells' origins.
    dropped = len(following.rows) - len(rest)
    new_index = {dropped + k: len(rows) + k for k in range(len(rest))}
    # The rows after the candidate tell the columns' habits too: a short table ending the
    # page has few rows of its own.
    around = replace(first, rows=rows[-_WINDOW:] + list(rest[1 : _WINDOW + 1]))
    if rows and _is_cut(rows[-1], rest[0], around):
        certain = _runs_on(rows[-1], rest[0])
        if join_cut_rows:
            new_index = {old: new - 1 for old, new in new_index.items()}
            rows[-1] = replace(_join(rows[-1], rest[0]), cut_certain=certain)
            rest = rest[1:]
        else:
            rest = [replace(rest[0], continued=True, cut_certain=certain), *rest[1:]]
    rows.extend(_reindexed(row, new_index) for row in rest)
    return replace(first, rows=rows)


def _reindexed(row: Row, new_index: dict[int, int]) -> Row:
    cells = [
        replace(cell, origin=(new_index.get(cell.origin[0], cell.origin[0]), cell.origin[1]))
        if cell.covered and cell.origin is not None
        else cell
        for cell in row.cells
    ]
    return replace(row, cells=cells)


def _runs_on(before: Row, after: Row) -> bool:
    """Text visibly runs on across the break: a cell below starts in lower case, or the
    cell above it ends mid-sentence. Without it a cut is a judgement of the layout (a key
    cell left empty), and the part below could be a row of its own."""
    signs = _CutSigns.of(_visible(before), _visible(after))
    return bool(signs.lower_start or signs.open_end)


def _join(before: Row, after: Row) -> Row:
    """One row from the two parts of a row cut by a page break."""
    cells = [
        cell
        if cell.covered or tail.covered
        else replace(cell, lines=_joined_lines(cell, tail.lines), full=tail.full)
        for cell, tail in zip(before.cells, after.cells, strict=True)
    ]
    return replace(before, cells=cells, rejoined=True)


def _joined_lines(head_cell: Cell, tail: list[str]) -> list[str]:
    """A cell's paragraphs from both pages (``join_cut_paragraphs``)."""
    return join_cut_paragraphs(head_cell.lines, tail, head_cell.full)


def join_cut_paragraphs(head: list[str], tail: list[str], head_full: bool) -> list[str]:
    """The paragraphs of a cell cut by a page break, ``head`` above it and ``tail`` below; a
    paragraph the break cut is one again when the text above stops with no stop, semicolon
    or closing bracket and the text below opens no bulleted or numbered item ("1.i Scope
    ..."): it runs on in lower case, the line above fills the cell (``head_full``: "LLR
    Joint Strategic Alcohol" / "Harm Reduction Group"), or it is no date standing alone
    ("1.1 Leicestershire County" / "Council Safer Communities ...": the next word did not
    fit, though the line looks short; a page break shows nothing more to tell)."""
    runs_on = bool(tail) and (
        bool(_LOWER_START.match(tail[0]))
        or (not tail[0].startswith(BULLET) and not opens_numbered_item(tail[0])
            and (head_full or not (head and DATE_LINE.match(head[-1]))))
    )
    if head and runs_on and OPEN_END.search(head[-1]):
        # A word broken at its own hyphen ("cross-" / "cutting") is put back together.
        glue = "" if re.search(r"[A-Za-z]-$", head[-1]) else " "
        return [*head[:-1], f"{head[-1]}{glue}{tail[0]}", *tail[1:]]
    return head + tail


def _visible(row: Row) -> list[str]:
    return ["" if cell.covered else cell.text.strip() for cell in row.cells]


def _is_heading_row(row: Row) -> bool:
    """One cell of text, from the first column across (nearly) the whole row."""
    filled = [col for col, cell in enumerate(row.cells) if not cell.covered and cell.text.strip()]
    return filled == [0] and row.cells[0].col_span >= max(2, len(row.cells) - 1)


def _body(table: Table) -> list[Row]:
    return [row for row in table.rows if not row.is_header and not _is_heading_row(row)]


def _key_column(table: Table) -> int:
    """The leftmost column with text in most body rows: the row's reference or key."""
    body = _body(table)
    for col in range(table.n_cols):
        filled = sum(bool(_visible(row)[col]) for row in body)
        if body and filled >= 0.6 * len(body):
            return col
    return 0


def _numbered_column(table: Table) -> int | None:
    """The leftmost column whose cells mostly start with a number or reference: the key
    column, or the action column of a table that keys its rows by a heading cell
    ("NI 15 To reduce ..." | "1. DA strategy ...")."""
    body = _body(table)
    for col in range(table.n_cols):
        texts = [text for row in body if (text := _visible(row)[col])]
        if len(texts) >= 3 and sum(bool(NUMBERED.match(t)) for t in texts) >= 0.6 * len(texts):
            return col
    return None


def _numbers_back(above: str, below: str) -> bool:
    """``below`` is numbered lower than ``above`` with the same prefix ("1." under "3 To
    reduce ...", "T2" under "T5 Review ..."), and ``above`` has text after its reference:
    a list inside the row above starting over, not the next row. (A cell holding only a
    reference says nothing; its numbering may restart with a new section.)"""
    first, second = REF_NUMBER.match(above), REF_NUMBER.match(below)
    return bool(first and second) and (
        first["prefix"].replace(" ", "") == second["prefix"].replace(" ", "")
        and int(second["number"]) < int(first["number"])
        and bool(NUMBERED.sub("", above).strip())
    )


def _numbers_on(above: str, below: str) -> bool:
    """``below`` carries the numbering of ``above`` on ("1.4" under "1.3", "T5" under
    "T4"): the same prefix, numbered higher, part by part ("2.10" after "2.9")."""
    first, second = _numbering(above), _numbering(below)
    return first is not None and second is not None and first[0] == second[0] \
        and second[1] > first[1]


def _numbering(text: str) -> tuple[str, tuple[int, ...]] | None:
    """The prefix and numbers of the reference a cell starts with ("PB C1.2" -> ("PBC",
    (1, 2))); None when it starts with none."""
    match = NUMBERED.match(text)
    if match is None:
        return None
    token = match.group(0)
    numbers = tuple(int(part) for part in re.findall(r"\d+", token))
    prefix = re.sub(r"\s", "", re.split(r"\d", token, maxsplit=1)[0])
    return (prefix, numbers) if numbers else None


def _is_cut(before: Row, after: Row, table: Table) -> bool:
    """Conservatively: is ``after`` the rest of ``before``, cut off by the page break?

    ``table`` holds the rows around the two parts; the key and numbered columns are read
    from them. Signals: the key column empty below but filled above; in a table whose rows
    are numbered (in the key column or a later one), a cell of that column below without
    its number, or numbered lower than the one above; a cell below starting in lower case;
    the cell above it ending mid-sentence; text below only in columns filled above.

    A missing key plus one more signal joins. A missing number joins when that cell's text
    visibly runs on; a lower number when the key text above is unfinished; the key text
    above stopping mid-phrase ("To develop and") when text below fills fewer columns, all
    filled above (Word tables, where the rest of a cut row carries on at the next page's
    top). Otherwise a
    sentence must run on (lower case below an open end) with text only in columns filled
    above, and either in fewer columns or running on in at least half of them. A heading
    row joins only a heading row whose text carries on in lower case.
    """
    above, below = _visible(before), _visible(after)
    if not any(above) or not any(below):
        return False
    if _is_heading_row(before) or _is_heading_row(after):
        return _heading_runs_on(before, after, above, below)
    cut = _CutSigns.of(above, below)
    key = _key_column(table)
    if bool(above[key]) and not below[key] and not after.cells[key].covered:
        # The key is missing below: one more sign joins.
        return bool(cut.lower_start or cut.open_end or cut.within)
    numbered = _numbered_column(table)
    if numbered == key and _numbers_on(above[key], below[key]):
        return False  # "1.3" / "1.4": the next row, whatever its cells' ends say
    if _number_missing(cut, below, numbered):
        return True  # the row's reference is missing below and its text runs on
    if numbered == key and _numbers_back_in(cut, above, below, key):
        return True  # "3 To reduce ... misuse" / "1. Develop ...": a sub-list of the row above
    if stops_mid_phrase(above[key]) and below[key] and cut.within and (
            len(cut.filled_below) < len(cut.filled_above)):
        return True  # "To develop and" / "Implement the ...": the key text stops mid-phrase
    return cut.sentence_runs_on()


@dataclass(frozen=True)
class _CutSigns:
    """What the two parts of a row a page break may have cut show, column by column."""

    filled_above: frozenset[int]
    filled_below: frozenset[int]
    lower_start: frozenset[int]  # columns whose text below starts in lower case
    open_end: frozenset[int]  # columns filled below whose text above ends mid-sentence

    @classmethod
    def of(cls, above: list[str], below: list[str]) -> _CutSigns:
        filled_below = frozenset(col for col, text in enumerate(below) if text)
        return cls(
            filled_above=frozenset(col for col, text in enumerate(above) if text),
            filled_below=filled_below,
            lower_start=frozenset(col for col in filled_below if _LOWER_START.match(below[col])),
            open_end=frozenset(
                col for col in filled_below if above[col] and OPEN_END.search(above[col])
            ),
        )

    @property
    def within(self) -> bool:
        """Text below only in columns filled above."""
        return self.filled_below <= self.filled_above

    def sentence_runs_on(self) -> bool:
        """A sentence runs on across the break (lower case below an open end), with text
        only in columns filled above, in fewer of them or running on in half at least."""
        carried_on = self.lower_start & self.open_end
        return (
            bool(carried_on)
            and self.within
            and (len(self.filled_below) < len(self.filled_above)
                 or 2 * len(carried_on) >= len(self.filled_below))
        )


def _heading_runs_on(before: Row, after: Row, above: list[str], below: list[str]) -> bool:
    """A heading row joins only a heading row whose text carries on in lower case."""
    return (
        _is_heading_row(before)
        and _is_heading_row(after)
        and bool(_LOWER_START.match(below[0]))
        and bool(OPEN_END.search(above[0]))
    )


def _number_missing(cut: _CutSigns, below: list[str], numbered: int | None) -> bool:
    """In a table whose rows are numbered, the cell of that column below has no number
    and its text visibly runs on."""
    return (
        numbered is not None
        and bool(below[numbered])
        and not NUMBERED.match(below[numbered])
        and cut.within
        and numbered in cut.lower_start | cut.open_end
    )


def _numbers_back_in(cut: _CutSigns, above: list[str], below: list[str], key: int) -> bool:
    """The key column, numbered, is numbered lower below while its text above is
    unfinished."""
    return cut.within and key in cut.open_end and _numbers_back(above[key], below[key])
