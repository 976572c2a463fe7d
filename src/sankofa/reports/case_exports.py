"""A case list with personal data, as a file (XLSX or CSV). Rows come from `cases.selectors.case_list`
with the requester's scope and filters, so it holds exactly what their case list shows. By default
it is pseudonymised: each case and principal gets a pseudonym (a keyed hash, stable within the
installation, that nobody can turn back into a name without the database), the date of birth
becomes the year; names, case numbers and full dates only when asked for, with a purpose."""

import csv
import dataclasses
import hashlib
import hmac
import io

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sankofa.cases import read_log
from sankofa.cases.models import CaseAccess
from sankofa.cases.selectors import CaseFilters, case_list
from sankofa.core.spreadsheets import csv_writer, xlsx_append

CHUNK = 2000


def pseudonym(kind: str, pk: int) -> str:
    """A stable pseudonym for a record: HMAC-SHA256 of its kind and key under the secret key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[0].upper()}-{digest[:12]}"


def filters_of(params: dict) -> CaseFilters:
    known = {f.name for f in dataclasses.fields(CaseFilters)}
    return CaseFilters(**{k: v for k, v in params.items() if k in known})


def _header(pseudonymised: bool) -> list[str]:
    if pseudonymised:
        return [
            _("Case pseudonym"),
            _("Office"),
            _("Status"),
            _("Registration month"),
            _("Principal pseudonym"),
            _("Sex"),
            _("Year of birth"),
            _("Nationality"),
        ]
    return [
        _("Case number"),
        _("Office"),
        _("Status"),
        _("Registration date"),
        _("Principal applicant"),
        _("Sex"),
        _("Date of birth"),
        _("Nationality"),
    ]


def _row(case, pseudonymised: bool) -> list:
    person = case.principal if case.principal_visible else None
    nationality = person.nationality_id or "" if person is not None else ""
    sex = person.sex if person is not None else ""
    if pseudonymised:
        born = person.date_of_birth.year if person is not None and person.date_of_birth else ""
        return [
            pseudonym("case", case.pk),
            case.owning_office.code,
            case.get_status_display(),
            case.registered_on.strftime("%Y-%m"),
            pseudonym("person", person.pk) if person is not None else "",
            sex,
            born,
            nationality,
        ]
    return [
        case.number,
        case.owning_office.code,
        case.get_status_display(),
        case.registered_on,
        person.full_name if person is not None else _("Restricted"),
        sex,
        person.date_of_birth if person is not None and person.date_of_birth else "",
        nationality,
    ]


def rows(*, actor, filters: CaseFilters, pseudonymised: bool, progress=lambda percent: None):
    """The header, then one row per case the actor may see under `filters`, newest first; every
    case written is logged as read (cases.read_log, kind "export")."""
    yield _header(pseudonymised)
    qs = case_list(actor=actor, filters=filters)
    total = qs.count() or 1
    done, last = 0, None
    while True:
        chunk = list((qs.filter(pk__lt=last) if last else qs)[:CHUNK])
        if not chunk:
            break
        read_log.read(actor=actor, cases=chunk, record=CaseAccess.Record.EXPORT)
        for case in chunk:
            yield _row(case, pseudonymised)
        done, last = done + len(chunk), chunk[-1].pk
        progress(min(99, 1 + 98 * done // total))


def write_xlsx(lines) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cases")[:31]
    for line in lines:
        xlsx_append(sheet, line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(lines) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out, quoting=csv.QUOTE_MINIMAL)
    for line in lines:
        writer.writerow(line)
    return ("\ufeff" + out.getvalue()).encode()  # a BOM: spreadsheet programs then read UTF-8
