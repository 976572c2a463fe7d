"""Duplicate candidates for one person being registered: retrieve, score, explain. No scoping here:
`cases.selectors.registration_candidates` decides what the acting user may see of each candidate.

Retrieval uses indexes only: the same identity-document number, the same phone, people sharing at
least two name words (by sound key, regional variant or Arabic-script skeleton: PersonNameToken), and
on PostgreSQL a pg_trgm similarity query on the folded full name (typos the keys miss).
Scoring is a Fellegi–Sunter sum of log2 Bayes factors per compared field, with the reason for each
term kept, so that a caseworker sees why a registration looks like another. The weights are set by
hand from the batch model's estimates (docs/matching.md); the batch job trains its own.
"""

import dataclasses
import datetime
import math
from collections.abc import Iterable

from django.db import connection, transaction
from rapidfuzz import fuzz

from . import names
from .models import Band, IdentityDocument, Person, PersonAlias, PersonNameToken

# Probability bands (UNICEF HOPE): at or above DUPLICATE the same person; between REVIEW and
# DUPLICATE a supervisor adjudicates; below REVIEW nothing is shown or queued.
DUPLICATE_AT = 0.95
REVIEW_AT = 0.50
PRIOR = -10.0  # log2 odds that two retrieved registrations are the same person before comparing
RETRIEVE_PER_KEY = 100
TRIGRAM_THRESHOLD = 0.6
TRIGRAM_WHEN_FEWER = 1

WEIGHTS = {
    "same_document": 18.0,
    "same_phone": 8.0,
    "phone_differs": -1.0,
    "name_exact": 4.0,
    "name_sound": 3.5,
    "name_variant": 3.0,
    "name_script": 2.5,
    "name_similar": 2.0,
    "name_missing": -2.5,
    "same_birth_date": 6.0,
    "birth_year_close": 3.0,
    "birth_year_near": 0.0,
    "birth_date_far": -5.0,
    "same_sex": 0.5,
    "sex_differs": -6.0,
    "same_nationality": 1.0,
    "nationality_differs": -3.0,
}


def band_of(score: float) -> str:
    """The band of a match probability."""
    if score >= DUPLICATE_AT:
        return Band.DUPLICATE
    if score >= REVIEW_AT:
        return Band.REVIEW
    return Band.UNIQUE


@dataclasses.dataclass
class Record:
    """What is compared of one registration (saved or being typed)."""

    words: list[names.Word]
    given: list[names.Word]
    family: list[names.Word]
    sex: str = ""
    date_of_birth: datetime.date | None = None
    birth_date_estimated: bool = False
    nationality: str = ""
    phone: str = ""
    documents: frozenset[str] = frozenset()
    folded: str = ""
    person_id: int | None = None
    # The saved person the record was read from (records_of), so that nobody reads it twice.
    person: Person | None = dataclasses.field(default=None, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        *,
        given_name: str = "",
        family_name: str = "",
        given_name_original: str = "",
        family_name_original: str = "",
        aliases: Iterable[str] = (),
        sex: str = "",
        date_of_birth=None,
        birth_date_estimated: bool = False,
        nationality: str = "",
        phone: str = "",
        documents: Iterable[str] = (),
        person_id: int | None = None,
    ) -> "Record":
        return cls(
            words=names.name_words(
                given_name, family_name, given_name_original, family_name_original, *aliases
            ),
            given=names.name_words(given_name, given_name_original),
            family=names.name_words(family_name, family_name_original),
            sex=sex or "",
            date_of_birth=date_of_birth,
            birth_date_estimated=bool(birth_date_estimated),
            nationality=nationality or "",
            phone=names.normalise_phone(phone),
            documents=frozenset(n for n in (names.normalise_document_number(d) for d in documents) if n),
            folded=" ".join(filter(None, (names.fold(given_name), names.fold(family_name)))),
            person_id=person_id,
        )


@dataclasses.dataclass(frozen=True)
class Reason:
    code: str
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Scored:
    person_id: int
    score: float
    band: str
    reasons: tuple[Reason, ...]
    person: Person | None = dataclasses.field(default=None, compare=False, repr=False)


# --- scoring ------------------------------------------------------------------------------------


def _name_terms(probe: Record, other: Record) -> list[tuple[str, str]]:
    """Per probe word, how it best meets a word of the other registration (strongest first)."""
    order = ["exact", "sound", "variant", "script"]
    terms: list[tuple[str, str]] = []
    for word in probe.words:
        best, with_word = "", None
        for candidate in other.words:
            how = names.same_name(word, candidate)
            if how and (not best or order.index(how) < order.index(best)):
                best, with_word = how, candidate
        if not best:  # a typo the keys miss: "Traore"/"Taore"
            ratio = max((fuzz.ratio(word.text, c.text) for c in other.words if not c.abjad), default=0)
            if not word.abjad and ratio >= 85:
                best = "similar"
                with_word = max(
                    (c for c in other.words if not c.abjad), key=lambda c: fuzz.ratio(word.text, c.text)
                )
        terms.append((best or "missing", f"{word.text} ~ {with_word.text}" if with_word else word.text))
    return terms


def _swapped(probe: Record, other: Record) -> bool:
    def meets(mine, theirs):
        return any(names.same_name(a, b) for a in mine for b in theirs)

    return (
        bool(probe.given and probe.family and other.given and other.family)
        and not meets(probe.family, other.family)
        and meets(probe.given, other.family)
        and meets(probe.family, other.given)
    )


def score_pair(probe: Record, other: Record) -> tuple[float, tuple[Reason, ...]]:
    """Match probability of two registrations and the reasons for it, strongest first."""
    weight, reasons = PRIOR, []

    def add(code: str, detail: str = "", times: float = 1.0):
        nonlocal weight
        weight += WEIGHTS[code] * times
        reasons.append((WEIGHTS[code] * times, Reason(code, detail)))

    if probe.documents & other.documents:
        add("same_document", sorted(probe.documents & other.documents)[0])
    if probe.phone and other.phone:
        add("same_phone") if probe.phone == other.phone else add("phone_differs")
    terms = _name_terms(probe, other)
    # The three strongest name words count (long Ethiopian or Arabic names say no more than that).
    ranked = sorted(terms, key=lambda t: -WEIGHTS["name_" + t[0]])
    unmatched_allowed = max(0, len(probe.words) - len(other.words))
    for how, detail in ranked[:3]:
        if how == "missing":
            if unmatched_allowed:
                unmatched_allowed -= 1
                continue
            add("name_missing", detail)
        else:
            add("name_" + how, detail)
    if _swapped(probe, other):
        reasons.append((0.0, Reason("names_swapped")))
    if probe.date_of_birth and other.date_of_birth:
        a, b = probe.date_of_birth, other.date_of_birth
        if a == b:
            add("same_birth_date", a.isoformat())
        elif abs(a.year - b.year) <= 1:
            add("birth_year_close", f"{a.year} / {b.year}")
        elif abs(a.year - b.year) <= 2 and (probe.birth_date_estimated or other.birth_date_estimated):
            add("birth_year_near", f"{a.year} / {b.year}")
        else:
            add("birth_date_far", f"{a.year} / {b.year}")
    if probe.sex and other.sex and "X" not in (probe.sex, other.sex):
        add("same_sex") if probe.sex == other.sex else add("sex_differs")
    if probe.nationality and other.nationality:
        add("same_nationality") if probe.nationality == other.nationality else add("nationality_differs")
    probability = 1.0 / (1.0 + math.pow(2.0, -weight))
    ordered = tuple(r for _, r in sorted(reasons, key=lambda wr: -wr[0]))
    return probability, ordered


# --- retrieval ----------------------------------------------------------------------------------


def trigram_available() -> bool:
    """Capability check: PostgreSQL with pg_trgm installed (migration people.0004 creates it when it
    may). Everywhere else the sound-key index does the retrieval alone."""
    if connection.vendor != "postgresql":
        return False
    cached = getattr(connection, "_sankofa_trgm", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            cached = cursor.fetchone() is not None
        connection._sankofa_trgm = cached
    return cached


RETRIEVE_NAMED = 50  # ranked: 400 other seeded probes find 374 first registrations at 50, 375 at 100


def _named_sql(words: list[names.Word], born=None) -> tuple[str, list]:
    """The query of people who meet at least two of the first three words (one if the name has one
    word), born within two years of the typed date (a common name pair such as Mamadou Diallo is
    thousands of people at a million, spread over sixty birth years; people without a recorded birth
    date are then reached by document, phone or trigram only), ranked: most words met first, then
    the nearest birth year, then the oldest registration; the first RETRIEVE_NAMED are scored.
    Each word's keys and skeletons are separate scans of the (key, birth_year, person) and
    (skel, birth_year, person) indexes, read alone (an OR of key and skeleton was a bitmap heap scan:
    one heap page per token, 3,000 pages for the Arabic-script Mohameds at a million people); one
    aggregation counts the words each person meets. Plain SQL common to PostgreSQL and SQLite."""
    words = words[:3]
    table = connection.ops.quote_name(PersonNameToken._meta.db_table)
    near, near_params = "", []
    if born is not None:
        near, near_params = " AND birth_year BETWEEN %s AND %s", [born.year - 2, born.year + 2]
    branches, params = [], []
    for i, word in enumerate(words):
        for column, values in (
            ("key", sorted(names.variant_keys(word))),
            ("skel", names.skeleton_lookups(word)),
        ):
            if values:
                branches.append(
                    f"SELECT person_id, birth_year, {i} AS w FROM {table} "
                    f"WHERE {column} IN ({', '.join(['%s'] * len(values))}){near}"
                )
                params += [*values, *near_params]
    met = " + ".join(f"MAX(CASE WHEN w = {i} THEN 1 ELSE 0 END)" for i in range(len(words)))
    distance = "ABS(birth_year - %s), " if born is not None else ""
    sql = (
        f"SELECT person_id FROM ({' UNION ALL '.join(branches)}) token GROUP BY person_id, birth_year "
        f"HAVING {met} >= %s ORDER BY {met} DESC, {distance}person_id LIMIT %s"
    )
    params += [1 if len(words) == 1 else 2, *([born.year] if born is not None else []), RETRIEVE_NAMED]
    return sql, params


def _trigram(folded: str) -> set[int]:
    if not folded or not trigram_available():
        return set()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
        cursor.execute(
            "SELECT id FROM people_person WHERE name_folded %% %s AND merged_into_id IS NULL LIMIT %s",
            [folded, RETRIEVE_PER_KEY],
        )
        return {row[0] for row in cursor.fetchall()}


def _retrieval_sql(probe: Record) -> tuple[str, list]:
    """One query of the ids worth scoring against the probe, from indexes only: the same document
    number, the same phone, the ranked name query (`_named_sql`). ("", []) if nothing to look for."""
    q = connection.ops.quote_name
    branches, params = [], []
    if probe.documents:
        numbers = sorted(probe.documents)
        branches.append(
            f"SELECT person_id FROM (SELECT person_id FROM {q(IdentityDocument._meta.db_table)} "
            f"WHERE number_normalised IN ({', '.join(['%s'] * len(numbers))}) LIMIT %s) document"
        )
        params += [*numbers, RETRIEVE_PER_KEY]
    if len(probe.phone) >= 6:
        branches.append(
            f"SELECT person_id FROM (SELECT id AS person_id FROM {q(Person._meta.db_table)} "
            f"WHERE phone_normalised = %s LIMIT %s) phone"
        )
        params += [probe.phone, RETRIEVE_PER_KEY]
    if probe.words:
        sql, named_params = _named_sql(probe.words, probe.date_of_birth)
        branches.append(f"SELECT person_id FROM ({sql}) named")
        params += named_params
    return " UNION ALL ".join(branches), params


def retrieve_people(probe: Record) -> list[Person]:
    """The people worth scoring against the probe, read with their ids in one round trip; pg_trgm
    after it when that found nobody (perhaps a typo the keys miss)."""
    sql, params = _retrieval_sql(probe)
    people: list[Person] = []
    if sql:
        table = connection.ops.quote_name(Person._meta.db_table)
        people = list(
            Person.objects.raw(
                f"SELECT * FROM {table} WHERE merged_into_id IS NULL AND id IN ({sql})", params
            )
        )
    if len(people) < TRIGRAM_WHEN_FEWER:
        found = _trigram(probe.folded)
        if found:
            people += Person.objects.filter(pk__in=found, merged_into__isnull=True)
    return [p for p in people if p.pk != probe.person_id]


def retrieve(probe: Record) -> set[int]:
    """Ids of the people worth scoring against the probe (retrieve_people)."""
    return {p.pk for p in retrieve_people(probe)}


def records_of(person_ids: Iterable[int]) -> list[Record]:
    """Records of saved people, with aliases and document numbers (two queries)."""
    return records_of_people(Person.objects.filter(pk__in=list(person_ids), merged_into__isnull=True))


def records_of_people(people: Iterable[Person]) -> list[Record]:
    """Records of people already read, with their aliases and document numbers (one query)."""
    people = list(people)
    aliases: dict[int, list[str]] = {}
    documents: dict[int, list[str]] = {}
    ids = [p.pk for p in people]
    if ids:
        q, marks = connection.ops.quote_name, ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, 'a', name FROM {q(PersonAlias._meta.db_table)} WHERE person_id IN ({marks}) "
                f"UNION ALL SELECT person_id, 'd', number_normalised FROM {q(IdentityDocument._meta.db_table)} "
                f"WHERE person_id IN ({marks})",
                [*ids, *ids],
            )
            for pid, kind, value in cursor.fetchall():
                (aliases if kind == "a" else documents).setdefault(pid, []).append(value)
    records = [
        Record.build(
            given_name=p.given_name,
            family_name=p.family_name,
            given_name_original=p.given_name_original,
            family_name_original=p.family_name_original,
            aliases=aliases.get(p.pk, ()),
            sex=p.sex,
            date_of_birth=p.date_of_birth,
            birth_date_estimated=p.birth_date_estimated,
            nationality=p.nationality_id or "",
            phone=p.phone,
            documents=documents.get(p.pk, ()),
            person_id=p.pk,
        )
        for p in people
    ]
    for record, person in zip(records, people, strict=True):
        record.person = person
    return records


def candidates(probe: Record, *, limit: int = 10, at_least: float = REVIEW_AT) -> list[Scored]:
    """The registrations most likely to be the probe's person, best first, down to `at_least`."""
    scored = []
    for record in records_of_people(retrieve_people(probe)):
        score, reasons = score_pair(probe, record)
        if score >= at_least:
            scored.append(Scored(record.person_id, score, band_of(score), reasons, record.person))
    scored.sort(key=lambda s: (-s.score, s.person_id))
    return scored[:limit]


def person_record(person: Person) -> Record:
    """The record of one saved person (for scoring a stored pair)."""
    (record,) = records_of([person.pk]) or [Record.build(person_id=person.pk)]
    return record


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
