import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class ArchiveJob(models.Model):
    """An area's package built in the background for the user who asked for it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    area = models.ForeignKey("accounts.ForceArea", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="archive_jobs")
    with_personal_data = models.BooleanField(default=False)
    since = models.DateField(null=True, blank=True, help_text="FOI or audit bundle: first day of the range.")
    until = models.DateField(null=True, blank=True, help_text="FOI or audit bundle: last day of the range.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    file_path = models.CharField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("archive:job_detail", kwargs={"pk": self.pk})

    @property
    def is_range(self) -> bool:
        return bool(self.since or self.until)

    @property
    def title(self) -> str:
        kind = "FOI and audit bundle" if self.is_range else "Area record"
        return f"{kind}: {self.area.name}"

    @property
    def filename(self) -> str:
        parts = [self.area.code]
        if self.since:
            parts.append(f"from-{self.since.isoformat()}")
        if self.until:
            parts.append(f"to-{self.until.isoformat()}")
        return "-".join(parts) + ".zip"
