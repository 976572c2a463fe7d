"""Programme dashboard: server time of the whole view, next to hand-written SQL for the same figures.

Seeds what is missing (people with `sankofa seed`, then assistance records and arrived returns with
`sankofa.demo.indicators.indicator_records_generate`), attributes every case to a bench programme,
builds the indicator fact table (timed: full rebuild), signs in a regional user who covers every
office (the widest scope) and times the dashboard view through Django's test client for typical
filters: cold (the figures cache emptied before each request: the first view after a refresh of the
fact table) and warm (the figures of this refresh already counted for this scope). The raw-SQL baseline computes the same figures (10 headline totals, monthly trend, country,
sex/age and vulnerability breakdowns) from the record tables without scoping or rendering.
`--before` also times the same figures through the exact rules (`programmes.indicators`, what the
dashboard ran before the fact table). Then adds records to `--touch` cases and times the incremental
refresh. PostgreSQL only for the baseline."""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from case_list import bench_user, percentiles  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from sankofa.access.models import Office  # noqa: E402
from sankofa.assistance.models import AssistanceRecord  # noqa: E402
from sankofa.cases.models import Case  # noqa: E402
from sankofa.demo.indicators import indicator_records_generate  # noqa: E402
from sankofa.people.models import Person  # noqa: E402
from sankofa.programmes import indicators as exact  # noqa: E402
from sankofa.programmes.models import Programme, ProgrammeCase  # noqa: E402
from sankofa.reports.facts import OVERLAP, facts_rebuild, facts_refresh  # noqa: E402
from sankofa.reports.models import IndicatorFact, IndicatorFactState  # noqa: E402


def timed(fn, repeat: int, setup=None) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def bench_programme(
    code: str, start: datetime.date, end: datetime.date, every: int
) -> tuple[Programme, bool]:
    """A programme funding one case in `every` (1: all of them); True when its links were just written
    (the fact table must then be rebuilt: its roll-ups are keyed by programme)."""
    programme, created = Programme.objects.get_or_create(
        code=code, defaults={"name_en": code, "name_fr": code, "starts_on": start, "ends_on": end}
    )
    if not created and ProgrammeCase.objects.filter(programme=programme).exists():
        return programme, False
    programme.offices.set(Office.objects.all())
    with connection.cursor() as cursor:  # one statement: up to a million links
        cursor.execute(
            f"INSERT INTO {ProgrammeCase._meta.db_table} (programme_id, case_id, source, linked_at)"
            f" SELECT %s, id, 'coverage', CURRENT_TIMESTAMP FROM {Case._meta.db_table} WHERE id %% %s = 0",
            [programme.pk, every],
        )
    return programme, True


def raw_figures(date_from: str, date_to: str, country: str | None):
    """The dashboard's figures in hand-written SQL (PA1 selected): one statement per figure."""
    where_country = " AND r.country_id = %(country)s" if country else ""
    period = " AND r.delivered_on BETWEEN %(start)s AND %(end)s"
    params = {"start": date_from, "end": date_to, "country": country}
    assistance = "FROM assistance_assistancerecord r WHERE r.stage = %(stage)s" + period + where_country
    returns_ = (
        "FROM returns_returnrequest_people rp JOIN returns_returnrequest q ON q.id = rp.returnrequest_id"
        " JOIN cases_case c ON c.id = q.case_id JOIN access_office o ON o.id = c.owning_office_id"
        " WHERE q.status IN ('departed', 'arrived') AND q.departed_on BETWEEN %(start)s AND %(end)s"
        + (" AND o.country_id = %(country)s" if country else "")
    )
    flagged = (
        "EXISTS (SELECT 1 FROM cases_vulnerabilityflag f WHERE f.person_id = r.person_id AND f.kind IN ({}))"
    )
    statements = [
        ("SELECT COUNT(DISTINCT r.person_id) " + assistance, {"stage": "transit"}),
        ("SELECT COUNT(*) " + assistance, {"stage": "transit"}),
        ("SELECT COUNT(DISTINCT rp.person_id) " + returns_, {}),
        ("SELECT COUNT(DISTINCT r.person_id) " + assistance, {"stage": "post_arrival"}),
        ("SELECT COUNT(DISTINCT r.person_id) " + assistance, {"stage": "reintegration"}),
        (
            "SELECT COUNT(DISTINCT r.person_id) FROM assistance_assistancerecord r WHERE "
            + flagged.format("'vot_presumed', 'vot_identified'")
            + period
            + where_country,
            {},
        ),
        (
            "SELECT COUNT(DISTINCT r.person_id) FROM assistance_assistancerecord r WHERE "
            + flagged.format("'uasc'")
            + period
            + where_country,
            {},
        ),
        (
            "SELECT COUNT(DISTINCT c.id) FROM cases_case c JOIN access_office o ON o.id = c.owning_office_id"
            " WHERE c.registered_on BETWEEN %(start)s AND %(end)s"
            + (" AND o.country_id = %(country)s" if country else ""),
            {},
        ),
        (
            "SELECT date_trunc('month', r.delivered_on), COUNT(DISTINCT r.person_id) "
            + assistance
            + " GROUP BY 1",
            {"stage": "transit"},
        ),
        (
            "SELECT r.country_id, COUNT(DISTINCT r.person_id) " + assistance + " GROUP BY 1",
            {"stage": "transit"},
        ),
        (
            "SELECT p.sex, CASE WHEN p.date_of_birth IS NULL THEN 'unknown' WHEN p.date_of_birth <= %(end)s::date - interval '18 years' THEN 'adult' ELSE 'child' END,"
            " COUNT(DISTINCT r.person_id) FROM assistance_assistancerecord r JOIN people_person p ON p.id = r.person_id"
            " WHERE r.stage = %(stage)s" + period + where_country + " GROUP BY 1, 2",
            {"stage": "transit"},
        ),
        (
            "SELECT f.kind, COUNT(DISTINCT r.person_id) FROM assistance_assistancerecord r"
            " LEFT JOIN cases_vulnerabilityflag f ON f.person_id = r.person_id"
            " WHERE r.stage = %(stage)s" + period + where_country + " GROUP BY 1",
            {"stage": "transit"},
        ),
    ]

    def run():
        with connection.cursor() as cursor:
            for sql, extra in statements:
                cursor.execute(sql, {**params, **extra})
                cursor.fetchall()

    return run


def exact_figures(user, filters, indicator):
    """The dashboard's figures through the exact rules over the record tables (before the fact table)."""

    def run():
        exact.indicator_totals(actor=user, indicators=list(exact.INDICATORS.values()), filters=filters)
        exact.indicator_monthly(actor=user, indicator=indicator, filters=filters)
        for dimension in ("country", ("age_group", "sex"), "vulnerability"):
            exact.indicator_breakdown(actor=user, indicator=indicator, filters=filters, dimension=dimension)

    return run


def incremental(touch: int) -> None:
    """Add one transit service to `touch` cases (as caseworkers would), then time the refresh."""
    if not touch:
        return
    today = datetime.date.today()
    # As if the last refresh had just run: only what is written from now on counts as changed (the
    # generated records would otherwise fall inside the refresh's look-back window).
    IndicatorFactState.objects.filter(pk=1).update(refreshed_at=timezone.now() + OVERLAP)
    service = AssistanceRecord.objects.values_list("service_id", flat=True).first()
    picked = list(
        Case.objects.filter(owning_office__kind="transit")
        .order_by("?")
        .values_list("pk", "principal_id", "owning_office__country_id")[:touch]
    )
    AssistanceRecord.objects.bulk_create(
        [
            AssistanceRecord(case_id=pk, person_id=person, service_id=service, delivered_on=today, country_id=country,
                             modality="in_kind", stage="transit")
            for pk, person, country in picked
        ]
    )  # fmt: skip
    started = time.perf_counter()
    result = facts_refresh()
    print(f"incremental refresh: {result.cases:,} changed cases in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sql-repeat", type=int, default=0, help="Repeats of the raw SQL (default --repeat)")
    parser.add_argument("--no-generate", action="store_true", help="Do not add indicator records")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the fact table even if built")
    parser.add_argument("--before", action="store_true", help="Also time the exact rules (first scenario)")
    parser.add_argument("--touch", type=int, default=0, help="Cases to change, then refresh (timed)")
    args = parser.parse_args()

    have = Person.objects.count()
    if have < args.people:
        call_command("seed", people=args.people - have, seed=args.seed + have)
    started = time.perf_counter()
    generated = {} if args.no_generate else indicator_records_generate()
    if any(generated.values()):
        print(f"generated {generated} in {time.perf_counter() - started:.0f} s")
    today = datetime.date.today()
    start = datetime.date(today.year - 3, 1, 1)
    end = datetime.date(today.year + 1, 12, 31)
    every_case, linked = bench_programme("bench", start, end, every=1)
    one_in_ten, linked_tenth = bench_programme("bench-tenth", start, end, every=10)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if args.rebuild or linked or linked_tenth or not IndicatorFact.objects.exists():
        started = time.perf_counter()
        result = facts_rebuild()
        print(
            f"full rebuild of the fact table: {result.rows:,} rows in {time.perf_counter() - started:.1f} s"
        )
    incremental(args.touch)
    user = bench_user()
    client = Client()
    client.force_login(user)
    settings.ALLOWED_HOSTS.append("testserver")
    load = os.getloadavg()
    print(
        f"{connection.vendor}: {Person.objects.count():,} people, {Case.objects.count():,} cases, "
        f"{AssistanceRecord.objects.count():,} assistance records; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print("view p50/p95 (ms), cold (counted) and warm (cached)")
    date_from, date_to = start.isoformat(), today.isoformat()
    scenarios = [
        ("all offices, 3 years", "", None),
        ("one country (NER)", "&country=NER", "NER"),
        ("programme: every case", f"&programme={every_case.code}", None),
        ("programme: 1 case in 10", f"&programme={one_in_ten.code}", None),
        ("returns (AVR1) selected", "&indicator=AVR1", None),
        ("last month only", None, None),
    ]
    # The views first: the baseline's scans of the record tables would evict the pages they read.
    runs = []
    for label, extra, country in scenarios:
        if extra is None:
            month_ago = (today - datetime.timedelta(days=30)).isoformat()
            query, sql_from = f"date_from={month_ago}&date_to={date_to}", month_ago
        else:
            query, sql_from = f"date_from={date_from}&date_to={date_to}{extra}", date_from
        url = f"/reports/?{query}"
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        # cold: the first view of these figures after a refresh (counted); warm: any later view
        cold = timed(lambda u=url: client.get(u), args.repeat, setup=caches["figures"].clear)
        warm = timed(lambda u=url: client.get(u), args.repeat)
        print(
            f"  {label:28s} cold {cold[0]:7.1f} / {cold[1]:7.1f}  warm {warm[0]:6.1f} / {warm[1]:6.1f}",
            flush=True,
        )
        runs.append((label, query, sql_from, country))
    if connection.vendor != "postgresql":
        return
    print("raw SQL p50/p95 (ms), same figures from the records, no scoping or rendering")
    for label, query, sql_from, country in runs:
        baseline = timed(raw_figures(sql_from, date_to, country), args.sql_repeat or args.repeat)
        line = f"  {label:28s} raw SQL {baseline[0]:7.1f} / {baseline[1]:7.1f}"
        if args.before and label == runs[0][0]:  # slow: the first scenario only
            from sankofa.reports.forms import ReportFiltersForm
            from sankofa.reports.selectors import filter_choices

            form = ReportFiltersForm(
                dict(p.split("=") for p in query.split("&")), choices=filter_choices(actor=user)
            )
            filters = form.filters()
            indicator = exact.INDICATORS[form.indicator_code()]
            before = timed(exact_figures(user, filters, indicator), max(2, args.repeat // 5))
            line += f"   before (exact rules) {before[0]:7.1f} / {before[1]:7.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
