"""The one anonymisation: given people and cases, clear or replace what `policy.POLICY` says on every
person-related model, delete the derived search forms, redact the audit history of those rows, and
mark the people. Set-based (one UPDATE per model and batch), so a retention run over 100 000 cases is
minutes, not hours. Callers (services) check permissions and legal holds first."""

import time
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Expression, JSONField, Q
from django.utils import timezone

from sankofa.access import audit_chain
from sankofa.cases.models import Case, CaseMember, TimelineEvent
from sankofa.people.models import Person, PersonMerge

from .models import Anonymisation
from .policy import POLICY, related_models

BATCH = 5000  # ids per statement: PostgreSQL and SQLite (32 766 parameters) both take it
REDACTED = "[anonymised]"


@dataclass
class Counts:
    people: int = 0
    cases: int = 0
    rows: dict = field(default_factory=lambda: defaultdict(int))  # model label → rows cleared/deleted
    seconds: dict = field(default_factory=dict)  # where the time went (model label → s), for bench/

    def add(self, other: "Counts") -> None:
        self.people += other.people
        self.cases += other.cases
        for k, v in other.rows.items():
            self.rows[k] += v

    def as_dict(self) -> dict:
        return {"people": self.people, "cases": self.cases, "rows": dict(sorted(self.rows.items()))}


def merged_closure(person_ids) -> set[int]:
    """The people and every registration merged with them, either way (a merged record keeps its own
    row, with the names it had), to the end of merge chains. Asked in batches of new ids only."""
    ids, frontier = set(person_ids), sorted(set(person_ids))
    while frontier:
        more: set[int] = set()
        for start in range(0, len(frontier), BATCH):
            chunk = frontier[start : start + BATCH]
            more.update(Person.objects.filter(merged_into__in=chunk).values_list("pk", flat=True))
            more.update(
                Person.objects.filter(pk__in=chunk, merged_into__isnull=False).values_list(
                    "merged_into", flat=True
                )
            )
            for pair in PersonMerge.objects.filter(Q(survivor__in=chunk) | Q(merged__in=chunk)).values_list(
                "survivor_id", "merged_id"
            ):
                more.update(pair)
        frontier = sorted(more - ids)
        ids |= more
    return ids


class _JsonSet(Expression):
    """data with key `key` set to a string, where present (PostgreSQL jsonb_set / SQLite json_set)."""

    output_field = JSONField()

    def __init__(self, column: str, key: str, value: str):
        self.column, self.key, self.value = column, key, value
        super().__init__()

    def as_sql(self, compiler, connection):
        col = compiler.quote_name_unless_alias(self.column)
        if connection.vendor == "postgresql":
            return f"jsonb_set({col}, %s, to_jsonb(%s::text))", ["{" + self.key + "}", self.value]
        return f"json_set({col}, %s, %s)", [f"$.{self.key}", self.value]


def _has_key(column: str, key: str) -> Q:
    return Q(**{f"{column}__has_key": key})


def _scopes(paths, *, people, cases, whole_cases: bool) -> list[Q]:
    """Rows of these people (by any key to a person) and, for the cases, rows of the case: all of them
    when the whole case goes (retention), or only rows about no one in particular (an erasure
    request of one member leaves the other members' own rows alone). One filter per path, asked
    separately: an OR across joined tables defeats the indexes (a sequential scan per batch)."""
    person_paths, case_path = paths["person"], paths["case"]
    if whole_cases and case_path:
        # Retention's people belong to these cases only (services._people_only_in): the case finds
        # every row, and each row is found in one batch only.
        return [Q(**{f"{case_path}__in": cases})] if cases else []
    scopes = [Q(**{f"{path}__in": people}) for path in person_paths] if people else []
    if case_path and cases:
        in_cases = Q(**{f"{case_path}__in": cases})
        if not whole_cases:
            for path in person_paths:
                in_cases &= Q(**{f"{path}__isnull": True})
        scopes.append(in_cases)
    return scopes


def _pks(model, scopes: list[Q]) -> list:
    found = set()
    for scope in scopes:
        found.update(model._default_manager.filter(scope).values_list("pk", flat=True))
    return sorted(found)


def _redacted(value, cleared: bool):
    """An audit value without personal data: a many-to-many change lists the related rows by their
    description (people by name), so its objects go whatever the field."""
    if isinstance(value, dict) and value.get("type") == "m2m":
        return {**value, "objects": [REDACTED] * len(value.get("objects", []))}
    return [REDACTED, REDACTED] if cleared else value


def _redact_history(model, pks: list, cleared: set[str], *, delete: bool) -> None:
    """Old audit entries of these rows held the values now gone: keep who changed what when, drop
    the values of cleared fields (all values of deleted rows) and the row's description."""
    if not pks or not auditlog.contains(model):
        return
    ct = ContentType.objects.get_for_model(model)
    entries = []
    keys = [str(pk) for pk in pks]
    for start in range(0, len(keys), BATCH):
        for entry in LogEntry.objects.filter(content_type=ct, object_pk__in=keys[start : start + BATCH]):
            changes = entry.changes or {}
            if isinstance(changes, dict):
                changes = {k: _redacted(v, delete or k in cleared) for k, v in changes.items()}
            entry.changes = changes
            entry.changes_text = ""
            entry.object_repr = f"{model._meta.label} {entry.object_pk}"
            entry.serialized_data = None
            entries.append(entry)
    LogEntry.objects.bulk_update(
        entries, ["changes", "changes_text", "object_repr", "serialized_data"], batch_size=500
    )
    # A lawful change of sealed entries: recorded, so that the audit chain still verifies.
    audit_chain.redactions_record(kind="audit", entry_ids=[e.pk for e in entries], reason="anonymisation")


def _apply(*, models, people: list[int], cases: list[int], whole_cases: bool, seconds: dict) -> Counts:
    counts = Counts(people=len(people), cases=len(cases))
    for model, paths in models.items():
        rule = POLICY[model._meta.label]
        audited = auditlog.contains(model)
        if not (rule.clear or rule.delete or audited):
            continue  # nothing to clear, no history to redact
        started = time.perf_counter()
        pks = _pks(model, _scopes(paths, people=people, cases=cases, whole_cases=whole_cases))
        label = model._meta.label
        if pks and rule.delete:
            _redact_history(model, pks, set(), delete=True)
            for start in range(0, len(pks), BATCH):
                rows = model._default_manager.filter(pk__in=pks[start : start + BATCH])
                if _raw_ok(model):
                    rows._raw_delete(rows.db)
                else:
                    rows.delete()
            counts.rows[label] += len(pks)
        elif pks:
            _redact_history(model, pks, set(rule.clear), delete=False)
            plain = {k: v for k, v in rule.clear.items() if not isinstance(v, dict) or not v}
            keyed = {k: v for k, v in rule.clear.items() if isinstance(v, dict) and v}
            for start in range(0, len(pks), BATCH):
                chunk = model._default_manager.filter(pk__in=pks[start : start + BATCH])
                if plain:
                    chunk.update(**plain)
                for column, replace in keyed.items():  # these keys replaced where present (names copied in)
                    for key, value in replace.items():
                        chunk.filter(_has_key(column, key)).update(**{column: _JsonSet(column, key, value)})
            if rule.clear:
                counts.rows[label] += len(pks)
        seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - started
    return counts


def _raw_ok(model) -> bool:
    """Rows that nothing points to (derived search words, aliases) go without the collector."""
    return model.__name__ in {"PersonNameToken", "PersonAlias"}


def anonymise(*, people, cases, whole_cases: bool, actor=None, why: str, run=None, request=None) -> Counts:
    """Anonymise these people everywhere (with their merged registrations) and, in these cases,
    the case-level text (every row of the case when `whole_cases`). Then audit it: one audit entry
    per person and per case naming the fields cleared, never their values, and a timeline event
    "privacy.anonymised" without personal data. Inside the caller's transaction."""
    people = sorted(merged_closure(people))
    cases = sorted(set(cases))
    total, seconds = Counts(), {}
    # A model without a single row has nothing to anonymise: asked once, not once per batch.
    models = {m: paths for m, paths in related_models().items() if m._default_manager.exists()}
    for start in range(0, max(len(people), len(cases)), BATCH):
        p, c = people[start : start + BATCH], cases[start : start + BATCH]
        total.add(_apply(models=models, people=p, cases=c, whole_cases=whole_cases, seconds=seconds))
    started = time.perf_counter()
    # One case's rows may belong to a person of another batch: scoping is by id, so a row is cleared
    # by whichever batch holds its person or its case; nothing depends on both being in one batch.
    _audit(people=people, cases=cases, actor=actor, why=why, run=run, request=request)
    seconds["audit"] = time.perf_counter() - started
    total.seconds = {k: round(v, 2) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])}
    return total


def _audit(*, people, cases, actor, why, run, request) -> None:
    now = timezone.now()
    done: set[int] = set()
    for start in range(0, len(people), BATCH):
        chunk = people[start : start + BATCH]
        done.update(Anonymisation.objects.filter(person__in=chunk).values_list("person", flat=True))
    Anonymisation.objects.bulk_create(
        [Anonymisation(person=pk, run=run, request=request) for pk in people if pk not in done],
        batch_size=BATCH,
    )
    info = {"anonymisation": why, "run": run.pk if run else None, "request": request.pk if request else None}
    person_ct = ContentType.objects.get_for_model(Person)
    case_ct = ContentType.objects.get_for_model(Case)
    fields = sorted(POLICY["people.Person"].clear)
    entries = [
        LogEntry(
            content_type=person_ct,
            object_pk=str(pk),
            object_id=pk,
            object_repr=f"people.Person {pk}",
            action=LogEntry.Action.UPDATE,
            changes={f: [REDACTED, REDACTED] for f in fields},
            changes_text="",
            actor=actor,
            timestamp=now,
            additional_data=info,
        )
        for pk in people
    ]
    numbers = {}
    for start in range(0, len(cases), BATCH):
        numbers.update(Case.objects.filter(pk__in=cases[start : start + BATCH]).values_list("pk", "number"))
    entries += [
        LogEntry(
            content_type=case_ct,
            object_pk=str(pk),
            object_id=pk,
            object_repr=numbers.get(pk, str(pk)),
            action=LogEntry.Action.UPDATE,
            changes={},
            changes_text="",
            actor=actor,
            timestamp=now,
            additional_data=info,
        )
        for pk in cases
    ]
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)
    audit_chain.seal_unsealed("audit")  # bulk-created entries join the chain in this transaction
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(case_id=pk, actor=actor, kind="privacy.anonymised", data={"why": why})
            for pk in cases
        ],
        batch_size=BATCH,
    )


def members_of(cases) -> set[int]:
    ids = set()
    cases = list(cases)
    for start in range(0, len(cases), BATCH):
        ids |= set(
            CaseMember.objects.filter(case__in=cases[start : start + BATCH]).values_list(
                "person_id", flat=True
            )
        )
    return ids
