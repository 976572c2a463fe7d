"""Programmes and projects, their donors and funding (issue 7, programme part only). Indicators and
targets come later with the indicator registry."""

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Office
from sankofa.core.currencies import CurrencyField
from sankofa.core.models import Country, TimeStampedModel, in_active_language


class Donor(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.short_name or self.name


class Programme(TimeStampedModel):
    """A programme (several countries, several years) or a project (often bilateral)."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        PROJECT = "project", _("Project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries covered"), blank=True, related_name="+"
    )
    offices = models.ManyToManyField(
        Office, verbose_name=_("offices covered"), blank=True, related_name="programmes"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="programme_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_fr)

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.code])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class Funding(TimeStampedModel):
    """A donor's contribution to a programme, in the currency of the agreement."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="fundings"
    )
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="fundings"
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = CurrencyField(_("currency"))
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["programme", "donor__name"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.donor} → {self.programme.code}: {self.amount} {self.currency}"


auditlog.register(Donor)
auditlog.register(Programme, m2m_fields={"countries", "offices"})
auditlog.register(Funding)
