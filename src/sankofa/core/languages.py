"""Languages spoken by the people Sankofa serves, as ISO 639-3 codes with names from pycountry."""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language

# Lingua francas and mother tongues common along West, Central, East and North African routes.
REGIONAL = [
    "fra",
    "eng",
    "arb",
    "ary",
    "arq",
    "hau",
    "ful",
    "bam",
    "dyu",
    "wol",
    "snk",
    "sus",
    "man",
    "mos",
    "yor",
    "ibo",
    "pcm",
    "twi",
    "ewe",
    "amh",
    "orm",
    "tir",
    "som",
    "tmh",
    "kab",
    "lin",
    "kon",
    "swh",
    "kri",
    "por",
]


@cache
def _catalogue(lang: str):
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    if language is None:
        return code
    lang = (get_language() or "en")[:2]
    return _catalogue(lang).gettext(language.name) if lang != "en" else language.name


def language_choices() -> list[tuple[str, str]]:
    return sorted(((code, language_name(code)) for code in REGIONAL), key=lambda c: c[1])


def is_language_code(code: str) -> bool:
    """Whether `code` is an ISO 639-3 language code (any case)."""
    return pycountry.languages.get(alpha_3=code.lower()) is not None
