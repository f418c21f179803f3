"""Writes of partner records: each service validates, runs in one transaction and keeps history."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import (
    BULLETIN_TRANSITIONS,
    Bulletin,
    BulletinArticle,
    BulletinDelivery,
    BulletinEvent,
    BulletinSection,
    Contact,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationDuty,
    PartnershipMember,
)
from .selectors import bulletin_contents, bulletin_recipients

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 5


class InvalidTransition(Exception):
    """The object is no longer in the state the change starts from."""


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation,
    force_areas=None,
    covers=None,
    covers_offered=None,
    duties: list[str] | None = None,
) -> Organisation:
    """Validate and save an organisation (new or changed) with its areas, what it covers and its duties.

    `covers_offered` are the councils the editor could choose from: the ones it
    covers outside them (another area's councils) stay as they are.
    """
    organisation.full_clean()
    organisation.save()
    if force_areas is not None:
        organisation.force_areas.set(force_areas)
    if covers is not None:
        kept = organisation.covers.exclude(pk__in=covers_offered) if covers_offered is not None else []
        organisation.covers.set([*covers, *kept])
    if duties is not None:
        # Delete and create one by one so that each change is in the duty's history.
        for held in organisation.duties.exclude(duty__in=duties):
            held.delete()
        for duty in duties:
            OrganisationDuty.objects.get_or_create(organisation=organisation, duty=duty)
    return organisation


@transaction.atomic
def organisation_set_active(*, organisation: Organisation, active: bool) -> Organisation:
    """Deactivate or reactivate an organisation (soft: its records stay); race-safe, with history."""
    changed = Organisation.objects.filter(pk=organisation.pk, is_active=not active).update(
        is_active=active, updated_at=timezone.now()
    )
    if not changed:
        state = "active" if active else "deactivated"
        raise InvalidTransition(f"{organisation.name} is already {state}.")
    organisation.refresh_from_db()
    organisation.save()  # a history record of the change
    return organisation


@transaction.atomic
def partnership_member_save(*, member: PartnershipMember) -> PartnershipMember:
    """Validate and save a board member (new or changed): one organisation once per board."""
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def partnership_member_remove(*, member: PartnershipMember) -> None:
    """Remove a member from a board; the history keeps the removal."""
    member.delete()


@transaction.atomic
def contact_save(*, contact: Contact, consent_changed_at: datetime | None = None) -> Contact:
    """Validate and save a contact; record when bulletin consent was given or withdrawn."""
    if contact.pk:
        before = Contact.objects.filter(pk=contact.pk).values_list("bulletin_consent", flat=True).first()
    else:
        before = False
    if contact.bulletin_consent and not before:
        contact.bulletin_consent_at = consent_changed_at or timezone.now()
    elif not contact.bulletin_consent:
        contact.bulletin_consent_at = None
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def engagement_save(
    *,
    engagement: Engagement,
    organisations,
    partner_attendees=None,
    user=None,
    organisations_offered=None,
    partner_attendees_offered=None,
) -> Engagement:
    """Validate and save an engagement with the organisations (and, if given, partner attendees) present.

    Those recorded but outside what the editor was offered (an organisation that has since left
    the area) stay recorded.
    """
    if engagement.pk is None and user is not None:
        engagement.created_by = user
    engagement.full_clean()
    engagement.save()
    kept = engagement.organisations.exclude(pk__in=organisations_offered) if organisations_offered is not None else []
    engagement.organisations.set([*organisations, *kept])
    if partner_attendees is not None:
        kept = (
            engagement.partner_attendees.exclude(pk__in=partner_attendees_offered)
            if partner_attendees_offered is not None
            else []
        )
        engagement.partner_attendees.set([*partner_attendees, *kept])
    return engagement


@transaction.atomic
def action_create(*, engagement: Engagement, description: str, owner: str, due_on, owner_user=None) -> FollowUpAction:
    action = FollowUpAction(
        engagement=engagement, description=description, owner=owner, due_on=due_on, owner_user=owner_user
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: FollowUpAction) -> FollowUpAction:
    """Mark an open action done (race-safe: only the first request changes it)."""
    changed = FollowUpAction.objects.filter(pk=action.pk, status=FollowUpAction.Status.OPEN).update(
        status=FollowUpAction.Status.DONE, completed_at=timezone.now()
    )
    if not changed:
        raise InvalidTransition("This action is already done.")
    action.refresh_from_db()
    action.save()  # a history record of the change
    return action


@transaction.atomic
def bulletin_save(*, bulletin: Bulletin, audience, audience_offered) -> Bulletin:
    """Save a bulletin and its audience; areas outside `audience_offered` (not the editor's) stay in it."""
    bulletin.full_clean()
    bulletin.save()
    kept = bulletin.audience.exclude(pk__in=audience_offered)
    bulletin.audience.set([*audience, *kept])
    return bulletin


@transaction.atomic
def bulletin_part_save(*, part: BulletinSection | BulletinArticle | BulletinEvent):
    """Validate and save a section, an article or an event of a bulletin (new or changed)."""
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def bulletin_section_delete(*, section: BulletinSection) -> None:
    """Remove a section; one that still holds articles stays, so that no article is lost with it."""
    held = section.articles.count()
    if held:
        raise ValidationError(
            f"“{section.label}” still holds {held} article{'s' if held != 1 else ''}: "
            "move them to another section or remove them first."
        )
    section.delete()


@transaction.atomic
def bulletin_create_from_word(*, bulletin: Bulletin, audience, word) -> Bulletin:
    """Create a draft bulletin from a Word document (a pcc_portal.core.docx_import.WordDocument).

    The text before the first heading is the introduction. Each heading of the top
    level becomes a section (its text the section's text); each heading below it
    an article of that section, its text the article. Nothing of the text is dropped.
    """
    if not bulletin.introduction.strip():
        bulletin.introduction = next((s.markdown for s in word.sections if s.level == 0), "")
    bulletin.full_clean()
    bulletin.save()
    bulletin.audience.set(audience)
    levels = [s.level for s in word.sections if s.level > 0]
    top = min(levels) if levels else 1
    section = None
    for part in word.sections:
        if part.level == 0:
            continue
        if part.level == top or section is None:
            heading = part.heading if part.level == top else ""
            section = BulletinSection(bulletin=bulletin, position=bulletin.sections.count() + 1, heading=heading)
            if part.level == top:
                section.body = part.markdown
            bulletin_part_save(part=section)
            if part.level == top:
                continue
        article = BulletinArticle(
            bulletin=bulletin,
            section=section,
            position=section.articles.count() + 1,
            title=part.heading[:200],
            body=part.markdown or part.heading,
        )
        bulletin_part_save(part=article)
    return bulletin


def next_bulletin_number(*, publisher: Organisation) -> int:
    last = Bulletin.objects.filter(publisher=publisher).order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _transition(bulletin: Bulletin, *, target: str, **changes) -> Bulletin:
    sources = [source for source, targets in BULLETIN_TRANSITIONS.items() if target in targets]
    changed = Bulletin.objects.filter(pk=bulletin.pk, status__in=sources).update(
        status=target, updated_at=timezone.now(), **changes
    )
    if not changed:
        current = Bulletin.objects.filter(pk=bulletin.pk).values_list("status", flat=True).first()
        label = Bulletin.Status(current).label.lower() if current else "deleted"
        raise InvalidTransition(f"This bulletin is {label}: it cannot become {Bulletin.Status(target).label.lower()}.")
    bulletin.refresh_from_db()
    bulletin.save()  # a history record of the transition
    return bulletin


def _check_publishable(bulletin: Bulletin) -> None:
    errors = []
    if not bulletin.audience.exists():
        errors.append("Choose at least one force area as the audience.")
    has_section_text = bulletin.sections.exclude(body="").exists()
    if not bulletin.introduction.strip() and not has_section_text and not bulletin.articles.exists():
        errors.append("Write an introduction, a section's text or at least one article.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin) -> Bulletin:
    """Publish a draft or scheduled bulletin and queue its emails once the change is committed."""
    from .tasks import send_bulletin

    _check_publishable(bulletin)
    bulletin = _transition(bulletin, target=Bulletin.Status.PUBLISHED, published_at=timezone.now())
    transaction.on_commit(lambda: send_bulletin.delay(bulletin.pk))
    return bulletin


@transaction.atomic
def bulletin_schedule(*, bulletin: Bulletin, when: datetime) -> Bulletin:
    if when <= timezone.now():
        raise ValidationError({"scheduled_for": "Choose a time in the future."})
    _check_publishable(bulletin)
    if bulletin.status == Bulletin.Status.SCHEDULED:
        Bulletin.objects.filter(pk=bulletin.pk, status=Bulletin.Status.SCHEDULED).update(scheduled_for=when)
        bulletin.refresh_from_db()
    else:
        bulletin = _transition(bulletin, target=Bulletin.Status.SCHEDULED, scheduled_for=when)
    # The beat schedule publishes due bulletins every few minutes; no long ETA
    # task (Redis would redeliver it after its visibility timeout).
    return bulletin


@transaction.atomic
def bulletin_unschedule(*, bulletin: Bulletin) -> Bulletin:
    return _transition(bulletin, target=Bulletin.Status.DRAFT, scheduled_for=None)


def bulletins_publish_due(*, now: datetime | None = None) -> int:
    """Publish every scheduled bulletin whose time has come; return how many."""
    now = now or timezone.now()
    published = 0
    for bulletin in Bulletin.objects.filter(status=Bulletin.Status.SCHEDULED, scheduled_for__lte=now):
        try:
            bulletin_publish(bulletin=bulletin)
        except (InvalidTransition, ValidationError):
            logger.warning("Scheduled bulletin %s could not be published", bulletin.pk)
            continue
        published += 1
    return published


def bulletin_deliveries_prepare(*, bulletin: Bulletin) -> int:
    """Write a ledger row for every recipient not yet in it; return how many were added."""
    existing = set(BulletinDelivery.objects.filter(bulletin=bulletin).values_list("contact_id", flat=True))
    rows = [
        BulletinDelivery(bulletin=bulletin, contact_id=contact_id, email=email)
        for contact_id, email in bulletin_recipients(bulletin).values_list("pk", "email")
        if contact_id not in existing
    ]
    # The unique constraint is the guarantee; ignore_conflicts absorbs a concurrent run.
    BulletinDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _bulletin_message(bulletin: Bulletin, delivery: BulletinDelivery, *, contents: dict) -> EmailMultiAlternatives:
    context = {
        **contents,
        "contact": delivery.contact,
        "url": f"{settings.SITE_URL}{bulletin.get_absolute_url()}",
    }
    message = EmailMultiAlternatives(
        subject=bulletin.title,
        body=render_to_string("emails/partners/bulletin.txt", context),
        to=[delivery.email],
    )
    message.attach_alternative(render_to_string("emails/partners/bulletin.html", context), "text/html")
    return message


def bulletin_email_preview(*, bulletin: Bulletin) -> str:
    """Return the plain-text email a recipient will receive, addressed to a stand-in name."""
    stand_in = BulletinDelivery(bulletin=bulletin, contact=Contact(full_name="[the contact's name]"), email="")
    return _bulletin_message(bulletin, stand_in, contents=bulletin_contents(bulletin)).body


def bulletin_send(*, bulletin_id: int) -> int:
    """Email every recipient of a published bulletin who has not had it; return how many were sent.

    Each delivery is claimed with a conditional update before sending, so a
    repeated or concurrent run never emails anyone twice.
    """
    bulletin = Bulletin.objects.select_related("publisher").get(pk=bulletin_id)
    if bulletin.status != Bulletin.Status.PUBLISHED:
        return 0
    bulletin_deliveries_prepare(bulletin=bulletin)
    # The same parts in the same order as the page and the PDF, read once for every message.
    contents = bulletin_contents(bulletin)
    sent = 0
    # Consent is checked again at sending time: someone may have withdrawn it since the ledger was written.
    pending = BulletinDelivery.objects.filter(
        bulletin=bulletin,
        status__in=[BulletinDelivery.Status.PENDING, BulletinDelivery.Status.FAILED],
        attempts__lt=MAX_SEND_ATTEMPTS,
        contact__bulletin_consent=True,
        contact__is_active=True,
    ).select_related("contact")
    for delivery in pending:
        claimed = BulletinDelivery.objects.filter(pk=delivery.pk, status=delivery.status).update(
            status=BulletinDelivery.Status.SENDING, attempts=delivery.attempts + 1
        )
        if not claimed:
            continue
        try:
            _bulletin_message(bulletin, delivery, contents=contents).send()
        except Exception as exc:  # a failed address must not stop the others
            logger.exception("Bulletin %s to %s failed", bulletin.pk, delivery.email)
            BulletinDelivery.objects.filter(pk=delivery.pk).update(
                status=BulletinDelivery.Status.FAILED, error=str(exc)[:500]
            )
            continue
        BulletinDelivery.objects.filter(pk=delivery.pk).update(
            status=BulletinDelivery.Status.SENT, sent_at=timezone.now(), error=""
        )
        sent += 1
    return sent
