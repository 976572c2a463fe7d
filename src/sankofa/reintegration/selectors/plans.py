"""Reads of needs assessments and reintegration plans: queues, revisions, the case panel."""

import dataclasses

import rules
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases import read_log
from sankofa.cases.models import Case, CaseAccess
from sankofa.cases.selectors import case_flags, person_ids_visible

from ..models import (
    Arrival,
    Assessment,
    PlanItem,
    ReintegrationPlan,
)
from .common import _get, _visible
from .reception import arrivals_visible_to


def assessments_visible_to(actor) -> QuerySet[Assessment]:
    return _visible(actor, Assessment.objects.all()).select_related("case", "person").order_by("-id")


def assessment_get(*, actor, pk) -> Assessment:
    assessment = _get(assessments_visible_to(actor), pk)
    read_log.read(actor=actor, cases=[assessment.case_id], record=CaseAccess.Record.ASSESSMENT)
    return assessment


@dataclasses.dataclass
class AssessmentView:
    """An assessment as the actor may read it: psychosocial needs and confidential notes masked
    without access to sensitive data."""

    assessment: Assessment
    masked: bool

    def __getattr__(self, name):
        if name in ("psychosocial_needs", "confidential_notes") and self.masked:
            return ""
        return getattr(self.assessment, name)


def assessment_view(*, actor, assessment: Assessment) -> AssessmentView:
    return AssessmentView(assessment, not rules.has_perm("cases.view_sensitive", actor, assessment.case))


def screening_flags(*, actor, case: Case, person) -> list:
    """The case's vulnerability flags of this person (the screening), masked as on the case page."""
    return [f for f in case_flags(actor=actor, case=case) if f.person.pk == person.pk]


def _plan_related(qs: QuerySet[ReintegrationPlan]) -> QuerySet[ReintegrationPlan]:
    items = PlanItem.objects.select_related("provider").prefetch_related("purchases").order_by("id")
    return qs.select_related("case", "person", "arrival", "submitted_by", "approved_by").prefetch_related(
        Prefetch("items", queryset=items)
    )


def plans_visible_to(actor) -> QuerySet[ReintegrationPlan]:
    return _plan_related(_visible(actor, ReintegrationPlan.objects.all())).order_by("-id")


def plan_get(*, actor, pk) -> ReintegrationPlan:
    plan = _get(plans_visible_to(actor), pk)
    read_log.read(actor=actor, cases=[plan.case_id], record=CaseAccess.Record.PLAN)
    return plan


def queue_plans_awaiting_approval(*, actor) -> list[ReintegrationPlan]:
    """Submitted plans the actor may approve (not their own, unless administrator)."""
    qs = plans_visible_to(actor).filter(status=ReintegrationPlan.Status.SUBMITTED)[:200]
    return [p for p in qs if rules.has_perm("reintegration.approve_plan", actor, p)]


def queue_plans_overdue(*, actor) -> QuerySet[ReintegrationPlan]:
    """Plans past their design date and never approved."""
    return plans_visible_to(actor).filter(
        due_on__lt=timezone.localdate(),
        approved_at__isnull=True,
        status__in=[
            ReintegrationPlan.Status.DRAFT,
            ReintegrationPlan.Status.RETURNED,
            ReintegrationPlan.Status.SUBMITTED,
        ],
    )


def queue_arrivals_without_plan(*, actor) -> QuerySet[Arrival]:
    """Returnees received by the actor's offices who have no plan yet, oldest arrival first; those
    past the month are overdue to design."""
    offices = office_ids_of(actor, roles=CASE_READERS)
    plans = ReintegrationPlan.objects.filter(case_id=OuterRef("case_id"), person_id=OuterRef("person_id"))
    return (
        arrivals_visible_to(actor)
        .filter(office_id__in=offices)
        .exclude(Exists(plans))
        .exclude(case__status=Case.Status.CLOSED)
        .order_by("arrived_on", "id")
    )


def plan_revisions(*, actor, plan: ReintegrationPlan):
    if not rules.has_perm("reintegration.view", actor, plan.case):
        return []
    return list(plan.revisions.select_related("approved_by"))


@dataclasses.dataclass
class Returnee:
    person: object
    arrival: Arrival | None
    assessment: Assessment | None
    plan: ReintegrationPlan | None
    overdue: bool


def case_reintegration(*, actor, case: Case) -> list[Returnee]:
    """Per visible person of the case: arrival, assessment and plan (with its budget)."""
    if not rules.has_perm("reintegration.view", actor, case):
        return []
    visible = person_ids_visible(actor=actor, case=case)
    arrivals: dict[int, Arrival] = {}
    for a in case.arrivals.select_related("office").order_by("arrived_on", "id"):
        arrivals[a.person_id] = a  # the latest wins
    assessments = {a.person_id: a for a in case.assessments.all()}
    plans = {p.person_id: p for p in _plan_related(case.reintegration_plans.all())}
    today = timezone.localdate()
    rows = []
    for member in case.members.select_related("person").order_by("id"):
        pid = member.person_id
        if pid not in visible:
            continue
        if pid not in arrivals and pid not in assessments and pid not in plans:
            rows.append(Returnee(member.person, None, None, None, False))
            continue
        plan = plans.get(pid)
        arrival = arrivals.get(pid)
        overdue = (
            plan.is_overdue_to_design(today)
            if plan
            else bool(arrival and (today - arrival.arrived_on).days > 30)
        )
        rows.append(Returnee(member.person, arrival, assessments.get(pid), plan, overdue))
    return rows
