"""Reads of subject access: who may be reported on, and the report itself. Always with the acting
user; only data-protection focal points, only the cases of their offices (and those they cover)."""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case
from sankofa.cases.selectors import cases_visible_to, members_visible_to, person_search
from sankofa.people import names
from sankofa.people.models import IdentityDocument, Person

from .catalogue import Context, build_sections
from .records import Section
from .rules import SUBJECT_ACCESS_ROLES

PERMISSION = "privacy.produce_subject_access"


def subject_access_cases(actor) -> QuerySet[Case]:
    """Cases owned by, covered by or shared with an office where the actor is a data-protection
    focal point; their other roles do not widen this."""
    return cases_visible_to(actor, roles=SUBJECT_ACCESS_ROLES)


def _people_in_scope(actor) -> QuerySet[Person]:
    """People who are members of a case in scope, as members_visible_to lets the actor see them
    (through a share, only members who consented to sharing with the origin office)."""
    members = members_visible_to(actor).filter(case_id__in=subject_access_cases(actor).values("pk"))
    return Person.objects.filter(pk__in=members.values("person_id"))


def subject_access_people(*, actor, q: str) -> QuerySet[Person]:
    """People in scope whose names (any script, spelling variants) or identity-document number or
    phone match `q`; nobody for an empty query. Refused to anyone but a data-protection focal point."""
    ensure(actor, PERMISSION)
    q = (q or "").strip()
    if not q:
        return Person.objects.none()
    match = Q(pk__in=person_search(actor=actor, q=q).values("pk")) if names.name_words(q) else Q(pk__in=[])
    number = names.normalise_document_number(q)
    if any(c.isdigit() for c in q) and number:
        match |= Q(pk__in=IdentityDocument.objects.filter(number_normalised=number).values("person_id"))
        phone = names.normalise_phone(q)
        if phone:
            match |= Q(phone_normalised=phone)
    return (
        _people_in_scope(actor)
        .filter(match)
        .select_related("nationality")
        .order_by("family_name", "given_name", "pk")
    )


def subject_access_person(*, actor, person_id: int) -> Person:
    """The person, if they belong to a case in the actor's scope; else 404 (they do not exist for
    the actor). Anyone but a data-protection focal point is refused (403)."""
    if not actor.has_perm(PERMISSION):
        raise PermissionDenied(_("Only data-protection focal points may produce a subject access report."))
    try:
        return _people_in_scope(actor).select_related("nationality").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclasses.dataclass
class Report:
    person: Person
    sections: list[Section]
    cases: list[Case]
    sensitive_by_case: dict[int, bool]
    produced_at: datetime.datetime
    produced_by: str
    language: str

    @property
    def restricted_cases(self) -> list[Case]:
        return [c for c in self.cases if not self.sensitive_by_case[c.pk]]


def subject_access_report(*, actor, person: Person, language: str) -> Report:
    """Everything held about `person` in the cases of the actor's scope, section by section (see
    catalogue). Sensitive values of a case the actor may not read sensitively are marked restricted.
    Call it inside translation.override(language): labels are written in the active language."""
    person = subject_access_person(actor=actor, person_id=person.pk)
    in_scope = subject_access_cases(actor).values("pk")
    visible = members_visible_to(actor).filter(person=person, case_id__in=in_scope).values("case_id")
    cases = {
        c.pk: c for c in Case.objects.filter(pk__in=visible).select_related("owning_office").order_by("pk")
    }
    ctx = Context(actor=actor, person=person, cases=cases)
    sections = build_sections(ctx)
    return Report(
        person=person,
        sections=sections,
        cases=list(cases.values()),
        sensitive_by_case={pk: ctx.sensitive_ok(pk) for pk in cases},
        produced_at=timezone.now(),
        produced_by=actor.get_full_name() or actor.get_username(),
        language=language,
    )


def subject_access_productions(*, actor, limit: int = 20) -> list:
    """The latest subject access reports produced about people in the actor's scope: who, when,
    about whom, in which format and language (the audit-log entries subject_access_produce writes)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    ensure(actor, PERMISSION)
    people = _people_in_scope(actor).values("pk")
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Person),
            action=LogEntry.Action.ACCESS,
            additional_data__has_key="subject_access",
            object_id__in=people,
        )
        .select_related("actor")
        .order_by("-timestamp", "-id")[:limit]
    )
