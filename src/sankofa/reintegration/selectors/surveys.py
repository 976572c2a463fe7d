"""Sustainability survey reads: surveys due, a returnee's surveys, scheme versions, the case panel."""

import dataclasses
import datetime

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sankofa.cases import read_log
from sankofa.cases.models import Case, CaseAccess, CaseShare
from sankofa.cases.selectors import person_ids_visible
from sankofa.core.parsing import positive_int
from sankofa.people.models import Person

from ..models.surveys import ScoringScheme, SustainabilitySurvey
from .common import _get, _visible

DUE_SOON_DAYS = 30


def surveys_visible_to(actor) -> QuerySet[SustainabilitySurvey]:
    """Surveys of people the actor may see in a case (members_visible_to)."""
    return _visible(actor, SustainabilitySurvey.objects.all()).select_related(
        "case", "person", "scheme", "conducted_by", "case__assigned_to"
    )


def survey_get(*, actor, pk) -> SustainabilitySurvey:
    """One survey the actor may see, else 404 (another office's survey does not exist for them)."""
    survey = _get(surveys_visible_to(actor), pk)
    read_log.read(actor=actor, cases=[survey.case_id], record=CaseAccess.Record.SURVEY)
    return survey


def scoring_schemes() -> QuerySet[ScoringScheme]:
    """Every scheme version (reference data: no personal data, no scoping), newest first per code."""
    return ScoringScheme.objects.order_by("code", "-version")


def scheme_get(*, pk) -> ScoringScheme:
    pk = positive_int(str(pk))
    scheme = ScoringScheme.objects.filter(pk=pk).first() if pk else None
    if scheme is None:
        raise Http404
    return scheme


def scheme_questions(scheme: ScoringScheme):
    """Questions of a scheme with their dimension and options, in order (for the form and detail)."""
    return scheme.questions.select_related("dimension").prefetch_related("options").order_by("order")


@dataclasses.dataclass(frozen=True)
class DueFilters:
    mine: bool = False  # cases assigned to the actor
    office_id: int | None = None  # cases owned by or shared with this office
    overdue_only: bool = False
    within_days: int = DUE_SOON_DAYS


def surveys_due(*, actor, filters: DueFilters = DueFilters(), today: datetime.date | None = None):
    """Surveys not yet conducted that are overdue (due before today) or due within the window,
    oldest due first. "Mine": of cases assigned to the actor; an office: cases it owns or shares.
    Surveys of closed cases are not due: follow-up stops with the case (reopening brings them back)."""
    today = today or timezone.localdate()
    qs = surveys_visible_to(actor).filter(conducted_on__isnull=True, due_on__isnull=False)
    qs = qs.exclude(case__status=Case.Status.CLOSED)
    qs = (
        qs.filter(due_on__lt=today)
        if filters.overdue_only
        else qs.filter(due_on__lte=today + datetime.timedelta(days=filters.within_days))
    )
    if filters.mine:
        qs = qs.filter(case__assigned_to=actor)
    if filters.office_id:
        shared = CaseShare.objects.filter(office_id=filters.office_id).values("case_id")
        qs = qs.filter(Q(case__owning_office_id=filters.office_id) | Q(case_id__in=shared))
    return qs.order_by("due_on", "id")


def overdue_counts(*, actor) -> dict[str, int]:
    """Overdue surveys of the actor's own cases and of every case they see (home page)."""
    if not rules.has_perm("reintegration.view_schemes", actor):
        return {}
    overdue = surveys_due(actor=actor, filters=DueFilters(overdue_only=True))
    return {"mine": overdue.filter(case__assigned_to=actor).count(), "all": overdue.count()}


def returnee_surveys(*, actor, case: Case, person_id) -> tuple[Person, list[SustainabilitySurvey]]:
    """A returnee of a case and their surveys in date order, if the actor may see them; else 404."""
    person_id = positive_int(str(person_id))
    if person_id is None or person_id not in person_ids_visible(actor=actor, case=case):
        raise Http404
    person = Person.objects.get(pk=person_id)
    surveys = list(
        SustainabilitySurvey.objects.filter(case=case, person=person)
        .select_related("scheme", "conducted_by")
        .order_by("conducted_on", "due_on", "id")
    )
    surveys.sort(key=lambda s: (s.conducted_on or s.due_on or datetime.date.max, s.pk))
    return person, surveys


@dataclasses.dataclass(frozen=True)
class ReturneeSustainability:
    person: Person
    latest: SustainabilitySurvey | None  # latest conducted
    next_due: SustainabilitySurvey | None
    overdue: int


def case_sustainability(*, actor, case: Case) -> list[ReturneeSustainability]:
    """For the case page: each visible member with surveys, their latest scores and next survey due."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    visible = person_ids_visible(actor=actor, case=case)
    today = timezone.localdate()
    by_person: dict[int, list[SustainabilitySurvey]] = {}
    for survey in (
        SustainabilitySurvey.objects.filter(case=case, person_id__in=visible)
        .select_related("person")
        .order_by("due_on", "conducted_on", "id")
    ):
        by_person.setdefault(survey.person_id, []).append(survey)
    rows = []
    for surveys in by_person.values():
        done = sorted((s for s in surveys if s.is_conducted), key=lambda s: (s.conducted_on, s.pk))
        pending = [s for s in surveys if not s.is_conducted and s.due_on]
        rows.append(
            ReturneeSustainability(
                person=surveys[0].person,
                latest=done[-1] if done else None,
                next_due=pending[0] if pending else None,
                overdue=sum(1 for s in pending if s.due_on < today),
            )
        )
    return rows
