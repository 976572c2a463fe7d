"""Reintegration pages. Thin: parse the request, call a selector or a service, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.access.models import Office
from sankofa.access.roles import CASE_WRITERS
from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import case_get, case_people
from sankofa.cases.services import MemberInput
from sankofa.core.parsing import positive_int
from sankofa.core.views import save_or_error

from . import forms, selectors, services
from .models import PlanItem, ReintegrationPlan
from .models.surveys import Dimension


def _form_page(request, *, title, form, back, case=None, extra=None, template="reintegration/form_page.html"):
    return render(
        request, template, {"title": title, "form": form, "back": back, "case": case, **(extra or {})}
    )


def _person_of(request, case, person_id):
    person = case_people(actor=request.user, case=case).filter(pk=positive_int(str(person_id))).first()
    if person is None:
        raise Http404
    return person


# --- Work queue -----------------------------------------------------------------------------------


@login_required
def queues_view(request):
    actor = request.user
    today = timezone.localdate()
    without_plan = list(selectors.queue_arrivals_without_plan(actor=actor)[:100])
    for arrival in without_plan:
        arrival.overdue = (today - arrival.arrived_on).days > 30
    return render(
        request,
        "reintegration/queues.html",
        {
            "expected": selectors.queue_expected_arrivals(actor=actor),
            "received": selectors.queue_received_arrivals(actor=actor)[:100],
            "without_plan": without_plan,
            "overdue": selectors.queue_plans_overdue(actor=actor)[:100],
            "awaiting": selectors.queue_plans_awaiting_approval(actor=actor),
            "closures": selectors.queue_closures_awaiting(actor=actor),
            "can_register": _origin_offices(actor).exists(),
        },
    )


# --- Reception ------------------------------------------------------------------------------------


@login_required
def arrival_new_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.ArrivalForm(
        request.POST or None,
        people=case_people(actor=request.user, case=case),
        initial={"person": positive_int(request.GET.get("person", ""))},
    )

    def write():
        services.arrival_record(actor=request.user, case=case, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return _form_page(
        request, title=_("Record an arrival"), form=form, back=case.get_absolute_url(), case=case
    )


def _origin_offices(actor):
    return offices_of(actor, roles=CASE_WRITERS).filter(kind=Office.Kind.ORIGIN)


@login_required
def spontaneous_view(request):
    offices = _origin_offices(request.user)
    if not offices.exists():
        raise Http404
    form = forms.SpontaneousArrivalForm(request.POST or None, offices=offices)
    created = []

    def write():
        d = form.cleaned_data
        person = {k: d[k] for k in ("given_name", "family_name", "sex", "date_of_birth", "nationality")}
        created.append(
            services.spontaneous_arrival_register(
                actor=request.user,
                office=d["office"],
                principal=MemberInput(person=person, relationship="principal"),
                arrived_on=d["arrived_on"],
                place=d["place"],
                received_by=d["received_by"],
                point_of_entry=d["point_of_entry"],
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(created[0].case)
    return _form_page(request, title=_("Register a spontaneous arrival"), form=form, back=None)


@login_required
def post_arrival_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    arrived = case_people(actor=request.user, case=case).filter(arrivals__case=case).distinct()
    form = forms.PostArrivalForm(request.POST or None, people=arrived, codes=services.POST_ARRIVAL_SERVICES)

    def write():
        d = form.cleaned_data
        services.post_arrival_assistance_record(
            actor=request.user, case=case, people=list(d.pop("people")), **d
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return _form_page(
        request, title=_("Post-arrival assistance"), form=form, back=case.get_absolute_url(), case=case
    )


# --- Assessment -----------------------------------------------------------------------------------


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


# --- Plans ----------------------------------------------------------------------------------------


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


def _plan_form_view(request, pk, *, form_class, title, write, initial=None):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    form = form_class(request.POST or None, initial={"version": plan.version, **(initial or {})})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_error(request, form, lambda: write(plan, form.cleaned_data))
    ):
        return redirect(plan)
    return _form_page(
        request, title=title, form=form, back=plan.get_absolute_url(), case=plan.case, extra={"plan": plan}
    )


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


# --- Community projects ---------------------------------------------------------------------------


@login_required
def projects_view(request):
    from sankofa.core.paging import keyset_page

    projects = selectors.projects_visible_to(request.user)
    return render(
        request,
        "reintegration/projects.html",
        {
            "page": keyset_page(request, projects),
            "beneficiaries": selectors.project_beneficiaries(actor=request.user),
            "can_create": offices_of(request.user, roles=CASE_WRITERS).exists(),
        },
    )


@login_required
def project_new_view(request):
    offices = offices_of(request.user, roles=CASE_WRITERS)
    if not offices.exists():
        raise Http404
    form = forms.ProjectForm(
        request.POST or None, offices=offices, initial={"starts_on": timezone.localdate()}
    )
    created = []

    def write():
        d = dict(form.cleaned_data)
        d.pop("version", None)
        created.append(services.project_create(actor=request.user, office=d.pop("office"), **d))

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(created[0])
    return _form_page(request, title=_("New community project"), form=form, back=None)


@login_required
def project_view(request, pk):
    project = selectors.project_get(actor=request.user, pk=pk)
    return render(
        request,
        "reintegration/project_detail.html",
        {
            "project": project,
            "participants": selectors.project_participants(actor=request.user, project=project),
            "beneficiaries": selectors.project_beneficiaries(actor=request.user, projects=[project]),
            "can_manage": request.user.has_perm("reintegration.manage_project", project),
            "form": forms.ParticipantForm(),
        },
    )


@login_required
def project_edit_view(request, pk):
    project = selectors.project_get(actor=request.user, pk=pk)
    fields = ("name", "kind", "description", "country", "location", "budget", "currency", "starts_on",
              "ends_on", "community_members", "status")  # fmt: skip
    form = forms.ProjectForm(
        request.POST or None,
        offices=None,
        editing=True,
        initial={"version": project.version, **{f: getattr(project, f) for f in fields}},
    )

    def write():
        d = dict(form.cleaned_data)
        services.project_update(actor=request.user, project=project, **d)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(project)
    return _form_page(request, title=str(project), form=form, back=project.get_absolute_url())


@login_required
@require_POST
def participant_add_view(request, pk):
    project = selectors.project_get(actor=request.user, pk=pk)
    form = forms.ParticipantForm(request.POST)

    def write():
        if not form.is_valid():
            raise ValidationError(_("Give a case number."))
        try:
            case = case_get(actor=request.user, number=form.cleaned_data["case_number"].strip().upper())
            person_id = form.cleaned_data["person"]
            person = case.principal if person_id is None else _person_of(request, case, person_id)
        except Http404:
            raise ValidationError(_("No such case or person among those you can see.")) from None
        services.project_participant_add(actor=request.user, project=project, case=case, person=person)

    save_or_error(request, None, write)
    return redirect(project)


# --- Closure --------------------------------------------------------------------------------------


@login_required
def closure_new_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.ClosureRequestForm(request.POST or None)

    def write():
        services.closure_request(actor=request.user, case=case, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return _form_page(
        request, title=_("Request closure of the case"), form=form, back=case.get_absolute_url(), case=case
    )


def _closure_form_view(request, pk, *, form_class, title, write):
    closure = selectors.closure_get(actor=request.user, pk=pk)
    form = form_class(request.POST or None, initial={"version": closure.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_error(request, form, lambda: write(closure, form.cleaned_data))
    ):
        return redirect(closure.case)
    return _form_page(
        request,
        title=title,
        form=form,
        back=closure.case.get_absolute_url(),
        case=closure.case,
        extra={"closure": closure},
    )


@login_required
def closure_decide_view(request, pk):
    def write(closure, d):
        if d["decision"] == "approve":
            services.closure_approve(
                actor=request.user, closure=closure, version=d["version"], note=d["note"]
            )
        else:
            services.closure_refuse(actor=request.user, closure=closure, version=d["version"], note=d["note"])

    return _closure_form_view(
        request, pk, form_class=forms.ClosureDecisionForm, title=_("Decide on the closure"), write=write
    )


@login_required
def reopen_view(request, pk):
    return _closure_form_view(
        request,
        pk,
        form_class=forms.ReopenForm,
        title=_("Reopen the case"),
        write=lambda c, d: services.case_reopen(actor=request.user, closure=c, **d),
    )


# --- Sustainability surveys ---------------------------------------------------------------------------


def _scheme_json(scheme) -> dict:
    """The scheme as the live-scoring script reads it: decimals as strings (it computes exactly)."""
    return {
        "dimensions": [
            {"key": d.key, "label": d.get_key_display(), "weight": str(d.weight)}
            for d in scheme.dimensions.order_by("order")
        ],
        "questions": {
            q.code: {
                "dimension": q.dimension.key,
                "weight": str(q.weight),
                "options": {o.code: None if o.score is None else str(o.score) for o in q.options.all()},
            }
            for q in selectors.scheme_questions(scheme)
        },
        "bands": [{"code": b.code, "label": b.label, "lower": str(b.lower)} for b in scheme.bands.all()],
    }


def _bands(scheme) -> dict[str, str]:
    return {b.code: b.label for b in scheme.bands.all()} if scheme else {}


@login_required
def surveys_due_view(request):
    """Surveys overdue or due soon, for the actor's cases or an office's."""
    if not request.user.has_perm("reintegration.view_schemes"):
        raise PermissionDenied
    form = forms.DueFilterForm(request.GET or None, offices=offices_of(request.user))
    filters = selectors.DueFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.DueFilters(
            mine=d["mine"], office_id=d["office"].pk if d["office"] else None, overdue_only=d["overdue"]
        )
    surveys = list(selectors.surveys_due(actor=request.user, filters=filters)[:200])
    return render(
        request,
        "reintegration/surveys_due.html",
        {"form": form, "surveys": surveys, "today": timezone.localdate()},
    )


@login_required
def survey_view(request, pk):
    survey = selectors.survey_get(actor=request.user, pk=pk)
    can_rescore = survey.is_conducted and request.user.has_perm("reintegration.rescore_survey", survey)
    rescore_form = None
    if can_rescore:
        rescore_form = forms.RescoreForm(
            schemes=selectors.scoring_schemes().exclude(pk=survey.scheme_id), auto_id="rescore_%s"
        )
    answers = []
    if survey.scheme:
        for question in selectors.scheme_questions(survey.scheme):
            chosen = next(
                (o for o in question.options.all() if o.code == survey.answers.get(question.code)), None
            )
            answers.append((question, chosen))
    bands = _bands(survey.scheme)
    return render(
        request,
        "reintegration/survey_detail.html",
        {
            "survey": survey,
            "case": survey.case,
            "bars": [(d.label, getattr(survey, d.value)) for d in Dimension],
            "band_label": bands.get(survey.band, survey.band),
            "answers": answers,
            "history": survey.scores.select_related("scheme", "scored_by").order_by("-scored_at", "-id"),
            "can_conduct": not survey.is_conducted
            and request.user.has_perm("reintegration.conduct_survey", survey),
            "rescore_form": rescore_form,
        },
    )


@login_required
def survey_conduct_view(request, pk):
    survey = selectors.survey_get(actor=request.user, pk=pk)
    if not request.user.has_perm("reintegration.conduct_survey", survey):
        raise PermissionDenied
    if survey.is_conducted:
        return redirect("reintegration:survey", pk=survey.pk)
    scheme = services.active_scheme()
    form = forms.SurveyForm(request.POST or None, questions=selectors.scheme_questions(scheme))

    def write():
        services.survey_conduct(
            actor=request.user,
            survey=survey,
            answers=form.answers(),
            conducted_on=form.cleaned_data["conducted_on"],
            notes=form.cleaned_data["notes"],
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("reintegration:survey", pk=survey.pk)
    return render(
        request,
        "reintegration/survey_form.html",
        {
            "survey": survey,
            "case": survey.case,
            "person": survey.person,
            "form": form,
            "scheme": scheme,
            "scheme_json": _scheme_json(scheme),
            "cancel_url": reverse("reintegration:survey", args=[survey.pk]),
        },
    )


@login_required
@require_POST
def survey_rescore_view(request, pk):
    survey = selectors.survey_get(actor=request.user, pk=pk)
    if not request.user.has_perm("reintegration.rescore_survey", survey):
        raise PermissionDenied
    form = forms.RescoreForm(request.POST, schemes=selectors.scoring_schemes())
    if form.is_valid():
        d = form.cleaned_data
        save_or_error(
            request,
            None,
            lambda: services.survey_rescore(
                actor=request.user, survey=survey, scheme=d["scheme"], reason=d["reason"]
            ),
        )
    else:
        from django.contrib import messages

        messages.error(request, _("Choose a scheme version and say why the survey is rescored."))
    return redirect("reintegration:survey", pk=survey.pk)


@login_required
def returnee_view(request, number, person_id):
    """One returnee's surveys and their scores over time (a line chart)."""
    case = case_get(actor=request.user, number=number)
    person, surveys = selectors.returnee_surveys(actor=request.user, case=case, person_id=person_id)
    done = [s for s in surveys if s.is_conducted]
    chart = {
        "labels": [s.conducted_on.isoformat() for s in done],
        "series": [
            {"label": _("Composite"), "data": [_num(s.composite) for s in done]},
            *({"label": str(d.label), "data": [_num(getattr(s, d.value)) for s in done]} for d in Dimension),
        ],
    }
    return render(
        request,
        "reintegration/returnee.html",
        {
            "case": case,
            "person": person,
            "surveys": surveys,
            "chart": chart,
            "today": timezone.localdate(),
            "can_add": request.user.has_perm("reintegration.add_survey", case),
        },
    )


@login_required
def survey_new_view(request, number, person_id):
    """An unscheduled survey (an extra follow-up, or the baseline), answered and scored at once."""
    case = case_get(actor=request.user, number=number, for_writing=True)
    person, _surveys = selectors.returnee_surveys(actor=request.user, case=case, person_id=person_id)
    scheme = services.active_scheme()
    form = forms.UnscheduledSurveyForm(request.POST or None, questions=selectors.scheme_questions(scheme))
    made = []

    def write():
        d = form.cleaned_data
        made.append(
            services.survey_record(
                actor=request.user,
                case=case,
                person=person,
                kind=d["kind"],
                answers=form.answers(),
                conducted_on=d["conducted_on"],
                notes=d["notes"],
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("reintegration:survey", pk=made[0].pk)
    back = reverse("reintegration:returnee-sustainability", args=[case.number, person.pk])
    return render(
        request,
        "reintegration/survey_form.html",
        {
            "survey": None,
            "case": case,
            "person": person,
            "form": form,
            "scheme": scheme,
            "scheme_json": _scheme_json(scheme),
            "cancel_url": back,
        },
    )


def _num(value):
    return None if value is None else float(value)


@login_required
def schemes_view(request):
    if not request.user.has_perm("reintegration.view_schemes"):
        raise PermissionDenied
    return render(request, "reintegration/schemes.html", {"schemes": selectors.scoring_schemes()})


@login_required
def scheme_view(request, pk):
    if not request.user.has_perm("reintegration.view_schemes"):
        raise PermissionDenied
    scheme = selectors.scheme_get(pk=pk)
    groups: dict = {}
    for question in selectors.scheme_questions(scheme):
        groups.setdefault(question.dimension, []).append(question)
    return render(
        request,
        "reintegration/scheme_detail.html",
        {
            "scheme": scheme,
            "groups": list(groups.items()),
            "bands": scheme.bands.all(),
            "back": reverse("reintegration:schemes"),
        },
    )
