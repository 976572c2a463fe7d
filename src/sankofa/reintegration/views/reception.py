"""Reception pages: recording an arrival, a spontaneous arrival, post-arrival assistance."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sankofa.cases.selectors import case_get, case_people
from sankofa.cases.services import MemberInput
from sankofa.core.parsing import positive_int
from sankofa.core.views import save_or_error

from .. import forms, services
from .common import _form_page, _origin_offices


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
                consents=d["consents"],
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
