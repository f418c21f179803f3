"""The archive at national scale: one area with 3,000 organisations and contacts, 20,000 responses with answers.

Times `export_area` for the area, `import_area --replace` of the package into the same portal (which holds
42 other areas), and a second export, whose manifest must equal the first.
"""

import datetime
import tempfile
from pathlib import Path

from django.utils import timezone

from consultations.models import Answer, Consultation, Question, Response
from partners.models import Contact, Organisation, OrganisationType, PartnershipArea
from pcc_portal.accounts.models import ForceArea
from pcc_portal.archive.services import area_export, area_import

AREA_CODE = "force-archive"
ORGANISATIONS = 3000
RESPONSES = 20000
EXPORT_TARGET_S = 60
IMPORT_TARGET_S = 60


def build() -> None:
    area = ForceArea.objects.create(name="Force area (archive bench)", code=AREA_CODE)
    types = [t for t, _ in OrganisationType.choices]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Archive organisation {i}",
            org_type=types[i % len(types)],
            partnership_area=PartnershipArea.LOCAL_AUTHORITY,
        )
        for i in range(ORGANISATIONS)
    )
    through = Organisation.force_areas.through
    through.objects.bulk_create(through(organisation_id=o.pk, forcearea_id=area.pk) for o in organisations)
    Contact.objects.bulk_create(
        Contact(organisation=o, full_name=f"Contact {i}", email=f"contact{i}@archive.example.org", phone="0116 000")
        for i, o in enumerate(organisations)
    )
    now = timezone.now()
    consultation = Consultation.objects.create(
        force_area=area,
        title="Archive bench consultation",
        summary="Tell us what you think.",
        subject=Consultation.Subject.OTHER,
        subject_description="A proposal",
        audience=Consultation.Audience.PUBLIC,
        status=Consultation.Status.PUBLISHED,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=30),
    )
    question = Question.objects.create(consultation=consultation, text="What should the plan do?")
    responses = Response.objects.bulk_create(
        Response(
            consultation=consultation,
            respondent_name=f"Respondent {i}",
            respondent_email=f"respondent{i}@archive.example.org",
            status=Response.Status.SUBMITTED,
            reference=f"ARC-{i:05d}",
            submitted_at=now,
        )
        for i in range(RESPONSES)
    )
    Answer.objects.bulk_create(Answer(response=r, question=question, text=f"Answer {r.pk}") for r in responses)


def pages():
    return []


def timings():
    folder = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    state = {}

    def export() -> str:
        state["first"] = area_export(ForceArea.objects.get(code=AREA_CODE), folder / "a.zip", with_personal_data=True)
        rows = sum(info["count"] for info in state["first"]["models"].values())
        return f"{rows} rows, {(folder / 'a.zip').stat().st_size // 1024} KiB"

    def import_replace() -> str:
        summary = area_import(folder / "a.zip", replace=True)
        return f"{sum(summary['created'].values())} rows written"

    def export_again() -> str:
        second = area_export(ForceArea.objects.get(code=AREA_CODE), folder / "b.zip", with_personal_data=True)
        same = second["models"] == state["first"]["models"]
        return "manifest identical" if same else "MANIFEST DIFFERS"

    return [
        ("export_area (with personal data)", export, EXPORT_TARGET_S),
        ("import_area --replace", import_replace, IMPORT_TARGET_S),
        ("export_area again", export_again, EXPORT_TARGET_S),
    ]
