"""The notifications list, the unread count in the header, marking read, and the settings."""

import pytest
from django.urls import reverse

from pcc_portal.notifications.models import Notification, NotificationPreference
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:preferences")
KINDS = ["plans__comment", "plans__version_shared", "panels__papers", "panels__response", "commissioning__decision"]
ALL_EMAIL = {f"kind__{kind}": "email" for kind in [*KINDS, "handover__answer"]}


def notify(user, n: int = 1, **fields) -> list[Notification]:
    start = Notification.objects.count()
    return [
        Notification.objects.create(
            **{
                "recipient": user,
                "kind": "plans.comment",
                "key": f"test:{start + i}",
                "title": f"New comment number {start + i}",
                "url": "/plans/",
                **fields,
            }
        )
        for i in range(n)
    ]


def test_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(LIST).status_code == 302


def test_the_header_of_every_page_shows_the_unread_count(client, staff_user):
    notify(staff_user, 3)
    client.force_login(staff_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'Notifications <span class="badge text-bg-light">3<span class="visually-hidden"> unread</span>' in page


def test_a_user_sees_only_their_own_notifications(client, staff_user, other_area_staff):
    notify(staff_user, 1, summary="Mine")
    (theirs,) = notify(other_area_staff, 1)
    client.force_login(staff_user)
    page = client.get(LIST).content.decode()
    assert "Mine" in page and theirs.title not in page
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_marks_it_read_and_goes_to_it(client, staff_user):
    (notification,) = notify(staff_user)
    client.force_login(staff_user)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/plans/"
    notification.refresh_from_db()
    assert notification.is_read


def test_an_address_elsewhere_is_never_followed(client, staff_user):
    (notification,) = notify(staff_user, url="https://evil.example/")
    client.force_login(staff_user)
    assert client.get(reverse("notifications:open", args=[notification.pk])).url == LIST


def test_mark_one_and_then_all_read(client, staff_user):
    first, *_ = notify(staff_user, 3)
    client.force_login(staff_user)
    response = client.post(reverse("notifications:read", args=[first.pk]), follow=True)
    assert "Marked as read: New comment number 0" in response.content.decode()
    unread = client.get(LIST + "?show=unread").content.decode()
    assert "New comment number 0" not in unread and "2 unread." in unread
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "You have no unread notifications." in client.get(LIST + "?show=unread").content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_list_takes_the_same_queries_for_1_and_20_rows(client, staff_user, rows, django_assert_max_num_queries):
    notify(staff_user, rows)
    client.force_login(staff_user)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.content.decode().count('aria-label="Mark as read: ') == rows


def test_the_reminder_settings_page_has_a_choice_per_kind_and_saves_it(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("deadlines:settings")).content.decode()
    for label in [
        "A new comment or reply in a thread you are in",
        "A draft plan shared with your panel",
        "Papers published for a meeting of your panel",
        "A response to your panel&#x27;s recommendation",
        "A decision on your application",
        "A question answered (candidates&#x27; briefing)",
    ]:
        assert label in page
    data = {
        **ALL_EMAIL,
        "kind__plans__comment": "digest",
        "kind__plans__version_shared": "off",
        "kind__panels__papers": "portal",
        "kind__panels__response": "email",
        "kind__commissioning__decision": "email",
        "kind__handover__answer": "email",
    }
    response = client.post(SETTINGS, data, follow=True)
    assert "Your notification settings are saved." in response.content.decode()
    assert dict(NotificationPreference.objects.filter(user=staff_user).values_list("kind", "delivery")) == {
        "plans.comment": "digest",
        "plans.version_shared": "off",
        "panels.papers": "portal",
    }
    page = client.get(reverse("deadlines:settings")).content.decode()
    assert '<option value="digest" selected>' in page


def test_bad_settings_are_refused_with_a_message_and_nothing_saved(client, staff_user):
    client.force_login(staff_user)
    response = client.post(SETTINGS, {"kind__plans__comment": "carrier-pigeon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_user_changes_only_their_own_settings(client, staff_user):
    other = UserFactory(opcc_staff=True)
    client.force_login(other)
    client.post(SETTINGS, {**ALL_EMAIL, "kind__plans__comment": "off"})
    assert list(NotificationPreference.objects.values_list("user", flat=True)) == [other.pk]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_settings_page_stays_within_its_queries(client, staff_user, rows, django_assert_max_num_queries):
    notify(staff_user, rows)
    client.force_login(staff_user)
    from tests.conftest import DEADLINES_MAX_QUERIES

    with django_assert_max_num_queries(DEADLINES_MAX_QUERIES):
        assert client.get(reverse("deadlines:settings")).status_code == 200
