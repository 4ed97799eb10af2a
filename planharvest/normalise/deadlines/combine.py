"""Several phrases of a cell into one ``Deadline``, and a plan's phrases into its period.

The combiner decides the kind. Concrete periods win: the latest end is the due
date and its own period the deadline's; several different items are flagged
``deadline_several``. Without one, the cell is ongoing, recurring, completed or
unknown (the rules in ``parse_deadline``'s doc). ``read_plan_deadlines`` scans
each cell once for both the plan period and the cell's reading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planharvest.model import DeadlineKind, DeadlinePrecision, Flag, Recurrence
from planharvest.normalise.deadlines.phrases import (
    PlanPeriod,
    Reading,
    Scan,
    financial_year,
    find_readings,
    iso,
    month_span,
    prepare,
    quarter_span,
    scan_phrases,
    uses_financial_years,
)
from planharvest.normalise.deadlines.vocabulary import (
    SEASON_START_MONTH,
    START_VERBS,
    WORK_NOUNS,
    Convention,
    Span,
)


@dataclass(frozen=True)
class Deadline:
    """One deadline cell, read: the values of the ``deadline_*`` columns and their flags."""

    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = None  # the due date
    precision: DeadlinePrecision | None = None
    recurrence: Recurrence | None = None
    flags: tuple[Flag, ...] = ()  # field="deadline"
    readings: tuple[str, ...] = ()  # every date phrase found, as printed, for the reviewer


#: A cell that is only punctuation ("-", "?") says "no date" as plainly as "N/A" does.
_PLACEHOLDER = re.compile(r"[-–—?.*/\s]+")


def _one_line(raw: str) -> str:
    """The cell as ``deadline_raw`` prints it (lines joined by " / "), shortened for a reason."""
    lines = [" ".join(line.split()) for line in prepare(raw).split("\n")]
    text = " / ".join(line for line in lines if line)
    return text if len(text) <= 80 else text[:77] + "..."


def _unique(values: Iterable[Flag]) -> tuple[Flag, ...]:
    return tuple(dict.fromkeys(values))


def _is_several(items: list[Reading]) -> bool:
    """More than one different item, except one rhythm said twice ("On-going/quarterly")."""
    if len(items) <= 1:
        return False
    rhythm_only = all(item.role in ("ongoing", "recurring") for item in items)
    starts = {item.span for item in items if item.span}
    rhythms = {item.recurrence for item in items if item.recurrence}
    return not (rhythm_only and len(starts) <= 1 and len(rhythms) <= 1)


def _several_flag(raw: str, items: list[Reading], verdict: str, clear: bool) -> Flag:
    listed = "; ".join(item.printed for item in items)
    return Flag(code="deadline_several", field="deadline",
                reason=f"'{_one_line(raw)}' holds {len(items)} different deadlines "
                       f"({listed}); {verdict}",
                candidates=tuple(iso(item.span) for item in items
                                 if item.role == "due" and item.span),
                evidence="latest_clear" if clear else "")


def _latest_is_clear(items: list[Reading], choice: _Choice) -> bool:
    """The due item ends after every other item (due dates, and the starts of ongoing or
    recurring work), and no item is a date phrase that gave no date: the contract's "the
    latest is the due date" then leaves nothing open. A tie ("Sept/Oct 06" beside "Oct 06")
    or an item that could be later is a doubt."""
    if choice.latest is None or choice.end is None:
        return False
    for item in items:
        if item.role == "due" and item.span == choice.latest.span:
            continue
        if item.role == "unresolved" or item.vague_within is not None:
            return False
        if item.span is not None and item.span[1 if item.role == "due" else 0] >= choice.end:
            return False
    return True


def _combine(raw: str, readings: list[Reading]) -> Deadline:
    """Decide kind, period, precision and recurrence from a cell's readings (see module doc)."""
    if not readings:
        return _without_readings(raw)
    printed = tuple(reading.printed for reading in readings)
    flags = list(_unique(flag for reading in readings for flag in reading.flags))
    meaningful = _meaningful(readings)
    items = list({(r.role, r.span, r.recurrence, r.is_range): r for r in meaningful}.values())
    several = _is_several(items)
    choice = _choose(meaningful, several)
    verdict = (f"the latest, '{choice.latest.printed}', gives the due date "
               f"{choice.end.isoformat()}"
               if choice.latest is not None and choice.end is not None
               else f"read as {choice.kind}")
    # "September 2006 / Mid 2007": the last item is vague, so the due date is not known.
    end = choice.end
    vague = [r for r in meaningful if r.vague_within and end and r.vague_within[1] > end]
    if vague:
        choice = replace(choice, kind="unknown", start=None, end=None, precision=None)
        verdict = f"'{vague[0].printed}' is vague and may be the latest, so no due date was given"
    unread = _unread_lines(raw, readings) if choice.kind in ("ongoing", "recurring") else []
    if unread:
        # "As each new pupil arrives. / Ongoing / At least monthly.": each line is an item's
        # own timing; one is not read, so the rhythm of the others is not the action's.
        choice = replace(choice, kind="unknown", start=None, precision=None, recurrence=None)
        flags.append(Flag(code="deadline_unparsed", field="deadline", reason=(
            f"'{unread[0]}' in '{_one_line(raw)}' gives no date, period or status, so the "
            f"rhythm of the cell's other lines may not be the action's deadline")))
    elif several:
        flags.append(_several_flag(raw, items, verdict, _latest_is_clear(items, choice)))
    return Deadline(kind=choice.kind, start=choice.start, end=choice.end,
                    precision=choice.precision, recurrence=choice.recurrence,
                    flags=tuple(flags), readings=printed)


#: Words a line of a deadline cell needs to be an item of its own ("As each new pupil
#: arrives."), not a fragment ("As" in "As / when required").
_ITEM_WORDS = 3


def _unread_lines(raw: str, readings: list[Reading]) -> list[str]:
    """The lines of a cell of several lines that no reading was found on and that are
    items of their own (``_ITEM_WORDS`` words or more)."""
    lines = prepare(raw).split("\n")
    read = {reading.line for reading in readings}
    return [" ".join(line.split()) for number, line in enumerate(lines)
            if number not in read and len(line.split()) >= _ITEM_WORDS] if len(lines) > 1 else []


def _without_readings(raw: str) -> Deadline:
    """A cell with no phrase read: missing, a placeholder, or unparsed (flagged)."""
    if not raw.strip():
        return Deadline(kind="missing")
    if _PLACEHOLDER.fullmatch(raw):
        return Deadline(kind="unknown")
    flag = Flag(code="deadline_unparsed", field="deadline",
                reason=f"no date, period or status could be read from '{_one_line(raw)}'")
    return Deadline(kind="unknown", flags=(flag,))


def _meaningful(readings: list[Reading]) -> list[Reading]:
    """The readings that say something about the deadline."""
    # "To be negotiated by Oct 2006": a no-date phrase beside a date adds nothing.
    meaningful = [r for r in readings if r.role != "no_date"] or readings
    # "Already completed, quarterly reviews": a rhythm on the line of a finished item describes
    # what follows it (the reviews), not another deadline of the action.
    done_lines = {r.line for r in meaningful if r.role == "completed"}
    return [r for r in meaningful
            if not (r.role == "recurring" and r.span is None and r.line in done_lines)]


@dataclass(frozen=True)
class _Choice:
    """The deadline's values as chosen from its readings, before a vague item may void them."""

    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DeadlinePrecision | None = None
    recurrence: Recurrence | None = None
    latest: Reading | None = None  # the due item that gives the due date


def _choose(meaningful: list[Reading], several: bool) -> _Choice:
    """Concrete periods win (the latest item's own when there are several items); without
    one, the cell's status."""
    dated = sorted(((r.span, r) for r in meaningful if r.span is not None),
                   key=lambda item: item[0])  # earliest start first
    start = dated[0][0][0] if dated else None
    due = [(span, r) for span, r in dated if r.role == "due"]
    if due and several:
        return _latest_item(due)
    if due:
        return _due_period(due, start)
    return _status(meaningful, dated, start)


def _latest_item(due: list[tuple[Span, Reading]]) -> _Choice:
    """Several items, several dates: the action is due when its last item is, so the
    deadline is that item's own period; the others stay in readings and the flag."""
    latest = max(due, key=lambda item: (item[0][1], item[0][0]))[1]
    start, end = latest.span
    return _Choice("range" if latest.is_range else "date", start, end, latest.precision,
                   latest=latest)


def _due_period(due: list[tuple[Span, Reading]], start: dt.date | None) -> _Choice:
    """One item: from the earliest start to the latest end of its dated phrases."""
    latest = max(due, key=lambda item: (item[0][1], item[0][0]))[1]
    end = max(span[1] for span, _ in due)
    exact = [r for span, r in due if span == (start, end)]
    shape = exact[0] if exact else latest
    kind: DeadlineKind = "range" if not exact or shape.is_range else "date"
    return _Choice(kind, start, end, shape.precision, latest=latest)


def _status(meaningful: list[Reading], dated: list[tuple[Span, Reading]],
            start: dt.date | None) -> _Choice:
    """No due date: ongoing beats recurring beats completed beats unknown."""
    roles = {r.role for r in meaningful}
    kind: DeadlineKind = next(
        (k for k in ("ongoing", "recurring", "completed") if k in roles), "unknown")
    if kind not in ("ongoing", "recurring"):
        start = None
    precision = dated[0][1].precision if start else None
    rhythms = {r.recurrence for r in meaningful if r.recurrence}
    recurrence = next(iter(rhythms)) if len(rhythms) == 1 else None
    return _Choice(kind, start, None, precision, recurrence)


def parse_deadline(raw: str, period: PlanPeriod | None = None) -> Deadline:
    """Read one deadline cell. Never raises, for any string. Empty/whitespace -> kind 'missing'.

    ``period`` places dates printed without a year ("December", "Q3", "Year 1") and decides
    how a bare "Q3 2012" is read; without it such phrases give no date and are flagged.
    Choices where a cell is open to several readings, each visible in a flag where it guesses:

    * several different items in one cell: the latest due item is the deadline -- ``start``,
      ``end``, kind and precision are that item's own ("Mar 09 Sept 08" -> March 2009, kind
      ``date``); every item stays in ``readings`` and the flag. Repeats of one item are not
      "several"; one item plus an ongoing or recurring start is read as one period;
      a no-date phrase next to a date ("To be negotiated by Oct 2006") is ignored.
    * with no concrete date: ``ongoing`` beats ``recurring`` beats ``completed`` beats
      ``unknown``; "On-going/quarterly" is one ongoing item with recurrence ``quarterly``.
      ``recurrence`` is only set for kinds ``ongoing`` and ``recurring``.
    * "from April 06", "April 06 onwards", "Ongoing from ..." -> ``ongoing`` with a start;
      "Annual programme starting ...", "Quarterly thereafter May 2006" -> ``recurring`` with a
      start; ``end`` stays empty for both. "Start June 2012" alone is a due date (the date by
      which the work starts).
    * "September annually" -> ``recurring`` ``annually``; the month gives a start only when a
      year is printed ("September 2012 annually"), never by inference.
    * vague: "mid/early/late" on a month, season or quarter keeps that period as a best reading;
      on a year or wider ("Mid 2007") it gives kind ``unknown``. Both are flagged. When such a
      vague item may be the latest of several ("September 2006 / Mid 2007"), the due date is
      not known either: kind ``unknown``, flagged.
    * a rhythm on the same line as a finished item ("Already completed, quarterly reviews") is
      what follows it, not another deadline: the cell is ``completed``, not flagged.
    * a range's precision is that of its last part; "2008-2011" is a range of calendar years;
      two consecutive years in any form ("2006-2007", "06/07") are a UK financial year.
    * a slash with spaces on both sides separates items (it is how ``deadline_raw`` joins
      lines), so "June / July 06" is two items while "June/July 06" is a range.
    """
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    return _onwards_unread(raw, _start_and_end(raw, period) or _begins_only(raw)
                           or _combine(raw, find_readings(prepare(raw), period)))


#: A cell saying only when the work begins (``START_VERBS``, ``WORK_NOUNS``).
_BEGINS = re.compile(rf"^\s*(?:{'|'.join(START_VERBS)})s?[ \t]+(?:{'|'.join(WORK_NOUNS)})(?![a-z])",
                     re.IGNORECASE)


def _begins_only(raw: str) -> Deadline | None:
    """A cell that says when the work begins ("Begin implementation beginning of year
    2013-2014"): a start, never a due date, so the work is ongoing from then with no due
    date; its start is not set either (the year may be a school, calendar or financial
    one), and it is flagged for review. None for any other cell, and for one that states a
    due date after all ("Start work by June 2012")."""
    text = " ".join(raw.split())
    if not _BEGINS.match(text) or _DUE_WORD.search(text):
        return None
    flag = Flag(code="deadline_vague", field="deadline", reason=(
        f"'{text}' says when the work begins, not when it is due: no due date was set"))
    return Deadline(kind="ongoing", flags=(flag,), readings=(text,))


#: A timing cell's labels ("Start: September 2017 End: February 2018", "Start/End: TBD").
_TIMING_LABEL = re.compile(r"(?<![a-z])(start[ \t]*(?:/|and|&)[ \t]*end|start|end|finish)[ \t]*:",
                           re.IGNORECASE)
#: A phrase of the start part that states a due date after all ("Start: By January 31st").
_DUE_WORD = re.compile(r"(?<![a-z])(by|before|due|deadline)(?![a-z])", re.IGNORECASE)


def _timing_parts(raw: str) -> dict[str, str] | None:
    """A cell that opens with a timing label, as label -> text ("start", "end", "both");
    None for any other cell. Lines are joined: a narrow column breaks "By / January / 31 st"."""
    text = " ".join(prepare(raw).split())
    labels = list(_TIMING_LABEL.finditer(text))
    if not labels or labels[0].start() != 0:
        return None
    parts: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        name = label.group(1).lower()
        key = "both" if "end" in name and "start" in name else (
            "start" if name.startswith("start") else "end")
        value = text[label.end():following.start() if following else len(text)]
        parts[key] = f"{parts.get(key, '')} {value.strip(' /;,')}".strip()
    return parts


def _ongoing_from(start: str, period: PlanPeriod | None) -> Deadline | None:
    """A start part that says the work goes on ("March 2018 and continuing", "Ongoing;
    Ad-hoc"): ongoing (or recurring) from its earliest date; None when it says no such
    thing."""
    readings = find_readings(prepare(start), period)
    status = next((r for r in readings if r.role in ("ongoing", "recurring")), None)
    if status is None:
        return None
    dated = sorted((r for r in readings if r.span is not None), key=lambda r: r.span)
    first = dated[0] if dated else None
    return Deadline(kind=status.role, start=first.span[0] if first else None,
                    precision=first.precision if first else None,
                    recurrence=status.recurrence,
                    flags=_unique(flag for reading in readings for flag in reading.flags),
                    readings=tuple(reading.printed for reading in readings))


def _start_and_end(raw: str, period: PlanPeriod | None) -> Deadline | None:
    """A cell that labels when the work starts and ends ("Start: September 2017 / End:
    February 2018"): the end is the due date, the range runs from the start; a start alone
    ("Start: May 31, 2018") says when the work begins, not when it is due, so no due date
    is set (kind unknown, flagged) unless the start part is ongoing ("Start: March 2018 and
    continuing") or itself states a due date ("Start: By January 31st"). None for a cell
    with no such labels."""
    parts = _timing_parts(raw)
    if parts is None:
        return None

    def read(text: str) -> Deadline:
        return _combine(text, find_readings(prepare(text), period))

    both, start, end = (parts.get(key, "") for key in ("both", "start", "end"))
    due = read(end or both)
    begin = read(start) if start else None
    if due.end is not None:
        if begin is not None and begin.kind in ("date", "range") and begin.start is not None \
                and begin.start <= due.end:
            return replace(due, kind="range", start=begin.start, flags=begin.flags + due.flags,
                           readings=begin.readings + due.readings)
        return due
    if begin is None:
        return due if (end or both) else None
    if _DUE_WORD.search(start):
        return begin
    ongoing = _ongoing_from(start, period)
    if ongoing is not None:
        return ongoing
    if begin.start is None:
        return due if due.kind != "missing" else begin
    flag = Flag(code="deadline_vague", field="deadline", reason=(
        f"'{_one_line(raw)}' gives only when the work starts, not when it is due: "
        "no due date was set"))
    return Deadline(kind="unknown", flags=(flag,), readings=begin.readings)


def read_plan_deadlines(
    title: str, cells: Iterable[str]
) -> tuple[PlanPeriod, dict[str, Deadline]]:
    """``plan_period([title, *cells])`` and each distinct cell's ``parse_deadline(cell, period)``,
    with every text scanned once: a cell's phrase matches do not depend on the period, only
    what the readers make of them does."""
    distinct = list(dict.fromkeys(cells))
    texts = [title, *distinct]
    prepared = [prepare(text) for text in texts]
    scans = [scan_phrases(text) for text in prepared]
    period = _period_of(texts, prepared, scans)
    return period, {cell: _onwards_unread(cell, _start_and_end(cell, period) or _begins_only(cell)
                                          or _combine(cell, find_readings(text, period, scan)))
                    for cell, text, scan in zip(distinct, prepared[1:], scans[1:], strict=True)}


#: "onwards" closing a cell: the work goes on from the date before it.
_ONWARDS_END = re.compile(r"\bonwards?[ \t.]*$", re.IGNORECASE)


def _onwards_unread(raw: str, deadline: Deadline) -> Deadline:
    """A cell that ends in "onwards" and yet was read as a due date (its date is one no
    onward reading takes: "November/December 2019 onwards") is a doubt: flagged
    ``deadline_vague``, for review. Any other reading is returned as it is."""
    if deadline.kind not in ("date", "range") or not _ONWARDS_END.search(raw.strip()):
        return deadline
    flag = Flag(code="deadline_vague", field="deadline", reason=(
        f"'{' '.join(raw.split())}' says the work goes on from a date, yet was read as due by "
        "its end"))
    return replace(deadline, flags=(*deadline.flags, flag))


def plan_period(texts: Iterable[str]) -> PlanPeriod:
    """Infer the plan's period from its title and other texts (e.g. all its deadline cells):
    'OCTOBER 2008-APRIL 2009', 'Delivery Plans 2006/7', '2008–2011', dates in cells. The quarter
    convention is 'financial' when the texts use financial years (2006/07, 'FY', 'Q3 2012/13'),
    else 'calendar'. Never raises; returns PlanPeriod() when nothing is found.

    The period runs from the earliest start to the latest end of every dated phrase; phrases
    with no year are ignored here. Under the financial convention a span of years ("2008–2011")
    is read as the financial years it names (2008-04-01 to 2011-03-31). Pass the title and the
    deadline cells, not baselines ("2003/04 baseline"), which would stretch the period back.
    Cost: one ``parse``-sized pass per text.
    """
    texts = [text for text in texts if isinstance(text, str)]
    prepared = [prepare(text) for text in texts]
    return _period_of(texts, prepared, [scan_phrases(text) for text in prepared])


def _period_of(texts: list[str], prepared: list[str], scans: list[Scan]) -> PlanPeriod:
    """``plan_period`` of ``texts``, given each one prepared and scanned."""
    convention: Convention = ("financial" if any(uses_financial_years(text) for text in texts)
                              else "calendar")
    probe = PlanPeriod(quarter_convention=convention)
    spans: list[Span] = []
    for text, scan in zip(prepared, scans, strict=True):
        for reading in find_readings(text, probe, scan):
            if reading.span is None:
                continue
            first, last = reading.span
            if convention == "financial" and reading.is_range and reading.precision == "year":
                first, last = dt.date(first.year, 4, 1), dt.date(last.year, 3, 31)
            spans.append((first, last))
    if not spans:
        return PlanPeriod()
    return PlanPeriod(start=min(span[0] for span in spans), end=max(span[1] for span in spans),
                      quarter_convention=convention)


#: A day, or a period as ``iso`` prints candidates: ``2008-11-01/2008-11-30``.
_ISO_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*/\s*(\d{4}-\d{2}-\d{2}))?")


def read_reviewed_deadline(text: str) -> Deadline:
    """A deadline a reviewer typed: an ISO day or a period as candidates are printed
    (``2009-03-01/2009-03-31``), or any text ``parse_deadline`` reads.

    A candidate period gets back the kind and precision of the reading that printed it
    (``_span_shape``), so choosing a candidate records what the parser meant. Raises
    ``ValueError`` (a sentence saying why) for an ISO day that is no calendar date or a
    period that ends before it starts; other text is read as a cell is.
    """
    period = _ISO_PERIOD.fullmatch(text)
    if not period:
        return parse_deadline(text)
    try:
        start = dt.date.fromisoformat(period.group(1))
        end = dt.date.fromisoformat(period.group(2) or period.group(1))
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    kind, precision = _span_shape((start, end))
    return Deadline(kind=kind, start=start, end=end, precision=precision)


def _span_shape(span: Span) -> tuple[DeadlineKind, DeadlinePrecision]:
    """(kind, precision) of a period: the reading whose span it is (day, month, season,
    quarter, year, financial year), else a range of days or of whole months."""
    start, end = span
    if start == end:
        return "date", "day"
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return "range", "day"
    if span == month_span(start.year, start.month):
        return "date", "month"
    if span == month_span(start.year, start.month, 3):
        if start.month in SEASON_START_MONTH.values():
            return "date", "season"
        if any(span == quarter_span(start.year, quarter, "calendar") for quarter in range(1, 5)):
            return "date", "quarter"
    if span == (dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)):
        return "date", "year"
    if span == financial_year(start.year):
        return "date", "financial_year"
    return "range", "month"
