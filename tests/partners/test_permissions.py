"""Each permission function, allowed and refused, for every role."""

import pytest

from partners.models import Contact
from partners.permissions import (
    can_edit_organisation,
    can_manage_area_partners,
    can_manage_bulletin,
    can_view_area_partners,
    can_view_bulletin,
    can_view_contacts,
)
from tests.accounts.factories import UserFactory
from tests.partners.factories import BulletinFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = ["opcc_staff", "panel_secretariat", "panel_member", "partner"]


@pytest.mark.parametrize(
    ("role", "views", "manages"),
    [
        ("opcc_staff", True, True),
        ("panel_secretariat", True, False),
        ("panel_member", True, False),
        ("partner", True, False),
    ],
)
def test_area_partners_by_role(area, other_area, role, views, manages):
    user = UserFactory(role=role, areas=[area])
    assert can_view_area_partners(user, area.pk) is views
    assert can_manage_area_partners(user, area.pk) is manages
    assert can_view_area_partners(user, other_area.pk) is False
    assert can_manage_area_partners(user, other_area.pk) is False


def test_anonymous_and_inactive_users_are_refused(area):
    from django.contrib.auth.models import AnonymousUser

    inactive = UserFactory(opcc_staff=True, areas=[area], is_active=False)
    for user in (AnonymousUser(), inactive):
        assert not can_view_area_partners(user, area.pk)
        assert not can_manage_area_partners(user, area.pk)


def test_partner_edits_only_their_own_organisation(area):
    own, neighbour = OrganisationFactory(areas=[area]), OrganisationFactory(areas=[area])
    partner = UserFactory(partner=True, areas=[area])
    Contact.objects.create(organisation=own, full_name="Partner", user=partner)
    assert can_edit_organisation(partner, own)
    assert can_view_contacts(partner, own)
    assert not can_edit_organisation(partner, neighbour)
    assert not can_view_contacts(partner, neighbour)


@pytest.mark.parametrize("role", ["panel_secretariat", "panel_member"])
def test_panel_roles_cannot_edit_organisations(area, role):
    org = OrganisationFactory(areas=[area])
    assert not can_edit_organisation(UserFactory(role=role, areas=[area]), org)


def test_staff_edit_organisations_of_their_area_only(staff_user, other_area_staff, area):
    org = OrganisationFactory(areas=[area])
    assert can_edit_organisation(staff_user, org)
    assert not can_edit_organisation(other_area_staff, org)


def test_bulletin_managers(staff_user, other_area_staff, admin_user, area):
    from django.contrib.auth.models import AnonymousUser

    opcc_draft = BulletinFactory(force_area=area)
    national_draft = BulletinFactory(force_area=None)
    assert can_manage_bulletin(staff_user, opcc_draft)
    assert not can_manage_bulletin(other_area_staff, opcc_draft)
    assert not can_manage_bulletin(staff_user, national_draft)
    assert can_manage_bulletin(admin_user, national_draft)
    assert not can_view_bulletin(AnonymousUser(), opcc_draft)
    assert can_view_bulletin(AnonymousUser(), BulletinFactory(published=True))
