from django import forms
from django.db.models import Q

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.uploads import check_document_upload

from .models import (
    Bulletin,
    BulletinArticle,
    BulletinEvent,
    Contact,
    Duty,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationType,
    Partnership,
    PartnershipMember,
)
from .selectors import organisations_visible_to
from .transfer import MAX_IMPORT_BYTES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm):
    """Staff edit everything; a partner user edits their own organisation's public details."""

    PARTNER_FIELDS = ["name", "website", "address"]

    website = forms.URLField(required=False, assume_scheme="https")

    duties = forms.MultipleChoiceField(
        label="Statutory duties", choices=Duty.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_type",
            "partnership_area",
            "population",
            "org_id",
            "website",
            "address",
            "parent",
            "covers",
        ]
        widgets = {"covers": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {"covers": "For a partnership such as a CSP: the councils it covers."}

    def __init__(self, *args, area: ForceArea | None = None, partner_view: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if partner_view:
            for name in list(self.fields):
                if name not in self.PARTNER_FIELDS:
                    del self.fields[name]
            return
        if self.instance.pk:
            self.fields["duties"].initial = list(self.instance.duties.values_list("duty", flat=True))
        if area is not None:
            others = Organisation.objects.filter(force_areas=area).exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = others
            self.fields["covers"].queryset = others.filter(org_type__in=OrganisationType.councils())


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["full_name", "job_title", "seniority", "email", "phone", "bulletin_consent", "is_active"]
        help_texts = {"bulletin_consent": "Only tick this with the person's agreement; the date is recorded."}


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "kind",
            "parent",
            "purpose",
            "meeting_cadence",
            "governance",
            "terms_of_reference",
            "terms_agreed_on",
            "next_review_on",
        ]
        widgets = {"terms_agreed_on": DATE_INPUT, "next_review_on": DATE_INPUT}

    def __init__(self, *args, area: ForceArea, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.force_area = area
        self.fields["parent"].queryset = Partnership.objects.filter(force_area=area).exclude(pk=self.instance.pk)

    def clean_terms_of_reference(self):
        return check_document_upload(self.cleaned_data.get("terms_of_reference"))


class PartnershipMemberForm(forms.ModelForm):
    class Meta:
        model = PartnershipMember
        fields = ["organisation", "representative", "role"]

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        # Active organisations and contacts of the area; when editing, the current ones stay choosable.
        current_org = Q(pk=self.instance.organisation_id) if self.instance.organisation_id else Q(pk__in=[])
        current_rep = Q(pk=self.instance.representative_id) if self.instance.representative_id else Q(pk__in=[])
        orgs = Organisation.objects.filter(
            Q(is_active=True) | current_org, force_areas=partnership.force_area_id
        ).distinct()
        self.fields["organisation"].queryset = orgs
        self.fields["representative"].queryset = Contact.objects.filter(
            Q(is_active=True) | current_rep, organisation__in=orgs
        ).select_related("organisation")

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        others = PartnershipMember.objects.filter(partnership=self.instance.partnership, organisation=organisation)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{organisation.name} is already a member of this board.")
        return organisation


class EngagementForm(forms.ModelForm):
    class Meta:
        model = Engagement
        fields = [
            "title",
            "kind",
            "held_on",
            "organisations",
            "partnership",
            "opcc_attendees",
            "partner_attendees",
            "issues_raised",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "organisations": forms.SelectMultiple(attrs={"size": 8}),
            "partner_attendees": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"held_on": "A future date puts it on the forward engagement plan."}

    def __init__(self, *args, area: ForceArea, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.force_area = area
        # Active organisations and contacts; an engagement being edited keeps those it already records.
        if self.instance.pk:
            current_orgs = Q(pk__in=self.instance.organisations.values("pk"))
            current_people = Q(pk__in=self.instance.partner_attendees.values("pk"))
        else:
            current_orgs = current_people = Q(pk__in=[])
        self.fields["organisations"].queryset = Organisation.objects.filter(
            Q(is_active=True) | current_orgs, force_areas=area
        ).distinct()
        self.fields["partnership"].queryset = Partnership.objects.filter(force_area=area)
        self.fields["partner_attendees"].queryset = Contact.objects.filter(
            Q(is_active=True, organisation__is_active=True) | current_people, organisation__force_areas=area
        ).select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        organisations = set(cleaned.get("organisations") or [])
        strays = [c for c in cleaned.get("partner_attendees") or [] if c.organisation not in organisations]
        if strays:
            self.add_error(
                "partner_attendees",
                f"{', '.join(c.full_name for c in strays)}: choose their organisation too, or leave them out.",
            )
        return cleaned


class FollowUpActionForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DATE_INPUT}


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = [
            "publisher",
            "masthead",
            "series_title",
            "number",
            "issue_date",
            "audience",
            "introduction",
            "contact_line",
        ]
        widgets = {"issue_date": DATE_INPUT}

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = areas
        if self.instance.pk:
            others = self.instance.audience.exclude(pk__in=areas.values("pk")).order_by("name")
            if others:
                self.fields[
                    "audience"
                ].help_text = (
                    f"It also goes to {', '.join(a.name for a in others)}: those areas stay whatever you choose here."
                )
        self.fields["publisher"].queryset = Organisation.objects.filter(force_areas__in=areas).distinct()


class BulletinPartForm(forms.ModelForm):
    """A bulletin's article or event: its choices come from what the editing user may see."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class BulletinArticleForm(BulletinPartForm):
    class Meta:
        model = BulletinArticle
        fields = ["title", "standfirst", "body", "author_name", "author_role", "author_organisation", "position"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["author_organisation"].queryset = organisations_visible_to(user).order_by("name")


class BulletinEventForm(BulletinPartForm):
    class Meta:
        model = BulletinEvent
        fields = ["title", "starts_on", "ends_on", "venue", "description", "how_to_book", "position"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}


class BulletinScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label="Publish at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV with a header line. At most 2 MB.")
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file.")
        return upload
