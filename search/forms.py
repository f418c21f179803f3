from django import forms

from pcc_portal.accounts.models import ForceArea

from .sources import sections


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False, strip=True)
    section = forms.ChoiceField(label="Section", required=False)
    area = forms.ModelChoiceField(
        label="Force area", queryset=ForceArea.objects.none(), required=False, empty_label="Any"
    )
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "Any"), *sections()]
        self.fields["area"].queryset = areas
        self.fields["q"].error_messages["max_length"] = "Search for at most 200 characters."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned
