from hashlib import sha256

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from pcc_portal.core.markdown import render_markdown

register = template.Library()

CACHE_SECONDS = 24 * 60 * 60


@register.filter
def plan_markdown(text: str) -> SafeString:
    """Render plan Markdown as sanitised HTML, cached by content: shared versions never change."""
    if not text:
        return mark_safe("")
    key = f"plans:markdown:{sha256(text.encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = str(render_markdown(text))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # sanitised by render_markdown before caching
