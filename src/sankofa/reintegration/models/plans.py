"""Assessment, reintegration plans and community projects (docs/reintegration.md).

A plan belongs to one returnee (a person of a case, usually after an Arrival). Its status moves
through `transition_to` (returns.models.StateMachine): a refused move changes nothing. Money is a
Decimal with its ISO 4217 currency on every line; totals are kept per currency, never added across."""

import datetime
from collections import defaultdict
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Office, Organisation
from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import Case
from sankofa.core.currencies import CurrencyField
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import Country, TimeStampedModel
from sankofa.people.models import Person
from sankofa.returns.models import StateMachine

from .reception import Arrival

# A plan is due this many days after arrival ("developed within about a month of return").
PLAN_DUE_DAYS = 30


def totals_by_currency(pairs) -> dict[str, Decimal]:
    """(amount, currency) pairs summed per currency, sorted by code: amounts in different currencies
    are never added together."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for amount, currency in pairs:
        if amount is not None:
            totals[currency] += Decimal(amount)
    return dict(sorted(totals.items()))


class Assessment(TimeStampedModel):
    """Needs and skills of one returnee, the ground of their plan. Psychosocial needs and the
    confidential notes are encrypted at rest and masked in the audit log."""

    class Education(models.TextChoices):
        NONE = "none", _("No formal education")
        PRIMARY = "primary", _("Primary school")
        SECONDARY = "secondary", _("Secondary school")
        VOCATIONAL = "vocational", _("Vocational training")
        HIGHER = "higher", _("Higher education")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("date of assessment"))
    economic_needs = models.TextField(_("economic needs"), blank=True)
    social_needs = models.TextField(_("social needs"), blank=True)
    psychosocial_needs = EncryptedTextField(_("psychosocial needs"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    work_experience = models.TextField(_("work experience"), blank=True)
    family_situation = models.TextField(_("family situation"), blank=True)
    confidential_notes = EncryptedTextField(
        _("confidential notes"), blank=True, help_text=_("Readable only with access to sensitive data.")
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("needs and skills assessment")
        verbose_name_plural = _("needs and skills assessments")
        ordering = ["-assessed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="assessment_once_per_person")]

    def __str__(self) -> str:
        return gettext("Assessment %(id)s") % {"id": self.pk}


class Dimension(models.TextChoices):
    ECONOMIC = "economic", _("Economic")
    SOCIAL = "social", _("Social")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")


class ItemKind(models.TextChoices):
    INCOME_GENERATING = "income_generating", _("Income-generating activity")
    MICROBUSINESS = "microbusiness", _("Microbusiness")
    COLLECTIVE_BUSINESS = "collective_business", _("Collective business with other returnees")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    HOUSING = "housing", _("Housing")
    MEDICAL = "medical", _("Medical care")
    EDUCATION = "education", _("Education")
    DOCUMENTS = "documents", _("Documents")
    LEGAL = "legal", _("Legal services")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    CHILDCARE = "childcare", _("Childcare")
    COUNSELLING = "counselling", _("Individual or family counselling")
    COMMUNITY_ACTIVITIES = "community_activities", _("Community activities")


# kind → (dimension, code of the catalogue service its delivery is recorded as)
ITEM_KINDS = {
    ItemKind.INCOME_GENERATING: (Dimension.ECONOMIC, "income-generating-activity"),
    ItemKind.MICROBUSINESS: (Dimension.ECONOMIC, "income-generating-activity"),
    ItemKind.COLLECTIVE_BUSINESS: (Dimension.ECONOMIC, "collective-business"),
    ItemKind.JOB_PLACEMENT: (Dimension.ECONOMIC, "job-placement"),
    ItemKind.VOCATIONAL_TRAINING: (Dimension.ECONOMIC, "vocational-training"),
    ItemKind.HOUSING: (Dimension.SOCIAL, "housing-support"),
    ItemKind.MEDICAL: (Dimension.SOCIAL, "medical-treatment"),
    ItemKind.EDUCATION: (Dimension.SOCIAL, "schooling"),
    ItemKind.DOCUMENTS: (Dimension.SOCIAL, "civil-documentation"),
    ItemKind.LEGAL: (Dimension.SOCIAL, "legal-counselling"),
    ItemKind.SOCIAL_PROTECTION: (Dimension.SOCIAL, "social-protection"),
    ItemKind.CHILDCARE: (Dimension.SOCIAL, "childcare"),
    ItemKind.COUNSELLING: (Dimension.PSYCHOSOCIAL, "psychosocial-individual"),
    ItemKind.COMMUNITY_ACTIVITIES: (Dimension.PSYCHOSOCIAL, "psychosocial-group"),
}


class ReintegrationPlan(StateMachine, TimeStampedModel):
    """The reintegration plan of one returnee. Draft or returned plans are edited in place; changing
    an approved (or in-progress) plan starts a new revision, back in draft; each approval keeps a
    frozen copy (PlanRevision)."""

    class Status(models.TextChoices):
        # A context: other apps translate these words for feminine nouns (une demande approuvée).
        DRAFT = "draft", pgettext_lazy("reintegration plan", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("reintegration plan", "Submitted for approval")
        RETURNED = "returned", pgettext_lazy("reintegration plan", "Returned for changes")
        APPROVED = "approved", pgettext_lazy("reintegration plan", "Approved")
        IN_PROGRESS = "in_progress", pgettext_lazy("reintegration plan", "In progress")
        COMPLETED = "completed", pgettext_lazy("reintegration plan", "Completed")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
        Status.APPROVED: {Status.IN_PROGRESS, Status.DRAFT},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.DRAFT},
    }
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    REVISABLE = (Status.APPROVED, Status.IN_PROGRESS)
    DELIVERABLE = (Status.APPROVED, Status.IN_PROGRESS)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reintegration_plans")
    person = models.ForeignKey(Person, verbose_name=_("returnee"), on_delete=models.PROTECT, related_name="+")
    arrival = models.ForeignKey(Arrival, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    due_on = models.DateField(_("to be designed by"), null=True, blank=True)
    economic_summary = models.TextField(_("economic dimension"), blank=True)
    social_summary = models.TextField(_("social dimension"), blank=True)
    psychosocial_summary = models.TextField(_("psychosocial dimension"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision_note = models.TextField(_("supervisor's note"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("reintegration plan")
        verbose_name_plural = _("reintegration plans")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="plan_once_per_returnee")]
        indexes = [models.Index(fields=["status", "approved_at"])]

    def __str__(self) -> str:
        return gettext("Reintegration plan %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("reintegration:plan", args=[self.pk])

    def is_overdue_to_design(self, today: datetime.date) -> bool:
        """Not yet approved once and past the month after arrival."""
        return (
            self.due_on is not None
            and today > self.due_on
            and self.approved_at is None
            and self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.SUBMITTED)
        )

    def budget_totals(self) -> dict[str, Decimal]:
        return totals_by_currency((i.budget, i.currency) for i in self.items.all() if not i.cancelled)

    def purchase_totals(self) -> dict[str, Decimal]:
        return totals_by_currency(
            (p.total, i.currency) for i in self.items.all() if not i.cancelled for p in i.purchases.all()
        )


class PlanItem(TimeStampedModel):
    """One assistance item of a plan: its kind (hence its dimension), budget in a currency, and who
    provides it (a partner organisation, a name, or "referral needed"). Delivering it records an
    AssistanceRecord of stage "reintegration", which the indicators count."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(ReintegrationPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("type of assistance"), max_length=30, choices=ItemKind.choices)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices, editable=False)
    description = models.CharField(_("description"), max_length=300)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)
    currency = CurrencyField(_("currency"))
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provider_name = models.CharField(_("provider (other)"), max_length=200, blank=True)
    referral_needed = models.BooleanField(_("referral needed"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    assistance = models.ForeignKey(
        AssistanceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        self.dimension = ITEM_KINDS[self.kind][0]
        super().save(*args, **kwargs)

    @property
    def cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def service_code(self) -> str:
        return ITEM_KINDS[self.kind][1]

    @property
    def provided_by(self) -> str:
        if self.provider_id:
            return str(self.provider)
        if self.provider_name:
            return self.provider_name
        return gettext("Referral needed") if self.referral_needed else ""

    def purchases_total(self) -> Decimal:
        return sum((p.total for p in self.purchases.all()), Decimal("0"))


class PlanPurchase(models.Model):
    """Goods or a service to buy for a plan item: quantity × estimated unit cost, in the item's currency."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="purchases")
    description = models.CharField(_("goods or service"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit_cost = models.DecimalField(_("estimated unit cost"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


class PlanRevision(models.Model):
    """A frozen copy of a plan as a supervisor approved it (summaries, items, purchases, totals)."""

    plan = models.ForeignKey(ReintegrationPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    content = models.JSONField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField()

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_once")]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"


class CommunityProject(StateMachine, TimeStampedModel):
    """A collective or community-based project of an office, linking several returnees and a number
    of community members."""

    class Kind(models.TextChoices):
        COLLECTIVE_BUSINESS = "collective_business", _("Collective business of returnees")
        COMMUNITY_INFRASTRUCTURE = "community_infrastructure", _("Community infrastructure")
        AGRICULTURE = "agriculture", _("Agriculture or livestock")
        SOCIAL_COHESION = "social_cohesion", _("Social cohesion activity")
        TRAINING = "training", _("Community training")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PLANNED: {Status.ONGOING, Status.CANCELLED},
        Status.ONGOING: {Status.COMPLETED, Status.CANCELLED},
    }

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="community_projects"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("location"), max_length=200)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    currency = CurrencyField(_("currency"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    community_members = models.PositiveIntegerField(
        _("community members taking part"),
        default=0,
        help_text=_("People of the community who are not returnees."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("community project")
        verbose_name_plural = _("community projects")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["office", "-starts_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reintegration:project", args=[self.pk])


class ProjectParticipant(models.Model):
    """A returnee (a person of a case) taking part in a community project."""

    project = models.ForeignKey(CommunityProject, on_delete=models.CASCADE, related_name="participants")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("returnee"), on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField(_("joined on"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "case", "person"], name="participant_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} / {self.person_id}"


auditlog.register(
    Assessment,
    mask_fields=["psychosocial_needs", "confidential_notes"],
    mask_callable="sankofa.core.fields.redact",
)
auditlog.register(ReintegrationPlan)
auditlog.register(PlanItem)
auditlog.register(PlanPurchase)
auditlog.register(PlanRevision, exclude_fields=["content"])
auditlog.register(CommunityProject)
auditlog.register(ProjectParticipant)
