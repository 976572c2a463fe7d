"""`sankofa purge_exports`: delete the files of expired exports (run daily, from cron or the scheduler)."""

from django.core.management.base import BaseCommand

from sankofa.reports.services import exports_purge_expired


class Command(BaseCommand):
    help = "Delete the files of expired exports (case lists with personal data)."

    def handle(self, *args, **options):
        self.stdout.write(f"{exports_purge_expired()} expired export file(s) deleted.")
