from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter


class NoSignupAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False


class RequiredMfaAdapter(DefaultMFAAdapter):
    """A user whose role requires two-factor authentication cannot turn their authenticator app
    off (they would be sent straight back to set one up; meanwhile their account would have one factor)."""

    def can_delete_authenticator(self, authenticator) -> bool:
        from django.conf import settings

        from .rules import mfa_required

        if authenticator.type == authenticator.Type.TOTP and settings.SANKOFA_MFA_REQUIRED:
            return not mfa_required(authenticator.user)
        return super().can_delete_authenticator(authenticator)
