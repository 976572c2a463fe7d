"""The database table of the "default" cache (settings.CACHES): sign-in rate limits and API
throttling count there, shared by every web process. Does nothing when CACHE_URL names another
backend (e.g. Redis); createcachetable skips tables that exist."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_load_countries")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
