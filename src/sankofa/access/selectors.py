"""Reads about who may see which office. Every scoped query in Sankofa starts from these."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import Membership, Office


def _memberships(actor: AbstractBaseUser, roles: Iterable[str] | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.filter(user_id=actor.pk, is_active=True)
    return qs.filter(role__in=list(roles)) if roles is not None else qs


def office_ids_of(
    actor: AbstractBaseUser, *, roles: Iterable[str] | None = None, sensitive: bool = False
) -> set[int]:
    """Offices whose cases the actor may reach with one of `roles`: their own, plus those their
    regional or HQ office covers. With `sensitive`, only memberships granting sensitive access."""
    if not actor.is_authenticated or not actor.is_active:
        return set()
    memberships = _memberships(actor, roles)
    if sensitive:
        memberships = memberships.filter(sensitive_access=True)
    own = set(memberships.values_list("office_id", flat=True))
    covered = Office.covers.through.objects.filter(from_office_id__in=own).values_list(
        "to_office_id", flat=True
    )
    return own | set(covered)


def offices_of(actor: AbstractBaseUser, *, roles: Iterable[str] | None = None) -> QuerySet[Office]:
    """The offices (as objects) the actor works in or covers."""
    return Office.objects.filter(pk__in=office_ids_of(actor, roles=roles)).select_related("country")


def registration_offices_of(actor: AbstractBaseUser) -> QuerySet[Office]:
    """Offices where the actor may register new cases: only those they are a member of, as caseworker or above."""
    from .roles import CASE_WRITERS

    ids = _memberships(actor, CASE_WRITERS).values_list("office_id", flat=True)
    return Office.objects.filter(pk__in=ids).select_related("country")
