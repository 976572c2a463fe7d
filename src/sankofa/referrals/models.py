"""National Referral Mechanism: service providers (the profile of an organisation), referral
pathways, referrals with a frozen snapshot of the data shared, and the scope of consent to share."""

import datetime
import json

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Organisation
from sankofa.assistance.models import Service
from sankofa.cases.models import Case, Consent
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import Country, TimeStampedModel, in_active_language
from sankofa.people.models import Person


class ShareField(models.TextChoices):
    """The fixed list of what a referral may share about each person referred."""

    NAME = "name", _("Name")
    SEX = "sex", _("Sex")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    NATIONALITY = "nationality", _("Nationality")
    LANGUAGES = "languages", _("Languages spoken")
    PHONE = "phone", _("Phone number")
    VULNERABILITIES = "vulnerabilities", _("Vulnerabilities (non-sensitive)")
    SENSITIVE = "sensitive", _("Sensitive details (trafficking, violence, health)")


# Sharing these needs the referrer's sensitive-data permission on top of the person's consent.
SENSITIVE_SHARE_FIELDS = frozenset({ShareField.SENSITIVE})


class Provider(TimeStampedModel):
    """A service provider: the profile of one organisation, so that consent to share with a named
    partner (cases.Consent.partner) names exactly the provider, and the organisation's partner
    users are the provider's users. A provider whose organisation has no users is off-system."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="provider"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    areas_served = models.CharField(
        _("areas served"), max_length=300, blank=True, help_text=_("Regions, cities or districts.")
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services offered"), blank=True, related_name="+"
    )
    eligibility = models.TextField(_("eligibility criteria"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True, help_text=_("ISO 639-3 codes."))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("People who can be taken on per month.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    accepts_referrals = models.BooleanField(_("accepts referrals"), default=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("referrals:provider", args=[self.pk])


class FocalPoint(models.Model):
    """A person to contact at a provider; notified by email of new referrals."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return self.name


class Need(models.TextChoices):
    TRAFFICKING = "trafficking", _("Victim of trafficking")
    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Unaccompanied or separated child")
    VIOLENCE = "violence", _("Survivor of violence")
    HEALTH = "health", _("Medical needs")
    MENTAL_HEALTH = "mental_health", _("Mental health and psychosocial needs")
    DISABILITY = "disability", _("Disability")
    REINTEGRATION = "reintegration", _("Returnee reintegration")
    DOCUMENTS = "documents", _("Civil documents")
    OTHER = "other", _("Other")


class Pathway(TimeStampedModel):
    """How a need is met in one country: ordered steps, each with a responsible provider."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    need = models.CharField(_("need"), max_length=30, choices=Need.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country__name_en", "need", "name_en"]
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_fr)

    @property
    def description(self) -> str:
        return in_active_language(self.description_en, self.description_fr)

    def get_absolute_url(self) -> str:
        return reverse("referrals:pathway", args=[self.pk])


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    title_en = models.CharField(_("step (English)"), max_length=200)
    title_fr = models.CharField(_("step (French)"), max_length=200)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("responsible provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pathway_steps",
    )

    class Meta:
        ordering = ["pathway", "order"]
        constraints = [models.UniqueConstraint(fields=["pathway", "order"], name="pathway_step_order")]
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_fr)


class ConsentScope(models.Model):
    """Which fields a consent to share with a named partner covers. Kept beside cases.Consent (one
    to one) so that the consent model stays as it is; a SHARE_PARTNER consent without a scope
    covers no field."""

    consent = models.OneToOneField(Consent, on_delete=models.CASCADE, related_name="share_scope")
    fields = models.JSONField(_("fields covered"), default=list)

    class Meta:
        verbose_name = _("scope of consent to share")
        verbose_name_plural = _("scopes of consent to share")

    def __str__(self) -> str:
        return f"{self.consent_id}: {', '.join(self.fields)}"


class Priority(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency (24 hours)")
    URGENT = "urgent", _("Urgent (72 hours)")
    NORMAL = "normal", _("Normal (2 weeks)")


# How long the provider has to answer (accept or decline) once a referral is sent.
RESPONSE_TIME = {
    Priority.EMERGENCY: datetime.timedelta(hours=24),
    Priority.URGENT: datetime.timedelta(hours=72),
    Priority.NORMAL: datetime.timedelta(days=14),
}


class DeclineReason(models.TextChoices):
    CAPACITY = "capacity", _("No capacity")
    ELIGIBILITY = "eligibility", _("Person not eligible")
    SERVICE = "service", _("Service not offered")
    AREA = "area", _("Outside the area served")
    UNREACHABLE = "unreachable", _("Person could not be reached")
    OTHER = "other", _("Other")


class Referral(TimeStampedModel):
    """One or several members of a case referred to a provider for a service. Once sent, the data
    shared is frozen in `snapshot`: the provider reads only that, never the case."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IN_PROGRESS = "in_progress", _("Service in progress")
        COMPLETED = "completed", _("Completed")
        CLOSED = "closed", _("Closed without service")
        REVOKED = "revoked", _("Revoked")

    TRANSITIONS = {
        Status.DRAFT: {Status.SENT, Status.REVOKED},
        Status.SENT: {Status.ACKNOWLEDGED, Status.REVOKED},
        Status.ACKNOWLEDGED: {Status.ACCEPTED, Status.DECLINED, Status.REVOKED},
        Status.ACCEPTED: {Status.IN_PROGRESS, Status.COMPLETED, Status.CLOSED, Status.REVOKED},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.CLOSED, Status.REVOKED},
        Status.DECLINED: set(),
        Status.COMPLETED: set(),
        Status.CLOSED: set(),
        Status.REVOKED: set(),
    }
    # Waiting for the provider's answer: overdue once past the due date.
    AWAITING_ANSWER = frozenset({Status.SENT, Status.ACKNOWLEDGED})
    OPEN = frozenset({Status.DRAFT, Status.SENT, Status.ACKNOWLEDGED, Status.ACCEPTED, Status.IN_PROGRESS})

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    office = models.ForeignKey(
        "access.Office", verbose_name=_("referring office"), on_delete=models.PROTECT, related_name="+"
    )
    people = models.ManyToManyField(Person, verbose_name=_("people referred"), related_name="+")
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service needed"), on_delete=models.PROTECT, related_name="+"
    )
    pathway = models.ForeignKey(
        Pathway,
        verbose_name=_("pathway"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    reason = models.TextField(_("reason for the referral"), help_text=_("Shared with the provider."))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    shared_fields = models.JSONField(_("data shared"), default=list)
    consents = models.ManyToManyField(Consent, verbose_name=_("consents relied on"), related_name="+")
    # JSON of what the provider sees, frozen at sending; encrypted because it may hold sensitive details.
    snapshot = EncryptedTextField(blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    off_system = models.BooleanField(
        _("off-system provider"),
        default=False,
        help_text=_("The provider has no users: the caseworker follows up."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("completed or closed"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["office", "status"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"REF-{self.pk:06d}" if self.pk else "REF-new"

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    def get_portal_url(self) -> str:
        return reverse("referrals:portal-detail", args=[self.pk])

    def check_transition(self, target: str) -> None:
        """Refuse an illegal change of status with a message naming both statuses."""
        if target not in self.Status.values:
            raise ValidationError(gettext("“%(to)s” is not a referral status.") % {"to": target})
        if target not in self.TRANSITIONS.get(self.status, set()):
            raise ValidationError(
                gettext("A referral cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": self.Status(target).label}
            )

    def transition_to(self, target: str) -> str:
        self.check_transition(target)
        previous, self.status = self.status, target
        return previous

    def is_overdue(self, now: datetime.datetime) -> bool:
        """Still waiting for the provider's answer after the due date."""
        return self.status in self.AWAITING_ANSWER and self.due_at is not None and self.due_at < now

    @property
    def shared_data(self) -> dict:
        return json.loads(self.snapshot) if self.snapshot else {}


class ReferralEvent(models.Model):
    """The referral's own history, which both the referrer and the provider see (never the case
    timeline, which the provider never reads)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Referral.Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.status}"


auditlog.register(Provider, m2m_fields={"services"})
auditlog.register(FocalPoint)
auditlog.register(Pathway)
auditlog.register(PathwayStep)
auditlog.register(ConsentScope)
auditlog.register(
    Referral, mask_fields=["snapshot"], mask_callable="sankofa.core.fields.redact", m2m_fields={"people"}
)
auditlog.register(ReferralEvent)
