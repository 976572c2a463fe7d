"""Assistance records: one per person, in kind or cash with an ISO 4217 currency, scoped like cases."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.selectors import assistance_visible_to, case_assistance
from sankofa.assistance.services import assistance_record
from sankofa.cases.models import Consent, TimelineEvent
from tests import factories

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() - datetime.timedelta(days=3)


@pytest.fixture
def shelter(db):
    return Service.objects.get(code="shelter-transit-centre")


def record(case, people, service, actor, *, with_consent=True, **kwargs):
    """Assistance through the service; first, as a caseworker would, the people's consent to
    assistance is recorded (`with_consent=False` to test the refusal)."""
    if with_consent:
        factories.consent_given(case, people, Consent.Purpose.ASSISTANCE)
    fields = {
        "modality": AssistanceRecord.Modality.IN_KIND,
        "delivered_on": DAY,
        "country": case.owning_office.country,
    }
    return assistance_record(actor=actor, case=case, people=people, service=service, **{**fields, **kwargs})


def members(case):
    return [m.person for m in case.members.order_by("id")]


def test_each_member_of_a_family_gets_a_record_and_a_timeline_entry(case_a, caseworker_a, shelter):
    records = record(case_a, members(case_a), shelter, caseworker_a, notes="Two nights")
    assert {r.person for r in records} == set(members(case_a))
    assert TimelineEvent.objects.filter(case=case_a, kind="assistance.recorded").count() == 2
    entry = LogEntry.objects.get_for_model(AssistanceRecord).first()
    assert "Two nights" not in str(entry.changes)  # notes are masked in the audit trail


def test_cash_needs_an_amount_and_an_iso_currency(case_a, caseworker_a):
    cash = Service.objects.get(code="transport-onward")
    with pytest.raises(ValidationError, match="positive amount"):
        record(case_a, [case_a.principal], cash, caseworker_a, modality="cash", currency="XOF")
    with pytest.raises(ValidationError, match="ISO 4217"):
        record(
            case_a,
            [case_a.principal],
            cash,
            caseworker_a,
            modality="cash",
            amount=Decimal("5000"),
            currency="XXQ",
        )
    [saved] = record(
        case_a,
        [case_a.principal],
        cash,
        caseworker_a,
        modality="cash",
        amount=Decimal("5000"),
        currency="XOF",
    )
    assert saved.amount == Decimal("5000") and saved.currency == "XOF"


def test_in_kind_has_no_amount(case_a, caseworker_a, shelter):
    with pytest.raises(ValidationError, match="In-kind"):
        record(case_a, [case_a.principal], shelter, caseworker_a, amount=Decimal("1"), currency="XOF")


def test_retired_service_and_future_date_are_refused(case_a, caseworker_a, shelter):
    with pytest.raises(ValidationError, match="future"):
        record(
            case_a,
            [case_a.principal],
            shelter,
            caseworker_a,
            delivered_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    shelter.is_active = False
    shelter.save()
    with pytest.raises(ValidationError, match="retired"):
        record(case_a, [case_a.principal], shelter, caseworker_a)
    assert not AssistanceRecord.objects.exists()


def test_person_must_belong_to_the_case(case_a, case_b, caseworker_a, shelter):
    with pytest.raises(ValidationError, match="not a member"):
        record(case_a, [case_b.principal], shelter, caseworker_a)


def test_other_office_can_neither_record_nor_see_assistance(
    case_a, caseworker_a, caseworker_b, shelter, client
):
    record(case_a, [case_a.principal], shelter, caseworker_a)
    with pytest.raises(PermissionDenied):
        record(case_a, [case_a.principal], shelter, caseworker_b)
    assert not assistance_visible_to(caseworker_b).exists()
    assert not case_assistance(actor=caseworker_b, case=case_a).exists()
    client.force_login(caseworker_b)
    assert client.get(reverse("assistance:add", args=[case_a.number])).status_code == 404


def test_caseworker_records_assistance_through_the_form(client, case_a, caseworker_a, partner_org):
    client.force_login(caseworker_a)
    factories.consent_given(case_a, members(case_a), Consent.Purpose.ASSISTANCE)
    cash = Service.objects.get(code="transport-onward")
    response = client.post(
        reverse("assistance:add", args=[case_a.number]),
        {
            "people": [p.pk for p in members(case_a)],
            "service": cash.pk,
            "delivered_on": DAY.isoformat(),
            "country": "NER",
            "place": "Niamey",
            "partner": partner_org.pk,
            "stage": "transit",
            "modality": "cash",
            "amount": "2500",
            "currency": "XOF",
        },
    )
    assert response.status_code == 302
    assert AssistanceRecord.objects.filter(partner=partner_org, currency="XOF").count() == 2
    page = client.get(case_a.get_absolute_url()).content.decode()
    assert "Croissant-Rouge" in page


def test_a_malformed_assistance_id_is_a_404_not_a_server_error(api_client, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    assert api_client.get("/api/v1/assistance/7²/").status_code == 404


def test_assistance_needs_each_persons_consent_to_assistance(case_a, caseworker_a, shelter):
    mother, son = members(case_a)
    factories.consent_given(case_a, [mother], Consent.Purpose.ASSISTANCE)
    with pytest.raises(ValidationError, match="Mamadou DIALLO has no consent to assistance in force"):
        record(case_a, [mother, son], shelter, caseworker_a, with_consent=False)
    assert not AssistanceRecord.objects.exists()
    assert len(record(case_a, [mother], shelter, caseworker_a, with_consent=False)) == 1


def test_assistance_is_refused_once_the_consent_is_withdrawn(case_a, caseworker_a, shelter):
    from sankofa.cases.services import consent_withdraw

    mother = case_a.principal
    record(case_a, [mother], shelter, caseworker_a)
    consent_withdraw(actor=caseworker_a, case=case_a, consent=Consent.objects.get(person=mother))
    with pytest.raises(ValidationError, match="no consent to assistance in force"):
        record(case_a, [mother], shelter, caseworker_a, with_consent=False)
    assert AssistanceRecord.objects.count() == 1
