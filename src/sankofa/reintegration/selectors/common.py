"""Helpers shared by the reintegration reads: the member-visibility filter and the 404 getter."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from sankofa.cases.selectors import members_visible_to
from sankofa.core.parsing import positive_int


def _visible(actor, qs: QuerySet) -> QuerySet:
    """Rows (with case and person) about a member the actor may see."""
    members = members_visible_to(actor)
    return qs.filter(Exists(members.filter(case_id=OuterRef("case_id"), person_id=OuterRef("person_id"))))


def _get(qs: QuerySet, pk):
    pk = positive_int(str(pk), limit=2**63 - 1)
    if pk is None:
        raise Http404
    try:
        return qs.get(pk=pk)
    except qs.model.DoesNotExist:
        raise Http404 from None
