"""Agenda reports take the author's structure: free section headings, optional numbering and header fields.

The fixed sections ("Purpose of Report", "Recommendation", "Background") become
section headings on the first paragraph of each section, and each paragraph's
list and text after it become Markdown in its text, with the markers the page
showed ("a." for a lettered list, "-" for bullets). The paragraph number
becomes its position; printed numbers now follow from the order.
"""

from django.db import migrations, models

SECTION_HEADINGS = {"purpose": "Purpose of Report", "recommendation": "Recommendation", "background": "Background"}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _markdown(paragraph) -> str:
    """Fold a paragraph's list and its text after the list into one Markdown text."""
    items = [line.strip() for line in paragraph.list_items.splitlines() if line.strip()]
    parts = [paragraph.text.strip()]
    if items and paragraph.list_style == "lettered":
        # Beyond z the marker takes two letters in brackets, which the renderer also keeps.
        parts.append(
            "\n".join(
                f"{LETTERS[i]}. {item}" if i < 26 else f"({LETTERS[i // 26 - 1]}{LETTERS[i % 26]}) {item}"
                for i, item in enumerate(items)
            )
        )
    elif items:
        parts.append("\n".join(f"- {item}" for item in items))
    if paragraph.text_after_list.strip():
        parts.append(paragraph.text_after_list.strip())
    return "\n\n".join(part for part in parts if part)


def fixed_sections_to_free_structure(apps, schema_editor):
    ReportParagraph = apps.get_model("panels", "ReportParagraph")
    previous_report, previous_section = None, None
    for paragraph in ReportParagraph.objects.order_by("report_id", "number").iterator():
        if paragraph.report_id != previous_report:
            previous_report, previous_section = paragraph.report_id, None
        if paragraph.section != previous_section:
            paragraph.section_heading = SECTION_HEADINGS.get(paragraph.section, paragraph.section)
            previous_section = paragraph.section
        paragraph.text = _markdown(paragraph)
        paragraph.save(update_fields=["section_heading", "text"])


def free_structure_to_fixed_sections(apps, schema_editor):
    """Going back keeps every word: each paragraph's Markdown stays in its text, under "Background"."""
    ReportParagraph = apps.get_model("panels", "ReportParagraph")
    names = {label: key for key, label in SECTION_HEADINGS.items()}
    section = "background"
    for paragraph in ReportParagraph.objects.order_by("report_id", "number").iterator():
        if paragraph.section_heading:
            section = names.get(paragraph.section_heading, "background")
        paragraph.section = section
        paragraph.save(update_fields=["section"])


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0004_recommendation_tracker"),
    ]

    operations = [
        # 1. New fields, and the old header fields made optional.
        migrations.AddField(
            model_name="agendareport",
            name="paragraph_numbering",
            field=models.CharField(
                choices=[
                    ("continuous", "Numbered through the report (1, 2, 3)"),
                    ("by_section", "Numbered within each section (1.1, 1.2, 2.1)"),
                    ("none", "Not numbered"),
                ],
                default="continuous",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="historicalagendareport",
            name="paragraph_numbering",
            field=models.CharField(
                choices=[
                    ("continuous", "Numbered through the report (1, 2, 3)"),
                    ("by_section", "Numbered within each section (1.1, 1.2, 2.1)"),
                    ("none", "Not numbered"),
                ],
                default="continuous",
                max_length=12,
            ),
        ),
        *[
            migrations.AlterField(model_name=model, name=name, field=field)
            for model in ("agendareport", "historicalagendareport")
            for name, field in [
                ("report_of", models.CharField(blank=True, max_length=200)),
                ("report_date", models.DateField(blank=True, null=True)),
                ("author", models.CharField(blank=True, max_length=200)),
            ]
        ],
        *[
            migrations.AddField(
                model_name=model,
                name="section_heading",
                field=models.CharField(
                    blank=True,
                    help_text="Starts a new section with this heading, such as “Background”.",
                    max_length=200,
                ),
            )
            for model in ("reportparagraph", "historicalreportparagraph")
        ],
        *[
            migrations.AlterField(model_name=model, name="text", field=models.TextField(blank=True))
            for model in ("reportparagraph", "historicalreportparagraph")
        ],
        # 2. The data: fixed sections and lists become headings and Markdown.
        migrations.RunPython(fixed_sections_to_free_structure, free_structure_to_fixed_sections),
        # 3. The old fields go; the number becomes the position.
        migrations.RemoveConstraint(model_name="reportparagraph", name="unique_report_paragraph_number"),
        *[
            migrations.RenameField(model_name=model, old_name="number", new_name="position")
            for model in ("reportparagraph", "historicalreportparagraph")
        ],
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("reportparagraph", "historicalreportparagraph")
            for name in ("section", "list_style", "list_items", "text_after_list")
        ],
        migrations.AlterModelOptions(name="reportparagraph", options={"ordering": ["report", "position"]}),
        migrations.AddConstraint(
            model_name="reportparagraph",
            constraint=models.UniqueConstraint(fields=("report", "position"), name="unique_report_paragraph_position"),
        ),
    ]
