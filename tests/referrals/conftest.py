"""Referral fixtures: two providers with their own partner users (Croissant-Rouge in Niger, an
NGO in Libya), an off-system ministry, consent to share, and referrals made through services."""

import datetime

import pytest
from django.utils import timezone

from sankofa.access.models import Office, Organisation, Role
from sankofa.assistance.models import Service
from sankofa.cases.models import Case
from sankofa.referrals import services
from sankofa.referrals.models import FocalPoint, Pathway, PathwayStep, Provider, ShareField
from tests import factories

BASIC = [ShareField.NAME, ShareField.SEX, ShareField.DATE_OF_BIRTH]


def make_provider(organisation: Organisation, country: str = "NER", **fields) -> Provider:
    provider = Provider.objects.create(
        organisation=organisation, country=factories.country(country), **fields
    )
    provider.services.set(Service.objects.filter(code__in=["shelter-temporary", "psychosocial-individual"]))
    return provider


def partner_in(organisation: Organisation, username: str, code: str):
    office = factories.OfficeFactory(
        organisation=organisation, name=f"{organisation.name} office", code=code, kind=Office.Kind.TRANSIT
    )
    user = factories.user_in(office, Role.PARTNER, username=username)
    return user


@pytest.fixture
def service():
    return Service.objects.get(code="shelter-temporary")


@pytest.fixture
def provider(partner_org):
    provider = make_provider(partner_org, areas_served="Niamey")
    FocalPoint.objects.create(provider=provider, name="Aminata", email="aminata@croissant.example")
    return provider


@pytest.fixture
def provider_user(provider):
    """A partner user of the provider the referrals are addressed to."""
    return partner_in(provider.organisation, "crs.partner", "CRS")


@pytest.fixture
def other_provider(db):
    return make_provider(factories.OrganisationFactory(name="Libya Aid", kind=Organisation.Kind.NGO), "LBY")


@pytest.fixture
def other_partner(other_provider):
    """A partner user of another provider: must never see the first provider's referrals."""
    return partner_in(other_provider.organisation, "lya.partner", "LYA")


@pytest.fixture
def ministry(db):
    """An off-system provider: an organisation without users."""
    return make_provider(
        factories.OrganisationFactory(name="Ministère de la Santé", kind=Organisation.Kind.GOVERNMENT)
    )


def consent(case: Case, provider: Provider, fields=BASIC, *, actor, person=None):
    return services.consent_to_share_record(
        actor=actor,
        case=case,
        person=person or case.principal,
        organisation=provider.organisation,
        fields=list(fields),
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )


def refer(case: Case, provider: Provider, *, actor, service=None, fields=BASIC, send=True, **kwargs):
    kwargs.setdefault("priority", "normal")
    kwargs.setdefault("reason", "Needs a safe place to stay tonight.")
    return services.referral_create(
        actor=actor,
        case=case,
        people=kwargs.pop("people", [case.principal]),
        provider=provider,
        service=service or Service.objects.get(code="shelter-temporary"),
        fields=list(fields),
        send=send,
        **kwargs,
    )


@pytest.fixture
def sent_referral(case_a, provider, provider_user, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)
    return refer(case_a, provider, actor=caseworker_a)


@pytest.fixture
def pathway(provider, service):
    pathway = Pathway.objects.create(
        country=factories.country("NER"),
        need="trafficking",
        name_en="Victim of trafficking — Niger",
        name_fr="Victime de traite — Niger",
    )
    PathwayStep.objects.create(
        pathway=pathway,
        order=1,
        title_en="Shelter",
        title_fr="Hébergement",
        provider=provider,
        service=service,
    )
    return pathway
