"""PDF documents: an agenda report (seed 002) and a panel report with responses (seed 003)."""

from dataclasses import dataclass

from django.utils import timezone

from pcc_portal.accounts.models import User
from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import AgendaReport, Meeting, Panel, PanelReport
from .pack import agenda_pack_document, pack_params, pack_queue, stored_pack  # noqa: F401 - registers the pack
from .permissions import (
    can_view_agenda_item,
    can_view_meeting,
    can_view_minutes,
    can_view_panel_report,
    is_insider_of,
)
from .selectors import agenda_items_visible_to, panel_tracker_reports, recommendation_tracker


def can_view_agenda_report_pdf(user, *, report_id: int) -> bool:
    report = AgendaReport.objects.select_related("agenda_item__meeting__panel").filter(pk=report_id).first()
    return bool(report and can_view_agenda_item(user, report.agenda_item))


def can_view_panel_report_pdf(user, *, report_id: int, viewer_id: int | None = None) -> bool:
    if viewer_id is not None and viewer_id != user.pk:
        return False  # a document built for one reader is never handed to another
    report = PanelReport.objects.select_related("panel").filter(pk=report_id).first()
    return bool(report and can_view_panel_report(user, report))


@dataclass(frozen=True)
class NumberedParagraph:
    section_heading: str
    heading: str
    text: str
    number: str  # as printed: "3.", "2.1", or "" when the report is not numbered or the block has no text


def number_paragraphs(report: AgendaReport, paragraphs) -> list[NumberedParagraph]:
    """Return the paragraphs with the numbers the report's numbering choice gives them, in order.

    Only blocks with text take a number; a heading on its own does not.
    """
    numbered: list[NumberedParagraph] = []
    section, count = 0, 0
    for paragraph in paragraphs:
        if paragraph.section_heading:
            section += 1
            if report.paragraph_numbering == AgendaReport.Numbering.BY_SECTION:
                count = 0
        number = ""
        if paragraph.text.strip() and report.paragraph_numbering != AgendaReport.Numbering.NONE:
            count += 1
            if report.paragraph_numbering == AgendaReport.Numbering.BY_SECTION and section:
                number = f"{section}.{count}"
            else:
                number = f"{count}."
        numbered.append(NumberedParagraph(paragraph.section_heading, paragraph.heading, paragraph.text, number))
    return numbered


def agenda_report_context(report: AgendaReport) -> dict:
    """Return what the page and the PDF both show, so they say the same."""
    paragraphs = number_paragraphs(report, report.paragraphs.all())
    return {
        "report": report,
        "item": report.agenda_item,
        "paragraphs": paragraphs,
        "appendices": list(report.appendices.order_by("position", "pk")),
    }


@register_document("panels.agenda_report", can_view=can_view_agenda_report_pdf)
def agenda_report_document(*, report_id: int) -> DocumentSource:
    report = AgendaReport.objects.select_related("agenda_item__meeting__panel").get(pk=report_id)
    return DocumentSource(
        template_name="pdf/panels/agenda_report.html",
        context={**agenda_report_context(report), "publisher": report.agenda_item.meeting.panel.name},
        title=f"Agenda Item {report.agenda_item.number}: {report.subject}",
    )


def _viewer(viewer_id: int | None):
    from django.contrib.auth.models import AnonymousUser

    return (User.objects.filter(pk=viewer_id).first() if viewer_id else None) or AnonymousUser()


@register_document("panels.panel_report", can_view=can_view_panel_report_pdf)
def panel_report_document(*, report_id: int, viewer_id: int | None = None) -> DocumentSource:
    """Build the report with its tracker; responses not yet published show only to the area's insiders."""
    report = PanelReport.objects.select_related("panel", "plan_version__plan").get(pk=report_id)
    tracked = recommendation_tracker(_viewer(viewer_id), reports=[report])
    return DocumentSource(
        template_name="pdf/panels/panel_report.html",
        context={"report": report, "tracked": tracked[0], "publisher": report.panel.name},
        title=report.title,
    )


def can_view_tracker_pdf(user, *, panel_id: int, viewer_id: int | None = None) -> bool:
    if viewer_id is not None and viewer_id != user.pk:
        return False
    return Panel.objects.filter(pk=panel_id).exists()  # each report in it is filtered for the reader


@register_document("panels.recommendation_tracker", can_view=can_view_tracker_pdf)
def recommendation_tracker_document(*, panel_id: int, viewer_id: int | None = None) -> DocumentSource:
    """Every recommendation of the panel the reader may see, with the responses, position, owner and due date."""
    panel = Panel.objects.select_related("force_area").get(pk=panel_id)
    viewer = _viewer(viewer_id)
    tracked = recommendation_tracker(viewer, reports=panel_tracker_reports(viewer, panel))
    return DocumentSource(
        template_name="pdf/panels/recommendation_tracker.html",
        context={"panel": panel, "tracked": tracked, "publisher": panel.name, "today": timezone.localdate()},
        title="Recommendations and responses",
    )


def minutes_context(meeting: Meeting, user) -> dict:
    """The minutes the user may read: every item they may see, with its discussion, people heard and decision."""
    items = list(agenda_items_visible_to(user).filter(meeting=meeting).order_by("number"))
    insider = is_insider_of(user, meeting.panel.force_area_id)
    return {
        "meeting": meeting,
        "items": items,
        "insider": insider,
        "attendances": list(meeting.attendances.select_related("membership")) if insider else [],
    }


def can_view_minutes_pdf(user, *, meeting_id: int, viewer_id: int | None = None) -> bool:
    if viewer_id is not None and viewer_id != user.pk:
        return False
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    return bool(meeting and can_view_minutes(user, meeting))


@register_document("panels.meeting_minutes", can_view=can_view_minutes_pdf)
def meeting_minutes_document(*, meeting_id: int, viewer_id: int | None = None) -> DocumentSource:
    meeting = Meeting.objects.select_related("panel__force_area", "minutes_approved_at").get(pk=meeting_id)
    return DocumentSource(
        template_name="pdf/panels/meeting_minutes.html",
        context={**minutes_context(meeting, _viewer(viewer_id)), "publisher": meeting.panel.name},
        title=f"Minutes: meeting of {meeting.meeting_date:%-d %B %Y}",
    )


def can_view_meeting_agenda_pdf(user, *, meeting_id: int, viewer_id: int | None = None) -> bool:
    if viewer_id is not None and viewer_id != user.pk:
        return False
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    return bool(meeting and can_view_meeting(user, meeting))


@register_document("panels.meeting_agenda", can_view=can_view_meeting_agenda_pdf)
def meeting_agenda_document(*, meeting_id: int, viewer_id: int | None = None) -> DocumentSource:
    """Build the agenda pack: the agenda, then each report the reader may see, each on a new page."""
    from django.contrib.auth.models import AnonymousUser

    meeting = Meeting.objects.select_related("panel__force_area").get(pk=meeting_id)
    viewer = User.objects.filter(pk=viewer_id).first() if viewer_id else None
    items = list(
        agenda_items_visible_to(viewer or AnonymousUser())
        .filter(meeting=meeting)
        .select_related("report")
        .order_by("number")
    )
    reports = [agenda_report_context(item.report) for item in items if hasattr(item, "report")]
    return DocumentSource(
        template_name="pdf/panels/meeting_agenda.html",
        context={"meeting": meeting, "items": items, "reports": reports, "publisher": meeting.panel.name},
        title=f"Agenda: meeting of {meeting.meeting_date:%-d %B %Y}",
    )
