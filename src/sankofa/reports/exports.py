"""Aggregated exports: one table of protected cells (never a record, never a name), written as a
formatted XLSX workbook, a CSV with an HXL hashtag row, or a PDF report. Every value comes from
`selectors.indicator_value` / `selectors.indicator_cells` (disclosure control applied there)."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.core.spreadsheets import csv_writer, xlsx_append
from sankofa.programmes.indicators import DIMENSIONS, UNIT_LABELS, IndicatorFilters

from .disclosure import shown, threshold
from .selectors import indicator_cells, indicator_value, indicators_list, label_of

EXPORT_DIMENSIONS = ("sex", "age_group", "nationality", "country", "vulnerability")


@dataclass
class Cell:
    indicator: str
    label: str
    unit: str
    dimension: str  # "" for the total
    group: str  # code of the group ("" for the total)
    group_label: str
    value: int | None  # None = suppressed


def cells_build(
    *, actor, filters: IndicatorFilters, progress: Callable[[int], None] | None = None
) -> list[Cell]:
    """Every indicator's total and breakdowns for the filters, protected. Labels in the active language."""
    cells: list[Cell] = []
    indicators = indicators_list()
    for number, indicator in enumerate(indicators, start=1):
        label, unit = str(indicator.label), str(UNIT_LABELS[indicator.unit])
        total = indicator_value(actor=actor, indicator=indicator, filters=filters)
        cells.append(Cell(indicator.code, label, unit, "", "", _("Total"), total))
        for dimension in EXPORT_DIMENSIONS:
            if dimension not in indicator.disaggregations:
                continue
            values = indicator_cells(actor=actor, indicator=indicator, filters=filters, dimension=dimension)
            for key in sorted(values, key=lambda k: (k is None, str(k))):
                if values[key] == 0:
                    continue
                cells.append(
                    Cell(
                        indicator.code,
                        label,
                        unit,
                        dimension,
                        key or "",
                        label_of(dimension, key),
                        values[key],
                    )
                )
        if progress:
            progress(round(90 * number / len(indicators)))
    return cells


HEADERS = [
    ("indicator", "#indicator+code"),
    ("label", "#indicator+name"),
    ("unit", "#indicator+unit"),
    ("date_from", "#date+start"),
    ("date_to", "#date+end"),
    ("programme", "#activity+programme+code"),
    ("dimension", "#meta+disaggregation"),
    ("group", "#group+code"),
    ("group_label", "#group+name"),
    ("country", "#country+code"),
    ("value", "#value"),
]


def _header_labels() -> list[str]:
    return [
        _("Indicator code"),
        _("Indicator"),
        _("Unit"),
        _("From"),
        _("As of"),
        _("Programme"),
        _("Disaggregation"),
        _("Group code"),
        _("Group"),
        _("Country of assistance"),
        _("Value"),
    ]


def _rows(cells: list[Cell], filters: IndicatorFilters, *, codes: bool = False):
    for cell in cells:
        country = cell.group if cell.dimension == "country" else (filters.country or "")
        yield [
            cell.indicator,
            cell.label,
            cell.unit,
            filters.date_from.isoformat() if filters.date_from else "",
            filters.as_of.isoformat(),
            filters.programme or "",
            (cell.dimension if codes else str(DIMENSIONS[cell.dimension])) if cell.dimension else "",
            cell.group,
            cell.group_label,
            country,
            cell.value,
        ]


def write_csv(cells: list[Cell], filters: IndicatorFilters) -> bytes:
    """CSV: a header row, the HXL hashtag row, then one row per cell. Suppressed cells are empty."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(_header_labels())
    writer.writerow([tag for _name, tag in HEADERS])
    for row in _rows(cells, filters, codes=True):  # machine-readable disaggregation codes
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


def write_xlsx(cells: list[Cell], filters: IndicatorFilters) -> bytes:
    """A formatted workbook: the cells with a frozen, bold header, then a notes sheet (method)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    xlsx_append(sheet, _header_labels())
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="7A3E12")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in _rows(cells, filters):
        value = row[-1]
        xlsx_append(sheet, [*row[:-1], shown(value) if value is None else value])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJK", [10, 50, 12, 12, 12, 14, 20, 14, 30, 12, 10], strict=True):
        sheet.column_dimensions[column].width = width
    notes = workbook.create_sheet(_("Notes")[:31])
    xlsx_append(notes, [_("Generated on"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    xlsx_append(notes, [_("Disclosure control"), disclosure_note()])
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def disclosure_note() -> str:
    from .disclosure import base

    return _(
        "Counts below %(threshold)s are suppressed (shown as “<%(threshold)s”); all other counts, totals "
        "included, are rounded to the nearest multiple of %(base)s. Figures count unique individuals unless "
        "the unit says otherwise; breakdowns by vulnerability overlap."
    ) % {"threshold": threshold(), "base": base()}


def write_pdf(cells: list[Cell], filters: IndicatorFilters, *, title: str) -> bytes:
    from weasyprint import HTML

    totals = [c for c in cells if not c.dimension]
    breakdowns = [c for c in cells if c.dimension]
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "title": title,
            "filters": filters,
            "totals": totals,
            "breakdowns": breakdowns,
            "note": disclosure_note(),
            "threshold": threshold(),
            "generated": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
