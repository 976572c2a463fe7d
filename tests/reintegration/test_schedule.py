"""Follow-up survey schedule: the default months, and the months of the programmes funding a case."""

import datetime

import pytest
from django.test import override_settings

from sankofa.programmes.models import Programme, ProgrammeCase
from sankofa.reintegration.schedule import follow_up_months_for
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
START, END = D(2024, 1, 1), D(2026, 12, 31)


def _programme(code, months, starts=START, ends=END):
    return Programme.objects.create(
        code=code, name_en=code, name_fr=code, starts_on=starts, ends_on=ends, follow_up_months=months
    )


@override_settings(SANKOFA_FOLLOW_UP_MONTHS=(3, 6, 12))
def test_case_without_programme_schedule_gets_the_default(caseworker_a, office_a):
    case = factories.register_case(actor=caseworker_a, office=office_a)
    ProgrammeCase.objects.create(programme=_programme("silent", ""), case=case)
    assert follow_up_months_for(case, D(2025, 3, 1)) == [3, 6, 12]


def test_programmes_funding_the_case_at_return_set_the_months(caseworker_a, office_a):
    case = factories.register_case(actor=caseworker_a, office=office_a)
    ProgrammeCase.objects.create(programme=_programme("a", "1,6"), case=case)
    ProgrammeCase.objects.create(programme=_programme("b", "6,18"), case=case)
    ProgrammeCase.objects.create(programme=_programme("ended", "2", ends=D(2024, 6, 30)), case=case)
    assert follow_up_months_for(case, D(2025, 3, 1)) == [1, 6, 18]
