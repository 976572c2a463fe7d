"""Reception writes: arrivals (handed over or spontaneous) and post-arrival assistance."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sankofa.access.models import Office, Organisation
from sankofa.access.permissions import ensure
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.services import assistance_record
from sankofa.cases.models import Case
from sankofa.cases.services import ConsentInput, MemberInput, case_register, timeline_record
from sankofa.people.models import Person
from sankofa.returns.models import Handover, ReturnRequest

from ..models import Arrival
from .common import _member_or_refuse, _not_future
from .surveys import followups_schedule

# Catalogue services offered for post-arrival assistance (assistance.catalogue codes).
POST_ARRIVAL_SERVICES = (
    "shelter-temporary",
    "transport-onward",
    "transport-local",
    "cash-pocket-money",
    "cash-multipurpose",
    "medical-consultation",
    "medical-treatment",
    "food",
    "nfi-kit",
    "psychosocial-individual",
)


def _receiving_office(actor, case: Case, office: Office | None) -> Office:
    from sankofa.access.roles import CASE_WRITERS
    from sankofa.access.selectors import office_ids_of

    allowed = Office.objects.filter(
        pk__in=office_ids_of(actor, roles=CASE_WRITERS) & case.office_ids(), kind=Office.Kind.ORIGIN
    ).order_by("pk")
    if office is not None:
        if not allowed.filter(pk=office.pk).exists():
            raise ValidationError(
                _("Arrivals are recorded by an office in the country of origin that sees the case.")
            )
        return office
    found = allowed.first()
    if found is None:
        raise ValidationError(
            _("Arrivals are recorded by an office in the country of origin that sees the case.")
        )
    return found


@transaction.atomic
def arrival_record(
    *,
    actor,
    case: Case,
    person: Person,
    arrived_on: datetime.date,
    place: str,
    received_by: str,
    point_of_entry: str = Arrival.PointOfEntry.AIRPORT,
    office: Office | None = None,
) -> Arrival:
    """Record one returnee's arrival at the origin office. Linked to the return request handed over
    to that office when there is one; a spontaneous arrival has none. Once per person and return."""
    ensure(actor, "reintegration.receive", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    _not_future(arrived_on, _("The arrival date"))
    if point_of_entry not in Arrival.PointOfEntry.values:
        raise ValidationError(_("Choose a point of entry."))
    if not place.strip() or not received_by.strip():
        raise ValidationError(_("Give the place of arrival and who received the person."))
    office = _receiving_office(actor, case, office)
    handover = (
        Handover.objects.filter(
            case=case, to_office=office, status=Handover.Status.ACKNOWLEDGED, people=person
        )
        .select_related("request")
        .order_by("-sent_at")
        .first()
    )
    request: ReturnRequest | None = handover.request if handover else None
    earlier = Arrival.objects.filter(case=case, person=person)
    if request is not None and earlier.filter(return_request=request).exists():
        raise ValidationError(_("The arrival of this person has already been recorded."))
    if request is None and earlier.filter(arrived_on=arrived_on).exists():
        raise ValidationError(_("The arrival of this person has already been recorded."))
    arrival = Arrival.objects.create(
        case=case,
        person=person,
        return_request=request,
        office=office,
        arrived_on=arrived_on,
        point_of_entry=point_of_entry,
        place=place.strip(),
        received_by=received_by.strip(),
        recorded_by=actor,
    )
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.arrived",
        person=person,
        data={
            "place": arrival.place,
            "on": arrived_on.isoformat(),
            "office": office.code,
        },
    )
    followups_schedule(case=case, person=person)  # the baseline and follow-ups count from this date
    return arrival


@transaction.atomic
def spontaneous_arrival_register(
    *,
    actor,
    office: Office,
    principal: MemberInput,
    arrived_on: datetime.date,
    place: str,
    received_by: str,
    point_of_entry: str = Arrival.PointOfEntry.AIRPORT,
    consents: list[str] = (),
) -> Arrival:
    """A returnee who arrives without a prior handover is registered at the origin office (a new
    case, through cases.services.case_register) and their arrival recorded, all or nothing. The
    purposes in `consents` are recorded as given on the arrival date (assistance and monitoring
    surveys require theirs)."""
    if office.kind != Office.Kind.ORIGIN:
        raise ValidationError(_("Spontaneous arrivals are registered by an office in the country of origin."))
    case = case_register(
        actor=actor,
        office=office,
        principal=principal,
        registered_on=arrived_on,
        consents=[ConsentInput(0, purpose, True, arrived_on) for purpose in consents],
    )
    return arrival_record(
        actor=actor,
        case=case,
        person=case.principal,
        arrived_on=arrived_on,
        place=place,
        received_by=received_by,
        point_of_entry=point_of_entry,
        office=office,
    )


@transaction.atomic
def post_arrival_assistance_record(
    *,
    actor,
    case: Case,
    people: list[Person],
    service: Service,
    delivered_on: datetime.date,
    modality: str,
    amount: Decimal | None = None,
    currency: str = "",
    place: str = "",
    partner: Organisation | None = None,
    notes: str = "",
) -> list[AssistanceRecord]:
    """Post-arrival assistance (accommodation, onward transport, pocket money, medical care) as
    assistance records of stage "post-arrival", for returnees whose arrival is recorded."""
    ensure(actor, "reintegration.receive", case)
    if service.code not in POST_ARRIVAL_SERVICES:
        raise ValidationError(_("This service is not post-arrival assistance."))
    arrivals = {a.person_id: a for a in Arrival.objects.filter(case=case).select_related("office")}
    if any(p.pk not in arrivals for p in people):
        raise ValidationError(_("Record the person's arrival before post-arrival assistance."))
    country = arrivals[people[0].pk].office.country if people else case.owning_office.country
    return assistance_record(
        actor=actor,
        case=case,
        people=people,
        service=service,
        delivered_on=delivered_on,
        country=country,
        modality=modality,
        stage=AssistanceRecord.Stage.POST_ARRIVAL,
        place=place,
        partner=partner,
        amount=amount,
        currency=currency,
        notes=notes,
    )
