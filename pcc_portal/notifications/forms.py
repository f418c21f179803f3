from django import forms

from pcc_portal.core.forms import Select

from .models import Delivery
from .registry import NotificationKind, notification_kinds
from .selectors import delivery_choices_of


class NotificationPreferenceForm(forms.Form):
    """One choice per kind of notification: email at once, daily digest, list only, or off."""

    def __init__(self, *args, kinds: list[NotificationKind], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[self.field_name(kind.code)] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=Delivery.EMAIL, widget=Select
            )
        self.kinds = kinds

    @staticmethod
    def field_name(code: str) -> str:
        return "kind__" + code.replace(".", "__")

    def choices(self) -> dict[str, str]:
        """Return the cleaned choice for each kind, by kind code."""
        return {kind.code: self.cleaned_data[self.field_name(kind.code)] for kind in self.kinds}


def notification_preference_form_for(user, data=None) -> NotificationPreferenceForm:
    """Return the form with the user's current choices (one query)."""
    choices = delivery_choices_of(user)
    initial = {NotificationPreferenceForm.field_name(code): value for code, value in choices.items()}
    return NotificationPreferenceForm(data, initial=initial, kinds=notification_kinds())
