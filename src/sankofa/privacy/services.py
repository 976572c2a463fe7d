"""Writes of the data lifecycle: legal holds, retention runs (propose → approve → execute), data
subject requests. Anonymisation itself is `anonymise.anonymise`, the one implementation."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case, CaseAccess, CaseMember, TimelineEvent
from sankofa.cases.services import timeline_record
from sankofa.people.models import Person
from sankofa.referrals.models import Referral, ReferralEvent

from .anonymise import BATCH, _redact_history, anonymise, merged_closure
from .models import Anonymisation, DataSubjectRequest, LegalHold, RetentionRun

# Referrals that ended without (or after refusing) a service: their snapshot of personal data and
# free text go after SANKOFA_RETENTION_ENDED_REFERRAL_DAYS; the referral stays, for counting.
ENDED_REFERRALS = (Referral.Status.DECLINED, Referral.Status.CLOSED, Referral.Status.REVOKED)


def retention_periods() -> dict[str, int]:
    """Days per record type (settings, documented in README); 0 means kept for ever."""
    return {
        "closed_cases": settings.SANKOFA_RETENTION_CLOSED_CASE_DAYS,
        "ended_referrals": settings.SANKOFA_RETENTION_ENDED_REFERRAL_DAYS,
        "access_log": settings.SANKOFA_RETENTION_ACCESS_LOG_DAYS,
        "audit_log": settings.SANKOFA_RETENTION_AUDIT_LOG_DAYS,
    }


def _cutoffs(now: datetime.datetime) -> dict[str, str | None]:
    return {
        kind: (now - datetime.timedelta(days=days)).isoformat() if days else None
        for kind, days in retention_periods().items()
    }


def _held() -> Q:
    return Q(Exists(LegalHold.objects.filter(case=OuterRef("pk"), lifted_at=None)))


def closed_cases_due(cutoff: datetime.datetime, *, held: bool = False):
    """Closed cases with nothing written since `cutoff` (closing is the last write; a case touched
    after its closure waits its full period again), with a member not yet anonymised; on legal hold
    (held=True) or not."""
    recent = TimelineEvent.objects.filter(at__gte=cutoff).values("case_id")
    pending = CaseMember.objects.filter(case=OuterRef("pk")).exclude(
        person__in=Anonymisation.objects.values("person")
    )
    qs = (
        Case.objects.filter(status=Case.Status.CLOSED, updated_at__lt=cutoff)
        .exclude(pk__in=recent)
        .filter(Exists(pending))
    )
    return qs.filter(_held()) if held else qs.exclude(_held())


def _ended_referrals(cutoff):
    return Referral.objects.filter(status__in=ENDED_REFERRALS, updated_at__lt=cutoff).exclude(
        snapshot="", reason="", outcome=""
    )


def _when(value: str | None):
    return datetime.datetime.fromisoformat(value) if value else None


def retention_report(cutoffs: dict) -> dict:
    """What retention would do with these cut-offs: counts per record type and case numbers, no
    personal data. Writes nothing."""
    report = {}
    if cutoff := _when(cutoffs.get("closed_cases")):
        cases = closed_cases_due(cutoff)
        numbers = list(cases.order_by("number").values_list("number", flat=True))
        people = CaseMember.objects.filter(case__in=cases).values("person_id").distinct().count()
        held = list(closed_cases_due(cutoff, held=True).order_by("number").values_list("number", flat=True))
        report["closed_cases"] = {"count": len(numbers), "people": people, "numbers": numbers}
        report["legal_hold"] = {"count": len(held), "numbers": held}
    if cutoff := _when(cutoffs.get("ended_referrals")):
        report["ended_referrals"] = {"count": _ended_referrals(cutoff).count()}
    if cutoff := _when(cutoffs.get("access_log")):
        report["access_log"] = {"count": CaseAccess.objects.filter(at__lt=cutoff).count()}
    if cutoff := _when(cutoffs.get("audit_log")):
        from auditlog.models import LogEntry

        report["audit_log"] = {"count": LogEntry.objects.filter(timestamp__lt=cutoff).count()}
    return report


def retention_dry_run(*, now: datetime.datetime | None = None) -> dict:
    """The report of a run that would start now, without recording anything."""
    return retention_report(_cutoffs(now or timezone.now()))


@transaction.atomic
def retention_propose(*, actor=None, now: datetime.datetime | None = None) -> RetentionRun:
    """Record what retention would do now, for a data-protection focal point to approve. Runs not yet
    executed are superseded: only the newest proposal can be approved. `actor` None: the scheduler."""
    if actor is not None:
        ensure(actor, "privacy.approve_retention")
    cutoffs = _cutoffs(now or timezone.now())
    RetentionRun.objects.select_for_update().filter(
        status__in=(RetentionRun.Status.PROPOSED, RetentionRun.Status.APPROVED)
    ).update(status=RetentionRun.Status.SUPERSEDED)
    return RetentionRun.objects.create(proposed_by=actor, cutoffs=cutoffs, report=retention_report(cutoffs))


@transaction.atomic
def retention_approve(*, run: RetentionRun, actor) -> RetentionRun:
    """A data-protection focal point approves a proposed run (only they may)."""
    ensure(actor, "privacy.approve_retention")
    run = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RetentionRun.Status.PROPOSED:
        raise ValidationError(_("Only a proposed retention run can be approved."))
    run.status, run.approved_by, run.approved_at = RetentionRun.Status.APPROVED, actor, timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    return run


@transaction.atomic
def retention_execute(*, run: RetentionRun, actor=None) -> RetentionRun:
    """Carry out an APPROVED run with the cut-offs it was approved with, on the cases it listed and
    that are still due (a legal hold placed since, a case reopened or written to since, is left
    alone). Refused for a run no data-protection focal point approved."""
    run = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RetentionRun.Status.APPROVED or run.approved_by_id is None:
        raise ValidationError(
            _("A retention run is executed only after a data-protection focal point approved it.")
        )
    result = {}
    if cutoff := _when(run.cutoffs.get("closed_cases")):
        approved = set(run.report.get("closed_cases", {}).get("numbers", []))
        due = [
            pk for pk, number in closed_cases_due(cutoff).values_list("pk", "number") if number in approved
        ]
        people = _people_only_in(due)
        counts = anonymise(people=people, cases=due, whole_cases=True, actor=actor, why="retention", run=run)
        result["closed_cases"] = counts.as_dict()
        result["seconds"] = counts.seconds
    if cutoff := _when(run.cutoffs.get("ended_referrals")):
        result["ended_referrals"] = {"count": _clear_referrals(_ended_referrals(cutoff))}
    if cutoff := _when(run.cutoffs.get("access_log")):
        result["access_log"] = {"deleted": _delete_sealed("access", CaseAccess.objects.filter(at__lt=cutoff))}
    if cutoff := _when(run.cutoffs.get("audit_log")):
        from auditlog.models import LogEntry

        result["audit_log"] = {
            "deleted": _delete_sealed("audit", LogEntry.objects.filter(timestamp__lt=cutoff))
        }
    run.status, run.executed_at, run.result = RetentionRun.Status.EXECUTED, timezone.now(), result
    run.save(update_fields=["status", "executed_at", "result"])
    return run


def _delete_sealed(kind: str, rows) -> int:
    """Delete entries of an audit chain past retention, recorded as lawful redactions first so the
    chain still verifies (access.audit_chain)."""
    from sankofa.access import audit_chain

    audit_chain.redactions_record(
        kind=kind, entry_ids=list(rows.values_list("pk", flat=True)), reason="retention", deleted=True
    )
    return rows.delete()[0]


def _people_only_in(case_ids: list[int]) -> list[int]:
    """Members of these cases who belong to no other case: a person still in an open (or recent, or
    held) case keeps their record; their rows in these cases are cleared with the cases."""
    members: set[int] = set()
    for start in range(0, len(case_ids), BATCH):
        chunk = case_ids[start : start + BATCH]
        members |= set(CaseMember.objects.filter(case__in=chunk).values_list("person_id", flat=True))
    chosen = set(case_ids)
    elsewhere: set[int] = set()
    ordered = sorted(members)
    for start in range(0, len(ordered), BATCH):
        rows = CaseMember.objects.filter(person__in=ordered[start : start + BATCH])
        elsewhere |= {p for p, c in rows.values_list("person_id", "case_id") if c not in chosen}
    return sorted(members - elsewhere)


def _clear_referrals(referrals) -> int:
    pks = list(referrals.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        Referral.objects.filter(pk__in=chunk).update(snapshot="", reason="", outcome="")
        ReferralEvent.objects.filter(referral__in=chunk).update(note="")
    _redact_history(Referral, pks, {"snapshot", "reason", "outcome"}, delete=False)
    return len(pks)


def retention_daily() -> dict:
    """What the scheduler runs once a day: execute the run a focal point approved, if any, then
    propose the next one. Idempotent: run twice, the second finds nothing approved and supersedes
    its own proposal with an identical one."""
    done = None
    approved = RetentionRun.objects.filter(status=RetentionRun.Status.APPROVED).order_by("-id").first()
    if approved is not None:
        done = retention_execute(run=approved)
    proposed = retention_propose()
    return {"executed": done.pk if done else None, "proposed": proposed.pk}


# Legal holds


@transaction.atomic
def legal_hold_set(*, case: Case, actor, reason: str) -> LegalHold:
    """Stop every anonymisation of the case (retention or erasure) until lifted. Supervisors of the
    case and data-protection focal points of its offices."""
    ensure(actor, "privacy.set_legal_hold", case)
    Case.objects.select_for_update().get(pk=case.pk)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the legal hold."))
    if LegalHold.objects.filter(case=case, lifted_at=None).exists():
        raise ValidationError(_("The case is already on legal hold."))
    hold = LegalHold.objects.create(case=case, reason=reason.strip(), set_by=actor)
    timeline_record(case=case, actor=actor, kind="privacy.hold_set")
    return hold


@transaction.atomic
def legal_hold_lift(*, case: Case, actor, reason: str = "") -> LegalHold:
    """Lift the hold in force; the record stays."""
    ensure(actor, "privacy.set_legal_hold", case)
    hold = LegalHold.objects.select_for_update().filter(case=case, lifted_at=None).first()
    if hold is None:
        raise ValidationError(_("The case is not on legal hold."))
    hold.lifted_by, hold.lifted_at, hold.lift_reason = actor, timezone.now(), reason.strip()
    hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    timeline_record(case=case, actor=actor, kind="privacy.hold_lifted")
    return hold


def case_on_hold(case: Case) -> bool:
    return LegalHold.objects.filter(case=case, lifted_at=None).exists()


# Data subject requests


@transaction.atomic
def subject_request_record(
    *, actor, case: Case, person: Person, kind: str, received_on: datetime.date, details: str = ""
) -> DataSubjectRequest:
    """Record a request of a person (a member of the case) about their data. Data-protection focal
    points of an office seeing the case."""
    ensure(actor, "privacy.decide_request", case)
    if not CaseMember.objects.filter(case=case, person=person).exists():
        raise ValidationError(_("This person is not a member of the case."))
    if kind not in DataSubjectRequest.Kind.values:
        raise ValidationError(_("Unknown kind of request."))
    return DataSubjectRequest.objects.create(
        person=person, case=case, kind=kind, received_on=received_on, details=details, recorded_by=actor
    )


@transaction.atomic
def subject_request_decide(
    *, request: DataSubjectRequest, actor, approve: bool, outcome: str = ""
) -> DataSubjectRequest:
    """Approve or refuse a request. An approved erasure anonymises the person everywhere: every
    registration merged with theirs, their rows in every case, the case-level text of their cases
    (which may name them) and the referral snapshots of those cases; refused while one of their cases
    is on legal hold. A correction is made through the usual edit pages; access is answered by the
    subject-access export."""
    ensure(actor, "privacy.decide_request", request.case)
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    request.check_open()
    request.status = DataSubjectRequest.Status.APPROVED if approve else DataSubjectRequest.Status.REFUSED
    request.outcome, request.decided_by, request.decided_at = outcome, actor, timezone.now()
    request.save(update_fields=["status", "outcome", "decided_by", "decided_at"])
    if approve and request.kind == DataSubjectRequest.Kind.ERASURE:
        people = merged_closure([request.person_id])
        cases = set(CaseMember.objects.filter(person__in=people).values_list("case_id", flat=True))
        if LegalHold.objects.filter(case__in=cases, lifted_at=None).exists():
            raise ValidationError(_("A case of this person is on legal hold: nothing can be erased."))
        anonymise(people=people, cases=cases, whole_cases=False, actor=actor, why="erasure", request=request)
    return request
