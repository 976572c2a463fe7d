"""A caseworker signs in, registers a family case in French, finds it by a misspelt name and opens its timeline."""

import pytest
from django.contrib.auth import get_user_model

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases.models import Case, CaseMember
from sankofa.core.models import Country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def caseworker():
    org = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    office = Office.objects.create(
        organisation=org,
        name="Niamey",
        code="NER",
        country=Country.objects.get(iso3="NER"),
        kind=Office.Kind.TRANSIT,
    )
    user = get_user_model().objects.create_user("awa.caseworker", password=PASSWORD)
    Membership.objects.create(user=user, office=office, role=Role.CASEWORKER)
    return user


def test_caseworker_registers_family_case_in_french_and_finds_it_by_misspelt_name(
    page, live_server, caseworker
):
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.fill("#id_login", "awa.caseworker")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/fr/")

    page.goto(f"{live_server.url}/fr/cases/register/")
    # An empty form is refused with errors beside the fields, in French.
    page.click("text=Enregistrer le dossier")
    assert page.locator("#id_principal-given_name_error").inner_text() == "Ce champ est obligatoire."

    page.fill("#id_principal-given_name", "Aïssatou")
    page.fill("#id_principal-family_name", "Diallo")
    page.select_option("#id_principal-sex", "F")
    page.fill("#id_principal-date_of_birth", "1994-01-01")
    page.check("#id_principal-birth_date_estimated")
    page.select_option("#id_principal-nationality", "GIN")
    page.click("[data-formset-add=members]")
    page.select_option("#id_members-0-relationship", "child")
    page.fill("#id_members-0-given_name", "Mamadou")
    page.fill("#id_members-0-family_name", "Diallo")
    page.select_option("#id_members-0-sex", "M")
    page.check("input[name=consents][value=assistance]")
    page.check("input[name=consents][value=return]")
    page.select_option("#id_profile-reason_for_leaving", "economic")
    page.select_option("#id_route-0-country", "MLI")
    page.select_option("#id_route-1-country", "NER")
    page.click("text=Enregistrer le dossier")

    page.wait_for_url("**/fr/cases/NER-*/")
    case = Case.objects.get()
    assert page.locator("h1").inner_text().startswith(case.number)
    assert CaseMember.objects.filter(case=case).count() == 2

    page.goto(f"{live_server.url}/fr/cases/")
    page.fill("#id_q", "aisatou dialo")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#case-results a:text('{case.number}')")
    page.click(f"#case-results a:text('{case.number}')")

    timeline = page.locator("#timeline")
    timeline.wait_for()
    assert "Dossier enregistré" in timeline.inner_text()
    assert "consentement" in timeline.inner_text()
