import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Organisation
from tests.partners.factories import ConsentingContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "name,type,partnership_area,population,org_id,website,address,parent\n"
GOOD = (
    HEADER
    + "Northshire County Council,County council,local_authority,650000,GB-LAE-NTH,https://northshire.example.org,,\n"
    + "Eastby District Council,district_council,Local authority,93000,GB-LAE-EBY,,,Northshire County Council\n"
    + "Eastby Food Bank,Voluntary and community sector,Voluntary sector,,GB-CHC-1234567,,,\n"
)
BAD_ROW_3 = (
    HEADER
    + "Northshire County Council,County council,local_authority,650000,GB-LAE-NTH,,,\n"
    + "Eastby District Council,district_council,Local authority,lots,GB-LAE-EBY,,,\n"
    + "Eastby Food Bank,Voluntary and community sector,Voluntary sector,,,,,\n"
)


def _upload(client, area, content: str, action: str):
    return client.post(
        reverse("partners:organisations_import", kwargs={"code": area.code}),
        {"file": SimpleUploadedFile("orgs.csv", content.encode(), content_type="text/csv"), "action": action},
    )


def test_file_with_one_bad_row_imports_nothing_and_names_row_and_field(client, staff_user, area):
    client.force_login(staff_user)
    response = _upload(client, area, BAD_ROW_3, "import")
    assert response.status_code == 422
    html = response.content.decode()
    assert "nothing was imported" in html
    assert "<td>3</td><td><code>population</code></td><td>Enter a whole number.</td>" in html
    assert not Organisation.objects.filter(name__in=["Northshire County Council", "Eastby Food Bank"]).exists()


def test_several_errors_are_each_reported(client, staff_user, area):
    OrganisationFactory(org_id="GB-LAE-NTH", areas=[area])
    content = HEADER + "Northshire,Castle,nowhere,,GB-LAE-NTH,not a url,,Atlantis\n,County council,health,,,,,\n"
    client.force_login(staff_user)
    html = _upload(client, area, content, "check").content.decode()
    assert "<td>2</td><td><code>type</code></td>" in html
    assert "<td>2</td><td><code>partnership_area</code></td>" in html
    assert "<td>2</td><td><code>org_id</code></td>" in html
    assert "<td>2</td><td><code>website</code></td>" in html
    assert "<td>2</td><td><code>parent</code></td>" in html
    assert "<td>3</td><td><code>name</code></td>" in html


def test_dry_run_previews_and_writes_nothing_then_import_writes_everything(client, staff_user, area):
    client.force_login(staff_user)
    response = _upload(client, area, GOOD, "check")
    assert response.status_code == 200
    assert "Preview: 3 to add, 0 to update" in response.content.decode()
    assert not Organisation.objects.filter(name="Eastby Food Bank").exists()
    response = _upload(client, area, GOOD, "import")
    assert response.status_code == 302
    district = Organisation.objects.get(name="Eastby District Council")
    assert district.parent.name == "Northshire County Council"
    assert district.force_areas.filter(pk=area.pk).exists()
    assert Organisation.objects.get(name="Eastby Food Bank").org_id == "GB-CHC-1234567"


def test_import_updates_an_organisation_of_the_same_name(client, staff_user, area):
    OrganisationFactory(name="Northshire County Council", areas=[area], population=1)
    client.force_login(staff_user)
    assert "1 to update" in _upload(client, area, GOOD, "check").content.decode()
    _upload(client, area, GOOD, "import")
    assert Organisation.objects.filter(name="Northshire County Council").count() == 1
    assert Organisation.objects.get(name="Northshire County Council").population == 650000


def test_a_file_that_is_not_csv_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:organisations_import", kwargs={"code": area.code}),
        {"file": SimpleUploadedFile("orgs.xlsx", b"PK\x03\x04"), "action": "check"},
    )
    assert "Upload a .csv file." in response.content.decode()
    response = client.post(
        reverse("partners:organisations_import", kwargs={"code": area.code}),
        {"file": SimpleUploadedFile("orgs.csv", "name,type\nCaf\u00e9".encode("latin-1")), "action": "check"},
    )
    assert "The file is not UTF-8 text." in response.content.decode()


def test_partner_user_and_other_area_staff_cannot_import(client, linked_partner, other_area_staff, area):
    for user in (linked_partner, other_area_staff):
        client.force_login(user)
        assert _upload(client, area, GOOD, "import").status_code == 404
    assert not Organisation.objects.filter(name="Eastby Food Bank").exists()


def test_export_organisations_csv_and_xlsx(client, staff_user, area, other_area):
    OrganisationFactory(name="=HYPERLINK(1)", areas=[area])
    OrganisationFactory(name="Leicester City Council", areas=[area], council=True, org_id="GB-LAE-LCE")
    OrganisationFactory(name="Birmingham City Council", areas=[other_area])
    client.force_login(staff_user)
    response = client.get(reverse("partners:organisations_export", kwargs={"code": area.code, "fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["name", "type", "partnership_area"]
    names = [r[0] for r in rows[1:]]
    assert "Leicester City Council" in names
    assert "Birmingham City Council" not in names
    assert "'=HYPERLINK(1)" in names  # never a live formula
    response = client.get(reverse("partners:organisations_export", kwargs={"code": area.code, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Leicester City Council" in values
    assert client.get(f"/partners/areas/{area.code}/organisations.exe").status_code == 404


def test_export_contacts_with_consent(client, staff_user, area):
    org = OrganisationFactory(name="Rutland County Council", areas=[area])
    ConsentingContactFactory(organisation=org, full_name="Robin Example", email="robin@example.org")
    client.force_login(staff_user)
    response = client.get(reverse("partners:contacts_export", kwargs={"code": area.code, "fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:2] == ["Rutland County Council", "Robin Example"]
    assert rows[1][6] == "yes"
    response = client.get(reverse("partners:contacts_export", kwargs={"code": area.code, "fmt": "xlsx"}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_panel_member_cannot_export_contacts(client, panel_member_user, area):
    client.force_login(panel_member_user)
    url = reverse("partners:contacts_export", kwargs={"code": area.code, "fmt": "csv"})
    assert client.get(url).status_code == 404


CONTACT_HEADER = "organisation,full_name,job_title,seniority,email,phone,bulletin_consent,bulletin_consent_at\n"


def _upload_contacts(client, area, content: str, action: str):
    return client.post(
        reverse("partners:contacts_import", kwargs={"code": area.code}),
        {"file": SimpleUploadedFile("contacts.csv", content.encode(), content_type="text/csv"), "action": action},
    )


def test_contacts_file_with_one_bad_row_imports_nothing(client, staff_user, area):
    OrganisationFactory(name="Rutland County Council", areas=[area], org_id="GB-LAE-RUT")
    content = (
        CONTACT_HEADER
        + "Rutland County Council,Robin One,Head of Service,Senior manager,robin@rutland.example.org,,yes,2012-04-01\n"
        + "GB-LAE-RUT,Robin Two,,Strategic leader,not-an-email,,yes,2012-04-01\n"
        + "Rutland County Council,Robin Three,,practitioner,,,maybe,\n"
    )
    client.force_login(staff_user)
    response = _upload_contacts(client, area, content, "import")
    assert response.status_code == 422
    html = response.content.decode()
    assert "<td>3</td><td><code>email</code></td>" in html
    assert "<td>4</td><td><code>bulletin_consent</code></td><td>Enter yes or no.</td>" in html
    from partners.models import Contact

    assert not Contact.objects.filter(full_name__startswith="Robin").exists()


def test_contacts_export_imports_back_without_duplicates(client, staff_user, area):
    from partners.models import Contact

    org = OrganisationFactory(name="Rutland County Council", areas=[area])
    ConsentingContactFactory(organisation=org, full_name="Robin Example", email="robin@example.org")
    client.force_login(staff_user)
    exported = client.get(reverse("partners:contacts_export", kwargs={"code": area.code, "fmt": "csv"}))
    content = exported.content.decode("utf-8-sig").replace("Partnerships manager", "Director")
    content += "Rutland County Council,New Person,,,new@example.org,,no,\n"
    assert "1 to add, 1 to update" in _upload_contacts(client, area, content, "check").content.decode()
    assert _upload_contacts(client, area, content, "import").status_code == 302
    robin = Contact.objects.get(full_name="Robin Example")
    assert robin.job_title == "Director"
    assert robin.bulletin_consent
    assert Contact.objects.filter(organisation=org).count() == 2
