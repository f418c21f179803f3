import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.formula import AllocationError, Share, allocate
from commissioning.models import Allocation
from commissioning.services import allocation_lock, allocation_preview
from partners.demo import ensure_demo_organisations
from partners.selectors import councils_in_area
from pcc_portal.core.templatetags.portal import pence
from tests.commissioning.factories import FundingStreamFactory


@pytest.fixture
def leicestershire_councils(area):
    ensure_demo_organisations()
    return list(councils_in_area(area.pk))


def test_one_million_across_the_areas_councils_adds_up_to_exactly_one_million(
    staff_user, area, leicestershire_councils
):
    stream = FundingStreamFactory(force_area=area)
    allocation = allocation_preview(
        user=staff_user, stream=stream, title="CSF", total_pence=1_000_000_00, recipients=leicestershire_councils
    )
    amounts = list(allocation.lines.values_list("amount_pence", flat=True))
    assert len(amounts) == 10
    assert sum(amounts) == 1_000_000_00
    assert pence(sum(amounts)) == "£1,000,000.00"
    # Leicestershire County Council has the largest population, so the largest share.
    largest = allocation.lines.order_by("-amount_pence").first()
    assert largest.organisation.name == "Leicestershire County Council"


def test_allocation_page_shows_the_total_to_the_penny_and_locks(client, staff_user, area, leicestershire_councils):
    stream = FundingStreamFactory(force_area=area)
    client.force_login(staff_user)
    data = {"title": "CSF by population", "recipients_kind": "councils", "total": "1,000,000.00", "floor": ""}
    data.update({f"weight_{c.pk}": "1" for c in leicestershire_councils})
    response = client.post(f"/commissioning/streams/{stream.pk}/allocations/new/", data, follow=True)
    assert response.status_code == 200
    allocation = Allocation.objects.get()
    assert "add up to <strong>£1,000,000.00</strong>" in response.text
    client.post(f"/commissioning/allocations/{allocation.pk}/lock/")
    allocation.refresh_from_db()
    assert allocation.status == Allocation.Status.LOCKED
    assert allocation.locked_by == staff_user


def test_a_locked_allocation_cannot_be_locked_again_or_discarded(staff_user, area, leicestershire_councils):
    stream = FundingStreamFactory(force_area=area)
    allocation = allocation_preview(
        user=staff_user, stream=stream, title="CSF", total_pence=500_00, recipients=leicestershire_councils
    )
    allocation_lock(user=staff_user, allocation=allocation)
    with pytest.raises(ValidationError):
        allocation_lock(user=staff_user, allocation=allocation)


def test_floor_lifts_small_recipients_and_still_adds_up():
    shares = [Share("big", 900_000), Share("mid", 90_000), Share("tiny", 10_000)]
    amounts = allocate(total=100_000_00, shares=shares, floor=5_000_00)
    assert amounts["tiny"] == 5_000_00
    assert amounts["mid"] >= 5_000_00
    assert sum(amounts.values()) == 100_000_00


def test_weights_double_a_share():
    amounts = allocate(total=300, shares=[Share("a", 100, Decimal(2)), Share("b", 100)])
    assert amounts == {"a": 200, "b": 100}


def test_amounts_always_add_up_for_awkward_totals():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 12)
        shares = [Share(i, rng.randint(1, 2_000_000), Decimal(rng.choice(["1", "1.5", "0.25", "3"]))) for i in range(n)]
        total = rng.randint(n, 10**10)
        floor = rng.randint(0, total // n)
        amounts = allocate(total=total, shares=shares, floor=floor)
        assert sum(amounts.values()) == total
        assert min(amounts.values()) >= floor


@pytest.mark.parametrize(
    ("total", "floor", "message"),
    [(0, 0, "more than nothing"), (100, 60, "floor times the number"), (100, -1, "cannot be negative")],
)
def test_impossible_allocations_are_refused_with_a_reason(total, floor, message):
    with pytest.raises(AllocationError, match=message):
        allocate(total=total, shares=[Share("a", 1), Share("b", 1)], floor=floor)


def test_council_without_population_is_named_in_the_error(staff_user, area):
    from tests.partners.factories import OrganisationFactory

    stream = FundingStreamFactory(force_area=area)
    nameless = OrganisationFactory(council=True, population=None, name="Nowhere Council", areas=[area])
    with pytest.raises(ValidationError, match="Nowhere Council"):
        allocation_preview(user=staff_user, stream=stream, title="x", total_pence=100, recipients=[nameless])
    assert not Allocation.objects.exists()


def test_another_areas_staff_cannot_open_or_allocate(client, other_area_staff, area):
    stream = FundingStreamFactory(force_area=area)
    client.force_login(other_area_staff)
    assert client.get(f"/commissioning/streams/{stream.pk}/allocations/new/").status_code == 404
    assert client.get(f"/commissioning/streams/{stream.pk}/").status_code == 404


def test_csps_are_allocated_by_the_populations_entered(client, staff_user, area):
    from partners.models import OrganisationType
    from tests.partners.factories import OrganisationFactory

    stream = FundingStreamFactory(force_area=area)
    csps = [
        OrganisationFactory(org_type=OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP, areas=[area], name=name)
        for name in ("Safer Leicester Partnership", "Safer Rutland Partnership")
    ]
    client.force_login(staff_user)
    page = client.get(f"/commissioning/streams/{stream.pk}/allocations/new/?kind=csp")
    assert "Population of Safer Rutland Partnership" in page.text
    data = {"title": "CSP grants", "recipients_kind": "csp", "total": "90,000.00", "floor": "10,000.00"}
    data.update({f"weight_{c.pk}": "1" for c in csps})
    data.update({f"population_{csps[0].pk}": "329839", f"population_{csps[1].pk}": "37369"})
    client.post(f"/commissioning/streams/{stream.pk}/allocations/new/", data)
    allocation = Allocation.objects.get()
    amounts = dict(allocation.lines.values_list("organisation__name", "amount_pence"))
    assert sum(amounts.values()) == 90_000_00
    assert amounts["Safer Rutland Partnership"] == 10_000_00  # lifted to the floor
