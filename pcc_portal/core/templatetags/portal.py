from django import template

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def pence(value) -> str:
    """Format an amount in pence as pounds, e.g. 100000050 -> £1,000,000.50."""
    if value is None or value == "":
        return ""
    value = int(value)
    sign = "-" if value < 0 else ""
    pounds, pennies = divmod(abs(value), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"
