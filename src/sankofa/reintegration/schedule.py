"""When follow-up surveys fall due: months after return. The default is settings
SANKOFA_FOLLOW_UP_MONTHS; a programme that funds the case may set its own (registered by the
`programmes` app, which sits to the right of this one and so is asked, never imported)."""

from collections.abc import Callable

from django.conf import settings

_providers: list[Callable] = []


def register_follow_up_months(provider: Callable) -> None:
    """`provider(case, returned_on)` returns a list of months, or None when it has no say."""
    if provider not in _providers:
        _providers.append(provider)


def follow_up_months_for(case, returned_on) -> list[int]:
    months: set[int] = set()
    for provider in _providers:
        months.update(provider(case, returned_on) or [])
    return sorted(months) or list(settings.SANKOFA_FOLLOW_UP_MONTHS)
