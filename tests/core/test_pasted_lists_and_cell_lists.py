"""Lists pasted straight under a sentence, and lists in table cells, keep their items and markers."""

from pcc_portal.core.markdown import render_markdown


def test_lettered_lines_pasted_under_a_sentence_stay_separate_items():
    html = str(render_markdown("The Panel is asked to:\r\n(a) note the report;\r\n(b) agree the precept."))
    assert html.startswith("<p>The Panel is asked to:</p>")
    assert '<li><span class="list-marker">(a)</span> note the report;</li>' in html
    assert '<li><span class="list-marker">(b)</span> agree the precept.</li>' in html


def test_numbered_lines_pasted_under_a_sentence_keep_their_first_number():
    html = str(render_markdown("Continued:\n2. council tax;\n3. grant."))
    assert '<ol start="2">' in html and "<li>council tax;</li>" in html


def test_lines_in_code_and_tables_are_left_as_they_are():
    html = str(render_markdown("```\nIntro\n(a) not a list\n```"))
    assert "(a) not a list" in html and "list-marker" not in html
    html = str(render_markdown("| A |\n|---|\n| x |\n\nAfter"))
    assert "<table>" in html


def test_items_parted_by_br_in_a_table_cell_become_a_list_with_their_markers():
    html = str(
        render_markdown(
            "| Item | Points |\n|---|---|\n| One | (a) first<br>(b) second |\n| Two | - p<br>- q |\n"
            "| Three | 2. n<br>3. m |\n| Four | plain<br>text |"
        )
    )
    assert '<td><ol class="marked-list"><li><span class="list-marker">(a)</span> first</li>' in html
    assert "<td><ul><li>p</li><li>q</li></ul></td>" in html
    assert '<td><ol start="2"><li>n</li><li>m</li></ol></td>' in html
    assert "<td>plain<br>text</td>" in html  # not every line marked: left as written


def test_a_cell_list_is_sanitised_like_any_text():
    html = str(render_markdown("| A |\n|---|\n| (a) <script>x()</script>one<br>(b) two |"))
    assert "<script>" not in html and "list-marker" in html
