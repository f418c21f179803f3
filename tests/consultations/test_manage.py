import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations.models import Consultation, ConsultationDocument, Question

from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _form(area, organisation, **extra):
    return {
        "force_area": area.pk,
        "title": "Community safety funding",
        "summary": "Tell us what to fund.",
        "subject": "commissioning",
        "subject_description": "Funding allocations",
        "opens_at": "2031-02-01T09:00",
        "closes_at": "2031-03-10T23:59",
        "audience": "invited",
        "invited_organisations": [organisation.pk],
        **extra,
    }


def test_staff_creates_a_consultation_in_london_time(client, staff_user, area, organisation):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:create"), _form(area, organisation))
    consultation = Consultation.objects.get()
    assert response.url == consultation.get_absolute_url()
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.created_by == staff_user
    assert list(consultation.invited_organisations.all()) == [organisation]
    # 10 March is GMT: 23:59 London is 23:59 UTC; 1 February likewise.
    assert consultation.closes_at == datetime.datetime(2031, 3, 10, 23, 59, tzinfo=datetime.UTC)


def test_closing_before_opening_is_refused_on_the_form(client, staff_user, area, organisation):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:create"), _form(area, organisation, closes_at="2031-01-01T09:00"))
    assert response.status_code == 200
    assert "The closing date must be after the opening date." in response.content.decode()
    assert not Consultation.objects.exists()


def test_invited_consultation_needs_invitees(client, staff_user, area, organisation):
    client.force_login(staff_user)
    data = _form(area, organisation)
    del data["invited_organisations"]
    response = client.post(reverse("consultations:create"), data)
    assert "Invite at least one organisation" in response.content.decode()


def test_plan_consultation_needs_a_plan_version_of_the_area(client, staff_user, area, other_area, organisation):
    from tests.plans.factories import PlanFactory, PlanVersionFactory

    foreign = PlanVersionFactory(plan=PlanFactory(force_area=other_area))
    client.force_login(staff_user)
    response = client.post(
        reverse("consultations:create"),
        _form(area, organisation, subject="plan_version", plan_version=foreign.pk, subject_description=""),
    )
    assert response.status_code == 200
    assert not Consultation.objects.exists()


def test_staff_cannot_create_in_another_area(client, staff_user, other_area, organisation):
    client.force_login(staff_user)
    response = client.post(reverse("consultations:create"), _form(other_area, organisation))
    assert response.status_code == 200
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("role", ["partner", "panel_member", "panel_secretariat"])
def test_only_staff_create_consultations(client, area, role):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory(role=role, areas=[area]))
    assert client.get(reverse("consultations:create")).status_code == 403


def test_questions_are_added_then_frozen_by_publication(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, draft=True)
    client.force_login(staff_user)
    client.post(
        reverse("consultations:question_add", args=[consultation.pk]),
        {"text": "Which priority?", "kind": "single", "choices_text": "Victims\nOffenders", "required": "on"},
    )
    question = consultation.questions.get()
    assert question.choices == ["Victims", "Offenders"]
    assert question.required
    client.post(reverse("consultations:publish", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED
    page = client.post(
        reverse("consultations:question_add", args=[consultation.pk]), {"text": "Late", "kind": "text"}, follow=True
    )
    assert "only be changed before the consultation is published" in page.content.decode()
    assert consultation.questions.count() == 1


def test_choice_question_needs_options(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, draft=True)
    client.force_login(staff_user)
    page = client.post(
        reverse("consultations:question_add", args=[consultation.pk]),
        {"text": "Which?", "kind": "multiple", "choices_text": "Only one"},
        follow=True,
    )
    assert "at least two options" in page.content.decode()
    assert not Question.objects.exists()


def test_publishing_needs_a_question(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, draft=True)
    client.force_login(staff_user)
    page = client.post(reverse("consultations:publish", args=[consultation.pk]), follow=True)
    assert "Add at least one question" in page.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.DRAFT


def test_closed_consultation_cannot_be_edited(client, staff_user, area):
    consultation = ConsultationFactory(force_area=area, closed=True)
    QuestionFactory(consultation=consultation)
    client.force_login(staff_user)
    data = {
        "force_area": area.pk,
        "title": "Renamed",
        "summary": "x",
        "subject": "other",
        "subject_description": "y",
        "opens_at": "2020-01-01T09:00",
        "closes_at": "2040-01-01T09:00",
        "audience": "public",
    }
    page = client.post(reverse("consultations:edit", args=[consultation.pk]), data)
    assert "has closed" in page.content.decode()
    consultation.refresh_from_db()
    assert consultation.title != "Renamed"


def test_pdf_document_upload_is_accepted_and_downloadable_by_invited_partner(client, staff_user, partner, consultation):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("draft-plan.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    client.post(reverse("consultations:document_add", args=[consultation.pk]), {"title": "Draft plan", "file": upload})
    document = ConsultationDocument.objects.get()
    assert document.size == len(b"%PDF-1.7\n...")
    client.force_login(partner)
    download = client.get(reverse("consultations:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "Upload a document of one of these types"),
        ("fake.pdf", b"<html>not a pdf</html>", "is not a .pdf document"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client, staff_user, consultation, name, content, message):
    client.force_login(staff_user)
    page = client.post(
        reverse("consultations:document_add", args=[consultation.pk]),
        {"title": "Doc", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in page.content.decode()
    assert not ConsultationDocument.objects.exists()


def test_oversized_upload_is_refused(client, staff_user, consultation, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(staff_user)
    page = client.post(
        reverse("consultations:document_add", args=[consultation.pk]),
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))},
        follow=True,
    )
    assert "too large" in page.content.decode()
    assert not ConsultationDocument.objects.exists()


def test_document_of_invisible_consultation_is_404(client, other_partner, area):
    consultation = ConsultationFactory(force_area=area)
    document = ConsultationDocument.objects.create(
        consultation=consultation, title="Secret", file=SimpleUploadedFile("a.txt", b"hello"), size=5
    )
    client.force_login(other_partner)
    assert client.get(reverse("consultations:document_download", args=[document.pk])).status_code == 404
