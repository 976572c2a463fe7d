"""Refuse NUL characters at the door. PostgreSQL text cannot hold them, so a NUL reaching a query
(a lookup by code, a filter, a JSON field) would crash it with a server error instead of a 400."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

JSON_NUL = b"\\u0000"


def _has_nul(request) -> bool:
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, vs in request.GET.lists() for v in vs):
        return True
    content_type = request.content_type or ""
    if content_type == "application/json":
        return b"\x00" in request.body or JSON_NUL in request.body.lower()
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any("\x00" in k or "\x00" in v for k, vs in request.POST.lists() for v in vs)
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            message = _("The request contains a NUL character, which Sankofa does not accept.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing shown to a signed-in user is kept in a browser's or a proxy's cache: case files on a
    shared computer in a country office would otherwise stay readable after sign-out. Static files
    never reach this middleware (whitenoise answers them first, with its own long caching)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # DRF sets it on the request for token users too
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
