"""Template helpers for panel papers."""

from django import template
from django.utils.safestring import SafeString

from pcc_portal.core.markdown import render_markdown

register = template.Library()


@register.filter(name="paper_markdown")
def paper_markdown(text: str) -> SafeString:
    """Render and sanitise Markdown like the `markdown` filter (each text rendered once per process)."""
    return render_markdown(text)


@register.filter(name="appendix_letter")
def appendix_letter(number: int) -> str:
    """Return the letter of the n-th appendix: 1 → A, 26 → Z, 27 → AA."""
    number, letters = int(number), ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
