"""The shape of a subject access report: sections of records, each record a list of items with a
stable key, a JSON value and a display text in the active language. One definition serves the
JSON (keys and values) and the PDF (labels and display texts)."""

import dataclasses
import datetime
import decimal
import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sankofa.access.models import Office
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import Country

# Labels of fields that have no verbose name on their model (bookkeeping timestamps mostly).
LABELS = {
    "added_at": gettext_lazy("member since"),
    "shared_at": gettext_lazy("shared at"),
    "recorded_at": gettext_lazy("recorded at"),
    "approved_at": gettext_lazy("approved at"),
    "acknowledged_at": gettext_lazy("acknowledged at"),
    "booked_at": gettext_lazy("booked at"),
    "sent_at": gettext_lazy("sent at"),
    "decided_at": gettext_lazy("decided at"),
    "reopened_at": gettext_lazy("reopened at"),
    "merged_at": gettext_lazy("merged at"),
    "undone_at": gettext_lazy("undone at"),
    "scored_at": gettext_lazy("scored at"),
    "at": gettext_lazy("when"),
    "channel": gettext_lazy("channel"),
    "order": gettext_lazy("order"),
    "status": gettext_lazy("status"),
}


@dataclasses.dataclass
class Item:
    key: str
    label: str
    value: Any  # JSON-ready: str, int, bool, None, list, dict; dates as ISO 8601 strings
    display: str
    code_label: str | None = None  # for a coded value (choice, country): its name, written as <key>_label
    restricted: bool = False


@dataclasses.dataclass
class Record:
    items: list[Item] = dataclasses.field(default_factory=list)
    children: list["Section"] = dataclasses.field(default_factory=list)

    def as_json(self) -> dict:
        data: dict[str, Any] = {}
        restricted = []
        for item in self.items:
            data[item.key] = item.value
            if item.code_label is not None:
                data[f"{item.key}_label"] = item.code_label
            if item.restricted:
                restricted.append(item.key)
        if restricted:
            data["restricted_fields"] = restricted
        for child in self.children:
            data[child.key] = [r.as_json() for r in child.records]
        return data


@dataclasses.dataclass
class Section:
    key: str
    title: str
    records: list[Record] = dataclasses.field(default_factory=list)
    note: str = ""


def restricted_item(key: str, label: str) -> Item:
    """A value the producer may not read (sensitive data without the permission): said, not omitted."""
    return Item(key, label, None, _("Restricted: needs access to sensitive data"), restricted=True)


def plain(key: str, label: str, value: Any) -> Item:
    """An item computed outside a model field."""
    return Item(key, str(label), _json(value), display(value))


def field(obj: models.Model, name: str, *, key: str | None = None, restricted: bool = False) -> Item:
    """One model field as an item: label from the field's verbose name; choices give their code and
    label; countries their ISO 3166 alpha-3 code and name; offices their code; users their name."""
    f = obj._meta.get_field(name)
    key = key or name
    label = str(f.verbose_name)
    if label == name.replace("_", " "):  # no verbose name given: Django made one from the name
        if name in LABELS:
            label = str(LABELS[name])
        elif f.is_relation and f.related_model is not None:
            label = str(f.related_model._meta.verbose_name)
    if restricted:
        return restricted_item(key, label)
    if f.is_relation:
        related = getattr(obj, name)
        if related is None:
            return Item(key, label, None, "—")
        if isinstance(related, Country):
            return Item(key, label, related.iso3, related.name, code_label=related.name)
        if isinstance(related, Office):
            return Item(key, label, related.code, str(related), code_label=str(related))
        if isinstance(related, AbstractBaseUser):
            name_ = related.get_full_name() or related.get_username()
            return Item(key, label, related.get_username(), name_)
        # A stable identifier: the record's number or code where it has one (case number, service
        # code, programme code), else its id.
        for attr in ("number", "code"):
            if isinstance(getattr(related, attr, None), str):
                value = getattr(related, attr)
                text = str(related)
                return Item(key, label, value, text, code_label=None if text == value else text)
        return Item(key, label, related.pk, str(related), code_label=str(related))
    value = getattr(obj, f.attname)
    if f.choices and value not in (None, ""):
        text = str(getattr(obj, f"get_{name}_display")())
        return Item(key, label, value, text, code_label=text)
    if isinstance(f, EncryptedTextField) or isinstance(value, str):
        return Item(key, label, value, value or "—")
    return Item(key, label, _json(value), display(value))


def fields(obj: models.Model, names: list[str], *, restricted: frozenset[str] = frozenset()) -> list[Item]:
    return [field(obj, n, restricted=n in restricted) for n in names]


def _json(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)  # exact, as stored
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    return value


def display(value: Any) -> str:
    """A value as text for the PDF, with the active language's formats."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, decimal.Decimal | int | float):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, list | tuple):
        return ", ".join(display(v) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(_json(value), ensure_ascii=False)
    return str(value)
