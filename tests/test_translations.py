"""French is complete: every catalogue (the project's and each app's own) fully translated, none
fuzzy, compiled, and holding every message of the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import sankofa

SOURCE = Path(sankofa.__file__).parent
CATALOGUES = sorted(p.relative_to(SOURCE) for p in SOURCE.glob("**/locale/fr/LC_MESSAGES/django.po"))


def test_the_project_catalogue_exists():
    assert Path("locale/fr/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_french_catalogue_is_complete(catalogue):
    po = polib.pofile(str(SOURCE / catalogue))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_compiled_french_catalogue_matches_the_source(catalogue):
    po = polib.pofile(str(SOURCE / catalogue))
    mo = polib.mofile(str((SOURCE / catalogue).with_suffix(".mo")))
    compiled = {e.msgid: e.msgstr for e in mo}
    assert {e.msgid: e.msgstr for e in po.translated_entries()} == {k: v for k, v in compiled.items() if k}


def test_catalogues_hold_every_message_of_the_code(tmp_path):
    """makemessages on a copy of the code finds no message the committed catalogues lack."""
    copy = tmp_path / "sankofa"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-obsolete", "--no-location", "-v0"],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sankofa.config.settings"},
    )
    for catalogue in CATALOGUES:
        fresh = {e.msgid for e in polib.pofile(str(copy / catalogue)) if not e.obsolete}
        committed = {e.msgid for e in polib.pofile(str(SOURCE / catalogue)) if not e.obsolete}
        assert fresh - committed == set(), f"{catalogue}: run `make messages` and translate the new messages"
