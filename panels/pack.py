"""The agenda pack: one PDF of a meeting's agenda, then every public report and its appendices.

The agenda and reports are laid out by WeasyPrint with a contents page; each
page of a PDF appendix gets a placeholder page (so the contents and the
"Page X of Y" footer count it), and the appendix's own page is then laid onto
its placeholder with pypdf, scaled to fit inside the margins. Appendices of
other types (spreadsheets, Word files, images) are listed, not printed.
"""

import io
import logging

from django.core.cache import cache
from django.db.models import Prefetch
from pypdf import PdfReader, PdfWriter, Transformation

from pcc_portal.pdf.registry import DocumentSource, register_document
from pcc_portal.pdf.services import StoredPdf, stored_pdf_for_source

from .models import AgendaItem, Meeting, ReportAppendix, ReportParagraph
from .permissions import can_view_meeting, is_insider_of

logger = logging.getLogger(__name__)

MM = 72 / 25.4
# The print stylesheet's page margins (top, right, bottom, left), and room for the caption
# ("Item 5, Appendix A: …") at the top of each placeholder page: the appendix page fits inside.
MARGINS_MM = (22, 18, 22, 18)
CAPTION_MM = 9


def appendix_anchor(appendix: ReportAppendix, page: int) -> str:
    return f"appendix-{appendix.pk}-page-{page}"


def pack_params(meeting: Meeting, user) -> dict:
    """The pack a reader gets: insiders see exempt items named in the agenda; the reports are public ones only."""
    return {"meeting_id": meeting.pk, "insider": is_insider_of(user, meeting.panel.force_area_id)}


def can_view_pack(user, *, meeting_id: int, insider: bool = False) -> bool:
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    if meeting is None or not can_view_meeting(user, meeting):
        return False
    return not insider or is_insider_of(user, meeting.panel.force_area_id)


def _pack_items(meeting: Meeting, *, insider: bool) -> list[AgendaItem]:
    items = meeting.agenda_items.select_related("report").prefetch_related(
        Prefetch("report__paragraphs", queryset=ReportParagraph.objects.order_by("position")),
        Prefetch("report__appendices", queryset=ReportAppendix.objects.order_by("position", "pk")),
    )
    if not insider:
        items = items.filter(is_exempt=False)
    return list(items.order_by("number"))


def _lay_appendices(appendices: list[ReportAppendix]):
    """Return a finish step that lays each PDF appendix's pages onto their placeholder pages."""

    def finish(anchors: dict[str, int], data: bytes) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        for appendix in appendices:
            with appendix.file.open("rb") as handle:
                source = PdfWriter(clone_from=PdfReader(io.BytesIO(handle.read())))
            for number, page in enumerate(source.pages[: appendix.page_count or 0]):
                index = anchors.get(appendix_anchor(appendix, number))
                if index is None:
                    continue
                _lay_page(writer.pages[index], page)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return finish


def _lay_page(target, page) -> None:
    """Scale `page` to fit the target's text area and draw it there, centred."""
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    top, right, bottom, left = (m * MM for m in MARGINS_MM)
    top += CAPTION_MM * MM
    area_w = float(target.mediabox.width) - left - right
    area_h = float(target.mediabox.height) - top - bottom
    scale = min(area_w / width, area_h / height, 1.0)
    x = left + (area_w - width * scale) / 2
    y = bottom + (area_h - height * scale) / 2
    move = Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale).translate(x, y)
    target.merge_transformed_page(page, move)


@register_document("panels.agenda_pack", can_view=can_view_pack)
def agenda_pack_document(*, meeting_id: int, insider: bool = False) -> DocumentSource:
    from .documents import agenda_report_context

    meeting = Meeting.objects.select_related("panel__force_area").get(pk=meeting_id)
    items = _pack_items(meeting, insider=insider)
    parts = []
    printed: list[ReportAppendix] = []
    for item in items:
        report = getattr(item, "report", None)
        if report is None or item.is_exempt:
            continue
        context = agenda_report_context(report)
        for appendix in context["appendices"]:
            if appendix.kind == ReportAppendix.Kind.PDF and appendix.page_count:
                appendix.anchors = [appendix_anchor(appendix, n) for n in range(appendix.page_count)]
                printed.append(appendix)
        parts.append(context)
    return DocumentSource(
        template_name="pdf/panels/agenda_pack.html",
        context={"meeting": meeting, "items": items, "parts": parts, "publisher": meeting.panel.name},
        title=f"Agenda pack: meeting of {meeting.meeting_date:%-d %B %Y}",
        finish=_lay_appendices(printed) if printed else None,
    )


def stored_pack(params: dict) -> StoredPdf | None:
    return stored_pdf_for_source(agenda_pack_document(**params))


def pack_queue(params: dict) -> None:
    """Make the pack in the background, once however many visitors ask while it is being made."""
    from .tasks import render_agenda_pack

    key = f"panels:pack-queued:{params['meeting_id']}:{int(params['insider'])}"
    if cache.add(key, True, timeout=300):
        render_agenda_pack.delay(params["meeting_id"], insider=params["insider"])
