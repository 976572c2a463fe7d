"""The indicator registry (DESIGN.md §5). Each indicator is defined ONCE, here: code, EN/FR label,
unit, the records it reads (its rule) and the disaggregations it allows. Values are always computed
from the records by the database (one GROUP BY per breakdown), never typed in.

These functions return EXACT counts. Published outputs (dashboards, exports, the API) must go
through `sankofa.reports.selectors`, which apply statistical disclosure control."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Case as When_
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import Case, VulnerabilityFlag
from sankofa.cases.selectors import cases_visible_to, members_visible_to, sees_cases_through_shares
from sankofa.referrals.models import Referral
from sankofa.reintegration.models import (
    CommunityProject,
    PlanRevision,
    ProjectParticipant,
    SustainabilitySurvey,
)
from sankofa.returns.models import ReturnRequest


class Unit:
    INDIVIDUALS = "individuals"
    SERVICES = "services"
    CASES = "cases"
    PROJECTS = "projects"


UNIT_LABELS = {
    Unit.INDIVIDUALS: _("individuals"),
    Unit.SERVICES: _("services"),
    Unit.CASES: _("cases"),
    Unit.PROJECTS: _("projects"),
}

DIMENSIONS = {
    "sex": _("sex"),
    "age_group": _("age group"),
    "nationality": _("nationality"),
    "country": _("country of assistance"),
    "vulnerability": _("vulnerability"),
    "programme": _("programme"),
}
ALL_DIMENSIONS = tuple(DIMENSIONS)

# Age groups, by age in whole years at the end of the period. Lower bounds, then label.
AGE_GROUPS = (
    (60, "60+"),
    (50, "50-59"),
    (35, "35-49"),
    (25, "25-34"),
    (18, "18-24"),
    (12, "12-17"),
    (5, "5-11"),
    (0, "0-4"),
)
AGE_GROUP_ORDER = [label for _low, label in reversed(AGE_GROUPS)] + ["unknown"]
CHILD_GROUPS = frozenset({"0-4", "5-11", "12-17"})

VOT_KINDS = (VulnerabilityFlag.Kind.VOT_PRESUMED, VulnerabilityFlag.Kind.VOT_IDENTIFIED)


@dataclass(frozen=True)
class Facts:
    """Where an indicator's records are and how to reach, from one record, the person, the date, the
    case and the country of assistance (lookup paths)."""

    queryset: Callable[[], QuerySet]
    person: str
    date: str
    case: str
    country: str
    datetime: bool = False  # the date path is a DateTimeField
    # Lookup path to a timestamp that changes whenever the record does: the incremental refresh of
    # the indicator fact table (reports.facts) rebuilds the cases of records changed since its last run.
    changed: str = "updated_at"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    definition: str
    unit: str
    facts: Facts
    disaggregations: tuple[str, ...] = ALL_DIMENSIONS
    order: int = 0
    extra: Callable[[str], Q] | None = field(default=None)  # extra condition, given the person path


# One Facts object for every assistance indicator; each indicator adds its condition (stage, flags).
ASSISTANCE = Facts(
    queryset=lambda: AssistanceRecord.objects.all(),
    person="person",
    date="delivered_on",
    case="case",
    country="country",
)


def _stage(stage: str) -> Callable[[str], Q]:
    return lambda _person: Q(stage=stage)


def _flagged(kinds) -> Callable[[str], Q]:
    def condition(person_path: str) -> Q:
        flags = VulnerabilityFlag.objects.filter(
            person_id=OuterRef(f"{person_path}_id"), kind__in=list(kinds)
        )
        return Q(Exists(flags))

    return condition


RETURNED = Facts(
    queryset=lambda: ReturnRequest.people.through.objects.filter(
        returnrequest__status__in=[ReturnRequest.Status.DEPARTED, ReturnRequest.Status.ARRIVED],
        returnrequest__departed_on__isnull=False,
    ),
    person="person",
    date="returnrequest__departed_on",
    case="returnrequest__case",
    country="returnrequest__case__owning_office__country",
    changed="returnrequest__updated_at",
)


def _referred(status=None, date="referral__sent_at") -> Facts:
    def queryset():
        qs = Referral.people.through.objects.filter(referral__sent_at__isnull=False)
        return qs.filter(referral__status=status) if status else qs

    return Facts(
        queryset=queryset,
        person="person",
        date=date,
        case="referral__case",
        country="referral__office__country",
        datetime=True,
        changed="referral__updated_at",
    )


# A plan counts once, at its first approval; later revisions are re-approvals of the same plan.
PLANS_APPROVED = Facts(
    queryset=lambda: PlanRevision.objects.filter(number=1),
    person="plan__person",
    date="approved_at",
    case="plan__case",
    country="plan__arrival__office__country",
    datetime=True,
    changed="approved_at",  # revisions are never edited
)

# Surveys are conducted where the returnee lives after return: the country of assistance is their
# nationality (a survey names no office).
SURVEYED = Facts(
    queryset=lambda: SustainabilitySurvey.objects.filter(conducted_on__isnull=False),
    person="person",
    date="conducted_on",
    case="case",
    country="person__nationality",
)

PROJECT_PARTICIPANTS = Facts(
    queryset=lambda: ProjectParticipant.objects.exclude(project__status=CommunityProject.Status.CANCELLED),
    person="person",
    date="joined_on",
    case="case",
    country="project__country",
    changed="project__updated_at",  # joining also writes the case timeline, which the refresh follows
)

REGISTERED = Facts(
    queryset=lambda: Case.objects.all(),
    person="principal",
    date="registered_on",
    case="",
    country="owning_office__country",
)

_STANDARD = [
    Indicator(
        code="PA1",
        label=_("Migrants supported with protection assistance"),
        definition=_(
            "Unique individuals with at least one assistance record at the transit stage delivered in the period."
        ),
        unit=Unit.INDIVIDUALS,
        facts=ASSISTANCE,
        extra=_stage(AssistanceRecord.Stage.TRANSIT),
    ),
    Indicator(
        code="PA2",
        label=_("Protection assistance services delivered"),
        definition=_(
            "Assistance records at the transit stage delivered in the period (each service counts)."
        ),
        unit=Unit.SERVICES,
        facts=ASSISTANCE,
        extra=_stage(AssistanceRecord.Stage.TRANSIT),
    ),
    Indicator(
        code="AVR1",
        label=_("Migrants assisted to return voluntarily"),
        definition=_(
            "Unique individuals on a voluntary return request that departed in the period "
            "(status departed or arrived); country of assistance: country of the office that organised it."
        ),
        unit=Unit.INDIVIDUALS,
        facts=RETURNED,
    ),
    Indicator(
        code="RE1",
        label=_("Returnees receiving reception and post-arrival assistance"),
        definition=_(
            "Unique individuals with at least one post-arrival assistance record delivered in the period."
        ),
        unit=Unit.INDIVIDUALS,
        facts=ASSISTANCE,
        extra=_stage(AssistanceRecord.Stage.POST_ARRIVAL),
    ),
    Indicator(
        code="RI1",
        label=_("Returnees receiving at least one form of reintegration assistance"),
        definition=_(
            "Unique individuals with at least one reintegration assistance record delivered in the period, "
            "whenever they returned (people who returned in earlier periods count)."
        ),
        unit=Unit.INDIVIDUALS,
        facts=ASSISTANCE,
        extra=_stage(AssistanceRecord.Stage.REINTEGRATION),
    ),
    Indicator(
        code="REF1",
        label=_("Migrants referred to a service provider"),
        definition=_("Unique individuals on a referral sent in the period."),
        unit=Unit.INDIVIDUALS,
        facts=_referred(),
    ),
    Indicator(
        code="REF2",
        label=_("Migrants whose referral was completed"),
        definition=_(
            "Unique individuals on a referral completed in the period (date the service was completed)."
        ),
        unit=Unit.INDIVIDUALS,
        facts=_referred(Referral.Status.COMPLETED, date="referral__finished_at"),
    ),
    Indicator(
        code="VOT1",
        label=_("Victims of trafficking assisted"),
        definition=_(
            "Unique individuals flagged as presumed or identified victims of trafficking with at least one "
            "assistance record (any stage) delivered in the period."
        ),
        unit=Unit.INDIVIDUALS,
        facts=ASSISTANCE,
        extra=_flagged(VOT_KINDS),
    ),
    Indicator(
        code="UASC1",
        label=_("Unaccompanied or separated children assisted"),
        definition=_(
            "Unique individuals flagged as unaccompanied or separated children with at least one assistance "
            "record (any stage) delivered in the period."
        ),
        unit=Unit.INDIVIDUALS,
        facts=ASSISTANCE,
        extra=_flagged([VulnerabilityFlag.Kind.UASC]),
    ),
    Indicator(
        code="RP1",
        label=_("Returnees with an approved reintegration plan"),
        definition=_(
            "Unique individuals whose reintegration plan was first approved in the period (a revised plan "
            "approved again does not count again); country: that of the office that received them."
        ),
        unit=Unit.INDIVIDUALS,
        facts=PLANS_APPROVED,
    ),
    Indicator(
        code="SUS1",
        label=_("Returnees surveyed on the sustainability of their reintegration"),
        definition=_(
            "Unique individuals with a sustainability survey (baseline or follow-up) conducted in the "
            "period; country: their nationality, where they are surveyed."
        ),
        unit=Unit.INDIVIDUALS,
        facts=SURVEYED,
    ),
    Indicator(
        code="SUS2",
        label=_("Sustainability surveys conducted"),
        definition=_("Sustainability surveys conducted in the period (each survey counts)."),
        unit=Unit.SERVICES,
        facts=SURVEYED,
    ),
    Indicator(
        code="CP1",
        label=_("Returnees taking part in community projects"),
        definition=_(
            "Unique individuals who joined a community project (not cancelled) in the period; a returnee "
            "in two projects counts once. Community members without a case are counted on each project, "
            "not here."
        ),
        unit=Unit.INDIVIDUALS,
        facts=PROJECT_PARTICIPANTS,
    ),
    Indicator(
        code="CASE1",
        label=_("Cases registered"),
        definition=_(
            "Cases registered in the period; person disaggregations describe the principal applicant."
        ),
        unit=Unit.CASES,
        facts=REGISTERED,
    ),
]
INDICATORS: dict[str, Indicator] = {}
for _order, _indicator in enumerate(_STANDARD):
    INDICATORS[_indicator.code] = Indicator(**{**_indicator.__dict__, "order": _order})

# Not in the registry, which counts: mean sustainability scores (reintegration.selectors) and the
# number of community projects (a project is no person). See docs/indicators.md.


def indicator_get(code: str) -> Indicator:
    return INDICATORS[code]


@dataclass(frozen=True)
class IndicatorFilters:
    """What a dashboard, an export or an API call asks for. `date_to` is the "as of" date."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    programme: str | None = None  # programme code
    country: str | None = None  # ISO alpha-3 of the country of assistance
    office: int | None = None  # owning office of the case
    nationality: str | None = None  # ISO alpha-3

    @property
    def as_of(self) -> datetime.date:
        return self.date_to or datetime.date.today()


def _path(prefix: str, rest: str) -> str:
    return f"{prefix}__{rest}" if prefix else rest


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_group_expression(person: str, as_of: datetime.date, *, dob: str | None = None):
    """Age group at `as_of`, computed by the database from the date of birth (`dob`: its path, when
    not the person's own field, e.g. the copy in the indicator fact table)."""
    dob = dob or f"{person}__date_of_birth"
    whens = []
    for low, label in AGE_GROUPS:
        whens.append(When(**{f"{dob}__lte": years_before(as_of, low)}, then=Value(label)))
    return When_(*whens, default=Value("unknown"), output_field=CharField())


def dimension_expression(indicator: Indicator, dimension: str, filters: IndicatorFilters):
    facts = indicator.facts
    if dimension == "sex":
        return F(f"{facts.person}__sex")
    if dimension == "age_group":
        return age_group_expression(facts.person, filters.as_of)
    if dimension == "nationality":
        return F(f"{facts.person}__nationality__iso3")
    if dimension == "country":
        return F(f"{facts.country}__iso3")
    if dimension == "vulnerability":
        return F(f"{facts.person}__vulnerability_flags__kind")
    if dimension == "programme":
        return F(_path(facts.case, "programme_links__programme__code"))
    raise ValueError(dimension)


def facts_for(*, actor, indicator: Indicator, filters: IndicatorFilters, visible=None) -> QuerySet:
    """The indicator's records the actor may count: cases their offices see, in the period, matching
    the filters. The only place where scoping and filters meet the indicator rules."""
    qs = scoped_facts(actor=actor, facts=indicator.facts, filters=filters, visible=visible)
    if indicator.extra:
        qs = qs.filter(indicator.extra(indicator.facts.person))
    return qs


def scoped_facts(*, actor, facts: Facts, filters: IndicatorFilters, visible=None) -> QuerySet:
    """Records of one kind that the actor may count, in the period, matching the filters (before
    any indicator's own condition). `visible`: the actor's visible case ids, when already built."""
    qs = facts.queryset()
    if visible is None:
        visible = cases_visible_to(actor).values("pk")
    qs = qs.filter(**{f"{_path(facts.case, 'pk')}__in": visible})
    if sees_cases_through_shares(actor):
        # Through a share only the members who consented count, as only they can be seen.
        members = members_visible_to(actor).filter(
            case_id=OuterRef(_path(facts.case, "pk")), person_id=OuterRef(facts.person)
        )
        qs = qs.filter(Exists(members))
    date = f"{facts.date}__date" if facts.datetime else facts.date
    if filters.date_from:
        qs = qs.filter(**{f"{date}__gte": filters.date_from})
    qs = qs.filter(**{f"{date}__lte": filters.as_of})
    if filters.country:
        qs = qs.filter(**{f"{facts.country}__iso3": filters.country})
    if filters.office:
        qs = qs.filter(**{_path(facts.case, "owning_office_id"): filters.office})
    if filters.nationality:
        qs = qs.filter(**{f"{facts.person}__nationality__iso3": filters.nationality})
    if filters.programme:
        # Attribution: the case is linked to the programme and the record falls in its period.
        # The record's day (a timestamp's date, as for the period above) within the programme period.
        links = _path(facts.case, "programme_links__programme")
        day = TruncDate(facts.date) if facts.datetime else F(facts.date)
        qs = qs.filter(
            **{
                f"{links}__code": filters.programme,
                f"{links}__starts_on__lte": day,
                f"{links}__ends_on__gte": day,
            }
        )
    return qs


def count_expression(indicator: Indicator, *, conditional: bool = False):
    """COUNT for the indicator's unit; with `conditional`, restricted to its condition (FILTER)."""
    facts = indicator.facts
    where = indicator.extra(facts.person) if conditional and indicator.extra else None
    if indicator.unit == Unit.SERVICES:
        return Count("pk", distinct=True, filter=where)
    if indicator.unit == Unit.CASES:
        return Count(_path(facts.case, "pk"), distinct=True, filter=where)
    return Count(facts.person, distinct=True, filter=where)  # unique individuals: five services, one person


def indicator_totals(*, actor, indicators: list[Indicator], filters: IndicatorFilters) -> dict[str, int]:
    """Exact values of several indicators, the scope computed once. One query per indicator: merging
    them into one scan with a FILTER per COUNT(DISTINCT) was measured slower on PostgreSQL (each
    distinct aggregate sorts on its own, and the flag conditions run for every row)."""
    visible = cases_visible_to(actor).values("pk")
    result = {}
    for indicator in indicators:
        qs = facts_for(actor=actor, indicator=indicator, filters=filters, visible=visible)
        result[indicator.code] = qs.aggregate(n=count_expression(indicator))["n"] or 0
    return result


def indicator_total(*, actor, indicator: Indicator, filters: IndicatorFilters) -> int:
    """Exact value of one indicator for the filters (one aggregate query)."""
    qs = facts_for(actor=actor, indicator=indicator, filters=filters)
    return qs.aggregate(n=count_expression(indicator))["n"] or 0


def indicator_breakdown(
    *, actor, indicator: Indicator, filters: IndicatorFilters, dimension: str | tuple[str, ...]
) -> dict:
    """Exact values per group of one disaggregation, or of a cross of several (keys are then tuples),
    in one GROUP BY. A person counts once per group; groups of `vulnerability` and `programme`
    overlap, so they need not add up to the total."""
    dimensions = (dimension,) if isinstance(dimension, str) else tuple(dimension)
    for name in dimensions:
        if name not in indicator.disaggregations:
            raise ValueError(name)
    qs = facts_for(actor=actor, indicator=indicator, filters=filters)
    names = [f"g_{name}" for name in dimensions]
    annotations = {f"g_{name}": dimension_expression(indicator, name, filters) for name in dimensions}
    rows = qs.annotate(**annotations).values(*names).order_by().annotate(n=count_expression(indicator))
    if len(names) == 1:
        return {row[names[0]]: row["n"] for row in rows}
    return {tuple(row[name] for name in names): row["n"] for row in rows}


def indicator_monthly(*, actor, indicator: Indicator, filters: IndicatorFilters) -> dict[datetime.date, int]:
    """Exact values per calendar month (a person assisted in two months counts in each)."""
    qs = facts_for(actor=actor, indicator=indicator, filters=filters)
    rows = (
        qs.annotate(g_month=TruncMonth(indicator.facts.date))
        .values("g_month")
        .order_by()
        .annotate(n=count_expression(indicator))
    )
    result = {}
    for row in rows:
        month = row["g_month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        result[month] = row["n"]
    return dict(sorted(result.items()))
