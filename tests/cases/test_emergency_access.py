"""Break-the-glass: a supervisor of a regional or HQ office may read a case outside their scope, for a
stated reason, read only, until it expires; every opening is logged as an emergency and the
data-protection focal points of the owning office are told, without personal data."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.access.roles import CASE_WRITERS
from sankofa.cases import services
from sankofa.cases.models import CaseAccess, EmergencyAccess
from sankofa.cases.selectors import case_members, cases_visible_to

from .. import factories

pytestmark = pytest.mark.django_db

REASON = "Child reported missing from the transit centre, police asking for the file now"


@pytest.fixture
def regional_supervisor(regional_office):
    """Covers Niamey and Tripoli; Conakry is outside their scope."""
    return factories.user_in(regional_office, Role.SUPERVISOR, username="sup_regional")


@pytest.fixture
def case_origin(origin_caseworker, origin_office):
    return factories.register_case(
        actor=origin_caseworker, office=origin_office, principal=factories.member("Fatoumata", "Camara")
    )


@pytest.fixture
def dpo_origin(origin_office):
    user = factories.user_in(origin_office, Role.DATA_PROTECTION, username="dpo_gin")
    user.email = "dpo.gin@example.org"
    user.save()
    return user


def grant(actor, case, reason=REASON):
    return services.emergency_access_grant(actor=actor, number=case.number, reason=reason)


def test_a_case_outside_scope_is_a_404_before_breaking_the_glass(client, regional_supervisor, case_origin):
    client.force_login(regional_supervisor)
    assert client.get(case_origin.get_absolute_url()).status_code == 404


def test_a_regional_supervisor_breaks_the_glass_and_reads_the_whole_file(
    client, regional_supervisor, case_origin, dpo_origin
):
    client.force_login(regional_supervisor)
    response = client.post(
        reverse("cases:emergency-access"), {"number": case_origin.number, "reason": REASON}
    )
    assert response.status_code == 302 and response.url == case_origin.get_absolute_url()
    grant = EmergencyAccess.objects.get()
    assert (grant.user, grant.case, grant.reason) == (regional_supervisor, case_origin, REASON)
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=4)
    page = client.get(case_origin.get_absolute_url())
    assert page.status_code == 200 and "CAMARA" in page.content.decode().upper()
    assert "Emergency access: you read this case outside your offices, read only" in page.content.decode()
    assert case_members(actor=regional_supervisor, case=case_origin).count() == 1
    access = CaseAccess.objects.get(user=regional_supervisor)
    assert access.emergency and access.case == case_origin


def test_an_emergency_access_is_read_only(client, regional_supervisor, case_origin):
    grant(regional_supervisor, case_origin)
    assert not cases_visible_to(regional_supervisor, roles=CASE_WRITERS).filter(pk=case_origin.pk).exists()
    assert not regional_supervisor.has_perm("cases.change_case", case_origin)
    assert not regional_supervisor.has_perm("cases.work_on_case", case_origin)
    with pytest.raises(PermissionDenied):
        services.case_status_change(actor=regional_supervisor, case=case_origin, status="on_hold")
    client.force_login(regional_supervisor)
    assert client.get(reverse("cases:edit", args=[case_origin.number])).status_code == 404


def test_an_expired_emergency_access_opens_nothing(client, regional_supervisor, case_origin):
    past = timezone.now() - datetime.timedelta(hours=5)
    EmergencyAccess.objects.create(
        user=regional_supervisor,
        case=case_origin,
        reason=REASON,
        granted_at=past,
        expires_at=past + datetime.timedelta(hours=4),
    )
    assert not regional_supervisor.has_perm("cases.view_case", case_origin)
    client.force_login(regional_supervisor)
    assert client.get(case_origin.get_absolute_url()).status_code == 404


def test_the_owning_offices_focal_points_are_told_without_personal_data(
    regional_supervisor, case_origin, dpo_origin, dpo_a
):
    dpo_a.email = "dpo.ner@example.org"
    dpo_a.save()
    grant(regional_supervisor, case_origin)
    (message,) = mail.outbox
    assert message.to == ["dpo.gin@example.org"]  # Conakry's focal point, not Niamey's
    text = message.subject + message.body
    assert case_origin.number in text and reverse("cases:audit") in message.body
    for personal in ("Fatoumata", "Camara", "CAMARA", "police", regional_supervisor.username):
        assert personal not in text


@pytest.mark.parametrize("who", ["caseworker_a", "supervisor_a", "regional_manager", "partner_user", "dpo_a"])
def test_only_supervisors_of_a_covering_office_may_break_the_glass(request, client, who, case_origin):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        grant(user, case_origin)
    client.force_login(user)
    assert client.get(reverse("cases:emergency-access")).status_code == 403
    response = client.post(
        reverse("cases:emergency-access"), {"number": case_origin.number, "reason": REASON}
    )
    assert response.status_code == 403
    assert not EmergencyAccess.objects.exists()


def test_the_emergency_page_is_refused_to_an_anonymous_visitor(client):
    response = client.get(reverse("cases:emergency-access"))
    assert response.status_code == 302 and "login" in response.url


def test_an_emergency_needs_a_reason(regional_supervisor, case_origin):
    with pytest.raises(ValidationError):
        grant(regional_supervisor, case_origin, reason="urgent")
    assert not EmergencyAccess.objects.exists()


def test_a_case_within_ones_offices_needs_no_emergency(regional_supervisor, case_a):
    with pytest.raises(ValidationError):
        grant(regional_supervisor, case_a)


def test_an_unknown_case_number_is_refused_on_the_form(client, regional_supervisor):
    client.force_login(regional_supervisor)
    response = client.post(reverse("cases:emergency-access"), {"number": "GIN-2026-999999", "reason": REASON})
    assert response.status_code == 200 and "There is no case with this number." in response.content.decode()


def test_openings_within_scope_are_not_emergencies(caseworker_a, case_a):
    from sankofa.cases.selectors import case_file_open

    case_file_open(actor=caseworker_a, number=case_a.number)
    assert not CaseAccess.objects.get().emergency


# --- the data-protection page --------------------------------------------------------------------


def test_the_data_protection_page_is_refused_to_caseworkers_and_supervisors(
    client, caseworker_a, regional_supervisor
):
    for user in (caseworker_a, regional_supervisor):
        client.force_login(user)
        assert client.get(reverse("cases:audit")).status_code == 403
        assert client.post(reverse("cases:audit")).status_code == 403


def test_the_data_protection_page_runs_the_verification_and_shows_intact(client, dpo_a, case_a):
    client.force_login(dpo_a)
    assert "not been verified yet" in client.get(reverse("cases:audit")).content.decode()
    response = client.post(reverse("cases:audit"), follow=True)  # tests run tasks at once
    assert "Intact:" in response.content.decode()


def test_the_data_protection_page_shows_the_first_broken_entry(client, dpo_a, case_a):
    from auditlog.models import LogEntry

    entry = LogEntry.objects.order_by("pk").first()
    LogEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    client.force_login(dpo_a)
    html = client.post(reverse("cases:audit"), follow=True).content.decode()
    assert "Broken." in html and f"entry {entry.pk}" in html and "altered after it was written" in html


def test_the_data_protection_page_lists_emergency_accesses_to_its_offices_only(
    client, regional_supervisor, case_origin, dpo_origin, dpo_a
):
    grant(regional_supervisor, case_origin)
    client.force_login(regional_supervisor)
    client.get(case_origin.get_absolute_url())
    client.force_login(dpo_origin)
    html = client.get(reverse("cases:audit")).content.decode()
    assert case_origin.number in html and REASON in html and "sup_regional" in html
    client.force_login(dpo_a)  # Niamey's focal point: not their office's case
    assert case_origin.number not in client.get(reverse("cases:audit")).content.decode()


def test_the_access_log_links_to_the_data_protection_page(client, dpo_a):
    client.force_login(dpo_a)
    assert reverse("cases:audit") in client.get(reverse("cases:access-log")).content.decode()


def test_the_data_protection_page_speaks_french(client, dpo_a):
    client.force_login(dpo_a)
    html = client.get("/fr" + reverse("cases:audit")).content.decode()
    assert "Intégrité de l’audit" in html or "Intégrité de l'audit" in html


def test_a_second_verification_is_not_started_while_one_runs(client, dpo_a):
    from sankofa.access.models import AuditVerification

    AuditVerification.objects.create(started_at=timezone.now())  # started, not finished
    client.force_login(dpo_a)
    html = client.post(reverse("cases:audit"), follow=True).content.decode()
    assert "A verification is running." in html
    assert AuditVerification.objects.count() == 1
