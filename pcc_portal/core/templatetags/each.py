"""{% each %}: a loop over a long list whose rows are text and their item's values, written as {% for %} writes it.

A table of a hundred rows with five values each spent most of a page's time in Django's variable lookup: every
{{ row.name }} first tries row["name"] and catches the exception before reading the attribute, then checks
whether the value is callable, localizes and escapes it. Here each {{ item.a.b }} of the body, and each
{% if item.a %} / {% if not item.a %} (with elif and else), is read as a chain of attributes (or keys of a dict)
and a plain string is escaped directly; any other value, lookup, filter or node is handed to Django with the
item in the context, as {% for %} would, so what is written is the same.

    {% load each %}
    {% each row in rows %}<tr><td>{{ row.name }}</td></tr>{% empty %}<tr><td>None.</td></tr>{% endeach %}

The body has no `forloop` (write what a row needs into the row in the view).
"""

from html import escape

from django import template
from django.template.base import Node, NodeList, TextNode, VariableNode, render_value_in_context
from django.template.defaulttags import IfNode, TemplateLiteral
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_TEXT, _VALUE, _IF, _NODE = range(4)
_DJANGO = object()  # a lookup the fast path leaves to Django


def _lookups(expression, name: str) -> tuple[str, ...] | None:
    """Return the attribute names of a plain `name.a.b` (no filters, no literal), or None for anything else."""
    variable = expression.var
    if expression.filters or not hasattr(variable, "lookups") or variable.lookups is None:
        return None
    if variable.translate or variable.message_context or variable.lookups[0] != name:
        return None
    return variable.lookups[1:]


def _condition(condition, name: str):
    """Return (negate, lookups) for `{% if name.a %}` or `{% if not name.a %}`, None for an else; raise otherwise."""
    if condition is None:
        return None
    negate = getattr(condition, "id", None) == "not"
    literal = condition.first if negate else condition
    if isinstance(literal, TemplateLiteral) and (lookups := _lookups(literal.value, name)) is not None:
        return negate, lookups
    raise ValueError


def _compile(nodelist, name: str) -> list[tuple]:
    """Return the body as parts: text, a plain value of the item, an {% if %} on plain values, or another node."""
    parts = []
    for node in nodelist:
        if isinstance(node, TextNode):
            parts.append((_TEXT, node.s))
        elif isinstance(node, VariableNode) and (lookups := _lookups(node.filter_expression, name)) is not None:
            parts.append((_VALUE, (lookups, node)))
        elif isinstance(node, IfNode):
            try:
                branches = [
                    (_condition(condition, name), _compile(branch, name))
                    for condition, branch in node.conditions_nodelists
                ]
            except ValueError:
                parts.append((_NODE, node))
            else:
                parts.append((_IF, (branches, node)))
        else:
            parts.append((_NODE, node))
    return parts


def _needs_context(parts) -> bool:
    """Return whether any part is rendered by Django and so needs the item in the context."""
    for kind, part in parts:
        if kind == _NODE or (kind == _IF and any(_needs_context(branch) for _, branch in part[0])):
            return True
    return False


def _lookup(item, lookups: tuple[str, ...]):
    """Return item.a.b as Django reads it when that is simply attributes (or keys of a dict); else _DJANGO."""
    value = item
    for bit in lookups:
        if type(value) is dict:
            if bit not in value:
                return _DJANGO
            value = value[bit]
        elif hasattr(type(value), "__getitem__"):  # Django would try value[bit] first
            return _DJANGO
        else:
            try:
                value = getattr(value, bit)
            except Exception:  # Django decides what a failed lookup gives
                return _DJANGO
        if callable(value):
            return _DJANGO
    return value


def _written(value, context) -> str:
    """Return the value as {{ value }} writes it: a plain string escaped directly, anything else by Django."""
    if type(value) is str:
        return escape(value) if context.autoescape else value
    if isinstance(value, SafeString):
        return value
    return render_value_in_context(value, context)


class EachNode(Node):
    child_nodelists = ("nodelist", "nodelist_empty")

    def __init__(self, name: str, sequence, nodelist: NodeList, nodelist_empty: NodeList | None):
        self.name, self.sequence = name, sequence
        self.nodelist = nodelist
        self.nodelist_empty = nodelist_empty or NodeList()
        self.parts = _compile(nodelist, name)
        self.needs_context = _needs_context(self.parts)

    def render(self, context) -> SafeString:
        items = self.sequence.resolve(context, ignore_failures=True)
        if items is None:
            items = []
        elif not hasattr(items, "__len__"):
            items = list(items)
        if len(items) < 1:
            return self.nodelist_empty.render(context)
        out = []
        with context.push():
            for item in items:
                if self.needs_context:
                    context[self.name] = item
                self._write(self.parts, item, context, out)
        return mark_safe("".join(out))  # text of the template, values escaped as {{ }} escapes them

    def _write(self, parts, item, context, out: list[str]) -> None:
        for kind, part in parts:
            if kind == _TEXT:
                out.append(part)
            elif kind == _VALUE:
                value = _lookup(item, part[0])
                if value is _DJANGO:
                    out.append(self._as_django(item, part[1], context))
                else:
                    out.append(_written(value, context))
            elif kind == _IF:
                branches, node = part
                for condition, branch in branches:
                    if condition is None:
                        self._write(branch, item, context, out)
                        break
                    negate, lookups = condition
                    value = _lookup(item, lookups)
                    if value is _DJANGO:
                        out.append(self._as_django(item, node, context))
                        break
                    if bool(value) != negate:
                        self._write(branch, item, context, out)
                        break
            else:
                out.append(str(part.render_annotated(context)))

    def _as_django(self, item, node: Node, context) -> str:
        """Return what Django writes for the node with the item in the context."""
        with context.push({self.name: item}):
            return str(node.render_annotated(context))


@register.tag
def each(parser, token) -> EachNode:
    """{% each item in items %}...{% empty %}...{% endeach %}: {% for %} for long lists (see the module)."""
    bits = token.split_contents()
    if len(bits) != 4 or bits[2] != "in":
        raise template.TemplateSyntaxError(f"'each' takes 'item in items', not {token.contents!r}")
    name, sequence = bits[1], parser.compile_filter(bits[3])
    nodelist = parser.parse(("empty", "endeach"))
    nodelist_empty = None
    if parser.next_token().contents == "empty":
        nodelist_empty = parser.parse(("endeach",))
        parser.delete_first_token()
    return EachNode(name, sequence, nodelist, nodelist_empty)


@register.simple_tag(takes_context=True)
def options(context, choices, current) -> SafeString:
    """Return the <option> of each (value, text) choice, the one whose value reads as `current` selected.

    As `{% for value, text in choices %}<option value="{{ value }}"{% if value|stringformat:"s" == current %}
    selected{% endif %}>{{ text }}</option>{% endfor %}` writes them: a filter of the area's organisations
    offers hundreds.
    """
    out = []
    for value, text in choices:
        selected = " selected" if f"{value}" == current else ""
        out.append(f'<option value="{_written(value, context)}"{selected}>{_written(text, context)}</option>')
    return mark_safe("".join(out))  # both values escaped as {{ }} escapes them
