"""Mean sustainability scores on the dashboard: per round and scheme version, hand-computed, scoped
like the indicators (only consenting members through a share), hidden below the disclosure threshold."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from sankofa.programmes.indicators import IndicatorFilters
from sankofa.reintegration import services
from sankofa.reports.selectors import sustainability_means

from .conftest import answers_all

pytestmark = pytest.mark.django_db
NO_SUPPRESSION = {"SANKOFA_SDC_THRESHOLD": 1, "SANKOFA_SDC_BASE": 1}


def _baseline(case, person):
    return services.followups_schedule(case=case, person=person)[0]


def _conduct(actor, survey, answers):
    return services.survey_conduct(
        actor=actor, survey=survey, answers=answers, conducted_on=timezone.localdate()
    )


@pytest.fixture
def surveyed(family, mother, son, caseworker_a, scheme):
    """Mother answers the best option everywhere (1.0), son the worst (0.0): mean 0.5."""
    _conduct(caseworker_a, _baseline(family, mother), answers_all(scheme, lambda opts: opts[-1]))
    _conduct(caseworker_a, _baseline(family, son), answers_all(scheme, lambda opts: opts[0]))
    return family


@override_settings(**NO_SUPPRESSION)
def test_means_are_per_round_and_hand_computable(surveyed, supervisor_a, scheme):
    [row] = sustainability_means(actor=supervisor_a, filters=IndicatorFilters())
    assert (row.people, row.scheme) == (2, f"{scheme.code} v{scheme.version}")
    assert (row.economic, row.social, row.psychosocial, row.composite) == (0.5, 0.5, 0.5, 0.5)


@override_settings(**NO_SUPPRESSION)
def test_origin_office_means_count_only_consenting_members(surveyed, origin_supervisor, caseworker_b):
    [row] = sustainability_means(actor=origin_supervisor, filters=IndicatorFilters())
    assert (row.people, row.composite) == (1, 1.0)  # the mother alone: the son did not consent
    assert sustainability_means(actor=caseworker_b, filters=IndicatorFilters()) == []


def test_a_round_of_fewer_people_than_the_threshold_publishes_no_mean(surveyed, supervisor_a):
    [row] = sustainability_means(actor=supervisor_a, filters=IndicatorFilters())
    assert row.people is None and row.composite is None


@override_settings(**NO_SUPPRESSION)
def test_dashboard_shows_the_means(surveyed, supervisor_a, client):
    client.force_login(supervisor_a)
    page = client.get(
        "/reports/", {"date_from": (timezone.localdate() - datetime.timedelta(days=30)).isoformat()}
    )
    assert page.status_code == 200
    assert 'id="score-means"' in page.content.decode() and "0.50" in page.content.decode()
