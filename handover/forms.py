"""Forms: they validate input only; the services decide what happens."""

from django import forms
from django.core.exceptions import ValidationError

MAX_TEXT = 5000


class BriefingCreateForm(forms.Form):
    force_area = forms.ModelChoiceField(queryset=None, label="Force area")
    election_date = forms.DateField(label="Election date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force_area"].queryset = areas


class BriefingIntroductionForm(forms.Form):
    introduction = forms.CharField(
        label="Introduction",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown. Shown at the top of the briefing page and its PDF.",
    )


class CandidateRegistrationForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=150)
    email = forms.EmailField(label="Your email address", help_text="We send a link to confirm it.")
    standing_as = forms.ChoiceField(
        label="Standing as",
        choices=[("party", "A party's candidate"), ("independent", "An independent candidate")],
        widget=forms.RadioSelect,
    )
    party = forms.CharField(label="Party", max_length=150, required=False, help_text="If you stand for a party.")
    # A field people never see and simple bots fill in (hidden from screen readers too).
    website = forms.CharField(required=False, label="Website")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError("This registration could not be accepted.")
        party = (cleaned.get("party") or "").strip()
        if cleaned.get("standing_as") == "party" and not party:
            self.add_error("party", "Enter the party you stand for, or choose independent.")
        if cleaned.get("standing_as") == "independent":
            cleaned["party"] = ""
        return cleaned


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        error_messages={"required": "Enter your question."},
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="It is published with the answer, without your name, and every candidate receives the answer.",
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter your question.")
        return text


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Answer",
        error_messages={"required": "Enter the answer."},
        max_length=MAX_TEXT * 2,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown. Once sent it cannot be changed: it goes to every confirmed candidate at once.",
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter the answer.")
        return text
