"""The sustainability API: schemes (read), surveys (list, create, conduct, rescore), due/overdue; scoping."""

import pytest
from django.utils import timezone

from sankofa.reintegration import services
from sankofa.reintegration.models import SustainabilitySurvey
from sankofa.reintegration.scheme_files import DEFAULT_FILE, read_scheme_file

from .conftest import answers_all

pytestmark = pytest.mark.django_db
BASE = "/api/v1/sustainability"


@pytest.fixture
def scheduled(family, mother, son):
    services.followups_schedule(case=family, person=mother)
    services.followups_schedule(case=family, person=son)
    return SustainabilitySurvey.objects.filter(person=mother).order_by("due_on")


def test_schemes_are_readable_with_their_questions(api_client, origin_caseworker, scheme):
    api_client.force_authenticate(origin_caseworker)
    listing = api_client.get(f"{BASE}/schemes/").json()
    assert [s["code"] for s in listing] == ["sankofa-default"]
    detail = api_client.get(f"{BASE}/schemes/{scheme.pk}/").json()
    assert len(detail["questions"]) == 18
    assert {d["key"] for d in detail["dimensions"]} == {"economic", "social", "psychosocial"}
    assert api_client.get(f"{BASE}/schemes/999999/").status_code == 404


def test_partner_may_not_read_schemes(api_client, partner_user, scheme):
    api_client.force_authenticate(partner_user)
    assert api_client.get(f"{BASE}/schemes/").status_code == 403


def test_conduct_then_rescore_through_the_api(api_client, origin_caseworker, origin_me, scheduled, scheme):
    api_client.force_authenticate(origin_caseworker)
    baseline = scheduled[0]
    body = {
        "answers": answers_all(scheme, lambda o: o[-1]),
        "conducted_on": timezone.localdate().isoformat(),
    }
    response = api_client.post(f"{BASE}/surveys/{baseline.pk}/conduct/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["composite"] == "1.000"
    again = api_client.post(f"{BASE}/surveys/{baseline.pk}/conduct/", body, format="json")
    assert again.status_code == 400
    v2 = services.scheme_load(parsed=read_scheme_file(DEFAULT_FILE))
    rescore = {"scheme": v2.pk, "reason": "official weights"}
    assert api_client.post(f"{BASE}/surveys/{baseline.pk}/rescore/", rescore).status_code == 403
    api_client.force_authenticate(origin_me)
    response = api_client.post(f"{BASE}/surveys/{baseline.pk}/rescore/", rescore)
    assert response.status_code == 200
    assert [s["is_current"] for s in response.json()["scores"]] == [True, False]


def test_unscheduled_follow_up_through_the_api(api_client, origin_caseworker, family, mother, scheme):
    api_client.force_authenticate(origin_caseworker)
    body = {
        "case": family.number,
        "person": mother.pk,
        "kind": "follow_up",
        "answers": answers_all(scheme, lambda o: o[0]),
        "conducted_on": timezone.localdate().isoformat(),
    }
    response = api_client.post(f"{BASE}/surveys/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["composite"] == "0.000" and response.json()["month"] is None
    bad = {**body, "answers": {"eco-income": "all"}}
    assert api_client.post(f"{BASE}/surveys/", bad, format="json").status_code == 400


def test_due_lists_overdue_surveys(api_client, origin_caseworker, origin_office, scheduled):
    api_client.force_authenticate(origin_caseworker)
    overdue = api_client.get(f"{BASE}/surveys/due/", {"overdue": "true"}).json()
    assert sorted(s["month"] or 0 for s in overdue) == [0, 3]
    assert api_client.get(f"{BASE}/surveys/due/", {"mine": "true"}).json() == []
    by_office = api_client.get(f"{BASE}/surveys/due/", {"office": origin_office.pk, "overdue": "1"}).json()
    assert len(by_office) == 2
    assert api_client.get(f"{BASE}/surveys/due/", {"office": "x"}).status_code == 400


def test_another_office_gets_404(api_client, caseworker_b, family, mother, scheduled, scheme):
    api_client.force_authenticate(caseworker_b)
    survey = scheduled[0]
    assert api_client.get(f"{BASE}/surveys/{survey.pk}/").status_code == 404
    body = {"answers": answers_all(scheme, lambda o: o[0]), "conducted_on": timezone.localdate().isoformat()}
    assert api_client.post(f"{BASE}/surveys/{survey.pk}/conduct/", body, format="json").status_code == 404
    assert api_client.get(f"{BASE}/surveys/").json()["results"] == []
    assert api_client.get(f"{BASE}/surveys/due/").json() == []
    create = {**body, "case": family.number, "person": mother.pk, "kind": "follow_up"}
    assert api_client.post(f"{BASE}/surveys/", create, format="json").status_code == 404


def test_shared_office_sees_only_the_consenting_member(api_client, origin_caseworker, son, scheduled):
    api_client.force_authenticate(origin_caseworker)
    people = {s["person"] for s in api_client.get(f"{BASE}/surveys/").json()["results"]}
    assert son.pk not in people and len(people) == 1
    son_survey = SustainabilitySurvey.objects.filter(person=son).first()
    assert api_client.get(f"{BASE}/surveys/{son_survey.pk}/").status_code == 404
