"""Exports parsed back: XLSX with openpyxl, CSV with its HXL hashtag row through libhxl, PDF text
with pypdf (in French, whatever the user's language). Only the requester may download."""

import csv
import io

import hxl
import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sankofa.reports.models import ExportJob

pytestmark = pytest.mark.django_db
FILTERS = {"date_from": "2024-01-01", "date_to": "2024-12-31", "indicator": "PA1"}


def export(client, user, fmt, language="en"):
    client.force_login(user)
    response = client.post(reverse("reports:export-create"), {**FILTERS, "format": fmt, "language": language})
    job = ExportJob.objects.get(requested_by=user, format=fmt)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == ExportJob.Status.DONE and job.progress == 100
    download = client.get(reverse("reports:export-download", args=[job.pk]))
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)


def test_xlsx_export_holds_protected_figures_of_the_users_offices(client, caseworker_a, assisted):
    _job, content = export(client, caseworker_a, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Indicator code"
    pa1 = {(r[6], r[7]): r[10] for r in rows[1:] if r[0] == "PA1"}
    assert pa1[(None, None)] == 15  # the total (empty cells read back as None)
    assert pa1[("sex", "F")] == 10
    assert pa1[("sex", "M")] == "<5"
    countries = {r[9] for r in rows[1:] if r[6] == "country of assistance"}
    assert countries == {"NER"}  # nothing of Tripoli


def test_csv_export_has_a_valid_hxl_hashtag_row(client, caseworker_a, assisted):
    _job, content = export(client, caseworker_a, "csv")
    text = content.decode("utf-8")
    dataset = hxl.data(list(csv.reader(io.StringIO(text))))  # libhxl finds the hashtag row itself
    tags = [column.display_tag for column in dataset.columns]
    assert "#indicator+code" in tags and "#value" in tags and "#country+code" in tags and "#date+end" in tags
    values = {
        (row.get("#indicator+code"), row.get("#meta+disaggregation"), row.get("#group+code")): row.get(
            "#value"
        )
        for row in dataset
    }
    assert values[("PA1", None, None)] == "15"  # the total (libhxl reads empty cells as None)
    assert values[("PA1", "sex", "M")] is None  # suppressed cells are empty
    assert values[("PA1", "sex", "F")] == "10"
    assert len(list(csv.reader(io.StringIO(text)))[1]) == len(tags)


def test_pdf_export_in_french_whatever_the_interface_language(client, caseworker_a, assisted):
    job, content = export(client, caseworker_a, "pdf", language="fr")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Chiffres clés" in text
    assert "Migrants ayant bénéficié d’une assistance de protection" in text
    assert job.language == "fr"


def test_only_the_requester_may_download_an_export(client, caseworker_a, supervisor_a, assisted):
    job, _content = export(client, caseworker_a, "csv")
    client.force_login(supervisor_a)
    assert client.get(reverse("reports:export", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:export-download", args=[job.pk])).status_code == 404


def test_progress_page_polls_until_done(client, caseworker_a, assisted):
    job, _content = export(client, caseworker_a, "csv")
    response = client.get(reverse("reports:export", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"hx-get" not in response.content  # done: polling stops
    assert b"export-download" in response.content
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=40)
    response = client.get(reverse("reports:export", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"hx-get" in response.content and b"40 %" in response.content


def test_formula_looking_labels_are_written_as_quoted_text_in_csv_and_xlsx():
    from sankofa.programmes.indicators import IndicatorFilters
    from sankofa.reports.exports import Cell, write_csv, write_xlsx

    formula = '=HYPERLINK("http://x","y")'
    cells = [Cell("PA1", formula, "people", "nationality", "-1", "@group", 15)]
    filters = IndicatorFilters(programme="+PROG")
    rows = list(csv.reader(io.StringIO(write_csv(cells, filters).decode())))
    assert rows[2][1] == "'" + formula and rows[2][5] == "'+PROG" and rows[2][8] == "'@group"
    assert rows[2][10] == "15"
    sheet = load_workbook(io.BytesIO(write_xlsx(cells, filters))).worksheets[0]
    row = next(sheet.iter_rows(min_row=2))
    assert row[1].value == "'" + formula and row[1].data_type == "s"
    assert row[7].value == "'-1" and row[10].value == 15 and row[10].data_type == "n"
