"""The commissioning dashboard boxes read through queries compiled once per shape: users asked one after another
each get their own areas', organisation's or assignments' boxes, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from commissioning.selectors import applications_to_assess, returns_due_for
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import AssignmentFactory, GrantFactory, MonitoringReturnFactory, partner_of

pytestmark = pytest.mark.django_db


def _boxes(user) -> dict:
    """Return {box title: the titles it lists}."""
    found = {}
    for panel in apps.get_app_config("commissioning").dashboard_panels(user):
        if "returns" in panel.context:
            found[panel.title] = [item.grant_title for item in panel.context["returns"]]
        else:
            found[panel.title] = [application.title for application in panel.context["applications"]]
    return found


def test_each_user_asked_in_turn_gets_only_their_own_boxes(area, other_area, admin_user):
    ours = GrantFactory(stream__force_area=area, title="Our grant")
    theirs = GrantFactory(stream__force_area=other_area, title="Their grant")
    MonitoringReturnFactory(grant=ours)
    MonitoringReturnFactory(grant=theirs)
    MonitoringReturnFactory(grant=ours, due_date=timezone.localdate() + datetime.timedelta(days=60))
    our_staff = UserFactory(opcc_staff=True, areas=[area])
    their_staff = UserFactory(opcc_staff=True, areas=[other_area])
    our_assignment = AssignmentFactory(application__round__stream__force_area=area, application__title="Ours")
    their_assignment = AssignmentFactory(application__round__stream__force_area=area, application__title="Theirs")
    our_partner, their_partner = partner_of(ours.recipient), partner_of(theirs.recipient)
    returns = "Grant monitoring returns due"

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _boxes(our_staff) == {returns: ["Our grant"]}
        assert _boxes(their_staff) == {returns: ["Their grant"]}
        assert sorted(_boxes(admin_user)[returns]) == ["Our grant", "Their grant"]
        assert _boxes(our_partner) == {returns: ["Our grant"]}
        assert _boxes(their_partner) == {returns: ["Their grant"]}
        assert _boxes(our_assignment.assessor) == {returns: ["Our grant"], "Applications to assess": ["Ours"]}
        assert _boxes(their_assignment.assessor)["Applications to assess"] == ["Theirs"]
        assert _boxes(UserFactory(partner=True, areas=[area])) == {}


def test_the_boxes_show_what_the_selectors_list(area):
    grant = GrantFactory(stream__force_area=area)
    for days in (-5, 3, 20, 40):
        MonitoringReturnFactory(grant=grant, due_date=timezone.localdate() + datetime.timedelta(days=days))
    assignment = AssignmentFactory(application__round__stream__force_area=area)
    staff = assignment.assessor
    by_title = {panel.title: panel.context for panel in apps.get_app_config("commissioning").dashboard_panels(staff)}

    shown = by_title["Grant monitoring returns due"]["returns"]
    expected = list(returns_due_for(staff).order_by("due_date", "pk"))
    assert [(r.pk, r.grant_title, r.due_date, r.overdue, r.url) for r in shown] == [
        (r.pk, r.grant.title, r.due_date, r.is_overdue(), r.get_absolute_url()) for r in expected
    ]
    assert [r.due_text for r in shown] == [date_filter(r.due_date, "j F Y") for r in expected]
    assert len(shown) == 3 and shown[0].overdue and not shown[1].overdue
    assessed = by_title["Applications to assess"]["applications"]
    assert [(a.pk, a.title, a.organisation.name) for a in assessed] == [
        (a.pk, a.title, a.organisation.name) for a in applications_to_assess(staff)
    ]
