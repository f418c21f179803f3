"""Forms validate input only; services apply the rules."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from pcc_portal.core.forms import MoneyField
from pcc_portal.core.uploads import check_document_upload
from plans.models import Priority

from .models import Application, Decision


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CrispyMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class StreamForm(CrispyMixin, forms.Form):
    force_area = forms.ModelChoiceField(queryset=None, label="Force area", empty_label=None)
    name = forms.CharField(max_length=200, help_text="E.g. Community Safety Fund.")
    financial_year = forms.IntegerField(
        min_value=2000, max_value=2100, help_text="The year it starts, e.g. 2013 for 2013/14."
    )
    budget = MoneyField(label="Budget (£)")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force_area"].queryset = areas


# More than any council or force area in England and Wales has, and inside a PositiveIntegerField.
MAX_POPULATION = 100_000_000


class AllocationForm(CrispyMixin, forms.Form):
    """Share a total across the area's councils or CSPs; a weight and population per recipient."""

    title = forms.CharField(max_length=200)
    recipients_kind = forms.ChoiceField(
        label="Allocate across", choices=[("councils", "The area's councils"), ("csp", "Community safety partnerships")]
    )
    total = MoneyField(label="Total to allocate (£)")
    floor = MoneyField(label="Floor: least each receives (£)", required=False, help_text="Leave blank for none.")

    def __init__(self, *args, organisations=(), populations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        populations = populations or {}
        for organisation in self.organisations:
            self.fields[f"population_{organisation.pk}"] = forms.IntegerField(
                label=f"Population of {organisation.name}",
                initial=populations.get(organisation.pk),
                min_value=0,
                max_value=MAX_POPULATION,
                required=False,
            )
            self.fields[f"weight_{organisation.pk}"] = forms.DecimalField(
                label=f"Weight for {organisation.name}",
                initial=Decimal(1),
                min_value=Decimal(0),
                max_digits=6,
                decimal_places=3,
            )

    def populations(self) -> dict[int, int]:
        return {
            o.pk: self.cleaned_data[f"population_{o.pk}"]
            for o in self.organisations
            if self.cleaned_data.get(f"population_{o.pk}")
        }

    def weights(self) -> dict[int, Decimal]:
        return {o.pk: self.cleaned_data.get(f"weight_{o.pk}", Decimal(1)) for o in self.organisations}


MAX_ROUND_QUESTIONS = 50
MAX_ROUND_CRITERIA = 20


class RoundForm(CrispyMixin, forms.Form):
    title = forms.CharField(max_length=200)
    opens_at = forms.DateTimeField(label="Opens (UK time)", widget=DateTimeInput())
    closes_at = forms.DateTimeField(label="Closes (UK time)", widget=DateTimeInput())
    eligibility = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown.")
    priorities = forms.ModelMultipleChoiceField(
        queryset=Priority.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    max_award = MoneyField(label="Largest award (£)", required=False)
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="One question a line."
    )
    criteria = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One assessment criterion a line, each scored 0 to 5.",
    )

    def __init__(self, *args, priorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if priorities is not None:
            self.fields["priorities"].queryset = priorities

    def _at_most(self, name: str, limit: int, what: str) -> str:
        """Refuse more lines than a round needs: each line becomes a row (a question or a criterion)."""
        text = self.cleaned_data.get(name) or ""
        count = sum(1 for line in text.splitlines() if line.strip())
        if count > limit:
            raise ValidationError(f"A round takes at most {limit} {what}, one a line; this has {count}.")
        return text

    def clean_questions(self):
        return self._at_most("questions", MAX_ROUND_QUESTIONS, "questions")

    def clean_criteria(self):
        return self._at_most("criteria", MAX_ROUND_CRITERIA, "criteria")

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "The round must close after it opens.")
        return data


class ApplicationStartForm(CrispyMixin, forms.Form):
    title = forms.CharField(label="Project title", max_length=200)


class ApplicationForm(CrispyMixin, forms.ModelForm):
    amount_requested_pence = MoneyField(label="Amount requested (£)", required=False)

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "amount_requested_pence",
            "period_start",
            "period_end",
            "priorities",
            "evidence_base",
            "value_for_money",
            "outcomes",
            "measures",
            "who_is_served",
            "serves_domestic_sexual_abuse_victims",
            "serves_drug_misusing_offenders",
            "serves_young_people",
            "serves_mental_health",
            "risk_if_not_funded",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "priorities": forms.CheckboxSelectMultiple,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in [
                    "summary",
                    "evidence_base",
                    "value_for_money",
                    "outcomes",
                    "measures",
                    "who_is_served",
                    "risk_if_not_funded",
                ]
            },
        }
        help_texts = {
            "evidence_base": "The need, and the evidence for it.",
            "value_for_money": "Costs, what they buy, and any other funding.",
            "who_is_served": "Who benefits; tick any vulnerable groups below.",
            "risk_if_not_funded": "What would happen if this were not funded.",
        }

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_ or self.instance.round
        self.fields["priorities"].queryset = self.round.priorities.all()
        self.fields["priorities"].label = "Plan priorities served"
        self.fields["priorities"].required = False
        self.questions = list(self.round.questions.all())
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=self.instance.answers.get(str(question.pk), ""),
            )
        # Drafts save half-done, so nothing is required to save; say before submission what is.
        for name in [*Application.REQUIRED_TO_SUBMIT, "priorities", *(f"answer_{q.pk}" for q in self.questions)]:
            self.fields[name].label = f"{self.fields[name].label} (required to submit)"

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class AttachmentForm(CrispyMixin, forms.Form):
    title = forms.CharField(label="What the document is", max_length=200, help_text="For example: Budget for 2026/27.")
    file = forms.FileField(label="Document", help_text="PDF, Word (.docx) or OpenDocument (.odt), at most 10 MB.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "attachment")  # the application form beside it has a title too
        super().__init__(*args, **kwargs)

    def clean_file(self):
        return check_document_upload(self.cleaned_data.get("file"))


class AssignmentForm(forms.Form):
    assessor = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors


class DeclarationForm(CrispyMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this applicant or project?",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    conflict_details = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Details")


class ScoreForm(CrispyMixin, forms.Form):
    def __init__(self, *args, criteria=(), existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            previous = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.title}: score (0 to {criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                help_text=criterion.guidance,
                initial=previous.score if previous else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.title}: comment",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=previous.comment if previous else "",
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class ModerationForm(CrispyMixin, forms.Form):
    recommendation = forms.ChoiceField(
        choices=[("award", "Award"), ("decline", "Decline"), ("defer", "Defer")], widget=forms.RadioSelect
    )
    recommended_amount = MoneyField(label="Amount recommended (£)", required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Moderation notes")


class DecisionForm(CrispyMixin, forms.Form):
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    amount = MoneyField(label="Amount awarded (£)", required=False)
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="Published with the decision record.")


class GrantForm(CrispyMixin, forms.Form):
    reference = forms.SlugField(max_length=40, help_text="Letters, numbers and hyphens, e.g. CSF-2013-001.")
    title = forms.CharField(max_length=200)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    amount = MoneyField(label="Amount (£)")
    award_date = forms.DateField(widget=DateInput())
    start_date = forms.DateField(widget=DateInput())
    end_date = forms.DateField(widget=DateInput())
    conditions = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    repayment_conditions = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    instalments = forms.IntegerField(min_value=1, max_value=24, initial=2, label="Number of instalments")
    return_frequency_months = forms.IntegerField(
        min_value=1, max_value=12, initial=3, label="Monitoring returns every (months)"
    )

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "The grant must end on or after its start.")
        return data


class ReturnForm(CrispyMixin, forms.Form):
    outputs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What was delivered, against the measures."
    )
    outcomes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What changed, against the measures."
    )
    spend_to_date = MoneyField(label="Spend to date (£)", required=False)


class VariationForm(CrispyMixin, forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    amount_change = MoneyField(
        label="Change in amount (£)", required=False, allow_negative=True, help_text="Negative to reduce, e.g. -500.00."
    )
    new_end_date = forms.DateField(widget=DateInput(), required=False)

    def clean_amount_change(self) -> int:
        return self.cleaned_data.get("amount_change") or 0
