"""{% crispy_plain form %}: what {% crispy form %} writes for a form of plain fields, in one template pass.

crispy-forms' Bootstrap 5 pack writes each field through five templates (the field, its help text and errors, and
the widget's), deciding at every field what kind of widget it is and which of its options are set: a consultation
response's three analysis forms spent more on that than the rest of the page. A form whose helper is the portal's
usual one (no layout, no form tag, no CSRF input, labels and errors shown) and whose fields are text inputs, text
areas, selects, file inputs and lists of checkboxes is written here through one template
(core/partials/crispy_plain.html) that writes the same markup: label with its required mark (a legend in a fieldset
for the checkboxes), the widget with crispy's classes (crispy writes a file input's and each checkbox's markup
itself, not the widget's), its errors and help text, linked by the ids that aria-describedby names. Any other form
is handed to {% crispy %} itself.

    {% load crispy_plain %}
    {% crispy_plain form %}

One field of a form written on its own, as {{ field|as_crispy_field }} writes it, is written likewise by
{{ field|as_plain_crispy_field }} when it is a plain select with a label and neither errors nor help text (a page
of notification choices holds one per kind of notification) or a list of radios or checkboxes (the reminder
settings' choices), with or without label, help text and errors; any other field by crispy itself.
"""

from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, optgroups
from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode
from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from django import forms, template
from django.conf import settings
from django.forms.widgets import Input
from django.template.loader import get_template
from django.templatetags.l10n import unlocalize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

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
# Widgets crispy writes in markup of their own, not written here (a list of checkboxes is, below).
NOT_PLAIN = (forms.CheckboxInput, forms.RadioSelect, forms.MultiWidget)
# Variables of the page that crispy's field template reads when the page defines them.
PAGE_VARIABLES = ("tag", "wrapper_class")


@dataclass(frozen=True, slots=True)
class PlainError:
    id: str
    message: str


@dataclass(frozen=True, slots=True)
class PlainOption:
    """One checkbox of a list, as crispy-bootstrap5's layout/radio_checkbox_select.html writes it."""

    group: object  # the heading of its group, on the group's first option only
    type: str
    input_class: str
    name: str
    value: str  # unlocalized, as the template's |unlocalize gives it (escaped when written unless safe)
    attrs: SafeString  # attrs.html: each attribute with a space before it
    id: str
    label: str
    errors_id: str | None
    errors: list[PlainError]  # the field's errors, on the last option only


@dataclass(frozen=True, slots=True)
class PlainFile:
    """A file input as crispy-bootstrap5's layout/field_file.html writes it, with the file it has (if any)."""

    input_attrs: SafeString  # after the class: disabled, then the widget's attributes but its class
    input_class: str
    type: str
    name: str
    is_initial: bool
    initial_text: str
    url: str
    file_name: str
    clearable: bool
    checkbox_name: str
    checkbox_id: str
    clear_label: str
    disabled: bool


@dataclass(frozen=True, slots=True)
class PlainField:
    auto_id: str
    css_classes: str
    label: str
    id_for_label: str
    required: bool
    widget: SafeString  # the widget's own rendering: an input, a text area or a select
    errors_id: str | None  # written as the template writes it, "None" included
    errors: list[PlainError]
    help_text: SafeString
    label_tag: str = "label"  # "legend" in a fieldset
    fieldset: bool = False
    fieldset_describedby: str = ""
    checkboxes: bool = False  # a list of checkboxes, written from its options
    options: list[PlainOption] | None = None
    file: PlainFile | None = None


def _is_plain_helper(helper) -> bool:
    if type(helper) is not FormHelper or getattr(helper, "template_pack", None) not in (None, "bootstrap5"):
        return False
    if any(key not in PLAIN_HELPER for key in helper.__dict__):  # an attribute crispy would pass to its templates
        return False
    return all(getattr(helper, name) == value for name, value in PLAIN_HELPER.items())


def _is_plain_widget(widget) -> bool:
    if hasattr(widget, "widgets") or hasattr(widget, "widget"):  # a wrapper: crispy classes the inner widgets
        return False
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a RadioSelect too, but written here
        return not widget.is_hidden
    if isinstance(widget, forms.FileInput) and type(widget).subwidgets is not forms.Widget.subwidgets:
        return False  # written here as the one input a file widget has
    if widget.is_hidden or widget.use_fieldset or isinstance(widget, NOT_PLAIN):
        return False
    return isinstance(widget, Input | forms.Textarea | forms.Select)


def _stringformat(value) -> SafeString:
    """Return the value as crispy's {{ value|stringformat:'s' }} writes it: a safe value unescaped."""
    try:
        text = "%s" % value  # noqa: UP031 (a tuple is its items, as the filter gives them)
    except (ValueError, TypeError):
        text = ""
    return mark_safe(text) if isinstance(value, SafeData) else escape(text)


def _attributes(attrs: dict, *, skip: str = "") -> SafeString:
    """Return the attributes as crispy-bootstrap5's templates write them: ` name="value"`, ` name` for True."""
    written = [
        f" {escape(name)}" if value is True else f' {escape(name)}="{_stringformat(value)}"'
        for name, value in attrs.items()
        if value is not False and name != skip
    ]
    return mark_safe("".join(written))  # names and values escaped


def _options(bound_field, errors: list[PlainError]) -> list[PlainOption]:
    """Return the checkboxes of the field, as radio_checkbox_select.html writes them from crispy's optgroups."""
    input_class = "form-check-input is-invalid" if errors else "form-check-input"
    groups = optgroups(bound_field)
    options = []
    for n, (group, choices, _index) in enumerate(groups):
        for m, option in enumerate(choices):
            last = n == len(groups) - 1 and m == len(choices) - 1
            options.append(
                PlainOption(
                    group=group if m == 0 else None,
                    type=option["type"],
                    input_class=input_class,
                    name=bound_field.html_name,
                    value=unlocalize(option["value"]),
                    attrs=_attributes(option["attrs"]),
                    id=option["attrs"].get("id", ""),
                    label=unlocalize(option["label"]),
                    errors_id=getattr(bound_field.errors, "field_id", None) if last else None,
                    errors=errors if last else [],
                )
            )
    return options


def _file(bound_field) -> PlainFile:
    """Return the file input as field_file.html writes it (one subwidget: a file input has no others)."""
    (subwidget,) = bound_field.subwidgets
    data, disabled = subwidget.data, bound_field.field.disabled
    attrs = data["attrs"]
    input_class = f" {conditional_escape(attrs['class'])}" if attrs.get("class") else ""
    is_initial = bool(data.get("is_initial"))
    value = bound_field.value() if is_initial else None
    return PlainFile(
        input_attrs=mark_safe((" disabled" if disabled else "") + _attributes(attrs, skip="class")),
        input_class=input_class + (" is-invalid" if bound_field.errors else ""),
        type=data["type"],
        name=data["name"],
        is_initial=is_initial,
        initial_text=data.get("initial_text", ""),
        url=value.url if is_initial else "",
        file_name=value.name if is_initial else "",
        clearable=not data.get("required"),
        checkbox_name=data.get("checkbox_name", ""),
        checkbox_id=data.get("checkbox_id", ""),
        clear_label=data.get("clear_checkbox_label", ""),
        disabled=disabled,
    )


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
    auto_id = bound_field.auto_id or ""
    written_errors = [PlainError(f"error_{n}_{auto_id}", message) for n, message in enumerate(errors, start=1)]
    common = {
        "auto_id": auto_id,
        "css_classes": bound_field.css_classes(),
        "label": bound_field.label,
        "id_for_label": bound_field.id_for_label or "",
        "required": bound_field.field.required,
        "errors_id": getattr(errors, "field_id", None),
        "help_text": mark_safe(bound_field.help_text or ""),  # as crispy writes it: |safe
    }
    if isinstance(widget, forms.CheckboxSelectMultiple):
        # Crispy writes each checkbox itself, the field's errors under the last one; the widget keeps its classes.
        return PlainField(
            **common, widget=mark_safe(""), errors=[], label_tag="legend", fieldset=bool(bound_field.label),
            fieldset_describedby=bound_field.aria_describedby or "", checkboxes=True,
            options=_options(bound_field, written_errors),
        )  # fmt: skip
    if isinstance(widget, forms.FileInput):  # crispy writes the input itself; the widget keeps its classes
        return PlainField(**common, widget=mark_safe(""), errors=written_errors, file=_file(bound_field))
    base = "form-select" if isinstance(widget, forms.Select) else "form-control"
    _add_classes(widget, f"{base} is-invalid" if errors else base)
    # The widget's own rendering, escaped by Django.
    return PlainField(**common, widget=mark_safe(str(bound_field)), errors=written_errors)


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


def _written_alone(bound_field) -> bool:
    """Check that {{ field|as_crispy_field }} writes the field with crispy-bootstrap5's field.html and defaults."""
    return getattr(settings, "CRISPY_TEMPLATE_PACK", None) == "bootstrap5" and not hasattr(bound_field.form, "helper")


def _is_plain_select(bound_field) -> bool:
    widget = bound_field.field.widget
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


def _is_plain_choice_list(bound_field) -> bool:
    """Check that the field is a list of radios or checkboxes (a CheckboxSelectMultiple is a RadioSelect)."""
    widget = bound_field.field.widget
    if not isinstance(widget, forms.RadioSelect) or isinstance(widget, forms.CheckboxInput) or widget.is_hidden:
        return False
    return not (hasattr(widget, "widgets") or hasattr(widget, "widget"))


def _plain_select(bound_field) -> SafeString:
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


def _plain_choice_list(bound_field) -> SafeString:
    """Return what field.html writes for a list of radios or checkboxes: the label (a legend in a fieldset), each
    choice as layout/radio_checkbox_select.html writes it, the errors under the last, then the help text. Each piece
    of text is that of the templates, whitespace of the branches not taken included."""
    esc = conditional_escape
    errors = bound_field.errors
    auto_id = esc(bound_field.auto_id)
    label, required, fieldset = bound_field.label, bound_field.field.required, bound_field.use_fieldset
    css_classes = bound_field.css_classes()
    parts = [
        '\n\n\n    \n    <div id="div_',
        auto_id,
        '" class="mb-3',
        f" {esc(css_classes)}" if css_classes else "",
        '">\n        ',
    ]
    if label:
        tag = "legend" if fieldset else "label"
        parts.append("\n            ")
        if fieldset:
            describedby = bound_field.aria_describedby
            parts.append(f'<fieldset aria-describedby="{esc(describedby)}">' if describedby else "<fieldset>")
        parts += ["\n            <", tag, "\n                "]
        if bound_field.id_for_label:
            parts.append(f'for="{esc(bound_field.id_for_label)}"')
        parts += [
            ' class="form-label', " requiredField" if required else "", " fs-6" if fieldset else "",
            '">\n                ', esc(label), '<span class="asteriskField">*</span>' if required else "",
            "\n            </", tag, ">\n        ",
        ]  # fmt: skip
    parts.append("\n\n        \n            \n\n\n<div >\n\n    ")
    # layout/radio_checkbox_select.html, each choice from crispy's optgroups as the template has them
    input_start = '\n      <div class="form-check">\n        <input type="'
    input_class = '" class="form-check-input is-invalid"  name="' if errors else '" class="form-check-input"  name="'
    name = esc(bound_field.html_name)
    groups = optgroups(bound_field)
    for n, (group, options, _index) in enumerate(groups):
        parts.append(f"\n    <strong>{esc(group)}</strong>\n    " if group else "\n    \n    ")
        for m, option in enumerate(options):
            attrs = option["attrs"]
            parts += [
                input_start, esc(option["type"]), input_class, name, '" value="', esc(unlocalize(option["value"])),
                '" ', _attributes(attrs), '>\n        <label for="', esc(attrs.get("id", "")),
                '" class="form-check-label">\n            ', esc(unlocalize(option["label"])),
                "\n        </label>\n        ",
            ]  # fmt: skip
            if errors and n == len(groups) - 1 and m == len(options) - 1:  # layout/field_errors_block.html
                parts += [
                    '\n            \n    <div id="',
                    esc(getattr(errors, "field_id", "")),  # "None" when it is None, as the template writes it
                    '_error" class="invalid-feedback">\n    ',
                ]
                parts += [
                    f'\n        <p id="error_{counter}_{auto_id}"><strong>{esc(error)}</strong></p>\n    '
                    for counter, error in enumerate(errors, start=1)
                ]
                parts.append("\n    </div>\n\n\n        ")
            parts.append("\n     </div>\n    ")
        parts.append("\n    ")
    parts.append("\n\n</div>\n\n")
    if bound_field.help_text:  # layout/help_text.html: the help text as it is (|safe)
        helptext_id = f'id="{auto_id}_helptext" ' if auto_id else ""
        parts.append(f'\n    \n        <div {helptext_id}class="form-text">{bound_field.help_text}</div>\n    \n')
    parts.append("\n\n\n        \n\n        \n        ")  # the ends of help_text.html and the list's template
    if fieldset and label:
        parts.append("</fieldset>")
    parts.append("\n    </div>\n    \n\n")
    return mark_safe("".join(parts))  # every value escaped as the templates escape it


@register.filter
def as_plain_crispy_field(bound_field) -> SafeString:
    """Return what {{ field|as_crispy_field }} writes, in one piece for a plain select or a list of radios or
    checkboxes (see the module)."""
    if isinstance(bound_field, forms.BoundField) and _written_alone(bound_field):
        if _is_plain_select(bound_field):
            return _plain_select(bound_field)
        if _is_plain_choice_list(bound_field):
            return _plain_choice_list(bound_field)
    return as_crispy_field(bound_field)
