"""`sankofa schedule_surveys`: schedule the sustainability surveys of every arrival lacking them."""

from django.core.management.base import BaseCommand

from sankofa.reintegration.services import surveys_schedule_missing


class Command(BaseCommand):
    help = "Schedule baseline and follow-up surveys for every returnee whose arrival has none (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{surveys_schedule_missing()} survey(s) scheduled.")
