"""Cooperation pages. Thin: parse the request, call a selector or a service, render."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors


@login_required
def framework_list_view(request):
    return render(
        request,
        "cooperation/framework_list.html",
        {"frameworks": selectors.framework_list(actor=request.user)},
    )
