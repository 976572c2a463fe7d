"""The user's own API tokens: list (never their values) and revoke, one or all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    if request.method == "POST":
        if "all" in request.POST:
            count = services.tokens_revoke_all(user=request.user)
            messages.success(request, _("All your API tokens are revoked (%(count)d).") % {"count": count})
        else:
            try:
                services.token_revoke(actor=request.user, token_id=int(request.POST.get("token", "")))
                messages.success(request, _("The API token is revoked."))
            except (ValueError, ApiToken.DoesNotExist):
                messages.error(request, _("No such API token among yours."))
        return redirect("access:api-tokens")
    return render(request, "access/api_tokens.html", {"tokens": selectors.api_tokens_of(request.user)})
