"""Demo indicator data: generated assistance and returns for seeded cases, programme links and
targets, so that the dashboard shows figures after `sankofa demo`; deterministic and idempotent."""

import io

import pytest
from django.core.management import call_command

from sankofa.assistance.models import AssistanceRecord
from sankofa.demo.indicators import indicator_records_generate
from sankofa.programmes.models import ProgrammeCase, Target
from sankofa.returns.models import ReturnRequest

pytestmark = pytest.mark.django_db


def test_demo_gives_the_dashboard_records_links_and_targets():
    call_command("demo", people=400, stdout=io.StringIO())
    assert AssistanceRecord.objects.filter(stage="transit").exists()
    assert AssistanceRecord.objects.filter(stage="reintegration").exists()
    assert ReturnRequest.objects.filter(status="arrived").count() > 10
    assert ProgrammeCase.objects.filter(programme__code="mprr-wca").exists()
    assert Target.objects.filter(programme__code="mprr-wca", indicator="PA1", country=None).exists()
    records = AssistanceRecord.objects.count()
    assert indicator_records_generate() == {"assistance records": 0, "returns": 0}  # idempotent
    assert AssistanceRecord.objects.count() == records


def test_the_demo_returns_assists_and_surveys_only_people_who_consented():
    """The demo writes many rows in bulk, bypassing the services: it must still only write what the
    services would allow (consent to return, to assistance, to monitoring in force)."""
    from sankofa.cases.models import Consent
    from sankofa.demo.consents import consenting
    from sankofa.reintegration.models import SustainabilitySurvey

    call_command("demo", people=400, stdout=io.StringIO())
    assisted = consenting(Consent.Purpose.ASSISTANCE)
    records = set(AssistanceRecord.objects.values_list("case_id", "person_id"))
    assert records and records <= assisted
    returning = set(ReturnRequest.people.through.objects.values_list("returnrequest__case_id", "person_id"))
    assert returning and returning <= consenting(Consent.Purpose.RETURN)
    surveyed = set(
        SustainabilitySurvey.objects.filter(conducted_on__isnull=False).values_list("case_id", "person_id")
    )
    assert surveyed and surveyed <= consenting(Consent.Purpose.MONITORING)
