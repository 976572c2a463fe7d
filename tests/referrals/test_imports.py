"""Providers from a spreadsheet: every row checked, errors per row in the user's language, and
nothing written when any row is wrong."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from sankofa.access.models import Organisation, Role
from sankofa.referrals.imports import COLUMNS, ImportRefused, providers_import, read_rows
from sankofa.referrals.models import Provider
from tests import factories

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

GOOD = {
    "organisation": "Centre Espoir",
    "kind": "ngo",
    "country": "CIV",
    "areas_served": "Abidjan",
    "services": "shelter-temporary; psychosocial-individual",
    "languages": "fra; dyu",
    "capacity": "20",
    "accepts_referrals": "oui",
    "focal_point_name": "Awa Koné",
    "focal_point_email": "awa@espoir.example",
}


@pytest.fixture
def administrator(office_a):
    return factories.user_in(office_a, Role.ADMINISTRATOR, username="admin_a")


def xlsx(rows: list[dict]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("providers.xlsx", out.getvalue())


def test_good_spreadsheet_creates_providers_with_services_and_focal_point(administrator):
    second = {
        **GOOD,
        "organisation": "Ministère de la Femme",
        "kind": "government",
        "capacity": "",
        "accepts_referrals": "no",
    }
    result = providers_import(actor=administrator, rows=read_rows(xlsx([GOOD, second])))
    assert (result.created, result.updated) == (2, 0)
    provider = Provider.objects.get(organisation__name="Centre Espoir")
    assert provider.country_id == "CIV" and provider.capacity == 20 and provider.languages == ["fra", "dyu"]
    assert set(provider.services.values_list("code", flat=True)) == {
        "shelter-temporary",
        "psychosocial-individual",
    }
    assert provider.focal_points.get().email == "awa@espoir.example"
    assert not Provider.objects.get(organisation__name="Ministère de la Femme").accepts_referrals


def test_importing_again_updates_by_organisation_name(administrator):
    providers_import(actor=administrator, rows=read_rows(xlsx([GOOD])))
    result = providers_import(actor=administrator, rows=read_rows(xlsx([{**GOOD, "capacity": "35"}])))
    assert (result.created, result.updated) == (0, 1)
    assert (
        Provider.objects.get().capacity == 35
        and Organisation.objects.filter(name="Centre Espoir").count() == 1
    )


def test_bad_rows_are_listed_by_row_and_nothing_is_written(administrator):
    rows = [
        GOOD,
        {**GOOD, "organisation": "B", "country": "XXX", "services": "teleportation"},
        {**GOOD, "organisation": "C", "kind": "club", "capacity": "many", "focal_point_email": "nope"},
        {**GOOD, "organisation": ""},
    ]
    with pytest.raises(ImportRefused) as refused:
        providers_import(actor=administrator, rows=read_rows(xlsx(rows)))
    messages = refused.value.messages
    assert any(m.startswith("Row 3:") and "XXX" in m for m in messages)
    assert any(m.startswith("Row 3:") and "teleportation" in m for m in messages)
    assert any(m.startswith("Row 4:") and "club" in m for m in messages)
    assert any(m.startswith("Row 4:") and "whole number" in m for m in messages)
    assert any(m.startswith("Row 4:") and "nope" in m for m in messages)
    assert any(m.startswith("Row 5:") and "organisation" in m for m in messages)
    assert not any(m.startswith("Row 2:") for m in messages)
    assert not Provider.objects.exists() and not Organisation.objects.filter(name="Centre Espoir").exists()


def test_errors_are_in_the_users_language(administrator):
    with translation.override("fr"), pytest.raises(ImportRefused) as refused:
        providers_import(actor=administrator, rows=read_rows(xlsx([{**GOOD, "country": "XXX"}])))
    assert refused.value.messages[0].startswith("Ligne 2 :")


def test_csv_is_accepted_too(administrator):
    text = ",".join(COLUMNS) + "\n" + ",".join(f'"{GOOD.get(c, "")}"' for c in COLUMNS) + "\n"
    upload = SimpleUploadedFile("providers.csv", text.encode("utf-8"))
    assert providers_import(actor=administrator, rows=read_rows(upload)).created == 1


def test_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(ImportRefused, match="not a valid XLSX"):
        read_rows(SimpleUploadedFile("providers.xlsx", b"not a workbook"))


def test_only_administrators_import(caseworker_a):
    with pytest.raises(PermissionDenied):
        providers_import(actor=caseworker_a, rows=read_rows(xlsx([GOOD])))


def test_import_page_lists_errors_and_writes_nothing(client, administrator):
    client.login(username=administrator.username, password=PASSWORD)
    response = client.post(reverse("referrals:provider-import"), {"file": xlsx([{**GOOD, "kind": "club"}])})
    assert response.status_code == 200
    assert "Row 2:" in response.content.decode()
    assert not Provider.objects.exists()
    response = client.post(reverse("referrals:provider-import"), {"file": xlsx([GOOD])})
    assert response.status_code == 302 and Provider.objects.count() == 1


def test_import_page_is_for_administrators_only(client, caseworker_a):
    client.login(username=caseworker_a.username, password=PASSWORD)
    assert client.get(reverse("referrals:provider-import")).status_code == 403


def test_template_download_is_a_workbook_that_imports_cleanly(client, administrator):
    client.login(username=administrator.username, password=PASSWORD)
    response = client.get(reverse("referrals:provider-template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["providers"][1]] == COLUMNS
    assert "shelter-temporary" in [row[0].value for row in book["services"].iter_rows()]
    upload = SimpleUploadedFile("template.xlsx", response.content)
    assert providers_import(actor=administrator, rows=read_rows(upload)).created == 1


def test_api_import_for_administrators_with_errors_by_row(administrator, caseworker_a):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(caseworker_a)
    assert (
        client.post("/api/v1/providers/import/", {"file": xlsx([GOOD])}, format="multipart").status_code
        == 403
    )
    client.force_authenticate(administrator)
    response = client.post(
        "/api/v1/providers/import/", {"file": xlsx([{**GOOD, "country": "XXX"}])}, format="multipart"
    )
    assert response.status_code == 400 and response.json()["detail"][0].startswith("Row 2:")
    assert not Provider.objects.exists()
    response = client.post("/api/v1/providers/import/", {"file": xlsx([GOOD])}, format="multipart")
    assert response.status_code == 200 and response.json() == {"created": 1, "updated": 0}


def test_api_import_refuses_an_executable_and_an_oversized_file(administrator, settings):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(administrator)
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00")
    response = client.post("/api/v1/providers/import/", {"file": exe}, format="multipart")
    assert response.status_code == 400 and "not accepted" in response.json()["detail"][0]
    settings.SANKOFA_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("providers.csv", (",".join(COLUMNS) + "\n").encode() + b"x" * 2 * 1024 * 1024)
    response = client.post("/api/v1/providers/import/", {"file": big}, format="multipart")
    assert response.status_code == 400 and "too large" in response.json()["detail"][0]
    assert not Provider.objects.exists()


def test_import_page_names_the_row_and_column_of_a_nul_and_writes_nothing(client, administrator):
    text = ",".join(COLUMNS) + "\n" + ",".join(f'"{GOOD.get(c, "")}"' for c in COLUMNS) + "\n"
    text = text.replace("Abidjan", "Abid\x00jan")  # areas_served, the fourth column
    client.login(username=administrator.username, password=PASSWORD)
    upload = SimpleUploadedFile("providers.csv", text.encode())
    response = client.post(reverse("referrals:provider-import"), {"file": upload})
    assert response.status_code == 200
    assert "Row 2, column D: contains a NUL character." in response.content.decode()
    assert not Provider.objects.exists()


def test_import_refuses_too_many_rows_with_a_clear_message(administrator, monkeypatch):
    monkeypatch.setattr("sankofa.referrals.imports.MAX_ROWS", 3)
    upload = xlsx([{**GOOD, "organisation": f"Org {n}"} for n in range(5)])
    with pytest.raises(ImportRefused, match="more than 3 rows"):
        read_rows(upload)


def test_formula_text_in_an_imported_csv_is_stored_as_text_and_a_real_formula_is_never_run(administrator):
    import csv

    formula = '=HYPERLINK("http://x","y")'
    out = io.StringIO()
    csv.writer(out).writerows([COLUMNS, [{**GOOD, "eligibility": formula}.get(c, "") for c in COLUMNS]])
    providers_import(
        actor=administrator, rows=read_rows(SimpleUploadedFile("p.csv", out.getvalue().encode()))
    )
    assert Provider.objects.get().eligibility == formula
    # In an XLSX, the same text is a formula cell: only its cached value (none here) is read.
    providers_import(actor=administrator, rows=read_rows(xlsx([{**GOOD, "eligibility": "=1+1"}])))
    assert Provider.objects.get().eligibility == ""
