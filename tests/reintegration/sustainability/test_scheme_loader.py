"""Scoring scheme files: the default file, errors reported per line, and every load a new version."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sankofa.reintegration.models import ScoringScheme
from sankofa.reintegration.scheme_files import DEFAULT_FILE, SchemeFileError, parse_scheme

GOOD = """\
code: ngo-official
title_en: Official
title_fr: Officiel
bands:
  - {code: low, label_en: Low, label_fr: Faible, from: 0}
  - {code: high, label_en: High, label_fr: Élevé, from: 0.5}
dimensions:
  - key: economic
    weight: 2
    questions:
      - code: income
        weight: 1.5
        text_en: Income?
        text_fr: Revenus ?
        options:
          - {code: low, label_en: Low, label_fr: Bas, score: 0}
          - {code: high, label_en: High, label_fr: Haut, score: 1}
          - {code: dk, label_en: Does not know, label_fr: Ne sait pas, score: null}
  - key: social
    weight: 1
    questions:
      - code: housing
        weight: 1
        text_en: Housing?
        text_fr: Logement ?
        options:
          - {code: bad, label_en: Bad, label_fr: Mauvais, score: 0}
          - {code: good, label_en: Good, label_fr: Bon, score: 1}
"""

# Line numbers below are those of this text.
BAD = """\
code: ngo-official
title_en: Official
bands:
  - {code: low, label_en: Low, label_fr: Faible, from: 0.2}
dimensions:
  - key: economic
    weight: -1
    questions:
      - code: income
        weight: 0
        text_en: Income?
        text_fr: Revenus ?
        options:
          - {code: low, label_en: Low, label_fr: Bas, score: 1.5}
          - {code: high, label_en: yes, label_fr: Haut}
  - key: spiritual
    weight: 1
    questions:
      - code: faith
        weight: 1
        text_en: Faith?
        text_fr: Foi ?
        options: []
"""


def test_the_default_scheme_file_is_valid_and_has_equal_weights():
    scheme = parse_scheme(DEFAULT_FILE.read_text(encoding="utf-8"))
    assert 15 <= len(scheme.questions) <= 20
    assert {k for k, _w in scheme.dimensions} == {"economic", "social", "psychosocial"}
    assert {w for _k, w in scheme.dimensions} == {Decimal(1)}
    assert {q.weight for q in scheme.questions} == {Decimal(1)}
    assert all(any(o.score is not None for o in q.options) for q in scheme.questions)


@pytest.mark.django_db
def test_the_default_scheme_is_loaded_and_active(scheme):
    assert scheme.questions.count() == 18
    assert scheme.bands.count() == 3


def test_every_problem_is_reported_with_its_line():
    with pytest.raises(SchemeFileError) as caught:
        parse_scheme(BAD)
    errors = caught.value.errors
    expected = [
        "line 1: 'title_fr' is missing",
        "line 1: one band must start 'from: 0'",
        "line 6: 'weight' must be positive, not -1",
        "line 9: 'weight' must be positive, not 0",
        "line 14: 'score' must be between 0 and 1, not 1.5",
        "line 15: 'label_en' must be text, not True",
        "line 15: 'score' is missing",
        "line 16: unknown dimension 'spiritual'",
        "line 19: 'options' must be a non-empty list",
    ]
    for message in expected:
        assert any(e.startswith(message) for e in errors), (message, errors)


def test_broken_yaml_says_where():
    with pytest.raises(SchemeFileError, match="line 2"):
        parse_scheme("code: x\n  - : [\n")


@pytest.mark.django_db
def test_loading_creates_a_new_version_and_never_edits_one(tmp_path, scheme):
    path = tmp_path / "official.yaml"
    path.write_text(GOOD, encoding="utf-8")
    call_command("load_scoring_scheme", str(path))
    first = ScoringScheme.objects.get(code="ngo-official")
    assert (first.version, first.is_active) == (1, False)
    assert first.questions.get(code="income").weight == Decimal("1.5")
    path.write_text(GOOD.replace("weight: 2", "weight: 3"), encoding="utf-8")
    call_command("load_scoring_scheme", str(path), "--activate")
    second = ScoringScheme.objects.get(code="ngo-official", version=2)
    assert second.is_active and second.dimensions.get(key="economic").weight == 3
    first.refresh_from_db()
    scheme.refresh_from_db()
    assert first.dimensions.get(key="economic").weight == 2
    assert not scheme.is_active
    assert ScoringScheme.objects.filter(is_active=True).count() == 1


@pytest.mark.django_db
def test_the_command_refuses_a_bad_file_and_loads_nothing(tmp_path, scheme):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError, match="line 14: 'score' must be between 0 and 1"):
        call_command("load_scoring_scheme", str(path))
    assert not ScoringScheme.objects.filter(code="ngo-official").exists()
