"""A data-protection focal point finds a person from the menu, in French, and downloads the subject
access PDF of her; the file is in French, holds her name and sections, and the production is logged."""

import datetime
import io

import pytest
from pypdf import PdfReader

from sankofa.access.models import Role
from sankofa.cases import services as case_services
from sankofa.cases.models import CaseAccess, VulnerabilityFlag
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def dpo(case_a, caseworker_a, office_a):
    person = case_a.principal
    case_services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=person,
        flag=case_services.FlagInput(
            0, VulnerabilityFlag.Kind.VOT_PRESUMED, datetime.date(2024, 5, 2), "Kankan"
        ),
    )
    user = factories.user_in(office_a, Role.DATA_PROTECTION, username="dpo.niamey")
    user.set_password(PASSWORD)
    user.save()
    user.totp_secret = factories.satisfy_mfa(user)  # a DPO must have two-factor authentication
    return user


def test_dpo_produces_a_subject_access_pdf_from_the_page(page, live_server, dpo, case_a, tmp_path):
    sign_in(page, live_server.url, "dpo.niamey", PASSWORD, totp_secret=dpo.totp_secret)

    page.get_by_role("button", name="Administration").click()
    page.locator("nav.navbar").get_by_role("link", name="Accès aux données personnelles").click()
    page.wait_for_selector("h1:text('Accès aux données personnelles')")
    page.fill("#sa-q", "aissatou dialo")  # spelling-tolerant, as the case search
    page.click("form[role=search] button[type=submit]")
    row = page.locator(f"#subject-access-results tr[data-person='{case_a.principal_id}']")
    row.wait_for()
    assert "Aïssatou DIALLO" in row.inner_text()
    row.locator("select[name=language]").select_option("fr")
    with page.expect_download() as download_info:
        row.get_by_role("button", name="Produire le PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    path = tmp_path / "subject-access.pdf"
    download.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Rapport d’accès aux données personnelles" in text
    assert "Aïssatou" in text and "DIALLO" in text and case_a.number in text
    assert "Consentements" in text and "Qui a ouvert les dossiers" in text
    assert "Restreint" in text  # the presumed-trafficking flag: the DPO has no sensitive access
    assert CaseAccess.objects.filter(case=case_a, user=dpo, record=CaseAccess.Record.SUBJECT_ACCESS).exists()
