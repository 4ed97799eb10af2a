"""Sample 000: Leicestershire "Sensible Measures" alcohol action plan, Oct 2008 - Apr 2009.

Rebuilt from seed 000 (a PDF original) as a landscape Word file: a cover page
with the smiley key, contents list and introduction bullets; then ONE
8-column action table whose header row repeats on every page, with theme rows
("PREVENTION THEME") and numbered objective rows ("2- Increase targeted ...")
merged across all columns and actions numbered 1.1, 1.2 ... restarting under
each objective, the number written at the start of the action text while the
narrow first column stays empty. After it come the district x outcome summary
table (not actions) and the appendix list of National Indicators.

The seed's mess is kept on purpose, because the extractors must cope with it:
an action with no number, "Develop actions in the refresh process" rows, the
missing 3.6 and Treatment objective 7, "1.1." with a trailing dot, owner cells
naming several organisations with no separator, a treatment row holding two
actions ("4.1 ... 4.2 ...") with two dates, the "5.1 ... 5.2 ..." row with one
owner and one date, a person-names owner cell, two-digit years ("October 08"),
NI codes in benefit cells ("Ni32"), and long rows that a page break cuts.
Prose is paraphrased; references, names, dates, codes and headings are the
seed's.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from docxkit import Span, add_table, heading, new_document, page_break, para, save

from plans import bold_rows, set_font_size

FILENAME = "000_sensible_measures.docx"
TITLE = "Sensible Measures – Action Plan"


class Row(NamedTuple):
    """One action row; ``action`` starts with its reference, paragraphs split by newlines."""

    action: str
    benefits: str
    owners: str
    timescale: str


class Objective(NamedTuple):
    heading: str
    rows: tuple[Row, ...]


REFRESH = "Develop actions in the refresh process"
DAAT = "Leicestershire DAAT"
DAAT_LCC = "Leicestershire DAAT Leicestershire County Council"
LCC = "Leicestershire County Council"
POLICE = "Leicestershire Police"
PCT = "Leicestershire and Rutland PCT"
CDRPS = "District CDRP's"
SEASONAL = "District CDRP's Leicestershire Police Leicestershire Fire and Rescue Service"

PREVENTION = (
    Objective(
        "1- Give consistent information and advice , so that a broad range of people (i.e. "
        "young people, black and minority ethnic populations, new arrivals, homeless people) "
        "understand the risks of drinking",
        (
            Row(
                "1.1 Produce an LLR wide communication strategy that spreads the same messages to "
                "priority groups under one recognisable brand across the sub region. (An alcohol "
                "harm reduction publicity group may be set up) (See Appendix 1 Outcome 6 & 7 "
                "CDRP toolkit/CSP Action Plans)",
                "A communication strategy shared by several agencies will give alcohol harm "
                "reduction messages one joined-up and consistent voice",
                POLICE,
                "November 2008",
            ),
            Row(
                "1.2 Use the PSHE framework to run a planned programme of PHSE, (Healthy Schools) "
                "that follows the relevant DfES/QCA guidance (i.e. each school has a drug "
                "(including alcohol) policy that meets DfES guidance",
                "The LAA target is for 87% of all Leicestershire Schools to hold Healthy Schools "
                "status by April 2009. Drug and alcohol education is one of the main parts of "
                "the programme.",
                LCC,
                "March 2009",
            ),
            Row(
                "1.3 Assess how well the recent Bluetooth NTE project worked",
                "The evaluation will show whether or not this technology is worth using in the "
                "NTE",
                LCC,
                "November 2008",
            ),
            Row(
                "1.4 Set up a management system for Bluetooth through the Leicestershire County "
                "Council Community Safety Team so that other partners can use the technology",
                "With a management system partners will find it easier to use the technology in "
                "their own projects, and the running costs of the equipment will be covered",
                LCC,
                "October 2008",
            ),
            Row(
                "1.5 Work with the traveller liaison officer to scope the nature and extent of "
                "alcohol use in the travelling community. Review the current interventions and, "
                "where needed, look for ways to build on them",
                "The scoping work will establish what impact the current ways of delivery have",
                DAAT_LCC,
                "March 2009",
            ),
            Row(
                "1.6 Look for chances to run local campaigns to compliment national/regional ones",
                "Gives regional/national issues a local angle and uses the momentum of "
                "national/regional campaigns for the greatest impact",
                "Leicestershire and Rutland PCT Leicestershire DAAT",
                "Ongoing",
            ),
            Row(
                "1.7 Update the DAAT website and Facebook Group and increase the links to and from "
                "both sites.",
                "A low cost resource and information point for the public",
                DAAT,
                "December 2008",
            ),
            Row(
                "1.8 Make a DVD and support pack with Guthlaxton College on the issues of proxy "
                "purchasing (part of the proxy purchasing project)",
                "No educational resource on the market deals with proxy purchasing at present, "
                "although the problem is growing in the county. Young people will make this "
                "resource for young people, and it will be shown in secondary schools throughout "
                "the county.",
                "Leicestershire Police Leicestershire DAAT",
                "January 2009",
            ),
        ),
    ),
    Objective(
        "2- Increase targeted community- based diversionary leisure activities for the young "
        "people and adult offenders most 'at risk'",
        (
            Row(
                "2.1 Widen access to community based leisure activities for priority groups of "
                "young people (See Appendix 1 Outcome 8 CDRP toolkit/CSP Action Plans)",
                "A targeted approach will make the most of limited resources across the county "
                "and give at risk groups of young people more chances to be diverted away from "
                "ASB.",
                CDRPS,
                "March 2009",
            ),
        ),
    ),
    Objective(
        "3- Work with the employers most 'at risk' to develop workplace alcohol policies and "
        "interventions",
        (
            Row(
                "3.1 Carry out a scoping exercise to find the high risk employers, how many people "
                "they employ and where they are in Leicestershire.",
                "The exercise will improve what is known about the level of need and help pick "
                "out the types of employer to target.",
                DAAT_LCC,
                "February 2009",
            ),
            Row(
                "3.2 Explore whether funding can be found for a pilot employment link worker post",
                "A link worker could approach, liaise and work closely with the target employer "
                "groups to raise awareness and to develop workplace policies and clear referral "
                "pathways for help with substance use",
                DAAT_LCC,
                "March 2009",
            ),
        ),
    ),
    Objective(
        "4- Improve knowledge and partnership working between sexual health and alcohol "
        "specific agencies, so that messages and interventions reach these target groups",
        (
            Row(
                "4.1 Develop a new Christmas campaign that builds on the work of previous years",
                "Evidence from the Rochdale Teenage Pregnancy Partnership shows that alcohol is "
                "seen both negatively and positively in connection with sexual activity. The "
                "campaign will teach the target audiences about the links between drinking and "
                "sexual risk taking",
                DAAT_LCC,
                "December 2008",
            ),
            Row(
                "4.2 Write an information page on alcohol, risk, advice etc for the teenage "
                "pregnancy partnership's young peoples help resource booklet",
                "Young people looking for advice on alcohol will find information and "
                "signposting",
                DAAT_LCC,
                "October 2008",
            ),
            Row(
                "4.3 A DAAT representative to attend the multi-agency Teenage Pregnancy "
                "Partnership forum regularly. Invite YP substance use service providers to the "
                "meeting",
                "Creates chances for joint working",
                DAAT,
                "March 2009",
            ),
            Row(
                "4.4 Set up a task and finish group of TP coordinators and substance use service "
                "providers to look at swapping training sessions/improving the flow of knowledge "
                "/notable practice.",
                "Will show what workers need, improve their skills and help strengthen working "
                "relationships",
                "Leicestershire DAAT Leicestershire County Council Service providers",
                "March 2009",
            ),
        ),
    ),
    Objective(
        "5- Strengthen partnership working between alcohol agencies and fire and rescue services "
        "by promoting fire safety education packages to vulnerable groups of drinkers",
        (
            Row(
                "5.1 Bring together a task and finish group of fire and rescue service managers, "
                "service providers and DAAT officers to set up a pilot home fire safety check "
                "project (in one chosen geographical area).",
                "Drug and Alcohol users run a higher risk of being caught up in dwelling fires. "
                "So far the Fire and rescue services have not managed to build a systematic, "
                "targeted approach to this group. A pilot scheme will let the agencies try out "
                "joint working in this area.",
                "Leicestershire DAAT Leicestershire County and Rutland Fire and Rescue Service "
                "Service providers",
                "January 2009",
            ),
        ),
    ),
    Objective(
        "6-Work with care providers on ways to prevent alcohol related falls and accidents among "
        "the most vulnerable groups in the community",
        (Row(REFRESH, "", "", "March 2009"),),
    ),
    Objective(
        "7-Assess how much alcohol related information and support is available to people with "
        "physical and learning disabilities",
        (Row(REFRESH, "", "", "March 2009"),),
    ),
)

COMMUNITY_SAFETY = (
    Objective(
        "1-Reduce further the alcohol related rowdy, inconsiderate and violent behaviour in "
        "public places/ licensed premises through interventions such as NTE strategies across "
        "the districts",
        (
            Row(
                "1.1. Fewer incidents of alcohol related rowdy, inconsiderate and violent "
                "behaviour in public places/ licensed premises (See Appendix 1 Outcome 1 CDRP "
                "toolkit/CSP Action Plans).",
                "Has direct links with NI20, NI24, NI195",
                "Leicestershire Police District CDRP's",
                "March 2009",
            ),
            Row(
                "1.2 Put in place and monitor the NTE strategies in Coalville, Ashby, "
                "Loughborough and Hinckley.",
                "See above",
                CDRPS,
                "March 2009",
            ),
            Row(
                "Scope feasibility of creating a Night Time Economy Strategy in Market Harborough",
                "An NTE strategy would give a focused multi agency response that limits the harm "
                "the NTE does in the town",
                "Harborough CDRP Leicestershire DAAT",
                "February 2009",
            ),
            Row(
                "1.4 Leicestershire DAAT to join in the district CDRP's community safety plan "
                "refresh. Run workshops on alcohol related issues and agree priorities for the "
                "new financial year",
                "Review progress and identify emerging priorities",
                "Leicestershire DAAT District CDRP's",
                "February 2009",
            ),
            Row(
                "1.5 Set up a task and finish group to analyse the results of the latest "
                "Leicestershire user satisfaction survey.",
                "The key findings of the survey will help the police coordinate a response that "
                "improves how the public see ASB.",
                "Leicestershire Police Core Performance Group",
                "January 2009",
            ),
        ),
    ),
    Objective(
        "2-Commission a full Alcohol Arrest Referral and Conditional Cautioning scheme to cut "
        "alcohol related re-offending, and improve treatment for offenders (i.e. brief "
        "interventions, Alcohol Treatment Requirements and better treatment pathways) so that "
        "re-offending rates fall",
        (
            Row(
                "2.1 Reshape Addaction service provision to take the pilot Alcohol Conditional "
                "Caution Pilot (ACC) scheme",
                "ACC/AAR will bring alcohol interventions into the CJS, aiming to cut re "
                "offending rates and improve health outcomes. Links in with NI20, NI24",
                DAAT,
                "October 2008",
            ),
            Row(
                "2.2 Put the Alcohol Arrest Referral Pilot in place",
                "See above",
                DAAT,
                "January 2009",
            ),
            Row(
                "2.3 Continue and extend the Alcohol Treatment Requirement Pilot by bidding into "
                "the County and Rutland PCT Local Operational Plan refresh.",
                "Many offenders are dependent on alcohol; this intervention gives them support "
                "as part of a community sentence. Links in with NI19, NI20",
                "Leicestershire and Rutland PCT Leicestershire and Rutland Probation Trust",
                "October 2008",
            ),
        ),
    ),
    Objective(
        "3- Improve strategic and operational working between alcohol and domestic violence "
        "partnerships and tie the alcohol strategy into the Leicestershire County Domestic "
        "Violence Strategy i.e. through MARAC, SDVC and IDVA",
        (
            Row(
                "3.1 Make sure the Alcohol Arrest Referral scheme provides for DV offenders and "
                "victims",
                "Gives both victims and perpetrators a route into the treatment system. Links in "
                "with NI20, Ni32",
                DAAT,
                "December 2008",
            ),
            Row(
                "3.2 Build stronger working links between alcohol/substance use and Domestic "
                "Violence services through a joint workshop to discuss the issues and agree "
                "joint priorities",
                "Creates chances to develop closer working links",
                DAAT_LCC,
                "January 2009",
            ),
            Row(
                "3.3 Put domestic violence and substance use (including alcohol) into the "
                "LAASC/PSA Rewards Grant/BCU training bid. If the bid fails, make sure DV is part "
                "of other proposals. Talk to the DAAT training consortium",
                "Drug and alcohol training will help DV workers raise the issue, give support and "
                "refer people on to substance use services. Drug workers will be trained on DV "
                "(an agency is commissioned through the training consortium), but widening the "
                "offer would reach more workers.",
                DAAT,
                "October 08",
            ),
            Row(
                "3.4 If these do not succeed, find other ways for DV and Alcohol Services to learn "
                "about each others field",
                "See above, the workshop can cover this",
                "Leicestershire DAAT Leicestershire County Council Service Providers",
                "January 2009",
            ),
            Row(
                "3.5 Explore whether Service Level Agreements can require alcohol services to "
                "screen clients for Domestic Violence and the other way round",
                "May bring further issues to light and give chances for suitable support",
                DAAT,
                "November 2008",
            ),
            Row(
                "3.7 Find out how much data on alcohol-related DV is held by the police, social "
                "services, DV agencies, alcohol services and probation",
                "Helps shape strategic and tactical responses",
                DAAT_LCC,
                "March 2009",
            ),
            Row(
                "3.8 Deliver the DV actions set out in the local Borough alcohol/DV/community "
                "safety action plans (See outcome 2 CDRP/CSP Action Plan)",
                "Central parts of the Community Safety Strategies and the DV strategy. Links in "
                "with NI32",
                CDRPS,
                "March 2009",
            ),
        ),
    ),
    Objective(
        "4-Develop closer working links with more representatives of the alcohol industry, "
        "regionally and locally, to meet the aim and objectives of the alcohol strategy by "
        "putting good practice in place e.g. Voluntary Codes, Challenge 21, Pubwatch and, where "
        "feasible, schemes such as Best Bar None and Business Improvement Districts",
        (
            Row(
                "4.1 District CDRP's keep working with Pubwatch as part of the alcohol/community "
                "safety action plans (See Appendix 1 Outcome 5 CDRP toolkit/CSP Action Plans)",
                "Pubwatch lets premises regulate themselves and share information on disruptive "
                "people, who are then barred from every participating premises for an agreed "
                "period. It is also a good link between landlords, police and the councils",
                CDRPS,
                "March 2009",
            ),
            Row("4.2 Create a Blaby Pubwatch", "See above", "Blaby District Council "
                "Leicestershire DAAT", "January 09"),
            Row(
                "4.3 Invite representatives of the alcohol industry (on and off trade and "
                "supermarkets reps) to the alcohol forum once it exists",
                "Opens a dialogue with the other partners and brings in the industry's point of "
                "view",
                DAAT,
                "December 2008",
            ),
            # Long on purpose: like the seed's 4.4, this row is meant to be cut by a page break.
            Row(
                "4.4 Write to off licences traders inviting them to a workshop about responsible "
                "retailing. The letter will explain the law on underage and proxy sales, name "
                "the partners taking part and offer dates and venues in each district, so that "
                "small independent shops as well as chain stores can come. At the workshop "
                "consider with partners whether to set up a countywide off license forum, who "
                "would chair it, how often it would meet and how its members would keep in "
                "touch between meetings",
                "The workshop will set out what retailers are responsible for and offer "
                "practical answers to the problems they raise, as well as a chance to share "
                "experiences. Topics are likely to include checking proof of age, refusing "
                "sales that look like proxy purchases, training and supervising new staff, "
                "keeping a refusals log and displaying Challenge 21 material. A forum would "
                "keep communication going and give continuing chances to improve practice. It "
                "would also give trading standards and the police one place to share warnings "
                "about counterfeit stock and about problem customers, and give retailers a way "
                "to raise concerns with the partnership before they turn into enforcement "
                "cases.",
                POLICE,
                "February 2009",
            ),
            Row(
                "4.5 Give one sergeant from each Local police Unit the Certificate in Alcohol "
                "Licensing training",
                "With trained sergeants, links with license holders will be closer because the "
                "issues will be better understood.",
                POLICE,
                "February 2009",
            ),
        ),
    ),
    Objective(
        "5-Reduce further the number of retailers selling to under 18's, tackle proxy "
        "purchasing and build trading standards capacity to meet the key aim of "
        "Safe.Sensible.Social",
        (
            Row(
                "5.1 Trading standards to run 6 test purchase operations between October and the "
                "new financial year.",
                "Traders who sell to under 18's are identified and prosecuted. Links in with "
                "NI19, NI20, and NI24",
                "Trading Standards",
                "March 2009",
            ),
            Row(
                "5.2 Local Boroughs and alcohol retailers to keep working with trading standards "
                "to roll out challenge 21 as set out in the alcohol/community safety action plans",
                "If Challenge 21 is widely adopted, under 18s will have fewer chances to buy "
                "alcohol from traders. Links in with KPI outlined above",
                CDRPS,
                "March 2009",
            ),
            Row(
                "5.3 Find out about any district validate/pass card schemes",
                "A check so that a countywide scheme does not duplicate them",
                DAAT,
                "October 2008",
            ),
            Row(
                "5.4 Carry on with the South Area Proxy Purchase project",
                "The project is a partnership response to the growing problem of proxy "
                "purchasing, which the south has named a joint priority. It combines "
                "enforcement with education, questions how people see the issue and teaches "
                "young people about the risks. Links in with NI20, NI24, NI110 and NI115",
                "South Area CDRP's Leicestershire Police Leicestershire DAAT",
                "March 2009",
            ),
            Row(
                "5.5 Look for ways to fund a Trading Standards Alcohol Control Officer",
                "More capacity for test purchasing and projects. Links into KPI's above",
                "Trading Standards",
                "March 2009",
            ),
            Row(
                "5.6 Bring a group together to discuss any problems with collecting and sharing "
                "data between the Police, Trading Standards and District Licensing Authorities",
                "Could improve data sharing and tactical responses.",
                "Trading Standards",
                "February 09",
            ),
        ),
    ),
    Objective(
        "6-Reduce the incidence of drink driving by, for example, building alcohol education "
        "into Pass Plus schemes (and motorbike Compulsory Basic Training) and using a problem "
        "profiling system to find the groups most likely to drink and drive",
        (
            Row(
                "6.1 Set up links between the Districts Community Safety Partnerships and the "
                "County Council Road Safety Team (See Appendix 1 Outcome 4 CDRP toolkit/CSP "
                "Action Plans)",
                "May open up chances to improve analysis and joint working Links with NI47",
                "District CDRP's Leicestershire County Council",
                "March 2009",
            ),
            Row("Develop other actions in the refresh process", "", "", "March 2009"),
        ),
    ),
    Objective(
        "7-Improve data collection through an ED data sharing system shared with CDRP's, "
        "together with alcohol related ambulance call out data, and make better use of the "
        "alcohol flag on the police system",
        (
            Row(
                "7.1 Bring a project group together to set up an ED data sharing system in LRI, "
                "aiming to have it working by March 2009",
                "With a data sharing system, disaggregated data can go to CDRP's. This will help "
                "them find hotspot areas and respond to them. It will influence NI20, NI24, and "
                "NI32",
                "Leicestershire and Rutland PCT Leicestershire Police",
                "March 09",
            ),
        ),
    ),
    Objective(
        "8-Closer partnership working during seasonal/specific police led operations",
        (
            Row(
                '8.1 Carry out the "Not in our neighbourhood action plan"',
                "The action plans will improve multi agency working at the busiest times of the "
                "year. Expected benefits include higher user satisfaction and less ASB, violence "
                "and deliberate fire setting over this period",
                SEASONAL,
                "October 2008",
            ),
            Row(
                "8.2 Carry out the countywide joint agency Halloween and Bonfire night action plan",
                "See above",
                SEASONAL,
                "November 2008",
            ),
            Row(
                "8.3 Take a multi agency approach to the funding for alcohol related partnership "
                "activity",
                "A joint bid stands a better chance of success and will also deal with issues "
                "that cut across the partnerships",
                "Rich Hiom Dave Frank Chris Woodward Nick Jones District CDRP's",
                "October 2008",
            ),
            Row(
                "8.4 Plan and deliver countywide joint agency tactical options over the Christmas "
                "and New Year period",
                "See point 8.1 excluding deliberate fires",
                SEASONAL,
                "December 2008",
            ),
            Row(
                "8.5 Start planning the spring tactical options.",
                "See point 8.1 excluding deliberate fires",
                SEASONAL,
                "January 2009",
            ),
        ),
    ),
)

TREATMENT = (
    Objective(
        "1-Leicestershire County Council sits on the LLR Joint Strategic Alcohol Harm Reduction "
        "Group and will work with partners towards shared aims across the sub-region",
        (
            Row(
                "1.1 Leicestershire County Council Safer Communities lead to go to the meetings",
                "Leicestershire County Council will take an active part by working with the "
                "representatives in the sub regional group",
                LCC,
                "March 2009",
            ),
            Row("1.2 DAAT alcohol lead to go to the meeting", "See above", DAAT, "March 2009"),
        ),
    ),
    Objective(
        "2- Leicestershire DAAT leads the alcohol needs assessment process, as part of the "
        "overarching Joint Strategic Needs Assessment",
        (
            Row(
                "2.1 Bring alcohol into the needs assessment process (for the adult treatment "
                "plan)",
                "A process already exists for drug treatment, so adding alcohol makes sense: the "
                "resources are in place, drugs and alcohol overlap a great deal, and for the most "
                "part the same services, commissioners and data sources deal with both. Using "
                "one process also means the findings for drugs and for alcohol can be read side "
                "by side, gaps that affect both can be found once, and providers are asked for "
                "their data only one time each year rather than twice.",
                DAAT,
                "January 2009",
            ),
            Row(
                "2.2 Use what MAMM group members, locality meetings/service user meetings say to "
                "shape future needs assessment processes",
                "Service managers, staff and service users will feed into the needs assessment "
                "process and will also point out new needs",
                DAAT,
                "January 2009",
            ),
            Row(
                "2.3 Collect feedback from local consultation processes in the districts (See "
                "Appendix 1 Outcome 5 CDRP toolkit/CSP Action Plans)",
                "Feedback from district council consultation will help collect the public's "
                "views on alcohol related issues where they live",
                "Leicestershire DAAT District Councils",
                "January 2009",
            ),
            Row(
                "2.4 Connect with community engagement activity in Leicestershire. Look for "
                "chances to collect information through community forums and other processes",
                "See above",
                DAAT_LCC,
                "January 2009",
            ),
            Row(
                "2.5 Set up an Alcohol Advisory Group",
                "The group will give ongoing information and point out changing needs and "
                "recommendations for future needs assessments and strategic decisions. It will "
                "link with Leicestershire DAAT and the LLR alcohol strategy group.",
                DAAT,
                "December 2008",
            ),
            Row(
                "2.6 Link into the Leicestershire Parenting Strategy-Look for chances to consult "
                "parents about alcohol and young people",
                "What is gathered can feed into future young peoples needs assessment processes",
                DAAT,
                "February 2009",
            ),
            Row(
                "2.7 Feed all information into the strategic assessment process (as part of the "
                "JSNA).",
                "Passing the information on through the JSNA will help inform strategic "
                "decisions.",
                DAAT,
                "Ongoing",
            ),
        ),
    ),
    Objective(
        "3-Leicestershire DAAT carries out an Equality Impact Assessment of the Alcohol Strategy "
        "and takes responsibility for any further EIA work and future assessments on equality "
        "and diversity",
        (
            Row(
                "3.1 Bring alcohol into the EIA process that will be carried out for drug "
                "treatment",
                "Drug treatment already has a process, which makes the alcohol process easier "
                "to develop. Drug and alcohol issues also overlap a great deal.",
                DAAT,
                "January 2009",
            ),
        ),
    ),
    Objective(
        "4-Leicestershire DAAT will review alcohol treatment services in the County and make "
        "sure treatment provision is aligned to MoCAM",
        (
            # Two actions in one row, each with its own date paragraph.
            Row(
                "4.1 Map the alcohol process for the criminal justice system across LLR\n"
                "4.2 Map the process for community alcohol services in Leicester and Rutland",
                "A process map (in line with MoCAM) will show the kinds of treatment in the "
                "system, referral pathways, current capacity and problems, and estimate the "
                "resources needed to meet demand\nSee above",
                "Leicestershire DAAT Leicestershire DAAT",
                "February2009\nFebruary 2009",
            ),
        ),
    ),
    Objective(
        "5-The will support joint key priorities, including models of care for treatment "
        "provision and other key areas such as consistent communications across the sub region",
        (
            # Two actions in one row sharing one owner and one date.
            Row(
                "5.1 See 4.1 and 4.2, connect the process mapping exercise with the work under way "
                "in Leicester City\n5.2 See 1.1 (PREVENTION) re communications strategy",
                "Working with Leicester City will bring out shared priorities and chances for "
                "joint working",
                "LLR Joint Strategic Alcohol Harm Reduction Group",
                "February 2009",
            ),
        ),
    ),
    Objective(
        "6-The DAAT and the LLR Joint Strategic Group will use every available chance to improve "
        "alcohol service provision. Every proposal and any commissioning of services that "
        "follows will reflect the priorities found in the review process and EIA",
        (
            Row(
                "6.1 LCRPCT public health representatives are working to make alcohol a key "
                "priority within the World Class Commissioning Process, as part of the five year "
                "strategic plan",
                "Making alcohol one of the ten key priorities will strengthen the case for any "
                "future bids. This will influence NI39 and other vital signs indicators",
                PCT,
                "October 2008",
            ),
            Row(
                "6.2 LCRPCT to bid into the Local Operational Plan (LOP) for tier one training and "
                "screening/brief interventions through GP LES, nurses/pharmacist",
                "A successful bid will add capacity to the treatment system (capacity currently "
                "falls well short), so that more people with alcohol problems can be identified "
                "and treated. It also adds capacity to work with people coming from the AAR "
                "scheme.",
                PCT,
                "March 2009",
            ),
            Row(
                "6.3 LCRPCT to bid into the LOP for more capacity at tier two and three",
                "See above",
                PCT,
                "March 2009",
            ),
        ),
    ),
    # The seed has no Treatment objective 7.
    Objective(
        "8-The DAAT will lead on developing a service users group, an alcohol services "
        "directory, an e newsletter and an online portal for sharing good practice across the "
        "region",
        (
            Row(
                "8.1 Publish a quarterly alcohol strategy newsletter",
                "The newsletter will promote the alcohol strategy's work, highlight initiatives "
                "and keep partners up to date on key developments",
                DAAT,
                "October 2008",
            ),
        ),
    ),
)

THEMES: tuple[tuple[str, tuple[Objective, ...]], ...] = (
    ("PREVENTION THEME", PREVENTION),
    ("COMMUNITY SAFETY THEME", COMMUNITY_SAFETY),
    ("TREATMENT THEME", TREATMENT),
)

ACTION_HEADER = [
    None,
    "Action",
    "Anticipated benefits",
    "Anticipated Benefits Realised - Outcomes",
    "Lead responsibility\nOther Partners and agencies involved",
    "Time Scale",
    "Progress Smiley Faces",
    "Notes",
]
#: Narrow empty first column, wide action and benefit columns (landscape A4, 26.7 cm of text).
ACTION_WIDTHS_CM = [0.6, 6.3, 5.9, 2.9, 3.5, 2.6, 2.2, 2.7]

DISTRICTS = [
    "Blaby",
    "Oadby & Wigston",
    "Harborough",
    "Charnwood",
    "Melton",
    "North West Leicestershire",
    "Hinckley & Bosworth",
]
SUMMARY_WIDTHS_CM = [4.2] + [2.9] * len(DISTRICTS) + [2.2]

TACTICS = "Police and partners have tactical options and specific operations in place/planned."
ASB = "ASB officer/PCSO/Police work together to target persistent ASB offenders"
DV = "DV Forum active, links with DV publicity group/alcohol and dv campaigns."
UNDERAGE_REPORTING = "Growing use of the reporting system for underage sales, TUSAC."
C21 = f"Challenge 21.{UNDERAGE_REPORTING}"
ROADS_IN = (
    "Road safety is part of the Community Safety Strategy. Action on linking with the County "
    "Road Safety Team."
)
ROADS_OUT = "Road safety not a priority in the Community Safety Strategy"
FREE_PASS = "Free Pass cards available in libraries"
FACE = '"Face the people" consultation session before the end of the financial year.'
FORUMS = "Community Forums\nParish Forums"
LLR_COMMS = "Links to be made with the LLR communications strategy being developed."
BUS = "Safety Crew and 637 bus use an interactive approach to alcohol."
YOUTH = "Targeted use of district youth workers and Impact team in hotspot areas"

#: District x outcome cells, in DISTRICTS order (paraphrased headlines, not actions).
SUMMARY: list[tuple[str, list[str]]] = [
    (
        "1. Reduced incidents of public place/ licensed premises based alcohol related rowdy , "
        "inconsiderate and violent behaviour",
        [
            f"{TACTICS}\nNTE Strategy N/A\n{ASB}",
            f"{TACTICS}\nNTE Strategy N/A\n{ASB}",
            f"{TACTICS}\nNTE Strategy to be developed (subject to resources)\n{ASB}",
            f"{TACTICS}\nNTE Strategy\n{ASB}",
            f"{TACTICS}\nNTE Strategy\n{ASB}",
            f"{TACTICS}\nNTE Strategy\n{ASB}",
            f"{TACTICS}\nNTE Strategy\n{ASB}\nCommunity Alcohol Worker in post to link with CSP",
        ],
    ),
    (
        "2. Improved partnership working between alcohol and DV services",
        [
            f"{DV} CAT Team are virtual members of the Domestic Violence Forum",
            DV,
            f"{DV} Work under way with victims of DV to find out the part alcohol plays.",
            f"{DV} Links with Turning Point under way, specialist DV service being developed.",
            DV,
            f"{DV} Alcohol training for DV staff being developed with an external provider. "
            "Police/partners putting together an alcohol resource pack.",
            f"{DV} Possible links with the new community alcohol worker.",
        ],
    ),
    (
        "3. Reduction in retailers selling to under 18s",
        [
            f"Challenge 21. Challenge 21 Project success. {UNDERAGE_REPORTING} Part of proxy "
            "purchase project.",
            f"{C21} Part of proxy purchase project.",
            C21,
            C21,
            C21,
            C21,
            f"{C21} Part of proxy purchase project",
        ],
    ),
    (
        "4. Reduced drink driving",
        [ROADS_IN, ROADS_IN, ROADS_OUT, ROADS_OUT,
         "Road Safety not a specific priority in the Community Safety Strategy",
         "Road Safety not a specific priority in the Community Safety Strategy", ROADS_IN],
    ),
    (
        "5. Alcohol industry building on good practice through the implementation of "
        "initiatives",
        [
            f"Blaby Pubwatch being developed in Action plan\n{FREE_PASS}",
            f"Pubwatch active, local supermarkets take part in JAG meetings\n{FREE_PASS}",
            "Pubwatch active in market Harborough, links with HART, new drop in service for "
            f"Pubwatch and Hart members\nLutterworth Pubwatch starting up\n{FREE_PASS}",
            f"Pubwatch active in Loughborough\n{FREE_PASS}",
            f"Pubwatch active in Melton Mowbray\n{FREE_PASS}",
            f"Pubwatch active in Ashby, Coalville being re launched in October\n{FREE_PASS}",
            f"Pubwatch active in Hinckley\n{FREE_PASS}",
        ],
    ),
    (
        "6. Effective communication channels with the local community to participate in "
        "shaping the alcohol strategy",
        [
            f"{FACE}\n{FORUMS}\nCouncillors take the alcohol action plan forward through the "
            "scrutiny commission/sub group",
            f"{FACE}\n{FORUMS}",
            f"{FACE}\n{FORUMS}",
            f"{FACE}\n{FORUMS}",
            f"{FACE}\n{FORUMS}",
            f"{FACE}\nNeighbourhood forums\n{FORUMS}",
            f"{FACE}\n{FORUMS}",
        ],
    ),
    (
        "7. New kinds of information and advice aimed at people who may drink at harmful levels",
        [
            f"{LLR_COMMS} {BUS}",
            f"{LLR_COMMS} {BUS} Education DVD being made with Guthlaxton College (Subject to "
            "funding)",
            f"{LLR_COMMS} Funding to develop an education campaign aimed at young people",
            f"{LLR_COMMS} Turning Point and Charnwood DC run a stall at the fresher fair.",
            f"{LLR_COMMS} Sensible Measures Melton will give some focus to prevention "
            "messages. Key messages /campaigns under development",
            f"{LLR_COMMS} Recent Bluetooth project aimed at users of the NTE.",
            "Links to be made with the countywide communications strategy being developed. "
            f"{BUS} Recent Bluetooth project aimed at users of the NTE.",
        ],
    ),
    (
        "8. Increased access to community based leisure activities for priority groups of young "
        "people",
        [
            f"{YOUTH}\nTargeted use of 637 bus",
            f"{YOUTH}\nTargeted use of 637 bus",
            YOUTH,
            YOUTH,
            YOUTH,
            f"{YOUTH}\nPositive futures active, MWPSC have funded it for this financial year",
            f"{YOUTH}\nTargeted use of 637 bus",
        ],
    ),
]

#: Appendix entries exactly as the seed prints them (codes and titles are facts).
NATIONAL_INDICATORS = [
    "NI2-People who feel that they belong to their neighbourhood",
    "NI4-% people who feel they can influence decisions about their locality",
    "NI8-Adult Participation in Sport (DCMS DSO)",
    "NI18-Adult re-offending rates for those under probation supervision (PSA 23)",
    "NI19-Rate of proven re-offending by young offenders (PSA23)",
    "NI20-Assault with injury crime rate (PSA 25)",
    "NI24-Satisfaction with the way the police and local council dealt with anti social "
    "behaviour (HO DSO)",
    'NI 32-Repeat incidents of domestic violence" (PSA 23)',
    "NI47-People killed or seriously injured in road traffic accidents (DFT DSO)",
    "NI110-Young Peoples participation in positive activities",
    "NI112-Under 18 Conception Rate",
    "Ni115-Substance Misuse by Young People",
    "NI119-Self Reported measure of people's wellbeing",
    "NI125-Achieving independence for older people through rehabilitation/intermediate care",
    "NI142-Number of vulnerable people who are supported to maintain independent living "
    "(PSA 17)",
]

CONTENTS = [
    ("Introduction", "Page 3"),
    ("Prevention Theme", "Page 4-7"),
    ("Community Safety Theme", "Page 7-12"),
    ("Treatment Theme", "Page 12-15"),
    ("Crime and Disorder Partnership Alcohol Action Plans Summary Table", "Page 16-17"),
    ("Appendix One-Relevant National Indicators", "Page 18"),
]

INTRODUCTION = [
    "This action plan sets out the work for the next six months; it follows the key priorities "
    "of the Sensible Measures Strategy Document published in October 2008.",
    "It also lists headline actions from the community safety strategies of the seven "
    "districts, which tie in with the CDRP toolkit published in February 2008 (available at "
    "www.drugs.org.uk)",
    "A refresh process starts in February 2009 to build on this document and produce a new "
    "action plan for 2009/10",
    "An updated CDRP toolkit will also be published to help community safety partnerships with "
    "their refresh",
    "Key stakeholders will be invited to an event to look back, share experience and plan ahead",
    "A quarterly newsletter will carry updates and news about the strategy",
    "Progress will be added to the action plan every quarter and published at www.drugs.org.uk",
]

SUMMARY_INTRO = [
    "The table gives a headline view of the activities in the Districts Community Safety "
    "Strategy Action Plans /Alcohol Action Plans/Districts Alcohol Strategies (each district "
    "takes its own approach).",
    "Some priorities are shared by all districts; others are not and appear only in the "
    "individual plans.",
    "The table is not a performance management framework for each district. Every district has "
    "its own strategic governance arrangements to monitor the individual actions in detail.",
    "It does give an overview of general progress across Leicestershire, which helps to find "
    "work that local districts can develop further and to connect it to the overarching "
    "strategy document.",
]


def _action_rows() -> list[list[object]]:
    """The action table: header, then theme, objective and action rows in document order."""
    rows: list[list[object]] = [ACTION_HEADER]
    for theme, objectives in THEMES:
        rows.append([Span(theme, len(ACTION_WIDTHS_CM))])
        for objective in objectives:
            rows.append([Span(objective.heading, len(ACTION_WIDTHS_CM))])
            for row in objective.rows:
                rows.append(
                    [None, row.action, row.benefits or None, None, row.owners or None,
                     row.timescale, None, None]
                )
    return rows


def build(path: Path, borders: bool = True) -> None:
    """Write the plan as a landscape .docx at ``path``."""
    doc = new_document(TITLE, landscape=True, font_size=10)
    heading(doc, TITLE, level=1)
    heading(doc, "SENSIBLE MEASURES-ACTION PLAN – OCTOBER 2008-APRIL 2009", level=2)
    para(doc, '"Working together to reduce alcohol related harms in Leicestershire"', bold=True)
    para(doc, "Key:-", bold=True)
    for legend in (
        "☺ Action completed on or ahead of target",
        "◐ Action completed up to 1 month behind target",
        "☹ Action 1 month or more behind target",
    ):
        para(doc, legend, bullet=True)
    heading(doc, "CONTENTS", level=2)
    for entry, pages in CONTENTS:
        para(doc, f"{entry}\t{pages}")
    heading(doc, "INTRODUCTION", level=2)
    for point in INTRODUCTION:
        para(doc, point, bullet=True)
    heading(doc, "PARTNERS INVOLVED IN THE ALCOHOL STRATEGY", level=2)
    para(
        doc,
        "Leicestershire DAAT, Leicestershire County Council, Leicestershire Police, "
        "Leicestershire and Rutland PCT, Leicestershire and Rutland Probation Trust, "
        "Leicestershire Fire and Rescue Service and the seven district CDRP's",
    )
    page_break(doc)

    rows = _action_rows()
    table = add_table(doc, rows, ACTION_WIDTHS_CM, header_rows=1, borders=borders)
    heading_rows = [i for i, row in enumerate(rows) if isinstance(row[0], Span)]
    bold_rows(table, heading_rows)
    page_break(doc)

    heading(doc, "APPENDIX 1: DISTRICT CDRP'S ALCOHOL ACTION PLANS SUMMARY TABLE", level=2)
    for point in SUMMARY_INTRO:
        para(doc, point, bullet=True)
    summary_rows: list[list[object]] = [[None, *DISTRICTS, "General Direction"]]
    summary_rows += [[outcome, *cells, None] for outcome, cells in SUMMARY]
    summary = add_table(doc, summary_rows, SUMMARY_WIDTHS_CM, header_rows=1, borders=borders)
    set_font_size(summary, 8)
    page_break(doc)

    heading(doc, "APPENDIX 1", level=2)
    para(doc, "Relevant national Indicators in Leicestershire Performance Framework", bold=True)
    for indicator in NATIONAL_INDICATORS:
        para(doc, indicator)
    save(doc, path)

