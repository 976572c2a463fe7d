"""Fixtures of sustainability monitoring: a family whose mother (consenting to sharing with the origin
office) and son (not consenting to it) arrived in Guinea; the case is shared with the Conakry office.
Both consented to monitoring at registration."""

import datetime

import pytest
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.cases.models import Consent
from sankofa.cases.services import ConsentInput, case_share
from sankofa.reintegration.models import Arrival, ScoringScheme
from tests import factories


@pytest.fixture
def returned_on():
    return timezone.localdate() - datetime.timedelta(days=150)


@pytest.fixture
def family(caseworker_a, supervisor_a, office_a, origin_office, returned_on):
    day = returned_on - datetime.timedelta(days=30)
    case = factories.register_case(
        actor=caseworker_a,
        office=office_a,
        principal=factories.member("Aïssatou", "Diallo", nationality="GIN"),
        members=[factories.member("Mamadou", "Diallo", relationship="child", sex="M", nationality="GIN")],
        consents=[
            ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, day),
            ConsentInput(0, Consent.Purpose.MONITORING, True, day),
            ConsentInput(1, Consent.Purpose.MONITORING, True, day),
        ],
        registered_on=day,
    )
    case_share(actor=supervisor_a, case=case, office=origin_office, reason="Return to Guinea")
    for person in case.members.values_list("person", flat=True):
        Arrival.objects.create(
            case=case,
            person_id=person,
            office=origin_office,
            arrived_on=returned_on,
            place="Conakry airport",
            received_by="Reception team",
        )
    return case


@pytest.fixture
def mother(family):
    return family.principal


@pytest.fixture
def son(family):
    return family.members.exclude(person=family.principal).get().person


@pytest.fixture
def origin_supervisor(origin_office):
    return factories.user_in(origin_office, Role.SUPERVISOR, username="sup_origin")


@pytest.fixture
def origin_me(origin_office):
    return factories.user_in(origin_office, Role.ME_OFFICER, username="me_origin")


@pytest.fixture
def scheme():
    """The default scheme the data migration loads (equal weights), active."""
    return ScoringScheme.objects.get(code="sankofa-default", version=1, is_active=True)


def answers_all(scheme, pick):
    """One answer per question: `pick(options)` chooses the option among the scored ones."""
    result = {}
    for question in scheme.questions.prefetch_related("options"):
        scored = [o for o in question.options.all() if o.score is not None]
        result[question.code] = pick(sorted(scored, key=lambda o: o.score)).code
    return result
