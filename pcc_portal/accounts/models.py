"""Users, their roles, and the force areas that scope every record."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords


class ForceArea(models.Model):
    """A police force area: the root of all scoped data."""

    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"

    name = models.CharField(max_length=120, unique=True)
    code = models.SlugField(
        max_length=60, unique=True, help_text="Short code used in web addresses, e.g. leicestershire."
    )
    nation = models.CharField(max_length=10, choices=Nation.choices, default=Nation.ENGLAND)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:area_detail", kwargs={"code": self.code})

    @property
    def holiday_subdivision(self) -> str:
        """Return the `holidays` subdivision for bank holidays in this area."""
        return "WLS" if self.nation == self.Nation.WALES else "ENG"


class Role(models.TextChoices):
    OPCC_STAFF = "opcc_staff", "OPCC staff"
    PANEL_SECRETARIAT = "panel_secretariat", "Panel secretariat"
    PANEL_MEMBER = "panel_member", "Panel member"
    PARTNER = "partner", "Partner user"
    SUCCESSOR_OFFICER = "successor_officer", "Successor body officer"
    ADMINISTRATOR = "administrator", "Administrator"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices, db_index=True)
    force_areas = models.ManyToManyField(ForceArea, related_name="users", blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "admin site access", default=False, help_text="Only administrators use the Django admin."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=[force_areas])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    @cached_property
    def area_ids(self) -> frozenset[int]:
        """Return the ids of the force areas this user belongs to."""
        return frozenset(self.force_areas.values_list("pk", flat=True))

    def in_area(self, area_id: int | None) -> bool:
        """Check whether the user may see data scoped to the area."""
        if area_id is None:
            return False
        return self.is_administrator or area_id in self.area_ids


class AreaContact(models.Model):
    """An area's OPCC contact details, shown on the privacy notice and the accessibility statement."""

    force_area = models.OneToOneField(ForceArea, on_delete=models.CASCADE, related_name="contact")
    office_name = models.CharField(
        max_length=200, help_text="e.g. Office of the Police and Crime Commissioner for Leicestershire."
    )
    address = models.TextField(blank=True, help_text="Postal address, one line each.")
    email = models.EmailField(blank=True, help_text="General enquiries and reporting an accessibility problem.")
    phone = models.CharField(max_length=40, blank=True)
    dpo_name = models.CharField("data protection officer", max_length=150, blank=True)
    dpo_email = models.EmailField("data protection officer's email", blank=True)
    dpo_phone = models.CharField("data protection officer's phone", max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=10,
        help_text="How soon the office replies to a report of an accessibility problem.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["force_area__name"]

    def __str__(self) -> str:
        return self.office_name


class AccountInvitation(models.Model):
    """The ledger of invitations: one per user, so a new user is invited once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="invitation")
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.user.email}: {self.get_status_display()}"
