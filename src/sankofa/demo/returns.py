"""Demo voluntary returns: every state of the journey, on cases that `sankofa seed` generated.

A dozen showcase cases of the Niamey office go through the services, with the demo accounts as
actors (audited, on the timeline, each guard applied): submitted, eligible, not eligible, not
approved, withdrawn, documents pending, ready to travel, booked, no-show, departed, arrived and
handed over to Abidjan (one acknowledged, one waiting in its "expected arrivals").

Charters of 50–150 passengers from the Niger and Libya offices to several countries of origin are
written in bulk (bulk_create: no signals, so no audit entries, as for all generated data): their
requests, travel documents, fit-to-travel checks, bookings, handovers and timeline events are the
rows the services would have written, in the state of their movement (booked, departed, in transit,
arrived). Idempotent: nothing is done if a return request already exists.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from sankofa.access.models import Office
from sankofa.cases.models import Case, CaseShare, Consent, TimelineEvent
from sankofa.cases.services import ConsentInput, consent_record
from sankofa.core.models import Country
from sankofa.returns import services
from sankofa.returns.models import (
    Booking,
    Escort,
    FitToTravel,
    Handover,
    Movement,
    MovementLeg,
    ReturnRequest,
    TravelDocument,
)

from .consents import consenting as consenting_to
from .consents import every_member_consents

# (office, destination, passengers wanted, status): charters from Niger and Libya.
CHARTERS = (
    ("NER", "GIN", 140, Movement.Status.ARRIVED),
    ("NER", "CIV", 90, Movement.Status.BOOKED),
    ("NER", "NGA", 70, Movement.Status.DEPARTED),
    ("LBY", "NGA", 120, Movement.Status.ARRIVED),
    ("LBY", "GIN", 60, Movement.Status.IN_TRANSIT),
    ("NER-AGZ", "SEN", 55, Movement.Status.ARRIVED),
)
MIN_PASSENGERS = 50
CITIES = {"NER": "Niamey", "NER-AGZ": "Agadez", "LBY": "Tripoli", "GIN": "Conakry", "CIV": "Abidjan",
          "NGA": "Lagos", "SEN": "Dakar"}  # fmt: skip
CONSULATE = "Consulate of %s"


def demo_returns_ensure(*, users: dict) -> dict[str, int]:
    """Create the demo returns once; returns counts of what was made."""
    if ReturnRequest.objects.exists():
        return {}
    today = timezone.localdate()
    shown = _showcase(users=users, today=today)
    charters = _charters(today=today, rng=random.Random(7), skip=shown)
    return {"showcase requests": len(shown), **charters}


def _eligible_cases(office_code: str, nationality: str, skip: set[int]):
    """Open cases of an office whose principal has the nationality and whose every member consented
    to return (returns.services requires it), oldest first."""
    return (
        Case.objects.filter(
            every_member_consents(Consent.Purpose.RETURN),
            owning_office__code=office_code,
            status=Case.Status.OPEN,
            principal__nationality_id=nationality,
        )
        .exclude(pk__in=skip)
        .order_by("id")
    )


# --- Showcase, through the services ----------------------------------------------------------------


def _showcase(*, users: dict, today: datetime.date) -> set[int]:
    caseworker, supervisor = users.get("caseworker.ner"), users.get("supervisor.ner")
    receiver = users.get("caseworker.civ")
    if not (caseworker and supervisor and receiver):
        return set()
    cases = list(_eligible_cases("NER", "CIV", set())[:14])
    if len(cases) < 14:
        return set()
    civ = Country.objects.get(iso3="CIV")
    abidjan = Office.objects.get(code="CIV")
    niamey = Office.objects.get(code="NER")
    past = today - datetime.timedelta(days=20)
    made = set()

    def request(case, **kwargs):
        people = [m.person for m in case.members.select_related("person").order_by("id")]
        made.add(case.pk)
        return services.return_request_create(
            actor=caseworker,
            case=case,
            people=people,
            destination_country=civ,
            destination_place="Bouaké",
            informed_consent_on=past,
            voluntary=True,
            requested_on=past,
        )

    def eligible(case):
        r = request(case)
        return services.return_request_decide(
            actor=caseworker, request=r, eligible=True, reason="Ivorian national, wishes to go home"
        )

    def approved(case):
        return services.return_request_approve(actor=supervisor, request=eligible(case), note="Approved")

    def ready(case, fit=FitToTravel.Result.FIT):
        r = approved(case)
        for i, person in enumerate(r.people.all()):
            doc = services.travel_document_request(
                actor=caseworker, request=r, person=person, kind=TravelDocument.Kind.LAISSEZ_PASSER,
                consulate=CONSULATE % "Côte d'Ivoire", requested_on=past,
            )  # fmt: skip
            services.travel_document_interview(actor=caseworker, document=doc, interview_on=past)
            services.travel_document_issue(
                actor=caseworker, document=doc, number=f"LP-CIV-{r.pk:05d}-{i}", issued_on=past,
                expires_on=today + datetime.timedelta(days=180),
            )  # fmt: skip
            services.fit_to_travel_record(
                actor=caseworker, request=r, person=person, checked_on=past, result=fit,
                child_escort=person.date_of_birth is not None and (today.year - person.date_of_birth.year) < 12,
            )  # fmt: skip
        return r

    def consented(case):
        for member in case.members.order_by("id")[:2]:  # principal and first relative consent
            consent_record(
                actor=caseworker, case=case, person=member.person,
                consent=ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, past),
            )  # fmt: skip

    def movement(reference, kind=Movement.Kind.INDIVIDUAL, hours_ago=30):
        start = timezone.now() - datetime.timedelta(hours=hours_ago)
        return services.movement_create(
            actor=caseworker, office=niamey, kind=kind, reference=reference, destination_country=civ,
            departure_on=today,
            legs=[services.LegInput("Niamey", "Ouagadougou", start, start + datetime.timedelta(hours=2), "Air Sahel"),
                  services.LegInput("Ouagadougou", "Abidjan", start + datetime.timedelta(hours=4),
                                    start + datetime.timedelta(hours=6), "Air Sahel")],
            escorts=[services.EscortInput("Moussa Sani", Escort.Kind.OPERATIONS)],
        )  # fmt: skip

    c = iter(cases)
    request(next(c))  # submitted
    eligible(next(c))  # awaiting approval
    r = request(next(c))
    services.return_request_decide(
        actor=caseworker, request=r, eligible=False, reason="Holds refugee status: referred to UNHCR"
    )
    services.return_request_reject(
        actor=supervisor, request=eligible(next(c)), note="Family tracing not completed"
    )
    services.return_request_withdraw(
        actor=caseworker, request=eligible(next(c)), reason="Decided to stay and work"
    )
    r = approved(next(c))  # documents pending, the first one after the consular interview
    for i, person in enumerate(r.people.all()):
        pending = services.travel_document_request(
            actor=caseworker, request=r, person=person, kind=TravelDocument.Kind.PASSPORT,
            consulate=CONSULATE % "Côte d'Ivoire", requested_on=past,
        )  # fmt: skip
        if i == 0:
            services.travel_document_interview(actor=caseworker, document=pending, interview_on=today)
    r = approved(next(c))  # a refused document and an unfit traveller
    person = r.people.first()
    doc = services.travel_document_request(
        actor=caseworker, request=r, person=person, kind=TravelDocument.Kind.PASSPORT,
        consulate=CONSULATE % "Côte d'Ivoire", requested_on=past,
    )  # fmt: skip
    services.travel_document_refuse(actor=caseworker, document=doc, reason="Nationality to be confirmed")
    services.travel_document_request(  # asked again, as a laissez-passer
        actor=caseworker, request=r, person=person, kind=TravelDocument.Kind.LAISSEZ_PASSER,
        consulate=CONSULATE % "Côte d'Ivoire", requested_on=today,
    )  # fmt: skip
    services.fit_to_travel_record(
        actor=caseworker, request=r, person=person, checked_on=past, result=FitToTravel.Result.UNFIT,
        wheelchair=True, vulnerable_escort=True,
    )  # fmt: skip
    ready(next(c))  # ready to travel, not booked
    case = next(c)
    booked = ready(case, fit=FitToTravel.Result.FIT_WITH_ESCORT)
    consented(case)
    services.movement_book(actor=caseworker, movement=movement("NER-CIV-IND-001"), request=booked)
    services.handover_send(
        actor=caseworker, request=booked, to_office=abidjan, note="Medical escort on the flight"
    )
    case = next(c)
    no_show = ready(case)
    trip = movement("NER-CIV-IND-002")
    booking = services.movement_book(actor=caseworker, movement=trip, request=no_show)
    services.booking_set_status(actor=caseworker, booking=booking, status=Booking.Status.NO_SHOW)
    cancelled = movement("NER-CIV-IND-003")
    services.movement_book(actor=caseworker, movement=cancelled, request=ready(next(c)))
    services.movement_cancel(actor=supervisor, movement=cancelled)
    for reference, arrive in (("NER-CIV-IND-004", False), ("NER-CIV-IND-005", True)):
        case = next(c)
        r = ready(case)
        consented(case)
        trip = movement(reference)
        services.movement_book(actor=caseworker, movement=trip, request=r)
        handover = services.handover_send(actor=caseworker, request=r, to_office=abidjan)
        services.movement_depart(actor=caseworker, movement=trip)
        if arrive:
            services.handover_acknowledge(actor=receiver, handover=handover)
            services.movement_arrive(actor=caseworker, movement=trip)
    return made


# --- Charters, in bulk ------------------------------------------------------------------------------


@transaction.atomic
def _charters(*, today: datetime.date, rng: random.Random, skip: set[int]) -> dict[str, int]:
    offices = {o.code: o for o in Office.objects.filter(code__in={*CITIES, "CIV"})}
    used = set(skip)
    counts = {"charters": 0, "charter passengers": 0}
    for number, (office_code, country, wanted, status) in enumerate(CHARTERS, start=1):
        origin = offices.get(country)
        office = offices.get(office_code)
        if office is None or origin is None:
            continue
        picked, passengers = [], 0
        for case in _eligible_cases(office_code, country, used).prefetch_related("members")[:400]:
            size = len(case.members.all())
            if passengers + size > wanted + 5:
                continue
            picked.append(case)
            passengers += size
            if passengers >= wanted:
                break
        if passengers < MIN_PASSENGERS:
            continue
        used.update(c.pk for c in picked)
        departure = today - datetime.timedelta(days={Movement.Status.BOOKED: -5}.get(status, 2 + number))
        _charter(
            reference=f"CHR-{office_code}-{country}-{departure:%Y%m%d}",
            office=office,
            origin=origin,
            cases=picked,
            departure=departure,
            status=status,
            today=today,
            rng=rng,
        )
        counts["charters"] += 1
        counts["charter passengers"] += passengers
    return counts


REQUEST_STATUS = {
    Movement.Status.BOOKED: ReturnRequest.Status.APPROVED,
    Movement.Status.DEPARTED: ReturnRequest.Status.DEPARTED,
    Movement.Status.IN_TRANSIT: ReturnRequest.Status.DEPARTED,
    Movement.Status.ARRIVED: ReturnRequest.Status.ARRIVED,
}


def _charter(*, reference, office, origin, cases, departure, status, today, rng) -> None:
    now = timezone.now()
    start = timezone.make_aware(datetime.datetime.combine(departure, datetime.time(7, 30)))
    movement = Movement.objects.create(
        reference=reference, kind=Movement.Kind.CHARTER, office=office,
        destination_country=origin.country, departure_on=departure, status=status,
    )  # fmt: skip
    MovementLeg.objects.create(
        movement=movement, order=1, from_place=CITIES[office.code], to_place=CITIES[origin.code],
        carrier="Sahel Charter Airways", departs_at=start, arrives_at=start + datetime.timedelta(hours=5),
    )  # fmt: skip
    Escort.objects.bulk_create(
        [Escort(movement=movement, name=n, kind=k) for n, k in
         (("Issa Maïga", Escort.Kind.OPERATIONS), ("Dr. Aminata Traoré", Escort.Kind.MEDICAL),
          ("Halimatou Bello", Escort.Kind.CHILD))]
    )  # fmt: skip
    request_status = REQUEST_STATUS[status]
    requested = departure - datetime.timedelta(days=30)
    requests = ReturnRequest.objects.bulk_create(
        [
            ReturnRequest(
                case=case, requested_on=min(requested, today), voluntary=True, informed_consent_on=min(requested, today),
                destination_country=origin.country, destination_place=CITIES[origin.code], status=request_status,
                eligibility_reason="National of the country of return", decided_at=now, approved_at=now,
                departed_on=departure if request_status != ReturnRequest.Status.APPROVED else None,
                arrived_on=departure if request_status == ReturnRequest.Status.ARRIVED else None, version=4,
            )
            for case in cases
        ]
    )  # fmt: skip
    members = {case.pk: [m.person_id for m in case.members.all()] for case in cases}
    Through = ReturnRequest.people.through
    Through.objects.bulk_create(
        [Through(returnrequest_id=r.pk, person_id=p) for r in requests for p in members[r.case_id]]
    )
    issued = min(requested + datetime.timedelta(days=10), today)
    TravelDocument.objects.bulk_create(
        [
            TravelDocument(
                request=r, person_id=p, kind=TravelDocument.Kind.LAISSEZ_PASSER, consulate=CONSULATE % origin.country.name_en,
                requested_on=min(requested, today), status=TravelDocument.Status.ISSUED, number=f"LP-{r.pk:06d}-{i}",
                issued_on=issued, expires_on=issued + datetime.timedelta(days=90),
            )
            for r in requests for i, p in enumerate(members[r.case_id])
        ]
    )  # fmt: skip
    FitToTravel.objects.bulk_create(
        [
            FitToTravel(
                request=r, person_id=p, checked_on=min(departure - datetime.timedelta(days=2), today),
                result=FitToTravel.Result.FIT_WITH_ESCORT if rng.random() < 0.04 else FitToTravel.Result.FIT,
                wheelchair=rng.random() < 0.02,
            )
            for r in requests for p in members[r.case_id]
        ]
    )  # fmt: skip
    booking_status = {
        Movement.Status.BOOKED: Booking.Status.BOOKED,
        Movement.Status.DEPARTED: Booking.Status.DEPARTED,
        Movement.Status.IN_TRANSIT: Booking.Status.IN_TRANSIT,
        Movement.Status.ARRIVED: Booking.Status.ARRIVED,
    }
    Booking.objects.bulk_create([Booking(movement=movement, request=r, status=booking_status[status]) for r in requests])  # fmt: skip
    # Handover for the cases whose principal consented to sharing with the origin office; the origin office
    # has acknowledged those already on their way.
    consenting = consenting_to(Consent.Purpose.SHARE_ORIGIN, cases=cases)
    acknowledged = status != Movement.Status.BOOKED
    handovers = Handover.objects.bulk_create(
        [
            Handover(
                request=r, case_id=r.case_id, from_office=office, to_office=origin,
                status=Handover.Status.ACKNOWLEDGED if acknowledged else Handover.Status.SENT,
                acknowledged_at=now if acknowledged else None,
            )
            for r in requests if (r.case_id, members[r.case_id][0]) in consenting
        ]
    )  # fmt: skip
    HT = Handover.people.through
    HT.objects.bulk_create(
        [
            HT(handover_id=h.pk, person_id=p)
            for h in handovers
            for p in members[h.case_id]
            if (h.case_id, p) in consenting
        ]
    )
    if acknowledged:
        CaseShare.objects.bulk_create(
            [
                CaseShare(case_id=h.case_id, office=origin, reason="Handover after voluntary return")
                for h in handovers
            ],
            ignore_conflicts=True,
        )
    events = []
    for r in requests:
        n = len(members[r.case_id])
        events += [
            TimelineEvent(case_id=r.case_id, kind="return.requested", data={"request": r.pk, "count": n, "country": origin.country.name_en}),
            TimelineEvent(case_id=r.case_id, kind="return.eligible", data={"request": r.pk}),
            TimelineEvent(case_id=r.case_id, kind="return.approved", data={"request": r.pk}),
            TimelineEvent(case_id=r.case_id, kind="return.booked", data={"request": r.pk, "movement": reference, "on": departure.isoformat()}),
        ]  # fmt: skip
        if r.status != ReturnRequest.Status.APPROVED:
            events.append(TimelineEvent(case_id=r.case_id, kind="return.departed", data={"request": r.pk, "movement": reference, "on": departure.isoformat()}))  # fmt: skip
        if r.status == ReturnRequest.Status.ARRIVED:
            events.append(TimelineEvent(case_id=r.case_id, kind="return.arrived", data={"request": r.pk, "movement": reference, "on": departure.isoformat()}))  # fmt: skip
    for h in handovers:
        events.append(TimelineEvent(case_id=h.case_id, kind="return.handover_sent", data={"request": h.request_id, "office": origin.code, "count": len(members[h.case_id])}))  # fmt: skip
        if acknowledged:
            events.append(TimelineEvent(case_id=h.case_id, kind="return.handover_acknowledged", data={"request": h.request_id, "office": origin.code}))  # fmt: skip
    TimelineEvent.objects.bulk_create(events)
