from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

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


auditlog.register(Service)
