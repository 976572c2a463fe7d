"""Closing a case at the end of reintegration (or earlier), with a supervisor's approval, and
reopening it. The case status itself changes through cases.services.case_close_or_reopen."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sankofa.cases.models import Case
from sankofa.core.models import TimeStampedModel
from sankofa.returns.models import StateMachine


class CaseClosure(StateMachine, TimeStampedModel):
    """A request to close a case, its decision, and its reopening if the case comes back."""

    class Reason(models.TextChoices):
        COMPLETED = "completed", _("Assistance completed")
        NOT_ELIGIBLE = "not_eligible", _("No longer eligible")
        OPTED_OUT = "opted_out", _("Opted out")
        MOVED_AWAY = "moved_away", _("Moved away")
        REMIGRATED = "remigrated", _("Re-migrated")
        DECEASED = "deceased", _("Deceased")
        LOST_CONTACT = "lost_contact", _("Lost contact")
        PROGRAMME_ENDED = "programme_ended", _("Programme ended")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Closure requested")
        APPROVED = "approved", _("Closed")
        REFUSED = "refused", _("Closure refused")
        REOPENED = "reopened", _("Reopened")

    TRANSITIONS = {
        Status.REQUESTED: {Status.APPROVED, Status.REFUSED},
        Status.APPROVED: {Status.REOPENED},
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("reason for closure"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("supervisor's note"), blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case closure")
        verbose_name_plural = _("case closures")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "decided_at"])]

    def __str__(self) -> str:
        return gettext("Closure %(id)s (%(case)s)") % {"id": self.pk, "case": self.case.number}


auditlog.register(CaseClosure)
