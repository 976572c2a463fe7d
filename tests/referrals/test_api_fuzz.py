"""Schemathesis on the referral endpoints as a partner user (the fuzz test in tests/cases covers
every operation as a caseworker): whatever a partner sends, no server error, answers as documented."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sankofa.config.wsgi import application
from tests import factories

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db):
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_referral_api_answers_a_partner_as_documented(api_schema, provider_user, sent_referral):
    headers = {"Authorization": factories.api_token(provider_user)}
    operations = [
        op.ok()
        for op in api_schema.get_all_operations()
        if "referral" in op.ok().path or "provider" in op.ok().path or "pathway" in op.ok().path
    ]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()


def test_provider_import_answers_an_administrator_as_documented(api_schema, office_a):
    from sankofa.access.models import Role

    admin = factories.user_in(office_a, Role.ADMINISTRATOR, username="fuzz_admin")
    headers = {"Authorization": factories.api_token(admin)}
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().path.endswith("/import/"))

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
