"""Who may do what in reintegration (django-rules). Office scoping comes from access.selectors; an
origin office works on a handed-over case through its CaseShare, like on its own cases."""

import rules

from sankofa.access.models import Office, Role
from sankofa.access.roles import CASE_READERS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.rules import can_read_case, can_read_some_cases, can_supervise_work, can_work_on_case

# As for return requests: a supervisor never approves their own plan or closure request;
# administrators (small offices set up alone) may.
SELF_APPROVERS = frozenset({Role.ADMINISTRATOR})


def _not_own_unless_admin(user, case, author_id) -> bool:
    if author_id != user.pk:
        return True
    return bool(office_ids_of(user, roles=SELF_APPROVERS) & case.office_ids())


@rules.predicate
def can_receive_in(user, case) -> bool:
    """Caseworkers (and above) of an origin office that sees the case record arrivals."""
    if case is None or not can_work_on_case(user, case):
        return False
    offices = office_ids_of(user, roles=CASE_WRITERS) & case.office_ids()
    return Office.objects.filter(pk__in=offices, kind=Office.Kind.ORIGIN).exists()


@rules.predicate
def can_approve_plan(user, plan) -> bool:
    return (
        plan is not None
        and can_supervise_work(user, plan.case)
        and _not_own_unless_admin(user, plan.case, plan.submitted_by_id)
    )


@rules.predicate
def can_decide_closure(user, closure) -> bool:
    return (
        closure is not None
        and can_supervise_work(user, closure.case)
        and _not_own_unless_admin(user, closure.case, closure.requested_by_id)
    )


@rules.predicate
def can_see_project(user, project) -> bool:
    return project is not None and project.office_id in office_ids_of(user, roles=CASE_READERS)


@rules.predicate
def can_manage_project(user, project) -> bool:
    return project is not None and project.office_id in office_ids_of(user, roles=CASE_WRITERS)


@rules.predicate
def can_run_projects_in(user, office) -> bool:
    return office is not None and office.pk in office_ids_of(user, roles=CASE_WRITERS)


rules.add_perm("reintegration.view", can_read_case)
rules.add_perm("reintegration.work", can_work_on_case)
rules.add_perm("reintegration.receive", can_receive_in)
rules.add_perm("reintegration.approve_plan", can_approve_plan)
rules.add_perm("reintegration.request_closure", can_work_on_case)
rules.add_perm("reintegration.decide_closure", can_decide_closure)
rules.add_perm("reintegration.reopen_case", can_supervise_work)
rules.add_perm("reintegration.view_project", can_see_project)
rules.add_perm("reintegration.manage_project", can_manage_project)
rules.add_perm("reintegration.create_project", can_run_projects_in)


# --- Sustainability surveys -------------------------------------------------------------------------

# Rescoring a survey under another scheme version changes published scores: supervisors and M&E.
SURVEY_RESCORERS = frozenset({Role.SUPERVISOR, Role.ME_OFFICER, Role.ADMINISTRATOR})


def _person_visible(user, survey) -> bool:
    from sankofa.cases.selectors import person_ids_visible

    return survey.person_id in person_ids_visible(actor=user, case=survey.case)


@rules.predicate
def can_view_survey(user, survey) -> bool:
    return survey is not None and can_read_case(user, survey.case) and _person_visible(user, survey)


@rules.predicate
def can_conduct_survey(user, survey) -> bool:
    return survey is not None and can_work_on_case(user, survey.case) and _person_visible(user, survey)


@rules.predicate
def can_rescore_survey(user, survey) -> bool:
    if survey is None or not _person_visible(user, survey):
        return False
    return not office_ids_of(user, roles=SURVEY_RESCORERS).isdisjoint(survey.case.office_ids())


rules.add_perm("reintegration.view_survey", can_view_survey)
rules.add_perm("reintegration.conduct_survey", can_conduct_survey)
rules.add_perm("reintegration.add_survey", can_work_on_case)  # on a case: an unscheduled survey
rules.add_perm("reintegration.rescore_survey", can_rescore_survey)
rules.add_perm("reintegration.view_schemes", can_read_some_cases)
