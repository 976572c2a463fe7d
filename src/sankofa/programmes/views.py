"""Programme pages: read-only (administrators manage programmes in the Django admin)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from . import selectors


@login_required
def programme_list_view(request):
    if not request.user.has_perm("programmes.view_programme"):
        raise Http404  # partners: the section does not exist for them
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": selectors.programme_list(actor=request.user)},
    )


@login_required
def programme_detail_view(request, code):
    programme = selectors.programme_get(actor=request.user, code=code)
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "totals": selectors.funding_totals(programme=programme)},
    )
