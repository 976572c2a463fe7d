"""django-rest-knox's own migrations create `knox_authtoken` although tokens live in our
`access.ApiToken` (KNOX_TOKEN_MODEL). The empty table is never used, and its foreign key to the
users table stopped PostgreSQL from truncating users (test flushes, `sankofa flush`): it goes."""

from django.db import migrations


def drop_knox_table(apps, schema_editor):
    table = "knox_authtoken"
    if table in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0004_audit_redaction"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(drop_knox_table, migrations.RunPython.noop)]
