"""A caseworker refers a person to a partner NGO from the case page; the NGO's user signs in, sees
only the referral with the shared data, acknowledges, accepts, starts and completes it."""

import pytest
from django.contrib.auth import get_user_model

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.assistance.models import Service
from sankofa.cases.services import MemberInput, case_register
from sankofa.core.models import Country
from sankofa.referrals.models import Provider, Referral
from sankofa.referrals.services import consent_to_share_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def world():
    niger = Country.objects.get(iso3="NER")
    iom = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    office = Office.objects.create(
        organisation=iom, name="Niamey", code="NER", country=niger, kind=Office.Kind.TRANSIT
    )
    caseworker = get_user_model().objects.create_user("awa.caseworker", password=PASSWORD)
    Membership.objects.create(user=caseworker, office=office, role=Role.CASEWORKER)
    ngo = Organisation.objects.create(name="Réseau Entraide Sahel", kind=Organisation.Kind.NGO, country=niger)
    provider = Provider.objects.create(organisation=ngo, country=niger, areas_served="Niamey")
    ngo_office = Office.objects.create(
        organisation=ngo, name="RES", code="RES", country=niger, kind=Office.Kind.TRANSIT
    )
    partner = get_user_model().objects.create_user(
        "mariama.partner", password=PASSWORD, email="m@res.example"
    )
    Membership.objects.create(user=partner, office=ngo_office, role=Role.PARTNER)
    case = case_register(
        actor=caseworker,
        office=office,
        principal=MemberInput(
            person={
                "given_name": "Aïssatou",
                "family_name": "Diallo",
                "sex": "F",
                "phone": "+227 90 11 22 33",
            },
            relationship="principal",
        ),
    )
    consent_to_share_record(
        actor=caseworker, case=case, person=case.principal, organisation=ngo, fields=["name", "sex"]
    )
    return {"case": case, "provider": provider, "service": Service.objects.get(code="shelter-temporary")}


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_caseworker_refers_and_partner_accepts_and_completes(page, live_server, world):
    case = world["case"]
    sign_in(page, live_server, "awa.caseworker")
    page.wait_for_url(f"{live_server.url}/fr/")
    page.goto(f"{live_server.url}/fr/cases/{case.number}/")
    page.click("#refer-link")
    page.wait_for_url(f"**/fr/referrals/case/{case.number}/new/")
    page.select_option("#id_service", str(world["service"].pk))
    page.select_option("#id_provider", str(world["provider"].pk))
    page.select_option("#id_priority", "urgent")
    page.fill("#id_reason", "Besoin d'un hébergement sûr")
    page.check("input[name=fields][value=name]")
    page.check("input[name=fields][value=phone]")  # not consented: refused beside the form
    page.click("text=Enregistrer l'orientation")
    page.wait_for_selector("text=n'a pas consenti à partager")
    page.uncheck("input[name=fields][value=phone]")
    page.click("text=Enregistrer l'orientation")
    page.wait_for_url("**/fr/referrals/*/")
    referral = Referral.objects.get()
    assert page.locator("#referral-status").inner_text() == "Envoyée"

    sign_in(page, live_server, "mariama.partner")
    page.wait_for_url(f"{live_server.url}/fr/referrals/portal/")
    nav = page.locator("nav.navbar").inner_text()
    assert "Dossiers" not in nav and "Orientations reçues" in nav
    page.click(f"text={referral.reference}")
    shared = page.locator("#shared-data").inner_text()
    assert "Aïssatou DIALLO" in shared and "90 11 22 33" not in shared
    for button in ("Accuser réception", "Accepter", "Service commencé"):
        page.click(f"#referral-actions button:text('{button}')")
        page.wait_for_selector(".alert-success")
    page.fill("#id_note", "Hébergée pendant deux semaines")
    page.click("#referral-actions button:text('Terminée')")
    page.wait_for_selector("#referral-status:text('Terminée')")
    referral.refresh_from_db()
    assert (
        referral.status == Referral.Status.COMPLETED and referral.outcome == "Hébergée pendant deux semaines"
    )

    response = page.goto(f"{live_server.url}/fr/cases/{case.number}/")
    assert response.status == 404  # the case itself does not exist for the partner


def test_provider_map_and_insight_charts_draw(page, live_server, world):
    sign_in(page, live_server, "awa.caseworker")
    page.wait_for_url(f"{live_server.url}/fr/")
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/fr/referrals/providers/map/")
    page.wait_for_selector("#provider-map[data-ready='1']")
    value = page.evaluate(
        "() => document.getElementById('provider-map').chart.data.datasets[0].data.find((d) => d.feature.id === '562').value"
    )
    assert value == 1  # Niger, by ISO 3166 numeric code
    page.goto(f"{live_server.url}/fr/referrals/insight/")
    page.wait_for_selector("#chart-countries")
    assert errors == []
