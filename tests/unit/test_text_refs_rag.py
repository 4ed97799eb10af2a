"""Cell text repair, action references and RAG ratings, on cells shaped like the seed plans'."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planharvest.lexicon import BULLET, fold_alnum, split_leading_ref, split_multi_refs
from planharvest.normalise.rag import parse_rag
from planharvest.normalise.refs import is_date, normalise_ref
from planharvest.normalise.text import clean_text

TEXT_CASES: list[tuple[str, str]] = [
    ("Review provision and configuration of drug / alcohol treatment",
     "Review provision and configuration of drug / alcohol treatment"),
    ("Create an LLR wide communication\nstrategy in order to disseminate",
     "Create an LLR wide communication strategy in order to disseminate"),
    ("Increase targeted community-\nbased diversionary leisure activities",
     "Increase targeted community-based diversionary leisure activities"),
    ("Sept 08 -\nMar 09", "Sept 08 - Mar 09"),
    ("diver\u00adsionary leisure", "diversionary leisure"),
    ("diver\u00ad\nsionary leisure", "diversionary leisure"),
    ("Develop a plan with a focus on:\n- harm reduction and safe drinking levels\n"
     "- drug related harm\n- Supporting parents.",
     "Develop a plan with a focus on: harm reduction and safe drinking levels; drug related "
     "harm; Supporting parents."),
    ("• Communications plan developed\n• Heightened awareness",
     "Communications plan developed; Heightened awareness"),
    ("\uf0b7 Mapping event for children's services – Sep 12\n\uf0b7 Report findings to JCG",
     "Mapping event for children's services – Sep 12; Report findings to JCG"),
    (f"{BULLET}Implement new screening process\n{BULLET}Report ongoing performance",
     "Implement new screening process; Report ongoing performance"),
    ("○ Consultation with providers\no Training for staff\n◦ Report\n▪ Review\n* Close",
     "Consultation with providers; Training for staff; Report; Review; Close"),
    ("• Alcohol champions in place within the\nRoyal London Hospital\n• Improved screens",
     "Alcohol champions in place within the Royal London Hospital; Improved screens"),
    ("•\nGlyph on its own line\n•\nSecond item", "Glyph on its own line; Second item"),
    ("• Improved referral rates.\n• Improved treatment outcomes.",
     "Improved referral rates; Improved treatment outcomes."),
    ("Progress made.\n\n• first item\n• second item\n\nA new paragraph after the list",
     "Progress made; first item; second item; A new paragraph after the list"),
    # Paragraphs are items whether or not they are bulleted (issue 14) ...
    ("Report produced\nFurther reports", "Report produced; Further reports"),
    ("July 2006\nOngoing", "July 2006; Ongoing"),
    ("Hate Crime baseline set.\nFor partners to raise reporting",
     "Hate Crime baseline set; For partners to raise reporting"),
    ("1 Specific priorities\n1.i Scope the data\n1.ii Find the gaps",
     "1 Specific priorities; 1.i Scope the data; 1.ii Find the gaps"),
    # ... an introduction ending in ":" leads into its list, bulleted or not ...
    ("The main priorities are:\ni. Models of Care\nii. Shared Care",
     "The main priorities are: i. Models of Care; ii. Shared Care"),
    ("services including:\nhostels\nsocial services",
     "services including: hostels; social services"),
    ("item one;\nitem two", "item one; item two"),
    ("Support plans drawn up\n-Young People at risk offered support",
     "Support plans drawn up; Young People at risk offered support"),
    # ... but a paragraph stopped mid-phrase, or one going on in lower case, is one item.
    ("Police,\nProbation and Courts", "Police, Probation and Courts"),
    ("Alcohol champions in place within the\nRoyal London Hospital",
     "Alcohol champions in place within the Royal London Hospital"),
    ("\u2022 Higher share of planned (drug free)\nexits from treatment\n\u2022 Better outcomes",
     "Higher share of planned (drug free) exits from treatment; Better outcomes"),
    ("  many \t spaces\u00a0here \u200b", "many spaces here"),
    ("line one\r\nline two\x0bline three", "line one line two line three"),
    ("100% of individuals screened", "100% of individuals screened"),
    ("-5% change", "-5% change"),
    ("", ""),
    ("\n \n", ""),
]


@pytest.mark.parametrize(("raw", "clean"), TEXT_CASES, ids=[c[0][:30] or "e" for c in TEXT_CASES])
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean) == clean


@pytest.mark.parametrize(("raw", "key"), [
    ("Director atelBTH", "directoratelbth"),
    ("Children, Schools & Families", "childrenschoolsfamilies"),
    ("Naïve Café", "naivecafe"),
    ("", ""),
])
def test_fold(raw: str, key: str) -> None:
    assert fold_alnum(raw) == key


@pytest.mark.parametrize(("printed", "normalised"), [
    ("PB C1", "PBC1"), ("PBC1", "PBC1"), ("ER 1", "ER1"), ("ER1", "ER1"), ("T 1", "T1"),
    ("T1", "T1"), ("1.1", "1.1"), ("1.1.", "1.1"), ("4.", "4"), ("2.i", "2.i"),
    ("1.ii)", "1.ii"), ("(a)", "a"), (" 3 . 2 ", "3.2"), ("", ""),
    # a sub-number's brackets are the reference's (Souldern's minutes: "03.19.11 (1)")
    ("03.19.11 (1)", "03.19.11(1)"), ("3(b).", "3(b)"),
])
def test_normalise_ref(printed: str, normalised: str) -> None:
    assert normalise_ref(printed) == normalised


LEADING_CASES: list[tuple[str, tuple[str, str]]] = [
    ("6.Communication", ("6", "Communication")),
    ("4.Reduce fear of violent crime", ("4", "Reduce fear of violent crime")),
    ("3.5m people reached", ("", "3.5m people reached")),
    ("1.1 Create an LLR wide communication strategy",
     ("1.1", "Create an LLR wide communication strategy")),
    ("4. Reduce the harm", ("4", "Reduce the harm")),
    ("2.i Recruit to post", ("2.i", "Recruit to post")),
    ("1.i) Establish baselines data", ("1.i", "Establish baselines data")),
    ("4 Outreach services delivered by voluntary sector organisations",
     ("4", "Outreach services delivered by voluntary sector organisations")),
    ("2- Increase targeted community-based activities",
     ("2", "Increase targeted community-based activities")),
    ("6-Reduce the incidence of drink driving", ("6", "Reduce the incidence of drink driving")),
    ("  3.2 Strengthen working links", ("3.2", "Strengthen working links")),
    ("1.1. Trailing point", ("1.1", "Trailing point")),
    ("PB C1 Develop a multi-agency communications plan",
     ("PB C1", "Develop a multi-agency communications plan")),
    ("ER 1 Test purchasing", ("ER 1", "Test purchasing")),
    ("T1 Review provision", ("T1", "Review provision")),
    ("a) Reduce violent crime in public places", ("a", "Reduce violent crime in public places")),
    ("2008 will see the launch", ("", "2008 will see the launch")),
    ("100% of individuals screened", ("", "100% of individuals screened")),
    ("12 sessions delivered", ("", "12 sessions delivered")),
    ("35 victims seen", ("", "35 victims seen")),
    ("3.5 million people", ("", "3.5 million people")),
    ("1-2 years", ("", "1-2 years")),
    ("NI 15 Serious Violent Crime", ("", "NI 15 Serious Violent Crime")),
    ("A 5 year plan", ("", "A 5 year plan")),
    ("CCTV 24 hours a day", ("", "CCTV 24 hours a day")),
    ("Q3 2012 review", ("", "Q3 2012 review")),
    ("Develop a plan", ("", "Develop a plan")),
    # seed 004, NI 30 activity 3: a footnote mark before the number is not part of it
    ("*3. Young people prevented from entering the criminal justice system",
     ("3", "Young people prevented from entering the criminal justice system")),
    ("* Cross-cutting issue with NI 111", ("", "* Cross-cutting issue with NI 111")),
    ("", ("", "")),
]


@pytest.mark.parametrize(("text", "expected"), LEADING_CASES,
                         ids=[c[0][:30] or "e" for c in LEADING_CASES])
def test_split_leading_ref(text: str, expected: tuple[str, str]) -> None:
    assert split_leading_ref(text) == expected


MULTI_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("4.1 Create an alcohol process map for the criminal justice system across LLR 4.2 Create "
     "process map for community alcohol services",
     [("4.1", "Create an alcohol process map for the criminal justice system across LLR"),
      ("4.2", "Create process map for community alcohol services")]),
    ("5.1 See 4.1 and 4.2, link process mapping with the city 5.2 See 1.1 (PREVENTION) re "
     "communications strategy",
     [("5.1", "See 4.1 and 4.2, link process mapping with the city"),
      ("5.2", "See 1.1 (PREVENTION) re communications strategy")]),
    ("1.1 First step\n1.2 Second step\n1.3 Third step",
     [("1.1", "First step"), ("1.2", "Second step"), ("1.3", "Third step")]),
    ("4.1 Do the work, see 4.2 Then report", [("4.1", "Do the work, see 4.2 Then report")]),
    ("8.4 Plan tactical options. See point 8.1 excluding deliberate fires",
     [("8.4", "Plan tactical options. See point 8.1 excluding deliberate fires")]),
    ("4.1 Grow by 4.2 percent", [("4.1", "Grow by 4.2 percent")]),
    ("4 Outreach services", [("4", "Outreach services")]),
    ("No reference here", [("", "No reference here")]),
]


@pytest.mark.parametrize(("text", "parts"), MULTI_CASES, ids=[c[0][:30] for c in MULTI_CASES])
def test_split_multi_refs(text: str, parts: list[tuple[str, str]]) -> None:
    assert split_multi_refs(text) == parts


RAG_CASES: list[tuple[str, str | None, bool]] = [
    ("Red", "red", False), ("R", "red", False), ("Amber", "amber", False), ("A", "amber", False),
    ("Green", "green", False), ("G", "green", False), ("green ", "green", False),
    ("Complete", "complete", False), ("Completed", "complete", False),
    ("Blue", "complete", False), ("C", "complete", False),
    ("Green - on track", "green", False),
    ("Action completed on or ahead of target", "green", False),
    ("Action completed within 1 month behind target", "amber", False),
    ("Action 1 month or more behind target", "red", False),
    ("On target", "green", False),
    ("☺", "green", False), ("☹", "red", False),
    ("Amber/Green", None, True), ("A/G", None, True),
    ("not yet completed", None, True), ("Awaiting update", None, True),
    ("", None, False), ("  ", None, False), ("N/A", None, False), ("TBC", None, False),
]


@pytest.mark.parametrize(("raw", "value", "flagged"), RAG_CASES,
                         ids=[c[0] or "empty" for c in RAG_CASES])
def test_parse_rag(raw: str, value: str | None, flagged: bool) -> None:
    rag, flags = parse_rag(raw)
    assert rag == value
    assert bool(flags) == flagged
    if flagged:
        assert flags[0].field == "rag" and raw.strip() in flags[0].reason


def test_rag_conflict_offers_both() -> None:
    _, flags = parse_rag("Amber/Green")
    assert flags[0].candidates == ("amber", "green")


# -- properties ---------------------------------------------------------------------------

_CELLISH = st.lists(
    st.sampled_from(["• ", "- ", "o ", "\uf0b7 ", "\n", "\n\n", "word", "Word", "community-",
                     "based", ".", ":", ";", " ", "\u00ad", "1.1 ", "4.2 ", "PB C1 ", "(Police)",
                     "\t", "\r\n", "○", "*"]),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), _CELLISH))
def test_text_and_refs_never_raise_and_are_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\n" not in cleaned
    normalised = normalise_ref(text)
    assert normalise_ref(normalised) == normalised
    fold_alnum(text)
    ref, rest = split_leading_ref(text)
    assert (ref == "") == (rest == text)
    assert all(isinstance(part, tuple) for part in split_multi_refs(text))
    rag, _ = parse_rag(text)
    assert rag is None or parse_rag(rag) == (rag, ())  # the rag column reads back as itself


@pytest.mark.parametrize(("cell", "dated"), [("11/01/2011", True), ("19/11/10", True),
                                             ("1.1", False), ("CS-01", False), ("2011", False)])
def test_a_date_is_no_reference(cell: str, dated: bool) -> None:
    assert is_date(cell) is dated

