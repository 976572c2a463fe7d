"""What every API module shares: a refusal by a service (Django ValidationError) answers 400."""

import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError


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
