"""Reads of the review queue and the batch runs, scoped to the acting supervisor."""

import dataclasses

from django.db.models import Q, QuerySet
from django.http import Http404

from sankofa.access.roles import CASE_SUPERVISORS
from sankofa.access.selectors import office_ids_of
from sankofa.cases.models import CaseMember
from sankofa.cases.selectors import cases_visible_to, members_visible_to
from sankofa.people.models import Band, MatchPair, MatchRun, Person, PersonMerge


def _supervised_people(actor) -> QuerySet:
    from .rules import supervised_cases

    return CaseMember.objects.filter(case__in=supervised_cases(actor)).values("person_id")


def review_queue(*, actor, band: str = "", status: str = MatchPair.Status.OPEN) -> QuerySet[MatchPair]:
    """Pairs the actor may adjudicate: one side in a case they supervise, or their office asked to
    confirm; strongest first."""
    people = _supervised_people(actor)
    offices = office_ids_of(actor, roles=CASE_SUPERVISORS)
    qs = MatchPair.objects.filter(
        Q(person_a_id__in=people) | Q(person_b_id__in=people) | Q(confirm_office_id__in=offices)
    ).exclude(band=Band.UNIQUE)
    if status:
        qs = qs.filter(status=status)
    if band:
        qs = qs.filter(band=band)
    return qs.select_related("person_a", "person_b", "confirm_office").order_by("-score", "-id")


def pair_get(*, actor, pk: int) -> MatchPair:
    """One pair the actor may review, else 404."""
    try:
        return review_queue(actor=actor, status="").get(pk=pk)
    except (MatchPair.DoesNotExist, ValueError):
        raise Http404 from None


@dataclasses.dataclass(frozen=True)
class Side:
    """One registration of a pair as the actor may see it: the person and their cases, or only the
    office that registered them."""

    visible: bool
    office: str
    person: Person | None = None
    case_numbers: tuple[str, ...] = ()


def _visible_members(actor):
    """Members the actor may see (members_visible_to: through a share, only consenting ones) in
    cases they supervise: who a reviewer may know on either side of a pair."""
    return members_visible_to(actor).filter(case__in=cases_visible_to(actor, roles=CASE_SUPERVISORS))


def visible_people(*, actor, pairs) -> set[int]:
    """Of the people on either side of `pairs`, those the actor may see (one query): a pair shows
    the other side's id and the reasons only when the actor may see it (the page does the same),
    since reasons quote name words, birth dates and document numbers."""
    ids = {pk for pair in pairs for pk in (pair.person_a_id, pair.person_b_id)}
    return set(_visible_members(actor).filter(person_id__in=ids).values_list("person_id", flat=True))


def pair_sides(*, actor, pair: MatchPair) -> tuple[Side, Side]:
    members = _visible_members(actor)
    sides = []
    for person in (pair.person_a, pair.person_b):
        numbers = tuple(
            members.filter(person=person).order_by("case_id").values_list("case__number", flat=True)
        )
        office = (
            CaseMember.objects.filter(person=person)
            .order_by("-case_id")
            .values_list("case__owning_office__name", flat=True)
            .first()
            or ""
        )
        if numbers:
            person = (
                Person.objects.prefetch_related("documents", "aliases")
                .select_related("nationality")
                .get(pk=person.pk)
            )
            sides.append(Side(True, office, person, numbers))
        else:
            sides.append(Side(False, office))
    return sides[0], sides[1]


def merges_of(*, actor, pair: MatchPair) -> QuerySet[PersonMerge]:
    return PersonMerge.objects.filter(pair=pair).select_related("merged_by", "undone_by").order_by("-id")


def merge_get(*, actor, pk: int) -> PersonMerge:
    """A merge whose pair the actor may review, else 404."""
    merge = PersonMerge.objects.filter(pk=pk, pair__isnull=False).select_related("pair").first()
    if merge is None:
        raise Http404
    pair_get(actor=actor, pk=merge.pair_id)
    return merge


def runs(*, actor) -> QuerySet[MatchRun]:
    """Batch runs, newest first (for supervisors: the figures contain no personal data)."""
    if not office_ids_of(actor, roles=CASE_SUPERVISORS):
        return MatchRun.objects.none()
    return MatchRun.objects.select_related("started_by").order_by("-id")
