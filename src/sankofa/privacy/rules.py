"""Who decides about the data lifecycle (django-rules). Retention runs cover every office, so only
data-protection focal points approve them; requests and holds are decided per case, by a focal point
whose offices see the case (holds also by the case's supervisors)."""

import rules

from sankofa.access.models import Role
from sankofa.access.roles import AUDIT_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.rules import can_supervise_case

from .subject_access import rules as subject_access_rules  # noqa: F401  (each part keeps its own)

DPO = frozenset({Role.DATA_PROTECTION})


@rules.predicate
def is_data_protection_focal_point(user) -> bool:
    return bool(office_ids_of(user, roles=DPO))


@rules.predicate
def reviews_audit(user) -> bool:
    return bool(office_ids_of(user, roles=AUDIT_READERS))


@rules.predicate
def is_focal_point_for_case(user, case) -> bool:
    allowed = office_ids_of(user, roles=DPO)
    return case is not None and bool(allowed) and not allowed.isdisjoint(case.office_ids())


rules.add_perm("privacy.view_retention", reviews_audit)
rules.add_perm("privacy.approve_retention", is_data_protection_focal_point)
rules.add_perm("privacy.list_requests", reviews_audit)
rules.add_perm("privacy.decide_request", is_focal_point_for_case)
rules.add_perm("privacy.set_legal_hold", is_focal_point_for_case | can_supervise_case)
