"""Cooperation pages. Thin: parse the request, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.core.views import save_or_error
from sankofa.programmes.indicators import INDICATORS

from . import exports, forms, selectors, services
from .models import Priority


def _readable(request) -> None:
    """Partners and members without a staff role get a 404: the section does not exist for them."""
    if not request.user.has_perm("cooperation.view_framework"):
        raise Http404


def _editable(request, framework) -> None:
    if not request.user.has_perm("cooperation.change_framework", framework):
        raise PermissionDenied


def _form_page(request, form, *, title, back, framework=None, multipart=False):
    return render(
        request,
        "cooperation/form_page.html",
        {"form": form, "title": title, "back": back, "framework": framework, "multipart": multipart},
    )


# --- frameworks ------------------------------------------------------------------------------


@login_required
def framework_list_view(request):
    _readable(request)
    return render(
        request,
        "cooperation/framework_list.html",
        {
            "frameworks": selectors.framework_list(actor=request.user),
            "can_add": request.user.has_perm("cooperation.add_framework"),
        },
    )


@login_required
def framework_add_view(request):
    _readable(request)
    if not request.user.has_perm("cooperation.add_framework"):
        raise PermissionDenied
    form = forms.FrameworkForm(request.POST or None)
    result = {}

    def write():
        result["framework"] = services.framework_create(actor=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(result["framework"])
    return _form_page(request, form, title=_("New cooperation framework"), back=reverse("cooperation:list"))


@login_required
def framework_detail_view(request, pk):
    framework = selectors.framework_get(actor=request.user, pk=pk)
    return render(
        request,
        "cooperation/framework_detail.html",
        {
            "framework": framework,
            "matrices": selectors.framework_matrices(actor=request.user, framework=framework),
            "roadmaps": selectors.framework_roadmaps(actor=request.user, framework=framework),
            "meetings": selectors.meeting_list(actor=request.user, framework=framework),
            "can_edit": request.user.has_perm("cooperation.change_framework", framework),
            "export_form": forms.ExportForm(),
        },
    )


@login_required
def framework_timeline_view(request, pk):
    framework = selectors.framework_get(actor=request.user, pk=pk)
    return render(
        request,
        "cooperation/framework_timeline.html",
        {
            "framework": framework,
            "timeline": selectors.framework_timeline(actor=request.user, framework=framework),
        },
    )


def _framework_form_view(request, pk, form_class, title, write_with):
    """A form that adds one thing to a framework (matrix, roadmap, meeting, validation)."""
    framework = selectors.framework_get(actor=request.user, pk=pk)
    _editable(request, framework)
    kwargs = {"framework": framework} if form_class in (forms.ValidationForm,) else {}
    form = form_class(request.POST or None, **kwargs)

    def write():
        write_with(framework, form)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(framework)
    return _form_page(request, form, title=title, back=framework.get_absolute_url(), framework=framework)


@login_required
def matrix_add_view(request, pk):
    return _framework_form_view(
        request,
        pk,
        forms.MatrixForm,
        _("New action matrix"),
        lambda framework, form: services.matrix_create(
            actor=request.user, framework=framework, **form.cleaned_data
        ),
    )


@login_required
def roadmap_add_view(request, pk):
    return _framework_form_view(
        request,
        pk,
        forms.RoadmapForm,
        _("New roadmap"),
        lambda framework, form: services.roadmap_create(
            actor=request.user, framework=framework, **form.cleaned_data
        ),
    )


@login_required
def validation_add_view(request, pk):
    def write(framework, form):
        d = form.cleaned_data
        services.validation_record(
            actor=request.user,
            validated_on=d["validated_on"],
            validated_by=d["validated_by"],
            institutions=d["institutions"],
            meeting=d["meeting"],
            note=d["note"],
            **form.target_kwargs(),
        )

    return _framework_form_view(request, pk, forms.ValidationForm, _("Record an adoption"), write)


@login_required
def priority_add_view(request, roadmap_pk):
    roadmap = get_object_or_404(
        selectors.roadmaps_visible_to(request.user).select_related("framework"), pk=roadmap_pk
    )
    _editable(request, roadmap.framework)
    form = forms.PriorityForm(request.POST or None)

    def write():
        d = form.cleaned_data
        services.priority_add(
            actor=request.user,
            roadmap=roadmap,
            title_en=d["title_en"],
            title_fr=d["title_fr"],
            country=d["country"],
            order=d["order"] or 0,
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(roadmap.framework)
    return _form_page(
        request,
        form,
        title=_("New priority of “%(roadmap)s”") % {"roadmap": roadmap.title},
        back=roadmap.framework.get_absolute_url(),
        framework=roadmap.framework,
    )


# --- matrices and exports --------------------------------------------------------------------


@login_required
def matrix_export_view(request, pk):
    matrix = selectors.matrix_get(actor=request.user, pk=pk)
    form = forms.ExportForm(request.GET)
    if not form.is_valid():
        raise Http404
    language, kind = form.cleaned_data["language"], form.cleaned_data["format"]
    actions = list(selectors.matrix_actions(actor=request.user, matrix=matrix).prefetch_related("notes"))
    name = slugify(matrix.title_fr if language == "fr" else matrix.title_en)[:60] or "matrix"
    if kind == "xlsx":
        body = exports.matrix_xlsx(matrix=matrix, actions=actions, language=language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.matrix_pdf(matrix=matrix, actions=actions, language=language)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{language}.{kind}"'
    return response


# --- actions ---------------------------------------------------------------------------------


@login_required
def action_add_view(request, kind, pk):
    """Add an action to a matrix (`kind` = matrix) or to a roadmap priority (`kind` = priority)."""
    if kind == "matrix":
        target = selectors.matrix_get(actor=request.user, pk=pk)
        framework, place = target.framework, {"matrix": target}
    else:
        target = get_object_or_404(
            Priority.objects.filter(roadmap__in=selectors.roadmaps_visible_to(request.user)).select_related(
                "roadmap__framework"
            ),
            pk=pk,
        )
        framework, place = target.roadmap.framework, {"priority": target}
    _editable(request, framework)
    form = forms.ActionForm(request.POST or None)

    def write():
        d = form.cleaned_data
        services.action_add(
            actor=request.user,
            description=d["description"],
            responsible=d["responsible"],
            supporting=d["supporting"],
            starts_on=d["starts_on"],
            due_on=d["due_on"],
            indicator=d["indicator"],
            **place,
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(framework)
    return _form_page(
        request,
        form,
        title=_("New action — %(place)s") % {"place": target.title},
        back=framework.get_absolute_url(),
        framework=framework,
    )


@login_required
def action_detail_view(request, pk):
    action = selectors.action_get(actor=request.user, pk=pk)
    can_edit = request.user.has_perm("cooperation.change_framework", action.framework)
    return render(
        request,
        "cooperation/action_detail.html",
        {
            "action": action,
            "indicator": INDICATORS.get(action.indicator),
            "notes": action.notes.select_related("author"),
            "can_edit": can_edit,
            "status_form": forms.StatusForm(action=action, initial={"version": action.version}),
            "note_form": forms.NoteForm(),
        },
    )


@login_required
def action_edit_view(request, pk):
    action = selectors.action_get(actor=request.user, pk=pk)
    _editable(request, action.framework)
    form = forms.ActionForm(
        request.POST or None,
        initial={
            "description": action.description,
            "responsible": action.responsible.all(),
            "supporting": action.supporting.all(),
            "starts_on": action.starts_on,
            "due_on": action.due_on,
            "indicator": action.indicator,
            "version": action.version,
        },
    )

    def write():
        d = form.cleaned_data
        services.action_update(
            actor=request.user,
            action=action,
            version=d["version"] or 0,
            description=d["description"],
            responsible=d["responsible"],
            supporting=d["supporting"],
            starts_on=d["starts_on"],
            due_on=d["due_on"],
            indicator=d["indicator"],
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(action)
    return _form_page(
        request, form, title=_("Edit action"), back=action.get_absolute_url(), framework=action.framework
    )


@login_required
def action_status_view(request, pk):
    action = selectors.action_get(actor=request.user, pk=pk)
    _editable(request, action.framework)
    form = forms.StatusForm(request.POST or None, action=action, initial={"version": action.version})

    def write():
        d = form.cleaned_data
        services.action_status_change(
            actor=request.user, action=action, status=d["status"], version=d["version"], note=d["note"]
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(action)
    return _form_page(
        request,
        form,
        title=_("Change the status"),
        back=action.get_absolute_url(),
        framework=action.framework,
    )


@login_required
@require_POST
def action_note_view(request, pk):
    action = selectors.action_get(actor=request.user, pk=pk)
    _editable(request, action.framework)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.action_note_add(
                actor=request.user,
                action=action,
                text=form.cleaned_data["text"],
                written_on=form.cleaned_data["written_on"],
            )
            messages.success(request, _("Progress note added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Write the progress note."))
    return redirect(action)


@login_required
def late_actions_view(request):
    _readable(request)
    country = request.GET.get("country", "").upper()[:3]
    return render(
        request,
        "cooperation/late_actions.html",
        {
            "actions": selectors.late_actions(actor=request.user, country=country),
            "countries": selectors.countries_of_frameworks(actor=request.user),
            "country": country,
        },
    )


# --- meetings --------------------------------------------------------------------------------


@login_required
def meeting_add_view(request, pk):
    framework = selectors.framework_get(actor=request.user, pk=pk)
    _editable(request, framework)
    form = forms.MeetingForm(request.POST or None)
    result = {}

    def write():
        result["meeting"] = services.meeting_record(
            actor=request.user, framework=framework, **form.cleaned_data
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(result["meeting"])
    return _form_page(
        request, form, title=_("Record a meeting"), back=framework.get_absolute_url(), framework=framework
    )


@login_required
def meeting_detail_view(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    can_edit = request.user.has_perm("cooperation.change_framework", meeting.framework)
    return render(
        request,
        "cooperation/meeting_detail.html",
        {
            "meeting": meeting,
            "can_edit": can_edit,
            "point_form": forms.ActionPointForm(framework=meeting.framework) if can_edit else None,
            "pending": [p for p in meeting.points.all() if p.action_id is None],
        },
    )


@login_required
@require_POST
def action_point_add_view(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    _editable(request, meeting.framework)
    form = forms.ActionPointForm(request.POST, framework=meeting.framework)
    if form.is_valid():
        try:
            services.action_point_add(
                actor=request.user,
                meeting=meeting,
                description=form.cleaned_data["description"],
                responsible=form.cleaned_data["responsible"],
                due_on=form.cleaned_data["due_on"],
                **form.target_kwargs(),
            )
            messages.success(request, _("Action point added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(meeting)


@login_required
@require_POST
def meeting_convert_view(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    _editable(request, meeting.framework)
    created = services.meeting_action_points_convert(actor=request.user, meeting=meeting)
    messages.success(
        request, _("%(count)d action(s) created from the action points.") % {"count": len(created)}
    )
    return redirect(meeting)


# --- resource library ------------------------------------------------------------------------


@login_required
def library_view(request):
    _readable(request)
    form = forms.LibrarySearchForm(request.GET or None)
    resources = selectors.resource_search(actor=request.user)
    if form.is_valid():
        d = form.cleaned_data
        resources = selectors.resource_search(
            actor=request.user,
            q=d["q"],
            kind=d["kind"],
            language=d["language"],
            country=d["country"].pk if d["country"] else "",
            theme=d["theme"].code if d["theme"] else "",
        )
    return render(
        request,
        "cooperation/library.html",
        {
            "form": form,
            "resources": resources[:200],
            "can_add": request.user.has_perm("cooperation.add_resource"),
        },
    )


@login_required
def resource_add_view(request):
    _readable(request)
    if not request.user.has_perm("cooperation.add_resource"):
        raise PermissionDenied
    form = forms.ResourceForm(request.POST or None, request.FILES or None)

    def write():
        services.resource_add(actor=request.user, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("cooperation:library")
    return _form_page(
        request, form, title=_("Add to the library"), back=reverse("cooperation:library"), multipart=True
    )


@login_required
def resource_download_view(request, pk):
    resource = selectors.resource_get(actor=request.user, pk=pk)
    if resource.url:
        return redirect(resource.url)
    return FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1]
    )
