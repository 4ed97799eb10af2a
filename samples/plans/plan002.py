"""Sample plan 002: Leicestershire LAA Safer Communities delivery plans 2006/7 (Word original).

Rebuilds seed ``002_6b7f765705437ac5.txt`` as a portrait Word file: three title
paragraphs, then eight delivery plans (Outcome 1 has two, "1.1 + 1.3" and "1.2";
Outcomes 2 to 7 one each). Every plan is a four-column key-value block (Block,
Lead Officer, LAA Outcome, Indicators, Baseline, Funding, Geographic Area) that is
plan context, not actions; then the action table "Describe Key Actions ... /
Milestones / Completion Date"; then the "Commentary re Equality and Diversity ..."
heading and its two-column table, which is not actions either. References, names,
organisations, dates and headings are the seed's; the prose is reworded.

The mess the seed shows is kept on purpose, because the extractors must cope with it:

* owners only inside the action text ("Responsible person Clare Sowerby, Leicestershire
  County Council", "(Police)", "(LCJB – T. Tunstall)") or as initials after bullets
  ("TS/RS"), which name people, not organisations;
* Outcome 2 swaps the last two columns ("Completion Date | Milestones") and puts one
  date per bullet in its completion cells; its indicators carry footnote marks whose
  notes are typed as body paragraphs between the key-value block and the action table;
* Outcome 6 has no paragraph between its key-value block and its action header: they
  are one table, on a grid finer than either part, with a spare fourth cell in the
  first action rows and a merged last cell in the rest, as the seed's rows have;
* rows a page break cut in the original (Outcome 1 rows 2 and 4, Outcome 3 row 4,
  Outcome 4 row 2, Outcome 5 row 4) run on into a following row with no reference;
  Outcome 3's run-on is a table of its own drawn with no borders ("Fiscal year 2006-"
  / "07" broken across the two);
* the "Safer Communities 7 Delivery Plan" page header that the seed shows as body text
  before Outcome 7's block and again before its action table;
* an empty bullet, hand-typed "- " items without a space, "May2006", "1 st report";
* the last table of the document (Outcome 7's commentary) is borderless whatever
  ``borders`` says, as the seed's notes describe a borderless table at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docxkit import Bullets, Span, add_table, heading, new_document, page_break, para, save

from plans import bold_rows

FILENAME = "002_leicestershire_laa_2006.docx"

#: A4 portrait with 1.5 cm margins leaves 18 cm.
BLOCK_WIDTHS_CM = [4.2, 6.3, 3.3, 4.2]
ACTION_WIDTHS_CM = [10.5, 4.3, 3.2]
#: Outcome 2 prints its completion dates in the middle, narrower column.
SWAPPED_ACTION_WIDTHS_CM = [10.5, 3.2, 4.3]
COMMENTARY_WIDTHS_CM = [5.2, 12.8]
#: Outcome 6's one table: the union of the block's column edges (4.2, 10.5, 13.8 cm) and
#: its action rows' edges (10.5, 14.3, 16.8 cm), so both parts keep their own widths.
COMBINED_WIDTHS_CM = [4.2, 6.3, 3.3, 0.5, 2.5, 1.2]

ACTIONS_HEADING = ("Describe Key Actions to Achieve Outcome/Target(s) and Responsible Person "
                   "and/or Agency")
ACTION_HEADER = (ACTIONS_HEADING, "Milestones", "Completion Date")
SWAPPED_ACTION_HEADER = (ACTIONS_HEADING, "Completion Date", "Milestones")
COMMENTARY_HEADING = ("Commentary re Equality and Diversity and Community and Voluntary Sector "
                      "Engagement")
EQUALITY_LABEL = ("Equality and Diversity Considerations\n(Describe action taken to address "
                  "equality and diversity in delivery and performance management)")
ENGAGEMENT_LABEL = ("Community and Voluntary Sector Engagement\n(Describe how local communities "
                    "will be engaged and the involvement of the voluntary sector in delivery)")
PLAN_HEADING = "LEICESTERSHIRE LAA – DELIVERY PLAN 2006/7 "
OUTCOME_1 = ("1. To reduce overall crime particularly violent crime, domestic violence and hate "
             "crime.")
NO_FUNDING = ("Pump Priming (if applicable)", "Pooled", "Aligned")
PLAN_7_PAGE_HEADER = "Safer Communities 7 Delivery Plan"
RESPONSIBLE_LCC = "Responsible person Clare Sowerby, Leicestershire County Council"
LIFETIME = "Work ongoing for the lifetime of the LAA"


@dataclass(frozen=True)
class DeliveryPlan:
    """One delivery plan: its key-value block, its action rows and its commentary rows.

    Action rows are lists of cell contents in the plan's column order; a row whose first
    cell has no leading number is the run-on of the row above it.
    """

    outcome_label: str
    block: str
    oversight: str
    lead: str
    outcome: str
    indicators: object
    baseline: object
    area: str | None
    actions: list[list[object]]
    commentary: list[list[object]]
    funding: tuple[str, str, str] = NO_FUNDING
    baseline_label: str = "Baseline (s):"
    action_header: tuple[str, ...] = ACTION_HEADER
    action_widths_cm: list[float] = field(default_factory=lambda: list(ACTION_WIDTHS_CM))
    #: Body paragraphs between the block and the action table (str, or list[str] = bullets).
    footnotes: list[object] = field(default_factory=list)
    #: The action header and rows sit in the key-value table itself (Outcome 6).
    actions_in_block: bool = False
    #: Run-on rows printed as a separate, borderless table after the action table.
    borderless_tail: list[list[object]] = field(default_factory=list)
    #: Text the original printed as a page header, seen before the block and the actions.
    page_header: str | None = None

    @property
    def heading(self) -> str:
        return PLAN_HEADING + self.outcome_label

    def block_rows(self) -> list[list[object]]:
        """The key-value rows after the heading row, four cells each."""
        return [
            ["Block", self.block, "Oversight Partnership(s)", self.oversight],
            ["Block Lead Officer", self.lead, None, None],
            ["LAA Outcome(s)", self.outcome, None, None],
            ["LAA Indicator(s) /Target(s) 2006/7", self.indicators, None, None],
            [self.baseline_label, self.baseline, None, None],
            ["Funding Allocated to Project", *self.funding],
            ["Geographic Area (s)", self.area, None, None],
        ]


PLAN_1 = DeliveryPlan(
    outcome_label="Outcome 1 (1.1 + 1.3)",
    block="Safer Communities",
    oversight="Community Safety Programme Board\nAll CDRP's, all District Councils, DAAT, Police, "
    "Youth Offending Service",
    lead="Phil Hawkins\nOutcome Lead : Chief Superintendent Dave Evans",
    outcome=OUTCOME_1,
    indicators="1.1 BCS Comparator Crime categories, measured in line with the SSCF agreements "
    "up to 2008.\n"
    "1.2 I) How many Domestic Violence incidents are reported. II) The share of detected "
    "Domestic Violence Crimes committed by repeat offenders over the last twelve months. "
    "(See separate plan)\n"
    "1.3 I) Raise the reporting of Hate Crime in Leicestershire in years 1 and 2. II) Bring "
    "reported Hate Crime down in year 3",
    baseline="Year 2003/4, as agreed with the Home Office for the BCS targets.\n"
    "Baseline: 27956 BCS Comparator Crimes",
    baseline_label="Baseline(s)",
    area="Countywide",
    actions=[
        ["1 Specific priorities for CDRP's\n"
         "To spread crime prevention advice in ways that give people a Greater sense of "
         "security.\n"
         "To manage performance against the crime reduction targets so that delivery stays "
         "on trajectory.\n"
         "To finish the arrangements for closer working with local Drug Action Teams so that "
         "they feed properly into delivery of the National Drug Strategy.\n"
         "To keep supporting the Prolific and Priority Offenders strategy.\n"
         "To Work with other key agencies to find, develop and share good practice against "
         "volume crime, above all alcohol-related crime and domestic violence.\n"
         "To set up more effective ways of working with the Local Criminal Justice Board.",
         "To be agreed with CDRP's\nTo be agreed by the Core Performance Group by Sept 06",
         None],
        ["2 Specific priorities for DAAT\n"
         "To make sure the drugs intervention programme (DIP) meets its objectives, steering "
         "drug misusing offenders away from crime and into treatment\n"
         "To make sure effective and prompt treatment is on offer that meets the needs of the "
         "local drug-misusing population including young people and",
         "See Safer Communities Delivery Plan 4",
         None],
        ["offenders referred on by the police, courts and prisons.\n"
         "To make sure the drug treatment, harm reduction and support measures set out in the "
         "Prolific and other priority offenders strategy are provided for",
         None, None],
        ["3 Specific priorities for Children's services To concentrate on preventative work, "
         "with police, youth offending teams, youth services, drugs action teams, health, "
         "social services and education professionals joining with young people and their "
         "families to step in early, before the young people turn to crime and anti-social "
         "behaviour.",
         "To be agreed with Children's services",
         None],
        ["4 Specific priorities for the police To work with CDRP's on the locally agreed crime "
         "reduction targets that add up to the target set in the LAA.\n"
         "To follow the principles of the Government's Tackling Violent Crime Programme in "
         "driving violent crime down.\n"
         "To build in an intelligence-led approach to anti-social behaviour that complies with "
         "the National Intelligence Model.\n"
         "To work alongside LCJB on the locally agreed offences brought to justice targets and "
         "the sanction detection rates that sit beneath them.\n"
         "To roll out neighbourhood policing and develop it",
         "Quarterly analysis\nQuarterly analysis\nTo be negotiated by Oct 2006\n"
         "On-going/quarterly analysis\nCompleted",
         "Phase 2 date not yet known"],
        ["To bring in a single non-emergency number service for non emergency police and "
         "anti-social behaviour matters.",
         "Sept 2006",
         None],
        ["5. Domestic Violence Domestic violence indicators carry reward targets. The delivery "
         "plan for this part is finished and the DV delivery group will oversee it.",
         "See Safer Communities Delivery Plan 1.2",
         None],
        ["6. Specific Priorities for Hate Crime For partners to set up a new measurement regime "
         "and baseline data for Hate Crime.\n"
         "For partners to find ways of raising the reporting of Hate Crime and to give victims "
         "a suitable means of support.\n"
         "To work with LCJB on bringing those responsible for Hate Crime to justice.\n"
         "Project Lead : Gurjit Samra-Rai and Anita Tailor",
         "Baseline established by OCT 2006\nTo be negotiated By Oct 2006\n"
         "To be negotiated by Oct 2006",
         None],
    ],
    commentary=[
        [EQUALITY_LABEL,
         ["CDRP's to make sure every initiative they develop is designed around the needs of "
          "the communities at risk within Leicestershire.",
          "Joint Action Groups to make sure every section of the community is represented, so "
          "that local people can get key service providers to act on acute or persistent "
          "problems of crime and other risks to community safety",
          "Partners to act together to reduce race inequalities and build community cohesion",
          "The commitment of Leicestershire Constabularies to Neighbourhood Policing"]],
        [ENGAGEMENT_LABEL,
         ["Raise the level of volunteering and community engagement, above all among groups at "
          "risk of social exclusion.",
          "Standing up for the interests of victims and witnesses.",
          "Building respect within communities through Neighbourhood Policing and CDRP's",
          "Liaison on Single Non Emergency Number",
          "A joint external communication strategy"]],
    ],
)

PLAN_1_2 = DeliveryPlan(
    outcome_label="Outcome 1 (1.2)",
    block="Stronger & Safer Communities",
    oversight="Community Safety Programme Board",
    lead="Phil Hawkins\nProject Lead: Jane Taylor",
    outcome=OUTCOME_1,
    indicators="A 5% rise in the number of domestic violence incidents reported.\n"
    "A cut of a third in the percentage of Domestic Violence offences committed by repeat "
    "offenders within a twelve month period.",
    baseline="5887 domestic violence reports\n"
    "30% of detected domestic violence crimes thought to be committed by repeat offenders "
    "estimated at 512)",
    funding=("Pump Priming (if applicable)\n£152,500 over 3 years\n£52,500 in 2006/7", "Pooled",
             "Aligned\nLCC £100,000"),
    area="Leicestershire County",
    actions=[
        ["1 Form a dedicated delivery group to achieve the DV LAA targets",
         "1st meeting held", "July 2006"],
        ["2 Draw up a problem profile of where things stand on domestic violence",
         "Report produced\nFurther reports", "July 2006\nOngoing"],
        ["3 Take this action plan further using the profile",
         "1 st report produced\nFurther reports", "August 2006\nOngoing"],
        ["4 Outreach services provided by voluntary sector organisations and monitored through "
         "Service Level Agreements between each organisation and Leicestershire County "
         "Council's Community Safety Team. " + RESPONSIBLE_LCC,
         "September 2006 – every outreach worker in post\n"
         "March 2007 – 35 victims/survivors seen",
         LIFETIME],
        ["5 Recruit perpetrators onto men's educational programmes and perpetrator programmes "
         "run by the voluntary sector. Monitoring through Service Level Agreements between the "
         "organisation and Leicestershire County Council's Community Safety Team. "
         + RESPONSIBLE_LCC,
         "March 2007 – 10 men recruited and 6 men completing the programme",
         LIFETIME],
        ["6 Leicestershire County Council to deliver Domestic Violence Training to the "
         "professionals concerned. " + RESPONSIBLE_LCC,
         "July 2006 – Multi agency group formed to oversee how the training is delivered\n"
         "September 2006 – First district based training session delivered",
         LIFETIME],
        ["7 Domestic Violence resource packs to be produced and handed to victim and "
         "perpetrator as soon as an incident is reported, in custody suites, and when a "
         "professional first has contact with a victim.\n" + RESPONSIBLE_LCC,
         "September 2006 – district specific packs produced.",
         LIFETIME],
        ["8 Develop a better risk assessment tool for every partner agency to use.",
         "Delivery Group agrees a draft risk assessment\n"
         "Risk assessment agreed by partner agencies",
         "September 2006\nMid 2007"],
        ["9 A run of awareness campaigns built on the problem profile",
         None, "Ongoing"],
    ],
    commentary=[
        [EQUALITY_LABEL,
         "Outreach projects and perpetrator programmes will record the race, gender, disability "
         "status & sexuality of the people using them. Where services fall short of what users "
         "need, we will work with the providers on ways to do better on equality and "
         "diversity."],
        [ENGAGEMENT_LABEL,
         "The community is engaged through the district domestic violence forums. The voluntary "
         "sector delivers two of the projects."],
    ],
)

PLAN_2 = DeliveryPlan(
    outcome_label="Outcome 2",
    block="Safer and Stronger",
    oversight="Community Safety Programme board\nPPO Delivery Group",
    lead="Phil Hawkins\nOutcome Lead : Martin Curran",
    outcome="Reduce level of offending by prolific offenders\n"
    "Reduce overall levels of crime by reducing level of offending by prolific offenders",
    indicators="i) Share of offences committed by Prolific and Other Priority Offenders under "
    "Intensive Supervision¹ (measured by Cohort 1²)\n"
    "ii) Share of offences committed by Prolific and Other Priority Offenders under Intensive "
    "Supervision (measured by Cohort 2³)\n"
    "To cut the number of police recorded common PPO crimes⁴ in Leicestershire:\n"
    "i) Theft of motor vehicle\nii) Theft from motor vehicle\niii) Domestic Burglary\n"
    "iv) Theft from person\nv) Personal robbery",
    baseline=["No baseline data exists yet for the reduction of PPO crimes, so the baseline is "
              "taken to be the target reduction in offending, in line with standard CDRP "
              "reduction targets",
              "Baseline for overall crime reduction: Current performance (2003/2004 baseline)",
              "Theft of motor vehicle: 2151",
              "Theft from motor vehicle: 5070",
              "Domestic Burglary: 3290",
              "Theft from person: 544",
              "Personal robbery: 253"],
    funding=("Pump Priming (if applicable)\n£180,000\n£90,000 2006/7", "Pooled",
             "Aligned\nPlus existing PPO budget"),
    area="Whole of Leicestershire",
    action_header=SWAPPED_ACTION_HEADER,
    action_widths_cm=list(SWAPPED_ACTION_WIDTHS_CM),
    footnotes=[
        "¹ The scheme aims at the offenders judged most likely to commit a large number of "
        "offences. The MAPPOM Referral Meeting settles the PPO status of every case referred to "
        "it. PPOs under statutory supervision are managed by the MAPPOM Operational Team.",
        "An offender joins the measurement cohort on the date they are identified as a PPO, "
        "chosen for intensive supervision and either released from custody or given a "
        "community order; that date is their start date. Their offences over the previous "
        "twelve months at liberty are counted, using the 'Offences Brought to Justice' "
        "definition (convictions, cautions and offences taken into consideration). They are "
        "then followed for the next 12 months, time in custody included, and the offences of "
        "that second 12 month period, counted the same way, are set against the earlier "
        "period.",
        "² Cohort 1 covers offenders on the scheme at 1st April 2006 or joining it between 1st "
        "April 2006 and 30th September 2006. Following their re-offending for 12 months after "
        "joining takes the measuring period to 1st October 2007, with the information fully "
        "collated by 31st January 2008. Interim results are due on these dates:",
        ["31st December 2006", "30th April 2007", "31st August 2007"],
        "³ Cohort 2 covers those whose start date falls between 1st October 2006 and 30th "
        "September 2007. This cohort's comparative performance should be known by January "
        "2009. Interim results will be produced as for the first cohort.",
        "⁴ For this agreement, this rests on an analysis of a sample of 50 PPOs (out of 349 in "
        "all).",
    ],
    actions=[
        [Bullets("1. OVERARCHING DELIVERY PLAN ACTIONS", [
            "Keep the centrally managed inter agency team for PPOs running TS",
            "One central multi agency definition of PPOs TS",
            "Multi agency planning and monitoring of the work with every PPO in the area TS",
            "Spot and respond early to young offenders who fit the Prevent and Deter "
            "framework WP",
            "Find and target PPOs who are not on statutory contact TS",
            "A premium service for PPOs from all CJS agencies – and non CJS agencies TS",
            "Strategic manager post to set up, monitor and keep up the premium service TS",
            "Resources prioritised through local authorities at Local Offender Management "
            "Panels TS",
            ""]),
         "April 2006\nOngoing\nOngoing\nOngoing\nJune 2006\nMay 2006\nMay 2006\nOngoing",
         "Premium Service running by May 2006"],
        [Bullets("2. MAPPOM STRUCTURE", [
            "Premium Service offered to all CJ agencies and the other agencies at the PPO "
            "Steering Group TS",
            "Information sharing agreement reviewed and brought up to date TS",
            "Local Offender Management Panels (LOMPs) set up in every area TS",
            "LOMPs taking on work from YOTs WP",
            "Prevention structure, with coordinators, in place WP",
            "Funding plan for 2005/06 agreed PH/TS/PS/SB",
            "Proposals for pump priming funding ready PH",
            "Every post appointed PH/SB/PS/TS",
            "New building for the operational team PH"]),
         "May 2006\nSept 2006\nApril 2006\nAugust 2006\nAugust 2006\nApril 2006\nApril 2006\n"
         "April 2006\nSept 2006\nApril 2006",
         "Local Offender Management Panels set up and working by April 2006"],
        [Bullets("3. PREMIUM SERVICE", [
            "A separate plan for the Premium Service in place TS",
            "A plan needed to close the gaps TS/PH",
            "A plan needed for agencies outside the premium service TS",
            "Building links with PCTs TS",
            "Act on what the PPO Health Check found TS/PH/SB",
            "Act on what the Probation Offender Management Inspection found PH/TS/SM"]),
         "May 2006\nJune 2006\nMay 2006\nSept 2006\nSept 2006\nAugust 2006",
         "Plan to close the gaps in the premium service in place by June 2006"],
        [Bullets("4. REDUCING REOFFENDING – ACCOMODATION PATHWAY", [
            "Look again at OASys data on PPOs PH",
            "Agree a PPO accommodation policy across the local authorities PH/TS",
            "Reach agreement on PPO access to DIP funded accommodation TS/RS",
            "Put the agreement on DIP funded housing support workers into effect TS/RS",
            "Make sure there are links with the LRPA accommodation strategy PH",
            "Bring in rent guarantee arrangements within MAPPOM TS",
            "Settle accommodation priority arrangements for PPO youths WP"]),
         "Nov 2006\nSept 2006\nSept 2006\nJune 2006\nJune 2006\nJune 2006\nAug 2006",
         "PPO Accommodation Policy in place in every local authority by September 2006"],
        [Bullets("5. REDUCING REOFFENDING – MENTAL & PHYSICAL HEALTH PATHWAY", [
            "Agree a premium service with the Forensic Mental Health Service TS/PD",
            "Agree how PPOs can get access to CAMHS WP",
            "Review the PPO leisure activities programme through the DRR CW/TS",
            "Appoint a nurse post to the Early Intervention Team RS",
            "Strengthen the healthy living parts of clinical treatment IC/CW/TS"]),
         "Apr 2006\nAug 2006\nAug 2006\nMay 2006\nJune 2006",
         "Agreement with the Forensic Mental Health Service in place by April 2006"],
        [Bullets("6. REDUCING REOFFENDING – EDUCATION, TRAINING & EMPLOYMENT PATHWAY", [
            "Secure the continuation of the Leicestershire Cares post PH/TW",
            "Build a network of engaged employers PR",
            "Agree and meet outcome targets with PPOs for the Leicestershire Cares post TS/PR",
            "Keep Basic Skills training a key part of service delivery for PPOs TS/SMoore",
            "Build a programme of work through Gift Aid house – with targets for "
            "qualifications TS",
            "Bring Progress 2 Work Linkup fully in and set targets for offenders into "
            "employment TS/SMoore",
            "Meet LRPA employment targets for MAPPOM SMoore",
            "Meet Leicester LPSA ETE targets for MAPPOM SMoore",
            "Draw up a continuity plan so that ETE activity begun in custody carries on "
            "TS/SMoore",
            "Set up more effective mentoring in support of employment work TS/SMoore",
            "Set and meet Basic Skills targets for PPOs managed by YOT WP",
            "Set and meet ETE targets for PPOs managed by YOT – in line with YOT ETE targets "
            "WP"]),
         "Apr 2006\nJuly 2006\nMar 2007\nJuly 2006\nAug 2006\nMay 2006\nMar 2007\nMar 2007\n"
         "Sept 2006\nSept 2006\nMar 2007\nMar 2007",
         "Meet MAPPOM employment targets for LPSA by March 2007"],
        [Bullets("7. REDUCING REOFFENDING – DRUG & ALCOHOL PATHWAY", [
            "Keep DIP involved in MAPPOM RS",
            "Meet targets for keeping drug using offenders in treatment to 12 weeks RS/TS",
            "Agree quality standards for testing PPOs for drugs RS/TS/IC",
            "Make sure PPOs can get onto the DRR treatment programme TS/CW/IC",
            "Set up arrangements for PPO alcohol treatment TS",
            "Make sure treatment carries on between prison and community SA",
            "Monitor how PPOs perform against the DIP Compact RS/TS"]),
         "Ongoing\nMar 2007\nJune 2006\nJune 2006\nSept 2006\nSept 2006\nOngoing",
         "Meet the targets for keeping drug using offenders in treatment to 12 weeks by March "
         "2007"],
        [Bullets("8. REDUCING REOFFENDING – FINANCE, BENEFIT & DEBT PATHWAY", [
            "Set up benefit support services within MAPPOM and YOTs TS/WP",
            "Link Progress 2 Work Link Up with benefit support SMoore/TS",
            "Raise the issue through LOMPs – especially for services for young people TS"]),
         "May 2006\nJune 2006\nSept 2006",
         "Benefit support services set up within MAPPOM and YOTs by May 2006"],
        [Bullets("9. REDUCING REOFFENDING – CHILDREN & FAMILIES OF OFFENDERS PATHWAY", [
            "Review procedures against the Safeguarding Children guidance PH",
            "Make the most of links with Children's Services through LOMPs TS",
            "Arrange for Social Care and Health to attend LOMPs TS",
            "Produce an information pack for prisoners' families while a PPO is in custody SM",
            "Produce practice guidance on the Early Intervention Project's role with Children "
            "and Families RS"]),
         "July 2006\nDecember 2006\nAugust 2006\nDecember 2006\nDecember 2006",
         "Social Care and Health attending LOMPS by August 2006"],
        [Bullets("10. REDUCING REOFFENDING – ATTITUDES, THINKING & BEHAVIOUR PATHWAY", [
            "Clarify how the One to One accredited programme is used for PPOs SM",
            "Clarify arrangements for YOT PPOs to join accredited programmes WP",
            "Review what YOT now provides on attitudes, thinking and behaviour WP",
            "Make sure PPOs get priority for programme access SM",
            "Set and meet targets for PPOs completing accredited programmes PH/SM",
            "Review programme outcomes for PPOs SM/PH",
            "Review access arrangements for provision outside normal hours SM"]),
         "June 2006\nJune 2006\nJune 2006\nApr 2006\nMarch 2007\nDec 2006\nDec 2006",
         "Targets for PPO completion of accredited programmes set and met by March 2007"],
        [Bullets("11. PREVENTION", [
            "Separate plans within the Children and Young Persons pathway WP",
            "Setting up comprehensive YIPs and YISPs for Leicestershire Leicester WP",
            "The MAPPOM coordinators' role in place and working WP",
            "Guidance written on the criteria for prevent and deter WP",
            "Plan in place for using the Prevention Fund WP",
            "Review LOMP attendance so that it keeps a prevention focus WP",
            "Review how YOT refers cases to MAPPOM WP/TS",
            "Bring young offender performance data together WP/JG"]),
         "Sept 2006 and for all below",
         "Comprehensive YIPs and YISPs set up for Leicestershire and Leicester by Sept 2006"],
        [Bullets("12. COMMUNICATION", [
            "Open Day for the Operational Team TS",
            "Produce literature on the project with the focus on MAPPOM TS/SM",
            "Circulate the current ISSP literature more widely WP",
            "A target number of press releases PH",
            "A target number of items in the media PH",
            "Promote performance data – especially the fall in crime TS",
            "Use LOMPs as a channel for interagency communication TS",
            "Bring more agencies into LOMPs TS"]),
         "June 2006\nSept 2006\nSept 2006\nMarch 2007\nMarch 2007\nSept 2006\nDecember 2006\n"
         "December 2006",
         "By March 2007, targets for press releases and media items set and met"],
        [Bullets("13. MONITORING & EVALUATION", [
            "Agreement on freedoms and flexibilities in place TS",
            "Quarterly statistics produced for GOEM JG",
            "Young offender/adult performance data monitored jointly JG",
            "A system in place to gather LAA performance data JG/TS/SB"]),
         "June 2006\nOngoing\nAugust 2006\nMay 2006",
         "A system for gathering LAA performance data in place by May 2006"],
    ],
    commentary=[
        [EQUALITY_LABEL,
         Bullets("These actions aim at equal access to, and equal delivery of, PPO services:", [
             "Early Intervention Team reaching minority groups in the community",
             "Minority groups given priority access to every intervention",
             "Specialised services within interventions – ESOL provision for Basic Skills and "
             "specialised mentoring among them",
             "Interpreter services at every stage of assessment and intervention",
             "Voluntary and community groups that reach minority groups better used in service "
             "delivery",
             "Outreach services used for every PPO",
             "Out of hours services used for every PPO",
             "Ways for users to give feedback and user focus groups",
             "PPO data monitored regularly by race, gender and disability"])],
        [ENGAGEMENT_LABEL,
         Bullets("These actions aim to deepen engagement with local communities and the "
                 "voluntary sector:", [
                     "Voluntary organisations built into service delivery – including: "
                     "Leicester Mediation, Apex, Turning Point, Leicestershire Cares, Basic "
                     "Skills providers",
                     "Voluntary organisations consulted when MAPPOM is designed and reviewed",
                     "Local Offender Management Delivery Group meetings used to find and reach "
                     "local voluntary and community groups",
                     "Build links with Joint Action Groups",
                     "Open Day to show the work with voluntary and community groups",
                     "Link with LRPA's Community Involvement Plan"])],
    ],
)

PLAN_3 = DeliveryPlan(
    outcome_label="Outcome 3",
    block="Safer",
    oversight="Community Safety Programme Board",
    lead="Phil Hawkins\nOutcome Lead : Superintendent Paul Smith",
    outcome="To build respect in communities and reduce the level of Anti Social Behaviour.",
    indicators="The level of recorded Anti-Social Behaviour on a common recording system. "
    "(Baseline data to be set by 31st March 2007)\n"
    "To bring ASB down by the target set for year one of the LAA",
    baseline="Baseline to be established by 31 st March 2007",
    funding=("Pump Priming (if applicable)",
             "Pooled\nProspective pooled budget needed for the legal costs of ASBO/CRASBO's for "
             "CDRP's",
             "Aligned"),
    area="Countywide",
    actions=[
        ["1 To maintain an ability to measure the effect of Anti Social Behaviour initiatives "
         "Every police BCU and Local Authority to name a single point of contact for ASB "
         "initiatives.\n"
         "To adapt L.A Software so that it follows the National Standard Incident Recording "
         "Categories",
         "June 2006\nJune 2006",
         None],
        ["2 To exercise ASB practice and legislation effectively To keep records of what legal "
         "advice and prosecutions cost.\n"
         "Put together a 'Good Legal Guide' of law firms rated for efficiency, effectiveness and "
         "cost.\n"
         "Look into whether the county's agencies could share an ASB legal team",
         "June 2006\nCompleted\nJune 2006",
         "Quarterly thereafter\nMay 2006"],
        [Bullets("3 To establish reassurance as the central strand of every ASB process to "
                 "reduce the fear of ASB Press releases and ASB material to be built around the "
                 "reassurance message.\n"
                 "Training and messages for front line delivery staff to cover",
                 ["Reassurance", "Perception"]),
         "Fiscal year 2006-07\nFiscal year 2006-07",
         None],
        ["4 To deliver an incremental response to the RESPECT agenda in terms of Anti-Social "
         "Behaviour issues RESPECT principles to be worked into the SNEN plans.",
         "Completed\nFiscal year 2006-",
         "May 2006"],
    ],
    borderless_tail=[
        ["Report LAA target activity to the Community Safety Programme Board.\n"
         "Actively promote the new edition of the ASB guide- Bigger, Better, Bolder guidance "
         "for practitioners.\n"
         "Produce local policy and a guide on obtaining anti-social behaviour injunctions.",
         "07\nJune 2006\nCompleted",
         "May2006"],
    ],
    commentary=[
        [EQUALITY_LABEL,
         "County ASB strategy and policy have been tested for Equality and Diversity.\n"
         "Local Authority working practices.\n"
         "Leicestershire Constabulary Annual Plan and Equality Scheme."],
        [ENGAGEMENT_LABEL,
         "Opening the ASB support infrastructure to community groups.\n"
         "Standing up for the interests of victims and witnesses.\n"
         "Building respect within communities through neighbourhood policing and CDRP's.\n"
         "Liaison on single Non Emergency Number.\n"
         "Joint External communication strategy"],
    ],
)

PLAN_4 = DeliveryPlan(
    outcome_label="Outcome 4",
    block="Safer Communities",
    oversight="Community Safety Programme Board\nDAAT",
    lead="Phil Hawkins\nOutcome Lead : Debra Cunningham",
    outcome="To reduce the harm caused by illegal drugs and alcohol misuse both to communities "
    "and to individuals and their families",
    indicators="1. Raise the percentage of problematic drug users (pdu's) in treatment to 49%\n"
    "2. Take the number of seizures for Class A drugs above the level recorded in 2005/06\n"
    "3. To cut the harm that alcohol misuse does to the community",
    baseline="1. % of pdu's in treatment 2005-06 38%\n"
    "2. Leicestershire Constabulary will have the data at the end of April 2006\n"
    "3. No baselines available; yr1 (2006-07) will settle the measures and baselines for "
    "targets in later years. To be set by 31st March 2007",
    funding=("Pump Priming (if applicable)",
             "Pooled\nPooled treatment budget used, plus £30k for an alcohol harm reduction post "
             "(Police and LCC)",
             "Aligned"),
    area="County of Leicestershire",
    actions=[
        ["1 To increase the % of pdu's in treatment\n"
         "The Leicestershire DAAT Drug Treatment Plan 2006-07 (Part 1 Strategic Summary, Part 3 "
         "Planning Grids) sets out the detailed objectives, milestones and targets for meeting "
         "this indicator.\n"
         "The main treatment priorities are:\n"
         "i. Put the Models of Care programme fully in place\n"
         "ii. Take the Shared Care Schemes further\n"
         "iii. Keep waiting times targets maintained/improved\n"
         "iv. Join the DIP up fully with other criminal justice interventions\n"
         "v. Carry out a gap analysis of service need/provision.\n"
         "The DAAT Drug Treatment Plan holds the details of the above",
         None, None],
        ["2 To increase the number of seizures for Class A drugs beyond the level recorded in "
         "2005/06\n"
         "1. Set up robust ways of reporting and collating data\n"
         "1.i) Set baseline data for Class A drug seizures for 2005-06 (Police)\n"
         "1.ii) Review data sources and where the data has gaps (Police rep/DAAT rep)\n"
         "1.iii) Draw up an Action Plan to deal with the above (Police rep/DAAT rep)\n"
         "2. Agree a suitable group/forum to performance manage the process, linking the "
         "strategic assessment with data collection (Police/DAAT)\n"
         "3. Carry out a strategic assessment of the level of risk and draw up a plan to deal "
         "with it (Police)\n"
         "More actions are likely to come to light once the first process to develop",
         None,
         "May 06\nJune/July 06\nAugust 06\nJune 2006\nSept/Oct 06"],
        ["robust mechanisms for collecting, reporting and managing the data has run.",
         None, None],
        ["3 To reduce the harm caused to the community by alcohol misuse\n"
         "1. Develop/define how \"harm caused to the community\" is measured.\n"
         "1.i Scope the alcohol related information that already exists and bears on measuring "
         "harm reduction\n"
         "1.ii Find the gaps in information and recommend how alcohol related data should be "
         "collected/recorded and shared\n"
         "1.iii Recommend suitable measures and baselines for monitoring delivery of the "
         "indicator (DAAT)\n"
         "2. Make sure there is capacity to support delivery of this outcome\n"
         "2.i Write the job description/person spec for the Alcohol Strategy Officer post\n"
         "2.ii Recruit to post (DAAT)\n"
         "3. Agree baseline data for 05-06 and set targets for later years of the LAA\n"
         "3.i Set up the DAAT Alcohol Harm Reduction Group to monitor this indicator\n"
         "3.ii Set targets for 2007-08, 2008-09 (DAAT and Partners)",
         None,
         "July 06\nMay-June 2006\nMay 06\nOctober 06"],
    ],
    commentary=[
        [EQUALITY_LABEL,
         "Each year the DAAT runs a Needs Assessment exercise that informs the Drug Treatment "
         "Plan and shows where the needs and the gaps in service provision are.\n"
         "The DAAT has made a Diversity Strategy for 2006/07 a priority. A research project "
         "began recently because of a growing community of young (under 25) refugees and "
         "asylum seekers in North West Leicestershire. Turning Point (Loughborough) carried out "
         "the research into how aware refugees and asylum seekers are of substance misuse and "
         "what they need, supported by the University of Central Lancashire. The final report "
         "comes out in May, but its findings and recommendations have already shaped the DAAT "
         "Drug Treatment Plan 2006-07.\n"
         "National systems through NDTMS (National Drug Treatment Monitoring system) record "
         "the profiles of people entering treatment. Local performance monitoring follows the "
         "service level agreements of every funded service provider.\n"
         "The same considerations will have to be built into the alcohol harm reduction "
         "strategy as it takes shape."],
        [ENGAGEMENT_LABEL,
         "The DAAT and the Community Safety Partnerships have established links.\n"
         "Voluntary sector providers, Turning Point and Leicester Community Projects Trust "
         "(LCPT) among them, serve the drug treatment sector in Leicestershire well.\n"
         "Projects offering advice /information and harm reduction work (eg, Next Generation "
         "in Hinckley) work actively with the DAAT and give valuable information and support to "
         "the substance misusers who are hardest to reach.\n"
         "Thought must go into how best to engage the community and voluntary sector at a "
         "strategic level.\n"
         "North West Leicestershire has a service user group, and there are plans to help "
         "similar groups start elsewhere (DAAT Drug Treatment Plan 2006-07)."],
    ],
)

PLAN_5 = DeliveryPlan(
    outcome_label="Outcome 5",
    block="Safer Communities",
    oversight="Youth Offending Service (Prevention team), Police, Connexions, County Council "
    "(Children's Services), all District Councils, Charnwood Arts, Centre for Fun and Families, "
    "Leicestershire Partnership NHS Trust (CAMHS), DAAT, Youth Offending Management Board",
    lead="Phil Hawkins",
    outcome="Safer Communities Outcome 5\n"
    "Children and Young People Staying Safe Outcome – Vulnerable Children and Young People",
    indicators="5.1 To cut first time entrants by 2%\n"
    "5.2 To raise by 6% the percentage of young people kept from further offending after a "
    "reprimand",
    baseline="5.1 Baseline set at March 2006 = 1291\n"
    "5.2 2003 Baseline 64% of young people did not re-offend after receiving a reprimand",
    funding=("Pump Priming (if applicable)\nBusiness case put in for one half time post "
             "(grade 8) £43,574 agreed over three years.\n£11,750 2006/7",
             "Pooled",
             "Aligned\nYJB Prevention Grant 2006-2007 £200,000\n2007 – 2008 £270,000\n"
             "YISP Children's Fund Funding £158,000\n"
             "Youth Crime Prevention Budget and CDRP funds £121,000"),
    area="Countywide",
    actions=[
        ["1. Young People at risk of offending identified\n"
         "- Multi-agency Youth Inclusion and Support Panels set up in every District across "
         "Leicestershire\n"
         "- A thorough referral and verifying process set up so that the young people most at "
         "risk are found and passed on for assessment\n"
         "- Onset assessments carried out for every young person to find the risk and "
         "protective factors linked to the likelihood of offending later.\n"
         "- Multi-agency integrated support plans drawn up for every young person supported by "
         "a YISP Preventative Worker\n"
         "-Young People judged to be most at risk offered a full package of support.",
         "Panels regularly reviewed\nOngoing re-evaluation of systems\nQuarterly checks\n"
         "Onsets prepared for Panels\nISP's created at panels\nOngoing",
         "All panels now established\nAlready completed, quarterly reviews\nAlready completed\n"
         "Already completed\nAlready completed"],
        ["2. Development of YISP Plus\n"
         "- Staff recruited.\n"
         "- Referral process/ criteria set.\n"
         "- 2 month programmes designed to run on a rolling basis around the County.\n"
         "- Young peoples learning on the programmes accredited.",
         "Adverts out end of March\nYISP Co-ordinator on training 28/3",
         "June 2006\nJune 2006\nJune 2006\nJune 2006"],
        ["3. Parenting work\n"
         "- Parenting worker appointed.\n"
         "- Referral criteria for intervention set.\n"
         "- One to one parenting programmes designed.\n"
         "- Parenting worker to take group work training\n"
         "- Parenting worker to run parenting groups jointly.\n"
         "- Back the development of the centre for Fun & Families parent facilitator "
         "programme.",
         "Parenting worker advert out end of March\nProgrammes set up by June 2006",
         "ongoing"],
        ["4. ASB Work\n- ASB worker appointed",
         "ASB worker in post",
         "April 2006"],
        ["- Referral criteria for ASB work drawn up\n"
         "- Group work programmes aimed at ASB designed & delivered in ASB hotspot areas.\n"
         "- Young people meeting the ASB criteria who are on an ABC are supported\n"
         "- Young people with civil ASBO's who are on an ISO are supported.",
         "ASB programme running by end of March",
         None],
        ["5. Reducing re-offending from reprimand\n"
         "- Screening process designed and developed together with the Police\n"
         "- Young people judged at high risk of re-offending offered an intervention of group "
         "work, one to one offence focused sessions or intensive one to one support.",
         "Forms coming into use at the start of April\n"
         "Programmes up and running by June 06",
         "June 2006"],
        ["6.Communication\n"
         "- End of programme celebration event held to mark young persons achievement & "
         "celebrate success\n"
         "- A target number of press releases / items in the media.\n"
         "- Publicity for every prevention programme produced and circulated.",
         "All programmes up and running",
         "Ongoing from June 06.\nOngoing from June 06.\nJuly 06"],
        ["7.Monitoring & Evaluation\n"
         "- Quarterly reports on youth crime prevention work across the County.\n"
         "- Monitoring / evaluation data produced every quarter for the Youth Justice Board\n"
         "- Prevention data management system developed.",
         "Ongoing from April 06.\nRecording systems in place from April 06\n"
         "Meetings already held to develop system",
         "Ongoing from April 06.\nFirst returns due end of June 06\n"
         "System to be developed by end of May 06"],
    ],
    commentary=[
        [EQUALITY_LABEL,
         "• Programmes to be designed and developed around the needs of every young person in "
         "Leicestershire found to be at risk of offending\n"
         "• Access to programmes to be thought through at the design and development stage, "
         "for example so that young people from rural communities, young people with "
         "disabilities and young people whose first language is not English can take part.\n"
         "• Programmes to be designed, developed and delivered so that young people with "
         "behavioural difficulties can engage with them where they have struggled with other "
         "mainstream services (e.g. young people excluded from school, young people not in "
         "education)\n"
         "• All staff trained on diversity, with diversity and equality issues revisited "
         "regularly at team meetings and training events.\n"
         "• As far as possible, a diverse staff team to run the programmes.\n"
         "• Where staff are already in place (current YISP team), make full use of their "
         "diversity, for example by matching workers to young people's needs.\n"
         "• Regular analysis of reprimand re-offending so that BME young people are not "
         "re-offending in disproportionate numbers\n"
         "• Regular analysis of the ethnicity of young people found to be at risk of offending, "
         "to check that it mirrors the ethnicity of Leicestershire's offending population.\n"
         "• Joint work with Black and Minority Ethnic Organisations in Leicestershire to give "
         "young people further targeted, suitable support."],
        ["Community and Voluntary Sector Engagement\n"
         "(Describe how local communities will be engaged and the",
         "Community involvement\n"
         "• Volunteers will engage communities by supporting the young people on the programmes "
         "and one to one.\n"
         "Voluntary Sector\n"
         "• Charnwood Arts deliver part of the YISP Plus programme across Leicestershire\n"
         "• Charnwood Arts run the Next Level Café, which will contribute a great deal"],
        ["involvement of the voluntary sector in delivery)",
         "towards this outcome\n"
         "• Centre for Fun and Families manage the Parenting Co-ordinator, who works closely "
         "with the current parenting co-ordinator and will join the parenting worker in "
         "running programmes for parents/carers of children at risk of offending across the "
         "County.\n"
         "• The YOS Parenting Programme will also draw on the Parent Volunteer Programme run by "
         "the Centre for Fun and Families, which trains and supports parents to lead parenting "
         "group work and to mentor other parents."],
    ],
)

PLAN_6 = DeliveryPlan(
    outcome_label="Outcome 6",
    block="Safer Communities",
    oversight="LCJB\nCommunity Safety Programme Board",
    lead="Phil Hawkins\nOutcome Lead: Heather Munro",
    outcome="6. To reassure the public, Reducing the Fear of Crime and Anti-Social Behaviour and "
    "improve the confidence in the criminal justice system.",
    indicators="6.1 The percentage of people with a high level of worry about becoming a victim "
    "of crime is below the baseline year (2002/03).\n"
    "(Baseline date 2002/03 Violence 20.6% Vehicle 16.6% Burglary 14.7%)\n"
    "6.2 The percentage of people who see anti-social behaviour as a very or fairly big "
    "problem is below the baseline year. (02/03)\n"
    "(Baseline year 20.7%)\n"
    "6.3 The percentage of people who rate the police in their area as doing a good or "
    "excellent job is above the baseline year (02/03)\n"
    "(Baseline year 47.3%)\n"
    "6.4 The percentage of people very or fairly confident that the CJS is effective in "
    "bringing people who commit crimes to justice.\n"
    "(Baseline year 02/03 38.6%)\n"
    "6.5 The fear of crime and ASB within priority neighbourhoods.",
    baseline="(Baseline data to be compiled by 31 st March 2007).",
    area=None,
    actions_in_block=True,
    actions=[
        ["1 To point out the opportunities and benefits of unpaid work and make it relevant and "
         "visible to local communities. (Probation – HM)",
         "More projects identified by communities.", "Ongoing", None],
        ["2 Dedicated neighbourhood policing teams provided. (Police)", None, None, None],
        ["3 Promote the Justice Awards and other national awards to publicise good criminal "
         "justice practice more widely. (LCJB – HM)",
         "Number of nominations\nNumber of awards", "End December 2006", None],
        ["4 Use Inside Justice Week to promote the work of all the CJ agencies and invite the "
         "public in. (LCJB – T. Tunstall)",
         None, "November 2006", None],
        ["5 Roll out of Single Number Emergency Number (SNEN) giving access to community safety "
         "advice, information and action (Police)", None, None],
        ["6 Promote websites, the LCJB website among them, to show off community projects, Good "
         "News Stories etc. (LCJB – HM/TT)", None, None],
        ["7 Work with local media to run awareness serious on criminal justice. (LCJB)",
         None, "Ongoing"],
        ["8 Use the Police Advisory Group on Race Issues (PAGRI) and the Citizens Jury (co "
         "Council for consultation) (LCJB)", None, None],
        ["9 Build a joined up approach to community engagement across the various CJ agencies "
         "/ community safety partners etc.", None, None],
        ["10 Deliver the 7 National Priorities for victims and witnesses. (LCJB)", None, None],
        ["11 Put the Victims Code of Practice into effect. (LCJB – HM)", None, None],
        ["12 Publish and apply the national framework of service standards the public can "
         "expect whenever they deal with the police. (Police)", None, None],
    ],
    commentary=[
        [EQUALITY_LABEL,
         "LCJB has a specific target to raise confidence in the BME communities, and an action "
         "plan has been drawn up to meet it. Links are being made with the BME Citizens' Jury "
         "(Co Council) where it helps, eg Focus Group Work.\n"
         "The LCJB Fair Treatment Group will look at any inequalities found in CJS practice and "
         "deal with them."],
        [ENGAGEMENT_LABEL,
         "The LCJB inter-cultural evening will be followed up, and plans are in place to link "
         "with local community groups to pass information on. Funding for a communications and "
         "diversity post has come from the Office for Criminal Justice Reform."],
    ],
)

PLAN_7 = DeliveryPlan(
    outcome_label="Outcome 7",
    block="SAFER",
    oversight="Community Safety Programme Board",
    lead="Phil Hawkins\nProject Lead : Keith Aubrey",
    outcome="To reduce vulnerability and assist people to feel safe within priority "
    "neighbourhoods",
    indicators="Vulnerability factors particular to each priority neighbourhood, taken from all "
    "the earlier indicators in Outcomes 1-6 of Safer Block.",
    baseline="During April –September the vulnerabilities that made each neighbourhood a "
    "priority will be chosen from the indicators above.",
    area="Priority neighbourhoods identified as part of LAA",
    page_header=PLAN_7_PAGE_HEADER,
    actions=[
        ["1 Finish the neighbourhood management project. Identify neighbourhood management "
         "options to put in place in 2006/7",
         "April 06\nSept 06", "April 06"],
        ["2 Work out a joint approach with the stronger block to measuring social capital and "
         "engaging with local communities",
         "Sept 06", None],
        ["3 Every priority neighbourhood to draw up its own action plan for targeted "
         "improvements.",
         "Dec 06", None],
        ["4 Set up an LAA monitoring group with neighbourhood \"champions\" from each of the "
         "LAA blocks.",
         "May 06", "May 06"],
    ],
    # The seed stops after this plan's first commentary row.
    commentary=[
        [EQUALITY_LABEL,
         "These will be key issues in the identified priority neighbourhoods, and care will be "
         "needed to deal with them within each neighbourhood's own arrangements.\n"
         "Suitable monitoring has to be built into neighbourhood management arrangements."],
    ],
)

PLANS = (PLAN_1, PLAN_1_2, PLAN_2, PLAN_3, PLAN_4, PLAN_5, PLAN_6, PLAN_7)


def build(path: Path, borders: bool = True) -> None:
    """Write the sample to ``path``; ``borders=False`` draws every table without borders."""
    doc = new_document(
        "Leicestershire Local Area Agreement Safer Communities Delivery Plans 2006/7")
    heading(doc, "Leicestershire Local Area Agreement", 0)
    heading(doc, "Safer Communities", 1)
    heading(doc, "Delivery Plans 2006/7", 1)
    for number, plan in enumerate(PLANS, start=1):
        page_break(doc)
        _add_plan(doc, plan, borders, last=number == len(PLANS))
    save(doc, path)


def _add_plan(doc: Document, plan: DeliveryPlan, borders: bool, last: bool) -> None:
    if plan.page_header:
        para(doc, plan.page_header)
    if plan.actions_in_block:
        _add_combined_table(doc, plan, borders)
    else:
        block = add_table(doc, [[Span(plan.heading, 4)], *plan.block_rows()], BLOCK_WIDTHS_CM,
                          borders=borders)
        bold_rows(block, [0])
        para(doc, "")
        for note in plan.footnotes:
            if isinstance(note, list):
                for item in note:
                    para(doc, item, bullet=True)
            else:
                para(doc, note)
        if plan.footnotes:
            para(doc, "")
        if plan.page_header:
            para(doc, plan.page_header)
        actions = add_table(doc, [list(plan.action_header), *plan.actions],
                            plan.action_widths_cm, borders=borders)
        bold_rows(actions, [0])
        if plan.borderless_tail:
            # Word needs a paragraph between two tables, or it joins them into one.
            para(doc, "")
            add_table(doc, plan.borderless_tail, plan.action_widths_cm, borders=False)
    para(doc, "")
    para(doc, COMMENTARY_HEADING, bold=True)
    para(doc, "")
    add_table(doc, plan.commentary, COMMENTARY_WIDTHS_CM, borders=borders and not last)


def _add_combined_table(doc: Document, plan: DeliveryPlan, borders: bool) -> None:
    """Outcome 6: block, action header and actions in one table on the combined grid."""
    rows: list[list[object]] = [[Span(plan.heading, 6)]]
    rows += [[label, value, label_2, Span(value_2, 3)]
             for label, value, label_2, value_2 in plan.block_rows()]
    header_index = len(rows)
    for cells in [[*ACTION_HEADER, None], *plan.actions]:
        action, milestones, completion, *spare = cells
        # Rows with a spare fourth cell keep it narrow; the others merge it into the date.
        last_cells = [completion, spare[0]] if spare else [Span(completion, 2)]
        rows.append([Span(action, 2), Span(milestones, 2), *last_cells])
    table = add_table(doc, rows, COMBINED_WIDTHS_CM, borders=borders)
    bold_rows(table, [0, header_index])

