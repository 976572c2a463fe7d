"""Object permissions on cases (django-rules). Office scoping comes from access.selectors."""

import rules

from sankofa.access.roles import AUDIT_READERS, CASE_READERS, CASE_SUPERVISORS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of, registration_offices_of


def _case_in(user, case, **kwargs) -> bool:
    allowed = office_ids_of(user, **kwargs)
    return bool(allowed) and not allowed.isdisjoint(case.office_ids())


@rules.predicate
def can_read_case(user, case) -> bool:
    return case is not None and _case_in(user, case, roles=CASE_READERS)


@rules.predicate
def can_write_case(user, case) -> bool:
    return case is not None and _case_in(user, case, roles=CASE_WRITERS)


@rules.predicate
def can_supervise_case(user, case) -> bool:
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


rules.add_perm("cases.view_case", can_read_case)
rules.add_perm("cases.list_cases", can_read_some_cases)
rules.add_perm("cases.view_access_log", can_review_access_log)
rules.add_perm("cases.change_case", can_write_case)
rules.add_perm("cases.supervise_case", can_supervise_case)
rules.add_perm("cases.view_sensitive", can_read_sensitive)
rules.add_perm("cases.register_case", can_register_in_office)
rules.add_perm("cases.register_cases", can_register_somewhere)
