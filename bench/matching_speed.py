"""Duplicate detection speed: the registration-time lookup (p50/p95, with and without scoping) next to
a raw pg_trgm query, and the batch job's time, on the people already in DATABASE_URL.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sankofa_bench
    .venv/bin/sankofa seed --people 100000 --seed 1
    .venv/bin/python bench/matching_speed.py --probes 200 [--no-batch]

Probes are the seeded near-duplicates (their names, dates, phones and documents as typed the second
time); a probe counts as a hit when the first registration is among the candidates.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from sankofa.cases.selectors import candidate_person_id, registration_candidates  # noqa: E402
from sankofa.demo.models import SeededDuplicate  # noqa: E402
from sankofa.people import linkage, matching  # noqa: E402
from sankofa.people.models import Person  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def bench_user():
    """The case-list bench's regional user, also supervisor there: sees (and may register) everywhere."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from case_list import bench_user as make

    from sankofa.access.models import Membership, Office, Role

    user = make()
    Membership.objects.get_or_create(
        user=user, office=Office.objects.get(code="RO-BENCH"), role=Role.SUPERVISOR
    )
    return user


def bench_caseworker():
    """A caseworker of one field office (the one with the most cases): what the registration page
    gets for most users, most candidates then being "registered at office X"."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from sankofa.access.models import Membership, Office, Role
    from sankofa.cases.models import Case

    busiest = (
        Case.objects.values("owning_office_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["owning_office_id"]
    )
    user, _ = get_user_model().objects.get_or_create(username="bench.caseworker")
    Membership.objects.get_or_create(user=user, office=Office.objects.get(pk=busiest), role=Role.CASEWORKER)
    return user


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--no-batch", action="store_true")
    parser.add_argument("--no-lookup", action="store_true")
    args = parser.parse_args()
    people = Person.objects.count()
    print(f"{people:,} people, {connection.vendor}, trigram: {matching.trigram_available()}, load {load()}")
    pairs = list(SeededDuplicate.objects.values_list("original_id", "duplicate_id"))
    random.Random(1).shuffle(pairs)
    pairs = pairs[: args.probes]
    probes = []
    for original, duplicate in pairs:
        (record,) = matching.records_of([duplicate])
        record.person_id = None
        probes.append((original, duplicate, record))
    regional, caseworker = bench_user(), bench_caseworker()

    def timed(fn):
        fn(probes[0][2])
        samples, hits = [], 0
        for original, _duplicate, probe in probes:
            start = time.perf_counter()
            found = fn(probe)
            samples.append((time.perf_counter() - start) * 1000)
            hits += original in found
        return percentiles(samples), hits

    def lookup(probe):
        return {s.person_id for s in matching.candidates(probe)}

    def scoped(user):
        """Every candidate counts, shown with data or only as "registered at office X"."""

        def lookup(probe):
            return {candidate_person_id(c.token) for c in registration_candidates(actor=user, probe=probe)}

        return lookup

    def raw_trigram(probe):
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [matching.TRIGRAM_THRESHOLD])
            cursor.execute(
                "SELECT id FROM people_person WHERE name_folded %% %s ORDER BY similarity(name_folded, %s) DESC "
                "LIMIT 10",
                [probe.folded, probe.folded],
            )
            return {row[0] for row in cursor.fetchall()}

    rows = [
        ("lookup (retrieve + score)", lookup),
        ("through the scoped selector, office caseworker", scoped(caseworker)),
        ("through the scoped selector, regional supervisor", scoped(regional)),
    ]
    if matching.trigram_available():
        rows.append(("raw SQL pg_trgm, top 10 by similarity", raw_trigram))
    print("| query | p50 (ms) | p95 (ms) | first registration found | load before / after |")
    print("|---|---|---|---|---|")
    for label, fn in [] if args.no_lookup else rows:
        before = load()
        (p50, p95), hits = timed(fn)
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {hits}/{len(probes)} | {before} / {load()} |")
    if args.no_batch:
        return
    print(f"batch: load {load()}")
    start = time.perf_counter()
    data = list(linkage.rows_from_database())
    loaded = time.perf_counter() - start
    stages = {}

    def progress(percent, stage):
        stages[stage] = time.perf_counter()

    result = linkage.link(data, threshold=matching.REVIEW_AT, progress=progress)
    total = time.perf_counter() - start
    truth = {
        matching.pair_key(a, b) for a, b in SeededDuplicate.objects.values_list("original_id", "duplicate_id")
    }
    found = {matching.pair_key(a, b) for a, b, *_ in result.pairs}
    print(
        f"batch: {len(data):,} people, read from the database {loaded:.1f} s, total {total:.1f} s "
        f"(stages at: {', '.join(f'{k} {v - start:.0f}s' for k, v in stages.items())}), "
        f"{len(found):,} pairs ≥ {matching.REVIEW_AT}, precision {len(found & truth) / max(1, len(found)):.3f}, "
        f"recall {len(found & truth) / max(1, len(truth)):.3f}, "
        f"load {load()}"
    )


if __name__ == "__main__":
    main()
