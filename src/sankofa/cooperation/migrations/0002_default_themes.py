from django.db import migrations


def load(apps, schema_editor):
    from sankofa.cooperation.themes import themes_load

    themes_load(apps.get_model("cooperation", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
