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

Round two (files named after their seed, ``s2024_`` and ``s31337_``, found on those corpora):

* a borderless header set apart from its body by an empty paragraph heads it, and such a
  header with one row at a page's foot is a table whose rest the next page carries on;
* a first column of short statuses wrapped onto two lines ("Evaluation" / "report") starts
  one row, not two; a label naming an indicator code in words ("Contributes to NI 195")
  is a value, so a headerless table's first row is a row; statuses that come back after
  others are no theme;
* a row numbered on from the one before it ("1.4" after "1.3") after a page break is a
  row of its own;
* a label wider than its column's values ("Actions*" over "A1") set close to the next
  label is two cells, and its second line stays in the header;
* an action column of status phrases ("Next steps") gives way to a "Target" column of
  sentences.

Round three (``s6061_``, ``s90210_``, ``s4711_``):

* a header label that qualifies itself at length in brackets is still a label, and a
  borderless table printed from a web page, whose cells sit 6 pt apart, stays one table
  when a cell's text reaches its column's edge;
* a header label asking a question ("Who's responsible for monitoring?") is a label;
* a column named for who is responsible whose cells are the table's sentences, naming no
  organisation, holds the actions;
* a borderless table numbered in a column not the first ("Lead | ... | Tactics | Actions*"),
  its cells of several paragraphs spaced like rows: a row starts at each number;
* a web page's two-column table whose cells sit 6 pt apart, under a header set apart.
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
    # every row has its owner, but "other agencies" alone, which names no one in particular:
    # no owner, a doubt (owners.csv marks the registry's Other Agencies generic)
    assert all(a.owners or (a.owner_raw.lower() == "other agencies" and a.needs_review)
               for a in actions)
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


def test_a_borderless_header_set_apart_heads_its_body_on_every_page() -> None:
    # LibreOffice: "Strategy Description | Milestones | Staff Lead | Community %" over an
    # empty paragraph, then the body; a second section's header and first row end page 2.
    actions = _actions("s2024_wild_010_lo.pdf")
    assert len(actions) == 30
    assert {a.theme for a in actions} == {"Early help", "Healthy lives"}
    first = actions[0]
    assert first.action == ("Publish the anti-social behaviour case review so that residents "
                            "know where to get help")
    assert first.owners == ["Blaby District Council"]
    assert first.indicators == ["NI 69", "NI 117"]
    cut = next(a for a in actions if a.action.startswith("Agree home fire"))
    assert cut.action == "Agree home fire safety checks for older residents"


def test_wrapped_statuses_and_indicator_codes_in_words_leave_rows_whole() -> None:
    # Headerless: "Phase 1 live | Evaluate a borough- wide ... | Analysts Team |
    # Contributes to NI 195 | Lower emissions"; page 2's statuses wrap ("Evaluation" /
    # "report") in a column of short keys.
    actions = _actions("s2024_wild_031_lo.pdf")
    assert len(actions) == 11
    assert actions[0].action == "Evaluate a borough-wide alcohol awareness campaign"
    assert actions[0].indicators == ["NI 195"]
    assert {a.theme for a in actions} == {"Priority 1: Safer neighbourhoods"}
    assert not [a for a in actions if a.action in ("Monitor", "Train a", "Reduce")]


def test_a_row_numbered_on_after_a_page_break_is_its_own_row() -> None:
    # "1.3 ... | On-going" ends page 1; page 2 repeats the header, then "1.4 Roll out ... |
    # ongoing": the lower-case status below an unfinished one is no cut row.
    actions = _actions("s2024_wild_004_lo.pdf")
    assert len(actions) == 19
    ids = [a.action_id for a in actions]
    assert ids[:6] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    # (LibreOffice breaks words in the narrow column: "seconda" / "ry", kept as printed)
    assert actions[3].action.startswith("Roll out cycle parking at every")


def test_a_label_wider_than_its_column_is_a_cell_of_its_own() -> None:
    # Chromium: "Actions*" over "A1" ... set 6 pt from "ERB Activity"; "Completion (Green"
    # / "Energy Exports)" wraps under it.
    actions = _actions("s2024_wild_023_chromium.pdf")
    assert len(actions) == 20
    assert all(a.action for a in actions)
    assert (actions[0].action_id, actions[0].deadline_raw) == ("A1", "10/10/2028")


def test_status_phrases_give_the_action_to_a_target_column_of_sentences() -> None:
    # "... | Target | Target date | Person responsible | Next steps": the steps are
    # "Scoping complete", the targets say what will be done.
    actions = _actions("s31337_wild_034_lo.pdf")
    assert len(actions) >= 24
    assert actions[0].action.startswith("Publish the scam prevention partnershi")
    assert actions[0].deadline_raw == "Q4 2024/25"
    assert not [a for a in actions if a.action in ("Scoping complete", "Evaluation report")]


def test_a_long_bracketed_label_heads_a_web_page_table_set_close() -> None:
    # Chromium, borderless: "Explanation (numbers associated with Basin 5 unless otherwise
    # noted)" is nine words, the cells 4 px padded; two sections of 12 rows.
    actions = _actions("s6061_wild_011_chromium.pdf")
    assert len(actions) == 24
    assert actions[0].action == (
        "Extend the scam prevention partnership so that residents know where to get help")
    assert actions[0].deadline_raw == "Q1 2025/26"
    assert actions[6].action == (
        "Agree a single point of contact for victims using the findings of the needs assessment")


def test_a_question_label_heads_a_header_set_apart() -> None:
    # LibreOffice, borderless, the header a table of its own: "Who’s responsible for
    # monitoring?" over the owners.
    actions = _actions("s90210_wild_028_lo.pdf")
    assert len(actions) == 17
    first = actions[0]
    assert first.action == (
        "Evaluate a shared data dashboard for partners in the wards with the highest need")
    assert first.owners == ["Blaby District Council"]
    assert first.deadline_raw == "November 2024 - December 2024"


def test_a_responsibilities_column_of_sentences_is_the_action() -> None:
    # "PRIORITY # | Milestones | Trend | Date to complete actions by | Responsibilities |
    # Resources": the sentences are under "Responsibilities"; no column names an owner.
    actions = _actions("s4711_wild_015.docx")
    assert len(actions) == 6
    first = actions[0]
    assert (first.action_id, first.action) == (
        "CS-01", "Develop heat-health alerts to care homes for children and young people at risk")
    assert first.owners == []
    assert "table_roles_inferred" in first.flags


def test_a_row_starts_at_each_number_of_a_reference_column_not_the_first() -> None:
    # LibreOffice, borderless: owners wrapped over several lines in the first column
    # ("Children" / "Young" / "People and" / "Families") once cut every line into a row.
    actions = _actions("s90210_wild_001_lo.pdf")
    assert 27 <= len(actions) <= 28
    second = next(a for a in actions if a.action_id == "1.2")
    assert second.action == (
        "Establish energy audits of council buildings with partners across the district")
    assert second.deadline_raw == "Already completed"


def test_a_web_page_table_of_two_columns_set_close_under_a_header_apart() -> None:
    actions = _actions("s4711_wild_026_chromium.pdf")
    assert len(actions) == 15
    assert actions[0].action == "Review weight management referrals"
    assert actions[-1].action == "Establish a single point of contact for victims"
    assert actions[-1].owners == ["Stratford-on-Avon District Council"]
