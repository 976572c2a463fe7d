"""Programme pages: read-only (administrators manage programmes in the Django admin)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors


@login_required
def programme_list_view(request):
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
