"""Programmes and projects, their donors and funding, the cases they fund (ProgrammeCase) and their
targets per indicator, country and period. The indicator registry itself is code
(`programmes.indicators`), never rows: a definition cannot drift from its rule."""

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
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
    follow_up_months = models.CharField(
        _("follow-up surveys (months after return)"),
        max_length=60,
        blank=True,
        validators=[validate_comma_separated_integer_list],
        help_text=_("For example 3,6,12. Empty: the default schedule."),
    )

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


class ProgrammeCase(models.Model):
    """A programme funds the work on a case. The link sits on the programmes side because cases and
    assistance must not depend on programmes. Records of a linked case count for the programme when
    their date falls inside the programme period (docs/indicators.md, "Attribution")."""

    class Source(models.TextChoices):
        COVERAGE = "coverage", _("Office or country covered by the programme")
        MANUAL = "manual", _("Attributed by hand")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="case_links"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="programme_links"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    linked_at = models.DateTimeField(auto_now_add=True)
    # Counted under this programme in the indicator roll-ups (set by reports.facts when it adds them).
    rolled_up = models.BooleanField(db_default=False, editable=False)

    class Meta:
        verbose_name = _("case funded by a programme")
        verbose_name_plural = _("cases funded by programmes")
        constraints = [models.UniqueConstraint(fields=["programme", "case"], name="programme_case_once")]
        indexes = [models.Index(fields=["case", "programme"])]

    def __str__(self) -> str:
        return f"{self.programme_id} ↔ {self.case_id}"


def follow_up_months_of_programmes(case, returned_on) -> list[int] | None:
    """Months of the follow-up surveys set by the programmes funding the case at its return (their
    union), or None when none sets any (reintegration.schedule asks this)."""
    links = ProgrammeCase.objects.filter(
        case=case, programme__starts_on__lte=returned_on, programme__ends_on__gte=returned_on
    ).exclude(programme__follow_up_months="")
    months = {
        int(m)
        for value in links.values_list("programme__follow_up_months", flat=True)
        for m in value.split(",")
        if m
    }
    return sorted(months) or None


class Target(TimeStampedModel):
    """What a programme promised for one indicator, in one country (or all of them) and one period."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=40)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a target over every country of the programme."),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["programme", "indicator", "country", "starts_on"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="target_period"
            ),
            models.UniqueConstraint(
                fields=["programme", "indicator", "country", "starts_on", "ends_on"], name="target_once"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.programme_id} {self.indicator} {self.country_id or '*'} {self.starts_on}–{self.ends_on}"
        )

    def clean(self):
        from .indicators import INDICATORS

        errors = {}
        if self.indicator and self.indicator not in INDICATORS:
            errors["indicator"] = _("Unknown indicator.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


auditlog.register(Donor)
auditlog.register(ProgrammeCase)
auditlog.register(Target)
auditlog.register(Programme, m2m_fields={"countries", "offices"})
auditlog.register(Funding)
