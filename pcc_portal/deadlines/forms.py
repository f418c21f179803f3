from django import forms

from pcc_portal.core.forms import Select

from . import conf
from .models import ReminderPreference


def reminder_schedule_text() -> str:
    """Return e.g. "Reminders go out 14, 7 and 1 days before a deadline and on the day, at 09:00 UK time."."""
    days = sorted(set(conf.get("DEADLINES_LEAD_DAYS")), reverse=True)
    before = [str(d) for d in days if d > 0]
    parts = []
    if before:
        joined = before[0] if len(before) == 1 else ", ".join(before[:-1]) + " and " + before[-1]
        parts.append(f"{joined} day{'s' if before != ['1'] else ''} before a deadline")
    if 0 in days:
        parts.append("on the day")
    return f"Reminders go out {' and '.join(parts)}, at {conf.get('DEADLINES_SEND_AT'):%H:%M} UK time."


class WhatsDueFilterForm(forms.Form):
    """Filter the list by kind of deadline and by force area (GET; invalid values are ignored)."""

    kind = forms.ChoiceField(label="Kind of deadline", required=False, widget=Select)
    area = forms.ChoiceField(label="Force area", required=False, widget=Select)

    def __init__(self, *args, kinds: list[tuple[str, str]], areas: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *kinds]
        self.fields["area"].choices = [("", "All areas"), *((str(pk), name) for pk, name in areas)]


class ReminderPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How to send reminders",
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
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
        self.fields["delivery"].help_text = reminder_schedule_text()
