"""Form fields every app shares: money is typed in pounds and stored as integer pence."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

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


class MoneyField(forms.Field):
    """An amount typed in pounds, cleaned to integer pence (None when left blank).

    Use it for every amount of money in the portal: it bounds the digits, refuses
    exponents, infinities and NaN with a form error, and never raises anything else.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid": ENTER_AMOUNT}

    def __init__(self, *, allow_negative: bool = False, max_pounds: Decimal = MONEY_MAX, **kwargs):
        self.allow_negative = allow_negative
        self.max_pounds = max_pounds
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
        return parse_pounds(value, allow_negative=self.allow_negative, max_pounds=self.max_pounds)
