"""Doubts and notes: each flag's severity comes from one table (data/flags.csv) by its code and
the evidence its row gave, and only doubts send a row to review (issue 14)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

from planharvest.export.report import write_report
from planharvest.extract.actions import RawAction
from planharvest.model import FLAG_CODES, FLAG_SEVERITY, FLAG_TABLE, Action, DocumentRecord, Flag
from planharvest.normalise.actions import Registries, Source, normalise_actions
from planharvest.settings import Settings

#: A roles note as extract/roles.py writes it (Sullivan County's schedule tables).
HEADED = ("column 1 = action_ref (header '#' 90; 100% references), column 2 = action (widest "
          "column of text, 4 words a cell), column 3 = deadline (header 'schedule' 100; 80% "
          "dates)")
#: No header word at all: the deadline column is a guess from its dates.
CONTENT_ONLY = ("column 1 = action (widest column of text, 12 words a cell), column 3 = "
                "deadline (75% dates)")


@functools.cache
def _registries() -> Registries:
    return Registries.load()


def _row(**fields: object) -> Action:
    raw_fields = {"action_ref": "1", "action": "Publish the strategy",
                  **fields.pop("fields", {})}  # type: ignore[dict-item]
    raw = RawAction(fields=raw_fields, page=2, **fields)  # type: ignore[arg-type]
    (action,) = normalise_actions("Plan 2008-2009", [raw], Source("plan.pdf", "0" * 64, "pdf"),
                                  _registries(), Settings())
    return action


def test_the_table_has_a_default_line_for_every_code_and_only_two_severities() -> None:
    with FLAG_TABLE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert {line["severity"] for line in lines} == {"review", "note"}
    assert {line["code"] for line in lines} == set(FLAG_CODES)
    assert all((code, "") in FLAG_SEVERITY for code in FLAG_CODES)


@pytest.mark.parametrize(("note", "needs_review"), [(HEADED, False), (CONTENT_ONLY, True)])
def test_roles_plain_from_the_header_are_a_note_and_roles_from_content_a_doubt(
        note: str, needs_review: bool) -> None:
    action = _row(roles_note=note, fields={"deadline": "March 2009"})
    assert action.flags == ["table_roles_inferred"]
    assert action.needs_review is needs_review


def test_several_dates_are_a_doubt_when_the_milestones_run_past_the_due_date() -> None:
    clear = _row(fields={"deadline": "Sept 08 Mar 09", "milestones": "Survey done by Sept 08"})
    late = _row(fields={"deadline": "Sept 08 Mar 09", "milestones": "Report by June 2009"})
    assert clear.flags == late.flags == ["deadline_several"]
    assert (clear.needs_review, late.needs_review) == (False, True)
    assert "after that due date" in late.flag_details[0].reason


@pytest.mark.parametrize(("evidence", "needs_review"), [
    ("page_break", False), ("continuation", False), ("", True)])
def test_a_rejoined_row_is_a_doubt_only_when_the_part_could_be_a_row_of_its_own(
        evidence: str, needs_review: bool) -> None:
    action = _row(split_across_pages=True, split_evidence=evidence)
    assert action.flags == ["row_split_across_pages"]
    assert action.needs_review is needs_review


def test_the_report_cards_doubts_counts_notes_and_lists_decided_fields(tmp_path: Path) -> None:
    def row(record_id: str, *flags: Flag, decided: tuple[str, ...] = ()) -> Action:
        action = Action(record_id=record_id, source_file="plan.docx", source_sha256="0" * 64,
                        source_format="docx", action=f"Action {record_id}",
                        decided=list(decided))
        action.add_flags(list(flags))
        return action

    note = Flag(code="deadline_several", field="deadline", evidence="latest_clear",
                reason="'Mar 09 Sept 08': the latest is due")
    doubt = Flag(code="deadline_year_inferred", field="deadline", reason="'December' has no year")
    rows = [row("noted", note), row("doubted", doubt, note), row("set", decided=("owners",))]
    page = write_report(tmp_path, [DocumentRecord(path="plan.docx")], rows, [], {}).read_text()
    assert page.count('<details class="row"') == 1 and 'id="row-doubted"' in page
    assert "(deadline, note)" in page and "(deadline, review)" in page  # on the card
    # deadline_several: a note on two rows, a doubt on none
    assert ('<span class="code">deadline_several</span></td><td class="num">0</td>'
            '<td class="num">2</td>') in page
    assert "<h2>Decided rows</h2>" in page and "<td>owners</td>" in page


@pytest.mark.parametrize(("cell", "needs_review"), [
    ("As necessary", False),  # prose naming no date, kept as printed: nothing guessed
    ("THC will need to approve", False),
    ("As soon as possible", False),
    ("18+", False),
    ("end of year", True),  # a date could be made of it: the reading may have missed it
    ("Daily", True),  # a rhythm the reading does not know: the kind may be wrong
    ("Late Spring 2009", True),  # a vague phrase's best reading set a date: a guess
    ("Summer term", True),
])
def test_deadline_prose_naming_no_date_is_a_note(cell: str, needs_review: bool) -> None:
    action = _row(fields={"deadline": cell})
    assert action.deadline_start is None or needs_review
    assert action.needs_review is needs_review


@pytest.mark.parametrize(("cell", "needs_review"), [
    ("Federal Geographic Data Committee", False),  # an organisation printed whole
    ("Planning Manager", False),  # a post: no owner, by the contract
    ("GSA", True),  # an abbreviation: an organisation's, a post's or a person's initials
    ("Leics County Council", True),  # an approximate match
])
def test_owner_names_printed_whole_are_notes_and_guesses_doubts(cell: str,
                                                                needs_review: bool) -> None:
    action = _row(has_owner_column=True, fields={"owner": cell, "deadline": "March 2009"})
    assert action.needs_review is needs_review


@pytest.mark.parametrize(("cell", "in_prose", "doubt"), [
    ("Approved per Grant 2010", True, True),  # the year of the grant, perhaps no due date
    # the words before its one year say the work is done by then: the flag is a note
    ("This commitment is on track to be completed in 2015.", True, False),
    ("This final rule is on target to be published in 2015.", True, False),
    # ... but not where the sentence says the work goes on
    ("Much of this work will be completed in 2016 and 2017 but will likely remain ongoing.",
     True, True),
    ("The work will continue. The Playbook is expected to be published by 2017", True, True),
    ("Both efforts will continue into 2015 and beyond.", True, True),
    ("Ongoing but particular focus for 2019-20", True, True),
    ("By Summer 2020", False, False),  # a date phrase, nothing else
    ("First returns due end of June 06", False, False),  # a month in a sentence: a date set
    ("2009/10", False, False),
])
def test_a_year_read_out_of_a_sentence_is_a_doubt(cell: str, in_prose: bool,
                                                  doubt: bool) -> None:
    action = _row(fields={"deadline": cell})
    assert ("deadline_in_prose" in action.flags) is in_prose
    assert action.needs_review is doubt


def test_organisations_read_from_the_words_before_a_posts_title_are_a_doubt() -> None:
    # "Police Manager": the registry reads Police, with no owner flag of its own; the cell
    # ends in a post's title, so Police may only describe the post (owner_post_title).
    action = _row(fields={"owner": "Police Manager"})
    assert action.owners == ["Police"]
    assert "owner_post_title" in action.flags and action.needs_review
    plain = _row(fields={"owner": "Police"})
    assert "owner_post_title" not in plain.flags
