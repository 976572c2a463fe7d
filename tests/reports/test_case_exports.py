"""Case list exports with personal data: a permission, a purpose, pseudonymised by default, logged,
and expiring. Files are parsed back."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sankofa.cases.models import CaseAccess
from sankofa.reports import services
from sankofa.reports.case_exports import pseudonym
from sankofa.reports.models import ExportJob

PURPOSE = "Lists for the monthly protection review with the ministry"


def _sheet(job) -> list[list]:
    with job.file.open("rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    return [[c.value for c in row] for row in book.active.iter_rows()]


def test_a_caseworker_may_not_export_personal_data(client, caseworker_a, case_a):
    with pytest.raises(PermissionDenied):
        services.case_list_export_request(
            actor=caseworker_a, format="xlsx", language="en", filters={}, purpose=PURPOSE
        )
    client.force_login(caseworker_a)
    assert client.get(reverse("reports:case-export")).status_code == 403
    assert "case-export" not in client.get(reverse("cases:list")).content.decode()
    assert not ExportJob.objects.exists()


def test_an_export_needs_a_purpose(supervisor_a, case_a, client):
    with pytest.raises(ValidationError):
        services.case_list_export_request(
            actor=supervisor_a, format="xlsx", language="en", filters={}, purpose="x"
        )
    client.force_login(supervisor_a)
    response = client.post(
        reverse("reports:case-export"), {"purpose": "", "format": "xlsx", "language": "en"}
    )
    assert response.status_code == 200 and not ExportJob.objects.exists()


def test_the_export_is_pseudonymised_by_default_scoped_and_logged(client, supervisor_a, case_a, case_b):
    client.force_login(supervisor_a)
    response = client.post(
        reverse("reports:case-export") + "?status=open",
        {"purpose": PURPOSE, "format": "xlsx", "language": "en"},
    )
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.status == ExportJob.Status.DONE
    assert (job.kind, job.purpose, job.pseudonymised, job.params["status"]) == (
        "case_list",
        PURPOSE,
        True,
        "open",
    )
    header, *rows = _sheet(job)
    assert header[0] == "Case pseudonym" and len(rows) == 1  # case_b belongs to another office
    row = rows[0]
    assert row[0] == pseudonym("case", case_a.pk) and row[4] == pseudonym("person", case_a.principal_id)
    text = str(rows)
    assert case_a.number not in text and "Diallo" not in text.title() and case_b.number not in text
    assert CaseAccess.objects.filter(case=case_a, user=supervisor_a, record="export").count() == 1
    assert job.expires_at > timezone.now()
    download = client.get(reverse("reports:export-download", args=[job.pk]))
    assert download.status_code == 200


def test_names_only_when_asked_for_and_in_csv(supervisor_a, case_a):
    job = services.case_list_export_request(
        actor=supervisor_a, format="csv", language="fr", filters={}, purpose=PURPOSE, pseudonymised=False
    )
    job.refresh_from_db()
    with job.file.open("rb") as f:
        lines = list(csv.reader(io.StringIO(f.read().decode("utf-8-sig"))))
    assert lines[0][0] == "Numéro de dossier"
    assert lines[1][0] == case_a.number and lines[1][4] == "Aïssatou DIALLO"


def test_an_expired_export_is_not_downloaded_and_its_file_is_purged(client, supervisor_a, case_a):
    job = services.case_list_export_request(
        actor=supervisor_a, format="xlsx", language="en", filters={}, purpose=PURPOSE
    )
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(supervisor_a)
    assert client.get(reverse("reports:export-download", args=[job.pk])).status_code == 404
    assert services.exports_purge_expired() == 1
    job.refresh_from_db()
    assert not job.file


def test_the_api_exports_a_case_list_for_a_supervisor_only(api_client, supervisor_a, caseworker_a, case_a):
    body = {"purpose": PURPOSE, "format": "csv", "language": "en"}
    api_client.force_authenticate(caseworker_a)
    assert api_client.post("/api/v1/case-exports/", body, format="json").status_code == 403
    api_client.force_authenticate(supervisor_a)
    assert (
        api_client.post("/api/v1/case-exports/", {**body, "purpose": "x"}, format="json").status_code == 400
    )
    answer = api_client.post("/api/v1/case-exports/", body, format="json")
    assert answer.status_code == 202
    job = answer.json()
    assert (job["kind"], job["pseudonymised"], job["status"]) == ("case_list", True, "done")
    assert job["download"] and job["expires_at"]
    polled = api_client.get(f"/api/v1/exports/{job['id']}/").json()
    assert polled["id"] == job["id"]
