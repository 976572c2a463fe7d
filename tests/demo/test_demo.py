"""`sankofa demo`: offices, one account per role, generated people once, logins that work."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from sankofa.access.models import Membership, Office, Role
from sankofa.cases.models import Case, TimelineEvent
from sankofa.cases.selectors import cases_visible_to
from sankofa.demo import reference
from sankofa.demo.reintegration import RETURNEES
from sankofa.demo.services import DEMO_PASSWORD, DEMO_USERS
from sankofa.people.models import Person

pytestmark = pytest.mark.django_db


def demo(people: int = 200) -> str:
    out = io.StringIO()
    call_command("demo", people=people, stdout=out)
    return out.getvalue()


def user(username: str):
    return get_user_model().objects.get(username=username)


def test_demo_twice_creates_nothing_twice():
    demo()
    counts = (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Person.objects.count(),
        Case.objects.count(),
    )
    assignments = TimelineEvent.objects.filter(kind="case.assigned").count()
    output = demo()
    assert "no people generated" in output
    assert (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Person.objects.count(),
        Case.objects.count(),
    ) == counts
    assert TimelineEvent.objects.filter(kind="case.assigned").count() == assignments
    assert counts[2] == 200 + len(RETURNEES)  # the generated people and the spontaneous returnees


def test_demo_does_not_generate_people_when_there_are_cases():
    call_command("seed", people=30, stdout=io.StringIO())
    demo(people=500)
    assert Person.objects.count() == 30 + len(RETURNEES)  # seeded, and the spontaneous returnees


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda s: s.username)
def test_every_demo_user_can_log_in_with_the_demo_password(spec):
    demo()
    assert Client().login(username=spec.username, password=DEMO_PASSWORD)
    assert not Client().login(username=spec.username, password="wrong-password")


def test_demo_prints_the_logins_and_where_to_go():
    output = demo()
    assert "http://127.0.0.1:8000/" in output and "language switch" in output
    for spec in DEMO_USERS:
        assert spec.username in output
    assert DEMO_PASSWORD in output


def test_roles_offices_and_sensitive_access():
    demo()
    memberships = {m.user.username: m for m in Membership.objects.select_related("user", "office")}
    assert (
        memberships["caseworker.ner"].role == Role.CASEWORKER
        and not memberships["caseworker.ner"].sensitive_access
    )
    assert (
        memberships["supervisor.ner"].role == Role.SUPERVISOR
        and memberships["supervisor.ner"].sensitive_access
    )
    assert (
        memberships["supervisor.civ"].sensitive_access and not memberships["caseworker.civ"].sensitive_access
    )
    assert memberships["caseworker.civ"].office.kind == Office.Kind.ORIGIN
    for name in ("me.regional", "manager.regional", "dpo.regional", "admin"):
        assert memberships[name].office.code == reference.REGIONAL
    admin = user("admin")
    assert admin.is_staff and admin.is_superuser and memberships["admin"].role == Role.ADMINISTRATOR
    assert not user("caseworker.ner").is_staff
    assert memberships["partner.ngo"].role == Role.PARTNER
    assert memberships["partner.ngo"].office.organisation.kind == "ngo"


def test_what_demo_users_see_follows_their_offices():
    demo()
    everything = Case.objects.count()
    assert cases_visible_to(user("me.regional")).count() == everything
    own = cases_visible_to(user("caseworker.ner"))
    assert 0 < own.count() < everything
    assert not own.exclude(owning_office__code="NER").exclude(shares__office__code="NER").exists()
    assert not cases_visible_to(user("partner.ngo")).exists()


def test_demo_caseworkers_have_open_cases_of_their_office():
    demo()
    mine = Case.objects.filter(assigned_to=user("caseworker.ner"))
    assert mine.exists()
    assert set(mine.values_list("owning_office__code", flat=True)) == {"NER"}
    assert set(mine.values_list("status", flat=True)) == {Case.Status.OPEN}
    assert TimelineEvent.objects.filter(kind="case.assigned", case__in=mine).count() == mine.count()


def test_regional_supervisor_may_merge_duplicates_registered_in_two_offices():
    from sankofa.people.models import MatchPair

    demo()
    niamey = Case.objects.filter(owning_office__code="NER").first().principal
    agadez = Case.objects.filter(owning_office__code="NER-AGZ").first().principal
    pair = MatchPair(person_a=niamey, person_b=agadez)
    assert user("supervisor.regional").has_perm("duplicates.merge_pair", pair)
    assert not user("supervisor.ner").has_perm("duplicates.merge_pair", pair)
