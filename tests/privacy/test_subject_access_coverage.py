"""Every model that points at a person or a case is in the subject access report, or excluded on
purpose: adding a model with a foreign key to Person or Case makes this fail until it is described."""

from sankofa.cases.models import Case
from sankofa.people.models import Person
from sankofa.privacy.subject_access.catalogue import (
    COVERED,
    EXCLUDED,
    relation_label,
    relations_to,
    uncovered_relations,
)


def test_every_relation_to_person_or_case_is_covered_or_consciously_excluded():
    missing = [relation_label(f) for f in uncovered_relations()]
    assert missing == [], f"give these a section builder or an entry in EXCLUDED: {missing}"


def test_the_lists_name_only_relations_that_exist():
    existing = {relation_label(f) for f in relations_to(Person) + relations_to(Case)}
    assert COVERED - existing == set()
    assert set(EXCLUDED) - existing == set()
    assert not COVERED & set(EXCLUDED)


def test_the_walk_finds_hidden_and_many_to_many_relations():
    labels = {relation_label(f) for f in relations_to(Person)}
    assert {
        "cases.TimelineEvent.person",
        "returns.TravelDocument.person",
        "returns.ReturnRequest.people",
    } <= labels
    assert "people.Person.merged_into" in labels
