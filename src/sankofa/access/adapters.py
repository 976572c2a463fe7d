from allauth.account.adapter import DefaultAccountAdapter


class NoSignupAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False
