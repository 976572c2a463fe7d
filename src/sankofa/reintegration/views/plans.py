"""Pages of the needs assessment and the reintegration plan: items, purchases, approval, delivery."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.cases.selectors import case_get
from sankofa.core.parsing import positive_int
from sankofa.core.views import save_or_error

from .. import forms, selectors, services
from ..models import PlanItem, ReintegrationPlan
from .common import _form_page, _person_of, _versioned_form_page


@login_required
def assessment_view(request, number, person_id):
    case = case_get(actor=request.user, number=number, for_writing=True)
    person = _person_of(request, case, person_id)
    existing = case.assessments.filter(person=person).first()
    sensitive = request.user.has_perm("cases.view_sensitive", case)
    initial = {}
    if existing is not None:
        initial = {f: getattr(existing, f) for f in services.ASSESSMENT_FIELDS}
        initial.update(assessed_on=existing.assessed_on, version=existing.version)
    form = forms.AssessmentForm(request.POST or None, initial=initial, sensitive=sensitive)

    def write():
        d = dict(form.cleaned_data)
        services.assessment_save(
            actor=request.user,
            case=case,
            person=person,
            assessed_on=d.pop("assessed_on"),
            version=d.pop("version"),
            **d,
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return _form_page(
        request,
        title=_("Needs and skills assessment of %(person)s") % {"person": person},
        form=form,
        back=case.get_absolute_url(),
        case=case,
        extra={"flags": selectors.screening_flags(actor=request.user, case=case, person=person)},
        template="reintegration/assessment.html",
    )


@login_required
def plan_new_view(request, number, person_id):
    case = case_get(actor=request.user, number=number, for_writing=True)
    person = _person_of(request, case, person_id)
    form = forms.PlanForm(request.POST or None)
    created = []

    def write():
        d = form.cleaned_data
        created.append(
            services.plan_create(
                actor=request.user,
                case=case,
                person=person,
                economic_summary=d["economic_summary"],
                social_summary=d["social_summary"],
                psychosocial_summary=d["psychosocial_summary"],
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(created[0])
    return _form_page(
        request,
        title=_("Reintegration plan of %(person)s") % {"person": person},
        form=form,
        back=case.get_absolute_url(),
        case=case,
    )


@login_required
def plan_view(request, pk):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "reintegration/plan_detail.html",
        {
            "plan": plan,
            "case": plan.case,
            "items": list(plan.items.all()),
            "totals": plan.budget_totals(),
            "purchase_totals": plan.purchase_totals(),
            "revisions": selectors.plan_revisions(actor=user, plan=plan),
            "overdue": plan.is_overdue_to_design(timezone.localdate()),
            "can_work": user.has_perm("reintegration.work", plan.case),
            "can_approve": plan.status == ReintegrationPlan.Status.SUBMITTED
            and user.has_perm("reintegration.approve_plan", plan),
            "Status": ReintegrationPlan.Status,
        },
    )


def _plan_form_view(request, pk, **form):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    return _versioned_form_page(request, plan, case=plan.case, done=plan, extra={"plan": plan}, **form)


@login_required
def plan_edit_view(request, pk):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    return _plan_form_view(
        request,
        pk,
        form_class=forms.PlanForm,
        title=_("Summary per dimension"),
        initial={
            "economic_summary": plan.economic_summary,
            "social_summary": plan.social_summary,
            "psychosocial_summary": plan.psychosocial_summary,
        },
        write=lambda p, d: services.plan_update(actor=request.user, plan=p, **d),
    )


@login_required
def item_add_view(request, pk):
    def write(plan, d):
        purchases = []
        if d["purchase_description"]:
            if d["purchase_quantity"] is None or d["purchase_unit_cost"] is None:
                raise ValidationError(_("Give the quantity and the estimated unit cost of the purchase."))
            purchases.append(
                services.PurchaseInput(
                    d["purchase_description"], d["purchase_quantity"], d["purchase_unit_cost"]
                )
            )
        services.plan_item_add(
            actor=request.user,
            plan=plan,
            version=d["version"],
            kind=d["kind"],
            description=d["description"],
            budget=d["budget"],
            currency=d["currency"],
            provider=d["provider"],
            provider_name=d["provider_name"],
            referral_needed=d["referral_needed"],
            purchases=purchases,
        )

    return _plan_form_view(
        request, pk, form_class=forms.PlanItemForm, title=_("Add an assistance item"), write=write
    )


def _item_of(request, pk):
    item = PlanItem.objects.filter(pk=positive_int(str(pk))).select_related("plan").first()
    if item is None:
        raise Http404
    selectors.plan_get(actor=request.user, pk=item.plan_id)  # 404 out of scope
    return item


@login_required
def purchase_add_view(request, pk):
    item = _item_of(request, pk)
    return _plan_form_view(
        request,
        item.plan_id,
        form_class=forms.PurchaseForm,
        title=_("Goods or services to buy for: %(item)s") % {"item": item},
        write=lambda p, d: services.plan_purchase_add(
            actor=request.user,
            item=item,
            version=d["version"],
            purchase=services.PurchaseInput(d["description"], d["quantity"], d["unit_cost"]),
        ),
    )


@login_required
def deliver_view(request, pk):
    item = _item_of(request, pk)
    return _plan_form_view(
        request,
        item.plan_id,
        form_class=forms.DeliverForm,
        title=_("Deliver: %(item)s") % {"item": item},
        write=lambda p, d: services.plan_item_deliver(actor=request.user, item=item, **d),
    )


@login_required
@require_POST
def item_remove_view(request, pk):
    item = _item_of(request, pk)
    version = positive_int(request.POST.get("version", ""))
    save_or_error(
        request, None, lambda: services.plan_item_remove(actor=request.user, item=item, version=version)
    )
    return redirect("reintegration:plan", item.plan_id)


@login_required
def decide_view(request, pk):
    def write(plan, d):
        if d["decision"] == "approve":
            services.plan_approve(actor=request.user, plan=plan, version=d["version"], note=d["note"])
        else:
            services.plan_return(actor=request.user, plan=plan, version=d["version"], note=d["note"])

    return _plan_form_view(
        request, pk, form_class=forms.DecisionForm, title=_("Supervisor approval"), write=write
    )


@login_required
@require_POST
def plan_step_view(request, pk, step):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    version = positive_int(request.POST.get("version", ""))
    steps = {"submit": services.plan_submit, "complete": services.plan_complete}
    if step not in steps:
        raise Http404
    save_or_error(request, None, lambda: steps[step](actor=request.user, plan=plan, version=version))
    return redirect(plan)


@login_required
def revision_view(request, pk, number):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    revision = next(
        (r for r in selectors.plan_revisions(actor=request.user, plan=plan) if r.number == number), None
    )
    if revision is None:
        raise Http404
    return render(
        request, "reintegration/revision.html", {"plan": plan, "case": plan.case, "revision": revision}
    )
