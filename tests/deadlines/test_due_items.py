"""What's due's items, written by a template tag, are the bytes the template loop wrote."""

from datetime import UTC, timedelta

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcc_portal.deadlines.registry import LONDON
from pcc_portal.deadlines.selectors import DueItem

from .source import any_deadlines

# deadlines/partials/due_items.html as it was before the tag wrote the items.
LOOP = Template("""{% if items %}
  <ul class="list-unstyled due-items">
    {% for entry in items %}
      {% with item=entry.deadline %}
        <li class="border-bottom py-2">
          <a href="{{ item.url }}" class="fw-semibold">{{ item.title }}</a>
          {% if item.done %}<span class="badge text-bg-success ms-1">Met</span>{% endif %}
          <div class="small">
            <span>{{ item.kind_label }}</span> ·
            <span>{% if overdue %}Was due{% else %}Due{% endif %} <time datetime="{{ entry.due_iso }}">{{ entry.due_label }}</time></span>
            {% if entry.area_name %} · <span>{{ entry.area_name }}</span>{% endif %}
            {% if item.responsible %} · <span>Responsible: {{ item.responsible }}</span>{% endif %}
          </div>
        </li>
      {% endwith %}
    {% endfor %}
  </ul>
{% else %}
  <p>{{ empty }}</p>
{% endif %}
""")  # noqa: E501

NOW = timezone.now().replace(microsecond=0).astimezone(LONDON)
# Items due at one instant as one object, as equal objects, and in another time zone; and at others.
INSTANTS = [NOW, NOW + timedelta(0), NOW.astimezone(UTC), NOW + timedelta(hours=5), NOW - timedelta(days=200)]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(
    ["Tom & Jerry <b>", "\"quoted\" 'x'", "Plain", "", mark_safe("<em>kept</em>"), gettext_lazy("Lazy & <co>")]
)
ITEM = st.builds(
    DueItem,
    any_deadlines(texts=TEXT, instants=INSTANTS, urls=["/plans/1/", "/plans/2/?a=1&b=<2>", '/x/"y"/']),
    TEXT,
)


@settings(max_examples=80, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(items=st.lists(ITEM, max_size=10), overdue=st.booleans())
def test_items_are_written_as_the_template_loop_wrote_them(items, overdue):
    context = {"items": items, "overdue": overdue, "empty": "Nothing is due."}
    assert render_to_string("deadlines/partials/due_items.html", context) == LOOP.render(Context(context))
