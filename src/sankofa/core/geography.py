"""Countries come from pycountry (ISO 3166-1) with French names from its ISO 3166 gettext catalogue."""

import gettext

import pycountry


def iso3166_rows() -> list[dict]:
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    rows = []
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        rows.append(
            {
                "iso3": c.alpha_3,
                "iso2": c.alpha_2,
                "numeric": c.numeric,
                "name_en": english,
                "name_fr": french.gettext(c.name),
            }
        )
    return rows


def countries_sync(country_model) -> int:
    """Insert or update every ISO 3166-1 country; returns how many rows exist afterwards."""
    existing = set(country_model.objects.values_list("iso3", flat=True))
    rows = iso3166_rows()
    country_model.objects.bulk_create([country_model(**r) for r in rows if r["iso3"] not in existing])
    for r in rows:
        if r["iso3"] in existing:
            country_model.objects.filter(iso3=r["iso3"]).update(**r)
    return country_model.objects.count()
