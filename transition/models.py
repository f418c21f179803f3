"""Transition: the handover of a force area's functions to a successor body, run as a programme.

A ``TransitionProgramme`` (police authority to PCC in 2012; PCC to a mayor or a
Policing and Crime Board in 2028) has workstreams with a RAG status and its
history, milestones (some statutory, worked out from the programme's dates),
a risks and issues log, a decisions log, and the transfer register: one
``TransferItem`` per thing to hand over, each with a receiving body and a
status. Every model reaches its force area through ``programme.force_area``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partners.models import Engagement, Organisation, Partnership
from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for
from pcc_portal.core.transfer import TransferKind


class TransitionProgramme(models.Model):
    """One force area's transfer of functions from an outgoing body to a successor on one date."""

    class Kind(models.TextChoices):
        PA_TO_PCC = "pa_to_pcc", "Police authority to Police and Crime Commissioner"
        PCC_TO_MAYOR = "pcc_to_mayor", "Police and Crime Commissioner to elected mayor"
        PCC_TO_BOARD = "pcc_to_board", "Police and Crime Commissioner to Policing and Crime Board"
        OTHER = "other", "Other"

    class SuccessorKind(models.TextChoices):
        PCC = "pcc", "Police and Crime Commissioner"
        MAYOR = "mayor", "Elected mayor"
        POLICING_AND_CRIME_BOARD = "policing_and_crime_board", "Policing and Crime Board"
        LOCAL_GOVERNMENT_LEADERS = "local_government_leaders", "Local government leaders (Wales)"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Under way"
        COMPLETE = "complete", "Complete"

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transition_programmes")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    outgoing_body = models.CharField(max_length=200, help_text="E.g. Leicestershire Police Authority.")
    successor_name = models.CharField("successor body", max_length=200)
    successor_kind = models.CharField("kind of successor body", max_length=30, choices=SuccessorKind.choices)
    transfer_date = models.DateField(help_text="The day functions, property and staff pass to the successor.")
    election_date = models.DateField(
        null=True, blank=True, help_text="The election that chooses the successor, if there is one."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING, db_index=True)
    board = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transition_programmes",
        help_text="The transition board that governs the programme.",
    )
    terms_of_reference = models.TextField(blank=True, help_text="Markdown.")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Programme lead: receives escalations.",
    )
    is_published = models.BooleanField(
        "summary published", default=False, help_text="Show the programme, workstream RAG and milestones publicly."
    )
    is_illustrative = models.BooleanField(default=False, help_text="Demo content that is not from a source paper.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["force_area", "-transfer_date"]
        constraints = [
            models.UniqueConstraint(fields=["force_area", "name"], name="unique_transition_programme_name_per_area"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("transition:programme_detail", kwargs={"pk": self.pk})

    # The statutory milestones are computed from the transfer date (a financial year before it, a plan
    # after it): a date far outside these years has none on the calendar.
    TRANSFER_YEARS = (1990, 2199)

    def clean(self) -> None:
        first, last = self.TRANSFER_YEARS
        if self.transfer_date and not first <= self.transfer_date.year <= last:
            raise ValidationError({"transfer_date": f"Enter a transfer date between {first} and {last}."})
        if self.board_id and self.board.kind != Partnership.Kind.TRANSITION_BOARD:
            raise ValidationError({"board": "Choose a board of kind “transition board”."})
        if self.board_id and self.force_area_id and self.board.force_area_id != self.force_area_id:
            raise ValidationError({"board": "Choose a board of this force area."})
        if self.election_date and self.transfer_date and self.election_date > self.transfer_date:
            raise ValidationError({"election_date": "The election must be on or before the transfer date."})


class RAG(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: at risk"
    RED = "red", "Red: off track"


class Workstream(models.Model):
    """A strand of the programme (governance, finance and precept, commissioning…) with a RAG status."""

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="workstreams")
    key = models.SlugField(max_length=40, help_text="Short key, e.g. governance, commissioning.")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rag = models.CharField("RAG status", max_length=12, choices=RAG.choices, default=RAG.NOT_STARTED)
    rag_reason = models.TextField("reason for the status", blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="unique_workstream_key_per_programme"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("transition:workstream_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.rag in (RAG.AMBER, RAG.RED) and not (self.rag_reason or "").strip():
            raise ValidationError({"rag_reason": "Give the reason for an amber or red status."})


class WorkstreamStatusChange(models.Model):
    """One change of a workstream's RAG status: who, when, and why (shown on the workstream page)."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="status_changes")
    from_rag = models.CharField(max_length=12, choices=RAG.choices)
    to_rag = models.CharField(max_length=12, choices=RAG.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.workstream}: {self.get_from_rag_display()} → {self.get_to_rag_display()}"


class Milestone(models.Model):
    """A dated step of the programme; statutory ones are computed from the programme's dates."""

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="milestones")
    workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    due_on = models.DateField(db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_done = models.BooleanField("done", default=False)
    done_on = models.DateField(null=True, blank=True)
    statutory_key = models.SlugField(
        max_length=40,
        blank=True,
        help_text="Set for statutory milestones worked out from the programme's dates (e.g. last-precept).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "statutory_key"],
                condition=~models.Q(statutory_key=""),
                name="unique_statutory_milestone_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url_of(programme_id=self.programme_id, pk=self.pk)

    @property
    def is_statutory(self) -> bool:
        return bool(self.statutory_key)

    @staticmethod
    def url_of(*, programme_id: int, pk: int) -> str:
        """Return the address of a milestone from its ids: its place on its programme's page (a list of milestones
        read as rows makes no model for each)."""
        return path_for("transition:programme_detail", programme_id) + f"#milestone-{pk}"


def risk_band(score: int) -> str:
    """Return a risk's score band in words (never shown by colour alone)."""
    if score >= 15:
        return "High"
    if score >= 8:
        return "Medium"
    return "Low"


class Risk(models.Model):
    """A risk (may happen) or issue (has happened), scored likelihood × impact."""

    class Kind(models.TextChoices):
        RISK = "risk", "Risk"
        ISSUE = "issue", "Issue"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ESCALATED = "escalated", "Escalated to the board"
        CLOSED = "closed", "Closed"

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="risks")
    workstream = models.ForeignKey(Workstream, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RISK)
    title = models.CharField(max_length=200)
    cause = models.TextField(help_text="What could cause it.")
    effect = models.TextField(help_text="What would follow.")
    likelihood = models.PositiveSmallIntegerField(validators=SCALE, help_text="1 (rare) to 5 (almost certain).")
    impact = models.PositiveSmallIntegerField(validators=SCALE, help_text="1 (negligible) to 5 (severe).")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mitigation = models.TextField(blank=True)
    next_review_on = models.DateField("next review", null=True, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    escalated_on = models.DateField("escalated to the board on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "status", "-likelihood", "-impact", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_1_5"
            ),
            models.CheckConstraint(condition=models.Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transition:risk_list", kwargs={"pk": self.programme_id}) + f"#risk-{self.pk}"

    @property
    def score(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    @property
    def band(self) -> str:
        """Return the score band in words (never shown by colour alone)."""
        return risk_band(self.score)


class Decision(models.Model):
    """What was decided, by whom, when and why, linked to the board meeting where it was taken."""

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="decisions")
    workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    title = models.CharField(max_length=200)
    decision = models.TextField("what was decided")
    decided_by = models.CharField(max_length=200, help_text="E.g. the Strategic Transition Board; the Commissioner.")
    decided_on = models.DateField()
    rationale = models.TextField("why", blank=True)
    meeting = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transition_decisions",
        help_text="The board meeting where it was taken.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transition:decision_list", kwargs={"pk": self.programme_id}) + f"#decision-{self.pk}"


class TransferItem(models.Model):
    """One row of the transfer register: a thing to hand over, and who receives it.

    Rows proposed from the portal's own data carry a ``source_key`` (e.g.
    "commissioning.grant:12"); a re-run of the proposal refreshes only fields
    not named in ``edited_fields`` (what a person changed), and marks a row
    whose source has gone as no longer live instead of deleting it.
    """

    Kind = TransferKind

    class Receiver(models.TextChoices):
        NONE = "", "Not yet named"
        SUCCESSOR = "successor", "The successor body"
        ORGANISATION = "organisation", "Another organisation"
        CLOSE = "close", "None: to close"

    class Status(models.TextChoices):
        IDENTIFIED = "identified", "Identified"
        AGREED = "agreed", "Agreed"
        READY = "ready", "Ready"
        TRANSFERRED = "transferred", "Transferred"
        TO_CLOSE = "to_close", "To close"

    # The status moves a row may make, and what each needs (checked by the services, race-safe):
    # forward one step at a time; back one step with a note saying why; any open row to close with
    # its reason; a row to close reopens as identified with a note. A transferred row has been
    # handed over: it only goes back to ready (with a note), never straight to close.
    NOTE, REASON = "note", "reason"
    STATUS_MOVES: dict[tuple[str, str], str] = {
        (Status.IDENTIFIED, Status.AGREED): "",
        (Status.AGREED, Status.READY): "",
        (Status.READY, Status.TRANSFERRED): "",
        (Status.AGREED, Status.IDENTIFIED): NOTE,
        (Status.READY, Status.AGREED): NOTE,
        (Status.TRANSFERRED, Status.READY): NOTE,
        (Status.IDENTIFIED, Status.TO_CLOSE): REASON,
        (Status.AGREED, Status.TO_CLOSE): REASON,
        (Status.READY, Status.TO_CLOSE): REASON,
        (Status.TO_CLOSE, Status.IDENTIFIED): NOTE,
    }
    # The successor accepts a row once its transfer is agreed.
    ACCEPTABLE_STATUSES = (Status.AGREED, Status.READY, Status.TRANSFERRED)

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="items")
    workstream = models.ForeignKey(Workstream, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    kind = models.CharField(max_length=20, choices=TransferKind.CHOICES, db_index=True)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    source_key = models.CharField(max_length=120, blank=True, help_text="Set on rows proposed from the portal's data.")
    source_url = models.CharField(max_length=300, blank=True)
    source_live = models.BooleanField(default=True, help_text="False once the source no longer proposes the row.")
    counterparty = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="transfer_items_as_counterparty"
    )
    receiver_kind = models.CharField(
        "receiving body", max_length=15, choices=Receiver.choices, default=Receiver.NONE, blank=True, db_index=True
    )
    receiver_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="transfer_items_received"
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.IDENTIFIED, db_index=True)
    close_reason = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True, db_index=True)
    day_one_critical = models.BooleanField("day-one critical", default=False)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    retention = models.CharField("retention rule", max_length=200, blank=True)
    post_count = models.PositiveIntegerField("number of posts", null=True, blank=True)
    notes = models.TextField(blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    edited_fields = models.JSONField(default=list, blank=True, help_text="Fields a person changed: never re-proposed.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["edited_fields"])

    class Meta:
        ordering = ["programme", "kind", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_transfer_source_per_programme",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status"]),
            # The dashboard counts a programme's rows and those with a receiver named (a receiver kind or the
            # status) in one pass over this index alone (an index-only scan, not a read of every row).
            models.Index(fields=["programme", "receiver_kind", "status"], name="transfer_item_named"),
            # The register pages its rows in this order: an index scan reads the first page, not every row.
            models.Index(fields=["programme", "kind", "title", "id"], name="transfer_register_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("transition:item_detail", self.pk)

    def clean(self) -> None:
        errors = {}
        if self.receiver_kind == self.Receiver.ORGANISATION and not self.receiver_organisation_id:
            errors["receiver_organisation"] = "Choose the organisation that receives it."
        if self.receiver_kind != self.Receiver.ORGANISATION and self.receiver_organisation_id:
            errors["receiver_organisation"] = "Only name an organisation when another organisation receives it."
        if self.status == self.Status.TO_CLOSE and not (self.close_reason or "").strip():
            errors["close_reason"] = "Give the reason it closes rather than transfers."
        if self.status in (self.Status.AGREED, self.Status.READY, self.Status.TRANSFERRED) and not self.has_receiver:
            errors["receiver_kind"] = "Name the receiving body before the row is agreed, ready or transferred."
        if errors:
            raise ValidationError(errors)

    @property
    def has_receiver(self) -> bool:
        return self.receiver_kind in (self.Receiver.SUCCESSOR, self.Receiver.ORGANISATION, self.Receiver.CLOSE)

    @property
    def kind_label(self) -> str:
        """Return the kind in words (a dict lookup: get_kind_display rebuilds the choices on every call)."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @classmethod
    def statuses_after(cls, status: str) -> list[str]:
        """Return the statuses a row may move to from `status`, in workflow order."""
        return [to for to in cls.Status.values if (status, to) in cls.STATUS_MOVES]

    def receiver_label(self) -> str:
        # The programme and the organisation are read only when they name the receiver (they may not be loaded).
        kind, R = self.receiver_kind, self.Receiver
        named = kind == R.ORGANISATION and self.receiver_organisation_id
        organisation = self.receiver_organisation.name if named else None
        successor = self.programme.successor_name if kind == R.SUCCESSOR else ""
        return receiver_text(kind, organisation, successor_name=successor)


# The register shows and exports thousands of rows: their labels come from these, once per process.
KIND_LABELS = dict(TransferKind.CHOICES)
STATUS_LABELS = dict(TransferItem.Status.choices)
RECEIVER_LABELS = dict(TransferItem.Receiver.choices)


def receiver_text(kind: str, organisation_name: str | None, *, successor_name: str) -> str:
    """Return a row's receiving body in words, from its receiver kind and its organisation's name (or None)."""
    if kind == TransferItem.Receiver.SUCCESSOR:
        return successor_name
    if kind == TransferItem.Receiver.ORGANISATION and organisation_name is not None:
        return organisation_name
    return RECEIVER_LABELS.get(kind, kind)


class TransferItemStatusChange(models.Model):
    """One move of a register row's status: who, when, and the note or reason (shown on the row's page)."""

    item = models.ForeignKey(TransferItem, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=15, choices=TransferItem.Status.choices)
    to_status = models.CharField(max_length=15, choices=TransferItem.Status.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_from_status_display()} → {self.get_to_status_display()}"


def evidence_path(instance, filename: str) -> str:
    return f"transition/evidence/{instance.item.programme_id}/{filename}"


class TransferEvidence(models.Model):
    """A file showing a row is agreed, ready or transferred (a signed agreement, a novation letter)."""

    item = models.ForeignKey(TransferItem, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=evidence_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "-uploaded_at"]
        verbose_name_plural = "transfer evidence"

    def __str__(self) -> str:
        return self.title


class EscalationNotice(models.Model):
    """The ledger of escalation emails: one row per (key, recipient), so each goes out once."""

    programme = models.ForeignKey(TransitionProgramme, on_delete=models.CASCADE, related_name="escalations")
    key = models.CharField(max_length=120, help_text="E.g. no-receiver-90-days.")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key", "recipient"], name="one_transition_escalation"),
        ]

    def __str__(self) -> str:
        return f"{self.key} to {self.recipient} ({self.programme})"
