"""Writes about access: API tokens (issued after the second factor, revoked by their user, an
administrator, a password change or a sign-out)."""

from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ApiToken
from .rules import mfa_missing


def credentials_refused() -> ValidationError:
    # One answer for a wrong password, a missing code and a wrong code: a caller cannot learn that
    # the password was right without also having the second factor.
    return ValidationError(
        _(
            "Unable to sign in with these credentials. If two-factor authentication is on for this "
            "account, give a code from the authenticator app (or a recovery code) as otp."
        )
    )


def mfa_setup_needed_message() -> str:
    return _(
        "Your role gives access to sensitive data or to several offices: set up two-factor "
        "authentication (Account, Two-factor authentication) before going on."
    )


@transaction.atomic
def token_issue(*, request, username: str, password: str, otp: str, device: str) -> tuple[ApiToken, str]:
    """A new API token for `device`, returned once in clear (only its hash is kept). Needs the
    password and, for a user with two-factor authentication on, a TOTP or recovery code; a user whose
    role requires two-factor authentication gets no token before setting it up."""
    user = authenticate(request, username=username, password=password)  # axes counts failures
    if user is None:
        raise credentials_refused()
    if is_mfa_enabled(user):
        form = BaseAuthenticateForm(user=user, data={"code": otp})  # allauth's check: TOTP or recovery code
        if not otp or not form.is_valid():
            user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
            raise credentials_refused()
    elif mfa_missing(user):
        raise PermissionDenied(mfa_setup_needed_message())
    return ApiToken.objects.create(user, name=device.strip())


@transaction.atomic
def token_revoke(*, actor, token_id: int) -> None:
    """Revoke one of the actor's own tokens; another user's token does not exist for them."""
    deleted, _rows = ApiToken.objects.filter(user_id=actor.pk, pk=token_id).delete()
    if not deleted:
        raise ApiToken.DoesNotExist


@transaction.atomic
def tokens_revoke_all(*, user) -> int:
    """Revoke every API token of `user` (sign-out, password change, "revoke all"). Returns how many."""
    deleted, _rows = ApiToken.objects.filter(user_id=user.pk).delete()
    return deleted
