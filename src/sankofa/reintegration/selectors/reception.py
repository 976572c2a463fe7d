"""Reception reads: arrivals and the origin office's queues of expected and received returnees."""

import dataclasses
import datetime

from django.db.models import QuerySet
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.models import Case
from sankofa.cases.selectors import person_ids_visible
from sankofa.returns.models import Handover

from ..models import Arrival
from .common import _get, _visible


def arrivals_visible_to(actor) -> QuerySet[Arrival]:
    return _visible(actor, Arrival.objects.all()).select_related("case", "person", "office").order_by("-id")


def arrival_get(*, actor, pk) -> Arrival:
    return _get(arrivals_visible_to(actor), pk)


@dataclasses.dataclass
class Awaited:
    """A handed-over returnee whose arrival is not recorded yet."""

    case: Case
    person: object
    handover: Handover


def queue_expected_arrivals(*, actor, limit: int = 200) -> list[Awaited]:
    """People of acknowledged handovers to the actor's offices (and visible to them) who have no
    arrival yet: the origin office's work queue."""
    offices = office_ids_of(actor, roles=CASE_READERS)
    handovers = (
        Handover.objects.filter(to_office_id__in=offices, status=Handover.Status.ACKNOWLEDGED)
        .select_related("case")
        .prefetch_related("people")
        .order_by("-acknowledged_at", "-id")[:limit]
    )
    waiting = []
    arrived = set(
        Arrival.objects.filter(case_id__in=[h.case_id for h in handovers]).values_list("case_id", "person_id")
    )
    visible: dict[int, set[int]] = {}
    for handover in handovers:
        if handover.case_id not in visible:
            visible[handover.case_id] = person_ids_visible(actor=actor, case=handover.case)
        for person in handover.people.all():
            if person.pk in visible[handover.case_id] and (handover.case_id, person.pk) not in arrived:
                waiting.append(Awaited(handover.case, person, handover))
    return waiting


def queue_received_arrivals(*, actor, days: int = 60) -> QuerySet[Arrival]:
    """Arrivals at the actor's offices in the last `days` days, newest first."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    offices = office_ids_of(actor, roles=CASE_READERS)
    return arrivals_visible_to(actor).filter(office_id__in=offices, arrived_on__gte=since)


def arrival_candidates(*, actor, case: Case):
    """The case's people the actor sees, for the arrival form."""
    from sankofa.cases.selectors import case_people

    return case_people(actor=actor, case=case)
