"""Fixtures of the return journey: a family case in Niamey (Aïssatou DIALLO and her son), where only
the mother consented to sharing with the origin office, a Conakry office receiving returns, and
helpers that take a request through each step with the services."""

import datetime

import pytest
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.cases import services as case_services
from sankofa.cases.models import Consent
from sankofa.returns import services
from sankofa.returns.models import FitToTravel, Movement, TravelDocument
from tests import factories

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)


def consent(case, person, purpose=Consent.Purpose.SHARE_ORIGIN, actor=None, granted=True):
    return case_services.consent_record(
        actor=actor or case.assigned_to,
        case=case,
        person=person,
        consent=case_services.ConsentInput(0, purpose, granted, PAST),
    )


@pytest.fixture
def mother(case_a):
    return case_a.principal


@pytest.fixture
def son(case_a):
    return case_a.members.exclude(person=case_a.principal).get().person


@pytest.fixture
def family(case_a, mother):
    """case_a with the mother's consent to share with the origin office (the son has none), and both
    consenting to return."""
    consent(case_a, mother)
    for member in case_a.members.all():
        consent(case_a, member.person, Consent.Purpose.RETURN)
    return case_a


@pytest.fixture
def supervisor_a2(office_a):
    return factories.user_in(office_a, Role.SUPERVISOR, username="sup_a2")


@pytest.fixture
def origin_supervisor(origin_office):
    return factories.user_in(origin_office, Role.SUPERVISOR, username="sup_origin")


def request_for(case, people, actor=None, *, with_consent=True):
    """A return request through the service; first, as a caseworker would, each person's consent to
    return is recorded (`with_consent=False` to test the refusal)."""
    if with_consent:
        factories.consent_given(case, people, Consent.Purpose.RETURN, on=PAST)
    return services.return_request_create(
        actor=actor or case.assigned_to,
        case=case,
        people=list(people),
        destination_country=factories.country("GIN"),
        destination_place="Labé",
        informed_consent_on=PAST,
        voluntary=True,
        requested_on=PAST,
    )


def approved(case, people, *, caseworker, supervisor):
    request = request_for(case, people, actor=caseworker)
    services.return_request_decide(
        actor=caseworker, request=request, eligible=True, reason="Guinean, wishes to go home"
    )
    return services.return_request_approve(actor=supervisor, request=request)


def prepared(request, *, actor, fit=FitToTravel.Result.FIT):
    """Travel documents issued and fit-to-travel recorded for everyone on the request."""
    for i, person in enumerate(request.people.all()):
        document = services.travel_document_request(
            actor=actor,
            request=request,
            person=person,
            kind=TravelDocument.Kind.LAISSEZ_PASSER,
            consulate="Consulat de Guinée à Niamey",
            requested_on=PAST,
        )
        services.travel_document_issue(
            actor=actor,
            document=document,
            number=f"LP-{request.pk}-{i}",
            issued_on=PAST,
            expires_on=TODAY + datetime.timedelta(days=90),
        )
        services.fit_to_travel_record(
            actor=actor, request=request, person=person, checked_on=PAST, result=fit
        )
    request.refresh_from_db()
    return request


def movement(office, actor, *, kind=Movement.Kind.CHARTER, reference="CHR-NER-GIN-01", country="GIN"):
    start = timezone.now() - datetime.timedelta(hours=6)
    return services.movement_create(
        actor=actor,
        office=office,
        kind=kind,
        reference=reference,
        destination_country=factories.country(country),
        departure_on=TODAY,
        legs=[
            services.LegInput(
                "Niamey", "Conakry", start, start + datetime.timedelta(hours=4), "Air Charter SA"
            )
        ],
        escorts=[services.EscortInput("Dr. Moussa Sani", "medical")],
    )


@pytest.fixture
def family_approved(family, mother, son, caseworker_a, supervisor_a):
    return approved(family, [mother, son], caseworker=caseworker_a, supervisor=supervisor_a)


@pytest.fixture
def family_ready(family_approved, caseworker_a):
    return prepared(family_approved, actor=caseworker_a)


@pytest.fixture
def charter(office_a, caseworker_a):
    return movement(office_a, caseworker_a)
