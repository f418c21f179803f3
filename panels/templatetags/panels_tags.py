"""Template helpers for panel papers."""

import hashlib

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from pcc_portal.core.markdown import render_markdown

register = template.Library()

CACHE_SECONDS = 60 * 60 * 24


@register.filter(name="paper_markdown")
def paper_markdown(text: str) -> SafeString:
    """Render and sanitise Markdown like the `markdown` filter, cached by content (papers are long and reread)."""
    if not text:
        return mark_safe("")
    key = "panels:md:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(render_markdown(text))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # the output of render_markdown, already sanitised


@register.filter(name="appendix_letter")
def appendix_letter(number: int) -> str:
    """Return the letter of the n-th appendix: 1 → A, 26 → Z, 27 → AA."""
    number, letters = int(number), ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
