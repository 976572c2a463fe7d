from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Office, Organisation
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import Country, TimeStampedModel
from sankofa.people.models import Person


class Case(TimeStampedModel):
    """A case file: one or more people, owned by one office, numbered OFFICE-YEAR-SEQUENCE."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ON_HOLD = "on_hold", _("On hold")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        Status.OPEN: {Status.ON_HOLD, Status.CLOSED},
        Status.ON_HOLD: {Status.OPEN, Status.CLOSED},
        Status.CLOSED: {Status.OPEN},
    }

    number = models.CharField(_("case number"), max_length=30, unique=True)
    owning_office = models.ForeignKey(
        Office, verbose_name=_("owning office"), on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned caseworker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_on = models.DateField(_("registration date"))
    principal = models.ForeignKey(
        Person, verbose_name=_("principal applicant"), on_delete=models.PROTECT, related_name="principal_of"
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every edit; stale forms are refused."
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["owning_office", "year", "sequence"], name="case_number_per_office_year"
            )
        ]
        indexes = [
            models.Index(fields=["owning_office", "-id"]),
            models.Index(fields=["status", "-id"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.number])

    def office_ids(self) -> set[int]:
        """The owning office and every office the case is shared with."""
        return {self.owning_office_id, *self.shares.values_list("office_id", flat=True)}

    def check_transition(self, target: str) -> None:
        if target not in self.Status.values:
            raise ValidationError(gettext("“%(to)s” is not a case status.") % {"to": target})
        if target not in self.TRANSITIONS.get(self.status, set()):
            raise ValidationError(
                gettext("A case cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": self.Status(target).label}
            )


class CaseNumberSequence(models.Model):
    """Last number given per office and year; locked while a case is registered."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="case_sequence_per_office_year")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last}"


class CaseMember(models.Model):
    class Relationship(models.TextChoices):
        PRINCIPAL = "principal", _("Principal applicant")
        SPOUSE = "spouse", _("Spouse or partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        GRANDCHILD = "grandchild", _("Grandchild")
        OTHER_RELATIVE = "other_relative", _("Other relative")
        NOT_RELATED = "not_related", _("Not related (travelling together)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField(
        _("relationship to the principal"), max_length=20, choices=Relationship.choices
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case member")
        verbose_name_plural = _("case members")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="case_member_once"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(relationship="principal"), name="case_one_principal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class CaseShare(models.Model):
    """Another office may see and work on the case (e.g. the origin office after handover)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="shared_cases")
    reason = models.CharField(_("reason"), max_length=200)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "office"], name="case_share_once")]
        indexes = [models.Index(fields=["office", "case"])]

    def __str__(self) -> str:
        return f"{self.case} → {self.office}"


class Consent(models.Model):
    """Consent of one person for one purpose (DESIGN.md §4); withdrawal keeps the record."""

    class Purpose(models.TextChoices):
        ASSISTANCE = "assistance", _("Assistance")
        RETURN = "return", _("Voluntary return")
        SHARE_ORIGIN = "share_origin", _("Sharing with the office in the country of origin")
        SHARE_PARTNER = "share_partner", _("Sharing with a named partner")
        MONITORING = "monitoring", _("Data for monitoring")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted = models.BooleanField(_("consent given"))
    given_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["person_id", "purpose", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.case})"

    @property
    def in_force(self) -> bool:
        return self.granted and self.withdrawn_on is None


class VulnerabilityFlag(models.Model):
    class Kind(models.TextChoices):
        UASC = "uasc", _("Unaccompanied or separated child")
        CHILD_WITH_FAMILY = "child_with_family", _("Child with family")
        VOT_PRESUMED = "vot_presumed", _("Presumed victim of trafficking")
        VOT_IDENTIFIED = "vot_identified", _("Identified victim of trafficking")
        SURVIVOR_VIOLENCE = "survivor_violence", _("Survivor of violence or exploitation during the journey")
        SERIOUS_MEDICAL = "serious_medical", _("Serious medical condition")
        MENTAL_HEALTH = "mental_health", _("Mental health need")
        DISABILITY = "disability", _("Disability")
        OLDER_PERSON = "older_person", _("Older person")
        PREGNANT_LACTATING = "pregnant_lactating", _("Pregnant or lactating")

    # Which flags are sensitive: their kind and notes need the sensitive-data permission to be read.
    SENSITIVE = frozenset(
        {
            Kind.VOT_PRESUMED,
            Kind.VOT_IDENTIFIED,
            Kind.SURVIVOR_VIOLENCE,
            Kind.SERIOUS_MEDICAL,
            Kind.MENTAL_HEALTH,
        }
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="vulnerability_flags")
    kind = models.CharField(_("vulnerability"), max_length=30, choices=Kind.choices)
    identified_on = models.DateField(_("date identified"))
    notes = EncryptedTextField(_("notes"), blank=True)
    sensitive = models.BooleanField(default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vulnerability flag")
        verbose_name_plural = _("vulnerability flags")
        indexes = [models.Index(fields=["kind", "case"])]

    def __str__(self) -> str:
        # No kind here: the audit log shows this, and the kind itself may be sensitive.
        return gettext("Vulnerability flag %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.sensitive = self.kind in self.SENSITIVE
        super().save(*args, **kwargs)


class MigrationProfile(TimeStampedModel):
    class Reason(models.TextChoices):
        ECONOMIC = "economic", _("Economic")
        FAMILY = "family", _("Family")
        EDUCATION = "education", _("Education")
        CONFLICT = "conflict", _("Conflict or violence")
        ENVIRONMENT = "environment", _("Environment or climate")
        OTHER = "other", _("Other")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="profile")
    reason_for_leaving = models.CharField(
        _("main reason for leaving"), max_length=20, choices=Reason.choices, blank=True
    )
    reason_detail = models.CharField(_("details of the reason"), max_length=300, blank=True)
    left_home_on = models.DateField(_("date left home"), null=True, blank=True)
    return_from = models.ForeignKey(
        Country,
        verbose_name=_("country the person wants to return from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intended_destination = models.ForeignKey(
        Country,
        verbose_name=_("intended destination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("migration profile")


class RouteStep(models.Model):
    profile = models.ForeignKey(MigrationProfile, on_delete=models.CASCADE, related_name="route")
    order = models.PositiveSmallIntegerField()
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["profile", "order"], name="route_step_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.country_id} {self.place}".strip()


class TimelineEvent(models.Model):
    """What happened to a case, in order. `sensitive` events show details only with the permission."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    sensitive = models.BooleanField(default=False)
    # The member the event is about, if one: who may see it is decided by this key, never by the
    # name written in `data` (names get corrected; the old events must stay masked).
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.case_id})"


class CaseAccess(models.Model):
    """Every read of personal data of a case: who, when, which case, what, through which channel
    (written by cases.read_log, the one place)."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API")
        OTHER = "other", _("Task or command")

    class Record(models.TextChoices):
        CASE_FILE = "case_file", _("Case file")
        PERSON = "person", _("Person")
        MANIFEST = "manifest", _("Movement manifest")
        RETURN_REQUEST = "return_request", _("Return request")
        TRAVEL_DOCUMENT = "travel_document", pgettext_lazy("record read", "Travel document")
        ASSESSMENT = "assessment", _("Needs assessment")
        PLAN = "plan", _("Reintegration plan")
        SURVEY = "survey", _("Sustainability survey")
        REFERRAL = "referral", pgettext_lazy("record read", "Referral")
        EXPORT = "export", _("Export")
        SUBJECT_ACCESS = "subject_access", _("Subject access")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    record = models.CharField(
        _("what was read"), max_length=20, choices=Record.choices, default=Record.CASE_FILE
    )
    sensitive_shown = models.BooleanField(default=False)
    emergency = models.BooleanField(default=False)  # opened under an EmergencyAccess, outside scope

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case_id} / {self.user_id} / {self.channel}"


class EmergencyAccess(models.Model):
    """Break-the-glass: a regional supervisor reads a case outside their scope, for a stated reason,
    until `expires_at`. Read only; every opening under it is logged (CaseAccess.emergency) and the
    data-protection focal points of the owning office are told."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["user", "expires_at"], name="emergency_user_expiry")]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def in_force(self) -> bool:
        return self.expires_at > timezone.now()

    @classmethod
    def case_ids_in_force(cls, user) -> list[int]:
        """THE break-the-glass rule, read by cases_visible_to, members_visible_to and can_read_case:
        the cases `user` may read under an emergency access that has not expired."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return []
        return list(
            cls.objects.filter(user_id=user.pk, expires_at__gt=timezone.now()).values_list(
                "case_id", flat=True
            )
        )


auditlog.register(Case)
auditlog.register(EmergencyAccess)
auditlog.register(CaseMember)
auditlog.register(CaseShare)
auditlog.register(Consent)
# Sensitive notes are encrypted at rest; the audit trail records that they changed, never their text
# (auditlog's default mask keeps half of the value in clear, hence core.fields.redact).
auditlog.register(VulnerabilityFlag, mask_fields=["notes"], mask_callable="sankofa.core.fields.redact")
auditlog.register(MigrationProfile)
auditlog.register(RouteStep)
