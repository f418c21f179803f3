"""The transfer register: proposals from every app, edits kept, bulk changes all or nothing, exports, evidence."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.models import Instalment
from partners.models import OrganisationType, PartnershipMember
from tests.commissioning.factories import FundingStreamFactory, GrantFactory
from tests.panels.factories import RecommendationFactory
from tests.partners.factories import OrganisationFactory, PartnershipFactory
from transition.models import TransferEvidence, TransferItem
from transition.services import register_propose

from .factories import TransferItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(area, programme, workstream):
    """A grant running past transfer, one ending before, an open recommendation, and a board with the OPCC on it."""
    stream = FundingStreamFactory(force_area=area)
    grantee = OrganisationFactory(areas=[area], name="Victim First")
    live = GrantFactory(
        stream=stream,
        recipient=grantee,
        title="Victims' hub",
        start_date=datetime.date(2027, 4, 1),
        end_date=datetime.date(2029, 3, 31),
    )
    Instalment.objects.create(grant=live, due_date=datetime.date(2028, 1, 1), amount_pence=5_000_00)
    Instalment.objects.create(grant=live, due_date=datetime.date(2028, 7, 1), amount_pence=7_500_00)
    Instalment.objects.create(grant=live, due_date=datetime.date(2029, 1, 1), amount_pence=2_500_00)
    GrantFactory(stream=stream, title="Ended grant", end_date=datetime.date(2027, 3, 31))
    rec = RecommendationFactory(report__panel__force_area=area, text="Publish the precept options.")
    board = PartnershipFactory(force_area=area, name="Safer Communities Board")
    opcc = OrganisationFactory(areas=[area], org_type=OrganisationType.OPCC, name="OPCC")
    PartnershipMember.objects.create(partnership=board, organisation=opcc)
    PartnershipMember.objects.create(partnership=board, organisation=grantee, role=PartnershipMember.Role.CHAIR)
    return {"grant": live, "grantee": grantee, "recommendation": rec, "board": board}


def _rows(programme):
    return {i.source_key: i for i in programme.items.all()}


def test_proposal_creates_rows_from_grants_recommendations_and_boards(programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    rows = _rows(programme)
    grant = rows[f"commissioning.grant:{sources['grant'].pk}"]
    assert grant.kind == TransferItem.Kind.GRANT
    assert grant.amount == 10_000  # £7,500 + £2,500: the payments falling due on or after transfer
    assert grant.counterparty == sources["grantee"]
    assert grant.workstream.key == "commissioning"
    assert not any("Ended grant" in i.title for i in rows.values())
    assert f"panels.recommendation:{sources['recommendation'].pk}" in rows
    seat = rows[f"partners.board_seat:{sources['board'].pk}"]
    assert seat.counterparty == sources["grantee"]  # the chair's organisation


def test_running_the_proposal_twice_leaves_the_same_rows(programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    first = sorted(programme.items.values_list("pk", "source_key", "title"))
    result = register_propose(programme=programme, user=staff_user)
    assert sorted(programme.items.values_list("pk", "source_key", "title")) == first
    assert result.created == 0 and result.gone == 0


def test_a_persons_edit_survives_a_new_proposal(client, programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    row = programme.items.get(source_key=f"commissioning.grant:{sources['grant'].pk}")
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:item_edit", kwargs={"pk": row.pk}),
        {
            "kind": row.kind,
            "title": "Victims' hub: novate to the board",
            "workstream": row.workstream_id,
            "counterparty": row.counterparty_id,
            "receiver_kind": "successor",
            "status": "agreed",
            "amount": row.amount,
        },
    )
    assert response.status_code == 302
    sources["grant"].title = "Victims' hub (renamed at source)"
    sources["grant"].save()
    register_propose(programme=programme, user=staff_user)
    row.refresh_from_db()
    assert row.title == "Victims' hub: novate to the board"
    assert row.status == "agreed" and row.receiver_kind == "successor"
    assert "title" in row.edited_fields


def test_unedited_fields_are_refreshed_from_the_source(programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    sources["grant"].title = "Victims' hub (renamed)"
    sources["grant"].save()
    register_propose(programme=programme, user=staff_user)
    row = programme.items.get(source_key=f"commissioning.grant:{sources['grant'].pk}")
    assert "renamed" in row.title


def test_a_row_whose_source_has_gone_stays_marked_no_longer_live(client, programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    rec = sources["recommendation"]
    rec.status = "accepted"
    rec.save()
    register_propose(programme=programme, user=staff_user)
    row = programme.items.get(source_key=f"panels.recommendation:{rec.pk}")
    assert row.source_live is False
    client.force_login(staff_user)
    page = client.get(reverse("transition:register", kwargs={"pk": programme.pk})).content.decode()
    assert "Source no longer live" in page


def test_a_row_links_to_the_object_it_came_from(client, programme, sources, staff_user):
    register_propose(programme=programme, user=staff_user)
    row = programme.items.get(source_key=f"commissioning.grant:{sources['grant'].pk}")
    client.force_login(staff_user)
    page = client.get(reverse("transition:item_detail", kwargs={"pk": row.pk})).content.decode()
    assert sources["grant"].get_absolute_url() in page


def _bulk(client, programme, ids, **data):
    return client.post(
        reverse("transition:register_bulk", kwargs={"pk": programme.pk}), {"items": ids, "confirm": "True", **data}
    )


def test_bulk_change_asks_to_confirm_with_a_count_then_changes_every_row(client, programme, staff_user):
    rows = [TransferItemFactory(programme=programme) for _ in range(3)]
    client.force_login(staff_user)
    ids = [r.pk for r in rows]
    confirm = client.post(
        reverse("transition:register_bulk", kwargs={"pk": programme.pk}), {"items": ids, "receiver": "successor"}
    )
    assert "Change 3 rows" in confirm.content.decode()
    assert not programme.items.filter(receiver_kind="successor").exists()
    response = _bulk(client, programme, ids, receiver="successor", status="agreed")
    assert response.status_code == 302
    assert programme.items.filter(receiver_kind="successor", status="agreed").count() == 3
    assert all("status" in r.edited_fields for r in programme.items.all())


def test_bulk_change_saves_nothing_if_one_row_cannot_take_it(client, programme, staff_user):
    named = TransferItemFactory(programme=programme, to_successor=True)
    unnamed = TransferItemFactory(programme=programme, title="No receiver yet")
    client.force_login(staff_user)
    response = _bulk(client, programme, [named.pk, unnamed.pk], status="agreed")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Nothing was changed" in m and "No receiver yet" in m for m in messages)
    assert set(programme.items.values_list("status", flat=True)) == {"identified"}


def test_bulk_change_refuses_rows_of_another_programme(client, programme, staff_user, other_area):
    from .factories import ProgrammeFactory

    foreign = TransferItemFactory(programme=ProgrammeFactory(force_area=other_area))
    client.force_login(staff_user)
    _bulk(client, programme, [foreign.pk], receiver="successor")
    foreign.refresh_from_db()
    assert foreign.receiver_kind == ""


def test_to_close_without_a_reason_is_a_form_error_and_saves_nothing(client, programme, item, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:item_edit", kwargs={"pk": item.pk}),
        {"kind": item.kind, "title": item.title, "status": "to_close", "receiver_kind": "close"},
    )
    assert response.status_code == 200
    assert "Give the reason it closes" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "identified" and item.edited_fields == []


def test_organisation_receiver_must_be_named(client, programme, item, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:item_edit", kwargs={"pk": item.pk}),
        {"kind": item.kind, "title": item.title, "status": "identified", "receiver_kind": "organisation"},
    )
    assert "Choose the organisation that receives it" in response.content.decode()


def test_receiver_choice_excludes_another_areas_organisations(client, programme, item, staff_user, other_area):
    outsider = OrganisationFactory(areas=[other_area], name="Outside Body")
    client.force_login(staff_user)
    response = client.post(
        reverse("transition:item_edit", kwargs={"pk": item.pk}),
        {
            "kind": item.kind,
            "title": item.title,
            "status": "identified",
            "receiver_kind": "organisation",
            "receiver_organisation": outsider.pk,
        },
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.receiver_organisation is None


def test_filter_by_kind_status_receiver_and_workstream(client, programme, workstream, staff_user):
    TransferItemFactory(programme=programme, title="Grant A", kind="grant", workstream=workstream, to_successor=True)
    TransferItemFactory(programme=programme, title="Post B", kind="post")
    client.force_login(staff_user)
    url = reverse("transition:register", kwargs={"pk": programme.pk})
    page = client.get(url, {"kind": "grant"}).content.decode()
    assert "Grant A" in page and "Post B" not in page
    page = client.get(url, {"receiver": "none"}).content.decode()
    assert "Post B" in page and "Grant A" not in page
    page = client.get(url, {"workstream": workstream.pk, "status": "identified"}).content.decode()
    assert "Grant A" in page and "Post B" not in page


def test_exports_neutralise_formulas(client, programme, staff_user):
    TransferItemFactory(programme=programme, title='=HYPERLINK("http://evil")')
    client.force_login(staff_user)
    csv = client.get(reverse("transition:register_export", kwargs={"pk": programme.pk, "fmt": "csv"}))
    assert "'=HYPERLINK" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("transition:register_export", kwargs={"pk": programme.pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=2).value.startswith("'=")


def test_evidence_upload_checks_type_and_size(client, item, staff_user, settings):
    client.force_login(staff_user)
    url = reverse("transition:evidence_upload", kwargs={"pk": item.pk})
    fake = SimpleUploadedFile("agreement.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Signed agreement", "file": fake})
    assert response.status_code == 400 and "This file is not a PDF" in response.content.decode()
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    assert "Upload a PDF" in client.post(url, {"title": "x", "file": exe}).content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    assert "larger than 10 MB" in client.post(url, {"title": "x", "file": big}).content.decode()
    assert not TransferEvidence.objects.exists()
    good = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    assert client.post(url, {"title": "Signed agreement", "file": good}).status_code == 302
    evidence = TransferEvidence.objects.get()
    download = client.get(reverse("transition:evidence_download", kwargs={"pk": evidence.pk}))
    assert download.status_code == 200


def test_partner_cannot_download_evidence_of_a_row_not_naming_them(client, item, partner_user, partner_org):
    evidence = TransferEvidence.objects.create(
        item=item, title="Internal", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    client.force_login(partner_user)
    assert client.get(reverse("transition:evidence_download", kwargs={"pk": evidence.pk})).status_code == 404
