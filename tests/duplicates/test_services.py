"""Merging two registrations (every related record follows, in any app, and undoing restores it),
"not the same person" memory, who may decide, and the batch job on small seeded data."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sankofa.access.models import Role
from sankofa.cases import services as case_services
from sankofa.cases.models import Case, CaseMember, Consent, VulnerabilityFlag
from sankofa.cases.selectors import CaseFilters, case_list
from sankofa.demo.models import SeededDuplicate
from sankofa.duplicates import selectors, services
from sankofa.people import matching, merging
from sankofa.people.models import IdentityDocument, MatchPair, MatchRun, Person, PersonAlias, PersonMerge
from tests import factories
from tests.factories import country, member, register_case

pytestmark = pytest.mark.django_db
FLAG = VulnerabilityFlag.Kind.values[0]


@pytest.fixture
def twice(caseworker_a, office_a):
    """Mohamed Jalloh registered twice in Niamey, each time with documents, consents and a flag."""
    first = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member(
            "Mohamed",
            "Jalloh",
            sex="M",
            date_of_birth=datetime.date(1990, 5, 1),
            aliases=["Modou"],
            documents=[case_services.DocumentInput("passport", "GN111", country("GIN"))],
        ),
        consents=[case_services.ConsentInput(0, "assistance", True, datetime.date(2025, 1, 2))],
        flags=[case_services.FlagInput(0, FLAG, datetime.date(2025, 1, 2))],
    )
    second = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member(
            "Mouhamed",
            "Sow",
            sex="M",
            date_of_birth=datetime.date(1991, 1, 1),
            documents=[case_services.DocumentInput("national_id", "NI222", country("GIN"))],
        ),
        members=[member("Awa", "Diallo", relationship="child")],
        consents=[case_services.ConsentInput(0, "return", True, datetime.date(2025, 1, 2))],
    )
    a, b = matching.pair_key(first.principal_id, second.principal_id)
    pair = MatchPair.objects.create(person_a_id=a, person_b_id=b, score=0.9, band="review")
    return first, second, pair


def history(person: Person) -> dict:
    """Everything that hangs off a person, by kind."""
    return {
        "cases": set(CaseMember.objects.filter(person=person).values_list("case_id", flat=True)),
        "principal_of": set(Case.objects.filter(principal=person).values_list("pk", flat=True)),
        "documents": set(IdentityDocument.objects.filter(person=person).values_list("number", flat=True)),
        "aliases": set(PersonAlias.objects.filter(person=person).values_list("name", flat=True)),
        "consents": set(Consent.objects.filter(person=person).values_list("pk", flat=True)),
        "flags": set(VulnerabilityFlag.objects.filter(person=person).values_list("pk", flat=True)),
    }


def test_merge_moves_every_record_and_undo_restores_each_one(twice, supervisor_a):
    first, second, pair = twice
    keep, other = first.principal, second.principal
    before_keep, before_other = history(keep), history(other)
    merge = services.pair_merge(actor=supervisor_a, pair=pair, survivor=keep)

    after = history(keep)
    for kind in before_keep:
        assert after[kind] == before_keep[kind] | before_other[kind], kind
    assert all(not rows for rows in history(other).values())
    other.refresh_from_db()
    assert other.merged_into == keep
    pair.refresh_from_db()
    assert pair.status == MatchPair.Status.MERGED and pair.decided_by == supervisor_a
    # The survivor is found under the names of both registrations.
    assert set(keep.name_tokens.values_list("token", flat=True)) >= {"mohamed", "jalloh", "mouhamed", "sow"}
    found = case_list(actor=supervisor_a, filters=CaseFilters(q="Mouhamed Sow"))
    assert set(found.values_list("pk", flat=True)) == {first.pk, second.pk}

    services.merge_undo(actor=supervisor_a, merge=merge)
    assert history(keep) == before_keep and history(other) == before_other
    other.refresh_from_db()
    pair.refresh_from_db()
    assert other.merged_into is None and pair.status == MatchPair.Status.OPEN
    merge.refresh_from_db()
    assert merge.undone_by == supervisor_a and merge.undone_at is not None


def test_merge_reaches_foreign_keys_of_other_apps_found_generically(twice, supervisor_a):
    """demo.SeededDuplicate points at Person with a hidden ("+") key and a one-to-one: apps the
    merge knows nothing about (assistance, referrals, returns...) are reached the same way."""
    first, second, pair = twice
    keep, other = first.principal, second.principal
    stranger = Person.objects.create(given_name="Stranger", sex="M")
    row = SeededDuplicate.objects.create(original=other, duplicate=stranger, variant="test")
    relations = {(f.model._meta.label_lower, f.name) for f in merging.person_relations()}
    assert {("demo.seededduplicate", "original"), ("cases.casemember", "person")} <= relations
    assert not {("people.matchpair", "person_a"), ("people.personmerge", "merged")} & relations

    merge = services.pair_merge(actor=supervisor_a, pair=pair, survivor=keep)
    row.refresh_from_db()
    assert row.original == keep
    assert {"model": "demo.seededduplicate", "field": "original_id", "pks": [row.pk]} in merge.moved
    services.merge_undo(actor=supervisor_a, merge=merge)
    row.refresh_from_db()
    assert row.original == other


def test_a_merge_is_audited(twice, supervisor_a):
    from auditlog.models import LogEntry

    first, _second, pair = twice
    merge = services.pair_merge(actor=supervisor_a, pair=pair, survivor=first.principal)
    assert LogEntry.objects.get_for_object(merge).exists()
    assert PersonMerge.objects.get().merged_by == supervisor_a


def test_a_decided_pair_cannot_be_merged_or_decided_again(twice, supervisor_a):
    first, _second, pair = twice
    services.pair_mark_distinct(actor=supervisor_a, pair=pair)
    with pytest.raises(ValidationError):
        services.pair_merge(actor=supervisor_a, pair=pair, survivor=first.principal)
    with pytest.raises(ValidationError):
        services.pair_mark_distinct(actor=supervisor_a, pair=pair)


def test_the_survivor_must_be_one_of_the_pair(twice, supervisor_a):
    _first, _second, pair = twice
    with pytest.raises(ValidationError):
        services.pair_merge(
            actor=supervisor_a, pair=pair, survivor=Person.objects.create(given_name="X", sex="M")
        )


def test_caseworkers_may_not_merge(twice, caseworker_a):
    first, _second, pair = twice
    with pytest.raises(PermissionDenied):
        services.pair_merge(actor=caseworker_a, pair=pair, survivor=first.principal)


def test_merging_across_offices_needs_a_supervisor_of_both(
    caseworker_a, caseworker_b, office_a, office_b, supervisor_a, supervisor_b, regional_office
):
    one = register_case(actor=caseworker_a, office=office_a, principal=member("Fatoumata", "Camara"))
    two = register_case(actor=caseworker_b, office=office_b, principal=member("Fatima", "Kamara"))
    a, b = matching.pair_key(one.principal_id, two.principal_id)
    pair = MatchPair.objects.create(person_a_id=a, person_b_id=b, score=0.97, band="duplicate")
    with pytest.raises(PermissionDenied):
        services.pair_merge(actor=supervisor_a, pair=pair, survivor=one.principal)
    # Each office's supervisor sees the pair, but only their own side of it.
    left, right = selectors.pair_sides(actor=supervisor_b, pair=pair)
    mine = [s for s in (left, right) if s.visible]
    assert [s.person for s in mine] == [two.principal]
    assert [s.office for s in (left, right) if not s.visible] == ["Niamey"]
    regional = factories.user_in(regional_office, Role.SUPERVISOR)
    services.pair_merge(actor=regional, pair=pair, survivor=one.principal)
    assert CaseMember.objects.get(case=two).person == one.principal


def test_the_queue_shows_only_pairs_the_supervisor_may_review(
    twice, supervisor_a, supervisor_b, caseworker_a
):
    _first, _second, pair = twice
    assert list(selectors.review_queue(actor=supervisor_a)) == [pair]
    assert list(selectors.review_queue(actor=supervisor_b)) == []
    assert list(selectors.review_queue(actor=caseworker_a)) == []


def test_the_office_asked_to_confirm_reviews_the_pair(twice, supervisor_b, office_b):
    _first, _second, pair = twice
    pair.confirm_office = office_b
    pair.save()
    assert list(selectors.review_queue(actor=supervisor_b)) == [pair]
    left, right = selectors.pair_sides(actor=supervisor_b, pair=pair)
    assert not left.visible and not right.visible and left.person is None
    services.pair_mark_distinct(actor=supervisor_b, pair=pair)


def seed(people: int) -> None:
    call_command("seed", people=people, seed=3, stdout=io.StringIO())


def test_batch_job_fills_the_queue_in_bands_and_remembers_not_the_same(
    supervisor_a, django_capture_on_commit_callbacks
):
    seed(300)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.match_run_start(actor=supervisor_a)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE and run.progress == 100
    assert run.people_count == Person.objects.count()
    pairs = MatchPair.objects.filter(run=run)
    assert pairs.exists() and run.queued_count == pairs.count()
    assert set(pairs.values_list("band", flat=True)) <= {"review", "duplicate"}
    for pair in pairs:
        assert pair.band == matching.band_of(pair.score) and pair.person_a_id < pair.person_b_id
    # Most seeded duplicates are found.
    truth = {
        matching.pair_key(a, b) for a, b in SeededDuplicate.objects.values_list("original_id", "duplicate_id")
    }
    found = set(pairs.values_list("person_a_id", "person_b_id"))
    assert len(found & truth) >= len(truth) / 2

    distinct = pairs.first()
    distinct.status = MatchPair.Status.DISTINCT
    distinct.save()
    count = MatchPair.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.match_run_start(actor=supervisor_a)
    distinct.refresh_from_db()
    assert distinct.status == MatchPair.Status.DISTINCT and distinct.run == run  # left alone
    assert MatchPair.objects.count() == count
    assert not MatchPair.objects.filter(run=again, pk=distinct.pk).exists()


def test_only_supervisors_start_the_batch_job(caseworker_a):
    with pytest.raises(PermissionDenied):
        services.match_run_start(actor=caseworker_a)


def test_merged_registrations_are_no_longer_candidates(twice, supervisor_a):
    first, second, pair = twice
    services.pair_merge(actor=supervisor_a, pair=pair, survivor=first.principal)
    probe = matching.Record.build(given_name="Mouhamed", family_name="Sow", sex="M")
    assert second.principal_id not in matching.retrieve(probe) or second.principal_id not in {
        r.person_id for r in matching.records_of(matching.retrieve(probe))
    }
