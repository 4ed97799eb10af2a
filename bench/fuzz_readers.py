"""A short coverage-guided fuzzing run (atheris, libFuzzer) on the Word and PDF readers.

Not a test (pytest never imports it): atheris is a separate install and a run takes
minutes. To run it:

    /work/venv/bin/pip install atheris          # a wheel for CPython 3.8-3.12 on Linux/macOS
    python bench/fuzz_readers.py docx-xml       # 60 s per target by default
    python bench/fuzz_readers.py pdf-content -- -max_total_time=600 -jobs=2
    python bench/fuzz_readers.py all            # the four targets one after another

Targets (the fuzzer's bytes become ...):

* ``docx-zip``: a whole .docx file -> ``read_docx``;
* ``docx-xml``: word/document.xml of an otherwise valid package -> ``read_docx``
  (mutating the XML, not the ZIP, reaches the body walk, merges and nesting);
* ``pdf-file``: a whole PDF file -> ``read_pdf``;
* ``pdf-content``: the content stream of a page of an otherwise valid PDF ->
  ``read_pdf`` (reaches the table finder, borderless tables and paragraphs).

A reader may refuse an input only with its own error (``DocxError``, ``PdfError``,
both ``ValueError``s carrying a reason); any other exception is a crash, and a
slow input (``-timeout``, 10 s here) or one using too much memory
(``-rss_limit_mb``, 2048 here) is a finding too. libFuzzer writes each finding
to ``crash-*`` / ``timeout-*`` / ``oom-*`` in the working folder (``--artifacts``);
replay one with ``python bench/fuzz_readers.py TARGET FILE``. The seed corpus
is built at start from the samples and ``samples/hostile.py``; what the
fuzzer adds goes to a corpus folder (``--corpus``), reused by the next run.
The closing line of each target gives executions and findings.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["planharvest"]):
    from planharvest.extract.docx import DocxError, read_docx
    from planharvest.extract.pdf import PdfError, read_pdf

from samples import hostile  # noqa: E402

TARGETS = ("docx-zip", "docx-xml", "pdf-file", "pdf-content")
_DEFAULT_FLAGS = ["-max_total_time=60", "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536"]


def _package_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return buffer.getvalue()


def seeds(target: str, work: Path) -> list[bytes]:
    """Small valid inputs of the target's kind: generated plans, then the real samples."""
    made = work / "seeds"
    docx_files = [hostile.action_plan_docx(made / "plan.docx"),
                  hostile.nested_tables_docx(made / "nested.docx", 4),
                  hostile.external_entities_docx(made / "xxe.docx", made / "secret",
                                                 "http://127.0.0.1:9"),
                  *sorted(hostile.SAMPLES.glob("*.docx"))]
    pdf_files = [hostile.action_plan_pdf(made / "plan.pdf", pages=2),
                 hostile.action_plan_pdf(made / "locked.pdf", passwords=hostile.PdfPasswords("")),
                 hostile.dense_text_pdf(made / "dense.pdf", 2_000),
                 *sorted(hostile.SAMPLES.glob("*.pdf"))[:2]]
    if target == "docx-zip":
        return [path.read_bytes() for path in docx_files]
    if target == "docx-xml":
        return [_package_parts(path)["word/document.xml"] for path in docx_files]
    if target == "pdf-file":
        return [path.read_bytes() for path in pdf_files]
    rows = [hostile.HEADER, *hostile.action_rows(1, 4)]
    return [hostile.table_page(rows, heading="Plan"), hostile.table_page(rows[:2], widths=(
        80, 80, 80, 80)), b"BT /F1 9 Tf 40 500 Td (Action) Tj ET"]


def one_input(target: str, work: Path) -> Callable[[bytes], None]:
    """The function libFuzzer calls with each input."""
    scratch = work / ("input.docx" if target.startswith("docx") else "input.pdf")
    package = _package_parts(hostile.action_plan_docx(work / "base.docx"))

    def as_file(data: bytes) -> bytes:
        if target == "docx-xml":
            return _zip({**package, "word/document.xml": data})
        if target == "pdf-content":
            return hostile.pdf_bytes([data])
        return data

    reader, refusal = (read_docx, DocxError) if target.startswith("docx") else (read_pdf, PdfError)

    def test(data: bytes) -> None:
        scratch.write_bytes(as_file(data))
        with contextlib.suppress(refusal):  # a reasoned refusal is right for a broken file
            reader(scratch)

    return test


def fuzz(target: str, flags: list[str], corpus: Path, artifacts: Path) -> int:
    """Run one target in a child process (libFuzzer ends its process); its exit status."""
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, target, "--child", "--corpus", str(corpus),
               "--artifacts", str(artifacts), "--", *flags]
    return subprocess.run(command, cwd=ROOT).returncode


def child(target: str, flags: list[str], corpus: Path, artifacts: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="planharvest-fuzz-") as folder:
        work = Path(folder)
        for number, seed in enumerate(seeds(target, work)):
            (corpus / f"seed-{number}").write_bytes(seed)
        test = one_input(target, work)
        argv = [sys.argv[0], *_DEFAULT_FLAGS, *flags, f"-artifact_prefix={artifacts}/",
                str(corpus)]
        atheris.Setup(argv, test)
        atheris.Fuzz()


def replay(target: str, files: list[Path]) -> None:
    with tempfile.TemporaryDirectory(prefix="planharvest-fuzz-") as folder:
        test = one_input(target, Path(folder))
        for path in files:
            test(path.read_bytes())
            print(f"{path}: refused or read without error")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("replay", nargs="*", type=Path, help="inputs to run once, not fuzz")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus folder [default: a temporary one per target]")
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-findings"),
                        help="where findings are written [default: ./fuzz-findings]")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = sys.argv[1:]
    split = arguments.index("--") if "--" in arguments else len(arguments)
    options = parser.parse_args(arguments[:split])
    flags = arguments[split + 1:]
    if options.replay:
        replay(options.target, options.replay)
        return 0
    if options.child:
        child(options.target, flags, options.corpus, options.artifacts)
        return 0
    status = 0
    for target in TARGETS if options.target == "all" else (options.target,):
        with tempfile.TemporaryDirectory(prefix=f"planharvest-corpus-{target}-") as folder:
            corpus = options.corpus / target if options.corpus else Path(folder)
            code = fuzz(target, flags, corpus, options.artifacts.resolve() / target)
        print(f"== {target}: libFuzzer exit status {code} "
              f"({'no finding' if code == 0 else 'see ' + str(options.artifacts / target)})")
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main())
