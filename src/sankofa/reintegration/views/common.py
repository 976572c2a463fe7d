"""Pieces shared by the reintegration pages: form pages, a case member or 404, origin offices."""

from django.http import Http404
from django.shortcuts import redirect, render

from sankofa.access.models import Office
from sankofa.access.roles import CASE_WRITERS
from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import case_people
from sankofa.core.parsing import positive_int
from sankofa.core.views import save_or_error


def _form_page(request, *, title, form, back, case=None, extra=None, template="reintegration/form_page.html"):
    return render(
        request, template, {"title": title, "form": form, "back": back, "case": case, **(extra or {})}
    )


def _versioned_form_page(request, record, *, case, done, extra, form_class, title, write, initial=None):
    """A form acting on one versioned record (a plan, a closure): the version it was opened at goes
    with it, so the service refuses a change made in the meantime. On success, back to `done`."""
    form = form_class(request.POST or None, initial={"version": record.version, **(initial or {})})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_error(request, form, lambda: write(record, form.cleaned_data))
    ):
        return redirect(done)
    return _form_page(request, title=title, form=form, back=done.get_absolute_url(), case=case, extra=extra)


def _person_of(request, case, person_id):
    person = case_people(actor=request.user, case=case).filter(pk=positive_int(str(person_id))).first()
    if person is None:
        raise Http404
    return person


def _origin_offices(actor):
    return offices_of(actor, roles=CASE_WRITERS).filter(kind=Office.Kind.ORIGIN)
