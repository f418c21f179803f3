"""{% crispy_plain form %}: what {% crispy form %} writes for a form of plain fields, in one template pass.

crispy-forms' Bootstrap 5 pack writes each field through five templates (the field, its help text and errors, and
the widget's), deciding at every field what kind of widget it is and which of its options are set: a consultation
response's three analysis forms spent more on that than the rest of the page. A form whose helper is the portal's
usual one (no layout, no form tag, no CSRF input, labels and errors shown) and whose fields are text inputs, text
areas and selects is written here through one template (core/partials/crispy_plain.html) that writes the same
markup: label with its required mark, the widget with crispy's classes, its errors and help text, linked by the
ids that aria-describedby names. Any other form is handed to {% crispy %} itself.

    {% load crispy_plain %}
    {% crispy_plain form %}

One field of a form written on its own, as {{ field|as_crispy_field }} writes it, is written likewise by
{{ field|as_plain_crispy_field }} when it is a plain select with a label and neither errors nor help text (a page
of notification choices holds one per kind of notification); any other field by crispy itself.
"""

from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode
from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from django import forms, template
from django.conf import settings
from django.forms.widgets import Input
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The helper's settings this writer follows: crispy's defaults with the portal's form_tag and disable_csrf.
PLAIN_HELPER = {
    "layout": None,
    "form_tag": False,
    "disable_csrf": True,
    "inputs": [],
    "template": None,
    "field_template": None,
    "form_class": "",
    "label_class": "",
    "field_class": "",
    "form_show_labels": True,
    "form_show_errors": True,
    "help_text_inline": False,
    "error_text_inline": True,
    "attrs": {},
}
# The widgets whose field crispy writes as label, widget, errors and help text, with these classes.
NOT_PLAIN = (forms.CheckboxInput, forms.FileInput, forms.RadioSelect, forms.MultiWidget)
# Variables of the page that crispy's field template reads when the page defines them.
PAGE_VARIABLES = ("tag", "wrapper_class")


@dataclass(frozen=True, slots=True)
class PlainError:
    id: str
    message: str


@dataclass(frozen=True, slots=True)
class PlainField:
    auto_id: str
    css_classes: str
    label: str
    id_for_label: str
    required: bool
    widget: SafeString
    errors_id: str | None  # written as the template writes it, "None" included
    errors: list[PlainError]
    help_text: SafeString


def _is_plain_helper(helper) -> bool:
    if type(helper) is not FormHelper or getattr(helper, "template_pack", None) not in (None, "bootstrap5"):
        return False
    if any(key not in PLAIN_HELPER for key in helper.__dict__):  # an attribute crispy would pass to its templates
        return False
    return all(getattr(helper, name) == value for name, value in PLAIN_HELPER.items())


def _is_plain_widget(widget) -> bool:
    if widget.is_hidden or widget.use_fieldset or isinstance(widget, NOT_PLAIN):
        return False
    if hasattr(widget, "widgets") or hasattr(widget, "widget"):  # a wrapper: crispy classes the inner widgets
        return False
    return isinstance(widget, Input | forms.Textarea | forms.Select)


def _add_classes(widget, extra: str) -> None:
    """Give the widget the classes {% crispy_field field 'class' extra %} gives it (crispy_forms_field.py)."""
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in extra.split():
        if name not in css_class.split():
            css_class += f" {name}"
    widget.attrs["class"] = css_class


def _field(bound_field) -> PlainField:
    widget = bound_field.field.widget
    errors = bound_field.errors
    base = "form-select" if isinstance(widget, forms.Select) else "form-control"
    _add_classes(widget, f"{base} is-invalid" if errors else base)
    auto_id = bound_field.auto_id or ""
    return PlainField(
        auto_id=auto_id,
        css_classes=bound_field.css_classes(),
        label=bound_field.label,
        id_for_label=bound_field.id_for_label or "",
        required=bound_field.field.required,
        widget=mark_safe(str(bound_field)),  # the widget's own rendering, escaped by Django
        errors_id=getattr(errors, "field_id", None),
        errors=[PlainError(f"error_{n}_{auto_id}", message) for n, message in enumerate(errors, start=1)],
        help_text=mark_safe(bound_field.help_text or ""),  # as crispy writes it: |safe
    )


def plain_fields(form, context) -> list[PlainField] | None:
    """Return the form's fields ready to write, or None when {% crispy %} must write the form itself."""
    if not isinstance(form, forms.BaseForm) or not _is_plain_helper(getattr(form, "helper", None)):
        return None
    if any(context.get(name) for name in PAGE_VARIABLES):
        return None
    if form.non_field_errors() or str(form.media):
        return None
    bound_fields = list(form)
    if not all(_is_plain_widget(bound_field.field.widget) for bound_field in bound_fields):
        return None
    return [_field(bound_field) for bound_field in bound_fields]


@register.simple_tag(takes_context=True)
def crispy_plain(context, form) -> SafeString:
    fields = plain_fields(form, context)
    if fields is None:
        with context.push(crispy_plain_form=form):
            # A node of its own: crispy's node keeps the helper and template pack of the form it renders.
            return CrispyFormNode("crispy_plain_form", None).render(context)
    html = get_template("core/partials/crispy_plain.html").render({"fields": fields})
    # As bootstrap5/whole_uni_form.html: its {% specialspaceless %} between a blank line and a line break.
    return mark_safe(f"\n\n{remove_spaces(html.strip())}\n")  # the template's markup, escaped


# What crispy-bootstrap5's field.html writes for a plain select with a label, no errors and no help text: its
# whitespace is that of the template's branches not taken.
_PLAIN_SELECT = (
    '\n\n\n    \n    <div id="div_{auto_id}" class="mb-3">\n        \n            \n            <label\n'
    '                for="{id_for_label}" class="form-label{required_class}">\n                {label}{asterisk}\n'
    "            </label>\n        \n\n        \n\n        \n            \n                \n                    \n"
    "                        \n                            {widget}\n                        \n"
    "                    \n                    \n                        \n\n\n    \n\n\n\n\n    \n\n\n\n"
    "                    \n                \n            \n        \n        \n    </div>\n    \n\n"
)


def _is_plain_select(bound_field) -> bool:
    widget = bound_field.field.widget
    if getattr(settings, "CRISPY_TEMPLATE_PACK", None) != "bootstrap5" or hasattr(bound_field.form, "helper"):
        return False
    if not isinstance(widget, forms.Select) or isinstance(widget, forms.SelectMultiple) or widget.is_hidden:
        return False
    if hasattr(widget, "widgets") or hasattr(widget, "widget") or widget.use_fieldset:
        return False
    return bool(
        bound_field.label
        and bound_field.id_for_label
        and not bound_field.errors
        and not bound_field.help_text
        and not bound_field.css_classes()
    )


@register.filter
def as_plain_crispy_field(bound_field) -> SafeString:
    """Return what {{ field|as_crispy_field }} writes, in one piece for a plain select (see the module)."""
    if not isinstance(bound_field, forms.BoundField) or not _is_plain_select(bound_field):
        return as_crispy_field(bound_field)
    _add_classes(bound_field.field.widget, "form-select")
    required = bound_field.field.required
    return mark_safe(  # the label and ids escaped, the widget as Django writes it
        _PLAIN_SELECT.format(
            auto_id=conditional_escape(bound_field.auto_id),
            id_for_label=conditional_escape(bound_field.id_for_label),
            required_class=" requiredField" if required else "",
            label=conditional_escape(bound_field.label),
            asterisk='<span class="asteriskField">*</span>' if required else "",
            widget=str(bound_field),
        )
    )
