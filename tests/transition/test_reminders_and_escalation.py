"""Milestones in the reminder emails, overdue risk reviews in what's due, and the 90-day escalation on
a real Celery worker (once, however often the daily task runs)."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pcc_portal.deadlines.registry import LONDON
from pcc_portal.deadlines.services import reminders_sweep
from transition.models import EscalationNotice
from transition.tasks import escalate_due_programmes

from .factories import MilestoneFactory, ProgrammeFactory, RiskFactory, TransferItemFactory


@pytest.mark.django_db
def test_a_milestone_is_reminded_by_email_a_week_before_at_nine(staff_user, programme):
    due = timezone.localdate() + timedelta(days=20)
    MilestoneFactory(programme=programme, title="Novate the victims contract", due_on=due)
    week_before = datetime.combine(due - timedelta(days=7), datetime.min.time(), tzinfo=LONDON) + timedelta(hours=9)
    reminders_sweep(now=week_before)
    reminders_sweep(now=week_before + timedelta(minutes=15))
    subjects = [m.subject for m in mail.outbox if staff_user.email in m.to]
    assert subjects == [f"Reminder: Novate the victims contract ({programme.name}) (due in 7 days)"]


@pytest.mark.django_db
def test_an_overdue_risk_review_is_in_whats_due_as_overdue(client, staff_user, programme):
    RiskFactory(programme=programme, title="Records retention", next_review_on=timezone.localdate() - timedelta(days=4))
    RiskFactory(
        programme=programme,
        title="Closed one",
        status="closed",
        next_review_on=timezone.localdate() - timedelta(days=4),
    )
    client.force_login(staff_user)
    page = client.get(reverse("deadlines:whats_due")).content.decode()
    overdue = page.split('id="overdue-heading"', 1)[1].split("<h2", 1)[0]
    assert "Review risk: Records retention" in overdue
    assert "Closed one" not in page


@pytest.mark.worker
def test_the_daily_escalation_on_a_real_worker_emails_the_lead_once(celery_worker_thread, area, staff_user):
    programme = ProgrammeFactory(
        force_area=area, lead=staff_user, transfer_date=timezone.localdate() + timedelta(days=89)
    )
    TransferItemFactory(programme=programme, title="No receiver yet")
    assert escalate_due_programmes.delay().get(timeout=60) == 1
    assert escalate_due_programmes.delay().get(timeout=60) == 0
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert EscalationNotice.objects.get().item_count == 1
