"""The overview's spend figures: by area, partner type, plan priority and funding stream, terminated grants left out."""

import pytest

from commissioning.models import Grant
from commissioning.selectors import spend_overview
from partners.models import OrganisationType
from tests.commissioning.factories import FundingStreamFactory, GrantFactory
from tests.partners.factories import OrganisationFactory
from tests.plans.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def test_spend_totals_count_each_grant_once_per_area_type_and_stream_and_under_each_priority(area):
    stream = FundingStreamFactory(force_area=area)
    other_stream = FundingStreamFactory(force_area=area)
    csp = OrganisationFactory(org_type=OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP)
    charity = OrganisationFactory(org_type=OrganisationType.VOLUNTARY_COMMUNITY)
    first, second = PriorityFactory(version__plan__force_area=area), PriorityFactory(version__plan__force_area=area)
    both = GrantFactory(stream=stream, recipient=csp, amount_pence=300_00)
    both.priorities.set([first, second])
    GrantFactory(stream=other_stream, recipient=charity, amount_pence=200_00).priorities.set([first])
    GrantFactory(stream=stream, recipient=charity, amount_pence=50_00)  # serves no priority
    GrantFactory(stream=stream, recipient=csp, amount_pence=999_00, status=Grant.Status.TERMINATED)

    spend = spend_overview(Grant.objects.filter(force_area=area))

    assert spend["total"] == 550_00
    assert [(row["force_area__name"], row["total"], row["count"]) for row in spend["by_area"]] == [
        (area.name, 550_00, 3)
    ]
    assert [(row["recipient__org_type"], row["total"], row["count"]) for row in spend["by_type"]] == [
        (OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP, 300_00, 1),
        (OrganisationType.VOLUNTARY_COMMUNITY, 250_00, 2),
    ]
    assert [(row["label"], row["total"], row["count"]) for row in spend["by_priority"]] == [
        (first.title, 500_00, 2),
        (second.title, 300_00, 1),
        ("Not linked to a priority", 50_00, 1),
    ]
    assert spend["by_stream"] == {stream.pk: 350_00, other_stream.pk: 200_00}


def test_overview_shows_what_each_stream_granted(client, staff_user, area):
    stream = FundingStreamFactory(force_area=area, name="Victims' fund")
    idle = FundingStreamFactory(force_area=area, name="Youth fund")
    GrantFactory(stream=stream, amount_pence=1_234_56)
    GrantFactory(stream=stream, amount_pence=10_00, status=Grant.Status.TERMINATED)
    client.force_login(staff_user)

    page = client.get("/commissioning/").text

    assert (
        f'{idle}</a></td><td>{area.name}</td><td class="money">£1,000,000.00</td><td class="money">£0.00</td>' in page
    )
    assert '<td class="money">£1,234.56</td></tr>' in page
