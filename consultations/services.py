"""Writes: each service checks permission and state, runs in one transaction, records history."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from partners.selectors import organisation_of
from pcc_portal.core import spreadsheets
from pcc_portal.core.rate_limits import over_limit

from .models import (
    Action,
    AnalystNote,
    Answer,
    Attendee,
    Consultation,
    ConsultationDocument,
    ConsultationEvent,
    FeedbackDelivery,
    Finding,
    Outcome,
    Question,
    ReceiptDelivery,
    Redaction,
    Response,
    ResponseTag,
    Session,
    Theme,
)
from .permissions import (
    can_edit_response,
    can_manage_consultation,
    can_manage_event,
    can_publish_response,
    can_respond_as_organisation,
    consultation_accepts_changes,
)

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "consultations.response-confirmation"
CONFIRMATION_MAX_AGE = timedelta(days=7)
PUBLIC_RESPONSE_LIMIT = 5  # per address and consultation
PUBLIC_RESPONSE_WINDOW = 60 * 60  # seconds


class RateLimited(Exception):
    """Too many public responses from one address."""


def _require(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def _refuse(verdict) -> None:
    """Raise the verdict's reason as a validation error (shown on the page)."""
    if not verdict:
        raise ValidationError(verdict.reason)


# --- Consultations -----------------------------------------------------------------------------


@transaction.atomic
def consultation_save(*, consultation: Consultation, invited=None, invited_offered=None, user) -> Consultation:
    """Create or change a consultation; a published one whose closing date has passed stays as it is.

    Invited organisations outside `invited_offered` (those the editor was not offered:
    another area's, or since deactivated) stay invited.
    """
    if consultation.pk:
        _require(can_manage_consultation(user, Consultation.objects.get(pk=consultation.pk)))
        stored = Consultation.objects.get(pk=consultation.pk)
        if stored.status == Consultation.Status.PUBLISHED and stored.has_closed():
            raise ValidationError("This consultation has closed: it can no longer be changed.")
    elif not (user.is_administrator or consultation.force_area_id in user.area_ids):
        raise PermissionDenied("You may only create consultations in your own force areas.")
    if consultation.subject != Consultation.Subject.PLAN_VERSION:
        consultation.plan_version = None
    consultation.created_by = consultation.created_by or user
    consultation.full_clean()
    consultation.save()
    if invited is not None:
        kept = consultation.invited_organisations.exclude(pk__in=invited_offered) if invited_offered is not None else []
        consultation.invited_organisations.set([*invited, *kept])
    return consultation


def consultation_publish(*, consultation: Consultation, user) -> Consultation:
    _require(can_manage_consultation(user, consultation))
    if not consultation.questions.exists():
        raise ValidationError("Add at least one question before publishing.")
    with transaction.atomic():
        changed = Consultation.objects.filter(pk=consultation.pk, status=Consultation.Status.DRAFT).update(
            status=Consultation.Status.PUBLISHED
        )
        if not changed:
            raise ValidationError("This consultation is already published.")
        consultation.refresh_from_db()
        consultation.save()  # records the change in history
    return consultation


def _editable_before_publication(consultation: Consultation) -> None:
    if consultation.status != Consultation.Status.DRAFT:
        raise ValidationError("Questions can only be changed before the consultation is published.")


@transaction.atomic
def question_add(
    *, consultation: Consultation, user, text: str, kind: str, required: bool, choices: list[str], help_text: str = ""
) -> Question:
    _require(can_manage_consultation(user, consultation))
    _editable_before_publication(consultation)
    position = consultation.questions.count() + 1
    question = Question(
        consultation=consultation,
        text=text,
        kind=kind,
        required=required,
        choices=choices,
        help_text=help_text,
        position=position,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, user) -> None:
    _require(can_manage_consultation(user, question.consultation))
    _editable_before_publication(question.consultation)
    question.delete()


@transaction.atomic
def document_add(*, consultation: Consultation, user, title: str, upload) -> ConsultationDocument:
    _require(can_manage_consultation(user, consultation))
    if consultation.has_closed():
        raise ValidationError("This consultation has closed: documents can no longer be added.")
    document = ConsultationDocument(consultation=consultation, title=title, file=upload, size=upload.size)
    document.full_clean()
    document.save()
    return document


# --- Responses by partner organisations ---------------------------------------------------------


def response_start(*, consultation: Consultation, user) -> Response:
    """Return the organisation's response, creating its draft on first use."""
    _refuse(can_respond_as_organisation(user, consultation))
    organisation = organisation_of(user)
    try:
        with transaction.atomic():
            response, _ = Response.objects.get_or_create(
                consultation=consultation, organisation=organisation, defaults={"submitted_by": None}
            )
    except IntegrityError:  # two tabs starting at once: the other one won
        response = Response.objects.get(consultation=consultation, organisation=organisation)
    return response


def _write_answers(response: Response, values: dict[int, dict]) -> None:
    questions = {q.pk: q for q in response.consultation.questions.all()}
    existing = {a.question_id: a for a in response.answers.all()}
    for question_id, value in values.items():
        if question_id not in questions:
            continue
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        answer.text = value.get("text", "") or ""
        answer.selected = value.get("selected", []) or []
        answer.rating = value.get("rating")
        if answer.pk or not answer.is_empty:
            answer.full_clean(exclude=["response", "question"])
            answer.save()


def response_save_draft(*, response: Response, user, values: dict[int, dict]) -> Response:
    """Save the draft's answers as they are typed; refused once submitted or closed."""
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("consultation").get(pk=response.pk)
        _refuse(can_edit_response(user, response))
        _write_answers(response, values)
        response.save(update_fields=["updated_at"])
    return response


def _reference_for(response: Response) -> str:
    code = response.consultation.force_area.code.replace("-", "")[:4].upper()
    return f"{code}-{response.consultation_id}-{response.pk:05d}"


def response_submit(*, response: Response, user, values: dict[int, dict], consent: bool) -> Response:
    """Submit the organisation's response: refused after the close, with nothing changed."""
    now = timezone.now()
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("consultation__force_area").get(pk=response.pk)
        _refuse(can_edit_response(user, response, at=now))
        _write_answers(response, values)
        missing = [
            q.text
            for q in response.consultation.questions.filter(required=True)
            if not any(a.question_id == q.pk and not a.is_empty for a in response.answers.all())
        ]
        if missing:
            raise ValidationError("Answer every required question before you submit.")
        # Race-safe: only a draft of a consultation still open becomes submitted.
        changed = Response.objects.filter(
            pk=response.pk, status=Response.Status.DRAFT, consultation__closes_at__gt=now
        ).update(
            status=Response.Status.SUBMITTED,
            submitted_by=user,
            submitted_at=now,
            received_at=now,
            publication_consent=consent,
            reference=_reference_for(response),
        )
        if not changed:
            raise ValidationError("This response could not be submitted: the consultation has closed.")
        response.refresh_from_db()
        response.save(update_fields=["updated_at"])  # history
        transaction.on_commit(lambda: _queue_email(response.pk, ReceiptDelivery.Kind.RECEIPT))
    return response


# --- Public responses ---------------------------------------------------------------------------


def public_response_rate_limited(*, consultation_id: int, client_ip: str) -> bool:
    """Count this attempt; answer whether the address has sent too many lately (Django's cache)."""
    key = f"consultations:public-response:{consultation_id}:{client_ip}"
    return over_limit(key, limit=PUBLIC_RESPONSE_LIMIT, window=PUBLIC_RESPONSE_WINDOW)


def public_response_create(
    *,
    consultation: Consultation,
    name: str,
    email: str,
    values: dict[int, dict],
    consent: bool,
    client_ip: str,
    organisation_name: str = "",
) -> Response:
    """Record a public response; it counts only once the email address is confirmed."""
    if not consultation.is_public:
        raise PermissionDenied("This consultation does not take public responses.")
    _refuse(consultation_accepts_changes(consultation))
    if public_response_rate_limited(consultation_id=consultation.pk, client_ip=client_ip):
        raise RateLimited("Too many responses have been sent from your connection. Please try again in an hour.")
    with transaction.atomic():
        response = Response(
            consultation=consultation,
            respondent_name=name,
            respondent_organisation=organisation_name.strip(),
            respondent_email=email.lower(),
            status=Response.Status.AWAITING_CONFIRMATION,
            publication_consent=consent,
            received_at=timezone.now(),
        )
        response.full_clean()
        response.save()
        _write_answers(response, values)
        transaction.on_commit(lambda: _queue_email(response.pk, ReceiptDelivery.Kind.CONFIRMATION))
    return response


def confirmation_token(response: Response) -> str:
    return signing.dumps({"r": response.pk, "e": response.respondent_email}, salt=CONFIRMATION_SALT)


def response_confirm(*, token: str) -> Response:
    """Confirm a public response from the emailed link; confirming twice is harmless."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError("This link has expired. Please send your response again.") from None
    except signing.BadSignature:
        raise ValidationError("This link is not valid. Check that you copied all of it.") from None
    response = (
        Response.objects.select_related("consultation__force_area")
        .filter(pk=data.get("r"), respondent_email=data.get("e"))
        .first()
    )
    if response is None:
        raise ValidationError("This link is not valid. Check that you copied all of it.")
    if response.status == Response.Status.SUBMITTED:
        return response
    with transaction.atomic():
        changed = Response.objects.filter(pk=response.pk, status=Response.Status.AWAITING_CONFIRMATION).update(
            status=Response.Status.SUBMITTED, submitted_at=timezone.now(), reference=_reference_for(response)
        )
        response.refresh_from_db()
        if changed:
            response.save(update_fields=["updated_at"])
            transaction.on_commit(lambda: _queue_email(response.pk, ReceiptDelivery.Kind.RECEIPT))
    return response


# --- Emails (through Celery, idempotent) ---------------------------------------------------------


def _queue_email(response_id: int, kind: str) -> None:
    from .tasks import send_response_email

    send_response_email.delay(response_id, kind)


def _recipients_for(response: Response) -> list[str]:
    if response.organisation_id is None:
        return [response.respondent_email] if response.respondent_email else []
    emails = []
    if response.submitted_by_id and response.submitted_by.email:
        emails.append(response.submitted_by.email)
    return emails


def response_email_send(*, response_id: int, kind: str) -> int:
    """Send the receipt (or the confirmation request) once per address; return how many were sent."""
    response = Response.objects.select_related("consultation__force_area", "organisation", "submitted_by").get(
        pk=response_id
    )
    sent = 0
    for email in _recipients_for(response):
        delivery, _ = ReceiptDelivery.objects.get_or_create(response=response, kind=kind, email=email)
        # Claim the row: a second run (or a retried task) finds it already sent.
        claimed = ReceiptDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        if not claimed:
            continue
        context = {"response": response, "consultation": response.consultation, "site_url": settings.SITE_URL}
        if kind == ReceiptDelivery.Kind.CONFIRMATION:
            path = reverse("consultations:public_confirm", kwargs={"token": confirmation_token(response)})
            context["confirm_url"] = f"{settings.SITE_URL}{path}"
            subject = f"Confirm your response: {response.consultation.title}"
            template = "emails/consultations/confirm_response.txt"
        else:
            subject = f"Response received ({response.reference}): {response.consultation.title}"
            template = "emails/consultations/receipt.txt"
        try:
            send_mail(subject, render_to_string(template, context), None, [email])
        except Exception:
            ReceiptDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
            raise
        sent += 1
    return sent


# --- Analysis -----------------------------------------------------------------------------------


@transaction.atomic
def response_tag_add(*, response: Response, user, theme, answer=None, excerpt: str = "") -> ResponseTag:
    _require(can_manage_consultation(user, response.consultation))
    tag = ResponseTag(response=response, theme=theme, answer=answer, excerpt=excerpt, created_by=user)
    tag.full_clean()
    tag.save()
    return tag


@transaction.atomic
def response_tag_remove(*, tag: ResponseTag, user) -> None:
    _require(can_manage_consultation(user, tag.response.consultation))
    tag.delete()


@transaction.atomic
def analyst_note_add(*, response: Response, user, text: str) -> AnalystNote:
    _require(can_manage_consultation(user, response.consultation))
    note = AnalystNote(response=response, author=user, text=text)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def redaction_add(*, response: Response, user, answer: Answer, phrase: str, reason: str) -> Redaction:
    _require(can_manage_consultation(user, response.consultation))
    if answer.response_id != response.pk or phrase not in answer.text:
        raise ValidationError("These words do not appear in that answer.")
    if not reason.strip():
        raise ValidationError("Record why the words are redacted.")
    redaction = Redaction(response=response, answer=answer, phrase=phrase, reason=reason.strip(), created_by=user)
    redaction.full_clean()
    redaction.save()
    return redaction


def redacted_text(answer: Answer) -> str:
    """Return the answer's text as published: each redacted phrase replaced."""
    text = answer.text
    for redaction in answer.redactions.all():
        text = text.replace(redaction.phrase, Redaction.REPLACEMENT)
    return text


def response_publish(*, response: Response, user) -> Response:
    """Publish a submitted response; only with the respondent's consent."""
    _refuse(can_publish_response(user, response))
    with transaction.atomic():
        changed = Response.objects.filter(
            pk=response.pk, status=Response.Status.SUBMITTED, publication_consent=True, published_at__isnull=True
        ).update(published_at=timezone.now())
        if not changed:
            raise ValidationError("This response is already published.")
        response.refresh_from_db()
        response.save(update_fields=["updated_at"])
    return response


def response_unpublish(*, response: Response, user) -> Response:
    _require(can_manage_consultation(user, response.consultation))
    with transaction.atomic():
        Response.objects.filter(pk=response.pk).update(published_at=None)
        response.refresh_from_db()
        response.save(update_fields=["updated_at"])
    return response


@transaction.atomic
def outcome_add(
    *, consultation: Consultation, user, you_said: str, we_did: str, themes=(), changed_plan_version=None
) -> Outcome:
    _require(can_manage_consultation(user, consultation))
    if changed_plan_version is not None and changed_plan_version.plan.force_area_id != consultation.force_area_id:
        raise ValidationError("Choose a plan version of the consultation's force area.")
    outcome = Outcome(
        consultation=consultation,
        you_said=you_said,
        we_did=we_did,
        changed_plan_version=changed_plan_version,
        position=consultation.outcomes.count() + 1,
    )
    outcome.full_clean()
    outcome.save()
    outcome.themes.set(themes)
    return outcome


def outcomes_publish(*, consultation: Consultation, user) -> Consultation:
    _require(can_manage_consultation(user, consultation))
    if not consultation.outcomes.exists():
        raise ValidationError('Add at least one "You said, we did" statement before publishing.')
    with transaction.atomic():
        changed = Consultation.objects.filter(
            pk=consultation.pk, status=Consultation.Status.PUBLISHED, outcomes_published_at__isnull=True
        ).update(outcomes_published_at=timezone.now())
        if not changed:
            raise ValidationError("The outcomes are already published (or the consultation is not).")
        consultation.refresh_from_db()
        consultation.save()
    return consultation


# --- Exports ------------------------------------------------------------------------------------


def export_table(consultation: Consultation) -> tuple[list[str], list[list]]:
    """Return the header and one row per counted response, one column per question."""
    from partners.models import OrganisationType

    from .selectors import responses_for_export

    questions = list(consultation.questions.order_by("position", "pk").values_list("pk", "text", "kind"))
    header = ["Reference", "Respondent", "Organisation type", "Submitted at (London)", "May be published", "Themes"]
    header += [f"Q{i}. {text}" for i, (_pk, text, _kind) in enumerate(questions, start=1)]
    # Whether each column shows a rating as its number is the question's, so it is worked out once, not per cell.
    columns = [(pk, kind == Question.Kind.RATING) for pk, _text, kind in questions]
    responses, answers_of, themes_of = responses_for_export(consultation)
    org_types = {value: str(label) for value, label in OrganisationType.choices}
    zone = timezone.get_current_timezone()  # looked up once, not per row as localtime() would
    no_answers: dict[int, tuple] = {}
    rows = []
    for (
        pk,
        reference,
        organisation_name,
        org_type,
        respondent_organisation,
        respondent_name,
        submitted_at,
        publication_consent,
    ) in responses:
        answers = answers_of.get(pk, no_answers)
        row = [
            reference,
            Response.respondent_of(organisation_name, respondent_organisation, respondent_name),
            "Member of the public" if organisation_name is None else org_types.get(org_type, org_type),
            submitted_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if submitted_at else "",
            "Yes" if publication_consent else "No",
            "; ".join(sorted(themes_of.get(pk, ()))),
        ]
        for question_pk, is_rating in columns:
            answer = answers.get(question_pk)
            if answer is None:
                row.append("")
            elif is_rating:
                row.append(answer[2])
            else:
                row.append(Answer.display_of(*answer))
        rows.append(row)
    return header, rows


def export_csv(consultation: Consultation) -> bytes:
    header, rows = export_table(consultation)
    return spreadsheets.csv_bytes(header, rows)


def _format_responses_sheet(sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # One font and alignment for the whole header: the workbook keeps each distinct style once anyway.
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = wrapped
    sheet.freeze_panes = "B2"
    for index in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18 if index <= 6 else 40


def export_xlsx(consultation: Consultation) -> bytes:
    header, rows = export_table(consultation)
    return spreadsheets.xlsx_bytes(header, rows, sheet="Responses", format_sheet=_format_responses_sheet)


# --- Events -------------------------------------------------------------------------------------


def action_set_status(*, action: Action, user, status: str) -> Action:
    _require(can_manage_event(user, action.event))
    if status not in Action.TRANSITIONS.get(action.status, set()):
        raise ValidationError(
            f"An action that is {action.get_status_display().lower()} cannot become "
            f"{Action.Status(status).label.lower()}."
        )
    with transaction.atomic():
        changed = Action.objects.filter(pk=action.pk, status=action.status).update(status=status)
        if not changed:
            raise ValidationError("Someone else changed this action's status: reload the page.")
        action.refresh_from_db()
        action.save()
    return action


def event_feedback_recipients(event: ConsultationEvent) -> list[str]:
    """Return the email addresses of everyone who attended the event's sessions (and its child events')."""
    from .models import Attendee

    emails = (
        Attendee.objects.filter(Q(session__event=event) | Q(session__event__parent=event), attended=True)
        .exclude(contact__email="")
        .exclude(contact__isnull=True)
        .values_list("contact__email", flat=True)
    )
    return sorted({e.lower() for e in emails})


def event_feedback_queue(*, event: ConsultationEvent, user) -> int:
    """Queue the feedback summary to the participants; return how many will receive it."""
    _require(can_manage_event(user, event))
    if not event.feedback_summary.strip():
        raise ValidationError("Write the feedback summary before sending it.")
    recipients = event_feedback_recipients(event)
    if not recipients:
        raise ValidationError("No participant with an email address attended: there is nobody to send it to.")
    from .tasks import send_event_feedback

    transaction.on_commit(lambda: send_event_feedback.delay(event.pk))
    return len(recipients)


def event_feedback_send(*, event_id: int) -> int:
    """Email the feedback summary to each participant once (the ledger remembers)."""
    event = ConsultationEvent.objects.get(pk=event_id)
    sent = 0
    for email in event_feedback_recipients(event):
        delivery, _ = FeedbackDelivery.objects.get_or_create(event=event, email=email)
        claimed = FeedbackDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        if not claimed:
            continue
        body = render_to_string(
            "emails/consultations/event_feedback.txt", {"event": event, "site_url": settings.SITE_URL}
        )
        try:
            send_mail(f"Feedback: {event.title}", body, None, [email])
        except Exception:
            FeedbackDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
            raise
        sent += 1
    return sent


def _event_areas_allowed(user, areas) -> bool:
    return user.is_administrator or (
        user.role == "opcc_staff" and bool(areas) and {a.pk for a in areas} <= set(user.area_ids)
    )


@transaction.atomic
def event_save(*, event: ConsultationEvent, areas, user) -> ConsultationEvent:
    """Create or change an event; staff may only place it in their own force areas.

    A shared event keeps the areas the editor cannot see: staff of one area who save
    it never take it away from the other areas' staff.
    """
    areas = list(areas)
    if not _event_areas_allowed(user, areas):
        raise PermissionDenied("You may only record events in your own force areas.")
    if event.pk:
        stored = ConsultationEvent.objects.get(pk=event.pk)
        _require(can_manage_event(user, stored))
        if not user.is_administrator:
            areas += list(stored.force_areas.exclude(pk__in=user.area_ids))
    event.created_by = event.created_by or user
    event.full_clean()
    event.save()
    event.force_areas.set(areas)
    return event


@transaction.atomic
def session_add(*, event: ConsultationEvent, user, session: Session) -> Session:
    _require(can_manage_event(user, event))
    if not event.force_areas.filter(pk=session.force_area_id).exists():
        raise ValidationError("Choose one of the event's force areas.")
    session.event = event
    session.position = event.sessions.count() + 1
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def attendee_add(*, session: Session, user, attendee: Attendee) -> Attendee:
    _require(can_manage_event(user, session.event))
    if attendee.contact_id and attendee.contact.organisation_id != attendee.organisation_id:
        raise ValidationError("Choose a contact of the chosen organisation.")
    attendee.session = session
    attendee.full_clean()
    attendee.save()
    return attendee


@transaction.atomic
def finding_add(*, event: ConsultationEvent, user, finding: Finding, areas) -> Finding:
    _require(can_manage_event(user, event))
    event_area_ids = set(event.force_areas.values_list("pk", flat=True))
    if not areas or not {a.pk for a in areas} <= event_area_ids:
        raise ValidationError("Choose the areas that raised it, among the event's areas.")
    if finding.session_id and finding.session.event_id != event.pk:
        raise ValidationError("Choose one of this event's sessions.")
    finding.event = event
    finding.position = event.findings.count() + 1
    finding.full_clean()
    finding.save()
    finding.areas.set(areas)
    return finding


@transaction.atomic
def action_add(*, event: ConsultationEvent, user, action: Action) -> Action:
    _require(can_manage_event(user, event))
    action.event = event
    action.status = Action.Status.OPEN
    action.position = event.actions.filter(responsible=action.responsible).count() + 1
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def theme_add(*, user, group: str, name: str) -> Theme:
    """Extend the theme list (OPCC staff and administrators)."""
    if not (user.is_administrator or user.role == "opcc_staff"):
        raise PermissionDenied("Only OPCC staff may add themes.")
    key = slugify(f"{group} {name}")[:80] if group != name else slugify(name)[:80]
    if Theme.objects.filter(key=key).exists():
        raise ValidationError("That theme already exists.")
    last = Theme.objects.order_by("-position").values_list("position", flat=True).first() or 0
    theme = Theme(group=group.strip(), name=name.strip(), key=key, position=last + 10)
    theme.full_clean()
    theme.save()
    return theme


# --- Events: changing and removing what was recorded -------------------------------------------


def _check_session_area(session: Session) -> None:
    if not session.event.force_areas.filter(pk=session.force_area_id).exists():
        raise ValidationError("Choose one of the event's force areas.")


@transaction.atomic
def session_update(*, session: Session, user) -> Session:
    """Save changes to a session (its attendees and findings stay with it)."""
    _require(can_manage_event(user, session.event))
    _check_session_area(session)
    if session.findings.exclude(areas=session.force_area_id).exists():
        raise ValidationError(
            f"Some of this session's findings were not raised by {session.force_area}. "
            "Change those findings' areas first, or keep the session's area."
        )
    session.full_clean()
    session.save()
    return session


def session_delete_refusal(session: Session) -> str:
    """Why the session cannot be deleted ("" when it can)."""
    count = session.findings.count()
    if count:
        return (
            f"This session has {count} finding{'s' if count != 1 else ''}. Move {'them' if count != 1 else 'it'} "
            "to another session (or to no session) by editing each finding, then delete the session."
        )
    return ""


@transaction.atomic
def session_delete(*, session: Session, user) -> None:
    """Delete a session and its attendees; refused while findings point at it."""
    _require(can_manage_event(user, session.event))
    session = Session.objects.select_for_update().get(pk=session.pk)
    reason = session_delete_refusal(session)
    if reason:
        raise ValidationError(reason)
    for attendee in session.attendees.all():
        attendee.delete()  # one history row each
    session.delete()


@transaction.atomic
def attendee_update(*, attendee: Attendee, user) -> Attendee:
    """Save changes to an attendee, possibly moving them to another session of the same event."""
    original_event_id = Attendee.objects.filter(pk=attendee.pk).values_list("session__event_id", flat=True).get()
    _require(can_manage_event(user, attendee.session.event))
    if attendee.session.event_id != original_event_id:
        raise ValidationError("Choose one of this event's sessions.")
    if attendee.contact_id and attendee.contact.organisation_id != attendee.organisation_id:
        raise ValidationError("Choose a contact of the chosen organisation.")
    attendee.full_clean()
    attendee.save()
    return attendee


@transaction.atomic
def attendee_delete(*, attendee: Attendee, user) -> None:
    _require(can_manage_event(user, attendee.session.event))
    attendee.delete()


@transaction.atomic
def finding_update(*, finding: Finding, user, areas) -> Finding:
    event = finding.event
    _require(can_manage_event(user, event))
    event_area_ids = set(event.force_areas.values_list("pk", flat=True))
    if not areas or not {a.pk for a in areas} <= event_area_ids:
        raise ValidationError("Choose the areas that raised it, among the event's areas.")
    if finding.session_id and finding.session.event_id != event.pk:
        raise ValidationError("Choose one of this event's sessions.")
    finding.full_clean()
    finding.save()
    finding.areas.set(areas)
    return finding


@transaction.atomic
def finding_delete(*, finding: Finding, user) -> None:
    _require(can_manage_event(user, finding.event))
    finding.delete()


@transaction.atomic
def action_update(*, action: Action, user) -> Action:
    """Save an action's wording, owner or group; its status changes through action_set_status."""
    _require(can_manage_event(user, action.event))
    stored = Action.objects.select_for_update().get(pk=action.pk)
    action.status = stored.status
    if stored.responsible != action.responsible:
        action.position = action.event.actions.filter(responsible=action.responsible).count() + 1
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_delete(*, action: Action, user) -> None:
    _require(can_manage_event(user, action.event))
    action.delete()
