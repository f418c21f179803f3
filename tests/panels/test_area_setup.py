"""An administrator sets up a new force area, its host authority, its panel and its first users in the portal."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from panels.forms import FirstUserFormSet
from panels.models import Panel
from partners.models import Organisation, OrganisationType
from pcc_portal.accounts.models import AccountInvitation, ForceArea, Role, User
from pcc_portal.accounts.tasks import send_account_invitation
from tests.accounts.factories import UserFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("panels:area_setup")


def _data(**changes) -> dict:
    data = {
        "area_name": "Dyfed-Powys",
        "area_code": "dyfed-powys",
        "nation": "wales",
        "host_existing": "",
        "host_name": "Carmarthenshire County Council",
        "host_type": OrganisationType.UNITARY_COUNCIL,
        "panel_name": "Dyfed-Powys Police and Crime Panel",
        "lead_adviser": "",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "1",
        "people-MAX_NUM_FORMS": "5",
        "people-0-full_name": "Rhian Evans",
        "people-0-email": "Rhian.Evans@opcc.example.org",
        "people-0-role": Role.OPCC_STAFF,
        "people-1-full_name": "Dylan Jones",
        "people-1-email": "dylan.jones@council.example.org",
        "people-1-role": Role.PANEL_SECRETARIAT,
        "people-2-full_name": "",
        "people-2-email": "",
        "people-2-role": Role.OPCC_STAFF,
    }
    data.update(changes)
    return data


def test_an_administrator_sets_up_an_area_panel_and_staff_without_the_django_admin(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    for step in (
        "Step 1: the force area",
        "Step 2: the host authority",
        "Step 3: the panel",
        "Step 4: the first users",
    ):
        assert step in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data())
    area = ForceArea.objects.get(code="dyfed-powys")
    assert response.status_code == 302 and response["Location"] == area.get_absolute_url()
    assert area.nation == "wales"
    panel = Panel.objects.get(force_area=area)
    assert panel.name == "Dyfed-Powys Police and Crime Panel"
    assert panel.host_authority.name == "Carmarthenshire County Council"
    assert list(panel.host_authority.force_areas.all()) == [area]
    staff = User.objects.get(email="rhian.evans@opcc.example.org")
    scrutiny = User.objects.get(email="dylan.jones@council.example.org")
    assert staff.role == Role.OPCC_STAFF and list(staff.force_areas.all()) == [area]
    assert not staff.has_usable_password() and not staff.is_staff
    assert list(panel.secretariat.all()) == [scrutiny]
    assert sorted(m.to[0] for m in mail.outbox) == [scrutiny.email, staff.email]
    followed = client.get(response["Location"])
    assert "Dyfed-Powys is set up with its panel. Invitations are on their way to Rhian Evans, Dylan Jones." in (
        followed.content.decode()
    )


def test_the_invitation_link_sets_a_password_and_is_sent_once(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data(**{"people-1-full_name": "", "people-1-email": "", "people-1-role": "opcc_staff"}))
    [message] = mail.outbox
    body = " ".join(message.body.split())
    assert "Rhian Evans" in body and "as OPCC staff for Dyfed-Powys" in body, body
    invitation = AccountInvitation.objects.get()
    assert invitation.status == AccountInvitation.Status.SENT and invitation.invited_by == admin_user
    assert send_account_invitation.delay(invitation.pk).get() is False  # a second run sends nothing
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/reset/\S+", message.body).group(0)
    client.logout()
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "a-long-Welsh-passphrase-2024", "new_password2": "a-long-Welsh-passphrase-2024"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="rhian.evans@opcc.example.org").check_password("a-long-Welsh-passphrase-2024")


def test_an_existing_council_can_host_the_new_panel(client, admin_user, area):
    council = OrganisationFactory(name="Powys County Council", org_type=OrganisationType.UNITARY_COUNCIL, areas=[area])
    client.force_login(admin_user)
    client.post(URL, _data(host_existing=council.pk, host_name="", host_type=""))
    panel = Panel.objects.get(force_area__code="dyfed-powys")
    assert panel.host_authority == council
    assert set(council.force_areas.values_list("code", flat=True)) == {area.code, "dyfed-powys"}
    assert not Organisation.objects.filter(name="Carmarthenshire County Council").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"area_code": "leicestershire"}, "The code leicestershire is taken"),
        ({"area_name": "leicestershire"}, "There is already a force area called leicestershire"),
        ({"host_name": ""}, "Choose the council that hosts the panel, or name a new one."),
        ({"host_type": ""}, "Choose the new council&#x27;s type."),
        ({"panel_name": ""}, "This field is required."),
        (
            {"people-0-full_name": "", "people-0-email": "", "people-1-full_name": "", "people-1-email": ""},
            "This field is required.",
        ),
        ({"people-1-email": "rhian.evans@opcc.example.org"}, "This address is given twice."),
        ({"people-0-email": "not an address"}, "Enter a valid email address."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_created(client, admin_user, area, changes, message):
    client.force_login(admin_user)
    response = client.post(URL, _data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ForceArea.objects.filter(code="dyfed-powys").exists()
    assert not Panel.objects.exists()
    assert not User.objects.filter(
        email__in=["rhian.evans@opcc.example.org", "dylan.jones@council.example.org"]
    ).exists()
    assert mail.outbox == []


def test_a_thousand_people_are_refused_at_once_and_nothing_is_created(client, admin_user):
    client.force_login(admin_user)
    response = client.post(URL, _data(**{"people-TOTAL_FORMS": "1000"}))
    assert response.status_code == 200
    assert f"This form takes at most {FirstUserFormSet.max_num} people." in response.text
    assert not ForceArea.objects.filter(code="dyfed-powys").exists()
    assert not User.objects.filter(email__iexact="rhian.evans@opcc.example.org").exists()
    assert len(response.content) < 200_000  # uncapped: a thousand rows built, checked and shown again


def test_a_person_who_already_has_an_account_is_not_made_twice(client, admin_user):
    UserFactory(email="rhian.evans@opcc.example.org")
    client.force_login(admin_user)
    response = client.post(URL, _data())
    assert "This person already has an account" in response.content.decode()
    assert not ForceArea.objects.filter(code="dyfed-powys").exists()


def test_a_superuser_without_the_administrator_role_may_set_up_an_area(client, area):
    superuser = UserFactory(opcc_staff=True, is_superuser=True, areas=[area])
    client.force_login(superuser)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ["opcc_staff", "panel_secretariat", "panel_member", "partner", "successor_officer"])
def test_other_roles_cannot_set_up_an_area(client, area, role):
    client.force_login(UserFactory(role=role, areas=[area]))
    assert client.get(URL).status_code == 404
    assert client.post(URL, _data()).status_code == 404
    assert not ForceArea.objects.filter(code="dyfed-powys").exists()


def test_the_public_is_sent_to_sign_in(client):
    response = client.post(URL, _data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ForceArea.objects.filter(code="dyfed-powys").exists()


def test_only_administrators_see_the_link(client, admin_user, staff_user):
    client.force_login(staff_user)
    assert URL not in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(admin_user)
    assert URL in client.get(reverse("core:dashboard")).content.decode()
