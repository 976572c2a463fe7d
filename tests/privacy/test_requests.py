"""Data subject requests: recorded and decided by a data-protection focal point of the case's
offices; an approved erasure anonymises the person everywhere (merged registrations and referral
snapshots included) and leaves the other members of the case alone; refused under legal hold."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.cases.models import TimelineEvent
from sankofa.cases.selectors import CaseFilters, case_list
from sankofa.duplicates.services import pair_merge
from sankofa.people.models import MatchPair, Person, PersonNameToken
from sankofa.privacy.models import DataSubjectRequest
from sankofa.privacy.services import legal_hold_set, subject_request_decide, subject_request_record
from sankofa.referrals.models import Referral
from tests import factories
from tests.referrals.conftest import consent, make_provider, refer

from .conftest import full_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def two_registrations(caseworker_a, supervisor_a, office_a, partner_org):
    """Aïssatou Kourouma registered twice (merged since), referred to a provider from her case."""
    case = full_case(
        actor=caseworker_a,
        office=office_a,
        given="Aïssatou",
        family="Kourouma",
        phone="+227 90 12 34 56",
        passport="GN1234567",
    )
    again = factories.register_case(
        actor=caseworker_a,
        office=office_a,
        principal=factories.member("Aissatou", "Kouroumah", phone="+227 90 12 34 57"),
    )
    provider = make_provider(partner_org)
    consent(case, provider, actor=caseworker_a)
    referral = refer(case, provider, actor=caseworker_a, reason="Aïssatou needs a shelter tonight")
    a, b = sorted([case.principal, again.principal], key=lambda p: p.pk)
    pair = MatchPair.objects.create(
        person_a=a,
        person_b=b,
        score=0.97,
        band="duplicate",
        reasons=[{"code": "name", "words": ["aissatou"]}],
    )
    pair_merge(actor=supervisor_a, pair=pair, survivor=case.principal)
    return {"case": case, "again": again, "referral": referral, "merged": again.principal}


def erase(dpo, case, person):
    request = subject_request_record(
        actor=dpo,
        case=case,
        person=person,
        kind="erasure",
        received_on=D(2026, 1, 5),
        details="Asked in person",
    )
    return subject_request_decide(request=request, actor=dpo, approve=True, outcome="Erased")


def test_erasure_clears_merged_records_and_referral_snapshot(two_registrations, dpo_a, caseworker_a):
    case, merged = two_registrations["case"], two_registrations["merged"]
    referral = Referral.objects.get(pk=two_registrations["referral"].pk)
    assert "KOUROUMA" in referral.snapshot  # the frozen copy the provider reads
    erase(dpo_a, case, case.principal)

    for person in Person.objects.filter(pk__in=[case.principal.pk, merged.pk]):
        assert (person.given_name, person.family_name, person.phone) == ("***", "", ""), person.pk
    assert not PersonNameToken.objects.filter(person__in=[case.principal, merged]).exists()
    referral.refresh_from_db()
    assert (referral.snapshot, referral.reason) == ("", "")
    assert MatchPair.objects.get().reasons == []
    for q in (
        "Aïssatou Kourouma",
        "Aissatou Kouroumah",
        "Aissatou",
        "GN1234567",
        "90 12 34 56",
        "90 12 34 57",
    ):
        assert list(case_list(actor=caseworker_a, filters=CaseFilters(q=q))) == [], q
    # The other member of the case keeps their name and record.
    assert case_list(actor=caseworker_a, filters=CaseFilters(q="Ibrahima")).get() == case
    assert not any(
        "aïssatou" in f"{e.note} {e.data}".lower() for e in TimelineEvent.objects.filter(case=case)
    )
    text = str(list(LogEntry.objects.values_list("changes", "object_repr", "serialized_data"))).lower()
    for gone in ("aïssatou", "aissatou", "gn1234567", "90 12 34 5", "shelter tonight"):
        assert gone not in text, gone  # the son, Ibrahima Kourouma, keeps his own history
    assert DataSubjectRequest.objects.get().details == ""  # the request stays as proof, its details go


def test_erasure_refused_while_a_case_is_on_legal_hold(two_registrations, dpo_a, supervisor_a):
    case = two_registrations["case"]
    legal_hold_set(case=case, actor=supervisor_a, reason="Trial")
    with pytest.raises(ValidationError):
        erase(dpo_a, case, case.principal)
    assert Person.objects.get(pk=case.principal.pk).family_name == "Kourouma"


def test_access_and_correction_requests_are_recorded_without_anonymising(case_a, dpo_a):
    for kind in ("access", "correction"):
        request = subject_request_record(
            actor=dpo_a, case=case_a, person=case_a.principal, kind=kind, received_on=D(2026, 2, 1)
        )
        subject_request_decide(request=request, actor=dpo_a, approve=True, outcome="Done")
    assert Person.objects.get(pk=case_a.principal.pk).family_name == "Diallo"
    assert DataSubjectRequest.objects.filter(status="approved", decided_by=dpo_a).count() == 2


def test_a_request_is_decided_once(case_a, dpo_a):
    request = subject_request_record(
        actor=dpo_a, case=case_a, person=case_a.principal, kind="access", received_on=D(2026, 2, 1)
    )
    subject_request_decide(request=request, actor=dpo_a, approve=False, outcome="Not the person")
    with pytest.raises(ValidationError):
        subject_request_decide(request=request, actor=dpo_a, approve=True)


def test_caseworker_and_other_office_focal_point_cannot_record_or_decide(
    case_a, caseworker_a, dpo_a, office_b
):
    from sankofa.access.models import Role

    other_dpo = factories.user_in(office_b, Role.DATA_PROTECTION, username="dpo_b")
    for user in (caseworker_a, other_dpo):
        with pytest.raises(PermissionDenied):
            subject_request_record(
                actor=user, case=case_a, person=case_a.principal, kind="erasure", received_on=D(2026, 2, 1)
            )
    request = subject_request_record(
        actor=dpo_a, case=case_a, person=case_a.principal, kind="erasure", received_on=D(2026, 2, 1)
    )
    with pytest.raises(PermissionDenied):
        subject_request_decide(request=request, actor=caseworker_a, approve=True)
    assert Person.objects.get(pk=case_a.principal.pk).family_name == "Diallo"
