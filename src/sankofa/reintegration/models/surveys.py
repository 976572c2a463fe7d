"""Sustainability monitoring: the scoring scheme (versioned data: dimensions, questions, answer
options, weights, bands) and the surveys of each returnee with the scores they received
(docs/sustainability.md). The arithmetic is `reintegration.scoring.score`, one pure function."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sankofa.cases.models import Case
from sankofa.core.models import TimeStampedModel, in_active_language
from sankofa.people.models import Person

from .plans import Dimension

SCORE = {"max_digits": 4, "decimal_places": 3}  # every score is on 0–1, rounded to 3 places
WEIGHT = {"max_digits": 8, "decimal_places": 4}


class ScoringScheme(TimeStampedModel):
    """One version of a scoring scheme. Loaded from a file, never edited once a survey was scored
    with it: a change is a new version (`sankofa load_scoring_scheme`). Exactly one version is
    active: the one new surveys are scored with."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    note = models.TextField(_("note"), blank=True, help_text=_("Where the weights come from."))
    is_active = models.BooleanField(_("active"), default=False)
    source = models.CharField(_("loaded from"), max_length=255, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="scheme_version_once"),
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_scheme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_fr)


class SchemeBand(models.Model):
    """An interpretation band: a score at or above `lower` (and below the next band) is in it."""

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="bands")
    code = models.SlugField(_("code"), max_length=30)
    label_en = models.CharField(_("label (English)"), max_length=100)
    label_fr = models.CharField(_("label (French)"), max_length=100)
    lower = models.DecimalField(_("from score"), **SCORE)

    class Meta:
        ordering = ["scheme_id", "lower"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="band_code_once")]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return in_active_language(self.label_en, self.label_fr)


class SchemeDimension(models.Model):
    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="dimensions")
    key = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    weight = models.DecimalField(_("weight in the composite"), **WEIGHT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scheme_id", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="dimension_once")]

    def __str__(self) -> str:
        return self.get_key_display()


class SchemeQuestion(models.Model):
    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="questions")
    dimension = models.ForeignKey(SchemeDimension, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("indicator code"), max_length=60)
    text_en = models.TextField(_("question (English)"))
    text_fr = models.TextField(_("question (French)"))
    weight = models.DecimalField(_("weight in its dimension"), **WEIGHT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scheme_id", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="question_code_once")]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return in_active_language(self.text_en, self.text_fr)


class SchemeOption(models.Model):
    """An answer option. `score` empty means "don't know / no answer": the question then counts
    as unanswered (left out of its dimension's mean)."""

    question = models.ForeignKey(SchemeQuestion, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("code"), max_length=30)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question_id", "order"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="option_code_once")]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return in_active_language(self.label_en, self.label_fr)


class SustainabilitySurvey(TimeStampedModel):
    """One sustainability survey of one returnee: scheduled (due, not yet conducted) or conducted
    (answers and the current scores, with the scheme version they were computed with). Every
    scoring, the first and each explicit rescoring, is a `SurveyScore` row."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow_up", _("Follow-up")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="surveys")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="sustainability_surveys"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    month = models.PositiveSmallIntegerField(
        _("month after return"),
        null=True,
        blank=True,
        help_text=_("Empty for the baseline and ad-hoc surveys."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conducted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)  # question code → option code
    notes = models.TextField(_("notes"), blank=True)
    # The current scores (copied from the current SurveyScore for lists, charts and indicators).
    scheme = models.ForeignKey(
        ScoringScheme, verbose_name=_("scoring scheme"), null=True, blank=True, on_delete=models.PROTECT
    )
    economic = models.DecimalField(_("economic score"), null=True, blank=True, **SCORE)
    social = models.DecimalField(_("social score"), null=True, blank=True, **SCORE)
    psychosocial = models.DecimalField(_("psychosocial score"), null=True, blank=True, **SCORE)
    composite = models.DecimalField(_("composite score"), null=True, blank=True, **SCORE)
    band = models.CharField(_("band"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("sustainability survey")
        verbose_name_plural = _("sustainability surveys")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "month"],
                condition=models.Q(kind="follow_up", month__isnull=False),
                name="follow_up_once_per_month",
            ),
            models.UniqueConstraint(
                fields=["case", "person"], condition=models.Q(kind="baseline"), name="baseline_once"
            ),
        ]
        indexes = [
            models.Index(fields=["due_on"], condition=models.Q(conducted_on__isnull=True), name="survey_due"),
            models.Index(fields=["conducted_on"], name="survey_conducted"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month or ''} ({self.person_id})".replace("  ", " ")

    @property
    def is_conducted(self) -> bool:
        return self.conducted_on is not None

    def dimension_scores(self) -> dict[str, object]:
        return {d.value: getattr(self, d.value) for d in Dimension}


class SurveyScore(models.Model):
    """One scoring of a survey under one scheme version; `is_current` marks the one the survey shows.
    Rescoring adds a row and keeps the previous ones."""

    survey = models.ForeignKey(SustainabilitySurvey, on_delete=models.CASCADE, related_name="scores")
    scheme = models.ForeignKey(ScoringScheme, on_delete=models.PROTECT, related_name="scores")
    economic = models.DecimalField(_("economic score"), null=True, blank=True, **SCORE)
    social = models.DecimalField(_("social score"), null=True, blank=True, **SCORE)
    psychosocial = models.DecimalField(_("psychosocial score"), null=True, blank=True, **SCORE)
    composite = models.DecimalField(_("composite score"), null=True, blank=True, **SCORE)
    band = models.CharField(_("band"), max_length=30, blank=True)
    is_current = models.BooleanField(default=True)
    scored_at = models.DateTimeField(auto_now_add=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        ordering = ["survey_id", "-scored_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey"], condition=models.Q(is_current=True), name="one_current_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} / {self.scheme_id}: {self.composite}"


auditlog.register(ScoringScheme)
auditlog.register(SchemeBand)
auditlog.register(SchemeDimension)
auditlog.register(SchemeQuestion)
auditlog.register(SchemeOption)
auditlog.register(SustainabilitySurvey)
auditlog.register(SurveyScore)
