"""Forms validate input only; the services decide."""

from crispy_forms.helper import FormHelper
from django import forms

from pcc_portal.accounts.selectors import force_areas_visible_to
from pcc_portal.core.forms import MoneyField

from .models import Objective, Plan, PlanVersion, Priority, Section

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _Crispy:
    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        return helper


class PlanForm(_Crispy, forms.ModelForm):
    first_label = forms.CharField(label="Label of the first draft", max_length=150, initial="First draft")

    class Meta:
        model = Plan
        fields = ["force_area", "title", "period_start", "period_end", "commissioner", "election_date"]
        widgets = {"period_start": DATE, "period_end": DATE, "election_date": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force_area"].queryset = force_areas_visible_to(user)
        self.helper = self._helper()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "The plan period must end after it starts.")
        return data


class PlanEditForm(_Crispy, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "period_start", "period_end", "commissioner", "election_date"]
        widgets = {"period_start": DATE, "period_end": DATE, "election_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "The plan period must end after it starts.")
        return data


class VersionDetailsForm(_Crispy, forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["label", "summary", "eia_status", "eia_date"]
        widgets = {"eia_date": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class TimetableForm(_Crispy, forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["panel_report_due", "panel_report_received", "panel_response_published"]
        widgets = dict.fromkeys(fields, DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class ConsultationForm(_Crispy, forms.Form):
    opens = forms.DateTimeField(label="Consultation opens", widget=DATETIME)
    closes = forms.DateTimeField(label="Consultation closes", widget=DATETIME, help_text="London time.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", "The consultation must close after it opens.")
        return data


class NewVersionForm(_Crispy, forms.Form):
    label = forms.CharField(max_length=150, help_text="E.g. March 2013 revised, or Variation, June 2014.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class _KeyedItemForm(_Crispy, forms.ModelForm):
    """Keys are unique within a version: check here so the message sits on the field."""

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.helper = self._helper()

    def clean_key(self):
        key = self.cleaned_data["key"]
        clash = self._meta.model.objects.filter(version=self.version, key=key).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another item of this version already uses this key.")
        return key


class SectionForm(_KeyedItemForm):
    class Meta:
        model = Section
        fields = ["heading", "key", "statutory_element", "position", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"body": "Markdown: blank lines between paragraphs, ## for a sub-heading, - for a list."}


class PriorityForm(_KeyedItemForm):
    resources_pounds = MoneyField(
        label="Resources allocated (£)", required=False, help_text="The budget aligned to this priority, if known."
    )

    class Meta:
        model = Priority
        fields = ["title", "key", "description", "rank", "no_longer_priority", "position", "resources_note"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    field_order = ["title", "key", "description", "rank", "no_longer_priority", "position", "resources_pounds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.resources_pence is not None:
            self.initial["resources_pounds"] = self.instance.resources_pence

    def clean_rank(self):
        rank = self.cleaned_data.get("rank")
        if rank is not None and rank < 1:
            raise forms.ValidationError("Rank from 1 (the highest).")
        return rank

    def save(self, commit=True):
        self.instance.resources_pence = self.cleaned_data.get("resources_pounds")
        return super().save(commit=commit)


class ObjectiveForm(_KeyedItemForm):
    class Meta:
        model = Objective
        fields = [
            "title",
            "key",
            "priority",
            "measure",
            "baseline",
            "target_value",
            "direction",
            "by_when",
            "rationale",
            "data_source",
            "partners_consulted",
            "position",
        ]
        widgets = {
            "by_when": DATE,
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "partners_consulted": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(version=self.version)


class CommentForm(_Crispy, forms.Form):
    quote = forms.CharField(
        label="Passage you are commenting on (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Select text in the section to fill this in, or paste the exact words.",
    )
    quote_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    quote_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)

    def __init__(self, *args, section: Section, **kwargs):
        kwargs.setdefault("prefix", f"s{section.pk}")
        super().__init__(*args, **kwargs)
        self.section = section
        self.helper = self._helper()


class ReplyForm(_Crispy, forms.Form):
    body = forms.CharField(
        label="Your reply", widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}), max_length=10_000
    )

    def __init__(self, *args, comment, **kwargs):
        kwargs.setdefault("prefix", f"c{comment.pk}")
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(
        label="Earlier version", coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    new = forms.TypedChoiceField(label="Later version", coerce=int, widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.pk, v.name) for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
