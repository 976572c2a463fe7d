"""A caseworker registering someone already registered under another spelling sees the warning live,
before saving, and sends the pair for review."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases.models import Case
from sankofa.core.models import Country
from sankofa.people.models import MatchPair
from tests.factories import member, register_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def earlier_case():
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
    return register_case(
        actor=user,
        office=office,
        principal=member(
            "Muhammad", "Jalloh", sex="M", nationality="GIN", date_of_birth=datetime.date(1996, 4, 2)
        ),
    )


def test_registering_a_near_duplicate_shows_the_warning_before_saving(page, live_server, earlier_case):
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.fill("#id_login", "awa.caseworker")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/fr/")

    page.goto(f"{live_server.url}/fr/cases/register/")
    page.fill("#id_principal-given_name", "Mouhamed")
    page.fill("#id_principal-family_name", "Diallo")
    page.select_option("#id_principal-sex", "M")
    page.fill("#id_principal-date_of_birth", "1997-01-01")
    page.select_option("#id_principal-nationality", "GIN")

    warning = page.locator("[data-testid=duplicate-warning]")
    warning.wait_for()
    assert earlier_case.number in warning.inner_text()
    assert Case.objects.count() == 1  # nothing saved yet

    warning.locator("input[name=review_candidate-principal]").first.check()

    # A family member added to the form is checked too, in their own card.
    page.click("[data-formset-add=members]")
    page.select_option("#id_members-0-relationship", "sibling")
    page.fill("#id_members-0-given_name", "Mohammed")
    page.fill("#id_members-0-family_name", "Jallow")
    page.select_option("#id_members-0-sex", "M")
    page.fill("#id_members-0-date_of_birth", "1996-01-01")
    page.select_option("#id_members-0-nationality", "GIN")
    member_warning = page.locator("#members-forms [data-testid=duplicate-warning]")
    member_warning.wait_for()
    assert earlier_case.number in member_warning.inner_text()
    assert warning.locator("input[name=review_candidate-principal]").first.is_checked()
    page.check("input[name=consents][value=assistance]")
    page.select_option("#id_profile-reason_for_leaving", "economic")
    page.select_option("#id_route-0-country", "GIN")
    page.select_option("#id_route-1-country", "NER")
    page.click("text=Enregistrer le dossier")
    page.wait_for_url("**/fr/cases/NER-*/")
    new_case = Case.objects.exclude(pk=earlier_case.pk).get()
    pair = MatchPair.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {earlier_case.principal_id, new_case.principal_id}
