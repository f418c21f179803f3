"""Put the articles of existing bulletins into named sections.

Until now a bulletin printed its guest articles (those with an author) first
and then its other articles under "News and notes". Each bulletin gets those
two sections, in that order, holding the same articles: nothing moves.
"""

from django.db import migrations


def articles_into_sections(apps, schema_editor):
    Bulletin = apps.get_model("partners", "Bulletin")
    BulletinSection = apps.get_model("partners", "BulletinSection")
    BulletinArticle = apps.get_model("partners", "BulletinArticle")
    for bulletin in Bulletin.objects.filter(articles__isnull=False, sections__isnull=True).distinct():
        articles = BulletinArticle.objects.filter(bulletin=bulletin, section__isnull=True)
        guests = articles.exclude(author_name="")
        notes = articles.filter(author_name="")
        position = 0
        for heading, group in (("Guest articles", guests), ("News and notes", notes)):
            if not group.exists():
                continue
            position += 1
            section = BulletinSection.objects.create(bulletin=bulletin, position=position, heading=heading)
            group.update(section=section)


def sections_back_to_articles(apps, schema_editor):
    BulletinSection = apps.get_model("partners", "BulletinSection")
    BulletinSection.objects.filter(heading__in=["Guest articles", "News and notes"], body="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_bulletin_sections_labels_publishers"),
    ]

    operations = [
        migrations.RunPython(articles_into_sections, sections_back_to_articles),
    ]
