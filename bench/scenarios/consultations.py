"""Consultations at national scale: 43 areas, 2,150 organisations, ~21,500 responses with answers."""

import datetime
import random

from django.test import Client
from django.utils import timezone

from consultations.models import (
    Action,
    Answer,
    Attendee,
    Consultation,
    ConsultationEvent,
    Finding,
    Question,
    Response,
    ResponseTag,
    Session,
    Theme,
)
from partners.models import Contact, Organisation, OrganisationType, PartnershipArea
from pcc_portal.accounts.models import ForceArea, Role, User

ORGANISATIONS_PER_AREA = 50
CONSULTATIONS_PER_AREA = 5
SESSIONS_PER_EVENT = 6
FINDINGS_PER_EVENT = 40
PARTNER_EMAIL = "bench-consultations-partner@bench.example.org"
STAFF_EMAIL = "bench-consultations-staff@bench.example.org"


def build() -> None:
    rng = random.Random(6)
    areas = list(ForceArea.objects.order_by("pk"))
    types = [t for t, _ in OrganisationType.choices]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {a.pk}-{i}",
            org_type=types[i % len(types)],
            partnership_area=PartnershipArea.LOCAL_AUTHORITY,
        )
        for a in areas
        for i in range(ORGANISATIONS_PER_AREA)
    )
    through = Organisation.force_areas.through
    through.objects.bulk_create(
        through(organisation_id=o.pk, forcearea_id=areas[i // ORGANISATIONS_PER_AREA].pk)
        for i, o in enumerate(organisations)
    )
    by_area = {
        a.pk: organisations[i * ORGANISATIONS_PER_AREA : (i + 1) * ORGANISATIONS_PER_AREA] for i, a in enumerate(areas)
    }

    themes = list(Theme.objects.all())
    now = timezone.now()
    consultations = Consultation.objects.bulk_create(
        Consultation(
            force_area=a,
            title=f"Consultation {n} in {a.name}",
            summary="Tell us what you think.",
            subject=Consultation.Subject.OTHER,
            subject_description="A proposal",
            opens_at=now - datetime.timedelta(days=30 - n),
            closes_at=now + datetime.timedelta(days=n * 7 - 10),
            audience=Consultation.Audience.PUBLIC if n % 2 else Consultation.Audience.INVITED,
            status=Consultation.Status.PUBLISHED,
        )
        for a in areas
        for n in range(CONSULTATIONS_PER_AREA)
    )
    invited = Consultation.invited_organisations.through
    invited.objects.bulk_create(
        invited(consultation_id=c.pk, organisation_id=o.pk) for c in consultations for o in by_area[c.force_area_id]
    )
    questions = Question.objects.bulk_create(
        Question(consultation=c, position=p, text=f"Question {p}", kind=kind, choices=choices, required=p == 1)
        for c in consultations
        for p, kind, choices in [
            (1, Question.Kind.TEXT, []),
            (2, Question.Kind.SINGLE, ["Yes", "No", "Not sure"]),
            (3, Question.Kind.MULTIPLE, ["A", "B", "C", "D"]),
            (4, Question.Kind.RATING, []),
            (5, Question.Kind.TEXT, []),
        ]
    )
    questions_of: dict[int, list[Question]] = {}
    for q in questions:
        questions_of.setdefault(q.consultation_id, []).append(q)
    responses = Response.objects.bulk_create(
        Response(
            consultation=c,
            organisation=o,
            status=Response.Status.SUBMITTED if i % 10 else Response.Status.DRAFT,
            submitted_at=now - datetime.timedelta(hours=i),
            reference=f"BENCH-{c.pk}-{o.pk}",
            publication_consent=bool(i % 3),
        )
        for c in consultations
        for i, o in enumerate(by_area[c.force_area_id][: 10 + 10 * (c.pk % 5)])
    )
    answers = []
    tags = []
    for r in responses:
        for q in questions_of[r.consultation_id]:
            if q.kind == Question.Kind.TEXT:
                answers.append(Answer(response=r, question=q, text="Words about partnership working. " * 8))
            elif q.kind == Question.Kind.SINGLE:
                answers.append(Answer(response=r, question=q, selected=[rng.choice(q.choices)]))
            elif q.kind == Question.Kind.MULTIPLE:
                answers.append(Answer(response=r, question=q, selected=rng.sample(q.choices, 2)))
            else:
                answers.append(Answer(response=r, question=q, rating=rng.randint(1, 5)))
        tags.append(ResponseTag(response=r, theme=rng.choice(themes)))
    Answer.objects.bulk_create(answers, batch_size=5000)
    ResponseTag.objects.bulk_create(tags, batch_size=5000)

    events = ConsultationEvent.objects.bulk_create(
        ConsultationEvent(
            title=f"Deep Dive in {a.name}",
            starts_on=datetime.date(2011, 10, 1),
            ends_on=datetime.date(2011, 11, 30),
            organiser="Home Office",
            purpose="Understand how partners are preparing.",
            executive_summary="First paragraph.\n\nSecond paragraph.",
        )
        for a in areas
    )
    event_areas = ConsultationEvent.force_areas.through
    event_areas.objects.bulk_create(
        event_areas(consultationevent_id=e.pk, forcearea_id=a.pk) for e, a in zip(events, areas, strict=True)
    )
    kinds = [k for k, _ in Session.Kind.choices]
    audiences = [k for k, _ in Session.Audience.choices]
    sessions = Session.objects.bulk_create(
        Session(
            event=e,
            force_area=a,
            title=f"Session {n}",
            kind=kinds[n % 4],
            audience=audiences[n % 4],
            position=n,
        )
        for e, a in zip(events, areas, strict=True)
        for n in range(SESSIONS_PER_EVENT)
    )
    Attendee.objects.bulk_create(
        Attendee(session=s, organisation=o, role="Chief Executive", seniority="strategic_leader", attended=True)
        for s in sessions
        for o in by_area[s.force_area_id][:8]
    )
    findings = Finding.objects.bulk_create(
        Finding(event=s.event, session=s, theme=themes[n % len(themes)], text=f"Finding {n}. " * 20, position=n)
        for s in sessions
        for n in range(FINDINGS_PER_EVENT // SESSIONS_PER_EVENT)
    )
    finding_areas = Finding.areas.through
    finding_areas.objects.bulk_create(
        finding_areas(finding_id=f.pk, forcearea_id=f.session.force_area_id) for f in findings
    )
    Action.objects.bulk_create(
        Action(event=e, responsible=Action.Responsible.LOCAL_PARTNERS, text=f"Action {n}", position=n)
        for e in events
        for n in range(9)
    )

    staff = User.objects.create_user(STAFF_EMAIL, "x", full_name="Bench Staff", role=Role.OPCC_STAFF)
    staff.force_areas.set([areas[0]])
    partner = User.objects.create_user(PARTNER_EMAIL, "x", full_name="Bench Partner", role=Role.PARTNER)
    partner.force_areas.set([areas[0]])
    Contact.objects.create(organisation=by_area[areas[0].pk][0], full_name="Bench Partner", user=partner)


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def pages():
    staff = _client(STAFF_EMAIL)
    partner = _client(PARTNER_EMAIL)
    public = Client()
    area = User.objects.get(email=STAFF_EMAIL).force_areas.get()
    biggest = Consultation.objects.filter(force_area=area).order_by("-pk").first()
    largest = max(
        Consultation.objects.filter(force_area=area),
        key=lambda c: c.responses.filter(status=Response.Status.SUBMITTED).count(),
    )
    open_public = Consultation.objects.filter(
        audience=Consultation.Audience.PUBLIC, closes_at__gt=timezone.now()
    ).first()
    response = largest.responses.filter(status=Response.Status.SUBMITTED).first()
    event = ConsultationEvent.objects.filter(force_areas=area).get()
    n = largest.responses.filter(status=Response.Status.SUBMITTED).count()
    return [
        ("consultation list (staff)", staff, "/consultations/"),
        ("consultation list (partner)", partner, "/consultations/"),
        ("consultation page (staff)", staff, biggest.get_absolute_url()),
        (f"analysis ({n} responses)", staff, f"/consultations/{largest.pk}/analysis/"),
        (f"XLSX export ({n} responses)", staff, f"/consultations/{largest.pk}/export.xlsx"),
        ("response (staff)", staff, response.get_absolute_url()),
        ("respond form (partner)", partner, f"/consultations/{largest.pk}/respond/"),
        ("dashboard (partner)", partner, "/dashboard/"),
        ("dashboard (staff)", staff, "/dashboard/"),
        ("public consultations", public, "/consultations/public/"),
        ("public consultation", public, f"/consultations/public/{open_public.pk}/"),
        ("event list", staff, "/consultations/events/"),
        ("event page", staff, event.get_absolute_url()),
        ("findings report", staff, f"/consultations/events/{event.pk}/report/"),
    ]


def pdfs():
    def report() -> bytes:

        from consultations.documents import findings_report_document
        from pcc_portal.pdf.services import html_to_pdf, render_html

        event = ConsultationEvent.objects.first()
        source = findings_report_document(event_id=event.pk)
        html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
        return html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped

    return [("findings report PDF", report)]
