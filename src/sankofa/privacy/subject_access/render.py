"""A report as a PDF (WeasyPrint, A4) or as JSON (structure: docs/subject_access.md)."""

import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .selectors import Report

JSON_FORMAT = "sankofa.subject_access"
JSON_VERSION = 1


def report_json_data(report: Report) -> dict:
    """The report as plain data: stable keys, ISO 8601 dates, ISO 3166 alpha-3 countries."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "produced_at": report.produced_at.isoformat(),
        "produced_by": report.produced_by,
        "language": report.language,
        "person_id": report.person.pk,
        "cases": [c.number for c in report.cases],
        "restricted_cases": [c.number for c in report.restricted_cases],
        "sections": {s.key: [r.as_json() for r in s.records] for s in report.sections},
    }


def report_json(report: Report) -> bytes:
    return json.dumps(report_json_data(report), ensure_ascii=False, indent=2).encode()


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "privacy/subject_access_pdf.html", {"report": report, "title": _("Subject access report")}
    )
    return HTML(string=html).write_pdf()
