"""Every text field of every model that holds data about a person is classified: cleared or kept.
A new free-text field on a person-related model fails here until someone decides."""

import pytest
from django.apps import apps
from django.db import models

from sankofa.privacy import policy


def test_every_text_field_of_a_person_related_model_is_classified():
    assert policy.unclassified() == []


def test_the_walk_finds_models_reached_through_other_rows():
    found = {m._meta.label: paths for m, paths in policy.related_models().items()}
    assert found["reintegration.PlanPurchase"]["case"] == "item__plan__case"
    assert found["people.MatchPair"]["person"] == ["person_a", "person_b"]
    assert found["returns.TravelDocument"] == {"person": ["person"], "case": "request__case"}
    assert "returns.Movement" not in found  # a movement is about many people, none in particular


def test_policy_names_only_existing_models_and_fields():
    related = {m._meta.label for m in policy.related_models()}
    for label, rule in policy.POLICY.items():
        assert label in related, label
        names = set(policy.text_fields(apps.get_model(label)))
        assert set(rule.clear) <= names, label
        assert set(rule.keep) <= names, label
        assert not set(rule.clear) & set(rule.keep), label


@pytest.mark.django_db
def test_an_unclassified_field_is_reported(monkeypatch):
    """The guard itself works: a text field added to a person-related model shows up."""
    from sankofa.returns.models import Handover

    extra = models.TextField(name="family_contact", blank=True)
    extra.set_attributes_from_name("family_contact")
    monkeypatch.setattr(Handover._meta, "concrete_fields", (*Handover._meta.concrete_fields, extra))
    assert policy.unclassified() == ["returns.Handover.family_contact"]


def test_kept_person_attributes_are_what_indicators_read():
    """Indicators disaggregate by sex, age group (from the date of birth, on any day) and
    nationality: none of them is cleared, so no figure can move."""
    cleared = set(policy.POLICY["people.Person"].clear)
    assert not cleared & {"sex", "date_of_birth", "nationality", "birth_date_estimated"}
