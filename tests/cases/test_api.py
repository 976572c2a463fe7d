"""The REST API: authentication, registration, status changes, people, and the OpenAPI document."""

import json
import re

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from sankofa.cases.models import Case, CaseMember, Consent, TimelineEvent, VulnerabilityFlag
from sankofa.people.models import IdentityDocument, Person
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def family_payload(**overrides) -> dict:
    payload = {
        "office": "NER",
        "registered_on": "2025-03-10",
        "members": [
            {
                "relationship": "principal",
                "person": {
                    "given_name": "Aïssatou",
                    "family_name": "Diallo",
                    "sex": "F",
                    "date_of_birth": "1994-06-01",
                    "nationality": "GIN",
                    "languages": ["ful", "fra"],
                    "phone": "+227 90 12 34 56",
                    "documents": [{"kind": "passport", "number": "GN 0012345", "issuing_country": "GIN"}],
                },
                "aliases": ["Aïcha"],
            },
            {
                "relationship": "child",
                "person": {
                    "given_name": "Mamadou",
                    "family_name": "Diallo",
                    "sex": "M",
                    "nationality": "GIN",
                },
            },
        ],
        "consents": [
            {"member": 0, "purpose": "assistance", "granted": True, "given_on": "2025-03-10"},
            {"member": 0, "purpose": "return", "granted": True, "given_on": "2025-03-10"},
        ],
        "flags": [
            {"member": 1, "kind": "uasc", "identified_on": "2025-03-10", "notes": "Separated at Assamaka"}
        ],
    }
    payload.update(overrides)
    return payload


# --- authentication ---------------------------------------------------------------------------


def test_token_authentication_works(case_a, caseworker_a):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "cw_a", "password": PASSWORD, "device": "laptop"}, format="json"
    )
    assert response.status_code == 201
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [case_a.number]


def test_wrong_password_gets_no_token(caseworker_a):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "cw_a", "password": "nope", "device": "laptop"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_session_authentication_works(case_a, caseworker_a):
    client = APIClient()
    assert client.login(username="cw_a", password=PASSWORD)
    response = client.get(f"/api/v1/cases/{case_a.number}/")
    assert response.status_code == 200
    assert response.json()["number"] == case_a.number


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/people/", "/api/v1/cases/{number}/"])
def test_unauthenticated_requests_are_refused(case_a, url):
    response = APIClient().get(url.format(number=case_a.number))
    assert response.status_code in (401, 403)
    assert case_a.number not in response.content.decode()


def test_bad_token_is_refused(case_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert client.get("/api/v1/cases/").status_code in (401, 403)


# --- reading ------------------------------------------------------------------------------------


def test_case_detail_lists_members_and_flags(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    body = api_client.get(f"/api/v1/cases/{case_a.number}/").json()
    assert body["owning_office"] == "NER"
    assert body["principal"] == "Aïssatou DIALLO"
    assert body["version"] == 1
    assert [(m["relationship"], m["person"]["given_name"]) for m in body["members"]] == [
        ("principal", "Aïssatou"),
        ("child", "Mamadou"),
    ]


def test_case_list_filters_by_search_and_status(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    assert [
        r["number"] for r in api_client.get("/api/v1/cases/", {"q": "aissatou dialo"}).json()["results"]
    ] == [case_a.number]
    assert api_client.get("/api/v1/cases/", {"status": "closed"}).json()["results"] == []


def test_people_endpoint_lists_only_people_of_visible_cases(case_a, case_b, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    body = api_client.get("/api/v1/people/").json()
    assert {p["given_name"] for p in body["results"]} == {"Aïssatou", "Mamadou"}
    outside = Person.objects.create(given_name="Nobody", sex="X")  # in no case at all
    assert api_client.get(f"/api/v1/people/{outside.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/people/{case_a.principal.pk}/").status_code == 200


def test_people_search_uses_name_variants_within_scope(case_a, case_b, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)

    def named(q):
        return {p["given_name"] for p in api_client.get("/api/v1/people/", {"q": q}).json()["results"]}

    assert named("Muhammad Jalloh") == {"Mamadou"}  # Mamadou Diallo; Mohamed Keita is in another office
    assert named("Aisha") == {"Aïssatou"}
    assert named("Keita") == set()


# --- registering --------------------------------------------------------------------------------


def test_post_registers_a_family_case(caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", family_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "NER-2025-000001"
    assert [m["relationship"] for m in body["members"]] == ["principal", "child"]
    assert body["flags"][0]["label"] == "Unaccompanied or separated child"

    case = Case.objects.get(number=body["number"])
    assert case.registered_by == caseworker_a and case.assigned_to == caseworker_a
    assert case.principal.given_name == "Aïssatou"
    assert case.principal.nationality_id == "GIN"
    assert case.principal.languages == ["ful", "fra"]
    assert case.principal.phone_normalised == "0022790123456"
    assert list(case.principal.aliases.values_list("name", flat=True)) == ["Aïcha"]
    assert IdentityDocument.objects.get(person=case.principal).number_normalised == "GN0012345"
    assert case.members.get(relationship=CaseMember.Relationship.CHILD).person.given_name == "Mamadou"
    assert set(Consent.objects.filter(case=case).values_list("purpose", flat=True)) == {
        "assistance",
        "return",
    }
    assert VulnerabilityFlag.objects.get(case=case).notes == "Separated at Assamaka"
    assert TimelineEvent.objects.filter(case=case, kind="case.registered").exists()


def test_post_registers_consent_to_share_with_a_named_partner(caseworker_a, partner_org, api_client):
    api_client.force_authenticate(caseworker_a)
    consent = {"member": 0, "purpose": "share_partner", "partner": partner_org.pk, "granted": True,
               "given_on": "2025-03-10"}  # fmt: skip
    response = api_client.post("/api/v1/cases/", family_payload(consents=[consent]), format="json")
    assert response.status_code == 201, response.content
    assert Consent.objects.get().partner == partner_org


def assert_nothing_written():
    assert not Case.objects.exists()
    assert not Person.objects.exists()
    assert not TimelineEvent.objects.exists()


def test_post_without_given_name_gives_field_errors_and_writes_nothing(caseworker_a, api_client):
    payload = family_payload()
    del payload["members"][0]["person"]["given_name"]
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["members"]["0"]["person"]["given_name"] == ["This field is required."]
    assert_nothing_written()


def test_post_with_unknown_nationality_gives_field_errors_and_writes_nothing(caseworker_a, api_client):
    payload = family_payload()
    payload["members"][1]["person"]["nationality"] = "XXX"
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()["members"]
    assert list(errors) == ["1"]  # errors are keyed by the member's index
    assert "XXX" in errors["1"]["person"]["nationality"][0]
    assert_nothing_written()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consents": [{"member": 0, "purpose": "share_partner", "granted": True, "given_on": "2025-03-10"}]},
         "partner"),
        ({"flags": [{"member": 5, "kind": "uasc", "identified_on": "2025-03-10"}]}, "not in the list"),
        ({"registered_on": "2999-01-01"}, "future"),
    ],
)  # fmt: skip
def test_post_refused_by_a_rule_gives_400_with_the_reason_and_writes_nothing(
    caseworker_a, api_client, change, message
):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", family_payload(**change), format="json")
    assert response.status_code == 400
    assert message in json.dumps(response.json())
    assert_nothing_written()


def test_post_into_an_office_the_user_does_not_belong_to_is_forbidden(caseworker_b, office_a, api_client):
    api_client.force_authenticate(caseworker_b)
    assert api_client.post("/api/v1/cases/", family_payload(), format="json").status_code == 403
    assert_nothing_written()


def test_post_with_an_unknown_office_is_a_field_error(caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", family_payload(office="ZZZ"), format="json")
    assert response.status_code == 400 and "office" in response.json()


# --- status -------------------------------------------------------------------------------------


def test_status_change_through_the_api(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post(
        f"/api/v1/cases/{case_a.number}/status/",
        {"status": "on_hold", "note": "Awaiting documents", "version": 1},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "on_hold" and response.json()["version"] == 2
    assert Case.objects.get(pk=case_a.pk).status == "on_hold"


def test_illegal_status_transition_gives_400_with_a_clear_message_and_changes_nothing(
    case_a, supervisor_a, api_client
):
    api_client.force_authenticate(supervisor_a)
    held = api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "on_hold", "version": 1})
    assert held.status_code == 200
    response = api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "on_hold", "version": 2})
    assert response.status_code == 400
    assert response.json() == {"detail": ["A case cannot go from “On hold” to “On hold”."]}
    case = Case.objects.get(pk=case_a.pk)
    assert (case.status, case.version) == ("on_hold", 2)


def test_stale_version_gives_400_and_changes_nothing(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "on_hold", "version": 1})
    response = api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "open", "version": 1})
    assert response.status_code == 400
    assert "changed by someone else" in response.json()["detail"][0]
    case = Case.objects.get(pk=case_a.pk)
    assert (case.status, case.version) == ("on_hold", 2)


def test_status_change_needs_a_version_and_a_known_status(case_a, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    url = f"/api/v1/cases/{case_a.number}/status/"
    assert "version" in api_client.post(url, {"status": "on_hold"}).json()
    assert "status" in api_client.post(url, {"status": "archived", "version": 1}).json()
    assert Case.objects.get(pk=case_a.pk).version == 1


@pytest.mark.parametrize("who", ["caseworker_a", "supervisor_a"])
def test_closing_a_case_through_the_status_api_is_refused_even_for_a_supervisor(
    case_a, api_client, who, request
):
    """Closing skips nothing: it goes through the closure workflow (a reason, a supervisor's decision)."""
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "closed", "version": 1})
    assert response.status_code == 400
    assert "closure request" in response.json()["detail"][0]
    assert Case.objects.get(pk=case_a.pk).status == "open"


# --- OpenAPI --------------------------------------------------------------------------------------


def test_schema_is_a_valid_openapi_3_document(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # drf-spectacular's bundled OpenAPI 3 JSON schema
    paths = schema["paths"]
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{number}/",
        "/api/v1/cases/{number}/status/",
        "/api/v1/people/",
    ):
        assert path in paths
    assert "post" in paths["/api/v1/cases/"]
    list_parameters = {p["name"] for p in paths["/api/v1/cases/"]["get"]["parameters"]}
    assert {"q", "status", "nationality", "flag"} <= list_parameters


def test_schema_generation_has_no_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning (unresolvable type, missing hint...) into an error
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/cases/" in (tmp_path / "schema.yaml").read_text()


def test_api_docs_render_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(
        r'"(\S+swagger-ui\S*\.(?:js|css))"', html
    )
    assert assets, html
    assert all(not a.startswith(("http:", "https:", "//")) for a in assets), assets
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200  # served by whitenoise from the sidecar package


def test_api_refuses_unknown_language_codes_and_writes_nothing(api_client, caseworker_a, office_a):
    from sankofa.cases.models import Case

    api_client.force_authenticate(caseworker_a)
    body = {
        "office": office_a.code,
        "members": [
            {
                "relationship": "principal",
                "person": {"given_name": "Awa", "sex": "F", "languages": ["fra", "xyz"]},
            }
        ],
    }
    response = api_client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400 and "xyz" in str(response.json())
    assert not Case.objects.exists()
    body["members"][0]["person"]["languages"] = ["FRA", "ful"]
    response = api_client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201
    assert Case.objects.get().principal.languages == ["fra", "ful"]


def test_post_stores_names_without_spoofing_characters(caseworker_a, api_client):
    payload = family_payload()
    payload["members"][0]["person"]["given_name"] = "Ali\u202egnp.exe"
    payload["members"][0]["aliases"] = ["A\u200bïcha"]
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201, response.content
    principal = Case.objects.get(number=response.json()["number"]).principal
    assert principal.given_name == "Alignp.exe"
    assert list(principal.aliases.values_list("name", flat=True)) == ["Aïcha"]
    assert api_client.get(f"/api/v1/people/{principal.pk}/").json()["given_name"] == "Alignp.exe"


# --- rules of the service, not of the form: the API refuses what the registration page refuses --------


def _principal(payload: dict, **person) -> dict:
    payload["members"][0]["person"].update(person)
    return payload


@pytest.mark.parametrize(
    "person,message",
    [
        ({"date_of_birth": "2999-01-01"}, "The date of birth cannot be in the future."),
        ({"date_of_birth": "1800-01-01"}, "not plausible"),
        ({"date_of_birth": None, "birth_date_estimated": True}, "needs the estimated date"),
    ],
)
def test_post_with_an_impossible_date_of_birth_gives_400_and_writes_nothing(
    caseworker_a, api_client, person, message
):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", _principal(family_payload(), **person), format="json")
    assert response.status_code == 400
    body = response.json()
    assert any(message in m for m in body["detail"])
    assert any(message in m for m in body["fields"]["date_of_birth"])
    assert_nothing_written()


def test_post_registers_the_migration_profile_and_route(caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    profile = {
        "reason_for_leaving": "economic",
        "left_home_on": "2024-11-01",
        "route": [
            {"country": "MLI", "place": "Bamako", "arrived_on": "2024-11-03", "left_on": "2024-12-01"},
            {"country": "NER", "place": "Agadez", "arrived_on": "2024-12-05"},
        ],
    }
    response = api_client.post("/api/v1/cases/", family_payload(profile=profile), format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(number=response.json()["number"])
    assert [s.country_id for s in case.profile.route.all()] == ["MLI", "NER"]


@pytest.mark.parametrize(
    "profile,message",
    [
        (
            {"route": [{"country": "MLI", "arrived_on": "2024-12-01", "left_on": "2024-11-01"}]},
            "Step 1 of the route: the person cannot leave before arriving.",
        ),
        (
            {"route": [{"country": "MLI", "arrived_on": "2024-12-01"}, {"country": "NER", "arrived_on": "2024-10-01"}]},
            "Step 2 of the route: it cannot begin before the previous step.",
        ),
        (
            {"left_home_on": "2024-12-01", "route": [{"country": "MLI", "arrived_on": "2024-11-01"}]},
            "Step 1 of the route: the person cannot arrive there before leaving home.",
        ),
        ({"route": [{"country": "MLI", "arrived_on": "2999-01-01"}]}, "cannot be in the future"),
        ({"left_home_on": "2999-01-01"}, "The date the person left home cannot be in the future."),
    ],
)  # fmt: skip
def test_post_with_an_illogical_route_gives_400_with_the_step_and_writes_nothing(
    caseworker_a, api_client, profile, message
):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", family_payload(profile=profile), format="json")
    assert response.status_code == 400
    assert any(message in m for m in response.json()["detail"])
    assert_nothing_written()
