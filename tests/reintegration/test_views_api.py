"""Pages and API: what each user may reach. A user of another office gets 404; the origin office
sees only the members who consented to sharing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sankofa.reintegration import services
from sankofa.reintegration.models import CaseClosure, ReintegrationPlan
from tests import factories

from .conftest import PAST, add_item

pytestmark = pytest.mark.django_db


def _api(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=factories.api_token(user))
    return api_client


def test_case_page_shows_reintegration_panel_with_only_consenting_members(
    client, plan, origin_caseworker, mother, son
):
    add_item(plan, origin_caseworker, budget="120", currency="EUR", kind="counselling")
    add_item(plan, origin_caseworker, budget="900000", currency="GNF")
    client.force_login(origin_caseworker)
    page = client.get(plan.case.get_absolute_url()).content.decode()
    assert 'id="reintegration-panel"' in page
    assert f'id="returnee-{mother.pk}"' in page and f'id="returnee-{son.pk}"' not in page
    assert 'data-currency="EUR"' in page and 'data-currency="GNF"' in page


def test_pages_answer_404_to_another_office(client, plan, caseworker_b, origin_caseworker, origin_office):
    project = services.project_create(
        actor=origin_caseworker, office=origin_office, name="Atelier", kind="training",
        country=origin_office.country, location="Labé", budget=Decimal("10"), currency="EUR", starts_on=PAST,
    )  # fmt: skip
    closure = services.closure_request(actor=origin_caseworker, case=plan.case, reason="completed")
    client.force_login(caseworker_b)
    number = plan.case.number
    for url in (
        reverse("reintegration:plan", args=[plan.pk]),
        reverse("reintegration:item-add", args=[plan.pk]),
        reverse("reintegration:arrival-new", args=[number]),
        reverse("reintegration:assessment", args=[number, plan.person_id]),
        reverse("reintegration:closure-new", args=[number]),
        reverse("reintegration:closure-decide", args=[closure.pk]),
        reverse("reintegration:project", args=[project.pk]),
    ):
        assert client.get(url).status_code == 404, url
    queue = client.get(reverse("reintegration:queues")).content.decode()
    assert number not in queue


def test_origin_office_cannot_open_the_assessment_of_a_member_who_did_not_consent(
    client, handed_over, son, origin_caseworker
):
    client.force_login(origin_caseworker)
    url = reverse("reintegration:assessment", args=[handed_over.number, son.pk])
    assert client.get(url).status_code == 404


def test_queue_page_lists_the_expected_returnee(client, handed_over, mother, origin_caseworker):
    client.force_login(origin_caseworker)
    page = client.get(reverse("reintegration:queues")).content.decode()
    assert handed_over.number in page and mother.full_name in page


def test_plan_page_in_french_shows_totals_per_currency(client, plan, origin_caseworker):
    add_item(plan, origin_caseworker, budget="120.50", currency="EUR", kind="counselling")
    add_item(plan, origin_caseworker, budget="900000", currency="GNF")
    client.force_login(origin_caseworker)
    page = client.get(f"/fr/reintegration/plans/{plan.pk}/").content.decode()
    assert "Plan de réintégration" in page
    assert "120,50 EUR" in page and "GNF" in page


def test_api_scoping_and_plan_flow(api_client, plan, origin_caseworker, origin_supervisor, caseworker_b, son):
    api = _api(api_client, caseworker_b)
    assert api.get(f"/api/v1/reintegration-plans/{plan.pk}/").status_code == 404
    assert api.get("/api/v1/reintegration-plans/").json()["results"] == []
    assert api.post(f"/api/v1/reintegration-plans/{plan.pk}/submit/", {}, format="json").status_code == 404

    api = _api(api_client, origin_caseworker)
    body = {"kind": "job_placement", "description": "Placement", "budget": "75.00", "currency": "USD",
            "referral_needed": True, "version": plan.version}  # fmt: skip
    answer = api.post(f"/api/v1/reintegration-plans/{plan.pk}/items/", body, format="json")
    assert answer.status_code == 200, answer.json()
    data = answer.json()
    assert data["budget_totals"] == {"USD": "75.00"}
    stale = api.post(f"/api/v1/reintegration-plans/{plan.pk}/submit/", {"version": 1}, format="json")
    assert stale.status_code == 400
    answer = api.post(
        f"/api/v1/reintegration-plans/{plan.pk}/submit/", {"version": data["version"]}, format="json"
    )
    assert answer.json()["status"] == "submitted"
    own = api.post(f"/api/v1/reintegration-plans/{plan.pk}/approve/", {}, format="json")
    assert own.status_code == 403

    api = _api(api_client, origin_supervisor)
    answer = api.post(f"/api/v1/reintegration-plans/{plan.pk}/approve/", {}, format="json")
    assert answer.status_code == 200 and answer.json()["revisions"] == [1]
    assert ReintegrationPlan.objects.get(pk=plan.pk).status == ReintegrationPlan.Status.APPROVED
    # a member who did not consent is not reachable through the share
    refused = api.post(
        "/api/v1/reintegration-plans/", {"case": plan.case.number, "person": son.pk}, format="json"
    )
    assert refused.status_code == 400


def test_api_arrivals_and_closures(
    api_client, handed_over, mother, origin_caseworker, origin_supervisor, caseworker_b
):
    api = _api(api_client, origin_caseworker)
    body = {"case": handed_over.number, "person": mother.pk, "arrived_on": PAST.isoformat(),
            "point_of_entry": "airport", "place": "Conakry-Gbessia", "received_by": "OIM"}  # fmt: skip
    answer = api.post("/api/v1/arrivals/", body, format="json")
    assert answer.status_code == 201 and answer.json()["spontaneous"] is False
    arrival_id = answer.json()["id"]
    assist = {"service": "transport-onward", "delivered_on": PAST.isoformat(), "modality": "in_kind"}
    assert (
        api.post(f"/api/v1/arrivals/{arrival_id}/post-arrival-assistance/", assist, format="json").status_code
        == 201
    )
    assert _api(api_client, caseworker_b).get(f"/api/v1/arrivals/{arrival_id}/").status_code == 404

    api = _api(api_client, origin_caseworker)
    assert (
        api.post(
            "/api/v1/case-closures/", {"case": handed_over.number, "reason": "x"}, format="json"
        ).status_code
        == 400
    )
    answer = api.post(
        "/api/v1/case-closures/", {"case": handed_over.number, "reason": "completed"}, format="json"
    )
    closure = answer.json()
    assert answer.status_code == 201
    api = _api(api_client, origin_supervisor)
    answer = api.post(
        f"/api/v1/case-closures/{closure['id']}/approve/", {"version": closure["version"]}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == CaseClosure.Status.APPROVED


def test_api_community_projects(api_client, origin_caseworker, caseworker_b, origin_office):
    api = _api(api_client, origin_caseworker)
    body = {"office": "GIN", "name": "Coopérative", "kind": "agriculture", "country": "GIN", "location": "Labé",
            "budget": "1000.00", "currency": "EUR", "starts_on": PAST.isoformat(), "community_members": 12}  # fmt: skip
    answer = api.post("/api/v1/community-projects/", body, format="json")
    assert answer.status_code == 201 and answer.json()["beneficiaries"] == 12
    pk = answer.json()["id"]
    assert _api(api_client, caseworker_b).get(f"/api/v1/community-projects/{pk}/").status_code == 404
    assert (
        _api(api_client, caseworker_b).post("/api/v1/community-projects/", body, format="json").status_code
        == 403
    )


def test_every_page_opens_for_the_origin_office(client, approved_plan, origin_caseworker, origin_office):
    project = services.project_create(
        actor=origin_caseworker, office=origin_office, name="Atelier", kind="training",
        country=origin_office.country, location="Labé", budget=Decimal("10"), currency="EUR", starts_on=PAST,
    )  # fmt: skip
    closure = services.closure_request(actor=origin_caseworker, case=approved_plan.case, reason="completed")
    item = approved_plan.items.get()
    number = approved_plan.case.number
    client.force_login(origin_caseworker)
    for url in (
        reverse("reintegration:queues"),
        reverse("reintegration:spontaneous"),
        reverse("reintegration:post-arrival", args=[number]),
        reverse("reintegration:plan-edit", args=[approved_plan.pk]),
        reverse("reintegration:purchase-add", args=[item.pk]),
        reverse("reintegration:deliver", args=[item.pk]),
        reverse("reintegration:revision", args=[approved_plan.pk, 1]),
        reverse("reintegration:projects"),
        reverse("reintegration:project-new"),
        reverse("reintegration:project", args=[project.pk]),
        reverse("reintegration:project-edit", args=[project.pk]),
        reverse("reintegration:closure-decide", args=[closure.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_delivering_from_the_page_records_assistance(client, approved_plan, origin_caseworker):
    from sankofa.assistance.models import AssistanceRecord

    item = approved_plan.items.get()
    client.force_login(origin_caseworker)
    answer = client.post(
        reverse("reintegration:deliver", args=[item.pk]),
        {"version": approved_plan.version, "delivered_on": PAST.isoformat(), "modality": "in_kind"},
    )
    assert answer.status_code == 302
    assert AssistanceRecord.objects.filter(stage="reintegration", person=approved_plan.person).count() == 1


def test_spontaneous_arrival_from_the_page(client, origin_caseworker, origin_office):
    client.force_login(origin_caseworker)
    answer = client.post(
        reverse("reintegration:spontaneous"),
        {"office": origin_office.pk, "given_name": "Ousmane", "family_name": "Bah", "sex": "M",
         "nationality": "GIN", "arrived_on": PAST.isoformat(), "point_of_entry": "land_border",
         "place": "Pamelap", "received_by": "OIM", "consents": ["assistance", "monitoring"]},
    )  # fmt: skip
    assert answer.status_code == 302
    from sankofa.reintegration.models import Arrival

    arrival = Arrival.objects.get()
    assert arrival.return_request is None and answer.url == arrival.case.get_absolute_url()
    given = {(c.purpose, c.granted, c.given_on) for c in arrival.case.consents.all()}
    assert given == {("assistance", True, PAST), ("monitoring", True, PAST)}  # recorded at reception


def test_the_api_refuses_sensitive_assessment_fields_without_sensitive_access(
    api_client, arrival, origin_caseworker
):
    api = _api(api_client, origin_caseworker)
    body = {"case": arrival.case.number, "person": arrival.person_id, "assessed_on": PAST.isoformat()}
    refused = api.post("/api/v1/assessments/", {**body, "confidential_notes": "Violences"}, format="json")
    assert refused.status_code == 400
    assert "only with access to sensitive data" in str(refused.json()["fields"]["confidential_notes"])
    assert not arrival.case.assessments.exists()
    saved = api.post("/api/v1/assessments/", {**body, "skills": "Couture"}, format="json")
    assert saved.status_code == 200 and saved.json()["skills"] == "Couture"


def test_the_assessment_page_offers_no_sensitive_field_without_sensitive_access(
    client, arrival, origin_caseworker
):
    client.force_login(origin_caseworker)
    url = reverse("reintegration:assessment", args=[arrival.case.number, arrival.person_id])
    page = client.get(url).content.decode()
    assert 'name="psychosocial_needs"' not in page and 'name="confidential_notes"' not in page
    response = client.post(
        url, {"assessed_on": PAST.isoformat(), "skills": "Couture", "confidential_notes": "x"}
    )
    assert response.status_code == 302
    assert arrival.case.assessments.get().confidential_notes == ""  # a field not offered is not read
