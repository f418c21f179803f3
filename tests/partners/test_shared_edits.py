"""Records shared by several areas: an edit never removes what the editor was not offered."""

import pytest
from django.urls import reverse

from partners.models import OrganisationType, PartnershipArea
from tests.accounts.factories import UserFactory
from tests.html_forms import form_as_posted
from tests.partners.factories import BulletinFactory, ContactFactory, EngagementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _save_unchanged(client, url, **changes):
    data = form_as_posted(client.get(url).content.decode())
    data.update(changes)
    return client.post(url, data)


def _opcc(area):
    return OrganisationFactory(name=f"Office of the PCC for {area.name}", org_type=OrganisationType.OPCC, areas=[area])


def test_saving_a_bulletin_unchanged_keeps_another_areas_audience(client, staff_user, area, other_area):
    bulletin = BulletinFactory(force_area=area, audience=[area, other_area], publisher=_opcc(area))
    client.force_login(staff_user)
    url = reverse("partners:bulletin_edit", kwargs={"pk": bulletin.pk})
    assert "It also goes to West Midlands" in client.get(url).content.decode()

    response = _save_unchanged(client, url, introduction=["News for partners in both areas."])

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.introduction == "News for partners in both areas."
    assert set(bulletin.audience.all()) == {area, other_area}


def test_administrator_may_take_an_area_out_of_the_audience(client, admin_user, area, other_area):
    bulletin = BulletinFactory(force_area=area, audience=[area, other_area], publisher=_opcc(area))
    client.force_login(admin_user)
    url = reverse("partners:bulletin_edit", kwargs={"pk": bulletin.pk})
    assert _save_unchanged(client, url, audience=[str(area.pk)]).status_code == 302
    assert list(bulletin.audience.all()) == [area]


def test_staff_of_another_area_still_get_404_on_the_bulletin(client, other_area_staff, area):
    bulletin = BulletinFactory(force_area=area, audience=[area], publisher=_opcc(area))
    client.force_login(other_area_staff)
    assert client.get(reverse("partners:bulletin_edit", kwargs={"pk": bulletin.pk})).status_code == 404


@pytest.fixture
def partnership_in_two_areas(area, other_area):
    blaby = OrganisationFactory(name="Blaby District Council", council=True, areas=[area])
    solihull = OrganisationFactory(name="Solihull Council", council=True, areas=[other_area])
    partnership = OrganisationFactory(
        name="Cross-border Community Safety Partnership",
        org_type=OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP,
        partnership_area=PartnershipArea.LOCAL_AUTHORITY,
        areas=[area, other_area],
    )
    partnership.covers.set([blaby, solihull])
    return partnership, blaby, solihull


@pytest.mark.parametrize("editor", ["staff_user", "other_area_staff"])
def test_saving_an_organisation_unchanged_keeps_the_councils_of_other_areas(
    client, request, editor, partnership_in_two_areas
):
    partnership, blaby, solihull = partnership_in_two_areas
    client.force_login(request.getfixturevalue(editor))
    url = reverse("partners:organisation_edit", kwargs={"pk": partnership.pk})

    response = _save_unchanged(client, url, website=["https://csp.example.org"])

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.website == "https://csp.example.org"
    assert set(partnership.covers.all()) == {blaby, solihull}


def test_staff_may_still_remove_a_council_of_their_own_area(client, other_area_staff, partnership_in_two_areas):
    partnership, blaby, _ = partnership_in_two_areas
    client.force_login(other_area_staff)
    url = reverse("partners:organisation_edit", kwargs={"pk": partnership.pk})
    assert _save_unchanged(client, url, covers=[]).status_code == 302
    assert list(partnership.covers.all()) == [blaby]


def test_staff_are_offered_councils_of_their_own_area(client, partnership_in_two_areas, other_area):
    partnership = partnership_in_two_areas[0]
    client.force_login(UserFactory(opcc_staff=True, areas=[other_area]))
    page = client.get(reverse("partners:organisation_edit", kwargs={"pk": partnership.pk})).content.decode()
    assert "Solihull Council" in page
    assert "Blaby District Council" not in page


def test_saving_an_engagement_unchanged_keeps_an_organisation_that_has_left_the_area(
    client, staff_user, area, other_area
):
    stayed = OrganisationFactory(name="Leicestershire County Council", areas=[area])
    moved = OrganisationFactory(name="East Midlands Ambulance Service", areas=[area])
    chief = ContactFactory(organisation=moved, full_name="Sue Noyes")
    engagement = EngagementFactory(force_area=area, title="Safer communities board", organisations=[stayed, moved])
    engagement.partner_attendees.set([chief])
    moved.force_areas.set([other_area])  # now recorded under West Midlands only
    client.force_login(staff_user)
    url = reverse("partners:engagement_edit", kwargs={"pk": engagement.pk})

    response = _save_unchanged(client, url, opcc_attendees=["The PCC"])

    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.opcc_attendees == "The PCC"
    assert set(engagement.organisations.all()) == {stayed, moved}
    assert list(engagement.partner_attendees.all()) == [chief]
