"""Reception: a returnee's arrival in the country of origin, the date every follow-up counts from."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Office
from sankofa.cases.models import Case
from sankofa.core.models import TimeStampedModel
from sankofa.people.models import Person
from sankofa.returns.models import ReturnRequest


class Arrival(TimeStampedModel):
    """One person's arrival, received by the office in the country of origin. `return_request` is
    empty for a spontaneous arrival registered directly at the origin office (no prior handover)."""

    class PointOfEntry(models.TextChoices):
        AIRPORT = "airport", _("Airport")
        LAND_BORDER = "land_border", _("Land border post")
        SEAPORT = "seaport", _("Seaport")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="arrivals")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="arrivals"
    )
    return_request = models.ForeignKey(
        ReturnRequest,
        verbose_name=_("return request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="arrivals",
    )
    office = models.ForeignKey(
        Office, verbose_name=_("receiving office"), on_delete=models.PROTECT, related_name="arrivals"
    )
    arrived_on = models.DateField(_("arrival date"))
    point_of_entry = models.CharField(
        _("point of entry"), max_length=20, choices=PointOfEntry.choices, default=PointOfEntry.AIRPORT
    )
    place = models.CharField(_("border post or airport"), max_length=120)
    received_by = models.CharField(_("received by"), max_length=200, help_text=_("Name and organisation."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        ordering = ["-arrived_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "arrived_on"], name="arrival_once_per_day")
        ]
        indexes = [models.Index(fields=["office", "-arrived_on"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.arrived_on}"


auditlog.register(Arrival)
