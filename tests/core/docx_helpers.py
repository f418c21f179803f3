"""Build Word (.docx) files in tests with python-docx: headings, Word-numbered lists, tables, runs.

    from tests.core.docx_helpers import make_docx, docx_upload, heading, lettered_list, numbered_list, table

    data = make_docx([heading("Recommendations"), lettered_list(["one", "two"]), table([["A", "B"], ["1", "2"]])])
    upload = docx_upload([...])  # a SimpleUploadedFile named paper.docx, for form and view tests

Lists are real Word lists: each makes its own numbering definition (w:abstractNum and w:num) so the
marker comes from the numbering part, as in a paper written in Word.
"""

import base64
import io
from dataclasses import dataclass, field

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A 1x1 PNG, for documents with an image in them.
PNG_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@dataclass
class Block:
    kind: str
    text: object = ""
    level: int = 0
    items: list = field(default_factory=list)
    levels: list = field(default_factory=list)  # (numFmt, lvlText, start) per list level


def heading(text: str, level: int = 1) -> Block:
    return Block("heading", text, level)


def title(text: str) -> Block:
    return Block("title", text)


def paragraph(*runs) -> Block:
    """A paragraph of runs: plain strings, bold("…"), italic("…"), bold_italic("…") or link("…", url)."""
    return Block("paragraph", list(runs))


def bold(text: str) -> tuple:
    return ("bold", text)


def italic(text: str) -> tuple:
    return ("italic", text)


def bold_italic(text: str) -> tuple:
    return ("bold_italic", text)


def link(text: str, url: str) -> tuple:
    return ("link", text, url)


def word_list(items: list, levels: list[tuple[str, str, int]]) -> Block:
    """A Word list. items: strings, or (text, [sub-items]) for nesting; levels: (numFmt, lvlText, start)."""
    return Block("list", items=items, levels=levels)


def lettered_list(items: list, marker: str = "(%1)", start: int = 1, upper: bool = False) -> Block:
    """A lettered list, "(a)".. by default; sub-items numbered "(i)".."""
    return word_list(items, [("upperLetter" if upper else "lowerLetter", marker, start), ("lowerRoman", "(%2)", 1)])


def roman_list(items: list, marker: str = "%1)", start: int = 1) -> Block:
    return word_list(items, [("lowerRoman", marker, start), ("lowerLetter", "(%2)", 1)])


def numbered_list(items: list, start: int = 1, marker: str = "%1.") -> Block:
    """A decimal list, "1." by default, starting at start; sub-items lettered "a."."""
    return word_list(items, [("decimal", marker, start), ("lowerLetter", "%2.", 1)])


def bullet_list(items: list) -> Block:
    return word_list(items, [("bullet", "\u2022", 1), ("bullet", "o", 1)])


def table(rows: list[list[str]]) -> Block:
    """A table; a cell is a string (newlines make separate paragraphs) or a Block list."""
    return Block("table", items=rows)


def image() -> Block:
    return Block("image")


def _add_numbering(document, levels) -> str:
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>'
    )
    # abstractNum elements must come before the num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return str(num_id)


def _number(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_items(container, items, num_id: str, ilvl: int) -> None:
    for item in items:
        text, children = (item, []) if isinstance(item, str) else item
        paragraph = container.add_paragraph(text, style="List Paragraph")
        _number(paragraph, num_id, ilvl)
        _add_items(container, children, num_id, ilvl + 1)


def _add_runs(paragraph, runs) -> None:
    for run in runs:
        if isinstance(run, str):
            paragraph.add_run(run)
        elif run[0] == "link":
            _add_link(paragraph, run[1], run[2])
        else:
            added = paragraph.add_run(run[1])
            added.bold = run[0] in ("bold", "bold_italic")
            added.italic = run[0] in ("italic", "bold_italic")


def _add_link(paragraph, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"><w:r><w:t xml:space="preserve"/></w:r></w:hyperlink>'
    )
    hyperlink.find(f"{qn('w:r')}/{qn('w:t')}").text = text
    paragraph._p.append(hyperlink)


def _add_block(document, block: Block) -> None:
    if block.kind == "heading":
        document.add_heading(block.text, level=block.level)
    elif block.kind == "title":
        document.add_heading(block.text, level=0)
    elif block.kind == "paragraph":
        _add_runs(document.add_paragraph(), block.text)
    elif block.kind == "list":
        _add_items(document, block.items, _add_numbering(document, block.levels), 0)
    elif block.kind == "image":
        document.add_picture(io.BytesIO(PNG_PIXEL))
    elif block.kind == "table":
        rows = block.items
        word_table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = word_table.cell(r, c)
                if isinstance(value, Block):  # a list in a cell
                    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                    _add_items(cell, value.items, _add_numbering(document, value.levels), 0)
                else:
                    lines = str(value).split("\n")
                    cell.text = lines[0]
                    for line in lines[1:]:
                        cell.add_paragraph(line)


def make_docx(blocks: list[Block]) -> bytes:
    """Return the bytes of a .docx holding the blocks, in order."""
    document = docx.Document()
    for block in blocks:
        _add_block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_upload(blocks: list[Block], name: str = "paper.docx") -> SimpleUploadedFile:
    """Return the blocks as an uploaded .docx file, for forms and views."""
    return SimpleUploadedFile(name, make_docx(blocks), content_type=DOCX_TYPE)
