"""What commissioning offers to site search: grants (the register) and published funding decisions."""

from django.urls import reverse

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Decision, Grant
from .selectors import grants_visible_to, published_decisions, published_grants


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _grants(rows):
    for grant in rows:
        yield SearchDocument(
            object_id=grant.pk,
            title=f"{grant.title} ({grant.recipient.name})",
            body=f"{grant.reference}. {grant.purpose} Funded from {grant.stream.name}.",
            url=grant.get_absolute_url(),
            kind="Grant",
            force_area_id=grant.force_area_id,
            date=grant.award_date,
        )


def _grants_visible(user, ids):
    """The grant's own page for those who manage or hold it; the public register's page for the rest."""
    own = _ids(grants_visible_to(user).filter(pk__in=ids))
    published = _ids(published_grants().filter(pk__in=ids).exclude(pk__in=own))
    found: dict[int, str | None] = dict.fromkeys(own)
    found.update({pk: reverse("commissioning:register_grant", kwargs={"pk": pk}) for pk in published})
    return found


def _decisions(rows):
    for decision in rows:
        application = decision.application
        yield SearchDocument(
            object_id=decision.pk,
            title=f"{decision.reference}: {decision.get_outcome_display()} – {application.title}",
            body=f"{application.organisation.name}. {decision.reasons}",
            url=decision.get_absolute_url(),
            kind="Funding decision",
            force_area_id=application.round.stream.force_area_id,
            date=decision.decided_at,
        )


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Grant,
            queryset=lambda: Grant.objects.select_related("recipient", "stream"),
            documents=_grants,
            visible=_grants_visible,
        ),
        SearchSource(
            model=Decision,
            queryset=lambda: Decision.objects.select_related(
                "application", "application__organisation", "application__round__stream"
            ),
            documents=_decisions,
            visible=lambda user, ids: _ids(published_decisions().filter(pk__in=ids)),
        ),
    ]
