"""The database table of the "figures" cache (settings.CACHES), so that `migrate` is all a new
installation needs. Does nothing when FIGURES_CACHE_URL names another backend (e.g. Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_indicator_facts")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
