"""Export jobs: an aggregated export (XLSX, CSV+HXL, PDF) built in the background. The file goes
through Django's storage API and is downloadable only by the user who asked."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sankofa.core.models import TimeStampedModel


class ExportJob(TimeStampedModel):
    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (XLSX)")
        CSV = "csv", _("CSV with HXL hashtags")
        PDF = "pdf", _("PDF report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    params = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.format} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export", args=[self.pk])


auditlog.register(ExportJob)
