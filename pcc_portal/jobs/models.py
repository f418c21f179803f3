from django.db import models


class Heartbeat(models.Model):
    """The last time a worker ran the heartbeat task: proof that jobs run."""

    name = models.CharField(max_length=50, unique=True)
    beats = models.PositiveIntegerField(default=0)
    last_beat_at = models.DateTimeField(null=True, blank=True)
    last_worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.beats} beats"
