"""The overview's stored spend totals: after any sequence of writes, by any path, they equal the grants' sums."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning import services
from commissioning.models import Grant, PrioritySpendEntry, StreamSpendEntry
from commissioning.selectors import grants_visible_to, spend_overview, spend_overview_for
from partners.models import Organisation, OrganisationType
from partners.services import organisation_save
from plans.models import Priority
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.commissioning.factories import FundingStreamFactory, GrantFactory
from tests.partners.factories import OrganisationFactory
from tests.plans.factories import PriorityFactory

pytestmark = pytest.mark.django_db

STATUSES = [Grant.Status.ACTIVE, Grant.Status.COMPLETED, Grant.Status.TERMINATED]
TYPES = [OrganisationType.VOLUNTARY_COMMUNITY, OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP]


def _world(area, other_area):
    """Two areas with two streams each, three partners, three priorities (two with the same title)."""
    streams = [FundingStreamFactory(force_area=a) for a in (area, other_area) for _ in range(2)]
    partners = [OrganisationFactory(areas=[area, other_area], org_type=TYPES[i % 2]) for i in range(3)]
    priorities = [PriorityFactory(version__plan__force_area=area, title=t) for t in ("Victims", "Youth", "Victims")]
    return streams, partners, priorities


def _assert_totals_match(*users):
    for user in users:
        assert spend_overview_for(user) == spend_overview(grants_visible_to(user)), user


def _new_grant(world, stream, partner, amount, status):
    streams, partners, _ = world
    return GrantFactory(
        stream=streams[stream], recipient=partners[partner], amount_pence=amount, status=STATUSES[status]
    )


grant_index = st.integers(min_value=0, max_value=30)
WRITES = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 3), st.integers(0, 2), st.integers(1, 10_000), st.integers(0, 2)),
    st.tuples(st.just("amount"), grant_index, st.integers(1, 10_000)),
    st.tuples(st.just("status"), grant_index, st.integers(0, 2)),
    st.tuples(st.just("move"), grant_index, st.integers(0, 3)),
    st.tuples(st.just("recipient"), grant_index, st.integers(0, 2)),
    st.tuples(st.just("delete"), grant_index),
    st.tuples(st.just("set_priorities"), grant_index, st.sets(st.integers(0, 2))),
    st.tuples(st.just("add_priority"), grant_index, st.integers(0, 2)),
    st.tuples(st.just("remove_priority"), grant_index, st.integers(0, 2)),
    st.tuples(st.just("org_type"), st.integers(0, 2), st.integers(0, 1)),
    st.tuples(st.just("bulk_amount"), st.integers(1, 500)),
    st.tuples(st.just("bulk_create"), st.integers(0, 3), st.integers(1, 4)),
    st.tuples(st.just("delete_priority"), st.integers(0, 2)),
    st.tuples(st.just("rebuild")),
)


GRANT_WRITES = {"amount", "status", "move", "recipient", "delete", "set_priorities", "add_priority", "remove_priority"}


def _apply(world, write) -> None:
    streams, partners, priorities = world
    kind, *args = write
    grants = list(Grant.objects.order_by("pk"))
    priorities = [p for p in priorities if Priority.objects.filter(pk=p.pk).exists()]
    grant = grants[args[0] % len(grants)] if grants and kind in GRANT_WRITES else None
    if kind in GRANT_WRITES and grant is None:
        return
    if kind == "create":
        _new_grant(world, *args)
    elif kind == "amount":
        grant.amount_pence = args[1]
        grant.save()
    elif kind == "status":
        Grant.objects.filter(pk=grant.pk).update(status=STATUSES[args[1]])
    elif kind == "move":
        stream = streams[args[1]]
        Grant.objects.filter(pk=grant.pk).update(stream=stream, force_area=stream.force_area_id)
    elif kind == "recipient":
        grant.recipient = partners[args[1]]
        grant.save()
    elif kind == "delete":
        grant.delete()
    elif kind == "set_priorities":
        grant.priorities.set([priorities[i] for i in args[1] if i < len(priorities)])
    elif kind == "add_priority" and args[1] < len(priorities):
        grant.priorities.add(priorities[args[1]])
    elif kind == "remove_priority" and args[1] < len(priorities):
        grant.priorities.remove(priorities[args[1]])
    elif kind == "org_type":
        Organisation.objects.filter(pk=partners[args[0]].pk).update(org_type=TYPES[args[1]])
    elif kind == "bulk_amount":
        Grant.objects.update(amount_pence=F("amount_pence") + args[0])
    elif kind == "bulk_create":
        stream = streams[args[0]]
        made = Grant.objects.bulk_create(
            GrantFactory.build(stream=stream, recipient=partners[n % 3], amount_pence=100 * (n + 1))
            for n in range(args[1])
        )
        Grant.priorities.through.objects.bulk_create(
            Grant.priorities.through(grant_id=g.pk, priority_id=p.pk) for g in made[::2] for p in priorities[:2]
        )
    elif kind == "delete_priority" and args[0] < len(priorities):
        priorities[args[0]].delete()
    elif kind == "rebuild":
        services.spend_totals_rebuild()


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=st.lists(WRITES, min_size=1, max_size=10))
def test_stored_totals_equal_the_grants_sums_after_any_writes(area, other_area, writes):
    admin, staff = UserFactory(administrator=True), UserFactory(opcc_staff=True, areas=[area])
    both = UserFactory(opcc_staff=True, areas=[area, other_area])
    with transaction.atomic():
        world = _world(area, other_area)
        for write in writes:
            _apply(world, write)
            _assert_totals_match(admin, staff, both)
        transaction.set_rollback(True)


@pytest.fixture
def spend(area, other_area):
    world = _world(area, other_area)
    admin, staff = UserFactory(administrator=True), UserFactory(opcc_staff=True, areas=[area])
    streams, partners, priorities = world
    grants = [GrantFactory(stream=streams[i % 4], recipient=partners[i % 3], amount_pence=1000 * i) for i in (1, 2, 3)]
    grants[0].priorities.set(priorities[:2])
    return world, grants, (admin, staff)


def test_the_grant_services_keep_the_totals(spend, area):
    (streams, partners, priorities), grants, users = spend
    staff = users[1]
    made = services.grant_create(
        user=staff,
        stream=streams[0],
        recipient=partners[1],
        reference="NEW-1",
        title="New",
        purpose="Work.",
        amount_pence=12_345,
        award_date=datetime.date(2013, 3, 1),
        start_date=datetime.date(2013, 4, 1),
        end_date=datetime.date(2013, 9, 30),
        priorities=[priorities[1]],
    )
    _assert_totals_match(*users)
    services.variation_record(user=staff, grant=made, description="More", amount_change_pence=5_000)
    _assert_totals_match(*users)
    services.grant_terminate(user=staff, grant=grants[0], reason="Breach.")
    _assert_totals_match(*users)
    # The area's one other grant, terminated, counts no more.
    assert spend_overview_for(staff)["total"] == 12_345 + 5_000
    assert [row["label"] for row in spend_overview_for(staff)["by_priority"]] == ["Youth"]


def test_a_partners_new_type_moves_its_grants(spend):
    (_, partners, _), _, users = spend
    partners[0].org_type = OrganisationType.DISTRICT_COUNCIL
    organisation_save(organisation=partners[0])
    _assert_totals_match(*users)
    by_type = spend_overview_for(users[0])["by_type"]
    assert OrganisationType.DISTRICT_COUNCIL in [row["recipient__org_type"] for row in by_type]


def test_a_deleted_priority_leaves_its_grants_not_linked(spend):
    (_, _, priorities), _, users = spend
    priorities[0].delete()
    priorities[1].delete()
    _assert_totals_match(*users)
    assert [row["label"] for row in spend_overview_for(users[0])["by_priority"]] == ["Not linked to a priority"]


def test_admin_change_of_a_grants_amount_and_priorities_keeps_the_totals(spend, client):
    (_, _, priorities), grants, users = spend
    grant = grants[1]
    client.force_login(users[0])
    page = client.get(f"/admin/commissioning/grant/{grant.pk}/change/")
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data |= {"amount_pence": 77_777, "priorities": [priorities[2].pk]}
    data |= {"award_date": "2013-03-28", "start_date": "2013-04-01", "end_date": "2013-09-30"}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = client.post(f"/admin/commissioning/grant/{grant.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant.refresh_from_db()
    assert grant.amount_pence == 77_777
    _assert_totals_match(*users)


def test_rebuild_command_leaves_one_entry_per_key(spend):
    _, _, users = spend
    entries = StreamSpendEntry.objects.count() + PrioritySpendEntry.objects.count()
    call_command("rebuild_spend_totals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert StreamSpendEntry.objects.count() + PrioritySpendEntry.objects.count() < entries
    _assert_totals_match(*users)


def test_staff_see_only_their_areas_totals(spend, area, other_area):
    _, _, (admin, staff) = spend
    other_staff = UserFactory(opcc_staff=True, areas=[other_area])
    assert [row["force_area__name"] for row in spend_overview_for(staff)["by_area"]] == [area.name]
    assert [row["force_area__name"] for row in spend_overview_for(other_staff)["by_area"]] == [other_area.name]
    assert len(spend_overview_for(admin)["by_area"]) == 2
    _assert_totals_match(other_staff)


@pytest.mark.parametrize("count", [1, 20])
def test_overview_queries_stay_flat(client, admin_user, area, count):
    stream = FundingStreamFactory(force_area=area)
    priority = PriorityFactory(version__plan__force_area=area)
    for n in range(count):
        GrantFactory(stream=stream, amount_pence=100 + n).priorities.set([priority])
    client.force_login(admin_user)
    client.get("/commissioning/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/commissioning/").status_code == 200
    assert len(queries) == 10


@pytest.mark.django_db(transaction=True)
def test_people_saving_at_once_get_no_errors_and_right_totals():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's writers take turns")
    area = ForceAreaFactory()
    world = _world(area, ForceAreaFactory())
    streams, partners, priorities = world
    grants = [GrantFactory(stream=streams[0], recipient=partners[i % 3], amount_pence=1_000) for i in range(4)]
    errors = []

    def save(worker: int) -> None:
        try:
            for round_ in range(15):
                # One person's save: a grant with its priorities (as the services and the admin save them), or a
                # partner's type.
                with transaction.atomic():
                    grant = Grant.objects.get(pk=grants[(worker + round_) % 4].pk)
                    grant.amount_pence += 1
                    grant.save()
                    grant.priorities.set(priorities[(worker + round_) % 3 :][:2])
                if round_ % 5 == worker % 5:
                    partner = Organisation.objects.get(pk=partners[(worker + round_) % 3].pk)
                    partner.org_type = TYPES[round_ % 2]
                    organisation_save(organisation=partner)
                if worker == 0 and round_ % 7 == 0:
                    services.spend_totals_rebuild()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _assert_totals_match(UserFactory(administrator=True), UserFactory(opcc_staff=True, areas=[area]))
