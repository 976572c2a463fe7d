"""Who may do what in reintegration (django-rules). Office scoping comes from access.selectors;
people inside a shared case from cases.selectors.members_visible_to."""

import rules

from sankofa.access.models import Role
from sankofa.access.selectors import office_ids_of
from sankofa.cases.rules import can_read_case, can_read_some_cases, can_write_case

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
    return survey is not None and can_write_case(user, survey.case) and _person_visible(user, survey)


@rules.predicate
def can_rescore_survey(user, survey) -> bool:
    if survey is None or not _person_visible(user, survey):
        return False
    return not office_ids_of(user, roles=SURVEY_RESCORERS).isdisjoint(survey.case.office_ids())


rules.add_perm("reintegration.view_survey", can_view_survey)
rules.add_perm("reintegration.conduct_survey", can_conduct_survey)
rules.add_perm("reintegration.add_survey", can_write_case)  # on a case: an unscheduled survey
rules.add_perm("reintegration.rescore_survey", can_rescore_survey)
rules.add_perm("reintegration.view_schemes", can_read_some_cases)
