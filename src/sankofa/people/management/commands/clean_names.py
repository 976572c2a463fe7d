"""Apply core.text.clean_text to names stored before the rule (bidi overrides, zero-width and
control characters): people, aliases and document numbers. Changed people go through
people.services.person_update, so their search forms are rebuilt. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from sankofa.core.text import clean_text
from sankofa.people import names
from sankofa.people.models import IdentityDocument, Person, PersonAlias
from sankofa.people.services import TEXT_FIELDS, person_reindex, person_update


class Command(BaseCommand):
    help = "Remove spoofing and invisible characters from names stored before the cleaning rule."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        people = 0
        for row in Person.objects.values("pk", *TEXT_FIELDS).iterator(chunk_size=5000):
            changed = {f: clean_text(row[f]) for f in TEXT_FIELDS if row[f] and clean_text(row[f]) != row[f]}
            if changed:
                people += 1
                if not dry_run:
                    with transaction.atomic():
                        person_update(person=Person.objects.select_for_update().get(pk=row["pk"]), **changed)
        aliases = 0
        for alias in PersonAlias.objects.iterator(chunk_size=5000):
            if clean_text(alias.name) != alias.name:
                aliases += 1
                if not dry_run:
                    with transaction.atomic():
                        alias.name = clean_text(alias.name)
                        alias.save(update_fields=["name"])
                        person_reindex(person=alias.person)
        documents = 0
        for document in IdentityDocument.objects.iterator(chunk_size=5000):
            if clean_text(document.number) != document.number:
                documents += 1
                if not dry_run:
                    document.number = clean_text(document.number)
                    document.number_normalised = names.normalise_document_number(document.number)
                    document.save(update_fields=["number", "number_normalised"])
        verb = "would be cleaned" if dry_run else "cleaned"
        self.stdout.write(f"{people} people, {aliases} aliases, {documents} document numbers {verb}.")
