"""In French, at the origin office: a handed-over returnee is received, assessed, given a plan with
two items in two currencies, which is submitted and then approved by a supervisor."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases import services as case_services
from sankofa.cases.models import Consent
from sankofa.core.models import Country
from sankofa.reintegration.models import Arrival, ReintegrationPlan
from sankofa.returns import services as return_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def world():
    """The Diallo family of Niamey, approved for return to Guinea and handed over to Conakry, which
    acknowledged it. Only the mother consented to sharing with the origin office."""
    org = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    guinea = Country.objects.get(iso3="GIN")
    niamey = Office.objects.create(
        organisation=org, name="Niamey", code="NER", country=Country.objects.get(iso3="NER"), kind="transit"
    )
    conakry = Office.objects.create(
        organisation=org, name="Conakry", code="GIN", country=guinea, kind="origin"
    )
    users = {}
    for username, office, role in (
        ("awa.caseworker", niamey, Role.CASEWORKER),
        ("ibrahim.supervisor", niamey, Role.SUPERVISOR),
        ("mariam.conakry", conakry, Role.CASEWORKER),
        ("sekou.conakry", conakry, Role.SUPERVISOR),
    ):
        users[username] = get_user_model().objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=users[username], office=office, role=role)
    day = timezone.localdate() - datetime.timedelta(days=5)
    member = case_services.MemberInput
    case = case_services.case_register(
        actor=users["awa.caseworker"],
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
    people = [m.person for m in case.members.order_by("id")]
    request = return_services.return_request_create(
        actor=users["awa.caseworker"], case=case, people=people, destination_country=guinea,
        destination_place="Labé", voluntary=True, informed_consent_on=day,
    )  # fmt: skip
    return_services.return_request_decide(
        actor=users["awa.caseworker"], request=request, eligible=True, reason="ok"
    )
    return_services.return_request_approve(actor=users["ibrahim.supervisor"], request=request)
    handover = return_services.handover_send(
        actor=users["awa.caseworker"], request=request, to_office=conakry
    )
    return_services.handover_acknowledge(actor=users["mariam.conakry"], handover=handover)
    return case


def sign_in(page, url, username):
    page.goto(f"{url}/fr/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/fr/")


def save(page):
    page.click("button[type=submit].btn-primary")


def add_item(page, *, kind, description, budget, currency, provider="", referral=False):
    page.click("#add-item")
    page.select_option("#id_kind", kind)
    page.fill("#id_description", description)
    page.fill("#id_budget", budget)
    page.select_option("#id_currency", currency)
    if provider:
        page.fill("#id_provider_name", provider)
    if referral:
        page.check("#id_referral_needed")
    save(page)


def test_returnee_received_assessed_and_plan_approved(page, live_server, world):
    url, case = live_server.url, world
    sign_in(page, url, "mariam.conakry")
    page.goto(f"{url}/fr/reintegration/")
    expected = page.locator("#expected").inner_text()
    assert "Aïssatou DIALLO" in expected and "Mamadou" not in expected  # he did not consent to sharing
    page.click("#expected a.receive-link")
    page.fill("#id_place", "Aéroport de Conakry-Gbessia")
    page.fill("#id_received_by", "Mariam Camara (OIM)")
    save(page)
    page.wait_for_url(f"**/fr/cases/{case.number}/")
    arrival = Arrival.objects.get()
    assert arrival.return_request is not None

    page.click("#reintegration-panel a.assessment-link")
    page.fill("#id_economic_needs", "Sans revenu ; veut reprendre le commerce de tissus")
    page.fill("#id_skills", "Couture, vente")
    page.select_option("#id_education", "primary")
    save(page)
    page.wait_for_url(f"**/fr/cases/{case.number}/")

    page.click("#reintegration-panel a.new-plan")
    page.fill("#id_economic_summary", "Boutique de tissus à Labé")
    save(page)
    page.wait_for_url("**/fr/reintegration/plans/*/")
    plan_url = page.url
    add_item(page, kind="microbusiness", description="Stock de tissus", budget="1500000", currency="GNF",
             provider="Chambre de commerce de Labé")  # fmt: skip
    page.wait_for_url(plan_url)
    add_item(page, kind="vocational_training", description="Formation en gestion", budget="250", currency="EUR",
             referral=True)  # fmt: skip
    page.wait_for_url(plan_url)
    assert page.locator("#plan-items tr.plan-item").count() == 2
    assert page.locator("#budget-totals [data-currency]").count() == 2  # one total per currency
    totals = page.locator("#budget-totals").inner_text()
    assert "GNF" in totals and "EUR" in totals
    page.click("#submit-plan")
    page.wait_for_selector("#plan-status:text('Soumis pour approbation')")
    assert page.locator("#decide-plan").count() == 0  # a caseworker does not approve

    supervisor = page.context.browser.new_context(locale="fr-FR").new_page()
    sign_in(supervisor, url, "sekou.conakry")
    supervisor.goto(plan_url)
    supervisor.click("#decide-plan")
    supervisor.select_option("#id_decision", "approve")
    supervisor.fill("#id_note", "Budget raisonnable")
    save(supervisor)
    supervisor.wait_for_url(plan_url)
    assert supervisor.locator("#plan-status").inner_text() == "Approuvé"
    supervisor.context.close()
    plan = ReintegrationPlan.objects.get()
    assert plan.status == ReintegrationPlan.Status.APPROVED and plan.revisions.count() == 1
    assert {i.currency for i in plan.items.all()} == {"GNF", "EUR"}
