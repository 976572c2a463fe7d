from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sankofa.core.currencies import CurrencyField
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import TimeStampedModel, in_active_language


class ServiceCategory(models.TextChoices):
    HEALTH = "health", _("Health care")
    MHPSS = "mhpss", _("Mental health and psychosocial support")
    SHELTER = "shelter", _("Shelter and housing")
    FOOD_NFI = "food_nfi", _("Food and non-food items")
    EDUCATION = "education", _("Education")
    LEGAL = "legal", _("Legal and consular assistance")
    DOCUMENTS = "documents", _("Travel and identity documents")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    CASH = "cash", _("Cash assistance")
    COUNSELLING = "counselling", _("Counselling")
    TRANSPORT = "transport", _("Transport")
    LIVELIHOODS = "livelihoods", _("Livelihoods and economic support")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    OTHER = "other", _("Other")


class Service(TimeStampedModel):
    """One entry of the service catalogue, shared by assistance records, reintegration plans and
    referrals. Administrators manage it; labels are data in English and French."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive services stay on old records.")
    )

    class Meta:
        ordering = ["category", "name_en"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_fr)


class AssistanceRecord(TimeStampedModel):
    """One service delivered to one person of a case (a family gets one record per member), in kind
    or in cash, by IOM or by a named partner, at a stage of the journey."""

    class Modality(models.TextChoices):
        IN_KIND = "in_kind", _("In kind")
        CASH = "cash", _("Cash")

    class Stage(models.TextChoices):
        TRANSIT = "transit", _("Transit (protection assistance)")
        POST_ARRIVAL = "post_arrival", _("Post-arrival")
        REINTEGRATION = "reintegration", _("Reintegration")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assistance")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="assistance"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="records"
    )
    delivered_on = models.DateField(_("date"))
    country = models.ForeignKey(
        "core.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    partner = models.ForeignKey(
        "access.Organisation",
        verbose_name=_("delivered by partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty when IOM delivered it."),
    )
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = CurrencyField(_("currency"), blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.TRANSIT)
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("assistance record")
        verbose_name_plural = _("assistance records")
        ordering = ["-delivered_on", "-id"]
        indexes = [
            models.Index(fields=["case", "-delivered_on"]),
            models.Index(fields=["stage", "delivered_on"]),
        ]

    def __str__(self) -> str:
        return gettext("Assistance %(id)s") % {"id": self.pk}

    @property
    def delivered_by(self) -> str:
        return str(self.partner) if self.partner_id else "IOM"


auditlog.register(Service)
auditlog.register(AssistanceRecord, mask_fields=["notes"], mask_callable="sankofa.core.fields.redact")
