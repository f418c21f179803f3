"""What consultations offers to site search: consultations and submitted responses (as published, redacted)."""

from django.db.models import Prefetch
from django.urls import reverse

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Answer, Consultation, Question, Redaction, Response
from .selectors import consultations_visible_to, responses_visible_to
from .services import redacted_text


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _consultations(rows):
    for consultation in rows:
        questions = " ".join(question.text for question in consultation.questions.all())
        yield SearchDocument(
            object_id=consultation.pk,
            title=consultation.title,
            body=f"{consultation.summary} {consultation.subject_description} {questions}",
            url=consultation.get_absolute_url(),
            kind="Consultation",
            force_area_id=consultation.force_area_id,
            date=consultation.opens_at,
        )


def _consultations_visible(user, ids):
    visible = _ids(consultations_visible_to(user).filter(pk__in=ids))
    if user.is_authenticated:
        return visible
    # Visitors read a consultation on its public page.
    return {pk: reverse("consultations:public_detail", kwargs={"pk": pk}) for pk in visible}


def _responses(rows):
    for response in rows:
        # Only the text as published: redacted phrases never reach the index.
        answers = " ".join(redacted_text(answer) for answer in response.answers.all())
        respondent = response.organisation.name if response.organisation_id else "Member of the public"
        yield SearchDocument(
            object_id=response.pk,
            title=f"Response from {respondent} to {response.consultation.title}",
            body=answers,
            url=response.get_absolute_url(),
            kind="Consultation response",
            force_area_id=response.consultation.force_area_id,
            date=response.submitted_at,
        )


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Consultation,
            queryset=lambda: Consultation.objects.prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("pk"))
            ),
            documents=_consultations,
            visible=_consultations_visible,
            parents={Question: "consultation_id"},
        ),
        SearchSource(
            model=Response,
            queryset=lambda: (
                Response.objects.filter(status=Response.Status.SUBMITTED)
                .select_related("consultation", "organisation")
                .prefetch_related(Prefetch("answers", queryset=Answer.objects.prefetch_related("redactions")))
            ),
            documents=_responses,
            visible=lambda user, ids: _ids(responses_visible_to(user).filter(pk__in=ids)),
            parents={Answer: "response_id", Redaction: "response_id"},
        ),
    ]
