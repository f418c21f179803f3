"""What goes with an agenda report: its exempt marking and its appendices."""

import os

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ExemptParagraph(models.TextChoices):
    """The paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972 (England)."""

    INDIVIDUAL = "1", "Paragraph 1: information relating to any individual"
    IDENTITY = "2", "Paragraph 2: information likely to reveal the identity of an individual"
    FINANCIAL = "3", "Paragraph 3: financial or business affairs of any particular person"
    LABOUR_RELATIONS = "4", "Paragraph 4: consultations or negotiations on a labour relations matter"
    LEGAL_PRIVILEGE = "5", "Paragraph 5: information subject to legal professional privilege"
    NOTICE_OR_ORDER = "6", "Paragraph 6: a proposed notice, order or direction under an enactment"
    CRIME = "7", "Paragraph 7: prevention, investigation or prosecution of crime"


def appendix_upload_to(instance, filename: str) -> str:
    return f"panels/appendices/{instance.report_id}/{os.path.basename(filename)}"


class ReportAppendix(models.Model):
    """A file that goes with an agenda report (a spreadsheet, a plan, a map); shown to whoever may read the report."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        WORD = "docx", "Word document"
        EXCEL = "xlsx", "Excel spreadsheet"
        ODT = "odt", "OpenDocument text"
        ODS = "ods", "OpenDocument spreadsheet"
        CSV = "csv", "CSV"
        PNG = "png", "PNG image"
        JPEG = "jpeg", "JPEG image"

    report = models.ForeignKey("panels.AgendaReport", on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=250)
    file = models.FileField(upload_to=appendix_upload_to, max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    size = models.PositiveIntegerField(help_text="Bytes.")
    page_count = models.PositiveSmallIntegerField(null=True, blank=True, help_text="PDF appendices only.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position", "pk"]
        indexes = [models.Index(fields=["report", "position"])]
        verbose_name_plural = "report appendices"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panels:appendix_download", kwargs={"pk": self.pk})

    @property
    def force_area_id(self) -> int:
        return self.report.agenda_item.meeting.panel.force_area_id

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"
