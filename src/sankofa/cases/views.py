"""Case pages. Thin: parse the request, call a selector or a service, render."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.access.models import Organisation
from sankofa.access.selectors import registration_offices_of
from sankofa.core.paging import keyset_page
from sankofa.core.views import add_refusal, save_or_error

from . import forms, selectors, services
from .extensions import case_panels
from .models import CaseMember


@login_required
def case_list_view(request):
    if not request.user.has_perm("cases.list_cases"):
        raise PermissionDenied
    search = forms.case_search_form(request.GET or None, actor=request.user)
    page = keyset_page(request, selectors.case_list(actor=request.user, filters=search.case_filters()))
    context = {"form": search, "cases": page.pop("rows"), **page, "query": request.GET.urlencode()}
    template = (
        "cases/_case_results.html" if request.htmx and not request.htmx.boosted else "cases/case_list.html"
    )
    return render(request, template, context)


@login_required
def access_log_view(request):
    if not request.user.has_perm("cases.view_access_log"):
        raise PermissionDenied
    user_query, number = request.GET.get("user", ""), request.GET.get("case", "")
    log = selectors.access_log(actor=request.user, user_query=user_query, number=number)
    context = {"user_query": user_query, "number": number, **keyset_page(request, log)}
    return render(request, "cases/access_log.html", context)


@login_required
def audit_view(request):
    """The data-protection page: the last verification of the audit chains (run here as a background
    job, or by `sankofa audit_verify`) and the recent emergency accesses to the actor's offices."""
    if not request.user.has_perm("cases.view_access_log"):
        raise PermissionDenied
    from sankofa.access.models import AuditVerification

    if request.method == "POST":
        from sankofa.access.audit_chain import verification_request

        if verification_request(actor=request.user):
            messages.info(request, _("Verification started. Its result appears here when it is done."))
        else:
            messages.info(request, _("A verification is running."))
        return redirect("cases:audit")
    context = {
        "last": AuditVerification.objects.first(),
        "last_done": AuditVerification.objects.filter(finished_at__isnull=False).first(),
        "emergencies": selectors.emergency_access_log(actor=request.user)[:100],
    }
    return render(request, "cases/audit.html", context)


@login_required
def emergency_access_view(request):
    """Break-the-glass: a regional supervisor states why they must read a case outside their offices."""
    if not request.user.has_perm("cases.break_glass"):
        raise PermissionDenied
    form = forms.EmergencyAccessForm(request.POST or None)
    granted = []

    def write():
        d = form.cleaned_data
        granted.append(
            services.emergency_access_grant(actor=request.user, number=d["number"], reason=d["reason"])
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(granted[0].case)
    context = {
        "form": form,
        "in_force": selectors.emergency_accesses_of(actor=request.user),
        "settings_hours": settings.SANKOFA_EMERGENCY_ACCESS_HOURS,
    }
    return render(request, "cases/emergency_access.html", context)


@login_required
def case_register_view(request):
    if not request.user.has_perm("cases.register_cases"):
        raise PermissionDenied
    offices = registration_offices_of(request.user)
    data = request.POST or None
    case_form = forms.RegistrationForm(data, offices=offices)
    principal = forms.ScreenedPersonForm(data, prefix="principal")
    family = forms.FamilyMemberFormSet(data, prefix="members")
    profile = forms.ProfileForm(data, prefix="profile")
    route = forms.RouteFormSet(data, prefix="route")
    all_forms = [case_form, principal, family, profile, route]
    if request.method == "POST" and all(f.is_valid() for f in all_forms):
        try:
            case = services.case_register(
                actor=request.user,
                office=case_form.cleaned_data["office"],
                registered_on=case_form.cleaned_data["registered_on"],
                principal=principal.member_input(CaseMember.Relationship.PRINCIPAL),
                members=[f.member_input(f.cleaned_data["relationship"]) for f in family],
                consents=case_form.consent_inputs(member_count=1 + len(family.forms)),
                flags=[
                    flag
                    for i, person_form in enumerate([principal, *family.forms])
                    for flag in person_form.flag_inputs(
                        member_index=i, day=case_form.cleaned_data["registered_on"]
                    )
                ],
                profile=forms.profile_input(profile, route),
            )
        except ValidationError as exc:
            add_refusal(exc, case_form, profile)
        else:
            people = {"principal": case.principal}
            family_members = case.members.exclude(person=case.principal).order_by("id")
            people.update({f.prefix: m.person for f, m in zip(family, family_members, strict=False)})
            for prefix, person in people.items():
                services.duplicate_review_request(
                    actor=request.user,
                    case=case,
                    person=person,
                    tokens=request.POST.getlist(f"review_candidate-{prefix}")[:10],
                )
            messages.success(request, _("Case %(number)s registered.") % {"number": case.number})
            return redirect(case)
    return render(
        request,
        "cases/case_register.html",
        {
            "case_form": case_form,
            "principal": principal,
            "family": family,
            "profile": profile,
            "route": route,
        },
    )


@login_required
@require_POST
def duplicate_check_view(request):
    """The live duplicate warning of the registration form (htmx): ranked possible earlier
    registrations of the person being typed, as the user may see them."""
    if not registration_offices_of(request.user).exists():
        raise PermissionDenied
    prefix = request.POST.get("duplicate_prefix", "principal")
    if prefix != "principal" and not re.fullmatch(r"members-\d{1,2}", prefix):
        prefix = "principal"
    probe_form = forms.DuplicateProbeForm(request.POST, prefix=prefix)
    probe = probe_form.probe() if probe_form.is_valid() else None
    candidates = selectors.registration_candidates(actor=request.user, probe=probe) if probe else []
    # Ticks survive a refresh of the list (the caseworker ticked, then corrected the date of birth).
    ticked = {selectors.candidate_person_id(t) for t in request.POST.getlist(f"review_candidate-{prefix}")}
    rows = [(c, selectors.candidate_person_id(c.token) in ticked) for c in candidates]
    return render(request, "cases/_duplicate_candidates.html", {"candidates": rows, "prefix": prefix})


@login_required
def case_detail_view(request, number):
    case = selectors.case_file_open(actor=request.user, number=number)
    context = {
        "case": case,
        "members": selectors.case_members(actor=request.user, case=case),
        "flags": selectors.case_flags(actor=request.user, case=case),
        "consents": selectors.case_consents(actor=request.user, case=case),
        "timeline": selectors.case_timeline(actor=request.user, case=case),
        "accesses": selectors.case_accesses(actor=request.user, case=case)[:20],
        "profile": getattr(case, "profile", None),
        "can_edit": request.user.has_perm("cases.change_case", case),
        "can_work": request.user.has_perm("cases.work_on_case", case),
        "can_see_sensitive": request.user.has_perm("cases.view_sensitive", case),
        "panels": [(p.template, p.context(actor=request.user, case=case)) for p in case_panels()],
        "emergency": selectors.emergency_accesses_of(actor=request.user).filter(case=case).first(),
    }
    return render(request, "cases/case_detail.html", context)


def _writable(request, number):
    return selectors.case_get(actor=request.user, number=number, for_writing=True)


@login_required
def case_edit_view(request, number):
    case = _writable(request, number)
    can_assign = request.user.has_perm("cases.supervise_case", case)
    form = forms.CaseEditForm(
        request.POST or None,
        initial={"version": case.version, "status": case.status, "assigned_to": case.assigned_to},
        assignable=selectors.assignable_users(office=case.owning_office),
        can_assign=can_assign,
        current_status=case.status,
    )

    def write():
        d = form.cleaned_data
        services.case_edit(
            actor=request.user,
            case=case,
            version=d["version"],
            status=d["status"],
            assignee=d.get("assigned_to"),
            note=d["note"],
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return render(request, "cases/case_edit.html", {"case": case, "form": form})


@login_required
def person_edit_view(request, number, person_id):
    case = _writable(request, number)
    person = get_object_or_404(
        selectors.case_members(actor=request.user, case=case), person_id=person_id
    ).person
    form = forms.PersonEditForm(request.POST or None, instance=person, initial={"version": case.version})

    def write():
        fields = form.person_fields()
        person.refresh_from_db()  # the form wrote onto the instance; the service compares and saves
        services.case_person_update(
            actor=request.user, case=case, person=person, version=form.cleaned_data["version"], **fields
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return render(request, "cases/person_edit.html", {"case": case, "person": person, "form": form})


@login_required
def member_add_view(request, number):
    case = _writable(request, number)
    form = forms.FamilyMemberForm(request.POST or None)

    def write():
        services.case_member_add(
            actor=request.user,
            case=case,
            member=form.member_input(form.cleaned_data["relationship"]),
            flags=form.flag_inputs(member_index=0, day=timezone.localdate()),
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return render(request, "cases/member_add.html", {"case": case, "form": form})


@login_required
def consent_add_view(request, number):
    case = _writable(request, number)
    form = forms.ConsentForm(
        request.POST or None,
        people=selectors.case_people(actor=request.user, case=case),
        partners=Organisation.objects.exclude(kind=Organisation.Kind.IOM),
    )

    def write():
        d = form.cleaned_data
        services.consent_record(
            actor=request.user,
            case=case,
            person=d["person"],
            consent=services.ConsentInput(
                member_index=0,
                purpose=d["purpose"],
                granted=d["granted"],
                given_on=d["given_on"],
                partner=d["partner"],
            ),
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return render(request, "cases/consent_add.html", {"case": case, "form": form})


@login_required
@require_POST
def consent_withdraw_view(request, number, consent_id):
    case = _writable(request, number)
    consent = get_object_or_404(selectors.case_consents(actor=request.user, case=case), pk=consent_id)
    try:
        services.consent_withdraw(actor=request.user, case=case, consent=consent)
        messages.success(request, _("Consent withdrawn."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(case)


@login_required
def flag_add_view(request, number):
    case = _writable(request, number)
    form = forms.FlagForm(request.POST or None, people=selectors.case_people(actor=request.user, case=case))

    def write():
        d = form.cleaned_data
        services.flag_add(
            actor=request.user,
            case=case,
            person=d["person"],
            flag=services.FlagInput(
                member_index=0, kind=d["kind"], identified_on=d["identified_on"], notes=d["notes"]
            ),
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return render(request, "cases/flag_add.html", {"case": case, "form": form})


@login_required
def profile_edit_view(request, number):
    case = _writable(request, number)
    existing = getattr(case, "profile", None)
    data = request.POST or None
    profile = forms.ProfileForm(data, instance=existing, prefix="profile")
    route = forms.RouteFormSet(
        data,
        prefix="route",
        initial=[
            {"country": s.country, "place": s.place, "arrived_on": s.arrived_on, "left_on": s.left_on}
            for s in (existing.route.all() if existing else [])
        ],
    )
    version = forms.VersionedForm(data, initial={"version": case.version})

    def write():
        services.profile_update(
            actor=request.user,
            case=case,
            profile=forms.profile_input(profile, route),
            version=version.cleaned_data["version"],
        )

    if request.method == "POST" and profile.is_valid() and route.is_valid() and version.is_valid():
        if save_or_error(request, profile, write):
            return redirect(case)
    return render(
        request,
        "cases/profile_edit.html",
        {"case": case, "profile": profile, "route": route, "version": version},
    )
