"""Tamper-evident audit: audit entries (django-auditlog's LogEntry, every write) and access-log
entries (cases.CaseAccess, every opening of a case file) are chained by hash, one chain per kind.

An entry's seal holds its place in the chain (`seq`, gapless), the previous entry's hash and its own
hash: SHA-256 over the previous hash and the canonical JSON of the entry's fields as stored (read
back from the database, so that sealing and verifying canonicalise the very same values). Appending
locks the chain's head row (`AuditChainHead`) inside the writing transaction: the entry and its seal
commit together, and any number of web processes and workers append one at a time (on SQLite,
transactions are IMMEDIATE and serialise anyway). Entries are sealed by a post_save signal, so writes
outside requests (commands, tasks) are sealed too. Signals are the right tool here: this is
infrastructure around a third-party model, not a business rule.

The fields covered are listed per kind, explicitly: a field added to a model later is not covered
until a new chain version says so, and old entries keep verifying.
"""

import dataclasses
import datetime
import decimal
import hashlib
import json
import time
import uuid
from collections.abc import Callable

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_save

GENESIS = "0" * 64
CHUNK = 2000


@dataclasses.dataclass(frozen=True)
class Chain:
    kind: str
    model: type[models.Model]
    fields: tuple[str, ...]


_chains: dict[str, Chain] = {}


def register(kind: str, model: type[models.Model], fields: tuple[str, ...]) -> None:
    """Chain every new row of `model` (called from AppConfig.ready; idempotent)."""
    _chains[kind] = Chain(kind, model, tuple(fields))

    def on_save(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            seal(kind=kind, entry_id=instance.pk)

    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=f"sankofa.audit_chain.{kind}")


def chains() -> list[Chain]:
    return [_chains[k] for k in sorted(_chains)]


def _plain(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot canonicalise {type(value).__name__}")


def canonical(kind: str, row: dict) -> str:
    """The entry as canonical JSON: kind and fields in sorted order, no whitespace, UTC datetimes."""
    return json.dumps(
        {"kind": kind, "fields": row},
        default=_plain,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def entry_hash(previous_hash: str, kind: str, row: dict) -> str:
    return hashlib.sha256(f"{previous_hash}\n{canonical(kind, row)}".encode()).hexdigest()


def content_digest(kind: str, row: dict) -> str:
    return hashlib.sha256(canonical(kind, row).encode()).hexdigest()


REDACTION_FIELDS = ("id", "kind", "entry_id", "digest", "reason")


def redactions_record(*, kind: str, entry_ids, reason: str, deleted: bool = False) -> int:
    """Record that these entries of `kind` were lawfully changed (call it after the change) or are
    about to be deleted (`deleted`, call it before), in the caller's transaction, and seal the
    records in the "redaction" chain. Anonymisation and erasure call this; nothing else may."""
    from .models import AuditRedaction

    chain = _chains[kind]
    ids = sorted(set(entry_ids))
    created = 0
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        if deleted:
            digests = dict.fromkeys(part, "")
        else:
            rows = chain.model._default_manager.filter(pk__in=part).values(*chain.fields)
            digests = {r["id"]: content_digest(kind, r) for r in rows}
        AuditRedaction.objects.bulk_create(
            AuditRedaction(kind=kind, entry_id=pk, digest=digest, reason=reason[:200])
            for pk, digest in digests.items()
        )
        created += len(digests)
    seal_unsealed("redaction")  # bulk, under the head lock, in this transaction
    return created


def _redacted(kind: str, entry_ids) -> dict[int, set[str]]:
    from .models import AuditRedaction

    found: dict[int, set[str]] = {}
    for entry_id, digest in AuditRedaction.objects.filter(
        kind=kind, entry_id__in=list(entry_ids)
    ).values_list("entry_id", "digest"):
        found.setdefault(entry_id, set()).add(digest)
    return found


def _head(head_model, kind: str):
    head = head_model.objects.select_for_update().filter(kind=kind).first()
    if head is None:  # the migrations create both heads; this is for a chain registered later
        head, _created = head_model.objects.select_for_update().get_or_create(kind=kind)
    return head


def seal(*, kind: str, entry_id: int) -> None:
    """Append one entry to its chain, in the caller's transaction (the head row stays locked until
    it commits: the chain's order is the order of commits)."""
    from .models import AuditChainHead, AuditSeal

    chain = _chains[kind]
    # Read before locking: the head stays locked only for the insert, the update and the commit.
    # No savepoint inside the writer's transaction (savepoint=False): two statements fewer under the lock.
    row = chain.model._default_manager.filter(pk=entry_id).values(*chain.fields).get()
    with transaction.atomic(savepoint=False):
        head = _head(AuditChainHead, kind)
        digest = entry_hash(head.last_hash, kind, row)
        AuditSeal.objects.create(
            kind=kind, seq=head.length + 1, entry_id=entry_id, previous_hash=head.last_hash, hash=digest
        )
        head.length, head.last_hash = head.length + 1, digest
        head.save(update_fields=["length", "last_hash"])


def seal_unsealed(kind: str, *, entry_model=None, seal_model=None, head_model=None, fields=None) -> int:
    """Seal, in id order, every entry of `kind` that has no seal, in bulk; returns how many. For the
    entries written before the chain existed (migrations pass their historical models) and for
    benchmarks that bulk-create entries. Never a repair: sealing a row inserted behind the chain's
    back would make it look legitimate."""
    from .models import AuditChainHead, AuditSeal

    chain = _chains.get(kind)
    entry_model = entry_model or chain.model
    seal_model, head_model = seal_model or AuditSeal, head_model or AuditChainHead
    fields = tuple(fields or chain.fields)
    done = 0
    with transaction.atomic():
        head = _head(head_model, kind)
        sealed = seal_model.objects.filter(kind=kind, entry_id=OuterRef("pk"))
        pending = entry_model._default_manager.filter(~Exists(sealed)).order_by("pk")
        last_pk = None
        while True:
            batch_qs = pending if last_pk is None else pending.filter(pk__gt=last_pk)
            rows = list(batch_qs.values(*fields)[:CHUNK])
            if not rows:
                break
            seals = []
            for row in rows:
                digest = entry_hash(head.last_hash, kind, row)
                head.length += 1
                seals.append(
                    seal_model(
                        kind=kind,
                        seq=head.length,
                        entry_id=row["id"],
                        previous_hash=head.last_hash,
                        hash=digest,
                    )
                )
                head.last_hash = digest
            seal_model.objects.bulk_create(seals)
            done += len(rows)
            last_pk = rows[-1]["id"]
        head.save(update_fields=["length", "last_hash"])
    return done


@dataclasses.dataclass
class Break:
    kind: str
    entry_id: int | None
    seq: int | None
    problem: str  # AuditVerification.Problem
    detail: str


@dataclasses.dataclass
class Result:
    entries: int = 0
    redacted: int = 0  # entries changed or deleted lawfully (AuditRedaction), not counted as broken
    seconds: float = 0.0
    first: Break | None = None
    problems: int = 0
    heads: dict = dataclasses.field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return self.first is None


def _verify_chain(chain: Chain, result: Result, found: Callable[[Break], None]) -> None:
    from .models import AuditChainHead, AuditSeal

    head = AuditChainHead.objects.filter(kind=chain.kind).first()
    length, last_hash = (head.length, head.last_hash) if head else (0, GENESIS)
    result.heads[chain.kind] = (length, last_hash)
    entries = chain.model._default_manager
    expected_seq, previous, previous_entry = 1, GENESIS, None
    seals = AuditSeal.objects.filter(kind=chain.kind, seq__lte=length).order_by("seq")
    last_seq = 0
    while True:
        batch = list(
            seals.filter(seq__gt=last_seq).values_list("seq", "entry_id", "previous_hash", "hash")[:CHUNK]
        )
        if not batch:
            break
        rows = {r["id"]: r for r in entries.filter(pk__in=[b[1] for b in batch]).values(*chain.fields)}
        redacted = _redacted(chain.kind, [b[1] for b in batch]) if chain.kind != "redaction" else {}
        for seq, entry_id, previous_hash, digest in batch:
            if seq != expected_seq:
                found(
                    Break(
                        chain.kind,
                        None,
                        expected_seq,
                        "deleted",
                        f"entries {expected_seq}–{seq - 1} of the chain are missing (seals deleted)",
                    )
                )
            if previous_hash != previous:
                found(
                    Break(
                        chain.kind,
                        previous_entry,
                        seq - 1,
                        "resealed",
                        "its seal was rewritten: the next entry's seal does not follow it",
                    )
                )
            row = rows.get(entry_id)
            lawful = redacted.get(entry_id, set())
            if row is None:
                if "" not in lawful:
                    found(Break(chain.kind, entry_id, seq, "deleted", "the entry was deleted"))
                else:
                    result.redacted += 1
            elif entry_hash(previous_hash, chain.kind, row) != digest:
                if content_digest(chain.kind, row) not in lawful:
                    found(
                        Break(chain.kind, entry_id, seq, "altered", "its content no longer matches its seal")
                    )
                else:
                    result.redacted += 1
            result.entries += 1
            expected_seq, previous, previous_entry = seq + 1, digest, entry_id
        last_seq = batch[-1][0]
    if expected_seq - 1 != length or previous != last_hash:
        found(
            Break(
                chain.kind,
                None,
                expected_seq,
                "deleted",
                f"the chain ends at entry {expected_seq - 1}, its head says {length}",
            )
        )
    sealed = AuditSeal.objects.filter(kind=chain.kind, entry_id=OuterRef("pk"))
    # An entry and its seal commit together, so one statement never sees an entry of a concurrent
    # writer without its seal.
    outside = entries.filter(~Exists(sealed)).order_by("pk").values_list("pk", flat=True)
    unsealed = outside.count()
    first = outside.first()
    if first is not None:
        found(
            Break(
                chain.kind,
                first,
                None,
                "unsealed",
                f"{unsealed} entr{'y' if unsealed == 1 else 'ies'} without a seal (written behind the chain's back)",
            )
        )


def verify() -> Result:
    """Walk every chain in order, recompute every hash from the entries as they are now and compare.
    Streams (CHUNK seals and their entries at a time), so a million entries fit in memory."""
    result = Result()
    start = time.perf_counter()

    def found(b: Break) -> None:
        result.problems += 1
        if result.first is None:
            result.first = b

    for chain in chains():
        _verify_chain(chain, result, found)
    result.seconds = time.perf_counter() - start
    return result


def verify_and_record(*, requested_by=None):
    """Run verify() and keep its result (AuditVerification) for the data-protection page."""
    from django.utils import timezone

    from .models import AuditVerification

    run = AuditVerification.objects.create(started_at=timezone.now(), requested_by=requested_by)
    result = verify()
    run.finished_at, run.entries, run.seconds = timezone.now(), result.entries, result.seconds
    run.intact, run.problems = result.intact, result.problems
    if result.first:
        b = result.first
        run.kind, run.entry_id, run.problem, run.detail = b.kind, b.entry_id, b.problem, b.detail
    run.save()
    return run, result


def verification_request(*, actor) -> bool:
    """Start a verification as a background job (a million entries take longer than a request
    should), unless one started within the hour is still running; whether one was started."""
    from django.utils import timezone

    from .models import AuditVerification
    from .tasks import audit_verify_task

    since = timezone.now() - datetime.timedelta(hours=1)
    if AuditVerification.objects.filter(finished_at__isnull=True, started_at__gte=since).exists():
        return False
    audit_verify_task.enqueue(requested_by_id=actor.pk)
    return True
