"""Background jobs of duplicate detection: they only call services."""

from django_tasks import task

from sankofa.people.models import MatchRun


@task()
def match_run_task(run_id: int) -> int:
    """Run one queued batch duplicate search."""
    from .services import match_run_execute

    run = MatchRun.objects.get(pk=run_id)
    if run.status != MatchRun.Status.QUEUED:
        return run.queued_count  # idempotent: a retried job does not run twice
    return match_run_execute(run=run).queued_count
