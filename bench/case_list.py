"""Case list: server time of the whole view under typical filters, next to a raw-SQL baseline."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")
os.environ.setdefault("DEBUG", "false")  # as in production: cached templates, no query log

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from sankofa.access.models import Membership, Office, Organisation, Role  # noqa: E402
from sankofa.cases.models import Case  # noqa: E402
from sankofa.core.models import Country  # noqa: E402
from sankofa.people import names  # noqa: E402
from sankofa.people.models import Person  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm caches once
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def bench_user():
    org, _ = Organisation.objects.get_or_create(name="Bench", defaults={"kind": Organisation.Kind.IOM})
    region, _ = Office.objects.get_or_create(
        code="RO-BENCH",
        defaults={
            "organisation": org,
            "name": "Bench region",
            "country": Country.objects.get(iso3="SEN"),
            "kind": Office.Kind.REGIONAL,
        },
    )
    region.covers.set(Office.objects.exclude(pk=region.pk))
    user, _ = get_user_model().objects.get_or_create(username="bench.regional")
    Membership.objects.get_or_create(
        user=user, office=region, role=Role.ME_OFFICER, defaults={"sensitive_access": True}
    )
    return user


def raw(sql: str, params: list):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    have = Person.objects.count()
    if have < args.people:
        call_command("seed", people=args.people - have, seed=args.seed + have)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = bench_user()
    client = Client()
    client.force_login(user)
    settings.ALLOWED_HOSTS.append("testserver")
    cases = Case.objects.count()
    sample = Case.objects.select_related("principal").order_by("-id")[cases // 2]
    middle_id = sample.pk
    print(
        f"{connection.vendor}: {Person.objects.count():,} people, {cases:,} cases; view p50/p95 vs raw SQL p50/p95 (ms)"
    )

    phone = Person.objects.exclude(phone="").order_by("pk").values_list("phone", flat=True)[1000]

    def name_scenario(label: str, text: str):
        """Baseline: the same whole-word key intersection written by hand."""
        words = names.tokens(text)
        joins = " AND ".join(
            f"EXISTS (SELECT 1 FROM people_personnametoken t{i} WHERE t{i}.person_id = m.person_id AND t{i}.key = %s)"
            for i in range(len(words))
        )
        sql = (
            base
            + f" WHERE c.id IN (SELECT m.case_id FROM cases_casemember m WHERE {joins}) ORDER BY c.id DESC LIMIT 26"
        )
        return label, f"q={quote(text)}", sql, [names.sound_key(w) for w in words]

    base = (
        "SELECT c.id, c.number, p.given_name FROM cases_case c JOIN people_person p ON p.id = c.principal_id"
    )
    scenarios = [
        ("first page", "", base + " ORDER BY c.id DESC LIMIT 26", []),
        (
            "page deep in the list",
            f"before={middle_id}",
            base + " WHERE c.id < %s ORDER BY c.id DESC LIMIT 26",
            [middle_id],
        ),
        (
            "status open + nationality GIN",
            "status=open&nationality=GIN",
            base + " WHERE c.status = 'open' AND p.nationality_id = 'GIN' ORDER BY c.id DESC LIMIT 26",
            [],
        ),
        (
            "flag: unaccompanied child",
            "flag=uasc",
            base
            + " WHERE EXISTS (SELECT 1 FROM cases_vulnerabilityflag f WHERE f.case_id = c.id AND f.kind = 'uasc')"
            " ORDER BY c.id DESC LIMIT 26",
            [],
        ),
        ("case number", f"q={sample.number}", base + " WHERE c.number = %s", [sample.number]),
        name_scenario("common name, misspelt", "mamadoa diallo"),
        name_scenario("rarer name, misspelt", "chukwuemeka okafor"),
        name_scenario("name found nowhere", "zzzz qqqq"),
        (
            "phone number",
            f"q={quote(phone)}",
            base + " WHERE c.id IN (SELECT m.case_id FROM cases_casemember m JOIN people_person p2"
            " ON p2.id = m.person_id WHERE p2.phone_normalised = %s) ORDER BY c.id DESC LIMIT 26",
            [names.normalise_phone(phone)],
        ),
    ]
    for label, query, sql, params in scenarios:
        view = timed(lambda q=query: client.get(f"/cases/?{q}"), args.repeat)
        baseline = timed(raw(sql, params), args.repeat)
        print(
            f"  {label:32s} view {view[0]:7.1f} / {view[1]:7.1f}   raw SQL {baseline[0]:7.1f} / {baseline[1]:7.1f}"
        )


if __name__ == "__main__":
    main()
