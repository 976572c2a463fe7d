"""`sankofa seed`: deterministic, realistic, fast generated data that later registrations follow on."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone
from rapidfuzz import fuzz

from sankofa.access.models import Membership, Office, Role
from sankofa.cases import services as case_services
from sankofa.cases.models import (
    Case,
    CaseMember,
    CaseNumberSequence,
    Consent,
    MigrationProfile,
    RouteStep,
    TimelineEvent,
    VulnerabilityFlag,
)
from sankofa.demo import generator, names, reference
from sankofa.demo.loader import seed_caseload
from sankofa.demo.models import SeededDuplicate
from sankofa.demo.services import offices_ensure
from sankofa.people import names as people_names
from sankofa.people.models import IdentityDocument, Person, PersonNameToken
from sankofa.people.services import name_tokens_for

pytestmark = pytest.mark.django_db


def seed(people: int, seed: int = 1) -> None:
    call_command("seed", people=people, seed=seed, stdout=io.StringIO())


def snapshot() -> list[tuple]:
    """Everything a person would notice in the generated data, independent of database ids."""
    cases = Case.objects.prefetch_related("members__person__documents", "flags", "consents", "profile__route")
    out = []
    for case in cases.order_by("number"):
        out.append(
            (
                case.number,
                case.status,
                case.registered_on,
                [
                    (
                        m.relationship,
                        m.person.given_name,
                        m.person.family_name,
                        m.person.given_name_original,
                        m.person.sex,
                        m.person.date_of_birth,
                        m.person.birth_date_estimated,
                        m.person.nationality_id,
                        m.person.phone,
                        sorted((d.kind, d.number) for d in m.person.documents.all()),
                    )
                    for m in sorted(case.members.all(), key=lambda m: m.pk)
                ],
                sorted((f.kind, f.notes, f.identified_on) for f in case.flags.all()),
                sorted((c.purpose, c.granted) for c in case.consents.all()),
                case.profile.reason_for_leaving,
                [(s.country_id, s.place, s.arrived_on) for s in case.profile.route.all()],
            )
        )
    variants = sorted(SeededDuplicate.objects.values_list("duplicate__given_name", "variant"))
    return [*out, variants]


def test_same_seed_gives_the_same_people_names_and_case_numbers():
    with transaction.atomic():
        seed(200, seed=7)
        first = snapshot()
        transaction.set_rollback(True)  # as if the database were fresh again
    assert not Case.objects.exists()
    seed(200, seed=7)
    assert snapshot() == first
    assert len(first) > 100


def test_another_seed_gives_other_people():
    with transaction.atomic():
        seed(100, seed=1)
        first = sorted(Person.objects.values_list("given_name", "family_name", "date_of_birth"))
        transaction.set_rollback(True)
    seed(100, seed=2)
    assert sorted(Person.objects.values_list("given_name", "family_name", "date_of_birth")) != first


def test_generation_does_not_depend_on_chunk_size():
    offices_ensure()
    world = generator.World.load()

    def rows(chunk_people: int) -> tuple[list, ...]:
        """Persons, cases, flags, route steps and duplicates, with chunk positions made global."""
        made = generator.Generator(seed=3, people=300, world=world, chunk_people=chunk_people)
        persons, cases, flags, steps, duplicates = [], [], [], [], []
        profile_offset = 0
        for chunk in made.chunks():
            case_offset = len(cases)
            persons += chunk.persons
            cases += chunk.cases
            flags += [(c + case_offset, *rest) for c, *rest in chunk.flags]
            steps += [(p + profile_offset, *rest) for p, *rest in chunk.steps]
            profile_offset += len(chunk.profiles)
            duplicates += chunk.duplicates
        return persons, cases, flags, steps, duplicates

    small, large = rows(40), rows(5000)
    assert small == large
    assert len(small[0]) == 300 and small[4]


def test_counts_and_case_structure():
    seed(200)
    assert Person.objects.count() == 200
    cases = Case.objects.count()
    assert 100 < cases < 200  # about three in four cases are single adults, the rest families of 2 to 6
    assert CaseMember.objects.count() == 200
    assert not Case.objects.annotate(n=Count("members")).filter(n__gt=6).exists()
    for case in Case.objects.select_related("owning_office", "principal").prefetch_related("members"):
        principals = [m for m in case.members.all() if m.relationship == CaseMember.Relationship.PRINCIPAL]
        assert [m.person_id for m in principals] == [case.principal_id]
        assert case.number == f"{case.owning_office.code}-{case.year}-{case.sequence:06d}"
    registered = TimelineEvent.objects.filter(kind="case.registered").select_related("case__owning_office")
    assert registered.count() == cases
    for event in registered:
        assert event.data == {"members": event.case.members.count(), "office": event.case.owning_office.code}
    assert MigrationProfile.objects.count() == cases
    assert not Case.objects.exclude(consents__purpose=Consent.Purpose.ASSISTANCE).exists()


def test_routes_start_at_home_and_end_where_the_case_is_owned():
    seed(200)
    for profile in MigrationProfile.objects.select_related("case__owning_office", "case__principal"):
        route = [s.country_id for s in profile.route.all()]
        assert 2 <= len(route) <= 4
        assert route[0] == profile.case.principal.nationality_id
        assert route[-1] == profile.return_from_id
        office = profile.case.owning_office
        if office.kind == Office.Kind.TRANSIT:
            assert profile.return_from_id == office.country_id
        assert profile.reason_for_leaving in MigrationProfile.Reason.values
    orders = RouteStep.objects.values("profile").annotate(n=Count("id"), last=Max("order"))
    assert all(o["n"] == o["last"] for o in orders)


def test_people_look_like_the_caseload():
    seed(400)
    people = Person.objects.all()
    nationalities = set(people.values_list("nationality_id", flat=True))
    assert {"GIN", "CIV", "MLI", "NGA"} <= nationalities
    assert nationalities <= set(reference.NATIONALITY_WEIGHTS)
    estimated = people.filter(birth_date_estimated=True)
    assert 0.2 < estimated.count() / 400 < 0.4
    assert all(d.month == 1 and d.day == 1 for d in estimated.values_list("date_of_birth", flat=True))
    singles = Case.objects.annotate(n=Count("members")).filter(n=1, principal__date_of_birth__lt="2008-01-01")
    assert 0.6 < singles.filter(principal__sex="M").count() / singles.count() < 0.9
    with_phone = people.exclude(phone="")
    assert 0.45 < with_phone.count() / 400 < 0.75
    for phone, nationality in with_phone.values_list("phone", "nationality_id"):
        assert phone.startswith(reference.PHONES[nationality][0] + " ")
    assert (
        people.exclude(original_script="").exists()
        or not people.filter(nationality__in=["ETH", "SDN"]).exists()
    )


def test_children_are_younger_than_their_parents():
    seed(300)
    for case in Case.objects.prefetch_related("members__person"):
        on = case.registered_on
        ages = {m.relationship: [] for m in case.members.all()}
        for m in case.members.all():
            ages[m.relationship].append(m.person.age_on(on))
        for child in ages.get(CaseMember.Relationship.CHILD, []):
            assert child < 18
            assert (
                child <= min(ages[CaseMember.Relationship.PRINCIPAL]) - 14
                or CaseMember.Relationship.SPOUSE in ages
            )


def test_vulnerability_flags_are_plausible_and_sensitive_ones_marked():
    seed(400)
    flags = VulnerabilityFlag.objects.all()
    assert flags.filter(kind=VulnerabilityFlag.Kind.CHILD_WITH_FAMILY).exists()
    for flag in flags.select_related("person", "case"):
        assert flag.sensitive == (flag.kind in VulnerabilityFlag.SENSITIVE)
        age = flag.person.age_on(flag.case.registered_on)
        if flag.kind == VulnerabilityFlag.Kind.UASC:
            assert age < 18 and flag.case.members.count() == 1
        if flag.kind == VulnerabilityFlag.Kind.OLDER_PERSON:
            assert age >= 59
        if flag.kind == VulnerabilityFlag.Kind.PREGNANT_LACTATING:
            assert flag.person.sex == "F" and age >= 17
    cases = Case.objects.count()
    assert flags.filter(kind=VulnerabilityFlag.Kind.SURVIVOR_VIOLENCE).count() < 0.2 * cases


def test_flag_notes_are_encrypted_at_rest():
    seed(400)
    flag = VulnerabilityFlag.objects.exclude(notes="").first()
    assert flag is not None and flag.notes in {n for notes in reference.FLAG_NOTES.values() for n in notes}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT notes FROM {VulnerabilityFlag._meta.db_table} WHERE id = %s", [flag.pk])
        stored = cursor.fetchone()[0]
    assert stored != flag.notes and flag.notes not in stored


def test_derived_search_forms_are_those_of_the_people_services():
    seed(200)
    for person in Person.objects.prefetch_related("name_tokens"):
        assert person.name_folded == " ".join(people_names.tokens(person.given_name, person.family_name))
        assert person.phone_normalised == people_names.normalise_phone(person.phone)
        stored = sorted((t.token, t.key, t.skel, t.birth_year) for t in person.name_tokens.all())
        assert stored == sorted((t.token, t.key, t.skel, t.birth_year) for t in name_tokens_for(person))
    for document in IdentityDocument.objects.all():
        assert document.number_normalised == people_names.normalise_document_number(document.number)
    assert PersonNameToken.objects.count() >= 400


def test_no_generated_date_is_in_the_future():
    seed(300)
    today = timezone.localdate()
    latest = [
        Case.objects.aggregate(d=Max("registered_on"))["d"],
        Person.objects.aggregate(d=Max("date_of_birth"))["d"],
        Consent.objects.aggregate(d=Max("given_on"))["d"],
        VulnerabilityFlag.objects.aggregate(d=Max("identified_on"))["d"],
        MigrationProfile.objects.aggregate(d=Max("left_home_on"))["d"],
        RouteStep.objects.aggregate(d=Max("arrived_on"))["d"],
        RouteStep.objects.aggregate(d=Max("left_on"))["d"],
        IdentityDocument.objects.aggregate(d=Max("expires_on"))["d"],
    ]
    assert all(d is None or d <= today for d in latest)
    assert latest[0] <= generator.anchor_date(1)


def test_near_duplicates_are_recorded_and_really_are_variants():
    seed(400, seed=5)
    duplicates = list(SeededDuplicate.objects.select_related("original", "duplicate"))
    assert len(duplicates) >= 4  # about 3% of cases
    for d in duplicates:
        original, again = d.original, d.duplicate
        assert original.pk != again.pk
        assert (original.given_name, original.family_name) != (again.given_name, again.family_name)
        assert (original.sex, original.nationality_id) == (again.sex, again.nationality_id)
        assert abs((again.date_of_birth - original.date_of_birth).days) <= 366
        # Close as written, in the same order or with given and family names swapped.
        written = people_names.fold(f"{original.given_name} {original.family_name}")
        orders = (f"{again.given_name} {again.family_name}", f"{again.family_name} {again.given_name}")
        assert max(fuzz.ratio(written, people_names.fold(o)) for o in orders) >= 65, d.variant
        cases = set(CaseMember.objects.filter(person__in=[original, again]).values_list("case", flat=True))
        assert len(cases) == 2  # registered twice, in two cases
        assert d.variant.split(";")[0].split(":")[0] in {"spelling", "typo", "swapped"}
        if "same_phone" in d.variant:
            assert again.phone_normalised == original.phone_normalised != ""
        if "same_document" in d.variant:
            numbers = set(original.documents.values_list("number_normalised", flat=True))
            assert numbers & set(again.documents.values_list("number_normalised", flat=True))


def test_case_numbers_continue_after_the_seed_through_case_register():
    seed(200)
    office = Office.objects.get(code="NER")
    year = Case.objects.filter(owning_office=office).aggregate(y=Max("year"))["y"]
    last = Case.objects.filter(owning_office=office, year=year).aggregate(s=Max("sequence"))["s"]
    assert CaseNumberSequence.objects.get(office=office, year=year).last == last
    registrar = get_user_model().objects.create(username="registrar")
    Membership.objects.create(user=registrar, office=office, role=Role.CASEWORKER)
    today = timezone.localdate()
    case = case_services.case_register(
        actor=registrar,
        office=office,
        principal=case_services.MemberInput(
            person={"given_name": "Aïssatou", "family_name": "Diallo", "sex": "F"}, relationship="principal"
        ),
        registered_on=datetime.date(year, 12, 31) if year < today.year else today,  # in the seeded year
    )
    assert case.number == f"NER-{year}-{last + 1:06d}"


def test_seeding_twice_adds_more_without_collisions():
    seed(120)
    seed(120)
    assert Person.objects.count() == 240
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    sequences = {(s.office_id, s.year): s.last for s in CaseNumberSequence.objects.all()}
    highest = Case.objects.values("owning_office", "year").annotate(m=Max("sequence"))
    assert all(sequences[(h["owning_office"], h["year"])] == h["m"] for h in highest)


def test_seed_creates_the_offices_once():
    seed(50)
    seed(50)
    assert Office.objects.filter(code__in=list(reference.OFFICES)).count() == len(reference.OFFICES)
    regional = Office.objects.get(code=reference.REGIONAL)
    covered = set(regional.covers.values_list("code", flat=True))
    assert covered == set(reference.OFFICES) - {reference.REGIONAL}


def test_seed_caseload_reports_what_it_wrote():
    offices_ensure()
    result = seed_caseload(people=60, seed=9, background=False)
    assert (result.people, result.cases) == (60, Case.objects.count())
    assert result.first_number and result.last_number and result.rate > 0


def test_name_data_are_consistent():
    for word, variants in names.VARIANTS.items():
        assert variants and word not in variants, word
    for nationality in reference.NATIONALITY_WEIGHTS:
        assert nationality in names.NATIONALITIES and nationality in reference.PHONES
        assert nationality in reference.ROUTE_HEADS and nationality in reference.OFFICE_WEIGHTS
        assert {"passport", "national_id"} <= set(reference.DOCUMENTS[nationality])
    scripts = {"Ethi": (0x1200, 0x139F), "Arab": (0x0600, 0x06FF)}
    for name, group in names.GROUPS.items():
        assert group["male"] and group["female"], name
        low, high = scripts.get(group.get("script", ""), (0, 0))
        for entry in (*group["male"], *group["female"]):
            if isinstance(entry, tuple):
                assert all(low <= ord(c) <= high or c == " " for c in entry[1]), (name, entry)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_writing_in_the_background_stores_what_the_generator_makes():
    """A child process generates while this one writes (two connections on PostgreSQL); it needs
    committed data, hence a transactional test."""
    offices_ensure()
    made = generator.Generator(seed=4, people=1500, world=generator.World.load(), chunk_people=300)
    chunks = list(made.chunks())
    columns = [generator.PERSON_COLUMNS.index(c) for c in ("given_name", "family_name", "phone")]
    expected = sorted(tuple(row[i] for i in columns) for chunk in chunks for row in chunk.persons)

    result = seed_caseload(people=1500, seed=4, chunk_people=300, background=True)

    assert result.background and result.people == 1500
    assert sorted(Person.objects.values_list("given_name", "family_name", "phone")) == expected
    assert Case.objects.count() == sum(len(c.cases) for c in chunks) == result.cases
    assert SeededDuplicate.objects.count() == sum(len(c.duplicates) for c in chunks)
    for office, year, count, highest in Case.objects.values_list("owning_office", "year").annotate(
        Count("id"), Max("sequence")
    ):
        assert count == highest == CaseNumberSequence.objects.get(office=office, year=year).last
