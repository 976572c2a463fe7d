"""Deterministic generated caseload for demos, tests and benchmarks (`sankofa seed`).

Same seed and same number of people give the same people, names, dates, numbers and case
numbers (in a fresh database). Everything random comes from one `random.Random(seed)`; dates
count back from an anchor date derived from the seed, never from today, and none is in the future.

This module only builds rows, in memory, a chunk of a few thousand people at a time; demo.loader
writes them. People and documents come from the builders the services use
(people.services.person_build, document_build), so their derived search forms are the services'
own; name tokens are made the way people.services.name_tokens_for makes them (see name_tokens).
A chunk is plain data (tuples, with rows pointing at their parents by index), so that it can be
built in another process while the previous one is written.
"""

import bisect
import dataclasses
import datetime
import enum
import json
import random
import unicodedata
from collections.abc import Iterator

from django.utils import timezone

from sankofa.access.models import Office, Organisation
from sankofa.cases.models import Case, CaseMember, Consent, VulnerabilityFlag
from sankofa.core.models import Country
from sankofa.people import names as people_names
from sankofa.people.models import IdentityDocument, Person, Sex
from sankofa.people.services import document_build, person_build

from . import names, reference

ANCHOR_BASE = datetime.date(2026, 6, 30)
WINDOW_DAYS = 730  # registrations spread over the two years before the anchor
CHUNK_PEOPLE = 5000
POOL_SIZE = 4000  # recent principals who may be registered again
DUPLICATE_RATE = 0.03

Kind = VulnerabilityFlag.Kind
Rel = CaseMember.Relationship
Purpose = Consent.Purpose
CONSENT_ODDS = (
    (Purpose.ASSISTANCE, 0.98),
    (Purpose.RETURN, 0.88),
    (Purpose.SHARE_ORIGIN, 0.85),
    (Purpose.MONITORING, 0.82),
)
# Purposes a guardian's consent covers for the other members of the family in the generated data.
GUARDIAN_PURPOSES = (Purpose.ASSISTANCE, Purpose.RETURN, Purpose.MONITORING)
HANDOVER = "Handover for reception and reintegration"
OPEN, ON_HOLD, CLOSED = (str(s) for s in (Case.Status.OPEN, Case.Status.ON_HOLD, Case.Status.CLOSED))


def anchor_date(seed: int) -> datetime.date:
    """The day the generated caseload ends: fixed per seed, and never after today."""
    anchor = ANCHOR_BASE - datetime.timedelta(days=(seed * 7919) % 120)
    return min(anchor, timezone.localdate())


@dataclasses.dataclass
class World:
    """What the generator needs from the database, read once."""

    offices: dict[str, Office]
    countries: dict[str, Country]
    partners: list[Organisation]

    @classmethod
    def load(cls) -> "World":
        codes = list(reference.OFFICES)
        offices = {o.code: o for o in Office.objects.filter(code__in=codes)}
        missing = set(codes) - set(offices)
        if missing:
            raise LookupError(
                f"offices missing: {', '.join(sorted(missing))} (see demo.services.offices_ensure)"
            )
        by_name = {
            o.name: o for o in Organisation.objects.filter(name__in=[p[0] for p in reference.PARTNERS])
        }
        partners = [by_name[p[0]] for p in reference.PARTNERS if p[0] in by_name]
        return cls(offices=offices, countries=Country.objects.in_bulk(), partners=partners)


# Person columns a chunk carries, in this order (the primary key and timestamps are the loader's).
_PERSON_FIELDS = [
    f
    for f in Person._meta.concrete_fields
    if not f.primary_key and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
]
PERSON_COLUMNS = [f.name for f in _PERSON_FIELDS]
_PERSON_ATTNAMES = [f.attname for f in _PERSON_FIELDS]


def person_values(person: Person) -> tuple:
    """A built person as database values, in PERSON_COLUMNS order (dates as ISO text, JSON as text)."""
    values = []
    d = person.__dict__
    for attname in _PERSON_ATTNAMES:
        value = d[attname]
        if isinstance(value, enum.Enum):  # choices: their value (psycopg would write an enum's name)
            value = value.value
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, list | dict):
            value = json.dumps(value)
        values.append(value)
    return tuple(values)


@dataclasses.dataclass
class Chunk:
    """Rows for a few thousand people, parents first. A row points at a person by the person's index
    among all generated people (`first_person` is this chunk's first), at a case or a migration
    profile by its position in this chunk. The tuples, field by field:

    - persons: PERSON_COLUMNS; tokens: person, token, key, skel, birth_year;
    - documents: person, kind, number, normalised number, issuing country, expiry;
    - cases: office id, office code, year, registration date, principal, status (the loader numbers them);
    - members: case, person, relationship; consents: case, person, purpose, partner id, granted, date;
    - flags: case, person, kind, date, notes, sensitive; events: case, kind, note, data (JSON);
    - shares: case, office id, reason;
    - profiles: case, reason, detail, left home on, returning from, intended destination;
    - steps: profile, order, country, place, arrived on, left on;
    - duplicates: original person, repeated registration, variant.
    """

    first_person: int
    persons: list[tuple] = dataclasses.field(default_factory=list)
    tokens: list[tuple] = dataclasses.field(default_factory=list)
    documents: list[tuple] = dataclasses.field(default_factory=list)
    cases: list[tuple] = dataclasses.field(default_factory=list)
    members: list[tuple] = dataclasses.field(default_factory=list)
    consents: list[tuple] = dataclasses.field(default_factory=list)
    flags: list[tuple] = dataclasses.field(default_factory=list)
    events: list[tuple] = dataclasses.field(default_factory=list)
    shares: list[tuple] = dataclasses.field(default_factory=list)
    profiles: list[tuple] = dataclasses.field(default_factory=list)
    steps: list[tuple] = dataclasses.field(default_factory=list)
    duplicates: list[tuple] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Member:
    person: Person
    relationship: str
    age: int
    index: int = -1  # among all generated people, once added to a chunk


@dataclasses.dataclass
class PoolEntry:
    """A principal who may come back: enough to register them again, differently."""

    person: Person
    index: int
    office: str
    document: tuple[str, str, str] | None  # kind, number, issuing country


def _weighted(table: dict) -> tuple[list, list[int]]:
    keys = list(table)
    total, cumulative = 0, []
    for key in keys:
        total += table[key]
        cumulative.append(total)
    return keys, cumulative


def _entries(items) -> list[tuple[str, str]]:
    """Name entries as (latin, original script) pairs."""
    return [(i, "") if isinstance(i, str) else (i[0], i[1]) for i in items]


def name_tokens(person: Person) -> list[tuple[str, str, str]]:
    """(token, key, skel) rows exactly as people.services.name_tokens_for(person) makes them, without
    a model instance per token (twice as fast; tests/demo check that both agree)."""
    return people_names.token_rows(
        person.given_name, person.family_name, person.given_name_original, person.family_name_original
    )


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def typo(rng: random.Random, word: str) -> str:
    """A clerk's slip on one word: accents dropped, a doubled letter halved, or a letter doubled."""
    plain = strip_accents(word)
    if plain != word:
        return plain
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[i].isalpha():
            return word[:i] + word[i + 1 :]
    consonants = [i for i in range(1, len(word)) if word[i].isalpha() and word[i].lower() not in "aeiouy"]
    if consonants:
        i = rng.choice(consonants)
        return word[: i + 1] + word[i] + word[i + 1 :]
    return word + "h"


class Generator:
    """Builds the caseload case by case; `chunks()` yields it a few thousand people at a time."""

    def __init__(self, *, seed: int, people: int, world: World, chunk_people: int = CHUNK_PEOPLE):
        self.rng = random.Random(seed)
        self.total = people
        self.world = world
        self.chunk_people = chunk_people
        self.anchor = anchor_date(seed)
        self.start = self.anchor - datetime.timedelta(days=WINDOW_DAYS - 1)
        self.made = 0  # people generated so far: the index of the next one
        self.pool: list[PoolEntry] = []
        self.duplicate_credit = 0.0
        self.groups = {
            name: {
                "male": _entries(g["male"]),
                "female": _entries(g["female"]),
                "family": _entries(g["family"]),
                "script": g.get("script", ""),
                "original_share": g.get("original_share", 0.0),
                "two_part_family": g.get("two_part_family", 0.0),
                "languages": g["languages"],
            }
            for name, g in names.GROUPS.items()
        }
        self.nationalities = _weighted(reference.NATIONALITY_WEIGHTS)
        self.group_choice = {nat: _weighted(dict(groups)) for nat, groups in names.NATIONALITIES.items()}
        self.office_choice = {nat: _weighted(w) for nat, w in reference.OFFICE_WEIGHTS.items()}
        self.transit_choice = {
            nat: _weighted({k: v for k, v in w.items() if k != "origin"})
            for nat, w in reference.OFFICE_WEIGHTS.items()
        }
        self.destinations = {c: _weighted(w) for c, w in reference.DESTINATIONS.items()}
        self.reasons = _weighted(reference.REASON_WEIGHTS)
        self.family_sizes = _weighted({2: 35, 3: 25, 4: 20, 5: 12, 6: 8})
        self.phones = {
            c: (code, pattern, prefixes.split()) for c, (code, pattern, prefixes) in reference.PHONES.items()
        }
        self.partner_ids = [p.pk for p in world.partners]

    # --- small draws -------------------------------------------------------------------------------
    def pick(self, weighted: tuple[list, list[int]]):
        """A weighted draw: what random.choices(keys, cum_weights=...)[0] gives, without its overhead."""
        keys, cumulative = weighted
        return keys[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    @staticmethod
    def days(n: int) -> datetime.timedelta:
        return datetime.timedelta(days=n)

    def digits(self, pattern: str, digit: str = "9") -> str:
        """Fill a pattern: each `digit` mark becomes a digit, each "A" a letter; the rest stays."""
        rng = self.rng
        out = []
        for ch in pattern:
            if ch == digit:
                out.append(str(rng.randrange(10)))
            elif ch == "A":
                out.append(chr(65 + rng.randrange(26)))
            else:
                out.append(ch)
        return "".join(out)

    # --- the stream --------------------------------------------------------------------------------
    def chunks(self) -> Iterator[Chunk]:
        chunk = Chunk(first_person=self.made)
        while self.made < self.total:
            self.case(chunk)
            if len(chunk.persons) >= self.chunk_people:
                yield chunk
                chunk = Chunk(first_person=self.made)
        if chunk.persons:
            yield chunk

    def registration_date(self) -> datetime.date:
        """Registrations advance with the people made, so case numbers follow dates within an office."""
        return self.start + self.days(self.made * WINDOW_DAYS // max(self.total, 1))

    def case(self, chunk: Chunk) -> None:
        rng = self.rng
        registered_on = self.registration_date()
        remaining = self.total - self.made
        self.duplicate_credit += DUPLICATE_RATE
        if self.duplicate_credit >= 1 and len(self.pool) >= 10 and self.chance(0.5):
            self.duplicate_credit -= 1
            self.duplicate_case(chunk, registered_on)
            return
        nationality = self.pick(self.nationalities)
        group = self.pick(self.group_choice[nationality])
        roll = rng.random()
        if roll < 0.04:  # a child alone: most often a boy of 14 to 17
            sex = Sex.MALE if self.chance(0.85) else Sex.FEMALE
            age = rng.randint(14, 17)
            members = [self.member(group, nationality, registered_on, Rel.PRINCIPAL, age=age, sex=sex)]
        elif roll < 0.76 or remaining == 1:
            members = [self.single_adult(group, nationality, registered_on)]
        else:
            size = min(self.pick(self.family_sizes), remaining)
            members = self.family(group, nationality, registered_on, size)
        office_code = self.office_for(nationality)
        document = self.write_case(chunk, members, nationality, office_code, registered_on)
        principal = members[0]
        if principal.age >= 18:
            entry = PoolEntry(principal.person, principal.index, office_code, document)
            if len(self.pool) < POOL_SIZE:
                self.pool.append(entry)
            else:
                self.pool[rng.randrange(POOL_SIZE)] = entry

    # --- people ------------------------------------------------------------------------------------
    def name_fields(self, group: str, sex: str, family: tuple[str, str] | None = None) -> dict:
        g = self.groups[group]
        given, given_original = self.rng.choice(g["male"] if sex == Sex.MALE else g["female"])
        if family is None:
            family = self.family_name(group)
        fields = {"given_name": given, "family_name": family[0]}
        if g["script"] and given_original and family[1] and self.chance(g["original_share"]):
            fields.update(
                given_name_original=given_original,
                family_name_original=family[1],
                original_script=g["script"],
            )
        else:
            fields.update(given_name_original="", family_name_original="", original_script="")
        return fields

    def family_name(self, group: str) -> tuple[str, str]:
        """A family name; in patronymic traditions, a father's given name (and grandfather's)."""
        g = self.groups[group]
        if g["family"]:
            return self.rng.choice(g["family"])
        father = self.rng.choice(g["male"])
        if self.chance(g["two_part_family"]):
            grandfather = self.rng.choice(g["male"])
            return f"{father[0]} {grandfather[0]}", f"{father[1]} {grandfather[1]}"
        return father

    def birth_date(self, age: int, on: datetime.date) -> tuple[datetime.date, bool]:
        """A birth date for someone `age` years old on `on`; about 30% are estimated: 1 January of
        the year that gives the age the person stated."""
        born = on - self.days(age * 365 + age // 4 + self.rng.randrange(365))
        if self.chance(0.3):
            return datetime.date(on.year - age, 1, 1), True
        return born, False

    def member(
        self,
        group: str,
        nationality: str,
        on: datetime.date,
        relationship: str,
        *,
        age: int,
        sex: str | None = None,
        family: tuple[str, str] | None = None,
    ) -> Member:
        rng = self.rng
        sex = sex or (Sex.MALE if rng.random() < 0.5 else Sex.FEMALE)
        dob, estimated = self.birth_date(age, on)
        g = self.groups[group]
        languages = [g["languages"][0]]
        if len(g["languages"]) > 1 and rng.random() < 0.6:
            languages.append(rng.choice(g["languages"][1:]))
        person = person_build(
            **self.name_fields(group, sex, family),
            sex=sex,
            date_of_birth=dob,
            birth_date_estimated=estimated,
            nationality=self.world.countries[nationality],
            languages=languages,
            phone=self.phone(nationality) if age >= 16 and rng.random() < 0.78 else "",
        )
        return Member(person, relationship, age)

    def adult_age(self) -> int:
        """Mostly 18 to 35, a tail up to 59, and about 1% older people."""
        rng = self.rng
        if rng.random() < 0.01:
            return rng.randint(60, 72)
        return min(
            59, 18 + int(rng.triangular(0, 30, 6)) + (rng.randint(0, 15) if rng.random() < 0.15 else 0)
        )

    def single_adult(self, group: str, nationality: str, on: datetime.date) -> Member:
        sex = Sex.MALE if self.chance(0.75) else Sex.FEMALE
        return self.member(group, nationality, on, Rel.PRINCIPAL, age=self.adult_age(), sex=sex)

    def family(self, group: str, nationality: str, on: datetime.date, size: int) -> list[Member]:
        """A couple with children, a parent alone with children, or two siblings."""
        rng = self.rng
        patronymic = not self.groups[group]["family"]
        if size == 2 and rng.random() < 0.1:
            elder = self.single_adult(group, nationality, on)
            family = (elder.person.family_name, elder.person.family_name_original)
            age = rng.randint(12, max(12, elder.age - 1))
            return [elder, self.member(group, nationality, on, Rel.SIBLING, age=age, family=family)]
        if rng.random() < 0.7:
            age = rng.randint(22, 50)
            if rng.random() < 0.85:
                father = self.member(group, nationality, on, Rel.PRINCIPAL, age=age, sex=Sex.MALE)
                wife_age = max(18, age - rng.randint(0, 10))
                mother = self.member(group, nationality, on, Rel.SPOUSE, age=wife_age, sex=Sex.FEMALE)
                members = [father, mother]
            else:
                mother = self.member(group, nationality, on, Rel.PRINCIPAL, age=age, sex=Sex.FEMALE)
                husband_age = age + rng.randint(0, 10)
                father = self.member(group, nationality, on, Rel.SPOUSE, age=husband_age, sex=Sex.MALE)
                members = [mother, father]
            father_person = father.person
        else:
            sex = Sex.FEMALE if rng.random() < 0.75 else Sex.MALE
            parent = self.member(group, nationality, on, Rel.PRINCIPAL, age=rng.randint(20, 48), sex=sex)
            mother, members = parent, [parent]
            father_person = parent.person if sex == Sex.MALE else None
        if father_person is None:  # the father stayed behind; the children carry his name all the same
            family = rng.choice(self.groups[group]["male"]) if patronymic else self.family_name(group)
        elif patronymic:
            family = (father_person.given_name.split()[0], father_person.given_name_original.split(" ")[0])
        else:
            family = (father_person.family_name, father_person.family_name_original)
        oldest = max(0, min(17, mother.age - 16))
        for _ in range(size - len(members)):
            members.append(
                self.member(group, nationality, on, Rel.CHILD, age=rng.randint(0, oldest), family=family)
            )
        return members

    def phone(self, nationality: str) -> str:
        """A mobile number in the country's international format, e.g. +224 622 12 34 56."""
        code, pattern, prefixes = self.phones[nationality]
        return f"{code} {self.digits(pattern, '#').replace('{p}', self.rng.choice(prefixes))}"

    def document(
        self, member: Member, nationality: str, host: str, on: datetime.date
    ) -> IdentityDocument | None:
        """An identity document for ~45% of adults and ~20% of children, in the country's format."""
        rng = self.rng
        if rng.random() >= (0.45 if member.age >= 18 else 0.2):
            return None
        if member.age >= 18:
            roll = rng.random()
            kind = "passport" if roll < 0.45 else "national_id" if roll < 0.8 else "consular_card"
        else:
            kind = "birth_certificate" if rng.random() < 0.6 else "passport"
        pattern = reference.DOCUMENTS.get(nationality, {}).get(kind) or reference.DOCUMENTS["*"][kind]
        year = (
            member.person.date_of_birth.year if kind == "birth_certificate" else on.year - rng.randint(0, 4)
        )
        expires_on = None
        if kind in ("passport", "national_id") and rng.random() < 0.35:
            # Only expiries already past are recorded: no generated date may lie in the future, and an
            # expired passport is what the movement team needs to know (a laissez-passer is needed).
            expires_on = on - self.days(rng.randint(30, 1500))
        return document_build(
            person=member.person,
            kind=kind,
            number=self.digits(pattern).replace("{host}", host).replace("{yy}", f"{year % 100:02d}"),
            issuing_country=self.world.countries[nationality],
            expires_on=expires_on,
        )

    # --- the case file -----------------------------------------------------------------------------
    def office_for(self, nationality: str) -> str:
        code = self.pick(self.office_choice[nationality])
        if code == "origin":
            return nationality if nationality in self.world.offices else "NER"
        return code

    def route(self, nationality: str, office_code: str) -> list[str]:
        """Countries crossed, from the country of origin to the office's country: 2 to 4 of them."""
        rng = self.rng
        country = reference.OFFICES[office_code][2]
        if nationality in reference.FLIGHTS_TO.get(country, ()) and rng.random() < 0.5:
            return [nationality, country]
        head = rng.choice(
            reference.ROUTE_HEADS_TO.get((nationality, country)) or reference.ROUTE_HEADS[nationality]
        )
        tails = reference.ROUTE_TAILS[country]
        route = list(head)
        for step in rng.choice(tails.get(head[-1]) or tails["*"]):
            if step not in route:
                route.append(step)
        while len(route) > 4:
            del route[rng.randrange(1, len(route) - 1)]
        return route

    def add_person(self, chunk: Chunk, member: Member) -> int:
        member.index = self.made
        self.made += 1
        chunk.persons.append(person_values(member.person))
        year = member.person.date_of_birth.year if member.person.date_of_birth else None
        chunk.tokens.extend((member.index, *row, year) for row in name_tokens(member.person))
        return member.index

    def write_case(
        self,
        chunk: Chunk,
        members: list[Member],
        nationality: str,
        office_code: str,
        on: datetime.date,
        *,
        principal_document: IdentityDocument | None = None,
    ) -> tuple[str, str, str] | None:
        """All rows of one case file. Returns the principal's document (kind, number, country), if any."""
        rng = self.rng
        office = self.world.offices[office_code]
        origin_owned = office.kind == Office.Kind.ORIGIN
        # A returnee registered at home came back from a transit country; others are in the office's country.
        transit_code = self.pick(self.transit_choice[nationality]) if origin_owned else office_code
        transit_country = reference.OFFICES[transit_code][2]
        day = on.isoformat()
        case = len(chunk.cases)
        chunk.cases.append(None)  # filled in last, when the status is known
        kept_document = None
        for i, m in enumerate(members):
            person = self.add_person(chunk, m)
            chunk.members.append((case, person, str(m.relationship)))
            doc = (
                principal_document
                if i == 0 and principal_document
                else self.document(m, nationality, transit_country, on)
            )
            if doc is not None:
                expiry = doc.expires_on.isoformat() if doc.expires_on else None
                chunk.documents.append(
                    (person, doc.kind, doc.number, doc.number_normalised, doc.issuing_country_id, expiry)
                )
                if i == 0:
                    kept_document = (doc.kind, doc.number, doc.issuing_country_id)
        chunk.events.append(
            (case, "case.registered", "", json.dumps({"members": len(members), "office": office.code}))
        )
        # consent: the principal and a spouse decide for themselves, for every purpose; for the other
        # members (children, mostly) the principal's decision is recorded for assistance, return and
        # monitoring, as their guardian's (those services require it), while sharing stays per person
        share_origin = False
        guardian = {}
        for m in members:
            if m.relationship not in (Rel.PRINCIPAL, Rel.SPOUSE):
                continue
            for purpose, p in CONSENT_ODDS:
                granted = rng.random() < p
                chunk.consents.append((case, m.index, str(purpose), None, granted, day))
                if m.relationship == Rel.PRINCIPAL:
                    guardian[purpose] = granted
                if purpose == Purpose.SHARE_ORIGIN and m.relationship == Rel.PRINCIPAL:
                    share_origin = granted
            if m.relationship == Rel.PRINCIPAL and self.partner_ids and rng.random() < 0.12:
                partner = rng.choice(self.partner_ids)
                chunk.consents.append((case, m.index, str(Purpose.SHARE_PARTNER), partner, True, day))
        for m in members:
            if m.relationship not in (Rel.PRINCIPAL, Rel.SPOUSE):
                for purpose in GUARDIAN_PURPOSES:
                    chunk.consents.append((case, m.index, str(purpose), None, guardian[purpose], day))
        self.flags(chunk, case, members, day)
        # migration profile and route
        reason = self.pick(self.reasons)
        travel = rng.randint(20, 900 if members[0].age >= 18 else 300)
        left_home = on - self.days(travel)
        destination = self.pick(self.destinations.get(transit_country) or self.destinations["*"])
        detail = rng.choice(reference.REASON_DETAILS[reason]) if rng.random() < 0.5 else ""
        profile = len(chunk.profiles)
        chunk.profiles.append((case, reason, detail, left_home.isoformat(), transit_country, destination))
        route = self.route(nationality, transit_code)
        arrivals = sorted(rng.sample(range(1, travel + 1), len(route) - 1))
        dates = [left_home.isoformat()] + [(left_home + self.days(d)).isoformat() for d in arrivals]
        last = len(route) - 1
        for i, country in enumerate(route):
            if i == last and not origin_owned:
                place = reference.OFFICES[office_code][3]
            else:
                place = rng.choice(reference.PLACES[country])
            left_on = dates[i + 1] if i < last else (day if origin_owned else None)
            chunk.steps.append((profile, i + 1, country, place, dates[i] if i else None, left_on))
        # what happened since: handover to the origin office, closure
        age = (self.anchor - on).days / WINDOW_DAYS  # 0 = registered on the anchor date, 1 = two years before
        origin_office = self.world.offices.get(nationality)
        if (
            share_origin
            and not origin_owned
            and origin_office is not None
            and origin_office.kind == Office.Kind.ORIGIN
            and rng.random() < 0.1 + 0.3 * age
        ):
            chunk.shares.append((case, origin_office.pk, HANDOVER))
            chunk.events.append((case, "case.shared", HANDOVER, json.dumps({"office": origin_office.code})))
        roll = rng.random()
        status = CLOSED if roll < 0.03 + 0.35 * age else ON_HOLD if roll < 0.07 + 0.35 * age else OPEN
        if status != OPEN:
            chunk.events.append((case, "case.status", "", json.dumps({"from": OPEN, "to": status})))
        chunk.cases[case] = (office.pk, office.code, on.year, day, members[0].index, status)
        return kept_document

    def flags(self, chunk: Chunk, case: int, members: list[Member], day: str) -> None:
        """Vulnerabilities found at screening, with roughly the prevalence seen in such caseloads."""
        rng = self.rng
        principal = members[0]
        found: list[tuple[Member, str]] = []
        if principal.age < 18:
            found.append((principal, Kind.UASC))
        for m in members:
            if m.relationship != Rel.PRINCIPAL and m.age < 18:
                found.append((m, Kind.CHILD_WITH_FAMILY))
            if m.age >= 60:
                found.append((m, Kind.OLDER_PERSON))
            if m.person.sex == Sex.FEMALE and 18 <= m.age <= 45 and rng.random() < 0.06:
                found.append((m, Kind.PREGNANT_LACTATING))
        female = principal.person.sex == Sex.FEMALE
        if rng.random() < (0.07 if female else 0.015):
            found.append((principal, Kind.VOT_PRESUMED))
        if rng.random() < 0.08:
            found.append((principal, Kind.SURVIVOR_VIOLENCE))
        if rng.random() < 0.04:
            found.append((rng.choice(members), Kind.SERIOUS_MEDICAL))
        if rng.random() < 0.05:
            found.append((principal, Kind.MENTAL_HEALTH))
        if rng.random() < 0.02:
            found.append((rng.choice(members), Kind.DISABILITY))
        for member, kind in found:
            notes = rng.choice(reference.FLAG_NOTES[kind])
            # VulnerabilityFlag.save() sets `sensitive`; rows written in bulk must carry it themselves.
            chunk.flags.append(
                (case, member.index, str(kind), day, notes, kind in VulnerabilityFlag.SENSITIVE)
            )

    # --- near-duplicates ---------------------------------------------------------------------------
    def duplicate_case(self, chunk: Chunk, on: datetime.date) -> None:
        """The same person registered again, often at the next office on their way, with the name
        spelt differently, the birth date moved, and sometimes the same phone or document."""
        rng = self.rng
        entry = rng.choice(self.pool)
        original = entry.person
        nationality = original.nationality_id
        fields, notes = self.name_variant(original)
        dob = original.date_of_birth
        roll = rng.random()
        if roll < 0.2:
            estimated = original.birth_date_estimated
        elif roll < 0.5:  # estimated this time: 1 January of a year within a year of the real date
            years = [
                y
                for y in (dob.year - 1, dob.year, dob.year + 1)
                if abs((datetime.date(y, 1, 1) - dob).days) <= 365
            ]
            dob, estimated = datetime.date(rng.choice(years), 1, 1), True
        else:
            dob, estimated = dob + self.days(rng.choice((-1, 1)) * rng.randint(1, 365)), False
        dob = min(dob, on - self.days(18 * 366))  # still an adult
        if dob != original.date_of_birth:
            notes.append(f"dob:{(dob - original.date_of_birth).days:+d}d")
        phone = ""
        if original.phone and rng.random() < 0.4:
            phone = original.phone if rng.random() < 0.5 else original.phone.replace(" ", "")
            notes.append("same_phone")
        elif rng.random() < 0.5:
            phone = self.phone(nationality)
        person = person_build(
            **fields,
            sex=original.sex,
            date_of_birth=dob,
            birth_date_estimated=estimated,
            nationality=original.nationality,
            languages=list(original.languages),
            phone=phone,
        )
        office_code = entry.office
        onward = [
            c for c in reference.NEXT_OFFICE.get(office_code, ()) if reference.OFFICES[c][2] != nationality
        ]
        if onward and rng.random() < 0.65:
            office_code = rng.choice(onward)
        document = None
        if entry.document and rng.random() < 0.35:
            kind, number, issuing = entry.document
            if rng.random() < 0.5:
                number = f"{number[:2]} {number[2:]}"  # written with a space: the same once normalised
            document = document_build(
                person=person, kind=kind, number=number, issuing_country=self.world.countries[issuing]
            )
            notes.append("same_document")
        member = Member(person, Rel.PRINCIPAL, on.year - dob.year)
        self.write_case(chunk, [member], nationality, office_code, on, principal_document=document)
        chunk.duplicates.append((entry.index, member.index, "; ".join(notes)))

    def name_variant(self, p: Person) -> tuple[dict, list[str]]:
        """The names written another way: a known variant spelling, a slip, or given and family swapped."""
        rng = self.rng
        given, family = p.given_name, p.family_name
        roll = rng.random()
        if roll < 0.15 and given != family:
            fields = {"given_name": family, "family_name": given}
            notes = ["swapped"]
        else:
            words = [("given", w) for w in given.split()] + [("family", w) for w in family.split()]
            known = [(part, w) for part, w in words if w in names.VARIANTS]
            part, word = rng.choice(known) if known and roll < 0.8 else rng.choice(words)
            spelling = (part, word) in known
            new = rng.choice(names.VARIANTS[word]) if spelling else typo(rng, word)
            source = given if part == "given" else family
            changed = " ".join(new if w == word else w for w in source.split())
            fields = {
                "given_name": changed if part == "given" else given,
                "family_name": changed if part == "family" else family,
            }
            notes = [f"{'spelling' if spelling else 'typo'}:{part} {word}>{new}"]
        if (
            p.original_script and rng.random() < 0.5
        ):  # the original script again, in the same order as the Latin
            swapped = notes == ["swapped"]
            fields.update(
                given_name_original=p.family_name_original if swapped else p.given_name_original,
                family_name_original=p.given_name_original if swapped else p.family_name_original,
                original_script=p.original_script,
            )
        return fields, notes
