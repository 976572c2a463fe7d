"""The manifest of a movement as a printable PDF (WeasyPrint) and a spreadsheet (openpyxl). The rows
come from selectors.manifest, already scoped to the acting user."""

import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sankofa.core.spreadsheets import xlsx_append

from .models import Movement
from .selectors import ManifestRow


def _headers() -> list[str]:
    return [
        _("No."),
        _("Case"),
        _("Name"),
        _("Sex"),
        _("Date of birth"),
        _("Nationality"),
        _("Travel document"),
        _("Fit to travel"),
        _("Special needs"),
        _("Status"),
    ]


def _cells(row: ManifestRow) -> list:
    return [
        row.number,
        row.case_number,
        row.name,
        row.sex,
        row.date_of_birth,
        row.nationality,
        row.document,
        row.fitness,
        row.special_needs,
        row.status,
    ]


def manifest_xlsx(movement: Movement, rows: list[ManifestRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Manifest")[:31]
    xlsx_append(
        sheet, [_("Movement"), movement.reference, movement.get_kind_display(), str(movement.departure_on)]
    )
    xlsx_append(sheet, [])
    xlsx_append(sheet, _headers())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, _cells(row))
    for column, width in zip("ABCDEFGHIJ", (5, 18, 28, 8, 12, 16, 24, 22, 28, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def manifest_pdf(movement: Movement, rows: list[ManifestRow]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "returns/manifest_pdf.html",
        {
            "movement": movement,
            "legs": movement.legs.all(),
            "escorts": movement.escorts.all(),
            "headers": _headers(),
            "rows": [
                [
                    formats.date_format(c, "SHORT_DATE_FORMAT") if hasattr(c, "isoformat") else c
                    for c in _cells(r)
                ]
                for r in rows
            ],
        },
    )
    return HTML(string=html).write_pdf()
