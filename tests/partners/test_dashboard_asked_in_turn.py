"""The partners' dashboard boxes read through queries compiled once per shape: users asked one after another
each get their own areas' follow-ups and their own organisation, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from partners.models import Partnership
from partners.selectors import actions_due, partnerships_without_agreed_terms
from tests.accounts.factories import UserFactory
from tests.partners.factories import (
    ContactFactory,
    EngagementFactory,
    FollowUpActionFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _boxes(user) -> dict:
    """Return {box title: the names it lists}."""
    found = {}
    for panel in apps.get_app_config("partners").dashboard_panels(user):
        context = panel.context
        if "organisation" in context:
            found[panel.title] = [context["organisation"].name]
        else:
            found[panel.title] = [a.description for a in context["actions"]] + [b.name for b in context["boards"]]
    return found


def test_each_user_asked_in_turn_gets_only_their_own_areas_and_organisations_boxes(area, other_area, admin_user):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    FollowUpActionFactory(engagement=EngagementFactory(force_area=area), description="Our action", due_on=soon)
    FollowUpActionFactory(engagement=EngagementFactory(force_area=other_area), description="Their action", due_on=soon)
    FollowUpActionFactory(
        engagement=EngagementFactory(force_area=area), description="Our later action", due_on=soon.replace(year=2999)
    )
    PartnershipFactory(force_area=area, name="Our board")
    PartnershipFactory(force_area=other_area, name="Their board")
    PartnershipFactory(force_area=area, name="Our agreed board", agreed=True)
    ours = UserFactory(opcc_staff=True, areas=[area])
    theirs = UserFactory(opcc_staff=True, areas=[other_area])
    both = UserFactory(opcc_staff=True, areas=[area, other_area])
    our_partner = UserFactory(partner=True, areas=[area])
    their_partner = UserFactory(partner=True, areas=[area])
    ContactFactory(organisation=OrganisationFactory(name="Our charity"), user=our_partner)
    ContactFactory(organisation=OrganisationFactory(name="Their charity"), user=their_partner)

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _boxes(ours) == {"Partnerships": ["Our action", "Our board"]}
        assert _boxes(theirs) == {"Partnerships": ["Their action", "Their board"]}
        assert sorted(_boxes(both)["Partnerships"]) == ["Our action", "Our board", "Their action", "Their board"]
        assert sorted(_boxes(admin_user)["Partnerships"]) == sorted(_boxes(both)["Partnerships"])
        assert _boxes(our_partner) == {"Your organisation": ["Our charity"]}
        assert _boxes(their_partner) == {"Your organisation": ["Their charity"]}
        assert _boxes(UserFactory(opcc_staff=True, areas=[])) == {}


def test_the_boxes_show_what_the_selectors_list(area):
    today = timezone.localdate()
    for days in (-3, 2, 9, 30):
        FollowUpActionFactory(engagement=EngagementFactory(force_area=area), due_on=today + datetime.timedelta(days))
    for name in ("B board", "A board"):
        PartnershipFactory(force_area=area, name=name, governance=Partnership.Governance.DRAFT)
    staff = UserFactory(opcc_staff=True, areas=[area])
    (panel,) = apps.get_app_config("partners").dashboard_panels(staff)
    expected = list(actions_due(user=staff, until=today + datetime.timedelta(days=14)))
    shown = panel.context["actions"]
    assert [(a.pk, a.description, a.owner, a.due_on, a.engagement_url) for a in shown] == [
        (a.pk, a.description, a.owner, a.due_on, a.engagement.get_absolute_url()) for a in expected
    ]
    assert [(a.due_text, a.overdue) for a in shown] == [
        (date_filter(a.due_on, "j M Y"), a.due_on < today) for a in expected
    ]
    assert [a.overdue for a in shown] == [True, False, False]
    boards = list(partnerships_without_agreed_terms(user=staff))
    assert [(b.pk, b.name, b.governance_text, b.force_area_name, b.url) for b in panel.context["boards"]] == [
        (b.pk, b.name, b.governance_label.lower(), b.force_area.name, b.get_absolute_url()) for b in boards
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_the_box_lists_the_ten_first_open_actions_of_the_area_due_soonest_and_none_of_another(
    area, other_area, admin_user, count
):
    today = timezone.localdate()
    ours = EngagementFactory(force_area=area)
    for n in range(count):
        FollowUpActionFactory(
            engagement=ours, description=f"Ours {n:02d}", due_on=today + datetime.timedelta(days=n % 7)
        )
    FollowUpActionFactory(
        engagement=ours, description="Ours done", due_on=today - datetime.timedelta(days=9), done=True
    )
    FollowUpActionFactory(engagement=ours, description="Ours later", due_on=today + datetime.timedelta(days=60))
    theirs = EngagementFactory(force_area=other_area)
    FollowUpActionFactory(engagement=theirs, description="Theirs", due_on=today - datetime.timedelta(days=9))
    # Soonest first; the same day's in the order they were added (their ids).
    expected = sorted((f"Ours {n:02d}" for n in range(count)), key=lambda d: (int(d[-2:]) % 7, d))[:10]

    for _ in range(2):  # the second round runs on the query compiled in the first
        staff = UserFactory(opcc_staff=True, areas=[area])
        assert _boxes(staff) == {"Partnerships": expected}
        assert _boxes(admin_user) == {"Partnerships": ["Theirs", *expected][:10]}
