"""Reads of programmes. Not personal data: every programme is visible to programme staff, none to
partners or outsiders."""

from django.db.models import QuerySet

from .models import Programme
from .rules import is_programme_staff


def programmes_visible_to(actor) -> QuerySet[Programme]:
    """Every query for programmes starts here: all of them for programme staff, none otherwise."""
    if not is_programme_staff(actor):
        return Programme.objects.none()
    return Programme.objects.all()


def programme_list(*, actor) -> QuerySet[Programme]:
    return programmes_visible_to(actor).prefetch_related("countries", "fundings__donor")


def programme_get(*, actor, code: str) -> Programme:
    """One programme by code; Http404 when it does not exist for the actor."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        programmes_visible_to(actor).prefetch_related("countries", "offices", "fundings__donor"), code=code
    )


def funding_totals(*, programme: Programme) -> list[tuple[str, object]]:
    """Total funding per currency (amounts in different currencies are never added together)."""
    totals: dict[str, object] = {}
    for funding in programme.fundings.all():
        totals[funding.currency] = totals.get(funding.currency, 0) + funding.amount
    return sorted(totals.items())
