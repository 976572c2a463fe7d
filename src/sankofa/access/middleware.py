"""Users whose role requires two-factor authentication (access.rules.mfa_required) and who have not
set it up reach nothing but the set-up pages: web pages redirect to allauth's TOTP activation, API
requests of a signed-in session answer 403. API tokens are checked by access.api.TokenAuthentication."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from .rules import mfa_missing
from .services import mfa_setup_needed_message

# Pages such a user may still open: the two-factor pages themselves, re-authentication (allauth asks
# for the password again before activating TOTP on an older session), sign-out and the language switch.
ALLOWED = {"account_logout", "account_reauthenticate", "set_language"}


def _allowed(path: str) -> bool:
    if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name.startswith("mfa_") or name in ALLOWED


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not _allowed(request.path_info) and mfa_missing(user):
            message = mfa_setup_needed_message()
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=403)
            messages.warning(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
