"""Preferences decide how people hear; the daily digest is one email per person per day."""

import datetime

import pytest
from django.utils import timezone

from pcc_portal.deadlines.registry import LONDON
from pcc_portal.notifications.models import Notification, NotificationDigest, NotificationPreference
from pcc_portal.notifications.registry import Event
from pcc_portal.notifications.services import digests_send, notifications_email_pending, notifications_record
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

# 08:00 UK time tomorrow: after the digest hour, and after the notifications the tests make now.
MORNING = datetime.datetime.combine(
    timezone.now().astimezone(LONDON).date() + datetime.timedelta(days=1), datetime.time(8, 0), tzinfo=LONDON
)


def event(n: int, people, area) -> Event:
    return Event(
        key=f"plans.comment:{n}",
        title=f"Comment {n}",
        url="/plans/",
        recipient_ids=frozenset(p.pk for p in people),
        area_id=area.pk,
    )


def tell(n, people, area):
    e = event(n, people, area)
    notifications_record(kind="plans.comment", event=e)
    notifications_email_pending(key=e.key)


def test_each_choice_is_followed(area, mailoutbox):
    at_once, digest, portal, off = (UserFactory(opcc_staff=True, areas=[area]) for _ in range(4))
    for user, delivery in [(digest, "digest"), (portal, "portal"), (off, "off")]:
        NotificationPreference.objects.create(user=user, kind="plans.comment", delivery=delivery)
    tell(1, [at_once, digest, portal, off], area)
    assert [m.to[0] for m in mailoutbox] == [at_once.email]
    listed = set(Notification.objects.values_list("recipient_id", flat=True))
    assert listed == {at_once.pk, digest.pk, portal.pk}  # off: not even in the list


def test_inactive_people_and_people_of_another_area_are_never_told(area, other_area, mailoutbox):
    inactive = UserFactory(opcc_staff=True, areas=[area], is_active=False)
    elsewhere = UserFactory(opcc_staff=True, areas=[other_area])
    tell(1, [inactive, elsewhere], area)
    assert not Notification.objects.exists() and not mailoutbox


def test_the_digest_is_one_email_a_day_and_only_after_its_hour(area, mailoutbox):
    reader = UserFactory(opcc_staff=True, areas=[area])
    NotificationPreference.objects.create(user=reader, kind="plans.comment", delivery="digest")
    tell(1, [reader], area)
    tell(2, [reader], area)
    assert not mailoutbox
    assert digests_send(now=MORNING.replace(hour=6)).emails == 0  # before 07:00 UK time
    result = digests_send(now=MORNING)
    assert (result.emails, result.lines) == (1, 2)
    assert mailoutbox[0].subject == "Your daily digest: 2 notifications"
    assert "Comment 1" in mailoutbox[0].body and "Comment 2" in mailoutbox[0].body
    tell(3, [reader], area)
    assert digests_send(now=MORNING + datetime.timedelta(hours=1)).emails == 0  # one a day: tomorrow's
    assert len(mailoutbox) == 1
    assert digests_send(now=MORNING + datetime.timedelta(days=1)).lines == 1
    assert len(mailoutbox) == 2 and "Comment 3" in mailoutbox[1].body
    assert NotificationDigest.objects.filter(recipient=reader).count() == 2


def test_a_failed_digest_is_given_back_and_sent_by_the_next_run(area, mailoutbox, settings):
    reader = UserFactory(opcc_staff=True, areas=[area])
    NotificationPreference.objects.create(user=reader, kind="plans.comment", delivery="digest")
    tell(1, [reader], area)
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FailingBackend"
    assert digests_send(now=MORNING).failed == 1
    assert Notification.objects.get().email == Notification.Email.DIGEST
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digests_send(now=MORNING).emails == 1
    assert len(mailoutbox) == 1


def test_a_failed_email_is_given_back_for_the_retry(area, mailoutbox, settings):
    reader = UserFactory(opcc_staff=True, areas=[area])
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FailingBackend"
    with pytest.raises(ConnectionError):
        tell(1, [reader], area)
    assert Notification.objects.get().email == Notification.Email.PENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications_email_pending(key="plans.comment:1") == 1
    assert notifications_email_pending(key="plans.comment:1") == 0
    assert len(mailoutbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return False

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        raise ConnectionError("The mail server is down.")
