"""Attribution of cases to programmes (default rule by office/country coverage and period) and
targets: who may, idempotence, validation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.access.models import Role
from sankofa.programmes import services
from sankofa.programmes.models import Programme, ProgrammeCase
from tests import factories

from .builders import case_with

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def programme(office_a):
    programme = Programme.objects.create(
        code="ner-only", name_en="Niger", name_fr="Niger", starts_on=D(2020, 1, 1), ends_on=D(2099, 12, 31)
    )
    programme.offices.set([office_a])
    return programme


@pytest.fixture
def manager(regional_office):
    return factories.user_in(regional_office, Role.PROGRAMME_MANAGER)


def test_default_rule_links_cases_of_covered_offices_only_and_is_idempotent(
    manager, caseworker_a, caseworker_b, office_a, office_b
):
    mine = case_with(actor=caseworker_a, office=office_a)  # registered before the programme existed
    case_with(actor=caseworker_b, office=office_b)
    programme = Programme.objects.create(
        code="later", name_en="Later", name_fr="Plus tard", starts_on=D(2020, 1, 1), ends_on=D(2099, 12, 31)
    )
    programme.offices.set([office_a])
    assert services.programme_attribute_cases(programme=programme, actor=manager) == 1
    assert list(ProgrammeCase.objects.values_list("case_id", flat=True)) == [mine.pk]
    assert services.programme_attribute_cases(programme=programme, actor=manager) == 0


def test_default_rule_covers_offices_in_covered_countries(manager, caseworker_b, office_b):
    case_with(actor=caseworker_b, office=office_b)
    programme = Programme.objects.create(
        code="lby", name_en="Libya", name_fr="Libye", starts_on=D(2020, 1, 1), ends_on=D(2099, 12, 31)
    )
    programme.countries.set([office_b.country])
    assert services.programme_attribute_cases(programme=programme, actor=manager) == 1


def test_a_new_registration_is_attributed_by_the_same_rule_without_anyone_asking(
    programme, caseworker_a, caseworker_b, office_a, office_b
):
    country_wide = Programme.objects.create(
        code="lby", name_en="Libya", name_fr="Libye", starts_on=D(2020, 1, 1), ends_on=D(2099, 12, 31)
    )
    country_wide.countries.set([office_b.country])
    ended = Programme.objects.create(
        code="old", name_en="Old", name_fr="Ancien", starts_on=D(2018, 1, 1), ends_on=D(2019, 12, 31)
    )
    ended.offices.set([office_a])
    niamey = case_with(actor=caseworker_a, office=office_a)
    tripoli = case_with(actor=caseworker_b, office=office_b)
    assert set(ProgrammeCase.objects.filter(case=niamey).values_list("programme__code", flat=True)) == {
        "ner-only"  # not the programme that ended before the registration
    }
    assert set(ProgrammeCase.objects.filter(case=tripoli).values_list("programme__code", flat=True)) == {
        "lby"
    }
    assert ProgrammeCase.objects.get(case=niamey).source == ProgrammeCase.Source.COVERAGE
    assert services.programme_attribute_case(case=niamey) == 0  # idempotent


def test_an_office_change_attributes_the_case_to_the_programmes_of_its_new_office(
    programme, caseworker_b, office_a, office_b
):
    from sankofa.cases.services import timeline_record

    case = case_with(actor=caseworker_b, office=office_b)
    assert not ProgrammeCase.objects.filter(case=case).exists()
    case.owning_office = office_a
    case.save(update_fields=["owning_office"])
    timeline_record(case=case, actor=caseworker_b, kind="case.office_changed")
    assert ProgrammeCase.objects.filter(case=case, programme=programme).exists()


def test_caseworker_may_not_attribute_cases(programme, caseworker_a):
    with pytest.raises(PermissionDenied):
        services.programme_attribute_cases(programme=programme, actor=caseworker_a)


def test_manual_link_goes_on_the_case_timeline(programme, manager, caseworker_b, office_b):
    case = case_with(actor=caseworker_b, office=office_b)
    services.programme_case_link(programme=programme, case=case, actor=manager)
    assert case.timeline.filter(kind="programme.linked").exists()


def test_target_must_name_an_indicator_of_the_registry(programme, manager):
    with pytest.raises(ValidationError):
        services.target_set(
            programme=programme, indicator="NOPE", starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31), value=10,
            actor=manager,
        )  # fmt: skip
    target = services.target_set(
        programme=programme, indicator="PA1", starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31), value=10,
        actor=manager,
    )  # fmt: skip
    again = services.target_set(
        programme=programme, indicator="PA1", starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31), value=20,
        actor=manager,
    )  # fmt: skip
    assert again.pk == target.pk and again.value == 20
