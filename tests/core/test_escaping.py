"""The long lists' escaping writes what Django's conditional_escape writes."""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_portal.core.escaping import escaped


def test_escaped_writes_what_conditional_escape_writes():
    values = ["Tom & Jerry <b> \"x\" 'y'", mark_safe("<em>kept</em>"), gettext_lazy("<Lazy> & co"), 12, None, ""]
    for value in values:
        assert escaped(value) == conditional_escape(value)
    assert escaped("<script>") == "&lt;script&gt;"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text() | st.sampled_from(["&", "<>", "\"'", "a & b", "plain text"]))
def test_escaped_writes_what_conditional_escape_writes_for_any_text(value):
    assert escaped(value) == conditional_escape(value)
    assert escaped(mark_safe(value)) == conditional_escape(mark_safe(value))
