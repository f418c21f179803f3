import pytest
from django.urls import reverse

from partners.models import Duty, OrganisationDuty, Partnership
from partners.selectors import landscape, organisations_in_area, partnership_members
from pcc_portal.accounts.models import ForceArea
from tests.accounts.factories import UserFactory
from tests.partners.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tests.partners.pdf_text import pdf_text
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


def _pdf(client, code: str) -> str:
    response = get_pdf(client, reverse("partners:landscape_pdf", kwargs={"code": code}))
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content))


def test_leicestershire_landscape_pdf_lists_organisations_by_partnership_area_and_spb_members(client, demo):
    client.force_login(demo)
    text = _pdf(client, "leicestershire")
    assert "Community Safety and Partnership Landscape" in text
    for heading in ["Local authority", "Criminal justice", "Health", "Emergency services", "Voluntary sector"]:
        assert heading in text
    # Organisations appear under their partnership area, in that order.
    assert text.index("Local authority") < text.index("Leicester City Council") < text.index("Criminal justice")
    assert text.index("Health") < text.index("West Leicestershire Clinical Commissioning Group")
    assert text.index("Voluntary sector") < text.rindex("Voluntary Action Leicestershire")
    assert "Leicester, Leicestershire and Rutland Strategic Partnership Board" in text
    board = text[text.index("Partnerships and boards") :]
    for member in [
        "Office of the Police and Crime Commissioner for Leicestershire (Chair)",
        "Leicestershire County Council (Vice-chair)",
        "Leicestershire and Rutland Probation Trust",
        "Voluntary Action Leicestershire",
        "Toby Sanders, Managing Director",
    ]:
        assert member in board
    assert "Terms of reference drafted, not agreed" in board
    assert "Safer Communities cluster" in board
    assert "No terms of reference" in board
    assert "Responsible authority for community safety" in text
    # Another area's organisations are not in it.
    assert "Dudley Metropolitan Borough Council" not in text


def test_landscape_page_is_generated_from_the_records(client, staff_user, area):
    school = OrganisationFactory(name="Northfield Academy", areas=[area], partnership_area="education")
    OrganisationDuty.objects.create(organisation=school, duty=Duty.SAFEGUARDING_BOARD)
    board = PartnershipFactory(force_area=area, name="Children's Safeguarding Board", agreed=True)
    PartnershipMemberFactory(partnership=board, organisation=school)
    client.force_login(staff_user)
    html = client.get(reverse("partners:landscape", kwargs={"code": area.code})).content.decode()
    assert "Northfield Academy" in html
    assert "Children&#x27;s Safeguarding Board" in html
    assert "Terms of reference agreed on 28 March 2013" in html
    assert "Safeguarding board member (1)" in html


def test_landscape_page_names_each_organisations_type_coverage_and_duties(client, staff_user, area):
    partnership = OrganisationFactory(name="Safer Northfield", areas=[area], org_type="csp")
    partnership.covers.set(
        [OrganisationFactory(name="Zeta Borough", areas=[area]), OrganisationFactory(name="Alpha & District")]
    )
    OrganisationDuty.objects.create(organisation=partnership, duty=Duty.SAFEGUARDING_BOARD)
    OrganisationDuty.objects.create(organisation=partnership, duty=Duty.RESPONSIBLE_AUTHORITY)
    client.force_login(staff_user)
    html = client.get(reverse("partners:landscape", kwargs={"code": area.code})).content.decode()
    line = html[html.index(">Safer Northfield</a>") :].split("</li>")[0]
    assert "Community safety partnership" in line
    assert "covering Alpha &amp; District, Zeta Borough" in line
    assert "; Responsible authority for community safety; Safeguarding board member" in line


@pytest.mark.parametrize("role", ["opcc_staff", "panel_secretariat", "panel_member", "partner"])
def test_every_role_of_the_area_sees_the_landscape(client, area, role):
    client.force_login(UserFactory(role=role, areas=[area]))
    assert client.get(reverse("partners:landscape", kwargs={"code": area.code})).status_code == 200


@pytest.mark.parametrize("role", ["opcc_staff", "panel_secretariat", "panel_member", "partner"])
def test_no_role_sees_another_areas_landscape(client, area, other_area, role):
    client.force_login(UserFactory(role=role, areas=[other_area]))
    assert client.get(reverse("partners:landscape", kwargs={"code": area.code})).status_code == 404
    assert get_pdf(client, reverse("partners:landscape_pdf", kwargs={"code": area.code})).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, area):
    response = client.get(reverse("partners:landscape", kwargs={"code": area.code}))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_partnership_with_agreed_terms_needs_the_date(area):
    from django.core.exceptions import ValidationError

    board = PartnershipFactory.build(force_area=area, governance=Partnership.Governance.AGREED)
    with pytest.raises(ValidationError, match="date"):
        board.full_clean()


def test_landscape_pdf_can_be_prepared_in_the_background(
    client, staff_user, other_area_staff, area, django_capture_on_commit_callbacks
):
    from pcc_portal.pdf.models import PdfJob

    url = reverse("partners:landscape_pdf_job", kwargs={"code": area.code})
    client.force_login(other_area_staff)
    assert client.post(url).status_code == 404
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    job = PdfJob.objects.get(document="partners.landscape")
    job.refresh_from_db()
    assert job.status == PdfJob.Status.DONE  # tasks run in-process in tests
    assert job.title == "Community Safety and Partnership Landscape: Leicestershire"


def test_landscape_rows_say_what_the_records_say(area, other_area):
    county = OrganisationFactory(name="Shire County", areas=[area], population=712_000)
    district = OrganisationFactory(name="Brook District", areas=[area], parent=county)
    csp = OrganisationFactory(name="Safer Brook", areas=[area], org_type="csp")
    csp.covers.set([district, county])
    OrganisationDuty.objects.create(organisation=district, duty=Duty.RESPONSIBLE_AUTHORITY)
    OrganisationDuty.objects.create(organisation=district, duty=Duty.SAFEGUARDING_BOARD)
    OrganisationFactory(name="Elsewhere Council", areas=[other_area])
    OrganisationFactory(name="Closed Charity", areas=[area], is_active=False)
    board = PartnershipFactory(force_area=area, name="Strategic Board", agreed=True)
    sub = PartnershipFactory(force_area=area, name="Cluster", parent=board)
    theirs = PartnershipFactory(force_area=other_area, name="Their Board")
    chair = ContactFactory(organisation=county, full_name="Ada Chair", job_title="Chief Executive")
    PartnershipMemberFactory(partnership=board, organisation=district, role="member")
    PartnershipMemberFactory(partnership=board, organisation=county, role="chair", representative=chair)
    PartnershipMemberFactory(partnership=board, organisation=csp, role="vice_chair")
    PartnershipMemberFactory(partnership=sub, organisation=csp)
    PartnershipMemberFactory(partnership=theirs, organisation=county)

    found = landscape(area=ForceArea.objects.get(pk=area.pk))

    organisations = [o for group in found["by_partnership_area"] for o in group["organisations"]]
    records = list(organisations_in_area(area.pk).order_by("name"))
    assert sorted(o.pk for o in organisations) == sorted(o.pk for o in records) and found["organisation_count"] == 3
    by_pk = {o.pk: o for o in organisations}
    for record in records:
        row = by_pk[record.pk]
        assert (row.name, row.type_label, row.partnership_area, row.population) == (
            record.name,
            record.get_org_type_display(),
            record.partnership_area,
            record.population,
        )
        assert (row.parent and row.parent.name) == (record.parent and record.parent.name)
        assert row.duty_values == sorted(d.duty for d in record.duties.all())
        assert row.covered == sorted(o.name for o in record.covers.all())
    assert by_pk[district.pk].duty_labels == [Duty(d).label for d in sorted(by_pk[district.pk].duty_values)]
    # What the page's filters wrote (population|intcomma, covered|join:", ", duty_labels|join:"; ").
    assert by_pk[county.pk].population_text == "712,000"
    assert by_pk[csp.pk].covered_text == "Brook District, Shire County"
    assert by_pk[district.pk].duty_text == "; ".join(by_pk[district.pk].duty_labels)
    for duty in found["duties"]:
        assert duty["names"] == "; ".join(o.name for o in duty["organisations"])
    assert {d["label"]: d["names"] for d in found["duties"]}[Duty.RESPONSIBLE_AUTHORITY.label] == "Brook District"
    assert [b.name for b in found["partnerships"]] == ["Strategic Board", "Cluster"]
    for listed in found["partnerships"]:
        members = list(partnership_members().filter(partnership=listed))
        assert [
            (m.organisation.name, m.role, m.role_label, m.representative and m.representative.full_name)
            for m in listed.member_rows
        ] == [
            (m.organisation.name, m.role, m.role_label, m.representative and m.representative.full_name)
            for m in members
        ]
    assert found["partnerships"][0].member_rows[0].representative.job_title == "Chief Executive"
    assert [m.organisation.name for m in found["partnerships"][0].member_rows] == [
        "Shire County",
        "Safer Brook",
        "Brook District",
    ]
