"""Read a recommendations register from a Word document (via pcc_portal.core.docx_import).

Each list item or numbered paragraph becomes a recommendation, labelled with
the marker its author wrote ("(a)" → a, "3." → 3); an item indented under
another becomes its sub-point; a heading groups the recommendations under it.
Text before the first recommendation is the panel's comments; a paragraph
after a recommendation continues it.
"""

import re
from dataclasses import dataclass, field

from pcc_portal.core.markdown import MARKED_LINE

BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<text>\S.*)$")
ORDERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d+)\.[ \t]+(?P<text>\S.*)$")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class ImportedRecommendation:
    label: str
    text: str
    heading: str = ""
    sub_points: list["ImportedRecommendation"] = field(default_factory=list)


@dataclass
class ImportedRegister:
    comments: str
    recommendations: list[ImportedRecommendation]


def _item(line: str) -> tuple[int, str, str] | None:
    """Return (indent, label, text) if the line is a list item or a numbered paragraph."""
    for pattern in (MARKED_LINE, ORDERED, BULLET):
        match = pattern.match(line)
        if match:
            indent = len(match.group("indent").expandtabs(4))
            marker = match.groupdict().get("marker") or match.groupdict().get("number") or ""
            return indent, marker.strip("().").strip(), match.group("text").strip()
    return None


def register_from_sections(sections) -> ImportedRegister:
    """Turn a WordDocument's sections into the panel's comments and its recommendations, in order."""
    comments: list[str] = []
    recommendations: list[ImportedRecommendation] = []
    for section in sections:
        group_heading = section.heading  # given to the section's first recommendation
        heading_in_comments = False
        current: ImportedRecommendation | None = None
        paragraph: list[str] = []
        for line in [*section.markdown.splitlines(), ""]:
            found = _item(line)
            if found is None and line.strip():
                paragraph.append(line.strip())
                continue
            text = " ".join(paragraph)
            paragraph.clear()
            if text and current is not None:
                current.text = f"{current.text}\n\n{text}"
            elif text:
                if section.heading and not heading_in_comments:
                    comments.append(f"## {section.heading}")
                    heading_in_comments = True
                comments.append(text)
            if found is None:
                continue
            indent, label, text = found
            parent = recommendations[-1] if indent >= 2 and recommendations else None
            if parent is not None:
                current = ImportedRecommendation(label=label or LETTERS[len(parent.sub_points) % 26], text=text)
                parent.sub_points.append(current)
                continue
            current = ImportedRecommendation(
                label=label or LETTERS[len(recommendations) % 26], text=text, heading=group_heading
            )
            group_heading = ""
            recommendations.append(current)
        if current is None and section.heading and not heading_in_comments:
            comments.append(f"## {section.heading}")
    return ImportedRegister(comments="\n\n".join(comments), recommendations=recommendations)
