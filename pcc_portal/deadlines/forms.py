from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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


def _attrs(attrs: dict) -> str:
    """Return the attributes as django/forms/widgets/attrs.html writes them."""
    written = []
    for name, value in attrs.items():
        if value is True:
            written.append(f" {conditional_escape(name)}")
        elif value is not False:
            written.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(written)


class Select(forms.Select):
    """A select of text choices written in one pass, as Django's select.html and select_option.html write it.

    The filter of what's due offers every kind of deadline and area the user
    has (about seventy options), and including the option template once per
    option cost more than the rest of the form. Named Select as Django's is:
    crispy forms writes the widget's class name into its class attribute.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every name, value and label above is escaped


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
