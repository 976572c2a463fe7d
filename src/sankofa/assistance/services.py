"""Writes of assistance records. Keyword-only, one transaction, permission first (STYLE.md)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Organisation
from sankofa.access.permissions import ensure
from sankofa.cases.models import Case, Consent
from sankofa.cases.selectors import person_ids_visible
from sankofa.cases.services import consent_required, timeline_record
from sankofa.core.currencies import validate_currency
from sankofa.core.models import Country
from sankofa.people.models import Person

from .models import AssistanceRecord, Service


@transaction.atomic
def assistance_record(
    *,
    actor,
    case: Case,
    people: list[Person],
    service: Service,
    delivered_on: datetime.date,
    country: Country,
    modality: str,
    stage: str = AssistanceRecord.Stage.TRANSIT,
    place: str = "",
    partner: Organisation | None = None,
    amount: Decimal | None = None,
    currency: str = "",
    notes: str = "",
) -> list[AssistanceRecord]:
    """Record a service delivered to one or more members of a case: one record per person (the
    indicators count individuals). Each person needs consent to assistance in force. Cash needs an amount and an ISO 4217 currency; in-kind has neither."""
    ensure(actor, "assistance.record", case)
    if not people:
        raise ValidationError(_("Choose at least one person who received the assistance."))
    visible = person_ids_visible(actor=actor, case=case)
    if any(p.pk not in visible for p in people):
        raise ValidationError(_("This person is not a member of the case."))
    consent_required(case=case, people=people, purpose=Consent.Purpose.ASSISTANCE)
    if delivered_on > timezone.localdate():
        raise ValidationError(_("Assistance cannot be recorded in the future."))
    if not service.is_active:
        raise ValidationError(_("This service has been retired from the catalogue."))
    if modality == AssistanceRecord.Modality.CASH:
        if amount is None or amount <= 0 or not currency:
            raise ValidationError(_("Cash assistance needs a positive amount and its currency."))
        validate_currency(currency)
    elif amount is not None or currency:
        raise ValidationError(_("In-kind assistance has no amount or currency."))
    if partner is not None and partner.kind == Organisation.Kind.IOM:
        partner = None  # delivered by IOM itself
    records = [
        AssistanceRecord.objects.create(
            case=case,
            person=person,
            service=service,
            delivered_on=delivered_on,
            country=country,
            place=place,
            partner=partner,
            modality=modality,
            amount=amount,
            currency=currency,
            stage=stage,
            notes=notes,
            recorded_by=actor,
        )
        for person in people
    ]
    for record in records:
        timeline_record(
            case=case,
            actor=actor,
            kind="assistance.recorded",
            person=record.person,
            data={"service": service.code, "stage": stage},
        )
    return records
