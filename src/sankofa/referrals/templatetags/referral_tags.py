"""Show the frozen snapshot of a referral in the reader's language (codes become labels)."""

from django import template

from sankofa.cases.models import VulnerabilityFlag
from sankofa.core.languages import language_name
from sankofa.core.models import Country
from sankofa.people.models import Sex

register = template.Library()


@register.filter
def sex_label(code: str) -> str:
    return Sex(code).label if code in Sex.values else code


@register.filter
def country_name(iso3: str) -> str:
    country = Country.objects.filter(pk=iso3).first() if iso3 else None
    return country.name if country else (iso3 or "—")


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(c) for c in codes or []) or "—"


@register.filter
def flag_label(kind: str) -> str:
    return VulnerabilityFlag.Kind(kind).label if kind in VulnerabilityFlag.Kind.values else kind


@register.filter
def share_labels(fields) -> str:
    from sankofa.referrals.models import ShareField

    return ", ".join(str(ShareField(f).label) for f in fields or [] if f in ShareField.values)


@register.filter
def iso_date(value: str):
    """An ISO date from the snapshot as a date, for the |date filter in the reader's language."""
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
