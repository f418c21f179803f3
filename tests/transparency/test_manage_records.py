"""The area's OPCC staff keep the records; bad input gives a form error and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.partners.factories import OrganisationFactory
from transparency.models import Contract, Decision, Gift, PublicationEntry

from .factories import DecisionFactory

pytestmark = pytest.mark.django_db


def _create(area, kind):
    return reverse("transparency:record_create", kwargs={"code": area.code, "kind": kind})


DECISION = {
    "reference": "PCC/2026/001",
    "title": "Re-commission victims' services",
    "decision": "To re-commission.",
    "reasons": "Better value.",
    "decision_maker": "The Commissioner",
    "decided_on": "2026-11-02",
    "amount": "450,000.00",
    "is_published": "on",
}


def test_staff_record_and_publish_a_decision(client, area, staff_user):
    client.force_login(staff_user)
    response = client.post(_create(area, "decisions"), DECISION)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.force_area == area
    assert decision.amount == Decimal("450000.00")
    assert decision.published_on is not None
    assert client.get(decision.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "1e99", "12.345", "abc"])
def test_bad_amounts_are_form_errors_and_save_nothing(client, area, staff_user, amount):
    client.force_login(staff_user)
    response = client.post(_create(area, "decisions"), {**DECISION, "amount": amount})
    assert response.status_code == 422
    assert response.context["form"].errors["amount"]
    assert Decision.objects.count() == 0


def test_duplicate_reference_is_a_form_error(client, area, staff_user):
    DecisionFactory(force_area=area, reference="PCC/2026/001")
    client.force_login(staff_user)
    response = client.post(_create(area, "decisions"), DECISION)
    assert response.status_code == 422
    assert Decision.objects.count() == 1


def test_exempt_part_needs_a_reason(client, area, staff_user):
    client.force_login(staff_user)
    response = client.post(_create(area, "decisions"), {**DECISION, "exempt_part": "Prices"})
    assert response.status_code == 422
    assert "Say why this part is exempt" in response.content.decode()


def test_contract_must_be_over_ten_thousand_and_end_after_it_starts(client, area, staff_user):
    client.force_login(staff_user)
    data = {
        "reference": "C-1",
        "title": "Survey",
        "supplier_name": "Acme",
        "value": "9,999.99",
        "start_date": "2026-04-01",
        "end_date": "2026-03-01",
        "procurement_route": "quotations",
        "is_published": "on",
    }
    response = client.post(_create(area, "contracts"), data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["value"] == ["The register lists contracts over £10,000."]
    assert errors["end_date"] == ["The contract cannot end before it starts."]
    assert Contract.objects.count() == 0


def test_contract_supplier_choices_are_the_areas_organisations(client, area, other_area, staff_user):
    mine = OrganisationFactory(areas=[area], name="Local supplier")
    theirs = OrganisationFactory(areas=[other_area], name="Far supplier")
    client.force_login(staff_user)
    form = client.get(_create(area, "contracts")).context["form"]
    assert list(form.fields["supplier"].queryset) == [mine]
    data = {
        "reference": "C-1",
        "title": "Survey",
        "supplier_name": "Far supplier",
        "supplier": theirs.pk,
        "value": "19,999.99",
        "start_date": "2026-04-01",
        "end_date": "2027-03-01",
        "procurement_route": "quotations",
    }
    assert client.post(_create(area, "contracts"), data).status_code == 422
    assert client.post(_create(area, "contracts"), {**data, "supplier": mine.pk}).status_code == 302
    assert Contract.objects.get().supplier == mine


GIFT = {
    "person_name": "The Commissioner",
    "position": "commissioner",
    "kind": "gift",
    "description": "Cricket tickets",
    "offered_by": "A supplier",
    "offered_on": "2026-11-01",
    "estimated_value": "120",
    "outcome": "declined",
    "is_published": "on",
}


def test_gift_declined_offer_is_recorded_and_published(client, area, staff_user):
    client.force_login(staff_user)
    assert client.post(_create(area, "gifts"), GIFT).status_code == 302
    assert Gift.objects.get().estimated_value == Decimal("120.00")
    client.logout()
    html = client.get(reverse("transparency:gift_list", kwargs={"code": area.code})).content.decode()
    assert "Cricket tickets" in html and "declined" in html and "£120.00" in html


def test_staff_record_when_an_entered_class_was_last_published(client, area, staff_user):
    client.force_login(staff_user)
    url = reverse("transparency:entry_edit", kwargs={"code": area.code, "key": "budget"})
    response = client.post(url, {"last_published_on": "2026-02-10", "url": "https://example.org/budget"})
    assert response.status_code == 302
    entry = PublicationEntry.objects.get()
    assert entry.last_published_on == datetime.date(2026, 2, 10)
    assert client.post(url, {"last_published_on": "2999-01-01"}).status_code == 422
    computed = reverse("transparency:entry_edit", kwargs={"code": area.code, "key": "spend"})
    assert client.get(computed).status_code == 404


@pytest.mark.parametrize("role", ["other_area_staff", "partner", "panel_secretariat", "panel_member", "successor"])
def test_other_roles_cannot_manage(client, area, other_area, role):
    user = {
        "other_area_staff": lambda: UserFactory(opcc_staff=True, areas=[other_area]),
        "partner": lambda: UserFactory(partner=True, areas=[area]),
        "panel_secretariat": lambda: UserFactory(panel_secretariat=True, areas=[area]),
        "panel_member": lambda: UserFactory(panel_member=True, areas=[area]),
        "successor": lambda: UserFactory(successor_officer=True, areas=[area]),
    }[role]()
    decision = DecisionFactory(force_area=area)
    client.force_login(user)
    for url in [
        reverse("transparency:manage", kwargs={"code": area.code}),
        _create(area, "decisions"),
        reverse("transparency:record_edit", kwargs={"code": area.code, "kind": "decisions", "pk": decision.pk}),
        reverse("transparency:entry_edit", kwargs={"code": area.code, "key": "budget"}),
    ]:
        assert client.get(url).status_code == 404
    assert client.post(_create(area, "decisions"), {**DECISION, "reference": "X"}).status_code == 404
    assert Decision.objects.count() == 1


def test_staff_cannot_edit_another_areas_record_through_their_own_area(client, area, other_area, staff_user):
    theirs = DecisionFactory(force_area=other_area)
    client.force_login(staff_user)
    url = reverse("transparency:record_edit", kwargs={"code": area.code, "kind": "decisions", "pk": theirs.pk})
    assert client.get(url).status_code == 404


def test_manage_page_lists_drafts_and_the_schedule(client, area, staff_user):
    DecisionFactory(force_area=area, title="Draft decision", draft=True)
    client.force_login(staff_user)
    html = client.get(reverse("transparency:manage", kwargs={"code": area.code})).content.decode()
    assert "Draft decision" in html and "(not published)" in html
    assert "Record publication" in html


def test_hmicfrs_response_cannot_predate_the_report_or_be_empty(client, area, staff_user):
    client.force_login(staff_user)
    url = _create(area, "inspections")
    data = {"title": "PEEL", "published_on": "2026-10-01", "response_published_on": "2026-09-01"}
    response = client.post(url, data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["response_published_on"] == ["The response cannot be published before the report."]
    assert errors["response"] == ["Give the response, or leave its publication date empty."]
    assert client.post(url, {**data, "report_url": "javascript:alert(1)"}).context["form"].errors["report_url"]


def test_gift_value_too_large_for_the_register_is_a_form_error(client, area, staff_user):
    client.force_login(staff_user)
    response = client.post(_create(area, "gifts"), {**GIFT, "estimated_value": "99,999,999,999"})
    assert response.status_code == 422
    assert response.context["form"].errors["estimated_value"] == ["Enter an amount of at most £9,999,999,999.99."]
    assert Gift.objects.count() == 0
