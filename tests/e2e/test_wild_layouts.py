"""Issue 18: "wild" layouts that once gave no rows, converted whole.

``tests/data/wild`` holds plans that ``bench/wild.py`` wrote (seed 18 corpus): a Word plan
and LibreOffice PDFs whose layouts no sample was built from. Each test pins down a rule
that made its rows come out:

* a borderless table whose top row holds a one-word cell ending in a stop ("No.", "1.1.")
  is still a table (an abbreviation or a reference is no clause of running text);
* a headerless table, too short to judge alone, laid out like an earlier action table of
  the same document (same width, same columns, content agreeing) takes that table's roles,
  flagged ``table_roles_inferred``;
* a header row whose label names a year ("Therefore, in 2021 we will…") is still the
  header when the column under that label holds no dates;
* a one-row table of column labels (a header set apart) heads the table under it;
* a borderless header of bold lines set solid is one row however many lines its labels
  wrap onto, and a label's word broken by a narrow column ("Responsi ble") is rejoined.
"""

from __future__ import annotations

from tests.conftest import ROOT, convert

WILD = ROOT / "tests" / "data" / "wild"


def _actions(name: str) -> list:
    result = convert(WILD / name)
    assert result.record.status == "ok", result.record.message
    return result.actions


def test_a_borderless_header_with_no_dot_column_is_read() -> None:
    # "Operation | Target date | No. | Desired Outcome and Rationale", three sections.
    actions = _actions("wild_007_lo.pdf")
    assert len(actions) == 32
    assert [a.action_id for a in actions[:3]] == ["CS-01", "CS-02", "CS-03"]
    first = actions[0]
    assert first.action == (
        "Establish the school streets programme in the wards with the highest need")
    assert first.deadline_raw == "Sep 27"


def test_a_borderless_table_opening_on_a_numbered_row_is_read() -> None:
    # The header stands apart above the body; the body's first row starts "1.1.".
    actions = _actions("wild_004_lo.pdf")
    assert [a.action_id for a in actions[:2]] == ["1.1", "1.2"]
    assert actions[0].action == "Coordinate street lighting upgrades on priority routes"
    assert actions[0].owners == ["Drug and Alcohol Action Team"]
    # The second section (page 3) is too short to judge alone: it takes the first's roles.
    last = actions[-1]
    assert (last.action_id, last.owners) == ("2.6", ["Courts"])
    assert "table_roles_inferred" in last.flags


def test_headerless_word_tables_laid_out_alike_share_their_roles() -> None:
    # Three headerless tables (action | milestone | owner) under three headings; only the
    # first has enough rows for its owner column to tell by content alone.
    actions = _actions("wild_033.docx")
    assert len(actions) == 31
    assert all(a.owners for a in actions)
    assert all("table_roles_inferred" in a.flags for a in actions)
    assert actions[-1].action.startswith("Publish electric vehicle charging in council car parks")


def test_a_header_naming_a_year_over_sentences_is_the_header() -> None:
    # "Actions* | SCHEDULE | Person responsible | Therefore, in 2021 we will…": the year
    # sits over a column of sentences, not of dates, so the row is labels, not a row.
    actions = _actions("wild_027.docx")
    assert len(actions) == 22
    assert not [a for a in actions if a.action.startswith("Therefore")]
    assert (actions[0].action_id, actions[0].owners, actions[0].deadline_raw) == (
        "1", ["Courts"], "Completed")


def test_a_header_printed_as_a_table_of_its_own_heads_the_table_under_it() -> None:
    # Word: each section's header row is a one-row table, its body a table with none.
    actions = _actions("wild_018.docx")
    assert len(actions) == 28
    assert not [a for a in actions if a.action == "Next steps"]
    first = actions[0]
    assert first.action == (
        "Commission an accessible walking route audit with partners across the district")
    assert (first.owners, first.deadline_raw) == (["Victim Support"], "December 2028")
    assert "table_roles_inferred" not in first.flags  # roles read from the labels


def test_a_bold_header_wrapped_over_many_lines_is_one_row_with_its_words_rejoined() -> None:
    # LibreOffice PDF, borderless, narrow columns: "PRIORIT" / "Y #", "Responsi" /
    # "ble Party", "(includin" / "g" / "initiative" ... seven bold lines set solid.
    actions = _actions("wild_022_lo.pdf")
    assert len(actions) == 22
    assert not [a for a in actions if "includin" in a.action]
    first = actions[0]
    assert (first.action_id, first.deadline_raw) == ("CS-01", "Aug 27")
    assert first.owners == ["Oadby and Wigston Borough Council"]  # "Responsi ble Party"
