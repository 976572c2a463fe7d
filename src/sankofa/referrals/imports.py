"""Service providers from a spreadsheet (XLSX or CSV): read rows, validate every one, write all or
nothing. Errors name the row and are in the user's language."""

import dataclasses
import io

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from sankofa.access.models import Organisation
from sankofa.access.permissions import ensure
from sankofa.assistance.models import Service
from sankofa.core.languages import is_language_code
from sankofa.core.models import Country
from sankofa.core.parsing import positive_int
from sankofa.core.spreadsheets import read_table, xlsx_append

from .models import FocalPoint, Provider

COLUMNS = [
    "organisation",
    "kind",
    "country",
    "areas_served",
    "services",
    "eligibility",
    "languages",
    "capacity",
    "address",
    "phone",
    "email",
    "website",
    "accepts_referrals",
    "focal_point_name",
    "focal_point_email",
    "focal_point_phone",
]
REQUIRED = ("organisation", "kind", "country")
EXAMPLE = [
    "Centre d'Accueil Espoir",
    "ngo",
    "CIV",
    "Abidjan; Bouaké",
    "shelter-temporary; psychosocial-individual",
    "Women and children, victims of trafficking",
    "fra; dyu",
    "20",
    "Cocody, Abidjan",
    "+225 27 22 00 00 00",
    "contact@espoir.example",
    "https://espoir.example",
    "yes",
    "Awa Koné",
    "awa.kone@espoir.example",
    "+225 07 00 00 00 00",
]
MAX_ROWS = 5_000  # providers of a country fit many times over; a bigger file is a mistake
YES, NO = {"yes", "y", "oui", "o", "true", "1", "x"}, {"no", "n", "non", "false", "0", ""}


class ImportRefused(ValidationError):
    """The spreadsheet has errors; nothing was written. `messages` lists them per row."""


@dataclasses.dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def read_rows(upload) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {column: text}) for each non-empty row of an XLSX or CSV file.
    The file is read by core.spreadsheets.read_table (type, size, row and NUL checks live there)."""
    try:
        table = read_table(upload, max_rows=MAX_ROWS)
    except ValidationError as exc:
        raise ImportRefused(exc.messages) from None
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [h.strip().lower() for h in table[0][1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, values in table[1:]:
        row = {
            h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header) if h in COLUMNS
        }
        if any(row.values()):
            rows.append((number, row))
    return rows


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]


def _validate(row: dict, services: dict, countries: set) -> tuple[dict, list[str]]:
    errors, clean = [], {}
    for column in REQUIRED:
        if not row.get(column):
            errors.append(_("“%(column)s” is required.") % {"column": column})
    kind = row.get("kind", "").lower()
    if kind and kind not in Organisation.Kind.values:
        errors.append(
            _("Unknown kind “%(value)s” (expected one of %(choices)s).")
            % {"value": row["kind"], "choices": ", ".join(Organisation.Kind.values)}
        )
    country = row.get("country", "").upper()
    if country and country not in countries:
        errors.append(_("Unknown country “%(value)s” (ISO 3166 alpha-3).") % {"value": row["country"]})
    codes = _split(row.get("services", ""))
    unknown = [c for c in codes if c not in services]
    if unknown:
        errors.append(_("Unknown service codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    languages = [c.lower() for c in _split(row.get("languages", ""))]
    bad = [c for c in languages if len(c) != 3 or not is_language_code(c)]
    if bad:
        errors.append(_("Not ISO 639-3 language codes: %(codes)s") % {"codes": ", ".join(bad)})
    capacity = row.get("capacity", "")
    if capacity.endswith(".0"):  # numbers come back from XLSX as floats
        capacity = capacity[:-2]
    if capacity and positive_int(capacity) is None:
        errors.append(_("Capacity must be a whole number."))
    accepts = row.get("accepts_referrals", "yes").lower()
    if accepts not in YES | NO:
        errors.append(_("“accepts_referrals” must be yes or no."))
    for column in ("email", "focal_point_email"):
        if row.get(column):
            try:
                EmailValidator()(row[column])
            except ValidationError:
                errors.append(_("“%(value)s” is not an email address.") % {"value": row[column]})
    if row.get("website"):
        try:
            URLValidator()(row["website"])
        except ValidationError:
            errors.append(_("“%(value)s” is not a web address.") % {"value": row["website"]})
    too_long = [c for c in ("organisation", "areas_served", "address") if len(row.get(c, "")) > 200]
    if too_long:
        errors.append(_("Too long: %(columns)s.") % {"columns": ", ".join(too_long)})
    clean = {
        "name": row.get("organisation", ""),
        "kind": kind,
        "country": country,
        "services": [services[c] for c in codes if c in services],
        "provider": {
            "areas_served": row.get("areas_served", ""),
            "eligibility": row.get("eligibility", ""),
            "languages": languages,
            "capacity": positive_int(capacity),
            "address": row.get("address", ""),
            "phone": row.get("phone", "")[:40],
            "email": row.get("email", ""),
            "website": row.get("website", ""),
            "accepts_referrals": accepts in YES,
        },
        "focal_point": {
            "name": row.get("focal_point_name", ""),
            "email": row.get("focal_point_email", ""),
            "phone": row.get("focal_point_phone", "")[:40],
        },
    }
    return clean, errors


@transaction.atomic
def providers_import(*, actor, rows: list[tuple[int, dict]]) -> ImportResult:
    """Create or update providers (matched by organisation name) from spreadsheet rows. Every row
    is checked first; one bad row refuses the whole file, with every error listed by row."""
    ensure(actor, "referrals.manage_providers")
    services = {s.code: s for s in Service.objects.all()}
    countries = set(Country.objects.values_list("iso3", flat=True))
    cleaned, errors, seen = [], [], {}
    for number, row in rows:
        clean, row_errors = _validate(row, services, countries)
        name = clean["name"].casefold()
        if name and name in seen:
            row_errors.append(_("Same organisation as row %(row)s.") % {"row": seen[name]})
        seen.setdefault(name, number)
        errors += [_("Row %(row)s: %(error)s") % {"row": number, "error": e} for e in row_errors]
        cleaned.append(clean)
    if not rows:
        errors.append(_("The file has no provider rows."))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    for clean in cleaned:
        organisation, created_org = Organisation.objects.get_or_create(
            name=clean["name"], defaults={"kind": clean["kind"], "country_id": clean["country"]}
        )
        provider, created = Provider.objects.update_or_create(
            organisation=organisation, defaults={"country_id": clean["country"], **clean["provider"]}
        )
        provider.services.set(clean["services"])
        fp = clean["focal_point"]
        if fp["name"] and not provider.focal_points.filter(name=fp["name"]).exists():
            FocalPoint.objects.create(provider=provider, **fp)
        result.created += created
        result.updated += not created
    return result


def template_workbook() -> bytes:
    """An example spreadsheet with the expected columns, one example row and the service codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "providers"
    xlsx_append(sheet, COLUMNS)
    xlsx_append(sheet, EXAMPLE)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    codes = book.create_sheet("services")
    xlsx_append(codes, ["code", "category", "name_en", "name_fr"])
    for s in Service.objects.filter(is_active=True).order_by("category", "code"):
        xlsx_append(codes, [s.code, s.category, s.name_en, s.name_fr])
    kinds = book.create_sheet("kinds")
    xlsx_append(kinds, ["kind", "meaning"])
    for value, label in Organisation.Kind.choices:
        xlsx_append(kinds, [value, str(label)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
