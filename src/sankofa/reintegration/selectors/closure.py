"""Case closure reads: closures visible, of a case, awaiting a decision."""

import rules
from django.db.models import QuerySet

from sankofa.cases.models import Case

from ..models import CaseClosure
from .common import _get


def closures_visible_to(actor) -> QuerySet[CaseClosure]:
    from sankofa.cases.selectors import cases_visible_to

    return (
        CaseClosure.objects.filter(case__in=cases_visible_to(actor))
        .select_related("case", "requested_by", "decided_by", "reopened_by")
        .order_by("-id")
    )


def closure_get(*, actor, pk) -> CaseClosure:
    return _get(closures_visible_to(actor), pk)


def case_closures(*, actor, case: Case) -> QuerySet[CaseClosure]:
    if not rules.has_perm("cases.view_case", actor, case):
        return CaseClosure.objects.none()
    return case.closures.select_related("requested_by", "decided_by", "reopened_by").order_by("-id")


def queue_closures_awaiting(*, actor) -> list[CaseClosure]:
    """Closure requests the actor may decide."""
    qs = closures_visible_to(actor).filter(status=CaseClosure.Status.REQUESTED)[:200]
    return [c for c in qs if rules.has_perm("reintegration.decide_closure", actor, c)]
