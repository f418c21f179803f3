"""Who sees what: allowed and refused for each role, another area and another partner."""

import pytest

from commissioning.selectors import applications_visible_to, grants_visible_to, returns_visible_to
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import (
    ApplicationFactory,
    AssignmentFactory,
    GrantFactory,
    MonitoringReturnFactory,
    partner_of,
)
from tests.partners.factories import OrganisationFactory


@pytest.fixture
def grant(area):
    return GrantFactory(stream__force_area=area, is_published=False)


@pytest.fixture
def monitoring_return(grant):
    return MonitoringReturnFactory(grant=grant)


@pytest.fixture
def application(area):
    return ApplicationFactory(round__stream__force_area=area, submitted=True)


def test_staff_of_the_area_see_its_applications_grants_and_returns(
    client, staff_user, application, grant, monitoring_return
):
    client.force_login(staff_user)
    assert client.get(f"/commissioning/applications/{application.pk}/").status_code == 200
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 200
    assert client.get(f"/commissioning/returns/{monitoring_return.pk}/").status_code == 200
    assert client.get(f"/commissioning/streams/{grant.stream.pk}/").status_code == 200


def test_another_areas_staff_get_404_on_unpublished_data(
    client, other_area_staff, application, grant, monitoring_return
):
    client.force_login(other_area_staff)
    assert client.get(f"/commissioning/applications/{application.pk}/").status_code == 404
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 404
    assert client.get(f"/commissioning/returns/{monitoring_return.pk}/").status_code == 404
    assert client.get(f"/commissioning/streams/{grant.stream.pk}/").status_code == 404
    assert client.get(f"/commissioning/rounds/{application.round.pk}/").status_code == 404
    assert client.get(f"/commissioning/register/{grant.pk}/").status_code == 404
    response = client.get("/commissioning/")
    assert grant.title not in response.text and application.title not in response.text


def test_partner_sees_only_its_own_grants_and_returns(client, grant, monitoring_return, area):
    own = partner_of(grant.recipient)
    other = partner_of(OrganisationFactory(areas=[area]))
    client.force_login(own)
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 200
    assert client.get(f"/commissioning/returns/{monitoring_return.pk}/").status_code == 200
    client.force_login(other)
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 404
    assert client.get(f"/commissioning/returns/{monitoring_return.pk}/").status_code == 404
    assert list(grants_visible_to(other)) == []
    assert list(returns_visible_to(other)) == []


def test_partner_cannot_submit_another_organisations_return(client, monitoring_return, area):
    other = partner_of(OrganisationFactory(areas=[area]))
    client.force_login(other)
    response = client.post(f"/commissioning/returns/{monitoring_return.pk}/", {"outputs": "x", "outcomes": "y"})
    assert response.status_code == 404
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == "due"


def test_partner_cannot_manage_streams_or_grants(client, grant):
    own = partner_of(grant.recipient)
    client.force_login(own)
    assert client.get(f"/commissioning/streams/{grant.stream.pk}/").status_code == 404
    assert client.get(f"/commissioning/streams/{grant.stream.pk}/grants/new/").status_code == 404
    assert client.post(f"/commissioning/grants/{grant.pk}/variations/", {"description": "More"}).status_code == 404
    assert client.get("/commissioning/streams/new/").status_code == 404


def test_assessor_sees_only_what_they_are_assigned(area):
    assignment = AssignmentFactory(application__round__stream__force_area=area)
    other_application = ApplicationFactory(round__stream__force_area=area, submitted=True)
    member = UserFactory(panel_member=True, areas=[area])
    assignment_member = AssignmentFactory(application=other_application, assessor=member)
    assert list(applications_visible_to(member)) == [assignment_member.application]
    assert assignment.application not in applications_visible_to(member)


@pytest.mark.parametrize("role", ["panel_member", "panel_secretariat"])
def test_panel_roles_see_no_private_commissioning(client, role, area, application, grant):
    user = UserFactory(**{role: True}, areas=[area])
    client.force_login(user)
    assert client.get(f"/commissioning/applications/{application.pk}/").status_code == 404
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 404


def test_anonymous_is_sent_to_sign_in_but_may_read_the_register(client, application):
    response = client.get(f"/commissioning/applications/{application.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get("/commissioning/register/").status_code == 200
    assert client.get("/commissioning/decisions/").status_code == 200


def test_admin_sees_every_area(client, admin_user, application, grant):
    client.force_login(admin_user)
    assert client.get(f"/commissioning/applications/{application.pk}/").status_code == 200
    assert client.get(f"/commissioning/grants/{grant.pk}/").status_code == 200


def test_navigation_shows_commissioning_to_staff_and_partners_only(client, staff_user, panel_member_user):
    client.force_login(staff_user)
    assert 'href="/commissioning/"' in client.get("/dashboard/").text
    client.force_login(panel_member_user)
    assert 'href="/commissioning/"' not in client.get("/dashboard/").text
