"""Markdown from users, rendered and then sanitised.

Beyond Markdown's own lists, a list keeps its markers as the author wrote them:
lines starting "(a)", "a)", "a.", "(i)", "i)", "(1)" or "1)" become one list
whose items show those markers, on the page and in the PDF alike. Lines pasted
one under another stay separate items, and items split by blank lines stay in
one list. An item's own lines may be indented under it; a marked list indented
under an item is nested in it.
"""

import re
import threading
import xml.etree.ElementTree as etree
from collections import OrderedDict

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"type", "start"}}
ALLOWED_CLASSES = {"ol": {"marked-list"}, "span": {"list-marker"}}

LABEL = r"(?:[a-z]{1,2}|[A-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|\d{1,3})"
MARKER = rf"(?:\({LABEL}\)|{LABEL}\)|[a-z]\.|[ivxlcdm]{{1,6}}\.)"
MARKED_LINE = re.compile(rf"^(?P<indent>[ \t]*)(?P<marker>{MARKER})[ \t]+(?P<text>\S.*)$")
MAX_LEAD = 3  # more leading spaces than this make an indented code block, as in Markdown
TAG = "marked-ol"  # not "ol", so Markdown's own lists never take these over; renamed at the end


def _kind(marker: str) -> str:
    """Name a marker's shape, so "(b)" joins a list of "(a)" items but "1)" starts its own."""
    return re.sub(r"[A-Za-z0-9]+", "x", marker)


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


class MarkedListProcessor(BlockProcessor):
    """Turn runs of author-marked lines into a list that shows each marker as written."""

    def test(self, parent, block: str) -> bool:
        first = MARKED_LINE.match(block.split("\n", 1)[0])
        return bool(first) and _width(first.group("indent")) <= MAX_LEAD

    def run(self, parent, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        first = MARKED_LINE.match(lines[0])
        kind, top = _kind(first.group("marker")), _width(first.group("indent"))
        previous = self.lastChild(parent)
        if previous is not None and previous.tag == TAG and previous.get("data-kind") == kind:
            target = previous  # items parted by a blank line stay in one list
        else:
            target = etree.SubElement(parent, TAG, {"class": "marked-list", "data-kind": kind})
        items: list[tuple[str, list[str], list[str]]] = []  # marker, its own lines, lines nested under it
        for line in lines:
            match = MARKED_LINE.match(line)
            if match and _width(match.group("indent")) <= top + 1:
                items.append((match.group("marker"), [match.group("text")], []))
            elif match or items[-1][2]:
                items[-1][2].append(line)
            else:
                items[-1][1].append(line.strip())
        for marker, own, nested in items:
            li = etree.SubElement(target, "li")
            span = etree.SubElement(li, "span", {"class": "list-marker"})
            span.text = marker
            span.tail = " " + " ".join(part for part in own if part)
            if nested:
                depth = min(_width(m.group("indent")) for m in map(MARKED_LINE.match, nested) if m)
                inner = [n[depth:] if n[:depth].isspace() else n.strip() for n in nested]
                self.parser.parseBlocks(li, ["\n".join(inner)])


class _RenameMarkedLists(Treeprocessor):
    def run(self, root) -> None:
        for element in root.iter(TAG):
            element.tag = "ol"
            element.attrib.pop("data-kind", None)


LIST_LINE = re.compile(rf"^ {{0,{MAX_LEAD}}}(?:{MARKER}|\d{{1,3}}\.|[-*+])[ \t]+\S")
FENCE = re.compile(r"^ {0,3}(?:```|~~~)")


def _separate_pasted_lists(text: str) -> str:
    """Put a blank line before a list that follows a line of text, as pasted from a word processor.

    Markdown needs the blank line, or the items run on into the sentence above;
    authors pasting "Several themes:" then "(a) …" lines expect separate items.
    Table rows, indented lines and code fences are left alone.
    """
    lines, fenced, out = text.split("\n"), False, []
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        previous = out[-1] if out else ""
        if (
            not fenced
            and LIST_LINE.match(line)
            and previous.strip()
            and not LIST_LINE.match(previous)
            and not previous.startswith((" ", "\t", "|", ">", "#"))
            and not previous.rstrip().endswith("|")
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


CELL = re.compile(r"<(?P<tag>td|th)(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)>", re.S)
BREAK = re.compile(r"<br\s*/?>")
CELL_ITEM = re.compile(rf"^(?:(?P<marker>{MARKER})|(?P<number>\d{{1,3}})\.|(?P<bullet>[-*+]))\s+(?P<text>\S.*)$", re.S)


def _cell_list(match: re.Match) -> str:
    """Turn a table cell whose lines, parted by <br>, all start with a list marker into that list."""
    parts = [part.strip() for part in BREAK.split(match.group("body"))]
    items = [CELL_ITEM.match(part) for part in parts if part]
    if len(items) < 2 or not all(items):
        return match.group(0)
    first = items[0]
    if first.group("marker") and all(item.group("marker") for item in items):
        body = "".join(
            f'<li><span class="list-marker">{item.group("marker")}</span> {item.group("text")}</li>' for item in items
        )
        inner = f'<ol class="marked-list">{body}</ol>'
    elif first.group("number") and all(item.group("number") for item in items):
        body = "".join(f"<li>{item.group('text')}</li>" for item in items)
        start = int(first.group("number"))
        inner = f'<ol start="{start}">{body}</ol>' if start != 1 else f"<ol>{body}</ol>"
    elif all(item.group("bullet") for item in items):
        inner = "<ul>" + "".join(f"<li>{item.group('text')}</li>" for item in items) + "</ul>"
    else:
        return match.group(0)
    return f"<{match.group('tag')}{match.group('attrs')}>{inner}</{match.group('tag')}>"


class _CellListPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return CELL.sub(_cell_list, text)


class MarkedListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Before Markdown's own ordered lists (priority 40), after code blocks and headings.
        md.parser.blockprocessors.register(MarkedListProcessor(md.parser), "marked_list", 45)
        md.treeprocessors.register(_RenameMarkedLists(md), "marked_list_rename", 1)
        # After raw HTML (the <br> in a cell) is put back, at priority 30.
        md.postprocessors.register(_CellListPostprocessor(md), "cell_lists", 5)


_local = threading.local()
# Rendered HTML by source text: rendering is a pure function of the text, so an entry never goes
# stale. Bounded by the characters held, least recently used first out.
_MEMO_CHARS = 4_000_000
_memo: OrderedDict[str, SafeString] = OrderedDict()
_memo_chars = 0
_memo_lock = threading.Lock()


def _converter() -> markdown_lib.Markdown:
    """Return this thread's Markdown instance: building one (its extensions) costs far more than a conversion."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown_lib.Markdown(
            extensions=["extra", "sane_lists", MarkedListExtension()], output_format="html"
        )
    return md


def _render(text: str) -> SafeString:
    md = _converter()
    md.reset()  # a document's references, footnotes and stashed HTML must not leak into the next
    html = md.convert(_separate_pasted_lists(text))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)


def render_markdown(text: str) -> SafeString:
    """Return safe HTML for user Markdown: scripts, styles and handlers removed.

    The same text is rendered once per process (pages render the same findings, sections and
    papers on every request).
    """
    global _memo_chars
    text = (text or "").replace("\r\n", "\n")
    with _memo_lock:
        html = _memo.get(text)
        if html is not None:
            _memo.move_to_end(text)
            return html
    html = _render(text)
    size = len(text) + len(html)
    if size <= _MEMO_CHARS // 8:
        with _memo_lock:
            if text not in _memo:
                _memo[text] = html
                _memo_chars += size
                while _memo_chars > _MEMO_CHARS:
                    old_text, old_html = _memo.popitem(last=False)
                    _memo_chars -= len(old_text) + len(old_html)
    return html


def sanitise_html(html: str) -> str:
    """Return user HTML with only the allowed tags and attributes kept."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES)
