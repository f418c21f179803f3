"""PDF documents of handover: the briefing for candidates (and, below, the handover pack)."""

from django.conf import settings

from pcc_portal.pdf.registry import DocumentSource, register_document

from .permissions import can_view_briefing_pdf


@register_document("handover.briefing", can_view=can_view_briefing_pdf)
def briefing_document(*, briefing_id: int) -> DocumentSource:
    from .models import Briefing
    from .selectors import answered_questions, briefing_sections

    briefing = Briefing.objects.select_related("force_area").get(pk=briefing_id)
    return DocumentSource(
        template_name="pdf/handover/briefing.html",
        context={
            "briefing": briefing,
            "sections": briefing_sections(briefing),
            "questions": answered_questions(briefing),
            "site_url": settings.SITE_URL,
            "publisher": f"Office of the Police and Crime Commissioner for {briefing.force_area.name}",
        },
        title=f"Briefing for candidates: {briefing.force_area.name}, election of {briefing.election_date:%-d %B %Y}",
    )


def can_view_pack_pdf(user, *, programme_id: int) -> bool:
    from .pack import programmes_for_pack

    return programmes_for_pack(user).filter(pk=programme_id).exists()


@register_document("handover.pack", can_view=can_view_pack_pdf)
def pack_document(*, programme_id: int) -> DocumentSource:
    from transition.models import TransitionProgramme

    from .pack import handover_pack

    programme = TransitionProgramme.objects.select_related("force_area", "board", "lead").get(pk=programme_id)
    return DocumentSource(
        template_name="pdf/handover/pack.html",
        context={**handover_pack(programme), "publisher": programme.outgoing_body},
        title=f"Handover pack: {programme.name}",
    )
