"""The cooperation demo data: what the issue asks for, created once."""

import pytest

from sankofa.cooperation.models import Action, Framework, Meeting, Resource
from sankofa.cooperation.selectors import frameworks_visible_to
from sankofa.demo.cooperation import cooperation_demo_ensure
from sankofa.demo.services import demo_users_ensure, offices_ensure
from sankofa.programmes.models import Funding, Programme

pytestmark = pytest.mark.django_db


def test_cooperation_demo_has_every_status_late_actions_and_a_21_country_roadmap_once():
    users = {spec.username: user for spec, user, _new in demo_users_ensure(offices=offices_ensure())}
    cooperation_demo_ensure(actor=users["admin"])
    bilateral = Framework.objects.get(kind="bilateral")
    assert bilateral.matrices.count() == 3
    assert set(Action.objects.filter(framework=bilateral).values_list("status", flat=True)) == set(
        Action.Status.values
    )
    assert (
        Action.objects.filter(Action.late_q(), framework=bilateral)
        .filter(status__in=["planned", "in_progress"])
        .exists()
    )
    regional = Framework.objects.get(kind="regional")
    assert regional.countries.count() == 21 and regional.roadmaps.get().validations.exists()
    assert Meeting.objects.get(framework=regional).countries.count() == 21
    assert Action.objects.filter(source_meeting__isnull=False).exists()
    assert Programme.objects.count() == 2 and Funding.objects.exists() and Resource.objects.count() >= 3
    counts = (Action.objects.count(), Meeting.objects.count(), Resource.objects.count())
    assert "already" in cooperation_demo_ensure(actor=users["admin"])
    assert (Action.objects.count(), Meeting.objects.count(), Resource.objects.count()) == counts
    # the demo partner sees none of it
    assert not frameworks_visible_to(users["partner.ngo"]).exists()
    assert frameworks_visible_to(users["caseworker.ner"]).count() == 2
