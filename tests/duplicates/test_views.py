"""Pages and API of the review queue: side by side, merge, undo, not the same person, batch runs."""

import pytest
from django.urls import reverse

from sankofa.people.models import MatchPair, MatchRun, PersonMerge

pytestmark = pytest.mark.django_db


def test_the_queue_lists_pairs_for_their_supervisor_only(
    pair_a, supervisor_a, supervisor_b, caseworker_a, client
):
    client.force_login(supervisor_a)
    assert (
        reverse("duplicates:pair", args=[pair_a.pk])
        in client.get(reverse("duplicates:queue")).content.decode()
    )
    client.force_login(supervisor_b)
    assert (
        reverse("duplicates:pair", args=[pair_a.pk])
        not in client.get(reverse("duplicates:queue")).content.decode()
    )
    assert client.get(reverse("duplicates:pair", args=[pair_a.pk])).status_code == 404
    client.force_login(caseworker_a)
    assert client.get(reverse("duplicates:queue")).status_code == 403


def test_a_supervisor_compares_side_by_side_merges_and_undoes(pair_a, supervisor_a, client):
    client.force_login(supervisor_a)
    page = client.get(reverse("duplicates:pair", args=[pair_a.pk])).content.decode()
    assert "Aïssatou DIALLO" in page and "Aisha JALLOH" in page and "name variant" in page
    client.post(reverse("duplicates:merge", args=[pair_a.pk]), {"survivor": pair_a.person_a_id})
    pair_a.refresh_from_db()
    assert pair_a.status == MatchPair.Status.MERGED
    merge = PersonMerge.objects.get()
    assert "Undo this merge" in client.get(reverse("duplicates:pair", args=[pair_a.pk])).content.decode()
    client.post(reverse("duplicates:undo", args=[merge.pk]))
    pair_a.refresh_from_db()
    merge.refresh_from_db()
    assert pair_a.status == MatchPair.Status.OPEN and merge.undone_at is not None


def test_not_the_same_person_leaves_the_queue(pair_a, supervisor_a, client):
    client.force_login(supervisor_a)
    client.post(reverse("duplicates:distinct", args=[pair_a.pk]))
    pair_a.refresh_from_db()
    assert pair_a.status == MatchPair.Status.DISTINCT
    assert (
        reverse("duplicates:pair", args=[pair_a.pk])
        not in client.get(reverse("duplicates:queue")).content.decode()
    )


def test_the_runs_page_shows_progress_and_polls_while_running(supervisor_a, client):
    MatchRun.objects.create(
        status=MatchRun.Status.RUNNING, progress=40, stage="scoring", started_by=supervisor_a
    )
    client.force_login(supervisor_a)
    page = client.get(reverse("duplicates:runs")).content.decode()
    assert "40%" in page and "scoring" in page and 'hx-trigger="every 2s"' in page
    partial = client.get(reverse("duplicates:runs"), HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="runs"') and "40%" in partial


def test_a_second_run_is_refused_while_one_is_running(supervisor_a, client):
    MatchRun.objects.create(status=MatchRun.Status.RUNNING)
    client.force_login(supervisor_a)
    client.post(reverse("duplicates:runs"))
    assert MatchRun.objects.count() == 1


def test_the_api_merges_undoes_and_refuses_other_offices(pair_a, supervisor_a, supervisor_b, api_client):
    api_client.force_authenticate(supervisor_b)
    assert api_client.get(f"/api/v1/duplicates/pairs/{pair_a.pk}/").status_code == 404
    assert api_client.get("/api/v1/duplicates/pairs/").json()["results"] == []
    api_client.force_authenticate(supervisor_a)
    body = api_client.get("/api/v1/duplicates/pairs/").json()
    assert [p["id"] for p in body["results"]] == [pair_a.pk]
    assert api_client.post(f"/api/v1/duplicates/pairs/{pair_a.pk}/merge/", {"survivor": 0}).status_code == 400
    merged = api_client.post(f"/api/v1/duplicates/pairs/{pair_a.pk}/merge/", {"survivor": pair_a.person_b_id})
    assert merged.status_code == 200 and merged.json()["survivor"] == pair_a.person_b_id
    undone = api_client.post(f"/api/v1/duplicates/merges/{merged.json()['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["undone"] is True
    assert api_client.post(f"/api/v1/duplicates/pairs/{pair_a.pk}/distinct/").json()["status"] == "distinct"


def test_a_run_without_progress_for_an_hour_no_longer_blocks_a_new_one(supervisor_a):
    import datetime

    from django.utils import timezone

    from sankofa.duplicates.services import match_run_start

    stale = MatchRun.objects.create(status=MatchRun.Status.RUNNING)
    MatchRun.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))
    match_run_start(actor=supervisor_a, only_new=True)
    stale.refresh_from_db()
    assert stale.status == MatchRun.Status.FAILED


def test_the_pairs_api_shows_nothing_of_a_side_the_caller_may_not_see(
    caseworker_a, office_a, case_b, supervisor_b, api_client
):
    """Niamey registers someone who may be Tripoli's Mohamed Keita and asks Tripoli to confirm:
    Tripoli's supervisor sees the pair, but neither the Niamey person's id nor the reasons (which
    quote names, dates of birth, document numbers)."""
    import datetime

    from sankofa.people import matching
    from sankofa.people.models import MatchPair
    from tests.factories import member, register_case

    niamey = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Mohamed", "Keita", sex="M", date_of_birth=datetime.date(1990, 3, 2)),
    )
    a, b = matching.pair_key(niamey.principal_id, case_b.principal_id)
    pair = MatchPair.objects.create(
        person_a_id=a,
        person_b_id=b,
        score=0.97,
        band="duplicate",
        reasons=[
            {"code": "same_birth_date", "detail": "1990-03-02"},
            {"code": "name_exact", "detail": "keita"},
        ],
        confirm_office=case_b.owning_office,
    )
    api_client.force_authenticate(supervisor_b)
    for body in (
        api_client.get(f"/api/v1/duplicates/pairs/{pair.pk}/").json(),
        api_client.get("/api/v1/duplicates/pairs/").json()["results"][0],
    ):
        assert body["reasons"] == []
        sides = {body["person_a"], body["person_b"]}
        assert sides == {case_b.principal_id, None}
        assert "1990" not in str(body)
