import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Partnership, PartnershipMember
from tests.partners.factories import ContactFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name": "Safer Communities cluster",
        "kind": "cluster",
        "governance": "none",
        "meeting_cadence": "quarterly",
    }
    data.update(overrides)
    return data


def test_staff_add_a_cluster_under_the_board_with_its_terms_of_reference(client, staff_user, other_area_staff, area):
    spb = PartnershipFactory(force_area=area, name="Strategic Partnership Board")
    client.force_login(staff_user)
    terms = SimpleUploadedFile("terms.pdf", b"%PDF-1.7 terms", content_type="application/pdf")
    response = client.post(
        reverse("partners:partnership_create", kwargs={"code": area.code}),
        _form(parent=spb.pk, governance="agreed", terms_agreed_on="2013-03-28", terms_of_reference=terms),
    )
    assert response.status_code == 302
    cluster = Partnership.objects.get(name="Safer Communities cluster")
    assert cluster.parent == spb
    assert cluster.force_area == area
    assert cluster.terms_of_reference.name.endswith(".pdf")
    assert "Safer Communities cluster" in client.get(spb.get_absolute_url()).content.decode()
    download = client.get(reverse("partners:partnership_terms", kwargs={"pk": cluster.pk}))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 terms"
    client.force_login(other_area_staff)
    assert client.get(reverse("partners:partnership_terms", kwargs={"pk": cluster.pk})).status_code == 404


def test_agreed_terms_without_a_date_are_refused_with_a_message(client, staff_user, area):
    client.force_login(staff_user)
    response = client.post(
        reverse("partners:partnership_create", kwargs={"code": area.code}), _form(governance="agreed")
    )
    assert response.status_code == 200
    assert "Give the date the terms of reference were agreed." in response.content.decode()
    assert not Partnership.objects.exists()


def test_a_terms_of_reference_file_that_is_not_what_it_claims_is_refused(client, staff_user, area):
    client.force_login(staff_user)
    fake = SimpleUploadedFile("terms.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("partners:partnership_create", kwargs={"code": area.code}), _form(terms_of_reference=fake)
    )
    assert "This file is not a PDF." in response.content.decode()
    script = SimpleUploadedFile("terms.html", b"<script>", content_type="text/html")
    response = client.post(
        reverse("partners:partnership_create", kwargs={"code": area.code}), _form(terms_of_reference=script)
    )
    assert "Upload a PDF, Word (.docx) or OpenDocument (.odt) file." in response.content.decode()
    assert not Partnership.objects.exists()


def test_members_come_from_the_area_and_representatives_from_the_member(client, staff_user, area, other_area):
    board = PartnershipFactory(force_area=area)
    member = OrganisationFactory(areas=[area])
    stranger = OrganisationFactory(areas=[other_area])
    rep = ContactFactory(organisation=member)
    wrong_rep = ContactFactory(organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    url = reverse("partners:partnership_member_add", kwargs={"pk": board.pk})
    assert client.post(url, {"organisation": stranger.pk, "role": "member"}).status_code == 422
    response = client.post(url, {"organisation": member.pk, "representative": wrong_rep.pk, "role": "chair"})
    assert "The representative must be a contact of the member organisation." in response.content.decode()
    assert client.post(url, {"organisation": member.pk, "representative": rep.pk, "role": "chair"}).status_code == 302
    assert PartnershipMember.objects.get(partnership=board).representative == rep


def test_panel_member_reads_a_board_but_cannot_change_it(client, panel_member_user, area):
    board = PartnershipFactory(force_area=area)
    client.force_login(panel_member_user)
    assert client.get(board.get_absolute_url()).status_code == 200
    assert client.get(reverse("partners:partnership_edit", kwargs={"pk": board.pk})).status_code == 404
    url = reverse("partners:partnership_member_add", kwargs={"pk": board.pk})
    org = OrganisationFactory(areas=[area])
    assert client.post(url, {"organisation": org.pk, "role": "member"}).status_code == 404


def test_partnership_list_counts_each_boards_members(client, staff_user, area):
    from tests.partners.factories import PartnershipMemberFactory

    board = PartnershipFactory(force_area=area, name="Strategic board")
    PartnershipFactory(force_area=area, name="Quiet cluster", parent=board)
    for _ in range(3):
        PartnershipMemberFactory(partnership=board, organisation=OrganisationFactory(areas=[area]))
    client.force_login(staff_user)
    html = " ".join(
        client.get(reverse("partners:partnership_list", kwargs={"code": area.code})).content.decode().split()
    )
    rows = [row.split("</tr>")[0] for row in html.split("<tr>")[2:]]
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in rows}
    assert rows["Strategic board"].endswith('<td class="text-end">3</td> ')
    assert rows["Quiet cluster"].endswith('<td class="text-end">0</td> ')
