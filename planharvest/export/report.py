"""``report.html``: one self-contained page a person opens to see how a run went.

It holds the run's totals, one line per document (rows, flagged rows, status,
the error of a failed document), the stale decisions, and every flagged row
with its reasons, its values and its place in the source: for a PDF row, a
picture of the row's region of the page (pdfplumber crop, PNG inlined as a
``data:`` URI); for a Word row, its text with its theme, objective and
neighbouring rows. The page makes no requests (a Content-Security-Policy
forbids any) and needs no script. Document text is untrusted: every value
is HTML-escaped. Pictures stop after ``max_pictures`` rows, which the page
says, so a run with thousands of flagged rows still gives a file a browser
opens.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from string import Template

import pdfplumber
import pypdfium2

from planharvest import __version__
from planharvest.export.review_rows import DECISIONS_FORMAT, StaleDecision
from planharvest.files import write_text
from planharvest.model import FLAG_CODES, Action, DocumentRecord

#: Points of page added around a row's box, so its ruling lines and neighbours show.
PICTURE_PADDING_PT = 8.0
#: Rendering resolution of pictures (dots per inch): small files, still legible.
PICTURE_RESOLUTION = 100
#: Pictures wider than this are drawn at a lower resolution (pixels).
PICTURE_MAX_WIDTH_PX = 1000
#: ... but never below this resolution (dots per inch), where text stops being legible.
PICTURE_MIN_RESOLUTION = 72
#: Rows wider than this (points: the widest drawn at the lowest resolution) are pictured
#: from their left edge to this width.
PICTURE_MAX_WIDTH_PT = PICTURE_MAX_WIDTH_PX * 72 / PICTURE_MIN_RESOLUTION
#: Rows taller than this (points) are pictured from their top to this height.
PICTURE_MAX_HEIGHT_PT = 450.0
#: Grey levels kept: text stays crisp and the PNG is about a third smaller.
PICTURE_GREY_LEVELS = 16
#: Flagged rows that get a picture; later rows show their text only.
MAX_PICTURES = 300
#: Characters of a long text value shown in a row's value table.
VALUE_CHARACTERS = 600


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def write_report(out_dir: Path, documents: Sequence[DocumentRecord], actions: Sequence[Action],
                 stale: Sequence[StaleDecision], sources: dict[str, Path],
                 max_pictures: int = MAX_PICTURES) -> Path:
    """Write ``out_dir/report.html`` atomically and return its path.

    ``actions`` are the rows after reviewer decisions; ``sources`` maps each
    row's ``source_file`` to the document's absolute path (for pictures).
    """
    flagged = [action for action in actions if action.needs_review]
    pictures = _Pictures(sources, max_pictures)
    try:
        body = "\n".join([
            _heading(),
            _totals(documents, actions, flagged, stale),
            _documents_table(documents, actions),
            _stale_table(stale),
            _flagged_rows(documents, actions, flagged, pictures),
        ])
    finally:
        pictures.close()
    template = Template(resources.files("planharvest.export").joinpath("report.html")
                        .read_text(encoding="utf-8"))
    path = Path(out_dir) / "report.html"
    write_text(path, template.substitute(body=body))
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
        ("stale decisions", len(stale)),
    ]
    cells = "".join(f"<th>{_e(label)}</th>" for label, _ in figures)
    values = "".join(f"<td class=\"num\">{count}</td>" for _, count in figures)
    codes = Counter(code for action in flagged for code in action.flags)
    reasons = "".join(
        f"<tr><td><span class=\"code\">{_e(code)}</span></td><td class=\"num\">{count}</td>"
        f"<td>{_e(FLAG_CODES.get(code, ''))}</td></tr>"
        for code, count in sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    )
    reason_table = (f"<h3>Why rows are flagged</h3><table><tr><th>reason</th><th>rows</th>"
                    f"<th>meaning</th></tr>{reasons}</table>" if reasons else "")
    return (f"<h2>Run totals</h2><table class=\"totals\"><tr>{cells}</tr><tr>{values}</tr>"
            f"</table>{reason_table}")


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
                  flagged: Sequence[Action], pictures: _Pictures) -> str:
    if not flagged:
        return "<h2>Flagged rows</h2><p>No row needs review.</p>"
    parts = ["<h2>Flagged rows</h2>"]
    if len(flagged) > pictures.limit:
        parts.append(f"<p class=\"note\">{len(flagged)} rows are flagged; the first "
                     f"{pictures.limit} PDF rows have pictures, the rest show their text only "
                     "to keep this file small.</p>")
    neighbours = neighbour_labels(actions)
    order = [document.path for document in documents]
    order += sorted({action.source_file for action in flagged} - set(order))
    for source_file in order:
        rows = [action for action in flagged if action.source_file == source_file]
        if not rows:
            continue
        parts.append(f"<h3 id=\"{_anchor(source_file)}\">{_e(source_file)} "
                     f"({len(rows)} flagged)</h3>")
        parts.extend(_row_section(action, neighbours[action.record_id], pictures)
                     for action in rows)
    return "\n".join(parts)


def _row_section(action: Action, neighbours: tuple[str, str], pictures: _Pictures) -> str:
    label = action.action_ref or action.action_id or "(no reference)"
    where = f"page {action.page}" if action.page else action.source_format
    reasons = "".join(
        f"<li><span class=\"code\">{_e(flag.code)}</span> ({_e(flag.field)}): {_e(flag.reason)}"
        + (f"<br>candidates: {_e(' | '.join(flag.candidates))}" if flag.candidates else "")
        + "</li>"
        for flag in action.flag_details
    )
    values = "".join(f"<tr><th>{_e(name)}</th><td>{_e(_clip(value))}</td></tr>"
                     for name, value in _values(action))
    picture, note = pictures.picture(action)
    note_html = f"<p class=\"meta\">{_e(note)}</p>" if note else ""
    source = (f"<div class=\"picture\">{picture}{note_html}</div>" if picture
              else note_html + _text_context(action, neighbours))
    return (f"<section class=\"row\" id=\"row-{_e(action.record_id)}\">"
            f"<h4>{_e(label)} <span class=\"where\">— {_e(where)} · record "
            f"<code>{_e(action.record_id)}</code></span></h4>"
            f"<ul class=\"reasons\">{reasons}</ul>{source}"
            f"<table class=\"values\">{values}</table></section>")


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
        ("partners", "; ".join(action.partners)), ("deadline as printed", action.deadline_raw),
        ("deadline", deadline), ("indicators", "; ".join(action.indicators)),
        ("rag", action.rag or ""), ("kpi", action.kpi), ("milestones", action.milestones),
        ("progress", action.progress), ("outcomes", action.outcomes), ("notes", action.notes),
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


# -- pictures -------------------------------------------------------------------------------


class _Pictures:
    """Crops of PDF pages as inline PNG ``<img>`` tags, one open document at a time."""

    def __init__(self, sources: dict[str, Path], limit: int) -> None:
        self.sources = sources
        self.limit = limit
        self.made = 0
        self._open_file: str | None = None
        self._pdf: pdfplumber.PDF | None = None

    def picture(self, action: Action) -> tuple[str, str]:
        """(``<img>`` tag or '', a note for the reader or ''); Word rows get neither."""
        if action.source_format != "pdf":
            return "", ""
        if action.bbox is None or action.page is None:
            return "", "No picture: the reader gave no position on the page for this row."
        if self.made >= self.limit:
            return "", f"No picture: only the first {self.limit} rows get one."
        path = self.sources.get(action.source_file)
        if path is None or not Path(path).is_file():
            return "", f"No picture: the document {action.source_file} was not found."
        try:
            png = self._crop(action.source_file, Path(path), action.page, action.bbox)
        except Exception as error:  # noqa: BLE001 - a picture is a nicety; the report goes on
            return "", (f"No picture: the page could not be drawn "
                        f"({type(error).__name__}: {error}).")
        self.made += 1
        encoded = base64.b64encode(png).decode("ascii")
        tag = (f"<img alt=\"{_e(action.source_file)}, page {action.page}: the row as printed\" "
               f"src=\"data:image/png;base64,{encoded}\">")
        notes = []
        if action.bbox[3] - action.bbox[1] + 2 * PICTURE_PADDING_PT > PICTURE_MAX_HEIGHT_PT:
            notes.append("The row is taller than the picture: its top part is shown.")
        if action.bbox[2] - action.bbox[0] + 2 * PICTURE_PADDING_PT > PICTURE_MAX_WIDTH_PT:
            notes.append("The row is wider than the picture: its left part is shown.")
        if "row_split_across_pages" in action.flags:
            # A joined row keeps its first part's page and box (extract/stitch).
            notes.append(f"The row was joined from parts: the picture shows the part where it "
                         f"starts, on page {action.page}.")
        return tag, " ".join(notes)

    def _crop(self, source_file: str, path: Path, page_number: int,
              bbox: tuple[float, float, float, float]) -> bytes:
        if self._open_file != source_file:
            self.close()
            self._pdf = pdfplumber.open(path)
            self._open_file = source_file
        assert self._pdf is not None
        page = self._pdf.pages[page_number - 1]
        return crop_png(page, bbox)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        self._pdf, self._open_file = None, None


def crop_png(page: pdfplumber.page.Page, bbox: tuple[float, float, float, float]) -> bytes:
    """The region ``bbox`` of ``page`` (padded, kept on the page) as a small grey PNG.

    A row taller than ``PICTURE_MAX_HEIGHT_PT`` is pictured from its top, one
    wider than ``PICTURE_MAX_WIDTH_PT`` from its left. Only the region is
    drawn, at a resolution that keeps it within ``PICTURE_MAX_WIDTH_PX``, so
    memory follows the picture, never the page: a page may declare any size
    (pdfplumber's ``to_image`` draws the whole page and crops afterwards, ~600 MB
    for a 50,000 pt wide one).
    """
    left, top, right, bottom = page.cropbox  # pdfium draws the crop box, nothing outside it
    box_left = max(left, bbox[0] - PICTURE_PADDING_PT)
    box_top = max(top, bbox[1] - PICTURE_PADDING_PT)
    box = (box_left, box_top,
           min(right, bbox[2] + PICTURE_PADDING_PT, box_left + PICTURE_MAX_WIDTH_PT),
           min(bottom, bbox[3] + PICTURE_PADDING_PT, box_top + PICTURE_MAX_HEIGHT_PT))
    if box[0] >= box[2] or box[1] >= box[3]:
        raise ValueError(f"the row's box {bbox} lies outside the page")
    scale = min(PICTURE_RESOLUTION / 72, PICTURE_MAX_WIDTH_PX / (box[2] - box[0]))
    # pdfium's crop is what to cut off each edge: left, bottom, right, top.
    cut = (box[0] - left, bottom - box[3], right - box[2], box[1] - top)
    document = pypdfium2.PdfDocument(page.pdf.path or page.pdf.stream,
                                     password=page.pdf.password)
    try:
        bitmap = document[page.page_number - 1].render(
            scale=scale, crop=cut, grayscale=True,
            # Smoothed text stays legible below 100 dpi; unsmoothed ruling lines stay crisp.
            no_smoothpath=True)
        image = bitmap.to_pil().convert("L")
    finally:
        document.close()
    buffer = io.BytesIO()
    # Even grey steps by table look-up, and zlib's default effort: a third of the time of
    # median-cut quantising and optimize=True (the report's main cost), a few % more bytes.
    step = 255 / (PICTURE_GREY_LEVELS - 1)
    image.point([round(round(value / step) * step) for value in range(256)]).save(buffer, "PNG")
    return buffer.getvalue()
