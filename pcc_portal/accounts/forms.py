from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import AreaContact


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an email address."""

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class AreaContactForm(forms.ModelForm):
    class Meta:
        model = AreaContact
        fields = ["office_name", "address", "email", "phone", "dpo_name", "dpo_email", "dpo_phone", "response_days"]
        widgets = {"address": forms.Textarea(attrs={"rows": 4})}
