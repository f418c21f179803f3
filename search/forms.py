from django import forms

from pcc_portal.core.forms import Select

from .sources import sections


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False, strip=True)
    # Both selects written in one pass (43 areas), and the areas read as (id, name) pairs by the view: a model
    # choice field read them through a server-side cursor and wrote each option through its own template.
    section = forms.ChoiceField(label="Section", required=False, widget=Select)
    area = forms.TypedChoiceField(
        label="Force area",
        required=False,
        coerce=int,
        empty_value=None,
        widget=Select,
        error_messages={"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]},
    )
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, areas: list[tuple[int, str]], **kwargs):
        """`areas`: (id, name) of the areas to choose from, in order; the area's id is cleaned to an int."""
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "Any"), *sections()]
        self.fields["area"].choices = [("", "Any"), *((str(pk), name) for pk, name in areas)]
        self.fields["q"].error_messages["max_length"] = "Search for at most 200 characters."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned
