"""The kinds a user may leave out (reminder settings) are exactly those of the deadlines the user is given, whether
an app tells its kinds or builds its deadlines, plus the kinds the user has left out already."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pcc_portal.deadlines.models import ReminderPreference
from pcc_portal.deadlines.registry import collect_deadlines
from pcc_portal.deadlines.selectors import deadline_kinds_for
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory, RoundFactory
from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory
from tests.partners.factories import BulletinFactory, EngagementFactory, FollowUpActionFactory

pytestmark = pytest.mark.django_db


def _kinds_by_building(user, now) -> list[tuple[str, str]]:
    """The kinds of every deadline the user is given, each app asked for its deadlines (none for its kinds)."""
    start, end = now - datetime.timedelta(days=365), now + datetime.timedelta(days=365)
    kinds = {}
    for item in collect_deadlines(start=start, end=end, user=user):
        if item.area_id is None or user.is_administrator or item.area_id in user.area_ids:
            kinds[item.kind] = item.kind_label
    preference = ReminderPreference.objects.filter(user=user).first()
    for muted in preference.muted_kinds if preference else ():
        kinds.setdefault(muted, muted)
    return sorted(kinds.items(), key=lambda k: k[1])


@pytest.fixture
def scene(area, other_area):
    """Partner actions and bulletins, commissioning dates and a panel's report in two areas: due, met, far off."""
    now, today = timezone.now(), timezone.localdate()
    here, there = EngagementFactory(force_area=area), EngagementFactory(force_area=other_area)
    FollowUpActionFactory(engagement=here, due_on=today + datetime.timedelta(days=3))
    FollowUpActionFactory(engagement=there, due_on=today - datetime.timedelta(days=30))
    FollowUpActionFactory(engagement=there, due_on=today + datetime.timedelta(days=5), done=True)  # met
    FollowUpActionFactory(engagement=here, due_on=today + datetime.timedelta(days=600))  # outside the window
    BulletinFactory(force_area=area, scheduled=True)
    RoundFactory(stream__force_area=area, closes_at=now + datetime.timedelta(days=20))
    grant = GrantFactory(stream__force_area=other_area, end_date=today + datetime.timedelta(days=800))
    MonitoringReturnFactory(grant=grant, due_date=today + datetime.timedelta(days=10))
    report = PanelReportFactory(
        panel=PanelFactory(force_area=area), responses_due_on=today + datetime.timedelta(days=8)
    )
    RecommendationFactory(report=report)
    muted_staff = UserFactory(opcc_staff=True, areas=[other_area])
    ReminderPreference.objects.create(user=muted_staff, muted_kinds=["partners.action", "gone.kind"])
    return {
        "area staff": UserFactory(opcc_staff=True, areas=[area]),
        "other area staff, some kinds left out": muted_staff,
        "staff of both": UserFactory(opcc_staff=True, areas=[area, other_area]),
        "partner": UserFactory(partner=True, areas=[area]),
        "secretariat": UserFactory(panel_secretariat=True, areas=[area]),
        "panel member": UserFactory(panel_member=True, areas=[area]),
        "administrator": UserFactory(administrator=True),
        "staff superuser": UserFactory(opcc_staff=True, areas=[area], is_superuser=True),
    }


def test_each_users_kinds_to_leave_out_are_those_of_their_deadlines(scene, area, other_area):
    now = timezone.now()
    for name, user in scene.items():
        assert deadline_kinds_for(user, now=now) == _kinds_by_building(user, now), name
    kinds = dict(deadline_kinds_for(scene["staff of both"], now=now))
    assert {"partners.action", "partners.bulletin", "commissioning.round_close", "commissioning.return_due"} <= set(
        kinds
    )
    muted = dict(deadline_kinds_for(scene["other area staff, some kinds left out"], now=now))
    assert muted["partners.action"] == "Follow-up action due" and muted["gone.kind"] == "gone.kind"
    assert "partners.bulletin" not in muted and "partners.action" not in dict(
        deadline_kinds_for(scene["partner"], now=now)
    )


def test_the_settings_page_offers_the_users_own_kinds(client, scene):
    client.force_login(scene["area staff"])
    page = client.get(reverse("deadlines:settings")).content.decode()
    assert 'value="partners.action"' in page and 'value="partners.bulletin"' in page
    assert 'value="commissioning.return_due"' not in page  # the other area's
    client.force_login(scene["panel member"])
    assert 'value="partners.action"' not in client.get(reverse("deadlines:settings")).content.decode()
