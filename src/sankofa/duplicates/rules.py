"""Who may run the duplicate search and decide pairs (django-rules)."""

import rules

from sankofa.access.roles import CASE_SUPERVISORS
from sankofa.access.selectors import office_ids_of


def supervised_cases(user):
    """Cases the user supervises: never through a share (seeing a case is not supervising it)."""
    from sankofa.cases.selectors import cases_owned_by

    return cases_owned_by(user, roles=CASE_SUPERVISORS)


def supervised_person_ids(user) -> set[int]:
    """People in cases the user supervises (not through a share)."""
    from sankofa.cases.models import CaseMember

    cases = supervised_cases(user)
    return set(CaseMember.objects.filter(case__in=cases).values_list("person_id", flat=True))


def _sides_supervised(user, pair) -> int:
    ids = {pair.person_a_id, pair.person_b_id}
    from sankofa.cases.models import CaseMember

    cases = supervised_cases(user)
    seen = set(
        CaseMember.objects.filter(case__in=cases, person_id__in=ids).values_list("person_id", flat=True)
    )
    return len(seen)


@rules.predicate
def can_run_batch(user) -> bool:
    return bool(office_ids_of(user, roles=CASE_SUPERVISORS))


@rules.predicate
def can_review_pair(user, pair) -> bool:
    """A supervisor of either registration, or of the office asked to confirm."""
    if pair is None:
        return False
    if pair.confirm_office_id and pair.confirm_office_id in office_ids_of(user, roles=CASE_SUPERVISORS):
        return True
    return _sides_supervised(user, pair) >= 1


@rules.predicate
def can_merge_pair(user, pair) -> bool:
    """Merging needs both registrations in view: a supervisor of both (often a regional one)."""
    return pair is not None and _sides_supervised(user, pair) == 2


@rules.predicate
def can_undo_merge(user, merge) -> bool:
    """Undoing needs a supervisor of the survivor and of every case the merge moved."""
    from sankofa.cases.models import CaseMember

    if merge is None or merge.survivor_id not in supervised_person_ids(user):
        return False
    moved = [pk for entry in merge.moved if entry["model"] == "cases.casemember" for pk in entry["pks"]]
    cases = set(CaseMember.objects.filter(pk__in=moved).values_list("case_id", flat=True))
    supervised = set(supervised_cases(user).filter(pk__in=cases).values_list("pk", flat=True))
    return cases <= supervised


rules.add_perm("duplicates.run_batch", can_run_batch)
rules.add_perm("duplicates.undo_merge", can_undo_merge)
rules.add_perm("duplicates.review_pair", can_review_pair)
rules.add_perm("duplicates.merge_pair", can_merge_pair)
