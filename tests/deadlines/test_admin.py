import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pcc_portal.core import paginators
from pcc_portal.deadlines.models import Reminder

from .factories import CalendarFeedFactory, ReminderPreferenceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["reminder", "reminderpreference", "calendarfeed"])
def test_administrator_reads_the_ledger_preferences_and_feeds(client, admin_user, staff_user, model):
    Reminder.objects.create(
        deadline_key="plans.issue:1", recipient=staff_user, lead="7d", kind="plans.issue", kind_label="Plan issue",
        title="Issue the plan", url="/plans/1/", due=timezone.now(), send_at=timezone.now(),
    )  # fmt: skip
    ReminderPreferenceFactory(user=staff_user)
    feed = CalendarFeedFactory(user=staff_user)
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:deadlines_{model}_changelist"), {"q": staff_user.email})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert feed.token not in response.content.decode()


def test_the_ledger_cannot_be_edited_in_admin(client, admin_user, staff_user):
    row = Reminder.objects.create(
        deadline_key="plans.issue:1", recipient=staff_user, lead="7d", kind="plans.issue", kind_label="Plan issue",
        title="Issue the plan", url="/plans/1/", due=timezone.now(), send_at=timezone.now(),
    )  # fmt: skip
    client.force_login(admin_user)
    assert client.get(reverse("admin:deadlines_reminder_add")).status_code == 403
    page = client.get(reverse("admin:deadlines_reminder_change", args=[row.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content


def test_staff_without_admin_access_cannot_open_the_ledger(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("admin:deadlines_reminder_changelist"))
    assert response.status_code == 302


def _ledger_rows(recipients, count):
    now = timezone.now()
    first = Reminder.objects.count()
    Reminder.objects.bulk_create(
        Reminder(
            deadline_key=f"plans.issue:{n}", recipient=recipients[n % len(recipients)], lead="7d", kind="plans.issue",
            kind_label="Plan issue", title=f"Issue plan {n}", url="/plans/1/", due=now, send_at=now,
        )
        for n in range(first, first + count)
    )  # fmt: skip


def test_the_ledger_list_runs_the_same_queries_for_1_and_20_rows(client, admin_user, staff_user, secretariat_user):
    client.force_login(admin_user)
    url = reverse("admin:deadlines_reminder_changelist")
    _ledger_rows([staff_user], 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).context["cl"].result_count == 1
    _ledger_rows([staff_user, secretariat_user], 19)
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url).context["cl"].result_count == 20
    assert len(one) == len(twenty) <= 15


def test_the_ledger_count_stops_at_the_cap(client, admin_user, staff_user, monkeypatch):
    monkeypatch.setattr(paginators, "COUNT_CAP", 5)
    _ledger_rows([staff_user], 8)
    client.force_login(admin_user)
    page = client.get(reverse("admin:deadlines_reminder_changelist"))
    assert page.context["cl"].result_count == 6  # the cap and one more: "more than 5"
    assert "Issue plan 7" in page.content.decode()


def test_the_ledger_cannot_be_deleted_from_in_admin(client, admin_user, staff_user):
    _ledger_rows([staff_user], 1)
    row = Reminder.objects.get()
    client.force_login(admin_user)
    page = client.get(reverse("admin:deadlines_reminder_changelist"))
    assert 'name="_selected_action"' not in page.content.decode()
    assert client.get(reverse("admin:deadlines_reminder_delete", args=[row.pk])).status_code == 403
    assert Reminder.objects.filter(pk=row.pk).exists()


def test_the_ledger_shows_a_mornings_reminders_newest_first_fifty_a_page(client, admin_user, staff_user):
    _ledger_rows([staff_user], 60)  # one send_at for all, as the 09:00 reminders of a day share theirs
    client.force_login(admin_user)
    page = client.get(reverse("admin:deadlines_reminder_changelist"))
    shown = [row.title for row in page.context["cl"].result_list]
    assert shown == [f"Issue plan {n}" for n in range(59, 9, -1)]
