"""Lists keep the markers their authors wrote, on the page and in the PDF."""

import re

from pcc_portal.core.markdown import render_markdown
from pcc_portal.pdf.services import html_to_pdf
from tests.partners.pdf_text import pdf_text

PAPER = """The Panel is asked to:

(a) note the **proposed** precept;
(b) consider whether to
  support it;
(c) make comments:
    (i) on the budget;
    (ii) on reserves.

(d) a later item, after a blank line.

2. a numbered list that starts at two
3. and goes on to three

i.e. this line is not a list item.
"""


def _markers(html: str) -> list[str]:
    return re.findall(r'<span class="list-marker">([^<]+)</span>', html)


def test_markers_are_kept_as_written_and_nested_items_nest():
    html = str(render_markdown(PAPER))
    assert _markers(html) == ["(a)", "(b)", "(c)", "(i)", "(ii)", "(d)"]
    assert "consider whether to support it;" in html
    assert "<strong>proposed</strong>" in html
    # (i) and (ii) sit inside (c); (d) stays in the same list as (a)–(c) though a blank line parts them.
    assert re.search(r"make comments:<ol class=\"marked-list\">.*\(ii\).*</ol></li><li>", html)
    assert html.count('<ol class="marked-list">') == 2
    assert '<ol start="2">' in html
    assert "<p>i.e. this line is not a list item.</p>" in html


def test_pasted_lines_stay_separate_items_for_each_marker_shape():
    for lines, expected in [
        ("a) first\nb) second", ["a)", "b)"]),
        ("a. first\nb. second", ["a.", "b."]),
        ("i) first\nii) second", ["i)", "ii)"]),
        ("(1) first\n(2) second", ["(1)", "(2)"]),
        ("1) first\n2) second", ["1)", "2)"]),
    ]:
        assert _markers(str(render_markdown(lines))) == expected, lines


def test_the_sanitiser_keeps_only_the_list_classes():
    html = str(
        render_markdown('<ol class="marked-list d-none"><li onclick="x()">x</li></ol><span class="evil">y</span>')
    )
    assert "d-none" not in html and "onclick" not in html and "evil" not in html


def test_the_pdf_prints_the_same_markers_and_a_list_starting_at_two():
    html = f'<html lang="en-GB"><body>{render_markdown(PAPER)}</body></html>'
    text = pdf_text(html_to_pdf(html))
    for marker in ["(a) note the proposed precept;", "(b) consider", "(i) on the budget;", "(d) a later item"]:
        assert marker in text, text
    assert "2. a numbered list that starts at two" in text
    assert "3. and goes on to three" in text
    assert "1. a numbered list" not in text
