"""Markdown from users, rendered and then sanitised.

Beyond Markdown's own lists, a list keeps its markers as the author wrote them:
lines starting "(a)", "a)", "a.", "(i)", "i)", "(1)" or "1)" become one list
whose items show those markers, on the page and in the PDF alike. Lines pasted
one under another stay separate items, and items split by blank lines stay in
one list. An item's own lines may be indented under it; a marked list indented
under an item is nested in it.
"""

import re
import xml.etree.ElementTree as etree

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
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


class MarkedListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Before Markdown's own ordered lists (priority 40), after code blocks and headings.
        md.parser.blockprocessors.register(MarkedListProcessor(md.parser), "marked_list", 45)
        md.treeprocessors.register(_RenameMarkedLists(md), "marked_list_rename", 1)


def render_markdown(text: str) -> SafeString:
    """Return safe HTML for user Markdown: scripts, styles and handlers removed."""
    html = markdown_lib.markdown(
        text or "", extensions=["extra", "sane_lists", MarkedListExtension()], output_format="html"
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)


def sanitise_html(html: str) -> str:
    """Return user HTML with only the allowed tags and attributes kept."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES)
