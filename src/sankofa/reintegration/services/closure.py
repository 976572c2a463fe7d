"""Case closure writes: request, decision, reopening."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case
from sankofa.cases.services import case_close_or_reopen, timeline_record

from ..models import CaseClosure
from .common import _lock, _save


@transaction.atomic
def closure_request(*, actor, case: Case, reason: str, note: str = "") -> CaseClosure:
    """Ask a supervisor to close the case, with a reason (and a note)."""
    ensure(actor, "reintegration.request_closure", case)
    if reason not in CaseClosure.Reason.values:
        raise ValidationError(_("Choose the reason for closing the case."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("This case is already closed."))
    if case.closures.filter(status=CaseClosure.Status.REQUESTED).exists():
        raise ValidationError(_("A closure of this case already awaits a decision."))
    closure = CaseClosure.objects.create(case=case, reason=reason, note=note.strip(), requested_by=actor)
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.closure_requested",
        note=note,
        data={"closure": closure.pk, "reason": reason},
    )
    return closure


@transaction.atomic
def closure_approve(*, actor, closure: CaseClosure, version: int | None, note: str = "") -> CaseClosure:
    """A supervisor approves the closure (never their own request unless administrator); the case
    is closed through cases.services.case_close_or_reopen."""
    closure = _lock(CaseClosure, closure, version)
    ensure(actor, "reintegration.decide_closure", closure)
    closure.transition_to(CaseClosure.Status.APPROVED)
    closure.decided_by, closure.decided_at, closure.decision_note = actor, timezone.now(), note
    _save(closure, "status", "decided_by", "decided_at", "decision_note")
    case_close_or_reopen(actor=actor, case=closure.case, status=Case.Status.CLOSED, note=note)
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.closed",
        note=note,
        data={"closure": closure.pk, "reason": closure.reason},
    )
    return closure


@transaction.atomic
def closure_refuse(*, actor, closure: CaseClosure, version: int | None, note: str) -> CaseClosure:
    """A supervisor refuses the closure, saying why; the case stays open."""
    closure = _lock(CaseClosure, closure, version)
    ensure(actor, "reintegration.decide_closure", closure)
    if not note.strip():
        raise ValidationError(_("Say why the case stays open."))
    closure.transition_to(CaseClosure.Status.REFUSED)
    closure.decided_by, closure.decided_at, closure.decision_note = actor, timezone.now(), note.strip()
    _save(closure, "status", "decided_by", "decided_at", "decision_note")
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.closure_refused",
        note=note,
        data={"closure": closure.pk},
    )
    return closure


@transaction.atomic
def case_reopen(*, actor, closure: CaseClosure, version: int | None, reason: str) -> CaseClosure:
    """A supervisor reopens a closed case, with a reason (the returnee came back, a new need)."""
    closure = _lock(CaseClosure, closure, version)
    ensure(actor, "reintegration.reopen_case", closure.case)
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the case."))
    closure.transition_to(CaseClosure.Status.REOPENED)
    closure.reopened_by, closure.reopened_at, closure.reopen_reason = actor, timezone.now(), reason.strip()
    _save(closure, "status", "reopened_by", "reopened_at", "reopen_reason")
    case_close_or_reopen(actor=actor, case=closure.case, status=Case.Status.OPEN, note=reason)
    timeline_record(
        case=closure.case,
        actor=actor,
        kind="reintegration.reopened",
        note=reason,
        data={"closure": closure.pk},
    )
    return closure
