"""Who may do what in a voluntary return (django-rules). Office scoping comes from access.selectors."""

import rules

from sankofa.access.models import Role
from sankofa.access.roles import CASE_READERS, CASE_SUPERVISORS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.rules import can_read_case, can_supervise_case, can_write_case

# Roles whose holders may approve a return request they submitted themselves. Supervisors may not:
# a second pair of eyes is the point of approval. Administrators set up small offices alone.
SELF_APPROVERS = frozenset({Role.ADMINISTRATOR})


def _owning_office_writer(user, case) -> bool:
    return case.owning_office_id in office_ids_of(user, roles=CASE_WRITERS)


@rules.predicate
def can_request_return(user, case) -> bool:
    """Caseworkers (and above) of the office that owns the case (or covers it) prepare its return; an
    office that sees the case through a share (the origin office) does not."""
    return case is not None and can_write_case(user, case) and _owning_office_writer(user, case)


@rules.predicate
def can_prepare_return(user, request) -> bool:
    return request is not None and can_request_return(user, request.case)


@rules.predicate
def can_approve_return(user, request) -> bool:
    """Supervisors of a case office; never their own request unless their role allows it."""
    if request is None or not can_supervise_case(user, request.case):
        return False
    if request.requested_by_id != user.pk:
        return True
    return bool(office_ids_of(user, roles=SELF_APPROVERS) & request.case.office_ids())


@rules.predicate
def can_send_handover(user, request) -> bool:
    """Only the office that owns the case hands it over."""
    return request is not None and _owning_office_writer(user, request.case)


@rules.predicate
def can_receive_handover(user, handover) -> bool:
    """Caseworkers (and above) of the receiving office acknowledge, seeing only the handover data."""
    return handover is not None and handover.to_office_id in office_ids_of(user, roles=CASE_WRITERS)


@rules.predicate
def can_see_handover(user, handover) -> bool:
    return handover is not None and handover.to_office_id in office_ids_of(user, roles=CASE_READERS)


@rules.predicate
def can_manage_movement(user, movement) -> bool:
    return movement is not None and movement.office_id in office_ids_of(user, roles=CASE_WRITERS)


@rules.predicate
def can_plan_movement_in(user, office) -> bool:
    return office is not None and office.pk in office_ids_of(user, roles=CASE_WRITERS)


@rules.predicate
def can_cancel_movement(user, movement) -> bool:
    return movement is not None and movement.office_id in office_ids_of(user, roles=CASE_SUPERVISORS)


rules.add_perm(
    "returns.view_request", lambda user, request: request is not None and can_read_case(user, request.case)
)
rules.add_perm("returns.request_return", can_request_return)
rules.add_perm("returns.prepare_request", can_prepare_return)
rules.add_perm("returns.approve_request", can_approve_return)
rules.add_perm("returns.send_handover", can_send_handover)
rules.add_perm("returns.receive_handover", can_receive_handover)
rules.add_perm("returns.view_handover", can_see_handover)
rules.add_perm("returns.plan_movement", can_plan_movement_in)
rules.add_perm("returns.manage_movement", can_manage_movement)
rules.add_perm("returns.cancel_movement", can_cancel_movement)
