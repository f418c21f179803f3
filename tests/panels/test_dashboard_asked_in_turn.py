"""The panels dashboard box reads through queries compiled once per shape: users asked one after another each
get only their own areas' meetings and overdue responses, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from panels.selectors import meetings_visible_to, overdue_recommendations
from tests.accounts.factories import UserFactory
from tests.panels.factories import MeetingFactory, PanelFactory, PanelReportFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def _box(user) -> tuple[list[str], list[str]] | None:
    """Return the panels of the meetings the box lists and the titles of its overdue responses' reports."""
    found = apps.get_app_config("panels").dashboard_panels(user)
    if not found:
        return None
    (panel,) = found
    return [m.panel.name for m in panel.context["meetings"]], [r.report.title for r in panel.context["overdue"]]


def test_each_user_asked_in_turn_gets_only_their_own_areas_box(area, other_area, admin_user):
    ours, theirs = PanelFactory(force_area=area, name="Our panel"), PanelFactory(force_area=other_area, name="Theirs")
    soon = timezone.now() + datetime.timedelta(days=10)
    MeetingFactory(panel=ours, starts_at=soon)
    MeetingFactory(panel=theirs, starts_at=soon + datetime.timedelta(days=1))
    MeetingFactory(panel=theirs, starts_at=soon + datetime.timedelta(days=2), published=True)
    MeetingFactory(panel=ours, starts_at=timezone.now() - datetime.timedelta(days=1))  # past: not listed
    RecommendationFactory(report=PanelReportFactory(panel=ours, title="Our report"))
    RecommendationFactory(report=PanelReportFactory(panel=theirs, title="Their report"))
    our_staff = UserFactory(opcc_staff=True, areas=[area])
    their_secretariat = UserFactory(panel_secretariat=True, areas=[other_area])

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _box(our_staff) == (["Our panel"], ["Our report"])
        assert _box(their_secretariat) == (["Theirs", "Theirs"], ["Their report"])
        meetings, overdue = _box(admin_user)
        assert (meetings, sorted(overdue)) == (["Our panel", "Theirs", "Theirs"], ["Our report", "Their report"])
        assert _box(UserFactory(partner=True, areas=[area])) is None


def test_the_box_shows_what_the_selectors_list(area):
    panel = PanelFactory(force_area=area)
    now = timezone.now()
    for days in (3, 1, 8, 20):
        MeetingFactory(panel=panel, starts_at=now + datetime.timedelta(days=days))
    for due in (datetime.date(2013, 3, 1), datetime.date(2013, 2, 1)):
        RecommendationFactory(report__panel=panel, response_due_on=due)
    staff = UserFactory(opcc_staff=True, areas=[area])
    (box,) = apps.get_app_config("panels").dashboard_panels(staff)

    expected = meetings_visible_to(staff).filter(starts_at__gte=now).order_by("starts_at")[:3]
    fields = ("pk", "starts_at", "papers_published", "papers_due_on", "papers_late")
    assert [[*(getattr(m, f) for f in fields), m.get_absolute_url()] for m in box.context["meetings"]] == [
        [*(getattr(m, f) for f in fields), m.get_absolute_url()] for m in expected
    ]
    expected = overdue_recommendations(staff).order_by("response_due_on")
    assert [(r.pk, r.label, r.response_due_on, r.report.get_absolute_url()) for r in box.context["overdue"]] == [
        (r.pk, r.label, r.response_due_on, r.report.get_absolute_url()) for r in expected
    ]
