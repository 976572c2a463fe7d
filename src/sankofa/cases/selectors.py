"""Every read of cases and of the people in them starts here, with the acting user (DESIGN.md §4)."""

import dataclasses
import logging
import re
import time

import rules
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.utils.translation import gettext as _

from sankofa.access.models import Office
from sankofa.access.roles import CASE_READERS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of, office_ids_sql
from sankofa.people import matching, names
from sankofa.people.models import Band, IdentityDocument, Person, PersonNameToken

from . import read_log
from .models import Case, CaseAccess, CaseMember, CaseShare, Consent, TimelineEvent, VulnerabilityFlag

security_log = logging.getLogger("sankofa.security")

CASE_NUMBER = re.compile(r"^[A-Z]{2,}[A-Z0-9-]*-\d{4}-\d{1,6}$", re.IGNORECASE)


def cases_visible_to(actor, *, roles=CASE_READERS) -> QuerySet[Case]:
    """Cases owned by, or shared with, an office the actor works in or covers; nothing else."""
    offices = office_ids_of(actor, roles=roles)
    shared = CaseShare.objects.filter(office_id__in=offices).values("case_id")
    return Case.objects.filter(Q(owning_office_id__in=offices) | Q(pk__in=shared) | _emergency(actor, roles))


def _emergency(actor, roles) -> Q:
    """Break-the-glass (EmergencyAccess): cases the actor may read under an emergency access in
    force; for reading only, never with writing or supervising roles."""
    ids = _emergency_ids(actor) if roles == CASE_READERS else []
    return Q(pk__in=ids) if ids else Q()


def _emergency_ids(actor) -> list[int]:
    from .models import EmergencyAccess

    return EmergencyAccess.case_ids_in_force(actor)


def cases_owned_by(actor, *, roles) -> QuerySet[Case]:
    """Cases owned by an office the actor works in (with one of `roles`) or covers: the scope of
    writing and supervising, which a share never extends (cases.rules.can_write_case)."""
    return Case.objects.filter(owning_office_id__in=office_ids_of(actor, roles=roles))


def _consented_to_share(members: QuerySet[CaseMember]) -> QuerySet[CaseMember]:
    """Members whose latest consent to sharing with the origin office is given and not withdrawn
    (the same rule as consent_in_force, as a query)."""
    latest = Consent.objects.filter(
        case_id=OuterRef("case_id"),
        person_id=OuterRef("person_id"),
        purpose=Consent.Purpose.SHARE_ORIGIN,
        partner__isnull=True,
    ).order_by("-recorded_at", "-id")
    return members.annotate(
        share_granted=Subquery(latest.values("granted")[:1]),
        share_withdrawn=Subquery(latest.values("withdrawn_on")[:1]),
    ).filter(share_granted=True, share_withdrawn__isnull=True)


def sees_cases_through_shares(actor) -> bool:
    """Whether some case reaches the actor only through a share, so that members_visible_to must
    look at consent (most users: no, and their reads skip the consent subqueries)."""
    offices = office_ids_of(actor, roles=CASE_READERS)
    # Asked as "a share of a case owned by one of the OTHER offices" (a handful of rows): a regional
    # or HQ user who covers every office answers without a query, instead of checking every share
    # against its case (0.6 s at 1 M cases).
    others = list(Office.objects.exclude(pk__in=offices).values_list("pk", flat=True))
    if not offices or not others:
        return False
    return CaseShare.objects.filter(office_id__in=offices, case__owning_office_id__in=others).exists()


def members_visible_to(actor, *, case: Case | None = None) -> QuerySet[CaseMember]:
    """THE rule for the people inside a case (DESIGN.md §4, "only consented parts"): through an office
    that owns (or covers the owner of) the case, every member; through a share only (e.g. the origin
    office after a handover), only the members whose consent to sharing with the origin office is in
    force. Members, flags, consents, documents, timeline entries and the records of other apps about
    a person are read through this (see `person_ids_visible`)."""
    offices = office_ids_of(actor, roles=CASE_READERS)
    members = CaseMember.objects.all() if case is None else CaseMember.objects.filter(case=case)
    owned = members.filter(case__owning_office_id__in=offices)
    if case is not None and case.owning_office_id not in offices and case.pk in _emergency_ids(actor):
        return members  # break-the-glass (the case is the actor's only under an emergency access)
    if case is not None and case.owning_office_id in offices or not sees_cases_through_shares(actor):
        return owned  # the common case, without the consent subqueries
    shared_cases = CaseShare.objects.filter(office_id__in=offices).values("case_id")
    shared = _consented_to_share(
        members.filter(case_id__in=shared_cases).exclude(case__owning_office_id__in=offices)
    )
    return CaseMember.objects.filter(Q(pk__in=owned.values("pk")) | Q(pk__in=shared.values("pk")))


def person_ids_visible(*, actor, case: Case) -> set[int]:
    """Ids of the members of `case` whose data the actor may see (see members_visible_to)."""
    if not rules.has_perm("cases.view_case", actor, case):
        return set()
    return set(members_visible_to(actor, case=case).values_list("person_id", flat=True))


def persons_visible_to(actor) -> QuerySet[Person]:
    """People the actor may see in at least one case (members_visible_to)."""
    return Person.objects.filter(pk__in=members_visible_to(actor).values("person_id"))


def people_read(*, actor, people) -> None:
    """Log that the actor read these people's data (read_log), against each case they see them in."""
    ids = [p.pk for p in people]
    if ids:
        cases = members_visible_to(actor).filter(person_id__in=ids).values_list("case_id", flat=True)
        read_log.read(actor=actor, cases=set(cases), record=CaseAccess.Record.PERSON)


def person_search(*, actor, q: str = "") -> QuerySet[Person]:
    """People the actor may see whose names meet every word of `q` (same matching as the case list:
    variants, spellings and scripts), newest first."""
    qs = persons_visible_to(actor)
    words = names.name_words(q or "")
    if words:
        qs = qs.filter(pk__in=_people_named(words))
    return qs.order_by("-id")


@dataclasses.dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    office: int | None = None
    status: str = ""
    nationality: str = ""
    flag: str = ""
    assigned_to_me: bool = False

    def apply(self, qs: QuerySet[Case], actor) -> QuerySet[Case]:
        # Through a share, a filter on a member's attribute looks at visible members only (a
        # filter that answers for a hidden member would reveal it, like showing it).
        through_shares = sees_cases_through_shares(actor)
        if self.office:
            qs = qs.filter(owning_office_id=self.office)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.nationality:
            qs = qs.filter(principal__nationality_id=self.nationality)
            if through_shares:
                qs = qs.filter(Exists(_visible_principal(actor)))
        if self.assigned_to_me:
            qs = qs.filter(assigned_to=actor)
        if self.flag:
            flags = VulnerabilityFlag.objects.filter(case_id=OuterRef("pk"), kind=self.flag)
            if through_shares:
                flags = flags.filter(
                    person_id__in=members_visible_to(actor)
                    .filter(case_id=OuterRef(OuterRef("pk")))
                    .values("person_id")
                )
            if self.flag in VulnerabilityFlag.SENSITIVE:
                # Filtering on a sensitive flag reveals it: only cases the actor may see sensitive data of,
                # by the same rule as cases.view_sensitive (an owning or sharing office with the access).
                sensitive = office_ids_of(actor, roles=CASE_READERS, sensitive=True)
                shared = CaseShare.objects.filter(office_id__in=sensitive).values("case_id")
                qs = qs.filter(Q(owning_office_id__in=sensitive) | Q(pk__in=shared))
            qs = qs.filter(Exists(flags))
        if self.q:
            # Through a share, only visible members are searched: finding the case by a hidden
            # member's name or document number would confirm it.
            members = members_visible_to(actor) if through_shares else CaseMember.objects
            qs = _search(qs, self.q, members=members)
        return qs


NO_FILTERS = CaseFilters()


RARE_NAME_PEOPLE = 500


def _people_named(words: list[names.Word], *, last_is_prefix: bool = False) -> QuerySet:
    """Ids of people who have, for every word, a name word that meets it (names.name_lookup: same
    sound key, a regional variant from the variant data, or the consonant skeleton of a name written
    in Arabic script): index lookups per word, intersected without touching the people table.
    With `last_is_prefix`, the last word may be the start of a name ("aïss" for Aïssatou), as typed."""
    ids = None
    for i, word in enumerate(words):
        if last_is_prefix and i == len(words) - 1 and len(word.key) > 1:
            match = Q(key__gte=word.key, key__lt=word.key + "\uffff")
        else:
            match = names.name_lookup(word)
        step = PersonNameToken.objects.filter(match)
        ids = step.values("person_id") if ids is None else step.filter(person_id__in=ids).values("person_id")
    return ids


def _search(qs: QuerySet[Case], text: str, *, members=CaseMember.objects) -> QuerySet[Case]:
    """A case number, or a name: every word must match a word of some member's names by sound key
    (accents, case, transliteration and common misspellings tolerated; the last word may be a
    prefix). A query with digits also finds a member by identity-document number or phone,
    compared in normalised form."""
    text = text.strip()
    if CASE_NUMBER.match(text):
        prefix, sequence = text.upper().rsplit("-", 1)
        return qs.filter(number=f"{prefix}-{int(sequence):06d}")  # NER-2025-42 is NER-2025-000042
    words = names.name_words(text)
    if not words:
        return qs
    # A rare name is resolved first to its few cases, which the database then fetches by key; a
    # common one stays a subquery, and walking the newest cases finds a page of matches at once.
    # Left to itself the planner walks the cases for rare names too (up to 2 s at 1 M people).
    people = _people_named(words)
    few = [row["person_id"] for row in people[: RARE_NAME_PEOPLE + 1]]
    if not few:  # nothing by whole words: perhaps the last word is still being typed
        people = _people_named(words, last_is_prefix=True)
        few = [row["person_id"] for row in people[: RARE_NAME_PEOPLE + 1]]
    if len(few) <= RARE_NAME_PEOPLE:
        found = Q(pk__in=list(members.filter(person_id__in=few).values_list("case_id", flat=True)))
    else:
        found = Q(pk__in=members.filter(person_id__in=people).values("case_id"))
    if any(ch.isdigit() for ch in text):  # exact matches are few: fetch their case ids first, as above
        number, phone = names.normalise_document_number(text), names.normalise_phone(text)
        by_document = IdentityDocument.objects.filter(number_normalised=number).values("person_id")
        by_phone = Person.objects.filter(phone_normalised=phone).values("pk")
        for people in (by_document, by_phone):  # two index lookups; an OR would scan every member
            cases = members.filter(person_id__in=people).values_list("case_id", flat=True)
            found |= Q(pk__in=list(cases[:RARE_NAME_PEOPLE]))
    return qs.filter(found)


def _visible_principal(actor) -> QuerySet[CaseMember]:
    """The principal of the outer case, if the actor may see them (members_visible_to)."""
    return members_visible_to(actor).filter(case_id=OuterRef("pk"), person_id=OuterRef("principal_id"))


def _with_principal_visibility(qs: QuerySet[Case], actor) -> QuerySet[Case]:
    """`principal_visible` on each case: whether the principal's name and nationality may be shown."""
    if sees_cases_through_shares(actor):
        return qs.annotate(principal_visible=Exists(_visible_principal(actor)))
    return qs.annotate(principal_visible=Value(True, output_field=BooleanField()))


def case_list(*, actor, filters: CaseFilters = NO_FILTERS) -> QuerySet[Case]:
    """Cases for the list page and the API, newest first. `principal_visible` says whether the
    principal's name and nationality may be shown: through a share, only with their consent."""
    qs = _with_principal_visibility(filters.apply(cases_visible_to(actor), actor), actor)
    return qs.select_related("owning_office", "principal", "principal__nationality", "assigned_to").order_by(
        "-id"
    )


def case_get(*, actor, number: str, for_writing: bool = False) -> Case:
    """One case the actor may see (or edit), else 404: a case of another office does not exist for them."""
    qs = _with_principal_visibility(
        cases_visible_to(actor, roles=CASE_WRITERS if for_writing else CASE_READERS), actor
    )
    try:
        return qs.select_related("owning_office__country", "principal", "assigned_to").get(number=number)
    except Case.DoesNotExist:
        raise Http404 from None


def case_file_open(*, actor, number: str) -> Case:
    """Open a case file: fetch it under scoping and log the access (who, when, which case)."""
    case = case_get(actor=actor, number=number)
    read_log.read(actor=actor, cases=[case])
    return case


def case_members(*, actor, case: Case) -> QuerySet[CaseMember]:
    if not rules.has_perm("cases.view_case", actor, case):
        return CaseMember.objects.none()
    docs = Prefetch("person__documents", to_attr="document_list")
    return (
        case.members.filter(person_id__in=person_ids_visible(actor=actor, case=case))
        .select_related("person", "person__nationality")
        .prefetch_related(docs, "person__aliases")
        .order_by("id")
    )


@dataclasses.dataclass(frozen=True)
class FlagView:
    """A flag as the actor may see it: sensitive kinds and notes masked without the permission."""

    person: Person
    label: str
    identified_on: object
    notes: str
    masked: bool
    sensitive: bool


def case_flags(*, actor, case: Case) -> list[FlagView]:
    """The case's vulnerability flags, with sensitive details hidden unless the actor may see them."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    sensitive_ok = rules.has_perm("cases.view_sensitive", actor, case)
    views = []
    visible = person_ids_visible(actor=actor, case=case)
    for flag in (
        case.flags.filter(person_id__in=visible).select_related("person").order_by("identified_on", "id")
    ):
        masked = flag.sensitive and not sensitive_ok
        views.append(
            FlagView(
                person=flag.person,
                label=_("Sensitive vulnerability (restricted)") if masked else flag.get_kind_display(),
                identified_on=None if masked else flag.identified_on,
                notes="" if masked else flag.notes,
                masked=masked,
                sensitive=flag.sensitive,
            )
        )
    return views


def case_people(*, actor, case: Case) -> QuerySet[Person]:
    """The people of a case, for choosing one in a form."""
    if not rules.has_perm("cases.view_case", actor, case):
        return Person.objects.none()
    visible = person_ids_visible(actor=actor, case=case)
    return Person.objects.filter(memberships__case=case, pk__in=visible).order_by("memberships__id")


def case_consents(*, actor, case: Case) -> QuerySet[Consent]:
    if not rules.has_perm("cases.view_case", actor, case):
        return Consent.objects.none()
    visible = person_ids_visible(actor=actor, case=case)
    return case.consents.filter(person_id__in=visible).select_related("person", "partner", "recorded_by")


def consent_in_force(*, case: Case, person: Person, purpose: str, partner=None) -> bool:
    """Whether the person's latest consent for this purpose (and partner) is given and not withdrawn."""
    latest = (
        Consent.objects.filter(case=case, person=person, purpose=purpose, partner=partner)
        .order_by("-recorded_at", "-id")
        .first()
    )
    return bool(latest and latest.in_force)


def case_timeline(*, actor, case: Case) -> list[TimelineEvent]:
    """Events newest first; sensitive ones lose their note and data without the permission, and
    events about a member the actor may not see (members_visible_to) are masked the same way."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    sensitive_ok = rules.has_perm("cases.view_sensitive", actor, case)
    visible = person_ids_visible(actor=actor, case=case)
    visible_names = {str(p) for p in Person.objects.filter(pk__in=visible)}
    events = list(case.timeline.select_related("actor"))
    flag_ids = [e.data["flag_id"] for e in events if sensitive_ok and "flag_id" in e.data]
    flag_kinds = {f.pk: f.get_kind_display() for f in VulnerabilityFlag.objects.filter(pk__in=flag_ids)}
    for event in events:
        if event.person_id is not None:
            about_hidden = event.person_id not in visible
        else:  # an event written before events carried their person: by name, hidden unless known
            about_hidden = "person" in event.data and event.data["person"] not in visible_names
        event.masked = (event.sensitive and not sensitive_ok) or about_hidden
        if event.masked:
            event.note, event.data = "", {}
        elif "flag_id" in event.data:
            event.data = {**event.data, "flag": flag_kinds.get(event.data["flag_id"], "")}
    return events


def case_accesses(*, actor, case: Case) -> QuerySet[CaseAccess]:
    """Who opened this case file; for supervisors and data-protection focal points."""
    from sankofa.access.roles import AUDIT_READERS

    if not case.office_ids() & office_ids_of(actor, roles=AUDIT_READERS | {"supervisor"}):
        return CaseAccess.objects.none()
    return case.accesses.select_related("user")


def assignable_users(*, office) -> QuerySet:
    """Users who may be assigned cases of this office: its caseworkers and supervisors."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__office=office,
            memberships__role__in=CASE_WRITERS,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def access_log(*, actor, user_query: str = "", number: str = "") -> QuerySet[CaseAccess]:
    """Openings of case files owned by offices where the actor is a data-protection focal point or
    administrator (DESIGN.md §4: every view of a case file is logged and reviewable)."""
    from sankofa.access.roles import AUDIT_READERS

    qs = CaseAccess.objects.filter(case__owning_office_id__in=office_ids_of(actor, roles=AUDIT_READERS))
    if user_query:
        qs = qs.filter(user__username__icontains=user_query.strip())
    if number:
        qs = qs.filter(case__number=number.strip().upper())
    return qs.select_related("user", "case", "case__owning_office").order_by("-id")


def emergency_access_log(*, actor, days: int = 90) -> QuerySet:
    """Emergency accesses (break-the-glass) of the last `days` to cases owned by offices where the
    actor is a data-protection focal point or administrator, each with how often the case was
    opened under it."""
    import datetime

    from django.db.models import Count
    from django.utils import timezone

    from sankofa.access.roles import AUDIT_READERS

    from .models import EmergencyAccess

    openings = CaseAccess.objects.filter(
        emergency=True,
        case_id=OuterRef("case_id"),
        user_id=OuterRef("user_id"),
        at__gte=OuterRef("granted_at"),
        at__lte=OuterRef("expires_at"),
    )
    since = timezone.now() - datetime.timedelta(days=days)
    return (
        EmergencyAccess.objects.filter(
            case__owning_office_id__in=office_ids_of(actor, roles=AUDIT_READERS), granted_at__gte=since
        )
        .annotate(openings=Subquery(openings.values("case_id").annotate(n=Count("pk")).values("n")[:1]))
        .select_related("user", "case", "case__owning_office")
        .order_by("-granted_at", "-id")
    )


def emergency_accesses_of(*, actor) -> QuerySet:
    """The actor's own emergency accesses still in force (the break-the-glass page lists them)."""
    from django.utils import timezone

    from .models import EmergencyAccess

    return (
        EmergencyAccess.objects.filter(user_id=actor.pk, expires_at__gt=timezone.now())
        .select_related("case")
        .order_by("-granted_at")
    )


# --- duplicate check while registering ----------------------------------------------------------

CANDIDATE_SALT = "sankofa.cases.duplicate-candidate"


@dataclasses.dataclass(frozen=True)
class DuplicateCandidate:
    """A possible earlier registration of the person being registered, as the actor may see it. When
    the actor cannot see it, only `office` is set: "possible match registered at office X"."""

    token: str  # encrypted person id: lets the actor ask for a review without learning who it is
    score: float | None  # None for a candidate the actor may not see
    band: str
    visible: bool
    office: str
    person: Person | None = None
    case_numbers: tuple[str, ...] = ()
    reasons: tuple = ()


def candidate_token(person_id: int) -> str:
    """An opaque token for a candidate: encrypted (Fernet, a new one at every answer), so that it
    neither shows the person's internal id nor lets two answers be matched to the same person."""
    from sankofa.core.fields import _fernet

    return _fernet().encrypt(f"{CANDIDATE_SALT}:{person_id}".encode()).decode()


def candidate_person_id(token: str) -> int | None:
    """The person a candidate token stands for, if the token is ours and less than a day old."""
    from cryptography.fernet import InvalidToken

    from sankofa.core.fields import _fernet

    try:
        salt, _sep, person_id = _fernet().decrypt(str(token).encode(), ttl=86400).decode().rpartition(":")
        return int(person_id) if salt == CANDIDATE_SALT else None
    except (InvalidToken, TypeError, ValueError, UnicodeError):
        return None


def _probe_allowed(actor) -> bool:
    """Duplicate checks per user and hour (settings.DUPLICATE_CHECKS_PER_HOUR), counted in the shared
    cache: past it, a caseworker probing another office's people gets no more answers."""
    from django.conf import settings
    from django.core.cache import cache

    key = f"sankofa:duplicate-checks:{actor.pk}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3700)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3700)
        count = 1
    return count <= settings.DUPLICATE_CHECKS_PER_HOUR


def _candidate_cases(actor, person_ids: list[int]) -> list[tuple[int, str, str, bool]]:
    """(person, case number, owning office name, visible) for every case of the candidates, oldest
    case first, in ONE query, and none at all unless the actor may register (is a case writer
    somewhere: office_ids_of with CASE_WRITERS, as before). The actor's offices are inlined
    (access.selectors.office_ids_sql), not read first. Visible by the rule of members_visible_to:
    the case's owning office is among the actor's, or the case is shared with one of them and the
    person's latest consent to sharing with the origin office is given and not withdrawn. Plain SQL,
    common to PostgreSQL and SQLite: this runs at every pause in typing on the registration form,
    and building it with the ORM each time cost more than running it."""
    if not person_ids or not actor.is_authenticated or not actor.is_active:
        return []
    offices_sql, offices_params = office_ids_sql(actor, roles=CASE_READERS)
    writer_sql, writer_params = office_ids_sql(actor, roles=CASE_WRITERS)
    q = connection.ops.quote_name
    member, case, office = (q(m._meta.db_table) for m in (CaseMember, Case, Office))
    share, consent = q(CaseShare._meta.db_table), q(Consent._meta.db_table)
    sql = f"""
        WITH offices(id) AS ({offices_sql})
        SELECT m.person_id, c.number, o.name,
            CASE WHEN c.owning_office_id IN (SELECT id FROM offices) THEN 1
                 WHEN EXISTS (SELECT 1 FROM {share} s
                              WHERE s.case_id = m.case_id AND s.office_id IN (SELECT id FROM offices))
                  AND COALESCE((SELECT CASE WHEN k.granted AND k.withdrawn_on IS NULL THEN 1 ELSE 0 END
                                FROM {consent} k
                                WHERE k.case_id = m.case_id AND k.person_id = m.person_id
                                  AND k.purpose = %s AND k.partner_id IS NULL
                                ORDER BY k.recorded_at DESC, k.id DESC LIMIT 1), 0) = 1 THEN 1
                 ELSE 0 END
        FROM {member} m JOIN {case} c ON c.id = m.case_id JOIN {office} o ON o.id = c.owning_office_id
        WHERE m.person_id IN ({", ".join(["%s"] * len(person_ids))}) AND EXISTS ({writer_sql})
        ORDER BY m.case_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*offices_params, Consent.Purpose.SHARE_ORIGIN, *person_ids, *writer_params])
        return [(person, number, name, visible == 1) for person, number, name, visible in cursor.fetchall()]


def registration_candidates(*, actor, probe: matching.Record, limit: int = 8) -> list[DuplicateCandidate]:
    """Ranked possible duplicates of a person being registered, with score and reasons. People in
    cases the actor cannot see are reduced to the office that registered them: no name, no date, no
    reasons (a reason such as "same phone" would itself disclose personal data). Beyond the lookup
    itself, one query: the candidates' cases with their visibility, none unless the actor may
    register (the page and the API refuse others before; the same query keeps it a rule here)."""
    if not actor.is_authenticated or not actor.is_active:
        return []
    if not _probe_allowed(actor):
        security_log.warning("duplicate checks over the hourly limit: user %s", actor.pk)
        raise PermissionDenied(_("Too many duplicate checks in the last hour. Try again later."))
    scored = matching.candidates(probe, limit=limit)
    if not scored:
        return []
    visible_numbers: dict[int, list[str]] = {}
    registered_at: dict[int, str] = {}
    for person_id, number, office_name, visible in _candidate_cases(actor, [s.person_id for s in scored]):
        registered_at[person_id] = office_name  # the latest case's office wins
        if visible:
            visible_numbers.setdefault(person_id, []).insert(0, number)
    result, elsewhere = [], {}
    for s in scored:
        if s.person_id not in registered_at:
            continue  # in no case at all: nobody may see it, nobody to ask
        if s.person_id in visible_numbers:
            result.append(
                DuplicateCandidate(
                    candidate_token(s.person_id),
                    s.score,
                    s.band,
                    True,
                    registered_at[s.person_id],
                    s.person,
                    tuple(visible_numbers[s.person_id]),
                    s.reasons,
                )
            )
        elif s.band == Band.DUPLICATE:
            # Someone the actor may not see is an oracle unless the answer is the same whatever
            # was probed: only strong matches, one line per office (first, strongest), no score,
            # after the visible ones. A probe that crosses the strong band learns "someone at office
            # X", and every such answer is logged.
            elsewhere.setdefault(registered_at[s.person_id], s.person_id)
    for office, person_id in elsewhere.items():
        result.append(DuplicateCandidate(candidate_token(person_id), None, Band.DUPLICATE, False, office))
    if elsewhere:
        security_log.info("duplicate check by user %s matched people at %s", actor.pk, sorted(elsewhere))
    return result


def registering_office_of(person_id: int):
    """The office of the latest case a person belongs to (whose supervisors confirm a match)."""
    member = (
        CaseMember.objects.filter(person_id=person_id).order_by("-case_id").values("case__owning_office_id")
    )
    return Office.objects.filter(pk__in=member[:1]).first()
