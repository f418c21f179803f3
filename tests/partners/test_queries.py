"""Pages use a constant number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.conftest import DASHBOARD_MAX_QUERIES
from tests.partners.factories import (
    ContactFactory,
    EngagementFactory,
    FollowUpActionFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _fill(area, rows: int) -> None:
    from partners.models import Duty, OrganisationDuty

    board = PartnershipFactory(force_area=area)
    for i in range(rows):
        org = OrganisationFactory(areas=[area], council=i % 2 == 0)
        OrganisationDuty.objects.create(organisation=org, duty=Duty.RESPONSIBLE_AUTHORITY)
        contact = ContactFactory(organisation=org)
        PartnershipMemberFactory(partnership=board, organisation=org, representative=contact)
        cluster = PartnershipFactory(force_area=area, parent=board, cluster=True)
        PartnershipMemberFactory(partnership=cluster, organisation=org)
        engagement = EngagementFactory(force_area=area, organisations=[org])
        FollowUpActionFactory(engagement=engagement)


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(
    "page",
    ["partners:organisation_list", "partners:landscape", "partners:partnership_list", "partners:engagement_list"],
)
def test_area_pages_have_constant_queries(client, staff_user, area, django_assert_max_num_queries, rows, page):
    _fill(area, rows)
    client.force_login(staff_user)
    url = reverse(page, kwargs={"code": area.code})
    client.get(url)  # warm the session
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_organisation_page_and_dashboard_have_constant_queries(
    client, staff_user, area, django_assert_max_num_queries, rows
):
    _fill(area, rows)
    org = OrganisationFactory(areas=[area])
    ContactFactory.create_batch(rows, organisation=org)
    for _ in range(rows):
        FollowUpActionFactory(engagement=EngagementFactory(force_area=area, organisations=[org]))
    client.force_login(staff_user)
    client.get(org.get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(org.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        assert client.get(reverse("core:dashboard")).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_bulletin_page_has_constant_queries(client, area, django_assert_max_num_queries, rows):
    from tests.partners.factories import (
        BulletinArticleFactory,
        BulletinEventFactory,
        BulletinFactory,
        BulletinSectionFactory,
    )

    bulletin = BulletinFactory(published=True, audience=[area])
    BulletinArticleFactory.create_batch(rows, bulletin=bulletin, guest=True, author_organisation=OrganisationFactory())
    BulletinEventFactory.create_batch(rows, bulletin=bulletin)
    for section in BulletinSectionFactory.create_batch(rows, bulletin=bulletin):
        BulletinArticleFactory(bulletin=bulletin, section=section)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(bulletin.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_bulletin_page_of_its_editor_has_constant_queries(
    client, area, staff_user, django_assert_max_num_queries, rows
):
    from tests.partners.factories import BulletinArticleFactory, BulletinFactory, BulletinSectionFactory

    bulletin = BulletinFactory(force_area=area, audience=[area])
    for section in BulletinSectionFactory.create_batch(rows, bulletin=bulletin):
        BulletinArticleFactory(bulletin=bulletin, section=section)
    client.force_login(staff_user)
    client.get(bulletin.get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(bulletin.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "page",
    ["partners:landscape", "partners:partnership_list", "partners:engagement_list"],
)
def test_area_pages_need_the_same_queries_for_1_and_20_rows(client, staff_user, area, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_user)
    url = reverse(page, kwargs={"code": area.code})
    counts = []
    for rows in (1, 19):
        _fill(area, rows)
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MAX_QUERIES, counts


def test_board_page_needs_the_same_queries_for_1_and_20_members(client, staff_user, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners.models import Partnership
    from tests.partners.factories import PartnershipMemberFactory

    board = PartnershipFactory(force_area=area)
    client.force_login(staff_user)
    counts = []
    for members in (1, 19):
        for _ in range(members):
            org = OrganisationFactory(areas=[area])
            PartnershipMemberFactory(
                partnership=board, organisation=org, representative=ContactFactory(organisation=org)
            )
            PartnershipFactory(force_area=area, parent=board, cluster=True)
        client.get(board.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(board.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MAX_QUERIES, counts
    assert Partnership.objects.get(pk=board.pk).members.count() == 20
