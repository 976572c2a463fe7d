"""Who may produce a subject access report: data-protection focal points, in their offices."""

import rules

from sankofa.access.models import Role
from sankofa.access.selectors import office_ids_of

SUBJECT_ACCESS_ROLES = frozenset({Role.DATA_PROTECTION})


@rules.predicate
def is_data_protection_focal_point(user) -> bool:
    return bool(office_ids_of(user, roles=SUBJECT_ACCESS_ROLES))


rules.add_perm("privacy.produce_subject_access", is_data_protection_focal_point)
