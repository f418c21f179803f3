"""What consultations offers to site search: consultation events with their findings and actions,
consultations, and submitted responses (as published, redacted).

An event's internal notes are never indexed; who reads an event is decided by its own selector.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Action, Answer, Consultation, ConsultationEvent, Finding, Question, Redaction, Response
from .selectors import consultations_visible_to, events_visible_to, responses_visible_to
from .services import redacted_text


def _events(rows):
    for event in rows:
        findings = " ".join(finding.text for finding in event.findings.all())
        actions = " ".join(f"{action.heading} {action.text}" for action in event.actions.all())
        areas = [area.pk for area in event.force_areas.all()]
        yield SearchDocument(
            object_id=event.pk,
            title=event.title,
            body=f"{event.organiser}. {event.purpose} {event.executive_summary} {event.method} {findings} {actions}",
            url=event.get_absolute_url(),
            kind="Consultation event",
            # An event in several areas is filed under its first; the selector decides who sees it.
            force_area_id=min(areas) if areas else None,
            date=event.starts_on,
        )


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


def _consultations_visible(user):
    # Visitors read a consultation on its public page (see `published` below).
    if not user.is_authenticated:
        return Consultation.objects.none()
    return consultations_visible_to(user)


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
            model=ConsultationEvent,
            queryset=lambda: ConsultationEvent.objects.prefetch_related(
                "force_areas",
                Prefetch("findings", queryset=Finding.objects.order_by("theme__position", "position", "pk")),
                Prefetch("actions", queryset=Action.objects.order_by("responsible", "position", "pk")),
            ),
            documents=_events,
            visible=events_visible_to,
            parents={Finding: "event_id", Action: "event_id"},
        ),
        SearchSource(
            model=Consultation,
            queryset=lambda: Consultation.objects.prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("pk"))
            ),
            documents=_consultations,
            visible=_consultations_visible,
            published=lambda: consultations_visible_to(AnonymousUser()),
            public_url="consultations:public_detail",
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
            visible=responses_visible_to,
            parents={Answer: "response_id", Redaction: "response_id"},
        ),
    ]
