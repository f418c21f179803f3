from django.contrib.postgres.search import SearchVectorField
from django.db import models

from pcc_portal.accounts.models import ForceArea


class SearchEntry(models.Model):
    """One indexed object of another app: its text, and where to find it.

    Who may see it is never stored here: every hit is checked through the
    owning app's selector for the user who searches.
    """

    app_label = models.CharField(max_length=50)
    model = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=60, help_text="What the object is, e.g. Agenda report.")
    force_area = models.ForeignKey(ForceArea, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    url = models.CharField(max_length=300)
    # Filled on PostgreSQL only (weights: title A, body B; "english" configuration); GIN index in migration 0002.
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        ordering = ["app_label", "model", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["app_label", "model", "object_id"], name="unique_search_entry"),
        ]
        indexes = [models.Index(fields=["app_label", "date"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
