"""The panel's dates in the portal-wide deadline registry and calendar feeds."""

import datetime

import pytest
from django.utils import timezone

from panels.models import PreceptYear
from pcc_portal.deadlines.registry import LONDON, collect_calendar_events, collect_deadlines
from pcc_portal.deadlines.selectors import whats_due
from tests.panels.factories import (
    ConfirmationHearingFactory,
    MeetingFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


def _keys(**kwargs) -> set[str]:
    return {d.key for d in collect_deadlines(**kwargs) if d.key.startswith("panels.")}


def test_papers_due_deadline_goes_to_the_secretariat_only(panel, secretariat_user, panel_member_user):
    meeting = MeetingFactory(panel=panel)
    window = {"start": _at(2014, 9, 1), "end": _at(2014, 10, 1)}
    deadlines = [d for d in collect_deadlines(**window) if d.kind == "panels.papers_due"]
    assert [(d.key, d.due.date()) for d in deadlines] == [
        (f"panels.papers_due:{meeting.pk}", datetime.date(2014, 9, 19))
    ]
    assert _keys(**window, user=secretariat_user) >= {f"panels.papers_due:{meeting.pk}"}
    assert f"panels.papers_due:{meeting.pk}" not in _keys(**window, user=panel_member_user)


def test_papers_for_a_welsh_panels_meeting_are_due_by_the_welsh_rule(panel, other_area):
    other_area.nation = other_area.Nation.WALES
    other_area.save()
    welsh = MeetingFactory(panel=PanelFactory(force_area=other_area))
    english = MeetingFactory(panel=panel, starts_at=welsh.starts_at)
    window = {"start": _at(2014, 9, 1), "end": _at(2014, 10, 1)}
    due = {d.key: d.due.date() for d in collect_deadlines(**window) if d.kind == "panels.papers_due"}
    # Three clear working days before Monday 29 September 2014 in Wales, five in England.
    assert due == {
        f"panels.papers_due:{welsh.pk}": datetime.date(2014, 9, 23),
        f"panels.papers_due:{english.pk}": datetime.date(2014, 9, 19),
    }
    assert due[f"panels.papers_due:{welsh.pk}"] == welsh.papers_due_on


def test_other_areas_secretariat_is_not_reminded(panel, other_area):
    from tests.accounts.factories import UserFactory

    MeetingFactory(panel=panel)
    outsider = UserFactory(panel_secretariat=True, areas=[other_area])
    assert _keys(start=_at(2014, 9, 1), end=_at(2014, 10, 1), user=outsider) == set()


@pytest.fixture
def clock(monkeypatch):
    """Set the portal's clock to a moment (London time): the precept year live today depends on it."""

    def set_to(*args) -> datetime.datetime:
        moment = _at(*args)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


def _precept_years(**kwargs) -> set[int]:
    return {int(d.key[-4:]) for d in collect_deadlines(**kwargs) if d.kind.startswith("panels.precept")}


def test_precept_steps_for_2026_27_are_deadlines_in_february_and_march_2026(panel, staff_user, clock):
    clock(2026, 1, 10)
    deadlines = [
        d for d in collect_deadlines(start=_at(2026, 1, 1), end=_at(2026, 4, 1)) if d.kind.startswith("panels.precept")
    ]
    assert [(d.kind, d.due.date()) for d in deadlines] == [
        ("panels.precept_proposed", datetime.date(2026, 2, 1)),
        ("panels.precept_report", datetime.date(2026, 2, 8)),
        ("panels.precept_final", datetime.date(2026, 3, 1)),
    ]
    assert all(d.due.tzinfo is not None for d in deadlines)
    assert f"panels.precept_proposed:{panel.pk}-2026" in _keys(
        start=_at(2026, 1, 1), end=_at(2026, 4, 1), user=staff_user
    )


def test_without_a_precept_year_recorded_the_steps_start_at_the_year_live_today(panel, staff_user, clock):
    """A panel that has recorded no precept year is not shown every February since 2002 as overdue."""
    now = clock(2026, 12, 2)  # the 2026/27 precept was issued on 1 March: 2027/28 is live
    assert _precept_years(start=_at(2002, 1, 1), end=_at(2029, 1, 1)) == {2027, 2028}
    assert not [item for item in whats_due(staff_user, now=now).overdue if "precept" in item.deadline.kind]
    now = clock(2026, 2, 20)  # 2026/27 is live until its precept is issued
    assert _precept_years(start=_at(2002, 1, 1), end=_at(2027, 1, 1)) == {2026}
    overdue = [item.deadline.key for item in whats_due(staff_user, now=now).overdue]
    assert overdue == [f"panels.precept_proposed:{panel.pk}-2026"]


def test_precept_steps_start_at_the_first_year_recorded_and_unrecorded_years_after_it_are_overdue(
    panel, staff_user, clock
):
    now = clock(2026, 12, 2)
    done = {field: datetime.date(2024, 2, 1) for field in ("proposed_precept_received_on", "final_precept_issued_on")}
    PreceptYear.objects.create(panel=panel, year=2024, panel_report_on=datetime.date(2024, 2, 5), **done)
    assert _precept_years(start=_at(2002, 1, 1), end=_at(2028, 1, 1)) == {2024, 2025, 2026, 2027}
    overdue = [item.deadline.key for item in whats_due(staff_user, now=now).overdue]
    assert overdue == [
        f"panels.precept_proposed:{panel.pk}-2025",
        f"panels.precept_final:{panel.pk}-2025",
        f"panels.precept_proposed:{panel.pk}-2026",
        f"panels.precept_final:{panel.pk}-2026",
    ]


def test_a_precept_year_recorded_ahead_does_not_hide_the_year_live_today(panel, clock):
    clock(2026, 12, 2)
    PreceptYear.objects.create(panel=panel, year=2028)
    assert _precept_years(start=_at(2002, 1, 1), end=_at(2029, 1, 1)) == {2027, 2028}


def test_precept_steps_are_never_due_before_the_first_precept_under_the_2012_regulations(panel, clock):
    clock(2014, 1, 10)
    PreceptYear.objects.create(panel=panel, year=2010)
    assert _precept_years(start=_at(2002, 1, 1), end=_at(2015, 1, 1)) == {2013, 2014}


def test_after_a_veto_the_revised_precept_steps_appear(panel):
    PreceptYear.objects.create(panel=panel, year=2026, vetoed=True)
    kinds = [d.kind for d in collect_deadlines(start=_at(2026, 2, 9), end=_at(2026, 2, 28))]
    assert kinds == ["panels.precept_revised", "panels.precept_second_report"]


def test_precept_steps_recorded_are_met_and_the_others_still_due(panel):
    PreceptYear.objects.create(
        panel=panel,
        year=2026,
        proposed_precept_received_on=datetime.date(2026, 1, 30),
        vetoed=True,
        revised_precept_received_on=datetime.date(2026, 2, 14),
    )
    PreceptYear.objects.create(panel=panel, year=2027, final_precept_issued_on=datetime.date(2027, 2, 20))
    deadlines = [d for d in collect_deadlines(start=_at(2026, 1, 1), end=_at(2027, 4, 1)) if "precept" in d.kind]
    done = {d.key.split(":")[0].removeprefix("panels.precept_") + d.key[-5:]: d.done for d in deadlines}
    assert done == {
        "proposed-2026": True,
        "report-2026": False,
        "revised-2026": True,
        "second_report-2026": False,
        "final-2026": False,
        "proposed-2027": False,
        "report-2027": False,
        "final-2027": True,
    }


def test_hearing_report_deadline_is_three_weeks_from_notification(panel):
    hearing = ConfirmationHearingFactory(panel=panel, notified_on=datetime.date(2026, 1, 5))
    deadlines = [
        d for d in collect_deadlines(start=_at(2026, 1, 1), end=_at(2026, 2, 1)) if d.kind == "panels.hearing_report"
    ]
    assert [(d.key, d.due.date()) for d in deadlines] == [
        (f"panels.hearing_report:{hearing.pk}", datetime.date(2026, 1, 25))
    ]


def test_responses_due_deadline_is_done_once_every_recommendation_is_answered(panel, staff_user):
    report = PanelReportFactory(panel=panel, responses_due_on=datetime.date(2026, 3, 10))
    rec = RecommendationFactory(report=report)
    window = {"start": _at(2026, 3, 1), "end": _at(2026, 4, 1)}
    (due,) = [d for d in collect_deadlines(**window, user=staff_user) if d.kind == "panels.responses_due"]
    assert not due.done
    rec.status = "accepted"
    rec.save()
    (due,) = [d for d in collect_deadlines(**window) if d.kind == "panels.responses_due"]
    assert due.done


def test_public_calendar_carries_only_meetings_with_published_papers(panel, panel_member_user):
    published = MeetingFactory(panel=panel, published=True)
    unpublished = MeetingFactory(panel=panel, starts_at=_at(2014, 9, 30, 14))
    window = {"start": _at(2014, 9, 1), "end": _at(2014, 10, 1)}
    assert [e.key for e in collect_calendar_events(**window)] == [f"panels.meeting:{published.pk}"]
    member_keys = [e.key for e in collect_calendar_events(**window, user=panel_member_user)]
    assert member_keys == [f"panels.meeting:{published.pk}", f"panels.meeting:{unpublished.pk}"]


def test_annual_report_meeting_reminds_the_opcc_and_secretariat(panel, staff_user, secretariat_user, panel_member_user):
    meeting = MeetingFactory(panel=panel, kind="annual_report", starts_at=_at(2026, 7, 14, 10))
    window = {"start": _at(2026, 7, 1), "end": _at(2026, 8, 1)}
    key = f"panels.annual_report_meeting:{meeting.pk}"
    assert key in _keys(**window, user=staff_user)
    assert key in _keys(**window, user=secretariat_user)
    assert key not in _keys(**window, user=panel_member_user)


def test_personal_calendar_carries_only_the_users_areas(panel, other_area, panel_member_user):
    MeetingFactory(panel=PanelFactory(force_area=other_area), published=True)
    window = {"start": _at(2014, 9, 1), "end": _at(2014, 10, 1)}
    assert [e.area_id for e in collect_calendar_events(**window, user=panel_member_user)] == []
    assert len(list(collect_calendar_events(**window))) == 1


def test_an_administrator_is_reminded_of_the_panels_whose_secretariat_names_them_only(panel, other_area, admin_user):
    """An administrator sees every area, but is reminded only of what is addressed to them."""
    named_in = PanelFactory(force_area=other_area)
    named_in.secretariat.add(admin_user)
    theirs, elsewhere = MeetingFactory(panel=named_in), MeetingFactory(panel=panel)
    window = {"start": _at(2014, 9, 1), "end": _at(2014, 10, 1)}
    assert {f"panels.papers_due:{theirs.pk}", f"panels.papers_due:{elsewhere.pk}"} <= _keys(**window)
    mine = {key for key in _keys(**window, user=admin_user) if key.startswith("panels.papers_due")}
    assert mine == {f"panels.papers_due:{theirs.pk}"}


def test_each_users_deadlines_are_those_of_everyones_addressed_or_escalated_to_them(
    panel, other_area, staff_user, secretariat_user, panel_member_user, partner_user, other_area_staff, admin_user
):
    """A user's list is built only of what is addressed or escalated to the user: the same deadlines, with the same
    dates, titles and state, as the sweep's list of everyone's keeps for that user."""
    from tests.accounts.factories import UserFactory

    other_panel = PanelFactory(force_area=other_area)
    named_admin = UserFactory(administrator=True)
    panel.secretariat.add(named_admin)
    MeetingFactory(panel=panel, starts_at=_at(2026, 2, 9, 10))
    MeetingFactory(panel=panel, kind="annual_report", starts_at=_at(2026, 2, 16, 10), published=True)
    MeetingFactory(panel=other_panel, starts_at=_at(2026, 2, 10, 10))
    ConfirmationHearingFactory(panel=panel, notified_on=datetime.date(2026, 1, 5))
    ConfirmationHearingFactory(panel=other_panel, notified_on=datetime.date(2026, 1, 6))
    answered = PanelReportFactory(panel=panel, responses_due_on=datetime.date(2026, 2, 10))
    RecommendationFactory(report=answered, status="accepted")
    RecommendationFactory(report=PanelReportFactory(panel=other_panel, responses_due_on=datetime.date(2026, 2, 11)))
    PreceptYear.objects.create(
        panel=panel, year=2026, vetoed=True, proposed_precept_received_on=datetime.date(2026, 1, 30)
    )
    window = {"start": _at(2025, 12, 1), "end": _at(2026, 4, 1)}

    def shown(deadline):
        return deadline.key, deadline.due, deadline.title, deadline.url, deadline.done, deadline.area_id

    everyone = [d for d in collect_deadlines(**window) if d.key.startswith("panels.")]
    assert {d.kind for d in everyone} >= {
        "panels.papers_due",
        "panels.annual_report_meeting",
        "panels.hearing_report",
        "panels.responses_due",
        "panels.precept_proposed",
        "panels.precept_revised",
    }
    users = [staff_user, secretariat_user, panel_member_user, partner_user, other_area_staff, admin_user, named_admin]
    for user in users:
        expected = {shown(d) for d in everyone if user.pk in d.recipient_ids | d.escalate_to_ids}
        assert {shown(d) for d in collect_deadlines(**window, user=user) if d.key.startswith("panels.")} == expected
    assert {shown(d)[0].split(":")[0] for d in collect_deadlines(**window, user=secretariat_user)} >= {
        "panels.papers_due",
        "panels.hearing_report",
        "panels.responses_due",
    }
