"""What commissioning offers to site search: grants (the register) and published funding decisions."""

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Decision, Grant
from .selectors import grants_visible_to, published_decisions, published_grants


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
            # The grant's own page for those who manage or hold it; the public register's page for the rest.
            visible=grants_visible_to,
            published=published_grants,
            public_url="commissioning:register_grant",
        ),
        SearchSource(
            model=Decision,
            queryset=lambda: Decision.objects.select_related(
                "application", "application__organisation", "application__round__stream"
            ),
            documents=_decisions,
            visible=lambda user: published_decisions(),
        ),
    ]
