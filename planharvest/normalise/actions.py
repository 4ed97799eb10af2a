"""Raw actions to canonical ``Action`` rows: every normaliser applied, every guess flagged.

This is the one place that knows which normaliser reads which raw field.
Each normaliser is a pure function returning values and ``Flag`` records;
here they are combined into a row, and the row gets its ``record_id``: a hash
of the document's bytes and the action's own content (reference and folded
text), never of its position, so re-runs, reordered inputs and unrelated
extractor changes keep it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from planharvest.extract.actions import RawAction
from planharvest.extract.glossary import Definition, definitions_in
from planharvest.lexicon import fold_alnum
from planharvest.model import Action, Flag, SourceFormat
from planharvest.normalise.deadline_prose import in_a_sentence, settle_prose
from planharvest.normalise.deadlines import (
    Deadline,
    PlanPeriod,
    parse_deadline,
    read_plan_deadlines,
)
from planharvest.normalise.flags import aim_evidence, person_evidence, post_title_flag
from planharvest.normalise.indicators import IndicatorRegistry, find_indicators
from planharvest.normalise.owners import (
    NO_GLOSSARY,
    Glossary,
    OwnerRegistry,
    OwnerResult,
    owners_in_text,
    parse_owners,
)
from planharvest.normalise.rag import parse_rag
from planharvest.normalise.refs import is_date, normalise_ref
from planharvest.normalise.text import clean_text
from planharvest.normalise.text_deadlines import deadline_in_text
from planharvest.optionfiles import OptionText
from planharvest.settings import Settings

#: Raw fields copied as repaired text into the column of the same meaning.
_TEXT_COLUMNS = {"kpi": "kpi", "milestones": "milestones", "progress": "progress",
                 "outcomes": "outcomes", "notes": "notes"}


@dataclass(frozen=True)
class Registries:
    """The reference data a run normalises against: built-in, extended by the user's files."""

    owners: OwnerRegistry
    indicators: IndicatorRegistry

    @classmethod
    def load(cls, owners_file: OptionText | Path | None = None,
             indicators_file: OptionText | Path | None = None,
             owner_aliases: tuple[tuple[str, str], ...] = ()) -> Registries:
        """Built-in registries, the user's CSV files on top, then reviewer-made aliases."""
        owners = OwnerRegistry.builtin()
        if owners_file is not None:
            owners = owners.extended(owners_file)
        for name, alias in owner_aliases:
            owners = owners.with_alias(name, alias)
        indicators = IndicatorRegistry.builtin()
        if indicators_file is not None:
            indicators = indicators.extended(indicators_file)
        return cls(owners, indicators)


@dataclass(frozen=True)
class Source:
    """What the rows need to know about the document they came from."""

    path: str
    sha256: str
    format: SourceFormat
    ocr_pages: frozenset[int] = field(default_factory=frozenset)


def normalise_actions(
    title: str, raws: list[RawAction], source: Source, registries: Registries, settings: Settings,
    glossary: tuple[Definition, ...] = (),
) -> list[Action]:
    """Canonical rows for one document's raw actions, in the same order. ``glossary``: the
    abbreviations the document defines (``extract.glossary``), with those its rows spell
    out, tell an abbreviation printed as an owner from a guess."""
    # A plan repeats its deadline cells ("March 2009", "Ongoing" on row after row): each
    # distinct text is read once. Deadline is frozen, so rows may share one reading.
    period, deadlines = read_plan_deadlines(title, (raw.text("deadline") for raw in raws))
    spelt_out = Glossary(tuple(dict.fromkeys((*glossary, *definitions_in(
        text for raw in raws for text in raw.fields.values())))))
    spelt_out = replace(spelt_out, owners_are_posts=_owners_are_posts(raws, registries,
                                                                       settings, spelt_out))
    actions = []
    aims = aim_evidence(raws, registries.indicators)
    for raw, aim in zip(raws, aims, strict=True):
        deadline = _from_raised_date(deadlines[raw.text("deadline")], raw, period)
        stated = deadline_in_text(raw.fields, period) if deadline.kind == "missing" else None
        if stated is not None:
            # The phrase stands in for the missing cell, so the user sees what was read.
            raw.fields["deadline"], deadline = stated
        deadline = _against_milestones(deadline, raw.text("milestones"), period)
        deadline = settle_prose(deadline, raw.text("deadline"))
        actions.append(_normalise(title, raw, source, registries, deadline, settings,
                                  spelt_out, aim))
    _assign_record_ids(actions, source.sha256)
    return actions


def _from_raised_date(deadline: Deadline, raw: RawAction, period: PlanPeriod) -> Deadline:
    """A deadline printed without its year ("September") in a row that says when the action
    was raised (a meeting log's date where the reference stands, "19/07/2011") is read as
    the first such month on or after that day, not from the plan's period: a log's rows are
    raised over months, each due after its own meeting. The year is still inferred, so the
    ``deadline_year_inferred`` flag stays. A raised date after the end of the plan's own
    period (a log of June 2011 with an action "raised" 19/11/2011) is a slip of the pen, and
    the plan's period is kept."""
    if not any(flag.code == "deadline_year_inferred" for flag in deadline.flags):
        return deadline
    ref = raw.text("action_ref")
    raised = parse_deadline(ref).start if is_date(ref) else None
    if raised is None or (period.end is not None and raised > period.end):
        return deadline
    return parse_deadline(raw.text("deadline"),
                          PlanPeriod(start=raised, quarter_convention=period.quarter_convention))


def _against_milestones(deadline: Deadline, milestones: str, period: PlanPeriod) -> Deadline:
    """A deadline whose latest date was clearly the due one, checked against the row's
    milestones column: a milestone dated after the due date means the dates conflict, and
    ``deadline_several`` is then a doubt (its default evidence) rather than a note."""
    clear = [flag for flag in deadline.flags
             if flag.code == "deadline_several" and flag.evidence == "latest_clear"]
    if not clear or deadline.end is None or not milestones.strip():
        return deadline
    latest = parse_deadline(milestones, period)
    if latest.end is None or latest.end <= deadline.end:
        return deadline
    doubted = tuple(
        flag.model_copy(update={"evidence": "", "reason": f"{flag.reason}; but the milestones "
                                f"run to {latest.end.isoformat()}, after that due date"})
        if flag in clear else flag for flag in deadline.flags)
    return replace(deadline, flags=doubted)


def _normalise(
    title: str, raw: RawAction, source: Source, registries: Registries,
    deadline: Deadline, settings: Settings, spelt_out: Glossary = NO_GLOSSARY,
    aim: str = "",
) -> Action:
    action_text = clean_text(raw.text("action"))
    ref = " ".join(raw.text("action_ref").split())
    texts = {column: clean_text(raw.text(name)) for name, column in _TEXT_COLUMNS.items()}
    if is_date(ref):  # the date the action was raised: kept in the notes
        texts["notes"] = "\n".join(filter(None, (ref, texts["notes"])))
        ref = ""
    owners = _owners(raw, registries, settings, spelt_out)
    indicator_text = "\n".join([raw.objective, *raw.fields.values()])
    indicators, indicator_flags = find_indicators(indicator_text, registries.indicators)
    rag, rag_flags = parse_rag(raw.text("rag"))
    action = Action(
        record_id="",
        source_file=source.path,
        source_sha256=source.sha256,
        source_format=source.format,
        page=raw.page,
        plan_title=title,
        # the document's own title over its one table heads no section of it
        theme="" if fold_alnum(raw.theme) == fold_alnum(title) else raw.theme,
        objective=raw.objective,
        action_ref=ref,
        action_id=normalise_ref(ref),
        action=action_text,
        owner_raw=" ".join(raw.text("owner").split()),
        owners=list(owners.owners),
        owner_units=list(owners.units),
        partners=list(owners.partners),
        **_deadline_columns(raw.text("deadline"), deadline),
        indicators=indicators,
        rag=rag,
        bbox=raw.bbox,
        header_page=raw.header_place[0] if raw.header_place else None,
        header_bbox=raw.header_place[1] if raw.header_place else None,
        **texts,
    )
    action.add_flags([*owners.flags, *deadline.flags, *indicator_flags, *rag_flags,
                      *_structure_flags(raw, source, deadline_read=not deadline.flags
                                        and deadline.kind != "missing"
                                        and not in_a_sentence(deadline, raw.text("deadline")),
                                        aim=aim)])
    person_evidence(action)
    post_title = post_title_flag(action)
    if post_title is not None:
        action.add_flags([post_title])
    return action


def _owners(raw: RawAction, registries: Registries, settings: Settings,
            spelt_out: Glossary) -> OwnerResult:
    if raw.has_owner_column:
        result = parse_owners(
            raw.text("owner"), registries.owners, raw.text("partners"),
            confident_score=settings.owners.confident_score,
            candidate_cutoff=settings.owners.candidate_cutoff, spelt_out=spelt_out,
        )
        return _lead_a_post(result) if raw.lead_first else result
    return owners_in_text(raw.text("action"), registries.owners)


def _owners_are_posts(raws: list[RawAction], registries: Registries, settings: Settings,
                      glossary: Glossary) -> bool:
    """Heuristic: the document's owner column names posts -- more of its cells name only a
    job title ("SENDCo", "Headteacher", "Tech Integrator") than name an organisation. Its
    abbreviations never spelt out ("SBM", "LMS") are then read as posts too (a doubt)."""
    posts = owned = 0
    for raw in raws:
        if not raw.has_owner_column or not raw.text("owner").strip():
            continue
        result = _owners(raw, registries, settings, glossary)
        owned += bool(result.owners)
        posts += any(flag.code == "owner_person_only" and flag.evidence == "titles"
                     for flag in result.flags)
    return posts > owned


def _lead_a_post(result: OwnerResult) -> OwnerResult:
    """A cell read as its lead first (``owner_lead_first``) whose lead is a post, with a
    partner after it printed as a proper name ("Responsable de transport actif, Transcollines";
    not "service des loisirs"): the post is still no owner, but that partner may be a lead the
    plan meant too (printed in bold with it), so the post is a doubt, not a note."""
    if result.owners or not any(name[:1].isupper() for name in result.partners):
        return result
    flags = tuple(
        flag.model_copy(update={"evidence": "", "reason": f"{flag.reason}; the cell was read "
                                f"as its lead first, and a partner after the post may be "
                                f"the lead"})
        if flag.code == "owner_person_only" else flag for flag in result.flags)
    return replace(result, flags=flags)


def _deadline_columns(raw_text: str, deadline: Deadline) -> dict[str, object]:
    lines = [" ".join(line.split()) for line in raw_text.split("\n")]
    return {
        "deadline_raw": " / ".join(line for line in lines if line),
        "deadline_kind": deadline.kind,
        "deadline_start": deadline.start,
        "deadline_end": deadline.end,
        "deadline_precision": deadline.precision,
        "recurrence": deadline.recurrence,
    }


def _structure_flags(raw: RawAction, source: Source, deadline_read: bool,
                     aim: str = "") -> list[Flag]:
    """The flags of how the row was found; ``deadline_read``: its deadline cell was read, and
    with no flag at all; ``aim``: the evidence that an objective read from an aim column is
    plainly one (``flags.aim_evidence``)."""
    flags = []
    if raw.split_across_pages:
        flags.append(Flag(code="row_split_across_pages", field="row",
                          reason="this row was cut in two (by a page break or a continuation "
                                 "row) and its parts were joined back together",
                          evidence=raw.split_evidence))
    if raw.merge_note:
        flags.append(Flag(code="cells_merged_guess", field="row", reason=raw.merge_note))
    if raw.roles_note:
        flags.append(Flag(code="table_roles_inferred", field="row",
                          reason="no header named this table's columns; their roles were read "
                                 f"from what they hold: {raw.roles_note}",
                          evidence=_roles_evidence(raw.roles_note, deadline_read)))
    if raw.objective_from_aim:
        flags.append(Flag(code="objective_from_outcome", field="objective", evidence=aim,
                          reason="the objective was read from an outcome or target column "
                                 "printed before the action; it may state what this action "
                                 "is to achieve rather than an objective heading"))
    if raw.labelled_shared:
        flags.append(Flag(code="labelled_lines", field="row", evidence="shared",
                          reason="the action was read from a numbered list under its objective, "
                                 f"not from a table: {raw.labelled_note}"))
    elif raw.labelled_note:
        flags.append(Flag(code="labelled_lines", field="row",
                          reason="the action was read from a heading and the labelled lines "
                                 f"under it ({raw.labelled_note}), not from a table"))
    if raw.ticks_note:
        flags.append(Flag(code="deadline_from_ticks", field="deadline",
                          reason="there was no deadline cell; the deadline spans the periods "
                                 f"ticked in the timeline's columns ({raw.ticks_note})"))
    if raw.lead_first:
        flags.append(Flag(code="owner_lead_first", field="owners",
                          reason="the owner cell's header names the lead and its partners; the "
                                 "first name in the cell was read as the lead, the others as "
                                 "partners"))
    if raw.page is not None and raw.page in source.ocr_pages:
        flags.append(Flag(code="ocr_text", field="row",
                          reason=f"page {raw.page} is a scan; its text was read by OCR"))
    return flags


#: One role of a roles note (``extract.roles.TableRoles.note``): "column 3 = deadline
#: (header 'schedule' 100; 80% dates)".
_ROLE_NOTE = re.compile(r"column \d+ = (\w+) \(([^()]*)\)")


def _roles_evidence(roles_note: str, deadline_read: bool) -> str:
    """The evidence (``data/flags.csv``) that the inferred roles are plain, or "".

    ``headed_columns``: every role but the action's was named by a header word, and the
    action column is the stand-in for one the header left unnamed (the widest column of
    text). ``status_column``: every role was named by a header word but the deadline's,
    which is the table's status column, its cells read as deadlines ("Completed", "Ongoing",
    "2024"), and this row's cell was read with no flag: what the row shows as its deadline
    is its status cell, read plainly ("Compliance Area | Action Item | Status"). A cell read
    with any flag ("Complete as necessary") keeps the doubt."""
    roles = _ROLE_NOTE.findall(roles_note)
    named = [role for role, evidence in roles if "header '" in evidence]
    stand_in = [role for role, evidence in roles
                if role == "action" and evidence.startswith("widest column of text")]
    if named and len(named) + len(stand_in) == len(roles):
        return "headed_columns"
    status = [role for role, evidence in roles
              if role == "deadline" and evidence.startswith("no deadline column; the ")]
    if deadline_read and "action" in named and status and len(named) + len(status) == len(roles):
        return "status_column"
    return ""


def _assign_record_ids(actions: list[Action], sha256: str) -> None:
    """Hash of document + reference + folded text; the n-th identical action gets '-n'."""
    seen: Counter[str] = Counter()
    for action in actions:
        content = "\x1f".join([sha256, action.action_id, fold_alnum(action.action)])
        base = hashlib.sha256(content.encode()).hexdigest()[:16]
        seen[base] += 1
        action.record_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
