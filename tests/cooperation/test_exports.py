"""A matrix exported to XLSX and PDF, in the language chosen for the file, read back."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sankofa.cooperation import services

from .conftest import add_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(matrix, editor, ministry_ner, embassy_gin):
    late = add_action(
        matrix, editor, description="Finalise the memorandum of understanding", responsible=[ministry_ner],
        supporting=[embassy_gin], starts_on=datetime.date(2025, 1, 10), due_on=datetime.date(2025, 6, 30),
    )  # fmt: skip
    done = add_action(matrix, editor, description="Train border officers", due_on=datetime.date(2025, 3, 1))
    services.action_status_change(
        actor=editor, action=done, status="done", version=1, note="40 officers trained"
    )
    return late, done


def export(client, matrix, language, kind):
    response = client.get(
        reverse("cooperation:matrix-export", args=[matrix.pk]), {"language": language, "format": kind}
    )
    assert response.status_code == 200
    assert f"-{language}.{kind}" in response["Content-Disposition"]
    return response.content


@pytest.mark.parametrize(
    ("language", "header", "status", "title"),
    [
        ("en", "Responsible institutions", "Done", "Fight against trafficking in persons"),
        ("fr", "Institutions responsables", "Terminée", "Lutte contre la traite des personnes"),
    ],
)
def test_xlsx_export_in_the_chosen_language_lists_late_actions_first(
    client, reader, matrix, actions, language, header, status, title
):
    client.force_login(reader)  # the page language stays English; the file follows the choice
    sheet = load_workbook(io.BytesIO(export(client, matrix, language, "xlsx"))).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any(title in str(r[0]) for r in rows[:4])
    header_index = next(i for i, r in enumerate(rows) if r[2] == header)
    first, second = rows[header_index + 1], rows[header_index + 2]
    assert first[1] == "Finalise the memorandum of understanding"
    assert first[2] == "Ministère de l'Intérieur"
    assert first[5].date() == datetime.date(2025, 6, 30)  # a real date cell
    assert (second[1], second[6]) == ("Train border officers", status)
    assert "40 officers trained" in second[8]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Action matrix",
                "Exported on",
                "Fight against trafficking in persons",
                "Responsible institutions",
                "Done",
            ],
        ),
        (
            "fr",
            [
                "Matrice d'actions",
                "Exporté le",
                "Lutte contre la traite des personnes",
                "Institutions responsables",
                "Terminée",
            ],
        ),
    ],
)
def test_pdf_export_in_the_chosen_language(client, reader, matrix, actions, language, words):
    client.force_login(reader)
    reader_pdf = PdfReader(io.BytesIO(export(client, matrix, language, "pdf")))
    text = " ".join(page.extract_text() for page in reader_pdf.pages)
    text = " ".join(text.split())
    for word in words:
        assert word in text
    assert text.index("Finalise the memorandum") < text.index("Train border officers")


def test_export_is_404_for_a_partner(client, partner_user, matrix, actions):
    client.force_login(partner_user)
    response = client.get(
        reverse("cooperation:matrix-export", args=[matrix.pk]), {"language": "en", "format": "pdf"}
    )
    assert response.status_code == 404


def test_xlsx_export_writes_formula_looking_text_as_quoted_text(client, reader, matrix, editor):
    add_action(matrix, editor, description='=HYPERLINK("http://x","y")')
    add_action(matrix, editor, description="@SUM(A1:A2)")
    client.force_login(reader)
    sheet = load_workbook(io.BytesIO(export(client, matrix, "en", "xlsx"))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "(" in c.value]
    texts = {c.value for c in cells}
    assert '\'=HYPERLINK("http://x","y")' in texts and "'@SUM(A1:A2)" in texts
    assert all(c.data_type == "s" for c in cells)
