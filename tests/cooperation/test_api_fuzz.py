"""Schemathesis against the cooperation and programme endpoints, as an editor with data, so that
writes (action creation, status changes) are fuzzed too, not only refused."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings

from tests import factories

from ..cases.test_api_fuzz import CHECKS, api_schema  # noqa: F401  (fixture)
from .conftest import add_action

pytestmark = pytest.mark.django_db
PATHS = (
    "/api/v1/frameworks",
    "/api/v1/matrices",
    "/api/v1/actions",
    "/api/v1/meetings",
    "/api/v1/resources",
    "/api/v1/programmes",
)


@pytest.fixture
def editor_header(editor, matrix, ministry_ner):
    add_action(matrix, editor, responsible=[ministry_ner], due_on=datetime.date(2025, 2, 1))
    return {"Authorization": factories.api_token(editor)}


def test_cooperation_api_conforms_to_its_schema_and_never_fails(api_schema, editor_header):  # noqa: F811
    operations = [r.ok() for r in api_schema.get_all_operations()]
    operations = [op for op in operations if op.path.startswith(PATHS)]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case):
            case.call_and_validate(headers=editor_header, checks=CHECKS)

        check()
