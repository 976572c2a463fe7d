"""Writes of duplicate detection: run the batch job, merge two registrations (and undo it), decide
that two registrations are not the same person."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case
from sankofa.cases.services import timeline_record
from sankofa.people import linkage, matching, merging
from sankofa.people.models import Band, MatchPair, MatchRun, Person, PersonMerge
from sankofa.people.services import person_reindex

logger = logging.getLogger(__name__)
STALE_AFTER = datetime.timedelta(hours=1)

# Splink's comparison levels, turned into the reasons shown to reviewers (same codes as the
# registration check, so that one vocabulary explains both).
LEVEL_REASONS = {
    "name": {5: "name_exact", 4: "name_variant", 3: "name_words", 2: "name_similar"},
    "birth": {3: "same_birth_date", 2: "birth_year_close", 1: "birth_year_near"},
    "phone": {1: "same_phone"},
    "document": {1: "same_document"},
    "nationality": {1: "same_nationality"},
}


def _reasons(levels: dict) -> list[dict]:
    out = []
    for comparison in ("document", "phone", "name", "birth", "nationality"):
        code = LEVEL_REASONS[comparison].get(levels.get(comparison))
        if code:
            out.append({"code": code, "detail": ""})
    return out


@transaction.atomic
def match_run_start(*, actor, only_new: bool = False) -> MatchRun:
    """Queue a batch duplicate search (supervisors). The job runs in a worker; its page shows
    progress. With `only_new`, only pairs involving people registered since the last finished run
    are queued (everyone is still compared: a new person is matched against all)."""
    from .tasks import match_run_task

    ensure(actor, "duplicates.run_batch")
    busy = MatchRun.objects.select_for_update().filter(
        status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    )
    # A run silent for an hour lost its worker: it must not block every later search.
    busy.filter(updated_at__lt=timezone.now() - STALE_AFTER).update(
        status=MatchRun.Status.FAILED,
        error="No progress for an hour: the worker stopped.",
        finished_at=timezone.now(),
    )
    if busy.exists():
        raise ValidationError(_("A duplicate search is already queued or running."))
    last = MatchRun.objects.filter(status=MatchRun.Status.DONE).order_by("-id").first()
    since = last.created_at if only_new and last else None
    run = MatchRun.objects.create(started_by=actor, only_new_since=since)
    transaction.on_commit(lambda: match_run_task.enqueue(run.pk))
    return run


def _progress(run: MatchRun, percent: int, stage: str) -> None:
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage, updated_at=timezone.now())


def match_run_execute(*, run: MatchRun) -> MatchRun:
    """Run the batch job (called by the task): score everyone with the unsupervised Splink model,
    cluster, and fill the review queue. Pairs already decided are left alone: a pair found "not the
    same person" is never proposed again, a merged one is gone from the data."""
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.RUNNING, progress=1, stage="loading")
    try:
        result = linkage.link(
            linkage.rows_from_database(),
            threshold=matching.REVIEW_AT,
            cluster_at=matching.DUPLICATE_AT,
            progress=lambda percent, stage: _progress(run, percent, stage),
        )
        new_people = None
        if run.only_new_since:
            new_people = set(
                Person.objects.filter(created_at__gte=run.only_new_since).values_list("pk", flat=True)
            )
        queued = _queue(run, result, new_people)
    except Exception as exc:
        logger.exception("duplicate search %s failed", run.pk)
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.DONE,
        progress=100,
        stage="done",
        people_count=result.summary.get("people", 0),
        pairs_count=len(result.pairs),
        queued_count=queued,
        summary=result.summary,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


@transaction.atomic
def _queue(run: MatchRun, result: linkage.Result, new_people: set[int] | None) -> int:
    existing = {}
    pairs = [
        (*matching.pair_key(a, b), p, levels)
        for a, b, p, levels in result.pairs
        if new_people is None or a in new_people or b in new_people
    ]
    ids = {a for a, *_ in pairs}
    for pair in MatchPair.objects.filter(person_a_id__in=ids).only(
        "id", "person_a_id", "person_b_id", "status"
    ):
        existing[(pair.person_a_id, pair.person_b_id)] = pair
    create, update = [], []
    for a, b, probability, levels in pairs:
        band = matching.band_of(probability)
        if band == Band.UNIQUE:
            continue
        found = existing.get((a, b))
        if found is not None:
            if found.status == MatchPair.Status.OPEN:
                found.score, found.band, found.run_id = probability, band, run.pk
                found.cluster = result.clusters.get(a)
                update.append(found)
            continue  # decided: never proposed again
        create.append(
            MatchPair(
                person_a_id=a,
                person_b_id=b,
                score=probability,
                band=band,
                reasons=_reasons(levels),
                run=run,
                cluster=result.clusters.get(a),
                source=MatchPair.Source.BATCH,
            )
        )
    MatchPair.objects.bulk_create(create, batch_size=2000)
    MatchPair.objects.bulk_update(update, ["score", "band", "run", "cluster"], batch_size=2000)
    return len(create) + len(update)


def _cases_of(person: Person) -> list[Case]:
    return list(Case.objects.filter(members__person=person).distinct())


@transaction.atomic
def pair_merge(*, actor, pair: MatchPair, survivor: Person) -> PersonMerge:
    """Merge two registrations of one person: the other one's cases, documents, names, consents,
    flags and every record of other apps move to `survivor`; the other is kept, pointing at it, so
    that the merge can be undone. Needs a supervisor who sees both registrations."""
    pair = MatchPair.objects.select_for_update().get(pk=pair.pk)
    ensure(actor, "duplicates.merge_pair", pair)
    pair.check_open()
    if survivor.pk not in (pair.person_a_id, pair.person_b_id):
        raise ValidationError(_("Keep one of the two registrations of the pair."))
    merged_id = pair.person_b_id if survivor.pk == pair.person_a_id else pair.person_a_id
    people = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged_id])}
    survivor, merged = people[survivor.pk], people[merged_id]
    if survivor.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("One of these registrations has already been merged into another."))
    moved = merging.repoint(source=merged, target=survivor)
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "updated_at"])
    # The other registration's name tokens moved too: the survivor is found under both spellings.
    merge = PersonMerge.objects.create(
        survivor=survivor, merged=merged, pair=pair, moved=moved, merged_by=actor
    )
    pair.status, pair.decided_by, pair.decided_at = MatchPair.Status.MERGED, actor, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    for case in _cases_of(survivor):
        timeline_record(case=case, actor=actor, kind="person.merged", person=survivor, data={})
    return merge


@transaction.atomic
def merge_undo(*, actor, merge: PersonMerge) -> PersonMerge:
    """Undo a merge: every row it moved goes back to the other registration, which stands alone
    again; the pair returns to the queue."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    pair = MatchPair.objects.select_for_update().get(pk=merge.pair_id)
    ensure(actor, "duplicates.undo_merge", merge)
    if merge.undone_at:
        raise ValidationError(_("This merge has already been undone."))
    merged = Person.objects.select_for_update().get(pk=merge.merged_id)
    merging.restore(moved=merge.moved, source=merged)
    merged.merged_into = None
    merged.save(update_fields=["merged_into", "updated_at"])
    person_reindex(person=merged)
    person_reindex(person=merge.survivor)
    merge.undone_by, merge.undone_at = actor, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    pair.status, pair.decided_by, pair.decided_at = MatchPair.Status.OPEN, None, None
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    for person in (merge.survivor, merged):
        for case in _cases_of(person):
            timeline_record(case=case, actor=actor, kind="person.merge_undone", person=person, data={})
    return merge


@transaction.atomic
def pair_mark_distinct(*, actor, pair: MatchPair, note: str = "") -> MatchPair:
    """Two registrations of different people: remembered, never proposed again. A supervisor of
    either side (or of the office asked to confirm) may say so."""
    pair = MatchPair.objects.select_for_update().get(pk=pair.pk)
    ensure(actor, "duplicates.review_pair", pair)
    pair.check_open()
    pair.status, pair.decided_by, pair.decided_at = MatchPair.Status.DISTINCT, actor, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return pair
