"""The register's pages: each page holds the rows a plain slice of the visible, ordered register holds."""

import pytest
from django.core.paginator import Paginator
from django.urls import reverse

from pcc_portal.core.paginators import KeysFirstPaginator
from transition import selectors
from transition.models import TransferItem
from transition.views import PAGE_SIZE

from .factories import TransferItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["keys first from page 2", "keys first from page 3", "as it is"])
def deep_from(request, monkeypatch):
    """Read pages both ways: keys first (as deep pages of the bench's register are) and in one step."""
    rows = {"keys first from page 2": PAGE_SIZE, "keys first from page 3": 2 * PAGE_SIZE, "as it is": 10**9}
    monkeypatch.setattr(KeysFirstPaginator, "deep_from", rows[request.param])


KINDS = [TransferItem.Kind.CONTRACT, TransferItem.Kind.GRANT, TransferItem.Kind.POST]


@pytest.fixture
def register(programme, workstream, partner_org, other_org):
    """Three pages and a bit: titles repeat, so the key decides the order within a title."""
    for n in range(2 * PAGE_SIZE + 17):
        TransferItemFactory(
            programme=programme,
            kind=KINDS[n % 3],
            title=f"Row {n % 7}",
            workstream=workstream if n % 2 else None,
            counterparty=[partner_org, other_org, None][n % 3],
            receiver_organisation=partner_org if n % 5 == 0 else None,
            receiver_kind=TransferItem.Receiver.ORGANISATION if n % 5 == 0 else "",
        )
    return programme


def _expected(user, programme, page, **filters) -> list[int]:
    rows = selectors.items_visible_to(user, programme).filter(**filters).order_by("kind", "title", "pk")
    return [row.pk for row in Paginator(rows, PAGE_SIZE).get_page(page)]


@pytest.mark.parametrize("page", ["1", "2", "3", "99", "x", None])
@pytest.mark.parametrize("who", ["staff_user", "partner_user"])
def test_each_page_holds_the_rows_of_a_slice_of_the_visible_register(client, register, who, page, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("transition:register", kwargs={"pk": register.pk}), {"page": page} if page else {})
    shown = [row["pk"] for row in response.context["page"].object_list]
    assert shown == _expected(user, register, page)
    assert shown, "every page shows rows"
    assert response.context["page"].paginator.count == selectors.items_visible_to(user, register).count()


def test_a_filtered_page_holds_the_rows_of_a_slice_of_the_filtered_register(client, register, staff_user):
    client.force_login(staff_user)
    url = reverse("transition:register", kwargs={"pk": register.pk})
    response = client.get(url, {"kind": TransferItem.Kind.GRANT, "page": "2"})
    shown = [row["pk"] for row in response.context["page"].object_list]
    assert shown == _expected(staff_user, register, "2", kind=TransferItem.Kind.GRANT)


def test_staff_of_another_area_see_no_page_of_the_register(client, register, other_area_staff):
    client.force_login(other_area_staff)
    response = client.get(reverse("transition:register", kwargs={"pk": register.pk}), {"page": "2"})
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("who", ["staff_user", "partner_user"])
def test_each_row_says_what_its_model_says(client, programme, workstream, partner_org, other_org, who, request):
    """The rows are read as plain values: their labels and receiving body are the model's, for every receiver."""
    R = TransferItem.Receiver
    receivers = [(R.SUCCESSOR, None), (R.ORGANISATION, partner_org), (R.CLOSE, None), (R.NONE, None), ("", None)]
    for n, (kind, organisation) in enumerate(receivers):
        TransferItemFactory(
            programme=programme,
            kind=KINDS[n % 3],
            workstream=workstream if n % 2 else None,
            counterparty=partner_org if n % 2 else other_org,
            receiver_kind=kind,
            receiver_organisation=organisation,
            due_on=None if n % 2 else "2026-05-04",
            day_one_critical=bool(n % 2),
        )
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("transition:register", kwargs={"pk": programme.pk}))
    rows = response.context["page"].object_list
    assert rows
    for row in rows:
        item = TransferItem.objects.get(pk=row["pk"])
        assert row["receiver_text"] == (item.receiver_label() if item.receiver_kind else "")
        assert (row["kind_label"], row["status_label"]) == (item.kind_label, item.status_label)
        assert row["workstream_text"] == (item.workstream.name if item.workstream else "—")
        assert row["counterparty_text"] == (item.counterparty.name if item.counterparty else "—")
        assert row["url"] == item.get_absolute_url()
        assert row["selectable"] == (who == "staff_user")
        assert (f'value="{item.pk}" form="bulk"' in response.content.decode()) == (who == "staff_user")


@pytest.mark.parametrize("who", ["staff_user", "partner_user"])
def test_the_filter_selects_show_the_chosen_values(client, programme, workstream, partner_org, who, request):
    """The filter's selects are written in one pass: each still shows its label, its options and the chosen one."""
    TransferItemFactory(programme=programme, workstream=workstream, counterparty=partner_org)
    client.force_login(request.getfixturevalue(who))
    chosen = {"kind": "grant", "status": "identified", "receiver": f"org:{partner_org.pk}", "workstream": workstream.pk}
    page = client.get(reverse("transition:register", kwargs={"pk": programme.pk}), chosen).content.decode()
    for name, value in chosen.items():
        assert f'<select name="{name}" id="id_{name}" class="form-select">' in page
        assert page.count(f'<option value="{value}" selected>') == 1
    assert '<label class="form-label" for="id_day_one">Day-one critical</label>' in page
    assert '<option value="true">Yes</option><option value="false">No</option>' in page


def test_each_filter_offers_any_once_and_chooses_it_when_nothing_is_chosen(client, programme, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("transition:register", kwargs={"pk": programme.pk})).content.decode()
    for name in ("kind", "status", "receiver", "workstream", "day_one"):
        select = page.split(f'<select name="{name}" id="id_{name}"', 1)[1].split("</select>", 1)[0]
        assert select.count(">Any</option>") == 1, name
        assert select.count(" selected>") == 1 and '<option value="" selected>Any</option>' in select, name
