"""Where the time of a ``convert`` goes, stage by stage, from a profile of one run.

    python bench/profile_convert.py [FILE ...]      # default: the 47-page US Open Government
                                                    # self-assessment in samples/real/docs

Runs ``planharvest convert FILE --workers 1 --no-cache`` in this process under
``cProfile`` (so the worker is this process and every stage is seen) and prints
the seconds and share of each stage, from the profile's cumulative times:

- pdfminer parsing: interpreting the content streams (``PDFPageInterpreter.process_page``);
- pdfplumber objects: turning pdfminer's layout into dicts (``Page.parse_objects``, or
  planharvest's ``QuickPage.parse_objects`` that replaces it, less the above);
- word clustering: characters into words (``WordExtractor.extract_words``);
- table finding: pdfplumber's finder, the open sides put back, ruled grids to cells;
- borderless finding and page layout: tables without rules, paragraphs, headings,
  running headers and footers (``lay_out_page``, ``assemble_blocks``);
- tables to actions: stitching across pages, column roles, rows to raw actions;
- normalising: owners, deadlines, indicators, text;
- writing: every output file, the report's pictures included;
- the rest: start-up and imports, hashing, the cache, the command line.

The profiler slows Python code more than the C inside pdfminer's and numpy's
calls, so the shares are a guide to where to look, not a measurement; the
figures of record are ``bench/speed.py``'s.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planharvest.pipeline import RunOptions, convert  # noqa: E402
from planharvest.settings import Settings  # noqa: E402

DEFAULT = ROOT / "samples/real/docs/intl_us_open_gov_nap3_midterm_self_assessment_2016.pdf"

#: Stage -> the functions (file suffix, function name) whose cumulative time it is.
STAGES: dict[str, list[tuple[str, str]]] = {
    "pdfminer parsing": [("pdfminer/pdfinterp.py", "process_page")],
    # planharvest's QuickPage (extract/pdf/objects.py) stands in for pdfplumber's Page
    "pdfplumber objects": [("pdfplumber/page.py", "parse_objects"),
                           ("planharvest/extract/pdf/objects.py", "parse_objects")],
    "word clustering": [("pdfplumber/utils/text.py", "extract_words")],
    "table finding": [("pdfplumber/page.py", "find_tables"),
                      ("planharvest/extract/pdf/sides.py", "table_settings"),
                      ("planharvest/extract/pdf/ruled.py", "ruled_table")],
    "borderless finding and page layout": [("planharvest/extract/pdf/layout.py", "lay_out_page"),
                                           ("planharvest/extract/pdf/layout.py",
                                            "assemble_blocks")],
    "tables to actions": [("planharvest/extract/stitch.py", "stitch_tables"),
                          ("planharvest/extract/actions.py", "assemble_document")],
    "normalising": [("planharvest/normalise/actions.py", "normalise_actions")],
    "writing": [("planharvest/pipeline.py", "write_outputs")],
}
#: Stages whose time another stage's functions include: (inner, outer).
NESTED = (("pdfminer parsing", "pdfplumber objects"),)


def cumulative(stats: pstats.Stats, wanted: list[tuple[str, str]]) -> float:
    """The summed cumulative seconds of the functions ``wanted``."""
    total = 0.0
    for (filename, _, name), (_, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if any(filename.endswith(suffix) and name == function for suffix, function in wanted):
            total += cum
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    args = parser.parse_args()
    defaults = Settings()
    # no time limit: the profiler slows the run several times over
    settings = dataclasses.replace(defaults, limits=dataclasses.replace(
        defaults.limits, max_seconds_per_document=86400.0))
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="planharvest-profile-") as out:
        profile.enable()
        summary = convert(list(args.files), RunOptions(out_dir=Path(out), workers=1,
                                                       use_cache=False, settings=settings))
        profile.disable()
    if summary.failed:
        sys.exit(f"failed: {[(doc.path, doc.error) for doc in summary.failed]}")
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    seconds = {stage: cumulative(stats, wanted) for stage, wanted in STAGES.items()}
    for inner, outer in NESTED:
        seconds[outer] -= seconds[inner]
    seconds["the rest"] = total - sum(seconds.values())
    print(f"{len(args.files)} file(s), {summary.pages} pages, {total:.1f} s under the profiler")
    for stage, value in seconds.items():
        print(f"{stage:38} {value:7.1f} s {100 * value / total:5.1f}%")


if __name__ == "__main__":
    main()
