"""Office scoping (DESIGN.md §4): a user sees the cases of their offices, cases shared with them, and
nothing else, through every door: list, search, case file, services and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sankofa.access.models import Membership, Role
from sankofa.cases import selectors, services
from sankofa.cases.models import Case, CaseAccess, Consent, VulnerabilityFlag
from sankofa.cases.selectors import CaseFilters, case_get, case_list, persons_visible_to
from tests import factories
from tests.factories import country, member

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)


def numbers(actor, **filters) -> set[str]:
    return set(case_list(actor=actor, filters=CaseFilters(**filters)).values_list("number", flat=True))


def api_numbers(client) -> set[str]:
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    return {row["number"] for row in response.json()["results"]}


def every_write(actor, case):
    """One call of each case service, as `actor`."""
    person = case.principal
    yield lambda: services.case_status_change(actor=actor, case=case, status="on_hold")
    yield lambda: services.case_person_update(actor=actor, case=case, person=person, phone="000")
    yield lambda: services.case_member_add(actor=actor, case=case, member=member("Awa", relationship="child"))
    yield lambda: services.case_document_add(
        actor=actor,
        case=case,
        person=person,
        document=services.DocumentInput("passport", "X1", country("MLI")),
    )
    yield lambda: services.consent_record(
        actor=actor,
        case=case,
        person=person,
        consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY),
    )
    yield lambda: services.flag_add(
        actor=actor,
        case=case,
        person=person,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, DAY),
    )
    yield lambda: services.profile_update(
        actor=actor, case=case, profile=services.ProfileInput(reason_for_leaving="family")
    )
    yield lambda: services.case_assign(actor=actor, case=case, assignee=actor)


def test_caseworker_cannot_list_case_of_other_office(case_a, case_b, caseworker_a):
    assert numbers(caseworker_a) == {case_a.number}


def test_caseworker_cannot_open_case_of_other_office(case_b, caseworker_a):
    with pytest.raises(Http404):
        case_get(actor=caseworker_a, number=case_b.number)
    with pytest.raises(Http404):
        selectors.case_file_open(actor=caseworker_a, number=case_b.number)
    assert not CaseAccess.objects.exists()


def test_caseworker_cannot_edit_case_of_other_office(case_b, caseworker_a):
    with pytest.raises(Http404):
        case_get(actor=caseworker_a, number=case_b.number, for_writing=True)
    for write in every_write(caseworker_a, case_b):
        with pytest.raises(PermissionDenied):
            write()
    unchanged = Case.objects.get(pk=case_b.pk)
    assert (unchanged.status, unchanged.version, unchanged.members.count()) == ("open", 1, 1)
    assert not Consent.objects.exists() and not VulnerabilityFlag.objects.exists()
    assert list(unchanged.timeline.values_list("kind", flat=True)) == ["case.registered"]


def test_caseworker_cannot_fetch_case_of_other_office_through_the_api(
    case_a, case_b, caseworker_a, api_client
):
    api_client.force_authenticate(caseworker_a)
    assert api_client.get(f"/api/v1/cases/{case_b.number}/").status_code == 404
    assert (
        api_client.post(
            f"/api/v1/cases/{case_b.number}/status/", {"status": "on_hold", "version": 1}
        ).status_code
        == 404
    )
    assert api_numbers(api_client) == {case_a.number}
    assert Case.objects.get(pk=case_b.pk).status == "open"


def test_regional_office_sees_the_cases_of_the_offices_it_covers(
    case_a, case_b, regional_manager, origin_caseworker, origin_office, api_client
):
    origin_case = factories.register_case(
        actor=origin_caseworker, office=origin_office, given_name="Ibrahima"
    )
    assert numbers(regional_manager) == {case_a.number, case_b.number}
    assert case_get(actor=regional_manager, number=case_b.number) == case_b
    with pytest.raises(Http404):
        case_get(actor=regional_manager, number=origin_case.number)
    api_client.force_authenticate(regional_manager)
    assert api_numbers(api_client) == {case_a.number, case_b.number}


def test_programme_manager_of_regional_office_reads_but_does_not_write(case_a, regional_manager):
    with pytest.raises(PermissionDenied):
        services.case_status_change(actor=regional_manager, case=case_a, status="on_hold")


def test_shared_case_is_visible_to_the_office_it_is_shared_with(
    case_a, supervisor_a, origin_caseworker, origin_office, caseworker_b, api_client
):
    assert numbers(origin_caseworker) == set()
    services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="Handover after return")

    assert numbers(origin_caseworker) == {case_a.number}
    assert case_get(actor=origin_caseworker, number=case_a.number) == case_a
    services.consent_record(  # the principal agrees to their file being shared with the origin office
        actor=supervisor_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, DAY),
    )
    services.consent_record(  # the origin office works on the case too
        actor=origin_caseworker,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.MONITORING, True, DAY),
    )
    api_client.force_authenticate(origin_caseworker)
    assert api_client.get(f"/api/v1/cases/{case_a.number}/").status_code == 200
    assert numbers(caseworker_b) == set()  # shared with one office, not with everyone


def test_partner_only_user_sees_no_cases(case_a, partner_user, api_client):
    assert numbers(partner_user) == set()
    assert not persons_visible_to(partner_user).exists()
    with pytest.raises(Http404):
        case_get(actor=partner_user, number=case_a.number)
    api_client.force_authenticate(partner_user)
    assert api_numbers(api_client) == set()
    assert api_client.get(f"/api/v1/cases/{case_a.number}/").status_code == 404
    assert api_client.get("/api/v1/people/").json()["results"] == []


def test_me_officer_can_read_but_not_write(case_a, me_officer_a, api_client):
    assert numbers(me_officer_a) == {case_a.number}
    assert case_get(actor=me_officer_a, number=case_a.number) == case_a
    with pytest.raises(Http404):
        case_get(actor=me_officer_a, number=case_a.number, for_writing=True)
    for write in every_write(me_officer_a, case_a):
        with pytest.raises(PermissionDenied):
            write()
    api_client.force_authenticate(me_officer_a)
    assert api_client.get(f"/api/v1/cases/{case_a.number}/").status_code == 200
    response = api_client.post(f"/api/v1/cases/{case_a.number}/status/", {"status": "on_hold", "version": 1})
    assert response.status_code == 403
    assert Case.objects.get(pk=case_a.pk).version == 1


def test_me_officer_cannot_register_a_case(me_officer_a, office_a, api_client):
    with pytest.raises(PermissionDenied):
        factories.register_case(actor=me_officer_a, office=office_a)
    api_client.force_authenticate(me_officer_a)
    payload = {
        "office": "NER",
        "members": [{"relationship": "principal", "person": {"given_name": "A", "sex": "F"}}],
    }
    assert api_client.post("/api/v1/cases/", payload, format="json").status_code == 403
    assert not Case.objects.exists()


def test_menu_offers_registration_only_to_those_who_may_register(me_officer_a, caseworker_a, client):
    client.force_login(me_officer_a)
    page = client.get("/").content.decode()
    assert "/cases/register/" not in page
    assert client.get("/cases/register/").status_code == 403
    client.force_login(caseworker_a)
    assert "/cases/register/" in client.get("/").content.decode()


def test_user_without_membership_sees_nothing(case_a, outsider, api_client):
    assert numbers(outsider) == set()
    assert not persons_visible_to(outsider).exists()
    with pytest.raises(Http404):
        case_get(actor=outsider, number=case_a.number)
    assert selectors.case_members(actor=outsider, case=case_a).count() == 0
    assert selectors.case_flags(actor=outsider, case=case_a) == []
    assert selectors.case_timeline(actor=outsider, case=case_a) == []
    assert selectors.case_consents(actor=outsider, case=case_a).count() == 0
    api_client.force_authenticate(outsider)
    assert api_numbers(api_client) == set()


def test_superuser_without_membership_sees_no_case_data(case_a):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    assert numbers(root) == set()
    assert selectors.case_flags(actor=root, case=case_a) == []
    assert selectors.case_timeline(actor=root, case=case_a) == []


def test_inactive_membership_or_account_grants_nothing(case_a, caseworker_a):
    Membership.objects.filter(user=caseworker_a).update(is_active=False)
    assert numbers(caseworker_a) == set()
    Membership.objects.filter(user=caseworker_a).update(is_active=True)
    assert numbers(caseworker_a) == {case_a.number}
    caseworker_a.is_active = False
    caseworker_a.save()
    assert numbers(caseworker_a) == set()


def test_search_results_are_scoped(case_a, case_b, caseworker_a, caseworker_b, api_client):
    assert numbers(caseworker_b, q="Diallo") == set()
    assert numbers(caseworker_b, q=case_a.number) == set()
    assert numbers(caseworker_a, q="Diallo") == {case_a.number}
    assert numbers(caseworker_a, q="Keita") == set()
    api_client.force_authenticate(caseworker_b)
    assert api_client.get("/api/v1/cases/", {"q": "Diallo"}).json()["results"] == []


def test_people_of_other_offices_are_not_visible(case_a, case_b, caseworker_a, api_client):
    visible = set(persons_visible_to(caseworker_a).values_list("given_name", flat=True))
    assert visible == {"Aïssatou", "Mamadou"}
    api_client.force_authenticate(caseworker_a)
    assert api_client.get(f"/api/v1/people/{case_b.principal.pk}/").status_code == 404


def test_filter_by_office_cannot_widen_the_scope(case_a, case_b, caseworker_a, api_client):
    assert numbers(caseworker_a, office=case_b.owning_office_id) == set()
    api_client.force_authenticate(caseworker_a)
    response = api_client.get("/api/v1/cases/", {"office": case_b.owning_office_id})
    assert response.json()["results"] == []


def test_caseworker_of_two_offices_sees_both(case_a, case_b, office_b):
    both = factories.user_in(case_a.owning_office, Role.CASEWORKER, username="two_offices")
    factories.MembershipFactory(user=both, office=office_b, role=Role.CASEWORKER)
    assert numbers(both) == {case_a.number, case_b.number}
    assert numbers(both, office=office_b.pk) == {case_b.number}


def test_the_offices_inlined_as_sql_are_each_actors_own(
    caseworker_a, caseworker_b, regional_manager, me_officer_a
):
    """office_ids_sql compiles once per set of roles and puts each actor's id in: run for several
    actors in turn, it gives each exactly office_ids_of."""
    from django.db import connection

    from sankofa.access.roles import CASE_READERS, CASE_WRITERS
    from sankofa.access.selectors import office_ids_of, office_ids_sql

    for roles in (CASE_READERS, CASE_WRITERS):
        for actor in (caseworker_a, caseworker_b, regional_manager, me_officer_a):
            sql, params = office_ids_sql(actor, roles=roles)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                assert {row[0] for row in cursor.fetchall()} == office_ids_of(actor, roles=roles)
