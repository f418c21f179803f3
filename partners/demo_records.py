"""Demo partner records from the seeds: contacts, the Strategic Partnership Board and
its clusters, the engagement meetings of 002, and PCC Bulletin No 8 (004).

Safe to run twice: every record is found by its natural key before it is written.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from pcc_portal.accounts.models import ForceArea, User

from . import demo_bulletin as seed
from .models import (
    Bulletin,
    BulletinArticle,
    BulletinEvent,
    BulletinSection,
    Contact,
    Duty,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationDuty,
    Partnership,
    PartnershipMember,
    SeniorityTier,
)

LEICS = "leicestershire"
CONSENTED_ON = datetime(2012, 4, 1, 9, 0, tzinfo=timezone.get_default_timezone())
PARTNER_USER_EMAIL = "partner@demo.pcc-portal.org.uk"

S, M, P = SeniorityTier.STRATEGIC_LEADER, SeniorityTier.SENIOR_MANAGER, SeniorityTier.PRACTITIONER

# organisation, name, job title, seniority, email, phone, consents to bulletins
CONTACTS = [
    (
        "Voluntary Action Leicestershire",
        "Val Volunteer",
        "Chief Officer",
        S,
        "partner@demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Voluntary Action Leicestershire",
        "Vic Outreach",
        "Community development worker",
        P,
        "vic.outreach@val.demo.pcc-portal.org.uk",
        "",
        False,
    ),
    (
        "Office of the Police and Crime Commissioner for Leicestershire",
        "Paul Stock",
        "Chief Executive",
        S,
        "paul.stock@leics.pcc.pnn.gov.uk",
        "0116 229 8981",
        True,
    ),
    (
        "Office of the Police and Crime Commissioner for Leicestershire",
        "Steph Morgan",
        "Policy Advisor (criminal justice)",
        S,
        "steph.morgan@opcc.demo.pcc-portal.org.uk",
        "",
        False,
    ),
    (
        "West Leicestershire Clinical Commissioning Group",
        "Toby Sanders",
        "Managing Director",
        S,
        "toby.sanders@ccg.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Leicestershire County Council",
        "Casey County",
        "Head of Community Safety",
        M,
        "community.safety@county.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    ("Leicester City Council", "Morgan Mayor's-Office", "Head of the City Mayor's Office", M, "", "", False),
    (
        "Blaby District Council",
        "Blake Planner",
        "Senior planning officer",
        M,
        "planning@blaby.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Leicestershire and Rutland Probation Trust",
        "Robin Probation",
        "Director of Operations",
        S,
        "robin.probation@probation.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Avon and Somerset Police Authority",
        "John R Smith",
        "Chief Executive",
        S,
        "john.smith@avon.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Dudley Metropolitan Borough Council",
        "John Polychronakis",
        "Chief Executive",
        S,
        "john.polychronakis@dudley.demo.pcc-portal.org.uk",
        "",
        True,
    ),
    (
        "Cambridgeshire Police Authority",
        "Dorothy Gregson",
        "Chief Executive",
        S,
        "Dorothy.gregson@cambs.pnn.police.uk",
        "",
        True,
    ),
    (
        "Home Office",
        "Sarah Fox",
        "Reducing Reoffending Unit",
        M,
        "sarah.fox2@homeoffice.gsi.gov.uk",
        "",
        False,
    ),
]

# Which councils each community safety partnership covers.
CSP_COVERS = {
    "Safer Leicester Partnership": ["Leicester City Council"],
    "Safer Rutland Partnership": ["Rutland County Council"],
    "Blaby and Hinckley and Bosworth Community Safety Partnership": [
        "Blaby District Council",
        "Hinckley and Bosworth Borough Council",
    ],
    "Charnwood Community Safety Partnership": ["Charnwood Borough Council"],
    "Melton Community Safety Partnership": ["Melton Borough Council"],
    "North West Leicestershire Community Safety Partnership": ["North West Leicestershire District Council"],
    "South Leicestershire Community Safety Partnership": [
        "Harborough District Council",
        "Oadby and Wigston Borough Council",
    ],
}

EXTRA_DUTIES = {
    Duty.SAFEGUARDING_BOARD: [
        "Leicester City Council",
        "Leicestershire County Council",
        "Rutland County Council",
        "Leicestershire Police",
        "West Leicestershire Clinical Commissioning Group",
        "Leicestershire and Rutland Probation Trust",
    ],
    Duty.CRIMINAL_JUSTICE: [
        "Leicestershire and Rutland Probation Trust",
        "Leicestershire and Rutland Local Criminal Justice Board",
        "Leicestershire Police",
    ],
}

SPB = "Leicester, Leicestershire and Rutland Strategic Partnership Board"
SPB_MEMBERS = [
    ("Office of the Police and Crime Commissioner for Leicestershire", PartnershipMember.Role.CHAIR, "Paul Stock"),
    ("Leicestershire County Council", PartnershipMember.Role.VICE_CHAIR, "Casey County"),
    ("Leicester City Council", PartnershipMember.Role.MEMBER, "Morgan Mayor's-Office"),
    ("Rutland County Council", PartnershipMember.Role.MEMBER, None),
    ("Leicestershire Police", PartnershipMember.Role.MEMBER, None),
    ("West Leicestershire Clinical Commissioning Group", PartnershipMember.Role.MEMBER, "Toby Sanders"),
    ("Leicestershire and Rutland Probation Trust", PartnershipMember.Role.MEMBER, "Robin Probation"),
    ("Leicestershire Fire and Rescue Service", PartnershipMember.Role.MEMBER, None),
    ("Voluntary Action Leicestershire", PartnershipMember.Role.MEMBER, "Val Volunteer"),
]
# The four thematic "clusters" of 003 (g): no agreed governance yet.
CLUSTERS = [
    ("Safer Communities cluster", ["Leicestershire County Council", "Leicester City Council", "Leicestershire Police"]),
    (
        "Reducing Reoffending cluster",
        ["Leicestershire and Rutland Probation Trust", "Leicestershire and Rutland Local Criminal Justice Board"],
    ),
    (
        "Protecting Vulnerable People cluster",
        ["West Leicestershire Clinical Commissioning Group", "Leicestershire County Council"],
    ),
    ("Substance Misuse cluster", ["Leicester City Council", "Voluntary Action Leicestershire"]),
]
TRANSITION_BOARD = "Strategic Transition Board"
TRANSITION_MEMBERS = [
    "Leicestershire County Council",
    "Leicester City Council",
    "Rutland County Council",
    "Blaby District Council",
    "Charnwood Borough Council",
    "Voluntary Action Leicestershire",
    "Leicestershire Police",
]


def _contacts(organisations: dict[str, Organisation]) -> dict[str, Contact]:
    by_name = {}
    partner_user = User.objects.filter(email=PARTNER_USER_EMAIL).first()
    for org_name, full_name, job_title, seniority, email, phone, consent in CONTACTS:
        contact, _ = Contact.objects.update_or_create(
            organisation=organisations[org_name],
            full_name=full_name,
            defaults={
                "job_title": job_title,
                "seniority": seniority,
                "email": email,
                "phone": phone,
                "bulletin_consent": consent,
                "bulletin_consent_at": CONSENTED_ON if consent else None,
            },
        )
        by_name[full_name] = contact
    if partner_user is not None:
        Contact.objects.filter(user=partner_user).exclude(pk=by_name["Val Volunteer"].pk).update(user=None)
        Contact.objects.filter(pk=by_name["Val Volunteer"].pk).update(user=partner_user)
    return by_name


def _partnerships(area: ForceArea, organisations, contacts) -> Partnership:
    spb, _ = Partnership.objects.update_or_create(
        force_area=area,
        name=SPB,
        defaults={
            "kind": Partnership.Kind.STRATEGIC_BOARD,
            "purpose": "The area-wide partnership board. Its role and sub-structure are under review, co-led by the "
            "OPCC Chief Executive and a senior officer of the County Council.",
            "meeting_cadence": Partnership.Cadence.QUARTERLY,
            "governance": Partnership.Governance.DRAFT,
            "terms_agreed_on": None,
            "next_review_on": date(2014, 9, 30),
        },
    )
    for org_name, role, rep in SPB_MEMBERS:
        PartnershipMember.objects.update_or_create(
            partnership=spb,
            organisation=organisations[org_name],
            defaults={"role": role, "representative": contacts.get(rep) if rep else None},
        )
    for name, members in CLUSTERS:
        cluster, _ = Partnership.objects.update_or_create(
            force_area=area,
            name=name,
            defaults={
                "kind": Partnership.Kind.CLUSTER,
                "parent": spb,
                "meeting_cadence": Partnership.Cadence.BIMONTHLY,
                "governance": Partnership.Governance.NONE,
                "purpose": "A thematic working group agreed at the Partnership Workshop of 15 January 2013; "
                "it reports to the Strategic Partnership Board, which is to agree its terms of reference.",
            },
        )
        for org_name in members:
            PartnershipMember.objects.get_or_create(partnership=cluster, organisation=organisations[org_name])
    board, _ = Partnership.objects.update_or_create(
        force_area=area,
        name=TRANSITION_BOARD,
        defaults={
            "kind": Partnership.Kind.TRANSITION_BOARD,
            "meeting_cadence": Partnership.Cadence.MONTHLY,
            "governance": Partnership.Governance.AGREED,
            "terms_agreed_on": date(2011, 11, 1),
            "is_active": False,
            "purpose": "Prepared the transition to the PCC; mapped the partnership landscape.",
        },
    )
    for org_name in TRANSITION_MEMBERS:
        PartnershipMember.objects.get_or_create(partnership=board, organisation=organisations[org_name])
    safeguarding, _ = Partnership.objects.update_or_create(
        force_area=area,
        name=SAFEGUARDING_BOARD,
        defaults={
            "kind": Partnership.Kind.SAFEGUARDING_BOARD,
            "meeting_cadence": Partnership.Cadence.QUARTERLY,
            "governance": Partnership.Governance.AGREED,
            "terms_agreed_on": date(2013, 4, 1),
            "purpose": "The local Safeguarding Boards whose statutory duties the panel asked the Plan to reflect.",
        },
    )
    for org_name in EXTRA_DUTIES[Duty.SAFEGUARDING_BOARD]:
        PartnershipMember.objects.get_or_create(partnership=safeguarding, organisation=organisations[org_name])
    return spb


# Partnerships elsewhere, from 004: name, area code, kind, cadence, members, purpose.
OTHER_PARTNERSHIPS = [
    (
        "West Midlands governance transition board",
        "west-midlands",
        Partnership.Kind.TRANSITION_BOARD,
        Partnership.Cadence.MONTHLY,
        [
            "Birmingham City Council",
            "Coventry City Council",
            "Dudley Metropolitan Borough Council",
            "Sandwell Metropolitan Borough Council",
            "Solihull Metropolitan Borough Council",
            "Walsall Council",
            "City of Wolverhampton Council",
        ],
        "Set up in July 2011 by the police authority and its partners to oversee all aspects of transition, "
        "including the Police and Crime Panel (12 elected members plus 2 co-opted independent members). "
        "Birmingham City Council is the host authority.",
    ),
    (
        "Avon and Somerset joint transition board",
        "avon-and-somerset",
        Partnership.Kind.TRANSITION_BOARD,
        Partnership.Cadence.MONTHLY,
        ["Avon and Somerset Police Authority"],
        "Set up with Avon and Somerset Constabulary in June 2011; prioritised working with partners on PCC "
        "transition and commissioning.",
    ),
    (
        "Avon and Somerset Strategic Leaders Group",
        "avon-and-somerset",
        Partnership.Kind.OTHER,
        Partnership.Cadence.AD_HOC,
        ["Avon and Somerset Police Authority"],
        "Leaders of local authorities and chief executives of partner organisations, meeting to discuss and "
        "agree the approach on key issues.",
    ),
    (
        "Avon and Somerset Partners Practitioners Group",
        "avon-and-somerset",
        Partnership.Kind.OTHER,
        Partnership.Cadence.QUARTERLY,
        ["Avon and Somerset Police Authority"],
        "Meeting quarterly, looking at the delivery of agreed areas of work.",
    ),
]
SAFEGUARDING_BOARD = "Leicester, Leicestershire and Rutland Safeguarding Boards"


def _other_partnerships(organisations) -> None:
    areas = {a.code: a for a in ForceArea.objects.all()}
    for name, code, kind, cadence, members, purpose in OTHER_PARTNERSHIPS:
        if code not in areas:
            continue
        board, _ = Partnership.objects.update_or_create(
            force_area=areas[code],
            name=name,
            defaults={"kind": kind, "meeting_cadence": cadence, "purpose": purpose},
        )
        for org_name in members:
            role = (
                PartnershipMember.Role.ADVISER
                if org_name == "Dudley Metropolitan Borough Council"
                else PartnershipMember.Role.MEMBER
            )
            PartnershipMember.objects.update_or_create(
                partnership=board, organisation=organisations[org_name], defaults={"role": role}
            )


def _engagements(area: ForceArea, organisations, contacts, spb) -> int:
    today = timezone.localdate()
    staff = User.objects.filter(email="staff@demo.pcc-portal.org.uk").first()
    # title, date, kind, organisations, OPCC attendees, partner attendees, issues, actions (text, owner, due)
    meetings = [
        (
            "PCC meeting with the City Mayor",
            date(2014, 7, 14),
            Engagement.Kind.MEETING,
            ["Leicester City Council"],
            "Police and Crime Commissioner; Chief Executive",
            [],
            "Shared issues, future work, emerging threats and risks.",
            [],
        ),
        (
            "PCC meeting with local authority Leaders and Chief Executives",
            date(2014, 7, 21),
            Engagement.Kind.MEETING,
            ["Leicestershire County Council", "Rutland County Council", "Blaby District Council"],
            "Police and Crime Commissioner; Chief Executive",
            ["Casey County"],
            "Regular meetings agreed; a forward plan of meetings kept in the Engagement Strategy.",
            [],
        ),
        (
            "PCC meeting with Chairs of Community Safety Partnerships",
            date(2014, 8, 4),
            Engagement.Kind.MEETING,
            [
                "Safer Leicester Partnership",
                "Safer Rutland Partnership",
                "Charnwood Community Safety Partnership",
                "South Leicestershire Community Safety Partnership",
            ],
            "Police and Crime Commissioner",
            [],
            "Face to face discussion of emerging issues; the PCC or CEO to attend CSP meetings when invited.",
            [],
        ),
        (
            "Lubbesthorpe development: meeting with Blaby senior planning staff",
            date(2014, 8, 18),
            Engagement.Kind.MEETING,
            ["Blaby District Council", "Leicestershire Police"],
            "OPCC Chief Executive; Assistant Chief Constable Kay",
            ["Blake Planner"],
            "Judicial review outcomes on Lubbesthorpe; planning and Section 106 contributions.",
            [
                (
                    "Agree how senior OPCC and Force colleagues join future negotiations",
                    "PCC and Chief Constable",
                    date(2014, 10, 31),
                ),
                ("Review the forward plan of other planning developments", "OPCC Chief Finance Officer", None),
            ],
        ),
        (
            "Strategic Partnership Board review: co-leads' meeting",
            date(2014, 9, 8),
            Engagement.Kind.BOARD,
            ["Leicestershire County Council"],
            "OPCC Chief Executive",
            ["Casey County"],
            "Review of the SPB and its sub-structures.",
            [("Initial report on the SPB review", "OPCC Chief Executive", date(2014, 9, 30))],
        ),
        (
            "Stakeholder Summit: joint Crime Reduction Strategy",
            date(2014, 10, 30),
            Engagement.Kind.EVENT,
            [name for name, *_ in SPB_MEMBERS],
            "Police and Crime Commissioner; Chief Executive",
            [],
            "Every partner shares its strategic assessment so that a combined strategy can be agreed.",
            [],
        ),
        # The forward plan continues: dated from today so the demo always has something ahead.
        (
            "Quarterly meeting with the City Mayor",
            today + timedelta(days=21),
            Engagement.Kind.MEETING,
            ["Leicester City Council"],
            "Police and Crime Commissioner",
            [],
            "",
            [],
        ),
        (
            "Voluntary sector engagement: meeting with Voluntary Action Leicestershire",
            today - timedelta(days=10),
            Engagement.Kind.MEETING,
            ["Voluntary Action Leicestershire"],
            "Partnerships Coordinator",
            ["Val Volunteer"],
            "How voluntary and community groups will be consulted on commissioning.",
            [("Send VAL the commissioning timetable", "Partnerships Coordinator", today + timedelta(days=7))],
        ),
    ]
    for title, held_on, kind, org_names, opcc, partner_names, issues, actions in meetings:
        engagement, _ = Engagement.objects.update_or_create(
            force_area=area,
            title=title,
            defaults={
                "held_on": held_on,
                "kind": kind,
                "opcc_attendees": opcc,
                "issues_raised": issues,
                "partnership": spb if kind == Engagement.Kind.BOARD else None,
                "created_by": staff,
            },
        )
        engagement.organisations.set([organisations[n] for n in org_names])
        engagement.partner_attendees.set([contacts[n] for n in partner_names])
        for description, owner, due in actions:
            due_on = due or held_on + timedelta(days=60)
            # The actions of 2014 were done long ago; only the current ones are open.
            historical = due_on < today - timedelta(days=30)
            FollowUpAction.objects.update_or_create(
                engagement=engagement,
                description=description,
                defaults={
                    "owner": owner,
                    "owner_user": staff,
                    "due_on": due_on,
                    "status": FollowUpAction.Status.DONE if historical else FollowUpAction.Status.OPEN,
                    "completed_at": timezone.make_aware(datetime.combine(due_on, datetime.min.time()))
                    if historical
                    else None,
                },
            )
    return len(meetings)


def _bulletin(organisations) -> Bulletin:
    bulletin, _ = Bulletin.objects.update_or_create(
        publisher=organisations[seed.PUBLISHER],
        number=seed.NUMBER,
        defaults={
            "masthead": seed.MASTHEAD,
            "series_title": seed.SERIES_TITLE,
            "issue_date": seed.ISSUE_DATE,
            "force_area": None,
            "introduction": seed.INTRODUCTION,
            "contact_line": seed.CONTACT_LINE,
        },
    )
    bulletin.audience.set(ForceArea.objects.filter(code__in=organisations[seed.PUBLISHER].force_areas.values("code")))
    # The paper prints its articles one after another under no section heading.
    section, _ = BulletinSection.objects.get_or_create(bulletin=bulletin, position=1, defaults={"heading": ""})
    position = 0
    for title, standfirst, body, author, role, org_name in seed.GUEST_ARTICLES:
        position += 1
        BulletinArticle.objects.update_or_create(
            bulletin=bulletin,
            title=title,
            defaults={
                "section": section,
                "position": position,
                "standfirst": standfirst,
                "body": body,
                "author_name": author,
                "author_role": role,
                "author_organisation": organisations[org_name],
            },
        )
    for title, body in seed.NOTES:
        position += 1
        BulletinArticle.objects.update_or_create(
            bulletin=bulletin, title=title, defaults={"section": section, "position": position, "body": body}
        )
    for index, (title, starts, ends, venue, description, booking) in enumerate(seed.EVENTS, start=1):
        BulletinEvent.objects.update_or_create(
            bulletin=bulletin,
            title=title,
            defaults={
                "position": index,
                "starts_on": starts,
                "ends_on": ends,
                "venue": venue,
                "description": description,
                "how_to_book": booking,
            },
        )
    if bulletin.status != Bulletin.Status.PUBLISHED:
        # A bulletin of 2012: published in the record, never emailed from the demo.
        published_at = datetime.combine(seed.ISSUE_DATE, datetime.min.time(), tzinfo=timezone.get_default_timezone())
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.PUBLISHED, published_at=published_at)
    return bulletin


def _opcc_bulletin(area: ForceArea, organisations) -> Bulletin:
    """A draft bulletin of the OPCC, scheduled, so the deadlines and the workflow have something to show."""
    publisher = organisations["Office of the Police and Crime Commissioner for Leicestershire"]
    bulletin, created = Bulletin.objects.get_or_create(
        publisher=publisher,
        number=1,
        defaults={
            "series_title": "Partnerships Bulletin",
            "masthead": "Leicester, Leicestershire and Rutland",
            "issue_date": timezone.localdate() + timedelta(days=14),
            "force_area": area,
            "introduction": "The first partnerships bulletin of the Office of the Police and Crime Commissioner: "
            "the review of the Strategic Partnership Board and the Stakeholder Summit.",
            "contact_line": "Contact the Partnerships Coordinator at the OPCC.",
            "status": Bulletin.Status.SCHEDULED,
            "scheduled_for": timezone.now() + timedelta(days=14),
        },
    )
    if created:
        bulletin.audience.set([area])
    _opcc_bulletin_sections(bulletin)
    return bulletin


# Illustrative content (not from a source paper): named sections in the author's order, a link, a sign-off.
OPCC_BULLETIN_SECTIONS = [
    ("Welcome", BulletinSection.Kind.ARTICLES, "Welcome to the first partnerships bulletin (illustrative).", []),
    (
        "News update",
        BulletinSection.Kind.ARTICLES,
        "",
        [
            (
                "Review of the Strategic Partnership Board",
                "The Board's members are asked for their views on its terms of reference before the next "
                "meeting. The [draft terms of reference](https://www.example.org/spb-terms) are on the portal.",
            ),
            (
                "Stakeholder Summit",
                "Partners are invited to the Stakeholder Summit. Details follow in the next issue.",
            ),
        ],
    ),
    (
        "",
        BulletinSection.Kind.SIGN_OFF,
        "With best wishes,\n\n**The Partnerships Coordinator**, on behalf of the Police and Crime Commissioner",
        [],
    ),
]


def _opcc_bulletin_sections(bulletin: Bulletin) -> None:
    if bulletin.issue_label == "":
        Bulletin.objects.filter(pk=bulletin.pk).update(issue_label="Issue 1")
    for position, (heading, kind, body, articles) in enumerate(OPCC_BULLETIN_SECTIONS, start=1):
        section, _ = BulletinSection.objects.update_or_create(
            bulletin=bulletin, position=position, defaults={"heading": heading, "kind": kind, "body": body}
        )
        for article_position, (title, text) in enumerate(articles, start=1):
            BulletinArticle.objects.update_or_create(
                bulletin=bulletin,
                title=title,
                defaults={"section": section, "position": article_position, "body": text},
            )


def load_records(organisations: dict[str, Organisation]) -> str:
    area = ForceArea.objects.filter(code=LEICS).first()
    for csp, councils in CSP_COVERS.items():
        organisations[csp].covers.set([organisations[c] for c in councils])
    for duty, names in EXTRA_DUTIES.items():
        for name in names:
            OrganisationDuty.objects.get_or_create(organisation=organisations[name], duty=duty)
    contacts = _contacts(organisations)
    bulletin = _bulletin(organisations)
    _other_partnerships(organisations)
    if area is None:
        return f"{len(contacts)} contacts; {bulletin}"
    spb = _partnerships(area, organisations, contacts)
    meetings = _engagements(area, organisations, contacts, spb)
    _opcc_bulletin(area, organisations)
    return f"{len(contacts)} contacts, the Strategic Partnership Board and clusters, {meetings} engagements; {bulletin}"
