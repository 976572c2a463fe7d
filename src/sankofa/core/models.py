from functools import cache

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_active_language(english: str, french: str) -> str:
    """Pick the French or English form of a bilingual label held as data (not in the catalogue)."""
    return (french or english) if (get_language() or "en").startswith("fr") else english


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Country(models.Model):
    """An ISO 3166-1 country, loaded from pycountry (see core.geography), never typed in."""

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return in_active_language(self.name_en, self.name_fr)


@cache
def _country_names(language: str) -> tuple[tuple[str, str], ...]:
    column = "name_fr" if language == "fr" else "name_en"
    return tuple(Country.objects.order_by(column).values_list("iso3", column))


def country_choices() -> tuple[tuple[str, str], ...]:
    """(ISO3, name) in the active language, sorted by name. ISO 3166 does not change while a
    process runs, so each process reads it once per language instead of once per select box."""
    return _country_names("fr" if (get_language() or "en").startswith("fr") else "en")
