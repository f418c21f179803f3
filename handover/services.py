"""Writes for briefings: publishing, candidates, questions and answers sent to every candidate once."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.rate_limits import over_limit
from pcc_portal.notifications.services import notify_on_commit

from . import dispatch
from .models import Answer, AnswerDelivery, Briefing, Candidate, CandidateEmail, Question
from .permissions import can_create_briefing, can_manage_briefing, can_register_for_briefing
from .selectors import confirmed_candidates

CONFIRM_SALT = "handover.candidate-confirm"
ACCESS_SALT = "handover.candidate-access"
CONFIRM_MAX_AGE = 7 * 24 * 3600
REGISTRATION_LIMIT = 5
REGISTRATION_WINDOW = 3600
INVALID_LINK = "This link is not valid. Check that you copied all of it."


class RateLimited(Exception):
    """Too many attempts from one address."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("You may not do this.")


# --- Briefings ----------------------------------------------------------------------------------


@transaction.atomic
def briefing_create(*, user, force_area: ForceArea, election_date: datetime.date, introduction: str = "") -> Briefing:
    _require(can_create_briefing(user, force_area))
    briefing = Briefing(force_area=force_area, election_date=election_date, introduction=introduction)
    briefing.full_clean()
    briefing.save()
    return briefing


@transaction.atomic
def briefing_update(*, user, briefing: Briefing, introduction: str) -> Briefing:
    _require(can_manage_briefing(user, briefing))
    briefing.introduction = introduction
    briefing.full_clean()
    briefing.save(update_fields=["introduction", "updated_at"])
    return briefing


@transaction.atomic
def briefing_set_published(*, user, briefing: Briefing, published: bool) -> Briefing:
    _require(can_manage_briefing(user, briefing))
    briefing.published_at = (briefing.published_at or timezone.now()) if published else None
    briefing.save(update_fields=["published_at", "updated_at"])
    return briefing


# --- Candidates ---------------------------------------------------------------------------------


def registration_rate_limited(*, briefing_id: int, client_ip: str) -> bool:
    """Count this attempt; answer whether the address has registered too often lately."""
    key = f"handover:candidate-register:{briefing_id}:{client_ip}"
    return over_limit(key, limit=REGISTRATION_LIMIT, window=REGISTRATION_WINDOW)


def candidate_register(*, briefing: Briefing, name: str, email: str, party: str, client_ip: str) -> Candidate:
    """Record a registration; it counts once the candidate follows the emailed link."""
    if not can_register_for_briefing(briefing):
        raise PermissionDenied("This briefing is not open for registration.")
    if registration_rate_limited(briefing_id=briefing.pk, client_ip=client_ip):
        raise RateLimited("Too many registrations have been sent from your connection. Please try again in an hour.")
    candidate = Candidate(briefing=briefing, name=name.strip(), email=email.strip().lower(), party=party.strip())
    candidate.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            candidate.save()
            transaction.on_commit(lambda: dispatch.candidate_email(candidate.pk, CandidateEmail.Kind.CONFIRM))
    except IntegrityError:
        raise ValidationError({"email": "This email address is already registered for this briefing."}) from None
    return candidate


def confirmation_token(candidate: Candidate) -> str:
    return signing.dumps({"c": candidate.pk, "e": candidate.email}, salt=CONFIRM_SALT)


def access_token(candidate: Candidate) -> str:
    """The candidate's personal link (to ask questions): no password, tied to the address."""
    return signing.dumps({"c": candidate.pk, "e": candidate.email}, salt=ACCESS_SALT)


def _candidate_from(token: str, *, salt: str, max_age: int | None) -> Candidate:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError("This link has expired. Please register again.") from None
    except signing.BadSignature:
        raise ValidationError(INVALID_LINK) from None
    candidate = (
        Candidate.objects.select_related("briefing", "briefing__force_area")
        .filter(pk=data.get("c"), email=data.get("e"))
        .first()
    )
    if candidate is None:
        raise ValidationError(INVALID_LINK)
    return candidate


def candidate_confirm(*, token: str) -> Candidate:
    """Confirm a registration from the emailed link; the link works once."""
    candidate = _candidate_from(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    with transaction.atomic():
        changed = Candidate.objects.filter(pk=candidate.pk, status=Candidate.Status.AWAITING_CONFIRMATION).update(
            status=Candidate.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        if not changed:
            raise ValidationError("This link has already been used. Use the personal link in your welcome email.")
        candidate.refresh_from_db()
        candidate.save(update_fields=["status"])  # history
        transaction.on_commit(lambda: dispatch.candidate_email(candidate.pk, CandidateEmail.Kind.WELCOME))
    return candidate


def candidate_from_access_token(token: str) -> Candidate:
    """Return the confirmed candidate behind a personal link."""
    candidate = _candidate_from(token, salt=ACCESS_SALT, max_age=None)
    if candidate.status != Candidate.Status.CONFIRMED:
        raise ValidationError("This registration is not active. Please contact the office.")
    return candidate


@transaction.atomic
def candidate_withdraw(*, user, candidate: Candidate) -> Candidate:
    """Withdraw a registration: no more answers are sent to it and it cannot ask questions."""
    _require(can_manage_briefing(user, candidate.briefing))
    changed = (
        Candidate.objects.filter(pk=candidate.pk)
        .exclude(status=Candidate.Status.WITHDRAWN)
        .update(status=Candidate.Status.WITHDRAWN, withdrawn_at=timezone.now())
    )
    if not changed:
        raise ValidationError("This candidate has already been withdrawn.")
    candidate.refresh_from_db()
    candidate.save(update_fields=["status"])  # history
    return candidate


# --- Questions and answers ----------------------------------------------------------------------


@transaction.atomic
def question_ask(*, candidate: Candidate, text: str) -> Question:
    candidate = Candidate.objects.select_for_update().select_related("briefing").get(pk=candidate.pk)
    if candidate.status != Candidate.Status.CONFIRMED or not candidate.briefing.is_published:
        raise PermissionDenied("This registration may not ask questions.")
    question = Question(briefing=candidate.briefing, candidate=candidate, text=text.strip())
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def answer_give(*, user, question: Question, text: str, correction: bool = False) -> Answer:
    """Answer a question once, or add a correction; every confirmed candidate receives it."""
    question = Question.objects.select_for_update().select_related("briefing").get(pk=question.pk)
    _require(can_manage_briefing(user, question.briefing))
    if not question.briefing.is_published:
        raise ValidationError("Publish the briefing before answering: the answer goes onto its public page.")
    answered = question.answers.exists()
    if answered and not correction:
        raise ValidationError("This question has been answered. An answer cannot be changed; add a correction.")
    if correction and not answered:
        raise ValidationError("There is no answer to correct yet.")
    answer = Answer(question=question, text=text.strip(), is_correction=correction, answered_by=user)
    answer.full_clean()
    answer.save()
    transaction.on_commit(lambda: dispatch.answer_delivery(answer.pk))
    notify_on_commit(kind="handover.answer", object_id=answer.pk)
    return answer


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _claim(delivery_ids: list[int], model) -> list[int]:
    """Claim unsent ledger rows (a row claimed by another run is skipped)."""
    claimed = []
    now = timezone.now()
    for pk in delivery_ids:
        if model.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now):
            claimed.append(pk)
    return claimed


def answer_deliver(*, answer_id: int) -> int:
    """Email the answer to every confirmed candidate of its briefing, once each; return how many were sent."""
    answer = Answer.objects.select_related("question", "question__briefing__force_area").get(pk=answer_id)
    briefing = answer.question.briefing
    candidates = list(confirmed_candidates(briefing.pk))
    AnswerDelivery.objects.bulk_create(
        [AnswerDelivery(candidate=c, answer=answer, route=AnswerDelivery.Route.ANSWER) for c in candidates],
        ignore_conflicts=True,
    )
    rows = dict(
        AnswerDelivery.objects.filter(answer=answer, candidate__in=candidates, sent_at__isnull=True).values_list(
            "candidate_id", "pk"
        )
    )
    sent = 0
    page_url = _site_url(briefing.get_absolute_url())
    for candidate in candidates:
        pk = rows.get(candidate.pk)
        if pk is None or not _claim([pk], AnswerDelivery):
            continue
        context = {"candidate": candidate, "briefing": briefing, "answer": answer, "page_url": page_url}
        kind = "Correction to an answer" if answer.is_correction else "Answer to a candidate's question"
        try:
            send_mail(
                f"{kind}: {briefing.force_area.name} briefing",
                render_to_string("emails/handover/answer.txt", context),
                None,
                [candidate.email],
            )
        except Exception:
            AnswerDelivery.objects.filter(pk=pk).update(sent_at=None)
            raise
        sent += 1
    return sent


def candidate_email_send(*, candidate_id: int, kind: str) -> int:
    """Send the confirmation request or the welcome (with a digest of earlier answers) once."""
    candidate = Candidate.objects.select_related("briefing__force_area").get(pk=candidate_id)
    briefing = candidate.briefing
    if kind == CandidateEmail.Kind.WELCOME and candidate.status != Candidate.Status.CONFIRMED:
        return 0
    row, _ = CandidateEmail.objects.get_or_create(candidate=candidate, kind=kind)
    if not _claim([row.pk], CandidateEmail):
        return 0
    context = {"candidate": candidate, "briefing": briefing, "page_url": _site_url(briefing.get_absolute_url())}
    digest_ids: list[int] = []
    if kind == CandidateEmail.Kind.CONFIRM:
        subject = f"Confirm your registration: {briefing.force_area.name} briefing for candidates"
        context["confirm_url"] = _site_url(
            reverse("handover:candidate_confirm", kwargs={"token": confirmation_token(candidate)})
        )
        template = "emails/handover/confirm.txt"
    else:
        subject = f"Registration confirmed: {briefing.force_area.name} briefing for candidates"
        context["access_url"] = _site_url(reverse("handover:candidate_home", kwargs={"token": access_token(candidate)}))
        answers = list(
            Answer.objects.filter(question__briefing=briefing).select_related("question").order_by("answered_at", "pk")
        )
        # Earlier answers go in this digest; the ledger row stops the answer's own email repeating them.
        AnswerDelivery.objects.bulk_create(
            [AnswerDelivery(candidate=candidate, answer=a, route=AnswerDelivery.Route.DIGEST) for a in answers],
            ignore_conflicts=True,
        )
        unsent = dict(
            AnswerDelivery.objects.filter(candidate=candidate, answer__in=answers, sent_at__isnull=True).values_list(
                "answer_id", "pk"
            )
        )
        digest_ids = _claim(list(unsent.values()), AnswerDelivery)
        claimed_answers = {answer_id for answer_id, pk in unsent.items() if pk in digest_ids}
        context["digest"] = [a for a in answers if a.pk in claimed_answers]
        template = "emails/handover/welcome.txt"
    try:
        send_mail(subject, render_to_string(template, context), None, [candidate.email])
    except Exception:
        CandidateEmail.objects.filter(pk=row.pk).update(sent_at=None)
        AnswerDelivery.objects.filter(pk__in=digest_ids).update(sent_at=None)
        raise
    return 1
