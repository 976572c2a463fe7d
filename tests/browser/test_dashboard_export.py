"""A programme manager opens the dashboard in French, filters on one country and downloads the XLSX."""

import datetime

import pytest
from openpyxl import load_workbook

from sankofa.access.models import Office, Organisation, Role
from sankofa.reports.facts import facts_rebuild
from tests import factories
from tests.browser.conftest import sign_in
from tests.programmes.builders import assist, case_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def manager():
    iom = factories.OrganisationFactory(name="OIM", kind=Organisation.Kind.IOM)
    niamey = factories.OfficeFactory(
        organisation=iom, name="Niamey", code="NER", country=factories.country("NER")
    )
    tripoli = factories.OfficeFactory(
        organisation=iom, name="Tripoli", code="LBY", country=factories.country("LBY")
    )
    region = factories.OfficeFactory(
        organisation=iom, name="Dakar", code="ROD", country=factories.country("SEN"),
        kind=Office.Kind.REGIONAL, covers=[niamey, tripoli],
    )  # fmt: skip
    for office, count in ((niamey, 12), (tripoli, 8)):
        worker = factories.user_in(office, Role.CASEWORKER)
        for n in range(count):
            assist(case_with(actor=worker, office=office, given_name=f"P{n}"), on=datetime.date(2024, 3, 1))
    facts_rebuild()  # what the background task does after writes
    user = factories.user_in(region, Role.PROGRAMME_MANAGER, username="pm.dakar")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_manager_filters_the_dashboard_by_country_and_downloads_the_xlsx(
    page, live_server, manager, tmp_path
):
    # A regional manager sees several offices: two-factor authentication is required.
    sign_in(page, live_server.url, "pm.dakar", PASSWORD, totp_secret=factories.satisfy_mfa(manager))

    page.get_by_role("button", name="Rapports").click()  # the menu's area opens a dropdown
    page.locator("nav.navbar").get_by_role("link", name="Tableau de bord").click()
    page.wait_for_selector("h1:text('Tableau de bord du programme')")
    page.fill("#id_date_from", "2024-01-01")
    page.fill("#id_date_to", "2024-12-31")
    page.select_option("#id_country", "LBY")
    page.click("#report-filters button[type=submit]")
    page.wait_for_selector("#headlines [data-indicator=PA1]:text('10')")  # Tripoli's 8, rounded
    assert "Libye" in page.inner_text("#by-country")
    assert "Niger" not in page.inner_text("#by-country")

    page.select_option("#id_format", "xlsx")
    page.click("#export-form button[type=submit]")
    page.wait_for_selector("#export-download")
    with page.expect_download() as download_info:
        page.click("#export-download")
    path = tmp_path / "export.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Code de l’indicateur"  # the file follows the language chosen (French here)
    pa1_total = next(r for r in rows[1:] if r[0] == "PA1" and r[6] is None)
    assert pa1_total[10] == 10 and pa1_total[9] == "LBY"
