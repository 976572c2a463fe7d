from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

from sankofa.core.models import Country, TimeStampedModel


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        IOM = "iom", _("IOM / implementing agency")
        GOVERNMENT = "government", _("Government ministry or agency")
        NGO = "ngo", _("NGO")
        CSO = "cso", _("Civil-society organisation")
        UN = "un", _("UN agency")
        PRIVATE = "private", _("Private company")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Office(TimeStampedModel):
    class Kind(models.TextChoices):
        TRANSIT = "transit", _("Transit or host country office")
        ORIGIN = "origin", _("Country of origin office")
        REGIONAL = "regional", _("Regional office")
        HQ = "hq", _("Headquarters")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"), max_length=12, unique=True, help_text=_("Prefix of case numbers, e.g. NER or NER-AGZ.")
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    covers = models.ManyToManyField(
        "self",
        verbose_name=_("offices covered"),
        symmetrical=False,
        blank=True,
        related_name="covered_by",
        help_text=_("For regional offices and headquarters: the offices whose cases their staff may see."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    ME_OFFICER = "me_officer", _("M&E officer")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    PARTNER = "partner", _("Partner")
    DATA_PROTECTION = "data_protection", _("Data-protection focal point")
    ADMINISTRATOR = "administrator", _("Administrator")


class Membership(TimeStampedModel):
    """A user's role in one office. Sensitive data needs `sensitive_access` on top of the role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    sensitive_access = models.BooleanField(
        _("may see sensitive data"),
        default=False,
        help_text=_("Trafficking, violence, health and mental-health details, in this office's cases."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "office", "role"], name="membership_unique_role")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.office.code}"


class ApiToken(AbstractAuthToken):
    """An API token of one user on one device (django-rest-knox). Only a hash of the token is kept
    (`digest`; `token_key` is the first 15 of its 64 characters, knox's lookup hint): nobody, not even
    an administrator, can read a token back. It expires (REST_KNOX TOKEN_TTL) and is revoked by
    deleting the row (by its user, an administrator, a password change or a sign-out)."""

    id = models.BigAutoField(primary_key=True)  # an id to list and revoke by, never the digest
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(_("device"), max_length=100)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:  # knox's shows the digest
        return f"{self.name} ({self.user})"


auditlog.register(Organisation)
auditlog.register(Office, m2m_fields={"covers"})
auditlog.register(Membership)


class AuditChainHead(models.Model):
    """The end of one hash chain (audit: every write; access: every opening of a case file). The row
    is locked (select_for_update) by the transaction appending to its chain, so that appending is
    serialised in the database whatever the number of web processes and workers."""

    kind = models.CharField(max_length=10, primary_key=True)
    length = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.kind}: {self.length}"


class AuditSeal(models.Model):
    """The seal of one audit or access-log entry: its place in its chain (`seq`, gapless), the hash
    of the entry before it and its own hash, SHA-256 over that previous hash and the canonical JSON
    of the entry's fields (access.audit_chain)."""

    kind = models.CharField(max_length=10)
    seq = models.BigIntegerField()
    entry_id = models.BigIntegerField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "seq"], name="auditseal_unique_seq"),
            models.UniqueConstraint(fields=["kind", "entry_id"], name="auditseal_unique_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.seq} ({self.entry_id})"


class AuditRedaction(models.Model):
    """A lawful change to a sealed entry (anonymisation after retention, an erasure request): the
    entry's content after the change (`digest`: SHA-256 of its canonical JSON; blank when the entry
    was deleted) and why. The verification accepts an entry that matches its redaction instead of
    its seal. Redactions are a chain of their own ("redaction"), so a forged one shows as unsealed."""

    kind = models.CharField(max_length=10)
    entry_id = models.BigIntegerField()
    digest = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "entry_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.entry_id}: {self.reason}"


class AuditVerification(models.Model):
    """One run of the chain verification (`sankofa audit_verify` or the data-protection page)."""

    class Problem(models.TextChoices):
        ALTERED = "altered", _("altered after it was written")
        DELETED = "deleted", _("deleted")
        UNSEALED = "unsealed", _("inserted out of chain")
        RESEALED = "resealed", _("seal rewritten")

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    entries = models.BigIntegerField(_("entries verified"), default=0)
    intact = models.BooleanField(_("intact"), null=True)
    kind = models.CharField(_("chain"), max_length=10, blank=True)
    entry_id = models.BigIntegerField(_("entry"), null=True, blank=True)
    problem = models.CharField(_("problem"), max_length=10, choices=Problem.choices, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    problems = models.BigIntegerField(_("problems found"), default=0)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("audit verification")
        verbose_name_plural = _("audit verifications")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'intact' if self.intact else 'broken'}"
