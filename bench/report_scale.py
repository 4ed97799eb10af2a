"""Size and load time of ``report.html`` for the samples and for a 1,000-document corpus.

    python bench/report_scale.py [--documents 1000] [--work DIR]

The samples are converted once (rows with their page boxes); the large corpus
is those documents' rows and records repeated under new names (``0000_<name>``
...) until it holds ``--documents`` documents, and its report written by the
same ``write_report`` a run calls. The copies keep their document's SHA-256, so
their pictures are the same files (and each Word file is printed by LibreOffice
once): the figure that scales is the page, which has one card per flagged row;
the pictures of distinct documents weigh what the samples' do per row.
Each report is then opened in headless Chromium (``samples/browser.py``) three
times; the median load is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planharvest.export.pictures import PICTURES_FOLDER  # noqa: E402
from planharvest.export.report import write_report  # noqa: E402
from planharvest.model import Action, DocumentRecord  # noqa: E402
from planharvest.pipeline import RunOptions, convert  # noqa: E402
from samples.browser import LOAD_PROBE, probe  # noqa: E402

SAMPLES = ROOT / "samples"


def repeated(documents: list[DocumentRecord], actions: list[Action], count: int
             ) -> tuple[list[DocumentRecord], list[Action], dict[str, str]]:
    """``count`` documents made of the samples' under new names; new name → sample name."""
    by_file: dict[str, list[Action]] = {}
    for action in actions:
        by_file.setdefault(action.source_file, []).append(action)
    new_documents, new_actions, origin = [], [], {}
    for number in range(count):
        document = documents[number % len(documents)]
        name = f"{number:04d}_{document.path}"
        origin[name] = document.path
        new_documents.append(document.model_copy(update={"path": name}))
        new_actions += [action.model_copy(update={
            "source_file": name, "record_id": f"{number:04d}{action.record_id}"})
            for action in by_file.get(document.path, [])]
    return new_documents, new_actions, origin


def measure(label: str, out: Path, documents: list[DocumentRecord], actions: list[Action],
            sources: dict[str, Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    page = write_report(out, documents, actions, [], sources)
    written = time.perf_counter() - started
    pictures = list((out / PICTURES_FOLDER).iterdir())
    loads, seen = [], None
    for attempt in range(3):
        seen, stderr, _ = probe(page, LOAD_PROBE, out / f"profile{attempt}")
        if seen is None:
            raise SystemExit(f"Chromium did not load {page}: {stderr[-1000:]}")
        loads.append(seen["load_ms"])
    flagged = sum(action.needs_review for action in actions)
    print(f"{label}: {len(documents)} documents, {len(actions)} rows, {flagged} flagged; "
          f"report.html {page.stat().st_size / 1e6:.2f} MB "
          f"({page.stat().st_size / max(flagged, 1) / 1e3:.2f} kB per flagged row); "
          f"{len(pictures)} picture files, {sum(p.stat().st_size for p in pictures) / 1e6:.2f} MB; "
          f"written in {written:.1f} s; Chromium load event at {statistics.median(loads):.0f} ms "
          f"(median of 3: {', '.join(f'{load:.0f}' for load in loads)}), "
          f"{seen['images_fetched'] if seen else 0} pictures fetched on load")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--work", type=Path, help="keep the reports (and the conversion's "
                        "cache, for a quicker re-run) in this folder")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planharvest-report-bench-") as temporary:
        folder = arguments.work or Path(temporary)
        inputs = sorted(path for path in SAMPLES.iterdir()
                        if path.suffix in {".pdf", ".docx", ".doc"})
        run = convert(inputs, RunOptions(out_dir=folder / "run"))
        sources = {path.name: path for path in inputs}
        measure("samples", folder / "samples", run.documents, run.actions, sources)
        documents, actions, origin = repeated(run.documents, run.actions, arguments.documents)
        measure(f"{arguments.documents} documents", folder / "corpus", documents, actions,
                {name: sources[sample] for name, sample in origin.items()})


if __name__ == "__main__":
    main()
