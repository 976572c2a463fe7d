"""Reads of the data lifecycle; each takes the acting user."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sankofa.cases.selectors import cases_visible_to

from .models import DataSubjectRequest, LegalHold, RetentionRun
from .rules import DPO


def retention_runs(*, actor) -> QuerySet[RetentionRun]:
    """The retention runs, newest first: data-protection focal points and administrators."""
    if not actor.has_perm("privacy.view_retention"):
        raise PermissionDenied
    return RetentionRun.objects.select_related("approved_by", "proposed_by")


def subject_requests(*, actor) -> QuerySet[DataSubjectRequest]:
    """Requests about people of cases the focal point's offices see (none for anyone else)."""
    return DataSubjectRequest.objects.filter(case__in=cases_visible_to(actor, roles=DPO)).select_related(
        "case", "person", "decided_by"
    )


def legal_hold_of(*, case) -> LegalHold | None:
    """The hold in force on the case, if any (the case page shows it to whoever reads the case)."""
    return LegalHold.objects.filter(case=case, lifted_at=None).select_related("set_by").first()
