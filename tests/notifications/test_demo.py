"""The demo shows each kind of notification to the demo users it concerns, labelled illustrative."""

from io import StringIO

import pytest
from django.core.management import call_command

from pcc_portal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_notifications_reach_the_right_demo_users_and_load_twice(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    count = Notification.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Notification.objects.count() == count

    def kinds_of(email: str) -> set[str]:
        return set(Notification.objects.filter(recipient__email=email).values_list("kind", flat=True))

    assert {"plans.version_shared", "panels.papers", "panels.response"} <= kinds_of("member@demo.pcc-portal.org.uk")
    assert "plans.comment" in kinds_of("staff@demo.pcc-portal.org.uk")
    assert kinds_of("staff.westmids@demo.pcc-portal.org.uk") == set()  # the demo's records are Leicestershire's
    assert not Notification.objects.exclude(is_illustrative=True).exists()
    assert not Notification.objects.exclude(email=Notification.Email.NONE).exists()  # never emailed
