"""What plans offers to site search: the sections of each plan version."""

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import PlanVersion, Section
from .selectors import versions_visible_to


def _sections(rows):
    for section in rows:
        version = section.version
        plan = version.plan
        yield SearchDocument(
            object_id=section.pk,
            title=f"{section.heading} – {plan.title}",
            body=section.body,
            url=section.get_absolute_url(),
            kind="Plan section",
            force_area_id=plan.force_area_id,
            date=version.issued_at or version.created_at,
        )


def _visible(user):
    return Section.objects.filter(version__in=versions_visible_to(user).values("pk"))


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Section,
            queryset=lambda: Section.objects.select_related("version", "version__plan"),
            documents=_sections,
            visible=_visible,
            # Issuing a version dates its sections.
            parents={PlanVersion: lambda version: list(version.sections.values_list("pk", flat=True))},
        ),
    ]
