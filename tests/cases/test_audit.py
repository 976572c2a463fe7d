"""Every write is audited (django-auditlog) and every opening of a case file is logged (CaseAccess);
the audit trail itself never holds sensitive notes in clear."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from sankofa.cases import services
from sankofa.cases.models import Case, CaseAccess, Consent, VulnerabilityFlag
from sankofa.cases.selectors import case_accesses, case_file_open, case_list
from sankofa.people.models import Person

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)


def entries(model, **filters):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


def test_registration_through_services_is_audited(case_a):
    assert entries(Case, object_pk=str(case_a.pk), action=LogEntry.Action.CREATE).count() == 1
    people = [str(pk) for pk in case_a.members.values_list("person_id", flat=True)]
    assert entries(Person, object_pk__in=people, action=LogEntry.Action.CREATE).count() == 2


def test_status_change_is_audited_with_the_change(case_a, caseworker_a):
    services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold")
    update = entries(Case, object_pk=str(case_a.pk), action=LogEntry.Action.UPDATE).latest("timestamp")
    assert update.changes_dict["status"] == ["open", "on_hold"]
    assert update.changes_dict["version"] == ["1", "2"]


def test_consent_and_person_changes_are_audited(case_a, caseworker_a):
    consent = services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY),
    )
    services.consent_withdraw(actor=caseworker_a, case=case_a, consent=consent, on=DAY)
    actions = list(
        entries(Consent, object_pk=str(consent.pk)).order_by("timestamp").values_list("action", flat=True)
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]

    services.case_person_update(actor=caseworker_a, case=case_a, person=case_a.principal, family_name="Bah")
    update = entries(Person, object_pk=str(case_a.principal.pk), action=LogEntry.Action.UPDATE).get()
    assert update.changes_dict["family_name"] == ["Diallo", "Bah"]


def test_writes_through_the_api_record_the_actor(caseworker_a, office_a, api_client):
    api_client.force_login(caseworker_a)
    payload = {
        "office": "NER",
        "members": [{"relationship": "principal", "person": {"given_name": "Awa", "sex": "F"}}],
    }
    response = api_client.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201
    case = Case.objects.get(number=response.json()["number"])
    assert entries(Case, object_pk=str(case.pk)).get().actor == caseworker_a


def test_encrypted_flag_notes_never_appear_in_clear_in_the_audit_log(case_a, caseworker_a):
    note = "Sold twice between Agadez and Sebha, scars on both wrists"
    flag = services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.VOT_IDENTIFIED, DAY, notes=note),
    )
    logged = entries(VulnerabilityFlag, object_pk=str(flag.pk)).get()
    assert "notes" in logged.changes_dict  # the trail says the notes were written...
    trail = f"{logged.changes} {logged.changes_text} {logged.serialized_data} {logged.object_repr}"
    for fragment in (note, note[: len(note) // 2], note[len(note) // 2 :], "Sebha", "wrists"):
        assert fragment not in trail  # ...but none of their text, not even half of it


def test_opening_a_case_file_logs_who_which_case_and_channel(case_a, caseworker_a, client):
    case_file_open(actor=caseworker_a, number=case_a.number)  # outside a request: a task or command
    access = CaseAccess.objects.get()
    assert (access.user, access.case, access.channel) == (caseworker_a, case_a, CaseAccess.Channel.OTHER)
    assert access.at is not None and access.record == CaseAccess.Record.CASE_FILE
    client.force_login(caseworker_a)
    client.get(reverse("cases:detail", args=[case_a.number]))
    assert (
        CaseAccess.objects.filter(channel=CaseAccess.Channel.WEB, case=case_a, user=caseworker_a).count() == 1
    )


def test_opening_a_case_through_the_api_is_logged(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    assert api_client.get(f"/api/v1/cases/{case_a.number}/").status_code == 200
    access = CaseAccess.objects.get()
    assert (access.user, access.case, access.channel) == (caseworker_a, case_a, CaseAccess.Channel.API)


def test_listing_cases_does_not_count_as_opening_them(case_a, caseworker_a, api_client):
    list(case_list(actor=caseworker_a))
    api_client.force_authenticate(caseworker_a)
    api_client.get("/api/v1/cases/")
    assert not CaseAccess.objects.exists()


def test_access_log_is_visible_to_supervisors_and_data_protection_not_caseworkers(
    case_a, caseworker_a, supervisor_a, dpo_a, me_officer_a, supervisor_b
):
    case_file_open(actor=caseworker_a, number=case_a.number)
    case_file_open(actor=me_officer_a, number=case_a.number)
    assert set(case_accesses(actor=supervisor_a, case=case_a).values_list("user__username", flat=True)) == {
        "cw_a",
        "me_a",
    }
    assert case_accesses(actor=dpo_a, case=case_a).count() == 2
    assert case_accesses(actor=caseworker_a, case=case_a).count() == 0
    assert case_accesses(actor=me_officer_a, case=case_a).count() == 0
    assert case_accesses(actor=supervisor_b, case=case_a).count() == 0  # supervisor of another office
