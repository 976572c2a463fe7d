"""Reception at the origin office: arrivals of handed-over returnees (only consenting members),
spontaneous arrivals, post-arrival assistance, assessments and the work queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.access.models import Role
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.cases.models import Consent
from sankofa.reintegration import selectors, services
from sankofa.reintegration.models import Arrival, Assessment
from tests import factories

from .conftest import PAST, TODAY

pytestmark = pytest.mark.django_db


def test_arrival_of_handed_over_returnee_links_the_return(arrival, handed_over, origin_office):
    assert arrival.return_request == handed_over.return_requests.get()
    assert arrival.office == origin_office
    assert handed_over.timeline.filter(kind="reintegration.arrived").exists()
    with pytest.raises(ValidationError):  # once per return
        services.arrival_record(
            actor=arrival.recorded_by, case=handed_over, person=arrival.person, arrived_on=TODAY,
            place="Conakry", received_by="OIM",
        )  # fmt: skip


def test_origin_office_cannot_receive_a_member_who_did_not_consent(handed_over, son, origin_caseworker):
    with pytest.raises(ValidationError):
        services.arrival_record(
            actor=origin_caseworker, case=handed_over, person=son, arrived_on=PAST, place="Conakry",
            received_by="OIM",
        )  # fmt: skip


def test_transit_office_does_not_record_arrivals(handed_over, mother, caseworker_a):
    with pytest.raises(PermissionDenied):
        services.arrival_record(
            actor=caseworker_a, case=handed_over, person=mother, arrived_on=PAST, place="Conakry",
            received_by="OIM",
        )  # fmt: skip


def test_expected_arrivals_list_only_consenting_members_not_yet_arrived(
    handed_over, mother, origin_caseworker
):
    waiting = selectors.queue_expected_arrivals(actor=origin_caseworker)
    assert [(w.case, w.person) for w in waiting] == [(handed_over, mother)]
    services.arrival_record(
        actor=origin_caseworker, case=handed_over, person=mother, arrived_on=PAST, place="Conakry",
        received_by="OIM",
    )  # fmt: skip
    assert selectors.queue_expected_arrivals(actor=origin_caseworker) == []
    assert list(
        selectors.queue_received_arrivals(actor=origin_caseworker).values_list("person", flat=True)
    ) == [mother.pk]


def test_spontaneous_arrival_registers_a_case_at_the_origin_office(origin_office, origin_caseworker):
    arrival = services.spontaneous_arrival_register(
        actor=origin_caseworker,
        office=origin_office,
        principal=factories.member("Ousmane", "Bah", sex="M"),
        arrived_on=PAST,
        place="Poste frontière de Pamelap",
        received_by="Police aux frontières",
        point_of_entry=Arrival.PointOfEntry.LAND_BORDER,
    )
    assert arrival.return_request is None
    assert arrival.case.owning_office == origin_office and arrival.person == arrival.case.principal


def test_spontaneous_arrival_only_at_an_origin_office(office_a, caseworker_a):
    with pytest.raises(ValidationError):
        services.spontaneous_arrival_register(
            actor=caseworker_a, office=office_a, principal=factories.member("Ousmane", "Bah", sex="M"),
            arrived_on=PAST, place="Niamey", received_by="OIM",
        )  # fmt: skip


def test_post_arrival_assistance_is_recorded_with_its_stage(arrival, origin_caseworker):
    from decimal import Decimal

    pocket = Service.objects.get(code="cash-pocket-money")
    [record] = services.post_arrival_assistance_record(
        actor=origin_caseworker,
        case=arrival.case,
        people=[arrival.person],
        service=pocket,
        delivered_on=PAST,
        modality=AssistanceRecord.Modality.CASH,
        amount=Decimal("150000"),
        currency="GNF",
    )
    assert record.stage == AssistanceRecord.Stage.POST_ARRIVAL and record.currency == "GNF"
    with pytest.raises(ValidationError):  # not a post-arrival service
        services.post_arrival_assistance_record(
            actor=origin_caseworker, case=arrival.case, people=[arrival.person],
            service=Service.objects.get(code="job-placement"), delivered_on=PAST, modality="in_kind",
        )  # fmt: skip


def test_post_arrival_assistance_needs_the_arrival(handed_over, mother, origin_caseworker):
    with pytest.raises(ValidationError):
        services.post_arrival_assistance_record(
            actor=origin_caseworker, case=handed_over, people=[mother],
            service=Service.objects.get(code="shelter-temporary"), delivered_on=PAST, modality="in_kind",
        )  # fmt: skip


def test_assessment_keeps_sensitive_notes_encrypted_and_masked(
    arrival, origin_office, origin_caseworker, origin_supervisor
):
    counsellor = factories.user_in(origin_office, Role.CASEWORKER, sensitive=True, username="counsellor")
    assessment = services.assessment_save(
        actor=counsellor,
        case=arrival.case,
        person=arrival.person,
        assessed_on=PAST,
        economic_needs="Revenu",
        skills="Couture",
        education=Assessment.Education.PRIMARY,
        psychosocial_needs="Cauchemars depuis la Libye",
        confidential_notes="Violences subies en route",
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "select psychosocial_needs from reintegration_assessment where id = %s", [assessment.pk]
        )
        assert "Cauchemars" not in cursor.fetchone()[0]
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(assessment).get()
    assert "Cauchemars" not in str(entry.changes) and "Violences" not in str(entry.changes)
    # the origin caseworker has no sensitive access: masked; a supervisor with none either
    view = selectors.assessment_view(actor=origin_caseworker, assessment=assessment)
    assert view.masked and view.psychosocial_needs == "" and view.skills == "Couture"
    # updating with a stale version is refused (an update without the sensitive fields keeps them)
    services.assessment_save(
        actor=origin_caseworker, case=arrival.case, person=arrival.person, assessed_on=PAST,
        version=assessment.version, skills="Couture, teinture",
    )  # fmt: skip
    with pytest.raises(services.StaleEdit):
        services.assessment_save(
            actor=origin_caseworker, case=arrival.case, person=arrival.person, assessed_on=PAST,
            version=assessment.version, skills="perdu",
        )  # fmt: skip


def test_screening_flags_are_shown_with_the_assessment(handed_over, mother, origin_caseworker, caseworker_a):
    from sankofa.cases import services as case_services

    case_services.flag_add(
        actor=caseworker_a, case=handed_over, person=mother,
        flag=case_services.FlagInput(0, "pregnant_lactating", PAST),
    )  # fmt: skip
    case_services.flag_add(
        actor=caseworker_a, case=handed_over, person=mother,
        flag=case_services.FlagInput(0, "vot_presumed", PAST, "détail"),
    )  # fmt: skip
    flags = selectors.screening_flags(actor=origin_caseworker, case=handed_over, person=mother)
    labels = sorted(f.label for f in flags)
    assert labels == ["Pregnant or lactating", "Sensitive vulnerability (restricted)"]


# --- consent to assistance gates post-arrival (and every other) assistance --------------------------


def test_spontaneous_returnee_is_assisted_only_with_consent_to_assistance(origin_office, origin_caseworker):
    shelter = Service.objects.get(code="shelter-temporary")

    def spontaneous(given, consents):
        return services.spontaneous_arrival_register(
            actor=origin_caseworker, office=origin_office, principal=factories.member(given, "Bah", sex="M"),
            arrived_on=PAST, place="Pamelap", received_by="OIM", consents=consents,
        )  # fmt: skip

    def assist(arrival):
        return services.post_arrival_assistance_record(
            actor=origin_caseworker, case=arrival.case, people=[arrival.person], service=shelter,
            delivered_on=PAST, modality="in_kind",
        )  # fmt: skip

    without = spontaneous("Ousmane", [])
    with pytest.raises(ValidationError, match="Ousmane BAH has no consent to assistance in force"):
        assist(without)
    consenting = spontaneous("Alpha", [Consent.Purpose.ASSISTANCE, Consent.Purpose.MONITORING])
    assert {c.purpose for c in consenting.case.consents.all()} == {"assistance", "monitoring"}
    assert len(assist(consenting)) == 1
    assert not AssistanceRecord.objects.filter(case=without.case).exists()


def test_delivering_a_plan_item_needs_consent_to_assistance(approved_plan, mother, origin_caseworker):
    from sankofa.cases import services as case_services

    given = Consent.objects.filter(person=mother, purpose=Consent.Purpose.ASSISTANCE).get()
    case_services.consent_withdraw(actor=origin_caseworker, case=approved_plan.case, consent=given)
    item = approved_plan.items.get()
    with pytest.raises(ValidationError, match="no consent to assistance in force"):
        services.plan_item_deliver(actor=origin_caseworker, item=item, version=None, delivered_on=PAST)
    assert not AssistanceRecord.objects.filter(stage=AssistanceRecord.Stage.REINTEGRATION).exists()


# --- the sensitive fields of the assessment: the service guards them, whoever calls -----------------


def _assess(actor, arrival, **fields):
    return services.assessment_save(
        actor=actor, case=arrival.case, person=arrival.person, assessed_on=PAST, **fields
    )


@pytest.mark.parametrize("field", ["psychosocial_needs", "confidential_notes"])
def test_without_sensitive_access_the_sensitive_assessment_fields_cannot_be_written(
    arrival, origin_office, origin_caseworker, field
):
    with pytest.raises(ValidationError) as refused:
        _assess(origin_caseworker, arrival, skills="Couture", **{field: "Cauchemars"})
    assert list(refused.value.message_dict) == [field]
    assert "only with access to sensitive data" in refused.value.messages[0]
    assert not Assessment.objects.exists()


def test_without_sensitive_access_the_sensitive_fields_cannot_be_overwritten_even_emptied(
    arrival, origin_office, origin_caseworker
):
    counsellor = factories.user_in(origin_office, Role.CASEWORKER, sensitive=True, username="counsellor")
    first = _assess(counsellor, arrival, psychosocial_needs="Cauchemars", confidential_notes="Violences")
    for value in ("", "Rien à signaler"):
        with pytest.raises(ValidationError, match="only with access to sensitive data"):
            _assess(origin_caseworker, arrival, version=first.version, psychosocial_needs=value)
    kept = _assess(origin_caseworker, arrival, version=first.version, skills="Couture")  # left out: kept
    kept.refresh_from_db()
    assert (kept.psychosocial_needs, kept.confidential_notes, kept.skills) == (
        "Cauchemars",
        "Violences",
        "Couture",
    )
