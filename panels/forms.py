from django import forms

from .models import Meeting, Recommendation, VetoVote

CHOOSABLE_RESPONSES = [c for c in Recommendation.Status.choices if c[0] != Recommendation.Status.AWAITING]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Type of meeting", choices=Meeting.Kind.choices)
    starts_at = forms.DateTimeField(
        label="Date and start time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="The papers due date is worked out from this.",
    )
    venue = forms.CharField(max_length=250)


class ResponseForm(forms.Form):
    status = forms.ChoiceField(label="The Commissioner's position", choices=CHOOSABLE_RESPONSES)
    response = forms.CharField(label="Response", widget=forms.Textarea(attrs={"rows": 8}), help_text="Markdown.")


class VetoVoteForm(forms.Form):
    matter = forms.ChoiceField(label="Veto of", choices=VetoVote.Matter.choices)
    voted_on = forms.DateField(label="Date of the vote", widget=forms.DateInput(attrs={"type": "date"}))
    votes_for_veto = forms.IntegerField(label="Members voting for the veto", min_value=0, max_value=40)


class SeatModelForm(forms.Form):
    size = forms.IntegerField(
        label="Councillor seats", min_value=1, max_value=40, help_text="At least one seat for each council."
    )
