"""Audit chain: time `audit_verify` over N chained entries (audit trail + access log), next to the
cost of sealing one entry as it is written and of sealing in bulk."""

import argparse
import datetime
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")
os.environ.setdefault("DEBUG", "false")  # as in production: no query log

import django  # noqa: E402

django.setup()

from auditlog.models import LogEntry  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from sankofa.access import audit_chain  # noqa: E402
from sankofa.cases.models import Case, CaseAccess  # noqa: E402

BATCH = 5000


def seed_entries(audit: int, access: int) -> None:
    """Bulk rows shaped like real ones (a status change with its diff; an opening of a case file),
    sealed afterwards by seal_unsealed, as the migration seals entries older than the chain."""
    if not Case.objects.exists():
        call_command("seed", people=200, seed=1)
    user = get_user_model().objects.order_by("pk").first() or get_user_model().objects.create(
        username="bench"
    )
    cases = list(Case.objects.values_list("pk", "number")[:1000])
    case_type = ContentType.objects.get_for_model(Case)
    start = timezone.now() - datetime.timedelta(days=365)
    have = LogEntry.objects.count()
    for first in range(have, audit, BATCH):
        rows = []
        for i in range(first, min(audit, first + BATCH)):
            pk, number = cases[i % len(cases)]
            rows.append(
                LogEntry(
                    content_type=case_type,
                    object_pk=str(pk),
                    object_id=pk,
                    object_repr=number,
                    action=LogEntry.Action.UPDATE,
                    changes={"status": ["open", "on_hold"], "version": [str(i), str(i + 1)]},
                    changes_text="",
                    actor_id=user.pk,
                    remote_addr="10.0.0.1",
                    timestamp=start + datetime.timedelta(seconds=i * 30),
                )
            )
        LogEntry.objects.bulk_create(rows)
    have = CaseAccess.objects.count()
    for first in range(have, access, BATCH):
        CaseAccess.objects.bulk_create(
            CaseAccess(
                case_id=cases[i % len(cases)][0], user_id=user.pk, channel="web", sensitive_shown=i % 3 == 0
            )
            for i in range(first, min(access, first + BATCH))
        )


def _writer(job: tuple[int, int, int, int, bool]) -> int:
    """One of several processes: opens case files and writes audit entries, each in its own
    transaction, as web processes and workers do at the same time."""
    count, case_id, user_id, content_type_id, sealed = job
    if not sealed:  # the baseline: the same writes without their seals
        from django.db.models.signals import post_save

        for chain in audit_chain.chains():
            post_save.disconnect(sender=chain.model, dispatch_uid=f"sankofa.audit_chain.{chain.kind}")
    for _ in range(count):
        with transaction.atomic():
            CaseAccess.objects.create(case_id=case_id, user_id=user_id, channel="api")
            LogEntry.objects.create(
                content_type_id=content_type_id,
                object_pk=str(case_id),
                object_id=case_id,
                object_repr="concurrent",
                action=LogEntry.Action.UPDATE,
                changes={"status": ["open", "on_hold"]},
                actor_id=user_id,
            )
    connection.close()
    return count


def concurrent_writes(processes: int, each: int, *, sealed: bool = True) -> None:
    """`processes` writers at once, then the chains must still verify intact with gapless seals."""
    import multiprocessing

    user_id, case_id = CaseAccess.objects.values_list("user_id", "case_id").first()
    job = (each, case_id, user_id, ContentType.objects.get_for_model(Case).pk, sealed)
    connection.close()  # each child opens its own connection
    t = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        written = sum(pool.map(_writer, [job] * processes))
    seconds = time.perf_counter() - t
    print(
        f"{processes} processes wrote {written:,} openings + {written:,} audit entries, each pair in a "
        f"transaction, {'with' if sealed else 'WITHOUT'} seals: {seconds:.1f} s ({2 * written / seconds:,.0f} entries/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000, help="chained entries in all")
    parser.add_argument("--access-share", type=float, default=0.4, help="part of them in the access log")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=4, help="concurrent writers (0: none)")
    args = parser.parse_args()

    access = round(args.entries * args.access_share)
    t = time.perf_counter()
    seed_entries(args.entries - access, access)
    seeded = time.perf_counter() - t
    t = time.perf_counter()
    sealed = sum(audit_chain.seal_unsealed(c.kind) for c in audit_chain.chains())
    bulk_seal = time.perf_counter() - t
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {LogEntry.objects.count():,} audit + {CaseAccess.objects.count():,} access entries "
        f"(seeded in {seeded:.1f} s; {sealed:,} sealed in bulk in {bulk_seal:.1f} s)"
    )

    # Sealing as entries are written: one opening of a case file, its seal in the same transaction.
    user_id, case_id = CaseAccess.objects.values_list("user_id", "case_id").first()
    samples = []
    for _ in range(200):
        t = time.perf_counter()
        with transaction.atomic():
            CaseAccess.objects.create(case_id=case_id, user_id=user_id, channel="web")
        samples.append((time.perf_counter() - t) * 1000)
    bare = []
    for _ in range(200):  # the same write without its seal (bulk_create sends no post_save)
        t = time.perf_counter()
        with transaction.atomic():
            CaseAccess.objects.bulk_create([CaseAccess(case_id=case_id, user_id=user_id, channel="web")])
        bare.append((time.perf_counter() - t) * 1000)
    audit_chain.seal_unsealed("access")
    bare.sort()
    samples.sort()
    print(
        f"write of one access entry with its seal: p50 {samples[100]:.2f} ms, p95 {samples[190]:.2f} ms "
        f"(without the seal: p50 {bare[100]:.2f} ms, p95 {bare[190]:.2f} ms)"
    )

    if args.processes:
        concurrent_writes(args.processes, 250, sealed=False)
        audit_chain.seal_unsealed("access"), audit_chain.seal_unsealed("audit")
        concurrent_writes(args.processes, 250)
    for _ in range(args.repeat):
        result = audit_chain.verify()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        state = "intact" if result.intact else f"BROKEN at {result.first}"
        print(
            f"verify: {state}: {result.entries:,} entries in {result.seconds:.1f} s "
            f"({result.entries / result.seconds:,.0f} entries/s), peak RSS {rss:.0f} MB"
        )


if __name__ == "__main__":
    main()
