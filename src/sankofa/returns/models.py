"""Assisted voluntary return: request, travel documents, fit-to-travel, movements, handover.

Every status change goes through `transition_to`, which refuses an illegal move with a translated
message and changes nothing; services add the guards that need other records (docs/returns.md)."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Office
from sankofa.cases.models import Case
from sankofa.core.fields import EncryptedTextField
from sankofa.core.models import Country, TimeStampedModel
from sankofa.people.models import Person


class StateMachine(models.Model):
    """A `status` field with a table of legal next states."""

    TRANSITIONS: dict = {}

    class Meta:
        abstract = True

    def can_go(self, target: str) -> bool:
        return target in self.TRANSITIONS.get(self.status, set())

    def transition_to(self, target: str) -> None:
        statuses = type(self)._meta.get_field("status").choices
        labels = dict(statuses)
        if target not in labels:
            raise ValidationError(gettext("“%(to)s” is not a known status.") % {"to": target})
        if not self.can_go(target):
            raise ValidationError(
                gettext("%(what)s cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "what": str(type(self)._meta.verbose_name).capitalize(),
                    "from": labels[self.status],
                    "to": labels[target],
                }
            )
        self.status = target


class ReturnRequest(StateMachine, TimeStampedModel):
    """A request for assisted voluntary return for a case, or for some of its members."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ELIGIBLE = "eligible", _("Eligible, awaiting approval")
        INELIGIBLE = "ineligible", _("Not eligible")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        DEPARTED = "departed", _("Departed")
        ARRIVED = "arrived", _("Arrived")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.ELIGIBLE, Status.INELIGIBLE, Status.WITHDRAWN},
        Status.ELIGIBLE: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
        Status.APPROVED: {Status.DEPARTED, Status.WITHDRAWN},
        Status.DEPARTED: {Status.ARRIVED},
    }
    OPEN = (Status.SUBMITTED, Status.ELIGIBLE, Status.APPROVED)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="return_requests")
    people = models.ManyToManyField(Person, verbose_name=_("people returning"), related_name="+")
    requested_on = models.DateField(_("date of request"))
    voluntary = models.BooleanField(
        _("voluntariness confirmed"),
        default=False,
        help_text=_("The person(s) chose to return freely, after counselling on their options."),
    )
    informed_consent_on = models.DateField(_("informed consent to return given on"))
    destination_country = models.ForeignKey(
        Country, verbose_name=_("destination country"), on_delete=models.PROTECT, related_name="+"
    )
    destination_place = models.CharField(_("destination place"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    eligibility_reason = models.TextField(_("reason for the eligibility decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_note = models.TextField(_("note"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["status", "case"])]

    def __str__(self) -> str:
        return gettext("Return request %(id)s (%(case)s)") % {"id": self.pk, "case": self.case.number}

    def get_absolute_url(self) -> str:
        return reverse("returns:request", args=[self.pk])


class TravelDocument(StateMachine, TimeStampedModel):
    """A passport or laissez-passer requested from a consulate for one person of a return."""

    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        LAISSEZ_PASSER = "laissez_passer", _("Laissez-passer")
        EMERGENCY = "emergency", _("Emergency travel document")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested from the consulate")
        INTERVIEWED = "interviewed", _("Consular interview held")
        ISSUED = "issued", _("Issued")
        REFUSED = "refused", _("Refused")

    TRANSITIONS = {
        Status.REQUESTED: {Status.INTERVIEWED, Status.ISSUED, Status.REFUSED},
        Status.INTERVIEWED: {Status.ISSUED, Status.REFUSED},
    }

    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="documents")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    consulate = models.CharField(_("consulate"), max_length=150)
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    interview_on = models.DateField(_("consular interview on"), null=True, blank=True)
    interview_notes = models.CharField(_("interview notes"), max_length=300, blank=True)
    number = models.CharField(_("document number"), max_length=40, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")
        ordering = ["request", "person_id", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def valid_on(self, day) -> bool:
        return self.status == self.Status.ISSUED and (self.expires_on is None or self.expires_on >= day)


class FitToTravel(TimeStampedModel):
    """A medical fit-to-travel check of one person; the latest check counts. What is sensitive is
    decided here, once: the result and the escort needs are operational (request page, API,
    timeline, manifests show them to whoever sees the person); the medical notes are sensitive,
    encrypted, and shown nowhere but to the sensitive-data permission."""

    class Result(models.TextChoices):
        FIT = "fit", _("Fit to travel")
        FIT_WITH_ESCORT = "fit_with_escort", _("Fit to travel with a medical escort")
        UNFIT = "unfit", _("Not fit to travel")

    FIT_RESULTS = (Result.FIT, Result.FIT_WITH_ESCORT)

    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="fitness")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField(_("checked on"))
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    wheelchair = models.BooleanField(_("needs a wheelchair"), default=False)
    child_escort = models.BooleanField(_("child needs an escort"), default=False)
    vulnerable_escort = models.BooleanField(_("vulnerable person needs an escort"), default=False)
    notes = EncryptedTextField(_("medical notes"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("fit-to-travel check")
        verbose_name_plural = _("fit-to-travel checks")
        ordering = ["request", "person_id", "-checked_on", "-id"]

    def __str__(self) -> str:
        return gettext("Fit-to-travel check %(id)s") % {"id": self.pk}

    @property
    def special_needs(self) -> list[str]:
        return [
            str(self._meta.get_field(f).verbose_name)
            for f in ("wheelchair", "child_escort", "vulnerable_escort")
            if getattr(self, f)
        ]


class Movement(StateMachine, TimeStampedModel):
    """An individual booking or a charter flight/convoy carrying many cases (its manifest)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual booking")
        CHARTER = "charter", _("Charter movement")

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        DEPARTED = "departed", _("Departed")
        IN_TRANSIT = "in_transit", _("In transit")
        ARRIVED = "arrived", _("Arrived")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.BOOKED: {Status.DEPARTED, Status.CANCELLED},
        Status.DEPARTED: {Status.IN_TRANSIT, Status.ARRIVED},
        Status.IN_TRANSIT: {Status.ARRIVED},
    }

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("organising office"), on_delete=models.PROTECT, related_name="movements"
    )
    destination_country = models.ForeignKey(
        Country, verbose_name=_("destination country"), on_delete=models.PROTECT, related_name="+"
    )
    departure_on = models.DateField(_("planned departure"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-departure_on", "-id"]
        indexes = [models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("returns:movement", args=[self.pk])


class MovementLeg(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="legs")
    order = models.PositiveSmallIntegerField()
    from_place = models.CharField(_("from"), max_length=120)
    to_place = models.CharField(_("to"), max_length=120)
    carrier = models.CharField(_("carrier"), max_length=120, blank=True)
    departs_at = models.DateTimeField(_("departure"))
    arrives_at = models.DateTimeField(_("arrival"))

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["movement", "order"], name="movement_leg_order")]

    def __str__(self) -> str:
        return f"{self.from_place} → {self.to_place}"


class Escort(models.Model):
    class Kind(models.TextChoices):
        OPERATIONS = "operations", _("Operations escort")
        MEDICAL = "medical", _("Medical escort")
        CHILD = "child", _("Child escort")

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="escorts")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Booking(StateMachine, models.Model):
    """One return request on a movement's manifest (all its people travel together)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        DEPARTED = "departed", _("Departed")
        IN_TRANSIT = "in_transit", _("In transit")
        ARRIVED = "arrived", _("Arrived")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.BOOKED: {Status.DEPARTED, Status.NO_SHOW, Status.CANCELLED},
        Status.DEPARTED: {Status.IN_TRANSIT, Status.ARRIVED},
        Status.IN_TRANSIT: {Status.ARRIVED},
    }
    ACTIVE = (Status.BOOKED, Status.DEPARTED, Status.IN_TRANSIT)

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="bookings")
    request = models.ForeignKey(ReturnRequest, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    booked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.movement} / {self.request_id}"


class Handover(StateMachine, TimeStampedModel):
    """The sending office hands a returning case over to the office in the country of origin, for the
    members who consented to it. The receiving office sees only this minimal data until it
    acknowledges; then the case is shared with it (CaseShare)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, awaiting acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {Status.SENT: {Status.ACKNOWLEDGED, Status.CANCELLED}}

    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="handovers")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    from_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="handovers_sent")
    to_office = models.ForeignKey(
        Office,
        verbose_name=_("receiving office"),
        on_delete=models.PROTECT,
        related_name="handovers_received",
    )
    people = models.ManyToManyField(Person, verbose_name=_("people handed over"), related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    note = models.TextField(_("handover note"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["to_office", "status"])]

    def __str__(self) -> str:
        return gettext("Handover %(id)s") % {"id": self.pk}


auditlog.register(ReturnRequest, m2m_fields={"people"})
auditlog.register(TravelDocument)
auditlog.register(FitToTravel, mask_fields=["notes"], mask_callable="sankofa.core.fields.redact")
auditlog.register(Movement)
auditlog.register(MovementLeg)
auditlog.register(Escort)
auditlog.register(Booking)
auditlog.register(Handover, m2m_fields={"people"})
