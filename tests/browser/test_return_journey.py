"""One family, in French, from the return request to "arrived": eligibility, a supervisor's approval,
travel documents, fit-to-travel, a charter, the handover (acknowledged by the origin office) and the
movement's departure and arrival, each step reached from the case page."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases import services as case_services
from sankofa.cases.models import CaseShare, Consent
from sankofa.core.models import Country
from sankofa.people.models import Person
from sankofa.returns.models import ReturnRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def world():
    org = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    niamey = Office.objects.create(
        organisation=org, name="Niamey", code="NER", country=Country.objects.get(iso3="NER"), kind="transit"
    )
    Office.objects.create(
        organisation=org, name="Conakry", code="GIN", country=Country.objects.get(iso3="GIN"), kind="origin"
    )
    users = {}
    for username, office_code, role in (
        ("awa.caseworker", "NER", Role.CASEWORKER),
        ("ibrahim.supervisor", "NER", Role.SUPERVISOR),
        ("mariam.conakry", "GIN", Role.CASEWORKER),
    ):
        users[username] = get_user_model().objects.create_user(username, password=PASSWORD)
        Membership.objects.create(
            user=users[username], office=Office.objects.get(code=office_code), role=role
        )
    caseworker = users["awa.caseworker"]
    day = timezone.localdate() - datetime.timedelta(days=5)
    member = case_services.MemberInput
    guinea = Country.objects.get(iso3="GIN")
    case = case_services.case_register(
        actor=caseworker,
        office=niamey,
        principal=member(
            {"given_name": "Aïssatou", "family_name": "Diallo", "sex": "F", "nationality": guinea},
            "principal",
        ),
        members=[
            member(
                {"given_name": "Mamadou", "family_name": "Diallo", "sex": "M", "nationality": guinea}, "child"
            )
        ],
        consents=[
            case_services.ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, day),
            # both chose to return (the request requires it); the mother also consented to assistance
            # and monitoring after return
            case_services.ConsentInput(0, Consent.Purpose.RETURN, True, day),
            case_services.ConsentInput(1, Consent.Purpose.RETURN, True, day),
            case_services.ConsentInput(0, Consent.Purpose.ASSISTANCE, True, day),
            case_services.ConsentInput(0, Consent.Purpose.MONITORING, True, day),
        ],
    )
    return case


def sign_in(page, url, username):
    page.goto(f"{url}/fr/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/fr/")


def save(page):
    page.click("button[type=submit].btn-primary")


def test_family_goes_from_return_request_to_arrived(page, live_server, world):
    url, case = live_server.url, world
    today = timezone.localdate()
    sign_in(page, url, "awa.caseworker")
    page.goto(f"{url}/fr/cases/{case.number}/")
    page.click("text=Demander un retour volontaire")
    page.check("#id_voluntary")
    save(page)
    page.wait_for_url("**/fr/returns/requests/*/")
    request_url = page.url
    assert page.locator("#request-status").inner_text() == "Soumise"

    page.click("#step-eligibility")
    page.select_option("#id_eligible", "yes")
    page.fill("#id_reason", "Guinéens, souhaitent rentrer à Labé")
    save(page)
    page.wait_for_url(request_url)

    # The caseworker may not approve; a supervisor does, in another browser session.
    assert page.locator("#step-approval").count() == 0
    supervisor = page.context.browser.new_context(locale="fr-FR").new_page()
    sign_in(supervisor, url, "ibrahim.supervisor")
    supervisor.goto(request_url)
    supervisor.click("#step-approval")
    supervisor.select_option("#id_decision", "approve")
    save(supervisor)
    supervisor.wait_for_url(request_url)
    assert supervisor.locator("#request-status").inner_text() == "Approuvée"
    supervisor.context.close()

    page.goto(request_url)
    people = Person.objects.filter(memberships__case=case).order_by("id")
    for i, person in enumerate(people):
        page.click("#step-document")
        page.select_option("#id_person", str(person.pk))
        page.select_option("#id_kind", "laissez_passer")
        page.fill("#id_consulate", "Consulat de Guinée à Niamey")
        save(page)
        page.wait_for_url(request_url)
        page.locator("a.document-update").first.click()
        page.select_option("#id_action", "issue")
        page.fill("#id_number", f"LP-000{i}")
        page.fill("#id_expires_on", (today + datetime.timedelta(days=90)).isoformat())
        save(page)
        page.wait_for_url(request_url)
        page.click("#step-fitness")
        page.select_option("#id_person", str(person.pk))
        page.select_option("#id_result", "fit")
        save(page)
        page.wait_for_url(request_url)

    page.goto(f"{url}/fr/returns/movements/new/")
    page.select_option("#id_office", index=1)
    page.select_option("#id_kind", "charter")
    page.fill("#id_reference", "CHR-NER-GIN-TEST")
    page.select_option("#id_destination_country", "GIN")
    page.fill("#id_departure_on", today.isoformat())
    page.fill("#id_from_place", "Niamey")
    page.fill("#id_to_place", "Conakry")
    page.fill("#id_departs_at", f"{today.isoformat()}T00:10")
    page.fill("#id_arrives_at", f"{today.isoformat()}T00:50")
    save(page)
    page.wait_for_url(re.compile(r".*/fr/returns/movements/\d+/$"))
    movement_url = page.url

    page.goto(request_url)
    page.click("#step-book")
    page.select_option("#id_movement", label="CHR-NER-GIN-TEST")
    save(page)
    page.wait_for_url(request_url)
    page.click("#step-handover")
    page.select_option("#id_to_office", label="Conakry (GIN)")
    save(page)
    page.wait_for_url(request_url)

    # Conakry sees the family in its expected arrivals and acknowledges the handover.
    origin = page.context.browser.new_context(locale="fr-FR").new_page()
    sign_in(origin, url, "mariam.conakry")
    origin.goto(f"{url}/fr/returns/")
    origin.click(f"#expected-arrivals a:text('{case.number}')")
    assert "Aïssatou DIALLO" in origin.content() and "Mamadou" not in origin.content()
    origin.click("#acknowledge")
    origin.wait_for_url(f"**/fr/cases/{case.number}/")
    assert "Mamadou" not in origin.locator("main").inner_text()  # he did not consent to sharing
    origin.context.close()

    page.goto(movement_url)
    assert page.locator("#manifest tbody tr").count() == 2
    page.click("#movement-depart")
    page.wait_for_selector("#movement-status:text('Parti')")
    page.click("#movement-arrive")
    page.wait_for_selector("#movement-status:text('Arrivé')")

    page.goto(request_url)
    assert page.locator("#request-status").inner_text() == "Arrivé"
    assert ReturnRequest.objects.get().status == ReturnRequest.Status.ARRIVED
    assert CaseShare.objects.filter(case=case, office__code="GIN").exists()
    page.goto(f"{url}/fr/cases/{case.number}/")
    timeline = page.locator("#timeline").inner_text()
    assert "Arrivé dans le pays d'origine" in timeline and "Demande de retour approuvée" in timeline
