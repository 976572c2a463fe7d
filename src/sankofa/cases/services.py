"""Every write to a case file. Keyword-only, one transaction, permission first (STYLE.md)."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Office
from sankofa.access.permissions import ensure
from sankofa.people import services as people_services
from sankofa.people.models import Person

from .extensions import case_event_hooks
from .models import (
    Case,
    CaseMember,
    CaseNumberSequence,
    CaseShare,
    Consent,
    MigrationProfile,
    RouteStep,
    TimelineEvent,
    VulnerabilityFlag,
)


class StaleEdit(ValidationError):
    """Someone else saved the case since this form was opened."""


@dataclasses.dataclass
class DocumentInput:
    kind: str
    number: str
    issuing_country: object
    expires_on: datetime.date | None = None


@dataclasses.dataclass
class MemberInput:
    """One person to add to a case: their fields, relationship, documents and aliases."""

    person: dict
    relationship: str
    documents: list[DocumentInput] = dataclasses.field(default_factory=list)
    aliases: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ConsentInput:
    member_index: int  # 0 = principal
    purpose: str
    granted: bool
    given_on: datetime.date
    partner: object = None


@dataclasses.dataclass
class FlagInput:
    member_index: int
    kind: str
    identified_on: datetime.date
    notes: str = ""


@dataclasses.dataclass
class RouteStepInput:
    country: object
    place: str = ""
    arrived_on: datetime.date | None = None
    left_on: datetime.date | None = None


@dataclasses.dataclass
class ProfileInput:
    reason_for_leaving: str = ""
    reason_detail: str = ""
    left_home_on: datetime.date | None = None
    return_from: object = None
    intended_destination: object = None
    route: list[RouteStepInput] = dataclasses.field(default_factory=list)


def _fields(obj) -> dict:
    """A dataclass as a shallow dict (dataclasses.asdict would deep-copy model instances)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def timeline_record(
    *,
    case: Case,
    actor,
    kind: str,
    note: str = "",
    data: dict | None = None,
    sensitive=False,
    person: Person | None = None,
):
    """Append an event to the case timeline, then tell the apps that follow case changes
    (`extensions.register_case_event_hook`). An event about one member names them by `person`:
    stored as a key (read masking follows it, whatever the person is called later) and, for the
    sentence, under the name they had then."""
    data = dict(data or {})
    if "person" in data:
        raise ValueError("An event about a member names them with person=, not in data.")
    if person is not None:
        data["person"] = str(person)
    event = TimelineEvent.objects.create(
        case=case, actor=actor, kind=kind, note=note, data=data, sensitive=sensitive, person=person
    )
    for hook in case_event_hooks():
        hook(case=case, kind=kind)
    return event


def _next_number(office: Office, year: int) -> tuple[int, str]:
    sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(
        office=office, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last, f"{office.code}-{year}-{sequence.last:06d}"


def _person_create(member: MemberInput, actor) -> Person:
    person = people_services.person_create(aliases=member.aliases, **member.person)
    for doc in member.documents:
        people_services.document_add(person=person, actor=actor, **_fields(doc))
    return person


@transaction.atomic
def case_register(
    *,
    actor,
    office: Office,
    principal: MemberInput,
    members: list[MemberInput] = (),
    consents: list[ConsentInput] = (),
    flags: list[FlagInput] = (),
    profile: ProfileInput | None = None,
    assigned_to=None,
    registered_on: datetime.date | None = None,
) -> Case:
    """Register a new case with its principal, family members, consent, screening and profile."""
    ensure(actor, "cases.register_case", office)
    if principal.relationship != CaseMember.Relationship.PRINCIPAL:
        raise ValidationError(_("The first person of a case is its principal applicant."))
    if any(m.relationship == CaseMember.Relationship.PRINCIPAL for m in members):
        raise ValidationError(_("A case has exactly one principal applicant."))
    registered_on = registered_on or timezone.localdate()
    if registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("A case cannot be registered in the future.")})
    if profile is not None:
        _profile_check(profile)  # before anything is written or numbered
    if assigned_to is not None:
        _assignable_or_refuse(office, assigned_to)
    count = 1 + len(members)
    if any(not 0 <= item.member_index < count for item in (*consents, *flags)):
        raise ValidationError(_("A consent or vulnerability names a person who is not in the case."))
    sequence, number = _next_number(office, registered_on.year)
    principal_person = _person_create(principal, actor)
    case = Case.objects.create(
        number=number,
        owning_office=office,
        year=registered_on.year,
        sequence=sequence,
        registered_on=registered_on,
        registered_by=actor,
        assigned_to=assigned_to or actor,
        principal=principal_person,
    )
    people = [principal_person, *(_person_create(m, actor) for m in members)]
    for person, member in zip(people, [principal, *members], strict=True):
        CaseMember.objects.create(case=case, person=person, relationship=member.relationship)  # audited
    timeline_record(
        case=case, actor=actor, kind="case.registered", data={"members": len(people), "office": office.code}
    )
    for c in consents:
        _consent_create(case=case, person=people[c.member_index], actor=actor, data=c)
    for f in flags:
        _flag_create(case=case, person=people[f.member_index], actor=actor, data=f)
    if profile is not None:
        _profile_write(case=case, profile=profile)
    return case


def _check_version(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(
            _("This case was changed by someone else while you were editing. Reload it and try again.")
        )
    return locked


def _bump(case: Case, *fields: str) -> None:
    """Save the given fields with a new version: the next stale form is refused."""
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


def _assignable_or_refuse(office: Office, assignee) -> None:
    from .selectors import assignable_users

    if not assignable_users(office=office).filter(pk=assignee.pk).exists():
        raise ValidationError(_("Cases can only be assigned to caseworkers of the owning office."))


@transaction.atomic
def case_assign(*, actor, case: Case, assignee, version: int | None = None) -> Case:
    """Give the case to a caseworker of its owning office. Supervisors only."""
    ensure(actor, "cases.supervise_case", case)
    case = _check_version(case, version)
    _assignable_or_refuse(case.owning_office, assignee)
    case.assigned_to = assignee
    _bump(case, "assigned_to")
    timeline_record(case=case, actor=actor, kind="case.assigned", data={"to": assignee.get_username()})
    return case


@transaction.atomic
def case_status_change(*, actor, case: Case, status: str, note: str = "", version: int | None = None) -> Case:
    """Put a case on hold or take it off hold. Closing and reopening are not done here: they go
    through the closure workflow (a reason, a supervisor's decision: reintegration.services.closure),
    which calls case_close_or_reopen."""
    ensure(actor, "cases.change_case", case)
    case = _check_version(case, version)
    if Case.Status.CLOSED in (status, case.status):  # judged on the locked row, not on a stale copy
        raise ValidationError(
            _("A case is closed or reopened through a closure request decided by a supervisor.")
        )
    return _status_set(case=case, actor=actor, status=status, note=note)


def _status_set(*, case: Case, actor, status: str, note: str) -> Case:
    case.check_transition(status)
    old, case.status = case.status, status
    _bump(case, "status")
    timeline_record(case=case, actor=actor, kind="case.status", note=note, data={"from": old, "to": status})
    return case


@transaction.atomic
def case_close_or_reopen(*, actor, case: Case, status: str, note: str = "") -> Case:
    """Close or reopen a case, for the closure workflow only (which records the reason and the
    supervisor's decision); a supervisor of an office working on the case."""
    ensure(actor, "cases.supervise_work", case)
    if Case.Status.CLOSED not in (status, case.status):
        raise ValidationError(_("Only closing and reopening go through the closure workflow."))
    case = _check_version(case, None)
    return _status_set(case=case, actor=actor, status=status, note=note)


@transaction.atomic
def case_edit(*, actor, case: Case, version: int, status: str, assignee=None, note: str = "") -> Case:
    """The case edit page in one go: reassign (if `assignee` differs) and change status (if it
    differs), all or nothing, each under its own rule."""
    if assignee is not None and assignee.pk != case.assigned_to_id:
        case = case_assign(actor=actor, case=case, assignee=assignee, version=version)
        version = case.version
    if status != case.status:
        case = case_status_change(actor=actor, case=case, status=status, note=note, version=version)
    return case


def _member_or_refuse(case: Case, person: Person) -> None:
    if not case.members.filter(person=person).exists():
        raise ValidationError(_("This person is not a member of the case."))


def _visible_member_or_refuse(actor, case: Case, person: Person) -> None:
    """A member the actor may see (selectors.members_visible_to); a hidden one is as if absent."""
    from .selectors import person_ids_visible

    if person.pk not in person_ids_visible(actor=actor, case=case):
        raise ValidationError(_("This person is not a member of the case."))


@transaction.atomic
def case_person_update(*, actor, case: Case, person: Person, version: int | None = None, **fields) -> Person:
    """Correct a member's personal details; refuses a stale form."""
    ensure(actor, "cases.change_case", case)
    case = _check_version(case, version)
    _member_or_refuse(case, person)
    changed = [k for k, v in fields.items() if getattr(person, k) != v]
    people_services.person_update(person=person, **fields)
    _bump(case)
    if changed:
        timeline_record(
            case=case, actor=actor, kind="person.updated", person=person, data={"fields": changed}
        )
    return person


@transaction.atomic
def case_member_add(
    *, actor, case: Case, member: MemberInput, flags: list[FlagInput] = (), version: int | None = None
) -> CaseMember:
    """Add a family member (or travelling companion) to an existing case, with the vulnerabilities
    found when screening them (their member_index is 0: the added person)."""
    ensure(actor, "cases.change_case", case)
    case = _check_version(case, version)
    if member.relationship == CaseMember.Relationship.PRINCIPAL:
        raise ValidationError(_("A case has exactly one principal applicant."))
    if any(f.member_index != 0 for f in flags):
        raise ValidationError(_("A consent or vulnerability names a person who is not in the case."))
    added = CaseMember.objects.create(
        case=case, person=_person_create(member, actor), relationship=member.relationship
    )
    _bump(case)
    timeline_record(
        case=case,
        actor=actor,
        kind="member.added",
        person=added.person,
        data={"relationship": added.get_relationship_display()},
    )
    for flag in flags:
        _flag_create(case=case, person=added.person, actor=actor, data=flag)
    return added


@transaction.atomic
def case_document_add(*, actor, case: Case, person: Person, document: DocumentInput):
    ensure(actor, "cases.change_case", case)
    _member_or_refuse(case, person)
    doc = people_services.document_add(person=person, actor=actor, **_fields(document))
    timeline_record(
        case=case,
        actor=actor,
        kind="document.added",
        person=person,
        data={"kind": doc.get_kind_display()},
    )
    return doc


def _consent_create(*, case: Case, person: Person, actor, data: ConsentInput) -> Consent:
    if data.purpose == Consent.Purpose.SHARE_PARTNER and data.partner is None:
        raise ValidationError(_("Consent to share with a partner must name the partner."))
    # Only partner sharing names a partner; a stray one would hide the consent from consent_in_force().
    partner = data.partner if data.purpose == Consent.Purpose.SHARE_PARTNER else None
    if data.given_on > timezone.localdate():
        raise ValidationError(_("Consent cannot be dated in the future."))
    consent = Consent.objects.create(
        case=case,
        person=person,
        purpose=data.purpose,
        partner=partner,
        granted=data.granted,
        given_on=data.given_on,
        recorded_by=actor,
    )
    timeline_record(
        case=case,
        actor=actor,
        kind="consent.given" if data.granted else "consent.refused",
        person=person,
        data={"purpose": consent.get_purpose_display(), "partner": str(partner) if partner else ""},
    )
    return consent


@transaction.atomic
def consent_record(*, actor, case: Case, person: Person, consent: ConsentInput) -> Consent:
    """Record a member's consent (or refusal) for one purpose, dated, with who recorded it. An office
    working on the case through a share (the origin office) records it too, for the members it
    may see."""
    ensure(actor, "cases.work_on_case", case)
    _visible_member_or_refuse(actor, case, person)
    return _consent_create(case=case, person=person, actor=actor, data=consent)


@transaction.atomic
def consent_withdraw(*, actor, case: Case, consent: Consent, on: datetime.date | None = None) -> Consent:
    """Withdraw a consent; the record stays, with the withdrawal date."""
    ensure(actor, "cases.work_on_case", case)
    consent = Consent.objects.select_for_update().filter(pk=consent.pk, case=case).first()
    if consent is None:
        raise ValidationError(_("This consent does not belong to the case."))
    _visible_member_or_refuse(actor, case, consent.person)
    if not consent.in_force:
        raise ValidationError(_("This consent is not in force."))
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    timeline_record(
        case=case,
        actor=actor,
        kind="consent.withdrawn",
        person=consent.person,
        data={"purpose": consent.get_purpose_display()},
    )
    return consent


def consent_required(*, case: Case, people, purpose: str) -> None:
    """Refuse unless every person's latest consent for `purpose` on this case is given and not
    withdrawn (selectors.consent_in_force): the services of return (RETURN), assistance (ASSISTANCE)
    and monitoring surveys (MONITORING) call it, so forms, API, tasks and loaders cannot skip it."""
    from .selectors import consent_in_force

    for person in people:
        if not consent_in_force(case=case, person=person, purpose=purpose):
            messages = {
                Consent.Purpose.RETURN: _(
                    "%(person)s has no consent to return in force: record their consent to return on "
                    "the case first."
                ),
                Consent.Purpose.ASSISTANCE: _(
                    "%(person)s has no consent to assistance in force: record their consent to "
                    "assistance on the case first."
                ),
                Consent.Purpose.MONITORING: _(
                    "%(person)s has no consent to monitoring in force: record their consent to data "
                    "for monitoring on the case first."
                ),
            }
            message = messages.get(purpose) or _("%(person)s has not given this consent.")
            raise ValidationError(message % {"person": person}, code="consent")


def _flag_create(*, case: Case, person: Person, actor, data: FlagInput) -> VulnerabilityFlag:
    if data.identified_on > timezone.localdate():
        raise ValidationError({"identified_on": _("A vulnerability cannot be identified in the future.")})
    flag = VulnerabilityFlag.objects.create(
        case=case,
        person=person,
        kind=data.kind,
        identified_on=data.identified_on,
        notes=data.notes,
        recorded_by=actor,
    )
    timeline_record(
        case=case,
        actor=actor,
        kind="flag.added",
        sensitive=flag.sensitive,
        person=person,
        # A sensitive kind is not copied into the timeline: only the flag's key, read back (and
        # masked) through case_timeline.
        data={"flag_id": flag.pk} if flag.sensitive else {"flag": flag.get_kind_display()},
    )
    return flag


@transaction.atomic
def flag_add(*, actor, case: Case, person: Person, flag: FlagInput) -> VulnerabilityFlag:
    """Record a vulnerability found at screening. Any case writer may record one; reading the
    details of a sensitive flag later needs the sensitive-data permission."""
    ensure(actor, "cases.change_case", case)
    _member_or_refuse(case, person)
    return _flag_create(case=case, person=person, actor=actor, data=flag)


def _profile_check(profile: ProfileInput) -> None:
    """The rules of a migration profile, whoever writes it (form, API): no date in the future; every
    step of the route in a country; a step not left before it was reached; steps in order (a step
    does not begin before the previous one began or was left); no arrival before the person left
    home. Errors name the field (`left_home_on`, `route`) and, for the route, the step."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if profile.left_home_on and profile.left_home_on > today:
        errors["left_home_on"] = [_("The date the person left home cannot be in the future.")]
    route = []
    latest = None  # the latest date met so far along the route
    for n, step in enumerate(profile.route, start=1):
        if step.country is None:
            route.append(_("Step %(n)d of the route: choose its country.") % {"n": n})
        dates = [d for d in (step.arrived_on, step.left_on) if d]
        if any(d > today for d in dates):
            route.append(_("Step %(n)d of the route: its dates cannot be in the future.") % {"n": n})
        if step.arrived_on and step.left_on and step.left_on < step.arrived_on:
            route.append(_("Step %(n)d of the route: the person cannot leave before arriving.") % {"n": n})
        if step.arrived_on and profile.left_home_on and step.arrived_on < profile.left_home_on:
            route.append(
                _("Step %(n)d of the route: the person cannot arrive there before leaving home.") % {"n": n}
            )
        if dates and latest and min(dates) < latest:
            route.append(_("Step %(n)d of the route: it cannot begin before the previous step.") % {"n": n})
        latest = max([*dates, latest] if latest else dates, default=None)
    if route:
        errors["route"] = route
    if errors:
        raise ValidationError(errors)


def _profile_write(*, case: Case, profile: ProfileInput) -> MigrationProfile:
    _profile_check(profile)
    fields = {k: v for k, v in _fields(profile).items() if k != "route"}
    record, _created = MigrationProfile.objects.update_or_create(case=case, defaults=fields)
    record.route.all().delete()
    RouteStep.objects.bulk_create(
        [RouteStep(profile=record, order=i, **_fields(step)) for i, step in enumerate(profile.route, start=1)]
    )
    return record


@transaction.atomic
def profile_update(
    *, actor, case: Case, profile: ProfileInput, version: int | None = None
) -> MigrationProfile:
    """Replace the migration profile (reason, dates, route) of a case."""
    ensure(actor, "cases.change_case", case)
    case = _check_version(case, version)
    record = _profile_write(case=case, profile=profile)
    _bump(case)
    timeline_record(case=case, actor=actor, kind="profile.updated")
    return record


@transaction.atomic
def case_share(*, actor, case: Case, office: Office, reason: str) -> CaseShare:
    """Let another office see and work on the case. Supervisors of a case office only."""
    ensure(actor, "cases.supervise_case", case)
    if office.pk in case.office_ids():
        raise ValidationError(_("The case is already visible to this office."))
    share = CaseShare.objects.create(case=case, office=office, reason=reason, shared_by=actor)
    timeline_record(case=case, actor=actor, kind="case.shared", data={"office": office.code}, note=reason)
    return share


@transaction.atomic
def duplicate_review_request(*, actor, case: Case, person: Person, tokens: list[str]) -> list:
    """Queue the possible duplicates the registering caseworker pointed at for adjudication. A
    registration in an office the caseworker cannot see goes to that office's supervisors to
    confirm; the caseworker never learns more about it. A pair already decided stays decided."""
    from sankofa.people import matching
    from sankofa.people.models import MatchPair

    from .selectors import candidate_person_id, persons_visible_to, registering_office_of

    ensure(actor, "cases.change_case", case)
    _member_or_refuse(case, person)
    pairs = []
    for token in tokens:
        other_id = candidate_person_id(token)
        if other_id is None or other_id == person.pk:
            continue
        other = Person.objects.filter(pk=other_id, merged_into__isnull=True).first()
        if other is None:
            continue
        score, reasons = matching.score_pair(matching.person_record(person), matching.person_record(other))
        a, b = matching.pair_key(person.pk, other.pk)
        visible = persons_visible_to(actor).filter(pk=other.pk).exists()
        pair, created = MatchPair.objects.get_or_create(
            person_a_id=a,
            person_b_id=b,
            defaults={
                "score": score,
                "band": matching.band_of(score),
                "reasons": [dataclasses.asdict(r) for r in reasons],
                "source": MatchPair.Source.REGISTRATION,
                "confirm_office": None if visible else registering_office_of(other.pk),
                "requested_by": actor,
            },
        )
        if created:
            pairs.append(pair)
    if pairs:
        timeline_record(
            case=case,
            actor=actor,
            kind="person.duplicate_review",
            person=person,
            data={"count": len(pairs)},
        )
    return pairs


# --- break-the-glass ----------------------------------------------------------------------------

EMERGENCY_REASON_MIN = 20


@transaction.atomic
def emergency_access_grant(*, actor, number: str, reason: str):
    """Break the glass: a supervisor of a regional or HQ office reads a case outside their scope,
    for a stated reason, during SANKOFA_EMERGENCY_ACCESS_HOURS; read only. The data-protection focal
    points of the owning office are told (emergency_access_notify)."""
    from django.conf import settings

    from sankofa.access.roles import CASE_READERS
    from sankofa.access.selectors import office_ids_of

    from .models import EmergencyAccess
    from .tasks import emergency_access_notify_task

    ensure(actor, "cases.break_glass")
    reason = " ".join((reason or "").split())
    if len(reason) < EMERGENCY_REASON_MIN:
        raise ValidationError(
            _("Say why this is an emergency, in at least %(count)d characters.")
            % {"count": EMERGENCY_REASON_MIN}
        )
    case = Case.objects.filter(number=(number or "").strip().upper()).first()
    if case is None:
        raise ValidationError(_("There is no case with this number."))
    if not office_ids_of(actor, roles=CASE_READERS).isdisjoint(case.office_ids()):
        raise ValidationError(_("This case is within your offices: open it without emergency access."))
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        user=actor,
        case=case,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=settings.SANKOFA_EMERGENCY_ACCESS_HOURS),
    )
    emergency_access_notify_task.enqueue(grant_id=grant.pk)  # same transaction: no grant without its alert
    return grant


def emergency_access_notify(*, grant_id: int) -> int:
    """Tell the data-protection focal points of the owning office that a case was opened under
    emergency access. No personal data in the message: the case number and a link, nothing else."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils.translation import override

    from sankofa.access.models import Role

    from .models import EmergencyAccess

    grant = EmergencyAccess.objects.select_related("case").get(pk=grant_id)
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__office_id=grant.case.owning_office_id,
                memberships__role=Role.DATA_PROTECTION,
                memberships__is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return 0
    url = settings.SITE_URL.rstrip("/") + reverse("cases:audit")
    subjects, bodies = [], []
    for language in ("en", "fr"):  # the focal points read one or the other; both, as the page does
        with override(language):
            subjects.append(_("Emergency access to case %(number)s") % {"number": grant.case.number})
            bodies.append(
                _(
                    "Case %(number)s was opened under emergency access by a user outside its offices.\n"
                    "Review it on the data-protection page: %(url)s"
                )
                % {"number": grant.case.number, "url": url}
            )
    subject, body = " / ".join(subjects), "\n\n".join(bodies)
    return send_mail(subject, body, None, recipients)
