"""Writes of the reports app: export jobs (requested by a user, built by a background task)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure

from .models import ExportJob


@transaction.atomic
def export_request(*, actor, format: str, language: str, params: dict) -> ExportJob:
    """Queue an aggregated export for the actor (programme staff only); the task builds the file."""
    ensure(actor, "reports.request_export")
    job = ExportJob.objects.create(requested_by=actor, format=format, language=language, params=params)
    from .tasks import export_run

    export_run.enqueue(job.pk)  # same transaction: the job row and its task commit together
    return job


def _progress(job: ExportJob, percent: int) -> None:
    # Outside any long transaction, so the progress page sees it while the job runs.
    ExportJob.objects.filter(pk=job.pk).update(progress=percent)


def export_build(*, job: ExportJob) -> ExportJob:
    """Build the file of one export job as its requester (same scope as their dashboard), in the
    job's language whatever the language of the worker, and store it through the storage API.
    Idempotent: a job already done is left alone."""
    from .exports import cells_build, write_csv, write_pdf, write_xlsx
    from .forms import params_to_filters

    if job.status == ExportJob.Status.DONE:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=1)
    try:
        filters = params_to_filters(job.params)
        with translation.override(job.language):
            cells = cells_build(actor=job.requested_by, filters=filters, progress=lambda p: _progress(job, p))
            if job.format == ExportJob.Format.XLSX:
                content = write_xlsx(cells, filters)
            elif job.format == ExportJob.Format.CSV:
                content = write_csv(cells, filters)
            else:
                content = write_pdf(cells, filters, title=_("Programme indicators"))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        job.file.save(f"sankofa-indicators-{stamp}-{job.pk}.{job.format}", ContentFile(content), save=False)
        job.status, job.progress, job.finished_at = ExportJob.Status.DONE, 100, timezone.now()
        job.save(update_fields=["file", "status", "progress", "finished_at", "updated_at"])
    except Exception as error:  # the requester sees that it failed; the worker log has the trace
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=str(error)[:300])
        raise
    return job


def indicator_facts_refresh(*, full: bool = False):
    """Bring the indicator fact table up to date (the cases changed since the last run), or rebuild
    it whole. Not a user's act: run by the background task, the command and the demo."""
    from .facts import facts_rebuild, facts_refresh

    return facts_rebuild() if full else facts_refresh()


def indicator_facts_refresh_queue() -> None:
    """Queue one refresh of the fact table, unless one is already waiting (many writes, one run)."""
    from .models import IndicatorFactState
    from .tasks import indicator_facts_refresh_run

    IndicatorFactState.objects.get_or_create(pk=1)
    if IndicatorFactState.objects.filter(pk=1, pending=False).update(pending=True):
        indicator_facts_refresh_run.enqueue()


def on_case_event(*, case, kind: str) -> None:
    """Case timeline hook (cases.extensions): after the writing transaction commits, queue a refresh
    of the fact table, so the dashboard follows within a worker's round trip."""
    transaction.on_commit(indicator_facts_refresh_queue)
