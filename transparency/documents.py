"""The decision notice as PDF: what the public may read of a decision, never its exempt part."""

from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import Decision
from .permissions import can_view_decision


def can_view_notice(user, *, decision_id: int) -> bool:
    decision = Decision.objects.select_related("force_area").filter(pk=decision_id).first()
    return decision is not None and can_view_decision(user, decision)


@register_document("transparency.decision_notice", can_view=can_view_notice)
def decision_notice(*, decision_id: int) -> DocumentSource:
    """Build the notice: the decision, reasons, maker, date, financial implications and interests declared."""
    decision = Decision.objects.select_related("force_area").get(pk=decision_id)
    publisher = f"Office of the Police and Crime Commissioner for {decision.force_area.name}"
    return DocumentSource(
        template_name="pdf/transparency/decision_notice.html",
        # The exempt part is left out of the context on purpose: the notice is a public document.
        context={
            "decision": decision,
            "has_exempt_part": bool(decision.exempt_part.strip()),
            "exempt_reason": decision.exempt_reason,
            "publisher": publisher,
        },
        title=f"Decision {decision.reference}: {decision.title}",
    )
