"""Community projects (beneficiaries without double counting, office scoping) and case closure."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.cases.models import Case
from sankofa.reintegration import selectors, services
from sankofa.reintegration.models import CaseClosure, CommunityProject
from tests import factories

from .conftest import PAST

pytestmark = pytest.mark.django_db


def _project(actor, office, name="Coopérative maraîchère de Labé", members=25):
    return services.project_create(
        actor=actor,
        office=office,
        name=name,
        kind=CommunityProject.Kind.AGRICULTURE,
        country=office.country,
        location="Labé",
        budget=Decimal("45000000"),
        currency="GNF",
        starts_on=PAST,
        community_members=members,
    )


@pytest.fixture
def returnees(origin_office, origin_caseworker):
    """Two spontaneous returnees registered at Conakry."""
    return [
        services.spontaneous_arrival_register(
            actor=origin_caseworker,
            office=origin_office,
            principal=factories.member(given, "Barry", sex="M"),
            arrived_on=PAST,
            place="Conakry",
            received_by="OIM",
        )  # fmt: skip
        for given in ("Alpha", "Thierno")
    ]


def test_beneficiaries_are_counted_once(returnees, origin_office, origin_caseworker):
    one = _project(origin_caseworker, origin_office)
    two = _project(origin_caseworker, origin_office, name="Atelier de soudure", members=10)
    alpha, thierno = returnees
    for project in (one, two):
        services.project_participant_add(
            actor=origin_caseworker, project=project, case=alpha.case, person=alpha.person
        )
    services.project_participant_add(
        actor=origin_caseworker, project=one, case=thierno.case, person=thierno.person
    )
    with pytest.raises(ValidationError):  # linked twice to the same project
        services.project_participant_add(
            actor=origin_caseworker, project=one, case=alpha.case, person=alpha.person
        )
    both = selectors.project_beneficiaries(actor=origin_caseworker)
    assert (both.returnees, both.community_members, both.total) == (2, 35, 37)
    assert selectors.project_beneficiaries(actor=origin_caseworker, projects=[two]).returnees == 1


def test_projects_are_scoped_by_office(returnees, origin_office, origin_caseworker, caseworker_a):
    project = _project(origin_caseworker, origin_office)
    assert not selectors.projects_visible_to(caseworker_a).exists()
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.project_get(actor=caseworker_a, pk=project.pk)
    with pytest.raises(PermissionDenied):
        _project(caseworker_a, origin_office)


def test_a_project_links_only_people_the_user_sees(origin_office, origin_caseworker, case_b):
    project = _project(origin_caseworker, origin_office)
    with pytest.raises(PermissionDenied):
        services.project_participant_add(
            actor=origin_caseworker, project=project, case=case_b, person=case_b.principal
        )


def test_project_budget_needs_a_currency(origin_office, origin_caseworker):
    with pytest.raises(ValidationError):
        services.project_create(
            actor=origin_caseworker, office=origin_office, name="X", kind="other", country=origin_office.country,
            location="Labé", budget=Decimal("10"), currency="", starts_on=PAST,
        )  # fmt: skip


# --- Closure --------------------------------------------------------------------------------------


def test_closure_needs_a_reason(case_a, caseworker_a):
    with pytest.raises(ValidationError):
        services.closure_request(actor=caseworker_a, case=case_a, reason="")


def test_supervisor_closes_and_reopens(case_a, caseworker_a, supervisor_a):
    closure = services.closure_request(
        actor=caseworker_a, case=case_a, reason="completed", note="Plan achevé"
    )
    with pytest.raises(ValidationError):  # one pending request at a time
        services.closure_request(actor=caseworker_a, case=case_a, reason="opted_out")
    with pytest.raises(PermissionDenied):  # a caseworker does not decide
        services.closure_approve(actor=caseworker_a, closure=closure, version=closure.version)
    closure = services.closure_approve(actor=supervisor_a, closure=closure, version=closure.version)
    case_a.refresh_from_db()
    assert case_a.status == Case.Status.CLOSED and closure.status == CaseClosure.Status.APPROVED
    assert case_a.timeline.filter(kind="reintegration.closed").exists()
    with pytest.raises(ValidationError):  # a reason is required
        services.case_reopen(actor=supervisor_a, closure=closure, version=closure.version, reason=" ")
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=caseworker_a, closure=closure, version=closure.version, reason="Retour")
    services.case_reopen(
        actor=supervisor_a, closure=closure, version=closure.version, reason="Nouveau besoin"
    )
    case_a.refresh_from_db()
    assert case_a.status == Case.Status.OPEN


def test_supervisor_cannot_approve_own_closure_request(case_a, supervisor_a):
    closure = services.closure_request(actor=supervisor_a, case=case_a, reason="lost_contact")
    with pytest.raises(PermissionDenied):
        services.closure_approve(actor=supervisor_a, closure=closure, version=closure.version)


def test_refusal_keeps_the_case_open_and_needs_a_note(case_a, caseworker_a, supervisor_a):
    closure = services.closure_request(actor=caseworker_a, case=case_a, reason="moved_away")
    with pytest.raises(ValidationError):
        services.closure_refuse(actor=supervisor_a, closure=closure, version=closure.version, note="")
    closure = services.closure_refuse(
        actor=supervisor_a, closure=closure, version=closure.version, note="Joignable"
    )
    case_a.refresh_from_db()
    assert case_a.status == Case.Status.OPEN and closure.status == CaseClosure.Status.REFUSED


def test_stale_closure_decision_is_refused(case_a, caseworker_a, supervisor_a, supervisor_b):
    closure = services.closure_request(actor=caseworker_a, case=case_a, reason="deceased")
    services.closure_approve(actor=supervisor_a, closure=closure, version=closure.version)
    with pytest.raises(services.StaleEdit):
        services.closure_approve(actor=supervisor_a, closure=closure, version=closure.version)


def test_other_office_supervisor_cannot_decide(case_a, caseworker_a, supervisor_b):
    closure = services.closure_request(actor=caseworker_a, case=case_a, reason="deceased")
    with pytest.raises(PermissionDenied):
        services.closure_approve(actor=supervisor_b, closure=closure, version=closure.version)
    assert closure.case.status == Case.Status.OPEN
