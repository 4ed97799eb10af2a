"""``report.html``: one page a person opens to see how a run went, whatever its size.

It holds the run's totals and a count per reason, one line per document
(rows, flagged rows, status, the error of a failed document), the stale
decisions, and every flagged row as a card folded to one line (``<details>``:
reference, reasons, the start of the action) that opens on its reasons, its
values and a picture of its place in the source with its table's header row
(``export/pictures.py``: files in ``report-pictures/`` loaded lazily, or a
sentence saying why there is none). Two menus filter the cards by document
and by reason, in the page (a short inline script allowed by its hash; without
script every card shows). The page makes no requests beyond its own picture
files (a Content-Security-Policy forbids any other) and grows by about a
kilobyte per flagged row, not with the documents. Document text is untrusted:
every value is HTML-escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from string import Template

from planharvest import __version__
from planharvest.export.pictures import MAX_PICTURES, Pictures
from planharvest.export.review_rows import DECISIONS_FORMAT, StaleDecision
from planharvest.files import write_text
from planharvest.model import FLAG_CODES, Action, DocumentRecord

#: Characters of a long text value shown in a row's value table.
VALUE_CHARACTERS = 600
#: Characters of the action text on a card's folded line.
GIST_CHARACTERS = 110


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def write_report(out_dir: Path, documents: Sequence[DocumentRecord], actions: Sequence[Action],
                 stale: Sequence[StaleDecision], sources: dict[str, Path],
                 max_pictures: int = MAX_PICTURES, timeout: float = 300.0,
                 word_pictures: bool = False) -> Path:
    """Write ``out_dir/report.html`` and its ``report-pictures/`` folder; return the page.

    ``actions`` are the rows after reviewer decisions; ``sources`` maps each
    row's ``source_file`` to the document's absolute path (for pictures);
    ``timeout`` bounds LibreOffice's printing of one Word document; ``word_pictures``:
    picture Word rows too, printing their documents through LibreOffice
    (``export/pictures.py``).
    """
    flagged = [action for action in actions if action.needs_review]
    pictures = Pictures(out_dir, sources, actions, max_pictures, timeout, word_pictures)
    try:
        body = "\n".join([
            _heading(),
            _totals(documents, actions, flagged, stale),
            _documents_table(documents, actions),
            _stale_table(stale),
            _decided_table(actions),
            _flagged_rows(documents, actions, flagged, pictures),
        ])
    finally:
        pictures.close()
    template = (resources.files("planharvest.export").joinpath("report.html")
                .read_text(encoding="utf-8"))
    script = re.search(r"<script>(.*?)</script>", template, re.DOTALL)
    assert script is not None, "report.html has lost its script"
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    path = Path(out_dir) / "report.html"
    write_text(path, Template(template).substitute(body=body, script_hash=f"sha256-{digest}"))
    return path


# -- sections --------------------------------------------------------------------------


def _heading() -> str:
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return (f"<h1>planharvest report</h1>\n<p class=\"meta\">Written {_e(now)} by planharvest "
            f"{_e(__version__)}.</p>")


def _totals(documents: Sequence[DocumentRecord], actions: Sequence[Action],
            flagged: Sequence[Action], stale: Sequence[StaleDecision]) -> str:
    # The decisions file's line of documents.csv is an input, not a document.
    statuses = Counter(document.status for document in documents
                       if document.format != DECISIONS_FORMAT)
    figures = [
        ("documents", statuses.total()), ("converted", statuses["ok"]),
        ("failed", statuses["failed"]), ("skipped", statuses["skipped"]),
        ("actions", len(actions)), ("flagged for review", len(flagged)),
        ("with notes only", sum(bool(a.flags) and not a.needs_review for a in actions)),
        ("decided by a reviewer", sum(bool(action.decided) for action in actions)),
        ("stale decisions", len(stale)),
    ]
    cells = "".join(f"<th>{_e(label)}</th>" for label, _ in figures)
    values = "".join(f"<td class=\"num\">{count}</td>" for _, count in figures)
    return (f"<h2>Run totals</h2><table class=\"totals\"><tr>{cells}</tr><tr>{values}</tr>"
            f"</table>{_reason_table(actions)}")


def _reason_table(actions: Sequence[Action]) -> str:
    """Rows per reason code, as a doubt (the row is flagged for review) and as a note."""
    counts: Counter[tuple[str, str]] = Counter()
    for action in actions:
        counts.update({(flag.code, flag.severity) for flag in action.flag_details})
    codes = sorted({code for code, _ in counts},
                   key=lambda code: (-counts[(code, "review")], -counts[(code, "note")], code))
    reasons = "".join(
        f"<tr><td><span class=\"code\">{_e(code)}</span></td>"
        f"<td class=\"num\">{counts[(code, 'review')]}</td>"
        f"<td class=\"num\">{counts[(code, 'note')]}</td>"
        f"<td>{_e(FLAG_CODES.get(code, ''))}</td></tr>"
        for code in codes
    )
    return ("<h3>Why rows are flagged</h3><p class=\"note\">A reason is a doubt (the row needs "
            "review) or a note (a certain rule was applied; the row stays out of review), by "
            "what its row showed.</p><table><tr><th>reason</th><th>rows to review</th>"
            f"<th>rows with it as a note</th><th>meaning</th></tr>{reasons}</table>"
            if reasons else "")


def _decided_table(actions: Sequence[Action]) -> str:
    """The rows a reviewer's decisions set values in, naming the fields."""
    decided = [action for action in actions if action.decided]
    if not decided:
        return ""
    lines = "".join(
        f"<tr><td>{_e(a.source_file)}</td><td>{_e(a.action_ref or a.action_id)}</td>"
        f"<td>{_e(_clip(a.action))}</td><td>{_e('; '.join(a.decided))}</td></tr>"
        for a in decided)
    return ("<h2>Decided rows</h2><p class=\"note\">Values set by a reviewer's decision "
            "(column <code>decided</code>), not by planharvest.</p><table><tr><th>document</th>"
            f"<th>reference</th><th>action</th><th>fields decided</th></tr>{lines}</table>")


def _documents_table(documents: Sequence[DocumentRecord], actions: Sequence[Action]) -> str:
    rows_by_file = Counter(action.source_file for action in actions)
    flagged_by_file = Counter(action.source_file for action in actions if action.needs_review)
    lines = []
    for document in documents:
        flagged = flagged_by_file[document.path]
        link = (f"<a href=\"#{_anchor(document.path)}\">{flagged}</a>" if flagged else "0")
        lines.append(
            f"<tr><td>{_e(document.path)}</td><td>{_e(document.format)}</td>"
            f"<td class=\"num\">{_e(document.pages if document.pages is not None else '')}</td>"
            f"<td class=\"num\">{document.tables_found}</td>"
            f"<td class=\"num\">{rows_by_file[document.path]}</td>"
            f"<td class=\"num\">{link}</td>"
            f"<td class=\"status-{_e(document.status)}\">{_e(document.status)}</td>"
            f"<td>{_e(document.error)}</td></tr>"
        )
    return ("<h2>Documents</h2><table><tr><th>document</th><th>format</th><th>pages</th>"
            "<th>tables</th><th>rows</th><th>flagged</th><th>status</th><th>error / note</th>"
            f"</tr>{''.join(lines)}</table>")


def _stale_table(stale: Sequence[StaleDecision]) -> str:
    if not stale:
        return "<h2>Stale decisions</h2><p>None: every reviewer decision matched its row.</p>"
    lines = "".join(
        f"<tr><td>{_e(d.scope)}</td><td>{_e(d.record_id)}</td><td>{_e(d.field)}</td>"
        f"<td>{_e(d.raw_value)}</td><td>{_e(d.decision)}</td><td>{_e(d.value)}</td>"
        f"<td>{_e(d.reviewer)}<br>{_e(d.decided_at)}</td><td>{_e(d.reason)}</td></tr>"
        for d in stale
    )
    return ("<h2>Stale decisions</h2><p class=\"note\">These decisions no longer match the rows "
            "of this run and were not applied. They are kept in the decisions file; decide the "
            "rows again or edit the file.</p><table class=\"stale\"><tr><th>scope</th>"
            "<th>record_id</th><th>field</th><th>printed text</th><th>decision</th>"
            "<th>value</th><th>by, when</th><th>why stale</th></tr>" + lines + "</table>")


def _flagged_rows(documents: Sequence[DocumentRecord], actions: Sequence[Action],
                  flagged: Sequence[Action], pictures: Pictures) -> str:
    if not flagged:
        return "<h2>Flagged rows</h2><p>No row needs review.</p>"
    neighbours = neighbour_labels(actions)
    order = [document.path for document in documents]
    order += sorted({action.source_file for action in flagged} - set(order))
    by_file: dict[str, list[Action]] = {}
    for action in flagged:
        by_file.setdefault(action.source_file, []).append(action)
    parts = ["<h2>Flagged rows</h2>", _filters(order, by_file, flagged)]
    pictures.prepare([action for source_file in order for action in by_file.get(source_file, [])])
    for source_file in order:
        rows = by_file.get(source_file)
        if not rows:
            continue
        anchor = _anchor(source_file)
        parts.append(f"<section class=\"doc\" data-doc=\"{anchor}\"><h3 id=\"{anchor}\">"
                     f"{_e(source_file)} ({len(rows)} flagged)</h3>")
        parts.extend(_row_card(action, neighbours[action.record_id], pictures)
                     for action in rows)
        parts.append("</section>")
    return "\n".join(parts)


def _filters(order: Sequence[str], by_file: dict[str, list[Action]],
             flagged: Sequence[Action]) -> str:
    """The two menus (hidden until the page's script shows them: without it they do nothing)."""
    documents = "".join(
        f"<option value=\"{_anchor(name)}\">{_e(name)} ({len(by_file[name])})</option>"
        for name in order if name in by_file)
    codes = Counter(code for action in flagged for code in action.flags)
    reasons = "".join(f"<option value=\"{_e(code)}\">{_e(code)} ({count})</option>"
                      for code, count in sorted(codes.items()))
    return ("<form id=\"filters\" class=\"filters\" hidden>"
            "<label>Document <select id=\"filter-doc\"><option value=\"\">all documents"
            f"</option>{documents}</select></label> "
            "<label>Reason <select id=\"filter-reason\"><option value=\"\">all reasons"
            f"</option>{reasons}</select></label> "
            f"<output id=\"shown\">{len(flagged)} of {len(flagged)} flagged rows shown</output>"
            "</form>")


def _row_card(action: Action, neighbours: tuple[str, str], pictures: Pictures) -> str:
    label = action.action_ref or action.action_id or "(no reference)"
    where = f"page {action.page}" if action.page else action.source_format
    gist = " ".join(action.action.split())
    if len(gist) > GIST_CHARACTERS:
        gist = gist[:GIST_CHARACTERS - 1] + "…"
    reasons = "".join(
        f"<li class=\"{flag.severity}\"><span class=\"code\">{_e(flag.code)}</span> "
        f"({_e(flag.field)}, {flag.severity}): {_e(flag.reason)}"
        + (f"<br>candidates: {_e(' | '.join(flag.candidates))}" if flag.candidates else "")
        + "</li>"
        for flag in action.flag_details
    )
    values = "".join(f"<tr><th>{_e(name)}</th><td>{_e(_clip(value))}</td></tr>"
                     for name, value in _values(action))
    picture, why_not = pictures.picture(action)
    if picture is not None:
        note = f"<p class=\"meta\">{_e(picture.note)}</p>" if picture.note else ""
        source = (f"<div class=\"picture\"><img loading=\"lazy\" src=\"{_e(picture.src)}\" "
                  f"width=\"{picture.width}\" height=\"{picture.height}\" "
                  f"alt=\"{_e(action.source_file)}, {_e(where)}: the row as printed\">"
                  f"{note}</div>")
    else:
        source = (f"<p class=\"meta no-picture\">{_e(why_not)}</p>"
                  + _text_context(action, neighbours))
    codes = " ".join(action.flags)
    return (f"<details class=\"row\" id=\"row-{_e(action.record_id)}\" "
            f"data-reasons=\"{_e(codes)}\"><summary><b>{_e(label)}</b> "
            f"<span class=\"code\">{_e(codes)}</span> <span class=\"gist\">{_e(gist)}</span> "
            f"<span class=\"where\">{_e(where)}</span></summary>"
            f"<p class=\"where\">record <code>{_e(action.record_id)}</code></p>"
            f"<ul class=\"reasons\">{reasons}</ul>{source}"
            f"<table class=\"values\">{values}</table></details>")


def _text_context(action: Action, neighbours: tuple[str, str]) -> str:
    previous, following = neighbours
    context = "\n".join(line for line in [
        f"theme: {action.theme}" if action.theme else "",
        f"objective: {action.objective}" if action.objective else "",
        f"previous row: {previous}",
        f"this row: {' '.join(filter(None, [action.action_ref, action.action]))}",
        f"next row: {following}",
    ] if line)
    return f"<div class=\"context\">{_e(context)}</div>"


def _values(action: Action) -> list[tuple[str, str]]:
    deadline = action.deadline_kind
    if action.deadline_start or action.deadline_end:
        deadline += f" {action.deadline_start} .. {action.deadline_end}"
    if action.deadline_precision:
        deadline += f" ({action.deadline_precision})"
    if action.recurrence:
        deadline += f", {action.recurrence}"
    named = [
        ("theme", action.theme), ("objective", action.objective), ("action", action.action),
        ("owner as printed", action.owner_raw), ("owners", "; ".join(action.owners)),
        ("owner units", "; ".join(action.owner_units)),
        ("partners", "; ".join(action.partners)), ("deadline as printed", action.deadline_raw),
        ("deadline", deadline), ("indicators", "; ".join(action.indicators)),
        ("rag", action.rag or ""), ("kpi", action.kpi), ("milestones", action.milestones),
        ("progress", action.progress), ("outcomes", action.outcomes), ("notes", action.notes),
        ("decided by a reviewer", "; ".join(action.decided)),
    ]
    return [(name, value) for name, value in named if value]


def _clip(text: str) -> str:
    return text if len(text) <= VALUE_CHARACTERS else text[:VALUE_CHARACTERS - 1] + "…"


def neighbour_labels(actions: Iterable[Action]) -> dict[str, tuple[str, str]]:
    """record_id → (previous row, next row) of the same document, as short labels."""
    rows = list(actions)
    labels = {}
    for index, action in enumerate(rows):
        around = []
        for other_index in (index - 1, index + 1):
            other = rows[other_index] if 0 <= other_index < len(rows) else None
            if other is None or other.source_file != action.source_file:
                around.append("(none)")
            else:
                text = " ".join(other.action.split())
                around.append(f"{other.action_ref or other.record_id}: "
                              f"{text[:80] + ('…' if len(text) > 80 else '')}")
        labels[action.record_id] = (around[0], around[1])
    return labels


def _anchor(source_file: str) -> str:
    """An id attribute value for a document: unique per path, only characters HTML accepts."""
    return "doc-" + hashlib.sha256(source_file.encode()).hexdigest()[:12]
