"""Build the table-layout corpus: government-report tables as PDFs, each with its true cells.

    python bench/layouts.py [DIR]        # default: tests/data/layouts (committed)

The held-out set the table finder is scored on is real government PDFs; this
corpus reproduces the layouts those reports print, so a change to the finder
can be measured here first: tables of figures with only a rule above and below,
headings spanning two columns, indented sub-rows and "–" for nil, captions and
footnotes set close, text tables set solid with wrapped labels, padded Word-like
rows, tiny type in narrow columns, rules between rows, a frame with rules between
rows only, a frame with column rules and none between rows; and, to catch tables
found where there are none, two-column text and lists.

Each layout is HTML printed to PDF by headless Chromium. Beside ``NAME.pdf``
goes ``NAME.json``: the true tables as grids, a merged cell's text in its
first position and the positions it covers empty, as ``planharvest tables``
prints them. Figures come from a seeded generator, so a rebuild gives the
same files. ``bench/table_adjacency.py`` scores a reader against them.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "data" / "layouts"

CSS = """
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; margin: 0; }
@page { size: A4; margin: 2cm; }
table { border-collapse: collapse; margin: 12pt 0; }
td, th { padding: 2pt 8pt; vertical-align: top; }
th { font-weight: bold; text-align: center; }
td.n { text-align: right; }
p { text-align: justify; }
table.booktabs { border-top: 1.2pt solid black; border-bottom: 1.2pt solid black; }
table.booktabs thead tr:last-child th { border-bottom: 0.6pt solid black; }
table.sans { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }
table.plainhead th { font-weight: normal; text-align: right; border-bottom: 0.6pt solid black; }
table.solid td, table.solid th { padding: 0 8pt; width: 25%; text-align: left; }
table.narrowhead th { width: 70pt; }
table.bottomhead th { font-weight: normal; vertical-align: bottom; }
table.rowrules td { border-bottom: 0.5pt solid #444; padding: 4pt 10pt; }
table.tiny { font-size: 7pt; }
table.tiny td, table.tiny th { padding: 0 3pt; }
table.padded td, table.padded th { padding: 6pt 8pt; text-align: left; }
table.framed { border: 1pt solid black; }
table.framed td { border-bottom: 0.5pt solid black; }
table.columns td, table.columns th { border-left: 0.5pt solid black; }
"""

TEXT = (
    "The Commission notes that the figures reported by Member States vary considerably in "
    "their coverage, and that the definitions used for the purposes of this report follow "
    "those of the previous period. Further detail is given in the annex, where each "
    "indicator is set out with its source and the year of reference."
)
COUNTRIES = [
    "Belgium", "Bulgaria", "Czech Republic", "Denmark", "Germany", "Estonia", "Ireland",
    "Greece", "Spain", "France", "Italy", "Cyprus", "Latvia", "Lithuania", "Luxembourg",
    "Hungary", "Malta", "Netherlands", "Austria", "Poland", "Portugal", "Romania",
    "Slovenia", "Slovakia", "Finland", "Sweden", "United Kingdom",
]

#: A header cell: (text, columns spanned, rows spanned).
HeaderCell = tuple[str, int, int]


@dataclass
class TableSpec:
    """One table: header rows of spanning cells, then body rows of plain cells. Body cells
    from column ``figures_from`` on are figures (right-aligned); a first-column text
    starting with two spaces is an indented sub-row."""

    header: list[list[HeaderCell]]
    rows: list[list[str]]
    css_class: str = ""
    figures_from: int = 1

    def html(self) -> str:
        parts = [f"<table class='{self.css_class}'><thead>"]
        for header_row in self.header:
            cells = "".join(f"<th colspan={span} rowspan={down}>{html.escape(text)}</th>"
                            for text, span, down in header_row)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</thead><tbody>")
        for row in self.rows:
            cells = []
            for col, text in enumerate(row):
                style = " style='padding-left:20pt'" if col == 0 and text.startswith("  ") else ""
                kind = " class='n'" if col >= self.figures_from else ""
                cells.append(f"<td{kind}{style}>{html.escape(text.strip())}</td>")
            parts.append(f"<tr>{''.join(cells)}</tr>")
        parts.append("</tbody></table>")
        return "\n".join(parts)

    def grid(self) -> list[list[str]]:
        """The true cells: a spanning header's text in its first position."""
        n_cols = len(self.rows[0])
        grid: list[list[str | None]] = []
        covered: set[tuple[int, int]] = set()  # positions under a header cell spanning rows
        for r, header_row in enumerate(self.header):
            row: list[str | None] = ["" if (r, c) in covered else None for c in range(n_cols)]
            col = 0
            for text, span, down in header_row:
                while row[col] is not None:
                    col += 1
                row[col:col + span] = [text] + [""] * (span - 1)
                covered.update((r + k, col + j) for k in range(1, down) for j in range(span))
                col += span
            grid.append(row)
        return [[text or "" for text in row] for row in grid] + [
            [text.strip() for text in row] for row in self.rows
        ]


@dataclass
class Layout:
    name: str
    parts: list[str | TableSpec] = field(default_factory=list)


def figure(rng: random.Random, low: float, high: float, decimals: int = 0) -> str:
    return f"{rng.uniform(low, high):,.{decimals}f}"


def paragraph(text: str = TEXT, style: str = "") -> str:
    return f"<p style='{style}'>{html.escape(text)}</p>"


def figures_table(rng: random.Random, countries: int, css: str) -> TableSpec:
    years = ["2006", "2007", "2008", "2009"]
    rows = [[name] + [figure(rng, 100, 9999) for _ in years]
            for name in rng.sample(COUNTRIES, countries)]
    rows.append(["EU-27"] + [figure(rng, 10000, 99999) for _ in years])
    return TableSpec([[("Country", 1, 1)] + [(year, 1, 1) for year in years]], rows, css)


def sectors_table(rng: random.Random) -> TableSpec:
    rows = []
    for sector, subs in [("Agriculture", ["Crops", "Livestock"]),
                         ("Industry", ["Manufacturing", "Construction", "Energy supply"]),
                         ("Services", ["Trade and transport", "Public administration"])]:
        rows.append([sector] + [figure(rng, 100, 999) for _ in range(3)])
        for sub in subs:
            nil = rng.choice(["–", figure(rng, 10, 99)])
            rows.append(["  " + sub, figure(rng, 10, 99), nil, figure(rng, 10, 99)])
    rows.append(["Total"] + [figure(rng, 1000, 9999) for _ in range(3)])
    header = [[("Sector", 1, 1), ("Men", 1, 1), ("Women", 1, 1), ("Total", 1, 1)]]
    return TableSpec(header, rows, "booktabs")


def wrapped_header_table(rng: random.Random, css: str) -> TableSpec:
    header = [[("Member State", 1, 1), ("Total population (thousands)", 1, 1),
               ("Employment rate of older workers (%)", 1, 1),
               ("Long-term unemployment rate (%)", 1, 1), ("Notes on breaks", 1, 1)]]
    rows = [[name, figure(rng, 100, 9999), figure(rng, 1, 99, 1), figure(rng, 1, 99, 1),
             rng.choice(["", "", figure(rng, 1, 9, 1)])] for name in rng.sample(COUNTRIES, 10)]
    return TableSpec(header, rows, css)


def layouts() -> list[Layout]:
    rng = random.Random(7)
    two_level = TableSpec(
        [[("Member State", 1, 2), ("Population (thousands)", 2, 1),
          ("Employment rate (%)", 2, 1), ("Change", 1, 2)],
         [("2000", 1, 1), ("2010", 1, 1), ("2000", 1, 1), ("2010", 1, 1)]],
        [[name, figure(rng, 100, 9999), figure(rng, 100, 9999), figure(rng, 1, 99, 1),
          figure(rng, 1, 99, 1), figure(rng, 0, 20, 1)] for name in rng.sample(COUNTRIES, 10)],
        "booktabs sans",
    )
    measures = TableSpec(
        [[("No.", 1, 1), ("Measure", 1, 1), ("Responsible body", 1, 1), ("Deadline", 1, 1)]],
        [["1.1", "Establish a national coordination body for the implementation of the "
                 "strategy, with representatives of all ministries concerned",
          "Ministry of Interior", "June 2011"],
         ["1.2", "Review the legal framework on data exchange between law enforcement "
                 "agencies", "Ministry of Justice", "December 2011"],
         ["1.3", "Set up a joint training programme for border guards and customs officers",
          "Border Guard; Customs", "2012"],
         ["2.1", "Publish an annual report on progress with indicators agreed with the "
                 "Commission", "National Statistics Office", "Annually"],
         ["2.2", "Carry out an evaluation of the pilot projects and extend those that succeed "
                 "to the whole country", "Ministry of Finance", "March 2013"]],
        figures_from=99,
    )
    footnoted = TableSpec(
        [[("", 1, 1), ("Rate 2005", 1, 1), ("Rate 2010", 1, 1), ("Change (pp)", 1, 1),
          ("Std. error", 1, 1)]],
        [[name + rng.choice(["", " (1)", ""]), figure(rng, 1, 99, 1),
          figure(rng, 1, 99, 1) + rng.choice(["", "*"]), figure(rng, -9, 9, 1),
          "(" + figure(rng, 1, 9, 1) + ")"] for name in rng.sample(COUNTRIES, 9)],
        "plainhead",
    )
    solid = TableSpec(
        [[("Objective", 1, 1), ("Action", 1, 1), ("Lead", 1, 1), ("When", 1, 1)]],
        [["Objective A: Improve access to services", "Extend the opening hours of local "
          "offices and provide information in the main community languages",
          "Local authorities", "2012"],
         ["Objective B: Prevention", "Fund school programmes on alcohol and drugs",
          "Department of Health", "2011-2013"],
         ["Objective C: Enforcement", "Increase the number of joint inspections of licensed "
          "premises with the police and trading standards officers",
          "Police; Trading Standards", "Ongoing"],
         ["Objective D: Monitoring and evaluation", "Publish an annual report",
          "Statistics Office", "Annually"]],
        "solid", figures_from=99,
    )
    sections = []
    for region in ["Northern region", "Southern region"]:
        sections.append([region, "", "", ""])
        sections += [["  " + name] + [figure(rng, 10, 999) for _ in range(3)]
                     for name in rng.sample(COUNTRIES, 4)]
    years = [str(year) for year in range(2001, 2011)]
    padded = TableSpec(
        [[("No", 1, 1), ("Action", 1, 1), ("Lead agency", 1, 1), ("Target date", 1, 1)]],
        [["1", "Review the strategy with partners and agree the priorities for the next three "
               "years", "Community Safety Partnership and the County Council", "March 2012"],
         ["2", "Publish the plan", "County Council", "April 2012"],
         ["3", "Train front-line staff in brief interventions and in referral to treatment "
               "services", "Primary Care Trust; Drug and Alcohol Action Team",
          "From June 2012, then every six months"]],
        "padded", figures_from=99,
    )
    items = "".join(f"<li>{html.escape(TEXT[:90])}</li>" for _ in range(4))
    return [
        Layout("figures_booktabs", ["<h3>Table 1: Expenditure by Member State (EUR million)</h3>",
                                    figures_table(rng, 12, "booktabs"), paragraph(), paragraph()]),
        Layout("two_level_header", [paragraph(), "<p><b>Table 2.</b> Population and employment</p>",
                                    two_level, paragraph("Source: Eurostat.", "font-size:8pt"),
                                    paragraph()]),
        Layout("indented_nil", ["<h3>Employment by sector (thousands)</h3>", sectors_table(rng),
                                paragraph()]),
        Layout("measures_keyed", [paragraph(), measures, paragraph()]),
        Layout("two_tables", ["<h3>Annex</h3>", figures_table(rng, 6, "sans"), paragraph(),
                              sectors_table(rng)]),
        Layout("caption_footnotes", [
            paragraph("Table 4 Unemployment rate by country, 2005 and 2010 (%)",
                      "margin-bottom:2pt"),
            footnoted,
            paragraph("(1) Break in series. * Provisional. Source: Labour Force Survey.",
                      "font-size:8pt;margin-top:-8pt"),
            paragraph()]),
        Layout("text_solid", [paragraph(), solid, paragraph()]),
        Layout("section_rows", [paragraph(), TableSpec(
            [[("Area", 1, 1), ("2008", 1, 1), ("2009", 1, 1), ("2010", 1, 1)]], sections,
            "booktabs"), paragraph()]),
        Layout("tiny_wide", ["<h3>Annex table A.1</h3>", TableSpec(
            [[("Country", 1, 1)] + [(year, 1, 1) for year in years]],
            [[name] + [figure(rng, 1, 99, 1) for _ in years]
             for name in rng.sample(COUNTRIES, 14)], "tiny")]),
        Layout("padded_text", [paragraph(), padded, paragraph()]),
        Layout("wrapped_header_bold", [
            paragraph(), wrapped_header_table(rng, "booktabs narrowhead"), paragraph()]),
        Layout("wrapped_header_bottom", [paragraph(), wrapped_header_table(
            rng, "booktabs narrowhead bottomhead"), paragraph()]),
        Layout("row_rules", [paragraph(), TableSpec(
            [[("Country", 1, 1), ("Imports", 1, 1), ("Exports", 1, 1), ("Balance", 1, 1)]],
            [[name] + [figure(rng, 100, 9999) for _ in range(3)]
             for name in rng.sample(COUNTRIES, 12)], "rowrules"), paragraph()]),
        Layout("framed_rows", [paragraph(), figures_table(rng, 8, "framed"), paragraph()]),
        Layout("grid_without_row_rules", [
            paragraph(), figures_table(rng, 8, "framed columns"), paragraph()]),
        Layout("no_table_two_columns", ["<h3>Chapter 2. Context</h3>",
                                        "<div style='column-count:2; column-gap:18pt'>"
                                        + paragraph() * 6 + "</div>"]),
        Layout("no_table_lists", [paragraph(), f"<ul>{items}</ul><ol>{items}</ol>", paragraph()]),
    ]


def build(layout: Layout, folder: Path, chromium: str) -> None:
    body = "".join(part.html() if isinstance(part, TableSpec) else part for part in layout.parts)
    truth = [part.grid() for part in layout.parts if isinstance(part, TableSpec)]
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / f"{layout.name}.html"
        page.write_text(f"<html><head><style>{CSS}</style></head><body>{body}</body></html>",
                        encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        f"--print-to-pdf={folder / (layout.name + '.pdf')}",
                        "--no-pdf-header-footer", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    (folder / f"{layout.name}.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False)
                                                + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        parser.error("Chromium is needed to print the layouts to PDF")
    args.folder.mkdir(parents=True, exist_ok=True)
    for layout in layouts():
        build(layout, args.folder, chromium)
        print(args.folder / f"{layout.name}.pdf")


if __name__ == "__main__":
    main()
