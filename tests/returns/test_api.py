"""The returns API: scoped like the cases API (404 outside scope), transitions as actions that take
the version last seen, refusals as 400 with the message, and the handover limited to consented people."""

import pytest

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import Consent
from sankofa.returns.models import Handover, Movement, ReturnRequest
from tests import factories

from .conftest import PAST, TODAY

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, data or {}, format="json")


def test_family_goes_from_request_to_arrival_through_the_api(
    api_client, family, mother, son, caseworker_a, supervisor_a, origin_caseworker
):
    api_client.force_authenticate(caseworker_a)
    created = post(
        api_client,
        "/api/v1/return-requests/",
        {
            "case": family.number,
            "people": [mother.pk, son.pk],
            "destination_country": "GIN",
            "destination_place": "Labé",
            "voluntary": True,
            "informed_consent_on": PAST.isoformat(),
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    url = f"/api/v1/return-requests/{body['id']}"
    decided = post(
        api_client, f"{url}/decide/", {"eligible": True, "reason": "Guinean", "version": body["version"]}
    )
    assert decided.json()["status"] == "eligible"

    refused = post(api_client, f"{url}/approve/", {"version": decided.json()["version"]})
    assert refused.status_code == 403  # a caseworker does not approve
    api_client.force_authenticate(supervisor_a)
    stale = post(api_client, f"{url}/approve/", {"version": body["version"]})
    assert stale.status_code == 400 and "changed by someone else" in str(stale.json())
    approved = post(api_client, f"{url}/approve/", {"version": decided.json()["version"]})
    assert approved.json()["status"] == "approved"

    api_client.force_authenticate(caseworker_a)
    for person in (mother, son):
        post(
            api_client,
            f"{url}/documents/",
            {
                "person": person.pk,
                "kind": "passport",
                "consulate": "Consulat",
                "requested_on": PAST.isoformat(),
            },
        )
        post(
            api_client,
            f"{url}/fitness/",
            {"person": person.pk, "checked_on": PAST.isoformat(), "result": "fit"},
        )
    for document in api_client.get(url + "/").json()["documents"]:
        issued = post(
            api_client,
            f"/api/v1/travel-documents/{document['id']}/update_status/",
            {
                "action": "issue",
                "day": PAST.isoformat(),
                "number": f"P{document['id']}",
                "expires_on": "2099-01-01",
            },
        )
        assert issued.json()["status"] == "issued"
    movement = post(
        api_client,
        "/api/v1/movements/",
        {
            "office": "NER",
            "kind": "charter",
            "reference": "API-CHARTER-1",
            "destination_country": "GIN",
            "departure_on": TODAY.isoformat(),
            "legs": [
                {
                    "from_place": "Niamey",
                    "to_place": "Conakry",
                    "departs_at": "2026-01-01T08:00:00Z",
                    "arrives_at": "2026-01-01T12:00:00Z",
                }
            ],
            "escorts": [{"name": "Dr. Sani", "kind": "medical"}],
        },
    )
    assert movement.status_code == 201, movement.json()
    movement_url = f"/api/v1/movements/{movement.json()['id']}"
    assert post(api_client, f"{url}/book/", {"movement": movement.json()["id"]}).status_code == 200
    handover = post(api_client, f"{url}/handover/", {"to_office": "GIN"})
    assert handover.json()["handovers"][0]["people"] == [mother.full_name]  # the son did not consent
    manifest = api_client.get(f"{movement_url}/manifest/").json()
    assert {row["name"] for row in manifest} == {mother.full_name, son.full_name}
    assert post(api_client, f"{movement_url}/depart/").json()["status"] == "departed"
    assert post(api_client, f"{movement_url}/arrive/").json()["status"] == "arrived"
    assert api_client.get(url + "/").json()["status"] == "arrived"


def test_illegal_transition_is_a_400_and_changes_nothing(api_client, family, mother, supervisor_a):
    from .conftest import request_for

    request = request_for(family, [mother])
    api_client.force_authenticate(supervisor_a)
    response = post(api_client, f"/api/v1/return-requests/{request.pk}/approve/")
    assert response.status_code == 400
    assert "cannot go from “Submitted” to “Approved”" in str(response.json())
    assert ReturnRequest.objects.get(pk=request.pk).status == ReturnRequest.Status.SUBMITTED


def test_other_office_gets_404_everywhere(
    api_client, family_ready, charter, caseworker_a, caseworker_b, origin_office
):
    from sankofa.returns import services

    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    handover = services.handover_send(actor=caseworker_a, request=family_ready, to_office=origin_office)
    api_client.force_authenticate(caseworker_b)
    pk = family_ready.pk
    for url in (
        f"/api/v1/return-requests/{pk}/",
        f"/api/v1/movements/{charter.pk}/",
        f"/api/v1/movements/{charter.pk}/manifest/",
        f"/api/v1/handovers/{handover.pk}/",
        f"/api/v1/travel-documents/{family_ready.documents.first().pk}/",
    ):
        assert api_client.get(url).status_code == 404, url
    for url in (
        f"/api/v1/return-requests/{pk}/withdraw/",
        f"/api/v1/movements/{charter.pk}/depart/",
        f"/api/v1/handovers/{handover.pk}/acknowledge/",
    ):
        assert post(api_client, url).status_code == 404, url
    for listing in ("return-requests", "movements", "handovers", "travel-documents", "assistance"):
        assert api_client.get(f"/api/v1/{listing}/").json()["results"] == [], listing
    assert Movement.objects.get(pk=charter.pk).status == Movement.Status.BOOKED


def test_origin_office_acknowledges_through_the_api_and_sees_only_consented_people(
    api_client, family_approved, caseworker_a, origin_caseworker, origin_office, mother, son
):
    from sankofa.returns import services

    handover = services.handover_send(actor=caseworker_a, request=family_approved, to_office=origin_office)
    api_client.force_authenticate(origin_caseworker)
    assert api_client.get(f"/api/v1/cases/{family_approved.case.number}/").status_code == 404
    minimal = api_client.get(f"/api/v1/handovers/{handover.pk}/").json()
    assert minimal["people"] == [mother.full_name]
    assert (
        post(api_client, f"/api/v1/handovers/{handover.pk}/acknowledge/").json()["status"] == "acknowledged"
    )
    assert Handover.objects.get().status == Handover.Status.ACKNOWLEDGED
    case = api_client.get(f"/api/v1/cases/{family_approved.case.number}/").json()
    assert [m["person"]["id"] for m in case["members"]] == [mother.pk]
    people = api_client.get("/api/v1/people/").json()["results"]
    assert [p["id"] for p in people] == [mother.pk]
    request = api_client.get(f"/api/v1/return-requests/{family_approved.pk}/").json()
    assert request["people"] == [mother.pk] and request["hidden_people"] == 1
    assert son.full_name not in str(api_client.get(f"/api/v1/cases/{family_approved.case.number}/").json())


def test_assistance_api_records_each_member_and_refuses_cash_without_amount(api_client, case_a, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    people = [m.person_id for m in case_a.members.all()]
    refused = post(
        api_client,
        "/api/v1/assistance/",
        {"case": case_a.number, "people": people, "service": "transport-onward", "delivered_on": PAST.isoformat(),
         "country": "NER", "modality": "in_kind"},
    )  # fmt: skip
    assert refused.status_code == 400 and "no consent to assistance in force" in str(refused.json())
    factories.consent_given(case_a, [m.person for m in case_a.members.all()], Consent.Purpose.ASSISTANCE)
    base = {
        "case": case_a.number,
        "people": people,
        "service": "transport-onward",
        "delivered_on": PAST.isoformat(),
        "country": "NER",
    }
    refused = post(api_client, "/api/v1/assistance/", {**base, "modality": "cash", "currency": "XOF"})
    assert refused.status_code == 400 and "positive amount" in str(refused.json())
    created = post(
        api_client,
        "/api/v1/assistance/",
        {**base, "modality": "cash", "amount": "2500.00", "currency": "XOF"},
    )
    assert created.status_code == 201 and len(created.json()) == 2
    assert AssistanceRecord.objects.filter(currency="XOF").count() == 2
    listing = api_client.get("/api/v1/assistance/").json()["results"]
    assert {r["person"] for r in listing} == set(people)


def test_handover_without_consent_is_a_400_with_the_message(
    api_client, case_a, mother, son, caseworker_a, supervisor_a, origin_office
):
    from .conftest import approved

    request = approved(case_a, [mother, son], caseworker=caseworker_a, supervisor=supervisor_a)
    api_client.force_authenticate(caseworker_a)
    response = post(api_client, f"/api/v1/return-requests/{request.pk}/handover/", {"to_office": "GIN"})
    assert response.status_code == 400
    assert "Handover refused: there is no consent in force" in str(response.json())
    assert not Handover.objects.exists()


def test_request_list_queries_do_not_grow_with_the_page(api_client, office_a, caseworker_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    from .conftest import request_for

    def one_more():
        case = factories.register_case(
            actor=caseworker_a, office=office_a, given_name="Awa", family_name="Sylla"
        )
        request_for(case, [case.principal], actor=caseworker_a)

    api_client.force_authenticate(caseworker_a)
    one_more()
    with CaptureQueriesContext(connection) as one:
        api_client.get("/api/v1/return-requests/")
    for _ in range(4):
        one_more()
    with CaptureQueriesContext(connection) as five:
        assert len(api_client.get("/api/v1/return-requests/").json()["results"]) == 5
    # Visibility is one query for the page, related records are prefetched: no query per row.
    assert len(five) == len(one)


def test_the_api_refuses_a_return_request_without_consent_to_return(api_client, case_a, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    mother = case_a.principal
    response = post(
        api_client,
        "/api/v1/return-requests/",
        {"case": case_a.number, "people": [mother.pk], "destination_country": "GIN", "voluntary": True,
         "informed_consent_on": PAST.isoformat()},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Aïssatou DIALLO has no consent to return in force" in str(response.json())
    assert not ReturnRequest.objects.exists()
