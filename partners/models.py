"""Partner organisations, their contacts and their statutory duties."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for

org_id_validator = RegexValidator(
    r"^[A-Z]{2}-[A-Z]{2,5}-[A-Za-z0-9-]+$",
    "Enter an org-id identifier such as GB-LAE-LEC, GB-CHC-1234567 or GB-COH-01234567.",
)


class OrganisationType(models.TextChoices):
    COUNTY_COUNCIL = "county_council", "County council"
    DISTRICT_COUNCIL = "district_council", "District council"
    UNITARY_COUNCIL = "unitary_council", "Unitary council"
    METROPOLITAN_COUNCIL = "metropolitan_council", "Metropolitan borough council"
    CITY_COUNCIL_MAYOR = "city_council_mayor", "City council with an elected mayor"
    COMMUNITY_SAFETY_PARTNERSHIP = "csp", "Community safety partnership"
    CLINICAL_COMMISSIONING_GROUP = "ccg", "Clinical commissioning group"
    PRIMARY_CARE_TRUST = "pct", "Primary care trust"
    HEALTH_AND_WELLBEING_BOARD = "hwb", "Health and wellbeing board"
    HEALTH_TRUST = "health_trust", "Health trust"
    PROBATION = "probation", "Probation"
    CROWN_PROSECUTION_SERVICE = "cps", "Crown Prosecution Service"
    COURTS = "courts", "Courts"
    YOUTH_OFFENDING = "youth_offending", "Youth offending service"
    LOCAL_CRIMINAL_JUSTICE_BOARD = "lcjb", "Local Criminal Justice Board"
    PRISONS = "prisons", "Prisons"
    FIRE_AND_RESCUE = "fire_rescue", "Fire and rescue"
    EDUCATION = "education", "Education"
    BUSINESS = "business", "Business"
    VOLUNTARY_COMMUNITY = "vcs", "Voluntary and community sector"
    POLICE_FORCE = "police_force", "Police force"
    POLICE_AUTHORITY = "police_authority", "Police authority"
    OPCC = "opcc", "Office of the Police and Crime Commissioner"
    ASSOCIATION = "association", "Association of commissioners"
    NATIONAL_BODY = "national_body", "National body"
    GOVERNMENT = "government", "Government"

    @classmethod
    def national_publishers(cls) -> list[str]:
        """Return the kinds of body that publish bulletins for more than one area (e.g. the APCC)."""
        return [cls.ASSOCIATION, cls.NATIONAL_BODY, cls.GOVERNMENT]

    @classmethod
    def councils(cls) -> list[str]:
        """Return the local authority types (councils that appoint panel members)."""
        return [
            cls.COUNTY_COUNCIL,
            cls.DISTRICT_COUNCIL,
            cls.UNITARY_COUNCIL,
            cls.METROPOLITAN_COUNCIL,
            cls.CITY_COUNCIL_MAYOR,
        ]


class PartnershipArea(models.TextChoices):
    """The six partnership areas of 002 paragraph 8, plus the voluntary sector."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    CRIMINAL_JUSTICE = "criminal_justice", "Criminal justice"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    EMERGENCY_SERVICES = "emergency_services", "Emergency services"
    BUSINESS = "business", "Business"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    org_type = models.CharField("type", max_length=30, choices=OrganisationType.choices, db_index=True)
    partnership_area = models.CharField(max_length=30, choices=PartnershipArea.choices, db_index=True)
    force_areas = models.ManyToManyField(ForceArea, related_name="organisations")
    population = models.PositiveIntegerField(null=True, blank=True, help_text="Resident population (councils).")
    org_id = models.CharField(
        "org-id identifier",
        max_length=60,
        blank=True,
        validators=[org_id_validator],
        help_text="From org-id.guide, e.g. GB-LAE-LEC (English council), GB-CHC-… (charity), GB-COH-… (company).",
    )
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="E.g. the county a district lies in.",
    )
    covers = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="covered_by",
        help_text="For a partnership (e.g. a CSP): the councils it covers.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[force_areas])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["org_id"], condition=~models.Q(org_id=""), name="unique_org_id"),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("partners:organisation_detail", self.pk)

    @property
    def is_council(self) -> bool:
        return self.org_type in OrganisationType.councils()


class SeniorityTier(models.TextChoices):
    """For parity at events: representatives of equivalent seniority (000)."""

    STRATEGIC_LEADER = "strategic_leader", "Strategic leader"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    PRACTITIONER = "practitioner", "Practitioner"


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    seniority = models.CharField(max_length=20, choices=SeniorityTier.choices, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    bulletin_consent = models.BooleanField("consents to receive bulletins", default=False)
    bulletin_consent_at = models.DateTimeField("consent given on", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_contact",
        help_text="The portal account of a partner user: it belongs to this organisation.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["organisation", "full_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Duty(models.TextChoices):
    RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority for community safety"
    DUTY_TO_COOPERATE = "duty_to_cooperate", "Duty to co-operate with the PCC"
    SAFEGUARDING_BOARD = "safeguarding_board", "Safeguarding board member"
    CRIMINAL_JUSTICE = "criminal_justice", "Criminal justice duty"


class OrganisationDuty(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="duties")
    duty = models.CharField(max_length=30, choices=Duty.choices, db_index=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "duty"]
        verbose_name_plural = "organisation duties"
        constraints = [models.UniqueConstraint(fields=["organisation", "duty"], name="unique_organisation_duty")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_duty_display()}"


class Partnership(models.Model):
    """A partnership or board: the Strategic Partnership Board, its clusters, a CSP board."""

    class Kind(models.TextChoices):
        STRATEGIC_BOARD = "strategic_board", "Strategic partnership board"
        CLUSTER = "cluster", "Sub-group (cluster)"
        TRANSITION_BOARD = "transition_board", "Transition board"
        CSP = "csp", "Community safety partnership"
        SAFEGUARDING_BOARD = "safeguarding_board", "Safeguarding board"
        OTHER = "other", "Other partnership"

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        SIX_MONTHLY = "six_monthly", "Every six months"
        ANNUAL = "annual", "Annually"
        AD_HOC = "ad_hoc", "As needed"

    class Governance(models.TextChoices):
        NONE = "none", "No terms of reference"
        DRAFT = "draft", "Terms of reference drafted, not agreed"
        AGREED = "agreed", "Terms of reference agreed"

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="partnerships")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subgroups",
        help_text="The board a sub-group (cluster) reports to.",
    )
    purpose = models.TextField(blank=True, help_text="Markdown.")
    meeting_cadence = models.CharField(max_length=20, choices=Cadence.choices, blank=True)
    governance = models.CharField(
        "terms of reference", max_length=10, choices=Governance.choices, default=Governance.NONE, db_index=True
    )
    terms_of_reference = models.FileField(upload_to="partners/terms-of-reference/", blank=True)
    terms_agreed_on = models.DateField("terms of reference agreed on", null=True, blank=True)
    next_review_on = models.DateField("next review", null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["force_area", "parent_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force_area", "name"], name="unique_partnership_name_per_area"),
        ]
        indexes = [models.Index(fields=["force_area", "governance"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("partners:partnership_detail", self.pk)

    # Labels by dict lookup: get_FOO_display rebuilds the choices on every call, and lists show many boards.
    @property
    def kind_label(self) -> str:
        return PARTNERSHIP_KIND_LABELS.get(self.kind, self.kind)

    @property
    def cadence_label(self) -> str:
        return CADENCE_LABELS.get(self.meeting_cadence, self.meeting_cadence)

    @property
    def governance_label(self) -> str:
        return GOVERNANCE_LABELS.get(self.governance, self.governance)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.governance == self.Governance.AGREED and not self.terms_agreed_on:
            raise ValidationError({"terms_agreed_on": "Give the date the terms of reference were agreed."})
        if self.governance != self.Governance.AGREED and self.terms_agreed_on:
            raise ValidationError({"terms_agreed_on": "Only agreed terms of reference have an agreed date."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A partnership cannot report to itself."})


class PartnershipMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    representative = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="unique_partnership_member"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.partnership}"

    @property
    def role_label(self) -> str:
        return MEMBER_ROLE_LABELS.get(self.role, self.role)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.representative_id
            and self.organisation_id
            and self.representative.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"representative": "The representative must be a contact of the member organisation."}
            )


PARTNERSHIP_KIND_LABELS = dict(Partnership.Kind.choices)
CADENCE_LABELS = dict(Partnership.Cadence.choices)
GOVERNANCE_LABELS = dict(Partnership.Governance.choices)
MEMBER_ROLE_LABELS = dict(PartnershipMember.Role.choices)


class Engagement(models.Model):
    """A meeting or contact between the OPCC and partners (held or planned)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        BOARD = "board", "Board or partnership meeting"
        CALL = "call", "Telephone or video call"
        EVENT = "event", "Event or workshop"
        CORRESPONDENCE = "correspondence", "Correspondence"

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="engagements")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MEETING)
    held_on = models.DateField("date", db_index=True)
    organisations = models.ManyToManyField(Organisation, related_name="engagements")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagements"
    )
    opcc_attendees = models.CharField(
        "OPCC attendees", max_length=300, blank=True, help_text="E.g. the PCC, the Chief Executive."
    )
    partner_attendees = models.ManyToManyField(Contact, blank=True, related_name="engagements")
    issues_raised = models.TextField(blank=True, help_text="Markdown.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        ordering = ["-held_on", "title"]
        indexes = [models.Index(fields=["force_area", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"

    def get_absolute_url(self) -> str:
        return path_for("partners:engagement_detail", self.pk)


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.CharField(max_length=150, help_text="Who must act, e.g. OPCC Chief Executive.")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_actions",
        help_text="The portal user reminded of this action, if any.",
    )
    due_on = models.DateField("due", db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # With the engagement (PostgreSQL: included), the open actions due are found, joined to an area's
            # engagements and put in order from this index alone (an index-only scan): the dashboard then reads
            # only the ten it shows, not every open action in the nation.
            models.Index(fields=["status", "due_on", "id"], include=["engagement"], name="action_status_due")
        ]

    def __str__(self) -> str:
        return self.description


class Bulletin(models.Model):
    """A numbered bulletin to partners, e.g. "PCC Bulletin No 8 – 9th May 2012"."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="bulletins",
        help_text="An OPCC, an association of commissioners (e.g. the APCC or a regional association) "
        "or a national body.",
    )
    number = models.PositiveIntegerField(help_text="Orders the publisher's bulletins; each number once.")
    issue_label = models.CharField(
        max_length=60,
        blank=True,
        help_text="As the bulletin prints it, e.g. Issue 12 or No 8. Blank prints “No” and the number.",
    )
    series_title = models.CharField(max_length=150, default="PCC Bulletin", help_text="E.g. PCC Bulletin.")
    masthead = models.CharField(
        max_length=150, blank=True, help_text="The line above the title, e.g. Police and Crime Commissioners."
    )
    issue_date = models.DateField(help_text="Orders the archive.")
    date_label = models.CharField(
        "date as printed",
        max_length=60,
        blank=True,
        help_text="As the bulletin prints it, e.g. Spring 2024 or 9th May 2012. Blank prints the issue date.",
    )
    force_area = models.ForeignKey(
        ForceArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bulletins",
        help_text="Managed by the OPCC staff of this area; blank for a national bulletin (administrators).",
    )
    audience = models.ManyToManyField(
        ForceArea, related_name="bulletins_received", help_text="Consenting contacts in these areas receive it."
    )
    introduction = models.TextField(blank=True, help_text="Markdown.")
    contact_line = models.TextField(blank=True, help_text="Markdown: how to contact the publisher.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issue_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publisher", "number"], name="unique_bulletin_number_per_publisher"),
        ]
        indexes = [models.Index(fields=["status", "-issue_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partners:bulletin_detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return f"{self.series_title} {self.issue_heading}"

    @property
    def issue_number_label(self) -> str:
        """Return the issue as printed, e.g. Issue 12, or No 8 when no label was entered."""
        return self.issue_label or f"No {self.number}"

    @property
    def issue_heading(self) -> str:
        """Return the line under the series title, e.g. No 8 – 9th May 2012."""
        return f"{self.issue_number_label} – {self.issue_line}"

    @property
    def issue_line(self) -> str:
        """Return the date as entered, or the issue date as bulletins print it, e.g. 9th May 2012."""
        from django.utils.dateformat import format as date_format

        return self.date_label or date_format(self.issue_date, "jS F Y")

    @property
    def publisher_line(self) -> str:
        """Return who publishes it as the bulletin says so: the name, and the kind of body unless an OPCC."""
        kind = self.publisher.org_type
        if kind == OrganisationType.OPCC:
            return self.publisher.name
        return f"{self.publisher.name} ({self.publisher.get_org_type_display().lower()})"


# Allowed bulletin transitions: source -> targets.
BULLETIN_TRANSITIONS = {
    Bulletin.Status.DRAFT: {Bulletin.Status.SCHEDULED, Bulletin.Status.PUBLISHED},
    Bulletin.Status.SCHEDULED: {Bulletin.Status.DRAFT, Bulletin.Status.PUBLISHED},
    Bulletin.Status.PUBLISHED: set(),
}


class BulletinSection(models.Model):
    """A part of a bulletin as its author names and orders it: "Welcome", "News update", a sign-off.

    An events section places the bulletin's events; without one they follow the last section.
    """

    class Kind(models.TextChoices):
        ARTICLES = "articles", "Section of articles"
        EVENTS = "events", "The events list"
        SIGN_OFF = "sign_off", "Sign-off"

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0, help_text="Sections print in this order, lowest first.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ARTICLES)
    heading = models.CharField(
        max_length=200, blank=True, help_text="As printed, e.g. Welcome or News update. May be blank."
    )
    body = models.TextField(
        blank=True, help_text="Markdown: text under the heading, before any articles; a sign-off's words."
    )
    page_break_before = models.BooleanField(
        "start a new page", default=False, help_text="In the PDF, start this section at the top of a page."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["bulletin", "position", "pk"]
        indexes = [models.Index(fields=["bulletin", "position"])]

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()

    @property
    def label(self) -> str:
        """Return the name shown in choice lists and the contents of the edit page."""
        return self.heading or f"{self.get_kind_display()} (no heading) at position {self.position}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.SIGN_OFF and not self.body.strip():
            raise ValidationError({"body": "Write the sign-off's words."})


class BulletinArticle(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="articles")
    section = models.ForeignKey(
        BulletinSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The section it appears in.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the section, lowest first.")
    title = models.CharField(max_length=200)
    standfirst = models.CharField(max_length=300, blank=True, help_text="One line under the title.")
    body = models.TextField(help_text="Markdown.")
    author_name = models.CharField("guest author", max_length=150, blank=True)
    author_role = models.CharField("author's role", max_length=150, blank=True)
    author_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="bulletin_articles"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["bulletin", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_guest_article(self) -> bool:
        return bool(self.author_name)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (self.author_role or self.author_organisation_id) and not self.author_name:
            raise ValidationError({"author_name": "Name the guest author, or leave role and organisation blank."})
        if self.section_id and self.bulletin_id and self.section.bulletin_id != self.bulletin_id:
            raise ValidationError({"section": "Choose a section of this bulletin."})


class BulletinEvent(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="events")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    how_to_book = models.TextField(blank=True, help_text="Markdown.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["bulletin", "position", "starts_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The event cannot end before it starts."})

    @property
    def dates(self) -> str:
        """Return the dates as a bulletin prints them, e.g. 3 to 4 July 2012."""
        start, end = self.starts_on, self.ends_on
        if not end or end == start:
            return f"{start:%-d %B %Y}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%-d} to {end:%-d %B %Y}"
        if start.year == end.year:
            return f"{start:%-d %B} to {end:%-d %B %Y}"
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


class BulletinDelivery(models.Model):
    """The ledger: one row per bulletin and contact, so no one is emailed twice."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="bulletin_deliveries")
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bulletin", "email"]
        verbose_name_plural = "bulletin deliveries"
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "contact"], name="unique_bulletin_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} to {self.email}: {self.get_status_display()}"
