"""Programmes: read by programme staff, hidden from partners; funding totals never mix currencies."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sankofa.programmes.models import Donor, Funding, Programme
from sankofa.programmes.selectors import funding_totals, programmes_visible_to

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    programme = Programme.objects.create(
        code="mprr-wca", name_en="Migrant protection, return and reintegration",
        name_fr="Protection, retour et réintégration des migrants", starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )  # fmt: skip
    programme.countries.set([factories.country("NER"), factories.country("GIN")])
    eu = Donor.objects.create(name="European Union", short_name="EU")
    de = Donor.objects.create(name="Germany", country=factories.country("DEU"))
    Funding.objects.create(programme=programme, donor=eu, amount=Decimal("1000000"), currency="EUR")
    Funding.objects.create(programme=programme, donor=de, amount=Decimal("250000.50"), currency="EUR")
    Funding.objects.create(programme=programme, donor=eu, amount=Decimal("300000"), currency="USD")
    return programme


def test_funding_totals_are_per_currency(programme):
    assert funding_totals(programme=programme) == [("EUR", Decimal("1250000.50")), ("USD", Decimal("300000"))]


def test_funding_currency_must_be_iso_4217(programme):
    funding = Funding(programme=programme, donor=Donor.objects.first(), amount=1, currency="EU")
    with pytest.raises(ValidationError):
        funding.full_clean()


def test_staff_read_programmes_partners_and_outsiders_do_not(programme, caseworker_a, partner_user, outsider):
    assert list(programmes_visible_to(caseworker_a)) == [programme]
    assert not programmes_visible_to(partner_user).exists()
    assert not programmes_visible_to(outsider).exists()


def test_programme_page_shows_funding_in_french(client, programme, caseworker_a, partner_user):
    client.force_login(caseworker_a)
    page = client.get(
        reverse("programmes:detail", args=[programme.code]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "European Union" in page and "EUR" in page
    page = client.get("/fr/programmes/mprr-wca/").content.decode()
    assert "Protection, retour et réintégration des migrants" in page and "Financement" in page
    client.force_login(partner_user)
    assert client.get(reverse("programmes:detail", args=[programme.code])).status_code == 404
    assert client.get(reverse("programmes:list")).status_code == 404


def test_programme_api_lists_funding(api_client, programme, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    (row,) = api_client.get("/api/v1/programmes/").json()
    assert row["code"] == "mprr-wca" and {f["currency"] for f in row["fundings"]} == {"EUR", "USD"}
    assert api_client.get("/api/v1/programmes/nope/").status_code == 404
