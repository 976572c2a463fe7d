"""`sankofa refresh_indicator_facts [--full]`: bring the indicator fact table up to date."""

from django.core.management.base import BaseCommand

from sankofa.reports.services import indicator_facts_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the indicator fact table for the cases changed since the last run (the whole table the "
        "first time), or entirely with --full. Dashboards, exports and the indicator API count from it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Rebuild the whole table.")

    def handle(self, *args, full, **options):
        result = indicator_facts_refresh(full=full)
        if result.full:
            self.stdout.write(f"Rebuilt the indicator facts: {result.rows:,} rows in {result.seconds:.1f} s.")
        else:
            self.stdout.write(f"Refreshed {result.cases:,} changed cases in {result.seconds:.1f} s.")
