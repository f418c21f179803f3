"""OPCC staff deactivate (and reactivate) an organisation: it leaves the lists but its records stay."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from partners.models import Organisation
from tests.partners.factories import ContactFactory, EngagementFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(area):
    return OrganisationFactory(areas=[area], name="Leicestershire Drug Action Team")


def _deactivate(org):
    return reverse("partners:organisation_deactivate", kwargs={"pk": org.pk})


def _reactivate(org):
    return reverse("partners:organisation_reactivate", kwargs={"pk": org.pk})


def _list(area, **query):
    url = reverse("partners:organisation_list", kwargs={"code": area.code})
    return f"{url}?{urlencode(query)}" if query else url


def test_staff_deactivate_an_organisation_with_a_clear_message(client, staff_user, closed, area):
    client.force_login(staff_user)
    detail = client.get(closed.get_absolute_url()).content.decode()
    assert f'action="{_deactivate(closed)}"' in detail
    assert "data-confirm=" in detail
    assert client.get(_deactivate(closed)).status_code == 405

    response = client.post(_deactivate(closed), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == closed.get_absolute_url()
    assert "Leicestershire Drug Action Team is deactivated" in page
    assert "you can reactivate it from this page" in page
    assert f'action="{_reactivate(closed)}"' in page
    closed.refresh_from_db()
    assert closed.is_active is False
    assert closed.history.first().is_active is False


def test_a_deactivated_organisation_leaves_the_lists_but_staff_can_show_it(client, staff_user, closed, area):
    OrganisationFactory(areas=[area], name="Blaby District Council")
    ContactFactory(organisation=closed, full_name="Former Contact")
    client.force_login(staff_user)
    client.post(_deactivate(closed), follow=True)  # read the message

    default = client.get(_list(area)).content.decode()
    assert "Blaby District Council" in default
    assert "Leicestershire Drug Action Team" not in default
    assert 'name="status"' in default

    only = client.get(_list(area, status="deactivated")).content.decode()
    assert "Leicestershire Drug Action Team" in only
    assert "Blaby District Council" not in only
    both = client.get(_list(area, status="all")).content.decode()
    assert "Leicestershire Drug Action Team" in both and "Blaby District Council" in both

    assert (
        "Former Contact"
        not in client.get(reverse("partners:contact_list", kwargs={"code": area.code})).content.decode()
    )
    detail = client.get(closed.get_absolute_url())
    assert detail.status_code == 200
    assert "Deactivated." in detail.content.decode()


def test_a_deactivated_organisation_cannot_join_a_board(client, staff_user, closed, area):
    board = PartnershipFactory(force_area=area)
    client.force_login(staff_user)
    client.post(_deactivate(closed), follow=True)  # read the message
    url = reverse("partners:partnership_member_add", kwargs={"pk": board.pk})
    assert "Leicestershire Drug Action Team" not in client.get(url).content.decode()
    assert client.post(url, {"organisation": closed.pk, "role": "member"}).status_code == 422
    assert not board.members.exists()


def test_staff_reactivate_it_and_it_returns_to_the_list(client, staff_user, closed, area):
    client.force_login(staff_user)
    client.post(_deactivate(closed), follow=True)  # read the message
    response = client.post(_reactivate(closed), follow=True)
    assert "Leicestershire Drug Action Team is active again" in response.content.decode()
    assert "Leicestershire Drug Action Team" in client.get(_list(area)).content.decode()
    closed.refresh_from_db()
    assert closed.is_active is True
    assert [h.is_active for h in closed.history.all()[:2]] == [True, False]


def test_deactivating_twice_says_so_and_changes_nothing(client, staff_user, closed):
    client.force_login(staff_user)
    client.post(_deactivate(closed), follow=True)  # read the message
    before = closed.history.count()
    response = client.post(_deactivate(closed), follow=True)
    assert "Leicestershire Drug Action Team is already deactivated." in response.content.decode()
    assert closed.history.count() == before


def test_administrators_deactivate_in_any_area(client, admin_user, closed):
    client.force_login(admin_user)
    assert client.post(_deactivate(closed)).status_code == 302
    assert Organisation.objects.get(pk=closed.pk).is_active is False


@pytest.mark.parametrize("who", ["linked_partner", "panel_member_user", "secretariat_user", "other_area_staff"])
def test_others_get_404_and_change_nothing(client, request, closed, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_deactivate(closed)).status_code == 404
    assert Organisation.objects.get(pk=closed.pk).is_active is True
    Organisation.objects.filter(pk=closed.pk).update(is_active=False)
    assert client.post(_reactivate(closed)).status_code == 404
    assert Organisation.objects.get(pk=closed.pk).is_active is False


def test_a_partner_user_cannot_deactivate_their_own_organisation(client, linked_partner, partner_org):
    client.force_login(linked_partner)
    detail = client.get(partner_org.get_absolute_url()).content.decode()
    assert _deactivate(partner_org) not in detail
    assert client.post(_deactivate(partner_org)).status_code == 404
    assert Organisation.objects.get(pk=partner_org.pk).is_active is True


@pytest.mark.parametrize("who", ["panel_member_user", "linked_partner"])
def test_readers_never_see_deactivated_organisations_in_the_list(client, request, closed, area, who):
    closed.is_active = False
    closed.save()
    client.force_login(request.getfixturevalue(who))
    for query in ({}, {"status": "all"}, {"status": "deactivated"}):
        page = client.get(_list(area, **query)).content.decode()
        assert "Leicestershire Drug Action Team" not in page
    assert 'name="status"' not in page
    assert _reactivate(closed) not in client.get(closed.get_absolute_url()).content.decode()


def test_an_engagement_with_a_since_deactivated_organisation_can_still_be_edited(client, staff_user, closed, area):
    engagement = EngagementFactory(force_area=area, organisations=[closed], title="Old title")
    client.force_login(staff_user)
    client.post(_deactivate(closed), follow=True)
    new = reverse("partners:engagement_create", kwargs={"code": area.code})
    assert "Leicestershire Drug Action Team" not in client.get(new).content.decode()
    url = reverse("partners:engagement_edit", kwargs={"pk": engagement.pk})
    data = {"title": "New title", "kind": "meeting", "held_on": "2014-07-14", "organisations": [closed.pk]}
    assert client.post(url, data).status_code == 302
    engagement.refresh_from_db()
    assert engagement.title == "New title"
    assert list(engagement.organisations.all()) == [closed]
