"""The reintegration work queue: arrivals expected and received, plans to design or approve, closures."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from .common import _origin_offices


@login_required
def queues_view(request):
    actor = request.user
    today = timezone.localdate()
    without_plan = list(selectors.queue_arrivals_without_plan(actor=actor)[:100])
    for arrival in without_plan:
        arrival.overdue = (today - arrival.arrived_on).days > 30
    return render(
        request,
        "reintegration/queues.html",
        {
            "expected": selectors.queue_expected_arrivals(actor=actor),
            "received": selectors.queue_received_arrivals(actor=actor)[:100],
            "without_plan": without_plan,
            "overdue": selectors.queue_plans_overdue(actor=actor)[:100],
            "awaiting": selectors.queue_plans_awaiting_approval(actor=actor),
            "closures": selectors.queue_closures_awaiting(actor=actor),
            "can_register": _origin_offices(actor).exists(),
        },
    )
