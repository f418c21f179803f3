import csv
import io
import json

import pytest
from django.template import engines

from commissioning.models import Funder
from commissioning.opendata import grant_validator, package_validator
from commissioning.selectors import published_grants
from tests.commissioning.factories import GrantFactory
from tests.partners.factories import OrganisationFactory

REQUIRED = [
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "recipientOrganization",
    "fundingOrganization",
]


@pytest.fixture
def funder(area):
    return Funder.objects.create(
        force_area=area, name="OPCC for Leicestershire", org_id="GB-GOV-OPCC-LEICS", prefix_360g="opccleics"
    )


@pytest.fixture
def grants(area, funder):
    charity = OrganisationFactory(name="Voluntary Action Leicestershire", org_id="GB-CHC-1124149", areas=[area])
    csp = OrganisationFactory(name="Melton Community Safety Partnership", areas=[area])
    return [
        GrantFactory(stream__force_area=area, recipient=charity, reference="TF-2013-08", amount_pence=35_000_00),
        GrantFactory(
            stream__force_area=area,
            recipient=csp,
            reference="TF-2013-05",
            amount_pence=24_600_50,
            repayment_conditions="Unspent money is repaid.",
        ),
        GrantFactory(stream__force_area=area, reference="HIDDEN-1", is_published=False),
    ]


def test_360giving_json_validates_against_the_standards_schema(client, grants):
    response = client.get("/commissioning/register/360giving.json")
    assert response.status_code == 200
    package = json.loads(response.content)
    errors = sorted(package_validator().iter_errors(package), key=str)
    assert errors == []
    for grant in package["grants"]:
        assert not list(grant_validator().iter_errors(grant))
        for field in REQUIRED:
            assert grant[field] not in (None, "", [])


def test_360giving_ids_and_organisation_ids(client, grants):
    package = client.get("/commissioning/register/360giving.json").json()
    by_id = {g["id"]: g for g in package["grants"]}
    assert set(by_id) == {"360G-opccleics-TF-2013-08", "360G-opccleics-TF-2013-05"}  # unpublished left out
    charity_grant = by_id["360G-opccleics-TF-2013-08"]
    assert charity_grant["recipientOrganization"] == [
        {"id": "GB-CHC-1124149", "name": "Voluntary Action Leicestershire"}
    ]
    assert charity_grant["fundingOrganization"] == [{"id": "GB-GOV-OPCC-LEICS", "name": "OPCC for Leicestershire"}]
    assert charity_grant["amountAwarded"] == 35000
    assert charity_grant["currency"] == "GBP"
    csp_grant = by_id["360G-opccleics-TF-2013-05"]
    assert csp_grant["amountAwarded"] == 24600.5
    # A recipient without an org-id gets one under the publisher's own prefix.
    assert csp_grant["recipientOrganization"][0]["id"].startswith("360G-opccleics-")
    assert "Repayment: Unspent money is repaid." in csp_grant["description"]


def test_schema_rejects_a_grant_missing_a_required_field(grants, client):
    package = client.get("/commissioning/register/360giving.json").json()
    del package["grants"][0]["recipientOrganization"]
    package["grants"][1]["awardDate"] = "28/03/2013"
    messages = [e.message for e in package_validator().iter_errors(package)]
    assert any("recipientOrganization" in m for m in messages)
    assert any("28/03/2013" in m for m in messages)


def test_csv_register_lists_published_grants_with_conditions(client, grants):
    response = client.get("/commissioning/register/grants.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["Identifier"] for r in rows} == {"360G-opccleics-TF-2013-08", "360G-opccleics-TF-2013-05"}
    melton = next(r for r in rows if r["Recipient Org:Name"] == "Melton Community Safety Partnership")
    assert melton["Amount Awarded"] == "24600.50"
    assert melton["Repayment conditions"] == "Unspent money is repaid."


def test_public_register_page_needs_no_sign_in_and_hides_unpublished(client, grants):
    response = client.get("/commissioning/register/")
    assert response.status_code == 200
    assert "Voluntary Action Leicestershire" in response.text
    assert "£24,600.50" in response.text
    assert "HIDDEN-1" not in response.text
    hidden = grants[2]
    assert client.get(f"/commissioning/register/{hidden.pk}/").status_code == 404
    assert client.get(f"/commissioning/register/{grants[0].pk}/").status_code == 200


# The rows as the register's template wrote them from model objects, before the view worked out each row's values.
MODEL_ROWS = """{% load portal %}{% for grant in grants %}
    <tr>
      <td>{{ grant.recipient.name }}<br><span class="small text-body-secondary">{{ grant.force_area.name }}</span></td>
      <td><a href="{{ grant.get_register_url }}">{{ grant.title }}</a></td>
      <td class="money">{{ grant.amount_pence|pence }}</td>
      <td>{{ grant.start_date|date:"j M Y" }} to {{ grant.end_date|date:"j M Y" }}</td>
      <td>{{ grant.conditions|truncatewords:14 }}{% if grant.repayment_conditions %} Repayable if unspent.{% endif %}</td>
    </tr>
  {% empty %}<tr><td colspan="5">No grants published.</td></tr>{% endfor %}"""  # noqa: E501


def test_public_register_rows_are_written_as_the_model_rows_wrote_them(client, area, grants):
    long = GrantFactory(
        stream__force_area=area,
        recipient=OrganisationFactory(name="Fish & <Chips> Trust", areas=[area]),
        title='"Quoted" work',
        conditions="One two three four five six seven eight nine ten eleven & twelve <b>thirteen</b> fourteen.",
        repayment_conditions="",
    )
    response = client.get("/commissioning/register/")
    rows = engines["django"].from_string(MODEL_ROWS).render({"grants": published_grants()})
    assert (
        rows.count("<tr>") == 3
        and "Fish &amp; &lt;Chips&gt; Trust" in rows
        and "&amp; twelve &lt;b&gt;thirteen&lt;/b&gt; …" in rows
    )
    assert "Repayable if unspent." in rows and long.get_register_url() in rows
    assert rows in response.text
