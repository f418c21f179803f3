"""Query counts flat from 1 to 20 rows (at most 15), and the demo loading twice."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Partnership
from transition.models import TransferItem, TransferItemStatusChange, TransitionProgramme

from .factories import DecisionFactory, MilestoneFactory, RiskFactory, TransferItemFactory, WorkstreamFactory

MAX_QUERIES = 15


def _fill(programme, n, partner_org):
    for i in range(n):
        workstream = WorkstreamFactory(programme=programme)
        TransferItemFactory(
            programme=programme,
            workstream=workstream,
            counterparty=partner_org,
            receiver_kind="organisation",
            receiver_organisation=partner_org,
            day_one_critical=True,
        )
        MilestoneFactory(programme=programme, workstream=workstream)
        RiskFactory(programme=programme, workstream=workstream, likelihood=1 + i % 5)
        DecisionFactory(programme=programme, workstream=workstream)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 302, 404)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff_user", "partner_user", "successor_user"])
@pytest.mark.parametrize(
    "name", ["programme_detail", "register", "risk_list", "decision_list", "readiness", "register_export"]
)
def test_pages_need_at_most_15_queries_and_the_same_for_1_and_20_rows(
    client, request, programme, partner_org, role, name
):
    client.force_login(request.getfixturevalue(role))
    kwargs = {"pk": programme.pk, **({"fmt": "csv"} if name == "register_export" else {})}
    url = reverse(f"transition:{name}", kwargs=kwargs)
    _fill(programme, 1, partner_org)
    one = _count(client, url)
    _fill(programme, 19, partner_org)
    twenty = _count(client, url)
    assert one == twenty <= MAX_QUERIES, (one, twenty)


@pytest.mark.django_db
def test_item_and_workstream_pages_need_at_most_15_queries(client, staff_user, programme, partner_org):
    _fill(programme, 20, partner_org)
    client.force_login(staff_user)
    item = programme.items.first()
    for status in ("agreed", "identified") * 10:  # a long status history
        TransferItemStatusChange.objects.create(item=item, from_status="identified", to_status=status, note="n")
    for url in (
        reverse("transition:item_detail", kwargs={"pk": item.pk}),
        reverse("transition:item_edit", kwargs={"pk": item.pk}),
        reverse("transition:workstream_detail", kwargs={"pk": item.workstream_id}),
        reverse("transition:home"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= MAX_QUERIES, url


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_demo_loads_twice_with_both_programmes_and_a_proposed_register(demo, client):
    counts = (TransitionProgramme.objects.count(), TransferItem.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (TransitionProgramme.objects.count(), TransferItem.objects.count()) == counts == (2, counts[1])
    old = TransitionProgramme.objects.get(kind="pa_to_pcc")
    assert old.board.name == "Strategic Transition Board" and old.board.kind == Partnership.Kind.TRANSITION_BOARD
    assert {m.due_on.isoformat() for m in old.milestones.all()} >= {"2012-11-15", "2012-11-22", "2013-03-31"}
    assert old.risks.filter(title__icontains="transition funding").exists()
    assert set(old.workstreams.values_list("key", flat=True)) == {
        "governance",
        "commissioning",
        "partnerships",
        "candidates",
    }
    new = TransitionProgramme.objects.get(kind="pcc_to_board")
    kinds = set(new.items.values_list("kind", flat=True))
    assert {"grant", "recommendation", "board_seat"} <= kinds
    from pcc_portal.accounts.models import User

    client.force_login(User.objects.get(email="staff@demo.pcc-portal.org.uk"))
    page = client.get(reverse("transition:home")).content.decode()
    assert old.name in page and new.name in page
    assert "Strategic Transition Board" in page  # the board that governs the 2011–12 programme
    assert "Strategic Transition Board" in client.get(old.get_absolute_url()).content.decode()
    assert "Illustrative" in client.get(reverse("transition:register", kwargs={"pk": new.pk})).content.decode()
    assert (
        "have a named receiver" in client.get(reverse("transition:readiness", kwargs={"pk": new.pk})).content.decode()
    )


# session, the user with their areas and unread count, programme, receivers, row count, workstreams, rows
REGISTER_QUERIES = 7


@pytest.mark.django_db
def test_register_of_staff_lists_receivers_and_workstreams_once_for_1_and_20_rows(
    client, staff_user, programme, partner_org
):
    client.force_login(staff_user)
    url = reverse("transition:register", kwargs={"pk": programme.pk})
    counts = []
    for rows in (1, 19):
        _fill(programme, rows, partner_org)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        counts.append(len(queries))
    assert counts == [REGISTER_QUERIES, REGISTER_QUERIES], [q["sql"][:80] for q in queries]
    # The bulk form and the filter both offer the organisation and every workstream.
    assert html.count(f'value="org:{partner_org.pk}"') == 2
    assert html.count(f'<option value="{programme.workstreams.first().pk}"') == 1
