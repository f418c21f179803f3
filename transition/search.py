"""What transition offers to site search: programmes (their published summary) and the transfer register."""

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import TransferItem, TransitionProgramme
from .selectors import programmes_visible_to, published_programmes, register_rows_visible_to


def _programmes(rows):
    for programme in rows:
        yield SearchDocument(
            object_id=programme.pk,
            title=programme.name,
            body=f"{programme.get_kind_display()}. From {programme.outgoing_body} to {programme.successor_name}. "
            f"{programme.terms_of_reference}",
            url=programme.get_absolute_url(),
            kind="Transition programme",
            force_area_id=programme.force_area_id,
            date=programme.transfer_date,
        )


def _items(rows):
    for item in rows:
        yield SearchDocument(
            object_id=item.pk,
            title=item.title,
            body=f"{item.get_kind_display()}. {item.detail} {item.notes} {item.retention}",
            url=item.get_absolute_url(),
            kind="Transfer register row",
            force_area_id=item.programme.force_area_id,
            date=item.due_on,
        )


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=TransitionProgramme,
            queryset=lambda: TransitionProgramme.objects.all(),
            documents=_programmes,
            # The programme's own page for its readers; the published summary for everyone else.
            visible=programmes_visible_to,
            published=published_programmes,
            public_url="transition:public_detail",
        ),
        SearchSource(
            model=TransferItem,
            queryset=lambda: TransferItem.objects.select_related("programme"),
            documents=_items,
            visible=register_rows_visible_to,
        ),
    ]
