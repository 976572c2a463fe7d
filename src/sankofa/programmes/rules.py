"""Who may read programmes: programme staff, i.e. anyone with an active membership in a role other
than partner. Partners and people without a membership see nothing (DESIGN.md §4)."""

import rules

from sankofa.access.models import Role
from sankofa.access.selectors import office_ids_of

STAFF_ROLES = frozenset(set(Role) - {Role.PARTNER})


@rules.predicate
def is_programme_staff(user) -> bool:
    return bool(office_ids_of(user, roles=STAFF_ROLES))


rules.add_perm("programmes.view_programme", is_programme_staff)


MANAGER_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})


@rules.predicate
def is_programme_manager(user) -> bool:
    return bool(office_ids_of(user, roles=MANAGER_ROLES))


rules.add_perm("programmes.manage_programme", is_programme_manager)
