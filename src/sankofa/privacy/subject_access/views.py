"""The data-protection focal point's page: find a person, produce their subject access report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .selectors import PERMISSION, subject_access_people, subject_access_productions
from .services import FORMATS, LANGUAGES, default_language, subject_access_produce

RESULTS_SHOWN = 50


@login_required
def subject_access_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()
    people = list(subject_access_people(actor=request.user, q=q)[:RESULTS_SHOWN]) if q else []
    for person in people:
        person.report_language = default_language(person)
    return render(
        request,
        "privacy/subject_access.html",
        {
            "q": q,
            "people": people,
            "languages": LANGUAGES,
            "shown": RESULTS_SHOWN,
            "productions": subject_access_productions(actor=request.user),
        },
    )


@login_required
@require_POST
def subject_access_produce_view(request, person_id: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    production = subject_access_produce(
        actor=request.user, person_id=person_id, fmt=fmt, language=request.POST.get("language")
    )
    response = HttpResponse(production.content, content_type=production.content_type)
    response["Content-Disposition"] = f'attachment; filename="{production.filename}"'
    response["Cache-Control"] = "no-store"
    return response
