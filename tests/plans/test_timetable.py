"""The statutory timetable, shown on the plan and offered to the reminders as deadlines."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from plans.models import financial_year_end
from plans.timetable import plan_deadlines

from .factories import PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db
YEAR_2013 = {"start": datetime(2013, 1, 1, tzinfo=LONDON), "end": datetime(2013, 12, 31, tzinfo=LONDON)}


@pytest.mark.parametrize(
    ("day", "deadline"),
    [
        (date(2012, 11, 15), date(2013, 3, 31)),
        (date(2016, 5, 5), date(2017, 3, 31)),
        (date(2013, 3, 31), date(2013, 3, 31)),
    ],
)
def test_financial_year_end(day, deadline):
    assert financial_year_end(day) == deadline


def test_first_plans_are_due_by_31_march_2013(area):
    assert PlanFactory(force_area=area, election_date=date(2012, 11, 15)).issue_deadline == date(2013, 3, 31)
    assert PlanFactory(force_area=area, election_date=None).issue_deadline == date(2013, 3, 31)


@pytest.fixture
def reviewed_plan(area):
    plan = PlanFactory(force_area=area, election_date=date(2012, 11, 15))
    PlanVersionFactory(
        plan=plan,
        number=1,
        shared=True,
        shared_at=datetime(2013, 1, 18, 9, tzinfo=LONDON),
        consultation_opens=datetime(2013, 1, 21, 9, tzinfo=LONDON),
        consultation_closes=datetime(2013, 3, 10, 23, 59, tzinfo=LONDON),
        panel_report_due=date(2013, 2, 8),
        panel_report_received=date(2013, 1, 30),
    )
    return plan


def test_timetable_is_shown_on_the_plan(client, staff_user, reviewed_plan):
    client.force_login(staff_user)
    page = client.get(reviewed_plan.get_absolute_url()).content.decode()
    assert "Statutory timetable" in page
    assert "31 March 2013" in page
    assert "18 January 2013" in page  # sent to the panel
    assert "10 March 2013" in page  # consultation closes
    assert "30 January 2013" in page  # panel report received


def test_deadlines_cover_issue_consultation_panel_report_and_response(staff_user, secretariat_user, reviewed_plan):
    deadlines = {d.kind: d for d in plan_deadlines(**YEAR_2013)}
    assert set(deadlines) == {
        "plans.issue",
        "plans.consultation_close",
        "plans.panel_report",
        "plans.panel_response",
    }
    issue = deadlines["plans.issue"]
    assert issue.key == f"plans.issue:{reviewed_plan.pk}"
    assert issue.due == datetime(2013, 3, 31, 23, 59, tzinfo=LONDON)
    assert staff_user.pk in issue.recipient_ids and secretariat_user.pk not in issue.recipient_ids
    assert deadlines["plans.consultation_close"].due == datetime(2013, 3, 10, 23, 59, tzinfo=LONDON)
    assert secretariat_user.pk in deadlines["plans.panel_report"].recipient_ids
    assert deadlines["plans.panel_report"].done  # the report arrived before the date asked for
    assert not deadlines["plans.panel_response"].done


def test_deadlines_for_a_user_are_scoped_to_their_area(staff_user, other_area_staff, panel_member_user, reviewed_plan):
    mine = list(collect_deadlines(**YEAR_2013, user=staff_user))
    assert {d.kind for d in mine} == {"plans.issue", "plans.consultation_close", "plans.panel_response"}
    assert [d for d in collect_deadlines(**YEAR_2013, user=other_area_staff) if d.kind.startswith("plans.")] == []
    assert [d for d in collect_deadlines(**YEAR_2013, user=panel_member_user) if d.kind.startswith("plans.")] == []


def test_deadlines_outside_the_window_are_left_out(reviewed_plan):
    window = {"start": datetime(2014, 1, 1, tzinfo=LONDON), "end": datetime(2014, 12, 31, tzinfo=LONDON)}
    assert list(plan_deadlines(**window)) == []


def test_issue_deadline_is_done_once_issued(reviewed_plan):
    PlanVersionFactory(plan=reviewed_plan, number=2, issued=True)
    issue = next(d for d in plan_deadlines(**YEAR_2013) if d.kind == "plans.issue")
    assert issue.done


def test_staff_record_panel_report_dates(client, staff_user, reviewed_plan):
    version = reviewed_plan.versions.get()
    client.force_login(staff_user)
    url = reverse("plans:version_timetable", kwargs={"pk": version.pk})
    bad = client.post(url, {"panel_report_received": "", "panel_response_published": "2013-02-20"})
    assert b"Record when the panel&#x27;s report was received first." in bad.content
    client.post(url, {"panel_report_received": "2013-01-30", "panel_response_published": "2013-02-20"})
    version.refresh_from_db()
    assert version.panel_response_published == date(2013, 2, 20)


def test_panel_member_cannot_record_timetable(client, panel_member_user, reviewed_plan):
    version = reviewed_plan.versions.get()
    client.force_login(panel_member_user)
    url = reverse("plans:version_timetable", kwargs={"pk": version.pk})
    assert client.post(url, {"panel_report_received": "2013-01-30"}).status_code == 403
