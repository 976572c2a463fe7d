"""Cooperation frameworks between governments and partners: action matrices, roadmaps, meetings,
validation events and a resource library. Lateness of an action is decided here, once
(`Action.late_q` for queries, `Action.is_late` for one object)."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Organisation
from sankofa.core.models import Country, TimeStampedModel, in_active_language
from sankofa.core.uploads import UploadValidator
from sankofa.programmes.models import Programme


class BilingualTitle(models.Model):
    """A title typed in English and French; `title` is the one of the active language."""

    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_fr)


class Theme(models.Model):
    """A theme of cooperation (trafficking, labour migration...), shared by matrices and the library.
    Labels are data in English and French; administrators manage the list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_fr)


class Institution(TimeStampedModel):
    """A government or partner institution named in frameworks and actions (not a Sankofa user
    organisation: most ministries and embassies never sign in)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        EMBASSY = "embassy", _("Embassy or consulate")
        NATIONAL_COMMISSION = "national_commission", _("National commission")
        AGENCY = "agency", _("Government agency")
        REGIONAL_BODY = "regional_body", _("Regional body")
        INTERNATIONAL = "international", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="institution_unique_name")]

    def __str__(self) -> str:
        return self.short_name or self.name


class Framework(BilingualTitle, TimeStampedModel):
    """A bilateral or regional cooperation framework. Editors are the staff (supervisors, programme
    managers, administrators) of `editor_organisations`; programme staff may read it."""

    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral")
        REGIONAL = "regional", _("Regional")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), related_name="+")
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("institutions"), blank=True, related_name="frameworks"
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("funding programmes"), blank=True, related_name="frameworks"
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    editor_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("editor organisations"),
        related_name="+",
        help_text=_("Supervisors, programme managers and administrators of these organisations may edit."),
    )

    class Meta:
        ordering = ["-starts_on", "title_en"]
        verbose_name = _("cooperation framework")
        verbose_name_plural = _("cooperation frameworks")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="framework_period")
        ]

    def get_absolute_url(self) -> str:
        return reverse("cooperation:framework", args=[self.pk])


class ActionMatrix(BilingualTitle, TimeStampedModel):
    """A table of actions on one theme, within a framework."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="matrices"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="matrices"
    )

    class Meta:
        ordering = ["framework", "id"]
        verbose_name = _("action matrix")
        verbose_name_plural = _("action matrices")

    def get_absolute_url(self) -> str:
        return reverse("cooperation:framework", args=[self.framework_id]) + f"#matrix-{self.pk}"


class Roadmap(BilingualTitle, TimeStampedModel):
    """A multi-year roadmap of priorities, per country and across countries."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="roadmaps"
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["framework", "first_year"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="roadmap_years")
        ]


class Priority(BilingualTitle):
    """A priority of a roadmap: for one country, or cross-country when `country` is empty."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.CASCADE, related_name="priorities"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a cross-country priority."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["roadmap", "order", "id"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")


class Meeting(TimeStampedModel):
    """A meeting or workshop held under a framework."""

    class Kind(models.TextChoices):
        COORDINATION = "coordination", _("Coordination meeting")
        STEERING = "steering", _("Steering committee")
        WORKSHOP = "workshop", _("Workshop")
        VALIDATION = "validation", _("Validation workshop")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    countries = models.ManyToManyField(
        Country, verbose_name=_("participating countries"), blank=True, related_name="+"
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("participating institutions"), blank=True, related_name="meetings"
    )
    participants_women = models.PositiveIntegerField(_("women participants"), default=0)
    participants_men = models.PositiveIntegerField(_("men participants"), default=0)
    participants_unspecified = models.PositiveIntegerField(_("participants, sex not recorded"), default=0)
    outcomes = models.TextField(_("outcomes"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:meeting", args=[self.pk])

    @property
    def participants_total(self) -> int:
        return self.participants_women + self.participants_men + self.participants_unspecified

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})


class Action(TimeStampedModel):
    """One action of a matrix or of a roadmap priority (exactly one of the two)."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("action status", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
        DONE = "done", pgettext_lazy("action status", "Done")
        DELAYED = "delayed", pgettext_lazy("action status", "Delayed")
        DROPPED = "dropped", pgettext_lazy("action status", "Dropped")

    # Finished actions are never late; a dropped action can be revived, a done one reopened.
    CLOSED = frozenset({Status.DONE, Status.DROPPED})
    TRANSITIONS = {
        Status.PLANNED: {Status.IN_PROGRESS, Status.DELAYED, Status.DONE, Status.DROPPED},
        Status.IN_PROGRESS: {Status.DELAYED, Status.DONE, Status.DROPPED},
        Status.DELAYED: {Status.IN_PROGRESS, Status.DONE, Status.DROPPED},
        Status.DONE: {Status.IN_PROGRESS},
        Status.DROPPED: {Status.PLANNED},
    }

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="actions"
    )
    matrix = models.ForeignKey(
        ActionMatrix,
        verbose_name=_("action matrix"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("roadmap priority"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    description = models.TextField(_("description"))
    responsible = models.ManyToManyField(
        Institution,
        verbose_name=_("responsible institutions"),
        blank=True,
        related_name="actions_responsible",
    )
    supporting = models.ManyToManyField(
        Institution, verbose_name=_("supporting institutions"), blank=True, related_name="actions_supporting"
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    indicator = models.CharField(
        _("indicator"),
        max_length=20,
        blank=True,
        help_text=_("Code of the programme indicator this action contributes to (optional)."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("decided at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every edit; stale forms are refused."
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(matrix__isnull=False) & Q(priority__isnull=True))
                | (Q(matrix__isnull=True) & Q(priority__isnull=False)),
                name="action_in_matrix_or_priority",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="action_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("cooperation:action", args=[self.pk])

    # --- lateness: the one rule -------------------------------------------------------------
    @classmethod
    def late_q(cls, today: datetime.date | None = None) -> Q:
        """An action is late when someone declared it delayed, or when its due date has passed and
        it is neither done nor dropped."""
        today = today or timezone.localdate()
        return Q(status=cls.Status.DELAYED) | (Q(due_on__lt=today) & ~Q(status__in=list(cls.CLOSED)))

    def is_late(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status == self.Status.DELAYED:
            return True
        return self.due_on is not None and self.due_on < today and self.status not in self.CLOSED

    # --- status ---------------------------------------------------------------------------
    def check_transition(self, target: str) -> None:
        if target not in self.Status.values:
            raise ValidationError(gettext("“%(to)s” is not an action status.") % {"to": target})
        if target not in self.TRANSITIONS.get(self.status, set()):
            raise ValidationError(
                gettext("An action cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": self.Status(target).label}
            )

    def clean(self):
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            raise ValidationError({"due_on": gettext("The due date cannot be before the start date.")})


class ProgressNote(models.Model):
    """A dated note on how an action progresses (status changes leave one too)."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="notes"
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    status = models.CharField(_("status"), max_length=20, choices=Action.Status.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


class ValidationEvent(models.Model):
    """When a matrix or roadmap was adopted, and by whom."""

    matrix = models.ForeignKey(
        ActionMatrix, on_delete=models.CASCADE, null=True, blank=True, related_name="validations"
    )
    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, null=True, blank=True, related_name="validations"
    )
    validated_on = models.DateField(_("date"))
    validated_by = models.CharField(
        _("adopted by"), max_length=250, help_text=_("e.g. the joint steering committee")
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("institutions"), blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="validations",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-validated_on"]
        verbose_name = _("validation event")
        verbose_name_plural = _("validation events")
        constraints = [
            models.CheckConstraint(
                condition=(Q(matrix__isnull=False) & Q(roadmap__isnull=True))
                | (Q(matrix__isnull=True) & Q(roadmap__isnull=False)),
                name="validation_of_matrix_or_roadmap",
            )
        ]

    def __str__(self) -> str:
        return f"{self.validated_on} — {self.validated_by}"


class ActionPoint(models.Model):
    """An action point agreed at a meeting; `meeting_action_points_convert` turns it into an Action."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="points"
    )
    description = models.TextField(_("description"))
    matrix = models.ForeignKey(
        ActionMatrix,
        verbose_name=_("action matrix"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("roadmap priority"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible = models.ManyToManyField(
        Institution, verbose_name=_("responsible institutions"), blank=True, related_name="+"
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    action = models.OneToOneField(
        Action,
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="point",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        constraints = [
            models.CheckConstraint(
                condition=(Q(matrix__isnull=False) & Q(priority__isnull=True))
                | (Q(matrix__isnull=True) & Q(priority__isnull=False)),
                name="action_point_in_matrix_or_priority",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]


def _resource_path(instance, filename: str) -> str:
    return f"cooperation/library/{timezone.now():%Y/%m}/{filename}"


class Resource(TimeStampedModel):
    """An entry of the resource library: a file (through Django's storage API) or a link."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        GUIDANCE = "guidance", _("Guidance")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        TOOL = "tool", _("Tool")
        REPORT = "report", _("Report")
        AGREEMENT = "agreement", _("Agreement")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        AR = "ar", _("Arabic")
        PT = "pt", _("Portuguese")
        MULTI = "mul", _("Several languages")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=3, choices=Language.choices)
    summary = models.TextField(_("summary"), blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="resources")
    file = models.FileField(
        _("file"), upload_to=_resource_path, blank=True, max_length=300, validators=[UploadValidator()]
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")), name="resource_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.title


auditlog.register(Theme)
auditlog.register(Institution)
auditlog.register(Framework, m2m_fields={"countries", "institutions", "programmes", "editor_organisations"})
auditlog.register(ActionMatrix)
auditlog.register(Roadmap)
auditlog.register(Priority)
auditlog.register(Meeting, m2m_fields={"countries", "institutions"})
auditlog.register(Action, m2m_fields={"responsible", "supporting"})
auditlog.register(ProgressNote)
auditlog.register(ValidationEvent)
auditlog.register(ActionPoint)
auditlog.register(Resource, m2m_fields={"countries", "themes"})
