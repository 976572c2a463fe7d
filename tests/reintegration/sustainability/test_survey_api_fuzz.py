"""Schemathesis on the sustainability endpoints as the origin office's caseworker and M&E officer, with
scheduled and conducted surveys: whatever is sent, no server error, answers as documented."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sankofa.config.wsgi import application
from sankofa.reintegration import services
from tests import factories

from .conftest import answers_all

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db):
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_sustainability_api_answers_as_documented(
    api_schema, family, mother, origin_caseworker, origin_me, scheme
):
    surveys = services.followups_schedule(case=family, person=mother)
    services.survey_conduct(
        actor=origin_caseworker,
        survey=surveys[0],
        answers=answers_all(scheme, lambda o: o[0]),
        conducted_on=timezone.localdate(),
    )
    operations = [op.ok() for op in api_schema.get_all_operations() if "/sustainability/" in op.ok().path]
    assert len(operations) >= 7
    for user in (origin_caseworker, origin_me):
        _fuzz(operations, {"Authorization": factories.api_token(user)})


def _fuzz(operations, headers):
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
