"""Each role's dashboard shows what concerns that person, and never the OPCC's internal lists."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.commissioning import factories as commissioning
from tests.core.fuzz_world import World
from tests.panels import factories as panels
from tests.partners import factories as partners
from tests.plans import factories as plans

pytestmark = pytest.mark.django_db

STAFF_BOXES = {"Partnerships", "Plans with the panel", "Consultation responses to analyse", "Transition"}
INTERNAL_TEXT = ["Boards without agreed terms of reference", "Leicestershire Safer Communities Board"]


@pytest.fixture
def world():
    world = World()
    partners.PartnershipFactory(force_area=world.area, name="Leicestershire Safer Communities Board")
    plans.PlanVersionFactory(plan=world.plan, shared=True, label="Leicestershire spring draft")
    panels.MeetingFactory(
        panel=world.panel,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        papers_published_on=timezone.localdate(),
    )
    # A submitted response to analyse, the partner's draft application, a return due next week, a transfer.
    assert world.response and world.application and world.monitoring_return and world.programme
    return world


def _dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.text


def _boxes(page: str) -> set[str]:
    """Return the titles of the dashboard's boxes."""
    titles = re.findall(r'<h3 class="h5 card-title" id="panel-\d+">([^<]+)</h3>', page)
    return {html.unescape(title) for title in titles}


def test_staff_see_the_offices_working_lists(client, world):
    boxes = _boxes(_dashboard(client, world.staff))
    assert {
        "What's due",
        "Partnerships",
        "Police and Crime Panel",
        "Plans with the panel",
        "Consultation responses to analyse",
        "Grant monitoring returns due",
        "Transition",
    } <= boxes


def test_secretariat_sees_the_panels_work_and_no_internal_list(client, world):
    page = _dashboard(client, world.secretariat)
    boxes = _boxes(page)
    assert {"What's due", "Police and Crime Panel", "Plans awaiting your review"} <= boxes
    assert not boxes & (STAFF_BOXES | {"Grant monitoring returns due", "Your organisation"})
    assert not [text for text in INTERNAL_TEXT if text in page]


def test_panel_member_sees_drafts_to_comment_on_and_the_next_meetings_papers(client, world):
    page = _dashboard(client, world.member)
    boxes = _boxes(page)
    assert {"Police and Crime Panel", "Draft plans waiting for your comments"} <= boxes
    assert "Leicestershire spring draft" in page
    assert "read the papers" in page
    assert not boxes & (STAFF_BOXES | {"Grant monitoring returns due", "Consultations open to you"})
    assert not [text for text in INTERNAL_TEXT if text in page]


def test_partner_sees_consultations_own_applications_and_returns_due(client, world):
    page = _dashboard(client, world.partner)
    boxes = _boxes(page)
    assert {
        "Your organisation",
        "Consultations open to you",
        "Your organisation's grant applications",
        "Grant monitoring returns due",
    } <= boxes
    assert world.application.title in page
    assert not boxes & (STAFF_BOXES | {"Police and Crime Panel", "Plans awaiting your review"})
    assert not [text for text in INTERNAL_TEXT if text in page]


def test_another_organisations_partner_does_not_see_the_first_ones_applications(client, world):
    other = commissioning.partner_of(partners.OrganisationFactory(areas=[world.area], name="Rutland County Council"))
    page = _dashboard(client, other)
    assert "Your organisation's grant applications" not in _boxes(page)
    assert world.application.title not in page
    assert "Grant monitoring returns due" not in page


def test_successor_officer_sees_the_transfer_and_nothing_internal(client, world):
    page = _dashboard(client, world.successor)
    boxes = _boxes(page)
    assert "Transition" in boxes
    assert not boxes & (STAFF_BOXES - {"Transition"} | {"Police and Crime Panel", "Grant monitoring returns due"})
    assert not [text for text in INTERNAL_TEXT if text in page]


def test_another_area_user_sees_nothing_of_the_first_area(client, world):
    other_area = ForceAreaFactory(name="West Midlands", code="west-midlands")
    for role in ["opcc_staff", "panel_secretariat", "panel_member", "successor_officer"]:
        page = _dashboard(client, UserFactory(**{role: True}, areas=[other_area]))
        for text in ["Leicestershire Safer Communities Board", "Leicestershire spring draft", world.application.title]:
            assert text not in page
        assert "read the papers" not in page
        assert not _boxes(page) & {"Partnerships", "Plans with the panel", "Transition"}


def test_role_dashboards_stay_within_budget_at_1_and_20_rows(client, django_assert_max_num_queries):
    """The rows each role's own boxes list: boards, shared drafts, the organisation's applications, meetings."""
    from tests.conftest import DASHBOARD_MAX_QUERIES

    world = World()
    users = [world.secretariat, world.member, world.partner, world.successor]

    def add_rows(count):
        for _ in range(count):
            partners.PartnershipFactory(force_area=world.area)
            plans.PlanVersionFactory(plan=world.plan, shared=True)
            commissioning.ApplicationFactory(round=world.round, organisation=world.organisation)
            panels.MeetingFactory(panel=world.panel, starts_at=timezone.now() + datetime.timedelta(days=10))

    for count in (1, 19):
        add_rows(count)
        for user in users:
            client.force_login(user)
            with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
                page = client.get(reverse("core:dashboard")).text
            assert "Nothing needs your attention" not in page


def test_the_offices_own_lists_are_not_looked_up_for_those_they_cannot_concern(client, world):
    """Applications to assess (assessors are the area's OPCC staff), follow-up actions and boards without agreed
    terms (the OPCC's own lists) are asked of the database only for staff and administrators."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office_lists = [
        '"commissioning_assignment"',
        '"partners_partnership"."governance"',
        '"partners_followupaction"."description"',
    ]
    for user, asked in [(world.staff, True), (world.secretariat, False), (world.member, False),
                        (world.partner, False), (world.successor, False)]:  # fmt: skip
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("core:dashboard")).status_code == 200
        sql = "\n".join(query["sql"] for query in captured.captured_queries)
        assert [name for name in office_lists if name in sql] == (office_lists if asked else []), user.role
