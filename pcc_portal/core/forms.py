"""Form fields every app shares: money is typed in pounds and stored as integer pence."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Pounds and pence with at most 14 digits: up to £999,999,999,999.99, far above any
# grant or budget, and well inside a BigIntegerField of pence on every database.
MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2
MONEY_MAX = Decimal("999999999999.99")
MONEY_MAX_LENGTH = 24  # "-£999,999,999,999.99" with room for spaces

ENTER_AMOUNT = "Enter an amount in pounds, such as 1,250.00."


def parse_pounds(value: str, *, allow_negative: bool = False, max_pounds: Decimal = MONEY_MAX) -> int:
    """Turn '£1,000,000.00' or '1000000' into pence; refuse anything else.

    Exponents ('1e99'), 'Infinity' and 'NaN' are refused as not an amount: people
    type money as digits, and Decimal would otherwise accept them and fail later.
    """
    text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
    negative = allow_negative and text.startswith("-")
    if negative:
        text = text[1:]
    if not text or len(text) > MONEY_MAX_LENGTH or not all(c in "0123456789." for c in text):
        raise ValidationError(ENTER_AMOUNT, code="invalid")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(ENTER_AMOUNT, code="invalid") from None
    if not amount.is_finite():
        raise ValidationError(ENTER_AMOUNT, code="invalid")
    if amount > max_pounds:
        raise ValidationError(f"Enter an amount of at most £{max_pounds:,.2f}.", code="max_value")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError("Enter pounds and pence, with at most two decimal places.", code="decimal_places")
    if amount < 0:
        raise ValidationError("Enter an amount of zero or more.", code="min_value")
    pence = int(amount * 100)
    return -pence if negative else pence


def pence_to_pounds(pence: int) -> Decimal:
    """Return integer pence as Decimal pounds with two places, for models that store pounds."""
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


class MoneyField(forms.Field):
    """An amount typed in pounds, cleaned to integer pence (None when left blank).

    Use it for every amount of money in the portal: it bounds the digits, refuses
    exponents, infinities and NaN with a form error, and never raises anything else.
    With ``as_pounds`` it cleans to Decimal pounds instead, for a DecimalField.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid": ENTER_AMOUNT}

    def __init__(
        self, *, allow_negative: bool = False, max_pounds: Decimal = MONEY_MAX, as_pounds: bool = False, **kwargs
    ):
        self.allow_negative = allow_negative
        self.max_pounds = max_pounds
        self.as_pounds = as_pounds
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = {**super().widget_attrs(widget), "maxlength": str(MONEY_MAX_LENGTH), "autocomplete": "off"}
        # A numeric keypad has no minus sign on some phones: keep the full keyboard for signed amounts.
        if not self.allow_negative:
            attrs["inputmode"] = "decimal"
        return attrs

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{Decimal(value) / 100:.2f}"
        return value

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if len(str(value)) > MONEY_MAX_LENGTH:
            raise ValidationError("Enter a shorter amount.", code="max_length")
        pence = parse_pounds(value, allow_negative=self.allow_negative, max_pounds=self.max_pounds)
        return pence_to_pounds(pence) if self.as_pounds else pence


class FilteredCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A list of checkboxes that js/portal.js gives a filter box when it is long.

    Use it instead of a multi-select box: everyone can tick options without holding a key,
    and without JavaScript it stays a plain list of checkboxes.
    """

    def __init__(self, *, noun: str = "options", attrs=None, **kwargs):
        super().__init__(attrs={**(attrs or {}), "data-checkbox-filter": noun}, **kwargs)


DASHES = "---------"  # Django's placeholder for "nothing chosen"
VOWELS = "aeio"


def blank_choice_prompt(label: str, *, required: bool) -> str:
    """Return the words for a select's empty option: "Choose an organisation", or "None" when optional."""
    if not required:
        return "None"
    noun = str(label or "").removesuffix(" (required)").strip().rstrip(":")
    if not noun or " or " in noun or noun.lower().startswith(("who ", "what ", "which ", "how ", "when ")):
        return "Choose one"
    noun = noun[0].lower() + noun[1:]
    return f"Choose {'an' if noun[0] in VOWELS else 'a'} {noun}"


class PromptingBoundField(BoundField):
    """A bound field whose select shows a real prompt instead of "---------"."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        field = self.field
        is_select = isinstance(widget or field.widget, forms.Select) and not isinstance(
            widget or field.widget, forms.SelectMultiple
        )
        if is_select:
            prompt = blank_choice_prompt(self.label, required=field.required)
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DASHES:
                    field.empty_label = prompt
            elif isinstance(field, forms.ChoiceField) and any(label == DASHES for _, label in field.choices):
                field.choices = [(value, prompt if label == DASHES else label) for value, label in field.choices]
        return super().as_widget(widget, attrs, only_initial)


class WholeChoiceIterator(forms.models.ModelChoiceIterator):
    """A model choice field's options from one plain query of its queryset, read whole.

    Django reads them through queryset.iterator(): on PostgreSQL a server-side cursor, declared, fetched and closed
    in three round trips, for a form's handful of options (a consultation page's plan versions and themes).
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def read_choices_whole(form: forms.BaseForm) -> None:
    """Give each of the form's model choice fields its options from one plain query (WholeChoiceIterator)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = WholeChoiceIterator
            field.widget.choices = field.choices  # the widget took its choices from the field's iterator when made


class PortalFormRenderer(DjangoTemplates):
    """The project's form renderer: Django's templates, with selects that prompt in words."""

    bound_field_class = PromptingBoundField


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
    has (about seventy options), the reminder settings page holds one select
    per kind of notification, and a consultation response's analysis forms
    offer its themes and questions: including the option template once per
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
