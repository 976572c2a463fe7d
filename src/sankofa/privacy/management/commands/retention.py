"""Retention from cron: `--propose` records what is due for a data-protection focal point to
approve, `--execute` carries out the approved run (nothing without approval), `--daily` does both
(execute, then propose), `--dry-run` prints the report and writes nothing. Counts and case numbers
only, no personal data."""

import json

from django.core.management.base import BaseCommand, CommandError

from sankofa.privacy.models import RetentionRun
from sankofa.privacy.services import retention_daily, retention_dry_run, retention_execute, retention_propose


class Command(BaseCommand):
    help = "Propose, execute (once approved) or preview the retention run."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--propose", action="store_true")
        group.add_argument("--execute", action="store_true")
        group.add_argument("--daily", action="store_true")
        group.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write(json.dumps(retention_dry_run(), indent=1))
        elif options["propose"]:
            run = retention_propose()
            self.stdout.write(f"proposed run {run.pk}: {json.dumps(_summary(run.report))}")
        elif options["execute"]:
            run = RetentionRun.objects.filter(status=RetentionRun.Status.APPROVED).order_by("-id").first()
            if run is None:
                self.stdout.write("no approved retention run")
                return
            try:
                run = retention_execute(run=run)
            except Exception as error:  # noqa: BLE001
                raise CommandError(str(error)) from error
            self.stdout.write(f"executed run {run.pk}: {json.dumps(_summary(run.result))}")
        else:
            self.stdout.write(json.dumps(retention_daily()))


def _summary(report: dict) -> dict:
    return {k: {n: v for n, v in part.items() if n != "numbers"} for k, part in report.items()}
