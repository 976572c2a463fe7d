"""Indicators API: definitions, protected values scoped to the caller's offices, targets, export jobs."""

import pytest

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": "2024-01-01", "date_to": "2024-12-31"}


def test_indicator_list_gives_both_labels_and_the_rule(api_client, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    response = api_client.get("/api/v1/indicators/")
    assert response.status_code == 200
    pa1 = next(i for i in response.json() if i["code"] == "PA1")
    assert pa1["label"]["fr"] == "Migrants ayant bénéficié d’une assistance de protection"
    assert pa1["unit"] == "individuals" and "sex" in pa1["disaggregations"]


def test_values_are_protected_and_scoped_to_the_callers_offices(api_client, caseworker_a, assisted):
    api_client.force_authenticate(caseworker_a)
    response = api_client.get("/api/v1/indicators/PA1/values/", {**PERIOD, "by": "sex"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 15
    assert {c["group"]: c["value"] for c in body["cells"]} == {"F": 10, "M": None}


def test_values_refuse_bad_filters_with_400_and_unknown_indicator_with_404(api_client, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    assert api_client.get("/api/v1/indicators/PA1/values/", {"date_from": "nope"}).status_code == 400
    assert api_client.get("/api/v1/indicators/PA1/values/", {"by": "shoe_size"}).status_code == 400
    assert api_client.get("/api/v1/indicators/XX9/values/").status_code == 404


def test_partner_gets_404(api_client, partner_user):
    api_client.force_authenticate(partner_user)
    assert api_client.get("/api/v1/indicators/").status_code == 404


def test_export_job_created_and_visible_only_to_its_requester(
    api_client, caseworker_a, supervisor_a, assisted
):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post(
        "/api/v1/exports/", {**PERIOD, "format": "csv", "language": "fr"}, format="json"
    )
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "done" and job["download"]
    assert api_client.get(f"/api/v1/exports/{job['id']}/").status_code == 200
    api_client.force_authenticate(supervisor_a)
    assert api_client.get(f"/api/v1/exports/{job['id']}/").status_code == 404
