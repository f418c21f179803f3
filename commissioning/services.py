"""Writes for commissioning: each service checks access and state, runs in one
transaction, and moves a workflow with a race-safe conditional update."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from partners.models import Organisation
from partners.selectors import organisation_of
from pcc_portal.accounts.models import ForceArea
from pcc_portal.notifications.services import notify_on_commit

from . import permissions
from .formula import AllocationError, Share, allocate
from .models import (
    Allocation,
    AllocationLine,
    Application,
    ApplicationAttachment,
    ApplicationReceipt,
    Assignment,
    Criterion,
    Decision,
    FundingStream,
    Grant,
    Instalment,
    MonitoringReturn,
    PrioritySpendEntry,
    Score,
    StreamSpendEntry,
    Variation,
)

APPLICATION_FIELDS = [
    "title",
    "summary",
    "amount_requested_pence",
    "period_start",
    "period_end",
    "evidence_base",
    "value_for_money",
    "outcomes",
    "measures",
    "who_is_served",
    "serves_domestic_sexual_abuse_victims",
    "serves_drug_misusing_offenders",
    "serves_young_people",
    "serves_mental_health",
    "risk_if_not_funded",
]
REQUIRED_TO_SUBMIT = Application.REQUIRED_TO_SUBMIT


def _require(verdict: bool, message: str = "You cannot do that.") -> None:
    if not verdict:
        raise PermissionDenied(message)


def _move(model, pk: int, *, source: str | Iterable[str], target: str, **changes) -> None:
    """Move an object's status only if it is still in a source state (race-safe)."""
    sources = [source] if isinstance(source, str) else list(source)
    allowed = model.TRANSITIONS
    if not all(target in allowed[s] for s in sources):
        raise ValidationError(f"Cannot move from {', '.join(sources)} to {target}.")
    updated = model.objects.filter(pk=pk, status__in=sources).update(status=target, **changes)
    if not updated:
        raise ValidationError("This record has changed since you opened it. Reload the page and try again.")
    obj = model.objects.get(pk=pk)
    obj.save()  # record the change in its history (simple_history listens to save)


# Funding streams and allocations -------------------------------------------------


@transaction.atomic
def stream_create(*, user, force_area, name: str, financial_year: int, budget_pence: int, description: str = ""):
    _require(permissions.is_commissioner_staff(user, force_area.pk))
    stream = FundingStream(
        force_area=force_area,
        name=name,
        financial_year=financial_year,
        budget_pence=budget_pence,
        description=description,
    )
    stream.full_clean()
    stream.save()
    return stream


def population_of(organisation: Organisation) -> int | None:
    """Return an organisation's population, or for a partnership the sum of the councils it covers."""
    if organisation.population:
        return organisation.population
    covered = [c.population for c in organisation.covers.all() if c.population]
    return sum(covered) or None


@transaction.atomic
def allocation_preview(
    *,
    user,
    stream: FundingStream,
    title: str,
    total_pence: int,
    floor_pence: int = 0,
    recipients: Iterable[Organisation],
    weights: Mapping[int, Decimal] | None = None,
    populations: Mapping[int, int] | None = None,
) -> Allocation:
    """Work out a draft allocation (a preview) of a total across recipients by population share."""
    _require(permissions.can_manage_stream(user, stream))
    weights = weights or {}
    populations = populations or {}
    recipients = list(recipients)
    shares = []
    missing = []
    for organisation in recipients:
        population = populations.get(organisation.pk) or population_of(organisation)
        if not population:
            missing.append(organisation.name)
            continue
        shares.append(
            Share(key=organisation.pk, population=population, weight=weights.get(organisation.pk, Decimal(1)))
        )
    if missing:
        raise ValidationError(f"Enter a population for: {', '.join(missing)}.")
    try:
        amounts = allocate(total=total_pence, shares=shares, floor=floor_pence)
    except AllocationError as error:
        raise ValidationError(str(error)) from error
    allocation = Allocation(
        stream=stream, title=title, total_pence=total_pence, floor_pence=floor_pence, created_by=user
    )
    allocation.full_clean()
    allocation.save()
    AllocationLine.objects.bulk_create(
        AllocationLine(
            allocation=allocation,
            organisation_id=share.key,
            population=share.population,
            weight=share.weight,
            amount_pence=amounts[share.key],
        )
        for share in shares
    )
    return allocation


@transaction.atomic
def allocation_lock(*, user, allocation: Allocation) -> Allocation:
    """Fix a previewed allocation: it can no longer change."""
    _require(permissions.is_commissioner_staff(user, allocation.stream.force_area_id))
    total = sum(allocation.lines.values_list("amount_pence", flat=True))
    if total != allocation.total_pence:  # never lock an allocation that does not add up
        raise ValidationError("The amounts do not add up to the total.")
    _move(
        Allocation,
        allocation.pk,
        source=Allocation.Status.DRAFT,
        target=Allocation.Status.LOCKED,
        locked_at=timezone.now(),
        locked_by=user,
    )
    allocation.refresh_from_db()
    return allocation


@transaction.atomic
def allocation_discard(*, user, allocation: Allocation) -> None:
    _require(permissions.is_commissioner_staff(user, allocation.stream.force_area_id))
    deleted, _ = Allocation.objects.filter(pk=allocation.pk, status=Allocation.Status.DRAFT).delete()
    if not deleted:
        raise ValidationError("A locked allocation cannot be discarded.")


# Applications ------------------------------------------------------------------


@transaction.atomic
def application_create(*, user, round_, title: str) -> Application:
    organisation = organisation_of(user)
    allowed, reason = permissions.can_apply(user, round_, organisation=organisation)
    _require(allowed, reason)
    application = Application(round=round_, organisation=organisation, title=title, created_by=user)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_update(
    *, user, application: Application, data: Mapping, priorities=None, answers: Mapping | None = None
) -> Application:
    """Save a draft's fields; refused once submitted or once the round has closed (nothing is saved)."""
    locked = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    allowed, reason = permissions.can_edit_application(user, locked, organisation=organisation_of(user))
    if not allowed:
        raise ValidationError(reason)
    for field in APPLICATION_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    if answers is not None:
        known = {str(q) for q in locked.round.questions.values_list("pk", flat=True)}
        locked.answers = {k: v for k, v in answers.items() if k in known}
    locked.full_clean()
    if locked.period_start and locked.period_end and locked.period_end < locked.period_start:
        raise ValidationError({"period_end": "The period must end after it starts."})
    if locked.round.max_award_pence and (locked.amount_requested_pence or 0) > locked.round.max_award_pence:
        raise ValidationError({"amount_requested_pence": "This is more than the round's largest award."})
    locked.save()
    if priorities is not None:
        allowed_ids = set(locked.round.priorities.values_list("pk", flat=True))
        locked.priorities.set([p for p in priorities if not allowed_ids or p.pk in allowed_ids])
    return locked


def reference_prefix(area: ForceArea) -> str:
    """Return the letters that start an area's application references: LEI for leicestershire."""
    letters = "".join(c for c in area.code if c.isalpha())
    return (letters[:3] or "APP").upper()


def _next_reference(area_id: int, *, year: int) -> str:
    """Return the area's next reference for the year, e.g. LEI-2026-0042.

    The area's row is locked first, so two submissions at the same moment wait for each
    other and never get the same number. Call inside a transaction.
    """
    area = ForceArea.objects.select_for_update(no_key=True).get(pk=area_id)
    start = f"{reference_prefix(area)}-{year}-"
    taken = Application.objects.filter(round__stream__force_area_id=area_id, reference__startswith=start)
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in taken.values_list("reference", flat=True) if ref[-1].isdigit()]
    return f"{start}{max(numbers, default=0) + 1:04d}"


@transaction.atomic
def application_submit(*, user, application: Application) -> Application:
    """Submit a complete draft before the round closes; give it a reference and queue the receipt."""
    application = Application.objects.select_related("round__stream").get(pk=application.pk)
    allowed, reason = permissions.can_edit_application(user, application, organisation=organisation_of(user))
    if not allowed:
        raise ValidationError(reason)
    missing = [
        str(Application._meta.get_field(f).verbose_name)
        for f in REQUIRED_TO_SUBMIT
        if getattr(application, f) in (None, "")
    ]
    unanswered = [q.text for q in application.round.questions.all() if not application.answers.get(str(q.pk))]
    if missing or unanswered:
        raise ValidationError(f"Complete these before submitting: {', '.join(missing + unanswered)}.")
    if not application.priorities.exists():
        raise ValidationError("Choose at least one plan priority the project serves.")
    now = timezone.now()
    reference = _next_reference(application.round.stream.force_area_id, year=timezone.localdate(now).year)
    updated = Application.objects.filter(
        pk=application.pk, status=Application.Status.DRAFT, round__closes_at__gt=now
    ).update(status=Application.Status.SUBMITTED, submitted_at=now, submitted_by=user, reference=reference)
    if not updated:
        raise ValidationError("The round has closed, so this application can no longer be submitted.")
    application.refresh_from_db()
    application.save()
    return application


def application_receipt_send(*, application_id: int) -> int:
    """Email the receipt for a submitted application once per address; return how many were sent."""
    application = Application.objects.select_related(
        "round__stream__force_area", "organisation", "submitted_by", "created_by"
    ).get(pk=application_id)
    if application.status == Application.Status.DRAFT or not application.reference:
        return 0
    # The person who submitted it, and the person who started it if someone else.
    people = [application.submitted_by, application.created_by]
    recipients = list(dict.fromkeys(p.email.lower() for p in people if p is not None and p.is_active and p.email))
    sent = 0
    for email in recipients:
        receipt, _ = ApplicationReceipt.objects.get_or_create(application=application, email=email)
        # Claim the row: a second run (or a retried task) finds it already sent.
        if not ApplicationReceipt.objects.filter(pk=receipt.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
            continue
        context = {
            "application": application,
            "attachments": application.attachments.all(),
            "site_url": settings.SITE_URL,
        }
        try:
            send_mail(
                f"Application received ({application.reference}): {application.title}",
                render_to_string("emails/commissioning/application_receipt.txt", context),
                None,
                [email],
            )
        except Exception:
            ApplicationReceipt.objects.filter(pk=receipt.pk).update(sent_at=None)
            raise
        sent += 1
    return sent


@transaction.atomic
def attachment_add(*, user, application: Application, title: str, file) -> ApplicationAttachment:
    """Attach a checked document to a draft; refused once submitted or when the cap is reached."""
    locked = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    allowed, reason = permissions.can_edit_application(user, locked, organisation=organisation_of(user))
    if not allowed:
        raise ValidationError(reason)
    if locked.attachments.count() >= ApplicationAttachment.MAX_PER_APPLICATION:
        raise ValidationError(
            f"An application can have at most {ApplicationAttachment.MAX_PER_APPLICATION} documents: "
            "remove one before adding another."
        )
    attachment = ApplicationAttachment(
        application=locked, title=title.strip(), file=file, size=file.size, uploaded_by=user
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, user, attachment: ApplicationAttachment) -> None:
    """Remove a document from a draft; refused once the application is submitted."""
    locked = Application.objects.select_for_update().select_related("round").get(pk=attachment.application_id)
    allowed, reason = permissions.can_edit_application(user, locked, organisation=organisation_of(user))
    if not allowed:
        raise ValidationError(reason)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# Assessment --------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, user, application: Application, assessor) -> Assignment:
    _require(permissions.can_moderate(user, application))
    assignment, _ = Assignment.objects.get_or_create(application=application, assessor=assessor)
    return assignment


@transaction.atomic
def assignment_declare(*, user, assignment: Assignment, has_conflict: bool, details: str = "") -> Assignment:
    """Record the assessor's declaration of interests; a conflicted assessor cannot score."""
    _require(assignment.assessor_id == user.pk, "Only the assigned assessor declares their interests.")
    if assignment.has_conflict is not None:
        raise ValidationError("You have already declared your interests for this application.")
    if has_conflict and not details.strip():
        raise ValidationError({"conflict_details": "Describe the conflict of interest."})
    assignment.has_conflict = has_conflict
    assignment.conflict_details = details
    assignment.conflict_declared_at = timezone.now()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_score(*, user, assignment: Assignment, scores: Mapping[int, tuple[int, str]]) -> Assignment:
    """Record the assessor's scores and comments against every criterion."""
    _require(assignment.assessor_id == user.pk, "Only the assigned assessor scores.")
    if assignment.has_conflict is None:
        raise ValidationError("Declare any conflict of interest before scoring.")
    if assignment.has_conflict:
        raise ValidationError("You declared a conflict of interest, so you cannot score this application.")
    if assignment.application.status != Application.Status.SUBMITTED:
        raise ValidationError("Scoring has closed for this application.")
    criteria = {c.pk: c for c in Criterion.objects.filter(round=assignment.application.round_id)}
    if set(scores) != set(criteria):
        raise ValidationError("Score every criterion.")
    for pk, (value, comment) in scores.items():
        if not 0 <= value <= criteria[pk].max_score:
            raise ValidationError(f"{criteria[pk].title}: score from 0 to {criteria[pk].max_score}.")
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=pk, defaults={"score": value, "comment": comment}
        )
    assignment.completed_at = timezone.now()
    assignment.save()
    return assignment


@transaction.atomic
def application_moderate(
    *, user, application: Application, recommendation: str, amount_pence: int | None, notes: str
) -> Application:
    """Record the moderated recommendation from the assessors' scores."""
    _require(permissions.can_moderate(user, application))
    if recommendation not in {"award", "decline", "defer"}:
        raise ValidationError("Choose a recommendation.")
    if recommendation == "award" and not amount_pence:
        raise ValidationError({"recommended_amount_pence": "Enter the amount recommended."})
    if application.assignments.filter(has_conflict=True, scores__isnull=False).exists():
        raise ValidationError("A conflicted assessor's scores cannot be moderated.")
    sources = [Application.Status.SUBMITTED, Application.Status.RECOMMENDED, Application.Status.DEFERRED]
    current = Application.objects.get(pk=application.pk).status
    if current not in sources:
        raise ValidationError("This application has been decided.")
    _move(
        Application,
        application.pk,
        source=current,
        target=Application.Status.RECOMMENDED,
        recommendation=recommendation,
        recommended_amount_pence=amount_pence if recommendation == "award" else None,
        moderation_notes=notes,
        moderated_by=user,
        moderated_at=timezone.now(),
    )
    application.refresh_from_db()
    return application


@transaction.atomic
def application_decide(
    *, user, application: Application, outcome: str, amount_pence: int | None, reasons: str
) -> Decision:
    """Decide (award, decline, defer) and publish the decision record."""
    _require(permissions.can_moderate(user, application))
    targets = {
        Decision.Outcome.AWARD: Application.Status.AWARDED,
        Decision.Outcome.DECLINE: Application.Status.DECLINED,
        Decision.Outcome.DEFER: Application.Status.DEFERRED,
    }
    if outcome not in targets:
        raise ValidationError("Choose award, decline or defer.")
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision: they are published."})
    if outcome == Decision.Outcome.AWARD and not amount_pence:
        raise ValidationError({"amount_pence": "Enter the amount awarded."})
    _move(Application, application.pk, source=Application.Status.RECOMMENDED, target=targets[outcome])
    area = application.round.stream.force_area
    count = Decision.objects.filter(application__round__stream__force_area=area).count() + 1
    decision = Decision(
        application=application,
        outcome=outcome,
        amount_pence=amount_pence if outcome == Decision.Outcome.AWARD else None,
        reasons=reasons,
        decided_by=user,
        reference=f"{area.code[:20].upper()}-D{count:04d}-{application.pk}",
    )
    decision.full_clean()
    decision.save()
    application.refresh_from_db()
    notify_on_commit(kind="commissioning.decision", object_id=decision.pk)
    return decision


# Grants ------------------------------------------------------------------------


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


@transaction.atomic
def grant_create(
    *,
    user,
    stream: FundingStream,
    recipient: Organisation,
    reference: str,
    title: str,
    purpose: str,
    amount_pence: int,
    award_date: datetime.date,
    start_date: datetime.date,
    end_date: datetime.date,
    conditions: str = "",
    repayment_conditions: str = "",
    priorities=(),
    instalments: int = 1,
    return_frequency_months: int = 3,
    application: Application | None = None,
    is_published: bool = True,
) -> Grant:
    """Make a grant with its payment schedule (equal instalments) and monitoring returns."""
    _require(permissions.is_commissioner_staff(user, stream.force_area_id))
    if application is not None:
        if application.status != Application.Status.AWARDED:
            raise ValidationError("Only an awarded application becomes a grant.")
        if application.round.stream_id != stream.pk:
            raise ValidationError("The grant must come from the application's funding stream.")
    if instalments < 1:
        raise ValidationError({"instalments": "Pay in at least one instalment."})
    grant = Grant(
        force_area_id=stream.force_area_id,
        stream=stream,
        application=application,
        recipient=recipient,
        reference=reference,
        title=title,
        purpose=purpose,
        amount_pence=amount_pence,
        award_date=award_date,
        start_date=start_date,
        end_date=end_date,
        conditions=conditions,
        repayment_conditions=repayment_conditions,
        return_frequency_months=return_frequency_months,
        is_published=is_published,
    )
    grant.full_clean()
    grant.save()
    grant.priorities.set(priorities)
    months = max(1, (end_date.year - start_date.year) * 12 + end_date.month - start_date.month + 1)
    step = max(1, months // instalments)
    Instalment.objects.bulk_create(
        Instalment(grant=grant, due_date=start_date + relativedelta(months=i * step), amount_pence=amount)
        for i, amount in enumerate(_split(amount_pence, instalments))
    )
    MonitoringReturn.objects.bulk_create(_return_schedule(grant))
    return grant


def _return_schedule(grant: Grant) -> list[MonitoringReturn]:
    """Return one return per period (e.g. quarter) of the grant, each due a month after its period ends."""
    returns = []
    period_start = grant.start_date
    while period_start <= grant.end_date:
        period_end = min(
            period_start + relativedelta(months=grant.return_frequency_months) - datetime.timedelta(days=1),
            grant.end_date,
        )
        returns.append(
            MonitoringReturn(
                grant=grant,
                period_start=period_start,
                period_end=period_end,
                due_date=period_end + relativedelta(months=1),
            )
        )
        period_start = period_end + datetime.timedelta(days=1)
    return returns


@transaction.atomic
def grant_complete(*, user, grant: Grant) -> Grant:
    """Close a grant that has run its course; it leaves the overview's live lists."""
    _require(permissions.can_manage_grant(user, grant))
    if grant.returns.filter(status=MonitoringReturn.Status.DUE).exists():
        raise ValidationError("Every monitoring return must be in before the grant is completed.")
    _move(Grant, grant.pk, source=Grant.Status.ACTIVE, target=Grant.Status.COMPLETED)
    grant.refresh_from_db()
    return grant


@transaction.atomic
def grant_terminate(*, user, grant: Grant, reason: str) -> Grant:
    """End a grant early (e.g. a breach of its conditions), recording why as a variation."""
    _require(permissions.can_manage_grant(user, grant))
    if not reason.strip():
        raise ValidationError({"reason": "Say why the grant is terminated."})
    _move(Grant, grant.pk, source=Grant.Status.ACTIVE, target=Grant.Status.TERMINATED)
    Variation.objects.create(grant=grant, description=f"Terminated: {reason}", recorded_by=user)
    grant.refresh_from_db()
    return grant


@transaction.atomic
def instalment_mark_paid(*, user, instalment: Instalment, paid_on: datetime.date) -> Instalment:
    _require(permissions.can_manage_grant(user, instalment.grant))
    if instalment.paid_on:
        raise ValidationError("This instalment is already recorded as paid.")
    instalment.paid_on = paid_on
    instalment.full_clean()
    instalment.save()
    return instalment


@transaction.atomic
def return_submit(
    *, user, monitoring_return: MonitoringReturn, outputs: str, outcomes: str, spend_to_date_pence: int | None
) -> MonitoringReturn:
    """Submit a monitoring return: outputs and outcomes against the grant's measures."""
    allowed, reason = permissions.can_submit_return(user, monitoring_return, organisation=organisation_of(user))
    _require(allowed, reason)
    if not outputs.strip() or not outcomes.strip():
        raise ValidationError("Describe both the outputs and the outcomes.")
    _move(
        MonitoringReturn,
        monitoring_return.pk,
        source=MonitoringReturn.Status.DUE,
        target=MonitoringReturn.Status.SUBMITTED,
        outputs=outputs,
        outcomes=outcomes,
        spend_to_date_pence=spend_to_date_pence,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    monitoring_return.refresh_from_db()
    return monitoring_return


@transaction.atomic
def return_accept(*, user, monitoring_return: MonitoringReturn) -> MonitoringReturn:
    _require(permissions.can_manage_grant(user, monitoring_return.grant))
    _move(
        MonitoringReturn,
        monitoring_return.pk,
        source=MonitoringReturn.Status.SUBMITTED,
        target=MonitoringReturn.Status.ACCEPTED,
    )
    monitoring_return.refresh_from_db()
    return monitoring_return


@transaction.atomic
def variation_record(
    *,
    user,
    grant: Grant,
    description: str,
    amount_change_pence: int = 0,
    new_end_date: datetime.date | None = None,
) -> Variation:
    """Vary a grant's amount or end date, keeping the record of what changed."""
    _require(permissions.can_manage_grant(user, grant))
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.amount_pence + amount_change_pence <= 0:
        raise ValidationError({"amount_change_pence": "The grant would be nothing or less."})
    variation = Variation(
        grant=grant,
        description=description,
        amount_change_pence=amount_change_pence,
        new_end_date=new_end_date,
        recorded_by=user,
    )
    variation.full_clean()
    variation.save()
    grant.amount_pence += amount_change_pence
    if new_end_date:
        if new_end_date < grant.start_date:
            raise ValidationError({"new_end_date": "The grant cannot end before it starts."})
        grant.end_date = new_end_date
    grant.full_clean()
    grant.save()
    return variation


# Spend totals ---------------------------------------------------------------------

# The advisory lock whose shared side every spend trigger holds (migration 0006): a rebuild takes it alone.
SPEND_TOTALS_LOCK = 5371960033


@transaction.atomic
def spend_totals_rebuild() -> int:
    """Sum the grants afresh into one spend entry per key; return how many entries there are.

    The triggers keep the entries right as grants change; this folds the entries they added into one per key (a
    bulk load adds many), and repairs the totals should anything have bypassed the triggers. Writers wait while it
    runs (PostgreSQL: the advisory lock; SQLite: one writer at a time), so no change is counted twice or lost.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SPEND_TOTALS_LOCK])
    StreamSpendEntry.objects.all().delete()
    PrioritySpendEntry.objects.all().delete()
    live = Grant.objects.exclude(status=Grant.Status.TERMINATED).order_by()
    totals = {"total_pence": Sum("amount_pence"), "grant_count": Count("pk")}
    streams = StreamSpendEntry.objects.bulk_create(
        StreamSpendEntry(
            force_area_id=row["force_area_id"],
            stream_id=row["stream_id"],
            org_type=row["recipient__org_type"],
            total_pence=row["total_pence"],
            grant_count=row["grant_count"],
        )
        for row in live.values("force_area_id", "stream_id", "recipient__org_type").annotate(**totals)
    )
    priorities = PrioritySpendEntry.objects.bulk_create(
        PrioritySpendEntry(
            force_area_id=row["force_area_id"],
            priority_id=row["priorities"],
            total_pence=row["total_pence"],
            grant_count=row["grant_count"],
        )
        for row in live.values("force_area_id", "priorities").annotate(**totals)
    )
    return len(streams) + len(priorities)
