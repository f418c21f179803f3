"""Partner organisations, their contacts and their statutory duties."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from pcc_portal.accounts.models import ForceArea

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
    GOVERNMENT = "government", "Government"

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
