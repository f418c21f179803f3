"""What transition offers to site search: programmes (their published summary) and the transfer register."""

from django.urls import reverse

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import TransferItem, TransitionProgramme
from .selectors import items_visible_to, programmes_visible_to, published_programmes


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


def _programmes_visible(user, ids):
    """The programme's own page for its readers; the published summary for everyone else."""
    own = set(programmes_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    published = published_programmes().filter(pk__in=ids).exclude(pk__in=own).values_list("pk", flat=True)
    found: dict[int, str | None] = dict.fromkeys(own)
    found.update({pk: reverse("transition:public_detail", kwargs={"pk": pk}) for pk in published})
    return found


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


def _items_visible(user, ids):
    """Rows through the register's own selector, programme by programme (only those the user may open)."""
    programme_ids = TransferItem.objects.filter(pk__in=ids).values("programme_id")
    found: set[int] = set()
    for programme in programmes_visible_to(user).filter(pk__in=programme_ids):
        found |= set(items_visible_to(user, programme).filter(pk__in=ids).values_list("pk", flat=True))
    return found


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=TransitionProgramme,
            queryset=lambda: TransitionProgramme.objects.all(),
            documents=_programmes,
            visible=_programmes_visible,
        ),
        SearchSource(
            model=TransferItem,
            queryset=lambda: TransferItem.objects.select_related("programme"),
            documents=_items,
            visible=_items_visible,
        ),
    ]
