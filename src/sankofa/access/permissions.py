"""One place to refuse: services call ensure() before they write."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def ensure(actor, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless the `rules` permission holds for actor (and obj)."""
    if not rules.has_perm(permission, actor, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
