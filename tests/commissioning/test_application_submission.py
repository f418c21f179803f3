"""Submitting a grant application: a reference, a receipt sent once, attachments, required fields marked."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commissioning import services, tasks
from commissioning.models import Application, ApplicationAttachment, ApplicationReceipt
from tests.commissioning.factories import ApplicationFactory, RoundFactory, partner_of
from tests.commissioning.test_applications import form_data
from tests.plans.factories import PriorityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _round(area):
    round_ = RoundFactory(stream__force_area=area)
    round_.priorities.add(PriorityFactory(version__plan__force_area=area, title="Support victims"))
    return round_


def _submit(client, application):
    user = partner_of(application.organisation, email=f"applicant{application.pk}@example.org")
    client.force_login(user)
    client.post(f"/commissioning/applications/{application.pk}/edit/", {**form_data(application), "submit": "1"})
    # "Save and submit" saves, then asks for confirmation: submitting cannot be undone.
    page = client.post(f"/commissioning/applications/{application.pk}/submit/", {"confirmed": "1"}, follow=True)
    application.refresh_from_db()
    return page, user


def _pdf(name="budget.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_submission_gives_a_reference_numbered_per_area_and_year(client, area, other_area):
    year = timezone.localdate().year
    first = ApplicationFactory(round=_round(area), complete=True)
    second = ApplicationFactory(round=_round(area), complete=True)
    elsewhere = ApplicationFactory(round=_round(other_area), complete=True)

    page, _ = _submit(client, first)
    assert first.reference == f"LEI-{year}-0001"
    assert f"your reference is LEI-{year}-0001" in page.text
    assert f"Reference <strong>LEI-{year}-0001</strong>" in page.text
    _submit(client, second)
    _submit(client, elsewhere)
    assert second.reference == f"LEI-{year}-0002"
    assert elsewhere.reference == f"WES-{year}-0001"


def test_receipt_goes_once_to_the_applicant(client, area, django_capture_on_commit_callbacks):
    application = ApplicationFactory(round=_round(area), complete=True)
    with django_capture_on_commit_callbacks(execute=True):
        _, user = _submit(client, application)
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == [user.email]
    assert receipt.subject == f"Application received ({application.reference}): {application.title}"
    assert application.reference in receipt.body
    # A retried task, or the task run twice, sends nothing more.
    assert tasks.send_application_receipt(application.pk) == 0
    assert len(mail.outbox) == 1
    assert ApplicationReceipt.objects.filter(application=application, sent_at__isnull=False).count() == 1


def test_no_receipt_for_a_draft(area):
    application = ApplicationFactory(round=_round(area), complete=True)
    assert services.application_receipt_send(application_id=application.pk) == 0
    assert mail.outbox == []


def test_edit_page_marks_what_is_required_to_submit(client, area):
    application = ApplicationFactory(round=_round(area))
    client.force_login(partner_of(application.organisation))
    page = client.get(f"/commissioning/applications/{application.pk}/edit/").text
    assert "Summary (required to submit)" in page
    assert "Risk if not funded (required to submit)" in page
    assert "Plan priorities served (required to submit)" in page
    assert "001 paragraph" not in page


def test_partner_attaches_and_removes_a_document(client, area):
    application = ApplicationFactory(round=_round(area))
    user = partner_of(application.organisation)
    client.force_login(user)
    page = client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Budget 2026/27", "attachment-file": _pdf()},
        follow=True,
    )
    assert "Budget 2026/27 attached." in page.text
    attachment = application.attachments.get()
    download = client.get(f"/commissioning/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    page = client.post(f"/commissioning/applications/{application.pk}/attachments/{attachment.pk}/remove/", follow=True)
    assert "Budget 2026/27 removed." in page.text
    assert not application.attachments.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain"), "Upload a PDF, Word"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"), "not a PDF"),
    ],
)
def test_attachment_of_the_wrong_type_is_refused_with_a_message(client, area, upload, message):
    application = ApplicationFactory(round=_round(area))
    client.force_login(partner_of(application.organisation))
    page = client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Something", "attachment-file": upload},
    )
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert message in page.text
    assert not ApplicationAttachment.objects.exists()


def test_attachments_are_capped(client, area):
    application = ApplicationFactory(round=_round(area))
    client.force_login(partner_of(application.organisation))
    url = f"/commissioning/applications/{application.pk}/attachments/"
    for n in range(ApplicationAttachment.MAX_PER_APPLICATION):
        client.post(url, {"attachment-title": f"Document {n}", "attachment-file": _pdf(f"d{n}.pdf")})
    page = client.post(url, {"attachment-title": "One too many", "attachment-file": _pdf()})
    assert page.status_code == 400
    assert "at most 5 documents" in page.text
    assert application.attachments.count() == ApplicationAttachment.MAX_PER_APPLICATION


def test_no_attachment_after_submission(client, area):
    application = ApplicationFactory(round=_round(area), complete=True)
    _submit(client, application)
    assert application.status == Application.Status.SUBMITTED
    page = client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Late", "attachment-file": _pdf()},
    )
    assert page.status_code == 400
    assert "can no longer be changed" in page.text
    assert not application.attachments.exists()


def test_other_organisation_cannot_attach_or_download(client, area, other_area):
    application = ApplicationFactory(round=_round(area))
    owner = partner_of(application.organisation)
    client.force_login(owner)
    client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Budget", "attachment-file": _pdf()},
    )
    attachment = application.attachments.get()

    stranger = partner_of(ApplicationFactory(round=_round(area)).organisation)
    client.force_login(stranger)
    assert client.get(f"/commissioning/attachments/{attachment.pk}/").status_code == 404
    refused = client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Mine", "attachment-file": _pdf()},
    )
    assert refused.status_code == 404
    remove = client.post(f"/commissioning/applications/{application.pk}/attachments/{attachment.pk}/remove/")
    assert remove.status_code == 404
    assert application.attachments.count() == 1


def test_staff_of_the_area_read_attachments_and_staff_elsewhere_do_not(client, area, staff_user, other_area_staff):
    application = ApplicationFactory(round=_round(area))
    client.force_login(partner_of(application.organisation))
    client.post(
        f"/commissioning/applications/{application.pk}/attachments/",
        {"attachment-title": "Budget", "attachment-file": _pdf()},
    )
    attachment = application.attachments.get()
    client.force_login(staff_user)
    assert client.get(f"/commissioning/attachments/{attachment.pk}/").status_code == 200
    client.force_login(other_area_staff)
    assert client.get(f"/commissioning/attachments/{attachment.pk}/").status_code == 404
