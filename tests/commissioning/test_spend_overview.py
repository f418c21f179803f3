"""The overview's spend figures: by area, partner type, plan priority and funding stream, terminated grants left out."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_spend_totals_by_area_type_and_stream_are_read_through_the_spend_index(area):
    """On the national overview the totals are summed from the grant_spend index, not the table of grants:
    the query must keep to the index's condition (awarded grants: not terminated)."""
    if connection.vendor != "postgresql":
        pytest.skip("Covering indexes and their plans are PostgreSQL's.")
    GrantFactory(force_area=area).priorities.set([PriorityFactory(version__plan__force_area=area)])
    with CaptureQueriesContext(connection) as queries:
        spend_overview(Grant.objects.all())

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test's few grants would otherwise be read whole
        plans = []
        for query in queries.captured_queries:
            cursor.execute(f"EXPLAIN {query['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))

    by_area_type_stream, _by_priority = plans
    # In the test's transaction the table is never vacuumed, so the index may be read as a bitmap, not alone.
    assert " on grant_spend" in by_area_type_stream or "using grant_spend" in by_area_type_stream, by_area_type_stream
