"""PDF documents of commissioning: the grant offer letter with its schedule."""

from pcc_portal.pdf.registry import DocumentSource, register_document

from .opendata import grant_identifier
from .selectors import funder_for, grants_visible_to


def can_view_grant(user, *, grant_id: int) -> bool:
    """The area's OPCC staff, the recipient's users and administrators."""
    return grants_visible_to(user).filter(pk=grant_id).exists()


@register_document("commissioning.grant_offer", can_view=can_view_grant)
def grant_offer(*, grant_id: int) -> DocumentSource:
    """Build the grant offer: purpose, amount, period, conditions, payments and monitoring returns."""
    from .models import Grant

    grant = (
        Grant.objects.select_related("recipient", "stream", "force_area")
        .prefetch_related("instalments", "returns", "variations", "priorities")
        .get(pk=grant_id)
    )
    return DocumentSource(
        template_name="pdf/commissioning/grant_offer.html",
        context={
            "grant": grant,
            "funder": funder_for(grant.force_area),
            "grant_id_360": grant_identifier(grant),
            "publisher": funder_for(grant.force_area).name,
        },
        title=f"Grant offer {grant.reference}: {grant.title}",
    )
