"""The organisation list names each organisation's duties in order, on every page, as the model's labels."""

import pytest
from django.urls import reverse

from partners.models import Duty, OrganisationDuty
from partners.selectors import duties_of
from tests.accounts.factories import UserFactory

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(area):
    many = OrganisationFactory(name="A many duties", areas=[area])
    for duty in (Duty.SAFEGUARDING_BOARD, Duty.CRIMINAL_JUSTICE, Duty.DUTY_TO_COOPERATE):
        OrganisationDuty.objects.create(organisation=many, duty=duty)
    one = OrganisationFactory(name="B one duty", areas=[area])
    OrganisationDuty.objects.create(organisation=one, duty=Duty.RESPONSIBLE_AUTHORITY)
    none = OrganisationFactory(name="C no duty", areas=[area])
    return many, one, none


@pytest.mark.parametrize("traits", [{"opcc_staff": True}, {"partner": True}, {"panel_member": True}])
def test_each_row_names_its_duties_in_code_order(client, area, organisations, traits):
    client.force_login(UserFactory(areas=[area], **traits))
    page = client.get(reverse("partners:organisation_list", kwargs={"code": area.code})).text
    rows = {name: page.split(name, 1)[1].split("</tr>", 1)[0] for name in ("A many duties", "B one duty", "C no duty")}
    assert "Criminal justice duty; Duty to co-operate with the PCC; Safeguarding board member" in rows["A many duties"]
    assert "Responsible authority for community safety" in rows["B one duty"]
    assert "None recorded" in rows["C no duty"]


def test_duties_are_asked_only_for_the_organisations_of_the_page(organisations):
    many, one, none = organisations
    assert duties_of([one.pk, none.pk]) == {one.pk: ["responsible_authority"]}
    assert duties_of([]) == {}
    assert duties_of([many.pk])[many.pk] == ["criminal_justice", "duty_to_cooperate", "safeguarding_board"]
