"""Commissioning at national scale: every area's streams, rounds, applications,
grants and monitoring returns; the overview, register and workflow pages."""

import datetime
import random

from django.test import Client
from django.utils import timezone

from commissioning.models import (
    Application,
    Criterion,
    Funder,
    FundingStream,
    Grant,
    MonitoringReturn,
    Round,
)
from commissioning.services import spend_totals_rebuild
from partners.models import Contact, Organisation, OrganisationType, PartnershipArea
from pcc_portal.accounts.models import ForceArea, Role, User
from plans.models import Plan, PlanVersion, Priority

ORGANISATIONS_PER_AREA = 60
GRANTS_PER_AREA = 400
APPLICATIONS_PER_AREA = 150
TYPES = [
    (OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP, PartnershipArea.LOCAL_AUTHORITY),
    (OrganisationType.VOLUNTARY_COMMUNITY, PartnershipArea.VOLUNTARY_SECTOR),
    (OrganisationType.DISTRICT_COUNCIL, PartnershipArea.LOCAL_AUTHORITY),
    (OrganisationType.YOUTH_OFFENDING, PartnershipArea.CRIMINAL_JUSTICE),
]


def build() -> None:
    rng = random.Random(2013)
    today = timezone.localdate()
    now = timezone.now()
    areas = list(ForceArea.objects.order_by("pk"))
    Funder.objects.bulk_create(
        Funder(force_area=a, name=f"OPCC for {a.name}", org_id=f"GB-GOV-OPCC-{a.pk}", prefix_360g=f"opcc{a.pk}")
        for a in areas
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench partner {a.pk}-{n}",
            org_type=TYPES[n % len(TYPES)][0],
            partnership_area=TYPES[n % len(TYPES)][1],
            population=rng.randint(30_000, 600_000) if n % len(TYPES) == 2 else None,
        )
        for a in areas
        for n in range(ORGANISATIONS_PER_AREA)
    )
    through = Organisation.force_areas.through
    through.objects.bulk_create(
        through(organisation_id=o.pk, forcearea_id=areas[i // ORGANISATIONS_PER_AREA].pk)
        for i, o in enumerate(organisations)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            force_area=a,
            title="Police and Crime Plan 2013–2017",
            period_start=datetime.date(2013, 4, 1),
            period_end=datetime.date(2017, 3, 31),
            commissioner="Bench",
        )
        for a in areas
    )
    versions = PlanVersion.objects.bulk_create(PlanVersion(plan=p, number=1) for p in plans)
    priorities = Priority.objects.bulk_create(
        Priority(version=v, key=f"p{k}", title=f"Priority {k}", position=k) for v in versions for k in range(4)
    )
    streams = FundingStream.objects.bulk_create(
        FundingStream(force_area=a, name=name, financial_year=2013, budget_pence=5_000_000_00)
        for a in areas
        for name in ("Community Safety Fund", "Victims' services")
    )
    rounds = Round.objects.bulk_create(
        Round(
            stream=streams[i * 2],
            title=f"Round {a.name}",
            opens_at=now - datetime.timedelta(days=10),
            closes_at=now + datetime.timedelta(days=20),
            eligibility="Partners.",
        )
        for i, a in enumerate(areas)
    )
    Criterion.objects.bulk_create(
        Criterion(round=r, title=f"Criterion {k}", position=k) for r in rounds for k in range(3)
    )
    statuses = list(Application.Status.values)
    Application.objects.bulk_create(
        Application(
            round=rounds[i],
            organisation=organisations[i * ORGANISATIONS_PER_AREA + n % ORGANISATIONS_PER_AREA],
            title=f"Bench application {n}",
            status=statuses[n % len(statuses)],
            amount_requested_pence=rng.randint(1_000_00, 100_000_00),
        )
        for i in range(len(areas))
        for n in range(APPLICATIONS_PER_AREA)
    )
    grants = Grant.objects.bulk_create(
        Grant(
            force_area=a,
            stream=streams[i * 2 + n % 2],
            recipient=organisations[i * ORGANISATIONS_PER_AREA + n % ORGANISATIONS_PER_AREA],
            reference=f"B-{a.pk}-{n}",
            title=f"Bench grant {n}",
            purpose="Community safety work.",
            amount_pence=rng.randint(1_000_00, 200_000_00),
            award_date=today - datetime.timedelta(days=200),
            start_date=today - datetime.timedelta(days=180),
            end_date=today + datetime.timedelta(days=rng.randint(-30, 365)),
            conditions="Report quarterly.",
        )
        for i, a in enumerate(areas)
        for n in range(GRANTS_PER_AREA)
    )
    link = Grant.priorities.through
    link.objects.bulk_create(
        link(grant_id=g.pk, priority_id=priorities[(i // GRANTS_PER_AREA) * 4 + i % 4].pk) for i, g in enumerate(grants)
    )
    MonitoringReturn.objects.bulk_create(
        MonitoringReturn(
            grant=g,
            period_start=g.start_date + datetime.timedelta(days=91 * k),
            period_end=g.start_date + datetime.timedelta(days=91 * k + 90),
            due_date=g.start_date + datetime.timedelta(days=91 * k + 120),
            status=MonitoringReturn.Status.DUE if (i + k) % 5 == 0 else MonitoringReturn.Status.ACCEPTED,
        )
        for i, g in enumerate(grants)
        for k in range(2)
    )
    partner = User.objects.create_user(
        "bench-partner@bench.example.org", "x", full_name="Bench Partner", role=Role.PARTNER
    )
    partner.force_areas.set([areas[0]])
    Contact.objects.create(organisation=organisations[0], user=partner, full_name="Bench Partner")
    # The bulk inserts' entries, folded into one per key as the nightly rebuild leaves them.
    spend_totals_rebuild()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pages():
    area = ForceArea.objects.order_by("pk").first()
    staff = User.objects.filter(role=Role.OPCC_STAFF, force_areas=area).first()
    staff_client = _client(staff)
    admin_client = _client(User.objects.get(email="bench-admin@bench.example.org"))
    partner_client = _client(User.objects.get(email="bench-partner@bench.example.org"))
    stream = FundingStream.objects.filter(force_area=area).first()
    round_ = Round.objects.filter(stream__force_area=area).first()
    grant = Grant.objects.filter(force_area=area).first()
    application = Application.objects.filter(round=round_).first()
    public = Client()
    return [
        ("commissioning overview (staff, 400 grants)", staff_client, "/commissioning/"),
        ("commissioning overview (admin, 17,200 grants)", admin_client, "/commissioning/"),
        ("commissioning overview (partner)", partner_client, "/commissioning/"),
        ("stream page (200 grants)", staff_client, stream.get_absolute_url()),
        ("round page (150 applications)", staff_client, round_.get_absolute_url()),
        ("application page", staff_client, application.get_absolute_url()),
        ("grant page", staff_client, grant.get_absolute_url()),
        ("public register, page 1 of 344", public, "/commissioning/register/"),
        ("public register, one area", public, f"/commissioning/register/?area={area.code}"),
        ("published decisions", public, "/commissioning/decisions/"),
    ]
