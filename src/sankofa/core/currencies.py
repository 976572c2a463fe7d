"""ISO 4217 currencies from pycountry, with French names from its gettext catalogue."""

import gettext
from functools import cache

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def _names(language: str) -> tuple[tuple[str, str], ...]:
    french = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    translate = french.gettext if language == "fr" else str
    rows = [(c.alpha_3, f"{c.alpha_3} — {translate(c.name)}") for c in pycountry.currencies]
    return tuple(sorted(rows))


def currency_choices() -> tuple[tuple[str, str], ...]:
    """(code, "XOF — CFA Franc BCEAO") in the active language, sorted by code."""
    return _names("fr" if (get_language() or "en").startswith("fr") else "en")


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def validate_currency(value: str) -> None:
    if value and value not in _codes():  # exact: pycountry's own lookup ignores case
        raise ValidationError(_("“%(value)s” is not an ISO 4217 currency code."), params={"value": value})


class CurrencyField(models.CharField):
    """An ISO 4217 code. The list lives in pycountry, not in migrations; forms get a select."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("validators", [validate_currency])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 3:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        blank = [("", "—")] if self.blank else []
        return forms.ChoiceField(
            choices=lambda: [*blank, *currency_choices()],
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            initial=self.default if self.has_default() else None,
        )
