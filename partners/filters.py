import django_filters
from django.db.models import Q

from pcc_portal.core.forms import Select

from .models import Contact, Duty, Engagement, Organisation, OrganisationType, PartnershipArea, SeniorityTier


class BootstrapFilterSet(django_filters.FilterSet):
    """Give the filter widgets Bootstrap classes, so the form renders without crispy (lists are hot paths)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs.setdefault("class", css)


class OrganisationFilter(BootstrapFilterSet):
    # The selects are written in one pass (including Django's option template once per option cost more than the
    # rest of the organisation list).
    q = django_filters.CharFilter(label="Search", method="search")
    org_type = django_filters.ChoiceFilter(label="Type", choices=OrganisationType.choices, widget=Select)
    partnership_area = django_filters.ChoiceFilter(
        label="Partnership area", choices=PartnershipArea.choices, widget=Select
    )
    duty = django_filters.ChoiceFilter(label="Statutory duty", choices=Duty.choices, method="with_duty", widget=Select)
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("deactivated", "Deactivated only"), ("all", "Active and deactivated")],
        empty_label="Active only",
        method="by_status",
        widget=Select,
    )

    class Meta:
        model = Organisation
        fields = ["q", "org_type", "partnership_area", "duty", "status"]

    def __init__(self, *args, show_deactivated: bool = False, **kwargs):
        """Deactivated organisations are left out unless asked for, and only staff may ask."""
        super().__init__(*args, **kwargs)
        if not show_deactivated:
            del self.filters["status"]
            del self.form.fields["status"]

    def filter_queryset(self, queryset):
        if not getattr(self.form, "cleaned_data", {}).get("status"):
            queryset = queryset.filter(is_active=True)
        return super().filter_queryset(queryset)

    def by_status(self, queryset, name, value):
        return queryset.filter(is_active=False) if value == "deactivated" else queryset

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(org_id__icontains=value))

    def with_duty(self, queryset, name, value):
        return queryset.filter(duties__duty=value)


class EngagementFilter(BootstrapFilterSet):
    WHEN = [("past", "Held"), ("planned", "Planned (forward plan)")]

    q = django_filters.CharFilter(label="Search", method="search")
    kind = django_filters.ChoiceFilter(label="Kind", choices=Engagement.Kind.choices)
    when = django_filters.ChoiceFilter(label="When", choices=WHEN, method="by_when")

    class Meta:
        model = Engagement
        fields = ["q", "kind", "when"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(organisations__name__icontains=value)).distinct()

    def by_when(self, queryset, name, value):
        from django.utils import timezone

        today = timezone.localdate()
        return queryset.filter(held_on__gt=today) if value == "planned" else queryset.filter(held_on__lte=today)


class ContactFilter(BootstrapFilterSet):
    CONSENT = [("yes", "Consented"), ("no", "Not consented")]

    q = django_filters.CharFilter(label="Search", method="search")
    seniority = django_filters.ChoiceFilter(label="Seniority", choices=SeniorityTier.choices)
    partnership_area = django_filters.ChoiceFilter(
        label="Partnership area", choices=PartnershipArea.choices, field_name="organisation__partnership_area"
    )
    consent = django_filters.ChoiceFilter(label="Bulletins", choices=CONSENT, method="by_consent")

    class Meta:
        model = Contact
        fields = ["q", "seniority", "partnership_area", "consent"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(email__icontains=value)
            | Q(job_title__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    def by_consent(self, queryset, name, value):
        return queryset.filter(bulletin_consent=value == "yes")
