"""Indicator rules on hand-built records (DESIGN.md §5): unique individuals unless the unit is
services, reintegration counts people who returned earlier, programme attribution by period."""

import datetime

import pytest

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases import services
from sankofa.cases.services import FlagInput
from sankofa.people.models import Person
from sankofa.programmes.indicators import (
    INDICATORS,
    IndicatorFilters,
    indicator_breakdown,
    indicator_monthly,
    indicator_total,
    indicator_totals,
)
from sankofa.programmes.models import Programme, ProgrammeCase
from tests import factories

from .builders import assist, case_with, returned

pytestmark = pytest.mark.django_db

D = datetime.date
Y2024 = IndicatorFilters(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
Y2023 = IndicatorFilters(date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))


def total(actor, code, filters=Y2024):
    return indicator_total(actor=actor, indicator=INDICATORS[code], filters=filters)


def test_person_assisted_five_times_counts_once_but_five_services(caseworker_a, office_a):
    case = case_with(actor=caseworker_a, office=office_a)
    for day in range(1, 6):
        assist(case, on=D(2024, 3, day))
    assert total(caseworker_a, "PA1") == 1
    assert total(caseworker_a, "PA2") == 5


def test_records_outside_the_period_or_another_stage_do_not_count(caseworker_a, office_a):
    case = case_with(actor=caseworker_a, office=office_a)
    assist(case, on=D(2023, 12, 31))
    assist(case, on=D(2024, 2, 1), stage=AssistanceRecord.Stage.POST_ARRIVAL)
    assert total(caseworker_a, "PA1") == 0
    assert total(caseworker_a, "RE1") == 1


def test_reintegration_counts_people_who_returned_in_an_earlier_period(caseworker_a, office_a):
    case = case_with(actor=caseworker_a, office=office_a)
    returned(case, on=D(2023, 6, 1))
    assist(case, on=D(2024, 5, 1), stage=AssistanceRecord.Stage.REINTEGRATION)
    assert total(caseworker_a, "AVR1", Y2023) == 1
    assert total(caseworker_a, "AVR1") == 0  # returned in 2023, not in 2024
    assert total(caseworker_a, "RI1") == 1  # but reintegrated in 2024


def test_family_return_counts_each_person_once(caseworker_a, office_a):
    child = factories.member("Mamadou", sex="M", relationship="child", date_of_birth=D(2018, 1, 1))
    case = case_with(actor=caseworker_a, office=office_a, members=[child])
    son = case.members.exclude(person=case.principal).get().person
    returned(case, on=D(2024, 4, 1), people=[case.principal, son])
    returned(case, on=D(2024, 9, 1), people=[case.principal])  # a second return of the mother
    assert total(caseworker_a, "AVR1") == 2


def test_breakdowns_by_sex_age_nationality_and_country(caseworker_a, office_a):
    for sex, born, nat in [("F", D(1990, 1, 1), "GIN"), ("M", D(2010, 1, 1), "MLI"), ("M", None, "GIN")]:
        assist(
            case_with(actor=caseworker_a, office=office_a, sex=sex, born=born, nationality=nat),
            on=D(2024, 2, 1),
        )
    pa1 = INDICATORS["PA1"]
    assert indicator_breakdown(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="sex") == {
        "F": 1,
        "M": 2,
    }
    ages = indicator_breakdown(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="age_group")
    assert ages == {"25-34": 1, "12-17": 1, "unknown": 1}
    nats = indicator_breakdown(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="nationality")
    assert nats == {"GIN": 2, "MLI": 1}
    assert indicator_breakdown(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="country") == {
        "NER": 3
    }


def test_vot_indicator_counts_only_flagged_people(caseworker_a, office_a):
    flagged = case_with(
        actor=caseworker_a, office=office_a, flags=[FlagInput(0, "vot_presumed", D(2024, 1, 1), "")]
    )
    other = case_with(actor=caseworker_a, office=office_a)
    assist(flagged, on=D(2024, 2, 1))
    assist(flagged, on=D(2024, 2, 2))
    assist(other, on=D(2024, 2, 1))
    assert total(caseworker_a, "VOT1") == 1
    vulnerability = indicator_breakdown(
        actor=caseworker_a, indicator=INDICATORS["PA1"], filters=Y2024, dimension="vulnerability"
    )
    assert vulnerability == {"vot_presumed": 1, None: 1}


def test_programme_counts_linked_cases_inside_its_period_only(caseworker_a, office_a):
    programme = Programme.objects.create(
        code="p1", name_en="P", name_fr="P", starts_on=D(2024, 3, 1), ends_on=D(2024, 12, 31)
    )
    linked = case_with(actor=caseworker_a, office=office_a)
    unlinked = case_with(actor=caseworker_a, office=office_a)
    ProgrammeCase.objects.create(programme=programme, case=linked)
    assist(linked, on=D(2024, 2, 1))  # before the programme started
    assist(unlinked, on=D(2024, 4, 1))
    filters = IndicatorFilters(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), programme="p1")
    assert total(caseworker_a, "PA1", filters) == 0
    assist(linked, on=D(2024, 4, 1))
    assert total(caseworker_a, "PA1", filters) == 1


def test_monthly_trend_counts_a_person_once_per_month(caseworker_a, office_a):
    case = case_with(actor=caseworker_a, office=office_a)
    assist(case, on=D(2024, 1, 3))
    assist(case, on=D(2024, 1, 20))
    assist(case, on=D(2024, 2, 5))
    trend = indicator_monthly(actor=caseworker_a, indicator=INDICATORS["PA1"], filters=Y2024)
    assert trend == {D(2024, 1, 1): 1, D(2024, 2, 1): 1}


def test_office_user_counts_exclude_other_offices(caseworker_a, caseworker_b, office_a, office_b):
    assist(case_with(actor=caseworker_a, office=office_a), on=D(2024, 2, 1))
    assist(case_with(actor=caseworker_b, office=office_b), on=D(2024, 2, 1))
    assert total(caseworker_a, "PA1") == 1
    assert total(caseworker_b, "PA1") == 1


def test_regional_manager_counts_every_covered_office(
    regional_manager, caseworker_a, caseworker_b, office_a, office_b
):
    assist(case_with(actor=caseworker_a, office=office_a), on=D(2024, 2, 1))
    assist(case_with(actor=caseworker_b, office=office_b), on=D(2024, 2, 1))
    assert total(regional_manager, "PA1") == 2


def test_combined_headline_totals_equal_each_indicator_counted_alone(caseworker_a, office_a):
    flagged = case_with(actor=caseworker_a, office=office_a, flags=[FlagInput(0, "uasc", D(2024, 1, 1), "")])
    other = case_with(actor=caseworker_a, office=office_a)
    for case, stage in [
        (flagged, "transit"),
        (flagged, "post_arrival"),
        (other, "transit"),
        (other, "reintegration"),
    ]:
        assist(case, on=D(2024, 2, 1), stage=stage)
    returned(other, on=D(2024, 3, 1))
    combined = indicator_totals(actor=caseworker_a, indicators=list(INDICATORS.values()), filters=Y2024)
    assert combined == {code: total(caseworker_a, code) for code in INDICATORS}
    assert combined["UASC1"] == 1 and combined["PA2"] == 2


def test_through_a_share_only_members_who_consented_to_sharing_count(
    caseworker_a, supervisor_a, origin_caseworker, office_a, origin_office
):
    child = factories.member(given_name="Awa", family_name="Bah", sex="F", relationship="child")
    case = factories.register_case(
        actor=caseworker_a,
        office=office_a,
        members=[child],
        consents=[services.ConsentInput(0, "share_origin", True, D(2024, 1, 2))],  # the principal only
    )
    services.case_share(actor=supervisor_a, case=case, office=origin_office, reason="handover")
    for person in case.members.values_list("person", flat=True):
        assist(case, on=D(2024, 3, 1), person=Person.objects.get(pk=person))
    assert total(caseworker_a, "PA1") == 2  # the owning office counts everyone
    assert total(origin_caseworker, "PA1") == 1  # the origin office only the consenting principal
