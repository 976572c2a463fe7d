"""Background tasks: they only call services."""

from django_tasks import task


@task()
def retention_daily_run() -> dict:
    """Once a day (`sankofa retention --daily` from cron, or a scheduler enqueuing this task):
    execute the approved retention run, propose the next one."""
    from .services import retention_daily

    return retention_daily()
