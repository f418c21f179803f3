"""Start a document from a Word file: read a .docx with python-docx and write portal Markdown.

Headings, paragraphs, bold and italic, links, tables and Word's numbered, lettered and
bulleted lists come across; a list shows the marker Word shows ("(a)", "ii)", "3."), read
from the document's numbering definitions. What cannot come across (images, text boxes,
footnotes, comments, tracked changes, embedded objects, headers and footers, merged table
cells) is counted in plain sentences for the user to check.
"""

import re
import zipfile
from dataclasses import dataclass, field

import docx
from django import forms
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pcc_portal.core.markdown import MARKED_LINE
from pcc_portal.core.uploads import MAX_DOCUMENT_BYTES, check_document_upload

DOCX_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
    "application/zip",
    "application/x-zip-compressed",
    "",
}
MAX_UNZIPPED_BYTES = 20 * MAX_DOCUMENT_BYTES  # a zip that swells past this is refused, not read
MAX_HEADING_LEVEL = 6


@dataclass
class WordSection:
    heading: str
    level: int  # 1..6; 0 for the text before the first heading
    markdown: str


@dataclass
class WordDocument:
    title: str
    sections: list[WordSection]
    markdown: str
    not_brought_across: list[str] = field(default_factory=list)


# --- Escaping --------------------------------------------------------------------------------

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_LINE_START = re.compile(r"^(?:[#>+\-|]|\d+\.(?=\s|$))")


def escape_text(text: str) -> str:
    """Return plain text as Markdown that renders as the same text, with no markup."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text.replace("\t", " "))
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _TAG_LIKE.sub("&lt;", text)


def _escape_line_start(line: str) -> str:
    """Keep a line's first characters from opening a heading, quote, list or rule."""
    line = line.lstrip()
    marked = MARKED_LINE.match(line) or MARKED_LINE.match(line + " x")
    if marked and not marked.group("indent"):
        marker = marked.group("marker")
        if marker.startswith("("):
            return "\\" + line
        return marker[:-1] + "\\" + line[len(marker) - 1 :]
    match = _LINE_START.match(line)
    if match:
        end = match.end()
        return line[: end - 1] + "\\" + line[end - 1 :]
    return line


# --- Numbering -------------------------------------------------------------------------------

_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    # Word goes a..z, then aa..zz, then aaa..
    number = max(number, 1)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, num_fmt: str) -> str:
    """Return a list counter as Word writes it in the given w:numFmt."""
    if num_fmt == "lowerLetter":
        return _letters(number)
    if num_fmt == "upperLetter":
        return _letters(number).upper()
    if num_fmt == "lowerRoman":
        return _roman(number)
    if num_fmt == "upperRoman":
        return _roman(number).upper()
    if num_fmt == "decimalZero":
        return f"{number:02d}"
    if num_fmt == "none":
        return ""
    return str(number)


@dataclass
class _Level:
    num_fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def _val(element, tag: str, default=None):
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def _read_level(lvl) -> _Level:
    start = _val(lvl, "w:start", "1")
    return _Level(
        num_fmt=_val(lvl, "w:numFmt", "decimal"),
        text=_val(lvl, "w:lvlText", "") or "",
        start=int(start) if start.lstrip("-").isdigit() else 1,
    )


class _Numbering:
    """Word's numbering definitions, and the counters as the document is read in order."""

    def __init__(self, document) -> None:
        self.document = document
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        self.abstracts = {}
        self.nums = {}
        if root is not None:
            for abstract in root.findall(qn("w:abstractNum")):
                self.abstracts[abstract.get(qn("w:abstractNumId"))] = abstract
            for num in root.findall(qn("w:num")):
                self.nums[num.get(qn("w:numId"))] = num
        self.counters: dict[str, list[int | None]] = {}

    def _abstract(self, num, depth: int = 0):
        abstract = self.abstracts.get(_val(num, "w:abstractNumId"))
        link = _val(abstract, "w:numStyleLink")
        if link and depth < 3:  # a list style: its definition sits behind the style's own numbering
            style = self.document.styles.element.get_by_id(link)
            linked = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}") if style is not None else None
            if linked is not None and _val(linked, "w:numId") in self.nums:
                return self._abstract(self.nums[_val(linked, "w:numId")], depth + 1)
        return abstract

    def levels(self, num_id: str) -> tuple[str, dict[int, _Level]]:
        """Return the counter key and the level definitions for a w:numId."""
        num = self.nums.get(num_id)
        abstract = self._abstract(num) if num is not None else None
        levels = {}
        if abstract is not None:
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _read_level(lvl)
        key = f"a{num.get(qn('w:numId')) if num is None else _val(num, 'w:abstractNumId')}"
        for override in num.findall(qn("w:lvlOverride")) if num is not None else []:
            ilvl = int(override.get(qn("w:ilvl"), "0"))
            if override.find(qn("w:lvl")) is not None:
                levels[ilvl] = _read_level(override.find(qn("w:lvl")))
            start = _val(override, "w:startOverride")
            if start is not None:
                levels.setdefault(ilvl, _Level())
                levels[ilvl].start = int(start)
                key = f"n{num_id}"  # a restarted list: its own counters
        return key, levels

    def marker(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Count one list paragraph and return its kind ("bullet", "decimal", "marked") and marker."""
        key, levels = self.levels(num_id)
        level = levels.get(ilvl, _Level())
        if level.num_fmt == "bullet":
            return "bullet", "-"
        counters = self.counters.setdefault(key, [None] * 10)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None

        def placeholder(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            count = counters[at] if counters[at] is not None else levels.get(at, _Level()).start
            return format_number(count, levels.get(at, _Level()).num_fmt)

        shown = re.sub(r"%(\d)", placeholder, level.text).strip()
        if level.num_fmt in ("decimal", "decimalZero") and re.fullmatch(r"%\d\.", level.text.strip()):
            return "decimal", shown
        return "marked", shown


# --- Reading ---------------------------------------------------------------------------------


def _style_chain(style):
    seen = 0
    while style is not None and seen < 10:
        yield style
        style, seen = style.base_style, seen + 1


def _heading_level(paragraph: Paragraph) -> int | None:
    """Return 1..6 for a heading, 0 for a Title, None for body text."""
    for style in _style_chain(paragraph.style):
        name = (style.name or "").strip().lower()
        if name == "title":
            return 0
        match = re.fullmatch(r"heading (\d)", name)
        if match:
            return min(max(int(match.group(1)), 1), MAX_HEADING_LEVEL)
    return None


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """Return (numId, ilvl) from the paragraph, or else from its style; None when not in a list."""
    candidates = [paragraph._p.pPr] + [style.element.pPr for style in _style_chain(paragraph.style)]
    ilvl = None
    for ppr in candidates:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        if ilvl is None and _val(num_pr, "w:ilvl") is not None:
            ilvl = int(_val(num_pr, "w:ilvl"))
        num_id = _val(num_pr, "w:numId")
        if num_id is not None:
            return (None if num_id == "0" else (num_id, ilvl or 0)) if num_id else None
    return None


def _run_has(run: Run, attribute: str) -> bool:
    """Return whether a run is bold (or italic), set on the run or by its character style."""
    direct = getattr(run, attribute)
    if direct is not None:
        return bool(direct)
    return any(getattr(style.font, attribute) for style in _style_chain(run.style))


def _pieces(element, paragraph: Paragraph, url: str = ""):
    """Yield (text, bold, italic, url) for the visible runs, reading tracked insertions as accepted."""
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "r":
            run = Run(child, paragraph)
            yield run.text, _run_has(run, "bold"), _run_has(run, "italic"), url
        elif tag == "hyperlink":
            yield from _pieces(child, paragraph, Hyperlink(child, paragraph).url or url)
        elif tag in ("ins", "moveTo", "smartTag", "customXml", "fldSimple"):
            yield from _pieces(child, paragraph, url)
        elif tag == "sdt":
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _pieces(content, paragraph, url)


def _link_target(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _inline(paragraph: Paragraph) -> str:
    """Return the paragraph's text as inline Markdown: escaped, with bold, italic and links."""
    merged: list[list] = []
    for text, bold, italic, url in _pieces(paragraph._p, paragraph):
        if not text:
            continue
        if merged and merged[-1][1:] == [bold, italic, url]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, url])
    out = []
    for text, bold, italic, url in merged:
        lines = [escape_text(line) for line in text.split("\n")]
        body = "<br>".join(lines)
        core = body.strip()
        if core and (bold or italic):
            mark = ("**" if bold else "") + ("*" if italic else "")
            lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
            body = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        if core and url and url.startswith(("http://", "https://", "mailto:")):
            body = f"[{body.strip()}]({_link_target(url)})"
        out.append(body)
    return re.sub(r"[ \u00a0]{2,}", " ", "".join(out)).strip()


@dataclass
class _Block:
    kind: str  # "heading", "para", "item", "table"
    text: str
    level: int = 0  # heading level, or list depth
    list_key: str = ""
    apart: bool = False  # a marked list inside a Markdown list: parted by blank lines, or Markdown runs it on


@dataclass
class _Notes:
    merged_cells: int = 0
    nested_tables: int = 0
    list_cells: int = 0
    contents_tables: int = 0


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.body = document._body
        self.blocks: list[_Block] = []
        self.notes = _Notes()
        self.title = ""
        self.list_stack: list[tuple[int, str]] = []  # (ilvl, kind) of the list being read

    def read(self) -> None:
        self._read_container(self.document.element.body, self.body)

    def _read_container(self, element, parent) -> None:
        for child in element:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                self._paragraph(Paragraph(child, parent))
            elif tag == "tbl":
                self.list_stack = []
                self._table(Table(child, parent))
            elif tag == "sdt":
                gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
                if gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower():
                    self.notes.contents_tables += 1
                    continue
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._read_container(content, parent)
            elif tag == "customXml":
                self._read_container(child, parent)

    def _paragraph(self, paragraph: Paragraph) -> None:
        level = _heading_level(paragraph)
        numbered = _num_pr(paragraph)
        marker = None
        if numbered:
            kind, marker = self.numbering.marker(*numbered)
        text = _inline(paragraph)
        if not text:
            return
        if level is not None:
            self.list_stack = []
            if level == 0 and not self.title:
                self.title = _plain(text)
                return
            heading = f"{marker} {text}" if marker and kind != "bullet" else text
            self.blocks.append(_Block("heading", heading, max(level, 1)))
            return
        if not numbered:
            self.list_stack = []
            self.blocks.append(_Block("para", _escape_line_start(text)))
            return
        self._item(numbered, kind, marker, text)

    def _item(self, numbered: tuple[str, int], kind: str, marker: str, text: str) -> None:
        num_id, ilvl = numbered
        while self.list_stack and self.list_stack[-1][0] > ilvl:
            self.list_stack.pop()
        if self.list_stack and self.list_stack[-1][0] == ilvl:
            self.list_stack[-1] = (ilvl, kind)
        else:
            self.list_stack.append((ilvl, kind))
        depth = len(self.list_stack) - 1
        parent_kind = self.list_stack[-2][1] if depth else ""
        list_key = f"{num_id}:{self.list_stack[0][1]}"
        indent = "    " * depth
        if kind == "bullet":
            line = f"- {text}"
        elif kind == "decimal" or (marker and MARKED_LINE.match(f"{marker} {text}")):
            line = f"{marker} {text}"
        else:
            # A marker the portal's lists do not show (e.g. "1.1." or "A."): keep it as text.
            self.list_stack = []
            self.blocks.append(_Block("para", _escape_line_start(f"{escape_text(marker)} {text}".strip())))
            return
        if parent_kind == "marked" and kind != "marked":
            # Under an author-marked item only marked lists nest; keep these as lines of the item.
            shown = "•" if kind == "bullet" else marker
            line = f"<br>{shown} {text}"
        kinds = [k for _, k in self.list_stack]
        apart = any(k != "marked" and "marked" in kinds[i + 1 :] for i, k in enumerate(kinds))
        self.blocks.append(_Block("item", indent + line, depth, list_key, apart))

    def _table(self, table: Table) -> None:
        rows: list[list[str]] = []
        for tr in table._tbl.tr_lst:
            cells: list[str] = []
            for tc in tr.tc_lst:
                span = tc.grid_span
                if tc.vMerge == "continue":
                    self.notes.merged_cells += 1
                    cells.append("")
                else:
                    cells.append(self._cell(_Cell(tc, table)))
                if span > 1:
                    self.notes.merged_cells += span - 1
                    cells.extend([""] * (span - 1))
            rows.append(cells)
        if not rows:
            return
        width = max(len(row) for row in rows)
        lines = []
        for number, row in enumerate(rows):
            row = row + [""] * (width - len(row))
            lines.append("| " + " | ".join(row) + " |")
            if number == 0:
                lines.append("|" + " --- |" * width)
        self.blocks.append(_Block("table", "\n".join(lines)))

    def _cell(self, cell: _Cell) -> str:
        parts = []
        had_list = False
        for child in cell._tc:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "tbl":
                self.notes.nested_tables += 1
                inner = Table(child, cell)
                parts.extend(self._cell(c) for row in inner.rows for c in row.cells)
                continue
            if tag != "p":
                continue
            paragraph = Paragraph(child, cell)
            numbered = _num_pr(paragraph)
            text = _inline(paragraph)
            if numbered:
                kind, marker = self.numbering.marker(*numbered)
                if text:
                    had_list = True
                    parts.append(f"{'•' if kind == 'bullet' else escape_text(marker)} {text}")
            elif text:
                parts.append(text)
        self.notes.list_cells += had_list
        return "<br>".join(part for part in parts if part).replace("|", "\\|")


def _plain(markdown_text: str) -> str:
    """Return inline Markdown as the text it shows (for titles and headings)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"(?<!\\)\*+", "", text)
    text = text.replace("<br>", " ").replace("&amp;", "&").replace("&lt;", "<")
    return re.sub(r"\\(.)", r"\1", text).strip()


def _join(blocks: list[_Block]) -> str:
    """Join blocks: items of one list line by line, everything else parted by a blank line."""
    out = []
    previous = None
    for block in blocks:
        same_list = (
            previous is not None
            and block.kind == previous.kind == "item"
            and (block.level > 0 or block.list_key == previous.list_key)
        )
        if same_list and block.apart == previous.apart:
            out.append("\n")
        elif (
            previous is not None
            and block.kind == previous.kind == "item"
            and block.level == 0
            and block.list_key != previous.list_key
            and block.list_key.endswith(":decimal")
            and previous.list_key.endswith(":decimal")
        ):
            out.append("\n\n<!-- -->\n\n")  # two Word lists in a row: keep Markdown from joining them
        elif previous is not None:
            out.append("\n\n")
        if block.kind == "heading":
            out.append("#" * block.level + " " + block.text.replace("#", "\\#"))
        else:
            out.append(block.text)
        previous = block
    return "".join(out) + ("\n" if out else "")


# --- What could not come across --------------------------------------------------------------


def _not_brought_across(document, notes: _Notes) -> list[str]:
    body = document.element.body
    images = text_boxes = objects = shapes = 0
    for element in body.xpath(".//w:drawing | .//w:pict | .//w:object"):
        if element.xpath("ancestor::*[local-name()='Fallback']"):
            continue  # Word writes some shapes twice: once as drawing, once as a fallback picture
        if element.xpath("ancestor::*[local-name()='drawing' or local-name()='pict' or local-name()='object']"):
            continue
        if element.xpath(".//*[local-name()='txbxContent']"):
            text_boxes += 1
        elif element.tag == qn("w:object") or element.xpath(".//*[local-name()='OLEObject']"):
            objects += 1
        elif element.xpath(".//*[local-name()='blip' or local-name()='imagedata']"):
            images += 1
        else:
            shapes += 1
    objects += len(body.xpath(".//w:altChunk"))
    footnotes = len(body.xpath(".//w:footnoteReference"))
    endnotes = len(body.xpath(".//w:endnoteReference"))
    comments = len(set(body.xpath(".//w:commentReference/@w:id")))
    changes = len(body.xpath(".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo"))
    headers = 0
    seen = set()
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part.is_linked_to_previous:
                continue
            key = id(part._element)
            if key in seen:
                continue
            seen.add(key)
            if any(p.text.strip() for p in part.paragraphs) or part._element.xpath(".//w:drawing"):
                headers += 1

    counted = [
        (images, "image", "images", "left out (add images as appendices if they are needed)"),
        (text_boxes, "text box", "text boxes", "left out, with the text in them"),
        (shapes, "drawing, shape or chart", "drawings, shapes or charts", "left out"),
        (objects, "embedded object (such as a spreadsheet)", "embedded objects (such as spreadsheets)", "left out"),
        (footnotes, "footnote", "footnotes", "left out, with the reference marks in the text"),
        (endnotes, "endnote", "endnotes", "left out, with the reference marks in the text"),
        (comments, "comment", "comments", "left out"),
        (
            changes,
            "tracked change (an insertion or deletion)",
            "tracked changes (insertions or deletions)",
            "read as if accepted: check the text",
        ),
        (headers, "page header or footer", "page headers and footers", "left out"),
        (
            notes.merged_cells,
            "merged table cell",
            "merged table cells",
            "split into separate cells, with the text in the first: check the table's layout",
        ),
        (notes.nested_tables, "table inside a table", "tables inside tables", "flattened into lines of its cell"),
    ]
    found = [
        f"{n} {one if n == 1 else many} {'was' if n == 1 else 'were'} {rest}." for n, one, many, rest in counted if n
    ]
    if notes.list_cells:
        cells = "1 table cell holds a list" if notes.list_cells == 1 else f"{notes.list_cells} table cells hold lists"
        found.append(f"{cells}: the items are kept as separate lines in the cell.")
    if notes.contents_tables:
        found.append("The table of contents was left out: the portal makes its own.")
    return found


# --- Entry points ----------------------------------------------------------------------------


def docx_to_document(upload) -> WordDocument:
    """Read a .docx (an uploaded file, a path or a binary file object) into a WordDocument."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    document = docx.Document(upload)
    reader = _Reader(document)
    reader.read()

    sections: list[WordSection] = []
    current_heading, current_level, current_blocks = "", 0, []

    def close() -> None:
        if current_level or current_blocks:
            sections.append(WordSection(current_heading, current_level, _join(current_blocks)))

    for block in reader.blocks:
        if block.kind == "heading":
            close()
            current_heading, current_level, current_blocks = _plain(block.text), block.level, []
        else:
            current_blocks.append(block)
    close()

    title = reader.title or (document.core_properties.title or "").strip()
    if not title:
        title = next((_plain(b.text) for b in reader.blocks if b.kind == "heading" and b.level == 1), "")
    return WordDocument(
        title=title,
        sections=sections,
        markdown=_join(reader.blocks),
        not_brought_across=_not_brought_across(document, reader.notes),
    )


class DocxUploadForm(forms.Form):
    document = forms.FileField(
        label="Word document (.docx)",
        help_text="A Word file (.docx) of up to 10 MB. Its headings, lists, tables, bold and italic come across.",
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        name = (upload.name or "").lower()
        content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
        if name.endswith(".doc") or content_type == "application/msword":
            raise forms.ValidationError(
                "This is an older Word file (.doc). Open it in Word, save it as a Word document (.docx) "
                "and upload that."
            )
        if name.endswith(".pdf") or content_type == "application/pdf":
            raise forms.ValidationError("This is a PDF. Upload the Word (.docx) version of the document.")
        if not name.endswith(".docx"):
            raise forms.ValidationError("Upload a Word document whose name ends in .docx.")
        if content_type not in DOCX_CONTENT_TYPES:
            raise forms.ValidationError("This file is not a Word document (.docx).")
        head = upload.read(8)
        upload.seek(0)
        if head.startswith(b"%PDF-"):
            raise forms.ValidationError("This file is a PDF renamed to .docx. Upload the Word version.")
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise forms.ValidationError(
                "This file is an older Word file (.doc) renamed to .docx. Open it in Word, save it as a "
                "Word document (.docx) and upload that."
            )
        check_document_upload(upload)  # size, and that it starts as a zip file does
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
                if "word/document.xml" not in names:
                    raise forms.ValidationError("This file is not a Word document (.docx).")
                if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                    raise forms.ValidationError("This Word document is too large to read.")
            upload.seek(0)
            docx.Document(upload)
        except forms.ValidationError:
            raise
        except Exception as error:  # a damaged zip or XML: any reader error means the same to the user
            raise forms.ValidationError(
                "This Word document could not be read: it may be damaged. Open it in Word, save it again "
                "and upload the new copy."
            ) from error
        finally:
            upload.seek(0)
        return upload
