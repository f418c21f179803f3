"""The plans dashboard box reads through a query compiled once per role: users asked one after another each get
the versions under review in their own areas, never the first one's."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from plans.selectors import versions_awaiting_review
from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory
from tests.plans.factories import CommentFactory, PlanFactory, PlanVersionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _boxes(user) -> dict:
    """Return {box title: the labels of the versions it lists, in alphabetical order}."""
    return {
        panel.title: sorted(version.label for version in panel.context["versions"])
        for panel in apps.get_app_config("plans").dashboard_panels(user)
    }


def test_each_user_asked_in_turn_gets_only_their_own_areas_versions(area, other_area, admin_user):
    ours, theirs = PlanFactory(force_area=area), PlanFactory(force_area=other_area)
    PlanVersionFactory(plan=ours, shared=True, label="Our shared draft")
    PlanVersionFactory(plan=ours, consultation=True, label="Our consulted draft")
    PlanVersionFactory(plan=ours, label="Our unshared draft")
    PlanVersionFactory(plan=ours, issued=True, label="Our issued plan")
    PlanVersionFactory(plan=theirs, shared=True, label="Their shared draft")
    PlanVersionFactory(plan=theirs, issued=True, label="Their issued plan")
    our_partner = UserFactory(partner=True, areas=[area])
    ContactFactory(user=our_partner, organisation=OrganisationFactory(areas=[area]))
    ours_listed = ["Our consulted draft", "Our shared draft"]

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _boxes(UserFactory(opcc_staff=True, areas=[area])) == {"Plans with the panel": ours_listed}
        assert _boxes(UserFactory(opcc_staff=True, areas=[other_area])) == {
            "Plans with the panel": ["Their shared draft"]
        }
        assert _boxes(UserFactory(opcc_staff=True, areas=[area, other_area])) == {
            "Plans with the panel": [*ours_listed, "Their shared draft"]
        }
        assert _boxes(UserFactory(panel_member=True, areas=[area])) == {
            "Draft plans waiting for your comments": ours_listed
        }
        assert _boxes(UserFactory(panel_secretariat=True, areas=[other_area])) == {
            "Plans awaiting your review": ["Their shared draft"]
        }
        assert _boxes(our_partner) == {}
        assert _boxes(admin_user) == {}  # administrators review no plan of their own
        assert _boxes(UserFactory(opcc_staff=True, areas=[])) == {}


def test_the_box_shows_what_the_selector_lists(area):
    plan = PlanFactory(force_area=area, title="Police and Crime Plan 2025-2029")
    closes = timezone.now() + datetime.timedelta(days=20)
    later = PlanVersionFactory(plan=plan, consultation=True, label="Spring draft", consultation_closes=closes)
    sooner = PlanVersionFactory(plan=plan, shared=True, label="", consultation_closes=closes - datetime.timedelta(1))
    section = SectionFactory(version=later)
    open_thread = CommentFactory(section=section)
    CommentFactory(section=section, parent=open_thread)  # a reply: not a thread of its own
    CommentFactory(section=section, resolved=True)
    CommentFactory(section=section)
    staff = UserFactory(opcc_staff=True, areas=[area])

    (panel,) = apps.get_app_config("plans").dashboard_panels(staff)

    def shown(version) -> tuple:
        return (
            version.pk,
            version.get_absolute_url(),
            version.plan.title,
            version.name,
            version.plan.force_area.name,
            version.get_status_display(),
            version.consultation_closes,
            version.open_threads,
        )

    assert [shown(v) for v in panel.context["versions"]] == [shown(v) for v in versions_awaiting_review(staff)]
    assert [(v.pk, v.open_threads) for v in panel.context["versions"]] == [(sooner.pk, 0), (later.pk, 2)]


def _as_the_queryset_gave_them(user, pk: int) -> list[tuple]:
    """The versions around pk as the version page read them before: a queryset of models with their relations."""
    from plans.selectors import versions_visible_to

    versions = list(
        versions_visible_to(user)
        .filter(plan__versions__pk=pk)
        .select_related("plan", "plan__force_area", "based_on")
        .order_by("number")
    )
    return [_described(v) for v in versions] if any(v.pk == pk for v in versions) else []


def _described(version) -> tuple:
    def columns(obj):
        return None if obj is None else tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)

    return columns(version), columns(version.plan), columns(version.plan.force_area), columns(version.based_on)


def test_the_versions_around_a_version_are_those_the_queryset_gave_each_user_asked_in_turn(
    area, other_area, admin_user
):
    from django.contrib.auth.models import AnonymousUser

    from plans.selectors import plan_versions_around

    ours, theirs = PlanFactory(force_area=area), PlanFactory(force_area=other_area)
    issued = PlanVersionFactory(plan=ours, issued=True, label="Our issued plan")
    shared = PlanVersionFactory(plan=ours, shared=True, label="Our shared draft", based_on=issued)
    consulted = PlanVersionFactory(plan=ours, consultation=True, label="Our consulted draft", based_on=shared)
    draft = PlanVersionFactory(plan=ours, label="Our unshared draft", based_on=consulted)
    superseded = PlanVersionFactory(plan=theirs, superseded=True, label="Their old plan")
    their_issued = PlanVersionFactory(plan=theirs, issued=True, label="Their issued plan", based_on=superseded)
    our_partner = UserFactory(partner=True, areas=[area])
    ContactFactory(user=our_partner, organisation=OrganisationFactory(areas=[area]))
    users = [
        AnonymousUser(), None, admin_user, our_partner, UserFactory(opcc_staff=True, areas=[area]),
        UserFactory(opcc_staff=True, areas=[other_area]), UserFactory(opcc_staff=True, areas=[area, other_area]),
        UserFactory(opcc_staff=True, areas=[]), UserFactory(panel_member=True, areas=[area]),
        UserFactory(panel_secretariat=True, areas=[other_area]), UserFactory(successor_officer=True, areas=[area]),
    ]  # fmt: skip
    seen = 0
    for _ in range(2):  # the second round runs on the queries compiled in the first
        for user in users:
            for version in (issued, shared, consulted, draft, superseded, their_issued):
                expected = _as_the_queryset_gave_them(user, version.pk)
                assert [_described(v) for v in plan_versions_around(user, version.pk)] == expected
                seen += bool(expected)
    assert seen > 20
