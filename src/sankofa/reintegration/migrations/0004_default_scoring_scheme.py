"""Load the default sustainability scoring scheme (reintegration/data/default_scheme.yaml, equal
weights) as version 1 of `sankofa-default`, active. Organisations load their official weights as a
new version with `sankofa load_scoring_scheme` (docs/sustainability.md)."""

from types import SimpleNamespace

from django.db import migrations

NAMES = ("ScoringScheme", "SchemeBand", "SchemeDimension", "SchemeQuestion", "SchemeOption")


def load(apps, schema_editor):
    from sankofa.reintegration.scheme_files import DEFAULT_FILE, read_scheme_file, scheme_store

    models = SimpleNamespace(**{name: apps.get_model("reintegration", name) for name in NAMES})
    parsed = read_scheme_file(DEFAULT_FILE)
    if models.ScoringScheme.objects.filter(code=parsed.code).exists():
        return
    scheme = scheme_store(parsed, models=models, version=1, source="reintegration/data/default_scheme.yaml")
    if not models.ScoringScheme.objects.filter(is_active=True).exists():
        scheme.is_active = True
        scheme.save(update_fields=["is_active"])


class Migration(migrations.Migration):
    dependencies = [("reintegration", "0003_surveys")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
