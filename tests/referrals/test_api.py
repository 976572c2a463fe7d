"""Referral API: referrers create and follow referrals from cases; partners read and answer only
their own, with only the snapshot; nobody reaches what is not theirs."""

import pytest
from rest_framework.test import APIClient

from sankofa.referrals.models import Referral

from .conftest import consent, refer

pytestmark = pytest.mark.django_db
S = Referral.Status


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_caseworker_creates_and_sends_a_referral_from_a_case(
    caseworker_a, case_a, provider, provider_user, service, mailoutbox
):
    consent(case_a, provider, actor=caseworker_a)
    response = api(caseworker_a).post(
        "/api/v1/referrals/",
        {
            "case": case_a.number,
            "people": [case_a.principal.pk],
            "provider": provider.pk,
            "service": service.code,
            "reason": "Shelter",
            "priority": "emergency",
            "fields": ["name"],
            "send": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "sent" and response.json()["case"] == case_a.number
    assert len(mailoutbox) == 1


def test_create_refused_with_400_when_a_field_is_not_consented(caseworker_a, case_a, provider, service):
    consent(case_a, provider, ["name"], actor=caseworker_a)
    response = api(caseworker_a).post(
        "/api/v1/referrals/",
        {
            "case": case_a.number,
            "people": [case_a.principal.pk],
            "provider": provider.pk,
            "service": service.code,
            "reason": "Shelter",
            "priority": "normal",
            "fields": ["name", "phone"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "has not consented" in str(response.json())
    assert not Referral.objects.exists()


def test_create_for_a_case_of_another_office_is_404(caseworker_b, case_a, provider, service):
    response = api(caseworker_b).post(
        "/api/v1/referrals/",
        {
            "case": case_a.number,
            "people": [case_a.principal.pk],
            "provider": provider.pk,
            "service": service.code,
            "reason": "x",
            "priority": "normal",
            "fields": ["name"],
        },
        format="json",
    )
    assert response.status_code == 404


def test_create_refuses_people_outside_the_case(caseworker_a, case_a, case_b, provider, service):
    consent(case_a, provider, actor=caseworker_a)
    response = api(caseworker_a).post(
        "/api/v1/referrals/",
        {
            "case": case_a.number,
            "people": [case_b.principal.pk],
            "provider": provider.pk,
            "service": service.code,
            "reason": "x",
            "priority": "normal",
            "fields": ["name"],
        },
        format="json",
    )
    assert response.status_code == 400 and "people" in response.json()


def test_referrer_lists_and_filters_overdue(caseworker_a, caseworker_b, sent_referral):
    rows = api(caseworker_a).get("/api/v1/referrals/").json()["results"]
    assert [r["reference"] for r in rows] == [sent_referral.reference]
    assert api(caseworker_a).get("/api/v1/referrals/?overdue=true").json()["results"] == []
    assert api(caseworker_b).get("/api/v1/referrals/").json()["results"] == []
    assert api(caseworker_b).get(f"/api/v1/referrals/{sent_referral.pk}/").status_code == 404


def test_partner_answers_through_the_api(provider_user, sent_referral):
    client = api(provider_user)
    rows = client.get("/api/v1/partner-referrals/").json()["results"]
    assert [r["reference"] for r in rows] == [sent_referral.reference]
    assert "case" not in rows[0] and "people" not in rows[0]
    assert rows[0]["shared"]["people"] == [
        {"name": "Aïssatou DIALLO", "sex": "F", "date_of_birth": "", "birth_date_estimated": False}
    ]
    base = f"/api/v1/partner-referrals/{sent_referral.pk}"
    assert client.post(f"{base}/accept/", {}).status_code == 400  # not acknowledged yet
    assert client.post(f"{base}/acknowledge/", {}).json()["status"] == "acknowledged"
    assert client.post(f"{base}/decline/", {"reason": "nonsense"}).status_code == 400
    assert client.post(f"{base}/accept/", {"note": "ok"}).json()["status"] == "accepted"
    assert client.post(f"{base}/updates/", {"note": "Seen today"}).status_code == 200
    assert client.post(f"{base}/complete/", {"outcome": "Done"}).json()["status"] == "completed"


def test_partner_reaches_no_referrer_or_case_endpoint(provider_user, sent_referral, provider, pathway):
    client = api(provider_user)
    number = sent_referral.case.number
    assert client.get("/api/v1/cases/").json()["results"] == []
    assert client.get(f"/api/v1/cases/{number}/").status_code == 404
    assert client.get("/api/v1/people/").json()["results"] == []
    assert client.get(f"/api/v1/people/{sent_referral.case.principal.pk}/").status_code == 404
    assert client.get("/api/v1/referrals/").json()["results"] == []
    assert client.get(f"/api/v1/referrals/{sent_referral.pk}/").status_code == 404
    for action in ("send", "revoke", "acknowledge", "accept"):
        assert client.post(f"/api/v1/referrals/{sent_referral.pk}/{action}/", {}).status_code == 404
    assert client.get("/api/v1/providers/").json()["results"] == []
    assert client.get(f"/api/v1/providers/{provider.pk}/").status_code == 404
    assert client.get("/api/v1/pathways/").json()["results"] == []
    assert client.get(f"/api/v1/pathways/{pathway.pk}/").status_code == 404
    response = client.post(
        "/api/v1/referrals/",
        {
            "case": number,
            "people": [sent_referral.case.principal.pk],
            "provider": provider.pk,
            "service": "shelter-temporary",
            "reason": "x",
            "priority": "normal",
            "fields": ["name"],
        },
        format="json",
    )
    assert response.status_code == 404


def test_partner_of_another_organisation_gets_nothing_through_the_api(other_partner, sent_referral):
    client = api(other_partner)
    assert client.get("/api/v1/partner-referrals/").json()["results"] == []
    base = f"/api/v1/partner-referrals/{sent_referral.pk}"
    assert client.get(f"{base}/").status_code == 404
    for action, body in [
        ("acknowledge", {}),
        ("accept", {}),
        ("decline", {"reason": "capacity"}),
        ("start", {}),
        ("complete", {"outcome": "x"}),
        ("close", {"note": "x"}),
        ("updates", {"note": "x"}),
    ]:
        assert client.post(f"{base}/{action}/", body).status_code == 404, action
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.SENT


def test_referrer_cannot_answer_for_an_on_system_provider_through_the_api(caseworker_a, sent_referral):
    response = api(caseworker_a).post(f"/api/v1/referrals/{sent_referral.pk}/acknowledge/", {})
    assert response.status_code == 403


def test_referrer_does_not_see_referrals_in_the_partner_endpoint(caseworker_a, sent_referral):
    assert api(caseworker_a).get("/api/v1/partner-referrals/").json()["results"] == []
    assert api(caseworker_a).get(f"/api/v1/partner-referrals/{sent_referral.pk}/").status_code == 404


def test_draft_is_not_in_the_partner_endpoint(provider_user, case_a, provider, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)
    draft = refer(case_a, provider, actor=caseworker_a, send=False)
    assert api(provider_user).get(f"/api/v1/partner-referrals/{draft.pk}/").status_code == 404
    response = api(caseworker_a).post(f"/api/v1/referrals/{draft.pk}/send/")
    assert response.status_code == 200 and response.json()["status"] == "sent"
    assert api(provider_user).get(f"/api/v1/partner-referrals/{draft.pk}/").status_code == 200


def test_providers_and_pathways_for_staff(caseworker_a, provider, pathway):
    rows = api(caseworker_a).get("/api/v1/providers/?country=NER").json()["results"]
    assert [r["name"] for r in rows] == ["Croissant-Rouge"]
    steps = api(caseworker_a).get(f"/api/v1/pathways/{pathway.pk}/").json()["steps"]
    assert steps[0]["provider"] == provider.pk
