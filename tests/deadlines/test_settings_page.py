"""Reminder settings: single emails or a digest, and kinds to leave out."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pcc_portal.deadlines.models import ReminderPreference

pytestmark = pytest.mark.django_db

URL = reverse("deadlines:settings")


def test_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_user_chooses_a_digest_and_leaves_out_a_kind(client, deadline_source, staff_user):
    soon = timezone.now() + timedelta(days=3)
    deadline_source.add(key="plans.issue:1", kind_label="Plan issue deadline", due=soon, recipients=[staff_user])
    deadline_source.add(key="panels.papers:2", kind_label="Panel papers due", due=soon, recipients=[staff_user])
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert "Plan issue deadline" in page and "Panel papers due" in page
    response = client.post(URL, {"delivery": "digest", "muted_kinds": ["plans.issue"]}, follow=True)
    assert "Your reminder settings are saved." in response.content.decode()
    preference = ReminderPreference.objects.get(user=staff_user)
    assert (preference.delivery, preference.muted_kinds) == ("digest", ["plans.issue"])


def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, staff_user):
    client.force_login(staff_user)
    response = client.post(URL, {"delivery": "carrier-pigeon", "muted_kinds": ["no.such"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_a_user_changes_only_their_own_settings(client, staff_user, other_area_staff):
    client.force_login(other_area_staff)
    client.post(URL, {"delivery": "digest"})
    assert list(ReminderPreference.objects.values_list("user", flat=True)) == [other_area_staff.pk]


def test_demo_settings_load_twice_without_duplicates(settings):
    settings.DEBUG = True
    from io import StringIO

    from django.core.management import call_command

    from pcc_portal.deadlines.models import CalendarFeed

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert ReminderPreference.objects.get(user__email="member@demo.pcc-portal.org.uk").delivery == "digest"
    assert CalendarFeed.objects.filter(user__email="staff@demo.pcc-portal.org.uk", revoked_at__isnull=True).count() == 1


def test_the_kinds_to_leave_out_are_those_of_the_users_own_deadlines(client, area, staff_user, other_area_staff):
    from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory

    MonitoringReturnFactory(grant=GrantFactory(stream__force_area=area))
    client.force_login(staff_user)
    assert 'value="commissioning.return_due"' in client.get(URL).content.decode()
    client.force_login(other_area_staff)
    page = client.get(URL).content.decode()
    assert "commissioning.return_due" not in page
    assert "You have no deadlines yet, so there is nothing to leave out." in page
