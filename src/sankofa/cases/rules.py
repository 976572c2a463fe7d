"""Object permissions on cases (django-rules). Office scoping comes from access.selectors."""

import rules

from sankofa.access.roles import AUDIT_READERS, CASE_READERS, CASE_SUPERVISORS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of, registration_offices_of


def _case_in(user, case, **kwargs) -> bool:
    """The case is owned by, or shared with, an office of the user (with those roles)."""
    allowed = office_ids_of(user, **kwargs)
    return bool(allowed) and not allowed.isdisjoint(case.office_ids())


def _owned_by(user, case, roles) -> bool:
    """The case is owned by an office of the user or by an office their office covers."""
    return case.owning_office_id in office_ids_of(user, roles=roles)


def _in_emergency(user, case) -> bool:
    """Break-the-glass: an emergency access in force lets its holder read the case (never write it)."""
    from .models import EmergencyAccess

    return case.pk in EmergencyAccess.case_ids_in_force(user)


@rules.predicate
def can_read_case(user, case) -> bool:
    return case is not None and (_case_in(user, case, roles=CASE_READERS) or _in_emergency(user, case))


@rules.predicate
def can_write_case(user, case) -> bool:
    """Edit the case file itself (status, members, flags, consents, profile, return): the owning
    office and the offices covering it. Seeing a case through a share never grants this."""
    return case is not None and _owned_by(user, case, CASE_WRITERS)


@rules.predicate
def can_supervise_case(user, case) -> bool:
    """Assign, share, approve returns: supervisors of the owning office (or of one covering it)."""
    return case is not None and _owned_by(user, case, CASE_SUPERVISORS)


@rules.predicate
def can_work_on_case(user, case) -> bool:
    """The work a share is made for (the origin office after a handover: reception, post-arrival
    and reintegration assistance, referrals, surveys), on top of the owning office's. What it may
    touch is limited to the members visible to it (selectors.members_visible_to), by each service."""
    return case is not None and _case_in(user, case, roles=CASE_WRITERS)


@rules.predicate
def can_supervise_work(user, case) -> bool:
    """Approving that work (reintegration plans, closure): supervisors of an office doing it."""
    return case is not None and _case_in(user, case, roles=CASE_SUPERVISORS)


@rules.predicate
def can_read_sensitive(user, case) -> bool:
    """Sensitive data needs a membership with sensitive access in an office that sees the case."""
    return can_read_case(user, case) and _case_in(user, case, roles=CASE_READERS, sensitive=True)


@rules.predicate
def can_read_some_cases(user) -> bool:
    """A reading role in at least one office: partners and users without a role have no case list."""
    return bool(office_ids_of(user, roles=CASE_READERS))


@rules.predicate
def can_register_in_office(user, office) -> bool:
    return office is not None and registration_offices_of(user).filter(pk=office.pk).exists()


@rules.predicate
def can_register_somewhere(user) -> bool:
    """A writing role in at least one office: read-only roles (M&E, programme managers) register nothing."""
    return registration_offices_of(user).exists()


@rules.predicate
def can_review_access_log(user) -> bool:
    return bool(office_ids_of(user, roles=AUDIT_READERS))


@rules.predicate
def can_break_glass(user) -> bool:
    """Emergency reading outside one's scope, with a reason: supervisors of an office covering others."""
    from sankofa.access.roles import EMERGENCY_READERS
    from sankofa.access.selectors import covers_other_offices

    return covers_other_offices(user, roles=EMERGENCY_READERS)


rules.add_perm("cases.view_case", can_read_case)
rules.add_perm("cases.break_glass", can_break_glass)
rules.add_perm("cases.list_cases", can_read_some_cases)
rules.add_perm("cases.view_access_log", can_review_access_log)
rules.add_perm("cases.change_case", can_write_case)
rules.add_perm("cases.supervise_case", can_supervise_case)
rules.add_perm("cases.work_on_case", can_work_on_case)
rules.add_perm("cases.supervise_work", can_supervise_work)
rules.add_perm("cases.view_sensitive", can_read_sensitive)
rules.add_perm("cases.register_case", can_register_in_office)
rules.add_perm("cases.register_cases", can_register_somewhere)
