"""Producing a subject access report: the one write is the record that it was produced."""

import dataclasses

from auditlog.models import LogEntry
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sankofa.cases import read_log
from sankofa.cases.models import CaseAccess

from . import render
from .selectors import subject_access_person, subject_access_report

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "json": ("application/json", "json"),
}
LANGUAGES = ("en", "fr")


@dataclasses.dataclass(frozen=True)
class Production:
    content: bytes
    content_type: str
    filename: str


def default_language(person) -> str:
    """Person has no preferred-language field; its ISO 639-3 languages stand in: French if the
    person speaks French and not English, else English. The producer may choose otherwise."""
    spoken = set(person.languages or [])
    return "fr" if "fra" in spoken and "eng" not in spoken else "en"


@transaction.atomic
def subject_access_produce(*, actor, person_id: int, fmt: str, language: str | None = None) -> Production:
    """Produce everything held about one person, as PDF or JSON, in English or French, and log it:
    a CaseAccess row (record "subject access", through cases.read_log) for every case included, and an audit-log entry on
    the person (who, when, format, language, cases). Data-protection focal points only, in scope."""
    if fmt not in FORMATS:
        raise ValueError(_("Unknown format: %(format)s") % {"format": fmt})
    person = subject_access_person(actor=actor, person_id=person_id)  # 403 / 404 first
    language = language if language in LANGUAGES else default_language(person)
    with translation.override(language):
        report = subject_access_report(actor=actor, person=person, language=language)
        content = render.report_pdf(report) if fmt == "pdf" else render.report_json(report)
    read_log.read(actor=actor, cases=report.cases, record=CaseAccess.Record.SUBJECT_ACCESS)
    LogEntry.objects.log_create(
        person,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        changes={},
        additional_data={
            "subject_access": {
                "format": fmt,
                "language": language,
                "cases": [c.number for c in report.cases],
                "restricted_cases": [c.number for c in report.restricted_cases],
            }
        },
    )
    content_type, extension = FORMATS[fmt]
    stamp = report.produced_at.strftime("%Y%m%d-%H%M%S")
    return Production(content, content_type, f"subject-access-{person.pk}-{stamp}.{extension}")
