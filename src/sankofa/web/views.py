import rules
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import CaseFilters, case_list
from sankofa.reintegration.selectors import overdue_counts
from sankofa.returns.selectors import queue_counts


@login_required
def home(request):
    """Where a user lands: their offices, their cases, the way to register a new one. A partner
    user lands on the referrals addressed to their organisation: they have no cases."""
    if rules.test_rule("referrals.portal_only", request.user):
        return redirect("referrals:portal")
    mine = case_list(actor=request.user, filters=CaseFilters(assigned_to_me=True, status="open"))[:10]
    return render(
        request,
        "web/home.html",
        {
            "offices": offices_of(request.user),
            "my_cases": mine,
            "can_register": request.user.has_perm("cases.register_cases"),
            "return_queues": queue_counts(actor=request.user),
            "survey_counts": overdue_counts(actor=request.user),
        },
    )
