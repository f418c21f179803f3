"""Forms validate input only; services save it."""

import datetime
from decimal import Decimal

from django import forms

from partners.selectors import organisations_visible_to
from partners.transfer import MAX_IMPORT_BYTES
from pcc_portal.core.forms import MoneyField

from .models import Contract, Decision, Gift, InspectionReport, Interest

# Gift.estimated_value holds up to 12 digits, the other amounts 14.
GIFT_MAX = Decimal("9999999999.99")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _dates(form: forms.ModelForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()


class DecisionForm(forms.ModelForm):
    amount = MoneyField(as_pounds=True, required=False, label="Amount (£)", help_text="The sum committed, if any.")

    class Meta:
        model = Decision
        fields = [
            "reference",
            "title",
            "decision",
            "reasons",
            "decision_maker",
            "decided_on",
            "financial_implications",
            "amount",
            "interests_declared",
            "exempt_part",
            "exempt_reason",
            "is_published",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("decision", "reasons", "financial_implications")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["interests_declared"].widget = forms.Textarea(attrs={"rows": 2})
        self.fields["exempt_part"].widget = forms.Textarea(attrs={"rows": 3})

    def clean(self):
        data = super().clean()
        if data.get("exempt_part", "").strip() and not data.get("exempt_reason", "").strip():
            self.add_error("exempt_reason", "Say why this part is exempt from publication.")
        return data


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["person_name", "position", "job_title", "category", "description", "declared_on", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)


class GiftForm(forms.ModelForm):
    estimated_value = MoneyField(as_pounds=True, max_pounds=GIFT_MAX, label="Estimated value (£)")

    class Meta:
        model = Gift
        fields = [
            "person_name",
            "position",
            "kind",
            "description",
            "offered_by",
            "offered_on",
            "estimated_value",
            "outcome",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)


class ContractForm(forms.ModelForm):
    value = MoneyField(as_pounds=True, label="Value (£)", help_text="The register lists contracts over £10,000.")

    class Meta:
        model = Contract
        fields = [
            "reference",
            "title",
            "supplier_name",
            "supplier",
            "value",
            "start_date",
            "end_date",
            "procurement_route",
            "is_published",
        ]

    def __init__(self, *args, user, area, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["supplier"].queryset = organisations_visible_to(user).filter(force_areas=area).order_by("name")

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value <= 10_000:
            raise forms.ValidationError("The register lists contracts over £10,000.")
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The contract cannot end before it starts.")
        return data


class InspectionReportForm(forms.ModelForm):
    report_url = forms.URLField(label="Link to the report", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = InspectionReport
        fields = ["title", "published_on", "report_url", "response", "response_published_on"]
        widgets = {"response": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)

    def clean(self):
        data = super().clean()
        published, responded = data.get("published_on"), data.get("response_published_on")
        if published and responded and responded < published:
            self.add_error("response_published_on", "The response cannot be published before the report.")
        if responded and not (data.get("response") or "").strip():
            self.add_error("response", "Give the response, or leave its publication date empty.")
        return data


class PublicationEntryForm(forms.Form):
    last_published_on = forms.DateField(
        label="Last published on", required=False, widget=DateInput(), help_text="Leave empty if never published."
    )
    url = forms.URLField(label="Where it is published", required=False, max_length=200, assume_scheme="https")
    notes = forms.CharField(required=False, max_length=300)

    def clean_last_published_on(self):
        day = self.cleaned_data["last_published_on"]
        if day and day > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError("The date cannot be in the future.")
        return day


class SpendUploadForm(forms.Form):
    month = forms.CharField(
        label="Month",
        help_text="The month the spending belongs to, e.g. 2026-10. A new upload replaces that month's earlier one.",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
        max_length=7,
    )
    file = forms.FileField(
        label="Spending file", help_text="CSV (UTF-8) or XLSX with a header line. At most 2 MB and 5,000 rows."
    )

    def clean_month(self) -> datetime.date:
        text = self.cleaned_data["month"].strip()
        try:
            month = datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError("Enter the month as YYYY-MM, e.g. 2026-10.") from None
        if not 2000 <= month.year <= datetime.date.today().year + 1:
            raise forms.ValidationError("Enter a month from 2000 onwards.")
        return month

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        return upload
