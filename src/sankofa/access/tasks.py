"""Background jobs of access and data protection; they only call services."""

from django_tasks import task

from . import audit_chain


@task()
def audit_verify_task(*, requested_by_id: int | None = None) -> bool:
    """Verify the hash chains and keep the result for the data-protection page."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=requested_by_id).first() if requested_by_id else None
    run, _result = audit_chain.verify_and_record(requested_by=user)
    return bool(run.intact)
