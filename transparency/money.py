"""Amounts of money typed or uploaded as pounds: Decimal, two places, bounded."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

MAX_AMOUNT = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, decimal_places=2)


def parse_pounds(value) -> Decimal:
    """Return the amount as Decimal pounds, or raise ValidationError with a message a person can act on."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = str(value or "").strip().replace(",", "").replace("£", "").replace(" ", "")
        if not text:
            raise ValidationError("Enter an amount in pounds, such as 1,250.00.")
        if len(text) > 20:
            raise ValidationError("Enter a shorter amount.")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Enter an amount in pounds, such as 1,250.00.") from None
    if not amount.is_finite():
        raise ValidationError("Enter an amount in pounds, such as 1,250.00.")
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError("Enter an amount under £1 trillion.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError("Enter pounds and pence, with at most two decimal places.")
    return amount.quantize(Decimal("0.01"))


class PoundsField(forms.Field):
    """An amount typed in pounds, cleaned to a bounded Decimal (never NaN or Infinity)."""

    widget = forms.TextInput

    def __init__(self, *, min_value: Decimal | None = Decimal("0"), **kwargs):
        self.min_value = min_value
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "maxlength": "20", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        amount = parse_pounds(value)
        if self.min_value is not None and amount < self.min_value:
            raise ValidationError(f"Enter an amount of £{self.min_value:,.2f} or more.")
        return amount
