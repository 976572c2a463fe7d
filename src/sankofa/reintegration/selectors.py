"""Every read of reintegration, taking the acting user. Records about a person are visible exactly
when the person is (cases.selectors.members_visible_to: through a share, only consenting members);
community projects are scoped by their office."""

import dataclasses
import datetime

import rules
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.models import Case, CaseShare
from sankofa.cases.selectors import case_flags, members_visible_to, person_ids_visible
from sankofa.core.parsing import positive_int
from sankofa.people.models import Person
from sankofa.returns.models import Handover

from .models import (
    Arrival,
    Assessment,
    CaseClosure,
    CommunityProject,
    PlanItem,
    ProjectParticipant,
    ReintegrationPlan,
)
from .models.surveys import ScoringScheme, SustainabilitySurvey


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


# --- Reception ------------------------------------------------------------------------------------


def arrivals_visible_to(actor) -> QuerySet[Arrival]:
    return _visible(actor, Arrival.objects.all()).select_related("case", "person", "office").order_by("-id")


def arrival_get(*, actor, pk) -> Arrival:
    return _get(arrivals_visible_to(actor), pk)


@dataclasses.dataclass
class Awaited:
    """A handed-over returnee whose arrival is not recorded yet."""

    case: Case
    person: object
    handover: Handover


def queue_expected_arrivals(*, actor, limit: int = 200) -> list[Awaited]:
    """People of acknowledged handovers to the actor's offices (and visible to them) who have no
    arrival yet: the origin office's work queue."""
    offices = office_ids_of(actor, roles=CASE_READERS)
    handovers = (
        Handover.objects.filter(to_office_id__in=offices, status=Handover.Status.ACKNOWLEDGED)
        .select_related("case")
        .prefetch_related("people")
        .order_by("-acknowledged_at", "-id")[:limit]
    )
    waiting = []
    arrived = set(
        Arrival.objects.filter(case_id__in=[h.case_id for h in handovers]).values_list("case_id", "person_id")
    )
    visible: dict[int, set[int]] = {}
    for handover in handovers:
        if handover.case_id not in visible:
            visible[handover.case_id] = person_ids_visible(actor=actor, case=handover.case)
        for person in handover.people.all():
            if person.pk in visible[handover.case_id] and (handover.case_id, person.pk) not in arrived:
                waiting.append(Awaited(handover.case, person, handover))
    return waiting


def queue_received_arrivals(*, actor, days: int = 60) -> QuerySet[Arrival]:
    """Arrivals at the actor's offices in the last `days` days, newest first."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    offices = office_ids_of(actor, roles=CASE_READERS)
    return arrivals_visible_to(actor).filter(office_id__in=offices, arrived_on__gte=since)


def arrival_candidates(*, actor, case: Case):
    """The case's people the actor sees, for the arrival form."""
    from sankofa.cases.selectors import case_people

    return case_people(actor=actor, case=case)


# --- Assessment -----------------------------------------------------------------------------------


def assessments_visible_to(actor) -> QuerySet[Assessment]:
    return _visible(actor, Assessment.objects.all()).select_related("case", "person").order_by("-id")


def assessment_get(*, actor, pk) -> Assessment:
    return _get(assessments_visible_to(actor), pk)


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


# --- Plans ----------------------------------------------------------------------------------------


def _plan_related(qs: QuerySet[ReintegrationPlan]) -> QuerySet[ReintegrationPlan]:
    items = PlanItem.objects.select_related("provider").prefetch_related("purchases").order_by("id")
    return qs.select_related("case", "person", "arrival", "submitted_by", "approved_by").prefetch_related(
        Prefetch("items", queryset=items)
    )


def plans_visible_to(actor) -> QuerySet[ReintegrationPlan]:
    return _plan_related(_visible(actor, ReintegrationPlan.objects.all())).order_by("-id")


def plan_get(*, actor, pk) -> ReintegrationPlan:
    return _get(plans_visible_to(actor), pk)


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


# --- Case panel -----------------------------------------------------------------------------------


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


# --- Community projects ---------------------------------------------------------------------------


def projects_visible_to(actor) -> QuerySet[CommunityProject]:
    """Projects of the offices the actor works in or covers."""
    return (
        CommunityProject.objects.filter(office_id__in=office_ids_of(actor, roles=CASE_READERS))
        .select_related("office", "country")
        .order_by("-id")
    )


def project_get(*, actor, pk) -> CommunityProject:
    return _get(projects_visible_to(actor), pk)


def project_participants(*, actor, project: CommunityProject) -> QuerySet[ProjectParticipant]:
    """The returnees of a project the actor may see (members_visible_to)."""
    if not rules.has_perm("reintegration.view_project", actor, project):
        return ProjectParticipant.objects.none()
    return _visible(actor, project.participants.all()).select_related("case", "person").order_by("id")


def project_beneficiary_ids(projects) -> set[int]:
    """Unique returnees of the projects: a person linked twice (two projects, or twice through two
    cases) counts once. Aggregate only: no personal data leaves this function."""
    return set(
        ProjectParticipant.objects.filter(project__in=projects).values_list("person_id", flat=True).distinct()
    )


@dataclasses.dataclass
class Beneficiaries:
    returnees: int
    community_members: int

    @property
    def total(self) -> int:
        return self.returnees + self.community_members


def project_beneficiaries(*, actor, projects=None) -> Beneficiaries:
    """Beneficiaries of the projects the actor sees (or of the given ones among them): unique
    returnees plus the community members each project declares."""
    visible = projects_visible_to(actor)
    if projects is not None:
        visible = visible.filter(pk__in=[p.pk for p in projects])
    return Beneficiaries(
        returnees=len(project_beneficiary_ids(visible)),
        community_members=sum(visible.values_list("community_members", flat=True)),
    )


# --- Closures -------------------------------------------------------------------------------------


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


# --- Sustainability surveys ---------------------------------------------------------------------------

DUE_SOON_DAYS = 30


def surveys_visible_to(actor) -> QuerySet[SustainabilitySurvey]:
    """Surveys of people the actor may see in a case (members_visible_to)."""
    return _visible(actor, SustainabilitySurvey.objects.all()).select_related(
        "case", "person", "scheme", "conducted_by", "case__assigned_to"
    )


def survey_get(*, actor, pk) -> SustainabilitySurvey:
    """One survey the actor may see, else 404 (another office's survey does not exist for them)."""
    return _get(surveys_visible_to(actor), pk)


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
