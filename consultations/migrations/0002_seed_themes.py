from django.db import migrations


def seed_themes(apps, schema_editor):
    from consultations.themes import SEED_THEMES

    Theme = apps.get_model("consultations", "Theme")
    for position, (group, name, key) in enumerate(SEED_THEMES, start=1):
        Theme.objects.update_or_create(key=key, defaults={"group": group, "name": name, "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]
