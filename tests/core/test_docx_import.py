"""A Word file becomes portal Markdown with its headings, lists (as Word numbers them), tables and emphasis."""

import html
import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcc_portal.core.docx_import import DocxUploadForm, WordDocument, docx_to_document
from pcc_portal.core.markdown import render_markdown
from tests.core.docx_helpers import (
    DOCX_TYPE,
    bold,
    bold_italic,
    bullet_list,
    docx_upload,
    heading,
    image,
    italic,
    lettered_list,
    link,
    make_docx,
    numbered_list,
    paragraph,
    roman_list,
    table,
    title,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _read(blocks) -> WordDocument:
    return docx_to_document(io.BytesIO(make_docx(blocks)))


def _markers(rendered: str) -> list[str]:
    return re.findall(r'<span class="list-marker">([^<]+)</span>', rendered)


def _text(rendered: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def test_heading_lettered_list_and_table_keep_their_structure():
    doc = _read(
        [
            heading("Recommendations", 2),
            paragraph("The Panel is asked to:"),
            lettered_list(["note the report;", "agree the plan;", "ask for a review;", "thank staff;", "meet again."]),
            table([["Recommendation", "Owner"], ["Publish the plan", "Chief Executive"]]),
        ]
    )
    assert doc.markdown == (
        "## Recommendations\n\n"
        "The Panel is asked to:\n\n"
        "(a) note the report;\n(b) agree the plan;\n(c) ask for a review;\n(d) thank staff;\n(e) meet again.\n\n"
        "| Recommendation | Owner |\n| --- | --- |\n| Publish the plan | Chief Executive |\n"
    )
    rendered = str(render_markdown(doc.markdown))
    assert "<h2>Recommendations</h2>" in rendered
    assert _markers(rendered) == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    assert "<th>Recommendation</th>" in rendered and "<td>Chief Executive</td>" in rendered
    assert _text(rendered).index("(a) note the report;") < _text(rendered).index("(e) meet again.")
    assert doc.not_brought_across == []


def test_a_list_that_starts_at_two_keeps_its_numbers():
    doc = _read([numbered_list(["second point", "third point"], start=2)])
    assert doc.markdown == "2. second point\n3. third point\n"
    rendered = str(render_markdown(doc.markdown))
    assert '<ol start="2">' in rendered
    assert _text(rendered) == "second point third point"


def test_two_numbered_lists_in_a_row_each_start_again():
    doc = _read([numbered_list(["one", "two"]), numbered_list(["again one"])])
    rendered = str(render_markdown(doc.markdown))
    assert rendered.count("<ol>") == 2


@pytest.mark.parametrize(
    ("block", "markers"),
    [
        (lettered_list(["x", "y"], marker="%1)"), ["a)", "b)"]),
        (lettered_list(["x", "y"], marker="%1."), ["a.", "b."]),
        (lettered_list(["x", "y"], marker="(%1)", upper=True), ["(A)", "(B)"]),
        (roman_list(["x", "y", "z", "w"]), ["i)", "ii)", "iii)", "iv)"]),
        (roman_list(["x", "y"], marker="(%1)", start=3), ["(iii)", "(iv)"]),
        (numbered_list(["x", "y"], marker="(%1)"), ["(1)", "(2)"]),
        (numbered_list(["x", "y"], marker="%1)", start=5), ["5)", "6)"]),
    ],
)
def test_list_markers_are_the_ones_word_shows(block, markers):
    doc = _read([block])
    assert [line.split(" ")[0] for line in doc.markdown.splitlines()] == markers
    assert _markers(str(render_markdown(doc.markdown))) == markers


def test_nested_lists_nest_with_their_own_markers():
    doc = _read(
        [
            lettered_list(["first", ("second", ["on the budget", "on reserves"]), "third"]),
            numbered_list(["point", ("another point", ["sub one", "sub two"])], start=2),
            bullet_list(["bullet", ("bullet with children", ["child"])]),
        ]
    )
    rendered = str(render_markdown(doc.markdown))
    assert _markers(rendered) == ["(a)", "(b)", "(i)", "(ii)", "(c)", "a.", "b."]
    assert re.search(r"second<ol class=\"marked-list\">.*\(ii\).*</ol></li><li>", rendered)
    assert '<ol start="2">' in rendered
    assert re.search(r"bullet with children\s*<ul>\s*<li>child</li>", rendered)
    assert _text(rendered) == (
        "(a) first (b) second (i) on the budget (ii) on reserves (c) third "
        "point another point a. sub one b. sub two bullet bullet with children child"
    )


def test_bullets_under_a_lettered_item_stay_separate_lines():
    doc = _read([lettered_list(["before"]), bullet_list(["plain"])])
    assert "(a) before" in doc.markdown and "- plain" in doc.markdown


def test_bold_italic_and_links_come_across():
    doc = _read(
        [
            paragraph(
                "The ", bold("Panel"), " noted the ", italic("draft"), " and ", bold_italic("agreed"), " it; see ",
                link("the plan", "https://example.org/plan (2025)"), ".",
            )
        ]
    )  # fmt: skip
    assert doc.markdown == (
        "The **Panel** noted the *draft* and ***agreed*** it; see [the plan](https://example.org/plan%20%282025%29).\n"
    )
    rendered = str(render_markdown(doc.markdown))
    assert "<strong>Panel</strong>" in rendered and "<em>draft</em>" in rendered
    assert '<a href="https://example.org/plan%20%282025%29"' in rendered


def test_sections_split_at_headings_and_title_comes_from_the_title_style():
    doc = _read(
        [
            title("Proposed Precept 2025/26"),
            paragraph("Report of the Commissioner."),
            heading("Purpose of Report", 1),
            paragraph("To set the precept."),
            heading("Background", 2),
            lettered_list(["one", "two"]),
        ]
    )
    assert doc.title == "Proposed Precept 2025/26"
    assert [(s.heading, s.level, s.markdown) for s in doc.sections] == [
        ("", 0, "Report of the Commissioner.\n"),
        ("Purpose of Report", 1, "To set the precept.\n"),
        ("Background", 2, "(a) one\n(b) two\n"),
    ]
    assert doc.markdown.startswith("Report of the Commissioner.\n\n# Purpose of Report\n\n")


def test_without_a_title_style_the_title_is_the_first_heading():
    doc = _read([heading("Police and Crime Plan", 1), paragraph("Text.")])
    assert doc.title == "Police and Crime Plan"
    assert doc.sections[0].heading == "Police and Crime Plan"


def test_text_that_looks_like_markdown_stays_text():
    lines = [
        "# not a heading",
        "1. not a list",
        "(a) not a lettered item",
        "b) nor this",
        "- nor a bullet",
        "> nor a quote",
        "*not emphasis* and _nor this_ and `code`",
        "[not a link](https://example.org)",
        "<script>alert(1)</script> &copy; Tom & Jerry",
        "| not | a table |",
    ]
    doc = _read([paragraph(line) for line in lines])
    rendered = str(render_markdown(doc.markdown))
    assert re.findall(r"<(\w+)", rendered) == ["p"] * len(lines)
    assert [_text(p) for p in re.findall(r"<p>(.*?)</p>", rendered)] == lines


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("#*_`[]()<>&|!\\-+.=:{}~;0123456789aAiIvx ")),
            st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp")),
        ),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip())
)
def test_any_paragraph_text_survives_and_injects_no_markup(text):
    doc = _read([paragraph(text)])
    parser = _Tags()
    parser.feed(str(render_markdown(doc.markdown)))
    assert parser.tags == ["p"]
    assert " ".join("".join(parser.text).split()) == " ".join(text.split())


CHANGE = 'w:id="9" w:author="A" w:date="2025-01-01T00:00:00Z"'


def test_what_cannot_come_across_is_listed():
    data = make_docx(
        [
            paragraph("Before the picture."),
            image(),
            image(),
            table([["Merged heading", "x"], ["a", lettered_list(["one", "two"])]]),
        ]
    )
    document = docx.Document(io.BytesIO(data))
    word_table = document.tables[0]
    word_table.cell(0, 0).merge(word_table.cell(0, 1))
    first = document.paragraphs[0]
    first._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    first._p.append(parse_xml(f"<w:ins {nsdecls('w')} {CHANGE}><w:r><w:t> Added.</w:t></w:r></w:ins>"))
    first._p.append(parse_xml(f"<w:del {nsdecls('w')} {CHANGE}><w:r><w:delText> Gone.</w:delText></w:r></w:del>"))
    document.add_comment(first.runs[0], text="Check this", author="Officer")
    document.sections[0].header.paragraphs[0].text = "OFFICIAL"
    out = io.BytesIO()
    document.save(out)
    doc = docx_to_document(io.BytesIO(out.getvalue()))

    assert doc.not_brought_across == [
        "2 images were left out (add images as appendices if they are needed).",
        "1 footnote was left out, with the reference marks in the text.",
        "1 comment was left out.",
        "2 tracked changes (insertions or deletions) were read as if accepted: check the text.",
        "1 page header or footer was left out.",
        "1 merged table cell was split into separate cells, with the text in the first: check the table's layout.",
        "1 table cell holds a list: the items are kept as separate lines in the cell.",
    ]
    assert doc.markdown.startswith("Before the picture. Added.\n")
    assert "Gone." not in doc.markdown
    assert "| Merged heading<br>x |  |\n| --- | --- |\n| a | (a) one<br>(b) two |" in doc.markdown


def test_cells_with_several_paragraphs_keep_their_lines():
    doc = _read([table([["Response", "Status"], ["First line\nSecond line | with a bar", "Open"]])])
    rendered = str(render_markdown(doc.markdown))
    assert "<td>First line<br>Second line | with a bar</td>" in rendered


# --- A real paper ------------------------------------------------------------------------------

ITEM = re.compile(r"^-?\s*(?:(?P<number>\d+)\.|(?P<roman>[ivx]+)\.)\s+(?P<text>.+)$")


def _seed_blocks(text: str):
    """Turn a seed paper (plain text) into Word blocks: headings, numbered and roman lists, bullets."""
    lines: list[str] = []
    for raw in text.splitlines():
        if raw.startswith(" ") and not raw.lstrip().startswith("-") and lines:
            lines[-1] += " " + raw.strip()  # a wrapped line
        elif raw.strip():
            lines.append(raw.rstrip())
    blocks, texts, run, run_kind, run_start = [], [], [], None, 1

    def flush():
        nonlocal run, run_kind
        if run:
            if run_kind == "number":
                blocks.append(numbered_list(run, start=run_start))
            elif run_kind == "roman":
                blocks.append(roman_list(run, marker="%1.", start=run_start))
            else:
                blocks.append(bullet_list(run))
        run, run_kind = [], None

    for line in lines:
        plain = line.replace("*", "").strip()
        match = ITEM.match(plain)
        kind = "number" if match and match["number"] else "roman" if match else None
        body = match["text"] if match else plain.lstrip("- ").strip()
        if kind is None and plain.startswith("-"):
            kind = "bullet"
        if kind != run_kind:
            flush()
            run_kind = kind
            run_start = int(match["number"]) if kind == "number" else 1
        texts.append(body)
        if kind:
            run.append(body)
        elif len(body) < 60 and not body.endswith((".", ":", ";", ")")):
            blocks.append(heading(body, 2))
        else:
            blocks.append(paragraph(body))
    flush()
    return blocks, texts


def test_a_real_paper_keeps_every_sentence_in_order():
    seed = SEEDS / "001_5179df75bb65f281.txt"
    if not seed.exists():
        pytest.skip("the seed papers are not next to this checkout")
    blocks, texts = _seed_blocks(seed.read_text())
    doc = _read(blocks)
    shown = _text(str(render_markdown(doc.markdown)))
    sentences = [s for text in texts for s in re.split(r"(?<=[.;:!?])\s+", text) if s.strip()]
    assert len(sentences) > 80
    position = 0
    for sentence in sentences:
        found = shown.find(" ".join(sentence.split()), position)
        assert found >= 0, sentence
        position = found
    assert len(doc.sections) > 5
    assert doc.not_brought_across == []


# --- The upload form ---------------------------------------------------------------------------


def _form(upload) -> DocxUploadForm:
    return DocxUploadForm(data={}, files={"document": upload})


def test_a_word_document_is_accepted_and_read():
    form = _form(docx_upload([heading("Agenda"), lettered_list(["one", "two"])]))
    assert form.is_valid(), form.errors
    doc = docx_to_document(form.cleaned_data["document"])
    assert doc.markdown == "# Agenda\n\n(a) one\n(b) two\n"
    assert form.fields["document"].label == "Word document (.docx)"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("paper.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, "application/msword", "older Word file (.doc)"),
        ("paper.pdf", b"%PDF-1.7\n" + b"0" * 100, "application/pdf", "This is a PDF"),
        ("paper.docx", b"%PDF-1.7\n" + b"0" * 100, DOCX_TYPE, "PDF renamed"),
        ("paper.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, DOCX_TYPE, "older Word file (.doc) renamed"),
        ("paper.docx", b"just some text", DOCX_TYPE, "not a Word or OpenDocument file"),
        ("paper.docx", b"PK\x03\x04" + b"\x00garbage" * 50, DOCX_TYPE, "could not be read"),
        ("sheet.docx", _zip({"xl/workbook.xml": b"<x/>"}), DOCX_TYPE, "not a Word document"),
        ("paper.docx", _zip({"word/document.xml": b"<not-word"}), DOCX_TYPE, "could not be read"),
        ("notes.txt", b"hello", "text/plain", "ends in .docx"),
        ("paper.docx", make_docx([paragraph("x")]), "image/png", "not a Word document"),
    ],
)
def test_files_that_are_not_word_documents_get_a_clear_message(name, content, content_type, message):
    form = _form(SimpleUploadedFile(name, content, content_type=content_type))
    assert not form.is_valid()
    assert message in form.errors["document"][0]


def test_a_file_over_10_mb_is_refused():
    upload = docx_upload([paragraph("x")])
    upload.size = 10 * 1024 * 1024 + 1
    form = _form(upload)
    assert not form.is_valid()
    assert form.errors["document"] == ["The file is larger than 10 MB."]


def test_no_file_is_refused():
    form = DocxUploadForm(data={}, files={})
    assert not form.is_valid()
    assert "document" in form.errors
