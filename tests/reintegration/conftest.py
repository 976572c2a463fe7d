"""Fixtures of reintegration: the Niamey family (Aïssatou DIALLO and her son) returned to Guinea and
handed over to the Conakry office, which acknowledged it. Only the mother consented to sharing with
the origin office, so Conakry sees her and not her son."""

import datetime

import pytest
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.cases.models import Consent
from sankofa.reintegration import services
from sankofa.returns import services as return_services
from tests import factories
from tests.returns.conftest import approved, consent

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=3)


@pytest.fixture
def origin_supervisor(origin_office):
    return factories.user_in(origin_office, Role.SUPERVISOR, username="sup_origin")


@pytest.fixture
def origin_supervisor2(origin_office):
    return factories.user_in(origin_office, Role.SUPERVISOR, username="sup_origin2")


@pytest.fixture
def origin_admin(origin_office):
    return factories.user_in(origin_office, Role.ADMINISTRATOR, username="admin_origin")


@pytest.fixture
def mother(case_a):
    return case_a.principal


@pytest.fixture
def son(case_a):
    return case_a.members.exclude(person=case_a.principal).get().person


@pytest.fixture
def handed_over(case_a, mother, son, caseworker_a, supervisor_a, origin_office, origin_caseworker):
    """case_a approved for return, handed over to Conakry and acknowledged there. The mother consented
    to sharing with the origin office, to assistance and to monitoring; both consented to return."""
    consent(case_a, mother)
    factories.consent_given(case_a, [mother], Consent.Purpose.ASSISTANCE, Consent.Purpose.MONITORING)
    request = approved(case_a, [mother, son], caseworker=caseworker_a, supervisor=supervisor_a)
    handover = return_services.handover_send(actor=caseworker_a, request=request, to_office=origin_office)
    return_services.handover_acknowledge(actor=origin_caseworker, handover=handover)
    return case_a


@pytest.fixture
def arrival(handed_over, mother, origin_caseworker):
    return services.arrival_record(
        actor=origin_caseworker,
        case=handed_over,
        person=mother,
        arrived_on=PAST,
        place="Aéroport de Conakry-Gbessia",
        received_by="Mariam Camara (OIM)",
    )


@pytest.fixture
def plan(arrival, origin_caseworker):
    return services.plan_create(
        actor=origin_caseworker,
        case=arrival.case,
        person=arrival.person,
        economic_summary="Petit commerce de tissus à Labé",
    )


def add_item(plan, actor, *, budget="500000", currency="GNF", kind="microbusiness", **kwargs):
    from decimal import Decimal

    plan.refresh_from_db()
    kwargs.setdefault("provider_name", "Chambre de commerce de Labé")
    return services.plan_item_add(
        actor=actor,
        plan=plan,
        version=plan.version,
        kind=kind,
        description=kwargs.pop("description", "Stock de départ"),
        budget=Decimal(budget),
        currency=currency,
        **kwargs,
    )


def submitted(plan, actor):
    add_item(plan, actor)
    plan.refresh_from_db()
    return services.plan_submit(actor=actor, plan=plan, version=plan.version)


@pytest.fixture
def approved_plan(plan, origin_caseworker, origin_supervisor):
    p = submitted(plan, origin_caseworker)
    return services.plan_approve(actor=origin_supervisor, plan=p, version=p.version)
