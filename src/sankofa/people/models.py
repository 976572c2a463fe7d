from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sankofa.core.models import Country, TimeStampedModel


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / not stated")


class Script(models.TextChoices):
    LATIN = "Latn", _("Latin")
    ARABIC = "Arab", _("Arabic")
    ETHIOPIC = "Ethi", _("Ge'ez (Ethiopic)")
    TIFINAGH = "Tfng", _("Tifinagh")
    NKO = "Nkoo", _("N'Ko")
    OTHER = "Zyyy", _("Other")


# Nobody registered is older than this; an older date of birth is a typing error (1896 for 1996).
OLDEST_AGE = 120


class Person(TimeStampedModel):
    """A migrant, as spoken and written. Visible only through the cases they belong to."""

    given_name = models.CharField(_("given name(s)"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    given_name_original = models.CharField(_("given name(s) in original script"), max_length=150, blank=True)
    family_name_original = models.CharField(_("family name in original script"), max_length=150, blank=True)
    original_script = models.CharField(_("original script"), max_length=4, choices=Script.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_estimated = models.BooleanField(_("date of birth is estimated"), default=False)
    nationality = models.ForeignKey(
        Country,
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True, help_text=_("ISO 639-3 codes."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_normalised = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    # Folded full name for display-free ranking; tokens live in PersonNameToken for indexed search.
    name_folded = models.CharField(max_length=400, blank=True, editable=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["nationality", "sex"])]

    def __str__(self) -> str:
        return self.full_name

    def clean(self):
        """The date-of-birth rules, for every way in (forms through model validation, the API and
        loaders through people.services): not in the future, not absurdly old, and "estimated"
        only with a date."""
        super().clean()
        dob, today = self.date_of_birth, timezone.localdate()
        if dob and dob > today:
            raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})
        if dob and dob < today.replace(year=today.year - OLDEST_AGE, day=min(today.day, 28)):
            raise ValidationError(
                {
                    "date_of_birth": _(
                        "A date of birth more than %(years)d years ago is not plausible: check the year."
                    )
                    % {"years": OLDEST_AGE}
                }
            )
        if self.birth_date_estimated and not dob:
            raise ValidationError(
                {"date_of_birth": _("A date of birth marked as estimated needs the estimated date.")}
            )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name.upper()) if p)

    @property
    def original_name(self) -> str:
        return " ".join(p for p in (self.given_name_original, self.family_name_original) if p)

    def age_on(self, day) -> int | None:
        if not self.date_of_birth:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class PersonAlias(models.Model):
    class Kind(models.TextChoices):
        ALIAS = "alias", _("Alias or nickname")
        SPELLING = "spelling", _("Other spelling")
        PREVIOUS = "previous", _("Previous name")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ALIAS)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.name


class PersonNameToken(models.Model):
    """One folded word of a person's names (all scripts, aliases) and its sound key; indexed for search."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    token = models.CharField(max_length=60)
    key = models.CharField(max_length=40)
    # Consonant skeleton (names.Word.skel_stored): meets names written without vowels (Arabic).
    skel = models.CharField(max_length=41, blank=True, default="")
    # The person's birth year, copied: the registration check reads only words of people born near
    # the typed date, from the index (a common name is 100 000 rows at a million people).
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        # Search reads keys and intersects people: (key, person) lets it do so from the index alone.
        indexes = [
            models.Index(fields=["key", "person"], name="people_nametoken_key_person"),
            models.Index(fields=["skel", "person"], name="people_nametoken_skel_person"),
            models.Index(fields=["key", "birth_year", "person"], name="people_nametoken_key_year"),
            models.Index(fields=["skel", "birth_year", "person"], name="people_nametoken_skel_year"),
        ]

    def __str__(self) -> str:
        return self.token


class IdentityDocument(TimeStampedModel):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        NATIONAL_ID = "national_id", _("National identity card")
        LAISSEZ_PASSER = "laissez_passer", _("Laissez-passer")
        CONSULAR_CARD = "consular_card", _("Consular card")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
        ASYLUM_DOCUMENT = "asylum_document", _("Asylum or refugee document")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document type"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=60)
    number_normalised = models.CharField(max_length=60, editable=False, db_index=True)
    issuing_country = models.ForeignKey(
        Country, verbose_name=_("issuing country"), on_delete=models.PROTECT, related_name="+"
    )
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class MatchRun(TimeStampedModel):
    """One run of the batch duplicate search: its progress while it runs, its figures after."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    only_new_since = models.DateTimeField(_("only people registered since"), null=True, blank=True)
    people_count = models.PositiveIntegerField(_("people compared"), default=0)
    pairs_count = models.PositiveIntegerField(_("pairs scored"), default=0)
    queued_count = models.PositiveIntegerField(_("pairs put in the review queue"), default=0)
    summary = models.JSONField(_("model summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("duplicate search run")
        verbose_name_plural = _("duplicate search runs")

    def __str__(self) -> str:
        return f"{self.pk} {self.status} {self.progress}%"


class Band(models.TextChoices):
    """UNICEF HOPE's three bands: below review nothing is kept."""

    UNIQUE = "unique", _("Unique")
    REVIEW = "review", _("Needs adjudication")
    DUPLICATE = "duplicate", _("Duplicate")


class MatchPair(TimeStampedModel):
    """Two registrations that may be the same person, and what a supervisor decided. The pair is
    stored lowest id first, once: a pair decided "not the same person" is never proposed again."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        MERGED = "merged", _("Merged")
        DISTINCT = "distinct", _("Not the same person")

    class Source(models.TextChoices):
        BATCH = "batch", _("Batch search")
        REGISTRATION = "registration", _("Registration check")

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("match probability"))
    band = models.CharField(_("band"), max_length=10, choices=Band.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    source = models.CharField(_("found by"), max_length=12, choices=Source.choices, default=Source.BATCH)
    run = models.ForeignKey(MatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairs")
    cluster = models.PositiveIntegerField(_("cluster"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # A caseworker who could not see the other registration asked this office's supervisor to confirm.
    confirm_office = models.ForeignKey(
        "access.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="match_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="match_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["status", "band", "-score"], name="match_pair_queue")]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"

    def check_open(self) -> None:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext

        if self.status != self.Status.OPEN:
            raise ValidationError(gettext("This pair has already been decided."))


class PersonMerge(models.Model):
    """A merge: `merged` now lives on as `survivor`. `moved` lists every row re-pointed
    ({"model": "app.model", "field": name, "pks": [...]}) so that undoing restores exactly them."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(
        MatchPair, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    moved = models.JSONField(default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("merge of two registrations")
        verbose_name_plural = _("merges of registrations")

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.survivor_id}"


auditlog.register(MatchPair)
auditlog.register(PersonMerge)
auditlog.register(Person, exclude_fields=["name_folded", "phone_normalised"])
auditlog.register(PersonAlias)
auditlog.register(IdentityDocument, exclude_fields=["number_normalised"])
