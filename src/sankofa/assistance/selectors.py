"""Reads of the service catalogue (reference data: no scoping) and of assistance records (scoped
through the case selectors: only cases, and people in them, that the actor may see)."""

import rules
from django.db.models import Exists, OuterRef, QuerySet

from sankofa.cases.models import Case
from sankofa.cases.selectors import members_visible_to, person_ids_visible

from .models import AssistanceRecord, Service


def service_catalogue(*, category: str | None = None, include_inactive: bool = False) -> QuerySet[Service]:
    """Services a caseworker may pick, optionally of one category."""
    qs = Service.objects.all() if include_inactive else Service.objects.filter(is_active=True)
    return qs.filter(category=category) if category else qs


def assistance_visible_to(actor) -> QuerySet[AssistanceRecord]:
    """Assistance records of people the actor may see in a case (cases.selectors.members_visible_to)."""
    members = members_visible_to(actor)
    return (
        AssistanceRecord.objects.filter(
            Exists(members.filter(case_id=OuterRef("case_id"), person_id=OuterRef("person_id")))
        )
        .select_related("case", "person", "service", "country", "partner")
        .order_by("-id")
    )


def case_assistance(*, actor, case: Case) -> QuerySet[AssistanceRecord]:
    """The assistance delivered to the people of one case that the actor may see, newest first."""
    if not rules.has_perm("cases.view_case", actor, case):
        return AssistanceRecord.objects.none()
    return case.assistance.filter(person_id__in=person_ids_visible(actor=actor, case=case)).select_related(
        "person", "service", "country", "partner"
    )
