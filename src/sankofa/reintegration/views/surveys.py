"""Sustainability survey pages: surveys due, conducting, rescoring, a returnee's scores, scheme versions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import case_get
from sankofa.core.views import save_or_error

from .. import forms, selectors, services
from ..models.surveys import Dimension


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
