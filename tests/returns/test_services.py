"""Each step of a voluntary return is a guarded transition: an illegal one is refused with a clear
message and changes nothing; a legal one is recorded on the case timeline and in the audit trail."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.access.models import Role
from sankofa.cases import services as case_services
from sankofa.cases.models import CaseShare, Consent, TimelineEvent
from sankofa.returns import services
from sankofa.returns.models import Booking, FitToTravel, Handover, Movement, ReturnRequest, TravelDocument
from tests import factories

from .conftest import PAST, TODAY, approved, consent, movement, prepared, request_for

pytestmark = pytest.mark.django_db


def status_of(obj):
    return type(obj).objects.get(pk=obj.pk).status


def kinds(case):
    return list(
        TimelineEvent.objects.filter(case=case, kind__startswith="return.")
        .order_by("id")
        .values_list("kind", flat=True)
    )


# --- Request ----------------------------------------------------------------------------------------


def test_return_must_be_voluntary(family, mother, caseworker_a):
    with pytest.raises(ValidationError, match="voluntary"):
        services.return_request_create(
            actor=caseworker_a,
            case=family,
            people=[mother],
            destination_country=factories.country("GIN"),
            informed_consent_on=PAST,
            voluntary=False,
        )
    assert not ReturnRequest.objects.exists()


def test_request_only_for_members_of_the_case(family, case_b, caseworker_a):
    with pytest.raises(ValidationError, match="not a member"):
        request_for(family, [case_b.principal], actor=caseworker_a)


def test_person_cannot_be_on_two_open_returns(family, mother, son, caseworker_a):
    request_for(family, [mother, son])
    with pytest.raises(ValidationError, match="already on an open return"):
        request_for(family, [son])
    assert ReturnRequest.objects.count() == 1


def test_caseworker_of_another_office_cannot_request_a_return(family, mother, caseworker_b):
    with pytest.raises(PermissionDenied):
        request_for(family, [mother], actor=caseworker_b)


def test_eligibility_decision_needs_a_reason(family, mother, caseworker_a):
    request = request_for(family, [mother])
    with pytest.raises(ValidationError, match="reason"):
        services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason=" ")
    assert status_of(request) == ReturnRequest.Status.SUBMITTED


def test_request_cannot_be_approved_before_it_is_found_eligible(family, mother, supervisor_a):
    request = request_for(family, [mother])
    with pytest.raises(ValidationError, match="cannot go from “Submitted” to “Approved”"):
        services.return_request_approve(actor=supervisor_a, request=request)
    assert status_of(request) == ReturnRequest.Status.SUBMITTED


def test_ineligible_request_cannot_be_approved(family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother])
    services.return_request_decide(
        actor=caseworker_a, request=request, eligible=False, reason="Not a national"
    )
    with pytest.raises(ValidationError):
        services.return_request_approve(actor=supervisor_a, request=request)
    assert status_of(request) == ReturnRequest.Status.INELIGIBLE


def test_caseworker_cannot_approve(family, mother, caseworker_a):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    with pytest.raises(PermissionDenied):
        services.return_request_approve(actor=caseworker_a, request=request)
    assert status_of(request) == ReturnRequest.Status.ELIGIBLE


def test_supervisor_cannot_approve_own_request(family, mother, supervisor_a, supervisor_a2):
    request = request_for(family, [mother], actor=supervisor_a)
    services.return_request_decide(actor=supervisor_a, request=request, eligible=True, reason="ok")
    with pytest.raises(PermissionDenied):
        services.return_request_approve(actor=supervisor_a, request=request)
    assert status_of(request) == ReturnRequest.Status.ELIGIBLE
    services.return_request_approve(actor=supervisor_a2, request=request)  # a second pair of eyes
    assert status_of(request) == ReturnRequest.Status.APPROVED


def test_administrator_may_approve_own_request(family, mother, office_a):
    admin = factories.user_in(office_a, Role.ADMINISTRATOR, username="admin_a")
    request = request_for(family, [mother], actor=admin)
    services.return_request_decide(actor=admin, request=request, eligible=True, reason="ok")
    services.return_request_approve(actor=admin, request=request)
    assert status_of(request) == ReturnRequest.Status.APPROVED


def test_supervisor_of_another_office_cannot_approve(family, mother, caseworker_a, supervisor_b):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    with pytest.raises(PermissionDenied):
        services.return_request_approve(actor=supervisor_b, request=request)


def test_stale_version_is_refused(family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother])
    stale = request.version
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    with pytest.raises(services.StaleEdit):
        services.return_request_approve(actor=supervisor_a, request=request, version=stale)
    assert status_of(request) == ReturnRequest.Status.ELIGIBLE


def test_rejection_needs_a_reason(family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    with pytest.raises(ValidationError):
        services.return_request_reject(actor=supervisor_a, request=request, note="")
    services.return_request_reject(
        actor=supervisor_a, request=request, note="Security situation at destination"
    )
    assert status_of(request) == ReturnRequest.Status.REJECTED


def test_withdrawal_cancels_bookings_and_pending_handovers(
    family_ready, charter, caseworker_a, origin_office
):
    booking = services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    handover = services.handover_send(actor=caseworker_a, request=family_ready, to_office=origin_office)
    services.return_request_withdraw(actor=caseworker_a, request=family_ready, reason="Changed her mind")
    assert status_of(family_ready) == ReturnRequest.Status.WITHDRAWN
    assert status_of(booking) == Booking.Status.CANCELLED
    assert status_of(handover) == Handover.Status.CANCELLED


def test_withdrawal_is_refused_after_departure(family_ready, charter, caseworker_a):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    services.movement_depart(actor=caseworker_a, movement=charter)
    with pytest.raises(ValidationError, match="cannot go from “Departed” to “Withdrawn”"):
        services.return_request_withdraw(actor=caseworker_a, request=family_ready)
    assert status_of(family_ready) == ReturnRequest.Status.DEPARTED


# --- Documents and fitness -------------------------------------------------------------------------


def test_travel_document_is_for_a_person_of_the_request(family, mother, son, caseworker_a, supervisor_a):
    request = approved(family, [mother], caseworker=caseworker_a, supervisor=supervisor_a)
    with pytest.raises(ValidationError, match="not part of the return"):
        services.travel_document_request(
            actor=caseworker_a, request=request, person=son, kind="passport", consulate="X", requested_on=PAST
        )


def test_travel_document_must_expire_after_issue_and_refused_cannot_be_issued(
    family_approved, mother, caseworker_a
):
    document = services.travel_document_request(
        actor=caseworker_a,
        request=family_approved,
        person=mother,
        kind="passport",
        consulate="X",
        requested_on=PAST,
    )
    with pytest.raises(ValidationError, match="valid after"):
        services.travel_document_issue(
            actor=caseworker_a, document=document, number="P1", issued_on=PAST, expires_on=PAST
        )
    services.travel_document_interview(actor=caseworker_a, document=document, interview_on=PAST)
    services.travel_document_refuse(actor=caseworker_a, document=document, reason="Nationality not confirmed")
    with pytest.raises(ValidationError, match="cannot go from “Refused” to “Issued”"):
        services.travel_document_issue(
            actor=caseworker_a,
            document=document,
            number="P1",
            issued_on=PAST,
            expires_on=TODAY + datetime.timedelta(days=5),
        )
    assert status_of(document) == TravelDocument.Status.REFUSED


def test_nothing_can_be_prepared_for_a_withdrawn_request(family_approved, mother, caseworker_a):
    services.return_request_withdraw(actor=caseworker_a, request=family_approved)
    with pytest.raises(ValidationError, match="nothing more"):
        services.fit_to_travel_record(
            actor=caseworker_a, request=family_approved, person=mother, checked_on=PAST, result="fit"
        )


# --- Movements --------------------------------------------------------------------------------------


def test_only_approved_requests_can_be_booked(family, mother, charter, caseworker_a):
    request = request_for(family, [mother])
    with pytest.raises(ValidationError, match="approved"):
        services.movement_book(actor=caseworker_a, movement=charter, request=request)
    assert not Booking.objects.exists()


def test_booking_must_match_the_destination(family_ready, office_a, caseworker_a):
    to_mali = movement(office_a, caseworker_a, reference="CHR-MLI", country="MLI")
    with pytest.raises(ValidationError, match="destination country"):
        services.movement_book(actor=caseworker_a, movement=to_mali, request=family_ready)


def test_individual_booking_carries_one_request(family_ready, case_b, office_a, caseworker_a, supervisor_a):
    single = movement(office_a, caseworker_a, kind=Movement.Kind.INDIVIDUAL, reference="IND-1")
    services.movement_book(actor=caseworker_a, movement=single, request=family_ready)
    with pytest.raises(ValidationError, match="already booked"):
        services.movement_book(actor=caseworker_a, movement=single, request=family_ready)


def test_departure_needs_approval_documents_and_fitness(family_approved, mother, son, charter, caseworker_a):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_approved)
    with pytest.raises(ValidationError) as refused:
        services.movement_depart(actor=caseworker_a, movement=charter)
    text = " ".join(refused.value.messages)
    assert family_approved.case.number in text
    assert "no valid travel document" in text and "not declared fit" in text
    assert status_of(charter) == Movement.Status.BOOKED
    assert status_of(family_approved) == ReturnRequest.Status.APPROVED


def test_unfit_person_blocks_departure(family_approved, charter, caseworker_a):
    prepared(family_approved, actor=caseworker_a, fit=FitToTravel.Result.UNFIT)
    services.movement_book(actor=caseworker_a, movement=charter, request=family_approved)
    with pytest.raises(ValidationError, match="not declared fit"):
        services.movement_depart(actor=caseworker_a, movement=charter)


def test_expired_document_blocks_departure(family_approved, mother, son, charter, caseworker_a):
    prepared(family_approved, actor=caseworker_a)
    TravelDocument.objects.filter(person=son).update(expires_on=TODAY - datetime.timedelta(days=1))
    services.movement_book(actor=caseworker_a, movement=charter, request=family_approved)
    with pytest.raises(ValidationError, match="no valid travel document"):
        services.movement_depart(actor=caseworker_a, movement=charter)


def test_movement_without_passengers_cannot_depart(charter, caseworker_a):
    with pytest.raises(ValidationError, match="Nobody is booked"):
        services.movement_depart(actor=caseworker_a, movement=charter)
    assert status_of(charter) == Movement.Status.BOOKED


def test_no_show_stays_behind_while_the_others_depart(
    family_ready, charter, office_a, caseworker_a, supervisor_a
):
    other_case = factories.register_case(
        actor=caseworker_a, office=office_a, principal=factories.member("Ibrahima", "Sow", sex="M")
    )
    other = prepared(
        approved(other_case, [other_case.principal], caseworker=caseworker_a, supervisor=supervisor_a),
        actor=caseworker_a,
    )
    no_show = services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    boarding = services.movement_book(actor=caseworker_a, movement=charter, request=other)
    services.booking_set_status(actor=caseworker_a, booking=no_show, status=Booking.Status.NO_SHOW)
    services.movement_depart(actor=caseworker_a, movement=charter)
    assert status_of(boarding) == Booking.Status.DEPARTED
    assert status_of(other) == ReturnRequest.Status.DEPARTED
    assert status_of(no_show) == Booking.Status.NO_SHOW
    assert status_of(family_ready) == ReturnRequest.Status.APPROVED  # may be booked on another movement


def test_movement_journey_departs_and_arrives_every_passenger(
    family_ready, charter, caseworker_a, supervisor_a
):
    booking = services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    with pytest.raises(ValidationError):
        services.movement_arrive(actor=caseworker_a, movement=charter)  # not departed yet
    services.movement_depart(actor=caseworker_a, movement=charter)
    services.movement_in_transit(actor=caseworker_a, movement=charter)
    assert status_of(booking) == Booking.Status.IN_TRANSIT
    services.movement_arrive(actor=caseworker_a, movement=charter)
    assert status_of(booking) == Booking.Status.ARRIVED
    family_ready.refresh_from_db()
    assert family_ready.status == ReturnRequest.Status.ARRIVED
    assert family_ready.departed_on == TODAY and family_ready.arrived_on == TODAY
    assert kinds(family_ready.case)[-3:] == ["return.booked", "return.departed", "return.arrived"]
    with pytest.raises(ValidationError, match="cannot go from “Arrived” to “Cancelled”"):
        services.movement_cancel(actor=supervisor_a, movement=charter)


def test_only_a_supervisor_cancels_a_movement_and_bookings_are_released(
    family_ready, charter, caseworker_a, supervisor_a
):
    booking = services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    with pytest.raises(PermissionDenied):
        services.movement_cancel(actor=caseworker_a, movement=charter)
    services.movement_cancel(actor=supervisor_a, movement=charter)
    assert status_of(booking) == Booking.Status.CANCELLED
    assert status_of(family_ready) == ReturnRequest.Status.APPROVED  # can be booked again


def test_movement_of_another_office_cannot_be_touched(charter, caseworker_b):
    with pytest.raises(PermissionDenied):
        services.movement_depart(actor=caseworker_b, movement=charter)


# --- Handover ---------------------------------------------------------------------------------------


def test_handover_refused_without_consent_to_share(
    case_a, mother, son, caseworker_a, supervisor_a, origin_office
):
    request = approved(case_a, [mother, son], caseworker=caseworker_a, supervisor=supervisor_a)
    with pytest.raises(ValidationError, match="Handover refused: there is no consent in force"):
        services.handover_send(actor=caseworker_a, request=request, to_office=origin_office)
    assert not Handover.objects.exists()


def test_handover_refused_after_consent_is_withdrawn(family_approved, mother, caseworker_a, origin_office):
    from sankofa.cases.models import Consent
    from sankofa.cases.services import consent_withdraw

    consent_withdraw(
        actor=caseworker_a,
        case=family_approved.case,
        consent=Consent.objects.get(person=mother, purpose=Consent.Purpose.SHARE_ORIGIN),
    )
    with pytest.raises(ValidationError, match="Handover refused"):
        services.handover_send(actor=caseworker_a, request=family_approved, to_office=origin_office)


def test_handover_goes_to_an_origin_office_of_the_destination(family_approved, caseworker_a, office_b):
    with pytest.raises(ValidationError, match="country of return"):
        services.handover_send(actor=caseworker_a, request=family_approved, to_office=office_b)


def test_handover_needs_an_approved_request(family, mother, caseworker_a, origin_office):
    request = request_for(family, [mother])
    with pytest.raises(ValidationError, match="approved"):
        services.handover_send(actor=caseworker_a, request=request, to_office=origin_office)


def test_handover_carries_only_consenting_people_and_acknowledgement_shares_the_case(
    family_approved, mother, origin_office, origin_caseworker, caseworker_a
):
    handover = services.handover_send(
        actor=caseworker_a, request=family_approved, to_office=origin_office, note="Mother diabetic"
    )
    assert list(handover.people.all()) == [mother]
    assert not CaseShare.objects.exists()
    services.handover_acknowledge(actor=origin_caseworker, handover=handover)
    assert CaseShare.objects.filter(case=family_approved.case, office=origin_office).exists()
    assert status_of(handover) == Handover.Status.ACKNOWLEDGED
    with pytest.raises(ValidationError):
        services.handover_acknowledge(actor=origin_caseworker, handover=handover)
    assert kinds(family_approved.case)[-2:] == ["return.handover_sent", "return.handover_acknowledged"]


def test_only_the_receiving_office_acknowledges(family_approved, origin_office, caseworker_a, caseworker_b):
    handover = services.handover_send(actor=caseworker_a, request=family_approved, to_office=origin_office)
    for stranger in (caseworker_a, caseworker_b):
        with pytest.raises(PermissionDenied):
            services.handover_acknowledge(actor=stranger, handover=handover)
    assert status_of(handover) == Handover.Status.SENT


def test_every_step_is_audited(family_ready, charter, caseworker_a):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    for model in (ReturnRequest, TravelDocument, FitToTravel, Movement, Booking):
        assert LogEntry.objects.get_for_model(model).exists(), model
    fit_entry = LogEntry.objects.get_for_model(FitToTravel).first()
    assert "notes" not in fit_entry.changes_dict or fit_entry.changes_dict["notes"][1] in ("", "[redacted]")


def test_origin_office_does_not_prepare_the_return_of_a_case_shared_with_it(
    family_approved, mother, origin_office, origin_caseworker, caseworker_a
):
    handover = services.handover_send(actor=caseworker_a, request=family_approved, to_office=origin_office)
    services.handover_acknowledge(actor=origin_caseworker, handover=handover)
    with pytest.raises(PermissionDenied):
        services.return_request_withdraw(actor=origin_caseworker, request=family_approved)
    with pytest.raises(PermissionDenied):
        services.fit_to_travel_record(
            actor=origin_caseworker, request=family_approved, person=mother, checked_on=PAST, result="fit"
        )
    assert status_of(family_approved) == ReturnRequest.Status.APPROVED


def test_return_only_for_an_open_case(family, mother, supervisor_a):
    from sankofa.cases.services import case_close_or_reopen

    case_close_or_reopen(actor=supervisor_a, case=family, status="closed")
    with pytest.raises(ValidationError, match="open case"):
        request_for(family, [mother])


# --- consent to return: the service requires it of every person, at request and at approval ------------


def test_a_return_cannot_be_requested_for_a_person_without_consent_to_return(
    case_a, mother, son, caseworker_a
):
    factories.consent_given(case_a, [mother], Consent.Purpose.RETURN)
    with pytest.raises(ValidationError, match="Mamadou DIALLO has no consent to return in force"):
        request_for(case_a, [mother, son], with_consent=False)
    assert not ReturnRequest.objects.exists()
    request_for(case_a, [mother], with_consent=False)  # she consented: her request is made
    assert ReturnRequest.objects.get().people.get() == mother


def test_a_refused_consent_to_return_is_no_consent(case_a, mother, caseworker_a):
    consent(case_a, mother, Consent.Purpose.RETURN, granted=False)
    with pytest.raises(ValidationError, match="no consent to return in force"):
        request_for(case_a, [mother], with_consent=False)


def test_approval_is_refused_once_consent_to_return_is_withdrawn(family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother], actor=caseworker_a)
    request = services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    given = Consent.objects.filter(person=mother, purpose=Consent.Purpose.RETURN).latest("recorded_at", "id")
    case_services.consent_withdraw(actor=caseworker_a, case=family, consent=given)
    with pytest.raises(ValidationError, match="Aïssatou DIALLO has no consent to return in force"):
        services.return_request_approve(actor=supervisor_a, request=request)
    assert ReturnRequest.objects.get(pk=request.pk).status == ReturnRequest.Status.ELIGIBLE


def test_departure_is_blocked_for_a_person_whose_consent_to_return_was_withdrawn(
    family, mother, caseworker_a, supervisor_a
):
    request = prepared(
        approved(family, [mother], caseworker=caseworker_a, supervisor=supervisor_a), actor=caseworker_a
    )
    assert services.departure_blockers(request, day=TODAY) == []
    given = Consent.objects.filter(person=mother, purpose=Consent.Purpose.RETURN).latest("recorded_at", "id")
    case_services.consent_withdraw(actor=caseworker_a, case=family, consent=given)
    assert services.departure_blockers(request, day=TODAY) == [
        "Aïssatou DIALLO has no consent to return in force"
    ]
