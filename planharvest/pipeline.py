"""``convert``: inputs in, a finished dataset folder out.

The wiring of a run: discover the inputs, run the per-document work
(``job.process_document``) through ``batch`` (cache, process pool or Dask),
gather the rows, apply the reviewer's decisions and write every output as one
commit (or, without an output folder, nothing: the rows are returned, which is
what ``planharvest.convert`` in Python does without ``out``). Everything after
the batch sees only rows, never documents. A document that fails is recorded
with a clear message and the run goes on.
"""

from __future__ import annotations

import contextlib
import csv
import os
import stat
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from planharvest.batch.cache import ResultCache
from planharvest.batch.cluster import dask_executor
from planharvest.batch.runner import run_jobs
from planharvest.errors import PlanharvestError, system_error_message
from planharvest.export import datapackage, lock, review_rows, staging, writers
from planharvest.export.report import write_report
from planharvest.extract.formats import worth_reading
from planharvest.files import allow_long_csv_cells
from planharvest.job import DocumentJob, DocumentResult, what_it_is
from planharvest.model import Action, DocumentRecord, ReviewItem
from planharvest.normalise.actions import Registries
from planharvest.normalise.deadlines import read_reviewed_deadline
from planharvest.normalise.owners import owner_overlaps, propose_owner_names
from planharvest.optionfiles import read_option_file
from planharvest.review import apply as review_apply
from planharvest.review import store as review_store
from planharvest.review.decisions import Decision, DecisionsFileError
from planharvest.review.importing import import_review_csv
from planharvest.settings import Settings

#: The decisions file a run applies by default, and ``planharvest review`` writes.
DEFAULT_DECISIONS = "decisions.csv"


@dataclass
class RunOptions:
    #: where the dataset is written; None writes nothing (and keeps no cache).
    out_dir: Path | None
    formats: tuple[str, ...] = writers.DEFAULT_FORMATS
    workers: int = 1
    settings: Settings = field(default_factory=Settings)
    owners_file: Path | None = None
    indicators_file: Path | None = None
    #: a decisions file to apply (it must exist); None: ``out_dir/decisions.csv`` if there
    decisions_file: Path | None = None
    #: False (``--no-decisions``): apply no decisions file at all
    apply_decisions: bool = True
    #: True (``--replace``): replace a dataset even by a run that found no documents
    replace: bool = False
    debug: bool = False
    #: answer unchanged documents from ``out_dir/.planharvest-cache`` (False: re-read all).
    use_cache: bool = True
    #: ``tcp://HOST:PORT`` of a Dask scheduler to run the per-document work on.
    scheduler: str | None = None
    #: True (``--follow-links``): read links to files outside the input folders, and walk
    #: links to folders; False skips them, each named in documents.csv.
    follow_links: bool = False
    #: True (``--word-pictures``): picture the flagged rows of Word documents in report.html,
    #: printing the documents through LibreOffice (seconds each); False shows their cells.
    word_pictures: bool = False


@dataclass
class RunSummary:
    documents: list[DocumentRecord]
    actions: list[Action]
    seconds: float
    stale: list[review_rows.StaleDecision] = field(default_factory=list)
    from_cache: int = 0  # documents answered from the cache, not read
    #: what the run did besides converting, for the terminal (a lock taken over, decisions
    #: imported from review.csv)
    notes: list[str] = field(default_factory=list)
    #: review.csv's lines: each flagged field, and each stale decision whose row is gone.
    review: list[ReviewItem] = field(default_factory=list)
    #: documents.csv's lines: ``documents`` and the decisions file's line.
    listed: list[DocumentRecord] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(doc.pages or 0 for doc in self.documents)

    @property
    def failed(self) -> list[DocumentRecord]:
        return [doc for doc in self.documents if doc.status == "failed"]

    @property
    def flagged(self) -> int:
        return sum(action.needs_review for action in self.actions)

    def skipped(self, reason: str) -> list[DocumentRecord]:
        """Skipped inputs whose message starts with ``reason`` (``job.NOT_A_DOCUMENT``,
        ``job.DUPLICATE_OF``)."""
        return [doc for doc in self.documents
                if doc.status == "skipped" and doc.error.startswith(reason)]


class WouldWipe(PlanharvestError):
    """The run found no documents where the last run into the folder had some."""


# -- discovering inputs -----------------------------------------------------------


#: The start of documents.csv's message for a link whose file lies outside the input folder.
OUTSIDE_LINK = "a link outside the input folder"


@dataclass
class Discovered:
    """What the inputs hold: the files to convert, and what could not be taken -- folders
    that could not be listed (``failed``), links out of the input folder (``skipped``) --
    as documents.csv's lines."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    unread: list[DocumentRecord] = field(default_factory=list)


def discover(inputs: Iterable[Path], exclude: Path | None = None,
             follow_links: bool = False) -> Discovered:
    """(absolute path, path relative to its input folder) for every file, sorted.

    Folders are walked recursively without following symbolic links, so a
    link loop cannot trap the walk; a link that loops (or dangles) is kept
    unresolved, for the reader to report. A link to a file outside the input folder
    is skipped, named in ``unread`` (a folder of plans need not read ``/etc`` through
    a link), unless ``follow_links``; with it, links to folders are walked too, each
    real folder once. A folder that cannot be listed (permissions, a path past
    the system's limit) is a ``failed`` line of ``unread``. A file given directly is
    relative to its own folder. Nothing under ``exclude`` (the output folder, when it
    sits inside an input folder) is taken: a run never reads its own outputs.
    Relative paths are text every output can hold (:func:`printable_name`).
    """
    excluded = _resolved(Path(exclude)) if exclude is not None else None

    def outside(path: Path) -> bool:
        return excluded is None or not _resolved(path).is_relative_to(excluded)

    found = Discovered()
    for given in map(Path, inputs):
        if not given.is_dir():
            if outside(given):
                found.files.append((_resolved(given), printable_name(given.name)))
            continue
        walked: set[Path] = set()
        for folder, dirs, files in os.walk(given, followlinks=follow_links,
                                           onerror=lambda error, top=given:
                                           found.unread.append(_unlisted(error, top))):
            walked.add(_resolved(Path(folder)))
            if not follow_links:
                for name in dirs:
                    _take(Path(folder) / name, given, follow_links, found, folder=True)
            dirs[:] = sorted(name for name in dirs if outside(Path(folder) / name)
                             and _resolved(Path(folder) / name) not in walked)
            for name in sorted(files):
                _take(Path(folder) / name, given, follow_links, found)
    found.files = _unique(found.files)
    return found


def _take(path: Path, given: Path, follow_links: bool, found: Discovered,
          folder: bool = False) -> None:
    """Add the file ``path`` found in the input folder ``given`` to ``found``: to its
    files, or to ``unread`` when it is a link leading out of ``given``. A ``folder`` is only
    ever named in ``unread`` (the walk goes into the folders it may)."""
    relative = printable_name(path.relative_to(given).as_posix())
    target = _resolved(path)
    if (not follow_links and _is_link(path) and target.exists()
            and not target.is_relative_to(_resolved(given))):
        found.unread.append(DocumentRecord(
            path=relative, status="skipped",
            error=f"{OUTSIDE_LINK}, to {_kind_of(target)} {printable_name(str(target))}: "
                  "not read (give --follow-links to read such links)"))
    elif not folder:
        found.files.append((target, relative))


def _is_link(path: Path) -> bool:
    """``path`` is a symbolic link; False when it cannot even be examined (a path past the
    system's limit: the walk names such a folder when it cannot list it)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _kind_of(target: Path) -> str:
    """"a device", "a folder", or "a file" (a regular file) -- what a link leads to."""
    kind = what_it_is(target)
    return kind if kind.startswith("a ") else "a file"


def _unlisted(error: OSError, given: Path) -> DocumentRecord:
    """documents.csv's line for a folder the walk could not list."""
    folder = Path(os.fsdecode(error.filename)) if error.filename is not None else given
    relative = folder.relative_to(given).as_posix() if folder.is_relative_to(given) else ""
    cause = system_error_message(error).rsplit(": ", 1)[-1]
    return DocumentRecord(
        path=printable_name(relative if relative not in ("", ".") else str(given)),
        status="failed",
        error=f"the folder cannot be listed ({cause[:1].lower()}{cause[1:]}): none of its "
              "files were read")


def _unique(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """``found`` with each real file once (the first path it was found by)."""
    seen: set[Path] = set()
    unique = []
    for path, relative in found:
        if path not in seen:
            seen.add(path)
            unique.append((path, relative))
    return unique


def _resolved(path: Path) -> Path:
    """``path`` with its links followed; a link loop (RuntimeError before Python 3.13,
    OSError after) leaves it as it is, absolute."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def printable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 name from an old share,
    which Python keeps as lone surrogates no writer can encode) become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


# -- the run ------------------------------------------------------------------------------


def convert(inputs: list[Path], options: RunOptions,
            progress: Callable[[DocumentResult], None] | None = None,
            executor: Executor | None = None,
            on_start: Callable[[int], None] | None = None,
            on_note: Callable[[str], None] | None = None) -> RunSummary:
    """Convert every input and write the dataset into ``options.out_dir``.

    The option files are read and checked first (an ``OptionFileError`` before
    anything in ``out_dir`` changes); then the run holds the folder's lock
    (``FolderInUse`` when another run has it), imports decisions typed into
    ``review.csv`` and refuses to replace a dataset with an empty one
    (``WouldWipe``) unless ``options.replace``. ``on_start`` is told how many
    documents were found; ``on_note`` hears at once what a person should know before the
    run's end (an ``--owners`` file whose names overlap; without ``on_note`` it is the first
    of the summary's notes); ``progress`` then hears of each one as it finishes (in
    completion order). The work runs on ``executor`` when given, else on the
    Dask scheduler of ``options.scheduler``, else in ``options.workers``
    processes. Unchanged documents are answered from the output folder's cache
    unless ``options.use_cache`` is False. Without ``options.out_dir`` nothing is
    written, no lock is taken and every document is read.
    """
    started = time.perf_counter()
    owners = read_option_file(options.owners_file, "--owners") if options.owners_file else None
    indicators = (read_option_file(options.indicators_file, "--indicators")
                  if options.indicators_file else None)
    Registries.load(owners, indicators)  # a bad file fails here, once, not once per document
    overlap = owner_overlaps(owners) if owners else ""
    if overlap and on_note is not None:
        on_note(overlap)
    decisions_file = _decisions_file(options)
    if decisions_file is not None:
        review_store.load_decisions(decisions_file)  # a bad line fails here, before any work
    discovered = discover(inputs, exclude=options.out_dir, follow_links=options.follow_links)
    unlisted = [f"failed: {record.path}: {record.error}" for record in discovered.unread
                if record.status == "failed"]
    for note in unlisted if on_note is not None else ():
        on_note(note)
    with contextlib.ExitStack() as held:
        notes = ([overlap] if overlap else []) + unlisted if on_note is None else []
        if options.out_dir is not None:
            taken_over = held.enter_context(lock.locked(options.out_dir))
            staging.recover(options.out_dir)  # finish (or drop) the commit of a run killed earlier
            if taken_over:
                notes.append(f"the last run into {options.out_dir} ({taken_over}) was killed "
                             "before it finished; its lock was taken over")
            _refuse_to_wipe(discovered.files, options)
            target = (decisions_file or options.out_dir / DEFAULT_DECISIONS
                      if options.apply_decisions else None)
            notes += _import_review_csv(options.out_dir, target)
            decisions_file = _decisions_file(options)
        decisions = review_store.load_decisions(decisions_file) if decisions_file else []
        jobs = [
            DocumentJob(
                path=str(path), relative=relative, settings=options.settings,
                owners_file=owners, indicators_file=indicators,
                owner_aliases=review_apply.owner_aliases(decisions), debug=options.debug,
            )
            for path, relative in discovered.files
        ]
        if on_start is not None:
            on_start(len(jobs))
        summary = _run(jobs, options, decisions, decisions_file, progress, executor,
                       discovered.unread)
    summary.seconds = time.perf_counter() - started
    summary.notes[:0] = notes
    return summary


def _run(jobs: list[DocumentJob], options: RunOptions, decisions: list[Decision],
         decisions_file: Path | None, progress: Callable[[DocumentResult], None] | None,
         executor: Executor | None, unread: list[DocumentRecord]) -> RunSummary:
    """The batch, the batch-wide steps and the outputs (under the folder's lock when there
    is a folder); ``unread``, what the inputs held that could not be taken, is listed
    after the documents."""
    cache = (ResultCache(options.out_dir, read=options.use_cache)
             if options.out_dir is not None else None)
    documents: list[DocumentRecord] = []
    actions: list[Action] = []
    with contextlib.ExitStack() as stack:
        if executor is None and options.scheduler:
            executor = stack.enter_context(dask_executor(options.scheduler))
        for result in run_jobs(jobs, options.workers, executor, cache, progress):
            documents.append(result.record)
            actions.extend(result.actions)
    documents += unread
    actions = propose_owner_names(actions)  # the one normalising step that needs the batch
    actions, stale = review_apply.apply_decisions(actions, decisions, read_reviewed_deadline)
    sources = {job.relative: Path(job.path) for job in jobs}
    # documents.csv lists the decisions file too: an input of the run, with its stale count.
    listed = documents + review_rows.decisions_listing(decisions_file, len(decisions), stale)
    review = review_rows.review_items(actions) + review_rows.stale_review_items(stale)
    if cache is not None:  # there is an output folder
        write_outputs(options, listed, actions, review, stale, sources)
        cache.prune()
    return RunSummary(documents, actions, 0.0, stale, from_cache=cache.hits if cache else 0,
                      review=review, listed=listed)


def _decisions_file(options: RunOptions) -> Path | None:
    """The decisions file the run applies: ``--decisions`` (which must exist), else
    ``out_dir/decisions.csv`` when there, none with ``--no-decisions``."""
    if not options.apply_decisions:
        return None
    if options.decisions_file is not None:
        if not Path(options.decisions_file).is_file():
            raise DecisionsFileError(f"{options.decisions_file}: no such file (to start one, "
                                     "run `planharvest review` on a finished run)",
                                     "--decisions")
        return Path(options.decisions_file)
    if options.out_dir is None:
        return None
    default = options.out_dir / DEFAULT_DECISIONS
    return default if default.is_file() else None


def _refuse_to_wipe(discovered: list[tuple[Path, str]], options: RunOptions) -> None:
    """``WouldWipe`` when no input is a document but the folder's ``documents.csv`` lists
    some, unless ``options.replace``."""
    if options.replace or any(worth_reading(path) for path, _relative in discovered):
        return
    previous = _documents_listed(options.out_dir / "documents.csv")
    if previous:
        raise WouldWipe(f"no documents found in the input, but {options.out_dir} holds a "
                        f"dataset of {previous} document(s) from the last run: it was left as "
                        "it is (give --replace to replace it with an empty one)")


def _documents_listed(documents_csv: Path) -> int:
    """How many documents (read or failed, not skipped files) a run's ``documents.csv``
    lists; 0 when there is none."""
    allow_long_csv_cells()
    try:
        with documents_csv.open(newline="", encoding="utf-8") as handle:
            return sum(row.get("status") in ("ok", "failed")
                       and row.get("format") != review_rows.DECISIONS_FORMAT
                       for row in csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return 0


def _import_review_csv(out_dir: Path, decisions_file: Path | None) -> list[str]:
    """Decisions a reviewer typed into ``out_dir/review.csv`` since the last run, saved into
    ``decisions_file`` (created if need be) before this run rewrites ``review.csv``; what
    was done, as notes.

    Without a decisions file to apply (``--no-decisions``) they would be overwritten
    unapplied, so the run is refused instead (``DecisionsFileError``); so is a file with a
    bad line (nothing imported, nothing changed).
    """
    review_csv = out_dir / "review.csv"
    if not review_csv.is_file():
        return []
    filled = import_review_csv(review_csv, reparse=read_reviewed_deadline)
    if not filled:
        return []
    if decisions_file is None:
        raise DecisionsFileError(
            f"{review_csv} holds {len(filled)} decision(s) typed in since the last run, and "
            "--no-decisions would overwrite them unapplied: import them first with "
            f"`planharvest review {out_dir} --import {review_csv}`, or run without "
            "--no-decisions")
    review_store.add_decisions(decisions_file, filled)
    return [f"{len(filled)} decision(s) typed into {review_csv} imported into {decisions_file}"]


def write_outputs(options: RunOptions, documents: list[DocumentRecord], actions: list[Action],
                  review: list[ReviewItem], stale: list[review_rows.StaleDecision] | None = None,
                  sources: dict[str, Path] | None = None) -> None:
    """Write every output of the run as one commit (``export.staging``): a run killed at
    any moment leaves the previous run's files or this run's, never a mixture. An
    ``actions`` file of a format not asked for this time is removed with the commit, so
    no file of an older run stays beside this one's."""
    stale = stale or []
    tables = writers.Tables(actions, review, documents)
    unwritten = [f"actions.{file_format}" for file_format in writers.ALL_FORMATS
                 if file_format not in options.formats]
    with staging.staged(options.out_dir, remove=unwritten) as folder:
        for file_format in options.formats:
            writers.WRITERS[file_format](folder / f"actions.{file_format}", tables)
        writers.write_csv(folder / "review.csv", ReviewItem, tables.review)
        writers.write_csv(folder / "documents.csv", DocumentRecord, documents)
        write_report(folder, documents, actions, stale, sources or {},
                     timeout=options.settings.limits.max_seconds_per_document,
                     word_pictures=options.word_pictures)
        datapackage.write_datapackage(folder)
