"""What every page shares: running a service from a form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def save_or_error(request, form, write) -> bool:
    """Run a service; a refusal (rule, guard, stale version) lands on the form, or as a message
    when there is no form, instead of a crash. On success, says "Saved."."""
    try:
        write()
    except (ValidationError, PermissionDenied) as exc:
        errors = (
            exc.messages
            if isinstance(exc, ValidationError)
            else [str(exc) or _("You are not allowed to do this.")]
        )
        if form is None:
            messages.error(request, " ".join(errors))
        elif isinstance(exc, ValidationError):
            add_refusal(exc, form)
        else:
            form.add_error(None, errors)
        return False
    messages.success(request, _("Saved."))
    return True


def add_refusal(exc: ValidationError, *forms) -> None:
    """A service's refusal onto the page's forms: an error naming a field goes on the first form that
    has that field, anything else on top of the first form."""
    if not hasattr(exc, "error_dict"):
        forms[0].add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = next((f for f in forms if field in f.fields), None)
        if target is None:
            forms[0].add_error(None, errors)
        else:
            target.add_error(field, errors)
