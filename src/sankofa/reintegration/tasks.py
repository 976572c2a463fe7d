"""Background jobs of reintegration: they only call services."""

from django_tasks import task

# --- Sustainability surveys ---------------------------------------------------------------------------


@task()
def surveys_schedule_task() -> int:
    """Schedule the surveys of every arrival lacking them (idempotent: safe to run again, nightly)."""
    from .services import surveys_schedule_missing

    return surveys_schedule_missing()
