"""`sankofa load_scoring_scheme FILE [--activate]`: a scoring scheme file becomes a new version."""

from django.core.management.base import BaseCommand, CommandError

from sankofa.reintegration.scheme_files import SchemeFileError, read_scheme_file
from sankofa.reintegration.services import scheme_load


class Command(BaseCommand):
    help = (
        "Load a sustainability scoring scheme (YAML, see docs/sustainability.md) as a NEW version of its "
        "code; existing versions and the surveys scored with them are never changed. --activate makes it "
        "the version new surveys are scored with."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--activate", action="store_true", help="Score new surveys with this version.")

    def handle(self, *args, file, activate, **options):
        try:
            parsed = read_scheme_file(file)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except SchemeFileError as exc:
            raise CommandError(
                f"{file}: not loaded, {len(exc.errors)} problem(s):\n"
                + "\n".join(f"  {file}: {e}" for e in exc.errors)
            ) from None
        scheme = scheme_load(parsed=parsed, source=str(file), activate=activate)
        questions = len(parsed.questions)
        state = "active" if scheme.is_active else "not active (use --activate)"
        self.stdout.write(f"Loaded {scheme} ({questions} questions), {state}.")
