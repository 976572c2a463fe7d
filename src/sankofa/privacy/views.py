from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sankofa.cases.selectors import case_get, case_people
from sankofa.core.views import save_or_error

from . import selectors, services
from .forms import DecisionForm, HoldForm, SubjectRequestForm

NUMBERS_SHOWN = 200


@login_required
def retention_view(request):
    runs = selectors.retention_runs(actor=request.user)
    current = runs.exclude(status="superseded").first()
    numbers = current.report.get("closed_cases", {}).get("numbers", []) if current else []
    context = {
        "run": current,
        "numbers": numbers[:NUMBERS_SHOWN],
        "more": max(0, len(numbers) - NUMBERS_SHOWN),
        "history": runs[:20],
        "periods": services.retention_periods(),
        "can_approve": request.user.has_perm("privacy.approve_retention"),
    }
    return render(request, "privacy/retention.html", context)


@login_required
@require_POST
def retention_approve_view(request, pk):
    run = get_object_or_404(selectors.retention_runs(actor=request.user), pk=pk)
    save_or_error(request, None, lambda: services.retention_approve(run=run, actor=request.user))
    return redirect("privacy:retention")


@login_required
@require_POST
def retention_propose_view(request):
    selectors.retention_runs(actor=request.user)  # the page's permission
    save_or_error(request, None, lambda: services.retention_propose(actor=request.user))
    return redirect("privacy:retention")


@login_required
def requests_view(request):
    if not request.user.has_perm("privacy.list_requests"):
        raise PermissionDenied
    rows = selectors.subject_requests(actor=request.user)[:200]
    return render(request, "privacy/requests.html", {"rows": rows})


@login_required
def request_new_view(request, number):
    case = case_get(actor=request.user, number=number)
    if not request.user.has_perm("privacy.decide_request", case):
        raise Http404
    form = SubjectRequestForm(request.POST or None, people=case_people(actor=request.user, case=case))
    if form.is_valid():
        d = form.cleaned_data
        ok = save_or_error(
            request,
            form,
            lambda: services.subject_request_record(
                actor=request.user,
                case=case,
                person=form.people[d["person"]],
                kind=d["kind"],
                received_on=d["received_on"],
                details=d["details"],
            ),
        )
        if ok:
            return redirect("privacy:requests")
    return render(request, "privacy/request_new.html", {"case": case, "form": form})


@login_required
def request_decide_view(request, pk):
    subject_request = get_object_or_404(selectors.subject_requests(actor=request.user), pk=pk)
    form = DecisionForm(request.POST or None)
    if form.is_valid():
        ok = save_or_error(
            request,
            form,
            lambda: services.subject_request_decide(
                request=subject_request,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                outcome=form.cleaned_data["outcome"],
            ),
        )
        if ok:
            return redirect("privacy:requests")
    return render(request, "privacy/request_decide.html", {"subject_request": subject_request, "form": form})


@login_required
def hold_view(request, number):
    case = case_get(actor=request.user, number=number)
    if not request.user.has_perm("privacy.set_legal_hold", case):
        raise Http404
    hold = selectors.legal_hold_of(case=case)
    form = HoldForm(request.POST or None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        write = (
            (lambda: services.legal_hold_lift(case=case, actor=request.user, reason=reason))
            if hold
            else (lambda: services.legal_hold_set(case=case, actor=request.user, reason=reason))
        )
        if save_or_error(request, form, write):
            return redirect(case)
    return render(request, "privacy/hold.html", {"case": case, "hold": hold, "form": form})
