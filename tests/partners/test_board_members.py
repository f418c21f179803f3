"""OPCC staff change and remove a board's members in the portal; nobody else can."""

import pytest
from django.urls import reverse

from partners.models import PartnershipMember
from tests.partners.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(area):
    return PartnershipFactory(force_area=area, name="Strategic Partnership Board")


@pytest.fixture
def member(board, area):
    org = OrganisationFactory(areas=[area], name="Blaby District Council", council=True)
    return PartnershipMemberFactory(partnership=board, organisation=org, role=PartnershipMember.Role.MEMBER)


def _edit_url(member):
    return reverse("partners:partnership_member_edit", kwargs={"pk": member.pk})


def _remove_url(member):
    return reverse("partners:partnership_member_remove", kwargs={"pk": member.pk})


def test_staff_make_a_member_chair_with_a_representative(client, staff_user, board, member):
    rep = ContactFactory(organisation=member.organisation, full_name="Sandra Whiles")
    client.force_login(staff_user)
    page = client.get(board.get_absolute_url()).content.decode()
    assert _edit_url(member) in page
    assert f'action="{_remove_url(member)}"' in page
    assert client.get(_edit_url(member)).status_code == 200

    response = client.post(
        _edit_url(member),
        {"organisation": member.organisation.pk, "representative": rep.pk, "role": "chair"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == board.get_absolute_url()
    assert "Blaby District Council saved as chair." in response.content.decode()
    assert "Blaby District Council: Sandra Whiles — Chair" in response.content.decode()
    member.refresh_from_db()
    assert (member.role, member.representative) == ("chair", rep)
    assert member.history.first().history_type == "~"


def test_staff_replace_the_member_organisation(client, staff_user, board, member, area):
    other = OrganisationFactory(areas=[area], name="Harborough District Council")
    client.force_login(staff_user)
    response = client.post(_edit_url(member), {"organisation": other.pk, "role": "vice_chair"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.organisation, member.role) == (other, "vice_chair")


def test_staff_remove_a_member_after_confirming(client, staff_user, board, member):
    client.force_login(staff_user)
    page = client.get(board.get_absolute_url()).content.decode()
    assert 'data-confirm="Remove Blaby District Council from Strategic Partnership Board?"' in page
    assert client.get(_remove_url(member)).status_code == 405  # a link cannot remove anyone

    response = client.post(_remove_url(member), follow=True)

    assert "Blaby District Council removed from Strategic Partnership Board." in response.content.decode()
    assert not PartnershipMember.objects.filter(pk=member.pk).exists()
    assert PartnershipMember.history.filter(id=member.pk).first().history_type == "-"


def test_administrators_edit_members_of_any_area(client, admin_user, member):
    client.force_login(admin_user)
    assert client.get(_edit_url(member)).status_code == 200
    assert client.post(_remove_url(member)).status_code == 302
    assert not PartnershipMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("who", ["linked_partner", "panel_member_user", "secretariat_user", "other_area_staff"])
def test_others_get_404_and_change_nothing(client, request, board, member, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(_edit_url(member)).status_code == 404
    assert client.post(_edit_url(member), {"organisation": member.organisation.pk, "role": "chair"}).status_code == 404
    assert client.post(_remove_url(member)).status_code == 404
    member.refresh_from_db()
    assert member.role == "member"
    if who != "other_area_staff":  # they can read the board, without the edit and remove controls
        page = client.get(board.get_absolute_url()).content.decode()
        assert "Blaby District Council" in page
        assert _edit_url(member) not in page
        assert _remove_url(member) not in page


def test_a_partner_user_cannot_touch_their_own_organisations_membership(client, linked_partner, partner_org, board):
    own = PartnershipMemberFactory(partnership=board, organisation=partner_org)
    client.force_login(linked_partner)
    assert client.post(_edit_url(own), {"organisation": partner_org.pk, "role": "chair"}).status_code == 404
    assert client.post(_remove_url(own)).status_code == 404
    assert PartnershipMember.objects.get(pk=own.pk).role == "member"


def test_a_representative_of_another_organisation_is_refused(client, staff_user, member, area):
    stranger = ContactFactory(organisation=OrganisationFactory(areas=[area]), full_name="Not Theirs")
    client.force_login(staff_user)
    response = client.post(
        _edit_url(member), {"organisation": member.organisation.pk, "representative": stranger.pk, "role": "chair"}
    )
    assert response.status_code == 422
    assert "The representative must be a contact of the member organisation." in response.content.decode()
    member.refresh_from_db()
    assert (member.role, member.representative) == ("member", None)


def test_an_organisation_already_on_the_board_is_refused(client, staff_user, board, member, area):
    second = PartnershipMemberFactory(partnership=board, organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    response = client.post(_edit_url(second), {"organisation": member.organisation.pk, "role": "member"})
    assert response.status_code == 422
    assert f"<h1>Edit {second.organisation.name} on Strategic Partnership Board</h1>" in response.content.decode()
    assert "Blaby District Council is already a member of this board." in response.content.decode()
    second.refresh_from_db()
    assert second.organisation != member.organisation


def test_an_organisation_of_another_area_or_a_made_up_role_is_refused(client, staff_user, member, other_area):
    stranger = OrganisationFactory(areas=[other_area])
    client.force_login(staff_user)
    response = client.post(_edit_url(member), {"organisation": stranger.pk, "role": "member"})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    response = client.post(_edit_url(member), {"organisation": member.organisation.pk, "role": "emperor"})
    assert response.status_code == 422
    member.refresh_from_db()
    assert member.role == "member"
    assert member.history.count() == 1


def test_adding_an_organisation_twice_shows_an_error_not_a_crash(client, staff_user, board, member):
    client.force_login(staff_user)
    url = reverse("partners:partnership_member_add", kwargs={"pk": board.pk})
    response = client.post(url, {"organisation": member.organisation.pk, "role": "chair"})
    assert response.status_code == 422
    assert "Blaby District Council is already a member of this board." in response.content.decode()
    assert board.members.count() == 1


def test_a_deactivated_member_organisation_can_still_be_edited(client, staff_user, member):
    member.organisation.is_active = False
    member.organisation.save()
    client.force_login(staff_user)
    response = client.post(_edit_url(member), {"organisation": member.organisation.pk, "role": "adviser"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "adviser"


@pytest.mark.parametrize("rows", [1, 20])
def test_board_and_member_pages_have_constant_queries(
    client, staff_user, board, area, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        org = OrganisationFactory(areas=[area])
        PartnershipMemberFactory(partnership=board, organisation=org, representative=ContactFactory(organisation=org))
    member = board.members.first()
    client.force_login(staff_user)
    client.get(board.get_absolute_url())
    with django_assert_max_num_queries(15):
        assert client.get(board.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(_edit_url(member)).status_code == 200
