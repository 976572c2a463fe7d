"""Writes to case files go through cases.services: each test names the rule it proves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.cases import services
from sankofa.cases.models import (
    Case,
    CaseMember,
    CaseNumberSequence,
    Consent,
    TimelineEvent,
    VulnerabilityFlag,
)
from sankofa.cases.selectors import consent_in_force
from sankofa.people.models import Person
from tests import factories
from tests.factories import country, member, register_case

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)


def kinds(case: Case) -> list[str]:
    return list(TimelineEvent.objects.filter(case=case).order_by("id").values_list("kind", flat=True))


# --- registration and case numbers ------------------------------------------------------------


def test_case_numbers_increase_per_office_and_year(caseworker_a, caseworker_b, office_a, office_b):
    first = register_case(actor=caseworker_a, office=office_a, registered_on=DAY)
    second = register_case(actor=caseworker_a, office=office_a, registered_on=DAY, given_name="Fatou")
    other_office = register_case(actor=caseworker_b, office=office_b, registered_on=DAY)
    other_year = register_case(actor=caseworker_a, office=office_a, registered_on=datetime.date(2024, 12, 31))

    assert first.number == "NER-2025-000001"
    assert second.number == "NER-2025-000002"
    assert other_office.number == "LBY-2025-000001"
    assert other_year.number == "NER-2024-000001"
    assert (second.year, second.sequence) == (2025, 2)
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 4


def test_case_number_is_unique_in_the_database(case_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            number=case_a.number,
            owning_office=case_a.owning_office,
            year=case_a.year,
            sequence=case_a.sequence + 1,
            registered_on=case_a.registered_on,
            principal=case_a.principal,
        )


def test_failed_registration_does_not_use_up_a_case_number(caseworker_a, office_a):
    register_case(actor=caseworker_a, office=office_a, registered_on=DAY)
    with pytest.raises(ValidationError):
        register_case(
            actor=caseworker_a,
            office=office_a,
            registered_on=DAY,
            consents=[services.ConsentInput(0, Consent.Purpose.SHARE_PARTNER, True, DAY)],  # no partner named
        )
    assert Case.objects.count() == 1
    assert CaseNumberSequence.objects.get(office=office_a, year=2025).last == 1
    assert register_case(actor=caseworker_a, office=office_a, registered_on=DAY).number == "NER-2025-000002"


def test_registration_needs_a_writer_role_in_the_office(caseworker_a, me_officer_a, office_b, office_a):
    with pytest.raises(PermissionDenied):
        register_case(actor=caseworker_a, office=office_b)
    with pytest.raises(PermissionDenied):
        register_case(actor=me_officer_a, office=office_a)
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_registration_cannot_be_dated_in_the_future(caseworker_a, office_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        register_case(actor=caseworker_a, office=office_a, registered_on=tomorrow)
    assert not Case.objects.exists()


def test_registration_refuses_consent_or_flag_for_a_person_not_in_the_case(caseworker_a, office_a):
    with pytest.raises(ValidationError):
        register_case(
            actor=caseworker_a,
            office=office_a,
            flags=[services.FlagInput(3, VulnerabilityFlag.Kind.DISABILITY, DAY)],
        )
    assert not Case.objects.exists()


def test_registration_assigns_the_registering_caseworker(case_a, caseworker_a):
    assert case_a.assigned_to == caseworker_a
    assert case_a.registered_by == caseworker_a
    assert case_a.status == Case.Status.OPEN
    assert case_a.version == 1


# --- members ------------------------------------------------------------------------------------


def test_case_has_exactly_one_principal(caseworker_a, office_a):
    case = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Aïssatou", "Diallo"),
        members=[member("Mamadou", "Diallo", relationship="child", sex="M")],
    )
    principals = case.members.filter(relationship=CaseMember.Relationship.PRINCIPAL)
    assert [m.person for m in principals] == [case.principal]

    with pytest.raises(ValidationError):
        register_case(
            actor=caseworker_a,
            office=office_a,
            members=[member("Awa", "Diallo", relationship=CaseMember.Relationship.PRINCIPAL)],
        )
    with pytest.raises(ValidationError):
        services.case_member_add(
            actor=caseworker_a, case=case, member=member("Awa", "Diallo", relationship="principal")
        )
    assert Case.objects.count() == 1
    assert case.members.count() == 2


def test_first_person_of_a_case_must_be_the_principal(caseworker_a, office_a):
    with pytest.raises(ValidationError):
        register_case(actor=caseworker_a, office=office_a, principal=member(relationship="spouse"))
    assert not Person.objects.exists()


def test_database_refuses_a_second_principal(case_a):
    person = Person.objects.create(given_name="Awa", sex="F")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseMember.objects.create(case=case_a, person=person, relationship=CaseMember.Relationship.PRINCIPAL)


def test_family_members_are_recorded_with_their_relationship(caseworker_a, office_a):
    case = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Ousmane", "Bah", sex="M"),
        members=[
            member("Mariama", "Bah", relationship="spouse"),
            member("Alpha", "Bah", relationship="child", sex="M", date_of_birth=datetime.date(2019, 5, 1)),
            member("Kadiatou", "Bah", relationship="child"),
        ],
    )
    rows = [(m.person.given_name, m.relationship) for m in case.members.order_by("id")]
    assert rows == [
        ("Ousmane", "principal"),
        ("Mariama", "spouse"),
        ("Alpha", "child"),
        ("Kadiatou", "child"),
    ]

    added = services.case_member_add(
        actor=caseworker_a,
        case=case,
        member=member("Hawa", "Bah", relationship="parent"),
        version=case.version,
    )
    assert added.relationship == "parent"
    assert case.members.count() == 5


# --- consent ------------------------------------------------------------------------------------


def test_consent_is_recorded_with_date_and_recorder(case_a, caseworker_a):
    consent = services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY),
    )
    consent.refresh_from_db()
    assert consent.given_on == DAY
    assert consent.recorded_by == caseworker_a
    assert consent.recorded_at is not None
    assert consent.granted and consent.in_force
    assert consent_in_force(case=case_a, person=case_a.principal, purpose=Consent.Purpose.RETURN)
    assert not consent_in_force(case=case_a, person=case_a.principal, purpose=Consent.Purpose.MONITORING)


def test_refused_consent_is_recorded_but_not_in_force(case_a, caseworker_a):
    services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.MONITORING, False, DAY),
    )
    assert Consent.objects.filter(case=case_a, granted=False).count() == 1
    assert not consent_in_force(case=case_a, person=case_a.principal, purpose=Consent.Purpose.MONITORING)


def test_withdrawal_keeps_the_record_and_ends_the_consent(case_a, caseworker_a):
    consent = services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, DAY),
    )
    services.consent_withdraw(actor=caseworker_a, case=case_a, consent=consent, on=datetime.date(2025, 4, 1))

    kept = Consent.objects.get(pk=consent.pk)
    assert kept.granted is True
    assert kept.withdrawn_on == datetime.date(2025, 4, 1)
    assert kept.in_force is False
    assert not consent_in_force(case=case_a, person=case_a.principal, purpose=Consent.Purpose.SHARE_ORIGIN)
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=caseworker_a, case=case_a, consent=kept)


def test_consent_given_again_after_withdrawal_is_in_force(case_a, caseworker_a):
    person, purpose = case_a.principal, Consent.Purpose.ASSISTANCE
    first = services.consent_record(
        actor=caseworker_a, case=case_a, person=person, consent=services.ConsentInput(0, purpose, True, DAY)
    )
    services.consent_withdraw(actor=caseworker_a, case=case_a, consent=first)
    services.consent_record(
        actor=caseworker_a, case=case_a, person=person, consent=services.ConsentInput(0, purpose, True, DAY)
    )
    assert consent_in_force(case=case_a, person=person, purpose=purpose)
    assert Consent.objects.filter(case=case_a, person=person, purpose=purpose).count() == 2


def test_consent_of_another_case_cannot_be_withdrawn_through_this_one(case_a, caseworker_a, office_a):
    other = register_case(actor=caseworker_a, office=office_a, given_name="Binta")
    consent = services.consent_record(
        actor=caseworker_a,
        case=other,
        person=other.principal,
        consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY),
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=caseworker_a, case=case_a, consent=consent)
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None


def test_consent_to_share_with_a_partner_needs_the_partner(case_a, caseworker_a, partner_org):
    purpose = Consent.Purpose.SHARE_PARTNER
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=caseworker_a,
            case=case_a,
            person=case_a.principal,
            consent=services.ConsentInput(0, purpose, True, DAY),
        )
    assert not Consent.objects.exists()

    services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, purpose, True, DAY, partner=partner_org),
    )
    other_partner = factories.OrganisationFactory(name="Ministry of Health", kind="government")
    assert consent_in_force(case=case_a, person=case_a.principal, purpose=purpose, partner=partner_org)
    assert not consent_in_force(case=case_a, person=case_a.principal, purpose=purpose, partner=other_partner)


def test_consent_for_another_purpose_does_not_name_a_partner(case_a, caseworker_a, partner_org):
    services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY, partner=partner_org),
    )
    assert Consent.objects.get().partner is None
    assert consent_in_force(case=case_a, person=case_a.principal, purpose=Consent.Purpose.RETURN)


def test_consent_cannot_be_dated_in_the_future(case_a, caseworker_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=caseworker_a,
            case=case_a,
            person=case_a.principal,
            consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, tomorrow),
        )
    assert not Consent.objects.exists()


def test_consent_is_only_recorded_for_members_of_the_case(case_a, case_b, caseworker_a):
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=caseworker_a,
            case=case_a,
            person=case_b.principal,
            consent=services.ConsentInput(0, Consent.Purpose.RETURN, True, DAY),
        )
    assert not Consent.objects.exists()


# --- vulnerability flags ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", VulnerabilityFlag.Kind.values)
def test_sensitive_kinds_of_vulnerability_are_marked_sensitive(case_a, caseworker_a, kind):
    flag = services.flag_add(
        actor=caseworker_a, case=case_a, person=case_a.principal, flag=services.FlagInput(0, kind, DAY)
    )
    assert flag.sensitive is (kind in VulnerabilityFlag.SENSITIVE)
    assert VulnerabilityFlag.objects.get(pk=flag.pk).sensitive is flag.sensitive
    event = TimelineEvent.objects.filter(case=case_a, kind="flag.added").get()
    assert event.sensitive is flag.sensitive


def test_trafficking_and_health_flags_are_sensitive_but_disability_is_not():
    sensitive = VulnerabilityFlag.SENSITIVE
    assert {
        "vot_presumed",
        "vot_identified",
        "survivor_violence",
        "serious_medical",
        "mental_health",
    } <= sensitive
    assert "disability" not in sensitive and "uasc" not in sensitive


def test_flag_notes_are_stored_encrypted(case_a, caseworker_a):
    secret = "Recruited in Kano by a trafficker called Baba Sule"
    flag = services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.VOT_PRESUMED, DAY, notes=secret),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM cases_vulnerabilityflag WHERE id = %s", [flag.pk])
        (raw,) = cursor.fetchone()
    assert raw and secret not in raw and "Baba Sule" not in raw
    assert raw.startswith("gAAAA")  # a Fernet token
    assert VulnerabilityFlag.objects.get(pk=flag.pk).notes == secret


def test_flags_are_only_recorded_for_members_and_not_in_the_future(case_a, case_b, caseworker_a):
    with pytest.raises(ValidationError):
        services.flag_add(
            actor=caseworker_a,
            case=case_a,
            person=case_b.principal,
            flag=services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, DAY),
        )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.flag_add(
            actor=caseworker_a,
            case=case_a,
            person=case_a.principal,
            flag=services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, tomorrow),
        )
    assert not VulnerabilityFlag.objects.exists()


# --- migration profile ----------------------------------------------------------------------------


def test_migration_profile_keeps_the_route_in_order(caseworker_a, office_a):
    route = [
        services.RouteStepInput(country("MLI"), "Bamako", DAY.replace(month=1), DAY.replace(month=2)),
        services.RouteStepInput(country("NER"), "Agadez", DAY.replace(month=2)),
        services.RouteStepInput(country("DZA"), "Tamanrasset"),
    ]
    case = register_case(
        actor=caseworker_a,
        office=office_a,
        profile=services.ProfileInput(
            reason_for_leaving="economic",
            left_home_on=datetime.date(2024, 12, 1),
            intended_destination=country("ITA"),
            route=route,
        ),
    )
    profile = case.profile
    assert profile.reason_for_leaving == "economic"
    assert profile.intended_destination_id == "ITA"
    assert [(s.order, s.country_id, s.place) for s in profile.route.all()] == [
        (1, "MLI", "Bamako"),
        (2, "NER", "Agadez"),
        (3, "DZA", "Tamanrasset"),
    ]

    services.profile_update(
        actor=caseworker_a,
        case=case,
        version=case.version,
        profile=services.ProfileInput(
            reason_for_leaving="conflict", route=[services.RouteStepInput(country("BFA")), route[1]]
        ),
    )
    profile.refresh_from_db()
    assert profile.reason_for_leaving == "conflict"
    assert [(s.order, s.country_id) for s in profile.route.all()] == [(1, "BFA"), (2, "NER")]
    assert Case.objects.get(pk=case.pk).version == case.version + 1


def test_migration_profile_cannot_start_in_the_future(case_a, caseworker_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.profile_update(
            actor=caseworker_a, case=case_a, profile=services.ProfileInput(left_home_on=tomorrow)
        )
    assert not hasattr(Case.objects.get(pk=case_a.pk), "profile")


# --- status ---------------------------------------------------------------------------------------


def test_caseworker_may_put_a_case_on_hold_and_reopen_it(case_a, caseworker_a):
    case = services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold", version=1)
    assert Case.objects.get(pk=case_a.pk).status == "on_hold"
    services.case_status_change(actor=caseworker_a, case=case, status="open", version=case.version)
    reloaded = Case.objects.get(pk=case_a.pk)
    assert reloaded.status == "open"
    assert reloaded.version == 3


@pytest.mark.parametrize(
    ("start", "target"), [("open", "open"), ("closed", "on_hold"), ("on_hold", "on_hold")]
)
def test_illegal_status_transition_raises_and_changes_nothing(case_a, supervisor_a, start, target):
    if start == "closed":
        services.case_close_or_reopen(actor=supervisor_a, case=case_a, status=start)
    elif start != "open":
        services.case_status_change(actor=supervisor_a, case=case_a, status=start)
    before = Case.objects.get(pk=case_a.pk)
    events = TimelineEvent.objects.count()

    with pytest.raises(ValidationError, match="cannot go from|closure request"):
        services.case_status_change(actor=supervisor_a, case=before, status=target, version=before.version)

    after = Case.objects.get(pk=case_a.pk)
    assert (after.status, after.version) == (start, before.version)
    assert TimelineEvent.objects.count() == events


def test_unknown_status_is_refused(case_a, supervisor_a):
    with pytest.raises(ValidationError):
        services.case_status_change(actor=supervisor_a, case=case_a, status="archived")
    assert Case.objects.get(pk=case_a.pk).status == "open"


def test_closing_a_case_needs_a_supervisor(case_a, caseworker_a, supervisor_a):
    with pytest.raises(PermissionDenied):
        services.case_close_or_reopen(actor=caseworker_a, case=case_a, status="closed")
    assert Case.objects.get(pk=case_a.pk).status == "open"

    services.case_close_or_reopen(actor=supervisor_a, case=case_a, status="closed", note="Returned home")
    assert Case.objects.get(pk=case_a.pk).status == "closed"


def test_a_case_is_never_closed_or_reopened_by_a_status_change(case_a, supervisor_a):
    with pytest.raises(ValidationError, match="closure request"):
        services.case_status_change(actor=supervisor_a, case=case_a, status="closed")
    services.case_close_or_reopen(actor=supervisor_a, case=case_a, status="closed")
    with pytest.raises(ValidationError, match="closure request"):
        services.case_status_change(actor=supervisor_a, case=Case.objects.get(pk=case_a.pk), status="open")
    assert Case.objects.get(pk=case_a.pk).status == "closed"


def test_reopening_a_closed_case_needs_a_supervisor_even_with_a_stale_copy(
    case_a, caseworker_a, supervisor_a
):
    stale_copy = Case.objects.get(pk=case_a.pk)  # still says "open"
    services.case_close_or_reopen(actor=supervisor_a, case=case_a, status="closed")
    with pytest.raises(ValidationError, match="closure request"):
        services.case_status_change(actor=caseworker_a, case=stale_copy, status="on_hold")
    assert Case.objects.get(pk=case_a.pk).status == "closed"


def test_me_officer_cannot_change_status(case_a, me_officer_a):
    with pytest.raises(PermissionDenied):
        services.case_status_change(actor=me_officer_a, case=case_a, status="on_hold")
    assert Case.objects.get(pk=case_a.pk).status == "open"


# --- assignment -----------------------------------------------------------------------------------


def test_supervisor_assigns_a_case_to_a_caseworker_of_the_owning_office(case_a, supervisor_a, office_a):
    colleague = factories.user_in(office_a, Role.CASEWORKER, username="colleague")
    services.case_assign(actor=supervisor_a, case=case_a, assignee=colleague, version=case_a.version)
    reloaded = Case.objects.get(pk=case_a.pk)
    assert reloaded.assigned_to == colleague
    assert reloaded.version == case_a.version + 1


def test_cases_are_only_assigned_to_caseworkers_of_the_owning_office(
    case_a, supervisor_a, caseworker_b, me_officer_a, office_a
):
    retired = factories.user_in(office_a, Role.CASEWORKER, username="retired")
    retired.is_active = False
    retired.save()
    for assignee in (caseworker_b, me_officer_a, retired):
        with pytest.raises(ValidationError):
            services.case_assign(actor=supervisor_a, case=case_a, assignee=assignee)
    reloaded = Case.objects.get(pk=case_a.pk)
    assert reloaded.assigned_to == case_a.assigned_to
    assert reloaded.version == case_a.version


def test_only_supervisors_assign_cases(case_a, caseworker_a, sensitive_caseworker_a):
    with pytest.raises(PermissionDenied):
        services.case_assign(actor=caseworker_a, case=case_a, assignee=sensitive_caseworker_a)
    assert Case.objects.get(pk=case_a.pk).assigned_to == caseworker_a


def test_registration_refuses_an_assignee_from_another_office(caseworker_a, caseworker_b, office_a):
    with pytest.raises(ValidationError):
        services.case_register(
            actor=caseworker_a, office=office_a, principal=member(), assigned_to=caseworker_b
        )
    assert not Case.objects.exists()


# --- concurrent edits -----------------------------------------------------------------------------


def test_stale_version_raises_stale_edit_and_does_not_overwrite(case_a, caseworker_a, sensitive_caseworker_a):
    opened_version = case_a.version  # both caseworkers opened the form at this version
    person = case_a.principal
    services.case_person_update(
        actor=caseworker_a, case=case_a, person=person, version=opened_version, phone="+227 90 00 00 01"
    )
    with pytest.raises(services.StaleEdit):
        services.case_person_update(
            actor=sensitive_caseworker_a,
            case=case_a,
            person=person,
            version=opened_version,
            phone="+227 99 99 99 99",
        )
    assert Person.objects.get(pk=person.pk).phone == "+227 90 00 00 01"
    assert Case.objects.get(pk=case_a.pk).version == opened_version + 1


def test_stale_version_is_refused_by_status_change_and_profile_update(case_a, caseworker_a):
    services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold", version=1)
    with pytest.raises(services.StaleEdit):
        services.case_status_change(actor=caseworker_a, case=case_a, status="open", version=1)
    with pytest.raises(services.StaleEdit):
        services.profile_update(
            actor=caseworker_a,
            case=case_a,
            version=1,
            profile=services.ProfileInput(reason_for_leaving="family"),
        )
    reloaded = Case.objects.get(pk=case_a.pk)
    assert (reloaded.status, reloaded.version) == ("on_hold", 2)
    assert not hasattr(reloaded, "profile")


def test_stale_edit_is_a_validation_error_so_forms_and_api_show_it():
    assert issubclass(services.StaleEdit, ValidationError)


# --- sharing ----------------------------------------------------------------------------------------


def test_only_a_supervisor_shares_a_case_and_only_once(case_a, caseworker_a, supervisor_a, origin_office):
    with pytest.raises(PermissionDenied):
        services.case_share(actor=caseworker_a, case=case_a, office=origin_office, reason="handover")
    services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="handover")
    assert case_a.office_ids() == {case_a.owning_office_id, origin_office.pk}
    with pytest.raises(ValidationError):
        services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="again")
    with pytest.raises(ValidationError):
        services.case_share(actor=supervisor_a, case=case_a, office=case_a.owning_office, reason="own office")
    assert case_a.shares.count() == 1


# --- timeline ---------------------------------------------------------------------------------------


def test_every_service_writes_a_timeline_event(
    case_a, caseworker_a, supervisor_a, origin_office, partner_org
):
    assert kinds(case_a) == ["case.registered"]
    person = case_a.principal
    consent = services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=person,
        consent=services.ConsentInput(0, Consent.Purpose.SHARE_PARTNER, True, DAY, partner=partner_org),
    )
    services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=person,
        consent=services.ConsentInput(0, Consent.Purpose.MONITORING, False, DAY),
    )
    services.consent_withdraw(actor=caseworker_a, case=case_a, consent=consent)
    services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=person,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, DAY),
    )
    services.case_member_add(actor=caseworker_a, case=case_a, member=member("Awa", relationship="sibling"))
    services.case_document_add(
        actor=caseworker_a,
        case=case_a,
        person=person,
        document=services.DocumentInput("passport", "GN 123 456", country("GIN")),
    )
    services.case_person_update(actor=caseworker_a, case=case_a, person=person, phone="+224 620 00 00 00")
    services.profile_update(
        actor=caseworker_a, case=case_a, profile=services.ProfileInput(reason_for_leaving="economic")
    )
    services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold")
    services.case_assign(actor=supervisor_a, case=case_a, assignee=supervisor_a)
    services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="handover")

    assert kinds(case_a) == [
        "case.registered",
        "consent.given",
        "consent.refused",
        "consent.withdrawn",
        "flag.added",
        "member.added",
        "document.added",
        "person.updated",
        "profile.updated",
        "case.status",
        "case.assigned",
        "case.shared",
    ]
    actors = (
        TimelineEvent.objects.filter(case=case_a).order_by("id").values_list("actor__username", flat=True)
    )
    assert list(actors)[-2:] == ["sup_a", "sup_a"]
    assert set(list(actors)[:-2]) == {"cw_a"}
    status_event = TimelineEvent.objects.get(case=case_a, kind="case.status")
    assert status_event.data == {"from": "open", "to": "on_hold"}


def test_a_refused_write_leaves_no_timeline_event(case_a, caseworker_b):
    with pytest.raises(PermissionDenied):
        services.case_status_change(actor=caseworker_b, case=case_a, status="on_hold")
    assert kinds(case_a) == ["case.registered"]


def test_case_edit_is_all_or_nothing(supervisor_a, office_a, case_a):
    """A reassignment and an illegal status change in one edit: neither is saved."""
    from tests import factories

    other = factories.user_in(office_a, "caseworker", username="cw_a_other")
    closed = services.case_close_or_reopen(actor=supervisor_a, case=case_a, status="closed")
    with pytest.raises(ValidationError):
        services.case_edit(
            actor=supervisor_a, case=closed, version=closed.version, status="on_hold", assignee=other
        )
    closed.refresh_from_db()
    assert closed.status == "closed" and closed.assigned_to != other


def test_member_added_with_screening_flags_in_one_write(caseworker_a, case_a):
    import datetime

    member = services.MemberInput(person={"given_name": "Binta", "sex": "F"}, relationship="child")
    flag = services.FlagInput(member_index=0, kind="uasc", identified_on=datetime.date(2026, 1, 5))
    added = services.case_member_add(actor=caseworker_a, case=case_a, member=member, flags=[flag])
    assert list(added.person.vulnerability_flags.values_list("kind", flat=True)) == ["uasc"]
    with pytest.raises(ValidationError):
        services.case_member_add(
            actor=caseworker_a,
            case=case_a,
            member=member,
            flags=[services.FlagInput(1, "uasc", flag.identified_on)],
        )
    assert case_a.members.count() == 3  # the refused second one left nothing behind


def test_profile_update_refuses_an_illogical_route_and_names_the_step(case_a, caseworker_a):
    january, february = DAY.replace(month=1), DAY.replace(month=2)
    bad_routes = {
        "Step 1 of the route: the person cannot leave before arriving.": [
            services.RouteStepInput(country("MLI"), "Bamako", february, january)
        ],
        "Step 2 of the route: it cannot begin before the previous step.": [
            services.RouteStepInput(country("MLI"), "Bamako", february),
            services.RouteStepInput(country("NER"), "Agadez", january),
        ],
        "Step 2 of the route: choose its country.": [
            services.RouteStepInput(country("MLI")),
            services.RouteStepInput(None, "Agadez"),
        ],
    }
    for message, route in bad_routes.items():
        with pytest.raises(ValidationError) as refused:
            services.profile_update(
                actor=caseworker_a, case=case_a, profile=services.ProfileInput(route=route)
            )
        assert refused.value.message_dict == {"route": [message]}
    assert not hasattr(Case.objects.get(pk=case_a.pk), "profile")


def test_case_register_refuses_an_arrival_before_leaving_home_before_numbering(caseworker_a, office_a):
    profile = services.ProfileInput(
        left_home_on=DAY.replace(month=3),
        route=[services.RouteStepInput(country("MLI"), "", DAY.replace(month=1))],
    )
    with pytest.raises(ValidationError, match="before leaving home"):
        register_case(actor=caseworker_a, office=office_a, profile=profile)
    assert not Case.objects.exists() and not Person.objects.exists()
