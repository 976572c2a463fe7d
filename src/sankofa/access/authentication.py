"""API token authentication (its own module: DRF imports it from settings while building APIView,
so it must not import views)."""

from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.exceptions import PermissionDenied

from .rules import mfa_missing


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's hashed, expiring tokens (`Authorization: Token <token>`), refused (403) to a user who
    must set up two-factor authentication first (access.rules.mfa_missing, as for web pages)."""

    def validate_user(self, auth_token):
        from .services import mfa_setup_needed_message

        user, token = super().validate_user(auth_token)
        if mfa_missing(user):
            raise PermissionDenied(mfa_setup_needed_message())
        return user, token
