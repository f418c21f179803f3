"""The admin's user list names each user's force areas, escaped, in one query for the whole page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pcc_portal.accounts.models import Role

from .factories import ForceAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_row_names_the_user_s_areas(client, admin_user):
    north, south = ForceAreaFactory(name="North & <East>"), ForceAreaFactory(name="South")
    UserFactory(full_name="Ann Two Areas", role=Role.PARTNER, areas=[north, south])
    UserFactory(full_name="Bob No Area", role=Role.PANEL_MEMBER, areas=[])
    client.force_login(admin_user)
    page = client.get("/admin/accounts/user/").text
    ann = page.split("Ann Two Areas", 1)[1].split("</tr>", 1)[0]
    bob = page.split("Bob No Area", 1)[1].split("</tr>", 1)[0]
    assert '<td class="field-area_names">North &amp; &lt;East&gt;, South</td>' in ann
    assert '<td class="field-area_names">-</td>' in bob  # the admin's empty value


def test_the_page_asks_the_same_number_of_queries_for_one_user_and_for_twenty(client, admin_user):
    client.force_login(admin_user)
    area = ForceAreaFactory()
    client.get("/admin/accounts/user/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/accounts/user/")
    for _ in range(20):
        UserFactory(areas=[area, ForceAreaFactory()])
    with CaptureQueriesContext(connection) as twenty_one:
        client.get("/admin/accounts/user/")
    assert len(twenty_one) == len(one)
