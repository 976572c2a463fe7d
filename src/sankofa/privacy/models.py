"""Data lifecycle: legal holds, retention runs approved by a data-protection focal point, data
subject requests (access, correction, erasure), and the marks of what was anonymised.

Other apps may import these models (e.g. the subject-access export reads DataSubjectRequest of kind
ACCESS); `privacy` sits right of `reports` and left of `cooperation`."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sankofa.cases.models import Case
from sankofa.people.models import Person


class LegalHold(models.Model):
    """While a hold is in force (not lifted) nothing of the case is anonymised, by retention or by an
    erasure request. Lifting keeps the record."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField(_("reason for the hold"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-set_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(lifted_at=None), name="legal_hold_one_in_force"
            )
        ]

    def __str__(self) -> str:
        return gettext("Legal hold %(id)s (%(case)s)") % {"id": self.pk, "case": self.case.number}


class RetentionRun(models.Model):
    """A proposal of what retention would anonymise or delete (counts and case numbers, no personal
    data), approved by a data-protection focal point, then executed. Proposed → approved → executed."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        EXECUTED = "executed", _("Executed")
        SUPERSEDED = "superseded", _("Superseded")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The dates before which each record type is due, as computed when proposed: execution applies
    # exactly these, so what runs is what was approved (records that fell due since wait).
    cutoffs = models.JSONField(default=dict)
    # {"closed_cases": {"count": n, "numbers": [...]}, "access_log": {"count": n}, ...}
    report = models.JSONField(default=dict)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    executed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return gettext("Retention run %(id)s (%(status)s)") % {
            "id": self.pk,
            "status": self.get_status_display(),
        }


class DataSubjectRequest(models.Model):
    """A request by a person about their data (access, correction, erasure), recorded and decided by
    a data-protection focal point. An approved erasure anonymises the person everywhere."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access")
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of request"), max_length=12, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return gettext("Request %(id)s (%(kind)s)") % {"id": self.pk, "kind": self.get_kind_display()}

    def check_open(self) -> None:
        if self.status != self.Status.RECEIVED:
            raise ValidationError(gettext("This request has already been decided."))


class Anonymisation(models.Model):
    """The mark that a person's data was anonymised: when, and why (a retention run or a request).
    Retention skips the cases whose every member carries one. The person is a plain id, not a
    foreign key: a merge re-points every key to a person (people.merging), and this mark belongs
    to the registration that was anonymised, not to whoever it is merged into later."""

    person = models.BigIntegerField(_("person"), unique=True)
    at = models.DateTimeField(auto_now_add=True)
    run = models.ForeignKey(RetentionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    request = models.ForeignKey(
        DataSubjectRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.at:%Y-%m-%d}"


auditlog.register(LegalHold)
auditlog.register(RetentionRun, exclude_fields=["report"])
auditlog.register(DataSubjectRequest, mask_fields=["details"], mask_callable="sankofa.core.fields.redact")
