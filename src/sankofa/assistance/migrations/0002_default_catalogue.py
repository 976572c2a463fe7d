from django.db import migrations


def load(apps, schema_editor):
    from sankofa.assistance.catalogue import catalogue_load

    catalogue_load(apps.get_model("assistance", "Service"))


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
