"""Reads for dashboards, reports, exports and the indicator API. Every published number goes through
`disclosure.protect` here; nothing in this module returns personal data."""

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import Avg, Count
from django.http import Http404
from django.utils.translation import gettext as _

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of, offices_of
from sankofa.cases.models import VulnerabilityFlag
from sankofa.core.models import Country
from sankofa.programmes.indicators import (
    AGE_GROUP_ORDER,
    INDICATORS,
    SURVEYED,
    Indicator,
    IndicatorFilters,
    indicator_breakdown,
    indicator_total,
    scoped_facts,
)
from sankofa.programmes.models import Target
from sankofa.programmes.rules import is_programme_staff
from sankofa.programmes.selectors import programmes_visible_to

from .disclosure import protect, protect_cells
from .facts import fact_breakdown, fact_monthly, fact_total, fact_totals, facts_as_of

# Figures of a refresh stay this long in the cache; a new refresh makes new keys anyway.
FIGURES_KEPT = 24 * 3600


def ensure_reader(actor) -> None:
    """Dashboards and reports are for programme staff; for anyone else they do not exist (404)."""
    if not is_programme_staff(actor):
        raise Http404


def indicators_list() -> list[Indicator]:
    return sorted(INDICATORS.values(), key=lambda i: i.order)


def indicator_or_404(code: str) -> Indicator:
    try:
        return INDICATORS[code]
    except KeyError:
        raise Http404 from None


def _country_names(codes) -> dict[str, Country]:
    return {c.iso3: c for c in Country.objects.filter(iso3__in=[c for c in codes if c])}


def label_of(dimension: str, key) -> str:
    """Human label of one group (in the active language)."""
    if key is None:
        return _("unknown") if dimension != "vulnerability" else _("no vulnerability recorded")
    if dimension == "sex":
        from sankofa.people.models import Sex

        return str(Sex(key).label) if key in Sex.values else key
    if dimension == "vulnerability":
        return str(VulnerabilityFlag.Kind(key).label) if key in VulnerabilityFlag.Kind.values else key
    if dimension in ("country", "nationality"):
        country = Country.objects.filter(iso3=key).first()
        return country.name if country else key
    if dimension == "age_group" and key == "unknown":
        return _("unknown")
    return str(key)


# Published figures are counted from the indicator fact table (reports.facts), which gives the same
# numbers as the exact rules of programmes.indicators as of its last refresh (`facts_as_of`).


def indicator_value(*, actor, indicator: Indicator, filters: IndicatorFilters) -> int | None:
    """One published value (disclosure control applied)."""
    return protect(fact_total(actor=actor, indicator=indicator, filters=filters))


def indicator_cells(*, actor, indicator: Indicator, filters: IndicatorFilters, dimension) -> dict:
    """One published breakdown (every cell protected)."""
    return protect_cells(
        fact_breakdown(actor=actor, indicator=indicator, filters=filters, dimension=dimension)
    )


def indicator_trend(
    *, actor, indicator: Indicator, filters: IndicatorFilters
) -> list[tuple[datetime.date, int | None]]:
    return list(protect_cells(fact_monthly(actor=actor, indicator=indicator, filters=filters)).items())


@dataclass
class Dashboard:
    filters: IndicatorFilters
    indicator: Indicator
    headlines: list[tuple[Indicator, int | None]]
    trend: list[tuple[datetime.date, int | None]]
    by_country: list[dict]
    by_sex_age: list[dict]
    by_vulnerability: list[tuple[str, int | None]]
    sexes: list[tuple[str, str]] = field(default_factory=list)
    refreshed_at: datetime.datetime | None = None  # figures count the records changed before this


def _figures_key(*, actor, filters: IndicatorFilters, indicator: Indicator, refreshed_at) -> str:
    """Who counts what, as of which refresh: figures depend on the actor only through the offices
    whose cases they read (scoping, shares and consent all follow from those)."""
    offices = sorted(office_ids_of(actor, roles=CASE_READERS))
    what = repr((offices, dataclasses.astuple(filters), filters.as_of, indicator.code))  # as_of: today
    return f"dashboard:{refreshed_at.isoformat()}:{hashlib.sha256(what.encode()).hexdigest()}"


def dashboard_figures(*, actor, filters: IndicatorFilters, indicator: Indicator) -> dict:
    """The dashboard's EXACT figures (headline totals, monthly trend, country, sex × age and
    vulnerability cells of the chosen indicator), counted once per refresh of the fact table for each
    scope and set of filters, then read from the "figures" cache by every user with the same offices
    until the next refresh changes the key. Not published as such: `dashboard` protects them."""
    refreshed_at = facts_as_of()
    figures_cache = caches["figures"]
    key = None
    if refreshed_at is not None:  # never built: nothing to keep
        key = _figures_key(actor=actor, filters=filters, indicator=indicator, refreshed_at=refreshed_at)
        if (figures := figures_cache.get(key)) is not None:
            return figures
    args = {"actor": actor, "indicator": indicator, "filters": filters}
    figures = {
        "refreshed_at": refreshed_at,
        "totals": fact_totals(actor=actor, indicators=indicators_list(), filters=filters),
        "trend": fact_monthly(**args),
        "country": fact_breakdown(**args, dimension="country"),
        "sex_age": fact_breakdown(**args, dimension=("age_group", "sex")),
        "vulnerability": fact_breakdown(**args, dimension="vulnerability"),
    }
    if key is not None:
        figures_cache.set(key, figures, timeout=FIGURES_KEPT)
    return figures


def dashboard(*, actor, filters: IndicatorFilters, indicator: Indicator) -> Dashboard:
    """The programme dashboard: headline figures as of `filters.date_to`, then the monthly trend, the
    map, the sex/age and vulnerability breakdowns of the chosen indicator, scoped to the cases the
    actor's offices may see, every cell protected."""
    ensure_reader(actor)
    figures = dashboard_figures(actor=actor, filters=filters, indicator=indicator)
    headlines = [(i, protect(figures["totals"][i.code])) for i in indicators_list()]
    trend = list(protect_cells(figures["trend"]).items())
    by_country_cells = protect_cells(figures["country"])
    countries = _country_names(by_country_cells)
    by_country = sorted(
        (
            {
                "iso3": iso3,
                "numeric": countries[iso3].numeric if iso3 in countries else "",
                "name": countries[iso3].name if iso3 in countries else _("unknown"),
                "value": value,
            }
            for iso3, value in by_country_cells.items()
        ),
        key=lambda row: row["name"],
    )
    sex_age = protect_cells(figures["sex_age"])
    sexes = sorted({sex for _age, sex in sex_age if sex})
    by_sex_age = []
    for group in AGE_GROUP_ORDER:
        values = {sex: sex_age.get((group, sex), 0) for sex in sexes}
        if any(v != 0 for v in values.values()):
            by_sex_age.append({"group": label_of("age_group", group), "values": [values[s] for s in sexes]})
    vulnerability = protect_cells(figures["vulnerability"])
    by_vulnerability = sorted(
        ((label_of("vulnerability", key), value) for key, value in vulnerability.items() if key is not None),
        key=lambda kv: kv[0],
    )
    return Dashboard(
        filters=filters,
        indicator=indicator,
        headlines=headlines,
        trend=trend,
        by_country=by_country,
        by_sex_age=by_sex_age,
        by_vulnerability=by_vulnerability,
        sexes=[(s, label_of("sex", s)) for s in sexes],
        refreshed_at=figures["refreshed_at"],
    )


def filter_choices(*, actor) -> dict:
    """What the filter form offers: programmes and offices the actor may see, every country."""
    return {
        "programmes": list(programmes_visible_to(actor)),
        "offices": list(offices_of(actor)),
        "countries": list(Country.objects.order_by("name_en")),
    }


def targets_visible_to(actor):
    """Targets of the programmes the actor may read."""
    return Target.objects.filter(programme__in=programmes_visible_to(actor)).select_related(
        "programme", "country"
    )


@dataclass
class Progress:
    target: Target
    indicator: Indicator
    achieved: int | None
    percent: int | None


def target_progress(
    *, actor, programme_code: str | None = None, country: str | None = None
) -> list[Progress]:
    """Each target with what the records say over its period, country and programme (protected), and
    the share achieved. A suppressed value has no percentage."""
    ensure_reader(actor)
    targets = targets_visible_to(actor)
    if programme_code:
        targets = targets.filter(programme__code=programme_code)
    if country:
        targets = targets.filter(country_id=country)
    result = []
    for target in targets:
        indicator = INDICATORS.get(target.indicator)
        if indicator is None:
            continue
        filters = IndicatorFilters(
            date_from=target.starts_on,
            date_to=target.ends_on,
            programme=target.programme.code,
            country=target.country_id,
        )
        achieved = indicator_value(actor=actor, indicator=indicator, filters=filters)
        percent = round(100 * achieved / target.value) if achieved is not None and target.value else None
        result.append(Progress(target=target, indicator=indicator, achieved=achieved, percent=percent))
    return result


@dataclass
class MigrantProfile:
    nationality: str | None
    returns_total: int | None
    pyramid: list[dict]
    sexes: list[tuple[str, str]]
    reasons: list[tuple[str, int | None, int | None]]  # label, count, percent of the total
    departures: list[dict]  # year, country, value
    main_departure: tuple[str, int | None] | None
    routes: list[tuple[str, int | None]]
    by_year: list[tuple[int, int | None, int | None]]  # year, returns, of which victims of trafficking


def _grouped(qs, person: str, **expressions) -> dict:
    from django.db.models import Count

    names = list(expressions)
    rows = qs.annotate(**expressions).values(*names).order_by().annotate(n=Count(person, distinct=True))
    if len(names) == 1:
        return {row[names[0]]: row["n"] for row in rows}
    return {tuple(row[name] for name in names): row["n"] for row in rows}


def migrant_profile(*, actor, filters: IndicatorFilters, nationality: str | None) -> MigrantProfile:
    """Profile of the people who returned voluntarily (indicator AVR1) in the period, of one
    nationality (or all): age/sex pyramid, reasons for leaving, countries of departure by year and
    the main one, countries on the route, returns by year and victims of trafficking among them.
    Every cell is protected; one GROUP BY per table."""
    from dataclasses import replace

    from django.db.models import F
    from django.db.models.functions import ExtractYear

    from sankofa.cases.models import MigrationProfile
    from sankofa.programmes.indicators import VOT_KINDS, _flagged, facts_for

    ensure_reader(actor)
    avr = INDICATORS["AVR1"]
    filters = replace(filters, nationality=nationality)
    qs = facts_for(actor=actor, indicator=avr, filters=filters)
    person = avr.facts.person
    total = protect(indicator_total(actor=actor, indicator=avr, filters=filters))

    # The profile reads the records themselves (reasons, routes and departures are not in the fact
    # table), so its pyramid does too, to agree with its other tables.
    pyramid_cells = protect_cells(
        indicator_breakdown(actor=actor, indicator=avr, filters=filters, dimension=("age_group", "sex"))
    )
    sexes = sorted({sex for _a, sex in pyramid_cells if sex})
    pyramid = []
    for group in AGE_GROUP_ORDER:
        values = [pyramid_cells.get((group, sex), 0) for sex in sexes]
        if any(v != 0 for v in values):
            pyramid.append({"group": label_of("age_group", group), "values": values})

    raw_reasons = _grouped(qs, person, reason=F("returnrequest__case__profile__reason_for_leaving"))
    reasons = []
    for key, value in sorted(raw_reasons.items(), key=lambda kv: -kv[1]):
        label = (
            str(MigrationProfile.Reason(key).label)
            if key in MigrationProfile.Reason.values
            else _("not recorded")
        )
        published = protect(value)
        reasons.append(
            (label, published, round(100 * published / total) if published is not None and total else None)
        )

    year = ExtractYear(avr.facts.date)
    departure_cells = protect_cells(_grouped(qs, person, year=year, country=F(f"{avr.facts.country}__iso3")))
    names = _country_names({country for _y, country in departure_cells})
    departures = [
        {"year": y, "country": names[c].name if c in names else c, "value": v}
        for (y, c), v in sorted(departure_cells.items(), key=lambda kv: (kv[0][0], -(kv[1] or 0)))
        if v != 0
    ]
    by_country = protect_cells(_grouped(qs, person, country=F(f"{avr.facts.country}__iso3")))
    main_departure = None
    if by_country:
        iso3 = max(by_country, key=lambda c: by_country[c] or 0)
        main_departure = (names[iso3].name if iso3 in names else iso3, by_country[iso3])

    route_cells = protect_cells(
        _grouped(qs, person, country=F("returnrequest__case__profile__route__country__iso3"))
    )
    route_names = _country_names(route_cells)
    routes = sorted(
        ((route_names[c].name if c in route_names else c, v) for c, v in route_cells.items() if c and v != 0),
        key=lambda kv: -(kv[1] or 0),
    )

    per_year = protect_cells(_grouped(qs, person, year=year))
    vot_year = protect_cells(_grouped(qs.filter(_flagged(VOT_KINDS)(person)), person, year=year))
    by_year = [(y, v, vot_year.get(y, 0)) for y, v in sorted(per_year.items())]
    return MigrantProfile(
        nationality=nationality,
        returns_total=total,
        pyramid=pyramid,
        sexes=[(s, label_of("sex", s)) for s in sexes],
        reasons=reasons,
        departures=departures,
        main_departure=main_departure,
        routes=routes,
        by_year=by_year,
    )


@dataclass(frozen=True)
class ScoreMeans:
    """Mean sustainability scores of one survey round under one scheme version."""

    round: str
    scheme: str
    people: int | None  # protected count
    economic: float | None = None
    social: float | None = None
    psychosocial: float | None = None
    composite: float | None = None


def sustainability_means(*, actor, filters: IndicatorFilters) -> list[ScoreMeans]:
    """Mean scores of the surveys conducted in the period, per round (baseline, months after return)
    and scheme version (means of two versions are not comparable), scoped and filtered like the
    indicators. A round with fewer people than the disclosure threshold publishes no mean: it could
    describe one person."""
    rows = (
        scoped_facts(actor=actor, facts=SURVEYED, filters=filters)
        .filter(composite__isnull=False)
        .values("kind", "month", "scheme__code", "scheme__version")
        .order_by("scheme__code", "scheme__version", "kind", "month")
        .annotate(
            people=Count("person", distinct=True),
            economic_mean=Avg("economic"),
            social_mean=Avg("social"),
            psychosocial_mean=Avg("psychosocial"),
            composite_mean=Avg("composite"),
        )
    )
    result = []
    for row in rows:
        name = (
            _("Baseline") if row["kind"] == "baseline" else _("%(months)s months") % {"months": row["month"]}
        )
        scheme = f"{row['scheme__code']} v{row['scheme__version']}"
        people = protect(row["people"])
        if people is None:
            result.append(ScoreMeans(round=name, scheme=scheme, people=None))
            continue
        means = {
            k: round(float(row[f"{k}_mean"]), 2) for k in ("economic", "social", "psychosocial", "composite")
        }
        result.append(ScoreMeans(round=name, scheme=scheme, people=people, **means))
    return result
