"""Referral pages at volume: server time of the insight, overdue, referral-list and portal views.

Needs a database prepared by `sankofa demo` (demo users, providers, cases); adds generated
referrals (bulk rows, bench only: no services, no audit) until there are --referrals of them."""

import argparse
import datetime
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

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from sankofa.assistance.models import Service  # noqa: E402
from sankofa.cases.models import Case  # noqa: E402
from sankofa.referrals.models import RESPONSE_TIME, Pathway, Provider, Referral  # noqa: E402

S = Referral.Status
# (status, weight, steps reached)
LIFE = [
    (S.SENT, 10, 0),
    (S.ACKNOWLEDGED, 8, 1),
    (S.ACCEPTED, 10, 2),
    (S.IN_PROGRESS, 12, 3),
    (S.COMPLETED, 40, 4),
    (S.DECLINED, 10, 2),
    (S.CLOSED, 5, 4),
    (S.REVOKED, 5, 0),
]


@transaction.atomic
def generate(total: int, seed: int) -> int:
    missing = total - Referral.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed)
    cases = list(Case.objects.values_list("pk", "owning_office_id", "principal_id"))
    providers = list(Provider.objects.values_list("pk", flat=True))
    services = list(Service.objects.values_list("pk", flat=True))
    pathways = [None, *Pathway.objects.values_list("pk", flat=True)]
    now = timezone.now()
    rows = []
    for _ in range(missing):
        case_id, office_id, person_id = rng.choice(cases)
        status, _w, steps = rng.choices(LIFE, weights=[w for _s, w, _n in LIFE])[0]
        priority = rng.choice(["emergency", "urgent", "normal", "normal"])
        sent = now - datetime.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        hours = [rng.uniform(1, 200) for _ in range(4)]
        at = [sent + datetime.timedelta(hours=sum(hours[: i + 1])) for i in range(4)]
        rows.append(
            Referral(
                case_id=case_id,
                office_id=office_id,
                provider_id=rng.choice(providers),
                service_id=rng.choice(services),
                pathway_id=rng.choice(pathways),
                reason="bench",
                priority=priority,
                shared_fields=["name"],
                status=status,
                sent_at=sent,
                due_at=sent + RESPONSE_TIME[priority],
                acknowledged_at=at[0] if steps >= 1 else None,
                answered_at=at[1] if steps >= 2 else None,
                started_at=at[2] if steps >= 3 and status != S.DECLINED else None,
                finished_at=at[3] if steps >= 4 else None,
                decline_reason=rng.choice(["capacity", "eligibility", "area"])
                if status == S.DECLINED
                else "",
            )
        )
    created = Referral.objects.bulk_create(rows, batch_size=2000)
    Through = Referral.people.through
    cases_by_id = {c[0]: c[2] for c in cases}
    people = [Through(referral_id=r.pk, person_id=cases_by_id[r.case_id]) for r in created]
    Through.objects.bulk_create(people, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as after a real day's work
    return missing


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--referrals", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    added = generate(args.referrals, args.seed)
    print(f"{Referral.objects.count():,} referrals ({added:,} added)")
    User = get_user_model()
    print(f"{'view':<40} {'p50 ms':>8} {'p95 ms':>8}")
    for username, url in [
        ("me.regional", "/referrals/insight/"),
        ("me.regional", "/referrals/overdue/"),
        ("me.regional", "/referrals/"),
        ("supervisor.ner", "/referrals/?status=sent"),
        ("partner.ngo", "/referrals/portal/"),
    ]:
        client = Client()
        client.force_login(User.objects.get(username=username))

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        p50, p95 = timed(get, args.repeat)
        print(f"{username + ' ' + url:<40} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
