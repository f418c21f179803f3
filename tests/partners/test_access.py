"""Who may see and change partner records: allowed and refused for each role."""

import pytest
from django.urls import reverse

from partners.models import Contact, Organisation
from partners.selectors import organisation_of
from tests.accounts.factories import UserFactory
from tests.partners.factories import (
    ContactFactory,
    EngagementFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def area_pages(area) -> list[str]:
    board = PartnershipFactory(force_area=area)
    return [
        reverse("partners:organisation_list", kwargs={"code": area.code}),
        reverse("partners:landscape", kwargs={"code": area.code}),
        reverse("partners:landscape_pdf", kwargs={"code": area.code}),
        reverse("partners:partnership_list", kwargs={"code": area.code}),
        reverse("partners:partnership_detail", kwargs={"pk": board.pk}),
        reverse("partners:engagement_list", kwargs={"code": area.code}),
        reverse("partners:contact_list", kwargs={"code": area.code}),
        reverse("partners:contacts_import", kwargs={"code": area.code}),
        reverse("partners:organisations_import", kwargs={"code": area.code}),
        reverse("partners:organisations_export", kwargs={"code": area.code, "fmt": "csv"}),
        reverse("partners:contacts_export", kwargs={"code": area.code, "fmt": "xlsx"}),
        reverse("partners:organisation_create", kwargs={"code": area.code}),
        reverse("partners:partnership_create", kwargs={"code": area.code}),
        reverse("partners:engagement_create", kwargs={"code": area.code}),
    ]


def test_demo_partner_user_belongs_to_voluntary_action_leicestershire(demo):
    from pcc_portal.accounts.models import User

    partner = User.objects.get(email="partner@demo.pcc-portal.org.uk")
    assert organisation_of(partner).name == "Voluntary Action Leicestershire"
    assert Contact.objects.filter(bulletin_consent=True).values("organisation").distinct().count() >= 5


def test_partner_user_gets_404_on_another_organisations_edit_page(client, linked_partner, area):
    other = OrganisationFactory(name="Blaby District Council", areas=[area])
    other_contact = ContactFactory(organisation=other)
    client.force_login(linked_partner)
    assert client.get(reverse("partners:organisation_edit", kwargs={"pk": other.pk})).status_code == 404
    response = client.post(reverse("partners:organisation_edit", kwargs={"pk": other.pk}), {"name": "Hijacked"})
    assert response.status_code == 404
    assert client.get(reverse("partners:contact_create", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("partners:contact_edit", kwargs={"pk": other_contact.pk})).status_code == 404
    other.refresh_from_db()
    assert other.name == "Blaby District Council"


def test_partner_user_gets_404_on_every_page_of_another_area(client, linked_partner, other_area):
    foreign = OrganisationFactory(areas=[other_area])
    engagement = EngagementFactory(force_area=other_area, organisations=[foreign])
    client.force_login(linked_partner)
    pages = [
        *area_pages(other_area),
        reverse("partners:organisation_detail", kwargs={"pk": foreign.pk}),
        reverse("partners:organisation_edit", kwargs={"pk": foreign.pk}),
        reverse("partners:engagement_detail", kwargs={"pk": engagement.pk}),
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url


def test_partner_user_edits_their_own_organisation_and_contacts(client, linked_partner, partner_org):
    client.force_login(linked_partner)
    url = reverse("partners:organisation_edit", kwargs={"pk": partner_org.pk})
    page = client.get(url).content.decode()
    assert 'name="website"' in page
    assert 'name="org_type"' not in page  # classification stays with OPCC staff
    response = client.post(
        url, {"name": partner_org.name, "website": "https://val.example.org", "address": "Leicester"}
    )
    assert response.status_code == 302
    partner_org.refresh_from_db()
    assert partner_org.website == "https://val.example.org"
    response = client.post(
        reverse("partners:contact_create", kwargs={"pk": partner_org.pk}),
        {"full_name": "New Colleague", "email": "new@val.example.org", "bulletin_consent": "on", "is_active": "on"},
    )
    assert response.status_code == 302
    contact = partner_org.contacts.get(full_name="New Colleague")
    assert contact.bulletin_consent_at is not None


def test_partner_user_sees_their_area_but_not_other_organisations_contacts(client, linked_partner, area):
    other = OrganisationFactory(areas=[area])
    ContactFactory(organisation=other, full_name="Private Person")
    client.force_login(linked_partner)
    assert client.get(reverse("partners:organisation_list", kwargs={"code": area.code})).status_code == 200
    response = client.get(reverse("partners:organisation_detail", kwargs={"pk": other.pk}))
    assert response.status_code == 200
    assert "Private Person" not in response.content.decode()
    assert client.get(reverse("partners:engagement_list", kwargs={"code": area.code})).status_code == 404


def test_staff_manage_their_areas_organisations(client, staff_user, area):
    org = OrganisationFactory(areas=[area])
    ContactFactory(organisation=org, full_name="Visible Person")
    client.force_login(staff_user)
    assert "Visible Person" in client.get(org.get_absolute_url()).content.decode()
    response = client.post(
        reverse("partners:organisation_create", kwargs={"code": area.code}),
        {"name": "Northshire Fire and Rescue", "org_type": "fire_rescue", "partnership_area": "emergency_services"},
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="Northshire Fire and Rescue")
    assert list(created.force_areas.all()) == [area]


def test_staff_see_a_clear_error_and_nothing_is_saved_for_a_bad_org_id(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:organisation_create", kwargs={"code": area.code}),
        {"name": "Bad Id", "org_type": "business", "partnership_area": "business", "org_id": "not an id"},
    )
    assert response.status_code == 200
    assert "Enter an org-id identifier" in response.content.decode()
    assert not Organisation.objects.filter(name="Bad Id").exists()


def test_staff_of_another_area_get_404_everywhere(client, other_area_staff, area):
    org = OrganisationFactory(areas=[area])
    contact = ContactFactory(organisation=org)
    client.force_login(other_area_staff)
    for url in [
        *area_pages(area),
        org.get_absolute_url(),
        reverse("partners:organisation_edit", kwargs={"pk": org.pk}),
        reverse("partners:contact_edit", kwargs={"pk": contact.pk}),
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["panel_secretariat", "panel_member"])
def test_panel_roles_read_the_directory_but_do_not_manage_it(client, area, role):
    org = OrganisationFactory(areas=[area])
    ContactFactory(organisation=org, full_name="Contact Details")
    client.force_login(UserFactory(role=role, areas=[area]))
    assert client.get(reverse("partners:organisation_list", kwargs={"code": area.code})).status_code == 200
    assert "Contact Details" not in client.get(org.get_absolute_url()).content.decode()
    for url in [
        reverse("partners:organisation_edit", kwargs={"pk": org.pk}),
        reverse("partners:engagement_list", kwargs={"code": area.code}),
        reverse("partners:organisation_create", kwargs={"code": area.code}),
    ]:
        assert client.get(url).status_code == 404, url


def test_administrator_sees_every_area(client, admin_user, area, other_area):
    org = OrganisationFactory(areas=[other_area])
    client.force_login(admin_user)
    assert client.get(reverse("partners:organisation_list", kwargs={"code": other_area.code})).status_code == 200
    assert client.get(reverse("partners:organisation_edit", kwargs={"pk": org.pk})).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, area):
    org = OrganisationFactory(areas=[area])
    for url in [reverse("partners:index"), org.get_absolute_url(), area_pages(area)[0]]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_partner_user_without_a_contact_record_edits_nothing(client, partner_user, area):
    org = OrganisationFactory(areas=[area])
    client.force_login(partner_user)
    assert organisation_of(partner_user) is None
    assert client.get(reverse("partners:organisation_edit", kwargs={"pk": org.pk})).status_code == 404


def test_staff_filter_contacts_by_seniority_for_parity_at_events(client, staff_user, area):
    from partners.models import SeniorityTier

    org = OrganisationFactory(areas=[area])
    ContactFactory(organisation=org, full_name="Chief Person", seniority=SeniorityTier.STRATEGIC_LEADER)
    ContactFactory(organisation=org, full_name="Frontline Person", seniority=SeniorityTier.PRACTITIONER)
    client.force_login(staff_user)
    url = reverse("partners:contact_list", kwargs={"code": area.code})
    html = client.get(url, {"seniority": "strategic_leader"}).content.decode()
    assert "Chief Person" in html
    assert "Frontline Person" not in html


def test_staff_record_duties_and_what_a_csp_covers(client, staff_user, area):
    from partners.models import Duty

    council = OrganisationFactory(name="Melton Borough Council", areas=[area], council=True)
    csp = OrganisationFactory(name="Melton CSP", areas=[area], org_type="csp", partnership_area="local_authority")
    client.force_login(staff_user)
    url = reverse("partners:organisation_edit", kwargs={"pk": csp.pk})
    data = {"name": "Melton CSP", "org_type": "csp", "partnership_area": "local_authority"}
    client.post(url, {**data, "covers": [council.pk], "duties": [Duty.RESPONSIBLE_AUTHORITY, Duty.DUTY_TO_COOPERATE]})
    assert list(csp.covers.all()) == [council]
    assert set(csp.duties.values_list("duty", flat=True)) == {"responsible_authority", "duty_to_cooperate"}
    client.post(url, {**data, "covers": [council.pk], "duties": [Duty.DUTY_TO_COOPERATE]})
    assert list(csp.duties.values_list("duty", flat=True)) == ["duty_to_cooperate"]
    landscape = client.get(reverse("partners:landscape", kwargs={"code": area.code})).content.decode()
    assert "covering Melton Borough Council" in landscape


def test_partner_edit_leaves_duties_alone(client, linked_partner, partner_org):
    from partners.models import Duty, OrganisationDuty

    OrganisationDuty.objects.create(organisation=partner_org, duty=Duty.SAFEGUARDING_BOARD)
    client.force_login(linked_partner)
    client.post(
        reverse("partners:organisation_edit", kwargs={"pk": partner_org.pk}),
        {"name": partner_org.name, "website": "", "address": ""},
    )
    assert partner_org.duties.count() == 1


def test_organisation_list_counts_active_contacts_and_filters_by_duty(client, staff_user, area):
    from partners.models import Duty, OrganisationDuty

    council = OrganisationFactory(name="Counted Council", areas=[area], council=True)
    OrganisationDuty.objects.create(organisation=council, duty=Duty.RESPONSIBLE_AUTHORITY)
    OrganisationFactory(name="Dutiless Charity", areas=[area])
    ContactFactory.create_batch(2, organisation=council)
    ContactFactory(organisation=council, is_active=False)
    client.force_login(staff_user)
    url = reverse("partners:organisation_list", kwargs={"code": area.code})
    html = " ".join(client.get(url, {"duty": Duty.RESPONSIBLE_AUTHORITY}).content.decode().split())
    assert '<td class="text-end">2</td>' in html
    assert "Counted Council" in html
    assert "Dutiless Charity" not in html
    assert "1 organisation." in html


def test_organisation_in_several_areas_links_only_to_the_users_own_area(client, staff_user, area):
    from tests.accounts.factories import ForceAreaFactory
    from tests.partners.factories import OrganisationFactory

    # Named to sort before Leicestershire, so the first of the organisation's areas is not the user's.
    other_area = ForceAreaFactory(name="Avon and Somerset", code="avon-and-somerset")
    home_office = OrganisationFactory(name="Home Office", areas=[other_area, area])
    client.force_login(staff_user)
    page = client.get(home_office.get_absolute_url()).text
    assert f"/partners/areas/{area.code}/" in page
    assert f"/partners/areas/{other_area.code}/" not in page
