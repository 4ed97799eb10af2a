"""Sample plan 001: Tower Hamlets Substance Misuse Strategy action plan, 2012 (Word original).

Rebuilds seed ``001_b12a55e5a818a1a7.txt`` as a landscape Word file: a revision
history, then one small seven-column table per action (a few tables hold two or
more actions, as the seed's do). Every table opens with a theme row spanning all
columns and a header row, both marked as repeating header rows. References,
owners, deadlines and table grouping are the seed's; the prose of actions,
indicators, milestones and progress is reworded.

The mess the seed shows is kept on purpose, because the extractors must cope with
it: owner cells with words broken by extraction ("Director atelBTH"), headers
bold in some tables and plain in others, Treatment tables whose last header cell
is blank, hand-typed "- " items next to real bullets, a deadline cell with four
dates for four sub-tasks (T11), "December" with no year (PB C6), and two
enforcement rows (ER 3, ER 9) whose text runs on into a second table row with
empty reference and owner cells, as a page break left them in the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docxkit import Bullets, Span, add_table, heading, new_document, page_break, save

FILENAME = "001_tower_hamlets_2012.docx"

#: Reference, owner, action, deadline, KPI, milestone, progress: A4 landscape, 1.5 cm margins.
COLUMN_WIDTHS_CM = [1.4, 3.0, 6.6, 2.3, 4.8, 4.6, 4.0]


@dataclass(frozen=True)
class PlanRow:
    """One table row below the header rows; ``ref`` and ``owner`` are empty on a run-on row."""

    ref: str
    owner: str
    action: object
    deadline: str | None
    kpi: object
    milestones: object
    progress: object
    #: KPI list items from this index on are second-level bullets (T15's nested list).
    kpi_sublist_from: int | None = None

    def cells(self) -> list[object]:
        return [self.ref or None, self.owner or None, self.action, self.deadline, self.kpi,
                self.milestones, self.progress]


@dataclass(frozen=True)
class ActionTable:
    """One table of the plan: theme row, header row, then its action rows."""

    theme: str
    headers: tuple[str, ...]
    bold_header: bool
    rows: tuple[PlanRow, ...]


PREVENTION = "Prevention and Behaviour Change"
TREATMENT = "Treatment"
ENFORCEMENT = "Enforcement and Regulation"

PREVENTION_HEADERS = ("", "Owner", "Action", "Deadline", "Key Performance Indicator", "Milestone",
                      "Progress Update")
# The seed's Treatment tables leave the progress column's header cell blank.
TREATMENT_HEADERS = ("", "Owner", "Action", "Deadline", "Key performance indicator", "Milestones",
                     "")
ENFORCEMENT_HEADERS = ("", "Owner", "Action", "Deadline", "Key performance indicator",
                       "Milestones", "Progress Update")

PUBLIC_HEALTH_SAFER = "Public Health / Safer Communities (LBTH)"
DAAT_TEAM = "TH Drug and Alcohol Action Team"
DIP = "TH Drug Interventions Programme"
TRADING_STANDARDS = "Trading Standards, LBTH"
SAFER_COMMUNITIES = "Safer Communities, LBTH"
RESIDENT_PERCEPTIONS = ("Better resident perceptions of drug / alcohol related anti-social "
                        "behaviour and crime")

PREVENTION_TABLES = (
    ActionTable(PREVENTION, PREVENTION_HEADERS, True, (
        PlanRow(
            "PB C1",
            "Public Health, Safer Communities, LBTH, Children, schools and Families Directorate, "
            "LBTH",
            "Draw up a multi-agency communications plan aimed at service users (adults, young "
            "people) and at professionals, concentrating on:\n"
            "- reducing harm and promoting safe drinking levels, aimed at communities where "
            "alcohol related harm is high\n"
            "- the harm drugs cause and the treatment services on offer\n"
            "- helping parents tackle drug and alcohol misuse with their children.",
            "December 2012",
            ["Communications plan drawn up and signed off by partners including LBTH, NHS, ELFT, "
             "MPS, Probation.",
             "Greater awareness of services and of referral routes across the continuum of need.",
             "More referrals coming from a broad range of front line services."],
            ["Communications plan to go to the November DAAT Board for agreement.",
             "Communications work to start in January 2013."],
            ["Communications plan signed off and work under way"],
        ),
    )),
    ActionTable(PREVENTION, PREVENTION_HEADERS, False, (
        PlanRow(
            "PB C2",
            "Children, Schools & Families Director atelBTH",
            Bullets(
                "Make sure school staff, pupils and parents get substance misuse education "
                "through:",
                ["Support tailored to each school in the borough within its Healthy Schools work, "
                 "including help to build and deliver evidence based curricula, lesson plans, "
                 "resources and policies.",
                 "Central training for teachers on drugs and alcohol education, on giving "
                 "targeted advice/support and on managing high risk children and young people",
                 "Parent information sessions on drugs and alcohol covering harm reduction, "
                 "advice for their children and how to reach services",
                 "Drugs / alcohol education training for youth centre staff so they can better "
                 "spot, support and refer children and young people with substance misuse "
                 "problems",
                 "Write a scheme of work for teachers on drugs and alcohol",
                 "Run an alcohol peer led project that trains year 9 pupils to teach their peers "
                 "and local primary school pupils."],
            ),
            "Ongoing",
            ["Take-up by teachers of training to deliver substance misuse lessons",
             "Pupils, teachers and parents can get information on treatment and on reaching "
             "services across the continuum of need",
             "Schools follow NICE guidance on school based drug / alcohol interventions",
             "More referrals into young people's treatment services.",
             "88% of schools achieving or renewing healthy schools status"],
            ["9 schools to have been through central training by Jul12.",
             "12 parent sessions to be run by Jul 12.",
             "18 youth centre staff trained by Jul 12.",
             "20 primary schools taking part in the alcohol peer led project by Jul 12.",
             "Drug / alcohol INSETs in schools delivered by Jul 12 in 10 primary schools and 2 "
             "secondary schools.",
             "4 peer educator training sessions in secondary schools and 20 in primary schools "
             "by Jul 12."],
            ["Training given and more programmes booked"],
        ),
    )),
    ActionTable(PREVENTION, PREVENTION_HEADERS, False, (
        PlanRow(
            "PB C3",
            PUBLIC_HEALTH_SAFER,
            Bullets(
                "Build an understanding of local patterns of alcohol/ drug use to guide targeted "
                "work, by carrying out the activities below and feeding them into the needs "
                "assessment process:",
                ["Repeat the Healthy Lifestyles Survey, adding population level alcohol "
                 "consumption patterns and questions on sexual health and drugs.",
                 "Yearly analysis of GP drugs / alcohol NIS data.",
                 "Use of the Criminal Justice System data sets available to sharpen understanding "
                 "of local alcohol/drug consumption trends.",
                 "Use of treatment data gathered across all equality strands to shape targeted "
                 "provision",
                 "Analysis of the datasets available, among them hospital admissions, drug / "
                 "alcohol related deaths, accident and emergency attendances and outreach data, "
                 "to feed the needs analysis"],
            ),
            "December 2012\nSeptember annually",
            "Yearly needs assessment reports / updates that deepen what is known about drug / "
            "alcohol consumption trends in Tower Hamlets.",
            ["Write the specification for the new survey and systems – March 2012 for "
             "procurement in 12/13.",
             "CEG data collection agreed – June 2012.",
             "Yearly Needs Assessment / JSNA fact sheet update ready by December annually."],
            ["Yearly needs assessments produced from all the data available",
             "CEG data gathered quarterly",
             "Healthy lifestyles survey paused"],
        ),
    )),
    ActionTable(PREVENTION, PREVENTION_HEADERS, False, (
        PlanRow(
            "PB C4",
            PUBLIC_HEALTH_SAFER,
            "Give substance misuse a stronger place in the revised Health and Well Being "
            "strategy and make sure it appears in other relevant strategies including;\n"
            "- tobacco control\n- cardiovascular disease\n- sexual health\n- mental health\n"
            "- teenage pregnancy\n- housing\n- integrated offender management\n- licensing",
            "Ongoing",
            ["Substance misuse built into the cross-cutting strategies where relevant."],
            ["Compile a calendar of when the relevant strategies are refreshed.",
             "Meet strategic leads to discuss giving substance misuse more weight in each "
             "strategy."],
            ["Substance misuse part of the Health and Wellbeing Strategy – the strategy runs "
             "to 2016",
             "Substance misuse built into the sexual health procurement exercise",
             "Tobacco control training planned for treatment agencies"],
        ),
        PlanRow(
            "PB C5",
            "Public Health",
            "Carry out a review of prevention initiatives.",
            "March 2013",
            ["Full map of prevention initiatives drawn up, with the referral and threshold "
             "criteria for each.",
             "Scope to cover Childrens and Adults services."],
            ["Children’s services mapping event – Sep 12",
             "Adults services mapping event - Nov 12",
             "Findings and recommendations reported to JCG – Feb 13"],
            ["Mapping events run and evaluated",
             "Prevention initiatives brought into the current re-procurement project"],
        ),
        PlanRow(
            "PB C6",
            "Public Health",
            "Trial the Behaviour Change toolkit with substance misuse service providers so they "
            "can better shape and promote their services to key target groups.",
            "December",
            ["Treatment services and other agencies attending the behaviour change toolkit "
             "training sessions",
             "Number of people attending training"],
            ["Programme timetabled and services invited",
             "Two pilot sessions with chosen agencies between September and December"],
            ["Training given"],
        ),
    )),
    ActionTable(PREVENTION, PREVENTION_HEADERS, True, (
        PlanRow(
            "PB C7",
            "Children , Schools & Families Director ateLBT H",
            "Bring in earlier intervention for people in the youth justice system.",
            "June 2012",
            ["100% of individuals screened"],
            ["Introduce the new screening process",
             "Report performance regularly to the Young People's Network Group"],
            ["Processes in place and reported"],
        ),
    )),
)

TREATMENT_TABLES = (
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T1",
            DAAT_TEAM,
            "Review how drug / alcohol treatment for adults is provided and configured\n"
            "- redesign treatment provision\n- run a wide consultation\n"
            "- carry out an equalities impact assessment.",
            "April 2015",
            ["New model of drug / alcohol service provision developed",
             "Better referral rates",
             "Better treatment outcomes.",
             "Lower spend per successful exit"],
            ["Review and analysis of existing evidence/data",
             "Consult stakeholders on redesign options",
             "Outline delivery model drawn up and agreed",
             "Consult stakeholders on the final model",
             "Procure the new treatment system"],
            ["Reprourement programme halted in February 2012. A new re-procurement programme "
             "is now under way"],
        ),
        PlanRow(
            "T2",
            "NHS North East London and the City",
            "Strengthen how primary care responds to substance misuse\n"
            "- Evaluate Network Improved Services in primary care\n"
            "- Keep training primary care providers in SBI and community detoxification",
            "March 2013",
            ["More alcohol screens",
             "More referrals into structured drug / alcohol treatment."],
            ["NIS evaluation to finish by December 2012.",
             "Recommendations reported to JCG – Feb 13"],
            ["New NIS to be built into the re-procurement project"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, True, (
        PlanRow(
            "T3",
            DIP,
            "Make sure the universal offer of alcohol screening is carried out in custody "
            "suites, with referrals on to treatment services.",
            "May 2012",
            ["Higher number and percentage of people referred",
             "Higher number and percentage of people attending",
             "Higher number and percentage of people screened"],
            ["Report to DAAT board/IOM board each quarter."],
            ["Alcohol screening in place"],
        ),
        PlanRow(
            "T4",
            "Police / Public Health",
            Bullets(
                "Deliver targeted interventions for drug using offenders through:",
                ["Putting in place a universal offer of drugs screening and referral to services "
                 "in custody.",
                 "Looking at the value of extending screening beyond class A drugs"],
            ),
            "May 2012",
            ["No and percentage of people screened",
             "No and percentage of people referred",
             "No and percentage of people attending"],
            ["Performance reported to DAAT Board / IOM board every quarter.",
             "Screening report to go to the November DAAT Board?"],
            ["New screening / testing protocols brought in for offenders"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T5",
            DIP,
            "Assess how the proposed changes to mandatory drugs testing for trigger offences "
            "would affect referral into the treatment system.",
            "November 2012",
            ["Cost benefit analysis of reaching people naïve to treatment through mandatory "
             "versus intelligence led testing"],
            ["Report to the November DAAT Board"],
            ["First report done; more evaluation needed"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T6",
            "Public Health / TH Drug and Alcohol Action Team",
            "Get better at identifying and responding to people with an alcohol problem who "
            "present to secondary care services including A&E.",
            "March 2013",
            ["Alcohol champions working within the Royal London Hospital",
             "Acute Trust alcohol strategy agreed and backed by a range of stakeholders",
             "More screens and brief interventions delivered.",
             "Every ward and department can use, and applies, guidance and policy on managing "
             "alcohol dependent patients properly and effectively, including their withdrawal "
             "from alcohol."],
            ["Evaluate how the alcohol nurse specialists identify patients and deliver brief "
             "interventions across the acute hospital Trust.",
             "Report the evaluation findings to the Adult Substance Misuse Joint Commissioning "
             "Group.",
             "New service level agreement settled",
             "Performance manage the service every quarter so the recommendations are fully "
             "implemented"],
            ["Evaluation finished",
             "Service to be looked at again in the re-procurement programme"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T7",
            DAAT_TEAM,
            "Make sure identification and brief advice interventions (IBAs) are offered as "
            "routine to adult clients across a range of frontline services including:\n"
            "- hostels\n- social services\n- sexual health services\n"
            "- patients with long term conditions\n- patients in mental health services\n"
            "Plan and run a series of training sessions for frontline professionals and put "
            "reporting systems in place (interventions offered, accepted and outcomes) that "
            "collect data across 9 equality strands.",
            "October 2012- March 2013",
            ["More IBAs",
             "Better take-up of treatment services",
             "IBAs written into providers' service specifications."],
            ["Get service leads to agree a widescale approach.",
             "Training timetable planned.",
             "Quarterly reports of training sessions delivered."],
            ["Training sessions given",
             "More work needed before screening is widespread"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, True, (
        PlanRow(
            "T8",
            "CF&S",
            "Introduce a new model of service provision for young people's intervention and "
            "treatment, including moving tier 2 interventions from treatment services and the "
            "Youth Offending Team to the Youth Service Targetted Support Team.",
            "October 2012",
            ["New model of service provision developed",
             "Better referrals into young people's treatment services.",
             "Better treatment outcomes.",
             "Fewer young people reoffending because of drug / alcohol misuse.",
             "Lower asset scores for young people worked with by the Youth Offending Team."],
            ["New contracts and partnership agreements issued – June 12.",
             "Assessment tool updated – April 12.",
             "Referral pathways updated and publicised – June 12.",
             "Introduce the treatment outcomes framework – October 12."],
            ["New Young Peoples service now commissioned"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T9",
            DAAT_TEAM,
            Bullets(
                "Make sure the treatment system meets the needs of young adults with drug / "
                "alcohol problems by:",
                ["Introducing targeted interventions for this age group",
                 "Making sure adult treatment providers take an approach that suits this age "
                 "group"],
            ),
            "June 2013",
            ["More referrals of 18-24 year olds into treatment",
             "More people engaging in treatment"],
            ["Targeted intervention for this group commissioned – April 2012",
             "Evaluate the targeted intervention service and build its recommendations into "
             "core services."],
            ["Project run to engage 18-24 year olds.",
             "18-24s a target group in the re-procurement exercise"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T10",
            "Probation",
            Bullets(
                "Improve access to alcohol treatment for offenders (young offenders included) "
                "through:",
                ["Targeted drug / alcohol interventions for Youth Offending Team (YOT) clients "
                 "whose offending involves alcohol",
                 "A review of how probation clients reach treatment services voluntarily. "
                 "Training probation workers to offer screening and brief interventions.",
                 "Putting pathways in place for probation clients into alcohol treatment "
                 "services"],
            ),
            "March 2013",
            ["Clearly stronger enforcement of Alcohol Treatment Requirement Orders",
             "More offenders taking up drug and alcohol treatment services"],
            ["Training given to Probation workers – March 2012",
             "Probation and TH Community Alcohol Team pathways confirmed – April 2012",
             "Quarterly data reports",
             "Performance evaluated in the annual needs assessment"],
            ["Wide-ranging training given to Probation services",
             "Treatment pathways confirmed",
             "Data gathered and used in the needs assessment",
             "Transforming Rehabilitation changes to Probation services will mean more training "
             "once teams have settled",
             "Probation pathways into treatment to be looked at again in the re-procurement "
             "programme"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T11",
            DAAT_TEAM,
            "Improve the response to parental substance misuse\n"
            "- Launch handbooks on parental substance misuse for treatment services and social "
            "services\n"
            "- Monitor referrals between services\n"
            "- Roll out CAF across treatment services\n"
            "- Run a yearly drug awareness training programme for key frontline staff "
            "including:- social services, Police etc.\n"
            "- Make sure individual care plans address the needs of families",
            "July 2012\nQuarterly\nStart June 2012\nAnnual programme starting January 2012",
            ["More use of CAF by treatment services",
             "More referrals between social services and treatment services",
             "Intervening earlier in parental substance misuse",
             "Families involved in treatment plans.",
             "Better take-up of family interventions"],
            ["Agree the final handbooks – July 2012",
             "Start eCAF training for treatment services – June 2012"],
            ["Handbooks agreed and circulated",
             "eCAF training given to some agencies – more training needed"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T12",
            "Children, Schools & Families Directorate, LBTH & Public Health",
            "Improve the follow up for young people who attend A&E with substance misuse "
            "presentations",
            "August 2012",
            ["More referrals into structured treatment.",
             "Fewer young people attending A&E with alcohol and substance misuse "
             "presentations."],
            ["Work with A&E leads at the Royal London Hospital to set up consistent referral "
             "processes.",
             "Update and strengthen referral pathways and protocols from A&E to treatment "
             "services."],
            ["More work needed"],
        ),
        PlanRow(
            "T13",
            "DAAT Board",
            "Appoint therapeutic, strategic and community recovery champions to back and lead "
            "recovery across the borough.",
            "August 2013",
            ["Respected, active champions in post.",
             "Clear remits set for champions"],
            ["Agree the remit / role description for champions",
             "Agree a network of champions across the borough",
             "Put strong communication / feedback activities in place so champions have the "
             "most impact."],
            ["Recovery champions not yet in place"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T14",
            DAAT_TEAM,
            Bullets(
                "Help drug /alcohol users reach wrap around services",
                ["Make sure the redesigned treatment system includes pathways to education / "
                 "employment",
                 "Make the most of links with Jobcentre Plus, work programme providers, Ideas "
                 "Store Learning and other providers to build support programmes for drug / "
                 "alcohol users",
                 "Feed into the hostels strategy and the procurement of hostel services so that "
                 "the accommodation needs of drug / alcohol users are reflected."],
            ),
            "October 2012",
            ["All service users given advice and support on access to education, employment, "
             "training, housing, finance and health including BBV, sexual health and primary "
             "care – where appropriate",
             "Better take-up of education / employment / volunteering opportunities by drug / "
             "alcohol users in treatment",
             "Better accommodation outcomes for drug / alcohol users in treatment."],
            ["Support structures, with outcome measures, to be written into the specifications "
             "for re-commissioning treatment services.",
             "Education / employment outcomes reported each quarter",
             "Agree joint working and information sharing protocols with the borough's work "
             "programme providers – Sep 12"],
            ["Employment outcomes now reported; working with the new work programme providers",
             "Support services given strong weight in the re-procurement programme"],
        ),
    )),
    ActionTable(TREATMENT, TREATMENT_HEADERS, False, (
        PlanRow(
            "T15",
            DAAT_TEAM,
            Bullets(
                "Strengthen the recovery focus of every treatment service so that recovering "
                "drug / alcohol users can re-integrate into their communities:",
                ["Build recovery outcomes into the commissioning process through service level "
                 "agreements and performance management.",
                 "Roll out the outcome star model across all treatment services and make "
                 "recommendations for future commissioning.",
                 "Set up structured pathways from treatment services to services offering "
                 "support with accommodation, financial health, education and employment."],
            ),
            "March 2013",
            # The seed's nested list ends with a stray "." item; kept as real-document debris.
            ["Higher percentage of planned (drug free) exits from treatment.",
             "Better, measurable treatment outcomes in:",
             "Outcome star performance", "Treatment representations", "Employment outcomes",
             "Accommodation outcomes", "Criminal behaviour outcomes", "Drug taking behaviour",
             "Injecting behaviour", "."],
            ["Train all treatment providers in outcome star – January 2012",
             "Start outcome star measurement within core care planning in treatment services – "
             "April 2012",
             "Evaluate outcome star data and report to JCG with recommended future targets and "
             "contract changes – February 2013",
             "Draw up and agree a workplan for the aftercare working group – August 2012"],
            ["Outcome star in use across all providers, data gathered quarterly"],
            kpi_sublist_from=2,
        ),
    )),
)

ENFORCEMENT_TABLE = ActionTable(ENFORCEMENT, ENFORCEMENT_HEADERS, False, (
    PlanRow(
        "ER 1",
        TRADING_STANDARDS,
        "Tackle sales to underage drinkers including proxy sales - Underage operations backed "
        "by information / education on licensee responsibilities and then by publicity about "
        "prosecutions - Give traders advice and training on their legal obligations",
        "Ongoing",
        ["At least 2 targeted under-age sales operations each quarter by the police and trading "
         "standards teams"],
        None,
        ["Quarterly operations running"],
    ),
    PlanRow(
        "ER 2",
        TRADING_STANDARDS,
        "Tackle sales of counterfeit products at retail level",
        "March 2013",
        ["Traders given information on counterfeit alcohol products",
         "Run 4 partnership operations a year with customs and excise, police and trading "
         "standards teams to uncover illicit alcohol"],
        None,
        ["Annual operations running"],
    ),
    PlanRow(
        "ER 3",
        SAFER_COMMUNITIES,
        "Produce hotspot analysis of key data (crime, drugs, alcohol, youth asb etc) at regular "
        "intervals to target operations",
        "Quarterly",
        ["Quarterly analysis reports produced",
         "Included in the annual needs assessment report considered at"],
        None,
        ["Data gathered and used in the needs assessment"],
    ),
    # ER 3's last KPI item runs on into a row of its own, as in the seed.
    PlanRow("", "", None, None, "November DAAT Board", None, None),
    PlanRow(
        "ER 4",
        SAFER_COMMUNITIES,
        "Work closely with police to prevent/tackle crime and disorder in and around licensed "
        "premises",
        "Ongoing",
        ["Joint tasking meetings with police every fortnight",
         "Proactive use of information/intelligence, including from victims"],
        None,
        ["Joint tasking meetings running"],
    ),
    PlanRow(
        "ER 5",
        SAFER_COMMUNITIES,
        "Communicate successful operations well by promoting positive stories in East End Life "
        "and through other channels",
        "Ongoing",
        [RESIDENT_PERCEPTIONS],
        None,
        ["Positive stories promoted on an ongoing basis"],
    ),
    PlanRow(
        "ER 6",
        SAFER_COMMUNITIES,
        "Better coordinate young people's and adults outreach with anti-social behavior "
        "hotspots",
        "Ongoing",
        ["Cut antisocial behaviour through a joint tasking approach using the full range of "
         "regulatory and enforcement powers",
         "104 outreach referrals into structured treatment each year"],
        None,
        ["Joint tasking meetings running, attended by the outreach team"],
    ),
    PlanRow(
        "ER 7",
        "Police",
        "Disrupt drug supply through effective enforcement",
        "Ongoing",
        ["At least 365 arrests a year for drug dealing offences"],
        ["Reports to DAAT Board every quarter"],
        ["Dealer a day programme still running and meeting annual targets"],
    ),
    PlanRow(
        "ER 8",
        "Police",
        "Make sure drug misusing offenders get a holistic support package aimed at ending "
        "offending and drug dependence.",
        "March 2013",
        ["A results-focussed Integrated Offender Management programme in place",
         "Lower re-offending rates among drug users"],
        ["IOM milestones still to be set"],
        ["IOM process running with a police lead"],
    ),
    # ER 9 is cut mid-sentence: its first row holds the opening words, its run-on row the rest.
    PlanRow(
        "ER 9",
        "DAAT",
        "Help community groups give an",
        None,
        ["Better perceptions of drug / alcohol"],
        ["Quarterly meetings with CADAA"],
        ["CADAA has been dissolved but community ward forums are attended"],
    ),
    PlanRow(
        "",
        "",
        "impetus to sustained, co-ordinated action to reduce drug related crime\n"
        "- Keep meeting CADAA and support their annual event\n"
        "- Appoint a communities recovery champion to back and lead the recovery agenda across "
        "the borough",
        "Ongoing\nOctober 2012",
        Bullets("related anti-social behaviour and crime among residents",
                ["Active champion in post"]),
        ["Communities recovery champion(s) appointed by October 2012"],
        Bullets("with drug / alcohol concerns followed up",
                ["Community events backed by DAAT", "Recovery champions not yet in place"]),
    ),
    PlanRow(
        "ER 10",
        SAFER_COMMUNITIES,
        "Use the powers within the borough wide alcohol control zone to control alcohol "
        "related anti-social behaviour and crime\n"
        "- Target problem areas through joint tasking",
        "Ongoing",
        [RESIDENT_PERCEPTIONS],
        ["Regular joint tasking meetings", "Alcohol control zone reviewed"],
        ["Joint tasking meetings running"],
    ),
))

TABLES = (*PREVENTION_TABLES, *TREATMENT_TABLES, ENFORCEMENT_TABLE)

REVISION_HISTORY = (
    "First draft prepared by Rachael Sadegh",
    "Changes proposed at the 1st Strategy action plan steering group (22/11/11)",
    "Changes proposed at the 2nd Strategy action plan steering group (15/12/11)",
    "Changes made by RS / BA for strategy steering group(14/05/12)",
    "Changes made at the 3rd Strategy action plan steering group (14/05/12)",
    "Changes made after comments from the DAAT Board (28/05/12)",
)


def build(path: Path, borders: bool = True) -> None:
    """Write the plan to ``path``; ``borders=False`` draws every table without borders."""
    doc = new_document("Substance Misuse Strategy Action Plan 2012", landscape=True)
    heading(doc, "Appendix 1: Substance Misuse Strategy Action Plan", level=1)
    heading(doc, "Revision history", level=2)
    for entry in REVISION_HISTORY:
        doc.add_paragraph(entry, style="List Number")
    for action_table in TABLES:
        doc.add_paragraph()
        _add_action_table(doc, action_table, borders)
    page_break(doc)
    doc.add_paragraph("This page is intentionally left blank")
    save(doc, path)


def _add_action_table(doc: Document, action_table: ActionTable, borders: bool) -> None:
    column_count = len(COLUMN_WIDTHS_CM)
    rows: list[list[object]] = [
        [Span(action_table.theme, column_count)],
        list(action_table.headers),
        *(plan_row.cells() for plan_row in action_table.rows),
    ]
    table = add_table(doc, rows, COLUMN_WIDTHS_CM, header_rows=2, borders=borders,
                      bold_header=action_table.bold_header)
    kpi_column = 4
    for row_index, plan_row in enumerate(action_table.rows, start=2):
        if plan_row.kpi_sublist_from is None:
            continue
        kpi_paragraphs = table.cell(row_index, kpi_column).paragraphs
        for paragraph in kpi_paragraphs[plan_row.kpi_sublist_from:]:
            paragraph.style = "List Bullet 2"
