"""Writes of the reports app: export jobs (requested by a user, built by a background task)."""

import datetime

from django.core.exceptions import ValidationError
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


@transaction.atomic
def case_list_export_request(
    *, actor, format: str, language: str, filters: dict, purpose: str, pseudonymised: bool = True
) -> ExportJob:
    """Queue a case list export with personal data: supervisors, administrators and data-protection
    focal points only, with the purpose stated, pseudonymised unless names are asked for. The file
    expires (settings.PERSONAL_EXPORT_HOURS after it is built) and every case in it is logged as read."""
    ensure(actor, "reports.export_case_list")
    if len(purpose.strip()) < 10:
        raise ValidationError({"purpose": _("Say what the export is for (at least a few words).")})
    if format not in (ExportJob.Format.XLSX, ExportJob.Format.CSV):
        raise ValidationError({"format": _("A case list is exported as XLSX or CSV.")})
    job = ExportJob.objects.create(
        requested_by=actor,
        kind=ExportJob.Kind.CASE_LIST,
        format=format,
        language=language,
        params=filters,
        purpose=purpose.strip(),
        pseudonymised=pseudonymised,
    )
    from .tasks import export_run

    export_run.enqueue(job.pk)
    return job


def exports_purge_expired(*, now=None) -> int:
    """Delete the files of expired exports (the job stays, as the record of what was exported)."""
    now = now or timezone.now()
    purged = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).exclude(file=""):
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(file="")
        purged += 1
    return purged


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
    if job.kind == ExportJob.Kind.CASE_LIST:
        return _case_list_build(job)
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


def _case_list_build(job: ExportJob) -> ExportJob:
    from django.conf import settings

    from . import case_exports

    try:
        with translation.override(job.language):
            lines = case_exports.rows(
                actor=job.requested_by,
                filters=case_exports.filters_of(job.params),
                pseudonymised=job.pseudonymised,
                progress=lambda p: _progress(job, p),
            )
            write = case_exports.write_xlsx if job.format == ExportJob.Format.XLSX else case_exports.write_csv
            content = write(lines)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        job.file.save(f"sankofa-cases-{stamp}-{job.pk}.{job.format}", ContentFile(content), save=False)
        job.status, job.progress, job.finished_at = ExportJob.Status.DONE, 100, timezone.now()
        job.expires_at = job.finished_at + datetime.timedelta(hours=settings.PERSONAL_EXPORT_HOURS)
        job.save(update_fields=["file", "status", "progress", "finished_at", "expires_at", "updated_at"])
    except Exception as error:
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
