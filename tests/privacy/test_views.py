"""The data-protection pages: the focal point reads the proposed retention run and approves it; no
one else may; requests and holds are reached only by those who may decide them (others: 403/404)."""

import datetime

import pytest
from django.urls import reverse

from sankofa.access.models import Role
from sankofa.people.models import Person
from sankofa.privacy.models import DataSubjectRequest, LegalHold, RetentionRun
from sankofa.privacy.services import retention_propose, subject_request_record
from tests import factories

from .conftest import LONG_AGO, close

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(case_a):
    close(case_a, at=LONG_AGO)
    return retention_propose()


@pytest.fixture
def admin_a(office_a):
    return factories.user_in(office_a, Role.ADMINISTRATOR, username="admin_a")


def test_focal_point_sees_the_proposed_run_and_approves_it(client, proposed, dpo_a, case_a):
    client.force_login(dpo_a)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert case_a.number in page and "Approve this run" in page
    assert "Diallo" not in page  # counts and case numbers, no personal data
    client.post(reverse("privacy:retention-approve", args=[proposed.pk]))
    run = RetentionRun.objects.get(pk=proposed.pk)
    assert (run.status, run.approved_by) == (RetentionRun.Status.APPROVED, dpo_a)


def test_retention_page_in_french(client, proposed, dpo_a):
    client.force_login(dpo_a)
    page = client.get("/fr/privacy/retention/").content.decode()
    assert "Approuver cette opération" in page


@pytest.mark.parametrize("who", ["caseworker_a", "supervisor_a", "me_officer_a", "partner_user", "outsider"])
def test_others_cannot_open_the_retention_page_or_approve(client, proposed, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("privacy:retention")).status_code == 403
    assert client.post(reverse("privacy:retention-approve", args=[proposed.pk])).status_code == 403
    assert client.post(reverse("privacy:retention-propose")).status_code == 403
    assert RetentionRun.objects.get(pk=proposed.pk).status == RetentionRun.Status.PROPOSED
    assert RetentionRun.objects.count() == 1


def test_administrator_reads_the_run_but_cannot_approve(client, proposed, admin_a):
    client.force_login(admin_a)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "Approve this run" not in page
    client.post(reverse("privacy:retention-approve", args=[proposed.pk]))
    assert RetentionRun.objects.get(pk=proposed.pk).status == RetentionRun.Status.PROPOSED


def test_anonymous_is_sent_to_sign_in(client, proposed):
    for url in (reverse("privacy:retention"), reverse("privacy:requests")):
        assert client.get(url).status_code == 302


def test_focal_point_records_and_decides_an_erasure(client, case_a, dpo_a):
    client.force_login(dpo_a)
    url = reverse("privacy:request-new", args=[case_a.number])
    person = case_a.principal
    client.post(
        url, {"person": person.pk, "kind": "erasure", "received_on": "2026-03-01", "details": "By phone"}
    )
    request_row = DataSubjectRequest.objects.get()
    assert client.get(reverse("privacy:requests")).content.decode().count(case_a.number) >= 1
    client.post(
        reverse("privacy:request-decide", args=[request_row.pk]), {"decision": "approve", "outcome": "Done"}
    )
    assert Person.objects.get(pk=person.pk).given_name == "***"
    page = client.get(case_a.get_absolute_url())
    assert page.status_code == 200
    assert "Aïssatou" not in page.content.decode()
    assert "Personal data anonymised (erasure request)." in page.content.decode()


def test_caseworker_and_other_office_cannot_reach_requests(client, case_a, caseworker_a, dpo_a, office_b):
    other_dpo = factories.user_in(office_b, Role.DATA_PROTECTION, username="dpo_b")
    row = subject_request_record(
        actor=dpo_a,
        case=case_a,
        person=case_a.principal,
        kind="erasure",
        received_on=datetime.date(2026, 3, 1),
    )
    client.force_login(caseworker_a)
    assert client.get(reverse("privacy:requests")).status_code == 403
    assert client.get(reverse("privacy:request-new", args=[case_a.number])).status_code == 404
    assert (
        client.post(reverse("privacy:request-decide", args=[row.pk]), {"decision": "approve"}).status_code
        == 404
    )
    client.force_login(other_dpo)
    assert client.get(reverse("privacy:request-new", args=[case_a.number])).status_code == 404
    assert (
        client.post(reverse("privacy:request-decide", args=[row.pk]), {"decision": "approve"}).status_code
        == 404
    )
    assert DataSubjectRequest.objects.get().status == DataSubjectRequest.Status.RECEIVED
    assert Person.objects.get(pk=case_a.principal.pk).family_name == "Diallo"


def test_supervisor_places_and_lifts_a_hold_caseworker_cannot(client, case_a, supervisor_a, caseworker_a):
    url = reverse("privacy:hold", args=[case_a.number])
    client.force_login(caseworker_a)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert not LegalHold.objects.exists()
    client.force_login(supervisor_a)
    assert "Place on legal hold" in client.get(case_a.get_absolute_url()).content.decode()
    client.post(url, {"reason": "Court order 12/2026"})
    assert LegalHold.objects.get(lifted_at=None).set_by == supervisor_a
    client.post(url, {"reason": "Trial over"})
    assert LegalHold.objects.get().lifted_by == supervisor_a
