"""Helpers shared by the reintegration services: stale-edit locking, versioned saves, common checks."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.cases.models import Case
from sankofa.cases.selectors import person_ids_visible
from sankofa.core.currencies import validate_currency
from sankofa.people.models import Person


class StaleEdit(ValidationError):
    """Someone else changed the record since this form was opened."""


def _not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("%(what)s cannot be in the future.") % {"what": what})


def _member_or_refuse(*, actor, case: Case, person: Person) -> None:
    """The person must be a member of the case whom the actor may see (members_visible_to)."""
    if person.pk not in person_ids_visible(actor=actor, case=case):
        raise ValidationError(_("This person is not a member of the case."))


def _lock(model, obj, version: int | None):
    """The row locked for this transaction, refusing a stale version (optimistic check)."""
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(
            _("This record was changed by someone else in the meantime. Reload it and try again.")
        )
    return locked


def _save(obj, *fields: str) -> None:
    obj.version += 1
    obj.save(update_fields=list(dict.fromkeys((*fields, "version", "updated_at"))))


def _known_fields(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})


def _money(amount, currency: str, what: str) -> None:
    if amount is None or amount <= 0:
        raise ValidationError(_("%(what)s must be a positive amount.") % {"what": what})
    if not currency:
        raise ValidationError(_("Give the currency of every amount."))
    validate_currency(currency)
