"""Plans: a plan in each of 43 force areas, five versions each, with sections, priorities,
objectives and panel comment threads (tens of thousands of rows)."""

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.pdf.services import html_to_pdf, render_html
from plans.documents import plan_version_document
from plans.models import Comment, Objective, Plan, PlanVersion, Priority, Section

AREAS = 43
VERSIONS = 5
SECTIONS = 20
PRIORITIES = 12
OBJECTIVES = 15
THREADS_PER_SECTION = 2
BODY = (
    "The Panel welcomes the commitment to work with partners, but notes that the plan focuses on policing "
    "rather than prevention through the wider context of partnership working.\n\n"
) * 4
S = PlanVersion.Status


def build() -> None:
    areas = list(ForceArea.objects.order_by("pk")[:AREAS])
    for i in range(len(areas), AREAS):
        areas.append(ForceArea.objects.create(name=f"Plans area {i:02d}", code=f"plans-area-{i:02d}"))
    now = timezone.now()
    members = User.objects.bulk_create(
        User(email=f"plans-member-{a.pk}@bench.example.org", full_name=f"Member {a.pk}", role=Role.PANEL_MEMBER)
        for a in areas
    )
    staff = User.objects.bulk_create(
        User(email=f"plans-staff-{a.pk}@bench.example.org", full_name=f"Staff {a.pk}", role=Role.OPCC_STAFF)
        for a in areas
    )
    through = User.force_areas.through
    through.objects.bulk_create(
        [through(user_id=u.pk, forcearea_id=a.pk) for a, u in zip(areas, members, strict=True)]
        + [through(user_id=u.pk, forcearea_id=a.pk) for a, u in zip(areas, staff, strict=True)]
    )
    plans = Plan.objects.bulk_create(
        Plan(
            force_area=a,
            title="Police and Crime Plan 2013–2017",
            period_start=date(2013, 4, 1),
            period_end=date(2017, 3, 31),
            commissioner=f"Commissioner {a.pk}",
            election_date=date(2012, 11, 15),
        )
        for a in areas
    )
    statuses = [S.SUPERSEDED, S.SUPERSEDED, S.SUPERSEDED, S.ISSUED, S.SHARED]
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=p,
            number=n + 1,
            label=f"Version {n + 1}",
            status=statuses[n],
            shared_at=now - timedelta(days=90 - n),
            issued_at=now - timedelta(days=30) if statuses[n] in {S.ISSUED, S.SUPERSEDED} else None,
            consultation_opens=now - timedelta(days=60),
            consultation_closes=now + timedelta(days=n * 10),
        )
        for p in plans
        for n in range(VERSIONS)
    )
    sections = Section.objects.bulk_create(
        Section(
            version=v,
            key=f"section-{i}",
            heading=f"Section {i}",
            body=BODY + (f"Revised {v.number}" * (i % 3 == 0)),
            position=i,
        )
        for v in versions
        for i in range(SECTIONS)
    )
    Priority.objects.bulk_create(
        Priority(version=v, key=f"priority-{i}", title=f"Priority {i}", position=i, rank=i + 1)
        for v in versions
        for i in range(PRIORITIES)
    )
    Objective.objects.bulk_create(
        Objective(version=v, key=f"objective-{i}", title=f"Objective {i}", measure="Recorded crime", position=i)
        for v in versions
        for i in range(OBJECTIVES)
    )
    member_of = {p.pk: m for p, m in zip(plans, members, strict=True)}
    plan_of = {v.pk: v.plan_id for v in versions}
    Comment.objects.bulk_create(
        Comment(
            version_id=s.version_id,
            section=s,
            author=member_of[plan_of[s.version_id]],
            body="Please say how this target was arrived at.",
            quote="partnership working",
        )
        for s in sections
        for _ in range(THREADS_PER_SECTION)
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pages():
    member = User.objects.filter(email__startswith="plans-member-").order_by("pk").first()
    staff = User.objects.filter(email__startswith="plans-staff-").order_by("pk").first()
    area_id = next(iter(member.area_ids))
    plan = Plan.objects.get(
        force_area_id=area_id, title="Police and Crime Plan 2013–2017", commissioner__startswith="Commissioner"
    )
    shared = plan.versions.get(number=VERSIONS)
    issued = plan.versions.get(number=VERSIONS - 1)
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "plans-admin@bench.example.org", "x", full_name="Bench Admin"
    )
    staff_client, member_client, anonymous = _client(staff), _client(member), Client()
    return [
        ("plan list (admin, 43+ plans)", _client(admin), "/plans/"),
        ("plan page with timetable (staff)", staff_client, plan.get_absolute_url()),
        ("version with 40 comment threads (staff)", staff_client, shared.get_absolute_url()),
        ("version with comment forms (panel member)", member_client, shared.get_absolute_url()),
        ("compare issued and shared", member_client, f"/plans/{plan.pk}/compare/?old={issued.pk}&new={shared.pk}"),
        ("issued plan (anonymous)", anonymous, issued.get_absolute_url()),
        ("issued plans list (anonymous)", anonymous, "/plans/issued/"),
        ("dashboard (panel member)", member_client, "/dashboard/"),
    ]


def pdfs():
    def plan_pdf() -> bytes:
        version = PlanVersion.objects.filter(status=S.ISSUED, plan__commissioner__startswith="Commissioner").first()
        source = plan_version_document(version_id=version.pk)
        html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
        return html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped

    return [("plan PDF (20 sections, 12 priorities, 15 targets)", plan_pdf)]
