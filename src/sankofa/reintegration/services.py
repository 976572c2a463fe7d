"""Every write of reintegration. Keyword-only, one transaction, permission first, lock what can race,
the model guards the transition, then the timeline (STYLE.md). See docs/reintegration.md."""

import calendar
import dataclasses
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Office, Organisation
from sankofa.access.permissions import ensure
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.services import assistance_record
from sankofa.cases.models import Case
from sankofa.cases.selectors import person_ids_visible
from sankofa.cases.services import MemberInput, case_register, case_status_change, timeline_record
from sankofa.core.currencies import validate_currency
from sankofa.core.models import Country
from sankofa.people.models import Person
from sankofa.returns.models import Handover, ReturnRequest

from .models import (
    Arrival,
    Assessment,
    CaseClosure,
    CommunityProject,
    PlanItem,
    PlanPurchase,
    PlanRevision,
    ProjectParticipant,
    ReintegrationPlan,
)
from .models import surveys as survey_models
from .models.plans import ITEM_KINDS, PLAN_DUE_DAYS
from .models.surveys import ScoringScheme, SurveyScore, SustainabilitySurvey
from .schedule import follow_up_months_for
from .scheme_files import ParsedScheme, scheme_store
from .scoring import scheme_data, score


class StaleEdit(ValidationError):
    """Someone else changed the record since this form was opened."""


def _not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("%(what)s cannot be in the future.") % {"what": what})


def _member_or_refuse(*, actor, case: Case, person: Person) -> None:
    """The person must be a member of the case whom the actor may see (members_visible_to)."""
    if person.pk not in person_ids_visible(actor=actor, case=case):
        raise ValidationError(_("This person is not a member of the case."))


def _lock(model, obj, version: int | None):
    """The row locked for this transaction, refusing a stale version (optimistic check)."""
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(
            _("This record was changed by someone else in the meantime. Reload it and try again.")
        )
    return locked


def _save(obj, *fields: str) -> None:
    obj.version += 1
    obj.save(update_fields=list(dict.fromkeys((*fields, "version", "updated_at"))))


# --- Reception ------------------------------------------------------------------------------------

# Catalogue services offered for post-arrival assistance (assistance.catalogue codes).
POST_ARRIVAL_SERVICES = (
    "shelter-temporary",
    "transport-onward",
    "transport-local",
    "cash-pocket-money",
    "cash-multipurpose",
    "medical-consultation",
    "medical-treatment",
    "food",
    "nfi-kit",
    "psychosocial-individual",
)


def _receiving_office(actor, case: Case, office: Office | None) -> Office:
    from sankofa.access.roles import CASE_WRITERS
    from sankofa.access.selectors import office_ids_of

    allowed = Office.objects.filter(
        pk__in=office_ids_of(actor, roles=CASE_WRITERS) & case.office_ids(), kind=Office.Kind.ORIGIN
    ).order_by("pk")
    if office is not None:
        if not allowed.filter(pk=office.pk).exists():
            raise ValidationError(
                _("Arrivals are recorded by an office in the country of origin that sees the case.")
            )
        return office
    found = allowed.first()
    if found is None:
        raise ValidationError(
            _("Arrivals are recorded by an office in the country of origin that sees the case.")
        )
    return found


@transaction.atomic
def arrival_record(
    *,
    actor,
    case: Case,
    person: Person,
    arrived_on: datetime.date,
    place: str,
    received_by: str,
    point_of_entry: str = Arrival.PointOfEntry.AIRPORT,
    office: Office | None = None,
) -> Arrival:
    """Record one returnee's arrival at the origin office. Linked to the return request handed over
    to that office when there is one; a spontaneous arrival has none. Once per person and return."""
    ensure(actor, "reintegration.receive", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    _not_future(arrived_on, _("The arrival date"))
    if point_of_entry not in Arrival.PointOfEntry.values:
        raise ValidationError(_("Choose a point of entry."))
    if not place.strip() or not received_by.strip():
        raise ValidationError(_("Give the place of arrival and who received the person."))
    office = _receiving_office(actor, case, office)
    handover = (
        Handover.objects.filter(
            case=case, to_office=office, status=Handover.Status.ACKNOWLEDGED, people=person
        )
        .select_related("request")
        .order_by("-sent_at")
        .first()
    )
    request: ReturnRequest | None = handover.request if handover else None
    earlier = Arrival.objects.filter(case=case, person=person)
    if request is not None and earlier.filter(return_request=request).exists():
        raise ValidationError(_("The arrival of this person has already been recorded."))
    if request is None and earlier.filter(arrived_on=arrived_on).exists():
        raise ValidationError(_("The arrival of this person has already been recorded."))
    arrival = Arrival.objects.create(
        case=case,
        person=person,
        return_request=request,
        office=office,
        arrived_on=arrived_on,
        point_of_entry=point_of_entry,
        place=place.strip(),
        received_by=received_by.strip(),
        recorded_by=actor,
    )
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.arrived",
        data={
            "person": str(person),
            "place": arrival.place,
            "on": arrived_on.isoformat(),
            "office": office.code,
        },
    )
    followups_schedule(case=case, person=person)  # the baseline and follow-ups count from this date
    return arrival


@transaction.atomic
def spontaneous_arrival_register(
    *,
    actor,
    office: Office,
    principal: MemberInput,
    arrived_on: datetime.date,
    place: str,
    received_by: str,
    point_of_entry: str = Arrival.PointOfEntry.AIRPORT,
) -> Arrival:
    """A returnee who arrives without a prior handover is registered at the origin office (a new
    case, through cases.services.case_register) and their arrival recorded, all or nothing."""
    if office.kind != Office.Kind.ORIGIN:
        raise ValidationError(_("Spontaneous arrivals are registered by an office in the country of origin."))
    case = case_register(actor=actor, office=office, principal=principal, registered_on=arrived_on)
    return arrival_record(
        actor=actor,
        case=case,
        person=case.principal,
        arrived_on=arrived_on,
        place=place,
        received_by=received_by,
        point_of_entry=point_of_entry,
        office=office,
    )


@transaction.atomic
def post_arrival_assistance_record(
    *,
    actor,
    case: Case,
    people: list[Person],
    service: Service,
    delivered_on: datetime.date,
    modality: str,
    amount: Decimal | None = None,
    currency: str = "",
    place: str = "",
    partner: Organisation | None = None,
    notes: str = "",
) -> list[AssistanceRecord]:
    """Post-arrival assistance (accommodation, onward transport, pocket money, medical care) as
    assistance records of stage "post-arrival", for returnees whose arrival is recorded."""
    ensure(actor, "reintegration.receive", case)
    if service.code not in POST_ARRIVAL_SERVICES:
        raise ValidationError(_("This service is not post-arrival assistance."))
    arrivals = {a.person_id: a for a in Arrival.objects.filter(case=case).select_related("office")}
    if any(p.pk not in arrivals for p in people):
        raise ValidationError(_("Record the person's arrival before post-arrival assistance."))
    country = arrivals[people[0].pk].office.country if people else case.owning_office.country
    return assistance_record(
        actor=actor,
        case=case,
        people=people,
        service=service,
        delivered_on=delivered_on,
        country=country,
        modality=modality,
        stage=AssistanceRecord.Stage.POST_ARRIVAL,
        place=place,
        partner=partner,
        amount=amount,
        currency=currency,
        notes=notes,
    )


# --- Assessment -----------------------------------------------------------------------------------

ASSESSMENT_FIELDS = (
    "economic_needs",
    "social_needs",
    "psychosocial_needs",
    "skills",
    "education",
    "work_experience",
    "family_situation",
    "confidential_notes",
)


@transaction.atomic
def assessment_save(
    *,
    actor,
    case: Case,
    person: Person,
    assessed_on: datetime.date,
    version: int | None = None,
    **fields,
) -> Assessment:
    """Record (or update) the needs and skills assessment of one returnee of the case."""
    ensure(actor, "reintegration.work", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    _not_future(assessed_on, _("The assessment date"))
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if fields.get("education") and fields["education"] not in Assessment.Education.values:
        raise ValidationError(_("Choose a level of education."))
    existing = Assessment.objects.filter(case=case, person=person).first()
    if existing is None:
        assessment = Assessment.objects.create(
            case=case, person=person, assessed_on=assessed_on, assessed_by=actor, **fields
        )
        kind = "reintegration.assessed"
    else:
        assessment = _lock(Assessment, existing, version)
        for key, value in fields.items():
            setattr(assessment, key, value)
        assessment.assessed_on, assessment.assessed_by = assessed_on, actor
        _save(assessment, "assessed_on", "assessed_by", *fields)
        kind = "reintegration.assessment_updated"
    timeline_record(case=case, actor=actor, kind=kind, data={"person": str(person)})
    return assessment


# --- Reintegration plan ---------------------------------------------------------------------------


@dataclasses.dataclass
class PurchaseInput:
    description: str
    quantity: Decimal
    unit_cost: Decimal


def _plan_data(plan: ReintegrationPlan) -> dict:
    return {"plan": plan.pk, "person": str(plan.person), "revision": plan.revision}


@transaction.atomic
def plan_create(
    *,
    actor,
    case: Case,
    person: Person,
    economic_summary: str = "",
    social_summary: str = "",
    psychosocial_summary: str = "",
) -> ReintegrationPlan:
    """Start the reintegration plan of a returnee, due a month after their arrival."""
    ensure(actor, "reintegration.work", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    if ReintegrationPlan.objects.filter(case=case, person=person).exists():
        raise ValidationError(_("This returnee already has a reintegration plan."))
    arrival = Arrival.objects.filter(case=case, person=person).order_by("-arrived_on", "-id").first()
    start = arrival.arrived_on if arrival else timezone.localdate()
    plan = ReintegrationPlan.objects.create(
        case=case,
        person=person,
        arrival=arrival,
        due_on=start + datetime.timedelta(days=PLAN_DUE_DAYS),
        economic_summary=economic_summary,
        social_summary=social_summary,
        psychosocial_summary=psychosocial_summary,
        created_by=actor,
    )
    timeline_record(case=case, actor=actor, kind="reintegration.plan_created", data=_plan_data(plan))
    return plan


def _lock_plan(plan: ReintegrationPlan, version: int | None) -> ReintegrationPlan:
    locked = ReintegrationPlan.objects.select_for_update().select_related("case", "person").get(pk=plan.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(_("This plan was changed by someone else in the meantime. Reload it and try again."))
    return locked


def _open_for_changes(plan: ReintegrationPlan, actor) -> None:
    """Draft and returned plans change in place; an approved or in-progress plan starts a new
    revision (back to draft; the approved one stays readable as a PlanRevision)."""
    if plan.status in ReintegrationPlan.EDITABLE:
        return
    if plan.status in ReintegrationPlan.REVISABLE:
        plan.transition_to(ReintegrationPlan.Status.DRAFT)
        plan.revision += 1
        plan.submitted_by, plan.submitted_at = None, None
        plan.save(update_fields=["status", "revision", "submitted_by", "submitted_at"])
        timeline_record(case=plan.case, actor=actor, kind="reintegration.plan_revised", data=_plan_data(plan))
        return
    if plan.status == ReintegrationPlan.Status.SUBMITTED:
        raise ValidationError(
            _("A plan awaiting approval cannot be changed; wait for the supervisor's decision.")
        )
    raise ValidationError(_("A completed plan cannot be changed."))


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: ReintegrationPlan,
    version: int | None,
    economic_summary: str,
    social_summary: str,
    psychosocial_summary: str,
) -> ReintegrationPlan:
    """Change the summary per dimension (a new revision if the plan was approved)."""
    ensure(actor, "reintegration.work", plan.case)
    plan = _lock_plan(plan, version)
    _open_for_changes(plan, actor)
    plan.economic_summary = economic_summary
    plan.social_summary = social_summary
    plan.psychosocial_summary = psychosocial_summary
    _save(plan, "economic_summary", "social_summary", "psychosocial_summary")
    return plan


def _money(amount, currency: str, what: str) -> None:
    if amount is None or amount <= 0:
        raise ValidationError(_("%(what)s must be a positive amount.") % {"what": what})
    if not currency:
        raise ValidationError(_("Give the currency of every amount."))
    validate_currency(currency)


@transaction.atomic
def plan_item_add(
    *,
    actor,
    plan: ReintegrationPlan,
    version: int | None,
    kind: str,
    description: str,
    budget: Decimal,
    currency: str,
    provider: Organisation | None = None,
    provider_name: str = "",
    referral_needed: bool = False,
    purchases: list[PurchaseInput] = (),
) -> PlanItem:
    """Add an assistance item with its budget (and currency), its provider or "referral needed",
    and the goods and services to buy for it."""
    ensure(actor, "reintegration.work", plan.case)
    plan = _lock_plan(plan, version)
    if kind not in ITEM_KINDS:
        raise ValidationError(_("Choose a type of assistance."))
    if not description.strip():
        raise ValidationError(_("Describe the assistance."))
    _money(budget, currency, _("The budget"))
    if provider is None and not provider_name.strip() and not referral_needed:
        raise ValidationError(_("Name a provider, or mark that a referral is needed."))
    _open_for_changes(plan, actor)
    item = PlanItem.objects.create(
        plan=plan,
        kind=kind,
        description=description.strip(),
        budget=budget,
        currency=currency,
        provider=provider,
        provider_name=provider_name.strip(),
        referral_needed=referral_needed,
    )
    for purchase in purchases:
        _purchase_create(item, purchase)
    _save(plan)
    return item


def _purchase_create(item: PlanItem, purchase: PurchaseInput) -> PlanPurchase:
    if not purchase.description.strip():
        raise ValidationError(_("Describe the goods or service to buy."))
    if purchase.quantity is None or purchase.quantity <= 0:
        raise ValidationError(_("The quantity must be positive."))
    if purchase.unit_cost is None or purchase.unit_cost < 0:
        raise ValidationError(_("The unit cost cannot be negative."))
    return PlanPurchase.objects.create(
        item=item,
        description=purchase.description.strip(),
        quantity=purchase.quantity,
        unit_cost=purchase.unit_cost,
    )


@transaction.atomic
def plan_purchase_add(*, actor, item: PlanItem, version: int | None, purchase: PurchaseInput) -> PlanPurchase:
    """Add goods or a service to buy to an item (quantity × estimated unit cost, item currency)."""
    ensure(actor, "reintegration.work", item.plan.case)
    plan = _lock_plan(item.plan, version)
    _open_for_changes(plan, actor)
    created = _purchase_create(item, purchase)
    _save(plan)
    return created


@transaction.atomic
def plan_item_remove(*, actor, item: PlanItem, version: int | None) -> None:
    """Take a planned item out of the plan (a delivered one stays: it happened)."""
    ensure(actor, "reintegration.work", item.plan.case)
    plan = _lock_plan(item.plan, version)
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if item.status != PlanItem.Status.PLANNED:
        raise ValidationError(_("A delivered item cannot be removed."))
    _open_for_changes(plan, actor)
    item.delete()
    _save(plan)


@transaction.atomic
def plan_submit(*, actor, plan: ReintegrationPlan, version: int | None) -> ReintegrationPlan:
    """Submit the plan for a supervisor's approval. It needs at least one item."""
    ensure(actor, "reintegration.work", plan.case)
    plan = _lock_plan(plan, version)
    if not plan.items.exclude(status=PlanItem.Status.CANCELLED).exists():
        raise ValidationError(_("Add at least one assistance item before submitting the plan."))
    plan.transition_to(ReintegrationPlan.Status.SUBMITTED)
    plan.submitted_by, plan.submitted_at = actor, timezone.now()
    _save(plan, "status", "submitted_by", "submitted_at")
    timeline_record(case=plan.case, actor=actor, kind="reintegration.plan_submitted", data=_plan_data(plan))
    return plan


def _snapshot(plan: ReintegrationPlan) -> dict:
    items = list(plan.items.prefetch_related("purchases").select_related("provider"))
    return {
        "economic_summary": plan.economic_summary,
        "social_summary": plan.social_summary,
        "psychosocial_summary": plan.psychosocial_summary,
        "items": [
            {
                "kind": i.kind,
                "dimension": i.dimension,
                "description": i.description,
                "budget": str(i.budget),
                "currency": i.currency,
                "provider": i.provided_by,
                "referral_needed": i.referral_needed,
                "status": i.status,
                "purchases": [
                    {
                        "description": p.description,
                        "quantity": str(p.quantity),
                        "unit_cost": str(p.unit_cost),
                        "total": str(p.total),
                    }
                    for p in i.purchases.all()
                ],
            }
            for i in items
        ],
        "totals": {code: str(amount) for code, amount in plan.budget_totals().items()},
    }


@transaction.atomic
def plan_approve(*, actor, plan: ReintegrationPlan, version: int | None, note: str = "") -> ReintegrationPlan:
    """A supervisor approves a submitted plan (never one they submitted, unless administrator); the
    approved content is kept as a revision."""
    plan = _lock_plan(plan, version)  # judged on the locked row: no double approval
    ensure(actor, "reintegration.approve_plan", plan)
    plan.transition_to(ReintegrationPlan.Status.APPROVED)
    plan.approved_by, plan.approved_at, plan.decision_note = actor, timezone.now(), note
    _save(plan, "status", "approved_by", "approved_at", "decision_note")
    PlanRevision.objects.create(
        plan=plan,
        number=plan.revision,
        content=_snapshot(plan),
        approved_by=actor,
        approved_at=plan.approved_at,
    )
    timeline_record(
        case=plan.case, actor=actor, kind="reintegration.plan_approved", note=note, data=_plan_data(plan)
    )
    return plan


@transaction.atomic
def plan_return(*, actor, plan: ReintegrationPlan, version: int | None, note: str) -> ReintegrationPlan:
    """A supervisor returns a submitted plan for changes, saying what to change."""
    plan = _lock_plan(plan, version)
    ensure(actor, "reintegration.approve_plan", plan)
    if not note.strip():
        raise ValidationError(_("Say what should change in the plan."))
    plan.transition_to(ReintegrationPlan.Status.RETURNED)
    plan.decision_note = note.strip()
    _save(plan, "status", "decision_note")
    timeline_record(
        case=plan.case, actor=actor, kind="reintegration.plan_returned", note=note, data=_plan_data(plan)
    )
    return plan


@transaction.atomic
def plan_item_deliver(
    *,
    actor,
    item: PlanItem,
    version: int | None,
    delivered_on: datetime.date,
    modality: str = AssistanceRecord.Modality.IN_KIND,
    place: str = "",
    notes: str = "",
) -> AssistanceRecord:
    """Deliver an item of an approved plan: an AssistanceRecord of stage "reintegration" (which the
    indicators count) in the same transaction; the plan is then in progress. A cash delivery pays
    the item's budget in its currency."""
    ensure(actor, "reintegration.work", item.plan.case)
    plan = _lock_plan(item.plan, version)
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if plan.status not in ReintegrationPlan.DELIVERABLE:
        raise ValidationError(_("Only the items of an approved plan can be delivered."))
    if item.status != PlanItem.Status.PLANNED:
        raise ValidationError(_("This item has already been delivered."))
    service = Service.objects.filter(code=item.service_code).first()
    if service is None:
        raise ValidationError(_("The service catalogue has no entry for this type of assistance."))
    cash = modality == AssistanceRecord.Modality.CASH
    arrival = plan.arrival
    country: Country = arrival.office.country if arrival else plan.case.owning_office.country
    [record] = assistance_record(
        actor=actor,
        case=plan.case,
        people=[plan.person],
        service=service,
        delivered_on=delivered_on,
        country=country,
        modality=modality,
        stage=AssistanceRecord.Stage.REINTEGRATION,
        place=place,
        partner=item.provider,
        amount=item.budget if cash else None,
        currency=item.currency if cash else "",
        notes=notes,
    )
    item.status, item.delivered_on, item.assistance = PlanItem.Status.DELIVERED, delivered_on, record
    item.save(update_fields=["status", "delivered_on", "assistance", "updated_at"])
    if plan.status == ReintegrationPlan.Status.APPROVED:
        plan.transition_to(ReintegrationPlan.Status.IN_PROGRESS)
    _save(plan, "status")
    timeline_record(
        case=plan.case,
        actor=actor,
        kind="reintegration.item_delivered",
        data={**_plan_data(plan), "kind": item.kind},
    )
    return record


@transaction.atomic
def plan_complete(*, actor, plan: ReintegrationPlan, version: int | None) -> ReintegrationPlan:
    """Mark an in-progress plan completed once every item is delivered."""
    ensure(actor, "reintegration.work", plan.case)
    plan = _lock_plan(plan, version)
    if plan.items.filter(status=PlanItem.Status.PLANNED).exists():
        raise ValidationError(_("Some items are not delivered yet."))
    plan.transition_to(ReintegrationPlan.Status.COMPLETED)
    plan.completed_on = timezone.localdate()
    _save(plan, "status", "completed_on")
    timeline_record(case=plan.case, actor=actor, kind="reintegration.plan_completed", data=_plan_data(plan))
    return plan


# --- Community projects ---------------------------------------------------------------------------

PROJECT_FIELDS = (
    "name",
    "kind",
    "description",
    "country",
    "location",
    "budget",
    "currency",
    "starts_on",
    "ends_on",
    "community_members",
)


def _project_check(fields: dict) -> None:
    if not (fields.get("name") or "").strip() or not (fields.get("location") or "").strip():
        raise ValidationError(_("Give the project a name and a location."))
    if fields.get("kind") not in CommunityProject.Kind.values:
        raise ValidationError(_("Choose a kind of project."))
    _money(fields.get("budget"), fields.get("currency") or "", _("The budget"))
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError(_("A project cannot end before it starts."))
    if (fields.get("community_members") or 0) < 0:
        raise ValidationError(_("The number of community members cannot be negative."))


@transaction.atomic
def project_create(*, actor, office: Office, **fields) -> CommunityProject:
    """Create a community project of an office (its caseworkers and supervisors run it)."""
    ensure(actor, "reintegration.create_project", office)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _project_check(fields)
    return CommunityProject.objects.create(office=office, created_by=actor, **fields)


@transaction.atomic
def project_update(
    *, actor, project: CommunityProject, version: int | None, status: str | None = None, **fields
) -> CommunityProject:
    """Change a project's details and, optionally, move its status along."""
    ensure(actor, "reintegration.manage_project", project)
    project = _lock(CommunityProject, project, version)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for key, value in fields.items():
        setattr(project, key, value)
    _project_check({f: getattr(project, f) for f in PROJECT_FIELDS})
    if status and status != project.status:
        project.transition_to(status)
    _save(project, "status", *fields)
    return project


@transaction.atomic
def project_participant_add(
    *, actor, project: CommunityProject, case: Case, person: Person, joined_on: datetime.date | None = None
) -> ProjectParticipant:
    """Link a returnee (a person of a case the actor sees) to a community project, once."""
    ensure(actor, "reintegration.manage_project", project)
    ensure(actor, "reintegration.work", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    joined_on = joined_on or timezone.localdate()
    _not_future(joined_on, _("The date of joining"))
    if ProjectParticipant.objects.filter(project=project, person=person).exists():
        raise ValidationError(_("This returnee already takes part in the project."))
    try:
        with transaction.atomic():
            participant = ProjectParticipant.objects.create(
                project=project, case=case, person=person, joined_on=joined_on, added_by=actor
            )
    except IntegrityError:
        raise ValidationError(_("This returnee already takes part in the project.")) from None
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.project_joined",
        data={"person": str(person), "project": project.name},
    )
    return participant


@transaction.atomic
def project_participant_remove(*, actor, participant: ProjectParticipant) -> None:
    """Unlink a returnee from a project (added by mistake)."""
    ensure(actor, "reintegration.manage_project", participant.project)
    participant.delete()


# --- Case closure ---------------------------------------------------------------------------------


@transaction.atomic
def closure_request(*, actor, case: Case, reason: str, note: str = "") -> CaseClosure:
    """Ask a supervisor to close the case, with a reason (and a note)."""
    ensure(actor, "reintegration.request_closure", case)
    if reason not in CaseClosure.Reason.values:
        raise ValidationError(_("Choose the reason for closing the case."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("This case is already closed."))
    if case.closures.filter(status=CaseClosure.Status.REQUESTED).exists():
        raise ValidationError(_("A closure of this case already awaits a decision."))
    closure = CaseClosure.objects.create(case=case, reason=reason, note=note.strip(), requested_by=actor)
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.closure_requested",
        note=note,
        data={"closure": closure.pk, "reason": reason},
    )
    return closure


def _lock_closure(closure: CaseClosure, version: int | None) -> CaseClosure:
    return _lock(CaseClosure, closure, version)


@transaction.atomic
def closure_approve(*, actor, closure: CaseClosure, version: int | None, note: str = "") -> CaseClosure:
    """A supervisor approves the closure (never their own request unless administrator); the case
    is closed through cases.services.case_status_change."""
    closure = _lock_closure(closure, version)
    ensure(actor, "reintegration.decide_closure", closure)
    closure.transition_to(CaseClosure.Status.APPROVED)
    closure.decided_by, closure.decided_at, closure.decision_note = actor, timezone.now(), note
    _save(closure, "status", "decided_by", "decided_at", "decision_note")
    case_status_change(actor=actor, case=closure.case, status=Case.Status.CLOSED, note=note)
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.closed",
        note=note,
        data={"closure": closure.pk, "reason": closure.reason},
    )
    return closure


@transaction.atomic
def closure_refuse(*, actor, closure: CaseClosure, version: int | None, note: str) -> CaseClosure:
    """A supervisor refuses the closure, saying why; the case stays open."""
    closure = _lock_closure(closure, version)
    ensure(actor, "reintegration.decide_closure", closure)
    if not note.strip():
        raise ValidationError(_("Say why the case stays open."))
    closure.transition_to(CaseClosure.Status.REFUSED)
    closure.decided_by, closure.decided_at, closure.decision_note = actor, timezone.now(), note.strip()
    _save(closure, "status", "decided_by", "decided_at", "decision_note")
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.closure_refused",
        note=note,
        data={"closure": closure.pk},
    )
    return closure


@transaction.atomic
def case_reopen(*, actor, closure: CaseClosure, version: int | None, reason: str) -> CaseClosure:
    """A supervisor reopens a closed case, with a reason (the returnee came back, a new need)."""
    closure = _lock_closure(closure, version)
    ensure(actor, "reintegration.reopen_case", closure.case)
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the case."))
    closure.transition_to(CaseClosure.Status.REOPENED)
    closure.reopened_by, closure.reopened_at, closure.reopen_reason = actor, timezone.now(), reason.strip()
    _save(closure, "status", "reopened_by", "reopened_at", "reopen_reason")
    case_status_change(actor=actor, case=closure.case, status=Case.Status.OPEN, note=reason)
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.reopened",
        note=reason,
        data={"closure": closure.pk},
    )
    return closure


# --- Sustainability surveys: schemes, scheduling, conducting, rescoring -----------------------------

BASELINE_WITHIN_MONTHS = 1  # the baseline falls due a month after return (before the plan is made)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def active_scheme() -> ScoringScheme:
    scheme = ScoringScheme.objects.filter(is_active=True).first()
    if scheme is None:
        raise ValidationError(_("No scoring scheme is active: load one with `sankofa load_scoring_scheme`."))
    return scheme


@transaction.atomic
def scheme_load(
    *, parsed: ParsedScheme, source: str = "", activate: bool = False, actor=None
) -> ScoringScheme:
    """Store a checked scheme file as a NEW version of its code (never edits an existing version,
    whose scores must stay reproducible). With `activate`, new surveys are scored with it."""
    last = (
        ScoringScheme.objects.select_for_update()
        .filter(code=parsed.code)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    scheme = scheme_store(
        parsed, models=survey_models, version=(last or 0) + 1, source=source, loaded_by=actor
    )
    if activate or not ScoringScheme.objects.filter(is_active=True).exists():
        scheme_activate(scheme=scheme)
    return scheme


@transaction.atomic
def scheme_activate(*, scheme: ScoringScheme) -> ScoringScheme:
    """Make `scheme` the version new surveys are scored with (surveys already scored keep theirs)."""
    ScoringScheme.objects.select_for_update().filter(is_active=True).exclude(pk=scheme.pk).update(
        is_active=False
    )
    if not scheme.is_active:
        scheme.is_active = True
        scheme.save(update_fields=["is_active", "updated_at"])
    return scheme


@transaction.atomic
def followups_schedule(*, case: Case, person: Person) -> list[SustainabilitySurvey]:
    """Schedule the baseline and the follow-up surveys of a returnee from their latest arrival:
    baseline due a month after return, follow-ups at the months `follow_up_months_for` gives (the
    programme's, or the default 3, 6, 12). Idempotent: creates only what is missing, never moves or
    removes a survey already scheduled. A system action (after an arrival; nightly for all)."""
    arrival = Arrival.objects.filter(case=case, person=person).order_by("-arrived_on", "-id").first()
    if arrival is None:
        return []
    Case.objects.select_for_update().filter(pk=case.pk).first()  # two schedulers: one wins
    existing = SustainabilitySurvey.objects.filter(case=case, person=person)
    created = []
    if not existing.filter(kind=SustainabilitySurvey.Kind.BASELINE).exists():
        created.append(
            SustainabilitySurvey.objects.create(
                case=case,
                person=person,
                kind=SustainabilitySurvey.Kind.BASELINE,
                due_on=add_months(arrival.arrived_on, BASELINE_WITHIN_MONTHS),
            )
        )
    have = set(existing.filter(kind=SustainabilitySurvey.Kind.FOLLOW_UP).values_list("month", flat=True))
    for month in follow_up_months_for(case, arrival.arrived_on):
        if month not in have:
            created.append(
                SustainabilitySurvey.objects.create(
                    case=case,
                    person=person,
                    kind=SustainabilitySurvey.Kind.FOLLOW_UP,
                    month=month,
                    due_on=add_months(arrival.arrived_on, month),
                )
            )
    return created


def surveys_schedule_missing() -> int:
    """Schedule surveys for every arrival whose returnee has none yet (the nightly task and
    `sankofa schedule_surveys`); returns how many surveys were scheduled."""
    scheduled = SustainabilitySurvey.objects.filter(
        case_id=OuterRef("case_id"), person_id=OuterRef("person_id")
    )
    lacking = Arrival.objects.exclude(Exists(scheduled)).select_related("case", "person").order_by("id")
    return sum(len(followups_schedule(case=a.case, person=a.person)) for a in lacking.iterator())


def _validated_answers(scheme: ScoringScheme, answers: dict) -> dict[str, str]:
    data = scheme_data(scheme)
    clean, errors = {}, []
    for code, option in (answers or {}).items():
        question = data.question(str(code))
        if question is None:
            errors.append(_("“%(code)s” is not a question of this scheme.") % {"code": code})
        elif option in (None, ""):
            continue
        elif question.option(str(option)) is None:
            errors.append(
                _("“%(option)s” is not an answer to question “%(code)s”.") % {"option": option, "code": code}
            )
        else:
            clean[str(code)] = str(option)
    missing = [q.code for q in data.questions if q.code not in clean]
    if missing:
        errors.append(
            _("Answer every question (choose “don't know” where it applies): %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    return clean


def _apply_score(
    *, survey: SustainabilitySurvey, scheme: ScoringScheme, actor, reason: str = ""
) -> SurveyScore:
    result = score(scheme_data(scheme), survey.answers)
    SurveyScore.objects.filter(survey=survey, is_current=True).update(is_current=False)
    row = SurveyScore.objects.create(
        survey=survey,
        scheme=scheme,
        composite=result.composite,
        band=result.band,
        scored_by=actor,
        reason=reason,
        **result.dimensions,
    )
    survey.scheme = scheme
    survey.composite, survey.band = result.composite, result.band
    for key, value in result.dimensions.items():
        setattr(survey, key, value)
    return row


SCORE_FIELDS = ["scheme", "economic", "social", "psychosocial", "composite", "band", "updated_at"]


@transaction.atomic
def survey_conduct(
    *,
    actor,
    survey: SustainabilitySurvey,
    answers: dict,
    conducted_on: datetime.date,
    notes: str = "",
) -> SustainabilitySurvey:
    """Record a scheduled survey's answers and score them with the active scheme version. Caseworkers
    of an office that sees the case and the person; once, on or before today and not before return."""
    survey = SustainabilitySurvey.objects.select_for_update().select_related("case").get(pk=survey.pk)
    ensure(actor, "reintegration.conduct_survey", survey)
    if survey.is_conducted:
        raise ValidationError(_("This survey has already been conducted."))
    if conducted_on > timezone.localdate():
        raise ValidationError(_("A survey cannot be conducted in the future."))
    arrival = Arrival.objects.filter(case=survey.case, person=survey.person).order_by("arrived_on").first()
    if arrival and conducted_on < arrival.arrived_on:
        raise ValidationError(_("A survey cannot be conducted before the return."))
    scheme = active_scheme()
    survey.answers = _validated_answers(scheme, answers)
    survey.conducted_on, survey.conducted_by, survey.notes = conducted_on, actor, notes
    _apply_score(survey=survey, scheme=scheme, actor=actor)
    survey.save(update_fields=["answers", "conducted_on", "conducted_by", "notes", *SCORE_FIELDS])
    timeline_record(
        case=survey.case,
        actor=actor,
        kind="survey.conducted",
        data={
            "person": str(survey.person),
            "kind": survey.kind,
            "month": survey.month,
            "composite": None if survey.composite is None else str(survey.composite),
        },
    )
    return survey


@transaction.atomic
def survey_record(
    *,
    actor,
    case: Case,
    person: Person,
    kind: str,
    answers: dict,
    conducted_on: datetime.date,
    notes: str = "",
) -> SustainabilitySurvey:
    """An unscheduled survey (an extra follow-up, or a baseline before any was scheduled): created
    and conducted at once. A second baseline for the same person is refused."""
    ensure(actor, "reintegration.add_survey", case)
    from sankofa.cases.selectors import person_ids_visible

    if person.pk not in person_ids_visible(actor=actor, case=case):
        raise ValidationError(_("This person is not a member of the case."))
    if kind not in SustainabilitySurvey.Kind.values:
        raise ValidationError(_("Unknown kind of survey."))
    if kind == SustainabilitySurvey.Kind.BASELINE:
        baseline = SustainabilitySurvey.objects.filter(case=case, person=person, kind=kind).first()
        if baseline and baseline.is_conducted:
            raise ValidationError(_("This person already has a baseline survey."))
        if baseline:  # the scheduled baseline is the one to conduct
            return survey_conduct(
                actor=actor, survey=baseline, answers=answers, conducted_on=conducted_on, notes=notes
            )
    survey = SustainabilitySurvey.objects.create(case=case, person=person, kind=kind)
    return survey_conduct(actor=actor, survey=survey, answers=answers, conducted_on=conducted_on, notes=notes)


@transaction.atomic
def survey_rescore(
    *, actor, survey: SustainabilitySurvey, scheme: ScoringScheme, reason: str
) -> SustainabilitySurvey:
    """Score a conducted survey again under another scheme version: an explicit act of a supervisor
    or M&E officer, with a reason. The previous scores stay as history (SurveyScore rows)."""
    survey = SustainabilitySurvey.objects.select_for_update().select_related("case").get(pk=survey.pk)
    ensure(actor, "reintegration.rescore_survey", survey)
    if not survey.is_conducted:
        raise ValidationError(_("Only a conducted survey can be rescored."))
    if survey.scheme_id == scheme.pk:
        raise ValidationError(_("This survey is already scored with this scheme version."))
    if not reason.strip():
        raise ValidationError(_("Say why the survey is rescored."))
    previous = survey.scheme
    _apply_score(survey=survey, scheme=scheme, actor=actor, reason=reason)
    survey.save(update_fields=SCORE_FIELDS)
    timeline_record(
        case=survey.case,
        actor=actor,
        kind="survey.rescored",
        note=reason,
        data={"person": str(survey.person), "from": str(previous), "to": str(scheme)},
    )
    return survey
