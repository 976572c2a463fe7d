"""What every API module shares: a refusal by a service (Django ValidationError) answers 400;
throttling."""

import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


def as_drf_error(exc: DjangoValidationError) -> ValidationError:
    """The service's translated messages, as the documented 400 body {"detail": [...]}; a refusal
    naming fields also gives them: {"detail": [...], "fields": {"date_of_birth": [...]}}."""
    body = {"detail": exc.messages}
    if hasattr(exc, "error_dict"):
        body["fields"] = {
            field: DjangoValidationError(errors).messages for field, errors in exc.error_dict.items()
        }
    return ValidationError(body)


@contextlib.contextmanager
def refusals_as_400():
    try:
        yield
    except DjangoValidationError as exc:
        raise as_drf_error(exc) from exc


class _RuntimeRates:
    """DRF's throttles read their rates once, at import; these read them at each request (so that a
    deployment's settings, and override_settings in tests, apply) and identify the client by
    core.http.client_ip, the same address as sign-in lock-out."""

    def get_rate(self):
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        from .http import client_ip

        return client_ip(request) or ""


class AnonThrottle(_RuntimeRates, AnonRateThrottle):
    """Requests without a signed-in user, per client address."""


class UserThrottle(_RuntimeRates, UserRateThrottle):
    """Requests of a signed-in user (session or token), per user."""


class TokenThrottle(_RuntimeRates, SimpleRateThrottle):
    """Asking for an API token (a password and a code guessed per request): per client address and,
    separately, per username asked for, so that neither many addresses nor many names get through."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenUsernameThrottle(TokenThrottle):
    def get_cache_key(self, request, view):
        import hashlib

        username = str(request.data.get("username", "")).strip().lower() if hasattr(request, "data") else ""
        if not username:
            return None
        # Hashed: any text is a safe cache key, and the cache holds no user names.
        return self.cache_format % {
            "scope": "token-user",
            "ident": hashlib.sha256(username.encode()).hexdigest(),
        }
