"""Dashboard, migrant profile report, targets and exports: thin views over reports.selectors and
reports.services."""

import dataclasses

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sankofa.cases.forms import case_search_form
from sankofa.core.views import save_or_error

from . import selectors, services
from .disclosure import threshold
from .forms import CaseListExportForm, ExportForm, ReportFiltersForm, filters_to_params
from .models import ExportJob


def _filters_form(request) -> ReportFiltersForm:
    return ReportFiltersForm(request.GET or None, choices=selectors.filter_choices(actor=request.user))


@login_required
def dashboard_view(request):
    selectors.ensure_reader(request.user)
    form = _filters_form(request)
    filters = form.filters()
    indicator = selectors.indicator_or_404(form.indicator_code())
    board = selectors.dashboard(actor=request.user, filters=filters, indicator=indicator)
    chart = {
        "trend": [[month.strftime("%Y-%m"), value] for month, value in board.trend],
        "countries": board.by_country,
        "sexes": [label for _code, label in board.sexes],
        "sex_age": board.by_sex_age,
    }
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "board": board,
            "chart": chart,
            "score_means": selectors.sustainability_means(actor=request.user, filters=filters),
            "threshold": threshold(),
            "export_form": ExportForm(initial={"language": request.LANGUAGE_CODE[:2]}),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def targets_view(request):
    selectors.ensure_reader(request.user)
    form = _filters_form(request)
    filters = form.filters()
    progress = selectors.target_progress(
        actor=request.user, programme_code=filters.programme, country=filters.country
    )
    return render(
        request, "reports/targets.html", {"form": form, "progress": progress, "threshold": threshold()}
    )


@login_required
def profile_view(request):
    selectors.ensure_reader(request.user)
    form = _filters_form(request)
    filters = form.filters()
    nationality = request.GET.get("nationality") or None
    profile = selectors.migrant_profile(actor=request.user, filters=filters, nationality=nationality)
    chart = {  # the protected cells of the pyramid table, for the chart
        "groups": [row["group"] for row in profile.pyramid],
        "sexes": [label for _code, label in profile.sexes],
        "values": [row["values"] for row in profile.pyramid],
        "threshold": threshold(),
    }
    return render(
        request,
        "reports/profile.html",
        {"form": form, "profile": profile, "threshold": threshold(), "nationality": nationality, "chart": chart,
         "countries": selectors.filter_choices(actor=request.user)["countries"]},
    )  # fmt: skip


@login_required
@require_POST
def export_create_view(request):
    selectors.ensure_reader(request.user)
    filters_form = ReportFiltersForm(request.POST, choices=selectors.filter_choices(actor=request.user))
    form = ExportForm(request.POST)
    if not form.is_valid() or not filters_form.is_valid():
        return redirect("reports:dashboard")
    job = services.export_request(
        actor=request.user,
        format=form.cleaned_data["format"],
        language=form.cleaned_data["language"],
        params=filters_to_params(filters_form.filters(), filters_form.indicator_code()),
    )
    return redirect(job)


def _own_job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if not rules.has_perm("reports.download_export", request.user, job):
        raise Http404  # someone else's export does not exist for you
    return job


@login_required
def export_view(request, pk):
    job = _own_job(request, pk)
    template = "reports/_export_progress.html" if request.htmx else "reports/export.html"
    return render(request, template, {"job": job})


@login_required
def export_download_view(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])


@login_required
def case_export_view(request):
    """Export the case list as filtered (the filters come in the query string, as on the list)."""
    if not request.user.has_perm("reports.export_case_list"):
        raise PermissionDenied
    filters = case_search_form(request.GET or None, actor=request.user).case_filters()
    form = CaseListExportForm(request.POST or None, initial={"language": request.LANGUAGE_CODE[:2]})
    created = []

    def write():
        d = form.cleaned_data
        created.append(
            services.case_list_export_request(
                actor=request.user,
                format=d["format"],
                language=d["language"],
                filters=dataclasses.asdict(filters),
                purpose=d["purpose"],
                pseudonymised=not d["with_names"],
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(created[0])
    return render(request, "reports/case_export.html", {"form": form, "filters": filters})
