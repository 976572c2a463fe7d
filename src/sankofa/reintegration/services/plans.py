"""Needs assessment and reintegration plan writes: items, purchases, approval, delivery, revisions."""

import dataclasses
import datetime
from decimal import Decimal

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Organisation
from sankofa.access.permissions import ensure
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.services import assistance_record
from sankofa.cases.models import Case
from sankofa.cases.services import timeline_record
from sankofa.core.models import Country
from sankofa.people.models import Person

from ..models import (
    Arrival,
    Assessment,
    PlanItem,
    PlanPurchase,
    PlanRevision,
    ReintegrationPlan,
)
from ..models.plans import ITEM_KINDS, PLAN_DUE_DAYS
from .common import StaleEdit, _known_fields, _lock, _member_or_refuse, _money, _not_future, _save

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
# Encrypted, and readable only with the sensitive-data permission: writable only with it too.
SENSITIVE_ASSESSMENT_FIELDS = ("psychosocial_needs", "confidential_notes")


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
    """Record (or update) the needs and skills assessment of one returnee of the case. The sensitive
    fields (psychosocial needs, confidential notes) may be written — or overwritten, even with an
    empty value — only by a user with `cases.view_sensitive` on the case: anyone else who passes
    them is refused (not silently ignored), and their omission keeps what is stored."""
    ensure(actor, "reintegration.work", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    _not_future(assessed_on, _("The assessment date"))
    _known_fields(fields, ASSESSMENT_FIELDS)
    sensitive = [f for f in SENSITIVE_ASSESSMENT_FIELDS if f in fields]
    if sensitive and not rules.has_perm("cases.view_sensitive", actor, case):
        message = _(
            "Psychosocial needs and confidential notes can be written only with access to sensitive "
            "data: leave them out."
        )
        raise ValidationError({field: message for field in sensitive})
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
    timeline_record(case=case, actor=actor, kind=kind, person=person)
    return assessment


# --- Reintegration plan ---------------------------------------------------------------------------


@dataclasses.dataclass
class PurchaseInput:
    description: str
    quantity: Decimal
    unit_cost: Decimal


def _plan_data(plan: ReintegrationPlan) -> dict:
    return {"plan": plan.pk, "revision": plan.revision}


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
    timeline_record(
        case=case, actor=actor, kind="reintegration.plan_created", person=plan.person, data=_plan_data(plan)
    )
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
        timeline_record(
            case=plan.case,
            actor=actor,
            kind="reintegration.plan_revised",
            person=plan.person,
            data=_plan_data(plan),
        )
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
    timeline_record(
        case=plan.case,
        actor=actor,
        kind="reintegration.plan_submitted",
        person=plan.person,
        data=_plan_data(plan),
    )
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
        case=plan.case,
        actor=actor,
        kind="reintegration.plan_approved",
        note=note,
        person=plan.person,
        data=_plan_data(plan),
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
        case=plan.case,
        actor=actor,
        kind="reintegration.plan_returned",
        note=note,
        person=plan.person,
        data=_plan_data(plan),
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
        person=plan.person,
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
    timeline_record(
        case=plan.case,
        actor=actor,
        kind="reintegration.plan_completed",
        person=plan.person,
        data=_plan_data(plan),
    )
    return plan
