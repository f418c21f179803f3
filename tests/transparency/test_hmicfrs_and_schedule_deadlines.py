"""HMICFRS responses and out-of-date classes go into the deadline registry: what's due, reminders, escalation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from pcc_portal.deadlines.selectors import whats_due
from tests.accounts.factories import UserFactory
from transparency.models import PublicationEntry
from transparency.selectors import schedule_for_areas

from .factories import InspectionReportFactory

pytestmark = pytest.mark.django_db


def _record_report_today(client, area, staff_user) -> None:
    client.force_login(staff_user)
    response = client.post(
        reverse("transparency:record_create", kwargs={"code": area.code, "kind": "inspections"}),
        {"title": "PEEL 2026: Leicestershire Police", "published_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302


def test_report_recorded_today_shows_a_response_due_in_56_days_in_whats_due(client, area, staff_user):
    _record_report_today(client, area, staff_user)
    due_day = timezone.localdate() + datetime.timedelta(days=56)
    now = timezone.now()
    items = list(collect_deadlines(start=now, end=now + datetime.timedelta(days=60), user=staff_user))
    response_due = [d for d in items if d.kind == "transparency.hmicfrs_response"]
    assert len(response_due) == 1
    assert response_due[0].due.date() == due_day
    assert response_due[0].recipient_ids == {staff_user.pk}
    # Recorded today, the response is on the what's-due page today, under "coming up", with its date.
    page = client.get(reverse("deadlines:whats_due"))
    coming_up = page.context["due"].coming_up
    listed = [item.deadline for item in coming_up if item.deadline.kind == "transparency.hmicfrs_response"]
    assert [d.due.date() for d in listed] == [due_day]
    assert listed[0].title == "Publish the Commissioner's response to “PEEL 2026: Leicestershire Police”"
    assert "Coming up in the next 90 days (1)" in page.text
    assert f"{due_day:%-d %b %Y}" in page.text


def test_report_published_50_days_ago_is_on_the_whats_due_page_this_week(client, area, staff_user):
    InspectionReportFactory(
        force_area=area, title="Custody inspection", published_on=timezone.localdate() - datetime.timedelta(days=50)
    )
    client.force_login(staff_user)
    response = client.get(reverse("deadlines:whats_due"))
    this_week = [item.deadline.title for item in response.context["due"].this_week]
    assert this_week == ["Publish the Commissioner's response to “Custody inspection”"]
    assert "Custody inspection" in response.content.decode()


def test_response_published_marks_the_deadline_done(area, staff_user):
    InspectionReportFactory(
        force_area=area,
        published_on=timezone.localdate() - datetime.timedelta(days=60),
        response="Our response.",
        response_published_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    due = whats_due(staff_user, now=timezone.now())
    assert not [i for i in due.overdue if i.deadline.kind == "transparency.hmicfrs_response"]


def test_deadlines_go_only_to_the_areas_staff(area, other_area, staff_user, partner_user, panel_member_user):
    InspectionReportFactory(force_area=area, published_on=timezone.localdate() - datetime.timedelta(days=50))
    other_staff = UserFactory(opcc_staff=True, areas=[other_area])
    now = timezone.now()
    for user in (other_staff, partner_user, panel_member_user):
        assert [
            d
            for d in collect_deadlines(start=now, end=now + datetime.timedelta(days=30), user=user)
            if d.kind.startswith("transparency")
        ] == []


def test_out_of_date_class_is_overdue_in_whats_due_and_escalated_to_the_chief_executive(area, staff_user):
    chief = UserFactory(opcc_staff=True, areas=[area], job_title="Chief Executive, OPCC")
    last = timezone.localdate() - datetime.timedelta(days=100)
    PublicationEntry.objects.create(force_area=area, publication_class="complaints", last_published_on=last)
    due = whats_due(staff_user, now=timezone.now())
    overdue = [i.deadline for i in due.overdue if i.deadline.kind == "transparency.schedule"]
    assert len(overdue) == 1
    item = overdue[0]
    assert item.due.date() == last + datetime.timedelta(days=92)
    assert "“Complaints”" in item.title
    assert item.key == f"transparency.schedule:{area.pk}:complaints:{item.due.date().isoformat()}"
    # The sweep, which asks for everyone, reminds every staff member and raises it with the chief executive.
    (everyone,) = [
        d for d in collect_deadlines(start=item.due, end=item.due + datetime.timedelta(days=1)) if d.key == item.key
    ]
    assert everyone.recipient_ids == {staff_user.pk, chief.pk}
    assert everyone.escalate_to_ids == {chief.pk}


def test_republishing_a_class_clears_it_from_whats_due(area, staff_user):
    PublicationEntry.objects.create(
        force_area=area,
        publication_class="complaints",
        last_published_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    PublicationEntry.objects.filter(force_area=area).update(last_published_on=timezone.localdate())
    due = whats_due(staff_user, now=timezone.now())
    assert not [i for i in due.overdue if i.deadline.kind == "transparency.schedule"]


def test_late_class_is_escalated_once_to_the_chief_executive(area, staff_user):
    from pcc_portal.deadlines.models import Reminder
    from pcc_portal.deadlines.services import reminders_schedule

    chief = UserFactory(opcc_staff=True, areas=[area], job_title="Chief Executive")
    # Due four days ago: its escalation (three days after) fell due yesterday, inside the sweep's two-day catch-up
    # at any time of day (five days ago left it outside once the day passed the deadlines' time of day).
    last = timezone.localdate() - datetime.timedelta(days=96)
    PublicationEntry.objects.create(force_area=area, publication_class="complaints", last_published_on=last)
    now = timezone.now()
    reminders_schedule(now=now)
    reminders_schedule(now=now + datetime.timedelta(hours=1))
    escalations = Reminder.objects.filter(kind="transparency.schedule", lead=Reminder.ESCALATION)
    assert list(escalations.values_list("recipient_id", flat=True)) == [chief.pk]


def _at_ten_london(day: datetime.date) -> datetime.datetime:
    from pcc_portal.deadlines.registry import LONDON

    return datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)


def test_hmicfrs_response_and_a_class_falling_due_are_reminded_once_to_the_areas_staff(area, other_area, staff_user):
    from pcc_portal.deadlines.models import Reminder
    from pcc_portal.deadlines.services import reminders_schedule

    today = timezone.localdate()
    other_staff = UserFactory(opcc_staff=True, areas=[other_area])
    report = InspectionReportFactory(force_area=area, published_on=today - datetime.timedelta(days=42))
    PublicationEntry.objects.create(
        force_area=area, publication_class="budget", last_published_on=today - datetime.timedelta(days=366 - 7)
    )
    now = _at_ten_london(today)
    reminders_schedule(now=now)
    reminders_schedule(now=now + datetime.timedelta(minutes=30))
    rows = {(r.kind, r.lead, r.recipient_id) for r in Reminder.objects.filter(kind__startswith="transparency.")}
    assert rows == {
        ("transparency.hmicfrs_response", "14d", staff_user.pk),
        ("transparency.schedule", "7d", staff_user.pk),
    }
    reminder = Reminder.objects.get(kind="transparency.hmicfrs_response")
    assert reminder.title == f"Publish the Commissioner's response to “{report.title}”"
    assert not Reminder.objects.filter(recipient=other_staff).exists()


def test_every_class_falls_due_on_the_date_the_schedule_page_gives_it(area, other_area, staff_user):
    """Deadlines read only the dates, in one query; they agree with the schedule, class by class and area by area."""
    from commissioning.models import Decision as FundingDecision
    from tests.commissioning.factories import ApplicationFactory, GrantFactory

    from .factories import ContractFactory, DecisionFactory, GiftFactory, InterestFactory, SpendUploadFactory

    today = timezone.localdate()
    for place, back in ((area, 0), (other_area, 20)):
        DecisionFactory(force_area=place, published_on=today - datetime.timedelta(days=40 + back))
        DecisionFactory(force_area=place, published_on=today - datetime.timedelta(days=80), is_published=False)
        GrantFactory(stream__force_area=place, is_published=True, award_date=today - datetime.timedelta(days=25 + back))
        SpendUploadFactory(force_area=place)
        for factory in (ContractFactory, InterestFactory, GiftFactory):
            factory(force_area=place)
        InspectionReportFactory(
            force_area=place,
            published_on=today - datetime.timedelta(days=120),
            response_published_on=today - datetime.timedelta(days=60 + back),
        )
        PublicationEntry.objects.create(
            force_area=place, publication_class="budget", last_published_on=today - datetime.timedelta(days=300)
        )
        # An entered date later than the portal's own records wins for a class the portal holds.
        PublicationEntry.objects.create(
            force_area=place, publication_class="spend", last_published_on=today + datetime.timedelta(days=3)
        )
    # A funding decision later than the area's own decisions counts for "decisions" (1:30 am London: its local date).
    application = ApplicationFactory(round__stream__force_area=area)
    decided = datetime.datetime.combine(today - datetime.timedelta(days=10), datetime.time(1, 30), tzinfo=LONDON)
    FundingDecision.objects.create(
        application=application, outcome="award", reasons="Meets the plan.", decided_at=decided, reference="FD-1"
    )
    from transparency.models import Contract

    Contract.objects.filter(force_area=area).update(updated_at=decided - datetime.timedelta(days=5))

    now = timezone.now()
    start, end = now - datetime.timedelta(days=400), now + datetime.timedelta(days=400)
    everyone = [d for d in collect_deadlines(start=start, end=end) if d.kind == "transparency.schedule"]
    expected = {
        (area_id, status.publication_class.key, status.next_due)
        for area_id, statuses in schedule_for_areas(None).items()
        for status in statuses
        if status.next_due is not None
    }
    assert {(d.area_id, d.key.split(":")[2], d.due.date()) for d in everyone} == expected
    assert {key for area_id, key, _ in expected if area_id == area.pk} == {
        "decisions", "grants", "spend", "contracts", "interests", "gifts", "hmicfrs", "budget",
    }  # fmt: skip
    decisions = {d.due.date() for d in everyone if d.area_id == area.pk and ":decisions:" in d.key}
    assert decisions == {today - datetime.timedelta(days=10) + datetime.timedelta(days=92)}
    mine = [d for d in collect_deadlines(start=start, end=end, user=staff_user) if d.kind == "transparency.schedule"]
    assert sorted(d.key for d in mine) == sorted(d.key for d in everyone if d.area_id == area.pk)
    assert all(d.url.startswith(reverse("transparency:manage", kwargs={"code": area.code})) for d in mine)


def test_each_deadline_links_to_its_own_areas_pages_for_everyone_one_area_and_a_user(area, other_area, staff_user):
    """The areas' codes come apart from the dates: each deadline still links to its own area's pages."""
    from tests.accounts.factories import ForceAreaFactory

    ForceAreaFactory(name="Quiet", code="quiet")  # an area with nothing recorded has nothing due
    today = timezone.localdate()
    reports = {}
    for place in (area, other_area):
        reports[place.pk] = InspectionReportFactory(force_area=place, published_on=today - datetime.timedelta(days=42))
        PublicationEntry.objects.create(
            force_area=place, publication_class="budget", last_published_on=today - datetime.timedelta(days=366 - 7)
        )
    codes = {area.pk: area.code, other_area.pk: other_area.code}
    now = timezone.now()
    start, end = now - datetime.timedelta(days=30), now + datetime.timedelta(days=60)

    def transparency(**scope) -> list:
        return [d for d in collect_deadlines(start=start, end=end, **scope) if d.kind.startswith("transparency.")]

    everyone = transparency()
    assert sorted((d.area_id, d.kind, d.url) for d in everyone) == sorted(
        [
            (
                pk,
                "transparency.hmicfrs_response",
                reverse("transparency:record_edit", kwargs={"code": code, "kind": "inspections", "pk": reports[pk].pk}),
            )
            for pk, code in codes.items()
        ]
        + [
            (pk, "transparency.schedule", reverse("transparency:manage", kwargs={"code": code}) + "#class-budget")
            for pk, code in codes.items()
        ]
    )
    one_area = transparency(area_id=other_area.pk, recipients=False)
    assert sorted((d.key, d.url) for d in one_area) == sorted(
        (d.key, d.url) for d in everyone if d.area_id == other_area.pk
    )
    mine = transparency(user=staff_user)
    assert sorted((d.key, d.url) for d in mine) == sorted((d.key, d.url) for d in everyone if d.area_id == area.pk)
