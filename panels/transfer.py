"""The panels' part of the transfer register: open recommendations and complaints (pcc_portal.core.transfer)."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import Complaint, Recommendation

OPEN_COMPLAINT = [Complaint.Status.RECEIVED, Complaint.Status.INFORMAL_RESOLUTION]


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose each recommendation still awaiting the Commissioner's response, and each open complaint."""
    recommendations = (
        Recommendation.objects.filter(report__panel__force_area_id=area_id, status=Recommendation.Status.AWAITING)
        .select_related("report")
        .order_by("report_id", "position")
    )
    for rec in recommendations:
        yield TransferProposal(
            source_key=f"panels.recommendation:{rec.pk}",
            kind=TransferKind.RECOMMENDATION,
            title=f"Recommendation ({rec.label}) of “{rec.report.title}”",
            url=rec.report.get_absolute_url(),
            workstream="scrutiny",
            due=rec.response_due_on,
            detail=rec.text[:300],
        )
    complaints = Complaint.objects.filter(panel__force_area_id=area_id, status__in=OPEN_COMPLAINT).select_related(
        "panel"
    )
    for complaint in complaints:
        # No complainant's name: the register is read by partners and the successor.
        yield TransferProposal(
            source_key=f"panels.complaint:{complaint.pk}",
            kind=TransferKind.COMPLAINT,
            title=f"Open complaint received {complaint.received_on:%-d %B %Y}",
            url=reverse("panels:complaint_list", kwargs={"pk": complaint.panel_id}),
            workstream="scrutiny",
            day_one_critical=True,
            detail=f"Status: {complaint.get_status_display()}.",
        )
