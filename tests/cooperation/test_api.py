"""The cooperation API: scoped like the pages, writes through the services, errors as documented."""

import datetime

import pytest

from sankofa.cooperation import services
from sankofa.cooperation.models import Action

from .conftest import add_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_action(matrix, editor, ministry_ner):
    return add_action(matrix, editor, responsible=[ministry_ner], due_on=datetime.date(2025, 2, 1))


def test_reader_lists_frameworks_matrices_and_late_actions(
    api_client, reader, framework, matrix, late_action
):
    api_client.force_authenticate(reader)
    frameworks = api_client.get("/api/v1/frameworks/").json()["results"]
    assert [(f["id"], f["action_count"], f["late_count"]) for f in frameworks] == [(framework.pk, 1, 1)]
    detail = api_client.get(f"/api/v1/matrices/{matrix.pk}/").json()
    assert [a["id"] for a in detail["actions"]] == [late_action.pk]
    late = api_client.get("/api/v1/actions/", {"late": "true", "country": "GIN"}).json()["results"]
    assert [a["id"] for a in late] == [late_action.pk] and late[0]["late"] is True


def test_partner_sees_empty_lists_and_404s(api_client, partner_user, framework, matrix, late_action):
    api_client.force_authenticate(partner_user)
    assert api_client.get("/api/v1/frameworks/").json()["results"] == []
    assert api_client.get("/api/v1/programmes/").json() == []
    assert api_client.get(f"/api/v1/actions/{late_action.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/matrices/{matrix.pk}/").status_code == 404


def test_anonymous_gets_401_or_403(api_client, framework):
    assert api_client.get("/api/v1/frameworks/").status_code in (401, 403)


def test_editor_creates_an_action_and_changes_its_status(api_client, editor, matrix, ministry_ner):
    api_client.force_authenticate(editor)
    response = api_client.post(
        "/api/v1/actions/",
        {
            "matrix": matrix.pk,
            "description": "Revise the agreement",
            "responsible": [ministry_ner.pk],
            "due_on": "2099-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["status"], created["late"], created["version"]) == ("planned", False, 1)
    response = api_client.post(
        f"/api/v1/actions/{created['id']}/status/", {"status": "delayed", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["late"]) == ("delayed", True)
    stale = api_client.post(
        f"/api/v1/actions/{created['id']}/status/", {"status": "done", "version": 1}, format="json"
    )
    assert stale.status_code == 400
    assert Action.objects.get(pk=created["id"]).status == "delayed"


def test_reader_cannot_create_or_change_actions(api_client, reader, matrix, late_action):
    api_client.force_authenticate(reader)
    response = api_client.post("/api/v1/actions/", {"matrix": matrix.pk, "description": "x"}, format="json")
    assert response.status_code == 403
    response = api_client.post(
        f"/api/v1/actions/{late_action.pk}/status/", {"status": "done", "version": 1}, format="json"
    )
    assert response.status_code == 403


def test_unknown_matrix_is_400_and_bad_ids_are_404(api_client, editor):
    api_client.force_authenticate(editor)
    assert (
        api_client.post("/api/v1/actions/", {"matrix": 999999, "description": "x"}, format="json").status_code
        == 400
    )
    assert api_client.get("/api/v1/actions/abc/").status_code == 404
    assert api_client.get("/api/v1/actions/99999999999999999999/").status_code == 404


def test_meetings_and_resources(api_client, editor, reader, framework):
    meeting = services.meeting_record(
        actor=editor, framework=framework, title="Workshop", kind="workshop", starts_on=datetime.date(2026, 1, 5),
        participants_women=3, participants_men=4,
    )  # fmt: skip
    services.resource_add(
        actor=editor, title="SOP on referral", kind="guidance", language="en", url="https://example.org/"
    )
    api_client.force_authenticate(reader)
    meetings = api_client.get("/api/v1/meetings/", {"framework": framework.pk}).json()["results"]
    assert [(m["id"], m["participants_women"]) for m in meetings] == [(meeting.pk, 3)]
    resources = api_client.get("/api/v1/resources/", {"q": "referral"}).json()["results"]
    assert [r["title"] for r in resources] == ["SOP on referral"]


def test_editor_updates_an_action_with_its_version_and_adds_a_note(
    api_client, editor, late_action, embassy_gin
):
    api_client.force_authenticate(editor)
    url = f"/api/v1/actions/{late_action.pk}/"
    body = {
        "description": "Finalise and sign the MoU",
        "supporting": [embassy_gin.pk],
        "due_on": "2026-12-31",
        "version": 1,
    }
    response = api_client.put(url, body, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    assert api_client.put(url, body, format="json").status_code == 400  # version 1 is stale now
    assert api_client.patch(url, {"description": "x"}, format="json").status_code == 405
    response = api_client.post(f"{url}notes/", {"text": "Draft sent to Conakry"}, format="json")
    assert response.status_code == 201
    assert late_action.notes.get().text == "Draft sent to Conakry"
