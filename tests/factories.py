"""Factories for tests. Reference data (countries) comes from the migration; cases go through services."""

import datetime

import factory
from django.contrib.auth import get_user_model

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases import services
from sankofa.cases.models import Case, CaseMember
from sankofa.core.models import Country

PASSWORD = "correct-horse-battery-staple"


def country(iso3: str) -> Country:
    """A country row loaded by core.0002_load_countries."""
    return Country.objects.get(iso3=iso3)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = "IOM"
    kind = Organisation.Kind.IOM


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Office {n}")
    code = factory.Sequence(lambda n: f"OF{n:03d}")
    country = factory.LazyFunction(lambda: country("NER"))
    kind = Office.Kind.TRANSIT

    @factory.post_generation
    def covers(self, create, extracted, **kwargs):
        if create and extracted:
            self.covers.add(*extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)
    is_active = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)
    role = Role.CASEWORKER
    sensitive_access = False


def user_in(
    office: Office, role: str = Role.CASEWORKER, *, sensitive: bool = False, username: str | None = None
):
    """A user with one active membership: `role` in `office`, with or without sensitive access."""
    extra = {"username": username} if username else {}
    user = UserFactory(**extra)
    MembershipFactory(user=user, office=office, role=role, sensitive_access=sensitive)
    return user


def member(
    given_name: str = "Aïssatou",
    family_name: str = "Diallo",
    *,
    relationship: str = CaseMember.Relationship.PRINCIPAL,
    sex: str = "F",
    nationality: str | None = "GIN",
    documents: list[services.DocumentInput] = (),
    aliases: list[str] = (),
    **person,
) -> services.MemberInput:
    """Input for one case member, as a form or the API would hand it to the services."""
    fields = {
        "given_name": given_name,
        "family_name": family_name,
        "sex": sex,
        "nationality": country(nationality) if nationality else None,
        **person,
    }
    return services.MemberInput(
        person=fields, relationship=relationship, documents=list(documents), aliases=list(aliases)
    )


def register_case(
    *,
    actor,
    office: Office,
    principal: services.MemberInput | None = None,
    members: list[services.MemberInput] = (),
    consents: list[services.ConsentInput] = (),
    flags: list[services.FlagInput] = (),
    profile: services.ProfileInput | None = None,
    registered_on: datetime.date | None = None,
    **principal_fields,
) -> Case:
    """Register a case through cases.services.case_register, so every rule of registration applies."""
    return services.case_register(
        actor=actor,
        office=office,
        principal=principal or member(**principal_fields),
        members=list(members),
        consents=list(consents),
        flags=list(flags),
        profile=profile,
        registered_on=registered_on,
    )


def consent_given(case: Case, people, *purposes: str, actor=None, on: datetime.date | None = None) -> None:
    """Record, through cases.services.consent_record, that each person consented to each purpose: what
    a caseworker does before a return, assistance or a monitoring survey, which require it."""
    on = on or datetime.date.today() - datetime.timedelta(days=30)
    for person in people:
        for purpose in purposes:
            services.consent_record(
                actor=actor or case.assigned_to,
                case=case,
                person=person,
                consent=services.ConsentInput(0, purpose, True, on),
            )


def satisfy_mfa(user):
    """Give `user` an authenticator app (TOTP) when their role requires two-factor authentication
    and they have none yet, as a real user in that role has done before reaching any page. Returns
    the TOTP secret it set up, or None."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from sankofa.access.rules import mfa_required, mfa_set_up

    if not mfa_required(user) or mfa_set_up(user):
        return None
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The current code of an authenticator app holding `secret`."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def api_token(user, device: str = "tests") -> str:
    """An `Authorization` header value with a new API token of `user` (its role's two-factor
    requirement satisfied, as the token endpoint would have demanded)."""
    from sankofa.access.models import ApiToken

    satisfy_mfa(user)
    _token, key = ApiToken.objects.create(user, name=device)
    return f"Token {key}"
