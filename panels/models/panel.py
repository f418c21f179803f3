"""A panel, its members and the councils' political make-up; complaints about the Commissioner."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from partners.models import Organisation
from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for


class Panel(models.Model):
    """The Police and Crime Panel of one force area."""

    force_area = models.OneToOneField(ForceArea, on_delete=models.PROTECT, related_name="panel")
    name = models.CharField(
        max_length=200, help_text="E.g. Leicester, Leicestershire and Rutland Police and Crime Panel."
    )
    host_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="hosted_panels",
        help_text="The council that supplies the panel's administrative and scrutiny support.",
    )
    lead_adviser = models.CharField(max_length=200, blank=True, help_text="E.g. Chief Executive, Dudley MBC.")
    councillor_seats = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Only if the panel has resolved a number other than the statutory default "
        "(10, or one per council where there are more than 10), with the Home Secretary's consent.",
    )
    co_opted_seats = models.PositiveSmallIntegerField(
        default=2, help_text="2 unless the panel has resolved otherwise (Schedule 6)."
    )
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="panels_served", help_text="Scrutiny officers."
    )

    history = HistoricalRecords(m2m_fields=[secretariat])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("panels:panel_detail", self.pk)


class CouncilPartySeats(models.Model):
    """The political make-up of a council: seats held by one party."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="party_seats")
    party = models.CharField(max_length=80)
    seats = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-seats", "party"]
        verbose_name_plural = "council party seats"
        constraints = [models.UniqueConstraint(fields=["council", "party"], name="unique_council_party")]

    def __str__(self) -> str:
        return f"{self.council}: {self.party} {self.seats}"


class Membership(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor member"
        CO_OPTED = "co_opted", "Co-opted independent member"

    class Office(models.TextChoices):
        MEMBER = "member", "Member"
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"

    class Bar(models.TextChoices):
        """What stops a person being co-opted (Schedule 6)."""

        NONE = "", "None"
        COMMISSIONER = "commissioner", "The Police and Crime Commissioner"
        OPCC_STAFF = "opcc_staff", "Member of the Commissioner's staff"
        POLICE_STAFF = "police_staff", "Member of police staff or a police officer"
        MP = "mp", "Member of Parliament"
        DEVOLVED = "devolved", "Member of a devolved or the European Parliament"
        AREA_COUNCILLOR = "area_councillor", "Councillor of a council in the area"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="memberships")
    full_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COUNCILLOR)
    council = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_memberships",
        help_text="The appointing council (councillor members only).",
    )
    party = models.CharField(max_length=80, blank=True)
    office = models.CharField(max_length=12, choices=Office.choices, default=Office.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    bar = models.CharField(
        "co-option bar", max_length=20, choices=Bar.choices, blank=True, help_text="Anything that disqualifies."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_memberships"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-kind", "council__name", "full_name"]  # councillors first, as in the papers
        indexes = [models.Index(fields=["panel", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if self.kind == self.Kind.COUNCILLOR and not self.council_id:
            raise ValidationError({"council": "Choose the council that appointed this councillor."})
        if self.kind == self.Kind.CO_OPTED and self.council_id:
            raise ValidationError({"council": "A co-opted member is not appointed by a council."})
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})

    def in_post_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Complaint(models.Model):
    """A non-criminal complaint about the Commissioner, for informal resolution."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        INFORMAL_RESOLUTION = "informal_resolution", "Informal resolution under way"
        RESOLVED = "resolved", "Resolved"
        REFERRED = "referred", "Referred (criminal matter)"
        WITHDRAWN = "withdrawn", "Withdrawn"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField()
    complainant = models.CharField(max_length=150)
    summary = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    outcome = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on:%-d %B %Y}"


COMPLAINT_TRANSITIONS: dict[str, set[str]] = {
    Complaint.Status.RECEIVED: {
        Complaint.Status.INFORMAL_RESOLUTION,
        Complaint.Status.REFERRED,
        Complaint.Status.WITHDRAWN,
    },
    Complaint.Status.INFORMAL_RESOLUTION: {Complaint.Status.RESOLVED, Complaint.Status.WITHDRAWN},
    Complaint.Status.RESOLVED: set(),
    Complaint.Status.REFERRED: set(),
    Complaint.Status.WITHDRAWN: set(),
}
