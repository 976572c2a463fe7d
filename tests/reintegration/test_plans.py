"""Plans: budget arithmetic per currency, approval rules, revisions, concurrent edits, delivery."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sankofa.assistance.models import AssistanceRecord
from sankofa.reintegration import services
from sankofa.reintegration.models import PlanItem, PlanRevision, ReintegrationPlan
from sankofa.reintegration.models.plans import totals_by_currency

from .conftest import PAST, TODAY, add_item, submitted

pytestmark = pytest.mark.django_db


def test_totals_are_kept_per_currency_never_added_across():
    totals = totals_by_currency(
        [(Decimal("100.50"), "EUR"), (Decimal("250000"), "GNF"), (Decimal("49.50"), "EUR"), (None, "USD")]
    )
    assert totals == {"EUR": Decimal("150.00"), "GNF": Decimal("250000")}


def test_plan_budget_totals_per_currency_with_purchases(plan, origin_caseworker):
    add_item(
        plan,
        origin_caseworker,
        budget="1500000",
        currency="GNF",
        purchases=[
            services.PurchaseInput("Machine à coudre", Decimal("2"), Decimal("350000")),
            services.PurchaseInput("Tissu (mètres)", Decimal("40"), Decimal("12500.50")),
        ],
    )
    add_item(plan, origin_caseworker, budget="300", currency="EUR", kind="vocational_training")
    add_item(plan, origin_caseworker, budget="200.25", currency="EUR", kind="counselling")
    plan = ReintegrationPlan.objects.get(pk=plan.pk)
    assert plan.budget_totals() == {"EUR": Decimal("500.25"), "GNF": Decimal("1500000")}
    # 2 × 350 000 + 40 × 12 500.50 = 1 200 020, in the item's currency only
    assert plan.purchase_totals() == {"GNF": Decimal("1200020.00")}
    dimensions = sorted(plan.items.values_list("dimension", flat=True))
    assert dimensions == ["economic", "economic", "psychosocial"]


def test_an_item_needs_a_currency_a_positive_budget_and_a_provider_or_referral(plan, origin_caseworker):
    with pytest.raises(ValidationError):
        add_item(plan, origin_caseworker, currency="")
    with pytest.raises(ValidationError):
        add_item(plan, origin_caseworker, currency="XYZ")
    with pytest.raises(ValidationError):
        add_item(plan, origin_caseworker, budget="0")
    with pytest.raises(ValidationError):
        add_item(plan, origin_caseworker, provider_name="")
    item = add_item(plan, origin_caseworker, provider_name="", referral_needed=True)
    assert item.provided_by == "Referral needed"


def test_supervisor_cannot_approve_own_plan(plan, origin_supervisor):
    p = submitted(plan, origin_supervisor)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=origin_supervisor, plan=p, version=p.version)


def test_administrator_may_approve_own_plan(plan, origin_admin):
    p = submitted(plan, origin_admin)
    p = services.plan_approve(actor=origin_admin, plan=p, version=p.version)
    assert p.status == ReintegrationPlan.Status.APPROVED


def test_caseworker_cannot_approve(plan, origin_caseworker):
    p = submitted(plan, origin_caseworker)
    other = plan.case.assigned_to  # the Niamey caseworker: not even a supervisor
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=other, plan=p, version=p.version)


def test_empty_plan_cannot_be_submitted(plan, origin_caseworker):
    with pytest.raises(ValidationError):
        services.plan_submit(actor=origin_caseworker, plan=plan, version=plan.version)


def test_submitted_plan_cannot_be_changed_and_returned_plan_can(plan, origin_caseworker, origin_supervisor):
    p = submitted(plan, origin_caseworker)
    with pytest.raises(ValidationError):
        add_item(p, origin_caseworker)
    with pytest.raises(ValidationError):  # returning needs a note
        services.plan_return(actor=origin_supervisor, plan=p, version=p.version, note="")
    p = services.plan_return(actor=origin_supervisor, plan=p, version=p.version, note="Budget trop élevé")
    add_item(p, origin_caseworker, budget="100", currency="EUR", kind="counselling")
    p.refresh_from_db()
    assert p.status == ReintegrationPlan.Status.RETURNED and p.revision == 1


def test_changing_an_approved_plan_makes_a_new_revision_and_keeps_the_old(
    approved_plan, origin_caseworker, origin_supervisor
):
    assert approved_plan.revision == 1
    [first] = PlanRevision.objects.filter(plan=approved_plan)
    assert first.content["totals"] == {"GNF": "500000.00"}
    add_item(approved_plan, origin_caseworker, budget="80", currency="EUR", kind="counselling")
    plan = ReintegrationPlan.objects.get(pk=approved_plan.pk)
    assert plan.status == ReintegrationPlan.Status.DRAFT and plan.revision == 2
    plan = services.plan_submit(actor=origin_caseworker, plan=plan, version=plan.version)
    plan = services.plan_approve(actor=origin_supervisor, plan=plan, version=plan.version)
    revisions = {r.number: r.content for r in plan.revisions.all()}
    assert set(revisions) == {1, 2}
    assert len(revisions[1]["items"]) == 1 and len(revisions[2]["items"]) == 2
    assert revisions[2]["totals"] == {"EUR": "80.00", "GNF": "500000.00"}


def test_concurrent_edit_is_refused(plan, origin_caseworker):
    stale = plan.version
    add_item(plan, origin_caseworker)  # someone else saved meanwhile
    with pytest.raises(services.StaleEdit):
        services.plan_update(
            actor=origin_caseworker,
            plan=plan,
            version=stale,
            economic_summary="écrasé",
            social_summary="",
            psychosocial_summary="",
        )
    plan.refresh_from_db()
    assert plan.economic_summary == "Petit commerce de tissus à Labé"


def test_double_approval_is_refused(plan, origin_caseworker, origin_supervisor, origin_supervisor2):
    p = submitted(plan, origin_caseworker)
    version = p.version
    services.plan_approve(actor=origin_supervisor, plan=p, version=version)
    with pytest.raises(ValidationError):
        services.plan_approve(actor=origin_supervisor2, plan=p, version=version)


def test_delivering_an_item_records_reintegration_assistance(approved_plan, origin_caseworker, origin_office):
    item = approved_plan.items.get()
    approved_plan.refresh_from_db()
    record = services.plan_item_deliver(
        actor=origin_caseworker,
        item=item,
        version=approved_plan.version,
        delivered_on=TODAY,
        modality=AssistanceRecord.Modality.CASH,
    )
    record.refresh_from_db()
    assert record.stage == AssistanceRecord.Stage.REINTEGRATION
    assert (record.amount, record.currency) == (Decimal("500000.00"), "GNF")
    assert record.person_id == approved_plan.person_id and record.country_id == origin_office.country_id
    assert record.service.code == "income-generating-activity"
    item.refresh_from_db()
    plan = ReintegrationPlan.objects.get(pk=approved_plan.pk)
    assert item.status == PlanItem.Status.DELIVERED and item.assistance_id == record.pk
    assert plan.status == ReintegrationPlan.Status.IN_PROGRESS
    with pytest.raises(ValidationError):  # once
        services.plan_item_deliver(
            actor=origin_caseworker, item=item, version=plan.version, delivered_on=TODAY
        )
    plan = services.plan_complete(actor=origin_caseworker, plan=plan, version=plan.version)
    assert plan.status == ReintegrationPlan.Status.COMPLETED


def test_delivery_is_all_or_nothing(approved_plan, origin_caseworker):
    item = approved_plan.items.get()
    before = AssistanceRecord.objects.count()
    with pytest.raises(ValidationError):  # in the future: the assistance service refuses
        services.plan_item_deliver(
            actor=origin_caseworker,
            item=item,
            version=approved_plan.version,
            delivered_on=TODAY + datetime.timedelta(days=3),
        )
    item.refresh_from_db()
    assert AssistanceRecord.objects.count() == before and item.status == PlanItem.Status.PLANNED


def test_draft_items_cannot_be_delivered(plan, origin_caseworker):
    item = add_item(plan, origin_caseworker)
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        services.plan_item_deliver(
            actor=origin_caseworker, item=item, version=plan.version, delivered_on=PAST
        )


def test_plan_is_due_a_month_after_arrival_and_overdue_after(plan):
    assert plan.due_on == plan.arrival.arrived_on + datetime.timedelta(days=30)
    assert not plan.is_overdue_to_design(TODAY)
    assert plan.is_overdue_to_design(TODAY + datetime.timedelta(days=40))


def test_timeline_sentences_in_french(approved_plan, origin_caseworker):
    from django.utils import translation

    from sankofa.cases.extensions import timeline_text_for

    approved_plan.refresh_from_db()
    services.plan_item_deliver(
        actor=origin_caseworker,
        item=approved_plan.items.get(),
        version=approved_plan.version,
        delivered_on=PAST,
    )
    events = {e.kind: e for e in approved_plan.case.timeline.all()}
    with translation.override("fr"):
        delivered = timeline_text_for("reintegration.item_delivered")(
            events["reintegration.item_delivered"].data
        )
        approved = timeline_text_for("reintegration.plan_approved")(
            events["reintegration.plan_approved"].data
        )
    assert delivered.startswith("Microentreprise fourni à")
    assert approved.startswith("Plan de réintégration de") and "révision 1" in approved
