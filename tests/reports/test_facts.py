"""The indicator fact table (reports.facts) gives EXACTLY the numbers of the exact rules of
programmes.indicators, for every indicator, disaggregation, cross and month, for users of one office,
of a region and of an origin office that sees a case only through a share; it follows changes through
its refresh; it keeps every office to its own figures."""

import datetime
import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db.models import Sum

from sankofa.access import selectors as access_selectors
from sankofa.access.models import Membership
from sankofa.assistance.models import AssistanceRecord
from sankofa.cases import selectors as cases_selectors
from sankofa.cases.models import CaseMember, CaseShare, Consent, VulnerabilityFlag
from sankofa.programmes import indicators as indicators_module
from sankofa.programmes.indicators import (
    INDICATORS,
    IndicatorFilters,
    indicator_breakdown,
    indicator_monthly,
    indicator_total,
)
from sankofa.programmes.models import Programme, ProgrammeCase
from sankofa.reports import facts as facts_module
from sankofa.reports.facts import (
    fact_breakdown,
    fact_monthly,
    fact_total,
    fact_totals,
    facts_as_of,
    facts_rebuild,
    facts_refresh,
    facts_refresh_cases,
)
from sankofa.reports.models import (
    IndicatorFact,
    IndicatorFactAge,
    IndicatorFactAgeYear,
    IndicatorFactCount,
    IndicatorFactDay,
    IndicatorFactMonth,
)
from tests import factories
from tests.programmes.builders import assist, case_with

pytestmark = pytest.mark.django_db
D = datetime.date


@contextmanager
def scope_remembered():
    """Inside, each actor's scope (offices, whether they see cases through shares) is asked of the
    database once and then remembered: both sides of a comparison still apply it to every figure,
    and nothing in the block changes memberships, offices or shares. Without it each figure spent
    more time on these few identical queries than on its own (on PostgreSQL ~1 ms each, some
    20,000 of them per test)."""
    offices, shares = {}, {}

    def office_ids_of(actor, *, roles=None, sensitive=False):
        key = (actor.pk, None if roles is None else frozenset(roles), sensitive)
        if key not in offices:
            offices[key] = set(access_selectors.office_ids_of(actor, roles=roles, sensitive=sensitive))
        return set(offices[key])

    def sees_cases_through_shares(actor):
        if actor.pk not in shares:
            shares[actor.pk] = through_shares(actor)
        return shares[actor.pk]

    through_shares = cases_selectors.sees_cases_through_shares
    with pytest.MonkeyPatch.context() as patch:
        for module in (cases_selectors, facts_module):
            patch.setattr(module, "office_ids_of", office_ids_of)
        for module in (cases_selectors, facts_module, indicators_module):
            patch.setattr(module, "sees_cases_through_shares", sees_cases_through_shares)
        yield


def assert_same(actor, filters: IndicatorFilters) -> None:
    """Fact table and exact rules agree on every figure the dashboard, exports and API publish."""
    with scope_remembered():
        _assert_same(actor, filters)


def _assert_same(actor, filters: IndicatorFilters) -> None:
    for indicator in INDICATORS.values():
        args = {"actor": actor, "indicator": indicator, "filters": filters}
        where = (actor.username, indicator.code, filters)
        assert fact_total(**args) == indicator_total(**args), where
        for dimension in indicator.disaggregations:
            assert fact_breakdown(**args, dimension=dimension) == indicator_breakdown(
                **args, dimension=dimension
            ), (*where, dimension)
        cross = ("age_group", "sex")
        assert fact_breakdown(**args, dimension=cross) == indicator_breakdown(**args, dimension=cross), where
        assert fact_monthly(**args) == indicator_monthly(**args), where
    # The dashboard's headline figures, all indicators counted together.
    together = fact_totals(actor=actor, indicators=list(INDICATORS.values()), filters=filters)
    assert together == {
        code: indicator_total(actor=actor, indicator=indicator, filters=filters)
        for code, indicator in INDICATORS.items()
    }, (actor.username, filters)


@pytest.fixture
def tangled(assisted, caseworker_a, caseworker_b, office_a, office_b, origin_office):
    """The reports fixture, plus what makes counting hard: several flags on one person, a person in
    two cases and assisted in two countries, mid-month records, a programme with a period, and a case
    shared with the origin office where only one of two members consented."""
    women = assisted
    first = women[1].principal
    for kind in (VulnerabilityFlag.Kind.UASC, VulnerabilityFlag.Kind.VOT_PRESUMED):
        VulnerabilityFlag.objects.create(
            case=women[1], person=first, kind=kind, identified_on=D(2024, 1, 2), recorded_by=caseworker_a
        )
    tripoli = case_with(actor=caseworker_b, office=office_b, sex="M", nationality="NGA", given_name="Z")
    traveller = women[2].principal
    CaseMember.objects.create(
        case=tripoli, person=traveller, relationship=CaseMember.Relationship.NOT_RELATED
    )
    assist(tripoli, on=D(2024, 5, 20), person=traveller)
    assist(women[3], on=D(2024, 3, 15), country=factories.country("LBY"))
    assist(
        women[4],
        on=D(2025, 1, 10),
        stage=AssistanceRecord.Stage.REINTEGRATION,
        country=factories.country("GIN"),
    )
    assist(women[5], on=D(2024, 2, 29), stage=AssistanceRecord.Stage.POST_ARRIVAL)
    programme = Programme.objects.create(
        code="p24", name_en="P", name_fr="P", starts_on=D(2024, 2, 15), ends_on=D(2024, 6, 30)
    )
    for case in women[:6]:
        ProgrammeCase.objects.get_or_create(programme=programme, case=case)
    family = women[0]
    sibling = factories.member("Awa", "Camara", sex="F", nationality="GIN")
    from sankofa.people.models import Person

    sister = Person.objects.create(**sibling.person)
    CaseMember.objects.create(case=family, person=sister, relationship=CaseMember.Relationship.NOT_RELATED)
    assist(family, on=D(2024, 4, 4), person=sister)
    CaseShare.objects.create(case=family, office=origin_office, reason="handover", shared_by=caseworker_a)
    Consent.objects.create(
        case=family, person=family.principal, purpose=Consent.Purpose.SHARE_ORIGIN, granted=True,
        given_on=D(2024, 1, 1), recorded_by=caseworker_a,
    )  # fmt: skip
    # Born in months where the day of birth decides the age group at an "as of" date in 2024 (the
    # 18th, 35th and 5th birthdays fall around 15 July 2024): read apart from the age roll-up; and
    # in the months on either side of one, which the roll-up answers.
    births = (D(2006, 7, 10), D(2006, 7, 20), D(2006, 6, 30), D(2006, 8, 1), D(1989, 12, 31), D(2019, 7, 16),
              D(2024, 1, 3))  # fmt: skip
    for born in births:
        baby = case_with(actor=caseworker_a, office=office_a, sex="M", nationality="MLI", born=born,
                         given_name=f"B{born.isoformat()}")  # fmt: skip
        assist(baby, on=D(2024, 3, 5))
    facts_rebuild()
    return women


FILTERS = [
    IndicatorFilters(),
    IndicatorFilters(date_from=D(2024, 2, 3), date_to=D(2024, 7, 15)),  # mid-month at both ends
    IndicatorFilters(country="LBY", date_from=D(2024, 3, 20)),
    IndicatorFilters(programme="p24", date_from=D(2024, 3, 1), date_to=D(2024, 12, 31)),
    IndicatorFilters(nationality="GIN", date_to=D(2024, 6, 30)),
    IndicatorFilters(date_from=D(2024, 3, 1), date_to=D(2024, 5, 31)),  # whole months: monthly roll-up
    IndicatorFilters(date_from=D(2024, 4, 2), date_to=D(2024, 4, 20)),  # inside one month: daily roll-up
    IndicatorFilters(date_from=D(2024, 2, 1), date_to=D(2024, 6, 30)),  # a row after one before the period
    IndicatorFilters(date_from=D(2023, 11, 1), date_to=D(2025, 2, 14)),  # months, a whole year, months, days
]


def test_fact_table_gives_the_exact_figures_on_hand_built_records(
    tangled, caseworker_a, caseworker_b, regional_manager, origin_caseworker, office_a
):
    assert IndicatorFact.objects.filter(spread=True).exists()  # the hard case is exercised
    for actor in (caseworker_a, caseworker_b, regional_manager, origin_caseworker):
        for filters in FILTERS:
            assert_same(actor, filters)
    assert_same(regional_manager, IndicatorFilters(office=office_a.pk, programme="nope"))


def test_an_office_user_never_counts_another_offices_records(tangled, caseworker_b, regional_manager):
    pa1 = INDICATORS["PA1"]
    whole = IndicatorFilters()
    # Tripoli: its 7 people, the Niamey woman assisted in its case, nobody of Niamey's own cases.
    assert fact_total(actor=caseworker_b, indicator=pa1, filters=whole) == 8
    assert fact_total(actor=regional_manager, indicator=pa1, filters=whole) > 8
    assert fact_breakdown(actor=caseworker_b, indicator=pa1, filters=whole, dimension="nationality") == {
        "NGA": 7,
        "GIN": 1,
    }


def test_origin_office_counts_only_the_consenting_members_of_a_shared_case(tangled, origin_caseworker):
    pa1 = INDICATORS["PA1"]
    assert fact_total(actor=origin_caseworker, indicator=pa1, filters=IndicatorFilters()) == 1


def test_refresh_follows_new_records_and_says_as_of_when(tangled, caseworker_a):
    pa2 = INDICATORS["PA2"]
    whole = IndicatorFilters()
    before = fact_total(actor=caseworker_a, indicator=pa2, filters=whole)
    built = facts_as_of()
    assist(tangled[7], on=D(2024, 9, 9))
    assert fact_total(actor=caseworker_a, indicator=pa2, filters=whole) == before  # not yet refreshed
    result = facts_refresh()
    assert not result.full and result.cases >= 1
    assert fact_total(actor=caseworker_a, indicator=pa2, filters=whole) == before + 1
    assert facts_as_of() > built
    assert_same(caseworker_a, whole)


def test_refresh_follows_a_new_flag_on_a_person_of_another_case(tangled, regional_manager, caseworker_b):
    """Flags belong to the person: a flag recorded in one case shows on their rows of every case."""
    traveller = tangled[2].principal
    other = CaseMember.objects.filter(person=traveller).exclude(case=tangled[2]).get().case
    VulnerabilityFlag.objects.create(
        case=other, person=traveller, kind=VulnerabilityFlag.Kind.DISABILITY, identified_on=D(2024, 5, 1),
        recorded_by=caseworker_b,
    )  # fmt: skip
    facts_refresh()
    assert_same(regional_manager, IndicatorFilters())


def test_registration_through_the_services_queues_a_refresh(
    tangled, caseworker_a, office_a, django_capture_on_commit_callbacks
):
    cases = fact_total(actor=caseworker_a, indicator=INDICATORS["CASE1"], filters=IndicatorFilters())
    with django_capture_on_commit_callbacks(execute=True):
        case_with(actor=caseworker_a, office=office_a, given_name="New")
    assert (
        fact_total(actor=caseworker_a, indicator=INDICATORS["CASE1"], filters=IndicatorFilters()) == cases + 1
    )


def test_the_command_rebuilds_or_refreshes(tangled):
    out = io.StringIO()
    call_command("refresh_indicator_facts", "--full", stdout=out)
    assert "Rebuilt" in out.getvalue()
    call_command("refresh_indicator_facts", stdout=out)
    assert "Refreshed" in out.getvalue()


def test_fact_table_gives_the_exact_figures_on_generated_demo_data():
    """`sankofa demo` data: generated assistance, returns, referrals, handovers (shares), programmes."""
    call_command("demo", people=300, stdout=io.StringIO())
    facts_rebuild()
    users = {}
    for membership in Membership.objects.select_related("user", "office").order_by("pk"):
        users.setdefault(membership.office.kind, membership.user)
    assert users
    today = datetime.date.today()
    filters = [
        IndicatorFilters(),
        IndicatorFilters(date_from=today.replace(day=13) - datetime.timedelta(days=400), country="NER"),
        IndicatorFilters(programme="mprr-wca"),
    ]
    for actor in users.values():
        for f in filters:
            assert_same(actor, f)


def test_programme_figures_follow_a_new_link_after_the_refresh(tangled, regional_manager):
    """Roll-ups count the rows of linked cases again under each programme: a case linked after the
    last refresh counts for the programme from the next one."""
    programme = Programme.objects.get(code="p24")
    filters = IndicatorFilters(programme="p24")
    before = fact_total(actor=regional_manager, indicator=INDICATORS["PA1"], filters=filters)
    unlinked = tangled[8]  # assisted on 10 March 2024, inside the programme's period
    assert not ProgrammeCase.objects.filter(case=unlinked).exists()
    ProgrammeCase.objects.create(programme=programme, case=unlinked)
    assert fact_total(actor=regional_manager, indicator=INDICATORS["PA1"], filters=filters) == before
    facts_refresh()
    assert fact_total(actor=regional_manager, indicator=INDICATORS["PA1"], filters=filters) == before + 1
    assert_same(regional_manager, filters)


def roll_up_sums() -> dict:
    """Every roll-up as {key: SUM(n)}, zero sums left out: what the figures read."""
    sums = {}
    for model in (
        IndicatorFactDay,
        IndicatorFactMonth,
        IndicatorFactCount,
        IndicatorFactAge,
        IndicatorFactAgeYear,
    ):
        keys = [field.attname for field in model._meta.concrete_fields if field.name not in ("id", "n")]
        rows = model.objects.values(*keys).annotate(t=Sum("n")).values_list(*keys, "t")
        sums[model.__name__] = {tuple(row[:-1]): row[-1] for row in rows if row[-1]}
    return sums


def test_refreshes_take_away_and_add_exactly_what_a_rebuild_writes(
    tangled, caseworker_a, caseworker_b, office_b, regional_manager
):
    """A refresh takes away what the changed cases and their people counted and adds what they count
    now: after several, the roll-ups sum to what a full rebuild writes."""
    women = tangled
    # A woman of a Niamey case, assisted in a new Tripoli case: her rows there become "spread".
    moved = women[6].principal
    tripoli = case_with(actor=caseworker_b, office=office_b, sex="M", nationality="NGA", given_name="Y")
    CaseMember.objects.create(case=tripoli, person=moved, relationship=CaseMember.Relationship.NOT_RELATED)
    assist(tripoli, on=D(2024, 8, 2), person=moved)
    ProgrammeCase.objects.create(programme=Programme.objects.get(code="p24"), case=women[9])
    # Only the changed cases (a refresh here would take every case: all were written minutes ago).
    facts_refresh_cases([tripoli.pk, women[9].pk])
    assert_same(regional_manager, IndicatorFilters())
    assert_same(regional_manager, IndicatorFilters(programme="p24"))
    VulnerabilityFlag.objects.create(
        case=women[4], person=women[4].principal, kind=VulnerabilityFlag.Kind.DISABILITY,
        identified_on=D(2024, 5, 1), recorded_by=caseworker_a,
    )  # fmt: skip
    assist(tripoli, on=D(2024, 9, 9), person=moved)
    assist(women[9], on=D(2024, 6, 1))
    facts_refresh()
    refreshed = roll_up_sums()
    for filters in (IndicatorFilters(), IndicatorFilters(programme="p24"), FILTERS[1]):
        assert_same(regional_manager, filters)
    facts_rebuild()
    assert roll_up_sums() == refreshed


def test_building_works_with_queries_logged(tangled):
    """With DEBUG (make demo) every statement is logged through %-formatting: a stray % in the SQL
    of the roll-ups would crash the build there and nowhere else."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as logged:
        facts_rebuild()
    assert any("reports_indicatorfactage" in q["sql"] for q in logged.captured_queries)
