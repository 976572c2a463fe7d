"""Handover scoping: the origin office sees only minimal handover data until it acknowledges; then
it sees the case, but only the members who consented to sharing with the origin office (their flags,
consents, documents, assistance and timeline entries included). Everyone else gets nothing."""

import pytest
from django.http import Http404

from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.selectors import assistance_visible_to, case_assistance
from sankofa.assistance.services import assistance_record
from sankofa.cases import services as case_services
from sankofa.cases.models import Consent, VulnerabilityFlag
from sankofa.cases.selectors import (
    case_consents,
    case_flags,
    case_get,
    case_members,
    case_people,
    case_timeline,
    members_visible_to,
    person_ids_visible,
    persons_visible_to,
)
from sankofa.returns import selectors, services
from sankofa.returns.models import FitToTravel
from tests import factories

from .conftest import PAST, consent, prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_over(family_approved, mother, son, caseworker_a, origin_office):
    """The family, ready, with a flag and assistance for the son (who did not consent to sharing)."""
    case = family_approved.case
    case_services.flag_add(
        actor=caseworker_a,
        case=case,
        person=son,
        flag=case_services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, PAST, "Uses crutches"),
    )
    factories.consent_given(case, [mother, son], Consent.Purpose.ASSISTANCE, on=PAST)
    assistance_record(
        actor=caseworker_a,
        case=case,
        people=[mother, son],
        service=Service.objects.get(code="shelter-transit-centre"),
        delivered_on=PAST,
        country=case.owning_office.country,
        modality=AssistanceRecord.Modality.IN_KIND,
    )
    prepared(family_approved, actor=caseworker_a, fit=FitToTravel.Result.FIT)
    return services.handover_send(actor=caseworker_a, request=family_approved, to_office=origin_office)


def test_origin_office_sees_only_the_handover_before_acknowledging(
    handed_over, origin_caseworker, mother, son
):
    case = handed_over.case
    with pytest.raises(Http404):
        case_get(actor=origin_caseworker, number=case.number)
    arrivals = selectors.queue_expected_arrivals(actor=origin_caseworker)
    assert [a.case_number for a in arrivals] == [case.number]
    assert [p["name"] for p in arrivals[0].people] == [mother.full_name]  # not the son
    assert not persons_visible_to(origin_caseworker).exists()
    assert not assistance_visible_to(origin_caseworker).exists()
    assert selectors.handover_get(actor=origin_caseworker, pk=handed_over.pk) == handed_over


def test_after_acknowledgement_origin_office_sees_only_consented_members(
    handed_over, origin_caseworker, caseworker_a, mother, son
):
    services.handover_acknowledge(actor=origin_caseworker, handover=handed_over)
    case = case_get(actor=origin_caseworker, number=handed_over.case.number)

    assert person_ids_visible(actor=origin_caseworker, case=case) == {mother.pk}
    assert [m.person for m in case_members(actor=origin_caseworker, case=case)] == [mother]
    assert list(case_people(actor=origin_caseworker, case=case)) == [mother]
    assert case_flags(actor=origin_caseworker, case=case) == []  # the son's flag
    assert {c.person for c in case_consents(actor=origin_caseworker, case=case)} == {mother}
    assert {r.person for r in case_assistance(actor=origin_caseworker, case=case)} == {mother}
    assert {r.person for r in assistance_visible_to(origin_caseworker)} == {mother}
    assert set(persons_visible_to(origin_caseworker)) == {mother}
    view = selectors.request_view(actor=origin_caseworker, request=handed_over.request)
    assert view.people == [mother] and view.hidden_people == 1
    assert {d.person for d in view.documents} == {mother} and {f.person for f in view.fitness} == {mother}
    son_events = [
        e for e in case_timeline(actor=origin_caseworker, case=case) if e.data.get("person") == str(son)
    ]
    assert son_events == []  # masked: their data is emptied
    # The sending office still sees everyone.
    assert person_ids_visible(actor=caseworker_a, case=case) == {mother.pk, son.pk}
    assert len(case_flags(actor=caseworker_a, case=case)) == 1


def test_son_becomes_visible_when_he_consents_and_hidden_again_when_he_withdraws(
    handed_over, origin_caseworker, caseworker_a, son
):
    services.handover_acknowledge(actor=origin_caseworker, handover=handed_over)
    case = handed_over.case
    given = consent(case, son, actor=caseworker_a)
    assert son.pk in person_ids_visible(actor=origin_caseworker, case=case)
    case_services.consent_withdraw(actor=caseworker_a, case=case, consent=given)
    assert son.pk not in person_ids_visible(actor=origin_caseworker, case=case)
    assert son.pk not in set(members_visible_to(origin_caseworker).values_list("person_id", flat=True))


def test_other_offices_see_neither_the_handover_nor_the_case(handed_over, caseworker_b, outsider):
    for stranger in (caseworker_b, outsider):
        assert selectors.queue_expected_arrivals(actor=stranger) == []
        with pytest.raises(Http404):
            selectors.handover_get(actor=stranger, pk=handed_over.pk)
        with pytest.raises(Http404):
            selectors.request_get(actor=stranger, pk=handed_over.request_id)
        with pytest.raises(Http404):
            case_get(actor=stranger, number=handed_over.case.number)


def test_work_queues_hold_only_the_users_offices(
    family, mother, son, caseworker_a, supervisor_a, caseworker_b
):
    from .conftest import request_for

    request = request_for(family, [mother, son])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    assert list(selectors.queue_awaiting_approval(actor=supervisor_a)) == [request]
    assert list(selectors.queue_awaiting_approval(actor=caseworker_b)) == []
    services.return_request_approve(actor=supervisor_a, request=request)
    services.travel_document_request(
        actor=caseworker_a, request=request, person=mother, kind="passport", consulate="C", requested_on=PAST
    )
    assert [d.person for d in selectors.queue_documents_pending(actor=caseworker_a)] == [mother]
    assert list(selectors.queue_documents_pending(actor=caseworker_b)) == []
    assert selectors.queue_ready_to_travel(actor=caseworker_a) == []
    prepared(request, actor=caseworker_a)
    assert selectors.queue_ready_to_travel(actor=caseworker_a) == [request]
    assert selectors.queue_ready_to_travel(actor=caseworker_b) == []
    assert selectors.queue_counts(actor=caseworker_b) == {
        "awaiting_approval": 0,
        "documents_pending": 0,
        "ready_to_travel": 0,
        "expected_arrivals": 0,
    }


def test_expected_arrival_shows_the_movement_and_its_arrival_time(
    family_ready, charter, caseworker_a, origin_office, origin_caseworker
):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    services.handover_send(actor=caseworker_a, request=family_ready, to_office=origin_office)
    [arrival] = selectors.queue_expected_arrivals(actor=origin_caseworker)
    assert arrival.movement == charter.reference
    assert arrival.expected_on == charter.legs.get().arrives_at
