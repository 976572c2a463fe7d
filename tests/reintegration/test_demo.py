"""The reintegration demo: every stage of the journey at the Abidjan office, made through the services."""

import io

import pytest
from django.core.management import call_command

from sankofa.reintegration.models import (
    Arrival,
    CaseClosure,
    CommunityProject,
    ReintegrationPlan,
    SustainabilitySurvey,
)
from sankofa.reintegration.selectors import project_beneficiaries

pytestmark = pytest.mark.django_db


def test_demo_shows_every_stage_once():
    call_command("demo", people=150, stdout=io.StringIO())
    statuses = set(ReintegrationPlan.objects.values_list("status", flat=True))
    assert statuses == set(ReintegrationPlan.Status.values)
    assert set(CaseClosure.objects.values_list("status", flat=True)) >= {"requested", "approved", "reopened"}
    assert Arrival.objects.filter(return_request__isnull=True).count() >= 12
    assert ReintegrationPlan.objects.filter(items__assistance__stage="reintegration").exists()
    from django.contrib.auth import get_user_model

    caseworker = get_user_model().objects.get(username="caseworker.civ")
    beneficiaries = project_beneficiaries(actor=caseworker)
    assert CommunityProject.objects.count() == 2 and beneficiaries.returnees == 4  # one linked twice
    conducted = SustainabilitySurvey.objects.filter(conducted_on__isnull=False)
    assert conducted.filter(kind="baseline").exists() and conducted.filter(kind="follow_up").exists()
    plans, surveys = ReintegrationPlan.objects.count(), conducted.count()
    call_command("demo", people=0, stdout=io.StringIO())
    assert ReintegrationPlan.objects.count() == plans
    assert conducted.count() == surveys
