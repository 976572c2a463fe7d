"""Every read of personal data is logged here, in one place (DESIGN.md §4: who, when, which case).

Selectors that hand out personal data (a case file, a person, a manifest, a plan, a survey, a
referral's snapshot, a travel document, a subject access export…) call `read()`; the rows are
`CaseAccess`, one per case, record kind and request. Inside a request (`ReadLogMiddleware`) the
reads are gathered and written once when the response is ready, so a list of fifty people costs
one row per case, not one per mention; outside a request (a task, a command) they are written at
once. The state lives in a context variable: one request's reads never reach another's.
"""

import contextlib
import contextvars

from django.db import transaction

from .models import CaseAccess

_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar("sankofa_reads", default=None)


def _case_id(case) -> int:
    return case if isinstance(case, int) else case.pk


def read(*, actor, cases, record: str = CaseAccess.Record.CASE_FILE) -> None:
    """Note that `actor` read personal data of `cases` (Case objects or ids), as `record`."""
    if actor is None or not actor.is_authenticated:
        return
    ids = {_case_id(c) for c in cases if c is not None}
    if not ids:
        return
    pending = _pending.get()
    if pending is None:
        _write(actor, {record: ids}, CaseAccess.Channel.OTHER)
        return
    entry = pending.setdefault(actor.pk, (actor, {}))
    entry[1].setdefault(record, set()).update(ids)


@transaction.atomic
def _write(actor, reads: dict[str, set[int]], channel: str) -> None:
    import rules

    from sankofa.access.roles import CASE_READERS
    from sankofa.access.selectors import office_ids_of

    from .models import Case, CaseShare, EmergencyAccess

    ids = set().union(*reads.values())
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids)}
    sensitive = {pk: rules.has_perm("cases.view_sensitive", actor, case) for pk, case in cases.items()}
    # Read through no office of the actor's but under an emergency access (break-the-glass).
    offices = office_ids_of(actor, roles=CASE_READERS)
    shared = set(
        CaseShare.objects.filter(case_id__in=ids, office_id__in=offices).values_list("case_id", flat=True)
    )
    emergency_ids = set(EmergencyAccess.case_ids_in_force(actor))
    for record, case_ids in reads.items():
        for pk in sorted(case_ids & cases.keys()):
            emergency = pk in emergency_ids and cases[pk].owning_office_id not in offices and pk not in shared
            # One row at a time: the audit chain seals each row as it is saved.
            CaseAccess.objects.create(
                case_id=pk,
                user=actor,
                channel=channel,
                record=record,
                sensitive_shown=sensitive[pk],
                emergency=emergency,
            )


@contextlib.contextmanager
def gathering(channel: str):
    """Gather the reads of one request (or job) and write them when it ends, even if it failed."""
    token = _pending.set({})
    try:
        yield
    finally:
        pending = _pending.get()
        _pending.reset(token)
        for actor, reads in (pending or {}).values():
            _write(actor, reads, channel)


class ReadLogMiddleware:
    """Writes the reads of personal data a request made (see `read`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = CaseAccess.Channel.API if request.path.startswith("/api/") else CaseAccess.Channel.WEB
        with gathering(channel):
            return self.get_response(request)
