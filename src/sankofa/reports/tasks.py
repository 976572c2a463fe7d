"""Background tasks: they only call services."""

from django_tasks import task

from .models import ExportJob
from .services import export_build


@task()
def export_run(job_id: int) -> None:
    export_build(job=ExportJob.objects.select_related("requested_by").get(pk=job_id))


@task()
def indicator_facts_refresh_run() -> None:
    from .services import indicator_facts_refresh

    indicator_facts_refresh()
