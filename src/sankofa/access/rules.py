"""Who must use two-factor authentication: the one rule, enforced for web pages and API sessions by
access.middleware.MfaRequiredMiddleware and for API tokens by access.api.TokenAuthentication."""

import rules
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.db.models import Q

from .models import Membership, Role
from .roles import CASE_READERS


@rules.predicate
def mfa_required(user) -> bool:
    """Users who see sensitive data or many offices need a second factor: any case-reading
    membership with sensitive access, any case-reading membership in an office that covers others
    (regional, HQ), data-protection focal points, administrators, and Django staff and superusers
    (the admin is not scoped by office)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    readers = list(CASE_READERS)
    return Membership.objects.filter(
        Q(role__in=[Role.DATA_PROTECTION, Role.ADMINISTRATOR])
        | Q(role__in=readers, sensitive_access=True)
        | Q(role__in=readers, office__covers__isnull=False),
        user_id=user.pk,
        is_active=True,
    ).exists()


def mfa_set_up(user) -> bool:
    """The user has an authenticator app (TOTP) activated through allauth.mfa."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def mfa_missing(user) -> bool:
    """The user must set up two-factor authentication before doing anything else.
    settings.SANKOFA_MFA_REQUIRED is on in production and tests (a development switch only)."""
    return settings.SANKOFA_MFA_REQUIRED and not mfa_set_up(user) and mfa_required(user)


rules.add_rule("access.mfa_required", mfa_required)
