"""Writes: every change to a plan goes through one of these services."""

import html
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags

from partners.models import OrganisationType
from partners.selectors import organisations_in_area, responsible_authorities_in_area
from pcc_portal.core.markdown import render_markdown
from pcc_portal.notifications.services import notify_on_commit

from . import permissions
from .models import TRANSITIONS, Comment, Distribution, Objective, Plan, PlanVersion, Priority, Section

S = PlanVersion.Status


class InvalidTransition(ValidationError):
    """The version is not in a state from which the move is allowed (or it changed meanwhile)."""


def section_plain_text(section: Section) -> str:
    """Return the text a reader sees in the section: the anchor for quoted passages."""
    return html.unescape(strip_tags(render_markdown(section.body)))


# Plans and versions


@transaction.atomic
def plan_create(
    *,
    user,
    force_area,
    title: str,
    period_start: date,
    period_end: date,
    commissioner: str,
    election_date: date | None = None,
    first_label: str = "First draft",
) -> Plan:
    """Create a plan and its first, empty draft."""
    if not permissions.can_create_plan(user) or not (user.is_administrator or force_area.pk in user.area_ids):
        raise PermissionDenied("Only the area's OPCC staff create its plans.")
    plan = Plan(
        force_area=force_area,
        title=title,
        period_start=period_start,
        period_end=period_end,
        commissioner=commissioner,
        election_date=election_date,
        created_by=user,
    )
    plan.full_clean()
    if plan.period_end <= plan.period_start:
        raise ValidationError({"period_end": "The plan period must end after it starts."})
    plan.save()
    version = PlanVersion(plan=plan, number=1, label=first_label, created_by=user)
    version.full_clean()
    version.save()
    return plan


@transaction.atomic
def plan_update(
    *, user, plan: Plan, title: str, period_start: date, period_end: date, commissioner: str, election_date: date | None
) -> Plan:
    """Change a plan's particulars; its area never changes."""
    if not permissions.can_manage_plan(user, plan):
        raise PermissionDenied("Only the area's OPCC staff change a plan.")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.title, plan.commissioner, plan.election_date = title, commissioner, election_date
    plan.period_start, plan.period_end = period_start, period_end
    if period_end <= period_start:
        raise ValidationError({"period_end": "The plan period must end after it starts."})
    plan.full_clean()
    plan.save()
    return plan


def _require_editable(user, version: PlanVersion) -> None:
    if not permissions.can_edit_version(user, version):
        if not version.is_editable:
            raise PermissionDenied("This version is no longer a draft: start a new version to change it.")
        raise PermissionDenied("Only the area's OPCC staff edit a draft plan.")


@transaction.atomic
def version_update(*, user, version: PlanVersion, **fields) -> PlanVersion:
    """Change a draft's label, summary or equality impact assessment."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _require_editable(user, version)
    allowed = {"label", "summary", "eia_status", "eia_date"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed here.")
        setattr(version, name, value)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def version_record_timetable(
    *,
    user,
    version: PlanVersion,
    panel_report_due: date | None,
    panel_report_received: date | None,
    panel_response_published: date | None,
) -> PlanVersion:
    """Record the panel's report and the Commissioner's response (any state: they happen after sharing)."""
    if not permissions.can_manage_plan(user, version.plan):
        raise PermissionDenied("Only the area's OPCC staff keep the plan's timetable.")
    if panel_response_published and not panel_report_received:
        raise ValidationError({"panel_response_published": "Record when the panel's report was received first."})
    if panel_response_published and panel_report_received and panel_response_published < panel_report_received:
        raise ValidationError({"panel_response_published": "The response cannot come before the report."})
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    version.panel_report_due = panel_report_due
    version.panel_report_received = panel_report_received
    version.panel_response_published = panel_response_published
    version.full_clean()
    version.save()
    return version


def _transition(*, user, version: PlanVersion, target: str, reason: str, **changes) -> PlanVersion:
    """Move the version to target if it is still where the caller saw it; record the change."""
    if target not in TRANSITIONS[version.status]:
        raise InvalidTransition(
            f"A version that is {version.get_status_display().lower()} cannot become {S(target).label.lower()}."
        )
    updated = PlanVersion.objects.filter(pk=version.pk, status=version.status).update(status=target, **changes)
    if not updated:
        raise InvalidTransition("Someone else changed this version meanwhile: reload the page and try again.")
    version.refresh_from_db()
    PlanVersion.history.bulk_history_create(
        [version], update=True, default_user=user if user.is_authenticated else None, default_change_reason=reason
    )
    return version


@transaction.atomic
def version_share_with_panel(*, user, version: PlanVersion) -> PlanVersion:
    """Send the draft to the area's panel: its members and secretariat can now read and comment."""
    if not permissions.can_manage_plan(user, version.plan):
        raise PermissionDenied("Only the area's OPCC staff share a plan with the panel.")
    if not version.sections.exists():
        raise ValidationError("Add at least one section before sharing the draft with the panel.")
    version = _transition(
        user=user, version=version, target=S.SHARED, reason="Shared with the panel", shared_at=timezone.now()
    )
    notify_on_commit(kind="plans.version_shared", object_id=version.pk)
    return version


@transaction.atomic
def version_open_consultation(*, user, version: PlanVersion, opens: datetime, closes: datetime) -> PlanVersion:
    """Put a shared version out to public consultation for the given window."""
    if not permissions.can_manage_plan(user, version.plan):
        raise PermissionDenied("Only the area's OPCC staff open a consultation.")
    if closes <= opens:
        raise ValidationError({"closes": "The consultation must close after it opens."})
    return _transition(
        user=user,
        version=version,
        target=S.CONSULTATION,
        reason="Public consultation opened",
        consultation_opens=opens,
        consultation_closes=closes,
    )


@transaction.atomic
def version_issue(*, user, version: PlanVersion) -> PlanVersion:
    """Issue the version: it becomes read-only and public, earlier versions are superseded,
    and it is sent to the chief constable and every responsible authority of the area."""
    if not permissions.can_manage_plan(user, version.plan):
        raise PermissionDenied("Only the area's OPCC staff issue a plan.")
    version = _transition(user=user, version=version, target=S.ISSUED, reason="Issued", issued_at=timezone.now())
    earlier = PlanVersion.objects.filter(
        plan=version.plan, status__in=[S.DRAFT, S.SHARED, S.CONSULTATION, S.ISSUED]
    ).exclude(pk=version.pk)
    for other in earlier.filter(number__lt=version.number):
        _transition(user=user, version=other, target=S.SUPERSEDED, reason=f"Superseded by version {version.number}")
    distribution_record(user=user, version=version)
    return version


def distribution_record(*, user, version: PlanVersion) -> list[Distribution]:
    """Record the issued plan's distribution (s5): idempotent, one row per organisation."""
    if version.status != S.ISSUED:
        raise InvalidTransition("Only an issued plan is distributed.")
    area_id = version.force_area_id
    recipients: dict[int, tuple] = {}
    for force in organisations_in_area(area_id).filter(org_type=OrganisationType.POLICE_FORCE):
        recipients[force.pk] = (force, Distribution.Recipient.CHIEF_CONSTABLE)
    for authority in responsible_authorities_in_area(area_id):
        recipients.setdefault(authority.pk, (authority, Distribution.Recipient.RESPONSIBLE_AUTHORITY))
    rows = []
    sent_at = version.issued_at or timezone.now()
    for organisation, recipient in recipients.values():
        row, _ = Distribution.objects.get_or_create(
            version=version,
            organisation=organisation,
            defaults={"recipient": recipient, "sent_at": sent_at, "sent_by": user if user.is_authenticated else None},
        )
        rows.append(row)
    return rows


@transaction.atomic
def version_create_from(*, user, source: PlanVersion, label: str) -> PlanVersion:
    """Start a new draft from a version (a revision, a variation or a correction), copying its contents."""
    if not permissions.can_manage_plan(user, source.plan):
        raise PermissionDenied("Only the area's OPCC staff start a new version.")
    Plan.objects.select_for_update().filter(pk=source.plan_id).first()
    number = (PlanVersion.objects.filter(plan_id=source.plan_id).aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion(
        plan_id=source.plan_id,
        number=number,
        label=label,
        based_on=source,
        summary="",
        eia_status=source.eia_status,
        eia_date=source.eia_date,
        created_by=user,
    )
    version.full_clean()
    version.save()
    for section in source.sections.all():
        Section.objects.create(
            version=version,
            key=section.key,
            heading=section.heading,
            body=section.body,
            position=section.position,
            statutory_element=section.statutory_element,
        )
    new_priorities = {}
    for priority in source.priorities.all():
        new_priorities[priority.pk] = Priority.objects.create(
            version=version,
            key=priority.key,
            title=priority.title,
            description=priority.description,
            rank=priority.rank,
            no_longer_priority=priority.no_longer_priority,
            position=priority.position,
            resources_pence=priority.resources_pence,
            resources_note=priority.resources_note,
        )
    for objective in source.objectives.all():
        objective.pk = None
        objective.id = None
        objective._state.adding = True
        objective.version = version
        objective.priority = new_priorities.get(objective.priority_id)
        objective.save()
    return version


# Contents of a draft


@transaction.atomic
def version_item_save(*, user, version: PlanVersion, item: Section | Priority | Objective):
    """Save a section, priority or objective of a draft after validating it."""
    PlanVersion.objects.select_for_update().filter(pk=version.pk).first()
    version.refresh_from_db()
    _require_editable(user, version)
    item.version = version
    if isinstance(item, Objective) and item.priority_id and item.priority.version_id != version.pk:
        raise ValidationError({"priority": "Choose a priority of this version."})
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def version_item_delete(*, user, item: Section | Priority | Objective) -> None:
    version = PlanVersion.objects.select_for_update().get(pk=item.version_id)
    _require_editable(user, version)
    item.delete()


# Comments


def _anchor(section: Section, quote: str, start: int | None, end: int | None) -> tuple[str, int | None, int | None]:
    """Check the quoted passage is in the section's text; return it with its offsets."""
    quote = quote.strip()
    if not quote:
        return "", None, None
    text = section_plain_text(section)
    if start is not None and end is not None and text[start:end].strip() == quote:
        leading = len(text[start:end]) - len(text[start:end].lstrip())
        return quote, start + leading, start + leading + len(quote)
    found = text.find(quote)
    if found < 0:
        raise ValidationError({"quote": "The quoted passage is not in this section's text. Copy it exactly."})
    return quote, found, found + len(quote)


@transaction.atomic
def comment_create(
    *,
    user,
    version: PlanVersion,
    section: Section,
    body: str,
    quote: str = "",
    quote_start: int | None = None,
    quote_end: int | None = None,
) -> Comment:
    """Start a thread on a section, or on a passage of it."""
    if section.version_id != version.pk:
        raise ValidationError("That section belongs to another version.")
    if not permissions.can_comment_on_version(user, version):
        raise PermissionDenied("Only the area's panel comments, while the version is under review.")
    quote, quote_start, quote_end = _anchor(section, quote, quote_start, quote_end)
    comment = Comment(
        version=version,
        section=section,
        author=user,
        body=body.strip(),
        quote=quote,
        quote_start=quote_start,
        quote_end=quote_end,
    )
    comment.full_clean()
    comment.save()
    notify_on_commit(kind="plans.comment", object_id=comment.pk)
    return comment


@transaction.atomic
def comment_reply(*, user, parent: Comment, body: str) -> Comment:
    if parent.parent_id is not None:
        parent = parent.parent
    if not permissions.can_reply_to_comment(user, parent):
        raise PermissionDenied("You cannot reply to this comment.")
    reply = Comment(version=parent.version, section=parent.section, parent=parent, author=user, body=body.strip())
    reply.full_clean()
    reply.save()
    notify_on_commit(kind="plans.comment", object_id=reply.pk)
    return reply


@transaction.atomic
def comment_resolve(*, user, comment: Comment) -> Comment:
    """Mark a thread resolved (race-safe: resolving twice changes nothing)."""
    if not permissions.can_resolve_comment(user, comment):
        raise PermissionDenied("You cannot resolve this comment.")
    updated = Comment.objects.filter(pk=comment.pk, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    comment.refresh_from_db()
    if updated:
        Comment.history.bulk_history_create([comment], update=True, default_user=user, default_change_reason="Resolved")
    return comment
