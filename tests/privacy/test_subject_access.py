"""Subject access: a data-protection focal point produces everything about one person, in scope,
as JSON and PDF, in the person's language; nobody else may; every production is logged."""

import datetime
import io
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from sankofa.cases.models import CaseAccess
from sankofa.people.models import Person
from sankofa.privacy.subject_access.catalogue import BUILDERS
from sankofa.privacy.subject_access.selectors import subject_access_people
from sankofa.privacy.subject_access.services import subject_access_produce

pytestmark = pytest.mark.django_db

# Sections the fixture person has records in: all of them.
EXPECTED = [b.key for b in BUILDERS]


def produce_json(actor, person, language="en") -> dict:
    return json.loads(
        subject_access_produce(actor=actor, person_id=person.pk, fmt="json", language=language).content
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_dpo_gets_every_section_with_stable_keys_iso_dates_and_codes(subject, dpo_a, case_a):
    data = produce_json(dpo_a, subject)
    assert data["format"] == "sankofa.subject_access" and data["version"] == 1
    assert data["person_id"] == subject.pk and data["cases"] == [case_a.number]
    assert list(data["sections"]) == EXPECTED  # every section, in order, no "other_records"
    empty = [key for key, records in data["sections"].items() if not records]
    assert empty == []  # the fixture has records in every app
    s = data["sections"]
    identity = s["identity"][0]
    assert identity["given_name"] == "Aïssatou" and identity["family_name"] == "Diallo"
    assert identity["nationality"] == "GIN"  # ISO 3166 alpha-3
    assert identity["aliases"] == [{"name": "Aïcha", "kind": "alias", "kind_label": "Alias or nickname"}]
    assert identity["documents"][0]["number"] == "GN-778812"
    assert identity["documents"][0]["issuing_country"] == "GIN"
    member = s["cases"][0]
    assert member["number"] == case_a.number and member["relationship"] == "principal"
    assert member["owning_office"] == "NER" and member["is_principal"] is True
    assert [step["country"] for step in member["migration_profile"][0]["route"]] == ["MLI", "NER"]
    assert member["shared_with"][0]["office"] == "GIN"  # the handover shared the case with Conakry
    purposes = {c["purpose"] for c in s["consents"]}
    assert {"share_origin", "share_partner"} <= purposes
    partner_consent = next(c for c in s["consents"] if c["purpose"] == "share_partner")
    assert partner_consent["shared_fields"] == ["name", "sex", "date_of_birth"]  # the ConsentScope
    datetime.date.fromisoformat(s["travel_documents"][0]["issued_on"])
    datetime.datetime.fromisoformat(s["case_accesses"][0]["at"])
    assert (
        s["movements"][0]["reference"] == "CHR-NER-GIN-01"
        and s["movements"][0]["destination_country"] == "GIN"
    )
    assert s["handovers"][0]["to_office"] == "GIN"
    assert s["reintegration_plans"][0]["items"][0]["currency"] == "GNF"
    assert s["referrals"][0]["shared_data"]["name"] == "Aïssatou DIALLO"  # her part of the snapshot
    assert s["duplicates"][0]["record"] == "match_pair"
    assert {a["channel"] for a in s["case_accesses"]} == {"other"}  # the caseworker's opening (no request)


def test_report_holds_the_person_and_not_the_other_members_of_her_case(subject, dpo_sensitive_a, case_a):
    son = case_a.members.exclude(person=subject).get().person
    data = produce_json(dpo_sensitive_a, subject)
    text = json.dumps(data, ensure_ascii=False)
    assert "Son's own flag" not in text and "uasc" not in text
    assert "Mamadou" not in text  # the son's name is nowhere: not in the referral, not in the timeline
    assert all(e.get("kind") for e in data["sections"]["timeline"])
    assert son.pk != data["person_id"]


def test_sensitive_values_are_restricted_without_sensitive_access_and_shown_with_it(
    subject, dpo_a, dpo_sensitive_a
):
    plain = produce_json(dpo_a, subject)["sections"]
    trafficking = next(f for f in plain["vulnerabilities"] if f["sensitive"])
    assert trafficking["kind"] is None and set(trafficking["restricted_fields"]) == {
        "kind",
        "identified_on",
        "notes",
    }
    assert "psychosocial_needs" in plain["needs_assessments"][0]["restricted_fields"]
    assert plain["needs_assessments"][0]["economic_needs"] == "Capital de départ"
    full = produce_json(dpo_sensitive_a, subject)
    trafficking = next(f for f in full["sections"]["vulnerabilities"] if f["sensitive"])
    assert (
        trafficking["kind"] == "vot_identified" and trafficking["notes"] == "Recrutée à Kankan par un passeur"
    )
    assert full["sections"]["needs_assessments"][0]["psychosocial_needs"] == "Cauchemars depuis la traversée"
    assert full["restricted_cases"] == []


def test_pdf_in_french_has_every_section_and_the_names(subject, dpo_a):
    production = subject_access_produce(actor=dpo_a, person_id=subject.pk, fmt="pdf", language="fr")
    assert production.content.startswith(b"%PDF") and production.content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(production.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = pdf_text(production.content)
    assert "Rapport d’accès aux données personnelles" in text
    for title in ("Identité", "Consentements", "Vulnérabilités", "Demandes de retour", "Plans de réintégration",
                  "Qui a ouvert les dossiers"):  # fmt: skip
        assert title in text, title
    assert "Aïssatou" in text and "DIALLO" in text and "Aïcha" in text and "GN-778812" in text
    assert "Guinée" in text  # country names in French
    assert "Restreint" in text  # the trafficking flag, said and not omitted


@pytest.mark.parametrize("who", ["caseworker_a", "supervisor_a", "me_officer_a"])
def test_other_roles_of_the_same_office_are_refused(subject, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        subject_access_produce(actor=actor, person_id=subject.pk, fmt="json")
    with pytest.raises(PermissionDenied):
        subject_access_people(actor=actor, q="Diallo")


def test_dpo_of_another_region_does_not_find_the_person(subject, dpo_b):
    with pytest.raises(Http404):
        subject_access_produce(actor=dpo_b, person_id=subject.pk, fmt="json")
    assert list(subject_access_people(actor=dpo_b, q="Diallo")) == []


def test_regional_and_origin_dpos_reach_the_person_through_coverage_and_the_consented_share(
    subject, dpo_regional, origin_office, case_a
):
    from tests import factories

    assert produce_json(dpo_regional, subject)["cases"] == [case_a.number]
    origin_dpo = factories.user_in(origin_office, "data_protection", username="dpo_gin")
    assert produce_json(origin_dpo, subject)["cases"] == [case_a.number]  # she consented to the share
    son = case_a.members.exclude(person=subject).get().person
    with pytest.raises(Http404):  # her son did not: Conakry does not see him
        subject_access_produce(actor=origin_dpo, person_id=son.pk, fmt="json")


def test_search_by_name_and_by_document_number(subject, dpo_a):
    assert list(subject_access_people(actor=dpo_a, q="aissatou dialo")) == [subject]
    assert list(subject_access_people(actor=dpo_a, q="gn 778812")) == [subject]
    assert list(subject_access_people(actor=dpo_a, q="")) == []


def test_every_production_is_logged(subject, dpo_a, case_a):
    before = CaseAccess.objects.filter(record=CaseAccess.Record.SUBJECT_ACCESS).count()
    subject_access_produce(actor=dpo_a, person_id=subject.pk, fmt="pdf", language="fr")
    rows = CaseAccess.objects.filter(record=CaseAccess.Record.SUBJECT_ACCESS)
    assert rows.count() == before + 1
    row = rows.get()
    assert row.case == case_a and row.user == dpo_a and row.sensitive_shown is False
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=subject.pk,
        action=LogEntry.Action.ACCESS,
    )
    assert entry.actor == dpo_a
    assert entry.additional_data["subject_access"] == {
        "format": "pdf",
        "language": "fr",
        "cases": [case_a.number],
        "restricted_cases": [case_a.number],
    }


def test_a_refused_request_logs_nothing(subject, caseworker_a):
    with pytest.raises(PermissionDenied):
        subject_access_produce(actor=caseworker_a, person_id=subject.pk, fmt="json")
    assert not CaseAccess.objects.filter(record=CaseAccess.Record.SUBJECT_ACCESS).exists()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_default_language_follows_the_languages_the_person_speaks(subject, dpo_a):
    Person.objects.filter(pk=subject.pk).update(languages=["fra", "sus"])
    data = produce_json(dpo_a, subject, language=None)
    assert data["language"] == "fr"
    assert data["sections"]["identity"][0]["sex_label"] == "Femme"


# --- page and API ---------------------------------------------------------------------------------


def test_page_finds_the_person_and_produces_the_pdf(subject, dpo_a, client):
    client.force_login(dpo_a)
    page = client.get(reverse("privacy:subject-access"), {"q": "Diallo"})
    assert page.status_code == 200 and "Aïssatou" in page.content.decode()
    url = reverse("privacy:subject-access-produce", args=[subject.pk, "pdf"])
    response = client.post(url, {"language": "en"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    assert "Subject access report" in pdf_text(response.content)
    assert client.get(url).status_code == 405  # producing is logged: POST only
    listed = client.get(reverse("privacy:subject-access")).content.decode()
    assert 'id="subject-access-productions"' in listed and "Aïssatou DIALLO" in listed and "PDF" in listed


def test_page_and_menu_refused_to_a_supervisor(subject, supervisor_a, client):
    client.force_login(supervisor_a)
    assert client.get(reverse("privacy:subject-access")).status_code == 403
    url = reverse("privacy:subject-access-produce", args=[subject.pk, "json"])
    assert client.post(url, {"language": "en"}).status_code == 403
    assert reverse("privacy:subject-access") not in client.get("/").content.decode()


def test_menu_links_the_page_for_a_dpo(dpo_a, client):
    client.force_login(dpo_a)
    assert reverse("privacy:subject-access") in client.get("/").content.decode()


def test_api_returns_the_json_to_the_dpo_only(subject, dpo_a, dpo_b, caseworker_a, supervisor_a, api_client):
    url = f"/api/v1/subject-access/{subject.pk}/"
    api_client.force_authenticate(dpo_a)
    response = api_client.get(url, {"language": "fr"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["language"] == "fr" and list(data["sections"]) == EXPECTED
    assert api_client.get(url, {"language": "de"}).status_code == 400
    for actor, status in ((caseworker_a, 403), (supervisor_a, 403), (dpo_b, 404)):
        api_client.force_authenticate(actor)
        assert api_client.get(url).status_code == status
    api_client.force_authenticate(dpo_b)
    assert api_client.get("/api/v1/subject-access/999999/").status_code == 404


def test_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/subject-access/{person_id}/"]["get"]
    assert set(operation["responses"]) == {"200", "400", "403", "404"}


def test_change_history_holds_the_identity_changes_and_earlier_productions(subject, dpo_a):
    first = produce_json(dpo_a, subject)["sections"]["change_history"]
    created = next(e for e in first if e["record"] == "person" and e["action"] == LogEntry.Action.CREATE)
    assert created["changes"]["given_name"][1] == "Aïssatou"
    assert any(e["record"] == "identitydocument" for e in first)
    second = produce_json(dpo_a, subject, language="fr")["sections"]["change_history"]
    access = [e for e in second if e["action"] == LogEntry.Action.ACCESS]
    assert len(access) == 1 and access[0]["actor"] == "dpo_a"
    assert access[0]["details"]["subject_access"]["format"] == "json"


SAME_IN_FRENCH = {"action", "budget", "description", "dimension", "note", "notes", "service", "programme"}


def test_every_label_of_the_french_report_is_french(subject, dpo_a):
    """A field without a verbose name would show its English attribute name in the PDF."""
    from django.utils import translation

    from sankofa.privacy.subject_access.selectors import subject_access_report

    def labels(records):
        for record in records:
            yield from ((item.key, item.label) for item in record.items)
            for child in record.children:
                yield from labels(child.records)

    with translation.override("fr"):
        report = subject_access_report(actor=dpo_a, person=subject, language="fr")
    english = {
        (key, label)
        for section in report.sections
        for key, label in labels(section.records)
        if label.lower() == key.replace("_", " ") and key not in SAME_IN_FRENCH
    }
    assert english == set()
    assert "member since" not in {label for s in report.sections for _k, label in labels(s.records)}


def test_a_person_in_two_regions_cases_gets_only_the_dpos_region(case_a, case_b, dpo_a, dpo_regional):
    """Aïssatou is also a member of a Tripoli case with a flag there: the Niamey DPO's report holds
    the Niamey case only; the regional DPO, covering both, gets both."""
    from sankofa.cases.models import CaseMember, VulnerabilityFlag

    mother = case_a.principal
    CaseMember.objects.create(case=case_b, person=mother, relationship=CaseMember.Relationship.NOT_RELATED)
    VulnerabilityFlag.objects.create(
        case=case_b,
        person=mother,
        kind=VulnerabilityFlag.Kind.DISABILITY,
        identified_on=datetime.date(2024, 1, 1),
    )
    niamey = produce_json(dpo_a, mother)
    assert niamey["cases"] == [case_a.number]
    assert [c["number"] for c in niamey["sections"]["cases"]] == [case_a.number]
    assert niamey["sections"]["vulnerabilities"] == []
    regional = produce_json(dpo_regional, mother)
    assert sorted(regional["cases"]) == sorted([case_a.number, case_b.number])
    assert [f["kind"] for f in regional["sections"]["vulnerabilities"]] == ["disability"]


def test_timeline_events_are_sentences_and_sensitive_ones_restricted(subject, dpo_a, dpo_sensitive_a):
    events = produce_json(dpo_a, subject, language="fr")["sections"]["timeline"]
    flagged = [e for e in events if e["kind"] == "flag.added"]
    assert len(flagged) == 2  # the son's flag is his, not hers
    restricted = [e for e in flagged if e.get("restricted_fields")]
    assert len(restricted) == 1 and "restreint" in restricted[0]["kind_label"].lower()
    full = produce_json(dpo_sensitive_a, subject)["sections"]["timeline"]
    labels = [e["kind_label"] for e in full if e["kind"] == "flag.added"]
    assert any("Identified victim of trafficking" in label for label in labels)


def test_productions_are_listed_only_to_dpos_of_the_persons_scope(subject, dpo_a, dpo_b):
    from sankofa.privacy.subject_access.selectors import subject_access_productions

    subject_access_produce(actor=dpo_a, person_id=subject.pk, fmt="json", language="en")
    assert [e.object_id for e in subject_access_productions(actor=dpo_a)] == [subject.pk]
    assert subject_access_productions(actor=dpo_b) == []
