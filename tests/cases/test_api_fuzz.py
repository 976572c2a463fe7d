"""Schemathesis generates requests from our OpenAPI schema: whatever a client sends, the API
answers with what the schema promises and never with a server error."""

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


@pytest.fixture
def api_schema(db):
    # Like Django's test client: a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token_header(caseworker_a, case_a):
    """A caseworker of Niamey with one family case, so reads and writes have something to touch."""
    return {"Authorization": factories.api_token(caseworker_a)}


# Business rules may refuse a schema-valid request (wrong password, illegal transition): the check
# that every schema-valid request is accepted does not apply here; every other answer must be documented.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_conforms_to_its_schema_and_never_fails(api_schema, token_header):
    # Schemathesis' own pytest plugin does not run under pytest 9 yet; drive Hypothesis directly.
    # Revoking tokens would revoke this test's own token halfway: tests/access/test_tokens.py covers them.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    operations = [op for op in operations if not op.path.startswith("/api/v1/auth/tokens/")]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case):
            case.call_and_validate(headers=token_header, checks=CHECKS)

        check()
