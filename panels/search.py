"""What panels offers to site search: meetings with their minutes, agenda reports, reports and recommendations.

Text only some people may read (exempt items, draft minutes, unpublished
responses) is left out of the index; who sees each object is decided by the
selectors below.
"""

from django.db.models import Prefetch

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import (
    AgendaItem,
    AgendaReport,
    CommissionerResponse,
    Meeting,
    PanelReport,
    Recommendation,
    ReportAppendix,
    ReportParagraph,
)
from .selectors import agenda_reports_visible_to, meetings_visible_to, panel_reports_visible_to


def _meetings(rows):
    for meeting in rows:
        items = [item for item in meeting.agenda_items.all() if not item.is_exempt]
        if meeting.minutes_public:
            agenda = " ".join(
                f"{item.number}. {item.title}. {item.minutes_discussion} {item.minutes_heard} {item.decision}"
                for item in items
            )
            minutes = f"{meeting.minutes} {agenda}"
        else:
            agenda, minutes = " ".join(f"{item.number}. {item.title}." for item in items), ""
        yield SearchDocument(
            object_id=meeting.pk,
            title=f"{meeting.get_kind_display()}: {meeting}",
            body=f"{meeting.venue}. {agenda if not minutes else ''} {minutes}",
            url=meeting.get_absolute_url(),
            kind="Meeting and minutes" if minutes else "Meeting",
            force_area_id=meeting.panel.force_area_id,
            date=meeting.meeting_date,
        )


def _agenda_reports(rows):
    for report in rows:
        item = report.agenda_item
        if item.is_exempt:
            continue  # exempt reports are never indexed: their text would show in results
        paragraphs = " ".join(f"{p.section_heading} {p.heading} {p.text}" for p in report.paragraphs.all())
        implications = " ".join(text for _label, text in report.implications)
        appendices = " ".join(f"Appendix: {a.title}." for a in report.appendices.all())
        yield SearchDocument(
            object_id=report.pk,
            title=f"{report.subject} (Agenda Item {item.number}, {item.meeting})",
            body=(
                f"{item.title}. Report of {report.report_of}. {paragraphs} {implications} {report.author} {appendices}"
            ),
            url=report.get_absolute_url(),
            kind="Agenda report",
            force_area_id=item.meeting.panel.force_area_id,
            date=report.report_date,
        )


def _panel_reports(rows):
    for report in rows:
        yield SearchDocument(
            object_id=report.pk,
            title=report.title,
            body=f"{report.comments} {report.comments_response}",
            url=report.get_absolute_url(),
            kind="Panel report",
            force_area_id=report.panel.force_area_id,
            date=report.sent_on,
        )


def _recommendations(rows):
    for rec in rows:
        response = f"Response: {rec.response}" if rec.is_published else ""
        yield SearchDocument(
            object_id=rec.pk,
            title=f"Recommendation ({rec.label}): {rec.report.title}",
            body=f"{rec.heading} {rec.text} {response}",
            url=rec.report.get_absolute_url(),
            kind="Recommendation and response" if response else "Recommendation",
            force_area_id=rec.report.panel.force_area_id,
            date=rec.responded_on or rec.report.sent_on,
        )


def _recommendations_visible(user):
    return Recommendation.objects.filter(report__in=panel_reports_visible_to(user).values("pk"))


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Meeting,
            queryset=lambda: Meeting.objects.select_related("panel").prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number"))
            ),
            documents=_meetings,
            visible=meetings_visible_to,
            parents={AgendaItem: "meeting_id"},
        ),
        SearchSource(
            model=AgendaReport,
            queryset=lambda: AgendaReport.objects.select_related(
                "agenda_item", "agenda_item__meeting", "agenda_item__meeting__panel"
            ).prefetch_related(
                Prefetch("paragraphs", queryset=ReportParagraph.objects.order_by("position")), "appendices"
            ),
            documents=_agenda_reports,
            visible=agenda_reports_visible_to,
            parents={
                ReportParagraph: "report_id",
                ReportAppendix: "report_id",
                AgendaItem: lambda item: list(
                    AgendaReport.objects.filter(agenda_item=item).values_list("pk", flat=True)
                ),
            },
        ),
        SearchSource(
            model=PanelReport,
            queryset=lambda: PanelReport.objects.select_related("panel"),
            documents=_panel_reports,
            visible=panel_reports_visible_to,
        ),
        SearchSource(
            model=Recommendation,
            queryset=lambda: Recommendation.objects.select_related("report", "report__panel").prefetch_related(
                "responses"
            ),
            documents=_recommendations,
            visible=_recommendations_visible,
            parents={
                PanelReport: lambda report: list(report.recommendations.values_list("pk", flat=True)),
                CommissionerResponse: lambda response: list(response.recommendations.values_list("pk", flat=True)),
            },
        ),
    ]
