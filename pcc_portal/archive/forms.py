from django import forms

from pcc_portal.accounts.models import ForceArea


class ExportForm(forms.Form):
    area = forms.ModelChoiceField(queryset=ForceArea.objects.none(), label="Force area", empty_label=None)
    with_personal_data = forms.BooleanField(
        required=False,
        label="Include personal data",
        help_text="Email addresses and phone numbers of contacts and users, and public respondents' details. "
        "Leave unticked unless the receiver needs them and may hold them.",
    )
    since = forms.DateField(
        required=False,
        label="From (optional)",
        help_text="For an FOI request or an audit: only records written on or after this day.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        required=False,
        label="To (optional)",
        help_text="Only records written on or before this day.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["area"].to_field_name = "code"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the range must not come before its start.")
        return data
