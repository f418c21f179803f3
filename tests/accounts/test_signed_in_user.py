"""The signed-in user is read once per request with their force areas and unread count, and never kept."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse

from pcc_portal.accounts.selectors import user_for_request
from pcc_portal.notifications.selectors import unread_count
from pcc_portal.notifications.services import notifications_mark_all_read
from tests.accounts.factories import PASSWORD, UserFactory
from tests.notifications.test_pages import notify

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")
PARTNERS_LINK = ">Partners</a>"
BADGE = 'Notifications <span class="badge text-bg-light">{}<span class="visually-hidden"> unread</span>'


def test_the_user_their_areas_and_unread_count_come_in_one_query(staff_user, other_area, django_assert_num_queries):
    staff_user.force_areas.add(other_area)
    notify(staff_user, 2)
    areas = {area.pk for area in staff_user.force_areas.all()}
    with django_assert_num_queries(1):
        user = user_for_request(str(staff_user.pk))  # the session holds the id as text
        assert user == staff_user and user.email == staff_user.email
        assert user.area_ids == areas and len(areas) == 2
        assert unread_count(user) == 2


def test_a_user_of_no_area_has_none_and_an_unknown_id_no_user(db):
    assert user_for_request(UserFactory().pk).area_ids == frozenset()
    assert user_for_request(987654) is None
    assert user_for_request("not-an-id") is None


def test_signing_in_with_the_form_keeps_the_user_signed_in(client, staff_user):
    client.post(reverse("login"), {"username": staff_user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert client.session[BACKEND_SESSION_KEY] == "pcc_portal.accounts.backends.PortalBackend"
    assert client.get(DASHBOARD).status_code == 200


def test_a_session_begun_before_the_portal_backend_stays_signed_in(client, staff_user):
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(DASHBOARD)
    assert page.status_code == 200 and PARTNERS_LINK in page.content.decode()


def test_a_user_taken_out_of_an_area_loses_it_on_the_next_request(client, staff_user, area):
    client.force_login(staff_user)
    assert PARTNERS_LINK in client.get(DASHBOARD).content.decode()
    staff_user.force_areas.remove(area)
    assert PARTNERS_LINK not in client.get(DASHBOARD).content.decode()


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, staff_user):
    client.force_login(staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert client.get(DASHBOARD).status_code == 302


def test_the_unread_count_follows_notifications_read_and_received(client, staff_user):
    first, _second = notify(staff_user, 2)
    client.force_login(staff_user)
    assert BADGE.format(2) in client.get(DASHBOARD).content.decode()
    page = client.post(reverse("notifications:read", args=[first.pk]), follow=True).content.decode()
    assert BADGE.format(1) in page
    notify(staff_user, 2)
    assert BADGE.format(3) in client.get(DASHBOARD).content.decode()
    page = client.post(reverse("notifications:read_all"), follow=True).content.decode()
    assert "Notifications</a>" in page and "unread</span>" not in page


def test_marking_all_read_within_a_request_counts_again(staff_user):
    notify(staff_user, 3)
    user = user_for_request(staff_user.pk)
    assert unread_count(user) == 3
    notifications_mark_all_read(user=user)
    assert unread_count(user) == 0
