"""Community project pages: list, create, edit, participants."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.access.roles import CASE_WRITERS
from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import case_get
from sankofa.core.views import save_or_error

from .. import forms, selectors, services
from .common import _form_page, _person_of


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
