"""Partners at national scale: 43 areas, thousands of organisations, tens of thousands of contacts,
boards with members, an engagement log; the main pages and the landscape PDF."""

import random
from datetime import date, timedelta

from django.test import Client

from partners.models import (
    Bulletin,
    BulletinArticle,
    BulletinEvent,
    Contact,
    Duty,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationDuty,
    OrganisationType,
    Partnership,
    PartnershipArea,
    PartnershipMember,
)
from pcc_portal.accounts.models import ForceArea, Role, User

ORGS_PER_AREA = 80
CONTACTS_PER_ORG = 6
BOARDS_PER_AREA = 12
ENGAGEMENTS_PER_AREA = 150


def build() -> None:
    rng = random.Random(3)
    areas = list(ForceArea.objects.all()[:43])
    if not areas:
        areas = ForceArea.objects.bulk_create(
            ForceArea(name=f"Partner area {i:02d}", code=f"partner-area-{i:02d}") for i in range(43)
        )
    types = [t for t, _ in OrganisationType.choices]
    partnership_areas = [p for p, _ in PartnershipArea.choices]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {a.pk}-{n}",
            org_type=rng.choice(types),
            partnership_area=rng.choice(partnership_areas),
            population=rng.randint(30_000, 1_000_000) if n % 3 == 0 else None,
        )
        for a in areas
        for n in range(ORGS_PER_AREA)
    )
    through = Organisation.force_areas.through
    through.objects.bulk_create(
        through(organisation_id=o.pk, forcearea_id=areas[i // ORGS_PER_AREA].pk) for i, o in enumerate(orgs)
    )
    OrganisationDuty.objects.bulk_create(
        OrganisationDuty(organisation=o, duty=Duty.RESPONSIBLE_AUTHORITY) for o in orgs[::2]
    )
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=o,
            full_name=f"Contact {o.pk}-{n}",
            email=f"c{o.pk}-{n}@bench.example.org",
            bulletin_consent=n % 2 == 0,
        )
        for o in orgs
        for n in range(CONTACTS_PER_ORG)
    )
    boards, members = [], []
    for i, area in enumerate(areas):
        area_orgs = orgs[i * ORGS_PER_AREA : (i + 1) * ORGS_PER_AREA]
        for b in range(BOARDS_PER_AREA):
            boards.append(
                Partnership(
                    force_area=area,
                    name=f"Board {b}",
                    kind=Partnership.Kind.CLUSTER if b else Partnership.Kind.STRATEGIC_BOARD,
                )
            )
    boards = Partnership.objects.bulk_create(boards)
    for i, board in enumerate(boards):
        area_index = i // BOARDS_PER_AREA
        area_orgs = orgs[area_index * ORGS_PER_AREA : (area_index + 1) * ORGS_PER_AREA]
        for org in rng.sample(area_orgs, 15):
            members.append(PartnershipMember(partnership=board, organisation=org))
    PartnershipMember.objects.bulk_create(members)
    today = date.today()
    engagements = Engagement.objects.bulk_create(
        Engagement(force_area=a, title=f"Meeting {n}", held_on=today - timedelta(days=n - 20))
        for a in areas
        for n in range(ENGAGEMENTS_PER_AREA)
    )
    Engagement.organisations.through.objects.bulk_create(
        Engagement.organisations.through(
            engagement_id=e.pk, organisation_id=orgs[(i // ENGAGEMENTS_PER_AREA) * ORGS_PER_AREA + i % 10].pk
        )
        for i, e in enumerate(engagements)
    )
    FollowUpAction.objects.bulk_create(
        FollowUpAction(engagement=e, description="Follow up", owner="OPCC", due_on=today + timedelta(days=i % 30))
        for i, e in enumerate(engagements)
    )
    publisher = orgs[0]
    bulletin = Bulletin.objects.create(
        publisher=publisher,
        number=1,
        issue_date=today,
        status=Bulletin.Status.PUBLISHED,
        introduction="Bench bulletin.",
    )
    BulletinArticle.objects.bulk_create(
        BulletinArticle(bulletin=bulletin, position=n, title=f"Article {n}", body="Text. " * 80, author_name="A B")
        for n in range(12)
    )
    BulletinEvent.objects.create(bulletin=bulletin, title="Conference", starts_on=today)
    staff = User.objects.create_user(
        "bench-partners@bench.example.org", "x", full_name="Partners Bench", role=Role.OPCC_STAFF
    )
    staff.force_areas.set([areas[0]])
    print(
        f"    {len(orgs)} organisations, {len(contacts)} contacts, {len(boards)} boards, {len(engagements)} engagements"
    )


def pages():
    staff = User.objects.get(email="bench-partners@bench.example.org")
    area = staff.force_areas.first()
    client = Client()
    client.force_login(staff)
    org = Organisation.objects.filter(force_areas=area).first()
    board = Partnership.objects.filter(force_area=area).first()
    bulletin = Bulletin.objects.first()
    base = "/partners"
    return [
        ("partners: organisation list", client, f"{base}/areas/{area.code}/"),
        ("partners: organisation list, filtered", client, f"{base}/areas/{area.code}/?partnership_area=health&q=1"),
        ("partners: organisation page", client, org.get_absolute_url()),
        ("partners: landscape page", client, f"{base}/areas/{area.code}/landscape/"),
        ("partners: contacts (480 in the area)", client, f"{base}/areas/{area.code}/contacts/"),
        ("partners: partnerships", client, f"{base}/areas/{area.code}/partnerships/"),
        ("partners: board page", client, board.get_absolute_url()),
        ("partners: engagement log", client, f"{base}/areas/{area.code}/engagement/"),
        ("partners: bulletin archive", Client(), f"{base}/bulletins/"),
        ("partners: bulletin page", Client(), bulletin.get_absolute_url()),
        ("partners: dashboard", client, "/dashboard/"),
    ]


def pdfs():
    def landscape_pdf() -> bytes:
        from partners.documents import landscape_document
        from pcc_portal.pdf.services import html_to_pdf, render_html

        area = User.objects.get(email="bench-partners@bench.example.org").force_areas.first()
        source = landscape_document(area_id=area.pk)
        html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
        return html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped

    return [("partners: landscape PDF (80 organisations, 12 boards)", landscape_pdf)]
