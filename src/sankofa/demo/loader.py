"""Writes generated chunks (demo.generator) fast: many rows per statement, no per-object ORM work.

Why not bulk_create: it builds a model instance per row and runs every field through the SQL
compiler; with about twelve rows per generated person that was measured at ~650 people/s, and a
benchmark needs a million. Here rows are plain tuples already in database form, written with
multi-row INSERTs (SQLite) or COPY (PostgreSQL). Table and column names, defaults and value
conversions still come from the models' fields, so a column added later with a default is filled
without touching this module. Parents get their primary keys reserved first (a PostgreSQL
sequence; on SQLite the next free ids, under the write lock) so children can point at them.

For large seeds (seed_caseload) a child process generates while this one writes, and on PostgreSQL
two connections write at once; generation is the same, so the data are the same either way.

Case numbers follow the rule of cases.services._next_number, and CaseNumberSequence is moved past
them in the same transaction, so registrations through the service continue after them.

None of this sends model signals, so django-auditlog records none of these writes: acceptable for
generated data, which nobody entered.
"""

import collections
import contextlib
import dataclasses
import multiprocessing
import queue
import sqlite3
import threading
import time
import traceback
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, models, transaction
from django.utils import timezone

from sankofa.cases.models import (
    Case,
    CaseMember,
    CaseNumberSequence,
    CaseShare,
    Consent,
    MigrationProfile,
    RouteStep,
    TimelineEvent,
    VulnerabilityFlag,
)
from sankofa.people.models import IdentityDocument, Person, PersonNameToken

from .generator import CHUNK_PEOPLE, PERSON_COLUMNS, Chunk, Generator, World
from .models import SeededDuplicate

WRITERS = 2  # PostgreSQL connections writing at once


def _auto_now(field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


class Table:
    """One model's table: `columns` are given in each row (database-ready values), in that order;
    every other column, but an automatic primary key, gets the field's default (auto_now: now)."""

    def __init__(self, model: type[models.Model], columns: list[str], *, with_pk: bool = False):
        meta = model._meta
        given = [meta.get_field(name) for name in columns]
        if with_pk:
            given.insert(0, meta.pk)
        self.model = model
        self.name = meta.db_table
        self.rest = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
        self.columns = [f.column for f in given + self.rest]

    def defaults(self, now) -> tuple:
        """Values of the columns rows do not give; `now` is an aware datetime."""
        values = []
        for field in self.rest:
            if _auto_now(field):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.empty_strings_allowed:
                value = ""
            else:
                raise ImproperlyConfigured(
                    f"{self.model.__name__}.{field.name} has no default: the seed must set it"
                )
            values.append(field.get_db_prep_save(value, connection))
        return tuple(values)

    def insert(self, rows: list[tuple], now) -> None:
        if not rows:
            return
        tail = self.defaults(now)
        qn = connection.ops.quote_name
        columns = ", ".join(qn(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {qn(self.name)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + tail)
                return
            # Many rows per statement, straight to the sqlite3 cursor with its own "?" marks: Django's
            # wrapper would rewrite "%s" with a regular expression in every (long) statement.
            raw = cursor.cursor
            width = len(self.columns)
            limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # 999 before 3.32
            per_statement = max(1, limit // width)
            group = "(" + ", ".join(["?"] * width) + ")"
            for start in range(0, len(rows), per_statement):
                batch = rows[start : start + per_statement]
                params = []
                for row in batch:
                    params.extend(row)
                    params.extend(tail)
                values = ", ".join([group] * len(batch))
                sqlite3.Cursor.execute(
                    raw, f"INSERT INTO {qn(self.name)} ({columns}) VALUES {values}", params
                )


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys nobody else will use. On SQLite, call inside a transaction that has
    already written (it holds the database's only write lock, so the next ids stay free)."""
    if count == 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT max({qn(pk)}) FROM {qn(table)}")
            highest = cursor.fetchone()[0] or 0
            # AUTOINCREMENT never reuses an id, even a deleted row's: start after the larger of both.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0) + 1
            return list(range(start, start + count))
    raise ImproperlyConfigured(f"Seeding supports SQLite and PostgreSQL, not {connection.vendor}.")


PERSONS = Table(Person, PERSON_COLUMNS, with_pk=True)
TOKENS = Table(PersonNameToken, ["person", "token", "key", "skel", "birth_year"])
DOCUMENTS = Table(
    IdentityDocument, ["person", "kind", "number", "number_normalised", "issuing_country", "expires_on"]
)
CASES = Table(
    Case,
    ["number", "owning_office", "year", "sequence", "status", "registered_on", "principal"],
    with_pk=True,
)
MEMBERS = Table(CaseMember, ["case", "person", "relationship"])
CONSENTS = Table(Consent, ["case", "person", "purpose", "partner", "granted", "given_on"])
FLAGS = Table(VulnerabilityFlag, ["case", "person", "kind", "identified_on", "notes", "sensitive"])
EVENTS = Table(TimelineEvent, ["case", "kind", "note", "data"])
SHARES = Table(CaseShare, ["case", "office", "reason"])
PROFILES = Table(
    MigrationProfile,
    ["case", "reason_for_leaving", "reason_detail", "left_home_on", "return_from", "intended_destination"],
    with_pk=True,
)
STEPS = Table(RouteStep, ["profile", "order", "country", "place", "arrived_on", "left_on"])
DUPLICATES = Table(SeededDuplicate, ["original", "duplicate", "variant"])
_NOTES = VulnerabilityFlag._meta.get_field("notes")


def reserve_numbers(cases: list[tuple]) -> list[tuple[int, str]]:
    """(sequence, number) for each case, as cases.services._next_number would give them one by one;
    the sequences move past them. Their rows stay locked until the chunk commits, so a registration
    meanwhile waits, then follows on."""
    keys = sorted({(office_id, year) for office_id, _code, year, *_ in cases})
    sequences = {}
    for office_id, year in keys:
        CaseNumberSequence.objects.get_or_create(office_id=office_id, year=year)
        sequences[(office_id, year)] = CaseNumberSequence.objects.select_for_update().get(
            office_id=office_id, year=year
        )
    numbers = []
    for office_id, code, year, *_ in cases:
        sequence = sequences[(office_id, year)]
        sequence.last += 1
        numbers.append((sequence.last, f"{code}-{year}-{sequence.last:06d}"))
    for sequence in sequences.values():
        sequence.save(update_fields=["last"])
    return numbers


def reserve_people(chunk: Chunk, person_ids: array) -> None:
    """Give the chunk's people their ids: `person_ids` maps the index of every person generated so
    far to their id. Chunks must come in the order they were generated."""
    if len(person_ids) != chunk.first_person:
        raise ValueError("chunks must be written in the order they were generated")
    person_ids.extend(reserve_ids(Person, len(chunk.persons)))


def write_chunk(
    chunk: Chunk, person_ids: array, *, after: threading.Event | None = None, done=None
) -> list[str]:
    """Insert one chunk in one transaction and return its case numbers. Its people get their ids
    here unless reserve_people did it already. Several chunks may be written at once on PostgreSQL:
    each takes its case numbers after the chunk before it (`after` is set then, and this one sets
    `done`), late in its transaction, so that the sequence rows stay locked for the commit only."""
    with transaction.atomic():
        numbers = None
        if connection.vendor == "postgresql":
            # Generated rows can be generated again: no need to wait for the WAL flush at each commit.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        else:  # SQLite: a first write takes the write lock, which reserve_ids needs
            numbers = reserve_numbers(chunk.cases)
        if len(person_ids) == chunk.first_person:
            reserve_people(chunk, person_ids)
        first = chunk.first_person
        case_ids = reserve_ids(Case, len(chunk.cases))
        profile_ids = reserve_ids(MigrationProfile, len(chunk.profiles))
        P = person_ids
        now = timezone.now()
        PERSONS.insert([(P[first + i], *values) for i, values in enumerate(chunk.persons)], now)
        TOKENS.insert([(P[p], token, key, skel, year) for p, token, key, skel, year in chunk.tokens], now)
        DOCUMENTS.insert([(P[p], *rest) for p, *rest in chunk.documents], now)
        # Rows pointing at cases go first: the foreign keys are checked at commit.
        MEMBERS.insert([(case_ids[c], P[p], rel) for c, p, rel in chunk.members], now)
        CONSENTS.insert([(case_ids[c], P[p], *rest) for c, p, *rest in chunk.consents], now)
        FLAGS.insert(
            [
                (case_ids[c], P[p], kind, day, _NOTES.get_db_prep_save(notes, connection), sensitive)
                for c, p, kind, day, notes, sensitive in chunk.flags
            ],
            now,
        )
        EVENTS.insert([(case_ids[c], *rest) for c, *rest in chunk.events], now)
        SHARES.insert([(case_ids[c], *rest) for c, *rest in chunk.shares], now)
        PROFILES.insert(
            [(profile_ids[i], case_ids[c], *rest) for i, (c, *rest) in enumerate(chunk.profiles)], now
        )
        STEPS.insert([(profile_ids[pr], *rest) for pr, *rest in chunk.steps], now)
        DUPLICATES.insert([(P[o], P[d], variant) for o, d, variant in chunk.duplicates], now)
        if numbers is None:
            if after is not None:
                after.wait()
            try:
                numbers = reserve_numbers(chunk.cases)
            finally:
                if done is not None:
                    done.set()
        CASES.insert(
            [
                (case_ids[i], number, office_id, year, sequence, status, day, P[principal])
                for i, ((office_id, _code, year, day, principal, status), (sequence, number)) in enumerate(
                    zip(chunk.cases, numbers, strict=True)
                )
            ],
            now,
        )
    return [number for _sequence, number in numbers]


@dataclasses.dataclass
class SeedResult:
    people: int = 0
    cases: int = 0
    duplicates: int = 0
    first_number: str = ""
    last_number: str = ""
    seconds: float = 0.0
    background: bool = False

    @property
    def rate(self) -> float:
        return self.people / self.seconds if self.seconds else 0.0

    def add(self, chunk: Chunk, numbers: list[str], started: float) -> None:
        self.people += len(chunk.persons)
        self.cases += len(chunk.cases)
        self.duplicates += len(chunk.duplicates)
        self.first_number = self.first_number or numbers[0]
        self.last_number = numbers[-1]
        self.seconds = time.perf_counter() - started


def can_generate_in_background() -> bool:
    """Generating in a child process means closing this process's connections before the fork (a
    socket must not be shared): not inside a transaction (e.g. a test's), not SQLite in memory."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def _generate_into(generator: Generator, out) -> None:
    """The child process: generate and hand over every chunk, then None (or the error, as text).
    It never touches the database: everything it needs was read before the fork."""
    try:
        for chunk in generator.chunks():
            out.put(chunk)
        out.put(None)
    except BaseException:
        out.put(traceback.format_exc())


@contextlib.contextmanager
def _generated_in_child(generator: Generator) -> Iterator[Iterator[Chunk]]:
    """Fork a child that generates (before any writer thread exists); yield its chunks in order."""
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=3)
    connections.close_all()  # no database socket may be shared with the child
    child = context.Process(
        target=_generate_into, args=(generator, channel), name="sankofa-seed", daemon=True
    )
    child.start()

    def chunks() -> Iterator[Chunk]:
        while True:
            try:
                item = channel.get(timeout=5)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError("the seed generator process died") from None
                continue
            if item is None:
                return
            if isinstance(item, str):
                raise RuntimeError(f"the seed generator process failed:\n{item}")
            yield item

    try:
        yield chunks()
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _write_in_thread(
    chunk: Chunk, person_ids: array, after: threading.Event, done: threading.Event
) -> list[str]:
    try:
        return write_chunk(chunk, person_ids, after=after, done=done)
    finally:
        done.set()  # never leave the next chunk waiting, even after an error
        connections.close_all()  # this thread's connection


def seed_caseload(**kwargs) -> SeedResult:
    """Generate and save people in cases (see _seed_caseload), then refresh the planner's statistics:
    after a bulk load SQLite, lacking them, sorts every visible case to show the newest 25 (165 ms
    at 100 k people instead of 25 ms)."""
    result = _seed_caseload(**kwargs)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return result


def _seed_caseload(
    *,
    people: int,
    seed: int = 1,
    chunk_people: int = CHUNK_PEOPLE,
    progress: Callable[[SeedResult], None] | None = None,
    background: bool | None = None,
) -> SeedResult:
    """Generate and save `people` people in cases (the offices must exist: see
    demo.services.offices_ensure). The data are the same however they are written.

    With `background` (by default: when possible, and more than one chunk), a child process
    generates the next chunks while this one writes, and on PostgreSQL two connections write two
    chunks at once: COPY of one overlaps the commit (foreign-key checks) of the other."""
    started = time.perf_counter()
    generator = Generator(seed=seed, people=people, world=World.load(), chunk_people=chunk_people)
    if background is None:
        background = people > chunk_people
    background = background and can_generate_in_background()
    result = SeedResult(background=background)
    person_ids = array("q")

    def report(chunk: Chunk, numbers: list[str]) -> None:
        result.add(chunk, numbers, started)
        if progress:
            progress(result)

    if not background:
        for chunk in generator.chunks():
            report(chunk, write_chunk(chunk, person_ids))
        return result
    with _generated_in_child(generator) as chunks:
        if connection.vendor != "postgresql":
            for chunk in chunks:
                report(chunk, write_chunk(chunk, person_ids))
            return result
        in_flight: collections.deque = collections.deque()
        previous = threading.Event()
        previous.set()
        with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="sankofa-seed") as pool:
            try:
                for chunk in chunks:
                    reserve_people(chunk, person_ids)  # in order, before any later chunk points at them
                    done = threading.Event()
                    in_flight.append(
                        (chunk, pool.submit(_write_in_thread, chunk, person_ids, previous, done))
                    )
                    previous = done
                    while len(in_flight) >= WRITERS:
                        finished, future = in_flight.popleft()
                        report(finished, future.result())
                while in_flight:
                    finished, future = in_flight.popleft()
                    report(finished, future.result())
            finally:
                for _chunk, future in in_flight:
                    future.cancel()
    return result
