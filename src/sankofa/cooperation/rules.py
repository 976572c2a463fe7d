"""Who may read and edit cooperation frameworks (django-rules).

- Read: programme staff, i.e. any active membership in a role other than partner
  (`programmes.rules.is_programme_staff`). Partners and outsiders see nothing.
- Edit a framework (its matrices, roadmaps, actions, meetings, validations): supervisors, programme
  managers and administrators of an organisation listed among the framework's editor organisations.
- Create a framework or add to the resource library: a supervisor, programme manager or
  administrator of any organisation (a new framework's editors default to their organisations).
"""

import rules

from sankofa.access.models import Membership, Role
from sankofa.programmes.rules import is_programme_staff

EDITOR_ROLES = frozenset({Role.SUPERVISOR, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})


def editor_organisation_ids(user) -> set[int]:
    """Organisations in which the user holds an editing role (active memberships only)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user_id=user.pk, is_active=True, role__in=list(EDITOR_ROLES)).values_list(
            "office__organisation_id", flat=True
        )
    )


@rules.predicate
def can_edit_framework(user, framework) -> bool:
    if framework is None:
        return False
    mine = editor_organisation_ids(user)
    return bool(mine) and framework.editor_organisations.filter(pk__in=mine).exists()


@rules.predicate
def is_cooperation_editor(user) -> bool:
    return bool(editor_organisation_ids(user))


rules.add_perm("cooperation.view_framework", is_programme_staff)
rules.add_perm("cooperation.change_framework", is_programme_staff & can_edit_framework)
rules.add_perm("cooperation.add_framework", is_programme_staff & is_cooperation_editor)
rules.add_perm("cooperation.view_resource", is_programme_staff)
rules.add_perm("cooperation.add_resource", is_programme_staff & is_cooperation_editor)
