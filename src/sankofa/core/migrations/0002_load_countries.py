from django.db import migrations


def load(apps, schema_editor):
    from sankofa.core.geography import countries_sync

    countries_sync(apps.get_model("core", "Country"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
