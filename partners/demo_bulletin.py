"""The whole of seed 004, "PCC Bulletin No 8 – 9th May 2012", as demo data."""

from datetime import date

MASTHEAD = "Police and Crime Commissioners"
SERIES_TITLE = "PCC Bulletin"
NUMBER = 8
ISSUE_DATE = date(2012, 5, 9)
PUBLISHER = "Home Office"

INTRODUCTION = """\
This eighth Police and Crime Commissioners Bulletin is the latest in a series of regular updates to keep you \
informed about developments for the introduction of Police and Crime Commissioners (PCCs) in November 2012. This \
edition is led by three guest writers. They are:

- John R Smith, Chief Executive of Avon and Somerset Police Authority, writing about ongoing transition work with \
partners;
- John Polychronakis, Chief Executive of Dudley Metropolitan Council, writing about preparations for their Police \
and Crime Panel across the West Midlands; and
- Dorothy Gregson, Chief Executive of Cambridgeshire Police Authority, detailing the Association of Police \
Authority Chief Executives (APACE) work on commissioning.

We also include information on the forthcoming national statement on funding, a timetable for Police and Crime \
Plans; a reminder for partners on the development of business cases; candidate briefing; an update on partnership \
working across Criminal Justice and Health sectors; and information on two upcoming conferences - the Home Office \
Integrated Offender Management (IOM) conference being held on 3rd and 4th July and the Association of Chief Police \
Officers (ACPO) 'Leading Change in Policing' conference being held between 22nd and 24th May.
"""

# title, standfirst, body, author name, author role, author organisation (a demo organisation's name)
GUEST_ARTICLES = [
    (
        "Avon and Somerset Police Authority transition work with partners",
        "John R Smith, Chief Executive of Avon and Somerset Police Authority provides details of ongoing transition "
        "work with partners.",
        """\
We set up a joint transition board with Avon and Somerset Constabulary in June 2011 which prioritised working \
with partners on PCC transition and commissioning. The team have been working closely with a range of partners \
(community safety, criminal justice, health, and voluntary sector) to keep them informed of the latest \
developments in relation to the transition to PCCs.

The authority has utilised a number of methods for this engagement:

- Strategic Leaders Group – consisting of leaders of local authorities and chief executives of partner \
organisations, meeting to discuss and agree the approach on key issues;
- Partners Practitioners Group – meeting quarterly looking at the delivery of agreed areas of work;
- PCC microsite - to keep partners, residents and candidates up to date with the latest news. The site includes \
candidate briefings on various aspects of the role relating specifically to Avon and Somerset. This briefings on \
each of the Community Safety Partnerships, the content of which has been developed with partners;
- Social media – specific PCC [twitter](https://twitter.com/#!/AandSPCC) and facebook accounts, with a dedicated \
twitter hashtag #AandSPartners for any partner specific items; and
- A quarterly e-newsletter to partners with the latest news and key future milestones.

The team are currently working with partners on detailed mapping of partnership funding and developing the \
evidence base for current partnership activity. By September, the authority intends to put together a Police and \
Crime Strategic Assessment working with partners based on the latest available information. This will then feed \
into the development of the PCC's Police and Crime Plan and allow commissioning options to be developed, and \
opportunities for central and co-commissioning activity to be identified for consideration by the incoming PCC.
""",
        "John R Smith",
        "Chief Executive",
        "Avon and Somerset Police Authority",
    ),
    (
        "Dudley Metropolitan Council Police and Crime Panel work",
        "John Polychronakis, Chief Executive of Dudley Metropolitan Council, provides an update of West Midlands "
        "preparations for their Police and Crime Panel.",
        """\
Within the West Midlands police force area, preparations for transition started as early as July 2011 when the \
police authority and its partners set up a governance transition board to oversee all aspects of transition work. \
This includes the lead up to the appointment of the Police and Crime Panel (PCP) and the election of the PCC. As a \
result the board has been able to identify their key issues on the size, composition, political balance and \
operation of the PCP. Following detailed discussions earlier this year with the leaders of the seven West \
Midlands metropolitan district councils they have achieved a consensus that the appropriate size of the PCP for \
the West Midlands police force area would be 12 elected members (plus 2 co-opted independent members). Consent of \
the Home Secretary has now been formally sought.

Birmingham City Council has been appointed as the host authority and will supply all of the administrative and \
scrutiny support for the PCP whilst the Chief Executive of Dudley Metropolitan Borough Council will act as lead \
adviser.

PCP arrangements and procedure rules (based on a helpful draft provided by partners in North Yorkshire) are now \
being drafted and the first appointments to the shadow PCP will be made by each district at their annual meeting \
in May.
""",
        "John Polychronakis",
        "Chief Executive",
        "Dudley Metropolitan Borough Council",
    ),
    (
        "APACE Guide to Commissioning – An introduction to becoming a commissioning organisation",
        "Dorothy Gregson, Chief Executive of Cambridgeshire Police Authority, writes about APACE work on "
        "commissioning.",
        """\
Working with partners, APACE is producing the first in a series of guides which aims to help these new policing \
bodies become commissioning organisations. The guidance will emphasise that commissioning is not something you \
should do in isolation; it involves creating a vision and consensus across many organisations and should involve \
the providers and users who are affected by it.

The guidance will also provide an overview of the 'understand, plan, do and review cycle' which is at the heart of \
all good commissioning.

The new localism agenda allows each policing body to create its own unique commissioning infrastructure and have \
the flexibility to respond to the individual challenges of their area. For some, the commissioning cycle will \
focus on managing the new funds to be transferred to PCCs. Others may choose to look wider, aiming to bring \
together responsible authorities and partners within the criminal justice system to create new ways of working.

The guidance will be available on the APACE website by the end of May. If you have any suggestions please contact \
<Dorothy.gregson@cambs.pnn.police.uk>
""",
        "Dorothy Gregson",
        "Chief Executive",
        "Cambridgeshire Police Authority",
    ),
]

# title, body: the bulletin's own notes sections.
NOTES = [
    (
        "National statement on funding",
        """\
We are currently preparing a communication that will provide details of arrangements in 2012-13, those funding \
streams that will cease from the end of March 2013, and the new Home Office Community Safety Fund that the PCCs \
will receive in 2013/14. We aim to issue this communication in May.
""",
    ),
    (
        "A timetable for Police and Crime Plans",
        """\
The PCCs' first police and crime plans must be issued by the end of March 2013. The plan is a public document \
that will articulate the PCCs' priorities and set out their objectives for:

- The policing of the force area;
- Crime and disorder reduction in the force area;
- Discharging the police force's national and international functions.

The plan will set out the commitments to which the PCC will be held to account by the public and the PCP.

The PCC will be required to publish a copy of the issued plan and send a copy to the chief constable and all \
other community safety responsible authorities (Fire & Rescue Authorities, Local Authorities, PCTs and Probation \
Trusts) within the force area.

Police authorities are beginning work on draft police and crime plans before PCCs take office, it is vital that \
the full range of partners feed into the process to ensure that the resulting plan truly reflects the issues that \
are of greatest concern locally.
""",
    ),
    (
        "The development of partners' business cases",
        """\
Following the APACE article on commissioning we are keen to remind partners of the information booklet 'What \
partners need to know' available on the Home Office website at:

<http://www.homeoffice.gov.uk/publications/police/pcc/what-partners-need-to-know>

Partners will want to ensure that their business cases for existing programmes or proposals for new approaches \
are robust. This could include considering the evidence base and value for money of programmes as well as \
considering the fit between current partnership priorities, the needs of service users and the potential \
interests of the PCC. This will apply equally to the statutory and voluntary sectors.
""",
    ),
    (
        "Candidate briefing",
        """\
The PCC pages of the Home Office website will be re-vamped in the coming weeks, with distinct areas for the \
public, partners and candidates. The partners section will include core briefs, timescales, and key publications. \
The candidates section will include national level candidate briefings on a number of areas – the PCC model, the \
national landscape, national strategies, and partnerships and commissioning.
""",
    ),
    (
        "Partnership working - Health and criminal justice sectors",
        """\
We have continued the work started in February when we held a workshop for frontline partners to encourage local \
partnership working between PCCs and health agencies. This has now formed part of the criminal justice workstrand \
in the National Learning Network (NLN) for shadow health and wellbeing boards and will allow criminal justice \
agencies to share their knowledge and expertise of working with some of the most complex, disadvantaged groups in \
their local community who suffer from significant health inequalities. We supported partners in staffing a stall \
and 2 workshops at the NLN event on 24th April and will work to co-produce meaningful product(s) over the next 6 \
months. These will highlight the links between health and crime and community safety, and the benefits of \
collaborative working on joint outcomes.

To find out more about this work, or to support the NLN criminal justice workstrand, please contact Sarah Fox – \
Reducing Reoffending Unit <sarah.fox2@homeoffice.gsi.gov.uk>
""",
    ),
    (
        "PCC transition programme update",
        """\
There has been media coverage recently around how we will communicate to the electorate about candidates in their \
area. The Home Office recently completed a statutory consultation on the secondary legislation for PCC elections \
with the Electoral Commission and others, which included consideration of how the public can receive information \
about PCC candidates. We are looking at options for this, and an important consideration will be to enable \
members of the public to access information by a range of means. We expect to lay the secondary legislation on the \
elections in May.

We held a one day event for Police Authority Chief Executives on preparing for and working with PCCs, including \
talks by the Minister for Policing and Criminal Justice, Nick Herbert and London's Deputy Mayor for Policing and \
Crime, Kit Malthouse.

A programme of work has also commenced to 'test' the shadow Strategic Policing Requirement (SPR). ACPO led \
scenario testing in the West Midlands on 21st March; NPIA scenario testing exercises with forces and authorities \
are ongoing; and an exercise in conjunction with the Emergency Planning College took place at the start of April. \
The Home Secretary will issue the statutory SPR in the summer.

Finally, the Association of Police Authorities held a successful PCC transition conference in March at which the \
Minister for Policing and Criminal Justice, Nick Herbert spoke. The conference was attended by police authority \
members and included practical workshops led by police authority practitioners and partners (including the Home \
Office, IPCC, HMIC, and LGA). The workshops focused on priority issues affecting police authority transition \
planning.
""",
    ),
]

# title, starts, ends, venue, description, how to book
EVENTS = [
    (
        "Integrated Offender Management conference",
        date(2012, 7, 3),
        date(2012, 7, 4),
        "National Policing Improvement Agency, Leamington Road, Ryton-on-Dunsmore, CV8 3EN Coventry, West Midlands",
        """\
The Home Office is hosting a major conference on Integrated Offender Management (IOM), with a particular focus on \
PCCs, to take place on the 3rd and 4th of July at the National Policing Improvement Agency, Leamington Road, \
Ryton-on-Dunsmore, CV8 3EN Coventry, West Midlands.

Key speakers will include the Minister for Policing and Criminal Justice, Nick Herbert. One of the clear aims of \
the event will be to help areas to maximise the contribution that IOM approaches can make to local activity to \
reduce crime and re-offending in a changing landscape. This includes PCCs, major health and criminal justice \
reforms and the increasing focus on new financial models, including Payment by Results.
""",
        """\
More details about the conference and programme will follow shortly. To obtain your booking form and register \
your interest, please visit the Home Office website at:

<http://www.homeoffice.gov.uk/crime/reducing-reoffending/iom/>

All booking forms to be completed and returned to:

<IOM.info@homeoffice.gsi.gov.uk>

Please note that registering your interest does not necessarily guarantee you a place at the conference.
""",
    ),
    (
        "ACPO 'Leading Change in Policing' conference",
        date(2012, 5, 22),
        date(2012, 5, 24),
        "Manchester",
        """\
ACPO is holding the 'Leading Change in Policing' conference, being held in Manchester later this month. Day one \
will be led by senior policing figures discussing key topics that currently challenge the police service. Day two, \
led by Hampshire Constabulary Chief Constable Alex Marshall, will focus on the election of PCCs and the impact on \
both local policing services and national requirements. This session will also be open to prospective PCC \
candidates.
""",
        """\
Further information on the conference can be found at the ACPO website link below:

<http://www.acpoconference.co.uk/content/>
""",
    ),
]

CONTACT_LINE = """\
We're sending out regular bulletins throughout the roll-out of Police and Crime Commissioners. Contact us at \
<PCCPartnersEnquiries@homeoffice.gsi.gov.uk> to keep you informed of what we are doing, what we plan to do and the \
opportunities for you to get involved. We will also field any enquiries or questions you have.

We welcome your comments and questions throughout the development and implementation process.
"""
