"""The demo has providers, pathways and referrals in every state, some overdue, some for partner.ngo."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from sankofa.referrals import selectors
from sankofa.referrals.models import Pathway, Provider, Referral

pytestmark = pytest.mark.django_db


def test_demo_makes_referrals_in_every_state_once():
    out = io.StringIO()
    call_command("demo", people=300, stdout=out)
    assert "demo referral(s) made" in out.getvalue()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(Referral.Status.values)
    assert Provider.objects.values("country").distinct().count() >= 4
    assert Pathway.objects.filter(name_en="Unaccompanied child — Guinea").exists()
    partner = get_user_model().objects.get(username="partner.ngo")
    assert selectors.portal_referrals(partner).count() >= 5
    overdue = selectors.overdue(Referral.objects.all(), now=timezone.now())
    assert overdue.count() >= 2
    count = Referral.objects.count()
    call_command("demo", people=300, stdout=io.StringIO())
    assert Referral.objects.count() == count
