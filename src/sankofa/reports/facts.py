"""The indicator fact table: built from the registry, kept current, and counted from.

Building (docs/indicators.md, "Fact table"): for every indicator of `programmes.indicators.INDICATORS`,
its `Facts` queryset (plus its condition) is grouped by person, case, country of assistance and day,
and written with INSERT … SELECT in one statement per indicator, with the person's attributes and the
owning office of the case. Nothing here names an indicator: one added to the registry is in the table
at the next rebuild. A full rebuild replaces everything; a refresh rebuilds the cases changed since the
last run (`changed_cases`).

Counting: the same numbers as the exact rules of `programmes.indicators` (tests compare them for every
indicator and disaggregation), from this one narrow table. Unique individuals in a period are the rows
whose `previous` day (same person, case and country) falls before the period: one row per person, so
COUNT(*) replaces COUNT(DISTINCT). People whose rows span several cases or countries (`spread`) are
counted apart with COUNT(DISTINCT). Scoping is the rule of `cases_visible_to` and
`members_visible_to`, applied to the owning office and case carried by each row."""

import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case as When_
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.models import Case, CaseMember, CaseShare, TimelineEvent, VulnerabilityFlag
from sankofa.cases.selectors import members_visible_to, sees_cases_through_shares
from sankofa.people.models import Person
from sankofa.programmes.indicators import (
    AGE_GROUPS,
    INDICATORS,
    Indicator,
    IndicatorFilters,
    Unit,
    age_group_expression,
    years_before,
)
from sankofa.programmes.models import Programme, ProgrammeCase

from .models import (
    IndicatorFact,
    IndicatorFactAge,
    IndicatorFactAgeYear,
    IndicatorFactCount,
    IndicatorFactDay,
    IndicatorFactMonth,
    IndicatorFactState,
)

# One bit per vulnerability kind (the order of the choices; a new kind takes the next bit).
FLAG_BITS = {kind: 1 << number for number, kind in enumerate(VulnerabilityFlag.Kind.values)}

# Writes that commit after a refresh read the records may carry an earlier timestamp: every refresh
# looks this far back again (rebuilding a case twice is harmless).
OVERLAP = datetime.timedelta(minutes=10)

TABLE = IndicatorFact._meta.db_table
DAY_TABLE = IndicatorFactDay._meta.db_table
MONTH_TABLE = IndicatorFactMonth._meta.db_table
AGE_TABLE = IndicatorFactAge._meta.db_table
COUNT_TABLE = IndicatorFactCount._meta.db_table
AGE_YEAR_TABLE = IndicatorFactAgeYear._meta.db_table


def _path(prefix: str, rest: str) -> str:
    return f"{prefix}__{rest}" if prefix else rest


# --- building -----------------------------------------------------------------------------------


def _source(indicator: Indicator, case_ids=None) -> QuerySet:
    """The indicator's records (its Facts and condition), grouped into fact rows."""
    facts = indicator.facts
    qs = facts.queryset()
    if indicator.extra:
        qs = qs.filter(indicator.extra(facts.person))
    case_pk = _path(facts.case, "pk")
    if case_ids is not None:
        qs = qs.filter(**{f"{case_pk}__in": case_ids})
    day = TruncDate(facts.date) if facts.datetime else F(facts.date)  # as the `__date` lookup does
    return (
        qs.order_by()
        .values(
            f_day=day,
            f_person=F(facts.person),
            f_case=F(case_pk),
            f_office=F(_path(facts.case, "owning_office")),
            f_country=F(facts.country),
            f_sex=F(f"{facts.person}__sex"),
            f_born=F(f"{facts.person}__date_of_birth"),
            f_nationality=F(f"{facts.person}__nationality"),
        )
        .annotate(f_weight=Count("pk"))
    )


def _flag_masks_sql() -> tuple[str, list]:
    whens = " ".join("WHEN %s THEN %s" for _kind in FLAG_BITS)
    params = [value for kind, bit in FLAG_BITS.items() for value in (kind, bit)]
    table = VulnerabilityFlag._meta.db_table
    return (
        f"SELECT person_id, SUM(DISTINCT CASE kind {whens} ELSE 0 END) AS mask FROM {table} GROUP BY person_id",
        params,
    )


def _insert(indicator: Indicator, case_ids=None) -> None:
    sql, params = _source(indicator, case_ids).query.sql_with_params()
    masks, mask_params = _flag_masks_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (indicator, day, person_id, case_id, office_id, country_id, sex, born,"
            " nationality_id, weight, flags, spread)"
            " SELECT %s, s.f_day, s.f_person, s.f_case, s.f_office, s.f_country, COALESCE(s.f_sex, ''),"
            f" s.f_born, s.f_nationality, s.f_weight, COALESCE(m.mask, 0), FALSE FROM ({sql}) s"
            f" LEFT JOIN ({masks}) m ON m.person_id = s.f_person"
            " ORDER BY s.f_day",  # rows of a period lie together on disk: range scans read few pages
            [indicator.code, *params, *mask_params],
        )


def _in_list(column: str, ids) -> tuple[str, list]:
    ids = list(ids)
    if not ids:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


def _link_previous(case_ids=None) -> None:
    """`previous`: the day of the preceding row of the same indicator, person, case and country."""
    where, params = ("1 = 1", []) if case_ids is None else _in_list("case_id", case_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET previous = w.prev FROM (SELECT id, LAG(day) OVER (PARTITION BY indicator,"
            f" person_id, case_id, country_id ORDER BY day) AS prev FROM {TABLE} WHERE {where}) w"
            f" WHERE {TABLE}.id = w.id AND w.prev IS NOT NULL",
            params,
        )


def _mark_spread(*, persons=None, cases=None) -> None:
    """`spread`: people (individuals) or cases (unit cases) whose rows of an indicator span several
    cases/people or countries. Limited to the given people and cases when refreshing."""
    with connection.cursor() as cursor:
        for indicator in INDICATORS.values():
            if indicator.unit == Unit.SERVICES:
                continue
            key, other = (
                ("case_id", "person_id") if indicator.unit == Unit.CASES else ("person_id", "case_id")
            )
            keys = cases if key == "case_id" else persons
            where, params = ("1 = 1", []) if keys is None else _in_list(key, keys)
            if keys is not None:
                cursor.execute(
                    f"UPDATE {TABLE} SET spread = FALSE WHERE indicator = %s AND {where}",
                    [indicator.code, *params],
                )
            cursor.execute(
                f"UPDATE {TABLE} SET spread = TRUE WHERE indicator = %s AND {key} IN (SELECT {key} FROM {TABLE}"
                f" WHERE indicator = %s AND {where} GROUP BY {key} HAVING COUNT(DISTINCT {other}) > 1"
                " OR COUNT(DISTINCT COALESCE(country_id, '')) > 1)",
                [indicator.code, indicator.code, *params],
            )


def _sync_people(person_ids) -> None:
    """Person attributes on every row of these people (a change shows in their other cases too)."""
    masks, mask_params = _flag_masks_sql()
    where, params = _in_list(f"{TABLE}.person_id", person_ids)
    person = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET sex = COALESCE(p.sex, ''), born = p.date_of_birth,"
            f" nationality_id = p.nationality_id, flags = COALESCE(m.mask, 0)"
            f" FROM {person} p LEFT JOIN ({masks}) m ON m.person_id = p.id"
            f" WHERE p.id = {TABLE}.person_id AND {where}",
            [*mask_params, *params],
        )


def _month_start(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _year_start(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('year', {column}) AS date)"
    return f"date({column}, 'start of year')"


def _sources() -> list[tuple[str, str, str]]:
    """(FROM clause, programme column to select, to add to GROUP BY) of the roll-ups: every fact row
    (no programme), then the rows of each programme's linked cases again, under that programme (a case
    may be linked to several). Only links already counted (`rolled_up`: a refresh takes away exactly
    what an earlier one added)."""
    links = ProgrammeCase._meta.db_table
    return [
        (TABLE, "CAST(NULL AS BIGINT)", ""),
        (
            f"{TABLE} JOIN {links} pl ON pl.case_id = {TABLE}.case_id AND pl.rolled_up",
            "pl.programme_id",
            ", pl.programme_id",
        ),
    ]


def _services_sql() -> tuple[str, list[str]]:
    services = [i.code for i in INDICATORS.values() if i.unit == Unit.SERVICES] or [""]
    return ", ".join(["%s"] * len(services)), services


@dataclass(frozen=True)
class _Level:
    """One roll-up: its table, the period start of a fact row's day, the person attributes it keeps
    (column, SQL on fact rows), and whether it counts people first seen in each month (kind M)."""

    table: str
    period: str
    attributes: tuple[tuple[str, str], ...]
    month_firsts: bool = True


def _levels() -> list[_Level]:
    person = (("sex", "sex"), ("nationality_id", "nationality_id"), ("flags", "flags"))
    ages = (("sex", "sex"), ("born_month", _month_start("born")))
    month, year = _month_start("day"), _year_start("day")
    return [
        _Level(DAY_TABLE, "day", person),
        _Level(MONTH_TABLE, month, person),
        _Level(COUNT_TABLE, month, ()),
        _Level(AGE_TABLE, month, ages, month_firsts=False),
        _Level(AGE_YEAR_TABLE, year, ages, month_firsts=False),
    ]


def _roll_up(where: str = "1 = 1", params=(), *, sign: int = 1) -> None:
    """Add the fact rows matching `where` to every roll-up (`sign` -1: take them away). Rows of one key
    may repeat (figures SUM them): a refresh takes away what changed cases and their people counted
    and adds what they count now, and the next full rebuild writes each key once."""
    marks, services = _services_sql()
    month = _month_start("day")
    with connection.cursor() as cursor:
        for level in _levels():
            columns = ", ".join(
                ["indicator", "day", "office_id", "country_id", *(c for c, _e in level.attributes)]
            )
            keys = ", ".join(
                ["indicator", level.period, "office_id", "country_id", *(e for _c, e in level.attributes)]
            )
            firsts, kind, by_kind = "previous IS NULL", "'F'", ""  # first ever (F)
            if level.month_firsts:  # or first in the month (M)
                firsts = f"(previous IS NULL OR previous < {month})"
                kind = "CASE WHEN previous IS NULL THEN 'F' ELSE 'M' END"
                by_kind = f", {kind}"
            for source, programme, by_programme in _sources():
                cursor.execute(
                    f"INSERT INTO {level.table} ({columns}, programme_id, kind, n)"
                    f" SELECT {keys}, {programme}, {kind}, %s * COUNT(*) FROM {source} WHERE ({where})"
                    f" AND indicator NOT IN ({marks}) AND NOT spread AND {firsts}"
                    f" GROUP BY {keys}{by_programme}{by_kind}"
                    f" UNION ALL SELECT {keys}, {programme}, 'S', %s * SUM(weight) FROM {source} WHERE ({where})"
                    f" AND indicator IN ({marks}) GROUP BY {keys}{by_programme}",
                    [sign, *params, *services, sign, *params, *services],
                )


def _gaps(case_ids=None) -> dict[str, int]:
    """Longest gap (days) between consecutive rows of one partition, per indicator."""
    where, params = ("1 = 1", []) if case_ids is None else _in_list("case_id", case_ids)
    if connection.vendor == "postgresql":
        gap = "MAX(day - previous)"
    else:
        gap = "CAST(MAX(julianday(day) - julianday(previous)) AS INTEGER)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT indicator, {gap} FROM {TABLE} WHERE previous IS NOT NULL AND {where} GROUP BY indicator",
            params,
        )
        return {code: int(days) for code, days in cursor.fetchall()}


def _state() -> IndicatorFactState:
    state = IndicatorFactState.objects.select_for_update().filter(pk=1).first()
    return state or IndicatorFactState.objects.create(pk=1)


@dataclass
class RefreshResult:
    full: bool
    cases: int
    seconds: float
    rows: int


def _vacuum(*, analyze: bool) -> None:
    """On PostgreSQL, outside a transaction: mark the pages written as all-visible again, or the
    index-only scans of the figures fetch heap pages (the sex × age cross went from 0.1 to 0.64 s
    after one refresh at 1 M cases); a few seconds, as unchanged pages are skipped. The programme links
    too: marking them rolled up rewrites them, and a programme's figures check fact rows against them
    (16 µs per row from the heap, 2–7 from the index alone). With `analyze`, fresh statistics too
    (after a full rebuild)."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        return
    command = "VACUUM ANALYZE" if analyze else "VACUUM"
    links = ProgrammeCase._meta.db_table
    with connection.cursor() as cursor:
        for table in (TABLE, DAY_TABLE, MONTH_TABLE, COUNT_TABLE, AGE_TABLE, AGE_YEAR_TABLE, links):
            cursor.execute(f"{command} {table}")


def _analyze() -> None:
    """On PostgreSQL, statistics of the rebuilt fact rows and of the links before linking and rolling
    them up: the rebuild's own rows are invisible to autovacuum until it commits, and with the
    statistics of an emptier table the planner joins by scanning one side for every row of the other
    (the PostgreSQL suite's demo test spent minutes in `_link_previous` on a few thousand rows)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (TABLE, ProgrammeCase._meta.db_table):
            cursor.execute(f"ANALYZE {table}")


def facts_rebuild() -> RefreshResult:
    """Rebuild the whole fact table from the records, in one transaction (readers see the previous
    table until it commits)."""
    started, clock = timezone.now(), time.perf_counter()
    with transaction.atomic():
        state = _state()  # one refresh at a time
        IndicatorFact.objects.all().delete()
        IndicatorFactDay.objects.all().delete()
        IndicatorFactMonth.objects.all().delete()
        IndicatorFactAge.objects.all().delete()
        IndicatorFactCount.objects.all().delete()
        IndicatorFactAgeYear.objects.all().delete()
        for indicator in INDICATORS.values():
            _insert(indicator)
        ProgrammeCase.objects.filter(rolled_up=False).update(rolled_up=True)
        _analyze()
        _link_previous()
        _mark_spread()
        _roll_up()
        seconds = time.perf_counter() - clock
        state.refreshed_at, state.rebuilt_at, state.rebuild_seconds = started, started, seconds
        state.gaps = _gaps()
        state.save()
    _vacuum(analyze=True)
    return RefreshResult(True, -1, seconds, IndicatorFact.objects.count())


def changed_cases(since: datetime.datetime) -> set[int]:
    """Cases whose figures may have changed since `since`: the case itself, its timeline (every
    service writes an event there), its members, its programme links, and the records of every
    indicator (each Facts says which timestamp changes with its records)."""
    ids = set(Case.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    ids |= set(TimelineEvent.objects.filter(at__gte=since).values_list("case_id", flat=True))
    people = Person.objects.filter(updated_at__gte=since).values("pk")
    ids |= set(CaseMember.objects.filter(person_id__in=people).values_list("case_id", flat=True))
    ids |= set(VulnerabilityFlag.objects.filter(recorded_at__gte=since).values_list("case_id", flat=True))
    # newly linked to a programme: the roll-ups count its rows under that programme too
    ids |= set(ProgrammeCase.objects.filter(linked_at__gte=since).values_list("case_id", flat=True))
    seen = set()
    for indicator in INDICATORS.values():
        facts = indicator.facts
        if id(facts) in seen:
            continue
        seen.add(id(facts))
        case_pk = _path(facts.case, "pk")
        changed = facts.queryset().filter(**{f"{facts.changed}__gte": since})
        ids |= set(changed.order_by().values_list(case_pk, flat=True).distinct())
    return ids


def facts_refresh_cases(case_ids) -> dict[str, int]:
    """Rebuild the rows of these cases (and what depends on them: the spread marks of their people,
    the person attributes of those people's other rows). Inside the caller's transaction."""
    case_ids = sorted(set(case_ids))

    def people_of(rows: QuerySet) -> set[int]:
        return set(rows.values_list("person_id", flat=True).distinct())

    def rows_of(cases, people) -> tuple[str, list]:
        in_cases, case_params = _in_list(f"{TABLE}.case_id", cases)
        of_people, people_params = _in_list(f"{TABLE}.person_id", people)
        return f"{in_cases} OR {of_people}", [*case_params, *people_params]

    gaps: dict[str, int] = {}
    for start in range(0, len(case_ids), 2000):
        chunk = case_ids[start : start + 2000]
        # Take away what these cases and their people count now (their rows in other cases too: person
        # attributes and spread marks change there), rebuild, then add what they count afterwards.
        persons = people_of(IndicatorFact.objects.filter(case_id__in=chunk))
        _roll_up(*rows_of(chunk, persons), sign=-1)
        IndicatorFact.objects.filter(case_id__in=chunk).delete()
        for indicator in INDICATORS.values():
            _insert(indicator, chunk)
        _link_previous(chunk)
        newcomers = people_of(IndicatorFact.objects.filter(case_id__in=chunk)) - persons
        if newcomers:  # their rows in other cases, not changed yet
            where, params = _in_list(f"{TABLE}.person_id", newcomers)
            not_chunk, chunk_params = _in_list(f"{TABLE}.case_id", chunk)
            _roll_up(f"{where} AND NOT ({not_chunk})", [*params, *chunk_params], sign=-1)
            persons |= newcomers
        _sync_people(persons)
        _mark_spread(persons=persons, cases=chunk)
        # Links written since the last refresh count from now on (marked first: the roll-up below
        # joins marked links only, so a link committed meanwhile waits for the next refresh).
        ProgrammeCase.objects.filter(case_id__in=chunk, rolled_up=False).update(rolled_up=True)
        _roll_up(*rows_of(chunk, persons))
        for code, days in _gaps(chunk).items():
            gaps[code] = max(days, gaps.get(code, 0))
    return gaps


def facts_refresh() -> RefreshResult:
    """Bring the fact table up to date: rebuild the cases changed since the last refresh (a full
    rebuild the first time). Idempotent; one refresh at a time (the state row is locked)."""
    # Writes committed from now on queue another refresh (the flag is cleared before reading).
    IndicatorFactState.objects.filter(pk=1).update(pending=False)
    with transaction.atomic():
        state = _state()
        if state.refreshed_at is None:
            full = True
        else:
            full = False
            started, clock = timezone.now(), time.perf_counter()
            cases = changed_cases(state.refreshed_at - OVERLAP)
            gaps = facts_refresh_cases(cases)
            seconds = time.perf_counter() - clock
            state.refreshed_at, state.refresh_seconds, state.refresh_cases = started, seconds, len(cases)
            # Gaps only grow here (a deletion may shrink one: the next full rebuild tightens it).
            state.gaps = {c: max(d, state.gaps.get(c, 0)) for c, d in {**state.gaps, **gaps}.items()}
            state.save()
    if full:
        return facts_rebuild()
    _vacuum(analyze=False)
    return RefreshResult(False, len(cases), seconds, -1)


def facts_as_of() -> datetime.datetime | None:
    """When the figures were last brought up to date (None: never built)."""
    return IndicatorFactState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()


# --- counting -----------------------------------------------------------------------------------


def _key(indicator: Indicator) -> str:
    return "case_id" if indicator.unit == Unit.CASES else "person_id"


@dataclass
class _Scoped:
    qs: QuerySet  # fact rows in scope, period and filters
    low: datetime.date | None
    high: datetime.date
    # The same on the roll-ups, when they can answer: the monthly one for the whole months of the
    # period, the daily one for the days of its partial first and last months.
    rollups: list[QuerySet] | None = None
    # The whole months on the roll-ups without nationality (None when filtered by it): the counts,
    # and the sex × age roll-up; `edges`: the days of the partial months, which the latter leaves to
    # the fact rows.
    counts: QuerySet | None = None
    ages: list[QuerySet] | None = None  # whole years, other whole months
    edges: Q | None = None
    as_of: datetime.date | None = None  # of the age groups (the filters', not a programme's end)
    linked: bool = False  # fact rows are filtered by a programme's case links


ROLLED_UP = frozenset({"sex", "nationality", "country", "vulnerability"})
COUNTED = frozenset({"country"})
AGED = frozenset({"sex", "age_group", "country"})


def _boundary_months(as_of: datetime.date) -> list[datetime.date]:
    """Months of birth whose age group at `as_of` depends on the day of birth: the month of each group
    bound (born on or before the day `low` years before `as_of`, as in `age_group_expression`)."""
    return [years_before(as_of, low).replace(day=1) for low, _label in AGE_GROUPS]


def _age_group_of_month(as_of: datetime.date) -> When_:
    """Age group at `as_of` from the month of birth: born in a month before a bound's month means at
    least `low` whole years old, after it younger (the bound's own month excepted: _boundary_months)."""
    whens = [
        When(born_month__lt=month, then=Value(label))
        for month, (_low, label) in zip(_boundary_months(as_of), AGE_GROUPS, strict=True)
    ]
    return When_(*whens, default=Value("unknown"), output_field=CharField())


def _through_shares(actor) -> bool:
    """sees_cases_through_shares, asked once per user object (a dashboard asks for many figures)."""
    if not hasattr(actor, "_facts_through_shares"):
        actor._facts_through_shares = sees_cases_through_shares(actor)
    return actor._facts_through_shares


def _between(start: datetime.date | None, end: datetime.date) -> Q:
    """start <= day < end (no start: from the beginning)."""
    return Q(day__lt=end) & (Q(day__gte=start) if start else Q())


def _period_split(low: datetime.date | None, high: datetime.date) -> tuple[Q, Q, Q, Q]:
    """(whole months, the whole years among them, the other whole months, remaining days) of the
    period [low, high], as conditions on `day`."""
    nothing = Q(pk__in=[])
    first_whole = None if low is None else low if low.day == 1 else _next_month(low)
    after_whole = (high + datetime.timedelta(days=1)).replace(day=1)  # first day not in a whole month
    if first_whole is not None and first_whole >= after_whole:
        return nothing, nothing, nothing, Q(day__gte=low, day__lte=high)
    days = Q(day__gte=after_whole, day__lte=high)
    if first_whole:
        days |= Q(day__gte=low, day__lt=first_whole)
    first_year = first_whole
    if first_whole and first_whole.month != 1:
        first_year = datetime.date(first_whole.year + 1, 1, 1)
    after_years = after_whole.replace(month=1)  # first day not in a whole year
    whole = _between(first_whole, after_whole)
    if first_year is not None and first_year >= after_years:
        return whole, nothing, whole, days
    months = Q(day__gte=after_years, day__lt=after_whole)
    if first_whole:
        months |= Q(day__gte=first_whole, day__lt=first_year)
    return whole, _between(first_year, after_years), months, days


def _scoped(*, actor, indicators: list[Indicator], filters: IndicatorFilters) -> _Scoped:
    """The rows of these indicators the actor may count, in the period, matching the filters: the rule
    of `cases_visible_to` (owning office, or a share with an office of the actor) and, for users who see
    cases through shares, of `members_visible_to` (only consenting members), as in
    `programmes.indicators.scoped_facts`. The roll-ups know offices and programmes, not cases: they
    answer for users who see no case only through a share."""
    codes = [i.code for i in indicators]
    qs = IndicatorFact.objects.filter(indicator__in=codes)
    offices = office_ids_of(actor, roles=CASE_READERS)
    rolled = not _through_shares(actor)
    programme_id = None  # the roll-up rows of every case, or of one programme's cases
    if _through_shares(actor):
        shared = CaseShare.objects.filter(office_id__in=offices).values("case_id")
        qs = qs.filter(Q(office_id__in=offices) | Q(case_id__in=shared))
        members = members_visible_to(actor).filter(
            case_id=OuterRef("case_id"), person_id=OuterRef("person_id")
        )
        qs = qs.filter(Exists(members))
    else:  # every case the actor sees is owned by one of their offices
        qs = qs.filter(office_id__in=offices)
    low, high = filters.date_from, filters.as_of
    rows = {}
    if filters.country:
        rows["country_id"] = filters.country
    if filters.office:
        rows["office_id"] = filters.office
    if filters.nationality:
        rows["nationality_id"] = filters.nationality
    qs = qs.filter(**rows)
    if filters.programme:
        # Attribution: the case is linked, and only records inside the programme's period count.
        programme = Programme.objects.filter(code=filters.programme).first()
        if programme is None:
            return _Scoped(qs.none(), low, high)
        low = max(low, programme.starts_on) if low else programme.starts_on
        high = min(high, programme.ends_on)
        qs = qs.filter(case_id__in=ProgrammeCase.objects.filter(programme=programme).values("case_id"))
        programme_id = programme.pk
    if low:
        qs = qs.filter(day__gte=low)
    qs = qs.filter(day__lte=high)
    if not rolled:
        return _Scoped(qs, low, high)
    months, years, other_months, days = _period_split(low, high)
    rows["programme_id"] = programme_id

    def rolled_up(model, period: Q) -> QuerySet:
        return model.objects.filter(period, indicator__in=codes, office_id__in=offices, **rows)

    rollups = [rolled_up(IndicatorFactMonth, months), rolled_up(IndicatorFactDay, days)]
    counts = ages = None
    if not filters.nationality:
        counts = rolled_up(IndicatorFactCount, months)
        ages = [rolled_up(IndicatorFactAgeYear, years), rolled_up(IndicatorFactAge, other_months)]
    return _Scoped(qs, low, high, rollups, counts, ages, days, filters.as_of, linked=programme_id is not None)


def _first(low, *, monthly: bool = False) -> Q:
    """Rows that count their person (case) once in the period (or once in each month of it)."""
    q = Q(previous__isnull=True)
    if low:
        q |= Q(previous__lt=low)
    if monthly:
        q |= Q(previous__lt=TruncMonth("day"))
    return q


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _gaps_known() -> dict[str, int]:
    return IndicatorFactState.objects.filter(pk=1).values_list("gaps", flat=True).first() or {}


def _straddling(scoped: _Scoped, counted: list[Indicator], *, monthly: bool) -> QuerySet:
    """Single-partition rows that count their person at the start of the period although an earlier
    row exists (before the period): `previous` before the first day, at most the longest gap of their
    indicator into the period."""
    gaps, bounds = _gaps_known(), Q()
    for indicator in counted:
        gap = gaps.get(indicator.code)
        within = Q() if gap is None else Q(day__lte=scoped.low + datetime.timedelta(days=gap))
        bounds |= Q(indicator=indicator.code) & within
    qs = scoped.qs.filter(bounds, spread=False, previous__lt=scoped.low)
    if monthly:  # later months count their own first rows (kind M of the roll-up)
        qs = qs.filter(day__lt=_next_month(scoped.low))
    return qs


@contextmanager
def _aggregating(*, few_rows: bool = False):
    """On PostgreSQL, for this transaction only: room for aggregating up to a million fact rows in
    memory (a cross over three years at 1 M cases: 0.6 s with the default 4 MB, which sorts on disk;
    0.34 s with this), and no JIT compilation, which costs 30–50 ms per query here and saves less.
    `few_rows`: each query reads one narrow index range (tens of thousands of rows) and checks its
    cases against a programme's links; the planner would hash all the links (a million: 60–90 ms per
    query) where looking each case up in their index is cheaper."""
    if connection.vendor != "postgresql":
        yield
        return
    # set_config(…, true) is SET LOCAL: the settings in one round trip instead of one each (a figure
    # read from fact rows is one query; on a busy server each round trip costs as much as it).
    settings = "set_config('work_mem', '64MB', true), set_config('jit', 'off', true)"
    if few_rows:
        settings += ", set_config('enable_hashjoin', 'off', true)"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {settings}")
        yield


def _grouped(
    *, scoped: _Scoped, indicators: list[Indicator], expressions: dict, monthly: bool = False
) -> dict[str, dict]:
    """Exact values per indicator and group of the given expressions (keys: tuples), in a few queries
    whatever the number of indicators. A person (case) counts once per group; flag masks are spread
    over their kinds afterwards (names containing 'vulnerability')."""
    names = list(expressions)
    flag_at = names.index("g_vulnerability") if "g_vulnerability" in names else None
    services = [i.code for i in indicators if i.unit == Unit.SERVICES]
    counted = [i for i in indicators if i.unit != Unit.SERVICES]  # people or cases, each once

    def keys_of(row: tuple) -> list[tuple]:
        if flag_at is None:
            return [row]
        return [row[:flag_at] + (kind,) + row[flag_at + 1 :] for kind in _flag_groups(row[flag_at])]

    def grouped(qs: QuerySet, total, by=expressions) -> list[tuple]:
        return list(
            qs.annotate(**by)
            .values("indicator", *names)
            .order_by()
            .annotate(t=total)
            .values_list("indicator", *names, "t")
        )

    first = scoped.qs.filter(_first(scoped.low, monthly=monthly))
    dims = {name[2:] for name in names} - {"month"}
    weight = When_(When(indicator__in=services, then=F("weight")), default=Value(1))
    if scoped.ages is not None and "age_group" in dims and dims <= AGED and not monthly:
        # Whole months of people born outside the boundary months from the sex × age roll-up; fact
        # rows for the rest: partial months, boundary months (their index), rows straddling the start.
        boundaries = _boundary_months(scoped.as_of)
        by_month = {**expressions, "g_age_group": _age_group_of_month(scoped.as_of)}
        kinds = Q(kind__in=["S", "F"]) & ~Q(born_month__in=boundaries)
        rows = [row for ages in scoped.ages for row in grouped(ages.filter(kinds), Sum("n"), by=by_month)]
        # In one query (the planner ORs index ranges; one row counts once): the partial months, the
        # boundary months, and rows straddling the start (the roll-up holds first rows only).
        rest = scoped.edges
        for month in boundaries:
            rest |= Q(born__gte=month, born__lt=_next_month(month))
        if scoped.low:
            rest |= Q(previous__lt=scoped.low) & ~Q(indicator__in=services)
        chosen = Q(indicator__in=services) | (_first(scoped.low) & Q(spread=False))
        with _aggregating(few_rows=scoped.linked):
            rows += grouped(scoped.qs.filter(rest).filter(chosen), Sum(weight))
    elif scoped.rollups is not None and dims <= ROLLED_UP:
        # Services (S) and first rows (F, and M per month) of the roll-ups, plus the few fact rows
        # that count a person at the start of the period although an earlier row exists.
        kinds = Q(kind__in=["S", "F"])
        if monthly:
            kinds |= Q(kind="M", day__gte=_next_month(scoped.low)) if scoped.low else Q(kind="M")
        months, days = scoped.rollups
        if scoped.counts is not None and dims <= COUNTED:
            months = scoped.counts  # the same whole months, fewer rows
        rows = [row for rollup in (months, days) for row in grouped(rollup.filter(kinds), Sum("n"))]
        if scoped.low and counted:
            rows += grouped(_straddling(scoped, counted, monthly=monthly), Count("pk"))
    else:  # fact rows: the weight of services, each first single-partition row of people (cases)
        chosen = Q(indicator__in=services) | (_first(scoped.low, monthly=monthly) & Q(spread=False))
        with _aggregating():
            rows = grouped(scoped.qs.filter(chosen), Sum(weight))
    result: dict[str, dict] = {i.code: {} for i in indicators}
    for code, *group, n in rows:
        if not n:  # e.g. a constant group over no rows: no group, as in the exact rule
            continue
        for key in keys_of(tuple(group)):
            result[code][key] = result[code].get(key, 0) + n
    by_key: dict[str, list[str]] = {}
    for indicator in counted:
        by_key.setdefault(_key(indicator), []).append(indicator.code)
    for key_column, codes in by_key.items():  # people (cases) spread over partitions: each once
        spread = first.filter(spread=True, indicator__in=codes)
        if flag_at is None or key_column == "person_id":
            # Counted by the database: a person has one flag mask (flags belong to the person).
            for code, *group, n in grouped(spread, Count(key_column, distinct=True)):
                for key in keys_of(tuple(group)):
                    result[code][key] = result[code].get(key, 0) + n
            continue
        members: dict[tuple, set] = {}  # a case's people have different masks: each kind once
        spread = spread.annotate(**expressions)
        for code, key_value, *group in spread.values_list("indicator", key_column, *names).distinct():
            for key in keys_of(tuple(group)):
                members.setdefault((code, key), set()).add(key_value)
        for (code, key), found in members.items():
            result[code][key] = result[code].get(key, 0) + len(found)
    return result


def fact_totals(*, actor, indicators: list[Indicator], filters: IndicatorFilters) -> dict[str, int]:
    """Exact values of these indicators (same as `programmes.indicators.indicator_total`), together."""
    scoped = _scoped(actor=actor, indicators=indicators, filters=filters)
    cells = _grouped(scoped=scoped, indicators=indicators, expressions={})
    return {code: sum(values.values()) for code, values in cells.items()}


def fact_total(*, actor, indicator: Indicator, filters: IndicatorFilters) -> int:
    """Exact value of one indicator (same as `programmes.indicators.indicator_total`)."""
    return fact_totals(actor=actor, indicators=[indicator], filters=filters)[indicator.code]


def _dimension(indicator: Indicator, dimension: str, filters: IndicatorFilters):
    if dimension == "sex":
        return F("sex")
    if dimension == "age_group":
        return age_group_expression("", filters.as_of, dob="born")
    if dimension == "nationality":
        return F("nationality_id")
    if dimension == "country":
        return F("country_id")
    if dimension == "vulnerability":
        return F("flags")
    if dimension == "programme":
        if filters.programme:  # rows of the filtered programme only (its links, as the exact rule)
            return Value(filters.programme, output_field=CharField())
        return F("case__programme_links__programme__code")
    raise ValueError(dimension)


def _flag_groups(mask: int) -> list:
    return [kind for kind, bit in FLAG_BITS.items() if mask & bit] or [None]


def fact_breakdown(
    *, actor, indicator: Indicator, filters: IndicatorFilters, dimension: str | tuple[str, ...]
) -> dict:
    """Exact values per group (same as `programmes.indicators.indicator_breakdown`)."""
    dimensions = (dimension,) if isinstance(dimension, str) else tuple(dimension)
    for name in dimensions:
        if name not in indicator.disaggregations:
            raise ValueError(name)
    scoped = _scoped(actor=actor, indicators=[indicator], filters=filters)
    expressions = {f"g_{name}": _dimension(indicator, name, filters) for name in dimensions}
    cells = _grouped(scoped=scoped, indicators=[indicator], expressions=expressions)[indicator.code]
    if len(dimensions) == 1:
        return {key[0]: n for key, n in cells.items()}
    return cells


def fact_monthly(*, actor, indicator: Indicator, filters: IndicatorFilters) -> dict[datetime.date, int]:
    """Exact values per calendar month (same as `programmes.indicators.indicator_monthly`)."""
    scoped = _scoped(actor=actor, indicators=[indicator], filters=filters)
    cells = _grouped(
        scoped=scoped, indicators=[indicator], expressions={"g_month": TruncMonth("day")}, monthly=True
    )[indicator.code]
    result = {}
    for (month,), n in cells.items():
        if isinstance(month, datetime.datetime):
            month = month.date()
        result[month] = n
    return dict(sorted(result.items()))
