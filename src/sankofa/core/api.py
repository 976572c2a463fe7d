"""What every API module shares: a refusal by a service (Django ValidationError) answers 400."""

import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError


def as_drf_error(exc: DjangoValidationError) -> ValidationError:
    """The service's translated messages, as the documented 400 body {"detail": [...]}."""
    return ValidationError({"detail": exc.messages})


@contextlib.contextmanager
def refusals_as_400():
    try:
        yield
    except DjangoValidationError as exc:
        raise as_drf_error(exc) from exc
