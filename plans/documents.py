"""The plan as a PDF: title page, contents, sections, priorities and targets."""

from pcc_portal.pdf.registry import DocumentSource, register_document

from .models import PlanVersion, StatutoryElement
from .permissions import can_view_version_pdf


@register_document("plans.version", can_view=can_view_version_pdf)
def plan_version_document(*, version_id: int) -> DocumentSource:
    version = PlanVersion.objects.select_related("plan", "plan__force_area").get(pk=version_id)
    sections = list(version.sections.all())
    covered = {s.statutory_element for s in sections if s.statutory_element and s.body.strip()}
    checklist = [(label, value in covered) for value, label in StatutoryElement.choices]
    title = f"{version.plan.title}: {version.name}"
    return DocumentSource(
        template_name="pdf/plans/version.html",
        context={
            "version": version,
            "plan": version.plan,
            "sections": sections,
            "priorities": list(version.priorities.all()),
            "objectives": list(version.objectives.select_related("priority")),
            "checklist": checklist,
            "publisher": f"Police and Crime Commissioner for {version.plan.force_area.name}",
        },
        title=title,
    )
