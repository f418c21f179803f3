"""Demo plan: Leicestershire's draft Police and Crime Plan of January 2013 and the March revision.

The content follows the panel's comments and the Commissioner's responses in
shared/seeds/003 (the draft's themes, what the revision promised to change).
Other apps look the plan and its versions up by these natural keys.
"""

from datetime import date, datetime

from pcc_portal.accounts.models import ForceArea, User
from pcc_portal.deadlines.registry import LONDON

from .models import Comment, Objective, Plan, PlanVersion, Priority, Section, StatutoryElement
from .services import distribution_record, section_plain_text

PLAN_TITLE = "Police and Crime Plan 2013–2017"
STAFF_EMAIL = "staff@demo.pcc-portal.org.uk"
MEMBER_EMAIL = "member@demo.pcc-portal.org.uk"
SECRETARIAT_EMAIL = "secretariat@demo.pcc-portal.org.uk"

E = StatutoryElement

# key: (heading, statutory element, January text, March text or None if unchanged)
SECTIONS = {
    "vision": (
        "My vision",
        "",
        "I want Leicester, Leicestershire and Rutland to be safe places to live, work and visit. "
        "I am committed to the aim of protecting vulnerable people, and to putting victims at the heart "
        "of everything the police and its partners do.\n\n"
        "I will lay great emphasis on the crimes that cause the most harm: sexual assault and grooming, "
        "domestic violence, rape, child abuse and hate crime.",
        None,
    ),
    "objectives": (
        "Police and crime objectives",
        E.OBJECTIVES,
        "The plan covers child sexual exploitation, hate crime, sexual offences, drink, drugs, mental health, "
        "domestic abuse, antisocial behaviour and young people, with a number of cross-cutting themes. "
        "Many of these areas are reflected in targets and areas of focus.\n\n"
        "The plan is for four years. It is a living document that will be amended during its life; the "
        "priorities within it are to be delivered within that four-year timescale.",
        None,
    ),
    "evidence": (
        "How this plan was put together",
        "",
        "The plan draws on research and analysis commissioned on my behalf: the Force strategic assessment, "
        "community based surveys, a partnership needs assessment, victim survey data, and access to me "
        "through various meetings and events.\n\n"
        "The life cycle of the plan describes how the plan and its targets have been drawn together.",
        "The plan draws on research and analysis commissioned on my behalf: the Force strategic assessment, "
        "community based surveys, a partnership needs assessment, victim survey data, and access to me "
        "through various meetings and events.\n\n"
        "The partnership needs assessment used locally produced Joint Needs Assessments and data reports such "
        "as those from accident and emergency attendances and alcohol licence mapping, with information "
        "supplied by Community Safety Partnerships.\n\n"
        "The draft was consulted on throughout February and early March 2013. Sources of data are referenced "
        "as far as possible, and partners have been asked to tell us of any inaccuracies so that corrections "
        "are signed off by the relevant partner.\n\n"
        "The life cycle of the plan describes how the plan and its targets have been drawn together.",
    ),
    "policing": (
        "Policing the Chief Constable will provide",
        E.POLICING,
        "There will be considerable continuity with the 2012/13 Policing Plan. The policing approach remains "
        "based on neighbourhood teams across the whole Force area, with flexibility in the use of resources "
        "coupled with a daily assessment of threat, risk and harm.",
        None,
    ),
    "reporting": (
        "How the Chief Constable will report to me",
        E.REPORTING,
        "It is for the Chief Constable, and partners where relevant, to deliver the plan and to advise me on "
        "the work necessary to achieve it. The Chief Constable will complete a delivery plan and the Change "
        "Programme, and will report to me on progress against the plan so that I can hold him to account.",
        None,
    ),
    "performance": (
        "Measuring performance",
        E.PERFORMANCE,
        "Targets have been identified for the areas of crime that matter to local people. Some targets roll "
        "over from the current Policing Plan; others are new.",
        "Targets have been identified for the areas of crime that matter to local people. Some targets roll "
        "over from the current Policing Plan, which was agreed by the Police Authority; others are new, arrived "
        "at by analysis of performance information held nationally or by the Force, and of information shared "
        "by partners.\n\n"
        "Each target sets out how it was arrived at, its data source and the partners consulted. Outcome "
        "measures for the mental health and vulnerability themes are being developed with the West "
        "Leicestershire Clinical Commissioning Group.",
    ),
    "partnership-working": (
        "Partnership working",
        "",
        "Partners will need to work with me and the police to deliver the priorities in this plan. "
        "Discussions with partners on targets and priorities will take place through the four clusters of "
        "the Strategic Partnership Board.",
        "Delivering this plan needs the commitment of other statutory agencies and partners, who have their "
        "own statutory responsibilities for crime and disorder and for safeguarding. The police and my office "
        "will work with partners to help them deliver those responsibilities, as well as asking for their help "
        "with ours.\n\n"
        "The police already work with partners every day, from local Joint Action Groups to strategic "
        "partnerships such as the Safeguarding Boards. This will continue.\n\n"
        "The Partnership Workshop on 15 January 2013 agreed to form thematic working groups. Each of these "
        "clusters will report to the Strategic Partnership Board, which will agree its terms of reference. "
        "I will meet the Chairs of each Community Safety Partnership and attend their meetings.",
    ),
    "voluntary-sector": (
        "Volunteers and the voluntary and community sector",
        "",
        "I very much appreciate the invaluable contribution of volunteers to keeping our communities safe.",
        "I very much appreciate the invaluable contribution of volunteers to keeping our communities safe.\n\n"
        "Voluntary and community groups make a significant contribution to crime reduction. Voluntary Action "
        "Leicestershire (VAL) has been represented on the Strategic Transition Board from its inception, and my "
        "engagement plan covers voluntary sector and community groups. I will work with them in a supportive "
        "way, recognising that they are often sparse in resources, and with regard to the local Compact "
        "agreements.",
    ),
    "equality": (
        "Equality and diversity",
        "",
        "I will make sure that the police and my office treat everyone fairly.",
        "I will make sure that the police and my office treat everyone fairly.\n\n"
        "An equality impact assessment of this plan has been commissioned, with engagement with the City "
        "Council and other relevant bodies. It will cover every priority and target, and will be complete "
        "by September 2013.",
    ),
    "resources": (
        "Resources",
        E.RESOURCES,
        "The funding of the Force continues to fall. I inherit a funding gap of £20m. Savings identified through "
        "2012/13 have reduced the use of reserves previously expected to be needed to balance the budget; the "
        "Force Change Programme will identify further savings, and the budget equalisation reserve will fund "
        "the investment needed for change. The first year of the plan is the only one with budget certainty.",
        None,
    ),
    "commissioning": (
        "Commissioning and crime and disorder reduction grants",
        E.GRANTS,
        "I will commission services that support the priorities of this plan. Funding for drugs, crime and "
        "community safety services currently provided by partners will continue for the first six months of "
        "2013/14, at the previous level, before they are re-commissioned.",
        "I will commission services that support the priorities of this plan. Funding for drugs, crime and "
        "community safety services currently provided by partners will continue for the first six months of "
        "2013/14, at the previous level, before they are re-commissioned.\n\n"
        "Commissioning will be evidence-based and follow value for money principles. Joint procurement "
        "exercises with partners, and using the commissioning capacity of partners, remain live options.",
    ),
}

# key: title, description
PRIORITIES = [
    (
        "child-sexual-exploitation",
        "Child sexual exploitation",
        "Protect children from sexual exploitation and grooming.",
    ),
    ("hate-crime", "Hate crime", "Tackle hate crime and support its victims."),
    ("sexual-offences", "Sexual offences", "Tackle rape and serious sexual offences."),
    ("drink", "Drink", "Reduce alcohol-related crime and disorder."),
    ("drugs", "Drugs", "Reduce drug-related offending."),
    ("mental-health", "Mental health", "Respond well to people with mental health needs and other vulnerable people."),
    ("domestic-abuse", "Domestic abuse", "Protect victims of domestic violence and abuse."),
    ("antisocial-behaviour", "Antisocial behaviour", "Reduce antisocial behaviour in neighbourhoods."),
    ("young-people", "Young people", "Divert young people from crime and protect them from harm."),
    ("victims", "Victims", "Up our game in looking after the victims of crime."),
]

# key: priority key, title, measure, direction, data source, rationale (Jan), partners consulted (Jan, Mar)
OBJECTIVES = [
    (
        "reduce-crime",
        None,
        "Reduce crime",
        "Recorded crime",
        Objective.Direction.REDUCE,
        "Force recorded crime data",
        "Rolled over from the 2012/13 Policing Plan; based on trend data (section 4.1.2 of the draft).",
        ("", "Chairs of the Community Safety Partnerships (February and March 2013 meetings)."),
    ),
    (
        "victim-satisfaction",
        "victims",
        "Improve the service to victims",
        "Satisfaction of victims with the service they receive",
        Objective.Direction.INCREASE,
        "Victim survey data",
        "Derived from victim survey data.",
        ("", "Leicestershire and Rutland Probation Trust; Community Safety Partnerships."),
    ),
    (
        "mental-health-outcomes",
        "mental-health",
        "Better outcomes for people with mental health needs",
        "Outcome measures to be agreed",
        "",
        "Partner data (health)",
        "New: performance and outcome measures to be developed with health partners.",
        ("", "West Leicestershire Clinical Commissioning Group."),
    ),
]

COMMENTS = [
    # author, section key, quoted passage (or ""), comment, reply from staff, resolved by staff
    (
        MEMBER_EMAIL,
        "equality",
        "",
        "The plan does not adequately address issues of equality in relation to all priorities and targets. "
        "The panel recommends that an Equality Impact Assessment is undertaken as a matter of urgency.",
        "An equalities impact assessment has been asked for, with engagement with the City Council and other "
        "relevant bodies. The revised plan will say so.",
        True,
    ),
    (
        MEMBER_EMAIL,
        "partnership-working",
        "Partners will need to work with me and the police to deliver the priorities in this plan.",
        "This appears to have no regard for the fact that partners have their own statutory responsibilities. "
        "How will the Commissioner and the police reciprocate and help partners deliver theirs for crime and "
        "disorder and safeguarding?",
        "Agreed: the revised plan will address how we work with partners on their statutory responsibilities.",
        False,
    ),
    (
        SECRETARIAT_EMAIL,
        "partnership-working",
        "the four clusters of the Strategic Partnership Board",
        "No formal decisions on partnership working have yet been taken, and the clusters have no governance "
        "arrangements agreed by the relevant partners.",
        "",
        False,
    ),
    (
        MEMBER_EMAIL,
        "voluntary-sector",
        "",
        "There is little reference to engagement with the voluntary sector and community groups, which make a "
        "significant contribution to crime reduction. Please say more about the valuable role they perform.",
        "",
        False,
    ),
    (
        SECRETARIAT_EMAIL,
        "objectives",
        "",
        "The priorities have not been ranked or aligned to specific resources in the budget. Please rank them "
        "and identify any that are no longer a priority.",
        "I have not further ranked the priorities, as I do not believe that this would be appropriate.",
        False,
    ),
    (
        MEMBER_EMAIL,
        "performance",
        "Some targets roll over from the current Policing Plan; others are new.",
        "There is nothing to show how these targets were arrived at, or whether they were consulted upon and "
        "agreed with partners.",
        "",
        False,
    ),
]


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def _fill(version: PlanVersion, *, revised: bool) -> None:
    for position, (key, (heading, element, january, march)) in enumerate(SECTIONS.items()):
        body = march if revised and march is not None else january
        Section.objects.update_or_create(
            version=version,
            key=key,
            defaults={"heading": heading, "statutory_element": element, "body": body, "position": position},
        )
    priorities = {}
    for position, (key, title, description) in enumerate(PRIORITIES):
        priorities[key], _ = Priority.objects.update_or_create(
            version=version,
            key=key,
            defaults={"title": title, "description": description, "position": position, "rank": None},
        )
    for position, (key, priority, title, measure, direction, source, rationale, consulted) in enumerate(OBJECTIVES):
        Objective.objects.update_or_create(
            version=version,
            key=key,
            defaults={
                "priority": priorities.get(priority),
                "title": title,
                "measure": measure,
                "direction": direction,
                "data_source": source,
                "rationale": rationale,
                "partners_consulted": consulted[1] if revised else consulted[0],
                "by_when": date(2017, 3, 31),
                "position": position,
            },
        )


def load(*, stdout) -> None:
    from partners.demo import ensure_demo_organisations

    ensure_demo_organisations()
    area = ForceArea.objects.get(code="leicestershire")
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    plan, _ = Plan.objects.update_or_create(
        force_area=area,
        title=PLAN_TITLE,
        defaults={
            "period_start": date(2013, 4, 1),
            "period_end": date(2017, 3, 31),
            "commissioner": "Sir Clive Loader",
            "election_date": date(2012, 11, 15),
            "created_by": staff,
        },
    )
    january, _ = PlanVersion.objects.update_or_create(
        plan=plan,
        number=1,
        defaults={
            "label": "January 2013 draft",
            "status": PlanVersion.Status.SUPERSEDED,
            "shared_at": _at(2013, 1, 18),
            "consultation_opens": _at(2013, 1, 21),
            "consultation_closes": _at(2013, 3, 10, 23, 59),
            "panel_report_received": date(2013, 1, 30),
            # 003 is the Commissioner's written response; its publication date is not in the paper.
            "panel_response_published": date(2013, 2, 19),
            "eia_status": PlanVersion.EqualityImpact.NOT_STARTED,
            "summary": "The Commissioner's first draft, shared with the Police and Crime Panel and put out to "
            "public consultation until 10 March 2013.",
            "created_by": staff,
        },
    )
    _fill(january, revised=False)
    march, _ = PlanVersion.objects.update_or_create(
        plan=plan,
        number=2,
        defaults={
            "label": "March 2013 revised",
            "status": PlanVersion.Status.ISSUED,
            "based_on": january,
            "shared_at": _at(2013, 3, 4),
            "issued_at": _at(2013, 3, 28, 12),
            "eia_status": PlanVersion.EqualityImpact.IN_PROGRESS,
            "summary": "Revised after the panel's comments and the public consultation: partnership working, "
            "the voluntary and community sector, equality impact assessment, how targets were arrived at, "
            "and commissioning.",
            "created_by": staff,
        },
    )
    _fill(march, revised=True)
    if staff:
        distribution_record(user=staff, version=march)
    comments = 0
    sections = {s.key: s for s in january.sections.all()}
    for email, key, quote, body, reply, resolved in COMMENTS:
        author = User.objects.filter(email=email).first()
        if author is None:
            continue
        section = sections[key]
        start = section_plain_text(section).find(quote) if quote else None
        comment, _ = Comment.objects.get_or_create(
            version=january,
            section=section,
            author=author,
            parent=None,
            body=body,
            defaults={
                "quote": quote,
                "quote_start": start,
                "quote_end": start + len(quote) if quote else None,
                "resolved_at": _at(2013, 3, 1) if resolved and staff else None,
                "resolved_by": staff if resolved else None,
            },
        )
        comments += 1
        if reply and staff:
            Comment.objects.get_or_create(version=january, section=section, parent=comment, author=staff, body=reply)
    stdout.write(f"Plans: {plan.title} with versions 1 and 2, {comments} panel comments.")
