"""A framework editor adds an action in French, marks it delayed, and finds it among late actions."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cooperation import services
from sankofa.cooperation.models import Action, Theme
from sankofa.core.models import Country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"
DESCRIPTION = "Réviser l'accord de coopération sur la mobilité des étudiants"


@pytest.fixture
def matrix():
    org = Organisation.objects.create(name="OIM", kind=Organisation.Kind.IOM)
    office = Office.objects.create(
        organisation=org,
        name="Abidjan",
        code="CIV",
        country=Country.objects.get(iso3="CIV"),
        kind=Office.Kind.ORIGIN,
    )
    user = get_user_model().objects.create_user("kone.supervisor", password=PASSWORD)
    Membership.objects.create(user=user, office=office, role=Role.SUPERVISOR)
    framework = services.framework_create(
        actor=user, title_en="Côte d'Ivoire – Morocco", title_fr="Côte d'Ivoire – Maroc", kind="bilateral",
        countries=Country.objects.filter(iso3__in=["CIV", "MAR"]), starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )  # fmt: skip
    return services.matrix_create(
        actor=user, framework=framework, theme=Theme.objects.get(code="regular-pathways"),
        title_en="Regular pathways for students", title_fr="Voies régulières pour les étudiants",
    )  # fmt: skip


def test_editor_adds_an_action_marks_it_delayed_and_sees_it_late(page, live_server, matrix):
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.fill("#id_login", "kone.supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/fr/")

    page.get_by_role("button", name="Coopération").click()  # the menu's area opens a dropdown
    page.locator("nav.navbar").get_by_role("link", name="Cadres de coopération").click()
    page.click("text=Côte d'Ivoire – Maroc")
    page.click(f"#matrix-{matrix.pk} >> text=Ajouter une action")
    page.fill("#id_description", DESCRIPTION)
    page.fill("#id_due_on", "2099-06-30")  # far ahead: only the declared delay can make it late
    page.click("button:text('Enregistrer')")

    page.wait_for_selector(f"#matrix-{matrix.pk} >> text={DESCRIPTION}")
    page.click(f"#matrix-{matrix.pk} >> text={DESCRIPTION}")
    page.select_option("#id_status", "delayed")
    page.fill("#id_note", "Le ministère attend l'avis du conseil des ministres.")
    page.click("#status-form button[type=submit]")
    page.wait_for_selector("#action-status:text('Retardée')")
    assert "Le ministère attend" in page.locator("#progress").inner_text()

    page.get_by_role("button", name="Coopération").click()
    page.locator("nav.navbar").get_by_role("link", name="Actions en retard").click()
    page.select_option("#id_country", "MAR")
    page.click("button:text('Afficher')")
    row = page.locator("#late-actions tbody tr", has_text=DESCRIPTION)
    row.wait_for()
    assert "Retardée" in row.inner_text()
    assert Action.objects.get(description=DESCRIPTION).status == Action.Status.DELAYED
