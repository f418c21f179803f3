"""What transparency offers to site search: the decisions register. A decision's exempt part is never indexed."""

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Decision
from .selectors import decisions_visible_anywhere


def _decisions(rows):
    for decision in rows:
        # Only what the public notice carries: never decision.exempt_part, even for the area's staff.
        body = " ".join(
            part
            for part in (
                decision.decision,
                decision.reasons,
                decision.decision_maker,
                decision.financial_implications,
                decision.interests_declared,
            )
            if part
        )
        yield SearchDocument(
            object_id=decision.pk,
            title=f"{decision.reference}: {decision.title}",
            body=body,
            url=decision.get_absolute_url(),
            kind="Decision",
            force_area_id=decision.force_area_id,
            date=decision.decided_on,
        )


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Decision,
            queryset=lambda: Decision.objects.select_related("force_area"),
            documents=_decisions,
            visible=decisions_visible_anywhere,
        )
    ]
