"""`sankofa seed --people N --seed S`: generated people and cases for demos, tests and benchmarks."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sankofa.demo.generator import CHUNK_PEOPLE, anchor_date
from sankofa.demo.loader import SeedResult, seed_caseload
from sankofa.demo.services import offices_ensure


class Command(BaseCommand):
    help = (
        "Generate N people in cases, deterministically: the same --people and --seed give the same data. "
        "Creates the demo organisations and offices if absent. Running it again adds more cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, required=True, help="How many people to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--chunk",
            type=int,
            default=CHUNK_PEOPLE,
            help=f"People per transaction (default {CHUNK_PEOPLE}).",
        )
        parser.add_argument(
            "--single-thread",
            action="store_true",
            help="Generate and write in turn (by default a child process generates while this one writes).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even with SANKOFA_ENV=prod (never on real data).",
        )

    def handle(self, *args, people, seed, chunk, single_thread, allow_production, **options):
        if people < 1 or chunk < 1:
            raise CommandError("--people and --chunk must be positive.")
        if getattr(settings, "PRODUCTION", False) and not allow_production:
            raise CommandError("Refusing to put generated people into a production database.")
        offices_ensure()
        self.stdout.write(
            f"Seeding {people:,} people with seed {seed} (registrations up to {anchor_date(seed)})"
        )
        result = seed_caseload(
            people=people,
            seed=seed,
            chunk_people=chunk,
            progress=self.progress,
            background=False if single_thread else None,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.people:,} people in {result.cases:,} cases "
                f"({result.duplicates:,} seeded duplicates), "
                f"cases {result.first_number} … {result.last_number}, "
                f"{result.seconds:.1f} s, {result.rate:,.0f} people/s"
            )
        )

    def progress(self, result: SeedResult) -> None:
        self.stdout.write(
            f"  {result.people:>10,} people  {result.cases:>9,} cases  {result.seconds:7.1f} s  "
            f"{result.rate:>8,.0f} people/s"
        )
