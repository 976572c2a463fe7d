"""Export jobs built in the background: an aggregated export (XLSX, CSV+HXL, PDF), or a case list
with personal data (asked for with a purpose, pseudonymised unless names are asked for, expiring).
The file goes through Django's storage API and is downloadable only by the user who asked."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sankofa.core.models import TimeStampedModel


class ExportJob(TimeStampedModel):
    class Kind(models.TextChoices):
        INDICATORS = "indicators", _("Programme indicators")
        CASE_LIST = "case_list", _("Case list")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (XLSX)")
        CSV = "csv", _("CSV with HXL hashtags")
        PDF = "pdf", _("PDF report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    params = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INDICATORS)
    purpose = models.TextField(_("purpose"), blank=True)
    pseudonymised = models.BooleanField(_("pseudonymised"), default=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.format} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export", args=[self.pk])

    @property
    def expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= timezone.now()


auditlog.register(ExportJob)


class IndicatorFact(models.Model):
    """The indicator fact table (docs/indicators.md, "Fact table"): what every dashboard, export and
    API figure is counted from. Built generically from the registry (`programmes.indicators`, each
    indicator's `Facts` and condition) by `reports.facts`, never written by hand.

    One row per indicator, person, case, country of assistance and day, carrying what scoping and the
    disaggregations need (owning office of the case; the person's sex, date of birth, nationality and
    vulnerability kinds as bits), so that a figure reads this one narrow table. `weight` is the number
    of records merged into the row (services). `previous` is the day of the previous row of the same
    person, case and country for the indicator: a row counts the person (or case) at the first day
    of the period when `previous` falls before the period, so unique individuals are a plain COUNT
    rather than COUNT(DISTINCT). `spread` marks people (or cases) whose rows span several of those
    partitions: they are counted with COUNT(DISTINCT) instead (a few)."""

    indicator = models.CharField(max_length=20)
    day = models.DateField()
    person_id = models.BigIntegerField()
    case = models.ForeignKey(
        "cases.Case", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )  # no constraint: the table is derived, rebuilt rather than cascaded
    office_id = models.BigIntegerField()  # owning office of the case
    country_id = models.CharField(max_length=3, null=True)  # country of assistance (ISO alpha-3)
    sex = models.CharField(max_length=1, blank=True)
    born = models.DateField(null=True)
    nationality_id = models.CharField(max_length=3, null=True)
    flags = models.IntegerField(default=0)  # vulnerability kinds of the person, one bit each
    weight = models.IntegerField(default=1)
    previous = models.DateField(null=True)
    spread = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("indicator fact")
        verbose_name_plural = _("indicator facts")
        indexes = [
            models.Index(fields=["indicator", "day", "office_id"], name="fact_indicator_day"),
            models.Index(fields=["indicator", "previous"], name="fact_indicator_previous"),
            # the few rows of people spread over several cases or countries, counted apart
            models.Index(fields=["indicator", "day"], name="fact_spread", condition=models.Q(spread=True)),
            models.Index(fields=["case"], name="fact_case"),
            models.Index(fields=["person_id"], name="fact_person"),
            # people born in the years where the "as of" date decides their age group (sex × age);
            # covering on PostgreSQL, so that those rows are read from the index alone (case: for
            # a programme's links)
            models.Index(
                fields=["indicator", "born", "day"],
                name="fact_born",
                include=["office_id", "country_id", "sex", "previous", "spread", "weight", "case_id"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.day} person {self.person_id} case {self.case_id}"


class IndicatorFactState(models.Model):
    """One row: when the fact table was last brought up to date (the "as of" shown on the dashboard)
    and what the last refreshes cost."""

    refreshed_at = models.DateTimeField(null=True)  # records changed before this moment are counted
    rebuilt_at = models.DateTimeField(null=True)
    rebuild_seconds = models.FloatField(null=True)
    refresh_seconds = models.FloatField(null=True)
    refresh_cases = models.IntegerField(default=0)
    pending = models.BooleanField(default=False)  # a refresh task is queued
    # Per indicator, the longest gap in days between two rows of one person, case and country: a row
    # that counts its person at the start of a period lies at most this far into it.
    gaps = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("state of the indicator facts")

    def __str__(self) -> str:
        return f"indicator facts as of {self.refreshed_at}"


class RollUp(models.Model):
    """A roll-up of the fact table (derived from it by `reports.facts`, never by hand): per indicator,
    day (or month), owning office, country of assistance and programme (or all cases) — and, in the
    concrete roll-ups, some person attributes — how many people (or cases) are counted there for the
    first time (`kind` F), for the first time in that month (M), or how many services (S)."""

    class Kind(models.TextChoices):
        FIRST = "F", "first"
        MONTH = "M", "first in the month"
        SERVICES = "S", "services"

    indicator = models.CharField(max_length=20)
    day = models.DateField()
    office_id = models.BigIntegerField()
    country_id = models.CharField(max_length=3, null=True)
    # None: every case; a programme: only the rows of the cases linked to it (counted again there)
    programme_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=1, choices=Kind.choices)
    n = models.IntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.indicator} {self.day} {self.kind} {self.n}"


class AttributeRollUp(RollUp):
    """A roll-up by sex, nationality and vulnerability bits as well: the sex, nationality and
    vulnerability breakdowns, and every figure filtered by nationality."""

    sex = models.CharField(max_length=1, blank=True)
    nationality_id = models.CharField(max_length=3, null=True)
    flags = models.IntegerField(default=0)

    class Meta:
        abstract = True


class IndicatorFactDay(AttributeRollUp):
    """Daily roll-up: the days of a period's partial first and last months."""

    class Meta:
        verbose_name = _("indicator figures of a day")
        indexes = [
            models.Index(
                fields=["indicator", "programme_id", "day", "office_id"], name="factday_indicator_day"
            )
        ]


class IndicatorFactMonth(AttributeRollUp):
    """Monthly roll-up of the daily one (`day` is the first of the month; six times fewer rows at 1 M
    cases): the whole months of a period."""

    class Meta:
        verbose_name = _("indicator figures of a month")
        indexes = [
            # covering on PostgreSQL: figures are read from the index alone
            models.Index(
                fields=["indicator", "programme_id", "day", "office_id"],
                include=["country_id", "sex", "nationality_id", "flags", "kind", "n"],
                name="factmonth_indicator_day",
            )
        ]


class IndicatorFactCount(RollUp):
    """The monthly roll-up without person attributes (13 times fewer rows at 1 M cases): headline
    figures, the trend and the country breakdown over whole months, unless filtered by nationality."""

    class Meta:
        verbose_name = _("indicator counts of a month")
        indexes = [
            models.Index(
                fields=["indicator", "programme_id", "day", "office_id"], name="factcount_indicator_day"
            )
        ]


class AgeRollUp(RollUp):
    """A roll-up for the sex × age cross: per sex and MONTH of birth (`born_month`, its first day),
    first rows (F) and services (S). The month of birth gives the age group at any "as of" date
    exactly, except for people born in the months where the day decides (the month of the 18th
    birthday before "as of", and so on for each group bound): those are read from the fact table
    through its (indicator, born) index."""

    sex = models.CharField(max_length=1, blank=True)
    born_month = models.DateField(null=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.indicator} {self.day} born {self.born_month} {self.kind} {self.n}"


class IndicatorFactAge(AgeRollUp):
    """The sex × age roll-up per month (`day`, its first day): the months outside whole years."""

    class Meta:
        verbose_name = _("indicator figures of a month by month of birth")
        indexes = [
            # covering on PostgreSQL: figures are read from the index alone
            models.Index(
                fields=["indicator", "programme_id", "day", "office_id"],
                include=["country_id", "sex", "born_month", "kind", "n"],
                name="factage_indicator_day",
            )
        ]


class IndicatorFactAgeYear(AgeRollUp):
    """The sex × age roll-up per calendar year (`day`, 1 January; six times fewer rows at 1 M cases
    than its months): the whole years of a period."""

    class Meta:
        verbose_name = _("indicator figures of a year by month of birth")
        indexes = [
            models.Index(  # covering, as the monthly one
                fields=["indicator", "programme_id", "day", "office_id"],
                include=["country_id", "sex", "born_month", "kind", "n"],
                name="factageyear_indicator_day",
            )
        ]
