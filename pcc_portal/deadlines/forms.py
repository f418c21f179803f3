from django import forms

from .models import ReminderPreference


class WhatsDueFilterForm(forms.Form):
    """Filter the list by kind of deadline and by force area (GET; invalid values are ignored)."""

    kind = forms.ChoiceField(label="Kind of deadline", required=False)
    area = forms.ChoiceField(label="Force area", required=False)

    def __init__(self, *args, kinds: list[tuple[str, str]], areas: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *kinds]
        self.fields["area"].choices = [("", "All areas"), *((str(pk), name) for pk, name in areas)]


class ReminderPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How to send reminders",
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
        help_text="Reminders go out 14, 7 and 1 days before a deadline and on the day, at 09:00 UK time.",
    )
    muted_kinds = forms.MultipleChoiceField(
        label="Do not remind me of",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You still see these in your list of what is due and in your calendar.",
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["muted_kinds"].choices = kinds
