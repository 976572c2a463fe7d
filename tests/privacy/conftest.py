"""Retention fixtures: in Niamey, an old closed case (closed six years ago) full of personal data,
an old closed case on legal hold, a recently closed case and an open one; all assisted and returned
so that they count in the indicators."""

import datetime

from django.utils import timezone

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import Case, TimelineEvent, VulnerabilityFlag
from sankofa.cases.services import timeline_record
from sankofa.people.services import person_alias_add
from tests import factories
from tests.programmes.builders import assist, returned

D = datetime.date
LONG_AGO = timezone.now() - datetime.timedelta(days=6 * 365)


def close(case: Case, *, at: datetime.datetime | None = None) -> None:
    """The case closed at `at` (its closure the last thing written): the closure workflow's result."""
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, updated_at=at or timezone.now())
    if at is not None:
        TimelineEvent.objects.filter(case=case).update(at=at)


def full_case(*, actor, office, given, family, phone, passport, born=None, sex="F"):
    case = factories.register_case(
        actor=actor,
        office=office,
        principal=factories.member(
            given,
            family,
            sex=sex,
            date_of_birth=born or D(1990, 5, 17),
            phone=phone,
            given_name_original="عائشة",
            documents=[
                factories.services.DocumentInput(
                    kind="passport", number=passport, issuing_country=factories.country("GIN")
                )
            ],
        ),
        members=[
            factories.member("Ibrahima", family, relationship="child", sex="M", date_of_birth=D(2015, 3, 2))
        ],
    )
    person = case.principal
    person_alias_add(person=person, name=f"{given} la grande")
    VulnerabilityFlag.objects.create(
        case=case,
        person=person,
        kind=VulnerabilityFlag.Kind.VOT_PRESUMED,
        identified_on=D(2019, 1, 5),
        notes=f"{given} was held in a house in Agadez",
    )
    record = assist(case, on=D(2019, 2, 1))
    AssistanceRecord.objects.filter(pk=record.pk).update(
        notes=f"Shelter for {given} {family}", place="Agadez"
    )
    request = returned(case, on=D(2019, 6, 1))
    request.approval_note = f"{given} {family} ready"
    request.save()
    timeline_record(
        case=case, actor=actor, kind="case.note", note=f"Called {given} on {phone}", person=person
    )
    return case
