"""In French: a reintegration caseworker opens a returnee's scheduled follow-up survey from the list of
surveys due, answers it while the score updates as she answers, saves, and sees the scored survey."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases import services as case_services
from sankofa.cases.models import Consent
from sankofa.core.models import Country
from sankofa.reintegration.models import Arrival, SustainabilitySurvey
from sankofa.reintegration.services import followups_schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def returnee():
    org = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    guinea = Country.objects.get(iso3="GIN")
    conakry = Office.objects.create(
        organisation=org, name="Conakry", code="GIN", country=guinea, kind="origin"
    )
    user = get_user_model().objects.create_user("mariam.conakry", password=PASSWORD)
    Membership.objects.create(user=user, office=conakry, role=Role.CASEWORKER)
    returned_on = timezone.localdate() - datetime.timedelta(days=100)
    case = case_services.case_register(
        actor=user,
        office=conakry,
        principal=case_services.MemberInput(
            {"given_name": "Fodé", "family_name": "Camara", "sex": "M", "nationality": guinea}, "principal"
        ),
        members=[],
        registered_on=returned_on,
        consents=[
            case_services.ConsentInput(0, Consent.Purpose.MONITORING, True, returned_on)
        ],  # surveys need it
    )
    Arrival.objects.create(
        case=case, person=case.principal, office=conakry, arrived_on=returned_on,
        place="Aéroport de Conakry", received_by="Équipe d'accueil",
    )  # fmt: skip
    followups_schedule(case=case, person=case.principal)
    return case


def test_caseworker_answers_a_follow_up_and_sees_it_scored(page, live_server, returnee):
    url = live_server.url
    page.goto(f"{url}/fr/accounts/login/")
    page.fill("#id_login", "mariam.conakry")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/fr/")
    page.click("text=En retard, mes dossiers")  # the home page counts overdue surveys
    row = page.locator("#surveys-due tr", has_text="Suivi à 3 mois")
    row.get_by_role("link", name="Ouvrir l’enquête").click()
    page.click("text=Réaliser cette enquête")
    page.wait_for_selector("#survey-form")
    assert page.text_content("#live-composite").strip() == "—"

    def answer(code, option):
        page.check(f"input[name='q-{code}'][value='{option}']")

    for code, option in [("eco-income", "all"), ("eco-debt", "no-debt"), ("eco-work", "regular"),
                         ("eco-food", "never"), ("eco-shock", "yes"), ("eco-means", "all")]:  # fmt: skip
        answer(code, option)
    assert page.text_content("[data-live-dimension=economic]").strip() == "1,000"
    assert page.text_content("#live-composite").strip() == "—"  # social and psychosocial not answered yet
    for code, option in [("soc-housing", "inadequate"), ("soc-health", "never"), ("soc-school", "na"),
                         ("soc-documents", "none"), ("soc-network", "no-one"), ("soc-participation", "never")]:  # fmt: skip
        answer(code, option)
    answer("psy-distress", "sometimes")  # 0.67: psychosocial so far 0.67, composite (1 + 0 + 0.67) / 3
    assert page.text_content("[data-live-dimension=social]").strip() == "0,000"
    assert page.text_content("#live-composite").strip() == "0,557"
    assert page.text_content("#live-band").strip() == "Moyen"
    for code, option in [("psy-safety", "safe"), ("psy-unfair", "never"), ("psy-belonging", "fully"),
                         ("psy-help", "dk"), ("psy-remigrate", "choice")]:  # fmt: skip
        answer(code, option)
    # psychosocial = (0.67 + 1 + 1 + 1 + 1) / 5 = 0.934 ("don't know" left out); composite = 1.934 / 3
    assert page.text_content("[data-live-dimension=psychosocial]").strip() == "0,934"
    assert page.text_content("#live-composite").strip() == "0,645"
    assert page.text_content("#live-answered").strip() == "18"
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#survey-scores")
    assert page.text_content("#composite-score").strip() == "0,645"
    assert page.text_content("#composite-band").strip() == "Moyen"
    survey = SustainabilitySurvey.objects.get(person=returnee.principal, month=3)
    assert str(survey.composite) == "0.645" and survey.conducted_on == timezone.localdate()
