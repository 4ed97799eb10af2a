"""`planharvest convert` end to end on the ruled sample PDFs: the causes of issue 4's losses.

Each test names one cause that cost rows on the PDF path and asserts what a user
sees in ``actions.json`` once it is fixed. The PDFs are the Word samples exported
by LibreOffice (samples/build.py --pdf), so every row has a hand-checked
counterpart in ``samples/expected/``.
"""

from __future__ import annotations

from tests.conftest import converted_sample


def converted(name: str) -> list[dict]:
    """The rows ``convert`` writes for one sample (converted once per session), as dicts."""
    result = converted_sample(name)
    assert result.record.status == "ok", result.record.error
    return [action.model_dump(mode="json") for action in result.actions]


def by_id(rows: list[dict], action_id: str, theme: str = "") -> dict:
    matches = [r for r in rows if r["action_id"] == action_id and theme in (r["theme"] or "")]
    assert len(matches) == 1, f"{len(matches)} rows {action_id} under {theme!r}"
    return matches[0]


# -- a row re-joined across a page break stays its own action ------------------------------


def test_a_row_rejoined_across_a_page_break_is_its_own_action():
    """001 prints every action in a table of its own; T10 starts at the foot of page 6 and
    ends on page 7. Joined back, it was once taken for a run-on of T9 ("T9T10")."""
    rows = converted("001_tower_hamlets_2012.pdf")
    assert [r["action_id"] for r in rows if r["action_id"].startswith("T")] == [
        f"T{n}" for n in range(1, 16)
    ]
    t10 = by_id(rows, "T10")
    assert t10["action"].startswith("Improve access to alcohol treatment for offenders")
    assert (t10["page"], t10["owners"], t10["deadline_end"]) == (6, ["Probation Service"],
                                                                  "2013-03-31")
    assert "row_split_across_pages" in t10["flags"]
    t9 = by_id(rows, "T9")
    assert "Improve access to alcohol treatment" not in t9["action"]
    assert "row_split_across_pages" not in t9["flags"]


def test_first_action_of_a_theme_cut_by_a_page_break_keeps_its_theme():
    """003's T1 opens the TREATMENT table and runs onto page 2: its own row, flagged, and the
    last Prevention action (PBC4) keeps only its own text."""
    rows = converted("003_tower_hamlets_draft.pdf")
    t1 = by_id(rows, "T1")
    assert t1["theme"] == "TREATMENT"
    assert t1["action"].startswith("Review how drug / alcohol treatment for adults")
    assert "row_split_across_pages" in t1["flags"]
    pbc4 = by_id(rows, "PBC4")
    assert pbc4["theme"] == "Prevention and Behaviour Change"
    assert "Review how drug" not in pbc4["action"]


# -- a cut row whose key cell is a heading merged down the rows ------------------------------


def test_cut_row_is_joined_where_its_numbered_cell_runs_on_without_a_number():
    """004's "1. Alcohol Harm Reduction Strategy revised, with county" ends page 4 in a table
    of one row; page 5 goes on "and local agreement" beside the rest of its key area
    ("... by" / "5% each year c) ..."). The Activity column is the numbered one, not the
    key-area column, and the rows after the break show it."""
    rows = converted("004_warwickshire_laa_2008.pdf")
    violence = [r for r in rows if (r["objective"] or "").endswith("alcohol-related violence")]
    assert [r["action_id"] for r in violence] == ["1", "2", "3", "4"]
    first = violence[0]
    assert first["action"] == (
        "Alcohol Harm Reduction Strategy revised, with county and local agreement"
    )
    assert first["objective"] == ("NI 15 To reduce incidents of serious violent crime by 5% each "
                                  "year c) Reduce alcohol-related violence")
    assert first["page"] == 4
    assert "row_split_across_pages" in first["flags"]
    assert all(r["indicators"] == ["NI 15"] for r in violence)
    assert not any(r["action"].startswith("and local agreement") for r in rows)


# -- a table of another kind under an action table -------------------------------------------


def test_risk_table_under_an_action_table_gives_no_rows():
    """004 ends its action tables with a five-column risk table ("Actions to mitigate risk |
    By whom – lead officer | Timescales"). The PDF marks no header row, so its column labels
    are what shows it is not the action table carrying on."""
    rows = converted("004_warwickshire_laa_2008.pdf")
    assert len(rows) == 45
    assert not any("mitigate risk" in r["action"] or "Risk register" in r["action"] for r in rows)
    assert rows[-1]["action"].startswith("Design suitable public awareness")


# -- a list in a cut row starting over on the next page ----------------------------------------


def test_cut_row_whose_next_page_starts_its_own_numbered_list_is_joined():
    """002's Outcome 7 row "3 To reduce the harm caused to the community by alcohol misuse"
    ends page 12; page 13 opens with its sub-list "1. Develop/define ...". A "1." under a
    "3" is the row's own list starting, not a fourth action."""
    rows = converted("002_leicestershire_laa_2006.pdf")
    assert len(rows) == 58
    harm = next(r for r in rows if r["action"].startswith("To reduce the harm caused to the comm"))
    assert (harm["action_id"], harm["page"]) == ("3", 12)
    # the sub-list's first item is an item of the action's text (issue 14: paragraphs as items)
    assert 'misuse; 1. Develop/define how "harm caused to the community" is measured' in (
        harm["action"])
    word = converted("002_leicestershire_laa_2006.docx")
    assert harm["action"] in {r["action"] for r in word}  # word for word the Word plan's row
    assert harm["deadline_raw"] == "July 06 / May-June 2006 / May 06 / October 06"
    assert harm["deadline_end"] == "2006-10-31"
    assert "row_split_across_pages" in harm["flags"]
    assert not any(r["action"].startswith("Develop/define") for r in rows)


# -- a name cut in two by a page break -------------------------------------------------------


def test_two_actions_sharing_a_cut_owner_cell_both_get_the_whole_name():
    """000's Treatment row "5.1 ... 5.2 ..." runs from page 13 to 14 and its lead cell is cut
    inside the name "LLR Joint Strategic Alcohol / Harm Reduction Group". Read as two lines,
    each action would take half of it."""
    rows = converted("000_sensible_measures.pdf")
    for ref in ("5.1", "5.2"):
        row = by_id(rows, ref, "TREATMENT")
        assert row["owners"] == ["LLR Joint Strategic Alcohol Harm Reduction Group"]
        assert row["deadline_end"] == "2009-02-28"
        assert row["page"] == 13
        assert {"cells_merged_guess", "row_split_across_pages"} <= set(row["flags"])
