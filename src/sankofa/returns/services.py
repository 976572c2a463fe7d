"""Every write of a voluntary return. Keyword-only, one transaction, permission first, lock what can
race, the model guards the transition, then the timeline (STYLE.md). See docs/returns.md."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Office
from sankofa.access.permissions import ensure
from sankofa.cases.models import Case, CaseShare, Consent
from sankofa.cases.selectors import consent_in_force, person_ids_visible
from sankofa.cases.services import consent_required, timeline_record
from sankofa.core.models import Country
from sankofa.people.models import Person

from .models import (
    Booking,
    Escort,
    FitToTravel,
    Handover,
    Movement,
    MovementLeg,
    ReturnRequest,
    TravelDocument,
)


class StaleEdit(ValidationError):
    """Someone else changed the record since this form was opened."""


def _not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("%(what)s cannot be in the future.") % {"what": what})


def _lock_request(request: ReturnRequest, version: int | None) -> ReturnRequest:
    """The request, locked for this transaction (select_for_update; IMMEDIATE transactions on
    SQLite), refusing a stale version."""
    locked = ReturnRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(
            _("This return request was changed by someone else in the meantime. Reload it and try again.")
        )
    return locked


def _save(obj, *fields: str) -> None:
    if hasattr(obj, "version"):
        obj.version += 1
        fields = (*fields, "version")
    if hasattr(obj, "updated_at"):
        fields = (*fields, "updated_at")
    obj.save(update_fields=list(dict.fromkeys(fields)))


def _people_data(people) -> dict:
    return {"count": len(people)}


# --- Return request -------------------------------------------------------------------------------


@transaction.atomic
def return_request_create(
    *,
    actor,
    case: Case,
    people: list[Person],
    destination_country: Country,
    informed_consent_on: datetime.date,
    voluntary: bool,
    destination_place: str = "",
    requested_on: datetime.date | None = None,
) -> ReturnRequest:
    """Open a return request for a case or some of its members. The return must be voluntary and
    consented to (informed-consent date, and each person's RETURN consent in force on the case); a
    person can be on only one open return."""
    ensure(actor, "returns.request_return", case)
    case = Case.objects.select_for_update().get(pk=case.pk)  # two requests for one person queue here
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("A return can be requested only for an open case."))
    requested_on = requested_on or timezone.localdate()
    _not_future(requested_on, _("The date of the request"))
    _not_future(informed_consent_on, _("The date of informed consent"))
    if not voluntary:
        raise ValidationError(
            _("A return is assisted only if it is voluntary: confirm that the person(s) chose it freely.")
        )
    if not people:
        raise ValidationError(_("Choose at least one person who returns."))
    members = person_ids_visible(actor=actor, case=case)
    if any(p.pk not in members for p in people):
        raise ValidationError(_("This person is not a member of the case."))
    consent_required(case=case, people=people, purpose=Consent.Purpose.RETURN)
    busy = ReturnRequest.objects.filter(
        people__in=people, status__in=[*ReturnRequest.OPEN, ReturnRequest.Status.DEPARTED]
    )
    if busy.exists():
        raise ValidationError(_("One of these people is already on an open return request."))
    request = ReturnRequest.objects.create(
        case=case,
        requested_on=requested_on,
        voluntary=True,
        informed_consent_on=informed_consent_on,
        destination_country=destination_country,
        destination_place=destination_place,
        requested_by=actor,
    )
    request.people.set(people)
    timeline_record(
        case=case,
        actor=actor,
        kind="return.requested",
        data={"request": request.pk, "count": len(people), "country": destination_country.name_en},
    )
    return request


@transaction.atomic
def return_request_decide(
    *, actor, request: ReturnRequest, eligible: bool, reason: str, version: int | None = None
) -> ReturnRequest:
    """Record the eligibility decision, with its reason."""
    ensure(actor, "returns.prepare_request", request)
    request = _lock_request(request, version)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the eligibility decision."))
    request.transition_to(ReturnRequest.Status.ELIGIBLE if eligible else ReturnRequest.Status.INELIGIBLE)
    request.eligibility_reason, request.decided_by, request.decided_at = reason, actor, timezone.now()
    _save(request, "status", "eligibility_reason", "decided_by", "decided_at")
    timeline_record(
        case=request.case,
        actor=actor,
        kind="return.eligible" if eligible else "return.ineligible",
        note=reason,
        data={"request": request.pk},
    )
    return request


@transaction.atomic
def return_request_approve(
    *, actor, request: ReturnRequest, note: str = "", version: int | None = None
) -> ReturnRequest:
    """Approve an eligible request. Supervisors only, never their own request unless their role
    allows it; every person on it must still have consent to return in force; two supervisors approving at once approve it once (the row is locked, the second
    one finds it approved and is refused)."""
    request = _lock_request(request, version)
    ensure(actor, "returns.approve_request", request)
    request.transition_to(ReturnRequest.Status.APPROVED)
    # Consent may have been withdrawn since the request was made: approval relies on it as it is now.
    consent_required(case=request.case, people=request.people.all(), purpose=Consent.Purpose.RETURN)
    request.approved_by, request.approved_at, request.approval_note = actor, timezone.now(), note
    _save(request, "status", "approved_by", "approved_at", "approval_note")
    timeline_record(
        case=request.case, actor=actor, kind="return.approved", note=note, data={"request": request.pk}
    )
    return request


@transaction.atomic
def return_request_reject(
    *, actor, request: ReturnRequest, note: str, version: int | None = None
) -> ReturnRequest:
    """A supervisor does not approve an eligible request, and says why."""
    request = _lock_request(request, version)
    ensure(actor, "returns.approve_request", request)
    if not note.strip():
        raise ValidationError(_("Say why the request is not approved."))
    request.transition_to(ReturnRequest.Status.REJECTED)
    request.approved_by, request.approved_at, request.approval_note = actor, timezone.now(), note
    _save(request, "status", "approved_by", "approved_at", "approval_note")
    timeline_record(
        case=request.case, actor=actor, kind="return.rejected", note=note, data={"request": request.pk}
    )
    return request


@transaction.atomic
def return_request_withdraw(
    *,
    actor,
    request: ReturnRequest,
    reason: str = "",
    on: datetime.date | None = None,
    version: int | None = None,
) -> ReturnRequest:
    """The person withdraws their consent to return: possible at any time until departure. Their
    bookings and pending handovers are cancelled."""
    ensure(actor, "returns.prepare_request", request)
    request = _lock_request(request, version)
    on = on or timezone.localdate()
    _not_future(on, _("The date of withdrawal"))
    request.transition_to(ReturnRequest.Status.WITHDRAWN)
    request.withdrawn_on, request.withdrawal_reason = on, reason
    _save(request, "status", "withdrawn_on", "withdrawal_reason")
    for booking in request.bookings.select_for_update().filter(status=Booking.Status.BOOKED):
        booking.transition_to(Booking.Status.CANCELLED)
        booking.save(update_fields=["status"])
    for handover in request.handovers.select_for_update().filter(status=Handover.Status.SENT):
        handover.transition_to(Handover.Status.CANCELLED)
        handover.save(update_fields=["status", "updated_at"])
    timeline_record(
        case=request.case, actor=actor, kind="return.withdrawn", note=reason, data={"request": request.pk}
    )
    return request


# --- Travel documents and fitness -----------------------------------------------------------------


def _person_of_request(request: ReturnRequest, person: Person) -> None:
    if not request.people.filter(pk=person.pk).exists():
        raise ValidationError(_("This person is not part of the return request."))


def _open_or_refuse(request: ReturnRequest) -> None:
    if request.status not in ReturnRequest.OPEN:
        raise ValidationError(
            _("The return request is “%(status)s”: nothing more can be prepared for it.")
            % {"status": request.get_status_display()}
        )


@transaction.atomic
def travel_document_request(
    *, actor, request: ReturnRequest, person: Person, kind: str, consulate: str, requested_on: datetime.date
) -> TravelDocument:
    """Ask the consulate for a passport or laissez-passer for one person of the return."""
    ensure(actor, "returns.prepare_request", request)
    request = _lock_request(request, None)
    _open_or_refuse(request)
    _person_of_request(request, person)
    _not_future(requested_on, _("The date of the request"))
    document = TravelDocument.objects.create(
        request=request, person=person, kind=kind, consulate=consulate, requested_on=requested_on
    )
    timeline_record(
        case=request.case,
        actor=actor,
        kind="return.document_requested",
        person=person,
        data={"document": document.get_kind_display(), "consulate": consulate},
    )
    return document


def _lock_document(document: TravelDocument) -> TravelDocument:
    return (
        TravelDocument.objects.select_for_update()
        .select_related("request__case", "person")
        .get(pk=document.pk)
    )


@transaction.atomic
def travel_document_interview(
    *, actor, document: TravelDocument, interview_on: datetime.date, notes: str = ""
) -> TravelDocument:
    """Record the consular interview."""
    ensure(actor, "returns.prepare_request", document.request)
    document = _lock_document(document)
    _not_future(interview_on, _("The interview date"))
    document.transition_to(TravelDocument.Status.INTERVIEWED)
    document.interview_on, document.interview_notes = interview_on, notes
    _save(document, "status", "interview_on", "interview_notes")
    timeline_record(
        case=document.request.case,
        actor=actor,
        kind="return.document_interview",
        person=document.person,
        data={"document": document.get_kind_display()},
    )
    return document


@transaction.atomic
def travel_document_issue(
    *,
    actor,
    document: TravelDocument,
    number: str,
    issued_on: datetime.date,
    expires_on: datetime.date,
) -> TravelDocument:
    """The consulate issued the document: its number and validity."""
    ensure(actor, "returns.prepare_request", document.request)
    document = _lock_document(document)
    _not_future(issued_on, _("The date of issue"))
    if not number.strip():
        raise ValidationError(_("Give the document number."))
    if expires_on <= issued_on:
        raise ValidationError(_("A travel document must be valid after the day it is issued."))
    document.transition_to(TravelDocument.Status.ISSUED)
    document.number, document.issued_on, document.expires_on = number.strip(), issued_on, expires_on
    _save(document, "status", "number", "issued_on", "expires_on")
    timeline_record(
        case=document.request.case,
        actor=actor,
        kind="return.document_issued",
        person=document.person,
        data={"document": document.get_kind_display()},
    )
    return document


@transaction.atomic
def travel_document_refuse(*, actor, document: TravelDocument, reason: str) -> TravelDocument:
    """The consulate refused the document."""
    ensure(actor, "returns.prepare_request", document.request)
    document = _lock_document(document)
    document.transition_to(TravelDocument.Status.REFUSED)
    document.refusal_reason = reason
    _save(document, "status", "refusal_reason")
    timeline_record(
        case=document.request.case,
        actor=actor,
        kind="return.document_refused",
        note=reason,
        person=document.person,
        data={"document": document.get_kind_display()},
    )
    return document


@transaction.atomic
def fit_to_travel_record(
    *,
    actor,
    request: ReturnRequest,
    person: Person,
    checked_on: datetime.date,
    result: str,
    wheelchair: bool = False,
    child_escort: bool = False,
    vulnerable_escort: bool = False,
    notes: str = "",
) -> FitToTravel:
    """Record a fit-to-travel check; the latest check of a person is the one that counts."""
    ensure(actor, "returns.prepare_request", request)
    request = _lock_request(request, None)
    _open_or_refuse(request)
    _person_of_request(request, person)
    _not_future(checked_on, _("The date of the check"))
    check = FitToTravel.objects.create(
        request=request,
        person=person,
        checked_on=checked_on,
        result=result,
        wheelchair=wheelchair,
        child_escort=child_escort,
        vulnerable_escort=vulnerable_escort,
        notes=notes,
        checked_by=actor,
    )
    timeline_record(
        case=request.case,
        actor=actor,
        kind="return.fit_checked",
        # Not sensitive, as everywhere else (FitToTravel): the result and escort needs are what
        # whoever prepares or runs the movement must know; the medical notes never leave the record.
        person=person,
        data={"result": check.get_result_display()},
    )
    return check


def departure_blockers(
    request: ReturnRequest, *, day: datetime.date, visible: set[int] | None = None
) -> list[str]:
    """Why the people of this request may not depart on `day` (empty: they may): approval, and for
    every person consent to return still in force, a valid travel document and a fit result. Read by
    the guard and by the queues. With `visible` (the person ids the reader may see), a person outside
    it is never named: their problems are one line without a name."""
    problems, hidden_blocked = [], False
    if request.status != ReturnRequest.Status.APPROVED:
        problems.append(_("the request is not approved"))
    documents = {}
    for document in request.documents.all():
        if document.valid_on(day):
            documents[document.person_id] = document
    fitness = {}
    for check in sorted(request.fitness.all(), key=lambda c: (c.checked_on, c.pk)):
        fitness[check.person_id] = check  # the latest wins
    for person in request.people.all():
        if visible is not None and person.pk not in visible:
            check = fitness.get(person.pk)
            hidden_blocked = hidden_blocked or (
                person.pk not in documents
                or check is None
                or check.result not in FitToTravel.FIT_RESULTS
                or not consent_in_force(case=request.case, person=person, purpose=Consent.Purpose.RETURN)
            )
            continue
        if not consent_in_force(case=request.case, person=person, purpose=Consent.Purpose.RETURN):
            problems.append(_("%(person)s has no consent to return in force") % {"person": person})
        if person.pk not in documents:
            problems.append(_("%(person)s has no valid travel document") % {"person": person})
        check = fitness.get(person.pk)
        if check is None or check.result not in FitToTravel.FIT_RESULTS:
            problems.append(_("%(person)s is not declared fit to travel") % {"person": person})
    if hidden_blocked:
        problems.append(_("a person not shared with your office is not ready to travel"))
    return problems


# --- Movements ------------------------------------------------------------------------------------


@dataclasses.dataclass
class LegInput:
    from_place: str
    to_place: str
    departs_at: datetime.datetime
    arrives_at: datetime.datetime
    carrier: str = ""


@dataclasses.dataclass
class EscortInput:
    name: str
    kind: str


@transaction.atomic
def movement_create(
    *,
    actor,
    office: Office,
    kind: str,
    reference: str,
    destination_country: Country,
    departure_on: datetime.date,
    legs: list[LegInput] = (),
    escorts: list[EscortInput] = (),
) -> Movement:
    """Plan an individual booking or a charter movement, with its legs and escorts."""
    ensure(actor, "returns.plan_movement", office)
    if Movement.objects.filter(reference=reference).exists():
        raise ValidationError(_("A movement with this reference already exists."))
    for leg in legs:
        if leg.arrives_at <= leg.departs_at:
            raise ValidationError(_("A leg must arrive after it departs."))
    movement = Movement.objects.create(
        office=office,
        kind=kind,
        reference=reference,
        destination_country=destination_country,
        departure_on=departure_on,
        created_by=actor,
    )
    MovementLeg.objects.bulk_create(
        [MovementLeg(movement=movement, order=i, **dataclasses.asdict(leg)) for i, leg in enumerate(legs, 1)]
    )
    Escort.objects.bulk_create([Escort(movement=movement, name=e.name, kind=e.kind) for e in escorts])
    return movement


def _lock_movement(movement: Movement, version: int | None) -> Movement:
    locked = Movement.objects.select_for_update().get(pk=movement.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(
            _("This movement was changed by someone else in the meantime. Reload it and try again.")
        )
    return locked


@transaction.atomic
def movement_book(*, actor, movement: Movement, request: ReturnRequest) -> Booking:
    """Put an approved return request on a movement's manifest."""
    ensure(actor, "returns.manage_movement", movement)
    ensure(actor, "returns.prepare_request", request)
    movement = _lock_movement(movement, None)
    request = _lock_request(request, None)
    if movement.status != Movement.Status.BOOKED:
        raise ValidationError(_("Only a movement that has not departed can take new bookings."))
    if request.status != ReturnRequest.Status.APPROVED:
        raise ValidationError(_("Only an approved return request can be booked on a movement."))
    if request.destination_country_id != movement.destination_country_id:
        raise ValidationError(_("This movement does not go to the destination country of the request."))
    if request.bookings.filter(status__in=Booking.ACTIVE).exists():
        raise ValidationError(_("This return request is already booked on a movement."))
    if (
        movement.kind == Movement.Kind.INDIVIDUAL
        and movement.bookings.filter(status__in=Booking.ACTIVE).exists()
    ):
        raise ValidationError(_("An individual booking carries one return request; use a charter for more."))
    booking = Booking.objects.create(movement=movement, request=request)
    _save(movement)
    timeline_record(
        case=request.case,
        actor=actor,
        kind="return.booked",
        data={"request": request.pk, "movement": movement.reference, "on": movement.departure_on.isoformat()},
    )
    return booking


@transaction.atomic
def booking_set_status(*, actor, booking: Booking, status: str) -> Booking:
    """Mark a booked request as a no-show or cancel its booking (before departure)."""
    ensure(actor, "returns.manage_movement", booking.movement)
    booking = (
        Booking.objects.select_for_update().select_related("request__case", "movement").get(pk=booking.pk)
    )
    if status not in (Booking.Status.NO_SHOW, Booking.Status.CANCELLED):
        raise ValidationError(_("Only a no-show or a cancellation can be recorded on one booking."))
    booking.transition_to(status)
    booking.save(update_fields=["status"])
    timeline_record(
        case=booking.request.case,
        actor=actor,
        kind="return.no_show" if status == Booking.Status.NO_SHOW else "return.booking_cancelled",
        data={"request": booking.request_id, "movement": booking.movement.reference},
    )
    return booking


@transaction.atomic
def movement_depart(
    *, actor, movement: Movement, on: datetime.date | None = None, version: int | None = None
) -> Movement:
    """The movement left. Refused, with the reasons, unless every booked request is approved and every
    person on it holds a valid travel document and a fit result (mark the others as no-shows first)."""
    ensure(actor, "returns.manage_movement", movement)
    movement = _lock_movement(movement, version)
    on = on or timezone.localdate()
    _not_future(on, _("The departure date"))
    movement.transition_to(Movement.Status.DEPARTED)
    bookings = list(
        movement.bookings.select_for_update()
        .filter(status=Booking.Status.BOOKED)
        .select_related("request__case")
    )
    if not bookings:
        raise ValidationError(_("Nobody is booked on this movement: it cannot depart."))
    problems = []
    for booking in bookings:
        blockers = departure_blockers(booking.request, day=on)
        if blockers:
            problems.append(f"{booking.request.case.number}: {', '.join(blockers)}")
    if problems:
        raise ValidationError(
            [_("The movement cannot depart:")] + problems,
        )
    _save(movement, "status")
    for booking in bookings:
        _passenger_moves(booking, Booking.Status.DEPARTED, actor=actor, movement=movement, on=on)
    return movement


def _passenger_moves(booking: Booking, status: str, *, actor, movement: Movement, on: datetime.date) -> None:
    booking.transition_to(status)
    booking.save(update_fields=["status"])
    request = ReturnRequest.objects.select_for_update().get(pk=booking.request_id)
    if status in (Booking.Status.DEPARTED, Booking.Status.ARRIVED):
        request.transition_to(status)
        if status == Booking.Status.DEPARTED:
            request.departed_on = on
        else:
            request.arrived_on = on
        _save(request, "status", "departed_on", "arrived_on")
    timeline_record(
        case=booking.request.case,
        actor=actor,
        kind=f"return.{status}",
        data={"request": request.pk, "movement": movement.reference, "on": on.isoformat()},
    )


@transaction.atomic
def movement_in_transit(*, actor, movement: Movement, version: int | None = None) -> Movement:
    """The movement reached a stopover."""
    ensure(actor, "returns.manage_movement", movement)
    movement = _lock_movement(movement, version)
    movement.transition_to(Movement.Status.IN_TRANSIT)
    _save(movement, "status")
    for booking in movement.bookings.select_for_update().filter(status=Booking.Status.DEPARTED):
        booking.transition_to(Booking.Status.IN_TRANSIT)
        booking.save(update_fields=["status"])
    return movement


@transaction.atomic
def movement_arrive(
    *, actor, movement: Movement, on: datetime.date | None = None, version: int | None = None
) -> Movement:
    """The movement arrived: everyone who departed on it has arrived, and their returns are complete."""
    ensure(actor, "returns.manage_movement", movement)
    movement = _lock_movement(movement, version)
    on = on or timezone.localdate()
    _not_future(on, _("The arrival date"))
    movement.transition_to(Movement.Status.ARRIVED)
    _save(movement, "status")
    travelling = movement.bookings.select_for_update().filter(
        status__in=[Booking.Status.DEPARTED, Booking.Status.IN_TRANSIT]
    )
    for booking in travelling.select_related("request__case"):
        _passenger_moves(booking, Booking.Status.ARRIVED, actor=actor, movement=movement, on=on)
    return movement


@transaction.atomic
def movement_cancel(*, actor, movement: Movement, version: int | None = None) -> Movement:
    """Cancel a movement that has not departed; its requests stay approved and can be booked again."""
    ensure(actor, "returns.cancel_movement", movement)
    movement = _lock_movement(movement, version)
    movement.transition_to(Movement.Status.CANCELLED)
    _save(movement, "status")
    for booking in movement.bookings.select_for_update().filter(status=Booking.Status.BOOKED):
        booking.transition_to(Booking.Status.CANCELLED)
        booking.save(update_fields=["status"])
        timeline_record(
            case=booking.request.case,
            actor=actor,
            kind="return.booking_cancelled",
            data={"request": booking.request_id, "movement": movement.reference},
        )
    return movement


# --- Handover -------------------------------------------------------------------------------------


@transaction.atomic
def handover_send(*, actor, request: ReturnRequest, to_office: Office, note: str = "") -> Handover:
    """Hand an approved (or departed) return over to the office in the country of origin, for the
    people who consented to it. Refused without the principal's consent to sharing with the origin
    office: the case is known by the principal's name."""
    ensure(actor, "returns.send_handover", request)
    request = _lock_request(request, None)
    if request.status not in (ReturnRequest.Status.APPROVED, ReturnRequest.Status.DEPARTED):
        raise ValidationError(_("Only an approved return can be handed over to the origin office."))
    if to_office.kind != Office.Kind.ORIGIN or to_office.country_id != request.destination_country_id:
        raise ValidationError(_("Hand the case over to an office in the country of return."))
    if request.handovers.exclude(status=Handover.Status.CANCELLED).exists():
        raise ValidationError(_("This return has already been handed over."))
    case = request.case
    if to_office.pk in case.office_ids():
        raise ValidationError(_("The case is already visible to this office."))
    purpose = Consent.Purpose.SHARE_ORIGIN
    consented = [p for p in request.people.all() if consent_in_force(case=case, person=p, purpose=purpose)]
    if not consent_in_force(case=case, person=case.principal, purpose=purpose) or not consented:
        raise ValidationError(
            _(
                "Handover refused: there is no consent in force to share this case with the office in the "
                "country of origin. Record the consent of the principal applicant (and of each person to "
                "hand over) first."
            )
        )
    handover = Handover.objects.create(
        request=request,
        case=case,
        from_office=case.owning_office,
        to_office=to_office,
        note=note,
        sent_by=actor,
    )
    handover.people.set(consented)
    timeline_record(
        case=case,
        actor=actor,
        kind="return.handover_sent",
        note=note,
        data={"request": request.pk, "office": to_office.code, "count": len(consented)},
    )
    return handover


@transaction.atomic
def handover_acknowledge(*, actor, handover: Handover) -> Handover:
    """The receiving office acknowledges the handover; from then on it sees the case (a CaseShare),
    limited to the members who consented (cases.selectors.members_visible_to)."""
    handover = Handover.objects.select_for_update().select_related("case", "to_office").get(pk=handover.pk)
    ensure(actor, "returns.receive_handover", handover)
    handover.transition_to(Handover.Status.ACKNOWLEDGED)
    handover.acknowledged_by, handover.acknowledged_at = actor, timezone.now()
    handover.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "updated_at"])
    # Not cases.services.case_share: that one is for a supervisor of the case, whom the receiving office
    # is not yet. The rule here is returns.receive_handover, checked above.
    CaseShare.objects.get_or_create(
        case=handover.case,
        office=handover.to_office,
        defaults={"reason": _("Handover after voluntary return"), "shared_by": handover.sent_by},
    )
    timeline_record(
        case=handover.case,
        actor=actor,
        kind="return.handover_acknowledged",
        data={"request": handover.request_id, "office": handover.to_office.code},
    )
    return handover
