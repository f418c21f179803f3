"""The findings report as a PDF."""

from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import ConsultationEvent
from .selectors import events_visible_to, findings_report


def can_view_findings_report(user, *, event_id: int) -> bool:
    return events_visible_to(user).filter(pk=event_id).exists()


@register_document("consultations.findings_report", can_view=can_view_findings_report)
def findings_report_document(*, event_id: int) -> DocumentSource:
    event = ConsultationEvent.objects.get(pk=event_id)
    report = findings_report(event)
    return DocumentSource(
        template_name="pdf/consultations/findings_report.html",
        context={"report": report, "publisher": event.organiser},
        title=f"{event.title}: findings report",
    )
