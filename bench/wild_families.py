"""Generate "wild" plans of the NON-grid layout families real plans use, with their expected rows.

    python bench/wild_families.py [--out DIR] [--seed N] [--count 8] [--families a,b]
    python bench/accuracy.py --expected DIR/<family>/expected --inputs DIR/<family>/docs

``bench/wild.py`` tests one family, a grid of action rows under one header row. About a
third of the real plans of every untouched set (``samples/real``, manifests' notes) are
laid out otherwise, and each such layout was fixed on the one plan that showed it; this
generator tests them as families, each in many variants:

* ``labelled``: one record per action, labelled lines ("Lead: ...", "Timeframe: ...") under
  a heading that is the action ("Action 3: ...", "2.1 ...", none), or every line labelled
  ("Action: ...") with no heading; English and French labels;
* ``lists``: numbered or bulleted actions under an objective heading, with ONE labelled
  who/when line shared by the list (before or after it);
* ``keyvalue``: one small two-column table per action ("Action | ...", "Lead officer | ...");
* ``objective``: one table per objective, a caption row spanning it over the header row,
  both repeated on continuation pages (or not);
* ``status``: a grid whose status columns ("Status", "RAG", "Progress update": sentences)
  stand beside the action column;
* ``timeline``: a wide grid whose deadline is given by ticked quarters or months ("X", "✓"
  under Q1..Q4 or Apr..Mar of a financial year), the year in the labels or in a spanning row
  over them; the due date is the end of the last ticked period.

Labels are drawn per plan from the real labels (``bench/data/header_labels.csv``, collected
from ``samples/real/labels-*.csv``) and planharvest's French vocabulary; order, bold labels,
numbering style, ruled or borderless and the producer (Word, LibreOffice, Chromium) vary;
records run over page breaks where they fall. Content and expected values as in
``bench/wild.py`` (owners canonical, deadlines with their periods). A document is a list of
blocks (headings, paragraphs, tables) rendered to Word and to HTML, so every family is made
by the three producers from one description. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wild import (  # noqa: E402 -- a sibling script, not a package
    COLUMNS,
    EXTRA_TEXT,
    INDICATORS,
    MONTHS,
    OBJECTS,
    PURPOSES,
    THEMES,
    VERBS,
    Deadline,
    deadline,
    label_pool,
    month_end,
    owner_pool,
    produce,
    read_csv,
    save_expected,
)

#: Labels in French, from planharvest's French vocabulary (``extract/data/roles_fr.csv``):
#: the Quebec plan of the real set labels its columns so.
FRENCH = {"action": ["Action", "Mesure", "Activité"], "owner": ["Responsable", "Porteur"],
          "deadline": ["Échéancier", "Échéance"]}
#: Labels of lines or columns planharvest must leave alone (status, notes, measures).
ASIDE = {"progress": ["Progress", "Status", "Progress update", "Latest position", "Update"],
         "notes": ["Notes", "Comments", "Resources"],
         "outcome": ["Outcome", "Expected outcome", "Measure of success"]}
RAG_LABELS = ["RAG", "RAG status", "Rating"]
RAG_VALUES = [["Green", "Amber", "Red"], ["G", "A", "R"], ["On track", "At risk", "Off track"]]
STATUS_VALUES = ["On track", "Not started", "In progress", "Complete", "Delayed"]
UPDATES = ["Scoping work began in March and the first sessions ran in two wards.",
           "Funding has been agreed; recruitment of the coordinator is under way.",
           "Delayed by the procurement timetable; a revised date goes to the board.",
           "Pilot evaluated in the autumn with positive feedback from residents.",
           "Complete. Handed over to business as usual in the service plan.", ""]
OBJECTIVES = ["Reduce the harm caused by alcohol and drugs", "Improve the safety of public spaces",
              "Support victims to recover and stay safe", "Cut carbon emissions from our estate",
              "Help older people live independently", "Prevent homelessness before it happens",
              "Give every child the best start in life", "Make active travel the easy choice"]
#: Labels printed alone over a list of actions (real plans: "Actions:", fresh4).
LIST_LABELS = ["Actions:", "Activities:", "Key actions:", "What we will do:", "Tasks:"]
TICKS = ["X", "✓", "x", "✔"]
QUARTER_MONTHS = {1: 4, 2: 7, 3: 10, 4: 1}  # financial quarters: Q1 starts in April
FY_MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]


@dataclass
class Heading:
    level: int
    text: str
    bold_only: bool = False  # a bold paragraph, not a heading style


@dataclass
class Para:
    text: str
    label: str = ""  # "Lead" printed before the text as "Lead: "
    bold_label: bool = False


@dataclass
class Table:
    rows: list[list[str | tuple[str, int]]]  # a cell, or (text, columns it spans)
    header_rows: int = 0  # rows at the top that are headers (bold)
    repeat: bool = False  # header rows repeated on continuation pages
    ruled: bool = True
    bold_first_column: bool = False
    #: relative column widths (None: the producer's own); a timeline's tick columns are
    #: narrow and its action column wide, as every real one is set
    weights: list[float] | None = None


@dataclass
class Doc:
    name: str
    family: str
    producer: str
    landscape: bool = False
    blocks: list[Heading | Para | Table] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)  # expected rows


@dataclass
class Context:
    labels: dict[str, list[str]]
    owners: list[tuple[str, str]]
    codes: list[str]


def action_text(rng: random.Random) -> str:
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text + (f" {rng.choice(PURPOSES)}" if rng.random() < 0.7 else "")


def owner(rng: random.Random, ctx: Context) -> tuple[str, str]:
    """(printed cell, canonical owners '; '-joined)."""
    picked = rng.sample(ctx.owners, rng.choice([1, 1, 1, 2]))
    canon = list(dict.fromkeys(c for _, c in picked))
    return rng.choice(["; ", " / ", ", "]).join(p for p, _ in picked), "; ".join(canon)


def short(labels: list[str]) -> list[str]:
    """Labels a line can open with: a few words, no note in brackets."""
    return [label for label in labels if len(label.split()) <= 4 and "(" not in label
            and "?" not in label] or labels


def expected(theme: str, action: str, **values: str) -> dict[str, str]:
    return {"theme": theme, "action": action, "expect_flag": "0"} | values


def with_deadline(row: dict[str, str], due: Deadline | None) -> dict[str, str]:
    if due is None:
        return row | {"deadline_kind": "missing"}
    return row | {"deadline_raw": due.raw, "deadline_kind": due.kind,
                  "deadline_start": due.start, "deadline_end": due.end}


def ref_of(style: str, section: int, n: int) -> tuple[str, str, str]:
    """(printed heading prefix, action_ref, action_id) of a numbering style."""
    if style == "label":
        return f"Action {n}: ", f"Action {n}", str(n)
    if style == "dotted":
        return f"{section}.{n} ", f"{section}.{n}", f"{section}.{n}"
    return "", "", ""


def plan_labels(rng: random.Random, ctx: Context, french: bool) -> dict[str, str]:
    if french:
        return {name: rng.choice(words) for name, words in FRENCH.items()}
    return {name: rng.choice(short(ctx.labels[name])) for name in ("action", "owner", "deadline")}


def aside_order(rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """The fields a record prints besides its action, in the plan's order, and the labels of
    the asides among them (milestones, indicators, progress...)."""
    aside = rng.sample(sorted(ASIDE), rng.randint(0, 2))
    aside_labels = {name: rng.choice(ASIDE[name]) for name in aside}
    order = ["owner", "deadline", *aside]
    rng.shuffle(order)
    return order, aside_labels


def records(doc: Doc, rng: random.Random, ctx: Context,
            most: int) -> Iterator[tuple[str, int, int, str, str, str]]:
    """Two or three themes, each a heading over 3 to ``most`` actions: (theme, section,
    number, action text, owner as printed, owners as expected) for each action."""
    for section in range(1, rng.randint(2, 3) + 1):
        theme = rng.choice(THEMES)
        doc.blocks.append(Heading(1, theme))
        for n in range(1, rng.randint(3, most) + 1):
            text = action_text(rng)
            printed, canon = owner(rng, ctx)
            yield theme, section, n, text, printed, canon


def make_labelled(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(a) One record per action: a heading (the action) and labelled lines under it, or every
    line labelled, the action's own label first."""
    french = rng.random() < 0.2
    labels = plan_labels(rng, ctx, french)
    all_labelled = rng.random() < 0.25
    style = rng.choice(["label", "dotted", "none"])
    bold_heading = rng.random() < 0.35
    bold_label = rng.random() < 0.5
    order, aside_labels = aside_order(rng)
    for theme, section, n, text, printed, canon in records(doc, rng, ctx, 7):
        due = deadline(rng) if not french else year_or_day(rng)
        prefix, ref, ident = ref_of(style, section, n)
        if all_labelled:
            ref, ident = "", ""
            doc.blocks.append(Para(text, labels["action"], bold_label))
        else:
            doc.blocks.append(Heading(2, prefix + text, bold_heading))
        for name in order:
            value = {"owner": printed, "deadline": due.raw}.get(name) or rng.choice(
                EXTRA_TEXT.get(name, UPDATES) or UPDATES) or "See update"
            label = labels.get(name) or aside_labels[name]
            doc.blocks.append(Para(value, label, bold_label))
        doc.rows.append(with_deadline(expected(theme, text, owners=canon, action_ref=ref,
                                               action_id=ident), due))


def year_or_day(rng: random.Random) -> Deadline:
    """A deadline written the same in French and English (a year, a day in figures)."""
    year, month, day = rng.randint(2024, 2029), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.5:
        return Deadline(str(year), "date", f"{year}-01-01", f"{year}-12-31")
    iso = f"{year}-{month:02d}-{day:02d}"
    return Deadline(f"{day:02d}/{month:02d}/{year}", "date", iso, iso)


def make_lists(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(b) Numbered or bulleted actions under an objective heading, one labelled who/when line
    (or both) printed once for the list, after it or before it."""
    labels = plan_labels(rng, ctx, False)
    numbering = rng.choice(["{n}. ", "{n}) ", "• "])
    intro = rng.choice(LIST_LABELS) if rng.random() < 0.6 else ""  # printed over the list
    after = rng.random() < 0.7
    shared = rng.choice([["deadline"], ["owner"], ["owner", "deadline"]])
    theme = rng.choice(THEMES)
    doc.blocks.append(Heading(1, theme))
    for objective in rng.sample(OBJECTIVES, rng.randint(2, 4)):
        doc.blocks.append(Heading(2, objective))
        printed, canon = owner(rng, ctx)
        due = deadline(rng)
        lines = [Para({"owner": printed, "deadline": due.raw}[name], labels[name])
                 for name in shared]
        if not after:
            doc.blocks.extend(lines)
        if intro:
            doc.blocks.append(Para(intro))
        for n in range(1, rng.randint(2, 6) + 1):
            text = action_text(rng)
            mark = numbering.format(n=n)
            doc.blocks.append(Para(mark + text))
            ref = str(n) if mark[0].isdigit() else ""
            row = expected(theme, text, objective=objective, action_ref=ref, action_id=ref,
                           owners=canon if "owner" in shared else "")
            doc.rows.append(with_deadline(row, due if "deadline" in shared else None))
        if after:
            doc.blocks.extend(lines)


def make_keyvalue(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(c) One two-column table per action: a key column of labels, a value column."""
    labels = plan_labels(rng, ctx, rng.random() < 0.15)
    with_ref = rng.random() < 0.5
    order, aside_labels = aside_order(rng)
    ruled = rng.random() < 0.75
    for theme, section, n, text, printed, canon in records(doc, rng, ctx, 6):
        due = deadline(rng)
        rows: list[list[str | tuple[str, int]]] = []
        ref = f"{section}.{n}" if with_ref else ""
        if with_ref:
            rows.append(["Ref", ref])
        rows.append([labels["action"], text])
        for name in order:
            value = {"owner": printed, "deadline": due.raw}.get(name) or rng.choice(
                EXTRA_TEXT.get(name, UPDATES)) or "None"
            rows.append([labels.get(name) or aside_labels[name], value])
        doc.blocks.append(Table(rows, ruled=ruled, bold_first_column=True))
        doc.blocks.append(Para(""))
        doc.rows.append(with_deadline(expected(theme, text, owners=canon, action_ref=ref,
                                               action_id=ref), due))


def grid_columns(rng: random.Random, ctx: Context) -> list[tuple[str, str]]:
    fields = ["action", "owner", "deadline"] + ["ref"] * (rng.random() < 0.5)
    rng.shuffle(fields)
    if "ref" in fields:
        fields.remove("ref")
        fields.insert(0, "ref")
    return [(name, rng.choice(ctx.labels[name])) for name in fields]


def grid_row(rng: random.Random, ctx: Context, ref: str) -> tuple[dict[str, str], Deadline]:
    printed, canon = owner(rng, ctx)
    due = deadline(rng)
    return {"action": action_text(rng), "owner": printed, "deadline": due.raw, "ref": ref,
            "owners": canon}, due


#: A heading labelled by its level: a word, a number or letter, then ":", "." or a dash.
_LEVEL = re.compile(r"^([A-Za-z]+) (?:\d+|[A-Z]) ?[:.–]")


def _two_levels(heading: str, caption: str) -> bool:
    """Both lines are labelled by their level, with different words."""
    above, below = _LEVEL.match(heading), _LEVEL.match(caption)
    return bool(above and below and above.group(1) != below.group(1))


def make_objective(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(d) One table per objective: a caption row spanning the table over the header row,
    both repeated on continuation pages (or neither). The caption is the rows' theme, the
    heading above the tables none of theirs: so the real set's hand-checked rows take it
    (Decoy's "AIM 1: ..." and "Teaching" captions under the plan's own numbered headings).
    Where both are labelled by their level with different words ("Priority 1: ..." over
    "Objective 2: ..."), the labels tell two levels: the heading is the theme, the caption
    the objective (as the McKinney Boyd plan's "ABILITY 1:" over "OBJECTIVE A:")."""
    columns = grid_columns(rng, ctx)
    repeat = rng.random() < 0.6
    ruled = rng.random() < 0.7
    captioned = rng.choice(["Objective {n}: {t}", "{t}"])
    theme = rng.choice(THEMES)
    doc.blocks.append(Heading(1, theme))
    for number, objective in enumerate(rng.sample(OBJECTIVES, rng.randint(2, 3)), 1):
        caption = captioned.format(n=number, t=objective)
        levels = (theme, caption) if _two_levels(theme, caption) else (caption, "")
        rows: list[list[str | tuple[str, int]]] = [[(caption, len(columns))],
                                                   [label for _, label in columns]]
        for n in range(1, rng.randint(4, 16) + 1):
            cells, due = grid_row(rng, ctx, f"{number}.{n}")
            rows.append([cells[name] for name, _ in columns])
            ref = cells["ref"] if any(name == "ref" for name, _ in columns) else ""
            doc.rows.append(with_deadline(expected(
                levels[0], cells["action"], objective=levels[1], owners=cells["owners"],
                action_ref=ref, action_id=ref), due))
        doc.blocks.append(Table(rows, header_rows=2, repeat=repeat, ruled=ruled))
        doc.blocks.append(Para(""))


def make_status(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(e) A grid with status columns (a status word, a RAG rating, a progress update in
    sentences) beside the action column."""
    columns = grid_columns(rng, ctx)
    status = rng.sample(["status", "rag", "update"], rng.randint(1, 3))
    status_labels = {"status": rng.choice(["Status", "Current status", "Progress"]),
                     "rag": rng.choice(RAG_LABELS),
                     "update": rng.choice(["Progress update", "Update", "Latest position",
                                           "Commentary"])}
    for name in status:
        columns.insert(rng.randint(1, len(columns)), (name, status_labels[name]))
    rag = rng.choice(RAG_VALUES)
    repeat = rng.random() < 0.6
    ruled = rng.random() < 0.7
    for section in range(1, rng.randint(1, 3) + 1):
        theme = rng.choice(THEMES)
        doc.blocks.append(Heading(1, theme))
        rows: list[list[str | tuple[str, int]]] = [[label for _, label in columns]]
        for n in range(1, rng.randint(4, 12) + 1):
            cells, due = grid_row(rng, ctx, f"{section}.{n}")
            cells |= {"status": rng.choice(STATUS_VALUES), "rag": rng.choice(rag),
                      "update": rng.choice(UPDATES)}
            rows.append([cells[name] for name, _ in columns])
            ref = cells["ref"] if any(name == "ref" for name, _ in columns) else ""
            doc.rows.append(with_deadline(expected(theme, cells["action"],
                                                   owners=cells["owners"], action_ref=ref,
                                                   action_id=ref), due))
        doc.blocks.append(Table(rows, header_rows=1, repeat=repeat, ruled=ruled))


def make_timeline(doc: Doc, rng: random.Random, ctx: Context) -> None:
    """(f) A wide grid whose deadline is ticked periods: quarters or months of a financial
    year, the year in each label ("Q1 2025/26", "Apr 25") or in a row spanning them."""
    doc.landscape = True
    year = rng.randint(2024, 2028)
    fy = f"{year}/{(year + 1) % 100:02d}"
    months = rng.random() < 0.4
    if months:
        periods = [(year + (m < 4), m) for m in FY_MONTHS]
        names = [MONTHS[m - 1][:3] for _, m in periods]
    else:
        periods = [(year + (q == 4), QUARTER_MONTHS[q]) for q in range(1, 5)]
        names = [f"Q{q}" for q in range(1, 5)]
    spanning = rng.random() < 0.5
    labels = names if spanning else [
        f"{n} {y % 100:02d}" if months else f"{n} {fy}" for n, (y, _) in zip(names, periods,
                                                                            strict=True)]
    tick = rng.choice(TICKS)
    columns = [(name, rng.choice(ctx.labels[name])) for name in ("action", "owner")]
    if rng.random() < 0.5:
        columns.insert(0, ("ref", "Ref"))
    span = 3 if months else 1
    header = [label for _, label in columns]
    rows: list[list[str | tuple[str, int]]] = (
        [[*header, (fy, len(labels))], [""] * len(columns) + labels] if spanning
        else [header + labels])
    theme = rng.choice(THEMES)
    doc.blocks.append(Heading(1, theme))
    for n in range(1, rng.randint(6, 16) + 1):
        cells, _ = grid_row(rng, ctx, f"{n}")
        first = rng.randrange(len(periods))
        last = min(len(periods) - 1, first + rng.randint(0, 3 * span))
        (y0, m0), (y1, m1) = periods[first], periods[last]
        last_month = m1 + (0 if months else 2)
        due = Deadline("; ".join(names[first:last + 1]), "date" if first == last else "range",
                       f"{y0}-{m0:02d}-01", month_end(y1, last_month))
        ticks = [tick if first <= i <= last else "" for i in range(len(periods))]
        rows.append([cells[name] for name, _ in columns] + ticks)
        ref = cells["ref"] if columns[0][0] == "ref" else ""
        doc.rows.append(with_deadline(expected(theme, cells["action"], owners=cells["owners"],
                                               action_ref=ref, action_id=ref), due))
    weights = [{"action": 5.0, "owner": 2.5, "ref": 1.0}[name] for name, _ in columns]
    doc.blocks.append(Table(rows, header_rows=1 + spanning, repeat=rng.random() < 0.6,
                            ruled=rng.random() < 0.8,
                            weights=weights + [1.4 if months else 1.5] * len(periods)))


FAMILIES = {"labelled": make_labelled, "lists": make_lists, "keyvalue": make_keyvalue,
            "objective": make_objective, "status": make_status, "timeline": make_timeline}


def write_docx(doc: Doc, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = Document()
    if doc.landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(f"Action plan {doc.name[-3:]}", level=0)
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.bold_only:
                document.add_paragraph().add_run(block.text).bold = True
            else:
                document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label}: ").bold = block.bold_label
            paragraph.add_run(block.text)
        else:
            width = max(sum(c[1] if isinstance(c, tuple) else 1 for c in row)
                        for row in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            if block.ruled:
                table.style = "Table Grid"
            if block.weights:
                usable = document.sections[0].page_width - Cm(5)
                table.autofit = False
                grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
                for column, col, weight in zip(table.columns, grid, block.weights, strict=True):
                    width = int(usable * weight / sum(block.weights))
                    col.set(qn("w:w"), str(width // 635))  # EMU -> twentieths of a point
                    for cell in column.cells:
                        cell.width = width
            for r, row in enumerate(block.rows):
                col = 0
                for cell in row:
                    text, span = cell if isinstance(cell, tuple) else (cell, 1)
                    target = table.cell(r, col)
                    if span > 1:
                        target = target.merge(table.cell(r, col + span - 1))
                    target.text = text
                    if r < block.header_rows or (block.bold_first_column and col == 0):
                        for run in target.paragraphs[0].runs:
                            run.bold = True
                    col += span
                if r < block.header_rows and block.repeat:
                    flag = OxmlElement("w:tblHeader")
                    flag.set(qn("w:val"), "true")
                    table.rows[r]._tr.get_or_add_trPr().append(flag)
    document.save(path)


def write_html(doc: Doc, path: Path) -> None:
    parts = ["<!doctype html><html><head><meta charset='utf-8'><style>",
             f"@page{{size:A4 {'landscape' if doc.landscape else 'portrait'}}}",
             "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt}",
             "table{border-collapse:collapse;width:100%;margin-bottom:8pt}",
             "td,th{padding:4px;vertical-align:top;text-align:left}",
             ".ruled td,.ruled th{border:1px solid #444}p{margin:0 0 6pt 0}",
             "</style></head><body>", f"<h1>Action plan {doc.name[-3:]}</h1>"]
    for block in doc.blocks:
        if isinstance(block, Heading):
            text = html.escape(block.text)
            parts.append(f"<p><b>{text}</b></p>" if block.bold_only
                         else f"<h{block.level + 1}>{text}</h{block.level + 1}>")
        elif isinstance(block, Para):
            label = html.escape(f"{block.label}: ") if block.label else ""
            if label and block.bold_label:
                label = f"<b>{label}</b>"
            parts.append(f"<p>{label}{html.escape(block.text) or '&nbsp;'}</p>")
        else:
            parts.append(f"<table class='{'ruled' if block.ruled else ''}'>")
            if block.weights:
                parts.append("<colgroup>" + "".join(
                    f"<col style='width:{100 * w / sum(block.weights):.1f}%'>"
                    for w in block.weights) + "</colgroup>")
            for r, row in enumerate(block.rows):
                if r == 0 and block.header_rows:
                    parts.append("<thead>" if block.repeat else "<tbody>")
                if r == block.header_rows and block.header_rows:
                    parts.append("</thead><tbody>" if block.repeat else "")
                tag = "th" if r < block.header_rows else "td"
                cells = []
                for c, cell in enumerate(row):
                    text, span = cell if isinstance(cell, tuple) else (cell, 1)
                    body = html.escape(text)
                    if tag == "td" and block.bold_first_column and c == 0:
                        body = f"<b>{body}</b>"
                    cells.append(f"<{tag} colspan='{span}'>{body}</{tag}>")
                parts.append(f"<tr>{''.join(cells)}</tr>")
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def make_doc(family: str, number: int, seed: int, ctx: Context) -> Doc:
    rng = random.Random(f"{seed}-{family}-{number}")
    doc = Doc(f"{family}_{number:03d}", family, ["docx", "soffice", "chromium"][number % 3])
    FAMILIES[family](doc, rng, ctx)
    return doc


def write_expected(doc: Doc, docs: Path, folder: Path) -> None:
    suffix = {"docx": ".docx", "soffice": "_lo.pdf", "chromium": "_chromium.pdf"}
    source = f"{doc.name}{suffix[doc.producer]}"
    save_expected([{name: row.get(name, "") for name in COLUMNS} | {"source_file": source}
                   for row in doc.rows], docs / source, folder)

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="output folder (default: a new temp folder)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--count", type=int, default=8, help="plans per family")
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help=f"comma-separated, of: {', '.join(FAMILIES)}")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="wild-families-"))
    ctx = Context(label_pool(), owner_pool(),
                  [row["code"] for row in read_csv(INDICATORS) if row.get("title")])
    for family in args.families.split(","):
        docs, expected_dir = out / family / "docs", out / family / "expected"
        for folder in (docs, expected_dir):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        made = [make_doc(family, n, args.seed, ctx) for n in range(args.count)]
        produce(made, docs, write_docx, write_html)
        for doc in made:
            write_expected(doc, docs, expected_dir)
        print(f"{family:10} {len(made)} plans, {sum(len(d.rows) for d in made)} rows "
              f"-> {out / family}")


if __name__ == "__main__":
    main()
