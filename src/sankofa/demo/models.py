from django.db import models
from django.utils.translation import gettext_lazy as _

from sankofa.people.models import Person


class SeededDuplicate(models.Model):
    """Ground truth for duplicate detection: `duplicate` is the same human being as `original`,
    registered again by the seed command with a spelling variant, a shifted birth date and
    sometimes the same phone or document. Only generated data has these rows."""

    original = models.ForeignKey(
        Person, verbose_name=_("original registration"), on_delete=models.CASCADE, related_name="+"
    )
    duplicate = models.OneToOneField(
        Person,
        verbose_name=_("repeated registration"),
        on_delete=models.CASCADE,
        related_name="seeded_duplicate_of",
    )
    variant = models.CharField(
        _("how the registrations differ"),
        max_length=300,
        help_text=_("Machine-readable, e.g. “spelling:family Diallo>Jalloh; dob:-120d; same_phone”."),
    )

    class Meta:
        verbose_name = _("seeded duplicate")
        verbose_name_plural = _("seeded duplicates")

    def __str__(self) -> str:
        return f"{self.duplicate_id} ≈ {self.original_id} ({self.variant})"
