"""Sample plan 004: Warwickshire LAA improvement delivery plan, Safer Communities, 2008-2011.

Rebuilds seed ``004_5e5b3acb37989f79.txt`` as a landscape Word form, section by
section: A (overall summary, a three-column A1-A6 table), B (per-indicator
baseline and target tables), C (partner table), D (the action tables) and the
resource plan with its money tables. Only section D holds actions; the other
tables are there because a real plan has them and an extractor must not read
them as actions.

Each D table covers one key area for improvement: its first cell ("NI 15 To
reduce ... a) Reduce violent crime in public places") is merged vertically over
all the activities below it, and its header row repeats on every page. One
activity carries several milestones and as many target dates, written the way
the seed shows them: on one line separated by spaces, or one date per
paragraph. The seed's odd spots are kept: NI 16 a) has dates that run on into
rows of their own, the NI 30 key area has an asterisked activity, and "Cross-
cutting issue" notes sit between tables. Names, organisations, codes, figures
and dates are the seed's; the prose is reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docxkit import (
    VMERGE_CONTINUE,
    Bullets,
    Span,
    VMerge,
    add_table,
    heading,
    new_document,
    para,
    save,
)

FILENAME = "004_warwickshire_laa_2008.docx"

ACTION_HEADERS = ["Key Areas for Improvement", "Activity", "By whom? Name/organisation",
                  "Milestones", "Target Date for milestone"]
#: Key area, activity, owner, milestones, dates: A4 landscape with 1.5 cm margins (26.7 cm).
ACTION_WIDTHS_CM = [4.6, 5.6, 4.8, 9.2, 2.5]

# Milestones several key areas share, reworded once.
SERVICE_ACCESS = ("With service partners, commissioning agencies and service users, develop and "
                  "monitor access to and availability of services across the county so that "
                  "individual and community needs are met")
ROLLING_PROGRAMME = ("Rolling programme targeting 10 identified priority areas of the county, with "
                     "actions delivered under a regular review of locations")
SCHOOLS_PREVENTION = ("Preventive work programme in schools developed through Safer Schools "
                      "Partnership")
REPEAT_OFFENDING = "Offenders in priority areas targeted to cut repeat offending"
OFFENDER_PROFILES = "Offender profiles produced so that targeted programmes can be built"
YOUTH_CAMPAIGNS = ("Educational prevention campaigns aimed at young people and those at risk of "
                   "offending, to prevent crime")


@dataclass(frozen=True)
class Activity:
    """One activity row; ``run_on_dates`` are extra rows that hold nothing but a target date."""

    text: str
    owner: str
    milestones: object
    dates: str
    run_on_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyArea:
    """One D table: the merged key-area cell, its activities and the note printed after it."""

    text: str
    activities: tuple[Activity, ...]
    note_after: tuple[str, ...] = ()


def _sara_interventions(crime: str) -> str:
    """The six milestones NI 16 a) and b) share, naming the crime each targets."""
    return (
        "Action plans in place and delivered using the SARA model\n"
        "Local hotspots identified for targeted interventions - monitored and reviewed "
        "regularly\n"
        "Interventions evaluated and action plan successes shared with target audiences as "
        "appropriate\n"
        "Community involvement developed through targeted crime prevention work at neighbourhood "
        "level\n"
        f"{YOUTH_CAMPAIGNS}\n"
        f"Links made with neighbouring police forces/CDRPs to tackle cross-border {crime}"
    )


NI15 = "NI 15 To reduce incidents of serious violent crime by 5% each year"
NI16 = "NI 16 To reduce serious acquisitive crime by 5% each year"
NI21 = ("NI 21 To improve the perceptions of local councils and the police dealing with "
        "anti-social behaviour and crime")

KEY_AREAS = (
    KeyArea(f"{NI15}\na) Reduce violent crime in public places", (
        Activity(
            "1. Deliver the countywide action plan to tackle violence",
            "Adrian Pearson/Police + WCC/District and Boroughs/Probation/MAPPA",
            ["Multiagency team set up",
             "Research programme run to establish best practice",
             "Dataset built",
             "Strategy action plan agreed and delivered together with CDRPs",
             "Partners sign up to the interventions",
             "Partners sign up to communications campaigns"],
            "July 08 Sept 08 Sept 08 Sept 08 Sept 08 Sept 08",
        ),
        Activity(
            "2. Hotspot areas identified locally and fed into the countywide plan",
            "Adrian Pearson/Police + Analysts/CDRPs",
            ["Rolling programme targeting 10 areas of the county through a local action plan",
             "Particular locations/victims and offenders picked out for targeting to narrow the "
             "gap",
             "Research into links between alcohol misuse and violence carried out at local level",
             "Actions carried out against locations /victims/offenders across the county"],
            "Mar 09 Sept 08 Sept 08 Mar 09",
        ),
        Activity(
            "3. Interventions against serious violent crime developed through CDRPs",
            "Adrian Pearson/Police +WCC/Boroughs and Districts",
            ["Local action plans in place and delivered using the SARA model",
             "Health agencies to contribute to action plans where appropriate",
             "Local interventions monitored ,reviewed often and evaluated",
             "Successes publicised",
             "Suitable system of referrals for family support developed with agencies",
             "Targeted work against reoffending developed"],
            "Sept 08 Mar 09 Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "4.Cut fear of violent crime by involving the community in crime prevention",
            "Adrian Pearson/Police CDRPs/ District and Borough Councils/safer Neighbourhoods/"
            "Locality Forums",
            ["Community involvement developed through targeted crime prevention work at "
             "neighbourhood level",
             YOUTH_CAMPAIGNS],
            "Mar 09\nMar 09",
        ),
    )),
    KeyArea(f"{NI15}\nb) Reduce domestic abuse", (
        Activity(
            "1. DA strategy and action plan drawn up and agreed with partners for delivery",
            "DA manager WCC + Police and all agencies dealing with DA",
            "DA strategy and action plan delivered\n"
            "Gaps found and new services commissioned as needed to support victims\n"
            "Data collection, analysis and sharing reviewed so that the data gives evidence for "
            "services now and in future\n"
            "Health agencies encouraged to take part",
            "Sept 08 Sept 08 Mar 09 Mar 09",
        ),
        Activity(
            "2. Campaign to raise awareness",
            "Police Communications + WCC and other agencies",
            "Campaign agreed and run\n"
            "Joint Police/WCC/district and Boroughs/voluntary organisations website launched\n"
            "Communications strategy drawn up and delivered\n"
            "Consultation with services users set up",
            "Jun 08 Jun 08 Sept 08 Mar 09",
        ),
        Activity(
            "3. Perpetrators targeted to prevent further DA",
            "DA manager WCC + Police/CPS/Courts/Probation",
            "Alcohol treatment service for DA perpetrators kept going to reduce repeat offending\n"
            "More DA perpetrators stop offending after attending voluntary or compulsory (IDAP) "
            "domestic abuse sessions\n"
            "Fewer perpetrators reoffending after conviction",
            "Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "4. Support targeted at children and young people affected by domestic abuse",
            "Elizabeth Featherstone - WCC CYPF + voluntary organisations",
            "Positive relationship programmes running for children and young people\n"
            "Services needed by children and young people identified.\n"
            "Service provision programme drawn up",
            "Mar 09 Mar 09 Mar 09",
        ),
    )),
    KeyArea(f"{NI15}\nc) Reduce alcohol-related violence", (
        Activity(
            "1. Alcohol Harm Reduction Strategy revised, with county and local agreement",
            "Kit Leck DAAT –WCC +Districts and Borough Council/Police",
            "Progress and achievements under the Alcohol Harm Reduction Strategy reviewed\n"
            "Deliver 3 new priorities, developed and agreed at county and local level, to cut "
            "alcohol misuse\n"
            "Commissioning partners (inc health and social care agencies) align resources behind "
            "the refreshed Alcohol Harm Reduction Strategy\n"
            f"{SERVICE_ACCESS}\n"
            "Warwickshire Alcohol Harm reduction strategy refreshed with needs assessment and "
            "best practice. County and local implementation plans drafted",
            "Nov 08 Mar 09 Mar 09 Ongoing Mar 09",
        ),
        Activity(
            "2. Effective Alcohol Referral Treatment Service running in police custody suites",
            "Kit Leck DAAT- WCC + Police/Probation. Swanswell Trust/ Addaction",
            "15% of arrestees offered the service get information and advice\n"
            "80 individuals offered treatment and sent on to Community Alcohol Service\n"
            f"{SERVICE_ACCESS}\n"
            "Resources agreed with partners to keep the service going in 2009-10",
            "Mar 09 Mar 09 Ongoing Mar 09",
        ),
        Activity(
            "3. Priority licensed premises picked out for targeting",
            "Trading Standards +Police/CDRPs/DAAT",
            ["10 priority licensed premises across the county targeted for risk assessment to "
             "prevent alcohol misuse and underage sales and narrow the gap",
             "Local action plans agreed with partners to target licensed premises and cut "
             "underage alcohol sales"],
            "Mar 09 Mar 09",
        ),
        Activity(
            "4. Raise awareness of the harm alcohol misuse (binge drinking) does to individuals "
            "and communities",
            "Kit Leck DAAT-WCC +Safer Schools Partnership",
            ["Agree resources to deliver county and local campaigns",
             "Publicity campaign in targeted locations aimed at young adults and their parents, "
             "raising awareness of alcohol misuse and violence",
             "80 offenders start an Alcohol Treatment Requirement (ATR)",
             "20 offenders complete ATRs successfully",
             "750 starts of treatment in alcohol services"],
            "Sept 08 Mar 09 Mar 09 Mar 09 Mar 09",
        ),
    )),
    KeyArea(f"{NI16}\na) reduce vehicle crime", (
        Activity(
            "1. Review hotspot locations and target them",
            "Police +CDRPs/analysts",
            ROLLING_PROGRAMME,
            "Mar 09",
        ),
        Activity(
            "2. Drug and Alcohol treatment aimed at offenders",
            "Police +DAAT/voluntary organisations",
            "100% of those arrested for vehicle crime targeted for suitable drug and alcohol "
            "treatment",
            "Mar 09",
        ),
        # In the seed this activity's later dates, and the next one's, sit in rows of their own.
        Activity(
            "3. Interventions against vehicle crime developed",
            "Police +WCC/CDRPs/Boroughs and Districts",
            _sara_interventions("vehicle crime"),
            "Jul 08",
            run_on_dates=("Mar 09", "Mar 09"),
        ),
        Activity(
            "4. Offenders targeted to cut repeat offending",
            "Analysts/Police/Probation /MAPPA",
            f"{OFFENDER_PROFILES}\n{REPEAT_OFFENDING}\nProbation interventions with offenders "
            "delivered",
            "Mar 09",
            run_on_dates=("Mar 09", "Mar 09"),
        ),
    )),
    KeyArea(f"{NI16}\nb) reduce domestic burglary", (
        Activity(
            "1. Review hotspot locations and target them",
            "Police +CDRPs/analysts",
            "Rolling programme targeting 10 identified priority areas of the county; actions and "
            "a regular review of locations carried out",
            "Mar 09",
        ),
        Activity(
            "2. Drug and Alcohol treatment aimed at offenders",
            "Police +DAAT/voluntary organisations",
            "100% of those arrested for domestic burglary targeted for suitable drug and alcohol "
            "treatment",
            "Mar 09",
        ),
        Activity(
            "3. Older People targeted to guard against distraction burglaries and bogus traders",
            "Nick Stephens – Police +WCC-Trading Standards",
            "Campaigns in targeted areas raising awareness of distraction burglary and bogus "
            "callers among vulnerable older people, using distraction burglary information packs\n"
            "Trading Standards information given to older people to keep bogus callers away eg "
            "Tradeline",
            "Mar 09 Mar 09",
        ),
        Activity(
            "4. Interventions against domestic burglary developed",
            "Police +WCC/Boroughs and Districts",
            _sara_interventions("domestic burglary"),
            "Mar 09 Mar 09 Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "5 Offenders targeted to cut repeat offending",
            "Analysts/Police",
            [OFFENDER_PROFILES, REPEAT_OFFENDING],
            "Mar 09\nMar 09",
        ),
    )),
    KeyArea(f"{NI16}\nc) reduce business crime by 5% and costs to business by 5%", (
        Activity(
            "1. Business crime advisers to target at-risk businesses across the county, "
            "especially in identified priority locations",
            "Peter Guillaume- Police +Businesses/WCC-DAAT",
            "Businesses at risk of the different kinds of business crime identified\n"
            "10 target businesses targeted against 'bilking'- reduced from 468 to 445\n"
            "250 businesses targeted against burglary- reduced from 1317 to 1251\n"
            "150 businesses targeted against thefts – reduced from 2241 to 2129\n"
            "50 businesses targeted against robberies- reduced from 132 to 125\n"
            "200 businesses targeted against shoplifting – reduced from 1905 to 1810\n"
            "200 businesses targeted against fraud- reduced from 416 to 395",
            "Mar 09 Mar 09 Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "2. Offender profiles drawn up for burglary and shoplifting",
            "Peter Guillaume- Police +Analysts/Police/CDRPs/ Safer Schools Partnership",
            "Burglary and shoplifting offender profiles will allow targeted measures against "
            "further offending eg drug treatment .\n"
            "Awareness campaigns to stop young people at risk of offending from starting with "
            "shoplifting and burglary\n"
            "Links made with neighbouring police forces/CDRPs to tackle cross-border business "
            "crime",
            "Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "3. Business encouraged to join Business watch and WRCI",
            "Peter Guillaume- Police +Businesses",
            "Stronger links with Chamber of Commerce to encourage active involvement in crime "
            "prevention\n"
            "More members of Business Watch and WRCI\n"
            "Success in cutting business crime promoted and publicised jointly",
            "Mar 09 Mar 09 Mar 09",
        ),
    )),
    KeyArea(f"{NI21}\na) reduce criminal damage by 5% and arson to 1132 small fires", (
        Activity(
            "1. Survey of public confidence in the police and local councils",
            "Police +District and Borough Councils/WCC",
            "Survey report showed where work on perceptions is needed.\n"
            "Programme of actions drawn up on how local councils and Police are seen to deal with "
            "ASB and crime\n"
            "Communications aimed at improving perceptions of how local councils and police deal "
            "with ASB and crime, particularly to narrow the gap",
            "Dec 08 survey to report by Mar 09 Mar 09",
        ),
        Activity(
            "2. Criminal damage hotspot locations reviewed",
            "Police +analysts/CDRPs/Safer Schools Partnership /WCC",
            f"{ROLLING_PROGRAMME}\n{SCHOOLS_PREVENTION}\n"
            "Local action plans and interventions delivered against criminal damage in targeted "
            "areas\n"
            "Interventions evaluated and successes shared with target audiences as appropriate",
            "Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "3. Arson small fires hotspot locations reviewed",
            "Ian Tonner Fire and Rescue +Police/analysts/Safer Schools partnership",
            f"{ROLLING_PROGRAMME}\n{SCHOOLS_PREVENTION}",
            "Mar 09 Mar 09",
        ),
        Activity(
            "4. Offender profiles drawn up for criminal damage and for arson as well",
            "Police +Analysts/Police/CDRPs",
            "Criminal damage and arson offender profiles will allow targeted measures against "
            f"further offending\n{REPEAT_OFFENDING}",
            "Mar 09",
        ),
    ), note_after=(
        "Cross-cutting issue with: NI 195 Improved street and environmental cleanliness (levels "
        "of graffiti, litter, detritus, and fly posting)",
    )),
    KeyArea(f"{NI21}\nb) reduce incidents of anti-social behaviour by 5%", (
        Activity(
            "1. ASB strategy and action plan drawn up and agreed with partners for delivery",
            "Katie Western – WCC +Police/CDRPS/Districts and Boroughs",
            "ASB strategy and action plan delivered\n"
            "Gaps found and new services planned and developed to fill them\n"
            "Plans to tackle alcohol-related ASB drawn up and delivered",
            "Sept 08 Oct 08 Sept 08",
        ),
        Activity(
            "2. Cut fear of crime linked to ASB",
            "Julie Sullivan – WCC +Police/CDRPs/Districts and Boroughs",
            "Yearly survey run to track trends in perceptions of ASB\n"
            "Communications strategy delivered to counter negative publicity on ASB",
            "Mar 09 Sept 08",
        ),
        Activity(
            "3. Interventions against ASB developed",
            "Steve Postlethwaite – Police +WCC-CYPF",
            "Schools PCSOs in post\n"
            "Schools ASB programme drawn up and delivered in the first 6 schools.\n"
            "Local ASB PCSOs in post and working to cut ASB\n"
            "Targeted youth activity programmes run, especially in school holidays, to cut youth "
            "ASB",
            "Sept 08 Sept 08 Mar 09",
        ),
        Activity(
            "4. Families needing attention because of ASB levels in each area",
            "Police +WCC-CYPF",
            "The 10 priority families across the county who often come to agencies' attention "
            "for ASB and criminal behaviour identified\n"
            "Suitable system of referrals for family support developed with agencies\n"
            "Suitable system of referrals for support to ASB victims developed with agencies\n"
            "Intergenerational work between older and young people developed in local areas to "
            "tackle and prevent ASB",
            "Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "5. Local action plans drawn up for local ASB hotspot areas",
            "Districts and Boroughs +CDRPs/Police/WCC",
            "Local plans in place and delivered\n"
            "Persistent ASB offenders picked out and interventions built",
            "Mar 09 Mar 09",
        ),
    ), note_after=(
        "Cross-cutting issue with:",
        "NI69 children who have experienced bullying; NI71 Children who have run away from "
        "homes/care overnight; NI 87 Secondary school persistent absence rate; NI 110 Young "
        "people's participation in positive activities; NI 117 16-18 year olds who are not in "
        "education, training or employment (NEETs)",
    )),
    KeyArea("NI 30 To reduce the number of convictions of 100 identified prolific and persistent "
            "offenders by 20% from baseline of 17%", (
        Activity(
            "1. Review of the infrastructure, aims, objectives and resourcing of PPOs across the "
            "county",
            "Jacquie Mannix -LCJB",
            "Review done and report written.\nLCJB and WSCP given the recommendations",
            "Sept 08 (Oct 08)",
        ),
        Activity(
            "2. Offenders on post custodial licence stopped from reoffending",
            "Karen Bonham- LCJB + Probation",
            "End to end case management structure reviewed and put in place\n"
            "100% of suitable PPO cases on post custodial licence drug tested, with referral to "
            "treatment where needed\n"
            "Interventions against specific reoffending delivered eg domestic burglary and "
            "vehicle crime",
            "Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "*3. Young people kept out of the criminal justice system",
            "Diane Johnson WCC-CYPF",
            "Alternatives to custody put in place.\n"
            "Offenders given a support package (housing,employment,education,)\n"
            "Make sure no communities are over represented among those entering the criminal "
            "justice system",
            "Mar 09 Mar 09",
        ),
        Activity(
            "4. More PPOs, and a bigger proportion of them, in suitable accommodation",
            "Karen Bonham- LCJB +Probation/YOS/District and Borough Housing /Supporting People",
            Bullets(
                "Raise the proportion of PPOs in suitable accommodation from 46% to 60%\n"
                "Cut the proportion of PPOs in the community of 'no fixed abode' from 11% to 6%\n"
                "Offer 'preferred tenancies' to PPOs in each area:",
                ["N Works up to 4", "N&B up to 10", "Rugby up to 9", "Warwick up to 10",
                 "Stratford up to 4"],
                "Make sure people from all communities are getting suitable accommodation",
            ),
            "Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "5. Raise the %age of PPOs who complete their order/licence satisfactorily against "
            "baseline of 33%",
            "Probation/YOS",
            ["Raise the %age to the national average of 31%"],
            "Mar 09",
        ),
    ), note_after=("* Cross-cutting issue with NI 111",)),
    KeyArea("NI 40 To increase the number of drug users in effective treatment by 2%", (
        Activity(
            "1. Meet partnership targets for starts in effective treatment",
            "Kit Leck DAAT- WCC+ PCT/Coventry and Warwickshire Partnership Trust/voluntary "
            "organisations",
            ["NTA rates the Warwickshire drug treatment system green",
             SERVICE_ACCESS,
             "Deliver 3 new initiatives, developed and agreed at county and local levels, to cut "
             "drug-related harm and community concerns",
             "Agree resources to deliver county and local campaigns",
             "Publicity campaign in targeted locations aimed at young adults and their parents, "
             "raising awareness of drug misuse and violence"],
            "Mar 09 Ongoing Mar 09 Sept 08 Mar 09",
        ),
        Activity(
            "2. Provide a drug treatment system that gives drug using offenders the chance to "
            "engage in effective treatment, so cutting crime committed to fund drug misuse",
            "Kit Leck DAAT-WCC+ Police, WCC CYPF/ YOT/ Probation/PPO manager/ Safer Schools/"
            "voluntary organisations",
            ["50% of arrestees (trigger offences) seen face to face by the arrest referral "
             "service",
             "Meet DIP target (95%) of individuals taken into treatment",
             "90 offenders start a Drug Rehabilitation Requirement (DRR)",
             "33 DRRs completed successfully",
             "Set up joint working between DIP and PPO services",
             "Look at extending arrest referral schemes to young people"],
            "Mar 09 Mar 09 Mar 09 Mar 09 Mar 09 Mar 09",
        ),
        Activity(
            "3. Countywide Drug Strategy developed",
            "Kit Leck DAAT- WCC/ WCC+ Statutory County and District organisations/Voluntary "
            "organisations",
            ["Senior officer partnership group set up to plan, co-ordinate and oversee "
             "development of the strategy",
             "Work programme and priorities agreed to support strategy development",
             SERVICE_ACCESS,
             "Drug strategy drawn up and agreed by partner agencies",
             "Educational prevention campaigns aimed at young people and those at risk of drug "
             "misuse, to prevent crime",
             SCHOOLS_PREVENTION,
             "Campaigns evaluated, successes made public"],
            "Jun 09\nOct 09\nOngoing\nNov 08\nMar 09\nMar 09\nMar 09",
        ),
    )),
    KeyArea("NI 47 To reduce the number of people killed or seriously injured in road traffic "
            "accidents by 1% each year –\n393 by Mar 09\n389 by Mar 10\n385 by Mar 11", (
        Activity(
            "1. Road Safety strategy delivered across the county",
            "Estyn Williams -WCC-E&E +Police",
            "Meet and beat the stretch targets for reducing KSI",
            "Mar 09",
        ),
        Activity(
            "2. Look into every community concern about unsafe speed in a locality and respond "
            "with a SpeedAware intervention where the concern is borne out",
            "Estyn Williams -WCC-E&E +Police",
            "Put the speed strategy into effect\nMore SpeedAware interventions\n"
            "Better links with Safer Neighbourhood teams",
            "Mar 09 Mar 09 Sept 08",
        ),
        Activity(
            "3. Run educational/attitudinal programmes for vulnerable road users",
            "Estyn Williams -WCC-E&E/ +Police/schools",
            "Reach 80% of vulnerable groups eg motorcyclists; elderly drivers; young drivers; "
            "child pedestrians; and children under 5 and parents through targeted education "
            "programmes to narrow the gap\n"
            "Targeted drink awareness campaigns run at suitable times of year",
            "Mar 09 Mar 09",
        ),
        Activity(
            "4. Design suitable public awareness interventions and aim them at high risk road "
            "user groups",
            "WCC-E&E",
            "Design and run 3 high profile targeted campaigns",
            "Mar 09",
        ),
    )),
)

SUMMARY_ROWS = [
    ["A1", "Block", "Safer Communities"],
    ["A2", "Vision for the Block", "Protecting our Communities Together"],
    ["A3", "Indicators focussed on Narrowing the Gap", "NI 15, 16 and 21"],
    ["A4", "Indicators incorporating cross cutting issues", "NI 21, 30"],
    ["A5", "Statement of Involvement",
     "Every relevant agency took part in drawing up the delivery plan – Police, Police Authority, "
     "all directorates of WCC, District and Borough Councils, CDRPs as the safer communities "
     "element of the LSPs, Probation, CPS, courts, voluntary and community organisations eg "
     "Neighbourhood watch, CWIC, domestic abuse statutory and voluntary agencies."],
    ["A6", "Localised indicators", "ALL"],
]

SUMMARY_GUIDANCE = (
    "A1-Name of the Block",
    "A2-The block's overall aspirations/outcomes",
    "A3-List by NI number",
    "A4-List by NI number",
    "A5-A paragraph naming who took part in preparing the delivery plan",
    "A6-List by NI number the indicators localised to LSP's, saying whether to all or (by name) "
    "to some.",
)

CDRP_LINKS = (
    "In every LSP the CDRP is the theme group for cutting crime and anti-social behaviour, and "
    "the CDRP and LSP link into the LAA countywide targets. Each CDRP has a partnership plan for "
    "the next 3 years tied to the outcomes of the LAA Safer block, and a set of activities, "
    "partly paid for from the Area Based Grant, that will narrow the gap in each locality"
)

TARGET_HEADERS = ["Baseline performance", "Target improved performance Year 1",
                  "Target improved performance Year 2", "Target improved performance Year 3"]

INDICATOR_TABLES = (
    (
        ("LAA Indicator NI 15 Serious Violent Crime",
         f"{CDRP_LINKS} and add up to the crime reduction target. A multi-agency serious violent "
         "crime team is being formed, part funded by the Home office, the Area Based Grant and "
         "other agencies; it will study the data closely before targeting interventions at the "
         "serious violent crime targets, with narrowing the gap as a priority.",
         ["2007/8 261 recorded offences 0.50 per 1,000 pop",
          "248 recorded offences 0.47 per 1,000 pop",
          "235 recorded offences 0.45 per 1,000 pop",
          "22 recorded offences 0.43 per 1,000 pop"]),
        ("LAA Indicator NI 16 Serious Acquisitive crime",
         f"{CDRP_LINKS} and add up to the crime reduction target. The target covers domestic "
         "burglary, vehicle crime and business crime, tackled through targeted locations, victims "
         "and offenders.",
         ["2007/8 7,995 recorded offences 15.31 per 1,000 pop",
          "7,595 recorded offences 14.54 per 1,000 pop",
          "7,195 recorded offences 13.78 per 1,000 pop",
          "6,795 recorded offences 13.01 per 1,000 pop"]),
    ),
    (
        ("LAA Indicator NI 21 Dealing with local concerns about anti-social behaviour and crime "
         "by the local council and the police",
         f"{CDRP_LINKS}. Because this NI is a perception survey through the Place Survey, GOWM "
         "has agreed that this year's proxy measure is criminal damage – to be cut by 5%. The "
         "target also takes in anti-social behaviour and arson through targeted locations, "
         "victims and offenders.",
         ["2008/9 sets the baseline for the biennial survey question",
          "No reporting on survey required",
          "Increased satisfaction with how local councils and the police deal with "
          "anti-social behaviour and crime",
          "No reporting on survey required"]),
    ),
)

PARTNER_ROWS = [
    ["Name of organisations involved in delivery", "Name of service/department (as appropriate)",
     "Partner link person/contact details",
     "Has the organisation signed up to this delivery plan Yes/No"],
    ["Police", "Chief Constable and senior management/Community protection/Violent crime team",
     "Deputy Chief Constable – block lead David Whitehouse, Adrian Pearson at Police HQ", "Y"],
    ["Police Authority,", "Police Authority", "Eric Wood", "Y"],
    ["WCC- all directorates",
     "CYPF, Adult Services, Resources, Community Protection, Policy and Development, Environment "
     "and Economy",
     "Hugh Disley, Mark Ryder, Phil Evans, William Brown, Eric Britton, Stan Milewoski at WCC",
     "Y"],
    ["N Warks BC/CDRP", "Community safety", "Robert Beggs @N Warks BC", "Y"],
    ["N&B BC/CDRP", "Community safety", "Rachel Jackson @ N&B BC", "Y"],
    ["Rugby BC/CDRP", "Community safety", "Cedric Faulkner @ Rugby BC", "Y"],
    ["Warwick DC/CDRP", "Community safety", "Pete Cutts @Warwick DC", "Y"],
    ["Stratford DC/CDRP", "Community safety", "Steve Newman @Stratford DC", "Y"],
    ["Probation", "Warwickshire probation", "Liz Stafford/Andy Wade @Probation", "Y"],
    ["CPS", "Crown Prosecution Service", "Mark Lynn @CPS", "Y"],
    ["Courts", "Magistrates Courts", "Mick Taylor at Magistrates Court", None],
    ["N'hood Watch", "County NHW Association", "Brian Lowe", "Y"],
    ["CWIC", "WAYC", "William Clemmey@WAYC", "Y"],
    ["WDVSS", "Domestic Violence Support", "Teri Watts", "Y"],
    ["Victim Support", "Victim Support", "Dee Lytton@Victim Support.", "Y"],
    ["Swanswell Trust", "Swanswell Trust", "Chris Robinson @Swanswell trust", "Y"],
    ["Addaction", "Addaction", "Kirstin Bryan @ Addaction", "Y"],
    ["+many other organisations too numerous to list", None, None, None],
]

# -- resource plan --------------------------------------------------------------------

RESOURCE_WIDTHS_CM = [2.0, 4.0, 2.2, 2.4, 2.2, 2.4, 7.0, 4.5]
FUNDED_HEADER = "What is being funded (eg. Staff, buildings, technology, equipment, services)"
SOURCE_HEADER = ("Source of funding (specify funding stream and organisation receiving the "
                 "funding)")
RESOURCE_HEADERS = ["Financial years:", FUNDED_HEADER, "Capital: £", "Revenue: £",
                    "'In kind' support: £", "Total: £", SOURCE_HEADER,
                    "Funding assured? Y/N"]
STAFF = "Staff, services and interventions"
CAPITAL = "Capital acquisitions"
SSCF = "Source - Home Office Safer and Stronger Communities Funding."
ROAD_SAFETY = "Source – Home Office Road Safety Grant."
BY_WCC_ABG = "Received by - W.C.C. and allocated as part of the Area Based Grant."
BY_WCC_NOT_ABG = "Received by - W.C.C. (Not part of Area Based Grant)."
BY_BLOCK_POT = "Received by – Safer Communities Block as part of the LAA single pot in 2007/08."
CARRY_FORWARD = f"{SSCF} Carry forward from 2007/08."
NO_ASSURANCE = ("No – The Safer Communities Block has had no assurance about how this funding "
                "will be allocated.")


def _money_row(year: str, what: str, capital: str | None, revenue: str | None, source: str,
               assured: str) -> list[object]:
    total = capital or revenue
    return [year, what, capital, revenue, None, total, source, assured]


RESOURCE_TABLES = (
    ("2008/09", [
        [RESOURCE_HEADERS,
         _money_row("2008/09", STAFF, None, "£18,122", f"{CARRY_FORWARD}\n{BY_BLOCK_POT}",
                    "Yes - £18,122 assured to the Safer Communities Block in 2008/09."),
         _money_row("2008/09", STAFF, None, "£583,664", f"{SSCF}\n{BY_WCC_ABG}",
                    "Yes – £583,664 assured to the Safer Communities Block in 2008/09.")],
        [RESOURCE_HEADERS,
         _money_row("2008/09", STAFF, None, "£200,000",
                    "Source - W.C.C. Virtual Bank (advance of the LPSA2 reward grant).\n"
                    "Received by - W.C.C. and allocated to the Safer Communities Block as part of "
                    "the Area Based Grant.",
                    "Yes - Assured to Safer Communities Block in 2008/09."),
         _money_row("2008/09", STAFF, None, "£1,770,000",
                    f"{ROAD_SAFETY}\nReceived by - W.C.C. and allocated as part of the Area Based "
                    "Grant..",
                    "Yes - £1,770,000 assured to Safer Communities Block for allocation to the "
                    "Road Safety Unit in 2008/09."),
         _money_row("2008/09", CAPITAL, "£4,972", None,
                    f"{CARRY_FORWARD}\n{BY_BLOCK_POT.rstrip('.')}",
                    "No - The Safer Communities Block of the Warwickshire LAA has been asked for "
                    "funding proposals, which have not yet gone to the P.S.B. for consideration.")],
        [RESOURCE_HEADERS,
         _money_row("2008/09", CAPITAL, "£173,000", None, f"{SSCF}\n{BY_WCC_NOT_ABG}",
                    "No – The Safer and the Stronger Communities Blocks of the Warwickshire LAA "
                    "have been asked for funding proposals, which have not yet gone to the P.S.B. "
                    "for consideration."),
         _money_row("2008/09", CAPITAL, "£394,000", None, f"{ROAD_SAFETY}\n{BY_WCC_ABG}", "Yes"),
         _money_row("2008/9", "Staff, materials, accommodation, travel", None, "£50,000",
                    "Source- Home Office PCSD national Partnership Performance Improvement "
                    "Funding\nReceived by – Warwickshire Police for the multi-agency violence team",
                    "Yes")],
    ]),
    ("2009/10", [
        # The seed's 2009/10 header has a blank first cell and a garbled total heading.
        [[None, FUNDED_HEADER, "Capital: £", "Revenue: £", "'In kind' support: £",
          "Total: Financial years: £", SOURCE_HEADER, "Funding assured? Y/N"],
         _money_row("2009/10", STAFF, None, "£583,664", f"{SSCF}\n{BY_WCC_ABG}", NO_ASSURANCE),
         _money_row("2009/10", STAFF, None, "£1,633,000", f"{ROAD_SAFETY}\n{BY_WCC_ABG}",
                    NO_ASSURANCE),
         _money_row("2009/10", CAPITAL, "£173,000", None, f"{SSCF}\n{BY_WCC_NOT_ABG}",
                    NO_ASSURANCE),
         _money_row("2009/10", CAPITAL, "£363,000", None, f"{ROAD_SAFETY}\n{BY_WCC_ABG}",
                    NO_ASSURANCE)],
    ]),
    ("2010/11", [
        # Here the source cells are single paragraphs, as in the seed.
        [RESOURCE_HEADERS,
         _money_row("2010/11", STAFF, None, "£583,664", f"{SSCF} {BY_WCC_ABG}", NO_ASSURANCE),
         _money_row("2010/11", STAFF, None, "£1,572,000", f"{ROAD_SAFETY} {BY_WCC_ABG}",
                    NO_ASSURANCE),
         _money_row("2010/11", CAPITAL, "£173,000", None, f"{SSCF} {BY_WCC_NOT_ABG}",
                    NO_ASSURANCE),
         _money_row("2010/11", CAPITAL, "£349,000", None, f"{ROAD_SAFETY} {BY_WCC_ABG}",
                    NO_ASSURANCE),
         ["Completed by:", None, None, None, None, "Date:", None, None]],
    ]),
)


def build(path: Path, borders: bool = True) -> None:
    """Write the plan to ``path``; ``borders=False`` draws every table without borders."""
    doc = new_document("Warwickshire LAA Improvement Delivery Plan - Safer Communities",
                       landscape=True, font_size=9)
    heading(doc, "WARWICKSHIRE LAA IMPROVEMENT DELIVERY PLAN TEMPLATE", level=1)
    _section_a(doc, borders)
    _section_b(doc, borders)
    _section_c(doc, borders)
    _section_d(doc, borders)
    _resource_plan(doc, borders)
    save(doc, path)


def _section_a(doc: Document, borders: bool) -> None:
    heading(doc, "A-Overall Summary", level=2)
    add_table(doc, SUMMARY_ROWS, [1.5, 6.5, 18.7], borders=borders)
    for line in SUMMARY_GUIDANCE:
        para(doc, line)


def _section_b(doc: Document, borders: bool) -> None:
    heading(doc, "B-Block LAA and Local Indicators", level=2)
    para(doc, "Please list the PSB priorities on Narrowing the gap first. Where targets have been "
              "localised, please also show how local activity links to delivering the overall "
              "LAA targets.")
    for indicator_group in INDICATOR_TABLES:
        rows: list[list[object]] = []
        for title, block_text, targets in indicator_group:
            rows.append([title, Span(f"Block: Safer Communities\n{block_text}", 3)])
            rows.append(list(TARGET_HEADERS))
            rows.append(list(targets))
        add_table(doc, rows, [6.0, 7.0, 7.0, 6.7], borders=borders, bold_header=False)
        doc.add_paragraph()


def _section_c(doc: Document, borders: bool) -> None:
    heading(doc, "C-Partnership Involvement", level=2)
    para(doc, "Please list every partner directly involved in delivery. A partner listed here "
              "knows it is listed and has committed to its part of the delivery plan")
    add_table(doc, PARTNER_ROWS, [5.5, 8.0, 8.7, 4.5], header_rows=1, borders=borders)


def _section_d(doc: Document, borders: bool) -> None:
    heading(doc, "D-Interventions to Improve Performance Towards Outcome Targets", level=2)
    para(doc, "The table below gives a high level summary, indicator by indicator, of the main "
              "activities that will deliver the improvement targets. Activities should cover the "
              "3 year period of the LAA, although those for years 2 and 3 may be less developed "
              "at this stage. Please also say in the activity column whether an activity comes "
              "from another strategic plan.")
    para(doc, "Please NOTE;", bold=True)
    para(doc, "CDRP partnership plans and the countywide Community Safety Agreement run for 3 "
              "years with agreed priorities, but the interventions listed here are annual plans. "
              "Each year the CDRPs' partnership plans and the Community Safety Agreement go "
              "through a statutory annual strategic assessment (with the police) that sets the "
              "priorities for the coming year, and its data drives any change to those plans and "
              "to the Agreement. Action plans for the strategies listed are annual plans too.")
    para(doc, "These interventions are expected to be reviewed each year for success, when CDRPs "
              "and county organisations will decide whether to continue them.")
    for key_area in KEY_AREAS:
        add_table(doc, _key_area_rows(key_area), ACTION_WIDTHS_CM, header_rows=1,
                  borders=borders)
        for note in key_area.note_after:
            para(doc, note)
        doc.add_paragraph()
    add_table(doc, [["Risk management: Description of any high level risk",
                     "Actions to mitigate risk", "By whom – lead officer", "Timescales", None],
                    ["Please see attached Risk register", None, None, None, None]],
              ACTION_WIDTHS_CM, header_rows=1, borders=borders)


def _key_area_rows(key_area: KeyArea) -> list[list[object]]:
    """Header row, then activity rows under one key-area cell merged down the whole table."""
    rows: list[list[object]] = [list(ACTION_HEADERS)]
    for activity in key_area.activities:
        key_cell = VMerge(key_area.text) if len(rows) == 1 else VMERGE_CONTINUE
        rows.append([key_cell, activity.text, activity.owner, activity.milestones,
                     activity.dates])
        for date in activity.run_on_dates:
            rows.append([VMERGE_CONTINUE, None, None, None, date])
    return rows


def _resource_plan(doc: Document, borders: bool) -> None:
    heading(doc, "RESOURCE PLAN", level=2)
    para(doc, "Please give an assessment of the total cost of delivering the plan. It is needed "
              "to")
    for purpose in ("show the total investment being made",
                    "show what different partners are each aligning",
                    "show the link, where relevant, to the LAA centrally pooled funding"):
        para(doc, f"- {purpose}")
    para(doc, "PLEASE NOTE", bold=True)
    para(doc, "Every partner has contributed to these interventions, in money or in kind, but "
              "those contributions cannot be quantified.")
    for year, tables in RESOURCE_TABLES:
        para(doc, year, bold=True)
        for rows in tables:
            add_table(doc, rows, RESOURCE_WIDTHS_CM, header_rows=1, borders=borders)
            doc.add_paragraph()
