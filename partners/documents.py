"""PDF documents: the partnership landscape of an area, and a bulletin."""

from pcc_portal.accounts.models import ForceArea
from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import Bulletin
from .permissions import can_view_bulletin, can_view_landscape
from .selectors import bulletin_contents, landscape


def _can_view_landscape(user, *, area_id: int) -> bool:
    return can_view_landscape(user, area_id=area_id)


@register_document("partners.landscape", can_view=_can_view_landscape)
def landscape_document(*, area_id: int) -> DocumentSource:
    """Build "Community Safety and Partnership Landscape" for an area from the records."""
    area = ForceArea.objects.get(pk=area_id)
    return DocumentSource(
        template_name="pdf/partners/landscape.html",
        context=landscape(area=area),
        title=f"Community Safety and Partnership Landscape: {area.name}",
    )


def _can_view_bulletin(user, *, bulletin_id: int) -> bool:
    bulletin = Bulletin.objects.filter(pk=bulletin_id).first()
    return bulletin is not None and can_view_bulletin(user, bulletin)


def bulletin_context(bulletin: Bulletin) -> dict:
    """Return what the page, the PDF and the email show: the same parts in the same order."""
    return bulletin_contents(bulletin)


@register_document("partners.bulletin", can_view=_can_view_bulletin)
def bulletin_document(*, bulletin_id: int) -> DocumentSource:
    bulletin = Bulletin.objects.select_related("publisher").get(pk=bulletin_id)
    return DocumentSource(
        template_name="pdf/partners/bulletin.html",
        context={**bulletin_context(bulletin), "publisher": bulletin.publisher_line},
        title=bulletin.title,
    )
