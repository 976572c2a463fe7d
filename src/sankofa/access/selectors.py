"""Reads about who may see which office. Every scoped query in Sankofa starts from these."""

import functools
from collections.abc import Iterable
from types import SimpleNamespace

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Q, QuerySet

from .models import Membership, Office


def _memberships(actor: AbstractBaseUser, roles: Iterable[str] | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.filter(user_id=actor.pk, is_active=True)
    return qs.filter(role__in=list(roles)) if roles is not None else qs


def office_ids_query(
    actor: AbstractBaseUser, *, roles: Iterable[str] | None = None, sensitive: bool = False
) -> QuerySet:
    """`office_ids_of` as a query of office ids, to be used inside another query (one round trip
    instead of a list of ids first): the actor's own offices and those they cover."""
    if not actor.is_authenticated or not actor.is_active:
        return Office.objects.none().values("pk")
    memberships = _memberships(actor, roles)
    if sensitive:
        memberships = memberships.filter(sensitive_access=True)
    own = memberships.values("office_id")
    covered = Office.covers.through.objects.filter(from_office_id__in=own).values("to_office_id")
    return Office.objects.filter(Q(pk__in=own) | Q(pk__in=covered)).values("pk")


_ACTOR = -1_999_999_999  # stands for the actor's id while office_ids_query is compiled once


@functools.lru_cache(maxsize=64)
def _office_ids_sql(roles: frozenset[str] | None, sensitive: bool) -> tuple[str, tuple]:
    stand_in = SimpleNamespace(pk=_ACTOR, is_authenticated=True, is_active=True)
    sql, params = office_ids_query(stand_in, roles=roles, sensitive=sensitive).query.sql_with_params()
    return sql, tuple(params)


def office_ids_sql(
    actor: AbstractBaseUser, *, roles: Iterable[str] | None = None, sensitive: bool = False
) -> tuple[str, list]:
    """office_ids_query as SQL and parameters, to be inlined in a hand-written query that runs
    often (the registration check): compiled once per process and set of roles, the actor's id put
    in its place. Only for an authenticated, active actor."""
    assert actor.is_authenticated and actor.is_active
    sql, params = _office_ids_sql(None if roles is None else frozenset(roles), sensitive)
    return sql, [actor.pk if p == _ACTOR else p for p in params]


def office_ids_of(
    actor: AbstractBaseUser, *, roles: Iterable[str] | None = None, sensitive: bool = False
) -> set[int]:
    """Offices whose cases the actor may reach with one of `roles`: their own, plus those their
    regional or HQ office covers. With `sensitive`, only memberships granting sensitive access.
    One query (office_ids_query), compiled once per process: a page asks this a dozen times (menu,
    permissions, scoping), and building the ORM query cost more than running it."""
    if not actor.is_authenticated or not actor.is_active:
        return set()
    sql, params = office_ids_sql(actor, roles=roles, sensitive=sensitive)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def offices_of(actor: AbstractBaseUser, *, roles: Iterable[str] | None = None) -> QuerySet[Office]:
    """The offices (as objects) the actor works in or covers."""
    return Office.objects.filter(pk__in=office_ids_of(actor, roles=roles)).select_related("country")


def registration_offices_of(actor: AbstractBaseUser) -> QuerySet[Office]:
    """Offices where the actor may register new cases: only those they are a member of, as caseworker or above."""
    from .roles import CASE_WRITERS

    ids = _memberships(actor, CASE_WRITERS).values_list("office_id", flat=True)
    return Office.objects.filter(pk__in=ids).select_related("country")


def api_tokens_of(actor: AbstractBaseUser) -> QuerySet:
    """The actor's own API tokens still in force (expired ones are not listed), newest first."""
    from django.utils import timezone

    from .models import ApiToken

    return ApiToken.objects.filter(user_id=actor.pk).filter(
        Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    )


def covers_other_offices(actor: AbstractBaseUser, *, roles: Iterable[str]) -> bool:
    """Whether the actor has one of `roles` in a regional or HQ office, i.e. one that covers others."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    own = _memberships(actor, roles).values("office_id")
    return Office.covers.through.objects.filter(from_office_id__in=own).exists()
