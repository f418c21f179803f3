from django import template
from django.utils.safestring import SafeString

from pcc_portal.core.markdown import render_markdown

register = template.Library()


@register.filter
def plan_markdown(text: str) -> SafeString:
    """Render plan Markdown as sanitised HTML (each text rendered once per process by render_markdown)."""
    return render_markdown(text)
