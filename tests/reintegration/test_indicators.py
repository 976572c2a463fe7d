"""Reintegration indicators of the registry (docs/indicators.md): plans approved count a returnee
once whatever the revisions, community-project participants once whatever the projects; the fact
table serving the dashboard gives the same figures; another office counts nothing."""

from decimal import Decimal

import pytest

from sankofa.programmes.indicators import INDICATORS, IndicatorFilters, indicator_breakdown, indicator_total
from sankofa.reintegration import services
from sankofa.reports.facts import fact_total, facts_rebuild

from .conftest import PAST, add_item

pytestmark = pytest.mark.django_db
ALL = IndicatorFilters()


def project(actor, office, *, name):
    return services.project_create(
        actor=actor, office=office, name=name, kind="agriculture", country=office.country,
        location="Labé", budget=Decimal("1000000"), currency="GNF", starts_on=PAST, community_members=10,
    )  # fmt: skip


def _both(actor, code) -> tuple[int, int]:
    facts_rebuild()
    args = {"actor": actor, "indicator": INDICATORS[code], "filters": ALL}
    return indicator_total(**args), fact_total(**args)


def test_a_plan_approved_twice_counts_its_returnee_once(
    approved_plan, origin_caseworker, origin_supervisor, caseworker_b
):
    assert _both(origin_supervisor, "RP1") == (1, 1)
    add_item(approved_plan, origin_caseworker, budget="80", currency="EUR", kind="counselling")
    approved_plan.refresh_from_db()
    plan = services.plan_submit(actor=origin_caseworker, plan=approved_plan, version=approved_plan.version)
    services.plan_approve(actor=origin_supervisor, plan=plan, version=plan.version)
    assert _both(origin_supervisor, "RP1") == (1, 1)
    args = {"actor": origin_supervisor, "indicator": INDICATORS["RP1"], "filters": ALL}
    assert indicator_breakdown(**args, dimension="country") == {"GIN": 1}  # the receiving office's country
    assert _both(caseworker_b, "RP1") == (0, 0)


def test_a_returnee_in_two_community_projects_counts_once(
    arrival, origin_caseworker, origin_office, caseworker_b
):
    for name in ("Maraîchage de Labé", "Atelier de couture"):
        services.project_participant_add(
            actor=origin_caseworker,
            project=project(origin_caseworker, origin_office, name=name),
            case=arrival.case,
            person=arrival.person,
        )
    assert _both(origin_caseworker, "CP1") == (1, 1)
    assert _both(caseworker_b, "CP1") == (0, 0)
