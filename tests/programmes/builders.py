"""Hand-built records for indicator tests: people registered through the case services, then
assistance, returns and programme links written directly (each helper says what it stands for)."""

import datetime

from sankofa.assistance.models import AssistanceRecord, Service, ServiceCategory
from sankofa.returns.models import ReturnRequest
from tests import factories


def service(code="food"):
    return Service.objects.get_or_create(
        code=code, defaults={"category": ServiceCategory.FOOD_NFI, "name_en": code, "name_fr": code}
    )[0]


def case_with(*, actor, office, sex="F", nationality="GIN", born=datetime.date(1990, 1, 1), **extra):
    """A one-person case registered through the services."""
    return factories.register_case(
        actor=actor, office=office, sex=sex, nationality=nationality, date_of_birth=born, **extra
    )


def assist(case, *, on, stage=AssistanceRecord.Stage.TRANSIT, person=None, country=None, code="food"):
    """One service delivered to one person."""
    return AssistanceRecord.objects.create(
        case=case,
        person=person or case.principal,
        service=service(code),
        delivered_on=on,
        country=country or case.owning_office.country,
        modality=AssistanceRecord.Modality.IN_KIND,
        stage=stage,
    )


def returned(case, *, on, people=None, destination="GIN"):
    """A voluntary return that departed (and arrived) on `on`."""
    request = ReturnRequest.objects.create(
        case=case,
        requested_on=on - datetime.timedelta(days=30),
        informed_consent_on=on - datetime.timedelta(days=30),
        destination_country=factories.country(destination),
        voluntary=True,
        status=ReturnRequest.Status.ARRIVED,
        departed_on=on,
        arrived_on=on,
    )
    request.people.set(people or [case.principal])
    return request
