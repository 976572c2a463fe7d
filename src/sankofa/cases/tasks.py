"""Background jobs of case files; they only call services."""

from django_tasks import task

from . import services


@task()
def emergency_access_notify_task(*, grant_id: int) -> int:
    return services.emergency_access_notify(grant_id=grant_id)
