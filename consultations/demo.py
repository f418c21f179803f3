"""Demo content from the source documents: the four Deep Dives (000, 001) and the
consultation on the Leicestershire draft Police and Crime Plan (003). Safe to run twice."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from partners.demo import ensure_demo_organisations
from partners.models import Contact, SeniorityTier
from partners.selectors import organisation_of
from pcc_portal.accounts.models import ForceArea, User
from plans.models import Plan, PlanVersion

from . import demo_content as seed
from .models import (
    Action,
    AnalystNote,
    Answer,
    Attendee,
    Consultation,
    ConsultationEvent,
    Finding,
    Outcome,
    Question,
    Response,
    ResponseTag,
    Session,
    Theme,
)
from .themes import SEED_THEMES

LONDON = ZoneInfo("Europe/London")
P = seed.DEEP_DIVES_PARAGRAPHS
AREA_CODES = ["west-midlands", "west-yorkshire", "south-wales", "leicestershire"]
PROGRAMME_TITLE = "Police and Crime Commissioners Transition Programme: Consultation Events (Deep Dives)"
PARTNER_EMAIL = "partner@demo.pcc-portal.org.uk"
STAFF_EMAIL = "staff@demo.pcc-portal.org.uk"
K, A = Session.Kind, Session.Audience
S = SeniorityTier

# Each event consisted of four sessions, with interviews and a feedback session (001 paragraphs 16-17).
DEEP_DIVE_SESSIONS = [
    (
        "High level round table",
        K.ROUNDTABLE,
        A.STRATEGIC_LEADERS,
        "Chief executives and leaders from local authorities, chairs and executives from police authorities, "
        "and chief police officers.",
    ),
    (
        "Round table with community safety, criminal justice and health partners",
        K.ROUNDTABLE,
        A.COLLABORATION,
        "Chairs of community safety partnerships and a range of other criminal justice and health partners.",
    ),
    (
        "Round table on scrutiny",
        K.ROUNDTABLE,
        A.PANELS_SCRUTINY,
        "Chairs of scrutiny committees and policy officers responsible for scrutiny.",
    ),
    (
        "Workshop with community safety managers and partners",
        K.WORKSHOP,
        A.INTEGRATED_COMMISSIONING,
        "Community safety managers and other key partnership representatives, including the voluntary and "
        "community sector.",
    ),
    (
        "Individual interviews with chief officers",
        K.INTERVIEW,
        A.STRATEGIC_LEADERS,
        "Offered to chief officers from the Responsible Authorities who were not able to make scheduled meetings.",
    ),
    (
        "Feedback session with key participants",
        K.FEEDBACK,
        A.STRATEGIC_LEADERS,
        "A short feedback session with key participants after the event.",
    ),
]

# Leicestershire's four roundtables (000): audience, paragraphs that describe the session, and
# the findings as (paragraph index, theme key).
LEICESTERSHIRE_SESSIONS = {
    "Strategic Leaders Roundtable": (
        A.STRATEGIC_LEADERS,
        [0, 1],
        [(2, "communication"), (3, "readiness"), (4, "partnership-working"), (5, "pcp-role-procedure"),
         (6, "transition-boards")],
    ),
    "Police & Crime Panels Roundtable": (
        A.PANELS_SCRUTINY,
        [0, 1, 2],
        [(3, "pcp-role-procedure"), (4, "pcp-formation"), (5, "pcp-formation"), (6, "pcp-funding"),
         (7, "communication"), (8, "pcp-role-procedure")],
    ),
    "PCCs and Collaboration Roundtable": (
        A.COLLABORATION,
        [0, 1, 2, 4, 5],
        [(3, "partnership-working"), (6, "transition-boards"), (7, "community-safety-funding-commissioning"),
         (8, "partnerships-cjs"), (9, "partnerships-cjs"), (10, "communication"), (11, "communication")],
    ),
    "PCCs and Wider Partnership and Integrated Commissioning Roundtable": (
        A.INTEGRATED_COMMISSIONING,
        [0, 1, 2],
        [(3, "community-safety-funding-commissioning"), (4, "vulnerable-groups"),
         (5, "community-safety-funding-commissioning"), (6, "community-safety-funding-commissioning"),
         (7, "partnership-working"), (8, "communication")],
    ),
}  # fmt: skip

# Who attended (000 names roles, not people): session, organisation, role, seniority.
LEICESTERSHIRE_ATTENDEES = [
    ("Strategic Leaders Roundtable", "Leicestershire Police", "Chief Constable", S.STRATEGIC_LEADER),
    ("Strategic Leaders Roundtable", "Leicester City Council", "City Mayor", S.STRATEGIC_LEADER),
    ("Strategic Leaders Roundtable", "Leicestershire County Council", "Chief Executive", S.STRATEGIC_LEADER),
    ("Strategic Leaders Roundtable", "Rutland County Council", "Chief Executive", S.STRATEGIC_LEADER),
    ("Police & Crime Panels Roundtable", "Leicestershire County Council", "Scrutiny and governance", S.SENIOR_MANAGER),
    ("Police & Crime Panels Roundtable", "Charnwood Borough Council", "Chair of scrutiny panel", S.SENIOR_MANAGER),
    ("Police & Crime Panels Roundtable", "Blaby District Council", "Scrutiny and governance", S.SENIOR_MANAGER),
    ("PCCs and Collaboration Roundtable", "Safer Leicester Partnership", "Community safety", S.STRATEGIC_LEADER),
    (
        "PCCs and Collaboration Roundtable",
        "Leicestershire and Rutland Local Criminal Justice Board",
        "Board manager",
        S.SENIOR_MANAGER,
    ),
    ("PCCs and Collaboration Roundtable", "Voluntary Action Leicestershire", "Voluntary sector", S.SENIOR_MANAGER),
    ("PCCs and Collaboration Roundtable", "Leicestershire Police", "Integrated offender management", S.PRACTITIONER),
    (
        "PCCs and Wider Partnership and Integrated Commissioning Roundtable",
        "West Leicestershire Clinical Commissioning Group",
        "Health commissioning",
        S.SENIOR_MANAGER,
    ),
    (
        "PCCs and Wider Partnership and Integrated Commissioning Roundtable",
        "Voluntary Action Leicestershire",
        "Third sector",
        S.SENIOR_MANAGER,
    ),
    (
        "PCCs and Wider Partnership and Integrated Commissioning Roundtable",
        "Leicestershire County Council",
        "Community Budget pilot",
        S.SENIOR_MANAGER,
    ),
]

# Deep Dives report findings: paragraph numbers by theme; all four areas unless named.
REPORT_FINDINGS = [
    ([20, 21], "readiness", None),
    ([22, 23, 24, 25, 26], "pcp-formation", None),
    ([27], "pcp-role-procedure", None),
    ([28], "pcp-funding", None),
    ([29, 30], "wales", ["south-wales"]),
    ([31, 32, 33, 34], "partnership-working", None),
    ([35, 36, 37, 38], "partnerships-cjs", None),
    ([39, 40], "community-safety-funding-commissioning", None),
    ([41, 42, 43, 44, 45], "vulnerable-groups", None),
    ([46, 47], "communication", None),
    ([48, 49, 50, 51], "readiness", None),
    ([52], "transition-boards", None),
]


def _paragraphs(*numbers: int) -> str:
    return "\n\n".join(P[n] for n in numbers)


def _themes() -> dict[str, Theme]:
    for position, (group, name, key) in enumerate(SEED_THEMES, start=1):
        Theme.objects.get_or_create(key=key, defaults={"group": group, "name": name, "position": position * 10})
    return {t.key: t for t in Theme.objects.all()}


def _load_deep_dives(areas: dict[str, ForceArea], organisations: dict, themes: dict[str, Theme]) -> ConsultationEvent:
    programme, _ = ConsultationEvent.objects.update_or_create(
        title=PROGRAMME_TITLE,
        parent=None,
        defaults={
            "starts_on": datetime.date(2011, 10, 1),
            "ends_on": datetime.date(2011, 11, 30),
            "organiser": "Home Office",
            "purpose": _paragraphs(7, 8, 9, 10, 11),
            "executive_summary": _paragraphs(1, 2, 3, 4, 5, 6),
            "method": _paragraphs(12, 13, 14, 15, 16, 17, 18, 19),
            "feedback_summary": _paragraphs(5),
            "local_partners_intro": P[53].split("\n\n")[0],
            "home_office_intro": P[54],
        },
    )
    programme.force_areas.set([areas[code] for code in AREA_CODES])

    for code in AREA_CODES:
        area = areas[code]
        is_leicestershire = code == "leicestershire"
        event, _ = ConsultationEvent.objects.update_or_create(
            title=f"Deep Dive in {area.name}",
            parent=programme,
            defaults={
                "starts_on": datetime.date(2011, 10, 1),
                "ends_on": datetime.date(2011, 11, 30),
                "organiser": "Leicestershire Police Authority and the Home Office"
                if is_leicestershire
                else "Home Office",
                "purpose": "\n\n".join(seed.LEICESTERSHIRE_INTRO) if is_leicestershire else P[3],
                "feedback_summary": seed.LEICESTERSHIRE_INTRO[1] if is_leicestershire else "",
            },
        )
        event.force_areas.set([area])
        if is_leicestershire:
            _load_leicestershire_sessions(event, area, organisations, themes)
        else:
            for position, (title, kind, audience, summary) in enumerate(DEEP_DIVE_SESSIONS, start=1):
                Session.objects.update_or_create(
                    event=event,
                    title=title,
                    defaults={
                        "force_area": area,
                        "kind": kind,
                        "audience": audience,
                        "summary": summary,
                        "facilitator": "Home Office",
                        "position": position,
                    },
                )
        if code == "west-midlands":
            session = event.sessions.get(title=DEEP_DIVE_SESSIONS[0][0])
            for name in ("Birmingham City Council", "Coventry City Council", "Walsall Council"):
                Attendee.objects.update_or_create(
                    session=session,
                    organisation=organisations[name],
                    defaults={"role": "Chief Executive", "seniority": S.STRATEGIC_LEADER, "attended": True},
                )

    for position, (numbers, theme_key, codes) in enumerate(REPORT_FINDINGS, start=1):
        for offset, number in enumerate(numbers):
            finding, _ = Finding.objects.update_or_create(
                event=programme,
                position=position * 100 + offset,
                defaults={"theme": themes[theme_key], "text": P[number], "session": None},
            )
            finding.areas.set([areas[c] for c in (codes or AREA_CODES)])

    local_items = [line[2:] for line in P[53].split("\n") if line.startswith("- ")]
    for position, text in enumerate(local_items, start=1):
        Action.objects.update_or_create(
            event=programme,
            responsible=Action.Responsible.LOCAL_PARTNERS,
            position=position,
            defaults={"text": text, "owner": "Local partners and transition boards", "heading": ""},
        )
    for position, number in enumerate([55, 56, 57], start=1):
        Action.objects.update_or_create(
            event=programme,
            responsible=Action.Responsible.HOME_OFFICE,
            position=position,
            defaults={
                "text": P[number],
                "owner": "Home Office",
                "heading": "Information and Communication",
                "status": Action.Status.IN_PROGRESS,
            },
        )
    return programme


def _load_leicestershire_sessions(event, area, organisations, themes) -> None:
    paragraphs = dict(seed.LEICESTERSHIRE_SESSIONS)
    for position, (title, (audience, summary_indexes, findings)) in enumerate(LEICESTERSHIRE_SESSIONS.items(), 1):
        text = paragraphs[title]
        session, _ = Session.objects.update_or_create(
            event=event,
            title=title,
            defaults={
                "force_area": area,
                "kind": K.ROUNDTABLE,
                "audience": audience,
                "summary": "\n\n".join(text[i] for i in summary_indexes),
                "facilitator": "Leicestershire Police Authority",
                "position": position,
            },
        )
        for offset, (index, theme_key) in enumerate(findings):
            finding, _ = Finding.objects.update_or_create(
                event=event,
                session=session,
                position=position * 100 + offset,
                defaults={"theme": themes[theme_key], "text": text[index]},
            )
            finding.areas.set([area])
    for position, (title, kind, audience, summary) in enumerate(DEEP_DIVE_SESSIONS[4:], start=10):
        Session.objects.update_or_create(
            event=event,
            title=title,
            defaults={"force_area": area, "kind": kind, "audience": audience, "summary": summary, "position": position},
        )
    for title, organisation, role, seniority in LEICESTERSHIRE_ATTENDEES:
        Attendee.objects.update_or_create(
            session=event.sessions.get(title=title),
            organisation=organisations[organisation],
            role=role,
            defaults={"seniority": seniority, "attended": True},
        )


def _london(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


PLAN_QUESTIONS = [
    ("How well does the draft plan reflect your organisation's priorities?", Question.Kind.RATING, [], True),
    (
        "Should the Commissioner rank the priorities in the plan?",
        Question.Kind.SINGLE,
        ["Yes", "No", "No view"],
        True,
    ),
    (
        "Which of these should the plan say more about?",
        Question.Kind.MULTIPLE,
        [
            "Prevention through partnership working",
            "Equality impact",
            "The voluntary and community sector",
            "How targets were arrived at",
            "Commissioning and grants",
        ],
        False,
    ),
    ("Your comments on the draft plan", Question.Kind.TEXT, [], True),
    ("How should the Commissioner work with your organisation to deliver the plan?", Question.Kind.TEXT, [], False),
]

# Responses by partners, drawn from the concerns the panel reported (003): organisation,
# rating, rank?, more about, comments, working together, themes, may be published.
PLAN_RESPONSES = [
    (
        "Voluntary Action Leicestershire",
        3,
        "No view",
        ["The voluntary and community sector", "Commissioning and grants"],
        "There is little reference in the plan to the voluntary sector and community groups, which make a "
        "significant contribution to crime reduction. The consultation period is tight for voluntary and "
        "community groups; we draw the Commissioner's attention to the local Compact.",
        "Through the Strategic Transition Board, where VAL is represented, and an engagement plan that reaches "
        "small community groups.",
        ["community-safety-funding-commissioning", "communication"],
        True,
    ),
    (
        "Leicester City Council",
        2,
        "Yes",
        ["Equality impact", "Prevention through partnership working"],
        "The plan does not adequately address equality in relation to all priorities and targets. An equality "
        "impact assessment should be undertaken as a matter of urgency, with the City Council engaged.",
        "Joint work on the equality impact assessment and on prevention through the Safer Leicester Partnership.",
        ["vulnerable-groups", "partnership-working"],
        False,
    ),
    (
        "Leicestershire and Rutland Probation Trust",
        3,
        "Yes",
        ["How targets were arrived at"],
        "Targets and success measures should be agreed with partners: targets cannot be set without effective "
        "engagement from the agencies that deliver them.",
        "Agree performance and outcome measures for reducing re-offending with the Trust.",
        ["partnerships-cjs"],
        True,
    ),
    (
        "Safer Leicester Partnership",
        2,
        "Yes",
        ["Prevention through partnership working", "Commissioning and grants"],
        "The plan focuses on policing rather than prevention through the wider context of partnership working. "
        "Continuity of community safety funding for the partnership matters to programmes that work.",
        "Meet the chairs of each Community Safety Partnership during February and March.",
        ["partnership-working", "community-safety-funding-commissioning"],
        True,
    ),
    (
        "West Leicestershire Clinical Commissioning Group",
        4,
        "No",
        ["Prevention through partnership working"],
        "We welcome the mental health and vulnerability themes and would like to develop their performance and "
        "outcome measures together.",
        "Meet to develop outcome measures for the mental health and vulnerability themes.",
        ["vulnerable-groups"],
        True,
    ),
]

PLAN_OUTCOMES = [
    (
        "The plan did not adequately address equality in all priorities and targets.",
        "The Commissioner asked for an equality impact assessment, with the City Council and other relevant "
        "bodies engaged, to be completed by September 2013.",
        ["vulnerable-groups"],
    ),
    (
        "There was little about the voluntary and community sector, and the consultation period was tight for them.",
        "The engagement plan covers voluntary sector and community groups; the Commissioner has met several "
        "voluntary groups and more meetings are planned.",
        ["communication", "community-safety-funding-commissioning"],
    ),
    (
        "Targets should be agreed with partners.",
        "The Commissioner is meeting the chairs of each Community Safety Partnership and working with the "
        "Probation Service and the Clinical Commissioning Group on performance and outcome measures.",
        ["partnerships-cjs", "partnership-working"],
    ),
]


def _demo_partner_organisation(organisations):
    """Return the demo partner's organisation, linking the account to VAL if nobody has yet."""
    user = User.objects.filter(email=PARTNER_EMAIL).first()
    if user is None:
        return None, None
    if organisation_of(user) is None:
        Contact.objects.get_or_create(
            user=user,
            defaults={
                "organisation": organisations["Voluntary Action Leicestershire"],
                "full_name": user.full_name,
                "job_title": user.job_title,
                "seniority": S.STRATEGIC_LEADER,
                "email": user.email,
            },
        )
    return user, organisation_of(user)


def _load_plan_consultation(area, organisations, themes) -> Consultation:
    plan, _ = Plan.objects.get_or_create(
        force_area=area,
        title="Police and Crime Plan 2013–2017",
        defaults={
            "period_start": datetime.date(2013, 4, 1),
            "period_end": datetime.date(2017, 3, 31),
            "commissioner": "Sir Clive Loader",
        },
    )
    version, _ = PlanVersion.objects.get_or_create(
        plan=plan, number=1, defaults={"label": "January 2013 draft", "status": PlanVersion.Status.CONSULTATION}
    )
    invited = [organisations[row[0]] for row in PLAN_RESPONSES] + [
        organisations["Leicestershire County Council"],
        organisations["Leicestershire Fire and Rescue Service"],
    ]
    consultation, _ = Consultation.objects.update_or_create(
        force_area=area,
        title="Consultation on the draft Police and Crime Plan 2013–2017",
        defaults={
            "summary": (
                "The Commissioner's draft Police and Crime Plan is published for consultation throughout February "
                "and early March. The consultation closes on 10 March 2013; a revised plan will be published, with "
                "appropriate amendments, by 31 March 2013.\n\nWe want to hear from partners and the public."
            ),
            "subject": Consultation.Subject.PLAN_VERSION,
            "plan_version": version,
            "opens_at": _london(2013, 2, 1, 9, 0),
            "closes_at": _london(2013, 3, 10, 23, 59),
            "audience": Consultation.Audience.PUBLIC,
            "status": Consultation.Status.PUBLISHED,
        },
    )
    consultation.invited_organisations.set(invited)
    questions = _questions(consultation, PLAN_QUESTIONS)
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    partner_user, partner_org = _demo_partner_organisation(organisations)
    for index, (name, rating, rank, more, comments, working, theme_keys, consent) in enumerate(PLAN_RESPONSES):
        organisation = organisations[name]
        submitted_at = _london(2013, 2, 18, 11, 30) + datetime.timedelta(days=index * 3)
        response, _ = Response.objects.update_or_create(
            consultation=consultation,
            organisation=organisation,
            defaults={
                "status": Response.Status.SUBMITTED,
                "submitted_at": submitted_at,
                "received_at": submitted_at,
                "publication_consent": consent,
                "submitted_by": partner_user if organisation == partner_org else None,
            },
        )
        if not response.reference:
            response.reference = f"LEIC-{consultation.pk}-{response.pk:05d}"
            response.save(update_fields=["reference"])
        values = [
            {"rating": rating},
            {"selected": [rank]},
            {"selected": more},
            {"text": comments},
            {"text": working},
        ]
        for question, value in zip(questions, values, strict=True):
            Answer.objects.update_or_create(
                response=response,
                question=question,
                defaults={
                    "text": value.get("text", ""),
                    "selected": value.get("selected", []),
                    "rating": value.get("rating"),
                },
            )
        for key in theme_keys:
            ResponseTag.objects.get_or_create(response=response, theme=themes[key], defaults={"created_by": staff})
        if index == 0:
            AnalystNote.objects.get_or_create(
                response=response,
                text="Echoes the panel's comment (h): include more on the voluntary sector's role in the revised plan.",
                defaults={"author": staff},
            )
        if consent and index in (0, 2) and response.published_at is None:
            response.published_at = _london(2013, 3, 20, 10, 0)
            response.save(update_fields=["published_at"])
    for position, (you_said, we_did, theme_keys) in enumerate(PLAN_OUTCOMES, start=1):
        outcome, _ = Outcome.objects.update_or_create(
            consultation=consultation,
            position=position,
            defaults={"you_said": you_said, "we_did": we_did, "changed_plan_version": version},
        )
        outcome.themes.set([themes[k] for k in theme_keys])
    if consultation.outcomes_published_at is None:
        consultation.outcomes_published_at = _london(2013, 3, 31, 12, 0)
        consultation.save(update_fields=["outcomes_published_at"])
    return consultation


def _questions(consultation, rows) -> list[Question]:
    questions = []
    for position, (text, kind, choices, required) in enumerate(rows, start=1):
        question, _ = Question.objects.update_or_create(
            consultation=consultation,
            position=position,
            defaults={"text": text, "kind": kind, "choices": choices, "required": required},
        )
        questions.append(question)
    return questions


def _load_open_consultation(area, organisations) -> Consultation:
    """A consultation open now (its dates move with the clock), so the demo partner can try it."""
    now = timezone.localtime()
    consultation, _ = Consultation.objects.update_or_create(
        force_area=area,
        title="Partnership priorities for community safety funding",
        defaults={
            "summary": (
                "The Commissioner is reviewing how community safety funding is allocated across the area. "
                "Tell us which priorities your organisation would fund, and how you would like to be involved."
            ),
            "subject": Consultation.Subject.COMMISSIONING,
            "subject_description": "Community safety funding allocations",
            "opens_at": (now - datetime.timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0),
            "closes_at": (now + datetime.timedelta(days=28)).replace(hour=17, minute=0, second=0, microsecond=0),
            "audience": Consultation.Audience.PUBLIC,
            "status": Consultation.Status.PUBLISHED,
        },
    )
    consultation.invited_organisations.set(
        [
            organisations["Voluntary Action Leicestershire"],
            organisations["Safer Leicester Partnership"],
            organisations["Charnwood Community Safety Partnership"],
            organisations["Leicestershire and Rutland Probation Trust"],
        ]
    )
    _questions(
        consultation,
        [
            ("How well does the current allocation meet local needs?", Question.Kind.RATING, [], True),
            (
                "Which priorities should funding support?",
                Question.Kind.MULTIPLE,
                ["Victims of domestic and sexual abuse", "Drug misusing offenders", "Young people", "Hate crime"],
                True,
            ),
            (
                "Should funding go to partnerships on a formula basis?",
                Question.Kind.SINGLE,
                ["Yes", "No", "Not sure"],
                False,
            ),
            ("What else should the Commissioner know?", Question.Kind.TEXT, [], False),
        ],
    )
    return consultation


@transaction.atomic
def load(*, stdout) -> None:
    organisations = ensure_demo_organisations()
    areas = {a.code: a for a in ForceArea.objects.filter(code__in=AREA_CODES)}
    missing = set(AREA_CODES) - set(areas)
    if missing:
        stdout.write(f"Consultations demo skipped: force areas missing ({', '.join(sorted(missing))}).")
        return
    themes = _themes()
    programme = _load_deep_dives(areas, organisations, themes)
    plan_consultation = _load_plan_consultation(areas["leicestershire"], organisations, themes)
    _load_open_consultation(areas["leicestershire"], organisations)
    stdout.write(
        f"Consultation events: {programme.title} with {programme.children.count()} Deep Dives; "
        f"consultations: {plan_consultation.title} ({plan_consultation.responses.count()} responses) and one open now."
    )
