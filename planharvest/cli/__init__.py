"""The ``planharvest`` command: options in, a summary out. No logic lives here
(the live progress line is ``cli.progress``).

Exit status (``EXIT_CODES``, shown in every ``--help``): 0 when every input
converted, 1 when some failed (the rest are still written) or a command could
not do its work, 2 for a usage error (click's own, and a bad option file, an output
folder in use, a wipe refused), 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import sys
from collections import Counter
from pathlib import Path

import click
from pydantic import ValidationError

from planharvest import __version__
from planharvest.batch.cluster import SchedulerError
from planharvest.cli.progress import Progress
from planharvest.errors import OptionFileError, PlanharvestError, system_error_message
from planharvest.export import staging
from planharvest.export.review_rows import describe_stale
from planharvest.export.writers import ALL_FORMATS, DEFAULT_FORMATS, checked_formats
from planharvest.job import DUPLICATE_OF, NOT_A_DOCUMENT, DocumentResult
from planharvest.model import REVIEW_DECISIONS
from planharvest.pipeline import (
    DEFAULT_DECISIONS,
    OUTSIDE_LINK,
    RunOptions,
    RunSummary,
    convert,
)
from planharvest.review.keys import KEYS
from planharvest.settings import LimitSettings, OcrSettings, Settings
from planharvest.terminal import printable


def _parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    try:
        return checked_formats(value.split(","))
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


class _Finite(click.FloatRange):
    """A float in range that is a real number: click's FloatRange lets ``nan`` through (it
    compares false with both bounds) and ``inf`` where there is no upper bound."""

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value} is not a number", param, ctx)
        return number


#: The longest --max-seconds taken: a day. Past it a limit is none (and the alarm timer
#: overflows); a document no reader finishes in a day is lost anyway.
_MAX_SECONDS = 86_400.0
#: The largest --max-megabytes taken (1 TiB): past it the guard against ZIP bombs is none.
_MAX_MEGABYTES = float(2**20)


class Refused(click.ClickException):
    """A run refused before any work (exit status 2, like a usage error), said in one
    line without the usage text: the command was right, the moment or the folder not."""

    exit_code = 2


_DEFAULTS = Settings()
#: The option that sets each LimitSettings field, to name it when a value is refused.
_LIMIT_OPTIONS = {"max_seconds_per_document": "--max-seconds", "max_pages": "--max-pages",
                  "max_uncompressed_bytes": "--max-megabytes"}


def _limits(max_seconds: float, max_pages: int, max_megabytes: float) -> LimitSettings:
    """The defaults' limits with the command line's; a refused value names its option."""
    try:
        return dataclasses.replace(_DEFAULTS.limits, max_seconds_per_document=max_seconds,
                                   max_pages=max_pages,
                                   max_uncompressed_bytes=int(max_megabytes * 2**20))
    except ValidationError as error:
        first = error.errors()[0]
        option = _LIMIT_OPTIONS.get(str(first["loc"][-1]) if first["loc"] else "")
        raise click.BadParameter(first["msg"], param_hint=option) from error


def _ocr(language: str) -> OcrSettings:
    """The defaults' OCR settings reading ``language`` (Tesseract pack names joined by +)."""
    try:
        return dataclasses.replace(_DEFAULTS.ocr, language=language)
    except ValidationError as error:
        raise click.BadParameter(
            f"{language!r} is not a list of Tesseract language packs: give pack names "
            "(letters and '_') joined by '+', e.g. eng or eng+cym",
            param_hint="--ocr-language") from error


#: Every command's exit statuses, shown at the end of its --help.
EXIT_CODES = ("Exit status: 0 done (convert: every input converted); 1 some inputs failed, "
              "the rest written (convert), or the command could not do its work; 2 usage error "
              "(a bad option, option file or --pages, --out in use, a wipe refused); "
              "130 interrupted (nothing half-written).")
#: Stale decisions printed one a line at the end of a run (200,000 gave 200,001 lines).
_STALE_PRINTED = 20
#: Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


class _Commands(click.Group):
    """The command group: exit codes in every command's help, 130 on Ctrl-C."""

    def command(self, *args: object, **kwargs: object):  # type: ignore[override]
        kwargs.setdefault("epilog", EXIT_CODES)
        return super().command(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted; files already written are complete", err=True)
            ctx.exit(INTERRUPTED)


@click.group(cls=_Commands, epilog=EXIT_CODES,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planharvest")
def main() -> None:
    """Turn folders of action plans (PDF, Word) into one canonical, reviewable dataset."""


@main.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the dataset into (created if missing).")
@click.option("--owners", "owners_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="CSV of organisations: name, aliases (';'-separated), parent.")
@click.option("--indicators", "indicators_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="CSV of extra indicator codes: code, title.")
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Reviewer decisions to re-apply (written by `planharvest review`) "
                   "[default: DIR/decisions.csv when there].")
@click.option("--no-decisions", is_flag=True,
              help="Apply no decisions file, not even DIR/decisions.csv.")
@click.option("--replace", is_flag=True,
              help="Replace the dataset in --out even when no input is a document.")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), callback=_parse_formats,
              metavar=",".join(ALL_FORMATS), show_default=True,
              help="Output formats of actions, comma-separated, any of "
                   f"{', '.join(ALL_FORMATS)} (xlsx: a workbook with Actions, Review and "
                   "Documents sheets).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Documents converted in parallel [default: the machine's cores].")
@click.option("--no-cache", is_flag=True,
              help="Re-read every document, even those unchanged since the last run into --out.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run the per-document work on this Dask cluster (needs planharvest[dask]).")
@click.option("--max-seconds", type=_Finite(min=0, max=_MAX_SECONDS, min_open=True),
              default=_DEFAULTS.limits.max_seconds_per_document, show_default=True,
              help="Abandon a document that takes longer (it is listed as failed).")
@click.option("--max-pages", type=click.IntRange(min=1), default=_DEFAULTS.limits.max_pages,
              show_default=True, help="Refuse a PDF with more pages.")
@click.option("--max-megabytes", type=_Finite(min=0, max=_MAX_MEGABYTES, min_open=True),
              default=_DEFAULTS.limits.max_uncompressed_bytes / 2**20, show_default=True,
              help="Refuse a Word file whose parts inflate to more (MiB, a ZIP bomb guard).")
@click.option("--ocr-language", default=_DEFAULTS.ocr.language, show_default=True,
              help="Tesseract language pack(s) for scanned pages, e.g. eng+cym.")
@click.option("--follow-links", is_flag=True,
              help="Read links to files outside the input folders, and walk links to "
                   "folders (by default such links are skipped, each named in documents.csv).")
@click.option("--word-pictures", is_flag=True,
              help="Picture the flagged rows of Word files in report.html, printing each such "
                   "file through LibreOffice (seconds a file); without it their cells are shown.")
@click.option("--debug", is_flag=True, help="Show full tracebacks for failed documents.")
def convert_command(inputs: tuple[Path, ...], out_dir: Path, owners_file: Path | None,
                    indicators_file: Path | None, decisions_file: Path | None,
                    no_decisions: bool, replace: bool,
                    formats: tuple[str, ...], workers: int | None, no_cache: bool,
                    scheduler: str | None, max_seconds: float, max_pages: int,
                    max_megabytes: float, ocr_language: str, follow_links: bool,
                    word_pictures: bool, debug: bool) -> None:
    """Convert INPUT files and folders (walked recursively) into a dataset in --out.

    Documents unchanged since the last run into --out are answered from its cache. One
    run at a time per --out. Exit status: 0 all converted, 1 some failed (the rest are
    written), 2 usage error (a bad option or option file, --out in use by another run, a
    run that would wipe a dataset without --replace), 130 interrupted (--out unchanged).
    """
    if no_decisions and decisions_file is not None:
        raise click.UsageError("give --decisions FILE or --no-decisions, not both")
    settings = dataclasses.replace(
        _DEFAULTS,
        limits=_limits(max_seconds, max_pages, max_megabytes),
        ocr=_ocr(ocr_language),
    )
    options = RunOptions(
        out_dir=out_dir, formats=formats, workers=workers or os.cpu_count() or 1,
        settings=settings, owners_file=owners_file, indicators_file=indicators_file,
        decisions_file=decisions_file, apply_decisions=not no_decisions, replace=replace,
        debug=debug, use_cache=not no_cache, scheduler=scheduler, follow_links=follow_links,
        word_pictures=word_pictures,
    )
    progress = Progress()

    def report(result: DocumentResult) -> None:
        progress(result)
        record = result.record
        if record.status == "failed":
            progress.note(f"failed: {printable(record.path)}: "
                          f"{printable(record.error, keep_newlines=debug)}")

    try:
        summary = convert(list(inputs), options, progress=report, on_start=progress.start,
                          on_note=lambda note: progress.note(printable(note)))
    except OptionFileError as error:
        raise click.BadParameter(printable(str(error), keep_newlines=True),
                                 param_hint=error.option) from error
    except SchedulerError as error:
        raise click.BadParameter(str(error), param_hint="--scheduler") from error
    except PlanharvestError as error:  # the folder in use, a wipe refused
        raise Refused(printable(str(error))) from error
    except OSError as error:  # a full disk, a folder that cannot be written
        if debug:
            raise
        message = printable(system_error_message(error))
        if error.filename is not None and Path(os.fsdecode(error.filename)) in (
                out_dir, *out_dir.parents):
            raise click.BadParameter(message, param_hint="--out") from error
        raise click.ClickException(message) from error
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"interrupted: {printable(str(out_dir))} keeps the files of the last "
                   "complete run", err=True)
        _exit_now(INTERRUPTED)
    finally:
        progress.close()
    _print_summary(summary, out_dir)
    sys.exit(1 if summary.failed else 0)


def _exit_now(status: int) -> None:
    """Exit without joining a process pool's threads: on Ctrl-C the run has already undone
    its own work (staging folder dropped, lock released) as the interrupt unwound it, and
    a pool whose workers were stopped mid-transfer could keep a normal exit waiting."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _print_summary(summary: RunSummary, out_dir: Path) -> None:
    """The end of a run on the terminal: notes, stale decisions, skipped files in one line
    each kind, then the counts."""
    for note in summary.notes:
        click.echo(printable(note), err=True)
    for decision in summary.stale[:_STALE_PRINTED]:
        click.echo(printable(describe_stale(decision)), err=True)
    if len(summary.stale) > _STALE_PRINTED:
        click.echo(f"... and {len(summary.stale) - _STALE_PRINTED} more stale decisions; "
                   "review.csv and report.html list them all", err=True)
    not_documents = summary.skipped(NOT_A_DOCUMENT)
    if not_documents:
        kinds = Counter(doc.error[len(NOT_A_DOCUMENT):].strip(" ()").lower()
                        for doc in not_documents)
        listed = ", ".join(f"{kind} {count}" for kind, count
                           in sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
        click.echo(f"{len(not_documents)} files skipped: not documents \u2014 {printable(listed)}"
                   "; see documents.csv", err=True)
    links = summary.skipped(OUTSIDE_LINK)
    if links:
        click.echo(f"{len(links)} files skipped: links leading outside the input folders "
                   "(--follow-links reads them); see documents.csv", err=True)
    copies = summary.skipped(DUPLICATE_OF)
    if copies:
        click.echo(f"{len(copies)} files skipped: the same bytes as another input, converted "
                   "once; see documents.csv", err=True)
    statuses = [doc.status for doc in summary.documents]
    click.echo(
        f"{len(statuses)} documents ({statuses.count('ok')} ok, {statuses.count('failed')} failed, "
        f"{statuses.count('skipped')} skipped, {summary.from_cache} from cache), "
        f"{summary.pages} pages, {len(summary.actions)} actions, "
        f"{summary.flagged} flagged for review, {summary.seconds:.1f} s -> "
        f"{printable(str(out_dir))}",
        err=True,
    )


@main.command("tables")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages", default=None,
              help="Pages to read, e.g. 1-3,7 (PDF only; a page the PDF lacks is an error).")
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--roles", is_flag=True,
              help="Show, per table as convert joins them, the role chosen for each column, its "
                   "score and evidence, and whether the table was taken (JSON: a 'roles' entry).")
def tables_command(file: Path, pages: str | None, output_format: str, roles: bool) -> None:
    """Print every table found in FILE, before any action-plan logic."""
    from planharvest.extract.listing import (
        PagesError,
        TableListingError,
        list_tables,
        roles_as_text,
        tables_as_csv,
    )

    try:
        listing = list_tables(file, pages, roles=roles)
    except PagesError as error:
        raise click.BadParameter(printable(str(error)), param_hint="--pages") from error
    except TableListingError as error:
        raise click.ClickException(printable(str(error))) from error
    except OSError as error:
        raise click.ClickException(printable(system_error_message(error))) from error
    if roles and output_format != "json":
        click.echo(printable(roles_as_text(listing), keep_newlines=True), nl=False)
    elif output_format == "json":
        click.echo(json.dumps(listing, ensure_ascii=False, indent=1))
    else:
        click.echo(tables_as_csv(listing), nl=False)


def _listed(table: dict[str, str]) -> str:
    """A help paragraph of ``table``: each entry on its own line (click keeps lines in a
    paragraph that starts with \b)."""
    return "\b\n" + "\n".join(f"  {name:<11} {meaning}" for name, meaning in table.items())


@main.command("review", help=f"""Walk the flagged rows of the finished run in DIR, or --import
a filled-in review.csv or actions.xlsx (its Review sheet).

Keys of the walk:

{_listed(KEYS)}

Decisions a review.csv or Review sheet may hold in its decision column (set and set_all
take the value column):

{_listed(REVIEW_DECISIONS)}
""")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--import", "import_csv", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), metavar="review.csv|actions.xlsx",
              help="A filled-in review.csv, or actions.xlsx's Review sheet: its decision/value "
                   f"columns ({', '.join(REVIEW_DECISIONS)}) become decisions (no questions "
                   "asked).")
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The decisions file to add to [default: DIR/decisions.csv].")
@click.option("--reviewer", default=None,
              help="Name recorded with each decision [default: your login name].")
def review_command(out_dir: Path, import_csv: Path | None, decisions_file: Path | None,
                   reviewer: str | None) -> None:
    from planharvest.normalise.deadlines import read_reviewed_deadline
    from planharvest.review.decisions import default_reviewer
    from planharvest.review.importing import import_review_csv
    from planharvest.review.session import run_session
    from planharvest.review.store import add_decisions

    decisions_file = decisions_file or out_dir / DEFAULT_DECISIONS
    reviewer = reviewer or default_reviewer()
    try:
        if import_csv is not None:
            with staging.reading(out_dir):  # a half-committed run finished, or refused
                imported = import_review_csv(import_csv, reviewer,
                                             reparse=read_reviewed_deadline)
            add_decisions(decisions_file, imported)
            click.echo(f"{len(imported)} decisions from {import_csv} saved to {decisions_file}",
                       err=True)
        else:
            run_session(out_dir, decisions_file, reviewer, reparse=read_reviewed_deadline)
    except PlanharvestError as error:
        raise click.ClickException(printable(str(error))) from error
    except OSError as error:
        raise click.ClickException(printable(system_error_message(error))) from error
    if decisions_file == out_dir / DEFAULT_DECISIONS:
        click.echo(f"The next `planharvest convert ... --out {out_dir}` applies them.", err=True)
    else:
        click.echo(f"Apply them: planharvest convert ... --decisions {decisions_file}", err=True)
