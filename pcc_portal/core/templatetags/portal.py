from django import template

from ..links import path_for
from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user Markdown as sanitised HTML."""
    return render_markdown(text)


@register.simple_tag
def cached_url(name: str) -> str:
    """Return {% url name %} for a URL without arguments, reversed once per process (pcc_portal.core.links).

    For the links every page carries (the header, the footer): reverse() costs tens of microseconds
    a call, on every request, for a path that only the code can change.
    """
    return path_for(name)


@register.filter
def pence(value) -> str:
    """Format an amount in pence as pounds, e.g. 100000050 -> £1,000,000.50."""
    if value is None or value == "":
        return ""
    value = int(value)
    sign = "-" if value < 0 else ""
    pounds, pennies = divmod(abs(value), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def _first_input_id(bound_field) -> str:
    """Return the id of the control a summary link should move to (the first radio or checkbox of a group)."""
    widget = bound_field.field.widget
    auto_id = bound_field.auto_id
    if getattr(widget, "input_type", None) in ("radio", "checkbox") and hasattr(widget, "choices"):
        return f"{auto_id}_0"
    return bound_field.id_for_label or auto_id


@register.simple_tag
def error_summary_items(*forms) -> dict:
    """Return each form's errors as links to their fields, and the errors that belong to no field.

    Feeds templates/partials/error_summary.html (the GOV.UK error summary pattern).
    """
    links, general = [], []
    for form in forms:
        if form is None or not getattr(form, "errors", None):
            continue
        general.extend(str(e) for e in form.non_field_errors())
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            if name not in form.fields or form.fields[name].widget.is_hidden:
                general.extend(str(e) for e in errors)
                continue
            bound = form[name]
            label = str(bound.label or name).removesuffix(" (required)").rstrip(":")
            for error in errors:
                links.append({"href": f"#{_first_input_id(bound)}", "label": label, "message": str(error)})
    return {"links": links, "general": general, "any": bool(links or general)}
