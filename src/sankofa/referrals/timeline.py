"""Sentences for the referral events on the case timeline, in the user's language."""

from django.utils.translation import gettext as _

from sankofa.core.models import in_active_language

from .models import Referral


def _status(value: str) -> str:
    return Referral.Status(value).label if value in Referral.Status.values else value


TEXTS = {
    "referral.created": lambda d: (
        _("Referral %(reference)s drafted to %(provider)s for %(service)s.")
        % {**d, "service": in_active_language(d.get("service", ""), d.get("service_fr", ""))}
    ),
    "referral.status": lambda d: (
        _("Referral %(reference)s to %(provider)s: %(status)s.")
        % {**d, "status": _status(d.get("status", ""))}
    ),
    "referral.consent": lambda d: _("%(person)s agreed to share %(fields)s with %(partner)s.") % d,
}
