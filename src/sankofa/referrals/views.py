"""Referral pages: directory, map, import, pathways, referrals from a case, overdue lists, insight,
and the partner portal. Thin: parse, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.cases.selectors import case_get, case_people
from sankofa.core.paging import keyset_page
from sankofa.core.parsing import positive_int

from . import forms, imports, selectors, services
from .models import Need, Referral


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _refusal(exc) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("You are not allowed to do this.")]


# --- directory, map, import -------------------------------------------------------------------


@login_required
def provider_list_view(request):
    _require(request, "referrals.view_directory")
    form = forms.ProviderSearchForm(request.GET or None)
    filters = selectors.ProviderFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ProviderFilters(
            q=d["q"],
            country=d["country"].pk if d["country"] else "",
            category=d["category"],
            accepts_only=d["accepts"],
        )
    providers = selectors.providers_directory(actor=request.user, filters=filters)
    return render(
        request,
        "referrals/provider_list.html",
        {
            "form": form,
            "providers": providers[:200],
            "can_import": request.user.has_perm("referrals.manage_providers"),
        },
    )


@login_required
def provider_map_view(request):
    _require(request, "referrals.view_directory")
    return render(
        request,
        "referrals/provider_map.html",
        {"per_country": selectors.providers_per_country(actor=request.user)},
    )


@login_required
def provider_detail_view(request, pk):
    _require(request, "referrals.view_directory")
    provider = selectors.provider_get(actor=request.user, pk=pk)
    return render(request, "referrals/provider_detail.html", {"provider": provider})


@login_required
def provider_import_view(request):
    _require(request, "referrals.manage_providers")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.providers_import(
                actor=request.user, rows=imports.read_rows(form.cleaned_data["file"])
            )
        except (ValidationError, PermissionDenied) as exc:
            errors = _refusal(exc)
        else:
            messages.success(
                request,
                _("%(created)s provider(s) created, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("referrals:providers")
    return render(request, "referrals/provider_import.html", {"form": form, "errors": errors})


@login_required
def provider_template_view(request):
    _require(request, "referrals.view_directory")
    response = HttpResponse(
        imports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="providers-template.xlsx"'
    return response


# --- pathways ---------------------------------------------------------------------------------


@login_required
def pathway_list_view(request):
    _require(request, "referrals.view_directory")
    country = request.GET.get("country", "")[:3].upper()
    need = request.GET.get("need", "")
    pathways = selectors.pathways_visible(
        actor=request.user, country=country, need=need if need in Need.values else ""
    )
    return render(
        request,
        "referrals/pathway_list.html",
        {"pathways": pathways, "needs": Need.choices, "need": need, "country": country},
    )


@login_required
def pathway_detail_view(request, pk):
    _require(request, "referrals.view_directory")
    return render(
        request,
        "referrals/pathway_detail.html",
        {"pathway": selectors.pathway_get(actor=request.user, pk=pk)},
    )


# --- referrals: the referrer's side ----------------------------------------------------------


@login_required
def referral_list_view(request):
    _require(request, "referrals.view_directory")
    status = request.GET.get("status", "")
    filters = selectors.ReferralFilters(status=status if status in Referral.Status.values else "")
    page = keyset_page(request, selectors.referral_list(actor=request.user, filters=filters))
    return render(
        request,
        "referrals/referral_list.html",
        {"referrals": page.pop("rows"), **page, "statuses": Referral.Status.choices, "status": status},
    )


@login_required
def overdue_view(request):
    _require(request, "referrals.view_directory")
    office, provider = request.GET.get("office", ""), request.GET.get("provider", "")
    context = selectors.overdue_by_office_and_provider(
        actor=request.user,
        office=positive_int(office),
        provider=positive_int(provider),
    )
    return render(request, "referrals/overdue.html", context)


def _suggested(request) -> dict:
    """A pathway step picked from the suggestions fills the pathway, provider and service."""
    return {
        k: pk
        for k in ("pathway", "provider", "service")
        if (pk := positive_int(request.GET.get(k, ""))) is not None
    }


@login_required
def referral_create_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    people = case_people(actor=request.user, case=case)
    suggestions = selectors.pathway_suggestions(actor=request.user, case=case)
    form = forms.ReferralForm(
        request.POST or None,
        people=people,
        providers=selectors.referral_targets(actor=request.user),
        pathways=selectors.pathways_visible(actor=request.user),
        initial={"people": [people.first()] if people else [], **_suggested(request)},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referral = services.referral_create(
                actor=request.user,
                case=case,
                people=list(d["people"]),
                provider=d["provider"],
                service=d["service"],
                pathway=d["pathway"],
                reason=d["reason"],
                priority=d["priority"],
                fields=d["fields"],
                send=d["send"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Referral %(reference)s saved.") % {"reference": referral.reference})
            return redirect(referral)
    return render(
        request, "referrals/referral_form.html", {"case": case, "form": form, "suggestions": suggestions}
    )


@login_required
def consent_to_share_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.ConsentToShareForm(
        request.POST or None,
        people=case_people(actor=request.user, case=case),
        providers=selectors.providers_directory(actor=request.user),
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.consent_to_share_record(
                actor=request.user,
                case=case,
                person=d["person"],
                organisation=d["provider"].organisation,
                fields=d["fields"],
                given_on=d["given_on"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Consent recorded."))
            return redirect(case)
    return render(request, "referrals/consent_form.html", {"case": case, "form": form})


def _actions_for(request, referral: Referral, *, as_provider: bool) -> dict:
    """Which buttons to show: the model's legal transitions the user is allowed to make."""
    allowed = Referral.TRANSITIONS.get(referral.status, set())
    S = Referral.Status
    answer = request.user.has_perm("referrals.answer_referral", referral)
    write = not as_provider and request.user.has_perm("referrals.change_referral", referral)
    return {
        "send": write and S.SENT in allowed,
        "revoke": write and S.REVOKED in allowed,
        "acknowledge": answer and S.ACKNOWLEDGED in allowed,
        "accept": answer and S.ACCEPTED in allowed,
        "decline": answer and S.DECLINED in allowed,
        "start": answer and S.IN_PROGRESS in allowed,
        "complete": answer and S.COMPLETED in allowed,
        "close": answer and S.CLOSED in allowed,
        "note": answer and referral.status in Referral.OPEN and referral.status != S.DRAFT,
    }


def _detail_context(request, referral, *, as_provider: bool) -> dict:
    return {
        "referral": referral,
        "shared": referral.shared_data,
        "events": referral.events.select_related("actor"),
        "actions": _actions_for(request, referral, as_provider=as_provider),
        "overdue": referral.is_overdue(timezone.now()),
        "as_provider": as_provider,
        "decline_form": forms.DeclineForm(),
    }


@login_required
def referral_detail_view(request, pk):
    referral = selectors.referral_get(actor=request.user, pk=pk)
    context = _detail_context(request, referral, as_provider=False)
    context["people"] = referral.people.all()
    context["shared"] = selectors.referral_shared_data(actor=request.user, referral=referral)
    context["consent_lapsed"] = selectors.consent_lapsed(actor=request.user, referral=referral)
    return render(request, "referrals/referral_detail.html", context)


ACTIONS = {
    "send": lambda actor, r, d: services.referral_send(actor=actor, referral=r),
    "revoke": lambda actor, r, d: services.referral_revoke(actor=actor, referral=r, note=d.get("note", "")),
    "acknowledge": lambda actor, r, d: services.referral_acknowledge(
        actor=actor, referral=r, note=d.get("note", "")
    ),
    "accept": lambda actor, r, d: services.referral_accept(actor=actor, referral=r, note=d.get("note", "")),
    "decline": lambda actor, r, d: services.referral_decline(
        actor=actor, referral=r, reason=d.get("reason", ""), note=d.get("note", "")
    ),
    "start": lambda actor, r, d: services.referral_start(actor=actor, referral=r, note=d.get("note", "")),
    "complete": lambda actor, r, d: services.referral_complete(
        actor=actor, referral=r, outcome=d.get("note", "")
    ),
    "close": lambda actor, r, d: services.referral_close(actor=actor, referral=r, note=d.get("note", "")),
    "note": lambda actor, r, d: services.referral_note(actor=actor, referral=r, note=d.get("note", "")),
}
PROVIDER_ACTIONS = {"acknowledge", "accept", "decline", "start", "complete", "close", "note"}


def _act(request, referral, action: str, back: str):
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](request.user, referral, request.POST)
    except (ValidationError, PermissionDenied) as exc:
        for message in _refusal(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


@login_required
@require_POST
def referral_action_view(request, pk, action):
    referral = selectors.referral_get(actor=request.user, pk=pk)
    return _act(request, referral, action, referral.get_absolute_url())


# --- partner portal ----------------------------------------------------------------------------


@login_required
def portal_list_view(request):
    _require(request, "referrals.use_portal")
    page = keyset_page(request, selectors.portal_referrals(request.user).order_by("-id"))
    referrals = page.pop("rows")
    now = timezone.now()
    for r in referrals:
        r.overdue = r.is_overdue(now)
    return render(request, "referrals/portal_list.html", {"referrals": referrals, **page})


@login_required
def portal_detail_view(request, pk):
    referral = selectors.portal_referral_get(actor=request.user, pk=pk)
    return render(
        request, "referrals/portal_detail.html", _detail_context(request, referral, as_provider=True)
    )


@login_required
@require_POST
def portal_action_view(request, pk, action):
    referral = selectors.portal_referral_get(actor=request.user, pk=pk)
    if action not in PROVIDER_ACTIONS:
        raise Http404
    return _act(request, referral, action, referral.get_portal_url())


# --- insight ---------------------------------------------------------------------------------


@login_required
def insight_view(request):
    _require(request, "referrals.view_directory")
    insight = selectors.referral_insight(actor=request.user)
    chart = {
        "countries": [r.label for r in insight["by_country"]],
        "made": [r.made for r in insight["by_country"]],
        "acceptance": [r.acceptance_rate for r in insight["by_country"]],
        "overdue": [r.overdue_share for r in insight["by_country"]],
        "declines": {
            "labels": [str(label) for label, _n in insight["declines"]],
            "counts": [n for _l, n in insight["declines"]],
        },
        "labels": {
            "made": _("Referrals made"),
            "acceptance": _("Acceptance rate (%)"),
            "overdue": _("Answered late or overdue (%)"),
        },
    }
    return render(request, "referrals/insight.html", {**insight, "chart": chart})
