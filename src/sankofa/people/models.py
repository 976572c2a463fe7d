from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
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

    class Meta:
        # Search reads key ranges and intersects people: (key, person) lets it do so from the index alone.
        indexes = [models.Index(fields=["key", "person"], name="people_nametoken_key_person")]

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


auditlog.register(Person, exclude_fields=["name_folded", "phone_normalised"])
auditlog.register(PersonAlias)
auditlog.register(IdentityDocument, exclude_fields=["number_normalised"])
