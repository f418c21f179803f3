"""The sweep: reminders at each lead time at 09:00 London time, once each, with preferences."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from pcc_portal.deadlines.models import Reminder
from pcc_portal.deadlines.registry import LONDON
from pcc_portal.deadlines.services import reminders_claim, reminders_sweep
from pcc_portal.deadlines.tasks import sweep_reminders
from tests.accounts.factories import UserFactory

from .factories import ReminderPreferenceFactory

pytestmark = pytest.mark.django_db


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def subjects() -> list[str]:
    return [m.subject for m in mail.outbox]


def test_reminders_go_out_14_7_1_days_before_and_on_the_day_at_nine(deadline_source, staff_user):
    deadline_source.add(
        key="plans.issue:1", title="Issue the plan", due=london(2026, 12, 18, 17), recipients=[staff_user]
    )
    sent_on = []
    moment = london(2026, 11, 30, 0, 0)
    while moment < london(2026, 12, 19):
        before = len(mail.outbox)
        reminders_sweep(now=moment)
        if len(mail.outbox) > before:
            sent_on.append(moment)
        moment += timedelta(minutes=15)
    assert sent_on == [
        london(2026, 12, 4, 9),
        london(2026, 12, 11, 9),
        london(2026, 12, 17, 9),
        london(2026, 12, 18, 9),
    ]
    assert subjects() == [
        "Reminder: Issue the plan (due in 14 days)",
        "Reminder: Issue the plan (due in 7 days)",
        "Reminder: Issue the plan (due tomorrow)",
        "Reminder: Issue the plan (due today)",
    ]
    assert all(m.to == [staff_user.email] for m in mail.outbox)


def test_reminder_on_the_monday_after_the_october_clock_change_goes_at_nine_local(deadline_source, staff_user):
    # Clocks go back at 02:00 on Sunday 25 October 2026: 09:00 on Monday 26th is 09:00 UTC, not 08:00.
    deadline_source.add(key="panels.papers:3", due=london(2026, 10, 26, 17), recipients=[staff_user])
    reminders_sweep(now=utc(2026, 10, 26, 8, 0))  # 09:00 on the summer-time clock
    assert not [s for s in subjects() if "due today" in s]
    reminders_sweep(now=utc(2026, 10, 26, 8, 59))
    assert not [s for s in subjects() if "due today" in s]
    reminders_sweep(now=utc(2026, 10, 26, 9, 0))
    assert [s for s in subjects() if "due today" in s] == ["Reminder: Deadline panels.papers:3 (due today)"]
    sent = Reminder.objects.get(lead="0d")
    assert sent.sent_at.astimezone(LONDON).hour == 9


def test_seven_day_reminder_before_the_october_change_goes_at_nine_summer_time(deadline_source, staff_user):
    deadline_source.add(key="panels.papers:3", due=london(2026, 10, 26, 17), recipients=[staff_user])
    reminders_sweep(now=utc(2026, 10, 19, 7, 59))
    assert subjects() == []
    reminders_sweep(now=utc(2026, 10, 19, 8, 0))  # 09:00 BST
    assert subjects() == ["Reminder: Deadline panels.papers:3 (due in 7 days)"]


def test_reminder_on_the_monday_after_the_march_clock_change_goes_at_nine_local(deadline_source, staff_user):
    # Clocks go forward on Sunday 29 March 2026: 09:00 on Monday 30th is 08:00 UTC.
    deadline_source.add(key="plans.consultation:4", due=london(2026, 3, 30, 12), recipients=[staff_user])
    reminders_sweep(now=utc(2026, 3, 30, 7, 59))
    assert not [s for s in subjects() if "due today" in s]
    reminders_sweep(now=utc(2026, 3, 30, 8, 0))
    assert [s for s in subjects() if "due today" in s] == ["Reminder: Deadline plans.consultation:4 (due today)"]


def test_a_second_sweep_sends_nothing_again(deadline_source, staff_user, secretariat_user):
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user, secretariat_user])
    first = reminders_sweep(now=london(2026, 12, 11, 9, 5))
    second = reminders_sweep(now=london(2026, 12, 11, 9, 20))
    assert (first.sent, second.sent) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff_user.email, secretariat_user.email])


def test_a_deadline_added_late_gets_only_the_nearest_reminder(deadline_source, staff_user):
    # Added on 16 December for the 18th: the 14- and 7-day reminders are past and never sent.
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    reminders_sweep(now=london(2026, 12, 16, 10))
    assert subjects() == []
    reminders_sweep(now=london(2026, 12, 17, 9))
    assert subjects() == ["Reminder: Deadline plans.issue:1 (due tomorrow)"]


def test_reminders_missed_by_an_outage_are_sent_once_as_the_nearest(deadline_source, staff_user):
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    # No sweep ran from the 16th until 10:00 on the 18th: one "due today", the "tomorrow" one recorded as superseded.
    result = reminders_sweep(now=london(2026, 12, 18, 10))
    assert subjects() == ["Reminder: Deadline plans.issue:1 (due today)"]
    assert result.superseded == 1
    assert Reminder.objects.get(lead="1d").status == Reminder.Status.SUPERSEDED
    reminders_sweep(now=london(2026, 12, 18, 10, 15))
    assert len(mail.outbox) == 1


def test_met_and_past_deadlines_are_not_reminded(deadline_source, staff_user):
    deadline_source.add(key="partners.return:1", due=london(2026, 12, 18, 17), recipients=[staff_user], done=True)
    deadline_source.add(key="partners.return:2", due=london(2026, 12, 11, 8), recipients=[staff_user])
    reminders_sweep(now=london(2026, 12, 11, 9))
    assert subjects() == []


def test_inactive_users_get_no_reminders(deadline_source, staff_user):
    staff_user.is_active = False
    staff_user.save()
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    reminders_sweep(now=london(2026, 12, 11, 9))
    assert subjects() == []


def test_user_who_opted_out_of_a_kind_gets_the_other_kinds(deadline_source, staff_user):
    ReminderPreferenceFactory(user=staff_user, muted_kinds=["plans.issue"])
    deadline_source.add(
        key="plans.issue:1", title="Issue the plan", due=london(2026, 12, 18, 17), recipients=[staff_user]
    )
    deadline_source.add(
        key="panels.papers:2", title="Panel papers", due=london(2026, 12, 18, 17), recipients=[staff_user]
    )
    reminders_sweep(now=london(2026, 12, 11, 9))
    assert subjects() == ["Reminder: Panel papers (due in 7 days)"]


def test_digest_user_gets_one_email_listing_everything_due(deadline_source, staff_user, secretariat_user):
    ReminderPreferenceFactory(user=staff_user, digest=True)
    for n in range(3):
        deadline_source.add(
            key=f"panels.papers:{n}",
            title=f"Papers {n}",
            due=london(2026, 12, 18, 17),
            recipients=[staff_user, secretariat_user],
        )
    result = reminders_sweep(now=london(2026, 12, 11, 9))
    to_staff = [m for m in mail.outbox if m.to == [staff_user.email]]
    to_secretariat = [m for m in mail.outbox if m.to == [secretariat_user.email]]
    assert len(to_staff) == 1 and len(to_secretariat) == 3
    assert to_staff[0].subject == "Your deadlines: 3 reminders"
    assert all(f"Papers {n}" in to_staff[0].body for n in range(3))
    assert result.sent == 6 and result.emails == 4
    reminders_sweep(now=london(2026, 12, 11, 9, 15))
    assert len(mail.outbox) == 4


def test_email_has_plain_text_and_html_with_a_link_to_the_object(deadline_source, staff_user, settings):
    settings.SITE_URL = "https://portal.example.org"
    deadline_source.add(
        key="plans.issue:9",
        title="Issue the Police and Crime Plan",
        url="/plans/9/",
        due=london(2026, 12, 18, 17),
        recipients=[staff_user],
    )
    reminders_sweep(now=london(2026, 12, 17, 9))
    (message,) = mail.outbox
    assert "https://portal.example.org/plans/9/" in message.body
    assert "Friday 18 December 2026, 17:00" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://portal.example.org/plans/9/"' in html
    assert "https://portal.example.org/deadlines/settings/" in message.body
    assert message.extra_headers["Message-ID"].endswith("@portal.example.org>")


def test_everyone_reminded_of_a_deadline_gets_the_email_as_rendered_for_them_alone(deadline_source, settings):
    # The sweep renders a reminder once for all its recipients and puts each name in: the result
    # must be what the templates give for that person, names with HTML special characters included.
    from pcc_portal.deadlines.emails import reminder_message

    settings.SITE_URL = "https://portal.example.org"
    people = [UserFactory(full_name="Ann<b> Lee"), UserFactory(full_name="Bo&Co Smith"), UserFactory(full_name="")]
    chief_executive = UserFactory(full_name="Chief Executive")
    for n, responsible in enumerate(["OPCC", ""]):
        deadline_source.add(
            key=f"plans.issue:{n}",
            title=f"Issue <the> plan {n}",
            due=london(2026, 12, 18, 17),
            recipients=people,
            escalate_to=[chief_executive],
            responsible=responsible,
        )
    reminders_sweep(now=london(2026, 12, 11, 9))
    reminders_sweep(now=london(2026, 12, 21, 17, 5))  # overdue: escalated
    assert len(mail.outbox) == 8
    by_key = {(m.to[0], m.extra_headers["X-PCC-Reminder"]): m for m in mail.outbox}
    for row in Reminder.objects.select_related("recipient"):
        sent = by_key[(row.recipient.email, f"{row.deadline_key} {row.lead}")]
        alone = reminder_message(row)  # rendered from the templates for this one person
        assert (sent.subject, sent.body, sent.alternatives) == (alone.subject, alone.body, alone.alternatives)
    ann = by_key[(people[0].email, "plans.issue:0 7d")]
    assert ann.body.startswith("Hello Ann<b>,") and "<p>Hello Ann&lt;b&gt;,</p>" in ann.alternatives[0][0]
    bo = by_key[(people[1].email, "plans.issue:1 7d")]
    assert "<p>Hello Bo&amp;Co,</p>" in bo.alternatives[0][0]
    nameless = by_key[(people[2].email, "plans.issue:1 7d")]
    assert nameless.body.startswith(f"Hello {people[2].email},")


def test_overdue_item_is_escalated_once_to_the_responsible_office(deadline_source, staff_user, admin_user):
    chief_executive = UserFactory(opcc_staff=True, full_name="Chief Executive")
    deadline_source.add(
        key="panels.response:5",
        title="Respond to the panel",
        due=london(2026, 12, 1, 17),
        recipients=[staff_user],
        escalate_to=[chief_executive],
    )
    reminders_sweep(now=london(2026, 12, 3, 12))
    assert [m for m in mail.outbox if m.to == [chief_executive.email]] == []
    reminders_sweep(now=london(2026, 12, 4, 17, 5))  # three days overdue
    reminders_sweep(now=london(2026, 12, 4, 17, 20))
    reminders_sweep(now=london(2026, 12, 5, 9))
    escalations = [m for m in mail.outbox if m.to == [chief_executive.email]]
    assert [m.subject for m in escalations] == ["Overdue: Respond to the panel"]
    assert "Tuesday 1 December 2026, 17:00" in escalations[0].body


def test_met_item_is_not_escalated(deadline_source, staff_user):
    chief_executive = UserFactory(opcc_staff=True)
    deadline_source.add(key="panels.response:5", due=london(2026, 12, 1, 17), escalate_to=[chief_executive], done=True)
    reminders_sweep(now=london(2026, 12, 4, 17, 5))
    assert mail.outbox == []


def test_a_claim_left_by_a_crashed_run_is_sent_after_its_lease_runs_out(deadline_source, staff_user, settings):
    settings.DEADLINES_CLAIM_LEASE = timedelta(minutes=10)
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    from pcc_portal.deadlines.services import reminders_schedule

    reminders_schedule(now=london(2026, 12, 11, 9))
    crashed = reminders_claim(now=london(2026, 12, 11, 9), run=__import__("uuid").uuid4(), limit=10)
    assert len(crashed) == 1  # claimed, then the worker died before sending
    reminders_sweep(now=london(2026, 12, 11, 9, 5))
    assert mail.outbox == []  # still within the dead run's lease
    reminders_sweep(now=london(2026, 12, 11, 9, 15))
    reminders_sweep(now=london(2026, 12, 11, 9, 30))
    assert subjects() == ["Reminder: Deadline plans.issue:1 (due in 7 days)"]
    row = Reminder.objects.get()
    assert (row.status, row.attempts) == (Reminder.Status.SENT, 2)


def test_a_failed_send_is_retried_by_a_later_sweep_and_given_up_after_five_tries(deadline_source, staff_user, settings):
    settings.EMAIL_BACKEND = "tests.deadlines.test_sweep.BrokenBackend"
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    moment = london(2026, 12, 11, 9)
    for _ in range(7):
        reminders_sweep(now=moment)
        moment += timedelta(minutes=15)
    row = Reminder.objects.get()
    assert row.status == Reminder.Status.FAILED
    assert row.attempts == 5
    assert "SMTP is down" in row.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders_sweep(now=moment)
    assert mail.outbox == []


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


def test_sweep_task_runs_the_sweep(deadline_source, staff_user):
    now = datetime.now(tz=LONDON)
    deadline_source.add(key="plans.issue:1", due=now + timedelta(hours=1), recipients=[staff_user])
    outcome = sweep_reminders.delay().get()
    assert outcome["sent"] == 1
    assert len(mail.outbox) == 1


def test_sweep_runs_every_15_minutes_from_the_beat_schedule_in_code():
    from pcc_portal.celery import app

    entry = app.conf.beat_schedule["deadlines-sweep"]
    assert entry["task"] == "pcc_portal.deadlines.tasks.sweep_reminders"
    assert entry["schedule"] == timedelta(minutes=15)
    assert entry["task"] in app.tasks


def test_one_broken_app_does_not_hold_up_the_other_apps_reminders(deadline_source, staff_user, monkeypatch):
    from pcc_portal.deadlines import registry

    class BrokenApp:
        label = "broken"

        def deadlines(self, *, start, end, user=None):
            raise RuntimeError("bug in another app")

    with_fake = registry.app_configs_with

    def with_broken(hook):
        if hook == "deadlines":
            yield BrokenApp()
        yield from with_fake(hook)

    monkeypatch.setattr(registry, "app_configs_with", with_broken)
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    reminders_sweep(now=london(2026, 12, 11, 9))
    assert subjects() == ["Reminder: Deadline plans.issue:1 (due in 7 days)"]


def test_a_reminder_cannot_be_sent_twice_by_the_transition_table():
    from pcc_portal.deadlines.services import _transition

    with pytest.raises(ValueError):
        _transition(Reminder.objects.all(), source=Reminder.Status.SENT, target=Reminder.Status.CLAIMED)


def test_reminders_written_claimed_by_a_sweep_that_died_are_sent_once_after_the_lease(
    deadline_source, staff_user, secretariat_user, settings, monkeypatch
):
    from pcc_portal.deadlines import services

    settings.DEADLINES_CLAIM_LEASE = timedelta(minutes=10)
    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user, secretariat_user])

    def die(*args, **kwargs):
        raise SystemExit("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(services, "_deliver", die)
        with pytest.raises(SystemExit):
            reminders_sweep(now=london(2026, 12, 11, 9))
    assert mail.outbox == []
    reminders_sweep(now=london(2026, 12, 11, 9, 5))
    assert mail.outbox == []  # still within the dead sweep's lease
    reminders_sweep(now=london(2026, 12, 11, 9, 15))
    reminders_sweep(now=london(2026, 12, 11, 9, 30))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff_user.email, secretariat_user.email])
    assert {(r.status, r.attempts) for r in Reminder.objects.all()} == {(Reminder.Status.SENT, 2)}


def test_a_sweep_sends_nothing_a_concurrent_sweep_wrote_to_the_ledger_first(deadline_source, staff_user):
    from pcc_portal.deadlines.services import reminders_schedule

    deadline_source.add(key="plans.issue:1", due=london(2026, 12, 18, 17), recipients=[staff_user])
    deadline_source.add(key="plans.issue:2", due=london(2026, 12, 18, 17), recipients=[staff_user])
    reminders_schedule(now=london(2026, 12, 11, 9))
    claimed = reminders_claim(now=london(2026, 12, 11, 9), run=__import__("uuid").uuid4(), limit=1)
    assert len(claimed) == 1  # the other sweep is still sending this one
    reminders_sweep(now=london(2026, 12, 11, 9))
    assert len(mail.outbox) == 1
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == 1
