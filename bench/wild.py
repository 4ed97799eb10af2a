"""Generate "wild" action plans: layouts no sample was built from, with their expected rows.

    python bench/wild.py [--out DIR] [--seed N] [--count 40]
    python bench/accuracy.py --expected DIR/expected --inputs DIR/docs     # score planharvest

Each plan is one or more sections (a heading, then an action table). Header labels are
drawn from ``bench/data/header_labels.csv`` (labels seen in real public plans, each with
its source); the columns are shuffled; optional columns that planharvest must ignore
(progress, notes, budget, outcomes …) are mixed in. Tables are ruled or borderless; the
header row is repeated on continuation pages or not, set apart from the body (a table of
its own) or missing. Producers: Word (.docx, python-docx), LibreOffice (the same .docx
printed to PDF, one ``soffice`` call for all) and Chromium (HTML printed to PDF).
Content: action texts built from verbs, objects and purposes; owners are organisations of
``planharvest/normalise/data/owners.csv`` written by name or alias (expected: the
canonical name); deadlines in many formats with the period the contract gives them;
indicator codes from ``indicators.csv``.

Output: ``DIR/docs/<name>`` and ``DIR/expected/<name>.csv`` (the columns of
``samples/expected``). For PDFs, ``page`` is where the row's action text starts, read back
with pdfplumber. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import html
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "data" / "header_labels.csv"
OWNERS = ROOT / "planharvest" / "normalise" / "data" / "owners.csv"
INDICATORS = ROOT / "planharvest" / "normalise" / "data" / "indicators.csv"
COLUMNS = ["source_file", "page", "theme", "objective", "action_ref", "action_id", "action",
           "owners", "partners", "deadline_raw", "deadline_kind", "deadline_start",
           "deadline_end", "indicators", "expect_flag"]
#: Columns a plan may carry that are not row fields (planharvest must leave them alone).
EXTRA_FIELDS = ["progress", "notes", "budget", "outcome", "milestones"]
#: Deadline labels that do not name a due date (a start, a duration).
NOT_DUE = re.compile(r"start|duration|date and time", re.I)

VERBS = ["Develop", "Deliver", "Review", "Introduce", "Expand", "Commission", "Establish",
         "Pilot", "Publish", "Extend", "Promote", "Train", "Map", "Monitor", "Reduce",
         "Improve", "Roll out", "Coordinate", "Agree", "Launch", "Evaluate", "Procure"]
OBJECTS = ["a borough-wide alcohol awareness campaign", "the domestic abuse referral pathway",
           "targeted youth diversion sessions", "the night-time economy safety scheme",
           "street lighting upgrades on priority routes", "a tenancy sustainment service",
           "cycle parking at every secondary school", "energy audits of council buildings",
           "the rough sleeping outreach offer", "home fire safety checks for older residents",
           "a shared data dashboard for partners", "the community food growing network",
           "tree planting in low-canopy wards", "heat-health alerts to care homes",
           "an accessible walking route audit", "the hate crime reporting centres",
           "smoking cessation support in maternity services", "flood resilience grants",
           "retrofit advice for private landlords", "the school streets programme",
           "a volunteer befriending scheme", "the anti-social behaviour case review",
           "electric vehicle charging in council car parks", "weight management referrals",
           "the scam prevention partnership", "a single point of contact for victims"]
PURPOSES = ["so that residents know where to get help", "in the wards with the highest need",
            "to cut repeat incidents", "with partners across the district",
            "and report progress to the board", "using the findings of the needs assessment",
            "to meet the 2030 net zero target", "for children and young people at risk",
            "building on the pilot in the town centre", "within existing budgets"]
EXTRA_TEXT = {
    "progress": ["On track", "Not started", "In progress", "Delayed – see note", "Complete"],
    "notes": ["Linked to the housing strategy", "Funding bid submitted", "", "See appendix B",
              "Subject to Cabinet approval"],
    "budget": ["£25,000", "Within existing resources", "£120k capital", "$40,000", "TBA"],
    "outcome": ["Fewer repeat victims", "More people in treatment", "Lower emissions",
                "Safer streets", "Improved wellbeing"],
    "milestones": ["Scoping complete", "Consultation closed", "Contract awarded",
                   "Phase 1 live", "Evaluation report"],
}
THEMES = ["Priority 1: Safer neighbourhoods", "Healthy lives", "Climate and nature",
          "Theme A – Prevention", "Housing and homelessness", "Reducing harm",
          "Outcome 2: Thriving communities", "Transport and air quality", "Early help",
          "Section 3. Supporting victims"]
MONTHS = list(calendar.month_name)[1:]


@dataclass
class Deadline:
    raw: str
    kind: str
    start: str = ""
    end: str = ""


def month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def deadline(rng: random.Random) -> Deadline:
    year = rng.randint(2024, 2029)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    name = MONTHS[month - 1]
    kind = rng.choices(["month", "day", "year", "fy", "quarter", "season", "range", "ongoing",
                        "recurring", "completed", "unknown"],
                       [22, 18, 8, 8, 5, 4, 8, 6, 4, 3, 3])[0]
    if kind == "month":
        raw = rng.choice([f"{name} {year}", f"{name[:3]} {year}", f"{name[:3]} {year % 100:02d}",
                          f"End of {name} {year}"])
        return Deadline(raw, "date", f"{year}-{month:02d}-01", month_end(year, month))
    if kind == "day":
        iso = f"{year}-{month:02d}-{day:02d}"
        raw = rng.choice([f"{day} {name} {year}", f"{day:02d}/{month:02d}/{year}", iso,
                          f"{day} {name[:3]} {year}", f"{name} {day}, {year}"])
        return Deadline(raw, "date", iso, iso)
    if kind == "year":
        return Deadline(str(year), "date", f"{year}-01-01", f"{year}-12-31")
    if kind == "fy":
        raw = rng.choice([f"{year}/{(year + 1) % 100:02d}", f"{year}-{(year + 1) % 100:02d}",
                          f"FY {year % 100:02d}/{(year + 1) % 100:02d}"])
        return Deadline(raw, "date", f"{year}-04-01", f"{year + 1}-03-31")
    if kind == "quarter":
        quarter = rng.randint(1, 4)
        first = {1: (year, 4), 2: (year, 7), 3: (year, 10), 4: (year + 1, 1)}[quarter]
        return Deadline(f"Q{quarter} {year}/{(year + 1) % 100:02d}", "date",
                        f"{first[0]}-{first[1]:02d}-01", month_end(first[0], first[1] + 2))
    if kind == "season":
        season = rng.choice(["Spring", "Summer", "Autumn"])
        first = {"Spring": 3, "Summer": 6, "Autumn": 9}[season]
        return Deadline(f"{season} {year}", "date", f"{year}-{first:02d}-01",
                        month_end(year, first + 2))
    if kind == "range":
        month = min(month, 11)
        last = rng.randint(month + 1, 12)
        raw = rng.choice([f"{MONTHS[month - 1]} {year} - {MONTHS[last - 1]} {year}",
                          f"{MONTHS[month - 1]}-{MONTHS[last - 1]} {year}"])
        return Deadline(raw, "range", f"{year}-{month:02d}-01", month_end(year, last))
    if kind == "ongoing":
        return Deadline(rng.choice(["Ongoing", "On-going", "ongoing"]), "ongoing")
    if kind == "recurring":
        return Deadline(rng.choice(["Quarterly", "Annually", "Monthly"]), "recurring")
    if kind == "completed":
        return Deadline(rng.choice(["Completed", "Already completed"]), "completed")
    return Deadline(rng.choice(["TBC", "N/A"]), "unknown")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def owner_pool() -> list[tuple[str, str]]:
    """(printed name, canonical name) of every organisation and alias of 4+ characters."""
    pool = []
    for row in read_csv(OWNERS):
        pool.append((row["name"], row["name"]))
        for alias in (row.get("aliases") or "").split(";"):
            if len(alias.strip()) >= 4:
                pool.append((alias.strip(), row["name"]))
    return pool


def label_pool() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for row in read_csv(LABELS):
        name, label = row["field"], row["label"].strip().rstrip(":")
        if name == "deadline" and NOT_DUE.search(label):
            continue
        if label:
            labels.setdefault(name, []).append(label)
    labels.setdefault("ref", []).extend(["Ref", "No."])
    return labels


@dataclass
class Plan:
    name: str
    producer: str  # docx, soffice, chromium
    ruled: bool
    header: str  # repeat, once, apart, missing
    columns: list[tuple[str, str]]  # (field, label)
    sections: list[tuple[str, list[dict[str, str]]]] = field(default_factory=list)


def make_plan(number: int, rng: random.Random, labels: dict[str, list[str]],
              owners: list[tuple[str, str]], codes: list[str]) -> Plan:
    producer = ["docx", "soffice", "chromium"][number % 3]
    fields = ["action"]
    has_owner = rng.random() < 0.85
    has_deadline = rng.random() < 0.85 or not has_owner
    fields += ["owner"] * has_owner + ["deadline"] * has_deadline
    fields += ["ref"] * (rng.random() < 0.5) + ["indicators"] * (rng.random() < 0.35)
    fields += rng.sample(EXTRA_FIELDS, rng.randint(0, 2))
    rng.shuffle(fields)
    if "ref" in fields and rng.random() < 0.7:  # a reference column usually comes first
        fields.remove("ref")
        fields.insert(0, "ref")
    columns = [(name, rng.choice(labels[name])) for name in fields]
    header = rng.choices(["repeat", "once", "apart", "missing"], [35, 35, 18, 12])[0]
    plan = Plan(f"wild_{number:03d}", producer, rng.random() < 0.6, header, columns)
    ref_style = rng.choice(["{s}.{n}", "{s}.{n}.", "A{n}", "CS-{n:02d}", "{n}"])
    for section in range(rng.randint(1, 3)):
        theme = rng.choice(THEMES)
        rows = []
        for n in range(1, rng.randint(5, 14) + 1):
            text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            if rng.random() < 0.7:
                text += f" {rng.choice(PURPOSES)}"
            row = {"action": text, "theme": theme}
            if "ref" in fields:
                ref = ref_style.format(s=section + 1, n=n)
                row["action_ref"], row["action_id"] = ref, ref.rstrip(".").replace(" ", "")
            if "owner" in fields:
                picked = rng.sample(owners, rng.choice([1, 1, 1, 2]))
                canon = list(dict.fromkeys(c for _, c in picked))
                row["owner_cell"] = rng.choice(["; ", " / ", ", ", "\n"]).join(
                    p for p, _ in picked)
                row["owners"] = "; ".join(canon)
            if "deadline" in fields:
                due = deadline(rng)
                row.update(deadline_raw=due.raw, deadline_kind=due.kind,
                           deadline_start=due.start, deadline_end=due.end)
            else:
                row["deadline_kind"] = "missing"
            if "indicators" in fields:
                chosen = sorted(set(rng.sample(codes, rng.choice([0, 1, 1, 2]))),
                                key=lambda c: int(c.split()[1]))
                row["indicators"] = "; ".join(chosen)
                row["indicator_cell"] = rng.choice(["{c}", "Contributes to {c}", "{c} (target)"]
                                                   ).format(c=", ".join(chosen)) if chosen else ""
            for extra in EXTRA_FIELDS:
                row[extra] = rng.choice(EXTRA_TEXT[extra])
            rows.append(row)
        plan.sections.append((theme, rows))
    return plan


def cell_text(row: dict[str, str], name: str) -> str:
    return {"action": row["action"], "owner": row.get("owner_cell", ""),
            "deadline": row.get("deadline_raw", ""), "ref": row.get("action_ref", ""),
            "indicators": row.get("indicator_cell", "")}.get(name, row.get(name, ""))


def write_docx(plan: Plan, path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_heading(f"Action plan {plan.name[-3:]}", level=0)
    labels = [label for _, label in plan.columns]
    for theme, rows in plan.sections:
        document.add_heading(theme, level=1)
        if plan.header == "apart":
            head = document.add_table(rows=1, cols=len(labels))
            for cell, label in zip(head.rows[0].cells, labels, strict=True):
                cell.text = label
            if plan.ruled:
                head.style = "Table Grid"
            document.add_paragraph("")
        with_header = plan.header in ("repeat", "once")
        table = document.add_table(rows=len(rows) + with_header, cols=len(labels))
        if plan.ruled:
            table.style = "Table Grid"
        if with_header:
            for cell, label in zip(table.rows[0].cells, labels, strict=True):
                cell.text = label
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            if plan.header == "repeat":
                properties = table.rows[0]._tr.get_or_add_trPr()
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                properties.append(flag)
        for r, row in enumerate(rows, with_header):
            for cell, (name, _) in zip(table.rows[r].cells, plan.columns, strict=True):
                cell.text = cell_text(row, name)
    document.save(path)


def write_html(plan: Plan, path: Path) -> None:
    border = "1px solid #444" if plan.ruled else "none"
    parts = ["<!doctype html><html><head><meta charset='utf-8'><style>",
             "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt}",
             f"table{{border-collapse:collapse;width:100%}}td,th{{border:{border};"
             "padding:4px;vertical-align:top;text-align:left}",
             "</style></head><body>", f"<h1>Action plan {plan.name[-3:]}</h1>"]
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in plan.columns)
    # A header printed as a table of its own is set in the body's columns (fixed widths,
    # the action twice as wide): laid out on its own content, a web page's table would put
    # its labels over no column of the body, which no reader could line up (generator fix,
    # wild3: such Chromium plans lost whole sections).
    table = "<table>"
    if plan.header == "apart":
        weights = [2 if name == "action" else 1 for name, _ in plan.columns]
        table = "<table style='table-layout:fixed'><colgroup>" + "".join(
            f"<col style='width:{100 * w / sum(weights):.1f}%'>" for w in weights) + "</colgroup>"
    for theme, rows in plan.sections:
        parts.append(f"<h2>{html.escape(theme)}</h2>")
        if plan.header == "apart":
            # One empty line between, as an empty paragraph in Word (a web page's default
            # paragraph margins would set the header further off than any plan sets it).
            parts.append(f"{table}<tr>{head}</tr></table><p style='margin:0'>&nbsp;</p>")
        parts.append(table)
        if plan.header == "repeat":
            parts.append(f"<thead><tr>{head}</tr></thead>")
        parts.append("<tbody>")
        if plan.header == "once":
            parts.append(f"<tr>{head}</tr>")
        for row in rows:
            cells = "".join(
                f"<td>{html.escape(cell_text(row, name)).replace(chr(10), '<br>')}</td>"
                for name, _ in plan.columns)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def fold(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


#: Words closer than this (points) on one line belong to one cell's line.
CELL_GAP = 6.0


def column_text(page) -> str:  # noqa: ANN001 -- a pdfplumber page
    """The page's text read column by column, top to bottom: a table cell wraps its text and
    the page's plain text interleaves the lines of a row's cells, so a wrapped cell's text is
    only contiguous when each line is cut at wide gaps and the pieces are stacked by their
    left edge."""
    pieces: list[list[float | str]] = []
    for word in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        last = pieces[-1] if pieces else None
        if last and abs(word["top"] - last[1]) < 2 and word["x0"] - last[3] < CELL_GAP:
            last[2], last[3] = f"{last[2]} {word['text']}", word["x1"]
        else:
            pieces.append([round(word["x0"]), word["top"], word["text"], word["x1"]])
    return " ".join(str(piece[2]) for piece in sorted(pieces, key=lambda p: (p[0], p[1])))


def pages_of(pdf: Path, texts: list[str]) -> list[str]:
    """The page where each text starts (its first 30 folded characters, found in the page's
    ``column_text``), in order: the first page from the previous text's on."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        folded = [fold(column_text(page)) for page in document.pages]
    found, page = [], 0
    for text in texts:
        key = fold(text)[:30]
        page = next((n for n in range(page, len(folded)) if key in folded[n]), page)
        found.append(str(page + 1))
    return found


def expected_rows(plan: Plan, source: str) -> list[dict[str, str]]:
    rows = []
    for _theme, section in plan.sections:
        for row in section:
            rows.append({name: row.get(name, "") for name in COLUMNS}
                        | {"source_file": source, "expect_flag": "0"})
    return rows


def produce(plans: Sequence[Any], folder: Path, docx_writer: Callable[[Any, Path], None],
            html_writer: Callable[[Any, Path], None]) -> None:
    """Write each plan into ``folder`` by its producer (``plan.producer``): python-docx
    (``docx_writer``), LibreOffice (a Word file converted to PDF, all in one call) or Chromium
    (``html_writer``'s page printed to PDF). Cost: one Chromium process per Chromium plan."""
    with tempfile.TemporaryDirectory() as work:
        staged = Path(work)
        to_soffice = []
        for plan in plans:
            if plan.producer == "docx":
                docx_writer(plan, folder / f"{plan.name}.docx")
            elif plan.producer == "soffice":
                docx_writer(plan, staged / f"{plan.name}_lo.docx")
                to_soffice.append(str(staged / f"{plan.name}_lo.docx"))
            else:
                page = staged / f"{plan.name}_chromium.html"
                html_writer(plan, page)
                subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                "--no-pdf-header-footer",
                                f"--print-to-pdf={folder / f'{plan.name}_chromium.pdf'}",
                                page.as_uri()], check=True, capture_output=True, timeout=120)
        if to_soffice:
            # A profile of its own: another soffice running on the machine would take the
            # call over (and fail it) through the shared one.
            profile = (staged / "profile").as_uri()
            subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(folder), *to_soffice],
                           check=True, capture_output=True, timeout=600)


def save_expected(rows: list[dict[str, str]], source: Path, folder: Path) -> None:
    """Write a plan's expected rows to ``folder/<source name>.csv``, each PDF row with the
    page its action is printed on."""
    if source.suffix == ".pdf":
        for row, page in zip(rows, pages_of(source, [r["action"] for r in rows]), strict=True):
            row["page"] = page
    with (folder / f"{source.name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="output folder (default: a new temp folder)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="wild-"))
    docs, expected = out / "docs", out / "expected"
    for folder in (docs, expected):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    labels = label_pool()
    owners = owner_pool()
    codes = [row["code"] for row in read_csv(INDICATORS) if row.get("title")]
    plans = [make_plan(n, random.Random(f"{args.seed}-{n}"), labels, owners, codes)
             for n in range(args.count)]
    produce(plans, docs, write_docx, write_html)
    for plan in plans:
        suffix = {"docx": ".docx", "soffice": "_lo.pdf", "chromium": "_chromium.pdf"}
        source = f"{plan.name}{suffix[plan.producer]}"
        save_expected(expected_rows(plan, source), docs / source, expected)
    kinds = {}
    for plan in plans:
        key = f"{plan.producer}/{'ruled' if plan.ruled else 'borderless'}/{plan.header}"
        kinds[key] = kinds.get(key, 0) + 1
    total = sum(len(rows) for plan in plans for _, rows in plan.sections)
    print(f"{len(plans)} plans, {total} rows -> {out}")
    for key, count in sorted(kinds.items()):
        print(f"  {key:34} {count}")


if __name__ == "__main__":
    main()
