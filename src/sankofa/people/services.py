"""Writes about people. Callers (case services) check the case permission first; these keep the
derived search forms (folded name, tokens, normalised numbers) true to what was entered."""

from django.db import transaction

from sankofa.core.text import clean_text

from . import names
from .models import IdentityDocument, Person, PersonAlias, PersonNameToken

# The fields a caller may set on a person; the registration form and the API expose exactly these.
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "given_name_original",
    "family_name_original",
    "original_script",
    "sex",
    "date_of_birth",
    "birth_date_estimated",
    "nationality",
    "languages",
    "phone",
)
# Typed text: cleaned of control and invisible format characters (bidi overrides, zero-width...)
# here, where every name enters, so forms, the API, imports and the demo loader store the same.
TEXT_FIELDS = ("given_name", "family_name", "given_name_original", "family_name_original", "phone")


def _clean_fields(fields: dict) -> dict:
    return {k: clean_text(v) if k in TEXT_FIELDS and isinstance(v, str) else v for k, v in fields.items()}


def _clean_aliases(aliases) -> list[str]:
    return [a for a in (clean_text(a) for a in aliases) if a]


def person_build(**fields) -> Person:
    """An unsaved person with its derived fields filled in (bulk loaders save many at once). Refuses
    what Person.clean refuses (the date-of-birth rules), whoever calls: forms, API, loaders."""
    person = Person(**_clean_fields({k: v for k, v in fields.items() if k in PERSON_FIELDS}))
    person.clean()
    _derive(person)
    return person


def _derive(person: Person) -> None:
    person.phone_normalised = names.normalise_phone(person.phone)
    # Every word in order, repeats kept: "Assefa Assefa" (name and patronymic) is not "Assefa".
    person.name_folded = " ".join(
        filter(None, (names.fold(person.given_name), names.fold(person.family_name)))
    )[:400]


def name_tokens_for(person: Person, aliases: list[str] = ()) -> list[PersonNameToken]:
    rows = names.token_rows(
        person.given_name,
        person.family_name,
        person.given_name_original,
        person.family_name_original,
        *aliases,
    )
    year = person.date_of_birth.year if person.date_of_birth else None
    return [PersonNameToken(person=person, token=t, key=k, skel=s, birth_year=year) for t, k, s in rows]


@transaction.atomic
def person_create(*, aliases: list[str] = (), **fields) -> Person:
    """Create a person with aliases and search tokens."""
    person = person_build(**fields)
    person.save()
    aliases = _clean_aliases(aliases)
    PersonAlias.objects.bulk_create([PersonAlias(person=person, name=a) for a in aliases])
    PersonNameToken.objects.bulk_create(name_tokens_for(person, aliases))
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    """Update the given fields and rebuild the search forms; refuses what Person.clean refuses."""
    for key, value in _clean_fields(fields).items():
        if key not in PERSON_FIELDS:
            raise TypeError(f"unknown person field {key}")
        setattr(person, key, value)
    person.clean()
    _derive(person)
    person.save()
    person_reindex(person=person)
    return person


def person_reindex(*, person: Person) -> None:
    """Rebuild the name tokens from names and aliases."""
    PersonNameToken.objects.filter(person=person).delete()
    aliases = list(person.aliases.values_list("name", flat=True))
    PersonNameToken.objects.bulk_create(name_tokens_for(person, aliases))


@transaction.atomic
def person_alias_add(*, person: Person, name: str, kind: str = PersonAlias.Kind.ALIAS) -> PersonAlias:
    alias = PersonAlias.objects.create(person=person, name=clean_text(name), kind=kind)
    person_reindex(person=person)
    return alias


def document_build(*, person: Person, kind: str, number: str, issuing_country, expires_on=None, actor=None):
    return IdentityDocument(
        person=person,
        kind=kind,
        number=clean_text(number),
        number_normalised=names.normalise_document_number(number),
        issuing_country=issuing_country,
        expires_on=expires_on,
        recorded_by=actor,
    )


def document_add(*, person: Person, kind: str, number: str, issuing_country, expires_on=None, actor=None):
    """Record an identity document with its normalised number."""
    document = document_build(
        person=person,
        kind=kind,
        number=number,
        issuing_country=issuing_country,
        expires_on=expires_on,
        actor=actor,
    )
    document.save()
    return document
