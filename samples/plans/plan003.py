"""Sample 003: Tower Hamlets Substance Misuse Strategy action plan, earlier draft (2012).

Rebuilt from seed 003 (a Word original) as a portrait Word file: a title, a
note, then one 4-column table per theme. Each table's first row is the theme
name merged across the table; the second row is the column header, worded
differently from table to table as in the seed ("Timeframe" / "Time Frame",
"Measure / Key Performance Indicator" / "Measure or Key performance
indicator"); neither row repeats on a new page. References ("PBC1", "T1",
"ER1") sit in the first column; there is no owner column.

Cells mix the seed's list styles on purpose: action sub-items are typed
"- " paragraphs, measures in the first two tables are real Word bullets, most
Enforcement measures are plain paragraphs. Kept mess: T3 and ER3 have no
timeframe (ER3 no measure either), T5's "Aug - Dec2012 (...)", and ER9's last
sub-item sits alone in an extra row with an empty reference cell. Prose is
paraphrased; references, dates and headings are the seed's.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from docxkit import Span, add_table, heading, new_document, para, save

from plans import bold_rows

FILENAME = "003_tower_hamlets_draft.docx"
TITLE = "Substance Misuse Strategy Action Plan"

#: ID, action, timeframe, measure (portrait A4, 18 cm of text).
WIDTHS_CM = [1.6, 8.4, 2.8, 5.2]


class Row(NamedTuple):
    """One table row. ``action`` paragraphs are split by newlines; a list ``measure`` is
    bulleted, a str ``measure`` is plain paragraphs."""

    ref: str
    action: str
    timeframe: str
    measure: list[str] | str


class Theme(NamedTuple):
    name: str
    timeframe_header: str
    measure_header: str
    rows: tuple[Row, ...]


PERCEPTIONS = (
    "Residents' perceptions of drug / alcohol related anti-social behaviour and crime improve"
)

THEMES = (
    Theme(
        "Prevention and Behaviour Change",
        "Timeframe",
        "Measure / Key Performance Indicator",
        (
            Row(
                "PBC1",
                "Produce a multi-agency communications plan for adults and young people that "
                "concentrates on:\n"
                "- harm reduction and safe drinking levels, aimed at communities with high "
                "levels of alcohol related harm\n"
                "- drug related harm and the treatment services on offer\n"
                "- helping parents to tackle drug and alcohol misuse with their children.",
                "March 2012",
                [
                    "Communications plan written and agreed by partners",
                    "Greater awareness of services and referral pathways along the continuum of "
                    "need",
                ],
            ),
            Row(
                "PBC2",
                "Help young people get substance misuse education and push delivery of a whole "
                "school approach to drugs / alcohol in all schools.",
                "Ongoing",
                [
                    "Tailored support given to schools across the borough",
                    "Take-up of teacher training in delivering substance misuse lessons",
                    "Pupils, teachers and parents can get information on treatment and on access "
                    "to services along the continuum of need",
                    "Schools follow NICE guidance on school based drug / alcohol interventions",
                    "More referrals into young people treatment services",
                ],
            ),
            Row(
                "PBC3",
                "Build an understanding of local trends in alcohol/ drug consumption to guide "
                "targeted work",
                "December 2012",
                [
                    "Healthy Lifestyles Survey repeated within 5 years, covering population level "
                    "patterns of alcohol consumption",
                    "GP data analysed every year",
                ],
            ),
            Row(
                "PBC4",
                "Make sure substance misuse features in other relevant strategies including:\n"
                "- tobacco control\n- cardiovascular disease\n- sexual health\n- mental health\n"
                "- teenage pregnancy",
                "Ongoing",
                ["Substance misuse built into the relevant cross-cutting strategies"],
            ),
        ),
    ),
    Theme(
        "TREATMENT",
        "Time Frame",
        "Measure or Key performance indicator",
        (
            Row(
                "T1",
                "Review how drug / alcohol treatment for adults is provided and configured\n"
                "- redesign treatment provision\n- run a wide consultation\n"
                "- carry out an equalities impact assessment",
                "Sep 2012",
                [
                    "New model of drug / alcohol service provision developed",
                    "Better referral rates",
                    "Better treatment outcomes",
                ],
            ),
            Row(
                "T2",
                "Improve how primary care responds to substance misuse\n"
                "- Evaluate the local enhanced service in primary care\n"
                "- Give primary care providers ongoing training in SBI and community "
                "detoxification",
                "March 2012",
                [
                    "More alcohol screens carried out",
                    "More referrals into structured drug / alcohol treatment",
                ],
            ),
            Row(
                "T3",
                "Raise the uptake of services among hard to engage groups through effective "
                "interagency work\n"
                "- Outreach teams work across the borough to help people into structured "
                "treatment, street drinkers in particular\n"
                "- Hostel provision linked to treatment services to help residents into "
                "structured treatment\n"
                "- Treatment agencies asked to develop strategic ways of attracting treatment "
                "naïve drug users and of re-engaging those who have dropped out",
                "",
                [
                    "More people accessing treatment",
                    "Lower re-offending rates for drug users",
                    "Better outcomes from treatment",
                ],
            ),
            Row(
                "T4",
                "Embed the alcohol nurse specialists' work on identifying patients and delivering "
                "brief interventions across the acute hospital Trust",
                "Dec 2012",
                [
                    "Alcohol champions in every hospital department",
                    "Hospital alcohol strategy backed by a range of stakeholders",
                    "SBI protocol sent to every hospital department",
                    "Every ward and department can use, and follows, guidance and policy on "
                    "managing alcohol dependent patients well, including their withdrawal from "
                    "alcohol",
                ],
            ),
            Row(
                "T5",
                "Raise professional awareness of treatment services and pathways\n"
                "- map the treatment pathways and circulate them widely\n"
                "- train the relevant professionals",
                "Aug - Dec2012 (in preparation for and post treatment system redesign)",
                ["Higher referral rates from many kinds of front line service"],
            ),
            Row(
                "T6",
                "Make sure identification and brief advice is given routinely to adult clients "
                "in a range of frontline services including:\n"
                "- hostels\n- social services\n- sexual health services\n"
                "- patients with long term conditions\n- patients in mental health services\n"
                "Plan and run a series of training sessions for frontline professionals and put "
                "reporting systems in place to capture data",
                "Ongoing",
                ["More screens and brief interventions", "Better uptake of treatment services"],
            ),
            Row(
                "T7",
                "Put in place the new model of service provision for young people's intervention\n"
                "- Model and implementation plan for targeted intervention with young people in "
                "place\n"
                "- Youth services write an alcohol/drug policy covering staff training and "
                "alcohol/drug related incidents\n"
                "- 2 x annual training from Lifeline for youth service workers on "
                "identification, alcohol brief interventions and onward referral",
                "Mar 2012",
                [
                    "Youth services more aware of alcohol problems",
                    "More referrals into young peoples treatment services",
                ],
            ),
            Row(
                "T8",
                "Improve access to treatment for offenders (including young offenders)",
                "Mar 2013",
                [
                    "Clearly greater enforcement of Alcohol Treatment Requirement Orders",
                    "YOT and Lifeline deliver targeted drug / alcohol interventions to YOT "
                    "clients whose offending behaviour involves alcohol",
                ],
            ),
            Row(
                "T9",
                "Improve the response to parental substance misuse\n"
                "- Launch handbooks on parental substance misuse for the treatment service and "
                "social services\n"
                "- Monitor referrals between the services\n"
                "- Implement CAF across treatment services\n"
                "- Embed family interventions within the treatment system\n"
                "- Run a yearly drug awareness training programme for social services staff",
                "Mar 2012",
                [
                    "Treatment services use CAF more",
                    "More referrals between social services and treatment services",
                    "Earlier intervention where parents misuse substances",
                ],
            ),
            Row(
                "T10",
                "Improve the follow up for young people who come to A&E with substance misuse "
                "presentations\n"
                "- Healthy Lives to look into possible links between A&E and TIPs in schools so "
                "that young people receive intervention and follow up\n"
                "- CSS and Lifeline to give A&E clinical staff information on referral "
                "pathways/protocols and thresholds for their services",
                "Jun 2012",
                ["More referrals into structured treatment"],
            ),
            Row(
                "T11",
                "Appoint a therapeutic recovery champion to lead and drive therapeutic recovery "
                "across the borough",
                "Mar 2012",
                ["A respected, active champion in post"],
            ),
            Row(
                "T12",
                "Help drug / alcohol users reach wrap around services\n"
                "- Make sure the redesigned treatment system includes pathways to education / "
                "employment\n"
                "- Make the most of links with Jobcentre Plus, Ideas Store Learning and other "
                "providers to build support programmes for drug / alcohol users\n"
                "- Feed into the hostels strategy and the procurement of hostel services so that "
                "the accommodation needs of drug / alcohol users are reflected.",
                "Ongoing",
                [
                    "Every service user given advice and support on access to education, "
                    "employment, training, housing, finance and health including BBV, sexual "
                    "health and primary care – where appropriate",
                    "More drug / alcohol users in treatment taking up education / employment / "
                    "volunteering opportunities",
                    "Better accommodation outcomes for drug / alcohol users in treatment",
                ],
            ),
            Row(
                "T13",
                "Build a recovery focus into every treatment service so that recovering drug / "
                "alcohol users can re-integrate into their communities\n"
                "- Use the outcome star model in all treatment services\n"
                "- Develop structured pathways from treatment services to services that support "
                "accommodation, financial health, education and employment",
                "March 2012",
                [
                    "Higher percentage of planned (drug free) exits from treatment.",
                    "Better, measurable outcomes from treatment services",
                ],
            ),
        ),
    ),
    Theme(
        "ENFORCEMENT AND REGULATION",
        "Time Frame",
        "Measure or Key performance indicator",
        (
            Row(
                "ER1",
                "Combat sales to underage drinkers including proxy sales\n"
                "- Back underage operations with information/education on licensee "
                "responsibilities, followed by publicity about prosecutions\n"
                "- Give traders advice and training on their legal obligations",
                "Ongoing",
                "At least 2 targeted under-age sales operations per quarter by the police and "
                "trading standards teams",
            ),
            Row(
                "ER2",
                "Tackle sales of counterfeit products at a retail level",
                "March 2013",
                "Traders given information on counterfeit alcohol products\n"
                "4 partnership operations with customs and excise, police and trading standards "
                "teams to uncover illicit alcohol",
            ),
            Row(
                "ER3",
                "Produce regular hotspot analysis of key data (crime, drugs, alcohol, youth asb "
                "etc) so that operations can be targeted",
                "",
                "",
            ),
            Row(
                "ER4",
                "Work closely with the police to prevent/address crime and disorder in and "
                "around licensed premises",
                "Ongoing",
                "Fortnightly joint tasking meetings with the police\n"
                "Active use of information/intelligence, including from victims",
            ),
            Row(
                "ER5",
                "Communicate successful operations well by promoting positive stories in East "
                "End Life and through other channels",
                "Ongoing",
                PERCEPTIONS,
            ),
            Row(
                "ER6",
                "Coordinate young people's and adults outreach better with anti social behavior "
                "hotspots",
                "Ongoing",
                "Cut antisocial behaviour through a joint tasking approach using the full range "
                "of regulatory and enforcement powers\n"
                "104 outreach referrals into structured treatment annually",
            ),
            Row(
                "ER7",
                "Disrupt the supply of drugs through effective enforcement",
                "Ongoing",
                "At least 365 arrests for drug dealing offences",
            ),
            Row(
                "ER8",
                "Make sure drug misusing offenders get a holistic support package aimed at ending "
                "their offending and drug dependence.",
                "March 2013",
                "A results-focussed Integrated Offender Management programme in place\n"
                "Lower re-offending rates among drug users",
            ),
            Row(
                "ER9",
                "Support community groups to give momentum to sustained, co-ordinated action to "
                "reduce drug related crime\n"
                "- Keep meeting CADAA and support their annual event",
                "Ongoing",
                f"{PERCEPTIONS}\nProactive champion in place",
            ),
            # ER9's last sub-item, typed into a row of its own with no reference.
            Row(
                "",
                "- Appoint a communities recovery champion to lead and drive the recovery "
                "agenda across the borough",
                "",
                "",
            ),
            Row(
                "ER10",
                "Use the powers of the borough wide alcohol control zone to control alcohol "
                "related anti-social behaviour and crime\n"
                "- Target problem areas through a joint tasking approach",
                "Ongoing",
                [PERCEPTIONS],
            ),
        ),
    ),
)


def _table_rows(theme: Theme) -> list[list[object]]:
    rows: list[list[object]] = [
        [Span(theme.name, len(WIDTHS_CM))],
        [None, "Action", theme.timeframe_header, theme.measure_header],
    ]
    for row in theme.rows:
        rows.append([row.ref or None, row.action, row.timeframe or None, row.measure or None])
    return rows


def build(path: Path, borders: bool = True) -> None:
    """Write the plan as a portrait .docx at ``path``."""
    doc = new_document(TITLE, font_size=10)
    heading(doc, TITLE, level=1)
    para(doc, "*NB: Actions for NHS EL&C still to be agreed; they will follow", bold=True)
    for theme in THEMES:
        para(doc, "")
        table = add_table(doc, _table_rows(theme), WIDTHS_CM, borders=borders)
        bold_rows(table, [0, 1])
    save(doc, path)
