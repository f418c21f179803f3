"""Markdown is rendered with one reused converter and each text once per process, with the same HTML."""

import markdown as markdown_lib
import nh3
import pytest

from pcc_portal.core import markdown as portal_markdown
from pcc_portal.core.markdown import render_markdown

TEXTS = [
    "A claim.[^1]\n\n[^1]: The footnote of the first document.",
    "A [linked report][r] and *emphasis*.\n\n[r]: https://example.org/report",
    "The HTML rules.\n\n*[HTML]: Hypertext Markup Language",
    "Several themes:\n(a) prevention;\n(b) partnership.",
    "| Item | Note |\n|---|---|\n| (a) one<br>(b) two | kept |",
    "<script>alert(1)</script><p onclick='x()'>Clicked</p>",
    "Term\n: Its definition",
    "A second claim.[^1]\n\n[^1]: The footnote of the second document.",
    "A reference left undefined: [report][r].",
]


def _fresh(text: str) -> str:
    """Render as before the converter was reused: a new Markdown instance for every text."""
    html = markdown_lib.markdown(
        portal_markdown._separate_pasted_lists(text),
        extensions=["extra", "sane_lists", portal_markdown.MarkedListExtension()],
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=portal_markdown.ALLOWED_TAGS,
        attributes=portal_markdown.ALLOWED_ATTRIBUTES,
        allowed_classes=portal_markdown.ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@pytest.fixture
def empty_memo(monkeypatch):
    monkeypatch.setattr(portal_markdown, "_memo", type(portal_markdown._memo)())
    monkeypatch.setattr(portal_markdown, "_memo_chars", 0)


def test_reused_converter_gives_the_html_of_a_fresh_one_in_any_order(empty_memo):
    for text in TEXTS + TEXTS[::-1]:
        assert str(portal_markdown._render(text)) == _fresh(text)


def test_footnotes_and_references_of_one_text_do_not_reach_the_next(empty_memo):
    render_markdown(TEXTS[0])
    render_markdown(TEXTS[1])
    second = str(render_markdown(TEXTS[-2]))
    assert "second document" in second and "first document" not in second
    undefined = str(render_markdown(TEXTS[-1]))
    assert "https://example.org/report" not in undefined
    assert "[report][r]" in undefined


def test_a_text_is_rendered_once_and_a_changed_text_anew(empty_memo, monkeypatch):
    calls = []
    real = portal_markdown._render
    monkeypatch.setattr(portal_markdown, "_render", lambda text: calls.append(text) or real(text))
    first = render_markdown("The **first** wording.")
    again = render_markdown("The **first** wording.")
    changed = render_markdown("The **second** wording.")
    assert first == again == "<p>The <strong>first</strong> wording.</p>"
    assert changed == "<p>The <strong>second</strong> wording.</p>"
    assert calls == ["The **first** wording.", "The **second** wording."]


def test_windows_line_endings_share_the_unix_rendering(empty_memo):
    assert render_markdown("(a) one\r\n(b) two") == render_markdown("(a) one\n(b) two")


def test_the_memo_forgets_the_least_recently_used_beyond_its_budget(empty_memo, monkeypatch):
    monkeypatch.setattr(portal_markdown, "_MEMO_CHARS", 2000)
    texts = [f"Paragraph {n} " + "word " * 10 for n in range(20)]
    for text in texts:
        render_markdown(text)
    assert portal_markdown._memo_chars <= 2000
    assert texts[-1] in portal_markdown._memo
    assert texts[0] not in portal_markdown._memo
    assert render_markdown(texts[0]) == _fresh(texts[0])
