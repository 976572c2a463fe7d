"""Trigram indexes for the registration-time duplicate check, on PostgreSQL only.

SQLite has no pg_trgm: there the check relies on the sound-key index alone (see docs/matching.md).
Creating the extension needs the right to do so; without it the check still works, only without
the trigram retrieval (`people.matching.trigram_available` looks before using it).
"""

from django.db import migrations

INDEX = "people_person_name_folded_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (name_folded gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_matching")]

    operations = [migrations.RunPython(create, drop)]
