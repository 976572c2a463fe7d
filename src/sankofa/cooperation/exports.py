"""A matrix as XLSX (openpyxl) or PDF (WeasyPrint), in the language the user chose for the file,
whatever the language of the page (translation.override)."""

import io

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from sankofa.core.spreadsheets import xlsx_cell

from .models import Action, ActionMatrix

STATUS_FILL = {  # the colours of the web table (Bootstrap subtle backgrounds)
    Action.Status.PLANNED: "E2E3E5",
    Action.Status.IN_PROGRESS: "CFE2FF",
    Action.Status.DONE: "D1E7DD",
    Action.Status.DELAYED: "FFF3CD",
    Action.Status.DROPPED: "F8F9FA",
}
LATE_FILL = "F8D7DA"


def _headers() -> list[str]:
    return [
        _("No."),
        _("Action"),
        _("Responsible institutions"),
        _("Supporting institutions"),
        _("Start date"),
        _("Due date"),
        _("Status"),
        _("Late"),
        _("Latest progress note"),
    ]


def _row(number: int, action: Action) -> dict:
    notes = list(action.notes.all())
    latest = notes[0] if notes else None
    return {
        "number": number,
        "action": action,
        "description": action.description,
        "responsible": ", ".join(str(i) for i in action.responsible.all()),
        "supporting": ", ".join(str(i) for i in action.supporting.all()),
        "status": str(Action.Status(action.status).label),
        "late": _("Yes") if action.late else _("No"),
        "note": f"{formats.date_format(latest.written_on, 'SHORT_DATE_FORMAT')}: {latest.text}"
        if latest
        else "",
    }


def _title(matrix: ActionMatrix) -> list[str]:
    return [
        matrix.framework.title,
        _("Action matrix: %(title)s") % {"title": matrix.title},
        _("Theme: %(theme)s") % {"theme": matrix.theme.name},
        _("Exported on %(date)s") % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
    ]


def matrix_xlsx(*, matrix: ActionMatrix, actions: list[Action], language: str) -> bytes:
    """The matrix as a formatted workbook: a title block, a header row, one row per action (late
    first, as on the page), status colours and real date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with translation.override(language):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Action matrix")[:31]
        for line, text in enumerate(_title(matrix), start=1):
            xlsx_cell(sheet, row=line, column=1, value=text).font = Font(
                bold=line == 1, size=14 if line == 1 else 11
            )
        header_row = len(_title(matrix)) + 2
        for column, text in enumerate(_headers(), start=1):
            cell = xlsx_cell(sheet, row=header_row, column=column, value=text)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="5B3A1E")
        date_format = "dd/mm/yyyy" if language == "fr" else "yyyy-mm-dd"
        for offset, action in enumerate(actions, start=1):
            row = _row(offset, action)
            values = [
                offset,
                row["description"],
                row["responsible"],
                row["supporting"],
                action.starts_on,
                action.due_on,
                row["status"],
                row["late"],
                row["note"],
            ]
            for column, value in enumerate(values, start=1):
                cell = xlsx_cell(sheet, row=header_row + offset, column=column, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if column in (5, 6) and value:
                    cell.number_format = date_format
            fill = LATE_FILL if action.late else STATUS_FILL[action.status]
            sheet.cell(row=header_row + offset, column=7).fill = PatternFill("solid", fgColor=fill)
        for column, width in enumerate([6, 60, 30, 30, 12, 12, 14, 8, 50], start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def matrix_pdf(*, matrix: ActionMatrix, actions: list[Action], language: str) -> bytes:
    """The matrix as a landscape PDF table, rendered from an HTML template by WeasyPrint."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "cooperation/matrix_pdf.html",
            {
                "matrix": matrix,
                "title_lines": _title(matrix),
                "headers": _headers(),
                "rows": [_row(i, a) for i, a in enumerate(actions, start=1)],
                "language": language,
            },
        )
        return HTML(string=html).write_pdf()
