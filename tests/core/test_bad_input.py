"""Bad input gets a form error or a 400, never a 500, and saves nothing (issue 13, item 8)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.models import Allocation, FundingStream, Grant, MonitoringReturn, Round, Variation
from consultations.models import Theme
from pcc_portal.core.forms import MoneyField, parse_pounds
from tests.commissioning.factories import FundingStreamFactory, GrantFactory, MonitoringReturnFactory, partner_of
from tests.partners.factories import OrganisationFactory

NOT_AMOUNTS = ["1e99", "1E5", "Infinity", "-Infinity", "inf", "NaN", "sNaN", "9" * 19, "1,000,000,000,000.00", "٣"]


@pytest.fixture
def client(client):
    client.raise_request_exception = True  # a server error fails the test with its traceback
    return client


# --- NUL characters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/commissioning/register/?area=%00",
        "/commissioning/register/?page=1%00",
        "/commissioning/decisions/AB%00C/",
        "/partners/bulletins/?q=%00",
    ],
)
def test_nul_in_an_address_is_a_bad_request(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "could not read that request" in response.text


def test_nul_in_a_form_is_a_bad_request_and_saves_nothing(client, staff_user, area):
    client.force_login(staff_user)
    data = {"force_area": area.pk, "name": "Fund\x00", "financial_year": "2013", "budget": "100"}
    response = client.post("/commissioning/streams/new/", data)
    assert response.status_code == 400
    assert not FundingStream.objects.exists()


def test_nul_in_a_field_name_is_a_bad_request(client, staff_user, area):
    client.force_login(staff_user)
    data = {"force_area": area.pk, "name": "Fund", "financial_year": "2013", "budget": "100", "x\x00": "1"}
    assert client.post("/commissioning/streams/new/", data).status_code == 400
    assert not FundingStream.objects.exists()


def test_register_filter_by_area_still_works(client, area):
    response = client.get("/commissioning/register/?area=leicestershire")
    assert response.status_code == 200


# --- Money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_money_field_refuses_what_is_not_an_amount_with_a_message(text):
    with pytest.raises(ValidationError) as caught:
        MoneyField().clean(text)
    assert caught.value.messages[0].startswith("Enter ")


@pytest.mark.parametrize(
    ("text", "pence"),
    [("£1,250.00", 125_000), ("0.5", 50), ("999999999999.99", 99_999_999_999_999), (" 12 ", 1200)],
)
def test_money_field_turns_pounds_into_pence(text, pence):
    assert MoneyField().clean(text) == pence


def test_money_field_gives_decimal_pounds_for_a_decimal_field():
    assert MoneyField(as_pounds=True).clean("£450,000") == Decimal("450000.00")
    assert str(MoneyField(as_pounds=True).clean("0.5")) == "0.50"
    with pytest.raises(ValidationError) as caught:
        MoneyField(as_pounds=True, max_pounds=Decimal("9999999999.99")).clean("10,000,000,000")
    assert caught.value.messages == ["Enter an amount of at most £9,999,999,999.99."]


def test_money_field_takes_a_sign_only_when_allowed():
    assert MoneyField(allow_negative=True).clean("-500.25") == -50025
    with pytest.raises(ValidationError):
        MoneyField().clean("-500.25")
    with pytest.raises(ValidationError):
        parse_pounds("--5", allow_negative=True)


@pytest.fixture
def stream(area):
    return FundingStreamFactory(force_area=area)


@pytest.mark.parametrize("amount", ["1e99", "Infinity", "NaN"])
def test_stream_budget_out_of_range_is_a_form_error(client, staff_user, area, amount):
    client.force_login(staff_user)
    data = {"force_area": area.pk, "name": "Fund", "financial_year": "2013", "budget": amount}
    response = client.post("/commissioning/streams/new/", data)
    assert response.status_code == 200
    assert "Enter an amount in pounds" in response.text
    assert not FundingStream.objects.exists()


@pytest.mark.parametrize("amount", ["1e99", "Infinity", "NaN", "99999999999999999999"])
def test_allocation_total_out_of_range_is_a_form_error(client, staff_user, stream, amount):
    client.force_login(staff_user)
    organisation = OrganisationFactory(areas=[stream.force_area], council=True)
    data = {"title": "Split", "recipients_kind": "councils", "total": amount, "floor": "", "weight_1": "1"}
    data[f"weight_{organisation.pk}"] = "1"
    response = client.post(f"/commissioning/streams/{stream.pk}/allocations/new/", data)
    assert response.status_code == 200
    assert "Enter an amount" in response.text
    assert not Allocation.objects.exists()


def test_allocation_population_beyond_any_area_is_a_form_error(client, staff_user, stream):
    client.force_login(staff_user)
    organisation = OrganisationFactory(areas=[stream.force_area], council=True)
    data = {"title": "Split", "recipients_kind": "councils", "total": "100", "floor": ""}
    data[f"weight_{organisation.pk}"] = "1"
    data[f"population_{organisation.pk}"] = "99999999999999"
    response = client.post(f"/commissioning/streams/{stream.pk}/allocations/new/", data)
    assert response.status_code == 200
    assert not Allocation.objects.exists()


@pytest.mark.parametrize("amount", ["1e99", "Infinity", "-Infinity"])
def test_round_largest_award_out_of_range_is_a_form_error(client, staff_user, stream, amount):
    client.force_login(staff_user)
    data = {
        "title": "Round",
        "opens_at": "2026-01-01T09:00",
        "closes_at": "2026-02-01T09:00",
        "eligibility": "All",
        "max_award": amount,
        "criteria": "Fit",
    }
    response = client.post(f"/commissioning/streams/{stream.pk}/rounds/new/", data)
    assert response.status_code == 200
    assert "Enter an amount" in response.text
    assert not Round.objects.exists()


@pytest.mark.parametrize("amount", ["1e99", "Infinity", "NaN"])
def test_return_spend_out_of_range_is_a_form_error(client, area, amount):
    monitoring_return = MonitoringReturnFactory(grant__stream__force_area=area)
    client.force_login(partner_of(monitoring_return.grant.recipient))
    data = {"outputs": "Delivered", "outcomes": "Changed", "spend_to_date": amount}
    response = client.post(f"/commissioning/returns/{monitoring_return.pk}/", data)
    assert response.status_code == 200
    assert "Enter an amount in pounds" in response.text
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == MonitoringReturn.Status.DUE


@pytest.mark.parametrize("amount", ["-1e99", "Infinity", "NaN", "-99999999999999999"])
def test_variation_amount_out_of_range_is_a_form_error(client, staff_user, area, amount):
    grant = GrantFactory(stream__force_area=area)
    client.force_login(staff_user)
    data = {"description": "Change", "amount_change": amount, "new_end_date": ""}
    response = client.post(f"/commissioning/grants/{grant.pk}/variations/", data, follow=True)
    assert response.status_code == 200
    assert not Variation.objects.exists()
    assert Grant.objects.get().amount_pence == grant.amount_pence


def test_variation_still_reduces_a_grant(client, staff_user, area):
    grant = GrantFactory(stream__force_area=area, amount_pence=10_000_00, end_date=datetime.date(2013, 9, 30))
    client.force_login(staff_user)
    client.post(f"/commissioning/grants/{grant.pk}/variations/", {"description": "Less", "amount_change": "-500.00"})
    assert Grant.objects.get().amount_pence == 9_500_00


# --- Redirects after a form ----------------------------------------------------------------------


@pytest.mark.parametrize("next_url", ["dashboard", "core:dashboard", "https://evil.example/", "//evil.example/"])
def test_theme_form_never_follows_a_next_that_is_not_a_local_path(client, staff_user, next_url):
    client.force_login(staff_user)
    response = client.post("/consultations/themes/", {"theme-group": "", "theme-name": "Trust", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/consultations/events/"


def test_theme_form_returns_to_the_page_it_came_from(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/consultations/themes/",
        {"theme-group": "Partnership issues", "theme-name": "Trust", "next": "/consultations/"},
    )
    assert response["Location"] == "/consultations/"
    assert Theme.objects.filter(name="Trust").exists()


# --- Found by the fuzz test (tests/core/test_form_fuzz.py) --------------------------------------


@pytest.mark.parametrize("kind", ["", "contacts/"])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,type,partnership_area\n" + b"x" * 200_000 + b",a,b\n", "not a CSV the portal can read"),
        (b"name,type,partnership_area\nA\x00,a,b\n", "holds a NUL character"),
    ],
)
def test_a_csv_the_portal_cannot_read_is_a_clear_error(client, staff_user, area, kind, content, message):
    from partners.models import Organisation

    client.force_login(staff_user)
    before = Organisation.objects.count()
    for action in ["check", "import"]:
        upload = SimpleUploadedFile("orgs.csv", content, "text/csv")
        response = client.post(f"/partners/areas/{area.code}/import/{kind}", {"file": upload, "action": action})
        assert response.status_code == 200
        assert message in response.text
    assert Organisation.objects.count() == before


def test_a_csv_with_old_mac_line_endings_is_read(client, staff_user, area):
    client.force_login(staff_user)
    content = b"name,type,partnership_area\rMelton Mencap,Voluntary and community sector,Voluntary sector\r"
    upload = SimpleUploadedFile("orgs.csv", content, "text/csv")
    response = client.post(f"/partners/areas/{area.code}/import/", {"file": upload, "action": "check"})
    assert response.status_code == 200
    assert "Melton Mencap" in response.text


@pytest.mark.parametrize("assessor", ["Toby Spencer", "Infinity", "99999999999999999999", ""])
def test_assigning_an_assessor_who_is_not_a_number_is_refused_with_a_message(client, staff_user, area, assessor):
    from commissioning.models import Assignment
    from tests.commissioning.factories import ApplicationFactory

    application = ApplicationFactory(round__stream__force_area=area, submitted=True)
    client.force_login(staff_user)
    response = client.post(f"/commissioning/applications/{application.pk}/assessors/", {"assessor": assessor})
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    page = client.get(response["Location"])
    assert "Nobody assigned: choose an assessor from the list." in page.text


def test_assigning_an_assessor_from_the_list_still_works(client, staff_user, area):
    from commissioning.models import Assignment
    from tests.commissioning.factories import ApplicationFactory

    application = ApplicationFactory(round__stream__force_area=area, submitted=True)
    client.force_login(staff_user)
    client.post(f"/commissioning/applications/{application.pk}/assessors/", {"assessor": staff_user.pk})
    assert Assignment.objects.get().assessor == staff_user
