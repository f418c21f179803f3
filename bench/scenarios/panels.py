"""Panels at national scale: 43 panels, ~17,000 agenda items, ~3,000 recommendations."""

import datetime

from django.test import Client

from panels.demo import seed_002_blocks
from panels.demo_text import SEED_003
from panels.models import (
    AgendaItem,
    AgendaReport,
    CommissionerResponse,
    ConfirmationHearing,
    Meeting,
    Membership,
    Panel,
    PanelReport,
    Recommendation,
    ReportParagraph,
    VetoVote,
)
from partners.models import Organisation, OrganisationType, PartnershipArea
from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.deadlines.registry import LONDON

COUNCILS_PER_AREA = 10
MEETINGS_PER_PANEL = 50
ITEMS_PER_MEETING = 8
REPORTS_PER_PANEL = 5
HEARINGS_PER_PANEL = 30


def build() -> None:
    areas = list(ForceArea.objects.order_by("pk"))
    if not areas:
        areas = ForceArea.objects.bulk_create(ForceArea(name=f"Area {i:02d}", code=f"area-{i:02d}") for i in range(43))
    councils = Organisation.objects.bulk_create(
        Organisation(
            name=f"{area.name} council {n}",
            org_type=OrganisationType.DISTRICT_COUNCIL,
            partnership_area=PartnershipArea.LOCAL_AUTHORITY,
            population=50_000 + 10_000 * n,
        )
        for area in areas
        for n in range(COUNCILS_PER_AREA)
    )
    through = Organisation.force_areas.through
    through.objects.bulk_create(
        through(organisation_id=c.pk, forcearea_id=areas[i // COUNCILS_PER_AREA].pk) for i, c in enumerate(councils)
    )
    panels = Panel.objects.bulk_create(
        Panel(
            force_area=area, name=f"{area.name} Police and Crime Panel", host_authority=councils[i * COUNCILS_PER_AREA]
        )
        for i, area in enumerate(areas)
    )
    Membership.objects.bulk_create(
        Membership(
            panel=panel,
            full_name=f"Councillor {n}",
            council=councils[i * COUNCILS_PER_AREA + n],
            party=["Labour", "Conservative", "Liberal Democrat"][n % 3],
            starts_on=datetime.date(2012, 7, 1),
        )
        for i, panel in enumerate(panels)
        for n in range(COUNCILS_PER_AREA)
    )
    start = datetime.datetime(2013, 1, 7, 14, tzinfo=LONDON)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            panel=panel,
            starts_at=start + datetime.timedelta(weeks=4 * n),
            venue="County Hall",
            papers_published_on=(start + datetime.timedelta(weeks=4 * n, days=-10)).date() if n % 5 else None,
        )
        for panel in panels
        for n in range(MEETINGS_PER_PANEL)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=n, title=f"Item {n}", is_exempt=n == ITEMS_PER_MEETING)
        for meeting in meetings
        for n in range(1, ITEMS_PER_MEETING + 1)
    )
    reports = AgendaReport.objects.bulk_create(
        AgendaReport(
            agenda_item=item,
            report_of="POLICE AND CRIME COMMISSIONER",
            report_date=item.meeting.starts_at.date(),
            subject="PARTNERSHIPS UPDATE REPORT",
            author="CHIEF EXECUTIVE",
        )
        for item in items
        if item.number == 5
    )
    blocks = seed_002_blocks()
    ReportParagraph.objects.bulk_create(
        ReportParagraph(report=report, position=position, **block)
        for report in reports[:200]
        for position, block in enumerate(blocks, start=1)
    )
    panel_reports = PanelReport.objects.bulk_create(
        PanelReport(
            panel=panel,
            title=f"Comments {n}",
            sent_on=datetime.date(2013, 2, 1),
            responses_due_on=datetime.date(2013, 2, 22),
            comments=SEED_003["comments"],
            is_published=True,
        )
        for panel in panels
        for n in range(REPORTS_PER_PANEL)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            report=report,
            label=rec["label"],
            position=n,
            heading=rec["heading"],
            text=rec["text"],
            status=Recommendation.Status.NOTED if n % 4 else Recommendation.Status.AWAITING,
            response_due_on=report.responses_due_on,
            is_published=True,
        )
        for report in panel_reports
        for n, rec in enumerate(SEED_003["recommendations"] * 2)
    )
    answered = [(rec, SEED_003["recommendations"][rec.position % 10]["response"]) for rec in recommendations]
    answered = [(rec, text) for rec, text in answered if text and rec.status != Recommendation.Status.AWAITING]
    responses = CommissionerResponse.objects.bulk_create(
        CommissionerResponse(report_id=rec.report_id, text=text, responded_on=datetime.date(2013, 2, 20))
        for rec, text in answered
    )
    CommissionerResponse.recommendations.through.objects.bulk_create(
        CommissionerResponse.recommendations.through(commissionerresponse_id=response.pk, recommendation_id=rec.pk)
        for response, (rec, _text) in zip(responses, answered, strict=True)
    )
    posts = list(ConfirmationHearing.Post)
    hearings = ConfirmationHearing.objects.bulk_create(
        ConfirmationHearing(
            panel=panel,
            post=posts[n % len(posts)],
            candidate=f"Candidate {n}",
            notified_on=datetime.date(2012, 11, 1) + datetime.timedelta(days=100 * n),
            reported_on=datetime.date(2012, 11, 1) + datetime.timedelta(days=100 * n + 18 + n % 5),
            recommendation=SEED_003["recommendations"][0]["text"],
            vetoed=n % 8 == 0,
        )
        for panel in panels
        for n in range(HEARINGS_PER_PANEL)
    )
    VetoVote.objects.bulk_create(
        VetoVote(
            panel_id=hearing.panel_id,
            matter=VetoVote.Matter.CHIEF_CONSTABLE,
            hearing=hearing,
            voted_on=hearing.reported_on,
            members_in_post=12,
            votes_for_veto=8 if hearing.vetoed else 3,
        )
        for hearing in hearings
        if hearing.post == ConfirmationHearing.Post.CHIEF_CONSTABLE
    )
    secretariat = User.objects.create_user(
        "bench-secretariat@bench.example.org", "x", full_name="Bench Secretariat", role=Role.PANEL_SECRETARIAT
    )
    secretariat.force_areas.set([areas[0]])


def pages():
    secretariat = User.objects.get(email="bench-secretariat@bench.example.org")
    client = Client()
    client.force_login(secretariat)
    public = Client()
    panel = Panel.objects.get(force_area=secretariat.force_areas.first())
    meeting = panel.meetings.filter(papers_published_on__isnull=False).order_by("-starts_at").first()
    report = AgendaReport.objects.filter(
        agenda_item__meeting__panel=panel,
        agenda_item__meeting__papers_published_on__isnull=False,
        paragraphs__isnull=False,
    ).first()
    panel_report = panel.reports.first()
    hearing = panel.hearings.filter(post=ConfirmationHearing.Post.CHIEF_CONSTABLE).first()
    return [
        ("panel page (secretariat)", client, panel.get_absolute_url()),
        ("meeting list (public, national)", public, "/panels/meetings/"),
        ("meeting page (public)", public, meeting.get_absolute_url()),
        ("agenda report page (public)", public, f"/panels/agenda-reports/{report.pk}/"),
        ("panel report with 20 responses", public, panel_report.get_absolute_url()),
        ("statutory calendar", client, f"/panels/{panel.pk}/calendar/?year=2026"),
        ("hearing outcome form (secretariat)", client, f"/panels/hearings/{hearing.pk}/outcome/"),
        ("balanced appointment + seat model", client, f"/panels/{panel.pk}/balance/?size=12"),
        ("dashboard (secretariat)", client, "/dashboard/"),
    ]


def pdfs():
    def agenda_report() -> bytes:
        from panels.documents import agenda_report_document
        from pcc_portal.pdf.services import html_to_pdf, render_html

        report = AgendaReport.objects.filter(paragraphs__isnull=False).first()
        source = agenda_report_document(report_id=report.pk)
        html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
        return html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped

    return [("agenda report PDF (seed 002)", agenda_report)]
