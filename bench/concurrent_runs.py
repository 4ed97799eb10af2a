"""Two ``planharvest convert`` runs started at once into one ``--out``, many times over.

    python bench/concurrent_runs.py               # 20 trials
    python bench/concurrent_runs.py --trials 50

Each trial starts two real CLI processes, each converting a different sample
plan into the same folder, and waits for both. Counted:

* ``traceback``: a run printed a Python traceback;
* ``bad exit``: a run exited with neither 0 (it ran) nor 2 (refused: the folder
  is in use, and the message names the other run's pid);
* ``mixed``: the folder's files are not all from one run (``documents.csv``,
  ``actions.csv``, ``actions.json`` and ``review.csv`` name other documents or
  rows);
* ``leftover``: a staging folder remained after both ended.

A pass is 0 in every column. ``tests/e2e/test_folder_safety.py`` runs a few
trials on every test run; this runs as many as you like.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = (ROOT / "samples" / "004_warwickshire_laa_2008.docx",
             ROOT / "samples" / "003_tower_hamlets_draft.docx")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def mixed(out: Path) -> bool:
    """True when the folder's files do not all come from one run."""
    documents = {row["path"] for row in _rows(out / "documents.csv")}
    actions = _rows(out / "actions.csv")
    as_json = json.loads((out / "actions.json").read_text(encoding="utf-8"))
    ids = [row["record_id"] for row in actions]
    return (not {row["source_file"] for row in actions} <= documents
            or [row["record_id"] for row in as_json] != ids
            or not {row["record_id"] for row in _rows(out / "review.csv")} <= set(ids))


def trial(out: Path) -> dict[str, int]:
    runs = [subprocess.Popen([sys.executable, "-m", "planharvest", "convert", str(document),
                              "--out", str(out), "--workers", "1"],
                             stderr=subprocess.PIPE, text=True) for document in DOCUMENTS]
    ended = [(run.wait(), run.stderr.read()) for run in runs]
    bad_exit = sum(code not in (0, 2) or (code == 2 and "(pid " not in stderr)
                   for code, stderr in ended)
    return {"traceback": sum("Traceback" in stderr for _, stderr in ended),
            "bad exit": bad_exit,
            "refused": sum(code == 2 for code, _ in ended),
            "mixed": int(mixed(out)),
            "leftover": len(list(out.glob(".planharvest-staging*")))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    arguments = parser.parse_args()
    totals: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        for number in range(1, arguments.trials + 1):
            counts = trial(out)
            for name, count in counts.items():
                totals[name] = totals.get(name, 0) + count
            print(f"trial {number}: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
                  flush=True)
    failures = sum(totals[name] for name in ("traceback", "bad exit", "mixed", "leftover"))
    print(f"{arguments.trials} trials: " + ", ".join(f"{k} {v}" for k, v in totals.items())
          + (" -- PASS" if failures == 0 else " -- FAIL"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
