"""Assistance pages. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sankofa.cases.selectors import case_get, case_people

from . import forms, services


@login_required
def assistance_add_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.AssistanceForm(
        request.POST or None,
        people=case_people(actor=request.user, case=case),
        default_country=case.owning_office.country,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.assistance_record(
                actor=request.user,
                case=case,
                people=list(d["people"]),
                service=d["service"],
                delivered_on=d["delivered_on"],
                country=d["country"],
                place=d["place"],
                partner=d["partner"],
                stage=d["stage"],
                modality=d["modality"],
                amount=d["amount"],
                currency=d["currency"],
                notes=d["notes"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Assistance recorded."))
            return redirect(case)
    return render(request, "assistance/assistance_add.html", {"case": case, "form": form})
