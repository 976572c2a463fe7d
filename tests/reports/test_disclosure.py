"""Statistical disclosure control: small cells suppressed, other cells and totals rounded, so that
no cell under the threshold can be read or derived from a published breakdown and its total."""

import datetime

import pytest
from django.test import override_settings

from sankofa.programmes.indicators import INDICATORS, IndicatorFilters, indicator_breakdown, indicator_total
from sankofa.reports.disclosure import protect
from sankofa.reports.selectors import indicator_cells, indicator_value

pytestmark = pytest.mark.django_db
Y2024 = IndicatorFilters(date_from=datetime.date(2024, 1, 1), date_to=datetime.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("exact", "published"),
    [(0, 0), (1, None), (4, None), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (28537, 28535)],
)
def test_small_counts_are_suppressed_and_others_rounded_to_five(exact, published):
    assert protect(exact) == published


@override_settings(SANKOFA_SDC_THRESHOLD=10, SANKOFA_SDC_BASE=1)
def test_threshold_and_rounding_are_configurable():
    assert protect(9) is None
    assert protect(11) == 11


def test_no_small_cell_can_be_derived_from_a_breakdown_and_its_total(caseworker_a, assisted):
    """Niamey: 12 women, 3 men. Exact total 15; the 3 men are suppressed; published women 10, total 15:
    15 - 10 = 5 is not 3, and any published value stays at or above the threshold."""
    pa1 = INDICATORS["PA1"]
    exact = indicator_breakdown(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="sex")
    assert exact == {"F": 12, "M": 3}
    cells = indicator_cells(actor=caseworker_a, indicator=pa1, filters=Y2024, dimension="sex")
    total = indicator_value(actor=caseworker_a, indicator=pa1, filters=Y2024)
    assert cells == {"F": 10, "M": None}
    assert total == 15
    derived = total - sum(v for v in cells.values() if v is not None)
    assert derived != exact["M"]
    # Whatever the breakdown, a published value is 0, suppressed, or at least the threshold.
    for dimension in pa1.disaggregations:
        for value in indicator_cells(
            actor=caseworker_a, indicator=pa1, filters=Y2024, dimension=dimension
        ).values():
            assert value is None or value == 0 or value >= 5


def test_suppressed_cells_never_reveal_exact_small_values_across_all_indicators(caseworker_a, assisted):
    for indicator in INDICATORS.values():
        exact_total = indicator_total(actor=caseworker_a, indicator=indicator, filters=Y2024)
        published = indicator_value(actor=caseworker_a, indicator=indicator, filters=Y2024)
        if 0 < exact_total < 5:
            assert published is None
        elif exact_total:
            assert published % 5 == 0
