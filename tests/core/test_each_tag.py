"""{% each %} and {% options %} write what {% for %} writes, for every kind of value a row may hold."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

ENGINE = Engine(libraries={"each": "pcc_portal.core.templatetags.each"})


class Row:
    """A model-like row: attributes and a method."""

    def __init__(self, **values):
        self.__dict__.update(values)

    def shout(self) -> str:
        return self.name.upper()


class Mapping(dict):
    pass


ROWS = [
    Row(name="Tom & Jerry <b>", n=1200, when=datetime.date(2026, 3, 1), flag=True, child=Row(name="x'y"), note=None),
    Row(name=mark_safe("<em>safe</em>"), n=0, when=None, flag=False, child=None, note=""),
    Row(name=gettext_lazy("Lazy"), n=3.5, when=datetime.datetime(2026, 1, 2, 3, 4), flag=0, child=Row(name=""), note=1),
    {"name": '"quoted"', "n": 7, "flag": True, "child": {"name": "dict child"}},
    Mapping(name="sub", n=1, flag=False, child=None),
    SimpleNamespace(name="ns", n=-4, flag=True, child=SimpleNamespace(name="ns child")),
]

BODIES = [
    "<li>{{ r.name }} {{ r.n }} {{ r.when }} {{ r.child.name }} {{ r.note }} {{ r.missing }}</li>",
    "{{ r.shout }}|{{ r.name|upper }}|{{ r.n|default:'none' }}|{{ r }}",
    "{% if r.flag %}yes {{ r.name }}{% elif r.child %}child {{ r.child.name }}{% else %}no{% endif %}",
    "{% if not r.child %}orphan{% endif %}{% if r.child.name %}[{{ r.child.name }}]{% endif %}",
    "{% if r.n > 1 %}big{% endif %}{% if r.shout %}{{ r.shout }}{% endif %}",
    "{% for c in r.name %}{{ c }}{% endfor %}",
]


def render(source: str, **context) -> str:
    return ENGINE.from_string("{% load each %}" + source).render(Context(context))


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("autoescape", ["on", "off"])
def test_each_writes_what_for_writes(body, autoescape):
    head, tail = f"{{% autoescape {autoescape} %}}", "{% endautoescape %}"
    loop = head + "{% for r in rows %}" + body + "{% empty %}none{% endfor %}" + tail
    each = head + "{% each r in rows %}" + body + "{% empty %}none{% endeach %}" + tail
    for rows in (lambda: ROWS, list, lambda: None, lambda: (row for row in ROWS[:2])):
        assert render(each, rows=rows()) == render(loop, rows=rows())


def test_each_leaves_the_loop_variable_as_it_was():
    source = "{{ r }}{% each r in rows %}{{ r.name }}{% if r.flag %}!{% endif %}{% endeach %}{{ r }}"
    assert render(source, rows=ROWS[:2], r="outer") == "outerTom &amp; Jerry &lt;b&gt;!<em>safe</em>outer"


def test_each_refuses_what_it_cannot_read():
    with pytest.raises(TemplateSyntaxError):
        render("{% each a, b in rows %}{% endeach %}", rows=[])


def test_options_write_what_the_loop_writes():
    loop = (
        '{% for value, text in choices %}<option value="{{ value }}"{% if value|stringformat:"s" == current %}'
        " selected{% endif %}>{{ text }}</option>{% endfor %}"
    )
    choices = [("", "Any"), (1, "One & two"), ("a<b", gettext_lazy("Lazy")), (2000, mark_safe("<i>safe</i>"))]
    for current in ("", "1", "a<b", "2000", "none", None):
        assert render("{% options choices current %}", choices=choices, current=current) == render(
            loop, choices=choices, current=current
        )
