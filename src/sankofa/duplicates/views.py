"""Pages of duplicate detection. Thin: parse, call a selector or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.people.models import Band, Person

from . import selectors, services
from .forms import MergeForm


def _supervisor_or_403(user):
    if not user.has_perm("duplicates.run_batch"):
        raise PermissionDenied


@login_required
def queue_view(request):
    _supervisor_or_403(request.user)
    band = request.GET.get("band", "")
    band = band if band in Band.values else ""
    pairs = list(selectors.review_queue(actor=request.user, band=band)[:100])
    return render(request, "duplicates/queue.html", {"pairs": pairs, "band": band, "bands": Band})


@login_required
def pair_view(request, pk):
    pair = selectors.pair_get(actor=request.user, pk=pk)
    left, right = selectors.pair_sides(actor=request.user, pair=pair)
    context = {
        "pair": pair,
        "left": left,
        "right": right,
        "form": MergeForm(pair=pair),
        "can_merge": request.user.has_perm("duplicates.merge_pair", pair),
        "merges": [
            (m, request.user.has_perm("duplicates.undo_merge", m))
            for m in selectors.merges_of(actor=request.user, pair=pair)
        ],
    }
    return render(request, "duplicates/pair.html", context)


@login_required
@require_POST
def pair_merge_view(request, pk):
    pair = selectors.pair_get(actor=request.user, pk=pk)
    form = MergeForm(request.POST, pair=pair)
    if form.is_valid():
        try:
            services.pair_merge(
                actor=request.user, pair=pair, survivor=Person.objects.get(pk=form.cleaned_data["survivor"])
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The two registrations are merged. You can undo this."))
    return redirect("duplicates:pair", pk=pair.pk)


@login_required
@require_POST
def pair_distinct_view(request, pk):
    pair = selectors.pair_get(actor=request.user, pk=pk)
    try:
        services.pair_mark_distinct(actor=request.user, pair=pair)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded: not the same person. This pair will not be proposed again."))
    return redirect("duplicates:queue")


@login_required
@require_POST
def merge_undo_view(request, pk):
    merge = selectors.merge_get(actor=request.user, pk=pk)
    try:
        services.merge_undo(actor=request.user, merge=merge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merge undone: both registrations stand alone again."))
    return redirect("duplicates:pair", pk=merge.pair_id)


@login_required
def runs_view(request):
    _supervisor_or_403(request.user)
    if request.method == "POST":
        try:
            services.match_run_start(actor=request.user, only_new=bool(request.POST.get("only_new")))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("duplicates:runs")
    runs = list(selectors.runs(actor=request.user)[:20])
    template = "duplicates/_runs.html" if request.htmx else "duplicates/runs.html"
    return render(
        request, template, {"runs": runs, "busy": any(r.status in ("queued", "running") for r in runs)}
    )
