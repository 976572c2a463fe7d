"""French is complete: every message of the catalogue translated, none fuzzy, and the .mo up to date."""

from pathlib import Path

import polib

import sankofa

CATALOGUE = Path(sankofa.__file__).parent / "locale" / "fr" / "LC_MESSAGES"


def test_french_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_french_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {e.msgid: e.msgstr for e in mo}
    assert {e.msgid: e.msgstr for e in po.translated_entries()} == {k: v for k, v in compiled.items() if k}
