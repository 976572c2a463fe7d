"""Case closure pages: request, decision, reopening."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sankofa.cases.selectors import case_get
from sankofa.core.views import save_or_error

from .. import forms, selectors, services
from .common import _form_page, _versioned_form_page


@login_required
def closure_new_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.ClosureRequestForm(request.POST or None)

    def write():
        services.closure_request(actor=request.user, case=case, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect(case)
    return _form_page(
        request, title=_("Request closure of the case"), form=form, back=case.get_absolute_url(), case=case
    )


def _closure_form_view(request, pk, **form):
    closure = selectors.closure_get(actor=request.user, pk=pk)
    return _versioned_form_page(
        request, closure, case=closure.case, done=closure.case, extra={"closure": closure}, **form
    )


@login_required
def closure_decide_view(request, pk):
    def write(closure, d):
        if d["decision"] == "approve":
            services.closure_approve(
                actor=request.user, closure=closure, version=d["version"], note=d["note"]
            )
        else:
            services.closure_refuse(actor=request.user, closure=closure, version=d["version"], note=d["note"])

    return _closure_form_view(
        request, pk, form_class=forms.ClosureDecisionForm, title=_("Decide on the closure"), write=write
    )


@login_required
def reopen_view(request, pk):
    return _closure_form_view(
        request,
        pk,
        form_class=forms.ReopenForm,
        title=_("Reopen the case"),
        write=lambda c, d: services.case_reopen(actor=request.user, closure=c, **d),
    )
