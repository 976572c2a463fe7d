"""The case pages: registration, list, case page, edits and the access log, through Django's test client."""

import pytest
from django.urls import reverse

from sankofa.cases import selectors, services
from sankofa.cases.models import Case, CaseAccess, CaseMember

pytestmark = pytest.mark.django_db


def registration_post(office, **overrides):
    data = {
        "office": str(office.pk),
        "registered_on": "2026-01-15",
        "consents": ["assistance", "share_origin"],
        "principal-given_name": "Fatoumata",
        "principal-family_name": "Camara",
        "principal-sex": "F",
        "principal-nationality": "GIN",
        "principal-document_kind": "passport",
        "principal-document_number": "R 123-456",
        "principal-document_country": "GIN",
        "principal-vulnerabilities": ["vot_presumed"],
        "principal-screening_notes": "Recruited with a false job offer",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-relationship": "child",
        "members-0-given_name": "Ibrahima",
        "members-0-family_name": "Camara",
        "members-0-sex": "M",
        "members-0-date_of_birth": "2019-01-01",
        "members-0-birth_date_estimated": "on",
        "profile-reason_for_leaving": "economic",
        "route-TOTAL_FORMS": "3",
        "route-INITIAL_FORMS": "0",
        "route-0-country": "MLI",
        "route-1-country": "NER",
    }
    data.update(overrides)
    return data


def test_caseworker_registers_family_case_through_the_form(client, caseworker_a, office_a):
    client.force_login(caseworker_a)
    response = client.post(reverse("cases:register"), registration_post(office_a))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.number == "NER-2026-000001"
    assert [m.relationship for m in case.members.order_by("id")] == ["principal", "child"]
    assert case.consents.filter(purpose="share_origin").count() == 2  # one per member
    assert case.flags.get().kind == "vot_presumed"
    assert [s.country_id for s in case.profile.route.all()] == ["MLI", "NER"]
    assert case.principal.documents.get().number_normalised == "R123456"


def test_registration_errors_are_shown_beside_fields_in_french(client, caseworker_a, office_a):
    client.force_login(caseworker_a)
    data = registration_post(office_a, **{"principal-given_name": "", "principal-document_country": ""})
    response = client.post("/fr" + reverse("cases:register"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'id="id_principal-given_name_error"' in html and "Ce champ est obligatoire." in html
    assert "Indiquez quel pays a délivré le document." in html


def test_registration_refuses_a_date_of_birth_in_the_future(client, caseworker_a, office_a):
    client.force_login(caseworker_a)
    response = client.post(
        reverse("cases:register"), registration_post(office_a, **{"members-0-date_of_birth": "2999-01-01"})
    )
    assert response.status_code == 200 and not Case.objects.exists()
    assert "The date of birth cannot be in the future." in response.content.decode()


def test_registration_refuses_an_illogical_route_with_the_services_message(client, caseworker_a, office_a):
    client.force_login(caseworker_a)
    data = registration_post(
        office_a,
        **{"route-0-arrived_on": "2025-12-01", "route-0-left_on": "2025-11-01", "route-2-place": "Agadez"},
    )
    html = client.post(reverse("cases:register"), data).content.decode()
    assert not Case.objects.exists()
    assert "Step 1 of the route: the person cannot leave before arriving." in html
    assert "Step 3 of the route: choose its country." in html


def test_registration_date_in_the_future_is_shown_beside_its_field(client, caseworker_a, office_a):
    client.force_login(caseworker_a)
    html = client.post(reverse("cases:register"), registration_post(office_a, registered_on="2999-01-01"))
    html = html.content.decode()
    assert not Case.objects.exists()
    assert 'id="id_registered_on_error"' in html and "A case cannot be registered in the future." in html


def test_case_list_shows_only_cases_of_the_users_offices(client, caseworker_a, case_a, case_b):
    client.force_login(caseworker_a)
    html = client.get(reverse("cases:list")).content.decode()
    assert case_a.number in html and case_b.number not in html


def test_case_list_search_by_misspelt_name_returns_the_partial_for_htmx(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    response = client.get(reverse("cases:list"), {"q": "AISATOU dialo"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert case_a.number in html and "<html" not in html


def test_case_list_pages_by_keyset(client, caseworker_a, office_a):
    from tests import factories

    for i in range(27):
        factories.register_case(actor=caseworker_a, office=office_a, given_name=f"Person{i}")
    client.force_login(caseworker_a)
    first = client.get(reverse("cases:list"))
    assert len(first.context["cases"]) == 25 and first.context["next_before"]
    second = client.get(reverse("cases:list"), {"before": first.context["next_before"]})
    numbers = {c.number for c in first.context["cases"]} | {c.number for c in second.context["cases"]}
    assert len(second.context["cases"]) == 2 and len(numbers) == 27


def test_opening_a_case_page_is_logged_and_other_offices_get_404(client, caseworker_a, caseworker_b, case_a):
    client.force_login(caseworker_a)
    assert client.get(case_a.get_absolute_url()).status_code == 200
    assert CaseAccess.objects.filter(case=case_a, user=caseworker_a, channel="web").count() == 1
    client.force_login(caseworker_b)
    assert client.get(case_a.get_absolute_url()).status_code == 404
    assert client.get(reverse("cases:edit", args=[case_a.number])).status_code == 404
    assert not CaseAccess.objects.filter(user=caseworker_b).exists()


def test_sensitive_notes_are_not_in_the_page_without_the_permission(
    client, caseworker_a, supervisor_a, office_a
):
    client.force_login(caseworker_a)
    client.post(reverse("cases:register"), registration_post(office_a))
    case = Case.objects.get()
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Recruited with a false job offer" not in html and "Presumed victim of trafficking" not in html
    client.force_login(supervisor_a)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Recruited with a false job offer" in html and "Presumed victim of trafficking" in html


def test_stale_edit_is_refused_with_a_message_and_nothing_is_overwritten(
    client, supervisor_a, caseworker_a, case_a
):
    client.force_login(supervisor_a)
    stale_version = case_a.version
    services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold", version=stale_version)
    response = client.post(
        reverse("cases:edit", args=[case_a.number]),
        {"version": stale_version, "status": "open", "note": ""},
    )
    case_a.refresh_from_db()
    assert response.status_code == 200 and case_a.status == "on_hold"
    assert "changed by someone else" in response.content.decode()


def test_person_edit_updates_details_and_search(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    person = case_a.principal
    data = {
        "version": case_a.version,
        "given_name": "Aissata",
        "family_name": "Bah",
        "sex": "F",
        "nationality": "GIN",
    }
    response = client.post(reverse("cases:person-edit", args=[case_a.number, person.pk]), data)
    assert response.status_code == 302
    found = selectors.case_list(actor=caseworker_a, filters=selectors.CaseFilters(q="aissata bah"))
    assert list(found) == [case_a]
    assert case_a.timeline.filter(kind="person.updated").exists()


def test_member_add_page_adds_a_family_member(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    data = {"relationship": "spouse", "given_name": "Alpha", "family_name": "Diallo", "sex": "M"}
    assert client.post(reverse("cases:member-add", args=[case_a.number]), data).status_code == 302
    assert case_a.members.filter(relationship=CaseMember.Relationship.SPOUSE).count() == 1


def test_consent_withdrawal_from_the_case_page(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    person = case_a.principal
    client.post(
        reverse("cases:consent-add", args=[case_a.number]),
        {"person": person.pk, "purpose": "return", "granted": "yes", "given_on": "2026-01-10"},
    )
    consent = case_a.consents.get(purpose="return")
    client.post(reverse("cases:consent-withdraw", args=[case_a.number, consent.pk]))
    assert not selectors.consent_in_force(case=case_a, person=person, purpose="return")


def test_access_log_page_is_for_data_protection_and_scoped_to_their_offices(
    client, dpo_a, caseworker_a, caseworker_b, case_a, case_b
):
    selectors.case_file_open(actor=caseworker_a, number=case_a.number)
    selectors.case_file_open(actor=caseworker_b, number=case_b.number)
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:access-log")).status_code == 403
    client.force_login(dpo_a)
    html = client.get(reverse("cases:access-log")).content.decode()
    assert case_a.number in html and case_b.number not in html


def test_a_partner_has_no_case_list(client, partner_user, case_a):
    client.force_login(partner_user)
    assert client.get(reverse("cases:list")).status_code == 403


def test_a_cursor_that_is_not_a_plain_number_is_ignored(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:list"), {"before": "7²"}).status_code == 200
