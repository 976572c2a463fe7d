"""Every write of the referral mechanism. Keyword-only, one transaction, permission first, the
referral row locked before its status changes, the model guarding the transition (STYLE.md)."""

import datetime
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sankofa.access.models import Organisation, Role
from sankofa.access.permissions import ensure
from sankofa.assistance.models import Service
from sankofa.cases.models import Case, Consent
from sankofa.cases.selectors import person_ids_visible
from sankofa.cases.services import ConsentInput, consent_record, timeline_record
from sankofa.people.models import Person

from .models import (
    RESPONSE_TIME,
    SENSITIVE_SHARE_FIELDS,
    ConsentScope,
    DeclineReason,
    Pathway,
    Provider,
    Referral,
    ReferralEvent,
    ShareField,
)
from .selectors import consent_to_share

S = Referral.Status


def _field_labels(fields) -> str:
    return ", ".join(str(ShareField(f).label) for f in fields if f in ShareField.values)


def _clean_fields(fields) -> list[str]:
    unknown = [f for f in fields if f not in ShareField.values]
    if unknown:
        raise ValidationError(_("Unknown data to share: %(fields)s.") % {"fields": ", ".join(unknown)})
    return [f for f in ShareField.values if f in set(fields)]  # fixed order, no repeats


# --- consent to share ------------------------------------------------------------------------


@transaction.atomic
def consent_to_share_record(
    *,
    actor,
    case: Case,
    person: Person,
    organisation: Organisation,
    fields: list[str],
    given_on: datetime.date | None = None,
) -> Consent:
    """Record a person's consent to share the listed fields with one named partner: a
    cases.Consent (purpose SHARE_PARTNER) and the scope of fields it covers."""
    fields = _clean_fields(fields)
    if not fields:
        raise ValidationError(_("Choose at least one kind of data the person agrees to share."))
    consent = consent_record(
        actor=actor,
        case=case,
        person=person,
        consent=ConsentInput(
            member_index=0,
            purpose=Consent.Purpose.SHARE_PARTNER,
            granted=True,
            given_on=given_on or timezone.localdate(),
            partner=organisation,
        ),
    )
    ConsentScope.objects.create(consent=consent, fields=fields)
    timeline_record(
        case=case,
        actor=actor,
        kind="referral.consent",
        person=person,
        data={"partner": organisation.name, "fields": _field_labels(fields)},
    )
    return consent


def _consents_or_refuse(*, actor, case: Case, people, provider: Provider, fields: list[str]) -> list[Consent]:
    """Every field shared must be covered, for every person referred, by their consent in force
    to share with the provider's organisation; sensitive details also need the referrer's
    sensitive-data permission. Returns the consents relied on."""
    if set(fields) & SENSITIVE_SHARE_FIELDS and not actor.has_perm("cases.view_sensitive", case):
        raise ValidationError(_("Sharing sensitive details needs the sensitive-data permission."))
    consents = []
    for person in people:
        consent, covered = consent_to_share(case=case, person=person, organisation=provider.organisation)
        missing = [f for f in fields if f not in covered]
        if consent is None:
            raise ValidationError(
                _("%(person)s has not consented to share data with %(provider)s.")
                % {"person": person, "provider": provider.name}
            )
        if missing:
            raise ValidationError(
                _("%(person)s has not consented to share with %(provider)s: %(fields)s.")
                % {"person": person, "provider": provider.name, "fields": _field_labels(missing)}
            )
        consents.append(consent)
    return consents


# --- referrals: the referrer's side ----------------------------------------------------------


def _partner_users(provider: Provider):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role=Role.PARTNER,
            memberships__office__organisation_id=provider.organisation_id,
        )
        .distinct()
    )


def _event(referral: Referral, actor, note: str = "") -> ReferralEvent:
    return ReferralEvent.objects.create(referral=referral, actor=actor, status=referral.status, note=note)


def _timeline(referral: Referral, actor, kind: str = "referral.status", note: str = "") -> None:
    timeline_record(
        case=referral.case,
        actor=actor,
        kind=kind,
        note=note,
        data={
            "reference": referral.reference,
            "provider": referral.provider.name,
            "service": referral.service.name_en,
            "service_fr": referral.service.name_fr,
            "status": referral.status,
        },
    )


@transaction.atomic
def referral_create(
    *,
    actor,
    case: Case,
    people: list[Person],
    provider: Provider,
    service: Service,
    reason: str,
    priority: str,
    fields: list[str],
    pathway: Pathway | None = None,
    send: bool = False,
) -> Referral:
    """Draft a referral of one or several case members to a provider (and send it at once with
    `send`). The data to share must be covered by each person's consent (checked again at sending)."""
    ensure(actor, "cases.work_on_case", case)
    people = list(people)
    if not people:
        raise ValidationError(_("Choose at least one person to refer."))
    members = person_ids_visible(actor=actor, case=case)  # a hidden member is as if absent
    if any(p.pk not in members for p in people):
        raise ValidationError(_("Only members of the case can be referred."))
    if not provider.accepts_referrals:
        raise ValidationError(_("%(provider)s does not accept referrals.") % {"provider": provider.name})
    if not reason.strip():
        raise ValidationError(_("Give the reason for the referral."))
    fields = _clean_fields(fields)
    if not fields:
        raise ValidationError(_("Choose at least one kind of data to share."))
    _consents_or_refuse(actor=actor, case=case, people=people, provider=provider, fields=fields)
    referral = Referral.objects.create(
        case=case,
        office=case.owning_office,
        provider=provider,
        service=service,
        pathway=pathway,
        reason=reason.strip(),
        priority=priority,
        shared_fields=fields,
        created_by=actor,
        off_system=not _partner_users(provider).exists(),
    )
    referral.people.set(people)
    _event(referral, actor)
    _timeline(referral, actor, kind="referral.created")
    if send:
        referral = referral_send(actor=actor, referral=referral)
    return referral


def _person_snapshot(person: Person, case: Case, fields: list[str]) -> dict:
    from sankofa.cases.models import VulnerabilityFlag

    data = {}
    if ShareField.NAME in fields:
        data["name"] = person.full_name
    if ShareField.SEX in fields:
        data["sex"] = person.sex
    if ShareField.DATE_OF_BIRTH in fields:
        data["date_of_birth"] = person.date_of_birth.isoformat() if person.date_of_birth else ""
        data["birth_date_estimated"] = person.birth_date_estimated
    if ShareField.NATIONALITY in fields:
        data["nationality"] = person.nationality_id or ""
    if ShareField.LANGUAGES in fields:
        data["languages"] = list(person.languages)
    if ShareField.PHONE in fields:
        data["phone"] = person.phone
    flags = list(VulnerabilityFlag.objects.filter(case=case, person=person).order_by("identified_on", "id"))
    if ShareField.VULNERABILITIES in fields:
        data["vulnerabilities"] = [f.kind for f in flags if not f.sensitive]
    if ShareField.SENSITIVE in fields:
        data["sensitive"] = [{"kind": f.kind, "notes": f.notes} for f in flags if f.sensitive]
    return data


def _snapshot(referral: Referral) -> str:
    """What the provider will read, and nothing more: the chosen fields of each person referred,
    the reason, and who refers. Frozen at sending so that later edits of the case never leak."""
    people = referral.people.order_by("pk")
    return json.dumps(
        {
            "people": [_person_snapshot(p, referral.case, referral.shared_fields) for p in people],
            "reason": referral.reason,
            "referred_by": referral.created_by.get_full_name() or referral.created_by.get_username()
            if referral.created_by
            else "",
            "office": referral.office.name,
        },
        ensure_ascii=False,
    )


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update()
        .select_related("case", "provider__organisation", "service", "office")
        .get(pk=referral.pk)
    )


@transaction.atomic
def referral_send(*, actor, referral: Referral) -> Referral:
    """Send a draft: consent checked again for every person and field, the shared data frozen,
    the answer due date set from the priority, the provider notified by email."""
    referral = _locked(referral)
    ensure(actor, "referrals.change_referral", referral)
    referral.check_transition(S.SENT)
    people = list(referral.people.all())
    consents = _consents_or_refuse(
        actor=actor,
        case=referral.case,
        people=people,
        provider=referral.provider,
        fields=referral.shared_fields,
    )
    referral.transition_to(S.SENT)
    now = timezone.now()
    referral.sent_at, referral.due_at = now, now + RESPONSE_TIME[referral.priority]
    referral.snapshot = _snapshot(referral)
    referral.off_system = not _partner_users(referral.provider).exists()
    referral.save(update_fields=["status", "sent_at", "due_at", "snapshot", "off_system", "updated_at"])
    referral.consents.set(consents)
    _event(referral, actor)
    _timeline(referral, actor)
    from .tasks import referral_notify_task

    referral_notify_task.enqueue(referral_id=referral.pk)
    return referral


@transaction.atomic
def referral_revoke(*, actor, referral: Referral, note: str = "") -> Referral:
    """The referrer withdraws the referral (before it is completed, declined or closed)."""
    referral = _locked(referral)
    ensure(actor, "referrals.change_referral", referral)
    referral.transition_to(S.REVOKED)
    referral.finished_at = timezone.now()
    referral.save(update_fields=["status", "finished_at", "updated_at"])
    _event(referral, actor, note)
    _timeline(referral, actor, note=note)
    return referral


# --- referrals: the provider's side (or the caseworker for an off-system provider) -----------


def _answer(*, actor, referral: Referral, target: str, note: str = "", **fields) -> Referral:
    referral = _locked(referral)
    ensure(actor, "referrals.answer_referral", referral)
    referral.transition_to(target)
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save(update_fields=["status", "updated_at", *fields])
    _event(referral, actor, note)
    _timeline(referral, actor, note="")  # the provider's note stays on the referral
    return referral


@transaction.atomic
def referral_acknowledge(*, actor, referral: Referral, note: str = "") -> Referral:
    """The provider confirms it has received the referral."""
    return _answer(
        actor=actor, referral=referral, target=S.ACKNOWLEDGED, note=note, acknowledged_at=timezone.now()
    )


@transaction.atomic
def referral_accept(*, actor, referral: Referral, note: str = "") -> Referral:
    """The provider will provide the service."""
    return _answer(actor=actor, referral=referral, target=S.ACCEPTED, note=note, answered_at=timezone.now())


@transaction.atomic
def referral_decline(*, actor, referral: Referral, reason: str, note: str = "") -> Referral:
    """The provider will not provide the service; a reason is required."""
    if reason not in DeclineReason.values:
        raise ValidationError(_("Give the reason for declining."))
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError(_("Explain the reason for declining."))
    return _answer(
        actor=actor,
        referral=referral,
        target=S.DECLINED,
        note=note,
        answered_at=timezone.now(),
        decline_reason=reason,
    )


@transaction.atomic
def referral_start(*, actor, referral: Referral, note: str = "") -> Referral:
    """The service has started."""
    return _answer(actor=actor, referral=referral, target=S.IN_PROGRESS, note=note, started_at=timezone.now())


@transaction.atomic
def referral_complete(*, actor, referral: Referral, outcome: str) -> Referral:
    """The service was provided; the outcome is required."""
    if not outcome.strip():
        raise ValidationError(_("Describe the outcome of the service."))
    return _answer(
        actor=actor,
        referral=referral,
        target=S.COMPLETED,
        note=outcome,
        finished_at=timezone.now(),
        outcome=outcome.strip(),
    )


@transaction.atomic
def referral_close(*, actor, referral: Referral, note: str) -> Referral:
    """Closed without the service (the person did not come, moved away...); a note is required."""
    if not note.strip():
        raise ValidationError(_("Say why the referral is closed without service."))
    return _answer(actor=actor, referral=referral, target=S.CLOSED, note=note, finished_at=timezone.now())


@transaction.atomic
def referral_note(*, actor, referral: Referral, note: str) -> ReferralEvent:
    """A progress update on an open referral, by its provider (or the caseworker following up)."""
    referral = _locked(referral)
    ensure(actor, "referrals.answer_referral", referral)
    if referral.status not in Referral.OPEN:
        raise ValidationError(_("This referral is no longer open."))
    if not note.strip():
        raise ValidationError(_("Write the update."))
    return _event(referral, actor, note.strip())


# --- notification --------------------------------------------------------------------------


def referral_notify(*, referral_id: int) -> int:
    """Email the provider's focal points and partner users that a referral awaits them. The
    message holds no personal data: they read the referral after signing in."""
    referral = Referral.objects.select_related("provider__organisation", "service").get(pk=referral_id)
    if referral.off_system:
        return 0  # nobody there can sign in: the referring caseworker contacts the provider
    provider = referral.provider
    recipients = sorted(
        {fp.email for fp in provider.focal_points.all() if fp.email}
        | {u.email for u in _partner_users(provider) if u.email}
        | ({provider.email} if provider.email and not provider.focal_points.exists() else set())
    )
    if not recipients:
        return 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    with override("fr" if provider.country_id in FRENCH_SPEAKING else "en"):
        subject = _("New referral %(reference)s (%(priority)s)") % {
            "reference": referral.reference,
            "priority": referral.get_priority_display(),
        }
        body = _(
            "A referral for %(service)s has been sent to %(provider)s. Please answer by %(due)s.\n\n"
            "Sign in to read it: %(url)s"
        ) % {
            "service": referral.service.name,
            "provider": provider.name,
            "due": timezone.localtime(referral.due_at).strftime("%Y-%m-%d %H:%M"),
            "url": base + reverse("referrals:portal-detail", args=[referral.pk]),
        }
    return send_mail(subject, body, None, recipients)


FRENCH_SPEAKING = frozenset(
    {
        "BEN",
        "BFA",
        "CIV",
        "CMR",
        "COD",
        "COG",
        "DZA",
        "GAB",
        "GIN",
        "MAR",
        "MLI",
        "MRT",
        "NER",
        "SEN",
        "TCD",
        "TGO",
        "TUN",
    }
)
