"""A person with records in every app: Aïssatou DIALLO of the Niamey family case (case_a), screened
(a sensitive and a plain vulnerability), assisted, returned to Guinea with her son (documents,
fit-to-travel, a charter booking), handed over to Conakry, received there (arrival, needs
assessment, reintegration plan, community project, surveys scheduled), referred to a partner, and
a possible duplicate of another registration. Everything goes through the services.

Retention fixtures (close, full_case): in Niamey, an old closed case (closed six years ago) full of personal data,
an old closed case on legal hold, a recently closed case and an open one; all assisted and returned
so that they count in the indicators."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sankofa.access.models import Role
from sankofa.assistance.models import AssistanceRecord
from sankofa.cases import services as case_services
from sankofa.cases.models import Case, TimelineEvent, VulnerabilityFlag
from sankofa.cases.selectors import case_file_open
from sankofa.cases.services import timeline_record
from sankofa.people.models import Band, MatchPair, PersonAlias
from sankofa.people.services import person_alias_add
from sankofa.reintegration import services as reintegration_services
from sankofa.reintegration.models import CommunityProject
from sankofa.returns import services as return_services
from tests import factories
from tests.programmes.builders import assist, returned
from tests.referrals.conftest import BASIC, make_provider, refer
from tests.referrals.conftest import consent as consent_to_share
from tests.reintegration.conftest import add_item
from tests.returns.conftest import approved, consent, movement, prepared

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=20)


@pytest.fixture
def dpo_sensitive_a(office_a):
    return factories.user_in(office_a, Role.DATA_PROTECTION, sensitive=True, username="dpo_a_sensitive")


@pytest.fixture
def dpo_b(office_b):
    return factories.user_in(office_b, Role.DATA_PROTECTION, username="dpo_b")


@pytest.fixture
def dpo_regional(regional_office):
    return factories.user_in(regional_office, Role.DATA_PROTECTION, username="dpo_regional")


@pytest.fixture
def subject(
    case_a, caseworker_a, supervisor_a, office_a, origin_office, origin_caseworker, partner_org, case_b
):
    mother = case_a.principal
    son = case_a.members.exclude(person=mother).get().person
    PersonAlias.objects.create(person=mother, name="Aïcha", kind=PersonAlias.Kind.ALIAS)
    case_services.case_document_add(
        actor=caseworker_a,
        case=case_a,
        person=mother,
        document=case_services.DocumentInput("passport", "GN-778812", factories.country("GIN")),
    )
    for person, kind, notes in (
        (mother, VulnerabilityFlag.Kind.VOT_IDENTIFIED, "Recrutée à Kankan par un passeur"),
        (mother, VulnerabilityFlag.Kind.PREGNANT_LACTATING, ""),
        (son, VulnerabilityFlag.Kind.UASC, "Son's own flag"),
    ):
        case_services.flag_add(
            actor=caseworker_a, case=case_a, person=person, flag=case_services.FlagInput(0, kind, PAST, notes)
        )
    case_services.profile_update(
        actor=caseworker_a,
        case=case_a,
        profile=case_services.ProfileInput(
            reason_for_leaving="economic",
            left_home_on=PAST - datetime.timedelta(days=300),
            return_from=factories.country("NER"),
            intended_destination=factories.country("LBY"),
            route=[
                case_services.RouteStepInput(factories.country("MLI"), "Bamako"),
                case_services.RouteStepInput(factories.country("NER"), "Agadez"),
            ],
        ),
    )
    assist(case_a, on=PAST, person=mother)
    consent(case_a, mother)
    request = approved(case_a, [mother, son], caseworker=caseworker_a, supervisor=supervisor_a)
    request = prepared(request, actor=caseworker_a)
    charter = movement(office_a, caseworker_a)
    return_services.movement_book(actor=caseworker_a, movement=charter, request=request)
    handover = return_services.handover_send(actor=caseworker_a, request=request, to_office=origin_office)
    return_services.handover_acknowledge(actor=origin_caseworker, handover=handover)
    reintegration_services.arrival_record(
        actor=origin_caseworker,
        case=case_a,
        person=mother,
        arrived_on=TODAY - datetime.timedelta(days=2),
        place="Aéroport de Conakry-Gbessia",
        received_by="Mariam Camara (OIM)",
    )
    reintegration_services.assessment_save(  # psychosocial needs: written with sensitive access only
        actor=factories.user_in(
            origin_office, Role.CASEWORKER, sensitive=True, username="cw_origin_sensitive"
        ),
        case=case_a,
        person=mother,
        assessed_on=TODAY - datetime.timedelta(days=1),
        economic_needs="Capital de départ",
        psychosocial_needs="Cauchemars depuis la traversée",
    )
    plan = reintegration_services.plan_create(
        actor=origin_caseworker,
        case=case_a,
        person=mother,
        economic_summary="Petit commerce de tissus à Labé",
    )
    add_item(plan, origin_caseworker)
    project = reintegration_services.project_create(
        actor=origin_caseworker,
        office=origin_office,
        name="Périmètre maraîcher de Labé",
        kind=CommunityProject.Kind.AGRICULTURE,
        country=origin_office.country,
        location="Labé",
        budget=Decimal("45000000"),
        currency="GNF",
        starts_on=PAST,
        community_members=30,
    )
    reintegration_services.project_participant_add(
        actor=origin_caseworker, project=project, case=case_a, person=mother
    )
    provider = make_provider(partner_org, areas_served="Niamey")
    consent_to_share(case_a, provider, actor=caseworker_a)
    refer(case_a, provider, actor=caseworker_a, fields=BASIC)
    other = case_b.principal
    low, high = sorted([mother.pk, other.pk])
    MatchPair.objects.create(
        person_a_id=low, person_b_id=high, score=0.91, band=Band.REVIEW, reasons=["name"]
    )
    case_file_open(actor=caseworker_a, number=case_a.number)
    return mother


D = datetime.date
LONG_AGO = timezone.now() - datetime.timedelta(days=6 * 365)


def close(case: Case, *, at: datetime.datetime | None = None) -> None:
    """The case closed at `at` (its closure the last thing written): the closure workflow's result."""
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, updated_at=at or timezone.now())
    if at is not None:
        TimelineEvent.objects.filter(case=case).update(at=at)


def full_case(*, actor, office, given, family, phone, passport, born=None, sex="F"):
    case = factories.register_case(
        actor=actor,
        office=office,
        principal=factories.member(
            given,
            family,
            sex=sex,
            date_of_birth=born or D(1990, 5, 17),
            phone=phone,
            given_name_original="عائشة",
            documents=[
                factories.services.DocumentInput(
                    kind="passport", number=passport, issuing_country=factories.country("GIN")
                )
            ],
        ),
        members=[
            factories.member("Ibrahima", family, relationship="child", sex="M", date_of_birth=D(2015, 3, 2))
        ],
    )
    person = case.principal
    person_alias_add(person=person, name=f"{given} la grande")
    VulnerabilityFlag.objects.create(
        case=case,
        person=person,
        kind=VulnerabilityFlag.Kind.VOT_PRESUMED,
        identified_on=D(2019, 1, 5),
        notes=f"{given} was held in a house in Agadez",
    )
    record = assist(case, on=D(2019, 2, 1))
    AssistanceRecord.objects.filter(pk=record.pk).update(
        notes=f"Shelter for {given} {family}", place="Agadez"
    )
    request = returned(case, on=D(2019, 6, 1))
    request.approval_note = f"{given} {family} ready"
    request.save()
    timeline_record(
        case=case, actor=actor, kind="case.note", note=f"Called {given} on {phone}", person=person
    )
    return case
