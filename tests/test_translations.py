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


def test_catalogue_holds_every_message_of_the_code(tmp_path):
    """makemessages on a copy of the code finds no message the committed catalogue lacks."""
    import shutil
    import subprocess
    import sys

    source = Path(sankofa.__file__).parent
    copy = tmp_path / "sankofa"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "sankofa.config.settings"},
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po")) if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(CATALOGUE / "django.po")) if not e.obsolete}
    assert fresh - committed == set(), "run `make messages` and translate the new messages"
