"""Every tunable of a run, in one frozen, validated tree.

``Settings`` holds one branch per concern -- ``headers``, ``roles``, ``owners``, ``limits``,
``pdf``, ``ocr`` -- each a frozen pydantic dataclass whose fields are documented
where they are defined, so wrong types or out-of-range values fail when the
settings are made, not deep inside a reader. Change one with
``dataclasses.replace``::

    settings = Settings(ocr=OcrSettings(language="eng+cym"))

The whole tree takes part in the per-document cache key (``fingerprint``), so
changing any value re-extracts the documents it could affect.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, field
from typing import Annotated

from pydantic import Field
from pydantic.dataclasses import dataclass

Positive = Annotated[float, Field(gt=0)]
#: A time limit: a real number of seconds, at most a day (``--max-seconds nan``, ``inf`` or
#: ``1e12`` is no limit, and overflows the alarm timer).
Seconds = Annotated[float, Field(gt=0, le=86_400, allow_inf_nan=False)]
PositiveInt = Annotated[int, Field(gt=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Score = Annotated[float, Field(ge=0, le=100)]


@dataclass(frozen=True)
class HeaderSettings:
    """How header cells are matched to fields."""

    #: rapidfuzz ratio (0-100) between folded header and synonym for a fuzzy match.
    match_cutoff: Score = 85.0
    #: columns of a table that must map to fields for it to be an action table.
    min_action_columns: PositiveInt = 2


@dataclass(frozen=True)
class RoleSettings:
    """How column roles are read from header words and column content (extract/roles.py)
    when a header is not on the synonym list, or is missing."""

    #: rapidfuzz token_set_ratio (0-100) between a label's head words and a term for the
    #: term to count at all.
    term_cutoff: Score = 80.0
    #: weighted header score (0-100) for a label to name a field.
    header_cutoff: Score = 80.0
    #: content evidence counts this much against header evidence (0-1).
    content_weight: Share = 0.9
    #: weighted header score (0-100) from which a label too weak to name a field alone
    #: (an owner column headed "For") names it when the column's content agrees.
    weak_header_cutoff: Score = 70.0
    #: share of a column's cells naming people, organisations or posts for such a label
    #: to name the owner.
    weak_header_content: Share = 0.6
    #: combined score (0-1) a (column, role) needs to be chosen.
    role_cutoff: Share = 0.5
    #: of action / owner / deadline, how many a table taken on content alone must have.
    min_inferred_roles: PositiveInt = 2
    #: distance (pt) within which a continuation's column starts line up with its table's.
    column_tolerance: Positive = 8.0


@dataclass(frozen=True)
class OwnerSettings:
    """How owner cells are matched to the registry of organisations."""

    #: token_sort_ratio score for an owner to be taken as a confident match.
    confident_score: Score = 92.0
    #: score below which a fuzzy owner candidate is not offered at all.
    candidate_cutoff: Score = 80.0


@dataclass(frozen=True)
class LimitSettings:
    """Limits that keep one hostile document from holding the batch.

    A document that exceeds one fails with a message naming it; the command line
    sets the first three (--max-seconds, --max-pages, --max-megabytes).
    """

    #: seconds one document may take before it is abandoned: forced by SIGALRM where the
    #: document is read in a process's main thread (inline, process-pool workers); in a
    #: thread worker (Dask threads) checked between stages and PDF pages (see limits.py).
    max_seconds_per_document: Seconds = 300.0
    #: pages beyond which a PDF is refused, before any page is read.
    max_pages: PositiveInt = 3000
    #: bytes a .docx may inflate to (sum of its parts' uncompressed sizes).
    max_uncompressed_bytes: PositiveInt = 512 * 1024 * 1024
    #: characters one PDF page may draw (counted from its content before it is laid out). A
    #: page of small print holds about 10,000; pdfplumber keeps ~2.5 KB per character, so a
    #: page at the limit takes ~500 MB. A PDF bomb is a few kB that draw far more.
    max_page_characters: PositiveInt = 200_000
    #: lines, curves and rectangles one PDF page may paint (counted like its characters:
    #: pdfplumber keeps an object of a few KB for each). A page of ruled tables paints a
    #: few thousand; a detailed map some tens of thousands.
    max_page_drawings: PositiveInt = 50_000
    #: forms (XObjects) drawing forms, deepest nesting one PDF page may have; pdfminer
    #: draws them by recursion. Real files nest a handful.
    max_form_depth: PositiveInt = 40
    #: bytes one PDF page's content streams (with the forms they draw) may inflate to.
    max_page_content_bytes: PositiveInt = 64 * 1024 * 1024
    #: entries a .docx ZIP may hold.
    max_zip_entries: PositiveInt = 10_000


@dataclass(frozen=True)
class PdfSettings:
    """The PDF reader's tunables: pdfplumber's table settings, word clustering, layout."""

    #: pdfplumber table_settings for ruled tables. Word and LibreOffice draw each cell
    #: border as its own line or thin rectangle, a point or two apart: snapping and
    #: joining within 3 pt makes them one grid.
    table_settings: dict[str, object] = field(
        default_factory=lambda: {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": 3,
            "join_tolerance": 3,
            "intersection_tolerance": 3,
            "edge_min_length": 3,
        }
    )
    #: an open-sided ruled table (rules between rows and columns, none round it) is closed
    #: where its row rules run this far (pt) or more past its outermost column rule, or its
    #: column rules rise above its top rule (``extract/pdf/sides.py``).
    open_side_min: Positive = 12.0
    #: horizontal gap (pt) between characters that still belong to one word. pdfplumber's
    #: default of 3 joins words in tightly set 9 pt text when the PDF has no space glyphs.
    x_tolerance: Positive = 1.5
    #: vertical distance (pt) within which characters sit on one line.
    y_tolerance: Positive = 3.0
    #: share of the page height, at the top and at the bottom, where running headers,
    #: footers and page numbers are looked for.
    furniture_band: Share = 0.12
    #: a top/bottom line is furniture when it repeats on at least this share of the pages
    #: read (and on two pages or more).
    furniture_share: Share = 0.5
    #: lines at each page edge (within the band) that may be a running header or footer.
    furniture_lines: int = 2
    #: extra vertical space between lines (in font sizes) that starts a new paragraph.
    paragraph_gap: float = 0.45
    #: a line this many times the body font size (or larger) is a heading.
    heading_size_ratio: Positive = 1.12
    #: a bold paragraph at body size is a heading when it has at most this many words.
    bold_heading_max_words: int = 14
    #: ... or this many when it opens with a label and number ("Goal 5: Increase ..."),
    #: which states a whole goal.
    labelled_heading_max_words: int = 40
    #: in a ruled row, text closer than this (in font sizes) to text across a column rule
    #: runs across the rule: the cells are read as one. A word space is 0.22-0.33 em in
    #: common fonts; a tightly padded table (2 pt each side of a rule at 10 pt) leaves
    #: 0.4 em between cells, which must not join them.
    text_flow_gap: float = 0.38
    #: look for borderless tables in the text outside ruled tables.
    borderless: bool = True
    #: least white space between two borderless columns, in font sizes and in points.
    column_gap: Positive = 0.9
    min_column_gap: Positive = 6.0
    #: rows with text in two or more columns a borderless table needs.
    borderless_min_rows: PositiveInt = 3
    #: a vertical gap (in font sizes) larger than this ends a borderless table.
    borderless_max_line_gap: Positive = 2.0
    #: greatest space (in font sizes) between a ruled table and a borderless run of it.
    under_table_gap: Positive = 3.5
    #: extra space (in font sizes) over the tightest line spacing that starts a new row.
    row_gap: float = 0.35
    #: a ruled row whose lines hold a figure outside the first column, this share of them
    #: or more (two at least), and whose cells never wrap a line, holds several rows of a
    #: table of figures drawn without rules between its body rows: it is cut into them.
    stacked_figures_share: Share = 0.6
    #: words a header cell or a key cell may have.
    header_max_words: PositiveInt = 8
    #: characters of a short reference ("PBC12", "ER 10") that keys a borderless row.
    key_max_chars: PositiveInt = 10
    #: give a cell's paragraphs as its lines, its wrapped visual lines put back together
    #: (False: one line per visual line).
    cell_paragraphs: bool = True
    #: a cell's last line ending closer than this (in font sizes) to the right of its text
    #: area fills the cell: hardly a word would have fitted after it, so the layout may
    #: have wrapped the paragraph past the cell's bottom (a page break). Kept tight: in a
    #: narrow date cell a whole short paragraph ("May-June 2006") ends 1.5 sizes short.
    full_line_room: float = 1.0
    #: Word's and LibreOffice's default cell margin (pt), left and right of a cell's text.
    cell_margin: float = 5.4
    #: greatest distance (pt) from a column's rule to its text: Word's default cell margin
    #: is 5.4 pt; lines under a ruled table whose text starts this close to its rules
    #: continue it without rules.
    cell_padding: float = 12.0


@dataclass(frozen=True)
class OcrSettings:
    """Reading pages with no text layer through Tesseract."""

    #: run Tesseract on pages with no text layer.
    enabled: bool = True
    #: resolution scanned pages are rendered at.
    dpi: PositiveInt = 300
    #: Tesseract's language pack(s), e.g. "eng" or "eng+cym" (command line: --ocr-language).
    language: Annotated[str, Field(pattern=r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")] = "eng"
    #: Tesseract options: page segmentation 3 (fully automatic) keeps table cells apart.
    tesseract_config: str = "--psm 3"
    #: pixels a page is rendered at, at most: a large-format scan gets a lower resolution
    #: rather than an image of gigabytes (40 Mpx is A2 at 300 dpi).
    max_pixels: PositiveInt = 40_000_000
    #: seconds Tesseract may spend on one page before the page is given up.
    page_timeout: Positive = 120.0
    #: words below this Tesseract confidence (0-100) are dropped as noise.
    min_confidence: Score = 30.0
    #: a pixel is ink when darker than this share of the paper's brightness.
    ink_share: Share = 0.6
    #: greatest skew (degrees) a scan is straightened from, and the step the search takes.
    max_skew: float = 3.0
    skew_step: Positive = 0.1
    #: least length (pt) of a ruling line; shorter runs are letters and dashes.
    min_rule_length: Positive = 18.0
    #: greatest thickness (pt) of a ruling line; thicker ink is text or a filled box.
    max_rule_thickness: Positive = 3.0
    #: breaks (pt) a scanned rule may have and still be one line.
    rule_gap: float = 1.0
    #: distance (pt) within which a line's end meets another line, and within which
    #: two lines are one grid edge.
    rule_snap: Positive = 4.0
    #: share of a grid edge a rule must cover for the cells either side to be separate.
    border_coverage: Share = 0.5
    #: words whose tops are this close (pt) sit on one line of a cell.
    line_tolerance: Positive = 3.0
    #: a word whose strokes are this many times as thick (for its size) as the page's
    #: typical word's is bold.
    bold_stroke_ratio: Positive = 1.4
    #: what Tesseract makes of a bullet glyph; read as a bullet when it opens a line of
    #: several words ("e" and "¢" are no English words on their own).
    bullet_misreads: frozenset[str] = frozenset({"e", "e¢", "¢", "«", "»", "°", "©", "@", "®"})


@dataclass(frozen=True)
class Settings:
    """The settings of a run: one branch per concern, each with documented defaults."""

    headers: HeaderSettings = field(default_factory=HeaderSettings)
    roles: RoleSettings = field(default_factory=RoleSettings)
    owners: OwnerSettings = field(default_factory=OwnerSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)

    def fingerprint(self) -> str:
        """A short hash of the whole tree, used in the per-document cache key."""
        encoded = json.dumps(asdict(self), sort_keys=True, default=_sorted_repr).encode()
        return hashlib.sha256(encoded).hexdigest()[:16]


def _sorted_repr(value: object) -> object:
    # Sets (bullet_misreads) have no stable order; the key must not change between runs.
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)
